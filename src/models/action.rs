//! The Action of every 202 answer (A1) and of `GET /actions/{id}` (A2).

use serde::{Deserialize, Serialize};

use super::ActionStatus;

/// An asynchronous action: the body of every 202 answer (A1) and of
/// `GET /itcare/actions/{actionId}` (A2, which adds `submittedAt`, `submittedBy`, `completedAt`).
/// Every field is optional; unknown statuses are kept.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// Action id (poll `GET /itcare/actions/{id}` with it, A2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<i64>,
    /// Internal id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub internal_id: Option<i64>,
    /// Action family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub family: Option<String>,
    /// Process that runs the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub process: Option<String>,
    /// Message; on `ERROR` it says why (A2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub message: Option<String>,
    /// Name of the resource acted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub resource_name: Option<String>,
    /// Type of the resource acted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub resource_type: Option<String>,
    /// `SUCCESS`, `IN_PROGRESS`, `ERROR`, or an unknown value kept as sent (A1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub status: Option<ActionStatus>,
    /// Last update, RFC 3339 (T8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub last_updated_at: Option<String>,
    /// Submission time, RFC 3339 (A2 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub submitted_at: Option<String>,
    /// Who submitted the action (A2 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub submitted_by: Option<String>,
    /// Completion time, RFC 3339 (A2 only, once terminal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub completed_at: Option<String>,
}

impl Action {
    /// Done: the status is `SUCCESS` (A2).
    pub fn is_done(&self) -> bool {
        self.status == Some(ActionStatus::Success)
    }

    /// Failed: the status is `ERROR`; `message` says why (A2).
    pub fn is_failed(&self) -> bool {
        self.status == Some(ActionStatus::Error)
    }

    /// Polling can stop: done or failed. `IN_PROGRESS`, a missing status and unknown
    /// statuses are not terminal (A1 keeps unknown values; a waiter keeps polling until its
    /// own deadline).
    pub fn is_terminal(&self) -> bool {
        self.is_done() || self.is_failed()
    }
}
