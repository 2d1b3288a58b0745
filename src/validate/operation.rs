//! Operation rules O1–O8 and P4 (`PATCH /databases/postgresql/{id}`).

use serde_json::{Map, Value};

use super::checks::{self, In, Need, Sink};
use super::messages::{Arg, Key};
use super::*;
use crate::time::parse_rfc3339;

const DAY_MS: i64 = 86_400_000;

/// The option names the fast boundary passes (`super::fast`), in the order of its values: every
/// option of the operations it takes (all but `update_patch_party` and `install_extension`,
/// whose options nest).
pub(crate) const FAST_OPTIONS: [&str; 7] = [
    "sizing",
    "sourceId",
    "stop",
    "timestamp",
    "replicationLag",
    "changeReference",
    "targetVersion",
];

/// The operations whose options nest (`patchParty`, `extensions_list`): the fast boundary
/// leaves them to the full path (fast.js's table is generated from this list).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const NESTED_OPTIONS: [&str; 2] = ["update_patch_party", "install_extension"];

/// An operation's options as the rules read them: the JSON object of the full path, or the
/// values of [`FAST_OPTIONS`] the fast boundary passed.
pub(crate) enum Opts<'a> {
    Json(&'a Map<String, Value>),
    Fast(&'a [In<'a>; FAST_OPTIONS.len()]),
}

impl Opts<'_> {
    fn get(&self, name: &str) -> In<'_> {
        match self {
            Opts::Json(map) => In::from(map.get(name)),
            Opts::Fast(values) => FAST_OPTIONS
                .iter()
                .position(|n| *n == name)
                .and_then(|i| values.get(i))
                .copied()
                .unwrap_or(In::Absent),
        }
    }
}

pub(crate) fn validate(op: &Value, ctx: &OperationContext, now_ms: i64, s: &mut Sink) {
    let Some(body) = op.as_object() else {
        s.push("", IssueCode::Type, "O8", Key::BodyNotObject, &[]);
        return;
    };
    let empty = Map::new();
    let (options, opts) = match body.get("options") {
        Some(Value::Object(map)) => (In::Object, Opts::Json(map)),
        v => (In::from(v), Opts::Json(&empty)),
    };
    validate_in(
        In::from(body.get("operation")),
        options,
        &opts,
        ctx,
        now_ms,
        s,
    );
}

/// The rules on a body read as its `operation` and `options` members (`options`: what the
/// member is, `opts`: its values when it is an object). The full path and the fast boundary
/// both come here.
pub(crate) fn validate_in(
    operation: In<'_>,
    options: In<'_>,
    opts: &Opts<'_>,
    ctx: &OperationContext,
    now_ms: i64,
    s: &mut Sink,
) {
    let name = checks::string_in(s, "operation", "O8", operation, Need::REQUIRED, false);
    let known = name.and_then(|n| OPERATIONS.iter().copied().find(|o| *o == n));
    if name.is_some() && known.is_none() {
        let mut list = String::new();
        for op in OPERATIONS {
            comma(&mut list, op);
        }
        s.push(
            "operation",
            IssueCode::Enum,
            "O8",
            Key::OperationUnknown,
            &[Arg::Text(&list)],
        );
    }
    // The options, when present, are an object whatever the operation; absent or null is `{}`.
    let options = checks::object_in(s, "options", "O8", options, Need::Optional)
        || matches!(options, In::Absent);
    let (Some(op), true) = (known, options) else {
        return;
    };
    let empty = Map::new();
    let map = match opts {
        Opts::Json(map) => map,
        // The fast boundary never passes these two operations (their options nest).
        Opts::Fast(_) => &empty,
    };
    match op {
        // O1: no options expected; extra ones are left to the server (it may ignore them).
        "start" | "stop" => {}
        "resize" => resize(opts, s),
        "restore" => restore(opts, ctx, now_ms, s),
        "enable_ha" => enable_ha(opts, ctx, s),
        "update_patch_party" => update_patch_party(map, ctx, s),
        "install_extension" => install_extension(map, ctx, s),
        _ => upgrade(opts, ctx, s),
    }
}

/// O2: `options.sizing` in the C2 format.
fn resize(o: &Opts<'_>, s: &mut Sink) {
    let p = "options.sizing";
    if let Some(sizing) = checks::string_in(s, p, "O2", o.get("sizing"), Need::REQUIRED, false) {
        if !create::is_node_sizing(sizing) {
            s.push(p, IssueCode::Pattern, "O2", Key::Sizing, &[]);
        }
    }
}

