//! The fast boundary's argument layout, derived from the create field table
//! ([`CreateField::ALL`]), and the packed form of its answer.
//!
//! When every known field of a request already has its expected primitive type, the package's JS
//! wrappers (`pkg-template/fast.js`) call `__validateCreateFast(texts, n0..n4, flags, options)`
//! (`src/wasm/validate.rs`) instead of handing over the whole object: the checked texts joined
//! by U+001F, one number argument per integer field (`NaN`: absent), and `flags` holding two bits
//! per boolean (0 absent, 1 false, 2 true), one bit per free text (only "is a text" matters to
//! its rule, C11, so its content does not cross) and one presence bit per checked text. Issues
//! come back as one string: `path␟code␟message␟rule`, issues joined by ␞ (U+001F, U+001E; no
//! message holds them), `""` when valid. The same rule code runs either way
//! (`tests/node/fast.test.mjs` compares both paths on generated input).
//!
//! The JS side of this layout is generated from [`Slot`] into `pkg-template/fast.js` (between
//! the `BEGIN GENERATED` / `END GENERATED` lines); a test of this module fails when it is stale.

// Only the wasm boundary calls into this module (and the native tests below).
#![cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]

use super::checks::In;
use super::create::{self, FIELD_COUNT};
use super::{Locale, ValidationIssue};
use crate::models::{CreateField, FieldType};

/// Where a create field's value travels in `__validateCreateFast`'s arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// In `texts` at this position; present when bit `TEXT_BIT + position` of `flags` is set.
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

/// Number of checked texts joined into `texts`.
pub(crate) const TEXT_COUNT: u32 = count(FieldType::Text);
/// Number of number arguments (the export's signature has exactly this many).
pub(crate) const NUMBER_COUNT: usize = count(FieldType::Integer) as usize;
const BOOL_COUNT: u32 = count(FieldType::Boolean);
const FREE_TEXT_COUNT: u32 = count(FieldType::FreeText);
/// First presence bit of the checked texts in `flags`.
pub(crate) const TEXT_BIT: u32 = 2 * BOOL_COUNT + FREE_TEXT_COUNT;
const _: () = assert!(TEXT_BIT + TEXT_COUNT <= 32, "the layout must fit in a u32");

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

