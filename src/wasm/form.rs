//! Form description exports (`describeCreateForm`, `describeOperationForm`) for the portal.

use crate::form::{describe_create_form, describe_operation_form};
use crate::validate::Locale;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Reads an optional `"en" | "fr"` argument; anything else is a thrown `TypeError`, not a trap.
fn locale_arg(locale: Option<String>) -> Result<Locale, JsValue> {
    match locale.as_deref() {
        None | Some("en") => Ok(Locale::En),
        Some("fr") => Ok(Locale::Fr),
        Some(_) => Err(js_sys::TypeError::new("locale must be \"en\" or \"fr\"").into()),
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Plain objects, not `Map`s (TOOLCHAIN.md trap 6).
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// Describes the create form: fields in order, groups, labels and help in the locale, input
/// kinds, limits, choices and visibility rules (the HA fields appear only for HA, C9).
#[wasm_bindgen(js_name = describeCreateForm, unchecked_return_type = "FormDescription")]
pub fn describe_create_form_js(
    #[wasm_bindgen(unchecked_param_type = "\"en\" | \"fr\"")] locale: Option<String>,
) -> Result<JsValue, JsValue> {
    let locale = locale_arg(locale)?;
    to_js(&describe_create_form(locale))
}

/// Describes the form of one operation (`start`, `stop`, `resize`, `restore`, `enable_ha`,
/// `update_patch_party`, `install_extension`, `upgrade`) or of `delete`; `undefined` for any
/// other name (O8).
#[wasm_bindgen(
    js_name = describeOperationForm,
    unchecked_return_type = "FormDescription | undefined"
)]
pub fn describe_operation_form_js(
    operation: &str,
    #[wasm_bindgen(unchecked_param_type = "\"en\" | \"fr\"")] locale: Option<String>,
) -> Result<JsValue, JsValue> {
    let locale = locale_arg(locale)?;
    match describe_operation_form(operation, locale) {
        Some(form) => to_js(&form),
        None => Ok(JsValue::UNDEFINED),
    }
}
