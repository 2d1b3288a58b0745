//! Fault injection (off by default): latency, 500/503/429 answers, dropped connections, actions
//! that end in `ERROR`, hostile text. Random rates for soak tests and deterministic "the next N
//! requests matching X" rules for unit tests. Set by `ITCARE_SIM_*` variables or `PUT /_sim/faults`.

use serde::{Deserialize, Serialize};

/// What a fault does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    /// Answer 500 with an empty body (T5).
    #[serde(rename = "500")]
    Status500,
    /// Answer 503 with an empty body (T5).
    #[serde(rename = "503")]
    Status503,
    /// Answer 429 with a `Retry-After` header.
    #[serde(rename = "429")]
    Status429,
    /// Close the TCP connection without writing any response.
    #[serde(rename = "drop")]
    Drop,
    /// Process the request (e.g. really create), then close the connection without answering:
    /// the "did my create happen?" case a client must resolve without sending it twice.
    #[serde(rename = "dropAfter")]
    DropAfter,
    /// Process the request, then answer 500 (the change happened all the same).
    #[serde(rename = "500After")]
    Status500After,
    /// Process the request and answer it normally, but only after the rule's `delayMs`: a
    /// client whose request timeout is shorter gives up on a change that happened.
    #[serde(rename = "slow")]
    Slow,
}

/// A deterministic fault: the next `count` requests matching `method` / `pathPrefix` get `kind`
/// (after `delayMs` more than `latencyMs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRule {
    /// What happens to a matching request.
    pub kind: FaultKind,
    /// How many matching requests it applies to (then the rule is used up). Default 1.
    #[serde(default = "one")]
    pub count: u32,
    /// Only requests with this HTTP method (case-insensitive); any method when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Only requests whose path starts with this; any faultable path when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_prefix: Option<String>,
    /// Milliseconds added to `latencyMs` before a matching request is answered (or dropped);
    /// what makes a `slow` rule slow. Default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub delay_ms: u64,
}

/// What [`Faults::decide`] chose for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// What happens to the request.
    pub kind: FaultKind,
    /// Delay on top of `latencyMs` (a rule's `delayMs`; 0 for the random rates).
    pub delay_ms: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn one() -> u32 {
    1
}

fn default_retry_after() -> u64 {
    1
}

/// The whole fault configuration, as `GET|PUT /_sim/faults` shows it (camelCase JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Faults {
    /// Delay added before every faultable request is answered, in milliseconds.
    pub latency_ms: u64,
    /// Probability (0..=1) that a request is answered 500.
    pub rate500: f64,
    /// Probability (0..=1) that a request is answered 503.
    pub rate503: f64,
    /// Probability (0..=1) that a request is answered 429.
    pub rate429: f64,
    /// `Retry-After` seconds sent with 429 (and 503) answers.
    #[serde(default = "default_retry_after")]
    pub retry_after_secs: u64,
    /// Probability (0..=1) that the connection is closed without a response.
    pub drop_rate: f64,
    /// Probability (0..=1) that an asynchronous action ends in `ERROR`.
    pub action_error_rate: f64,
    /// The next N actions submitted end in `ERROR` (deterministic; counts down).
    pub fail_next_actions: u32,
    /// Append `<img src=x onerror=alert(1)>` / `<script>` to names and messages the API returns
    /// (the portal's XSS test).
    pub hostile_text: bool,
    /// Deterministic rules, checked in order before the random rates.
    pub next: Vec<FaultRule>,
    /// Seed of the random rates (a fixed seed makes a run repeatable); OS randomness when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            latency_ms: 0,
            rate500: 0.0,
            rate503: 0.0,
            rate429: 0.0,
            retry_after_secs: default_retry_after(),
            drop_rate: 0.0,
            action_error_rate: 0.0,
            fail_next_actions: 0,
            hostile_text: false,
            next: Vec::new(),
            seed: None,
        }
    }
}

/// Largest `latencyMs` (30 s): enough to test a client's timeouts, not enough to hang a
/// connection for good. A rule's `delayMs` has the same bound, so one answer waits at most
/// twice this.
pub const MAX_LATENCY_MS: u64 = 30_000;
/// Largest `retryAfterSecs` (one hour).
pub const MAX_RETRY_AFTER_SECS: u64 = 3_600;
/// Largest `failNextActions`.
pub const MAX_FAIL_NEXT_ACTIONS: u64 = 1_000;
/// Most rules in `next`.
pub const MAX_RULES: u64 = 100;
/// Largest `count` of one rule.
pub const MAX_RULE_COUNT: u64 = 10_000;
/// Longest `method` / `pathPrefix` of a rule, in bytes.
pub const MAX_RULE_TEXT: u64 = 256;

