//! Validators for the create rules C1–C11 and the operation rules O1–O8 (and P4) of
//! `docs/spec/API.md`, on plain [`serde_json::Value`]s so that any JSON a caller hands in —
//! wrong types included — becomes a list of [`ValidationIssue`]s, never a panic.
//!
//! Readings of the rules (see also `docs/validation-codes.md`):
//! - A required field that is absent **or `null`** is `required`; any other wrong JSON type is `type`.
//!   An optional field may be `null` (treated as absent).
//! - An empty string `""` where a required text belongs is `empty` (and no further rule is checked
//!   on it). Only `""` is empty; whitespace is left to the server.
//! - Numbers: JavaScript has one number type, so an integral float (`40.0`) is an integer; a
//!   fractional one (`40.5`) is `type`; an integer beyond the 64-bit / JS-safe range is `range`.
//! - The client must never reject what the server accepts, so where the reference is loose the
//!   reading is permissive: node prefixes may hold digits (C9), passwords count any Unicode
//!   lowercase/uppercase/numeric character and anything that is not an ASCII letter or digit as
//!   special (C4), an unparseable instance version or unknown member count skips the check.
//! - Issues come in rule order (C1..C11, O1..O8), then field order; state checks that need the
//!   instance come after the field checks of their operation. Instance-state issues (`state`) about
//!   the instance as a whole use the path `operation`.

mod checks;
mod create;
mod fast;
mod messages;
mod operation;

/// The major version of an instance's `version` (`"16"`, `"16.4"`), when readable (O4, P4).
pub use checks::major_version;
pub use create::parse_node_sizing;
#[cfg_attr(
    not(all(target_arch = "wasm32", feature = "js")),
    allow(unused_imports)
)]
pub(crate) use fast::{
    validate_create_packed, validate_field_packed, validate_operation_packed, NUMBER_COUNT,
};

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::models::PostgresqlInstance;

/// C1: shortest allowed instance name, in characters.
pub const NAME_MIN_CHARS: i64 = 5;
/// C1: longest allowed instance name, in characters.
pub const NAME_MAX_CHARS: i64 = 60;
/// C1: the one name that is forbidden.
pub const FORBIDDEN_NAME: &str = "cluster";
/// C3: smallest disk size in GB.
pub const DISK_SIZE_MIN_GB: i64 = 40;
/// C3: largest disk size in GB.
pub const DISK_SIZE_MAX_GB: i64 = 1024;
/// C4: shortest administrator password, in characters.
pub const PASSWORD_MIN_CHARS: i64 = 12;
/// C6: the topologies a create request may ask for.
pub const TOPOLOGIES: [&str; 2] = ["STANDALONE", "HA"];
/// C8: smallest allowed replication lag in MB.
pub const REPLICATION_LAG_MIN_MB: i64 = 1;
/// C8: largest allowed replication lag in MB.
pub const REPLICATION_LAG_MAX_MB: i64 = 10_240;
/// C9: shortest HA node prefix, in characters.
pub const NODE_PREFIX_MIN_CHARS: i64 = 5;
/// C9: longest HA node prefix, in characters.
pub const NODE_PREFIX_MAX_CHARS: i64 = 12;
/// O8: every operation the PATCH endpoint knows, in the reference's order
/// ([`PostgresqlOperation::NAMES`](crate::models::PostgresqlOperation::NAMES), the one list).
pub const OPERATIONS: [&str; 8] = crate::models::PostgresqlOperation::NAMES;
/// O3: the environments read as a production service (compared ignoring case and surrounding
/// spaces).
pub const PRODUCTION_ENVIRONMENTS: [&str; 2] = ["PRODUCTION", "PROD"];
/// O3: the environments read as a non-production service (compared as above): only those that
/// say so outright (the simulator's `NON_PRODUCTION` among them). Any other environment (`DEV`,
/// `QA`… may still belong to a production service) is unknown, which the rules read as production:
/// the wider window, so a guess never refuses what the server accepts.
pub const NON_PRODUCTION_ENVIRONMENTS: [&str; 5] = [
    "NON_PRODUCTION",
    "NON-PRODUCTION",
    "NON_PROD",
    "NON-PROD",
    "NONPROD",
];
/// O3: the `stop` values of a restore.
pub const RESTORE_STOPS: [&str; 2] = ["BEFORE", "AFTER"];
/// O3: how far back a production service (or one whose kind is unknown) may be restored, in days.
pub const RESTORE_WINDOW_PRODUCTION_DAYS: i64 = 14;
/// O3: how far back a non-production service may be restored, in days.
pub const RESTORE_WINDOW_NON_PRODUCTION_DAYS: i64 = 7;
/// O4: smallest `replicationLag` of `enable_ha`.
pub const HA_REPLICATION_LAG_MIN: i64 = 1;
/// O4: largest `replicationLag` of `enable_ha`.
pub const HA_REPLICATION_LAG_MAX: i64 = 500;
/// O4: lowest major version that can be converted to HA.
pub const HA_MIN_MAJOR_VERSION: i64 = 12;
/// P4: lowest major version with self-service extension install (O6).
pub const EXTENSION_MIN_MAJOR_VERSION: i64 = 15;

