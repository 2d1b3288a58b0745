//! The in-process mock of the npm package (`itcare-postgresql/mock`): the simulator's pure core
//! (`itcare-sim-core`) on a virtual clock, behind a small wasm boundary. The JS wrapper
//! (`pkg-template/mock/index.js`) turns WHATWG `Request`s into [`MockCore::handle`] calls and
//! the answers into `Response`s; time moves only through `advance` (and a fault's latency).
//!
//! Everything here but the `#[wasm_bindgen]` glue is plain Rust tested natively.

use itcare_sim_core::{Faults, Request, Rng, Runtime, Settings, Simulator};
use serde::Deserialize;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Where the virtual clock starts unless `startTime` says otherwise: 2026-01-01T00:00:00Z.
pub const DEFAULT_START_MS: i64 = 1_767_225_600_000;

/// `createMockApi(options)` / `reset(options)` (camelCase JSON; all optional).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MockOptions {
    /// Seed the demo instances (default true, as the simulator).
    pub seed: Option<bool>,
    /// How long an action stays `IN_PROGRESS` in virtual ms (default as the simulator, 3000).
    pub action_ms: Option<u64>,
    /// Access token lifetime in virtual seconds (default 1200).
    pub token_ttl_secs: Option<u64>,
    /// Refresh token lifetime in virtual seconds (default 7200).
    pub refresh_ttl_secs: Option<u64>,
    /// Virtual start time, ms since the epoch (default 2026-01-01T00:00:00Z).
    pub start_time: Option<i64>,
    /// Seed of the token generator and of the fault rates (default 1: repeatable runs).
    pub random_seed: Option<u64>,
    /// Accepted OAuth2 client id (default `itcare-sim`).
    pub client_id: Option<String>,
    /// Accepted OAuth2 client secret (default `itcare-sim-secret`).
    pub client_secret: Option<String>,
    /// Faults from the start (the JSON of `PUT /_sim/faults`).
    pub faults: Option<Faults>,
}

impl MockOptions {
    /// Options from JSON text (empty or `null` = defaults).
    pub fn parse(json: &str) -> Result<MockOptions, String> {
        let t = json.trim();
        if t.is_empty() || t == "null" || t == "undefined" {
            return Ok(MockOptions::default());
        }
        serde_json::from_str(t).map_err(|e| format!("createMockApi options: {e}"))
    }

    fn settings(&self) -> Result<Settings, String> {
        let d = Settings::default();
        let faults = self.faults.clone().unwrap_or_default();
        faults.check().map_err(|e| format!("faults: {e}"))?;
        Ok(Settings {
            seed: self.seed.unwrap_or(d.seed),
            client_id: self.client_id.clone().unwrap_or(d.client_id),
            client_secret: self.client_secret.clone().unwrap_or(d.client_secret),
            runtime: Runtime {
                action_ms: self.action_ms.unwrap_or(d.runtime.action_ms),
                token_ttl_secs: self.token_ttl_secs.unwrap_or(d.runtime.token_ttl_secs),
                refresh_ttl_secs: self.refresh_ttl_secs.unwrap_or(d.runtime.refresh_ttl_secs),
            },
            faults,
        })
    }
}

/// One answer of [`MockCore::handle`].
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
#[derive(Debug, Clone)]
pub struct MockReply {
    status: u16,
    headers: Vec<String>,
    body: Vec<u8>,
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
impl MockReply {
    /// HTTP status; 0 when the connection was dropped (faults `drop`, `dropAfter`).
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(getter))]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Header names and values, alternating.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(getter))]
    pub fn headers(&self) -> Vec<String> {
        self.headers.clone()
    }

    /// Body bytes.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(getter))]
    pub fn body(&self) -> Vec<u8> {
        self.body.clone()
    }
}

/// The simulator on a virtual clock.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub struct MockCore {
    sim: Simulator,
    now: i64,
    start: i64,
    /// The creation options (what `reset()` without options goes back to).
    options: String,
}

impl MockCore {
    /// A mock from options JSON.
    pub fn create(options: &str) -> Result<MockCore, String> {
        let o = MockOptions::parse(options)?;
        let start = o.start_time.unwrap_or(DEFAULT_START_MS);
        let rng = Rng::new(o.random_seed.unwrap_or(1));
        let sim = Simulator::new(o.settings()?, Box::new(rng), start);
        Ok(MockCore {
            sim,
            now: start,
            start,
            options: options.to_string(),
        })
    }

    /// Answers a request; a fault's latency moves the virtual clock (the answer comes later).
    pub fn answer(
        &mut self,
        method: &str,
        target: &str,
        headers: &[String],
        body: &[u8],
    ) -> MockReply {
        let req = Request {
            method: method.to_ascii_uppercase(),
            target: target.to_string(),
            headers: headers
                .chunks(2)
                .filter_map(|kv| match kv {
                    [k, v] => Some((k.clone(), v.clone())),
                    _ => None,
                })
                .collect(),
            body: body.to_vec(),
        };
        let reply = self.sim.handle(&req, self.now);
        self.now = self
            .now
            .saturating_add(i64::try_from(reply.delay_ms).unwrap_or(i64::MAX));
        match reply.response {
            Some(r) => MockReply {
                status: r.status,
                headers: r.headers.into_iter().flat_map(|(k, v)| [k, v]).collect(),
                body: r.body,
            },
            None => MockReply {
                status: 0,
                headers: Vec::new(),
                body: Vec::new(),
            },
        }
    }

