//! Validation exports: `validateCreatePostgresql`, `validatePostgresqlOperation`,
//! `validateCreatePostgresqlField`, `operationNames`, `operationContextFromInstance`, and the
//! hidden fast exports of `pkg-template/fast.js`.
//!
//! Any JS value in, a list of issues out, never a throw or a trap (issue 2): what is not JSON-like
//! is read as far as it can be ([`super::to_json`]) and reported like any wrong type. `options` and
//! `context` of the wrong shape are ignored: English, no known fact (every context-dependent rule
//! then permissive), the machine's clock. Signatures: `validate.d.ts`, written by hand
//! (wasm-bindgen 0.2.130 drops the `?` of an optional parameter once its type is overridden).

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::{locale_option, to_js, to_json};

use crate::models::PostgresqlOperation;
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
    let context = OperationContext::from_json(&to_json(&context));
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

/// Every operation name (see `validate.d.ts`).
#[wasm_bindgen(js_name = operationNames, skip_typescript)]
pub fn operation_names() -> Array {
    let names = Array::new();
    for name in PostgresqlOperation::NAMES {
        names.push(&JsValue::from_str(name));
    }
    names
}

/// The context of an operation on `instance` (see `validate.d.ts`): the facts of the core's
/// `operation_context_from_instance`, by the same functions, and the instance as given.
#[wasm_bindgen(js_name = operationContextFromInstance, skip_typescript)]
pub fn operation_context_from_instance(value: JsValue) -> JsValue {
    let out = Object::new();
    let i = to_json(&value);
    if i.is_object() {
        // Setting a property of a fresh plain object cannot throw.
        let set = |key: &str, fact: JsValue| {
            let _ = Reflect::set(&out, &JsValue::from_str(key), &fact);
        };
        let str_of = |key| i.get(key).and_then(serde_json::Value::as_str);
        if let Some(p) = str_of("environment").and_then(validate::production_environment) {
            set("production", JsValue::from_bool(p));
        }
        if let Some(n) = i.get("nodeCount").and_then(serde_json::Value::as_i64) {
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

// The deliberate boundary of `pkg-template/fast.js` (layout and compact answer:
// `src/validate/fast.rs`; why, measured: BENCHMARKS.md). Hidden from the .d.ts, yet safe for any
// JS value (issue 14). Texts are written by fast.js into the input buffer below (a view of the
// module's memory) and passed as a byte length: a valid request costs no allocation, no copy
// through the glue and no answer to decode (issue 15). Other arguments are numbers (a Symbol or
// BigInt throws the engine's TypeError first). A length past the buffer is cut to it, bytes that
// are not UTF-8 read as no text: any call answers.

/// Size of the input buffer (bytes). fast.js passes at most 100 000 UTF-16 units of texts and
/// takes the full path when `encodeInto` cannot write them all.
const INPUT_BYTES: usize = 1 << 17;

/// The fast exports' buffers, made on first use and then reused: the input written by fast.js,
/// and the packed issues of the last call (its capacity kept, so only a call with more issues
/// than any before allocates).
struct Io {
    input: Vec<u8>,
    answer: String,
}

thread_local! {
    static IO: RefCell<Option<Io>> = const { RefCell::new(None) };
}

/// Runs `f` on the buffers; `u32::MAX` (fast.js then takes the full path) if they are in use,
/// which a synchronous module never sees.
fn with_io(f: impl FnOnce(&[u8], &mut String)) -> u32 {
    IO.with(|io| {
        let Ok(mut io) = io.try_borrow_mut() else {
            return u32::MAX;
        };
        let io = io.get_or_insert_with(|| Io {
            input: vec![0; INPUT_BYTES],
            answer: String::new(),
        });
        f(&io.input, &mut io.answer);
        u32::try_from(io.answer.len()).unwrap_or(u32::MAX)
    })
}

/// The input bytes fast.js wrote: the first `len`, cut to the buffer.
fn written(input: &[u8], len: u32) -> &[u8] {
    input.get(..len as usize).unwrap_or(input)
}

/// Where fast.js writes and reads: `[memory, input address, input size]`.
#[wasm_bindgen(js_name = __validateIo, skip_typescript)]
pub fn validate_io() -> Array {
    let mut at = 0;
    with_io(|input, _| at = input.as_ptr() as usize);
    Array::of3(
        &wasm_bindgen::memory(),
        &JsValue::from_f64(at as f64),
        &JsValue::from_f64(INPUT_BYTES as f64),
    )
}

/// Address of the last answer (its byte length is what the fast export returned).
#[wasm_bindgen(js_name = __validateAnswer, skip_typescript)]
pub fn validate_answer() -> u32 {
    IO.with(|io| {
        io.try_borrow()
            .ok()
            .and_then(|io| io.as_ref().map(|io| io.answer.as_ptr() as u32))
            .unwrap_or(0)
    })
}

const _: () = assert!(NUMBER_COUNT == 5, "one f64 argument per integer field");

/// Fast create validation: `len` bytes of text records in the input buffer, one number per
/// integer field, `flags` (layout: `src/validate/fast.rs`). Returns the byte length of the
/// issues in the answer buffer (0: valid).
#[wasm_bindgen(js_name = __validateCreateFast, skip_typescript)]
pub fn validate_create_fast(
    len: u32,
    n0: f64,
    n1: f64,
    n2: f64,
    n3: f64,
    n4: f64,
    flags: u32,
) -> u32 {
    with_io(|input, answer| {
        validate::validate_create_packed(written(input, len), &[n0, n1, n2, n3, n4], flags, answer);
    })
}

/// Fast field validation: `len` bytes of records in the input buffer (field name, locale tag,
/// text), the value's `kind` (0 absent/`null`, 1 the text, 2 the number `num`, 3 `false`,
/// 4 `true`) and `ha` (non-zero: the request is HA, C9). Returns the byte length of the issues
/// in the answer buffer (0: none).
#[wasm_bindgen(js_name = __validateCreateFieldFast, skip_typescript)]
pub fn validate_create_field_fast(len: u32, kind: u8, num: f64, ha: u32) -> u32 {
    with_io(|input, answer| {
        validate::validate_field_packed(written(input, len), kind, num, ha != 0, answer);
    })
}

/// Fast operation validation: `len` bytes of typed records in the input buffer (the body's
/// `operation`, `options` and option values, the context's `production`, `now` and `nodeCount`,
/// the locale tag: `src/validate/fast.rs`), `flags`, and `now_ms`, the caller's clock
/// (`Date.now()`, as the full export reads it). Returns the byte length of the issues in the
/// answer buffer (0: valid).
#[wasm_bindgen(js_name = __validateOperationFast, skip_typescript)]
pub fn validate_operation_fast(len: u32, flags: u32, now_ms: f64) -> u32 {
    with_io(|input, answer| {
        validate::validate_operation_packed(written(input, len), flags, now_ms, answer);
    })
}
