//! The create request (`POST /databases/postgresql`) and its catalogue product.

use serde::{Deserialize, Serialize};

use super::{SupportLevel, Topology};

/// The body of `POST /databases/postgresql` (create an instance; answered 202 with an
/// [`Action`](crate::models::Action)). Required fields (C1-C9) have plain types; the optional
/// ones (C9-C11) are `Option` and left out of the JSON when `None`.
///
/// Decode it only after `validate_create` passed: decoding is strict on required fields.
/// `Debug` redacts `admPassword`.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePostgresql {
    /// Administrator password: at least 12 characters with a lowercase and an uppercase letter,
    /// a digit and a special character (C4).
    pub adm_password: String,
    /// Allowed replication lag in MB, 1 to 10240 (C8).
    #[serde(deserialize_with = "super::integer::int")]
    pub allowed_replication_lag: i64,
    /// Area of the region hosting the instance (C10).
    pub area: String,
    /// Availability zone (required for HA, C9; non-empty, C10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub az: Option<String>,
    /// Whether backups are enabled (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub backup_enabled: Option<bool>,
    /// Cloud id (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[serde(deserialize_with = "super::integer::opt_int")]
    pub cloud_id: Option<i64>,
    /// Database backup policy id (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub db_backup_policy_id: Option<String>,
    /// Storage per data node in GB, 40 to 1024 (C3).
    #[serde(deserialize_with = "super::integer::int")]
    pub disk_size: i64,
    /// Network id, positive (C5).
    #[serde(deserialize_with = "super::integer::int")]
    pub network_id: i64,
    /// Why a production instance has no backup (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub no_backup_prod_reason: Option<String>,
    /// Why a production instance has no monitoring (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub no_monitoring_prod_reason: Option<String>,
    /// Why a production instance has no replication (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub no_replication_prod_reason: Option<String>,
    /// Node sizing `<N>cpu<M>gb`, e.g. `2cpu4gb` (C2).
    pub node_sizing: String,
    /// Name prefix (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub prefix: Option<String>,
    /// Catalogue product (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product: Option<Product>,
    /// Product code, e.g. `deb12pg16` (C10, P1).
    pub product_code: String,
    /// Region (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub region: Option<String>,
    /// Regulation (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub regulation: Option<String>,
    /// Whether replication is enabled (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub replication_enabled: Option<bool>,
    /// Server backup policy id (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub server_backup_policy_id: Option<String>,
    /// Service the instance belongs to, positive (C5).
    #[serde(deserialize_with = "super::integer::int")]
    pub service_id: i64,
    /// Support level (C11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub support_level: Option<SupportLevel>,
    /// Whether TLS is enabled (required for HA, C9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tls: Option<bool>,
    /// `STANDALONE` or `HA` (C6).
    pub topology: Topology,
    /// Trigram: exactly three letters (C7).
    pub trigram: String,
    /// Instance name: 5 to 60 lowercase letters or digits, not `cluster` (C1).
    pub name: String,
    /// Node name prefix: 5 to 12 uppercase letters (required for HA, C9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub node_prefix: Option<String>,
}

// Hand-written so that `adm_password` never reaches a log through `{:?}`.
impl std::fmt::Debug for CreatePostgresql {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatePostgresql")
            .field("adm_password", &"<redacted>")
            .field("allowed_replication_lag", &self.allowed_replication_lag)
            .field("area", &self.area)
            .field("az", &self.az)
            .field("backup_enabled", &self.backup_enabled)
            .field("cloud_id", &self.cloud_id)
            .field("db_backup_policy_id", &self.db_backup_policy_id)
            .field("disk_size", &self.disk_size)
            .field("network_id", &self.network_id)
            .field("no_backup_prod_reason", &self.no_backup_prod_reason)
            .field("no_monitoring_prod_reason", &self.no_monitoring_prod_reason)
            .field(
                "no_replication_prod_reason",
                &self.no_replication_prod_reason,
            )
            .field("node_sizing", &self.node_sizing)
            .field("prefix", &self.prefix)
            .field("product", &self.product)
            .field("product_code", &self.product_code)
            .field("region", &self.region)
            .field("regulation", &self.regulation)
            .field("replication_enabled", &self.replication_enabled)
            .field("server_backup_policy_id", &self.server_backup_policy_id)
            .field("service_id", &self.service_id)
            .field("support_level", &self.support_level)
            .field("tls", &self.tls)
            .field("topology", &self.topology)
            .field("trigram", &self.trigram)
            .field("name", &self.name)
            .field("node_prefix", &self.node_prefix)
            .finish()
    }
}