/// O3: source, stop, timestamp within the window; the instance must be ACTIVE (and the source
/// backed up) when the caller knows it.
fn restore(o: &Opts<'_>, ctx: &OperationContext, now_ms: i64, s: &mut Sink) {
    let source = checks::int_in_in(
        s,
        "options.sourceId",
        "O3",
        o.get("sourceId"),
        Need::REQUIRED,
        1,
        i64::MAX,
        Key::PositiveInteger,
    );
    if let Some(stop) = checks::string_in(
        s,
        "options.stop",
        "O3",
        o.get("stop"),
        Need::REQUIRED,
        false,
    ) {
        if !RESTORE_STOPS.contains(&stop) {
            let [a, b] = RESTORE_STOPS;
            s.push(
                "options.stop",
                IssueCode::Enum,
                "O3",
                Key::RestoreStop,
                &[Arg::Text(a), Arg::Text(b)],
            );
        }
    }
    let p = "options.timestamp";
    if let Some(ts) = checks::string_in(s, p, "O3", o.get("timestamp"), Need::REQUIRED, false) {
        match parse_rfc3339(ts) {
            None => s.push(p, IssueCode::Format, "O3", Key::TimestampFormat, &[]),
            Some(t) => {
                let now = ctx.now.as_deref().and_then(parse_rfc3339).unwrap_or(now_ms);
                let (days, key) = match production(ctx) {
                    Some(true) => (
                        RESTORE_WINDOW_PRODUCTION_DAYS,
                        Key::TimestampTooOldProduction,
                    ),
                    Some(false) => (
                        RESTORE_WINDOW_NON_PRODUCTION_DAYS,
                        Key::TimestampTooOldNonProduction,
                    ),
                    None => (RESTORE_WINDOW_PRODUCTION_DAYS, Key::TimestampTooOldUnknown),
                };
                let oldest = now.saturating_sub(days.saturating_mul(DAY_MS));
                if t > now {
                    s.push(p, IssueCode::Window, "O3", Key::TimestampFuture, &[]);
                } else if t < oldest {
                    let args = [Arg::Int(days), Arg::Int(RESTORE_WINDOW_NON_PRODUCTION_DAYS)];
                    s.push(p, IssueCode::Window, "O3", key, &args);
                }
            }
        }
    }
    if let Some(inst) = &ctx.instance {
        if inst
            .status
            .as_deref()
            .is_some_and(|st| !st.eq_ignore_ascii_case("ACTIVE"))
        {
            s.push(
                "operation",
                IssueCode::State,
                "O3",
                Key::InstanceNotActive,
                &[],
            );
        }
        // The context instance is the source only when its id says so.
        if source.is_some() && inst.id == source && inst.backup_status == Some(false) {
            s.push(
                "options.sourceId",
                IssueCode::State,
                "O3",
                Key::SourceNotBackedUp,
                &[],
            );
        }
    }
}

/// O3: whether the service is production: the context says so, else the instance's environment
/// ([`production_environment`]); `None` (unknown) gets the production window.
fn production(ctx: &OperationContext) -> Option<bool> {
    ctx.production
        .or_else(|| production_environment(ctx.instance.as_ref()?.environment.as_deref()?))
}

/// Major version of the context instance, when known and readable.
fn instance_major(ctx: &OperationContext) -> Option<i64> {
    major_version(ctx.instance.as_ref()?.version.as_deref()?)
}

/// O4: replication lag 1..=500, optional change reference; STANDALONE and version >= 12.
fn enable_ha(o: &Opts<'_>, ctx: &OperationContext, s: &mut Sink) {
    checks::int_in_in(
        s,
        "options.replicationLag",
        "O4",
        o.get("replicationLag"),
        Need::REQUIRED,
        HA_REPLICATION_LAG_MIN,
        HA_REPLICATION_LAG_MAX,
        Key::HaReplicationLag,
    );
    checks::string_in(
        s,
        "options.changeReference",
        "O4",
        o.get("changeReference"),
        Need::Optional,
        true,
    );
    // Only a topology known to be HA is refused: the instance's `topology` is free text on the
    // wire, and an unknown value is left to the server (permissive).
    let topology = ctx.instance.as_ref().and_then(|i| i.topology.as_deref());
    if topology.is_some_and(|t| t.trim().eq_ignore_ascii_case("HA")) {
        s.push(
            "operation",
            IssueCode::State,
            "O4",
            Key::HaNotStandalone,
            &[],
        );
    }
    if instance_major(ctx).is_some_and(|v| v < HA_MIN_MAJOR_VERSION) {
        s.push(
            "operation",
            IssueCode::State,
            "O4",
            Key::HaVersion,
            &[Arg::Int(HA_MIN_MAJOR_VERSION)],
        );
    }
}

