//! Retry decisions: which failures are retried for which method, and how long to wait.
//!
//! - GET (reads, polls): network errors, request timeouts, 429 (honouring `Retry-After`),
//!   502/503/504, with capped exponential backoff and jitter, bounded by attempts AND time.
//! - POST (create): never retried blindly. A failure that may have reached the server asks the
//!   caller to check whether the create happened ([`RetryDecision::CheckCreate`], see
//!   [`resolve_ambiguous_create`]) before any new attempt.
//! - PATCH: retried only when surely not sent.
//! - DELETE: retried only when surely not sent, or on 503.

use serde::{Deserialize, Serialize};

use super::error::{ClientError, Sent};
use super::request::Method;
use crate::models::{Action, PostgresqlInstance};

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
    /// The create may have happened: look for it ([`resolve_ambiguous_create`]) before any
    /// new attempt; wait `delay_ms` first so the server can finish registering it.
    CheckCreate {
        /// Milliseconds to wait before the check.
        delay_ms: u64,
    },
}

/// Whether an error is a transient one that a read may retry.
fn transient_for_read(err: &ClientError) -> bool {
    match err {
        ClientError::Network { .. } => true,
        ClientError::Timeout { code, .. } => *code == "request_timeout",
        ClientError::RateLimit { .. } => true,
        ClientError::Api { http, code, .. } => {
            *code != "invalid_response" && matches!(http.status, 502..=504)
        }
        _ => false,
    }
}

/// Whether the server may have started the work: anything but "surely not sent".
fn may_have_reached_server(err: &ClientError) -> bool {
    !matches!(err, ClientError::Network { sent: Sent::No, .. })
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
        let surely_not_sent = matches!(err, ClientError::Network { sent: Sent::No, .. });
        let retryable = match method {
            Method::Get => transient_for_read(err),
            Method::Delete => surely_not_sent || err.status() == Some(503),
            Method::Patch => surely_not_sent,
            Method::Post => {
                if surely_not_sent {
                    true
                } else if transient_for_read(err) && may_have_reached_server(err) {
                    // Ambiguous (or a busy server that may have queued it): check first.
                    let delay_ms = self.delay(err, attempt, random, previous_delay_ms);
                    return if elapsed_ms.saturating_add(delay_ms) > self.max_elapsed_ms {
                        RetryDecision::GiveUp
                    } else {
                        RetryDecision::CheckCreate { delay_ms }
                    };
                } else {
                    false
                }
            }
        };
        if !retryable {
            return RetryDecision::GiveUp;
        }
        let delay_ms = self.delay(err, attempt, random, previous_delay_ms);
        if elapsed_ms.saturating_add(delay_ms) > self.max_elapsed_ms {
            return RetryDecision::GiveUp;
        }
        RetryDecision::Retry { delay_ms }
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

/// The outcome of checking whether an ambiguous create happened.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateCheck {
    /// It happened: this is its Action (the most recent for that name); do not send again.
    Adopt(Box<Action>),
    /// Nothing of that name exists: sending again cannot duplicate it.
    Retry,
    /// Cannot tell, or an instance of that name exists without a matching action.
    GiveUp(ClientError),
}

/// Decides after a create failed ambiguously (connection lost after sending, 5xx).
/// `actions` is `GET /actions?resourceName=<name>` (A3) and `instances` the instances found by
/// name (L1 list); `None` when that lookup failed or is not offered. `sent_at_ms` is when the
/// first attempt started: older actions of the same name (a previous, failed create) are
/// ignored, allowing `skew_ms` of clock difference.
pub fn resolve_ambiguous_create(
    name: &str,
    actions: Option<&[Action]>,
    instances: Option<&[PostgresqlInstance]>,
    sent_at_ms: i64,
    skew_ms: i64,
) -> CreateCheck {
    if let Some(actions) = actions {
        let recent = actions
            .iter()
            .filter(|a| a.resource_name.as_deref() == Some(name))
            .filter(|a| {
                match a
                    .submitted_at
                    .as_deref()
                    .and_then(crate::time::parse_rfc3339)
                {
                    Some(at) => at >= sent_at_ms - skew_ms,
                    // No date: only an action still running can be ours.
                    None => !a.is_terminal(),
                }
            })
            .max_by_key(|a| a.id.unwrap_or(i64::MIN));
        if let Some(action) = recent {
            return CreateCheck::Adopt(Box::new(action.clone()));
        }
    }
    if let Some(instances) = instances {
        if instances.iter().any(|i| i.name.as_deref() == Some(name)) {
            return CreateCheck::GiveUp(ClientError::Conflict {
                code: "create_outcome_unknown",
                message: format!(
                    "the create of \"{name}\" failed in transit and an instance of that name exists \
                     without a matching action: check it before creating again"
                ),
                http: None,
            });
        }
    }
    if actions.is_none() && instances.is_none() {
        return CreateCheck::GiveUp(ClientError::Network {
            code: "create_outcome_unknown",
            message: format!(
                "the create of \"{name}\" failed in transit and the client could not check whether \
                 it happened: look for an action or an instance of that name before creating again"
            ),
            sent: Sent::Maybe,
        });
    }
    CreateCheck::Retry
}
