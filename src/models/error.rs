//! The API's error body (T6).

use serde::{Deserialize, Serialize};

/// Error body of a 400 answer (T6), e.g.
/// `{"status":"BAD_REQUEST","errorCode":"INVALID_FIELD_VALUE","errorDesc":"name","errorMessage":"Error on field 'name'"}`.
/// Other statuses usually have an empty body (T5). Every field is optional.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiErrorBody {
    /// HTTP status name, e.g. `BAD_REQUEST`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub status: Option<String>,
    /// Machine-readable code, e.g. `INVALID_FIELD_VALUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub error_code: Option<String>,
    /// The offending field, e.g. `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub error_desc: Option<String>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub error_message: Option<String>,
}
