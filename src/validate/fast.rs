//! The fast boundary's argument layout, derived from the create field table
//! ([`CreateField::ALL`]), and the compact form of its answer.
//!
//! When every known field of a request already has its expected primitive type, the package's JS
//! wrappers (`pkg-template/fast.js`) call `__validateCreateFast(len, n0..n4, flags)`
//! (`src/wasm/validate.rs`) instead of handing over the whole object (issues 7, 15):
//! - the checked texts are already in the module's input buffer, written there by fast.js
//!   (`len` bytes, no JS string crosses, nothing is allocated) as records: one byte naming the
//!   record (a text's [`Slot::Text`] position, or [`LOCALE_RECORD`] for the caller's locale tag),
//!   the text in UTF-8, then U+001F (which no text on this path holds);
//! - one number argument per integer field (`NaN`: absent);
//! - `flags`: two bits per boolean (0 absent, 1 false, 2 true) and one bit per free text (only
//!   "is a text" matters to its rule, C11, so its content does not cross).
//!
//! The answer is a number: 0 when valid, with no message built and nothing allocated; otherwise
//! the byte length of the issues in the module's answer buffer, which fast.js decodes once:
//! per issue, one byte each for the path (a create field, [`CreateField`] order), the code
//! ([`CODES`] order) and the rule ([`RULES`] order), each offset by 0x20 so that it stays
//! printable ASCII (0x7F instead: the text follows, ended by U+001F), then the message, then
//! U+001E. The JS objects then take their path, code and rule from fast.js's tables (no string
//! is cut out of the answer for them) and only the message is sliced. Only what is broken pays.
//! The same rule code runs either way (`tests/node/fast.test.mjs` compares both paths on
//! generated input).
//!
//! The JS side of this layout is generated from [`Slot`], [`CODES`] and [`RULES`] into
//! `pkg-template/fast.js` (between the `BEGIN GENERATED` / `END GENERATED` lines); a test of
//! this module fails when it is stale.

// Only the wasm boundary calls into this module (and the native tests below).
#![cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]

use super::checks::{self, In, Sink};
use super::create::{self, FIELD_COUNT};
use super::operation::{self, Opts, FAST_OPTIONS};
use super::{IssueCode, Locale, OperationContext};
use crate::models::{CreateField, FieldType};

/// Where a create field's value travels in `__validateCreateFast`'s arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The text record with this number in the input buffer.
    Text(u32),
    /// The number argument at this position.
    Number(u32),
    /// Two bits of `flags` from this one.
    Bool(u32),
    /// One bit of `flags`: a text is there.
    FreeText(u32),
    /// Not passed: the fast path requires it absent (the wrappers take the full path otherwise).
    Absent,
}

