//! Action waiter policy (A2): when to poll, when to stop.
//!
//! First poll at once; then the delay grows exponentially from `minDelayMs`, but never beyond
//! `elapsedFraction * elapsed + slackMs` (so completion is seen within about 10 % of the time
//! already waited, plus one second) nor `maxDelayMs`, and is jittered downwards by up to
//! `jitter` (never below `minDelayMs`). The last poll lands exactly on the deadline.
//!
//! With the defaults (2 s min, 30 s max, ×1.5, 10 % + 1 s, 20 % jitter), against a fixed 2-s
//! poller that also polls at once ([`simulate_fixed_poller`]): for actions of 2 s, 30 s and
//! 5 min it never polls more (≤ 2 vs 2, ≤ 15 vs 16, ≤ 39 vs 151) and sees completion within
//! 10 % of the duration + 1 s. `tests/client_policy.rs` checks these figures over 500 seeds with
//! [`simulate_waiter`].

use serde::{Deserialize, Serialize};

use super::error::ClientError;
use super::retry::clamp_unit;
use crate::models::Action;

/// Waiter timing (the JS `waitForAction` options; missing fields take the defaults).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WaitPolicy {
    /// Give up (TimeoutError) this long after the wait started. Default 1 hour.
    pub timeout_ms: u64,
    /// Shortest delay between polls. Default 2000.
    pub min_delay_ms: u64,
    /// Longest delay between polls. Default 30000.
    pub max_delay_ms: u64,
    /// Exponential growth factor of the delay per poll. Default 1.5.
    pub growth: f64,
    /// The delay never exceeds this fraction of the time waited so far (plus `slackMs`).
    /// Default 0.1.
    pub elapsed_fraction: f64,
    /// Added to the elapsed-time bound. Default 1000.
    pub slack_ms: u64,
    /// Downward jitter, as a fraction of the delay (0 to 1). Default 0.2.
    pub jitter: f64,
}

impl Default for WaitPolicy {
    fn default() -> Self {
        Self {
            timeout_ms: 3_600_000,
            min_delay_ms: 2_000,
            max_delay_ms: 30_000,
            growth: 1.5,
            elapsed_fraction: 0.1,
            slack_ms: 1_000,
            jitter: 0.2,
        }
    }
}

impl WaitPolicy {
    /// A copy with sane bounds whatever the caller passed: `min <= max`, factors finite and in
    /// range (JS may send anything).
    pub fn sanitized(self) -> Self {
        let d = Self::default();
        let finite = |v: f64, lo: f64, hi: f64, dflt: f64| {
            if v.is_finite() {
                bounded(v, lo, hi)
            } else {
                dflt
            }
        };
        let max_delay_ms = self.max_delay_ms.max(1);
        Self {
            timeout_ms: self.timeout_ms,
            min_delay_ms: self.min_delay_ms.min(max_delay_ms),
            max_delay_ms,
            growth: finite(self.growth, 1.0, 10.0, d.growth),
            elapsed_fraction: finite(self.elapsed_fraction, 0.0, 10.0, d.elapsed_fraction),
            slack_ms: self.slack_ms,
            jitter: finite(self.jitter, 0.0, 1.0, d.jitter),
        }
    }

    /// Delay after `polls` polls (>= 1) when `elapsed_ms` have passed since the wait started,
    /// before the deadline cut. Always within `[min_delay_ms, max_delay_ms]`.
    pub fn delay(&self, polls: u32, elapsed_ms: u64, random: f64) -> u64 {
        let min = self.min_delay_ms as f64;
        let max = self.max_delay_ms as f64;
        let exp = min
            * self
                .growth
                .powi(i32::try_from(polls.saturating_sub(1)).unwrap_or(i32::MAX));
        let bound = self.elapsed_fraction * elapsed_ms as f64 + self.slack_ms as f64;
        let base = bounded(exp.min(bound), min, max);
        let jittered = base * (1.0 - self.jitter * clamp_unit(random));
        bounded(jittered, min, max) as u64
    }
}

/// `v` within `[lo, hi]`. Not `f64::clamp`: it panics when `lo > hi`, and its panic message
/// formats floats (~20 KB of wasm for the formatting code alone).
fn bounded(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

/// Where a wait stands; serialisable (e.g. to `sessionStorage`) and resumable. A wait can also
/// be resumed from the action id alone: a fresh state polls at once.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitState {
    /// The awaited Action's id.
    pub action_id: String,
    /// When the wait started, ms since the epoch.
    pub started_at: i64,
    /// When it gives up, ms since the epoch.
    pub deadline: i64,
    /// Polls done so far.
    #[serde(default)]
    pub attempt: u32,
    /// Status seen at the last successful poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub last_status: Option<String>,
}

/// What a polled Action means for the wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// `SUCCESS`: resolve.
    Done,
    /// `ERROR`: throw `ActionFailedError`.
    Failed,
    /// Anything else (`IN_PROGRESS`, unknown, missing): poll again.
    Pending,
}

impl WaitState {
    /// A new wait on `action_id` started at `now_ms`.
    pub fn start(action_id: impl Into<String>, now_ms: i64, policy: &WaitPolicy) -> Self {
        Self {
            action_id: action_id.into(),
            started_at: now_ms,
            deadline: now_ms.saturating_add(i64::try_from(policy.timeout_ms).unwrap_or(i64::MAX)),
            attempt: 0,
            last_status: None,
        }
    }

