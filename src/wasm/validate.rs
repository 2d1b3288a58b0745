//! Validation exports: `validateCreatePostgresql`, `validatePostgresqlOperation`,
//! `validateCreatePostgresqlField`, `operationNames`, `operationContextFromInstance`, and the
//! hidden fast exports of `pkg-template/fast.js`.
//!
//! Any JS value in, a list of issues out: validation never throws and never traps (issue 2).
//! A value that is not JSON-like (BigInt, Symbol, function, cyclic object, a Proxy that throws)
//! is read as far as it can be and the rest counts as `null`, so it is reported like any wrong
//! type (`type`/`required` at its path). `options` and `context` of the wrong shape are ignored:
//! English, no known fact (every context-dependent rule is then permissive), the machine's clock.
//!
//! The TypeScript signatures are written by hand in `validate.d.ts` (`skip_typescript`; joined to
//! the generated `.d.ts` by scripts/assemble-pkg.mjs): wasm-bindgen 0.2.130 drops the `?` of an
//! optional parameter once its type is overridden.

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::{locale_option, to_js, to_json};
use serde_json::Value;

use crate::models::{PostgresqlInstance, PostgresqlOperation};
use crate::validate::{self, OperationContext, ValidationIssue, NUMBER_COUNT};

/// Validates a create request against C1–C11 (see `validate.d.ts`).
#[wasm_bindgen(js_name = validateCreatePostgresql, skip_typescript)]
pub fn validate_create_postgresql(request: JsValue, options: JsValue) -> JsValue {
    let locale = locale_option(&options);
    issues(validate::validate_create(&to_json(&request), locale))
}

/// Validates a PATCH body against O1–O8 (see `validate.d.ts`).
#[wasm_bindgen(js_name = validatePostgresqlOperation, skip_typescript)]
pub fn validate_postgresql_operation(
    operation: JsValue,
    context: JsValue,
    options: JsValue,
) -> JsValue {
    let locale = locale_option(&options);
    let context = operation_context(&context);
    // The validators prefer `context.now` when it parses; otherwise this clock decides (O3).
    let now_ms = js_sys::Date::now() as i64;
    issues(validate::validate_operation(
        &to_json(&operation),
        &context,
        now_ms,
        locale,
    ))
}

/// Validates one create field with the cross-field rules from `request` (see above).
#[wasm_bindgen(js_name = validateCreatePostgresqlField, skip_typescript)]
pub fn validate_create_postgresql_field(
    field: JsValue,
    value: JsValue,
    request: JsValue,
    options: JsValue,
) -> JsValue {
    let locale = locale_option(&options);
    // A field name that is not a string names no field: no issue (the validators' contract).
    let field = match to_json(&field) {
        serde_json::Value::String(name) => name,
        _ => String::new(),
    };
    let request = (!request.is_undefined() && !request.is_null()).then(|| to_json(&request));
    issues(validate::validate_create_field(
        &field,
        &to_json(&value),
        request.as_ref(),
        locale,
    ))
}

/// The context of an operation; a field of the wrong type is unknown, a context that is not an
/// object is empty (the validators' lenient decoding).
fn operation_context(context: &JsValue) -> OperationContext {
    if context.is_undefined() || context.is_null() {
        return OperationContext::default();
    }
    let ctx = to_json(context);
    OperationContext {
        production: ctx.get("production").and_then(Value::as_bool),
        now: text(&ctx, "now"),
        instance: ctx.get("instance").and_then(instance),
        node_count: ctx.get("nodeCount").and_then(validate::loose_integer),
        // One unreadable version makes the list unknown (permissive).
        versions: match ctx.get("versions") {
            Some(Value::Array(items)) => items.iter().map(validate::loose_integer).collect(),
            _ => None,
        },
    }
}

