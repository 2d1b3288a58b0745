//! Create rules C1–C11 (`POST /databases/postgresql`).
//!
//! One function checks one field ([`check`]); the whole request runs it over [`FIELDS`] in rule
//! order, and [`validate_field`] runs it for one field as the user types, so both always agree.

use serde_json::Value;

use super::checks::{self, In, Need, Sink};
use super::messages::{join_list, render, text, Arg, Key};
use super::*;

use crate::models::{CreateField as Field, FieldType, Presence};
use Field as F;

/// The fields in report order (`crate::models::CreateField::ALL`, the one list).
const FIELDS: &[Field] = Field::ALL;

/// Number of known fields (size of the per-request slot table).
pub(crate) const FIELD_COUNT: usize = crate::models::CREATE_FIELD_COUNT;

/// Whether the request asks for HA (C9), read leniently: only the exact string `"HA"` counts.
fn is_ha(request: Option<&Value>) -> bool {
    request
        .and_then(|r| r.get("topology"))
        .and_then(Value::as_str)
        == Some("HA")
}

pub(crate) fn validate(request: &Value, s: &mut Sink) {
    let Some(obj) = request.as_object() else {
        s.push("", IssueCode::Type, "C11", Key::BodyNotObject, &[]);
        return;
    };
    // One pass over the request (a map lookup per known field costs ~10x more); unknown keys
    // are ignored (C11).
    let mut slots = [In::Absent; FIELD_COUNT];
    for (key, value) in obj {
        if let Some(slot) = Field::from_name(key).and_then(|f| slots.get_mut(f as usize)) {
            *slot = In::from(Some(value));
        }
    }
    validate_slots(&slots, s);
}

/// The create rules over one value per field (`slots[f as usize]`, in [`FIELDS`] order): the
/// whole-request check of [`validate`] and of the fast boundary (`super::fast`).
pub(crate) fn validate_slots(slots: &[In<'_>; FIELD_COUNT], s: &mut Sink) {
    let get = |f: Field| slots.get(f as usize).copied().unwrap_or(In::Absent);
    let ha = matches!(get(F::Topology), In::Str("HA"));
    for &f in FIELDS {
        check(f, get(f), ha, s);
    }
}

pub(crate) fn validate_field(field: &str, value: &Value, request: Option<&Value>, s: &mut Sink) {
    validate_field_in(field, In::from(Some(value)), is_ha(request), s);
}

/// [`validate_field`] on an [`In`], with C9's "is the request HA" already answered.
pub(crate) fn validate_field_in(field: &str, value: In<'_>, ha: bool, s: &mut Sink) {
    if let Some(f) = Field::from_name(field) {
        // The field being typed may itself be the topology; HA then comes from the request.
        check(f, value, ha, s);
    }
}

/// Checks one field; `v` is [`In::Absent`] when absent or `null`. Presence, type and rule come
/// from the field table; the content rules of each text and the integer ranges are below.
fn check(f: Field, v: In<'_>, ha: bool, s: &mut Sink) {
    let p = f.name();
    let need = match f.presence() {
        Presence::Required => Need::REQUIRED,
        Presence::RequiredForHa if ha => Need::Required(Key::RequiredForHa),
        _ => Need::Optional,
    };
    // `az`: C9 when it is missing for HA; C10 (never empty) otherwise.
    let rule = if f == F::Az && !(ha && matches!(v, In::Absent)) {
        "C10"
    } else {
        f.rule()
    };
    match f.ty() {
        FieldType::Text => {
            // Outside HA the node prefix is carried untouched (C11): only its type is checked.
            let allow_empty = f == F::NodePrefix && !ha;
            if let Some(text) = checks::string_in(s, p, rule, v, need, allow_empty) {
                check_text(f, text, ha, s);
            }
        }
        FieldType::FreeText => {
            checks::string_in(s, p, rule, v, need, true);
        }
        FieldType::Integer => match range(f) {
            Some((min, max, key)) => {
                checks::int_in_in(s, p, rule, v, need, min, max, key);
            }
            None => {
                checks::int_any(s, p, rule, v, need);
            }
        },
        FieldType::Boolean => {
            checks::boolean_in(s, p, rule, v, need);
        }
        FieldType::Object => {
            checks::object_in(s, p, rule, v, need);
        }
    }
}

/// The allowed range of an integer field and the message of a value outside it.
fn range(f: Field) -> Option<(i64, i64, Key)> {
    match f {
        F::DiskSize => Some((DISK_SIZE_MIN_GB, DISK_SIZE_MAX_GB, Key::DiskSize)),
        F::ServiceId | F::NetworkId => Some((1, i64::MAX, Key::PositiveInteger)),
        F::AllowedReplicationLag => Some((
            REPLICATION_LAG_MIN_MB,
            REPLICATION_LAG_MAX_MB,
            Key::AllowedReplicationLag,
        )),
        _ => None,
    }
}

/// The content rules of a (non-empty) text field.
fn check_text(f: Field, text: &str, ha: bool, s: &mut Sink) {
    let p = f.name();
    match f {
        F::Name => check_name(text, s),
        F::NodeSizing if !is_node_sizing(text) => {
            s.push(p, IssueCode::Pattern, "C2", Key::Sizing, &[]);
        }
        F::AdmPassword => check_password(text, s),
        F::Topology if !TOPOLOGIES.contains(&text) => {
            let [a, b] = TOPOLOGIES;
            s.push(
                p,
                IssueCode::Enum,
                "C6",
                Key::Topology,
                &[Arg::Text(a), Arg::Text(b)],
            );
        }
        F::Trigram if !(text.len() == 3 && text.bytes().all(|b| b.is_ascii_alphabetic())) => {
            s.push(p, IssueCode::Pattern, "C7", Key::Trigram, &[]);
        }
        F::NodePrefix if ha => check_node_prefix(text, s),
        _ => {}
    }
}

/// C1: length (characters), then allowed characters, then the forbidden word; all can fire.
fn check_name(name: &str, s: &mut Sink) {
    checks::length(
        s,
        "name",
        "C1",
        name,
        NAME_MIN_CHARS,
        NAME_MAX_CHARS,
        Key::NameLength,
    );
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        s.push("name", IssueCode::Pattern, "C1", Key::NamePattern, &[]);
    }
    if name == FORBIDDEN_NAME {
        s.push(
            "name",
            IssueCode::Forbidden,
            "C1",
            Key::NameForbidden,
            &[Arg::Text(FORBIDDEN_NAME)],
        );
    }
}

