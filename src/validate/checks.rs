//! Small shared field checkers: one place for "required text", "integer in range", "boolean",
//! "length in characters"… Each pushes its issues into a [`Sink`] and returns the usable value,
//! if any, so the caller can go on with rule-specific checks.

use serde_json::{Map, Value};

use super::messages::{render, render_into, Arg, Key};
use super::{IssueCode, Locale, ValidationIssue};

/// Collects issues; builds messages only when an issue is pushed.
pub(crate) struct Sink {
    pub(crate) issues: Vec<ValidationIssue>,
    pub(crate) locale: Locale,
    /// Set by the fast boundary: issues are appended here in its compact form
    /// (`super::fast`), message rendered in place, instead of becoming [`ValidationIssue`]s
    /// (no allocation per issue).
    pub(crate) compact: Option<String>,
}

impl Sink {
    pub(crate) fn new(locale: Locale) -> Sink {
        Sink {
            issues: Vec::new(),
            locale,
            compact: None,
        }
    }

    pub(crate) fn push(
        &mut self,
        path: &str,
        code: IssueCode,
        rule: &str,
        key: Key,
        args: &[Arg<'_>],
    ) {
        if let Some(out) = &mut self.compact {
            super::fast::compact_head(out, path, code, rule);
            render_into(out, key, self.locale, args);
            out.push('\u{1e}');
            return;
        }
        self.push_message(path, code, rule, render(key, self.locale, args));
    }

    pub(crate) fn push_message(
        &mut self,
        path: &str,
        code: IssueCode,
        rule: &str,
        message: String,
    ) {
        if let Some(out) = &mut self.compact {
            super::fast::compact_head(out, path, code, rule);
            out.push_str(&message);
            out.push('\u{1e}');
            return;
        }
        self.issues.push(ValidationIssue {
            path: path.to_owned(),
            code,
            message,
            rule: rule.to_owned(),
        });
    }
}

/// What an absent (or `null`) value means.
#[derive(Clone, Copy)]
pub(crate) enum Need {
    /// Absent is an issue `required` with this message.
    Required(Key),
    /// Absent is fine.
    Optional,
}

impl Need {
    pub(crate) const REQUIRED: Need = Need::Required(Key::Required);
}

/// A field value as the rules see it: what a JSON value or a typed argument of the fast
/// boundary (`src/wasm/validate.rs`) becomes, so both run the same checks. `null` is `Absent`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum In<'a> {
    /// Absent or `null`.
    Absent,
    /// A boolean.
    Bool(bool),
    /// A number, read as an integer (see [`Int`]).
    Num(Int),
    /// A text.
    Str(&'a str),
    /// An object.
    Object,
    /// Anything else (a list).
    Other,
}

impl<'a> From<Option<&'a Value>> for In<'a> {
    fn from(v: Option<&'a Value>) -> In<'a> {
        match v {
            None | Some(Value::Null) => In::Absent,
            Some(Value::Bool(b)) => In::Bool(*b),
            Some(n @ Value::Number(_)) => In::Num(integer(n)),
            Some(Value::String(x)) => In::Str(x),
            Some(Value::Object(_)) => In::Object,
            Some(Value::Array(_)) => In::Other,
        }
    }
}

#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))] // the fast boundary is wasm-only
impl In<'_> {
    /// A JS number of a request field as `JSON.stringify` + serde_json give it: non-finite is
    /// `null`; integral values below 1e21 are written in digits, read as an `i64` when they fit.
    pub(crate) fn json_number(f: f64) -> In<'static> {
        const I64_END: f64 = 9_223_372_036_854_775_808.0; // 2^63
        if !f.is_finite() {
            In::Absent
        } else if f.fract() != 0.0 {
            In::Num(Int::NotInteger)
        } else if f > -I64_END && f < I64_END {
            In::Num(Int::Value(f as i64))
        } else {
            In::Num(Int::OutOfRange)
        }
    }
}

/// Reports a missing value when `need` says so; returns the value when present.
fn require<'v>(s: &mut Sink, path: &str, rule: &str, v: In<'v>, need: Need) -> Option<In<'v>> {
    if matches!(v, In::Absent) {
        if let Need::Required(key) = need {
            s.push(path, IssueCode::Required, rule, key, &[]);
        }
        return None;
    }
    Some(v)
}