/// O5: `patchParty.excluded` required; a reason when excluded; a patch group only on a
/// one-member instance (when the member count is known).
fn update_patch_party(o: &Map<String, Value>, ctx: &OperationContext, s: &mut Sink) {
    let Some(pp) = checks::object(
        s,
        "options.patchParty",
        "O5",
        o.get("patchParty"),
        Need::REQUIRED,
    ) else {
        return;
    };
    let excluded = checks::boolean(
        s,
        "options.patchParty.excluded",
        "O5",
        pp.get("excluded"),
        Need::REQUIRED,
    );
    let reason_need = if excluded == Some(true) {
        Need::Required(Key::ExclusionReasonRequired)
    } else {
        Need::Optional
    };
    checks::string(
        s,
        "options.patchParty.exclusionReason",
        "O5",
        pp.get("exclusionReason"),
        reason_need,
        excluded != Some(true),
    );
    let p = "options.patchParty.patchGroup";
    match pp.get("patchGroup") {
        None | Some(Value::Null) => {}
        // O5: the option selects a patching group; "" selects none (absent or null means "no
        // change"), so it is refused as `empty` and the server never stores it.
        Some(Value::String(g)) if g.is_empty() => {
            s.push(p, IssueCode::Empty, "O5", Key::Empty, &[]);
        }
        Some(Value::String(_) | Value::Number(_)) => {
            let members = ctx
                .node_count
                .or_else(|| ctx.instance.as_ref().and_then(|i| i.node_count));
            if members.is_some_and(|n| n != 1) {
                s.push(p, IssueCode::State, "O5", Key::PatchGroupMembers, &[]);
            }
        }
        Some(_) => s.push(p, IssueCode::Type, "O5", Key::TypeStringOrNumber, &[]),
    }
}

/// O6: a database name and a non-empty list of named extensions; P4: major version >= 15.
fn install_extension(o: &Map<String, Value>, ctx: &OperationContext, s: &mut Sink) {
    checks::string(
        s,
        "options.dbname",
        "O6",
        o.get("dbname"),
        Need::REQUIRED,
        false,
    );
    let p = "options.extensions_list";
    if let Some(list) = checks::array(s, p, "O6", o.get("extensions_list"), Need::REQUIRED) {
        if list.is_empty() {
            s.push(p, IssueCode::Empty, "O6", Key::ExtensionsEmpty, &[]);
        }
        for (i, item) in list.iter().enumerate() {
            match item {
                Value::Object(ext) => {
                    let name = ext.get("name");
                    // Build the indexed path only when there is something to report.
                    if !matches!(name, Some(Value::String(n)) if !n.is_empty()) {
                        let path = format!("{p}[{i}].name");
                        checks::string(s, &path, "O6", name, Need::REQUIRED, false);
                    }
                }
                _ => {
                    let path = format!("{p}[{i}]");
                    s.push(&path, IssueCode::Type, "O6", Key::TypeObject, &[]);
                }
            }
        }
    }
    if instance_major(ctx).is_some_and(|v| v < EXTENSION_MIN_MAJOR_VERSION) {
        s.push(
            "operation",
            IssueCode::State,
            "P4",
            Key::ExtensionVersion,
            &[Arg::Int(EXTENSION_MIN_MAJOR_VERSION)],
        );
    }
}

/// O7: `targetVersion` a major version as text (a number is `type`: the API documents a string
/// and `/versions` answers numbers, so a number usually means the two were mixed up), one of
/// `ctx.versions` when known; optional change reference.
fn upgrade(o: &Opts<'_>, ctx: &OperationContext, s: &mut Sink) {
    let p = "options.targetVersion";
    let target = match o.get("targetVersion") {
        In::Num(_) => {
            s.push(p, IssueCode::Type, "O7", Key::TargetVersionNumber, &[]);
            None
        }
        v => checks::string_in(s, p, "O7", v, Need::REQUIRED, false),
    };
    if let Some(t) = target {
        if !(t.len() <= 6 && checks::is_positive_decimal(t.as_bytes())) {
            s.push(p, IssueCode::Pattern, "O7", Key::TargetVersionPattern, &[]);
        } else if let (Some(versions), Ok(wanted)) = (&ctx.versions, t.parse::<i64>()) {
            if !versions.contains(&wanted) {
                if versions.is_empty() {
                    s.push(p, IssueCode::Enum, "O7", Key::NoUpgradeAvailable, &[]);
                } else {
                    let mut list = String::new();
                    for v in versions {
                        comma(&mut list, &v.to_string());
                    }
                    s.push(
                        p,
                        IssueCode::Enum,
                        "O7",
                        Key::TargetVersionNotOffered,
                        &[Arg::Text(&list)],
                    );
                }
            }
        }
    }
    checks::string_in(
        s,
        "options.changeReference",
        "O7",
        o.get("changeReference"),
        Need::Optional,
        true,
    );
}

/// Appends `item` to a ", "-separated list (a loop instead of two `join` instantiations: each
/// costs ~1 KB of wasm).
fn comma(list: &mut String, item: &str) {
    if !list.is_empty() {
        list.push_str(", ");
    }
    list.push_str(item);
}
