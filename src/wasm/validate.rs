//! Validation exports: `validateCreatePostgresql`, `validatePostgresqlOperation`,
//! `validateCreatePostgresqlField`.
//!
//! Any JS value in, a list of issues out: validation never throws and never traps (issue 2).
//! A value that is not JSON-like (BigInt, Symbol, function, cyclic object, a Proxy that throws)
//! is read as far as it can be and the rest counts as `null`, so it is reported like any wrong
//! type (`type`/`required` at its path). `options` and `context` of the wrong shape are ignored:
//! English, no known fact (every context-dependent rule is then permissive), the machine's clock.
//!
//! The TypeScript signatures are written below by hand (`skip_typescript`): wasm-bindgen 0.2.130
//! drops the `?` of an optional parameter once its type is overridden.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::{locale_option, to_js, to_json};
use serde_json::Value;

use crate::models::PostgresqlInstance;
use crate::validate::{self, OperationContext, ValidationIssue};

#[wasm_bindgen(typescript_custom_section)]
const VALIDATE_TS: &str = r#"
/** Options of the validation functions. Options that cannot be read are ignored. */
export interface ValidationOptions {
    /** Language of the issue messages: `"en"` (default) or `"fr"`. */
    locale?: Locale;
}

/**
 * Validates a create request (`POST /databases/postgresql`) against rules C1–C11.
 *
 * Takes any value and never throws: a value that is not an object gives one `type` issue at
 * path `""`. Returns every broken rule, in rule order; `[]` means valid.
 */
export function validateCreatePostgresql(request: unknown, options?: ValidationOptions | null): ValidationIssue[];

/**
 * Validates a PATCH body `{ operation, options }` against rules O1–O8 (and P4).
 *
 * `context` gives what the caller knows about the target instance; each absent (or unreadable)
 * fact makes the rule that needs it permissive. `context.now` defaults to the current time.
 * Never throws; an unknown `operation` gives an issue at path `operation` (O8).
 */
export function validatePostgresqlOperation(operation: unknown, context?: OperationContext | null, options?: ValidationOptions | null): ValidationIssue[];

/**
 * Validates one field of a create request as the user types: `field` is its JSON name
 * (`"name"`, `"diskSize"`, `"nodePrefix"`…), `value` its value (`undefined`/`null`: not filled).
 * Cross-field rules come from `request` (with `topology: "HA"` the C9 fields are required).
 * An unknown field name gives `[]`. Never throws.
 */
export function validateCreatePostgresqlField(field: string, value: unknown, request?: unknown, options?: ValidationOptions | null): ValidationIssue[];
"#;

/// Validates a create request against C1–C11 (see the TypeScript declaration above).
#[wasm_bindgen(js_name = validateCreatePostgresql, skip_typescript)]
pub fn validate_create_postgresql(request: JsValue, options: JsValue) -> JsValue {
    let locale = locale_option(&options);
    issues(validate::validate_create(&to_json(&request), locale))
}

/// Validates a PATCH body against O1–O8 (see the TypeScript declaration above).
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
///
/// Read field by field instead of through `OperationContext`'s `Deserialize`: that one decodes a
/// whole `PostgresqlInstance` (nodes, networks, backups…), ~50 KB of wasm for the seven fields
/// the rules read. Here each instance field of the wrong type is unknown on its own.
fn operation_context(context: &JsValue) -> OperationContext {
    if context.is_undefined() || context.is_null() {
        return OperationContext::default();
    }
    let ctx = to_json(context);
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let instance = ctx
        .get("instance")
        .filter(|i| i.is_object())
        .map(|i| PostgresqlInstance {
            id: i.get("id").and_then(Value::as_i64),
            backup_status: i.get("backupStatus").and_then(Value::as_bool),
            environment: text(i, "environment"),
            node_count: i.get("nodeCount").and_then(Value::as_i64),
            status: text(i, "status"),
            topology: text(i, "topology"),
            version: text(i, "version"),
            ..PostgresqlInstance::default()
        });
    OperationContext {
        production: ctx.get("production").and_then(Value::as_bool),
        now: text(&ctx, "now"),
        instance,
        node_count: ctx.get("nodeCount").and_then(loose_integer),
        // One unreadable version makes the list unknown (permissive).
        versions: match ctx.get("versions") {
            Some(Value::Array(items)) => items.iter().map(loose_integer).collect(),
            _ => None,
        },
    }
}

/// An integer that may arrive as an integral float or a numeric string (the validators'
/// `lenient_int`).
fn loose_integer(v: &Value) -> Option<i64> {
    const SAFE: f64 = 9_007_199_254_740_991.0; // Number.MAX_SAFE_INTEGER
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() <= SAFE)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Issues as a JS array of plain `{ path, code, message, rule }` objects.
fn issues(list: Vec<ValidationIssue>) -> JsValue {
    if list.is_empty() {
        // The common case, without going through serde.
        return Array::new().into();
    }
    to_js(&list)
}
