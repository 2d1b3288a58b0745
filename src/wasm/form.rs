//! Form description exports (`describeCreateForm`, `describeOperationForm`) for the portal.
//!
//! The TypeScript signatures are written by hand in `form.d.ts` (`skip_typescript`), as in
//! `validate.rs`: wasm-bindgen 0.2.130 drops the `?` of an optional parameter once its type is
//! overridden. The `FormDescription` interface itself comes from tsify.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::locale_option;
use crate::form::{locale_key, OPERATION_FORMS};
use crate::validate::Locale;

/// Every description, both locales (`crate::form::forms_json`, checked equal by a native test).
const FORMS: &str = include_str!("../form/forms.json");

/// One description as a fresh plain JS object, or `undefined` when `id` names no form. The text
/// is parsed per call (~20 KB: well under a millisecond) so callers may mutate what they get.
fn form_js(id: &str, locale: Locale) -> JsValue {
    if id != "create" && !OPERATION_FORMS.contains(&id) {
        return JsValue::UNDEFINED;
    }
    let Ok(all) = js_sys::JSON::parse(FORMS) else {
        return JsValue::UNDEFINED;
    };
    Reflect::get(&all, &JsValue::from_str(locale_key(locale)))
        .and_then(|forms| Reflect::get(&forms, &JsValue::from_str(id)))
        .unwrap_or(JsValue::UNDEFINED)
}

/// Describes the create form (see `form.d.ts`).
#[wasm_bindgen(js_name = describeCreateForm, skip_typescript)]
pub fn describe_create_form_js(locale: JsValue) -> JsValue {
    form_js("create", locale_option(&locale))
}

/// Describes one operation's form, or `undefined` (see `form.d.ts`).
#[wasm_bindgen(js_name = describeOperationForm, skip_typescript)]
pub fn describe_operation_form_js(operation: JsValue, locale: JsValue) -> JsValue {
    // A text longer than every form id names no form: never copied into wasm memory (which keeps
    // its high-water mark), so a 50 MB string costs nothing.
    let longest = OPERATION_FORMS.iter().map(|id| id.len()).max().unwrap_or(0);
    match operation.dyn_ref::<js_sys::JsString>() {
        Some(text) if text.length() as usize <= longest => {
            form_js(&String::from(text), locale_option(&locale))
        }
        _ => JsValue::UNDEFINED,
    }
}
