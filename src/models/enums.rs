//! The string enums of the API. Those that come back from the server keep unknown values
//! (`Unknown(String)`, see [`string_enum!`]); `RestoreStop` only goes out, so it is closed.

use serde::{Deserialize, Serialize};

string_enum! {
    /// Topology of an instance (C6, P2): a single node or high availability.
    /// Unknown values are kept (e.g. a future `SHARDED`).
    pub enum Topology {
        /// A single instance.
        Standalone = "STANDALONE",
        /// High availability: several nodes, placed across data centers where possible.
        Ha = "HA",
    }
}

string_enum! {
    /// Support level of an instance (`supportLevel`). The reference documents only
    /// `NO_MONITORING_NO_SUPPORT`; any other value the server uses is kept as `Unknown`.
    pub enum SupportLevel {
        /// Neither monitoring nor support.
        NoMonitoringNoSupport = "NO_MONITORING_NO_SUPPORT",
    }
}

string_enum! {
    /// Status of an asynchronous action (A1): `SUCCESS` (done), `IN_PROGRESS` or `ERROR`
    /// (failed). Unknown values are kept, never rejected (A1).
    pub enum ActionStatus {
        /// The action completed.
        Success = "SUCCESS",
        /// The action is still running: poll it again (A2).
        InProgress = "IN_PROGRESS",
        /// The action failed; its `message` says why (A2).
        Error = "ERROR",
    }
}

/// Where a point-in-time restore stops relative to `timestamp` (O3). Request-only, so closed:
/// anything else is refused.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RestoreStop {
    /// Stop just before the timestamp.
    Before,
    /// Stop just after the timestamp.
    After,
}

impl RestoreStop {
    /// The value as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Before => "BEFORE",
            Self::After => "AFTER",
        }
    }
}