/// Language of the issue messages.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English (`"en"`), the default.
    #[default]
    En,
    /// French (`"fr"`).
    Fr,
}

impl Locale {
    /// The locale of a language tag: `fr`, `fr-FR`, `FR`… give French, anything else English.
    pub fn from_tag(tag: &str) -> Locale {
        let lang = tag.split(['-', '_']).next().unwrap_or("");
        if lang.eq_ignore_ascii_case("fr") {
            Locale::Fr
        } else {
            Locale::En
        }
    }
}

/// What kind of rule an issue breaks (serialised in lowercase, e.g. `"required"`).
/// `docs/validation-codes.md` lists which rules use each code.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueCode {
    /// A required value is absent or `null`.
    Required,
    /// The value has the wrong JSON type (text for a number, a fraction for an integer, …).
    Type,
    /// A text is too short or too long (counted in characters).
    Length,
    /// A number is outside its allowed range.
    Range,
    /// A text does not have the required shape (allowed characters, `2cpu4gb`, …).
    Pattern,
    /// The value is explicitly forbidden (the name `cluster`).
    Forbidden,
    /// The value is not one of the allowed values.
    Enum,
    /// The password lacks a required length or character class.
    Password,
    /// A restore timestamp lies outside the allowed window.
    Window,
    /// The instance is in a state that does not allow the operation.
    State,
    /// A text is not in the required format (RFC 3339 date-time).
    Format,
    /// A text or list is empty where a non-empty one is required.
    Empty,
}

/// As [`IssueCode::as_str`] (what the derive would give, in less wasm).
impl Serialize for IssueCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl IssueCode {
    /// The code as serialised: `"required"`, `"type"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::Type => "type",
            IssueCode::Length => "length",
            IssueCode::Range => "range",
            IssueCode::Pattern => "pattern",
            IssueCode::Forbidden => "forbidden",
            IssueCode::Enum => "enum",
            IssueCode::Password => "password",
            IssueCode::Window => "window",
            IssueCode::State => "state",
            IssueCode::Format => "format",
            IssueCode::Empty => "empty",
        }
    }
}

/// One broken rule.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationIssue {
    /// JSON path of the offending value as the API spells it, e.g. `name`, `options.sizing`,
    /// `options.extensions_list[0].name`; `""` for the whole value.
    pub path: String,
    /// The kind of rule broken.
    pub code: IssueCode,
    /// A sentence for a person, in the requested locale. Never repeats the offending value.
    pub message: String,
    /// The rule of `docs/spec/API.md` that is broken, e.g. `"C1"`, `"O3"`, `"P4"`.
    #[serde(default)]
    pub rule: String,
}

/// What a caller knows about the instance an operation targets. Every field is optional; an
/// unknown fact skips the check that needs it. Decoding is lenient: unknown fields are ignored
/// and a field of the wrong type counts as unknown.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationContext {
    /// O3: whether the service is a production one (14-day restore window) or not (7 days).
    /// When absent, `instance.environment` decides ([`production_environment`]); unknown counts
    /// as production (the wider window: the server has the last word).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub production: Option<bool>,
    /// O3: the current time as RFC 3339; when absent or unparseable the `nowMs` argument is used.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub now: Option<String>,
    /// The instance the operation targets, as `GET /databases/postgresql/{id}` returned it
    /// (status for O3, topology and version for O4, version for P4, node count for O5).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub instance: Option<PostgresqlInstance>,
    /// O5: number of members (nodes) of the instance; wins over `instance.nodeCount`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_int"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub node_count: Option<i64>,
    /// O7: the major versions the instance can be upgraded to (`GET .../versions`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_ints"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub versions: Option<Vec<i64>>,
}