/// An integer read from a JSON number: JS has only doubles, so integral floats count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Int {
    /// An integer that fits.
    Value(i64),
    /// Integral but beyond `i64` / the JS safe range: a range problem, not a type one.
    OutOfRange,
    /// Not a number, or a number with a fraction.
    NotInteger,
}

/// Largest integer a JS number holds exactly (2^53 − 1).
const JS_SAFE: f64 = 9_007_199_254_740_991.0;

pub(crate) fn integer(v: &Value) -> Int {
    let Value::Number(n) = v else {
        return Int::NotInteger;
    };
    if let Some(i) = n.as_i64() {
        return Int::Value(i);
    }
    if n.is_u64() {
        return Int::OutOfRange;
    }
    match n.as_f64() {
        Some(f) if f.is_finite() && f.fract() == 0.0 => {
            if (-JS_SAFE..=JS_SAFE).contains(&f) {
                // Exact: |f| <= 2^53 and integral.
                Int::Value(f as i64)
            } else {
                Int::OutOfRange
            }
        }
        _ => Int::NotInteger,
    }
}

/// An integer from a number or a numeric string (contexts from callers, never request fields).
pub(crate) fn loose_integer(v: &Value) -> Option<i64> {
    match (integer(v), v) {
        (Int::Value(i), _) => Some(i),
        (_, Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A text field. `""` is `empty` unless `allow_empty`. Returns the text when usable.
pub(crate) fn string<'v>(
    s: &mut Sink,
    path: &str,
    rule: &str,
    v: Option<&'v Value>,
    need: Need,
    allow_empty: bool,
) -> Option<&'v str> {
    string_in(s, path, rule, v.into(), need, allow_empty)
}

/// [`string`] on an [`In`].
pub(crate) fn string_in<'v>(
    s: &mut Sink,
    path: &str,
    rule: &str,
    v: In<'v>,
    need: Need,
    allow_empty: bool,
) -> Option<&'v str> {
    match require(s, path, rule, v, need)? {
        In::Str(x) if x.is_empty() && !allow_empty => {
            s.push(path, IssueCode::Empty, rule, Key::Empty, &[]);
            None
        }
        In::Str(x) => Some(x),
        _ => {
            s.push(path, IssueCode::Type, rule, Key::TypeString, &[]);
            None
        }
    }
}

/// An integer field within `min..=max`; out of range is `range` with `range_key`
/// (which receives `min` and `max` as `{0}` and `{1}`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn int_in_in(
    s: &mut Sink,
    path: &str,
    rule: &str,
    v: In<'_>,
    need: Need,
    min: i64,
    max: i64,
    range_key: Key,
) -> Option<i64> {
    match as_int(require(s, path, rule, v, need)?) {
        Int::Value(i) if (min..=max).contains(&i) => Some(i),
        Int::Value(_) | Int::OutOfRange => {
            s.push(
                path,
                IssueCode::Range,
                rule,
                range_key,
                &[Arg::Int(min), Arg::Int(max)],
            );
            None
        }
        Int::NotInteger => {
            s.push(path, IssueCode::Type, rule, Key::TypeInteger, &[]);
            None
        }
    }
}

/// The integer reading of a present value (anything but a number is not an integer).
fn as_int(v: In<'_>) -> Int {
    match v {
        In::Num(i) => i,
        _ => Int::NotInteger,
    }
}

/// An integer field with no range of its own (only its type is checked).
pub(crate) fn int_any(s: &mut Sink, path: &str, rule: &str, v: In<'_>, need: Need) -> Option<i64> {
    match as_int(require(s, path, rule, v, need)?) {
        Int::Value(i) => Some(i),
        Int::OutOfRange => None,
        Int::NotInteger => {
            s.push(path, IssueCode::Type, rule, Key::TypeInteger, &[]);
            None
        }
    }
}

/// A boolean field.
pub(crate) fn boolean(
    s: &mut Sink,
    path: &str,
    rule: &str,
    v: Option<&Value>,
    need: Need,
) -> Option<bool> {
    boolean_in(s, path, rule, v.into(), need)
}