/// A refused control value: the field (`latencyMs`, `next[0].count`, ...) and what is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The JSON field, as `errorDesc` of the 400 answer.
    pub field: String,
    /// What is accepted, as `errorMessage`.
    pub message: String,
}

impl Invalid {
    /// A refusal of `field` saying `message`.
    pub fn new(field: &str, message: String) -> Invalid {
        Invalid {
            field: field.to_string(),
            message,
        }
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// `Err` naming `field` when `value > max`.
pub fn at_most(field: &str, value: u64, max: u64) -> Result<(), Invalid> {
    if value > max {
        return Err(Invalid::new(
            field,
            format!("{field} must be at most {max} (got {value})"),
        ));
    }
    Ok(())
}

/// The text appended to strings when `hostileText` is on.
pub const HOSTILE: &str = "<img src=x onerror=alert(1)><script>alert('itcare-sim')</script>";

impl Faults {
    /// Reads the `ITCARE_SIM_*` fault variables (see `sim/README.md`); unset means off.
    /// `ITCARE_SIM_FAULTS` (the JSON of `PUT /_sim/faults`) is read first, single variables override it.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Result<Faults, String> {
        let mut f = match get("ITCARE_SIM_FAULTS") {
            Some(json) if !json.trim().is_empty() => {
                serde_json::from_str(&json).map_err(|e| format!("ITCARE_SIM_FAULTS: {e}"))?
            }
            _ => Faults::default(),
        };
        fn num<T: std::str::FromStr>(
            get: &impl Fn(&str) -> Option<String>,
            name: &str,
        ) -> Result<Option<T>, String> {
            match get(name) {
                Some(v) if !v.trim().is_empty() => v
                    .trim()
                    .parse::<T>()
                    .map(Some)
                    .map_err(|_| format!("{name}: not a number: {v}")),
                _ => Ok(None),
            }
        }
        if let Some(v) = num(&get, "ITCARE_SIM_LATENCY_MS")? {
            f.latency_ms = v;
        }
        if let Some(v) = num(&get, "ITCARE_SIM_RATE_500")? {
            f.rate500 = v;
        }
        if let Some(v) = num(&get, "ITCARE_SIM_RATE_503")? {
            f.rate503 = v;
        }
        if let Some(v) = num(&get, "ITCARE_SIM_RATE_429")? {
            f.rate429 = v;
        }
        if let Some(v) = num(&get, "ITCARE_SIM_RETRY_AFTER")? {
            f.retry_after_secs = v;
        }
        if let Some(v) = num(&get, "ITCARE_SIM_DROP_RATE")? {
            f.drop_rate = v;
        }
        if let Some(v) = num(&get, "ITCARE_SIM_ACTION_ERROR_RATE")? {
            f.action_error_rate = v;
        }
        if let Some(v) = num(&get, "ITCARE_SIM_FAULT_SEED")? {
            f.seed = Some(v);
        }
        if let Some(v) = get("ITCARE_SIM_HOSTILE_TEXT") {
            f.hostile_text = matches!(v.trim(), "1" | "true" | "yes" | "on");
        }
        f.check().map_err(|e| format!("fault settings: {e}"))?;
        Ok(f)
    }

    /// Rejects rates outside 0..=1 (and NaN) and any value above its documented maximum (the
    /// `MAX_*` constants, listed in sim/README.md): a control call must not be able to hang
    /// every request (`latencyMs: u64::MAX`) or grow the state without bound.
    /// The error names the field and says what is accepted.
    pub fn check(&self) -> Result<(), Invalid> {
        for (name, r) in [
            ("rate500", self.rate500),
            ("rate503", self.rate503),
            ("rate429", self.rate429),
            ("dropRate", self.drop_rate),
            ("actionErrorRate", self.action_error_rate),
        ] {
            if !(0.0..=1.0).contains(&r) {
                return Err(Invalid::new(
                    name,
                    format!("{name} must be between 0 and 1"),
                ));
            }
        }
        at_most("latencyMs", self.latency_ms, MAX_LATENCY_MS)?;
        at_most(
            "retryAfterSecs",
            self.retry_after_secs,
            MAX_RETRY_AFTER_SECS,
        )?;
        at_most(
            "failNextActions",
            u64::from(self.fail_next_actions),
            MAX_FAIL_NEXT_ACTIONS,
        )?;
        let rules = u64::try_from(self.next.len()).unwrap_or(u64::MAX);
        at_most("next", rules, MAX_RULES)?;
        for (i, r) in self.next.iter().enumerate() {
            at_most(
                &format!("next[{i}].count"),
                u64::from(r.count),
                MAX_RULE_COUNT,
            )?;
            at_most(&format!("next[{i}].delayMs"), r.delay_ms, MAX_LATENCY_MS)?;
            for (key, text) in [("method", &r.method), ("pathPrefix", &r.path_prefix)] {
                let len = text.as_deref().map_or(0, str::len);
                let len = u64::try_from(len).unwrap_or(u64::MAX);
                at_most(&format!("next[{i}].{key}"), len, MAX_RULE_TEXT)?;
            }
        }
        Ok(())
    }

    /// Decides the fault of one request (deterministic rules first, then the random rates) and
    /// uses up a matching rule.
    pub fn decide(&mut self, method: &str, path: &str, rng: &mut Rng) -> Option<Fault> {
        let hit = self.next.iter_mut().find(|r| {
            r.count > 0
                && r.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && r.path_prefix.as_deref().is_none_or(|p| path.starts_with(p))
        });
        if let Some(rule) = hit {
            rule.count -= 1;
            let fault = Fault {
                kind: rule.kind,
                delay_ms: rule.delay_ms,
            };
            self.next.retain(|r| r.count > 0);
            return Some(fault);
        }
        for (rate, kind) in [
            (self.drop_rate, FaultKind::Drop),
            (self.rate503, FaultKind::Status503),
            (self.rate500, FaultKind::Status500),
            (self.rate429, FaultKind::Status429),
        ] {
            if rate > 0.0 && rng.chance(rate) {
                return Some(Fault { kind, delay_ms: 0 });
            }
        }
        None
    }

    /// Whether the next action must end in `ERROR` (uses up `failNextActions`).
    pub fn action_fails(&mut self, rng: &mut Rng) -> bool {
        if self.fail_next_actions > 0 {
            self.fail_next_actions -= 1;
            return true;
        }
        self.action_error_rate > 0.0 && rng.chance(self.action_error_rate)
    }
}

/// A small xorshift generator, repeatable from its seed (the caller seeds it: from the fault
/// configuration's `seed`, else from its [`crate::Entropy`]).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_used_up_in_order_and_match_method_and_path() {
        let mut f = Faults {
            next: vec![
                FaultRule {
                    kind: FaultKind::Status503,
                    count: 2,
                    method: Some("patch".into()),
                    path_prefix: None,
                    delay_ms: 0,
                },
                FaultRule {
                    kind: FaultKind::Drop,
                    count: 1,
                    method: None,
                    path_prefix: Some("/itcare/actions".into()),
                    delay_ms: 0,
                },
            ],
            ..Faults::default()
        };
        let mut rng = Rng::new(1);
        assert_eq!(
            f.decide("GET", "/itcare/databases/postgresql/1", &mut rng),
            None
        );
        let kind = |f: Option<Fault>| f.map(|f| f.kind);
        assert_eq!(
            kind(f.decide("PATCH", "/itcare/databases/postgresql/1", &mut rng)),
            Some(FaultKind::Status503)
        );
        assert_eq!(
            kind(f.decide("GET", "/itcare/actions/4", &mut rng)),
            Some(FaultKind::Drop)
        );
        assert_eq!(f.decide("GET", "/itcare/actions/4", &mut rng), None);
        assert_eq!(
            kind(f.decide("PATCH", "/x", &mut rng)),
            Some(FaultKind::Status503)
        );
        assert_eq!(f.decide("PATCH", "/x", &mut rng), None);
        assert!(f.next.is_empty());
    }

    #[test]
    fn rates_follow_probability_and_seed_repeats() {
        let mut f = Faults {
            rate500: 0.5,
            ..Faults::default()
        };
        let run = |f: &mut Faults| {
            let mut rng = Rng::new(42);
            (0..1000)
                .filter(|_| f.decide("GET", "/", &mut rng).is_some())
                .count()
        };
        let a = run(&mut f);
        assert!((400..600).contains(&a), "{a}");
        assert_eq!(a, run(&mut f));
    }

    #[test]
    fn env_parsing_and_bounds() {
        let env = |k: &str| match k {
            "ITCARE_SIM_RATE_503" => Some("0.25".to_string()),
            "ITCARE_SIM_HOSTILE_TEXT" => Some("1".to_string()),
            _ => None,
        };
        let f = Faults::from_env(env).unwrap();
        assert_eq!(f.rate503, 0.25);
        assert!(f.hostile_text);
        assert!(
            Faults::from_env(|k| (k == "ITCARE_SIM_RATE_500").then(|| "2".to_string())).is_err()
        );
        assert!(
            Faults::from_env(|k| (k == "ITCARE_SIM_LATENCY_MS").then(|| "x".to_string())).is_err()
        );
    }
}
