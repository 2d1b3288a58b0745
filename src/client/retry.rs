//! Retry decisions: which failures are retried for which method, and how long to wait.
//!
//! - GET (reads, polls): network errors, request timeouts, 429 (honouring `Retry-After`), 5xx,
//!   with capped exponential backoff and jitter, bounded by attempts AND time.
//! - POST, PATCH, DELETE (mutations): retried at once (after the backoff) only when surely not
//!   processed: not sent, or 429. A failure that may have been processed (connection lost after
//!   sending, timeout, 5xx, an unreadable 2xx: [`may_have_happened`]) always asks the caller to
//!   look first ([`RetryDecision::Check`]), even on the last attempt or with the time budget
//!   spent: the mutation is resolved with the Action this call caused ([`resolve_ambiguous`],
//!   against the Actions listed before it was sent), sent again only when nothing happened and
//!   the budget allows, and reported `outcome_unknown` when the look cannot tell.

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
        // An answer too large to read would be as large again.
        ClientError::Api { http, code, .. } => {
            *code != "invalid_response"
                && *code != "response_too_large"
                && (500..=599).contains(&http.status)
        }
        _ => false,
    }
}

/// Whether a write that failed with `err` may nevertheless have been processed: the
/// connection was lost after sending, no answer came in time, the API answered 5xx (T5: the
/// change may be made), or an answer (2xx or 5xx) could not be read. A 429, a 4xx, a refused
/// redirect and a request never sent were not processed.
pub fn may_have_happened(err: &ClientError) -> bool {
    match err {
        ClientError::Network { sent, code, .. } => {
            *sent == Sent::Maybe && *code != "outcome_unknown"
        }
        ClientError::Timeout { code, .. } => *code == "request_timeout",
        ClientError::Api { http, code, .. } => {
            let s = http.status;
            (500..=599).contains(&s)
                || (*code == "invalid_response" || *code == "response_too_large")
                    && (200..300).contains(&s)
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
        let delay_ms = self.delay(err, attempt, random, previous_delay_ms);
        // A write that may have happened is always looked at, whatever is left of the budget
        // (last attempt, `retry: false`, time spent): the look has its own budget, and whether
        // it may be sent again is decided after the look.
        if method != Method::Get && may_have_happened(err) {
            return RetryDecision::Check { delay_ms };
        }
        if attempt >= self.max_attempts.max(1)
            || elapsed_ms.saturating_add(delay_ms) > self.max_elapsed_ms
        {
            return RetryDecision::GiveUp;
        }
        let not_processed = matches!(
            err,
            ClientError::Network { sent: Sent::No, .. } | ClientError::RateLimit { .. }
        );
        match method {
            Method::Get if transient_for_read(err) => RetryDecision::Retry { delay_ms },
            _ if method != Method::Get && not_processed => RetryDecision::Retry { delay_ms },
            _ => RetryDecision::GiveUp,
        }
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
    /// The A3 query that lists the Actions this mutation may start, before it is sent (the
    /// baseline) and after an ambiguous failure (the look).
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

    /// Whether `action` is of this mutation's kind: same resource name (create) and same
    /// operation (its `process` names it as a segment, e.g. `postgresql.stop`; an Action without
    /// a process may be it). Whether it is *this call's* is decided by [`resolve_ambiguous`]
    /// against the Actions that existed before the call was sent.
    pub fn same_kind(&self, action: &Action) -> bool {
        if let Self::Create { name } = self {
            if action.resource_name.as_deref() != Some(name) {
                return false;
            }
        }
        let op = self.operation();
        action.process.as_deref().is_none_or(|p| {
            p.split(['.', '/', ':', ' '])
                .any(|seg| seg.eq_ignore_ascii_case(op))
        })
    }
}

/// The outcome of looking for a mutation whose answer was lost.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// It happened: the index of its Action in the list looked at.
    Happened(usize),
    /// Nothing happened: sending again cannot duplicate it.
    Nothing,
    /// The state cannot be known (typed error `outcome_unknown`).
    Unknown(ClientError),
}

/// Decides after a mutation failed ambiguously, by evidence this call caused (A3).
///
/// - `actions`: the A3 answer for [`Look::filter`] now, `None` when that lookup failed.
/// - `before`: the ids of the Actions the same query listed before the mutation was first
///   sent (and after each look that found nothing), `None` when that baseline could not be
///   read. An Action in it existed before this call: it is never taken as this call's, however
///   recent (a resize just before, the create of a deleted instance of the same name).
/// - `instance_exists` (create only): whether an instance of that name is listed (`None`: not
///   looked or the lookup failed).
///
/// Exactly one new Action of the mutation's kind: it happened. None: nothing happened (unless
/// an instance of that name exists without one: unknown). Several, or no baseline while an
/// Action of that kind exists: unknown (another client may be acting on the same resource).
pub fn resolve_ambiguous(
    look: &Look,
    actions: Option<&[Action]>,
    before: Option<&[i64]>,
    instance_exists: Option<bool>,
) -> Resolution {
    let Some(actions) = actions else {
        return Resolution::Unknown(outcome_unknown(look, "the client could not look it up"));
    };
    // Loops, not iterator adapters (their code costs .wasm).
    let mut of_kind = false;
    let mut new: Option<usize> = None;
    let mut several = false;
    for (i, a) in actions.iter().enumerate() {
        if !look.same_kind(a) {
            continue;
        }
        of_kind = true;
        let existed = match (before, a.id) {
            (Some(before), Some(id)) => before.contains(&id),
            _ => false,
        };
        if !existed {
            several |= new.is_some() || a.id.is_none();
            new = Some(i);
        }
    }
    if before.is_none() {
        if of_kind {
            return Resolution::Unknown(outcome_unknown(
                look,
                "its actions could not be read before it was sent, and one of that kind exists",
            ));
        }
        return nothing_unless_exists(look, instance_exists);
    }
    match new {
        Some(_) if several => Resolution::Unknown(outcome_unknown(
            look,
            "several new actions of that kind (or one without an id) appeared meanwhile",
        )),
        Some(i) => Resolution::Happened(i),
        None => nothing_unless_exists(look, instance_exists),
    }
}

fn nothing_unless_exists(look: &Look, instance_exists: Option<bool>) -> Resolution {
    if instance_exists == Some(true) {
        return Resolution::Unknown(outcome_unknown(
            look,
            "an instance of that name exists without a new create action",
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