const fn count(ty: FieldType) -> u32 {
    let mut n = 0;
    let mut i = 0;
    while i < CreateField::ALL.len() {
        if CreateField::ALL[i].ty() as u8 == ty as u8 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// Number of checked texts (text records 0..TEXT_COUNT).
pub(crate) const TEXT_COUNT: u32 = count(FieldType::Text);
/// Number of number arguments (the export's signature has exactly this many).
pub(crate) const NUMBER_COUNT: usize = count(FieldType::Integer) as usize;
const BOOL_COUNT: u32 = count(FieldType::Boolean);
const FREE_TEXT_COUNT: u32 = count(FieldType::FreeText);
const _: () = assert!(
    2 * BOOL_COUNT + FREE_TEXT_COUNT <= 32,
    "the flags must fit in a u32"
);

impl Slot {
    /// Where `field` travels: its rank among the fields of its type, in table order.
    pub(crate) const fn of(field: CreateField) -> Slot {
        let ty = field.ty();
        let mut rank = 0;
        let mut i = 0;
        while i < field as usize {
            if CreateField::ALL[i].ty() as u8 == ty as u8 {
                rank += 1;
            }
            i += 1;
        }
        match ty {
            FieldType::Text => Slot::Text(rank),
            FieldType::Integer => Slot::Number(rank),
            FieldType::Boolean => Slot::Bool(2 * rank),
            FieldType::FreeText => Slot::FreeText(2 * BOOL_COUNT + rank),
            FieldType::Object => Slot::Absent,
        }
    }

    /// The `[kind, position]` of fast.js's table: 1 text, 2 number, 3 boolean, 4 free text,
    /// 0 goes fast only when absent or `null`.
    const fn js(self) -> (u8, u32) {
        match self {
            Slot::Text(p) => (TEXT, p),
            Slot::Number(p) => (NUMBER, p),
            Slot::Bool(p) => (BOOL, p),
            Slot::FreeText(p) => (FREE_TEXT, p),
            Slot::Absent => (0, 0),
        }
    }
}

const TEXT: u8 = 1;
const NUMBER: u8 = 2;
const BOOL: u8 = 3;
const FREE_TEXT: u8 = 4;

/// Every field's [`Slot`] in table order, computed at compile time: kind (fast.js's code) in
/// the top 3 bits, position (< 32) in the low 5.
const SLOTS: [u8; FIELD_COUNT] = {
    let mut out = [0; FIELD_COUNT];
    let mut i = 0;
    while i < FIELD_COUNT {
        let (kind, pos) = Slot::of(CreateField::ALL[i]).js();
        assert!(pos < 32);
        out[i] = kind << 5 | pos as u8;
        i += 1;
    }
    out
};

/// The record holding the caller's locale tag (the `locale` of `options`, or `options` itself
/// when it is not an object); without it, English.
pub(crate) const LOCALE_RECORD: u8 = TEXT_COUNT as u8;

/// Ends a record of the input (U+001F, one byte in UTF-8).
const SEP: u8 = 0x1f;

/// Fills `out[n]` with the text of record `n` of `input` (records past `out` are skipped). Bytes
/// that are not UTF-8 (only a hostile caller writes those) read as no record at all. One
/// function for every layout (not generic: each copy would cost wasm).
fn records<'a>(input: &'a [u8], out: &mut [Option<&'a str>]) {
    let Ok(text) = std::str::from_utf8(input) else {
        return;
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    // A byte scan by hand: `str::split` costs several times more at opt-level "z". The record's
    // number and U+001F are ASCII, so every cut is a character boundary.
    while let Some(&record) = bytes.get(at) {
        let mut end = at + 1;
        while end < bytes.len() && bytes[end] != SEP {
            end += 1;
        }
        if let Some(slot) = out.get_mut(usize::from(record)) {
            *slot = text.get(at + 1..end);
        }
        at = end + 1;
    }
}

/// The locale named by a locale record.
fn locale(tag: Option<&str>) -> Locale {
    tag.map_or(Locale::En, Locale::from_tag)
}

/// Validates a create request given in the fast layout (see the module doc). The compact
/// issues are written to `out` (cleared first; left empty for a valid request, which allocates
/// nothing and builds no message).
// One copy, called from the boundary (inlined into each export it would be copied).
#[inline(never)]
pub(crate) fn validate_create_packed(
    input: &[u8],
    numbers: &[f64; NUMBER_COUNT],
    flags: u32,
    out: &mut String,
) {
    let mut texts = [None; TEXT_COUNT as usize + 1];
    records(input, &mut texts);
    let bit = |n: u32| n < 32 && flags & (1 << n) != 0;
    let mut slots = [In::Absent; FIELD_COUNT];
    for (slot, code) in slots.iter_mut().zip(SLOTS) {
        let p = u32::from(code & 31);
        *slot = match code >> 5 {
            TEXT => texts
                .get(p as usize)
                .copied()
                .flatten()
                .map_or(In::Absent, In::Str),
            NUMBER => numbers
                .get(p as usize)
                .map_or(In::Absent, |n| In::json_number(*n)),
            BOOL => match (flags >> p) & 3 {
                1 => In::Bool(false),
                2 => In::Bool(true),
                _ => In::Absent,
            },
            FREE_TEXT if bit(p) => In::Str(""),
            _ => In::Absent,
        };
    }
    let locale = locale(texts.get(usize::from(LOCALE_RECORD)).copied().flatten());
    compact(out, locale, |sink| create::validate_slots(&slots, sink));
}

/// Field validation's records: the field name, the locale tag, the text value.
pub(crate) const FIELD_NAME_RECORD: u8 = 0;
pub(crate) const FIELD_LOCALE_RECORD: u8 = 1;
pub(crate) const FIELD_TEXT_RECORD: u8 = 2;

/// Validates one create field as [`super::validate_create_field`] does. `input` holds the
/// records `FIELD_*_RECORD`; the value is `kind`: 0 absent/`null`, 1 the text record, 2 the
/// number `num` (read as JSON reads it), 3 `false`, 4 `true`; `ha`: whether the request's
/// `topology` is `"HA"` (C9). The compact issues are written to `out` (cleared first).
// One copy, called from the boundary (inlined into each export it would be copied).
#[inline(never)]
pub(crate) fn validate_field_packed(input: &[u8], kind: u8, num: f64, ha: bool, out: &mut String) {
    let mut r = [None; 3];
    records(input, &mut r);
    let (field, tag, text) = (
        r[FIELD_NAME_RECORD as usize],
        r[FIELD_LOCALE_RECORD as usize],
        r[FIELD_TEXT_RECORD as usize],
    );
    let value = match kind {
        1 => text.map_or(In::Absent, In::Str),
        2 => In::json_number(num),
        3 => In::Bool(false),
        4 => In::Bool(true),
        _ => In::Absent,
    };
    compact(out, locale(tag), |sink| {
        create::validate_field_in(field.unwrap_or(""), value, ha, sink);
    });
}

/// The values of `__validateOperationFast`'s typed records, by number: the body's `operation`
/// and `options` (when not an object: [`OPTIONS_OBJECT`] says it is one), its options
/// ([`FAST_OPTIONS`]), the context's `production`, `now` and `nodeCount`, the locale tag.
pub(crate) const OPERATION_VALUES: [&str; 2 + FAST_OPTIONS.len() + 4] = {
    // Built from FAST_OPTIONS (one list of option names), at compile time.
    let mut out = [""; 2 + FAST_OPTIONS.len() + 4];
    out[0] = "operation";
    out[1] = "options";
    let mut i = 0;
    while i < FAST_OPTIONS.len() {
        out[OP_OPTIONS + i] = FAST_OPTIONS[i];
        i += 1;
    }
    out[OP_PRODUCTION] = "production";
    out[OP_NOW] = "now";
    out[OP_NODE_COUNT] = "nodeCount";
    out[OP_LOCALE] = "locale";
    out
};
const OP_OPTIONS: usize = 2;
const OP_PRODUCTION: usize = OP_OPTIONS + FAST_OPTIONS.len();
const OP_NOW: usize = OP_PRODUCTION + 1;
const OP_NODE_COUNT: usize = OP_NOW + 1;
const OP_LOCALE: usize = OP_NODE_COUNT + 1;
/// `flags` bit: the body's `options` is an object (its members are the option records).
pub(crate) const OPTIONS_OBJECT: u32 = 1;

/// The typed records of `input`: each starts with one byte, 4 × its number + its type (0 text,
/// 1 a number as the 16 hex digits of its IEEE 754 bits, 2 `false`, 3 `true`), then the text
/// (empty for a boolean) and U+001F. A missing record is [`In::Absent`].
fn typed_records(input: &[u8]) -> [In<'_>; OPERATION_VALUES.len()] {
    let mut out = [In::Absent; OPERATION_VALUES.len()];
    let mut texts = [None; 4 * OPERATION_VALUES.len()];
    records(input, &mut texts);
    for (i, text) in texts.iter().enumerate() {
        let (Some(text), Some(slot)) = (text, out.get_mut(i / 4)) else {
            continue;
        };
        *slot = match i % 4 {
            0 => In::Str(text),
            // The bits of the JS number, 16 hex digits (parsing decimal text would bring
            // core's float parser, ~16 KB of wasm).
            1 => hex_bits(text).map_or(In::Absent, |bits| In::json_number(f64::from_bits(bits))),
            2 => In::Bool(false),
            _ => In::Bool(true),
        };
    }
    out
}

/// The 64 bits written as 16 hex digits (by hand: `from_str_radix` costs more wasm).
fn hex_bits(text: &str) -> Option<u64> {
    if text.len() != 16 {
        return None;
    }
    text.bytes().try_fold(0u64, |bits, b| {
        let d = char::from(b).to_digit(16)?;
        Some(bits << 4 | u64::from(d))
    })
}

/// Validates an operation given in the fast layout (typed records of [`OPERATION_VALUES`],
/// `flags`), as [`super::validate_operation`] does with a context holding at most `production`,
/// `now` and `nodeCount`; `now_ms` is the caller's clock (used unless `now` parses). The
/// compact issues are written to `out` (cleared first; empty when valid, which allocates
/// nothing).
// One copy, called from the boundary (inlined into each export it would be copied).
#[inline(never)]
pub(crate) fn validate_operation_packed(input: &[u8], flags: u32, now_ms: f64, out: &mut String) {
    let v = typed_records(input);
    let get = |i: usize| v.get(i).copied().unwrap_or(In::Absent);
    let mut options = [In::Absent; FAST_OPTIONS.len()];
    for (i, o) in options.iter_mut().enumerate() {
        *o = get(OP_OPTIONS + i);
    }
    // The context's facts, read as `OperationContext`'s lenient decoding reads them.
    let ctx = OperationContext {
        production: match get(OP_PRODUCTION) {
            In::Bool(b) => Some(b),
            _ => None,
        },
        node_count: match get(OP_NODE_COUNT) {
            In::Num(checks::Int::Value(n)) => Some(n),
            In::Str(text) => text.trim().parse().ok(),
            _ => None,
        },
        ..OperationContext::default()
    };
    let now = match get(OP_NOW) {
        In::Str(text) => crate::time::parse_rfc3339(text),
        _ => None,
    };
    let now = now.unwrap_or(now_ms as i64);
    let body_options = if flags & OPTIONS_OBJECT != 0 {
        In::Object
    } else {
        get(1)
    };
    let locale = locale(match get(OP_LOCALE) {
        In::Str(tag) => Some(tag),
        _ => None,
    });
    compact(out, locale, |sink| {
        operation::validate_in(get(0), body_options, &Opts::Fast(&options), &ctx, now, sink);
    });
}

/// Every issue code, in the order of their number in the answer (fast.js's `CODES`).
pub(crate) const CODES: [IssueCode; 12] = [
    IssueCode::Required,
    IssueCode::Type,
    IssueCode::Length,
    IssueCode::Range,
    IssueCode::Pattern,
    IssueCode::Forbidden,
    IssueCode::Enum,
    IssueCode::Password,
    IssueCode::Window,
    IssueCode::State,
    IssueCode::Format,
    IssueCode::Empty,
];

/// The rules of `docs/spec/API.md` an issue names, in the order of their number in the answer
/// (fast.js's `RULES`); any other travels as text.
pub(crate) const RULES: [&str; 20] = [
    "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "O1", "O2", "O3", "O4",
    "O5", "O6", "O7", "O8", "P4",
];

/// The index of `rule` in [`RULES`], read from its letter and number (string comparisons
/// against the table cost more than the rest of an issue).
fn rule_number(rule: &str) -> Option<usize> {
    let (first, n) = match rule.as_bytes() {
        [b'C', ..] => (0, 11),
        [b'O', ..] => (11, 8),
        [b'P', ..] => (19, 0),
        _ => return None,
    };
    let k = match rule.as_bytes() {
        [_, d @ b'1'..=b'9'] => usize::from(d - b'0'),
        [_, b'1', d @ b'0'..=b'9'] => 10 + usize::from(d - b'0'),
        _ => return None,
    };
    let i = match k {
        4 if n == 0 => 0,
        k if (1..=n).contains(&k) => k - 1,
        _ => return None,
    };
    // Never trust the arithmetic alone: the table has the last word.
    (RULES.get(first + i) == Some(&rule)).then_some(first + i)
}

/// Marks a path or rule sent as text (ended by U+001F) instead of a number.
const AS_TEXT: char = '\u{7f}';

/// The character standing for entry `i` of a table (`i` < 0x5F: the tables are far shorter).
fn numbered(i: usize) -> char {
    char::from(0x20 + (i as u8 & 0x3f))
}

/// Starts an issue in the compact form of the module doc: its path, code and rule (the message
/// and U+001E follow).
pub(crate) fn compact_head(out: &mut String, path: &str, code: IssueCode, rule: &str) {
    match CreateField::from_name(path) {
        Some(f) => out.push(numbered(f as usize)),
        None => {
            out.push(AS_TEXT);
            out.push_str(path);
            out.push('\u{1f}');
        }
    }
    out.push(numbered(CODES.iter().position(|c| *c == code).unwrap_or(0)));
    match rule_number(rule) {
        Some(r) => out.push(numbered(r)),
        None => {
            out.push(AS_TEXT);
            out.push_str(rule);
            out.push('\u{1f}');
        }
    }
}

/// Issues in the compact form of the module doc (what a [`Sink`] in compact mode writes).
#[cfg(test)]
fn packed(list: &[super::ValidationIssue], out: &mut String) {
    for issue in list {
        compact_head(out, &issue.path, issue.code, &issue.rule);
        out.push_str(&issue.message);
        out.push('\u{1e}');
    }
}

/// Runs `f` on a [`Sink`] writing compact issues into `out` (cleared first).
fn compact(out: &mut String, locale: Locale, f: impl FnOnce(&mut Sink)) {
    out.clear();
    let mut sink = Sink::new(locale);
    sink.compact = Some(std::mem::take(out));
    f(&mut sink);
    *out = sink.compact.unwrap_or_default();
}

/// The generated part of `pkg-template/fast.js`: the layout above, in JS.
#[cfg(test)]
fn fast_js_layout() -> String {
    let mut out = String::from(
        "  // Each create field: [name, kind, position] (1 text, record `position` of the input;\n  \
         // 2 number argument; 3 boolean, two bits of `flags` from there; 4 free text, one bit;\n  \
         // 0 fast only when absent or null). Its index is its number in answers.\n  \
         const FIELDS = [\n",
    );
    let mut line = String::from("   ");
    for &f in CreateField::ALL {
        let (kind, pos) = Slot::of(f).js();
        let item = format!(" [\"{}\", {kind}, {pos}],", f.name());
        if line.len() + item.len() > 100 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("   ");
        }
        line.push_str(&item);
    }
    out.push_str(&line);
    out.push_str("\n  ];\n");
    let list = |items: Vec<String>| items.join(", ");
    out.push_str(&format!(
        "  const CODES = [{}];\n",
        list(
            CODES
                .iter()
                .map(|c| format!("\"{}\"", c.as_str()))
                .collect()
        )
    ));
    out.push_str(&format!(
        "  const RULES = [{}];\n",
        list(RULES.iter().map(|r| format!("\"{r}\"")).collect())
    ));
    out.push_str(&format!("  const LOCALE_RECORD = {LOCALE_RECORD};\n"));
    out.push_str(&format!(
        "  const FIELD_NAME_RECORD = {FIELD_NAME_RECORD};\n  const FIELD_LOCALE_RECORD = {FIELD_LOCALE_RECORD};\n  const FIELD_TEXT_RECORD = {FIELD_TEXT_RECORD};\n"
    ));
    out.push_str(&format!(
        "  const OPERATION_VALUES = [{}];\n",
        list(
            OPERATION_VALUES
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect()
        )
    ));
    out.push_str(&format!(
        "  const NESTED_OPTIONS = [{}];\n",
        list(
            operation::NESTED_OPTIONS
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect()
        )
    ));
    out.push_str(&format!("  const OPTIONS_OBJECT = {OPTIONS_OBJECT};\n"));
    let nans = ["NaN"; NUMBER_COUNT].join(", ");
    out.push_str(&format!("  const emptyNumbers = () => [{nans}];\n"));
    let args: Vec<String> = (0..NUMBER_COUNT).map(|i| format!("n[{i}]")).collect();
    out.push_str(&format!(
        "  const callCreate = (len, n, flags) => fastCreate(len, {}, flags);\n",
        args.join(", ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const BEGIN: &str = "  // BEGIN GENERATED";
    const END: &str = "  // END GENERATED";

    /// `pkg-template/fast.js` carries the layout this module derives from the field table.
    /// After changing the table, regenerate with `ITCARE_UPDATE_FAST=1 cargo test --lib fast::`.
    #[test]
    fn fast_js_layout_is_generated_from_the_field_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/fast.js");
        let text = std::fs::read_to_string(path).unwrap();
        let (Some(begin), Some(end)) = (text.find(BEGIN), text.find(END)) else {
            panic!("{path}: no `{BEGIN}` … `{END}` region");
        };
        let body_start = text[begin..].find('\n').map_or(end, |i| begin + i + 1);
        let built = fast_js_layout();
        if std::env::var_os("ITCARE_UPDATE_FAST").is_some() {
            let updated = format!("{}{built}{}", &text[..body_start], &text[end..]);
            std::fs::write(path, updated).unwrap();
            return;
        }
        assert!(
            text[body_start..end] == built,
            "pkg-template/fast.js is stale: run ITCARE_UPDATE_FAST=1 cargo test --lib fast::"
        );
    }

    #[test]
    fn layout_packs_every_field_once() {
        assert_eq!((TEXT_COUNT, NUMBER_COUNT, LOCALE_RECORD), (9, 5, 9));
        let mut used = 0u32;
        for &f in CreateField::ALL {
            let bits = match Slot::of(f) {
                Slot::Bool(p) => 3 << p,
                Slot::FreeText(p) => 1 << p,
                Slot::Text(_) | Slot::Number(_) | Slot::Absent => 0,
            };
            assert_eq!(used & bits, 0, "{} overlaps", f.name());
            used |= bits;
        }
        for (i, rule) in RULES.iter().enumerate() {
            assert_eq!(rule_number(rule), Some(i), "{rule}");
        }
        for odd in ["", "C", "C0", "C12", "C01", "O9", "P1", "Z1", "C+1"] {
            assert_eq!(rule_number(odd), None, "{odd}");
        }
        // Every code once; the tables fit in their printable range.
        for code in CODES {
            assert_eq!(CODES.iter().filter(|c| **c == code).count(), 1);
            match code {
                IssueCode::Required
                | IssueCode::Type
                | IssueCode::Length
                | IssueCode::Range
                | IssueCode::Pattern
                | IssueCode::Forbidden
                | IssueCode::Enum
                | IssueCode::Password
                | IssueCode::Window
                | IssueCode::State
                | IssueCode::Format
                | IssueCode::Empty => {}
            }
        }
        assert!(CreateField::ALL.len() < 0x40 && RULES.len() < 0x40);
    }

    /// The layout's input: the records of `texts` (by position) and of `tag`.
    fn input(texts: &[Option<&str>], tag: Option<&str>) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, t) in texts
            .iter()
            .enumerate()
            .chain([(LOCALE_RECORD as usize, &tag)])
        {
            if let Some(t) = t {
                out.push(i as u8);
                out.extend_from_slice(t.as_bytes());
                out.push(SEP);
            }
        }
        out
    }

    /// The fast layout gives what the JSON path gives (wasm-free: the Node test compares the
    /// shipped exports on generated input).
    #[test]
    fn packed_matches_the_json_path() {
        let request = json!({
            "name": "Billing", "nodeSizing": "2cpu4gb", "diskSize": 39, "admPassword": "short",
            "serviceId": 1, "networkId": 2.5, "topology": "HA", "trigram": "bi1",
            "allowedReplicationLag": 10, "nodePrefix": "BILLPG", "az": "",
            "area": "EB4", "productCode": "deb12pg16", "tls": true, "backupEnabled": false,
            "cloudId": 7, "region": "anything", "regulation": ""
        });
        let o = request.as_object().unwrap();
        let mut texts = vec![None; TEXT_COUNT as usize];
        let mut numbers = [f64::NAN; NUMBER_COUNT];
        let mut flags = 0u32;
        for &f in CreateField::ALL {
            let Some(v) = o.get(f.name()) else { continue };
            match Slot::of(f) {
                Slot::Text(p) => texts[p as usize] = Some(v.as_str().unwrap()),
                Slot::Number(p) => numbers[p as usize] = v.as_f64().unwrap(),
                Slot::Bool(p) => flags |= (1 + u32::from(v.as_bool().unwrap())) << p,
                Slot::FreeText(p) => flags |= 1 << p,
                Slot::Absent => unreachable!(),
            }
        }
        let mut out = String::new();
        for (locale, tag) in [
            (Locale::En, None),
            (Locale::Fr, Some("fr-FR")),
            (Locale::En, Some("de")),
        ] {
            let mut expected = String::new();
            packed(
                &super::super::validate_create(&request, locale),
                &mut expected,
            );
            validate_create_packed(&input(&texts, tag), &numbers, flags, &mut out);
            assert_eq!(out, expected);
        }
        // The compact form: numbers for the path, code and rule, then the message.
        assert!(out.starts_with(" $ The name may contain"), "{out}");
        // Hostile layouts read as absent fields, never a panic.
        for input in [
            &b""[..],
            &[SEP; 40][..],
            &[0xff, 0x1f, 0xc3][..],
            &[200, 0, 1, 2][..],
        ] {
            validate_create_packed(input, &[f64::INFINITY; NUMBER_COUNT], u32::MAX, &mut out);
            assert!(out.contains("required") || out.contains("empty"), "{out}");
        }
        let field = |name: &str, tag: Option<&str>, text: Option<&str>| {
            input(&[Some(name), tag, text], None)
        };
        validate_field_packed(&field("diskSize", None, None), 2, 40.0, false, &mut out);
        assert_eq!(out, "");
        validate_field_packed(&field("nope", None, Some("x")), 1, 0.0, true, &mut out);
        assert_eq!(out, "");
        validate_field_packed(
            &field("trigram", Some("fr"), Some("b1")),
            1,
            0.0,
            false,
            &mut out,
        );
        let mut expected = String::new();
        let issues = super::super::validate_create_field("trigram", &json!("b1"), None, Locale::Fr);
        packed(&issues, &mut expected);
        assert!(expected.contains("Le trigramme"), "{expected}");
        assert_eq!(out, expected);
        validate_field_packed(&field("nodePrefix", None, None), 0, 0.0, true, &mut out);
        assert!(out.starts_with(") (This field is required when"), "{out}");
        // Without a field name or with bytes that are not UTF-8: no field, no issue.
        for input in [&b""[..], &[0xff, 0xfe][..]] {
            validate_field_packed(input, 1, 0.0, true, &mut out);
            assert_eq!(out, "");
        }
        // A path or rule outside the tables travels as text.
        let odd = crate::validate::ValidationIssue {
            path: "options.x".into(),
            code: IssueCode::Empty,
            message: "m".into(),
            rule: "Z9".into(),
        };
        out.clear();
        packed(&[odd], &mut out);
        assert_eq!(out, "\u{7f}options.x\u{1f}+\u{7f}Z9\u{1f}m\u{1e}");
    }

    /// A typed record (see [`typed_records`]).
    fn typed(out: &mut Vec<u8>, slot: &str, value: &serde_json::Value) {
        let i = OPERATION_VALUES.iter().position(|v| *v == slot).unwrap() as u8;
        let (ty, text) = match value {
            serde_json::Value::String(t) => (0, t.clone()),
            serde_json::Value::Number(n) => (1, format!("{:016x}", n.as_f64().unwrap().to_bits())),
            serde_json::Value::Bool(b) => (2 + u8::from(*b), String::new()),
            _ => return,
        };
        out.push(4 * i + ty);
        out.extend_from_slice(text.as_bytes());
        out.push(SEP);
    }

    /// The operation layout gives what the JSON path gives.
    #[test]
    fn operation_records_match_the_json_path() {
        let now = "2026-11-20T10:00:00.000+00:00";
        let now_ms = crate::time::parse_rfc3339(now).unwrap() as f64;
        let bodies = [
            json!({"operation": "restore", "options": {"sourceId": 0, "stop": "after", "timestamp": "2026-10-01T10:00:00Z"}}),
            json!({"operation": "restore", "options": {"sourceId": 3, "stop": "AFTER", "timestamp": "2026-11-19T10:00:00Z"}}),
            json!({"operation": "enable_ha", "options": {"replicationLag": 12.5, "changeReference": 5}}),
            json!({"operation": "upgrade", "options": {"targetVersion": 16}}),
            json!({"operation": "resize", "options": "x"}),
            json!({"operation": "nope"}),
            json!({"operation": true}),
            json!({}),
        ];
        let mut out = String::new();
        for body in &bodies {
            for (production, locale, tag) in [
                (None, Locale::En, None),
                (Some(false), Locale::Fr, Some("fr")),
            ] {
                let ctx = OperationContext {
                    production,
                    ..OperationContext::default()
                };
                let mut expected = String::new();
                packed(
                    &super::super::validate_operation(body, &ctx, now_ms as i64, locale),
                    &mut expected,
                );
                let mut input = Vec::new();
                let mut flags = 0;
                typed(&mut input, "operation", &body["operation"]);
                match &body["options"] {
                    serde_json::Value::Object(o) => {
                        flags |= OPTIONS_OBJECT;
                        for (k, v) in o {
                            typed(&mut input, k, v);
                        }
                    }
                    v => typed(&mut input, "options", v),
                }
                if let Some(p) = production {
                    typed(&mut input, "production", &json!(p));
                }
                if let Some(tag) = tag {
                    typed(&mut input, "locale", &json!(tag));
                }
                validate_operation_packed(&input, flags, now_ms, &mut out);
                assert_eq!(out, expected, "{body}");
            }
        }
        // The context's `now` wins over the clock; hostile input answers.
        let mut input = Vec::new();
        typed(&mut input, "operation", &json!("restore"));
        typed(&mut input, "now", &json!(now));
        validate_operation_packed(&input, 0, 0.0, &mut out);
        assert!(out.contains("options.sourceId"), "{out}");
        validate_operation_packed(&[0x05, 0x1f, 0xff], u32::MAX, f64::NAN, &mut out);
        assert!(out.starts_with("\u{7f}operation\u{1f}"), "{out}");
    }
}