/// The fields of an instance the rules read, each of the wrong type unknown on its own; `None`
/// for a value that is not an object. Read field by field instead of through
/// `PostgresqlInstance`'s `Deserialize`: that one decodes nodes, networks, backups…, ~50 KB of
/// wasm for the seven fields the rules read.
fn instance(i: &Value) -> Option<PostgresqlInstance> {
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

/// Every operation name (see `validate.d.ts`).
#[wasm_bindgen(js_name = operationNames, skip_typescript)]
pub fn operation_names() -> Array {
    let names = Array::new();
    for name in PostgresqlOperation::NAMES {
        names.push(&JsValue::from_str(name));
    }
    names
}

/// The context of an operation on `instance` (see `validate.d.ts`): the facts
/// of `validate::operation_context_from_instance`, read by the same core functions from the
/// three fields they need, and the instance itself as given (not a copy).
#[wasm_bindgen(js_name = operationContextFromInstance, skip_typescript)]
pub fn operation_context_from_instance(value: JsValue) -> JsValue {
    let out = Object::new();
    let i = to_json(&value);
    if i.is_object() {
        // Setting a property of a fresh plain object cannot throw.
        let set = |key: &str, fact: JsValue| {
            let _ = Reflect::set(&out, &JsValue::from_str(key), &fact);
        };
        let str_of = |key| i.get(key).and_then(Value::as_str);
        if let Some(p) = str_of("environment").and_then(validate::production_environment) {
            set("production", JsValue::from_bool(p));
        }
        if let Some(n) = i.get("nodeCount").and_then(Value::as_i64) {
            set("nodeCount", JsValue::from_f64(n as f64));
        }
        if let Some(v) = str_of("version").and_then(validate::major_version) {
            set("majorVersion", JsValue::from_f64(v as f64));
        }
        set("instance", value);
    }
    out.into()
}

/// Issues as a JS array of plain `{ path, code, message, rule }` objects.
fn issues(list: Vec<ValidationIssue>) -> JsValue {
    if list.is_empty() {
        // The common case, without going through serde.
        return Array::new().into();
    }
    to_js(&list)
}

// The deliberate boundary of `pkg-template/fast.js` (layout and packed answer:
// `src/validate/fast.rs`). Hidden from the .d.ts; not a public API, yet safe for any JS value
// (issue 14): texts arrive as `JsValue` (a `&str` parameter makes the glue copy a non-string
// into wasm memory and trap in the allocator) and are read as the full exports read them (not
// a string: absent, so `texts` reads as `""`; longer than fast.js sends: cut); numbers go
// through the engine's own conversion (a Symbol or BigInt throws the engine's TypeError before
// the module runs).

/// A text argument of a fast export: `None` when it is not a string; cut at `max` UTF-16 units
/// (more than fast.js ever sends), so memory stays bounded.
fn text_arg(value: &JsValue, max: u32) -> Option<String> {
    let text = value.dyn_ref::<JsString>()?;
    let cut;
    let text = if text.length() > max {
        cut = text.slice(0, max);
        &cut
    } else {
        text
    };
    Some(String::from(text))
}

const _: () = assert!(NUMBER_COUNT == 5, "one f64 argument per integer field");

/// Fast create validation: `texts`, one number per integer field, `flags` (layout:
/// `src/validate/fast.rs`). A `texts` that is not a string reads as `""`.
#[wasm_bindgen(js_name = __validateCreateFast, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn validate_create_fast(
    texts: JsValue,
    n0: f64,
    n1: f64,
    n2: f64,
    n3: f64,
    n4: f64,
    flags: u32,
    options: JsValue,
) -> String {
    // fast.js joins at most 100 000 units of texts.
    let texts = text_arg(&texts, 1 << 20).unwrap_or_default();
    let locale = locale_option(&options);
    validate::validate_create_packed(&texts, &[n0, n1, n2, n3, n4], flags, locale)
}

/// Fast field validation: `kind` 0 absent/`null`, 1 the text `text`, 2 the number `num`,
/// 3 `false`, 4 `true`; `ha`: whether the request is HA (C9). A `field` that is not a string
/// names no field (`""`, as the full export); a `text` that is not one is absent.
#[wasm_bindgen(js_name = __validateCreateFieldFast, skip_typescript)]
pub fn validate_create_field_fast(
    field: JsValue,
    kind: u8,
    text: JsValue,
    num: f64,
    ha: bool,
    options: JsValue,
) -> String {
    // fast.js sends texts of at most 65 536 units (the full path's walk cuts there too).
    let (Some(field), text) = (text_arg(&field, 1 << 16), text_arg(&text, 1 << 16)) else {
        return String::new();
    };
    let locale = locale_option(&options);
    validate::validate_field_packed(&field, kind, text.as_deref(), num, ha, locale)
}