    /// Records a successful poll. Returns whether the status changed (call `onProgress` then)
    /// and what it means.
    pub fn record(&mut self, action: &Action) -> (bool, Verdict) {
        self.attempt = self.attempt.saturating_add(1);
        let status = action.status.as_ref().map(|s| s.as_str().to_owned());
        let changed = status != self.last_status;
        self.last_status = status;
        let verdict = if action.is_done() {
            Verdict::Done
        } else if action.is_failed() {
            Verdict::Failed
        } else {
            Verdict::Pending
        };
        (changed, verdict)
    }

    /// Records a failed poll. Returns `true` when the wait must stop and throw `err`: a
    /// non-retryable answer (4xx but 429, bad JSON; auth is handled by the request layer
    /// before it gets here) or an abort. Transient failures (network, 429, 5xx) keep polling
    /// until the deadline, unlike AWS waiters which poll on through 4xx until their timeout.
    pub fn record_error(&mut self, err: &ClientError) -> bool {
        self.attempt = self.attempt.saturating_add(1);
        match err {
            ClientError::Network { .. } | ClientError::RateLimit { .. } => false,
            ClientError::Timeout { code, .. } => *code != "request_timeout",
            ClientError::Api { code, http, .. } => {
                *code == "invalid_response" || !(500..=599).contains(&http.status)
            }
            _ => true,
        }
    }

    /// Milliseconds to sleep before the next poll, or `None` when the deadline has passed
    /// (throw `TimeoutError` with the last Action). Never sleeps past the deadline, so the
    /// last poll happens on it. Before any poll: 0 (first poll at once).
    pub fn next_delay(&self, policy: &WaitPolicy, now_ms: i64, random: f64) -> Option<u64> {
        if self.attempt == 0 {
            return Some(0);
        }
        let left = self.deadline.saturating_sub(now_ms);
        if left <= 0 {
            return None;
        }
        let elapsed = u64::try_from(now_ms.saturating_sub(self.started_at)).unwrap_or(0);
        let delay = policy.delay(self.attempt, elapsed, random);
        Some(delay.min(u64::try_from(left).unwrap_or(u64::MAX)))
    }

    /// [`next_delay`](Self::next_delay), but not sooner than a `Retry-After` the last failed poll
    /// carried (429/503), still never past the deadline.
    pub fn next_delay_after_error(
        &self,
        policy: &WaitPolicy,
        now_ms: i64,
        random: f64,
        last_error: Option<&ClientError>,
    ) -> Option<u64> {
        let delay = self.next_delay(policy, now_ms, random)?;
        let asked = last_error
            .and_then(|e| match e {
                ClientError::RateLimit { retry_after_ms, .. } => *retry_after_ms,
                other => other.http().and_then(|h| h.retry_after_ms),
            })
            .unwrap_or(0);
        let left = u64::try_from(self.deadline.saturating_sub(now_ms)).unwrap_or(0);
        Some(delay.max(asked.min(left)))
    }

    /// The error for a wait that reached its deadline.
    pub fn timeout_error(&self, last: Option<Action>) -> ClientError {
        ClientError::Timeout {
            code: "wait_timeout",
            message: format!(
                "action {} still not finished at the deadline (last status {})",
                self.action_id,
                self.last_status.as_deref().unwrap_or("unknown")
            ),
            action: last.map(Box::new),
        }
    }
}

/// The error for an Action that ended in `ERROR` (A2: its `message` says why).
pub fn action_failed(action: Action) -> ClientError {
    let why = action
        .message
        .clone()
        .unwrap_or_else(|| "no message".into());
    ClientError::ActionFailed {
        message: format!(
            "action {} failed: {why}",
            action.id.map_or_else(|| "?".to_owned(), |i| i.to_string())
        ),
        action: Box::new(action),
    }
}

/// SplitMix64: a tiny deterministic generator for simulations and tests.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// Next number, uniform in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Runs the waiter policy against an action that turns `SUCCESS` `action_duration_ms` after
/// the wait starts (a poll at time `t` sees it done iff `t >= duration`; requests take no
/// time). Returns `(polls, detection_delay_ms)`: how many polls it made and how long after
/// completion it noticed. A wait that times out returns the polls and `u64::MAX`.
pub fn simulate_waiter(policy: &WaitPolicy, action_duration_ms: u64, seed: u64) -> (u32, u64) {
    let policy = policy.sanitized();
    let mut rng = SplitMix64::new(seed);
    let mut state = WaitState::start("sim", 0, &policy);
    let mut now: i64 = 0;
    let duration = i64::try_from(action_duration_ms).unwrap_or(i64::MAX);
    loop {
        let Some(delay) = state.next_delay(&policy, now, rng.next_f64()) else {
            return (state.attempt, u64::MAX);
        };
        now = now.saturating_add(i64::try_from(delay).unwrap_or(i64::MAX));
        let status = if now >= duration {
            "SUCCESS"
        } else {
            "IN_PROGRESS"
        };
        let action = Action {
            status: Some(status.into()),
            ..Action::default()
        };
        if state.record(&action).1 == Verdict::Done {
            return (state.attempt, u64::try_from(now - duration).unwrap_or(0));
        }
    }
}

/// The baseline: a poller that polls at once and then every `interval_ms`, same model as
/// [`simulate_waiter`]. Returns `(polls, detection_delay_ms)`.
pub fn simulate_fixed_poller(interval_ms: u64, action_duration_ms: u64) -> (u32, u64) {
    let interval = interval_ms.max(1);
    let polls = action_duration_ms.div_ceil(interval) + 1;
    let seen_at = (polls - 1) * interval;
    (
        u32::try_from(polls).unwrap_or(u32::MAX),
        seen_at - action_duration_ms,
    )
}