impl OperationContext {
    /// The context read from any JSON value with the same leniency as its `Deserialize` (a field
    /// of the wrong type is unknown; a value that is not an object is the empty context), field by
    /// field: the wasm boundary uses this, and `PostgresqlInstance`'s decoder (nodes, networks,
    /// backups…) would be ~50 KB of wasm for the seven fields the rules read ([`instance_facts`]).
    pub fn from_json(ctx: &Value) -> OperationContext {
        if !ctx.is_object() {
            return OperationContext::default();
        }
        OperationContext {
            production: ctx.get("production").and_then(Value::as_bool),
            now: text(ctx, "now"),
            instance: ctx.get("instance").and_then(instance_facts),
            node_count: ctx.get("nodeCount").and_then(checks::loose_integer),
            // One unreadable version makes the list unknown (permissive).
            versions: match ctx.get("versions") {
                Some(Value::Array(items)) => items.iter().map(checks::loose_integer).collect(),
                _ => None,
            },
        }
    }
}

/// The fields of an instance the rules read (id, backup status, environment, node count, status,
/// topology, version), each of the wrong type unknown on its own; `None` for a value that is not
/// an object.
pub fn instance_facts(i: &Value) -> Option<PostgresqlInstance> {
    i.is_object().then(|| PostgresqlInstance {
        id: i.get("id").and_then(Value::as_i64),
        backup_status: i.get("backupStatus").and_then(Value::as_bool),
        environment: text(i, "environment"),
        node_count: i.get("nodeCount").and_then(Value::as_i64),
        status: text(i, "status"),
        topology: text(i, "topology"),
        version: text(i, "version"),
        ..PostgresqlInstance::default()
    })
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Any value of the wrong shape becomes `None` instead of failing the whole context.
fn lenient<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let v = Option::<Value>::deserialize(d)?;
    Ok(v.and_then(|v| serde_json::from_value(v).ok()))
}

/// An integer that may arrive as an integral float (JS numbers) or a numeric string.
fn lenient_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = Option::<Value>::deserialize(d)?;
    Ok(v.as_ref().and_then(checks::loose_integer))
}

/// A list of integers; one unreadable element makes the whole list unknown (permissive).
fn lenient_ints<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<i64>>, D::Error> {
    let v = Option::<Value>::deserialize(d)?;
    Ok(match v {
        Some(Value::Array(items)) => items.iter().map(checks::loose_integer).collect(),
        _ => None,
    })
}

/// O3: whether an instance's `environment` names a production service (`Some(true)`), a
/// non-production one (`Some(false)`) or neither (`None`, unknown: read as production). See
/// [`PRODUCTION_ENVIRONMENTS`] and [`NON_PRODUCTION_ENVIRONMENTS`].
pub fn production_environment(environment: &str) -> Option<bool> {
    let env = environment.trim();
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(env));
    if is(&PRODUCTION_ENVIRONMENTS) {
        Some(true)
    } else if is(&NON_PRODUCTION_ENVIRONMENTS) {
        Some(false)
    } else {
        None
    }
}

/// The context of an operation on `instance`, with the facts the rules read from it in their one
/// reading: production or not from its environment ([`production_environment`], absent when
/// unknown), its node count (O5) and the instance itself (status, topology, version: O3, O4, P4).
/// The portal and users build their context with this instead of guessing the facts themselves.
pub fn operation_context_from_instance(instance: PostgresqlInstance) -> OperationContext {
    OperationContext {
        production: instance
            .environment
            .as_deref()
            .and_then(production_environment),
        node_count: instance.node_count,
        instance: Some(instance),
        ..OperationContext::default()
    }
}

/// Validates a create request (`POST /databases/postgresql`) against C1–C11.
/// Returns every broken rule in rule order; an empty list means valid. Allocates nothing on
/// valid input.
pub fn validate_create(request: &Value, locale: Locale) -> Vec<ValidationIssue> {
    let mut sink = checks::Sink::new(locale);
    create::validate(request, &mut sink);
    sink.issues
}

/// Validates one create field as the user types (`field` is the JSON name: `name`,
/// `diskSize`, `nodePrefix`…). `value` `null` means "not filled". Cross-field rules come from
/// `request`: when `request.topology` is `"HA"` the HA fields (C9) are required. An unknown
/// field name gives an empty list.
pub fn validate_create_field(
    field: &str,
    value: &Value,
    request: Option<&Value>,
    locale: Locale,
) -> Vec<ValidationIssue> {
    let mut sink = checks::Sink::new(locale);
    create::validate_field(field, value, request, &mut sink);
    sink.issues
}

/// Validates a PATCH body `{"operation": ..., "options": {...}}` against O1–O8 (and P4), using
/// what `ctx` knows about the instance. `now_ms` (milliseconds since the epoch) is the current
/// time unless `ctx.now` holds a parseable one.
pub fn validate_operation(
    op: &Value,
    ctx: &OperationContext,
    now_ms: i64,
    locale: Locale,
) -> Vec<ValidationIssue> {
    let mut sink = checks::Sink::new(locale);
    operation::validate(op, ctx, now_ms, &mut sink);
    sink.issues
}
