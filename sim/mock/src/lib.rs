//! The in-process mock of the npm package (`itcare-postgresql/mock`): the simulator's pure core
//! (`itcare-sim-core`) on a virtual clock, behind a small wasm boundary. The JS wrapper
//! (`pkg-template/mock/api.js`) turns WHATWG `Request`s into [`MockCore::handle`] calls and
//! the answers into `Response`s. Time is virtual ([`clock::Clock`]): a request is processed
//! when it arrives and its answer is an event due after the fault's latency (as the simulator
//! sleeps the latency before answering), so a client timer on the same clock (the wrapper's
//! `useVirtualTimers()`) that is due first fires first.
//!
//! Everything here but the `#[wasm_bindgen]` glue is plain Rust tested natively.

pub mod clock;

use clock::Clock;
use itcare_sim_core::{Faults, Request, Rng, Runtime, SeededEntropy, Settings, Simulator};
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
    /// Seed of the fault rates when the faults carry no `seed` (default 1: repeatable runs).
    /// Tokens never come from it: each mock draws them from its own random seed.
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
    event: u32,
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

    /// 0 when the answer is there now; else the clock event at which it is (the request was
    /// processed already): the caller hands it over when that event fires.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(getter))]
    pub fn event(&self) -> u32 {
        self.event
    }
}

/// The simulator on a virtual clock.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub struct MockCore {
    sim: Simulator,
    clock: Clock,
    start: i64,
    /// The creation options (what `reset()` without options goes back to).
    options: String,
}

impl MockCore {
    /// A mock from options JSON and the seed of its tokens (the wrapper passes 32 bytes of
    /// `crypto.getRandomValues`, so no two mocks issue the same tokens).
    pub fn create(options: &str, seed: &[u8]) -> Result<MockCore, String> {
        let o = MockOptions::parse(options)?;
        let start = o.start_time.unwrap_or(DEFAULT_START_MS);
        let entropy = SeededEntropy::new(seed);
        let mut sim = Simulator::new(o.settings()?, Box::new(entropy), start);
        seed_fault_rates(&mut sim, &o);
        Ok(MockCore {
            sim,
            clock: Clock::new(start),
            start,
            options: options.to_string(),
        })
    }

    /// The virtual clock and its pending events.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Answers a request: processed now (the world changes now, as in the simulator), the answer
    /// due after the fault's latency ([`MockReply::event`]).
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
        let reply = self.sim.handle(&req, self.clock.now());
        let event = match reply.delay_ms {
            0 => 0,
            ms => self.clock.schedule(ms),
        };
        match reply.response {
            Some(r) => MockReply {
                status: r.status,
                headers: r.headers.into_iter().flat_map(|(k, v)| [k, v]).collect(),
                body: r.body,
                event,
            },
            None => MockReply {
                status: 0,
                headers: Vec::new(),
                body: Vec::new(),
                event,
            },
        }
    }

    /// Resets to `options` (the creation options when empty): world, faults, settings, clock.
    pub fn reset_to(&mut self, options: &str) -> Result<(), String> {
        let given = options.trim();
        let empty = given.is_empty() || given == "null" || given == "undefined";
        let o = MockOptions::parse(if empty { &self.options } else { options })?;
        let start = o.start_time.unwrap_or(self.start);
        // The clock never goes back (a token's expiry stays in the future it was issued for).
        self.clock.advance_to(start as f64);
        // Tokens issued so far stay valid and new ones go on from the same entropy (as the
        // simulator's reset).
        self.sim.reconfigure(o.settings()?, self.clock.now());
        seed_fault_rates(&mut self.sim, &o);
        Ok(())
    }
}

