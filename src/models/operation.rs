//! The PATCH body (`PATCH /databases/postgresql/{id}`): `{"operation": "...", "options": {...}}`,
//! typed per operation (O1-O7). Any other operation name does not decode (O8).

use serde::{Deserialize, Serialize};

use super::RestoreStop;

/// One operation on an instance, encoded as the API's PATCH body
/// `{"operation": "<name>", "options": {...}}` (`start` and `stop` carry no `options`, O1).
/// Answered 202 with an [`Action`](crate::models::Action).
///
/// Decoding is lenient where O1 allows it: `start`/`stop` with `"options": {}` or `null` (the
/// reference's generic body always carries `options`) read as no options, as the validators do.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "operation", content = "options", rename_all = "snake_case")]
pub enum PostgresqlOperation {
    /// Start the instance (O1).
    Start,
    /// Stop the nodes and the instance (O1). Cannot be undone.
    Stop,
    /// Resize the nodes (O2). Cannot be undone.
    Resize(ResizeOptions),
    /// Restore another instance's backup into this one, point in time (O3).
    Restore(RestoreOptions),
    /// Convert a STANDALONE instance (major version 12 or more) to HA (O4).
    EnableHa(EnableHaOptions),
    /// Include in or exclude from the patch party (O5; synchronous, still 202).
    UpdatePatchParty(UpdatePatchPartyOptions),
    /// Install extensions in a database (O6; self-service from major version 15, P4).
    InstallExtension(InstallExtensionOptions),
    /// Upgrade to another major version (O7, one of `GET .../versions`).
    Upgrade(UpgradeOptions),
}

impl PostgresqlOperation {
    /// Every operation name the API accepts, in the order of the reference (O8 refuses others).
    /// The one list: the validators (`validate::OPERATIONS`), the request bodies
    /// (`client::OPERATION_OPTIONS`), the forms (`form::OPERATION_FORMS`) and the portal (through
    /// the wasm export `operationNames`) take it from here.
    pub const NAMES: [&'static str; 8] = [
        "start",
        "stop",
        "resize",
        "restore",
        "enable_ha",
        "update_patch_party",
        "install_extension",
        "upgrade",
    ];

    /// The `operation` value as the API spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Stop => "stop",
            Self::Resize(_) => "resize",
            Self::Restore(_) => "restore",
            Self::EnableHa(_) => "enable_ha",
            Self::UpdatePatchParty(_) => "update_patch_party",
            Self::InstallExtension(_) => "install_extension",
            Self::Upgrade(_) => "upgrade",
        }
    }

    /// Whether the operation cannot be undone, so a UI must confirm it (O1 `stop`, O2 `resize`).
    pub fn is_irreversible(&self) -> bool {
        matches!(self, Self::Stop | Self::Resize(_))
    }
}

impl<'de> Deserialize<'de> for PostgresqlOperation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut body = serde_json::Value::deserialize(deserializer)?;
        if let Some(map) = body.as_object_mut() {
            let bare = matches!(
                map.get("operation").and_then(|o| o.as_str()),
                Some("start" | "stop")
            );
            let empty = map
                .get("options")
                .is_some_and(|o| o.as_object().is_some_and(|m| m.is_empty()));
            if bare && empty {
                map.remove("options");
            }
        }
        Wire::deserialize(body)
            .map(Wire::into)
            .map_err(D::Error::custom)
    }
}

/// The wire form the derive decodes; [`PostgresqlOperation`]'s `Deserialize` normalises the
/// body first (O1's empty options), then maps this one-to-one.
#[derive(Deserialize)]
#[serde(tag = "operation", content = "options", rename_all = "snake_case")]
enum Wire {
    Start,
    Stop,
    Resize(ResizeOptions),
    Restore(RestoreOptions),
    EnableHa(EnableHaOptions),
    UpdatePatchParty(UpdatePatchPartyOptions),
    InstallExtension(InstallExtensionOptions),
    Upgrade(UpgradeOptions),
}

impl From<Wire> for PostgresqlOperation {
    fn from(wire: Wire) -> Self {
        match wire {
            Wire::Start => Self::Start,
            Wire::Stop => Self::Stop,
            Wire::Resize(o) => Self::Resize(o),
            Wire::Restore(o) => Self::Restore(o),
            Wire::EnableHa(o) => Self::EnableHa(o),
            Wire::UpdatePatchParty(o) => Self::UpdatePatchParty(o),
            Wire::InstallExtension(o) => Self::InstallExtension(o),
            Wire::Upgrade(o) => Self::Upgrade(o),
        }
    }
}

/// Options of `resize` (O2).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResizeOptions {
    /// New node sizing `<N>cpu<M>gb`, e.g. `2cpu4gb` (same format as C2).
    pub sizing: String,
}

/// Options of `restore` (O3).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreOptions {
    /// Id of the source instance (positive; must be backed up and ACTIVE).
    #[serde(deserialize_with = "super::integer::int")]
    pub source_id: i64,
    /// Stop `BEFORE` or `AFTER` the timestamp.
    pub stop: RestoreStop,
    /// Point in time, RFC 3339, e.g. `2022-11-02T09:32:02.000+00:00`; within the last 14 days
    /// for a production service, 7 days otherwise.
    pub timestamp: String,
}

/// Options of `enable_ha` (O4).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnableHaOptions {
    /// Allowed replication lag, 1 to 500.
    #[serde(deserialize_with = "super::integer::int")]
    pub replication_lag: i64,
    /// Change reference (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub change_reference: Option<String>,
}

/// Options of `update_patch_party` (O5).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePatchPartyOptions {
    /// The new patch party settings.
    pub patch_party: PatchPartyUpdate,
}

/// Patch party settings sent by `update_patch_party` (O5).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PatchPartyUpdate {
    /// `true` excludes the instance from the patch party, `false` includes it.
    pub excluded: bool,
    /// Patching group; only allowed when the instance has exactly one node. Not empty (O5); a
    /// number is read as its text, as the validator accepts it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::integer::opt_text"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub patch_group: Option<String>,
    /// Why the instance is excluded (required when `excluded` is true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub exclusion_reason: Option<String>,
}

/// Options of `install_extension` (O6). The list key is `extensions_list`, snake_case as the
/// API spells it (unlike every other key).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstallExtensionOptions {
    /// Database to install the extensions in.
    pub dbname: String,
    /// Extensions to install: a non-empty list of `{"name": ...}`.
    #[serde(rename = "extensions_list")]
    pub extensions_list: Vec<ExtensionRef>,
}

/// An extension named in `install_extension` (O6).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionRef {
    /// Extension name (non-empty), as `GET .../extensions` lists it.
    pub name: String,
}

/// Options of `upgrade` (O7).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpgradeOptions {
    /// Target major version as a string, e.g. `"16"` (one of `GET .../versions`).
    pub target_version: String,
    /// Change reference (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub change_reference: Option<String>,
}
