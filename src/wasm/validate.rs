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
use crate::validate::{self, In, OperationContext, ValidationIssue, FIELD_COUNT};

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
        node_count: ctx.get("nodeCount").and_then(validate::loose_integer),
        // One unreadable version makes the list unknown (permissive).
        versions: match ctx.get("versions") {
            Some(Value::Array(items)) => items.iter().map(validate::loose_integer).collect(),
            _ => None,
        },
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

// The deliberate boundary: what the package's JS wrappers (pkg-template/fast.js) call when
// every known field of a request already has its expected primitive type. Typed arguments
// instead of `JSON.stringify` + a `serde_json::Value`, the same rule code (`validate_slots`),
// and issues back as one packed string: "" when valid, else `path␟code␟message␟rule` joined by
// ␞ (U+001F, U+001E; no message holds them). Hidden from the .d.ts; not a public API.

/// Fast create validation (see above). `texts`: the text fields name, nodeSizing, admPassword,
/// topology, trigram, nodePrefix, az, area, productCode, in that order, joined by U+001F (the
/// wrappers take the full path when a text holds one); those whose bit 15 + i of `flags` is clear
/// are absent. Numbers: NaN for absent/`null`. `flags` also holds two bits per boolean field
/// (tls, backupEnabled, replicationEnabled at bits 0, 2, 4: 0 absent, 1 false, 2 true) and one bit
/// per optional C11 text field (bits 6..14, from `dbBackupPolicyId` in the rules' field order)
/// that holds a text: their rule depends only on that (any text passes), so their content does
/// not cross. `product` must be absent (the wrappers take the full path otherwise).
#[wasm_bindgen(js_name = __validateCreateFast, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn validate_create_fast(
    texts: &str,
    disk_size: f64,
    service_id: f64,
    network_id: f64,
    allowed_replication_lag: f64,
    cloud_id: f64,
    flags: u32,
    options: JsValue,
) -> String {
    let bit = |n: u32| flags & (1 << n) != 0;
    let mut parts = texts.split('\u{1f}');
    let mut text = |n: u32| match parts.next() {
        Some(t) if bit(15 + n) => In::Str(t),
        _ => In::Absent,
    };
    let flag = |shift: u32| match (flags >> shift) & 3 {
        1 => In::Bool(false),
        2 => In::Bool(true),
        _ => In::Absent,
    };
    let c11_text = |n: u32| if bit(n) { In::Str("") } else { In::Absent };
    // In the rules' field order (tests/node/fast.test.mjs fails on any slip).
    let (name, sizing, password, topology, trigram) = (text(0), text(1), text(2), text(3), text(4));
    let (node_prefix, az, area, product_code) = (text(5), text(6), text(7), text(8));
    let slots: [In<'_>; FIELD_COUNT] = [
        name,
        sizing,
        In::json_number(disk_size),
        password,
        In::json_number(service_id),
        In::json_number(network_id),
        topology,
        trigram,
        In::json_number(allowed_replication_lag),
        node_prefix,
        az,
        flag(0), // tls
        area,
        product_code,
        flag(2), // backupEnabled
        In::json_number(cloud_id),
        c11_text(6),  // dbBackupPolicyId
        c11_text(7),  // noBackupProdReason
        c11_text(8),  // noMonitoringProdReason
        c11_text(9),  // noReplicationProdReason
        c11_text(10), // prefix
        In::Absent,   // product
        c11_text(11), // region
        c11_text(12), // regulation
        flag(4),      // replicationEnabled
        c11_text(13), // serverBackupPolicyId
        c11_text(14), // supportLevel
    ];
    packed(validate::validate_create_slots(
        &slots,
        locale_option(&options),
    ))
}

/// Fast field validation (see above). `kind`: 0 absent/`null`, 1 the text `text`, 2 the number
/// `num` (read as JSON reads it: the wrappers send integers beyond 2^53, which the full path
/// reads apart, to the full export), 3 `false`, 4 `true`. `ha`: whether the request's
/// `topology` is `"HA"` (C9).
#[wasm_bindgen(js_name = __validateCreateFieldFast, skip_typescript)]
pub fn validate_create_field_fast(
    field: &str,
    kind: u8,
    text: Option<String>,
    num: f64,
    ha: bool,
    options: JsValue,
) -> String {
    let value = match kind {
        1 => text.as_deref().map_or(In::Absent, In::Str),
        2 => In::json_number(num),
        3 => In::Bool(false),
        4 => In::Bool(true),
        _ => In::Absent,
    };
    packed(validate::validate_create_field_in(
        field,
        value,
        ha,
        locale_option(&options),
    ))
}

/// Issues as one string: fields joined by U+001F, issues by U+001E; "" for none.
fn packed(list: Vec<ValidationIssue>) -> String {
    let mut out = String::new();
    for issue in &list {
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