/// [`boolean`] on an [`In`].
pub(crate) fn boolean_in(
    s: &mut Sink,
    path: &str,
    rule: &str,
    v: In<'_>,
    need: Need,
) -> Option<bool> {
    match require(s, path, rule, v, need)? {
        In::Bool(b) => Some(b),
        _ => {
            s.push(path, IssueCode::Type, rule, Key::TypeBoolean, &[]);
            None
        }
    }
}

/// An object field.
pub(crate) fn object<'v>(
    s: &mut Sink,
    path: &str,
    rule: &str,
    v: Option<&'v Value>,
    need: Need,
) -> Option<&'v Map<String, Value>> {
    if object_in(s, path, rule, v.into(), need) {
        v.and_then(Value::as_object)
    } else {
        None
    }
}

/// [`object`] on an [`In`]: whether an object is there.
pub(crate) fn object_in(s: &mut Sink, path: &str, rule: &str, v: In<'_>, need: Need) -> bool {
    match require(s, path, rule, v, need) {
        Some(In::Object) => true,
        None => false,
        Some(_) => {
            s.push(path, IssueCode::Type, rule, Key::TypeObject, &[]);
            false
        }
    }
}

/// A list field.
pub(crate) fn array<'v>(
    s: &mut Sink,
    path: &str,
    rule: &str,
    v: Option<&'v Value>,
    need: Need,
) -> Option<&'v [Value]> {
    require(s, path, rule, v.into(), need)?;
    match v {
        Some(Value::Array(a)) => Some(a),
        _ => {
            s.push(path, IssueCode::Type, rule, Key::TypeArray, &[]);
            None
        }
    }
}

/// Length in characters (Unicode scalar values), not bytes: `é` counts once.
pub(crate) fn char_len(s: &str) -> i64 {
    let n = if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Reports `length` when `text` is not `min..=max` characters long.
pub(crate) fn length(
    s: &mut Sink,
    path: &str,
    rule: &str,
    text: &str,
    min: i64,
    max: i64,
    key: Key,
) {
    if !(min..=max).contains(&char_len(text)) {
        s.push(
            path,
            IssueCode::Length,
            rule,
            key,
            &[Arg::Int(min), Arg::Int(max)],
        );
    }
}

/// A run of ASCII digits that names a positive integer without a leading zero.
pub(crate) fn is_positive_decimal(b: &[u8]) -> bool {
    matches!(b.first(), Some(b'1'..=b'9')) && b.iter().all(u8::is_ascii_digit)
}

/// The major version in `16`, `16.4`, `12.1` (leading ASCII digits after optional spaces);
/// `None` when there is none (callers then skip version checks: permissive).
pub fn major_version(v: &str) -> Option<i64> {
    let t = v.trim();
    let end = t
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(t.len());
    let digits = t.get(..end)?;
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    if let Some(rest) = t.get(end..) {
        // "16", "16.4", "16beta1" are versions; "16abc" is not worth guessing about either way.
        if !(rest.is_empty() || rest.starts_with('.') || rest.starts_with(' ')) {
            return None;
        }
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_accept_integral_floats_only() {
        assert_eq!(integer(&json!(40)), Int::Value(40));
        assert_eq!(integer(&json!(40.0)), Int::Value(40));
        assert_eq!(integer(&json!(-0.0)), Int::Value(0));
        assert_eq!(integer(&json!(40.5)), Int::NotInteger);
        assert_eq!(integer(&json!("40")), Int::NotInteger);
        assert_eq!(integer(&json!(u64::MAX)), Int::OutOfRange);
        assert_eq!(integer(&json!(1e300)), Int::OutOfRange);
    }

    #[test]
    fn major_versions() {
        assert_eq!(major_version("16"), Some(16));
        assert_eq!(major_version("16.4"), Some(16));
        assert_eq!(major_version(" 12.1 "), Some(12));
        assert_eq!(major_version("PostgreSQL 16"), None);
        assert_eq!(major_version(""), None);
        assert_eq!(major_version("16abc"), None);
    }

    #[test]
    fn char_len_counts_characters() {
        assert_eq!(char_len("abcde"), 5);
        assert_eq!(char_len("éééé"), 4);
    }
}
