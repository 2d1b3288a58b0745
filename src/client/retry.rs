//! Retry decisions: which failures are retried for which method, and how long to wait.
//!
//! - GET (reads, polls): network errors, request timeouts, 429 (honouring `Retry-After`), 5xx,
//!   with capped exponential backoff and jitter, bounded by attempts AND time.
//! - POST, PATCH, DELETE (mutations): retried at once (after the backoff) only when surely not
//!   processed: not sent, or 429. A failure that may have been processed (connection lost after
//!   sending, timeout, 5xx) asks the caller to look first ([`RetryDecision::Check`]): the
//!   mutation is resolved with the Action that exists ([`resolve_ambiguous`]) and sent again
//!   only when nothing happened.

use serde::{Deserialize, Serialize};

use super::error::{ClientError, Sent};
use super::request::Method;
use crate::models::Action;

/// Jitter of the backoff between retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Jitter {
    /// "Full jitter": uniform in `[0, min(cap, base * 2^n)]`.
    #[default]
    Full,
    /// "Decorrelated jitter": uniform in `[base, previous * 3]`, capped.
    Decorrelated,
}

/// Retry budget of one call (the JS option `retry`). Missing fields take the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 disables retries).
    pub max_attempts: u32,
    /// First backoff step, milliseconds.
    pub base_delay_ms: u64,
    /// Cap of one backoff delay, milliseconds.
    pub max_delay_ms: u64,
    /// No retry starts later than this after the first attempt, milliseconds.
    pub max_elapsed_ms: u64,
    /// Jitter kind.
    pub jitter: Jitter,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay_ms: 300,
            max_delay_ms: 5_000,
            max_elapsed_ms: 30_000,
            jitter: Jitter::Full,
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then try again.
    Retry {
        /// Milliseconds to wait.
        delay_ms: u64,
    },
    /// Surface the error.
    GiveUp,
    /// The mutation may have happened: look for it ([`resolve_ambiguous`]) before any new
    /// attempt; wait `delay_ms` first so the server can finish registering it.
    Check {
        /// Milliseconds to wait before looking.
        delay_ms: u64,
    },
}

/// Whether an error is a transient one that a read may retry.
fn transient_for_read(err: &ClientError) -> bool {
    match err {
        ClientError::Network { .. } | ClientError::RateLimit { .. } => true,
        ClientError::Timeout { code, .. } => *code == "request_timeout",
        ClientError::Api { http, code, .. } => {
            *code != "invalid_response" && (500..=599).contains(&http.status)
        }
        _ => false,
    }
}

impl RetryPolicy {
    /// The decision after attempt number `attempt` (1-based) failed with `err`, `elapsed_ms`
    /// after the first attempt started. `random` is uniform in `[0, 1)` (injected: the core
    /// has no random source); `previous_delay_ms` feeds decorrelated jitter.
    pub fn decide(
        &self,
        method: Method,
        err: &ClientError,
        attempt: u32,
        elapsed_ms: u64,
        random: f64,
        previous_delay_ms: u64,
    ) -> RetryDecision {
        if attempt >= self.max_attempts.max(1) {
            return RetryDecision::GiveUp;
        }
        let not_processed = matches!(
            err,
            ClientError::Network { sent: Sent::No, .. } | ClientError::RateLimit { .. }
        );
        let delay_ms = self.delay(err, attempt, random, previous_delay_ms);
        let decision = match method {
            Method::Get if transient_for_read(err) => RetryDecision::Retry { delay_ms },
            Method::Get => RetryDecision::GiveUp,
            _ if not_processed => RetryDecision::Retry { delay_ms },
            _ if transient_for_read(err) => RetryDecision::Check { delay_ms },
            _ => RetryDecision::GiveUp,
        };
        if elapsed_ms.saturating_add(delay_ms) > self.max_elapsed_ms {
            return RetryDecision::GiveUp;
        }
        decision
    }

    /// Delay before the next attempt: `Retry-After` when a 429 gave one (honoured as is, the
    /// time budget decides whether it fits); on a 503 its `Retry-After`, capped at
    /// `max_delay_ms` and never shorter than the backoff; else the jittered backoff.
    pub fn delay(
        &self,
        err: &ClientError,
        attempt: u32,
        random: f64,
        previous_delay_ms: u64,
    ) -> u64 {
        if let ClientError::RateLimit {
            retry_after_ms: Some(ms),
            ..
        } = err
        {
            return *ms;
        }
        let backoff = self.backoff(attempt, random, previous_delay_ms);
        match err.http() {
            Some(h) if h.status == 503 => h
                .retry_after_ms
                .map_or(backoff, |ms| ms.min(self.max_delay_ms).max(backoff)),
            _ => backoff,
        }
    }