/// C2: `<N>cpu<M>gb`, N and M integers from 1 written without sign or leading zero (sizings
/// are catalogue keys such as `2cpu4gb`; `02cpu4gb` names no catalogue entry).
pub(crate) fn is_node_sizing(v: &str) -> bool {
    parse_node_sizing(v).is_some()
}

/// C2: `(cpus, memory in GB)` of a node sizing such as `2cpu4gb`, `None` when it does not read
/// `<N>cpu<M>gb` (the simulator sizes its instances with this same reading).
pub fn parse_node_sizing(v: &str) -> Option<(i64, i64)> {
    // The digits, then "cpu": the same cut as `split_once("cpu")` wherever the CPU part can be
    // a number, without the substring searcher (most of this function's time at opt-level "z").
    let cut = v.bytes().take_while(u8::is_ascii_digit).count();
    let (cpu, rest) = (v.get(..cut)?, v.get(cut..)?);
    let mem = rest.strip_prefix("cpu")?.strip_suffix("gb")?;
    if !(checks::is_positive_decimal(cpu.as_bytes()) && checks::is_positive_decimal(mem.as_bytes()))
    {
        return None;
    }
    Some((cpu.parse().ok()?, mem.parse().ok()?))
}

/// C4: one issue naming everything that is missing.
fn check_password(pw: &str, s: &mut Sink) {
    let (mut len, mut lower, mut upper, mut digit, mut special) =
        (0i64, false, false, false, false);
    if pw.is_ascii() {
        // The same classes, byte by byte (the Unicode tables are for the rest).
        for b in pw.bytes() {
            len += 1;
            lower |= b.is_ascii_lowercase();
            upper |= b.is_ascii_uppercase();
            digit |= b.is_ascii_digit();
            special |= !b.is_ascii_alphanumeric();
        }
    } else {
        for c in pw.chars() {
            len += 1;
            // Permissive union of readings (never reject what the server may accept): any
            // Unicode lowercase/uppercase/numeric character counts, and anything that is not an
            // ASCII letter or digit counts as special.
            lower |= c.is_lowercase();
            upper |= c.is_uppercase();
            digit |= c.is_numeric();
            special |= !c.is_ascii_alphanumeric();
        }
    }
    if len >= PASSWORD_MIN_CHARS && lower && upper && digit && special {
        return;
    }
    let loc = s.locale;
    let mut parts: Vec<String> = Vec::with_capacity(5);
    if len < PASSWORD_MIN_CHARS {
        parts.push(render(Key::PwLength, loc, &[Arg::Int(PASSWORD_MIN_CHARS)]));
    }
    for (ok, key) in [
        (lower, Key::PwLower),
        (upper, Key::PwUpper),
        (digit, Key::PwDigit),
        (special, Key::PwSpecial),
    ] {
        if !ok {
            parts.push(text(key, loc).to_owned());
        }
    }
    let list = join_list(&parts, loc);
    let message = render(Key::Password, loc, &[Arg::Text(&list)]);
    s.push_message("admPassword", IssueCode::Password, "C4", message);
}

/// C9: 5..=12 characters; uppercase letters, and digits (permissive reading of "can contain
/// any uppercase character": node names are host names, which take digits).
fn check_node_prefix(prefix: &str, s: &mut Sink) {
    checks::length(
        s,
        "nodePrefix",
        "C9",
        prefix,
        NODE_PREFIX_MIN_CHARS,
        NODE_PREFIX_MAX_CHARS,
        Key::NodePrefixLength,
    );
    if !prefix
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        s.push(
            "nodePrefix",
            IssueCode::Pattern,
            "C9",
            Key::NodePrefixPattern,
            &[],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_sizing_shapes() {
        for ok in ["2cpu2gb", "2cpu4gb", "16cpu128gb", "1cpu1gb"] {
            assert!(is_node_sizing(ok), "{ok}");
        }
        for bad in [
            "",
            "cpugb",
            "0cpu2gb",
            "2cpu0gb",
            "02cpu4gb",
            "+2cpu4gb",
            "2cpu4",
            "2CPU4GB",
            "2cpu4gbx",
            "2 cpu4gb",
            "2cpu-4gb",
            "2cpucpu4gb",
        ] {
            assert!(!is_node_sizing(bad), "{bad}");
        }
    }
}
