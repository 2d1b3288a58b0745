//! One reading of "integer" for request fields, shared by every request model: a JSON number
//! with no fraction, integral floats included (`40.0`), as the validators read it
//! (`validate::checks::integer`). JavaScript has only doubles, so a JS caller cannot tell `40`
//! from `40.0`; a body the validator accepted must then decode too.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// Largest integer a JS number holds exactly (2^53 − 1): beyond it a float is not one integer.
const JS_SAFE: f64 = 9_007_199_254_740_991.0;

struct Integral;

impl Visitor<'_> for Integral {
    type Value = i64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        if v.is_finite() && v.fract() == 0.0 && (-JS_SAFE..=JS_SAFE).contains(&v) {
            // Exact: integral and |v| <= 2^53.
            Ok(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

/// `#[serde(deserialize_with = "integer::int")]` on an `i64` field.
pub(crate) fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(Integral)
}

/// `#[serde(default, deserialize_with = "integer::opt_int")]` on an `Option<i64>` field
/// (`null` is `None`).
pub(crate) fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct Opt;
    impl<'de> Visitor<'de> for Opt {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an integer or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            int(d).map(Some)
        }
    }
    d.deserialize_option(Opt)
}

/// `#[serde(default, deserialize_with = "integer::opt_text")]` on an `Option<String>` field the
/// validator also accepts as a number (O5 `patchGroup`: `"3"` or `3`): a number reads as its
/// JSON text, as the simulator stores it; `null` is `None`.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(de::Error::custom("expected a string or a number")),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    struct T {
        #[serde(deserialize_with = "super::int")]
        a: i64,
        #[serde(default, deserialize_with = "super::opt_int")]
        b: Option<i64>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct G {
        #[serde(default, deserialize_with = "super::opt_text")]
        g: Option<String>,
    }

    #[test]
    fn a_text_field_may_come_as_a_number() {
        let read = |v| serde_json::from_value::<G>(v).ok().map(|g| g.g);
        assert_eq!(read(json!({"g": "3"})), Some(Some("3".into())));
        assert_eq!(read(json!({"g": 3})), Some(Some("3".into())));
        assert_eq!(read(json!({"g": null})), Some(None));
        assert_eq!(read(json!({})), Some(None));
        assert_eq!(read(json!({"g": {}})), None);
    }

    fn read(v: serde_json::Value) -> Option<T> {
        serde_json::from_value(v).ok()
    }

    #[test]
    fn integral_floats_read_as_the_validators_read_them() {
        assert_eq!(read(json!({"a": 40})), Some(T { a: 40, b: None }));
        assert_eq!(
            read(json!({"a": 40.0, "b": 7.0})),
            Some(T { a: 40, b: Some(7) })
        );
        assert_eq!(
            read(json!({"a": -0.0, "b": null})),
            Some(T { a: 0, b: None })
        );
        assert_eq!(read(json!({"a": 40.5})), None);
        assert_eq!(read(json!({"a": "40"})), None);
        assert_eq!(read(json!({"a": 1e300})), None);
        assert_eq!(read(json!({"a": u64::MAX})), None);
        assert_eq!(read(json!({"a": 1, "b": 2.5})), None);
        // From text too (the simulator decodes bytes, not a Value).
        assert_eq!(
            serde_json::from_str::<T>(r#"{"a": 4.0e1, "b": 1048576.0}"#).ok(),
            Some(T {
                a: 40,
                b: Some(1_048_576)
            })
        );
    }
}