/// Validates a create request given in the fast layout (see the module doc); packed issues.
pub(crate) fn validate_create_packed(
    texts: &str,
    numbers: &[f64; NUMBER_COUNT],
    flags: u32,
    locale: Locale,
) -> String {
    let bit = |n: u32| n < 32 && flags & (1 << n) != 0;
    let mut parts = [None; TEXT_COUNT as usize];
    for (part, text) in parts.iter_mut().zip(texts.split('\u{1f}')) {
        *part = Some(text);
    }
    let mut slots = [In::Absent; FIELD_COUNT];
    for (slot, code) in slots.iter_mut().zip(SLOTS) {
        let p = u32::from(code & 31);
        *slot = match code >> 5 {
            TEXT => match parts.get(p as usize) {
                Some(Some(text)) if bit(TEXT_BIT + p) => In::Str(text),
                _ => In::Absent,
            },
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
    let mut sink = super::checks::Sink::new(locale);
    create::validate_slots(&slots, &mut sink);
    packed(&sink.issues)
}

/// Validates one create field as [`super::validate_create_field`] does, its value given as
/// `kind`: 0 absent/`null`, 1 the text `text`, 2 the number `num` (read as JSON reads it),
/// 3 `false`, 4 `true`; `ha`: whether the request's `topology` is `"HA"` (C9). Packed issues.
pub(crate) fn validate_field_packed(
    field: &str,
    kind: u8,
    text: Option<&str>,
    num: f64,
    ha: bool,
    locale: Locale,
) -> String {
    let value = match kind {
        1 => text.map_or(In::Absent, In::Str),
        2 => In::json_number(num),
        3 => In::Bool(false),
        4 => In::Bool(true),
        _ => In::Absent,
    };
    let mut sink = super::checks::Sink::new(locale);
    create::validate_field_in(field, value, ha, &mut sink);
    packed(&sink.issues)
}

/// Issues as one string: fields joined by U+001F, issues by U+001E; "" for none.
fn packed(list: &[ValidationIssue]) -> String {
    let mut out = String::new();
    for issue in list {
        if !out.is_empty() {
            out.push('\u{1e}');
        }
        out.push_str(&issue.path);
        out.push('\u{1f}');
        out.push_str(issue.code.as_str());
        out.push('\u{1f}');
        out.push_str(&issue.message);
        out.push('\u{1f}');
        out.push_str(&issue.rule);
    }
    out
}

/// The generated part of `pkg-template/fast.js`: the layout above, in JS.
#[cfg(test)]
fn fast_js_layout() -> String {
    let mut out = String::from(
        "  // Each create field: [name, kind, position] (1 text at that position of `texts`, with\n  \
         // presence bit TEXT_BIT + position of `flags`; 2 number argument; 3 boolean, two bits of\n  \
         // `flags` from there; 4 free text, one bit; 0 fast only when absent or null).\n  \
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
    out.push_str(&format!("  const TEXT_BIT = {TEXT_BIT};\n"));
    let texts = ["\"\""; TEXT_COUNT as usize].join(", ");
    out.push_str(&format!("  const emptyTexts = () => [{texts}];\n"));
    let nans = ["NaN"; NUMBER_COUNT].join(", ");
    out.push_str(&format!("  const emptyNumbers = () => [{nans}];\n"));
    out.push_str("  const joinTexts = (t) =>\n    t[0]");
    for i in 1..TEXT_COUNT {
        // Four texts a line.
        out.push_str(if i % 4 == 0 {
            " +\n    SEP + "
        } else {
            " + SEP + "
        });
        out.push_str(&format!("t[{i}]"));
    }
    out.push_str(";\n");
    let args: Vec<String> = (0..NUMBER_COUNT).map(|i| format!("n[{i}]")).collect();
    out.push_str(&format!(
        "  const callCreate = (texts, n, flags, options) =>\n    fastCreate(texts, {}, flags, options);\n",
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
        assert_eq!((TEXT_COUNT, NUMBER_COUNT, TEXT_BIT), (9, 5, 15));
        let mut used = 0u32;
        for &f in CreateField::ALL {
            let bits = match Slot::of(f) {
                Slot::Text(p) => 1 << (TEXT_BIT + p),
                Slot::Bool(p) => 3 << p,
                Slot::FreeText(p) => 1 << p,
                Slot::Number(_) | Slot::Absent => 0,
            };
            assert_eq!(used & bits, 0, "{} overlaps", f.name());
            used |= bits;
        }
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
        let mut texts = vec![""; TEXT_COUNT as usize];
        let mut numbers = [f64::NAN; NUMBER_COUNT];
        let mut flags = 0u32;
        for &f in CreateField::ALL {
            let Some(v) = o.get(f.name()) else { continue };
            match Slot::of(f) {
                Slot::Text(p) => {
                    texts[p as usize] = v.as_str().unwrap();
                    flags |= 1 << (TEXT_BIT + p);
                }
                Slot::Number(p) => numbers[p as usize] = v.as_f64().unwrap(),
                Slot::Bool(p) => flags |= (1 + u32::from(v.as_bool().unwrap())) << p,
                Slot::FreeText(p) => flags |= 1 << p,
                Slot::Absent => unreachable!(),
            }
        }
        for locale in [Locale::En, Locale::Fr] {
            let expected = packed(&super::super::validate_create(&request, locale));
            assert!(expected.contains("C1"), "{expected}");
            let got = validate_create_packed(&texts.join("\u{1f}"), &numbers, flags, locale);
            assert_eq!(got, expected);
        }
        // Hostile layouts read as absent fields, never a panic.
        for (texts, flags) in [("", u32::MAX), ("\u{1f}".repeat(40).as_str(), u32::MAX)] {
            let got =
                validate_create_packed(texts, &[f64::INFINITY; NUMBER_COUNT], flags, Locale::En);
            assert!(got.contains("required") || got.contains("empty"), "{got}");
        }
        assert_eq!(
            validate_field_packed("diskSize", 2, None, 40.0, false, Locale::En),
            ""
        );
        assert_eq!(
            validate_field_packed("nope", 1, Some("x"), 0.0, true, Locale::En),
            ""
        );
    }
}