    /// Jittered backoff after attempt `attempt` (1-based); always within `[0, max_delay_ms]`.
    pub fn backoff(&self, attempt: u32, random: f64, previous_delay_ms: u64) -> u64 {
        let r = clamp_unit(random);
        let cap = self.max_delay_ms;
        match self.jitter {
            Jitter::Full => {
                let exp = self
                    .base_delay_ms
                    .saturating_mul(1u64 << attempt.saturating_sub(1).min(30));
                (r * exp.min(cap) as f64) as u64
            }
            Jitter::Decorrelated => {
                let lo = self.base_delay_ms.min(cap);
                let hi = previous_delay_ms
                    .max(self.base_delay_ms)
                    .saturating_mul(3)
                    .min(cap);
                lo + (r * hi.saturating_sub(lo) as f64) as u64
            }
        }
    }
}

/// A random number clamped into `[0, 1)`; NaN counts as 0 (JS may pass anything).
pub(crate) fn clamp_unit(r: f64) -> f64 {
    if r.is_nan() || r < 0.0 {
        0.0
    } else if r >= 1.0 {
        0.999_999_999
    } else {
        r
    }
}

/// Clock difference allowed between client and server when matching an Action to a mutation
/// sent at a known time. A same operation on the same resource submitted less than this before
/// cannot be told apart.
pub const SKEW_MS: i64 = 30_000;

/// What a mutation whose outcome is unknown is looked up by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Look {
    /// A create: the Actions of that resource name (A3 `resourceName`), process `create`.
    Create {
        /// The instance name.
        name: String,
    },
    /// A PATCH or DELETE: the Actions of that instance (A3 `resourceId`) of that operation.
    Resource {
        /// The instance id.
        id: String,
        /// `delete`, or the PATCH `operation` (`stop`, `resize`…).
        operation: String,
    },
}

impl Look {
    /// The A3 query that finds the Action if it exists.
    pub fn filter(&self) -> super::ActionFilter {
        match self {
            Self::Create { name } => super::ActionFilter {
                resource_name: Some(name.clone()),
                ..Default::default()
            },
            Self::Resource { id, .. } => super::ActionFilter {
                resource_id: Some(id.clone()),
                ..Default::default()
            },
        }
    }

    fn operation(&self) -> &str {
        match self {
            Self::Create { .. } => "create",
            Self::Resource { operation, .. } => operation,
        }
    }

    /// Whether `action` may be the one this mutation started: same resource name (create),
    /// same operation (its `process` names it as a segment, e.g. `postgresql.stop`; an Action
    /// without a process may be it), submitted at or after `sent_at_ms - SKEW_MS` (without a
    /// date: only while still running).
    pub fn matches(&self, action: &Action, sent_at_ms: i64) -> bool {
        if let Self::Create { name } = self {
            if action.resource_name.as_deref() != Some(name) {
                return false;
            }
        }
        let op = self.operation();
        let same_op = action.process.as_deref().is_none_or(|p| {
            p.split(['.', '/', ':', ' '])
                .any(|seg| seg.eq_ignore_ascii_case(op))
        });
        let recent = match action
            .submitted_at
            .as_deref()
            .and_then(crate::time::parse_rfc3339)
        {
            Some(at) => at >= sent_at_ms - SKEW_MS,
            None => !action.is_terminal(),
        };
        same_op && recent
    }
}

/// The outcome of looking for a mutation whose answer was lost.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// It happened: the index of its Action (the most recent match) in the list looked at.
    Happened(usize),
    /// Nothing happened: sending again cannot duplicate it.
    Nothing,
    /// The state cannot be known (typed error `outcome_unknown`).
    Unknown(ClientError),
}

/// Decides after a mutation failed ambiguously. `actions` is the A3 answer for
/// [`Look::filter`], `None` when that lookup failed. For a create, `instance_exists` says
/// whether an instance of that name is listed (`None`: not looked or the lookup failed).
pub fn resolve_ambiguous(
    look: &Look,
    actions: Option<&[Action]>,
    instance_exists: Option<bool>,
    sent_at_ms: i64,
) -> Resolution {
    let Some(actions) = actions else {
        return Resolution::Unknown(outcome_unknown(look, "the client could not look it up"));
    };
    let found = actions
        .iter()
        .enumerate()
        .filter(|(_, a)| look.matches(a, sent_at_ms))
        .max_by_key(|(_, a)| a.id.unwrap_or(i64::MIN));
    if let Some((i, _)) = found {
        return Resolution::Happened(i);
    }
    if instance_exists == Some(true) {
        return Resolution::Unknown(outcome_unknown(
            look,
            "an instance of that name exists without a matching action",
        ));
    }
    Resolution::Nothing
}

/// The typed error of a mutation whose outcome cannot be known.
pub fn outcome_unknown(look: &Look, why: &str) -> ClientError {
    let what = match look {
        Look::Create { name } => format!("the create of \"{name}\""),
        Look::Resource { id, operation } => format!("the {operation} of instance {id}"),
    };
    ClientError::Network {
        code: "outcome_unknown",
        message: format!(
            "{what} failed in transit and may have happened; {why}: check its actions before \
             sending it again"
        ),
        sent: Sent::Maybe,
    }
}
