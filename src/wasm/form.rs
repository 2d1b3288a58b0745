//! Form description exports (`describeCreateForm`, `describeOperationForm`) for the portal.
//!
//! The TypeScript signatures are written by hand (`skip_typescript`), as in `validate.rs`:
//! wasm-bindgen 0.2.130 drops the `?` of an optional parameter once its type is overridden.
//! The `FormDescription` interface itself comes from tsify.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::locale_option;
use crate::form::{locale_key, OPERATION_FORMS};
use crate::validate::Locale;

#[wasm_bindgen(typescript_custom_section)]
const FORM_TS: &str = r#"
/**
 * Describes the create form (`POST /databases/postgresql`): fields in display order with their
 * groups, labels and help in `locale` (`"en"` default, `"fr"`), input kinds, limits (the
 * validators' own), choices and visibility rules (the HA fields appear only for HA, C9).
 * Accepts a bare locale or `{ locale }`; never throws.
 */
export function describeCreateForm(locale?: Locale | ValidationOptions | null): FormDescription;

/**
 * Describes the form of one operation — `start`, `stop`, `resize`, `restore`, `enable_ha`,
 * `update_patch_party`, `install_extension`, `upgrade` — or of `delete`; `undefined` for any
 * other name (O8). Field names are the JSON paths `validatePostgresqlOperation` reports on.
 */
export function describeOperationForm(operation: string, locale?: Locale | ValidationOptions | null): FormDescription | undefined;
"#;

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

/// Describes the create form (see the TypeScript declaration above).
#[wasm_bindgen(js_name = describeCreateForm, skip_typescript)]
pub fn describe_create_form_js(locale: JsValue) -> JsValue {
    form_js("create", locale_option(&locale))
}

/// Describes one operation's form, or `undefined` (see the TypeScript declaration above).
#[wasm_bindgen(js_name = describeOperationForm, skip_typescript)]
pub fn describe_operation_form_js(operation: JsValue, locale: JsValue) -> JsValue {
    match operation.as_string() {
        Some(name) => form_js(&name, locale_option(&locale)),
        None => JsValue::UNDEFINED,
    }
}
