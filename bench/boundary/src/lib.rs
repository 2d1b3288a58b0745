//! Ways a JS create request can reach `validate_create` and its issues come back, each one
//! export, so `bench/boundary/bench.mjs` can time them side by side on the same payloads.
//!
//! In: `json` (JSON.stringify in Rust + serde_json, the package's path), `swb`
//! (serde-wasm-bindgen into a `serde_json::Value`), `fields` (one `Reflect.get` per known key,
//! values converted by type; no JSON text).
//! Out: `swb` (serde-wasm-bindgen `json_compatible`, the package's path), `objects` (plain
//! objects built with `Reflect.set` and interned keys), `packed` (one string, split in JS).

use itcare_postgresql::validate::{validate_create, Locale, ValidationIssue};
use js_sys::{Array, JsString, Object, Reflect};
use serde::Serialize as _;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const KEYS: [&str; 27] = [
    "name",
    "nodeSizing",
    "diskSize",
    "admPassword",
    "serviceId",
    "networkId",
    "topology",
    "trigram",
    "allowedReplicationLag",
    "nodePrefix",
    "az",
    "tls",
    "area",
    "productCode",
    "backupEnabled",
    "cloudId",
    "dbBackupPolicyId",
    "noBackupProdReason",
    "noMonitoringProdReason",
    "noReplicationProdReason",
    "prefix",
    "product",
    "region",
    "regulation",
    "replicationEnabled",
    "serverBackupPolicyId",
    "supportLevel",
];

fn via_json(v: &JsValue) -> Value {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|t| t.as_string())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

fn via_swb(v: &JsValue) -> Value {
    serde_wasm_bindgen::from_value(v.clone()).unwrap_or(Value::Null)
}

fn scalar(v: &JsValue) -> Value {
    if let Some(s) = v.dyn_ref::<JsString>() {
        return Value::String(String::from(s));
    }
    if let Some(n) = v.as_f64() {
        return if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            Value::from(n as i64)
        } else {
            Number::from_f64(n).map_or(Value::Null, Value::Number)
        };
    }
    if let Some(b) = v.as_bool() {
        return Value::Bool(b);
    }
    if v.is_object() {
        return via_json(v);
    }
    Value::Null
}

fn via_fields(v: &JsValue) -> Value {
    if !v.is_object() {
        return scalar(v);
    }
    let mut map = Map::new();
    for key in KEYS {
        if let Ok(x) = Reflect::get(v, &JsValue::from_str(key)) {
            if !x.is_undefined() {
                map.insert(key.to_owned(), scalar(&x));
            }
        }
    }
    Value::Object(map)
}

fn out_swb(list: &[ValidationIssue]) -> JsValue {
    if list.is_empty() {
        return Array::new().into();
    }
    list.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

thread_local! {
    static K: [JsValue; 4] = [
        JsValue::from_str("path"),
        JsValue::from_str("code"),
        JsValue::from_str("message"),
        JsValue::from_str("rule"),
    ];
}

fn out_objects(list: &[ValidationIssue]) -> JsValue {
    let arr = Array::new();
    K.with(|k| {
        for i in list {
            let o = Object::new();
            let _ = Reflect::set(&o, &k[0], &JsValue::from_str(&i.path));
            let _ = Reflect::set(&o, &k[1], &JsValue::from_str(i.code.as_str()));
            let _ = Reflect::set(&o, &k[2], &JsValue::from_str(&i.message));
            let _ = Reflect::set(&o, &k[3], &JsValue::from_str(&i.rule));
            arr.push(&o);
        }
    });
    arr.into()
}

fn out_packed(list: &[ValidationIssue]) -> String {
    let mut s = String::new();
    for i in list {
        for part in [
            i.path.as_str(),
            i.code.as_str(),
            i.message.as_str(),
            i.rule.as_str(),
        ] {
            s.push_str(part);
            s.push('\u{1f}');
        }
    }
    s
}

/// In: JSON text; out: serde-wasm-bindgen (the package's path).
#[wasm_bindgen(js_name = jsonSwb)]
pub fn json_swb(v: JsValue) -> JsValue {
    out_swb(&validate_create(&via_json(&v), Locale::En))
}

/// In: serde-wasm-bindgen into a Value; out: serde-wasm-bindgen.
#[wasm_bindgen(js_name = swbSwb)]
pub fn swb_swb(v: JsValue) -> JsValue {
    out_swb(&validate_create(&via_swb(&v), Locale::En))
}

/// In: one Reflect.get per known key; out: serde-wasm-bindgen.
#[wasm_bindgen(js_name = fieldsSwb)]
pub fn fields_swb(v: JsValue) -> JsValue {
    out_swb(&validate_create(&via_fields(&v), Locale::En))
}

/// In: JSON text; out: plain objects built with Reflect.set.
#[wasm_bindgen(js_name = jsonObjects)]
pub fn json_objects(v: JsValue) -> JsValue {
    out_objects(&validate_create(&via_json(&v), Locale::En))
}

/// In: JSON text; out: one packed string.
#[wasm_bindgen(js_name = jsonPacked)]
pub fn json_packed(v: JsValue) -> String {
    out_packed(&validate_create(&via_json(&v), Locale::En))
}

/// In: one Reflect.get per known key; out: one packed string.
#[wasm_bindgen(js_name = fieldsPacked)]
pub fn fields_packed(v: JsValue) -> String {
    out_packed(&validate_create(&via_fields(&v), Locale::En))
}

/// In: JSON text from JS (the caller stringifies); out: one packed string.
#[wasm_bindgen(js_name = textPacked)]
pub fn text_packed(text: &str) -> String {
    let v = serde_json::from_str(text).unwrap_or(Value::Null);
    out_packed(&validate_create(&v, Locale::En))
}

/// Parse only (no validation), to separate parsing from the rules.
#[wasm_bindgen(js_name = textParseOnly)]
pub fn text_parse_only(text: &str) -> u32 {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v.as_object().map(|m| m.len() as u32))
        .unwrap_or(0)
}
