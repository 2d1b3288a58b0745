//! Strict request bodies built from the (validated) JSON value the caller gave, without going
//! through the models' `Deserialize`/`Serialize` (tens of KB of wasm per model).
//!
//! "Encode strictly" (STYLE 4): only the keys the API documents are sent; an absent or `null`
//! optional field is left out, as the models' `skip_serializing_if` does. The create keys are
//! [`CreateField::ALL`] and the operation names [`PostgresqlOperation::NAMES`] (the one lists);
//! the options keys of each operation are below. Native tests check both against the models'
//! serde names by round-tripping every reference fixture (`tests/fixtures/`).

use serde_json::{Map, Value};

use crate::models::{CreateField, PostgresqlOperation};

/// What is kept under a key of a request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The value as given (a scalar, or an object carried through untouched, C11 `product`).
    Value,
    /// An object reduced to these keys.
    Fields(&'static [Field]),
    /// An array whose object items are reduced to these keys.
    Items(&'static [Field]),
}

/// One documented key of a request body and what is kept under it.
pub type Field = (&'static str, Keep);

/// Options keys of each PATCH operation, by position in [`PostgresqlOperation::NAMES`] (an
/// operation added there fails to compile here); `None`: sent without `options` (O1).
pub const OPERATION_OPTIONS: [Option<&[Field]>; PostgresqlOperation::NAMES.len()] = [
    // start, stop
    None,
    None,
    // resize
    Some(&[("sizing", Keep::Value)]),
    // restore
    Some(&[
        ("sourceId", Keep::Value),
        ("stop", Keep::Value),
        ("timestamp", Keep::Value),
    ]),
    // enable_ha
    Some(&[
        ("replicationLag", Keep::Value),
        ("changeReference", Keep::Value),
    ]),
    // update_patch_party
    Some(&[(
        "patchParty",
        Keep::Fields(&[
            ("excluded", Keep::Value),
            ("patchGroup", Keep::Value),
            ("exclusionReason", Keep::Value),
        ]),
    )]),
    // install_extension
    Some(&[
        ("dbname", Keep::Value),
        ("extensions_list", Keep::Items(&[("name", Keep::Value)])),
    ]),
    // upgrade
    Some(&[
        ("targetVersion", Keep::Value),
        ("changeReference", Keep::Value),
    ]),
];

/// `value` reduced to `fields` (a non-object is returned as given).
pub fn keep_fields(value: &Value, fields: &[Field]) -> Value {
    let Some(object) = value.as_object() else {
        return value.clone();
    };
    let mut out = Map::new();
    for (key, keep) in fields {
        match object.get(*key) {
            None | Some(Value::Null) => {}
            Some(v) => {
                out.insert((*key).to_owned(), keep.apply(v));
            }
        }
    }
    Value::Object(out)
}

impl Keep {
    /// What is sent for `value` under a key of this kind.
    pub fn apply(self, value: &Value) -> Value {
        match (self, value) {
            (Keep::Fields(fields), _) => keep_fields(value, fields),
            (Keep::Items(fields), Value::Array(items)) => {
                Value::Array(items.iter().map(|i| keep_fields(i, fields)).collect())
            }
            _ => value.clone(),
        }
    }
}

/// The create body: the documented keys of `request` (a non-object is returned as given, for
/// a client that skips validation and lets the server answer T6).
pub fn create_body(request: &Value) -> Value {
    let Some(object) = request.as_object() else {
        return request.clone();
    };
    // Every create field is sent as given (`product` included, C11).
    let mut out = Map::new();
    for (key, value) in object {
        if !value.is_null() && CreateField::from_name(key).is_some() {
            out.insert(key.clone(), value.clone());
        }
    }
    Value::Object(out)
}

/// The PATCH body `{operation, options}` with the options keys of that operation; `None` when
/// `operation` names no known operation (O8).
pub fn operation_body(operation: &Value) -> Option<Value> {
    let name = operation.get("operation")?.as_str()?;
    let index = PostgresqlOperation::NAMES.iter().position(|n| *n == name)?;
    let options = OPERATION_OPTIONS.get(index)?;
    let mut out = Map::new();
    out.insert("operation".to_owned(), Value::from(name));
    if let Some(fields) = options {
        let given = operation.get("options").unwrap_or(&Value::Null);
        out.insert("options".to_owned(), keep_fields(given, fields));
    }
    Some(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::CreatePostgresql;

    fn fixture(name: &str) -> Value {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The key tables say what the models' serde names say: the table-built body of every
    /// reference example equals the model's own encoding (C1-C11 keys, `product` carried).
    #[test]
    fn create_keys_match_the_model() {
        for name in ["create_short.json", "create_full.json"] {
            let given = fixture(name);
            let model: CreatePostgresql = serde_json::from_value(given.clone()).unwrap();
            let expected = serde_json::to_value(&model).unwrap();
            assert_eq!(create_body(&given), expected, "{name}");
        }
        // Every key of the full example is sent (it has them all).
        let full = fixture("create_full.json");
        assert_eq!(create_body(&full), full);
    }

    #[test]
    fn create_body_is_strict_and_keeps_product_as_given() {
        let given = serde_json::json!({
            "name": "pgsql-db01", "az": null, "unknown": 1,
            "product": {"CODE": "x", "NOT_IN_MODEL": {"a": [1]}}
        });
        let body = create_body(&given);
        // Unknown top-level keys and nulls are not sent; `product` is carried untouched (C11).
        assert_eq!(
            body,
            serde_json::json!({"name": "pgsql-db01",
                               "product": {"CODE": "x", "NOT_IN_MODEL": {"a": [1]}}})
        );
        assert_eq!(create_body(&Value::from(3)), Value::from(3));
    }

    #[test]
    fn operation_keys_match_the_model() {
        for name in [
            "patch_start.json",
            "patch_stop.json",
            "patch_resize.json",
            "patch_restore.json",
            "patch_enable_ha.json",
            "patch_patch_party_exclude.json",
            "patch_patch_party_include.json",
            "patch_install_extension.json",
            "patch_upgrade.json",
        ] {
            let given = fixture(name);
            let model: PostgresqlOperation = serde_json::from_value(given.clone()).unwrap();
            let expected = serde_json::to_value(&model).unwrap();
            assert_eq!(operation_body(&given), Some(expected), "{name}");
        }
        // O8: no body for an operation the API does not have.
        assert_eq!(operation_body(&fixture("patch_generic.json")), None);
    }

    #[test]
    fn operation_body_drops_unknown_options_and_nulls() {
        let given = serde_json::json!({
            "operation": "update_patch_party", "extra": true,
            "options": {"patchParty": {"excluded": false, "patchGroup": "1",
                                       "exclusionReason": null, "x": 2}, "y": 3}
        });
        assert_eq!(
            operation_body(&given),
            Some(serde_json::json!({"operation": "update_patch_party",
                                    "options": {"patchParty": {"excluded": false, "patchGroup": "1"}}}))
        );
        let install = serde_json::json!({"operation": "install_extension",
            "options": {"dbname": "d", "extensions_list": [{"name": "a", "v": 1}]}});
        assert_eq!(
            operation_body(&install),
            Some(serde_json::json!({"operation": "install_extension",
                "options": {"dbname": "d", "extensions_list": [{"name": "a"}]}}))
        );
        // start/stop carry no options (the model's encoding).
        let start = serde_json::json!({"operation": "start", "options": {"a": 1}});
        assert_eq!(
            operation_body(&start),
            Some(serde_json::json!({"operation": "start"}))
        );
    }
}
