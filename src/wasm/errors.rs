//! `ClientError` to a thrown JS `Error` with `name`, `code`, `status` and the fields of its
//! kind (see `ItcareError` in the `.d.ts`). Never carries a token.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use super::{js_error, to_js};
use crate::client::ClientError;

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error cannot throw; nothing to do if it ever did.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn set_opt(target: &JsValue, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        set(target, key, &JsValue::from_str(v));
    }
}

/// The JS error for `err`.
pub(crate) fn to_js_error(err: &ClientError) -> JsValue {
    let e = js_error(err.name(), err.code(), &err.message());
    if let Some(status) = err.status() {
        set(&e, "status", &JsValue::from(status));
    }
    if let Some(http) = err.http() {
        set_opt(&e, "errorCode", http.error_code.as_deref());
        set_opt(&e, "errorDesc", http.error_desc.as_deref());
        set_opt(&e, "path", http.path.as_deref());
        set_opt(&e, "errorMessage", http.error_message.as_deref());
        set_opt(&e, "body", http.body.as_deref());
    }
    if let ClientError::Validation { issues } = err {
        set(&e, "issues", &to_js(issues));
    }
    // RateLimitError, and a 503 that said when to come back.
    if let Some(ms) = err.http().and_then(|h| h.retry_after_ms) {
        set(&e, "retryAfterMs", &JsValue::from_f64(ms as f64));
    }
    if let Some(action) = err.action() {
        set(&e, "action", &to_js(action));
    }
    e
}