/// The catalogue product of a create request (`product`, optional, carried through
/// untouched, C11). Its keys are UPPER_CASE as the API spells them, except `configuration`,
/// `properties`, `resources` and `storage`.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub struct Product {
    /// Backup policy type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub backup_policy_type: Option<String>,
    /// Sort weight of the category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub category_weight: Option<i64>,
    /// Product code, e.g. `deb12pg16`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub code: Option<String>,
    /// Comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub comment: Option<String>,
    /// Documentation link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub documentation: Option<String>,
    /// Edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub edition: Option<String>,
    /// End of sales, RFC 3339 date-time (T8), e.g. `2025-10-31T05:09:20.855Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub end_of_sales_at: Option<String>,
    /// End of support, RFC 3339 date-time (T8), e.g. `2025-10-31T05:09:20.855Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub end_of_support_at: Option<String>,
    /// Whether the authentication domain is enforced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub enforced_auth_domain: Option<bool>,
    /// Start of extended support, RFC 3339 date-time (T8), e.g. `2025-10-31T05:09:20.855Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub extended_support_at: Option<String>,
    /// Sort weight of the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub family_weight: Option<i64>,
    /// Product id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Image (logo) reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub img: Option<String>,
    /// Display label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub label: Option<String>,
    /// Product name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub platform: Option<String>,
    /// Product category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product_category: Option<String>,
    /// Whether the product is displayed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product_displayable: Option<bool>,
    /// Whether the product is disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product_is_disabled: Option<bool>,
    /// Whether the product is in beta.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product_is_in_beta_mode: Option<bool>,
    /// Form settings of the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product_magic_forms: Option<String>,
    /// Whether the technology step is skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product_skip_technology: Option<bool>,
    /// Technology.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product_technology: Option<String>,
    /// Product version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product_version: Option<String>,
    /// Release date, RFC 3339 date-time (T8), e.g. `2025-10-31T05:09:20.855Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub released_at: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub status: Option<String>,
    /// Whether a support form is available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub support_form_available: Option<bool>,
    /// Support form id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub support_form_id: Option<String>,
    /// Support phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub support_phase: Option<String>,
    /// Whether the technology is form-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tech_formonly: Option<bool>,
    /// Sort weight of the technology.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tech_weight: Option<i64>,
    /// Product type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub r#type: Option<String>,
    /// Version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub version: Option<String>,
    /// Configuration (topologies).
    #[serde(rename = "configuration")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub configuration: Option<ProductConfiguration>,
    /// Properties.
    #[serde(rename = "properties")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub properties: Vec<ProductProperty>,
    /// Sizing options.
    #[serde(rename = "resources")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub resources: Vec<ProductResource>,
    /// Storage rules.
    #[serde(rename = "storage")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub storage: Option<ProductStorage>,
}

/// Configuration of a product (`product.configuration`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductConfiguration {
    /// Topologies the product offers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub topologies: Vec<ProductTopology>,
}

/// Topology names of a product (`product.configuration.topologies[]`), as text.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductTopology {
    /// `alwaysOn` topology name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub always_on: Option<String>,
    /// `cluster` topology name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cluster: Option<String>,
    /// `galera` topology name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub galera: Option<String>,
    /// `ha` topology name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ha: Option<String>,
    /// `replica` topology name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub replica: Option<String>,
    /// `sentinel` topology name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sentinel: Option<String>,
    /// `single` topology name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub single: Option<String>,
    /// `standalone` topology name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub standalone: Option<String>,
}

/// A property of a product (`product.properties[]`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductProperty {
    /// Default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub default_value: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<String>,
    /// Whether it is displayed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub displayed: Option<bool>,
    /// Whether it is editable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub editable: Option<bool>,
    /// Property key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub key: Option<String>,
    /// Whether it is mandatory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub mandatory: Option<bool>,
    /// Value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub value: Option<String>,
}

/// A sizing option of a product (`product.resources[]`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductResource {
    /// Whether the option is available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub available: Option<bool>,
    /// Option id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Description in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub option_descr_en: Option<String>,
    /// Description in French.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub option_descr_fr: Option<String>,
    /// Option name, e.g. a node sizing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub option_name: Option<String>,
    /// Display order, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub option_order: Option<String>,
    /// RAM in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ram: Option<i64>,
    /// Number of vCPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub vcpus: Option<i64>,
}

/// Storage rules of a product (`product.storage`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductStorage {
    /// Maximum number of volumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_volumes: Option<i64>,
    /// Minimum volume size in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_volume_size: Option<i64>,
    /// Total size authorised in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub total_size_authorized: Option<i64>,
    /// Total size of the volumes in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub total_volumes_size: Option<i64>,
    /// Volumes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub volumes: Vec<StorageVolume>,
}

/// A storage volume of a product (`product.storage.volumes[]`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageVolume {
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<String>,
    /// Whether the volume is editable (`1`/`0`: the reference shows a number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub editable: Option<i64>,
    /// Whether the volume is excluded from snapshots (`1`/`0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub excl_from_snap: Option<i64>,
    /// Volume id, e.g. `data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Whether the volume is mandatory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub mandatory: Option<bool>,
    /// Maximum size in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max: Option<i64>,
    /// Minimum size in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min: Option<i64>,
    /// Display order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub order: Option<i64>,
    /// Size in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub size_gb: Option<i64>,
    /// Whether this is a system volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub system: Option<bool>,
}