    /// Resets to `options` (the creation options when empty): world, faults, settings, clock.
    pub fn reset_to(&mut self, options: &str) -> Result<(), String> {
        let given = options.trim();
        let empty = given.is_empty() || given == "null" || given == "undefined";
        let o = MockOptions::parse(if empty { &self.options } else { options })?;
        let start = o.start_time.unwrap_or(self.start);
        let rng = Rng::new(o.random_seed.unwrap_or(1));
        // Tokens issued so far stay valid (as the simulator's reset): keep the token store.
        let tokens = std::mem::take(&mut self.sim.tokens);
        self.sim = Simulator::new(o.settings()?, Box::new(rng), start);
        self.sim.tokens = tokens;
        // The clock never goes back (a token's expiry stays in the future it was issued for).
        self.now = self.now.max(start);
        Ok(())
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
impl MockCore {
    /// Moves the virtual clock forward by `ms` (negative or non-finite: no move). Actions whose
    /// duration has passed complete at the next request (or snapshot).
    pub fn advance(&mut self, ms: f64) {
        if ms.is_finite() && ms > 0.0 {
            self.now = self.now.saturating_add(ms.min(9.0e15) as i64);
        }
    }

    /// The virtual time, ms since the epoch.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(getter))]
    pub fn now(&self) -> f64 {
        self.now as f64
    }

    /// Completes every action in progress now; returns how many.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = finishActions))]
    pub fn finish_actions(&mut self) -> u32 {
        u32::try_from(self.sim.finish_actions(self.now)).unwrap_or(u32::MAX)
    }

    /// A fresh access token (T3 lifetimes); the JSON of the token endpoint.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = issueToken))]
    pub fn issue_token(&mut self) -> String {
        self.sim.issue_token(self.now).text()
    }

    /// Every access token expires now (refresh tokens too when `refresh`).
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = expireTokens))]
    pub fn expire_tokens(&mut self, refresh: bool) {
        self.sim.expire_tokens(self.now, refresh);
    }

    /// The state as JSON text: instances, actions, faults, config, now.
    pub fn snapshot(&mut self) -> String {
        self.sim.snapshot(self.now).to_string()
    }

    /// The current fault configuration as JSON text.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = getFaults))]
    pub fn get_faults(&self) -> String {
        serde_json::to_string(&self.sim.faults).unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
impl MockCore {
    /// A mock from options JSON; throws on unknown or invalid options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str) -> Result<MockCore, JsError> {
        MockCore::create(options).map_err(|e| JsError::new(&e))
    }

    /// Answers one request (headers as alternating names and values).
    pub fn handle(
        &mut self,
        method: &str,
        target: &str,
        headers: Vec<String>,
        body: &[u8],
    ) -> MockReply {
        self.answer(method, target, &headers, body)
    }

    /// Resets world, faults and settings to `options` (JSON), keeping issued tokens valid.
    pub fn reset(&mut self, options: &str) -> Result<(), JsError> {
        self.reset_to(options).map_err(|e| JsError::new(&e))
    }

    /// Replaces the fault configuration (JSON of `PUT /_sim/faults`); throws when invalid.
    #[wasm_bindgen(js_name = setFaults)]
    pub fn set_faults(&mut self, faults: &str) -> Result<(), JsError> {
        let f: Faults =
            serde_json::from_str(faults).map_err(|e| JsError::new(&format!("setFaults: {e}")))?;
        self.sim
            .set_faults(f)
            .map_err(|e| JsError::new(&format!("setFaults: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_virtual_time() {
        assert!(MockCore::create(r#"{"bogus": 1}"#).is_err());
        assert!(MockCore::create(r#"{"faults": {"rate500": 3}}"#).is_err());
        let mut m = MockCore::create(r#"{"actionMs": 1000, "seed": false}"#).unwrap();
        let token: serde_json::Value = serde_json::from_str(&m.issue_token()).unwrap();
        let auth = format!("Bearer {}", token["access_token"].as_str().unwrap());
        let h = vec!["authorization".to_string(), auth];
        let r = m.answer("get", "/itcare/databases/postgresql", &h, b"");
        assert_eq!(r.status, 200);
        m.sim
            .set_faults(
                serde_json::from_str(r#"{"latencyMs": 250, "next": [{"kind": "drop"}]}"#).unwrap(),
            )
            .unwrap();
        let before = m.now;
        assert_eq!(m.answer("GET", "/itcare/actions", &h, b"").status, 0);
        assert_eq!(m.now - before, 250, "latency is virtual");
        m.advance(-5.0);
        m.advance(f64::NAN);
        assert_eq!(m.now - before, 250);
        m.reset_to("").unwrap();
        assert_eq!(
            m.answer("GET", "/itcare/actions", &h, b"").status,
            200,
            "tokens survive reset"
        );
    }
}
