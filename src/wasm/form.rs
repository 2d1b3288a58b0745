//! Form description exports (`describeCreateForm`, `describeOperationForm`) for the portal.
//!
//! The TypeScript signatures are written by hand (`skip_typescript`), as in `validate.rs`:
//! wasm-bindgen 0.2.130 drops the `?` of an optional parameter once its type is overridden.
//! The `FormDescription` interface itself comes from tsify.

use wasm_bindgen::prelude::*;

use super::locale_option;
use crate::form::{describe_create_form, describe_operation_form, FormDescription};

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

/// A description as a plain JS object: serde_json text + `JSON.parse` (the same object as
/// serde-wasm-bindgen's `json_compatible` gives, with a smaller serializer in the wasm).
fn form_js(form: &FormDescription) -> JsValue {
    serde_json::to_string(form)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// Describes the create form (see the TypeScript declaration above).
#[wasm_bindgen(js_name = describeCreateForm, skip_typescript)]
pub fn describe_create_form_js(locale: JsValue) -> JsValue {
    form_js(&describe_create_form(locale_option(&locale)))
}

/// Describes one operation's form, or `undefined` (see the TypeScript declaration above).
#[wasm_bindgen(js_name = describeOperationForm, skip_typescript)]
pub fn describe_operation_form_js(operation: JsValue, locale: JsValue) -> JsValue {
    let Some(name) = operation.as_string() else {
        return JsValue::UNDEFINED;
    };
    match describe_operation_form(&name, locale_option(&locale)) {
        Some(form) => form_js(&form),
        None => JsValue::UNDEFINED,
    }
}