/// The fault rates from `randomSeed` (default 1) unless the faults carry their own `seed`:
/// repeatable runs, whatever the tokens' entropy.
fn seed_fault_rates(sim: &mut Simulator, o: &MockOptions) {
    if sim.faults.seed.is_none() {
        sim.rng = Rng::new(o.random_seed.unwrap_or(1));
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
impl MockCore {
    /// Moves the virtual clock forward by `ms` without firing events (negative or non-finite: no
    /// move). Actions whose duration has passed complete at the next request (or snapshot).
    pub fn advance(&mut self, ms: f64) {
        self.clock.advance(ms);
    }

    /// Moves the virtual clock to `t` (ms since the epoch) without firing events; never back.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = advanceTo))]
    pub fn advance_to(&mut self, t: f64) {
        self.clock.advance_to(t);
    }

    /// The virtual time, ms since the epoch.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(getter))]
    pub fn now(&self) -> f64 {
        self.clock.now() as f64
    }

    /// A virtual timer event `ms` from now (read as `setTimeout` reads its delay); its id.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = setTimer))]
    pub fn set_timer(&mut self, ms: f64) -> u32 {
        self.clock.schedule_timer(ms)
    }

    /// Forgets a pending event (timer or delayed answer); false when it is not pending.
    pub fn cancel(&mut self, id: u32) -> bool {
        self.clock.cancel(id)
    }

    /// How many events are pending.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(getter))]
    pub fn pending(&self) -> u32 {
        u32::try_from(self.clock.pending()).unwrap_or(u32::MAX)
    }

    /// The earliest event due at or before `limit` (ms since the epoch), the clock moved to its
    /// time; 0 when none.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = popDue))]
    pub fn pop_due(&mut self, limit: f64) -> u32 {
        self.clock.pop_due(limit).unwrap_or(0)
    }

    /// The earliest event whenever it is due, the clock moved to its time; 0 when none.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = popNext))]
    pub fn pop_next(&mut self) -> u32 {
        self.clock.pop_next().unwrap_or(0)
    }

    /// Completes every action in progress now; returns how many.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = finishActions))]
    pub fn finish_actions(&mut self) -> u32 {
        u32::try_from(self.sim.finish_actions(self.clock.now())).unwrap_or(u32::MAX)
    }

    /// A fresh access token (T3 lifetimes); the JSON of the token endpoint.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = issueToken))]
    pub fn issue_token(&mut self) -> String {
        self.sim.issue_token(self.clock.now()).text()
    }

    /// Every access token expires now (refresh tokens too when `refresh`).
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(js_name = expireTokens))]
    pub fn expire_tokens(&mut self, refresh: bool) {
        self.sim.expire_tokens(self.clock.now(), refresh);
    }

    /// The state as JSON text: instances, actions, faults, config, now.
    pub fn snapshot(&mut self) -> String {
        self.sim.snapshot(self.clock.now()).to_string()
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
    /// A mock from options JSON and the seed of its tokens (32 random bytes); throws on unknown
    /// or invalid options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, seed: &[u8]) -> Result<MockCore, JsError> {
        MockCore::create(options, seed).map_err(|e| JsError::new(&e))
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

    const SEED_A: [u8; 32] = [7; 32];
    const SEED_B: [u8; 32] = [8; 32];

    fn bearer(m: &mut MockCore) -> Vec<String> {
        let token: serde_json::Value = serde_json::from_str(&m.issue_token()).unwrap();
        let auth = format!("Bearer {}", token["access_token"].as_str().unwrap());
        vec!["authorization".to_string(), auth]
    }

    #[test]
    fn options_and_virtual_time() {
        assert!(MockCore::create(r#"{"bogus": 1}"#, &SEED_A).is_err());
        assert!(MockCore::create(r#"{"faults": {"rate500": 3}}"#, &SEED_A).is_err());
        let mut m = MockCore::create(r#"{"actionMs": 1000, "seed": false}"#, &SEED_A).unwrap();
        let h = bearer(&mut m);
        let r = m.answer("get", "/itcare/databases/postgresql", &h, b"");
        assert_eq!((r.status, r.event), (200, 0), "no latency: answered now");
        m.advance(-5.0);
        m.advance(f64::NAN);
        m.reset_to("").unwrap();
        assert_eq!(
            m.answer("GET", "/itcare/actions", &h, b"").status,
            200,
            "tokens survive reset"
        );
    }

    #[test]
    fn latency_is_an_event_in_virtual_time_and_the_request_is_processed_on_arrival() {
        let mut m = MockCore::create(r#"{"seed": false}"#, &SEED_A).unwrap();
        let h = bearer(&mut m);
        let f = r#"{"latencyMs": 5000, "next": [{"kind": "drop", "method": "GET"}]}"#;
        m.sim.set_faults(serde_json::from_str(f).unwrap()).unwrap();
        let t0 = m.clock().now();
        let create = serde_json::json!({
            "productCode": "deb12pg16", "serviceId": 123, "nodeSizing": "2cpu4gb",
            "networkId": 132, "area": "EB-QA", "diskSize": 40, "admPassword": "Test123@2022",
            "allowedReplicationLag": 10, "az": "az", "topology": "STANDALONE",
            "trigram": "tri", "tls": true, "name": "latency01"
        });
        let mut ch = h.clone();
        ch.extend([
            "content-type".into(),
            itcare_postgresql::client::CREATE_CONTENT_TYPE.into(),
        ]);
        let body = serde_json::to_vec(&create).unwrap();
        let r = m.answer("POST", "/itcare/databases/postgresql", &ch, &body);
        assert_eq!(r.status, 202, "{}", String::from_utf8_lossy(&r.body));
        assert_ne!(r.event, 0, "the answer waits for its event");
        assert_eq!(m.clock().now(), t0, "answering does not move the clock");
        let snapshot: serde_json::Value = serde_json::from_str(&m.snapshot()).unwrap();
        assert_eq!(
            snapshot["instances"].as_array().map(Vec::len),
            Some(1),
            "processed on arrival, before the answer is due (as the simulator sleeps after)"
        );
        // A client timer due before the answer fires first, at its own time.
        let timeout = m.set_timer(1000.0);
        assert_eq!(m.pop_next(), timeout);
        assert_eq!(m.clock().now(), t0 + 1000);
        // Abandoned (the client aborted): the answer's event never fires.
        assert!(m.cancel(r.event));
        assert_eq!(m.pop_next(), 0);
        // A dropped request also answers (with nothing) at the latency.
        let drop = m.answer("GET", "/itcare/actions", &h, b"");
        assert_eq!(drop.status, 0);
        assert_eq!(m.pending(), 1);
        assert_eq!(m.pop_due(m.now() + 4999.0), 0, "not due yet");
        assert_eq!(m.pop_due(f64::INFINITY), 0, "no limit is no event");
        assert_eq!(m.pop_due(m.now() + 5000.0), drop.event);
        assert_eq!(m.clock().now(), t0 + 6000);
    }

    #[test]
    fn each_mock_issues_its_own_tokens() {
        let mut a = MockCore::create("", &SEED_A).unwrap();
        let mut b = MockCore::create("", &SEED_B).unwrap();
        let mut a2 = MockCore::create("", &SEED_A).unwrap();
        let (ha, hb) = (bearer(&mut a), bearer(&mut b));
        assert_ne!(ha, hb);
        let path = "/itcare/databases/postgresql";
        assert_eq!(
            b.answer("GET", path, &ha, b"").status,
            401,
            "A's token on B"
        );
        assert_eq!(
            a.answer("GET", path, &hb, b"").status,
            401,
            "B's token on A"
        );
        assert_eq!(
            a2.answer("GET", path, &ha, b"").status,
            401,
            "same seed, own store"
        );
        assert_eq!(b.answer("GET", path, &hb, b"").status, 200);
        // After a reset the tokens go on: none is issued twice.
        a.reset_to("").unwrap();
        assert_ne!(bearer(&mut a), ha);
        assert_eq!(a.answer("GET", path, &ha, b"").status, 200, "kept valid");
    }

    #[test]
    fn fault_rates_stay_repeatable_whatever_the_tokens() {
        let faults = r#"{"faults": {"rate500": 0.5}, "seed": false}"#;
        let statuses = |seed: &[u8]| {
            let mut m = MockCore::create(faults, seed).unwrap();
            let h = bearer(&mut m);
            (0..32)
                .map(|_| m.answer("GET", "/itcare/actions", &h, b"").status)
                .collect::<Vec<_>>()
        };
        let a = statuses(&SEED_A);
        assert_eq!(
            a,
            statuses(&SEED_B),
            "randomSeed (default 1), not the token seed"
        );
        assert!(a.contains(&500) && a.contains(&200));
    }
}
