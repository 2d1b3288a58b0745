//! `itcare-sim-core`: the pure core of the ITCare PostgreSQL API simulator (rule numbers refer
//! to `docs/spec/API.md`). The world (instances, actions, seeded fixtures), its commands and
//! guards, the T5/T6 mapping, the token endpoint (T3) and fault injection, as a function from a
//! request and a time to an answer:
//!
//! ```
//! use itcare_sim_core::{Request, Settings, Simulator, Rng};
//! let mut sim = Simulator::new(Settings::default(), Box::new(Rng::new(7)), 0);
//! let reply = sim.handle(&Request::new("GET", "/itcare/health"), 0);
//! assert_eq!(reply.response.map(|r| r.status), Some(200));
//! ```
//!
//! No axum, no tokio, no clock, no OS randomness: the caller passes the time (milliseconds since
//! the Unix epoch) to every call and supplies the randomness ([`Entropy`]). The axum server
//! (`itcare-sim`) and the wasm mock of the npm package (`itcare-postgresql/mock`) both sit on
//! it, so they answer alike. Bodies are the SDK's own models and the server-side rules are the
//! SDK's validators, so the simulator and the SDK cannot drift.

pub mod api;
pub mod auth;
pub mod catalog;
pub mod faults;
pub mod http;
pub mod world;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use faults::{Fault, FaultKind, FaultRule, Faults, Rng};
pub use http::{Reply, Request, Response};
pub use world::World;

use auth::TokenStore;

/// Default client id (dev only).
pub const DEFAULT_CLIENT_ID: &str = "itcare-sim";
/// Default client secret (dev only).
pub const DEFAULT_CLIENT_SECRET: &str = "itcare-sim-secret";
/// Default time an action stays `IN_PROGRESS`, in milliseconds.
pub const DEFAULT_ACTION_MS: u64 = 3000;

/// A source of random bytes for tokens and for the fault generator's seed. The server reads the
/// OS; tests and the mock may use a seeded [`Rng`] (repeatable, not secret).
pub trait Entropy: Send {
    /// Fills `buf` with random bytes.
    fn fill(&mut self, buf: &mut [u8]);
}

impl Entropy for Rng {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(bytes.get(..chunk.len()).unwrap_or(&bytes));
        }
    }
}

/// Entropy from a 256-bit seed (xoshiro256**): for hosts without an OS random source, such as
/// the wasm mock, which seeds one per instance from `crypto.getRandomValues`. Two instances with
/// different seeds issue different tokens; the stream is not cryptographic (a test double's
/// tokens only have to be unguessable from a constant and distinct between instances).
#[derive(Debug, Clone)]
pub struct SeededEntropy([u64; 4]);

impl SeededEntropy {
    /// From up to 32 seed bytes (fewer are zero-padded, more are folded in). Every 64-bit word of
    /// state is mixed with SplitMix64 so a short or mostly-zero seed still gives a full state.
    pub fn new(seed: &[u8]) -> SeededEntropy {
        let mut words = [0u64; 4];
        for (i, chunk) in seed.chunks(8).enumerate() {
            let mut b = [0u8; 8];
            b.iter_mut().zip(chunk).for_each(|(d, s)| *d = *s);
            if let Some(w) = words.get_mut(i % 4) {
                *w ^= u64::from_le_bytes(b);
            }
        }
        let mut x = 0x243F_6A88_85A3_08D3u64;
        for w in &mut words {
            x = x.wrapping_add(*w).wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            *w = z ^ (z >> 31);
        }
        SeededEntropy(words)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let out = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }
}

impl Entropy for SeededEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(bytes.get(..chunk.len()).unwrap_or(&bytes));
        }
    }
}

/// What the simulator starts with (and `reset` goes back to).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Whether to seed the demo instances.
    pub seed: bool,
    /// OAuth2 client id accepted by the token endpoint.
    pub client_id: String,
    /// OAuth2 client secret accepted by the token endpoint.
    pub client_secret: String,
    /// Run-time settings at start.
    pub runtime: Runtime,
    /// Faults at start.
    pub faults: Faults,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: true,
            client_id: DEFAULT_CLIENT_ID.into(),
            client_secret: DEFAULT_CLIENT_SECRET.into(),
            runtime: Runtime::default(),
            faults: Faults::default(),
        }
    }
}

/// Settings that can change at run time (`/_sim/config`, the mock's options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Runtime {
    /// How long an action stays `IN_PROGRESS`, in milliseconds.
    pub action_ms: u64,
    /// Access token lifetime in seconds (T3: 1200).
    pub token_ttl_secs: u64,
    /// Refresh token lifetime in seconds (T3: 7200).
    pub refresh_ttl_secs: u64,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime {
            action_ms: DEFAULT_ACTION_MS,
            token_ttl_secs: 1200,
            refresh_ttl_secs: 7200,
        }
    }
}

/// The whole simulated API: world, tokens, faults and settings.
pub struct Simulator {
    /// Start-up settings.
    pub settings: Settings,
    /// Issued tokens.
    pub tokens: TokenStore,
    /// Active faults.
    pub faults: Faults,
    /// Random source of the fault rates.
    pub rng: Rng,
    /// Current run-time settings.
    pub runtime: Runtime,
    /// Instances and actions.
    pub world: World,
    entropy: Box<dyn Entropy>,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator")
            .field("runtime", &self.runtime)
            .field("faults", &self.faults)
            .field("instances", &self.world.instances.len())
            .field("actions", &self.world.actions.len())
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// A simulator at time `now` (seeded with the demo instances when `settings.seed`).
    pub fn new(settings: Settings, mut entropy: Box<dyn Entropy>, now: i64) -> Simulator {
        let rng = fault_rng(&settings.faults, entropy.as_mut());
        Simulator {
            tokens: TokenStore::default(),
            faults: settings.faults.clone(),
            rng,
            runtime: settings.runtime,
            world: World::new(settings.seed, now),
            settings,
            entropy,
        }
    }

    /// Answers one request at time `now`: faults first (for `/itcare/**` and `/auth/**`), then
    /// the API or the token endpoint. Other paths are 404 (the server serves them itself).
    pub fn handle(&mut self, req: &Request, now: i64) -> Reply {
        let path = req.path();
        let faultable =
            req.method != "OPTIONS" && (path.starts_with("/itcare") || path.starts_with("/auth/"));
        if !faultable {
            return Reply {
                delay_ms: 0,
                response: Some(self.route(req, now)),
            };
        }
        let fault = self.faults.decide(&req.method, path, &mut self.rng);
        let delay_ms = self.faults.latency_ms + fault.map_or(0, |f| f.delay_ms);
        let retry_after = self.faults.retry_after_secs.to_string();
        let response = match fault.map(|f| f.kind) {
            Some(FaultKind::Drop) => None,
            Some(FaultKind::Status500) => Some(Response::empty(500)),
            Some(FaultKind::Status503) => {
                Some(Response::empty(503).with_header("retry-after", &retry_after))
            }
            Some(FaultKind::Status429) => {
                Some(Response::empty(429).with_header("retry-after", &retry_after))
            }
            Some(FaultKind::Status500After) => {
                // The change happens; the client hears 500.
                let _processed = self.route(req, now);
                Some(Response::empty(500))
            }
            Some(FaultKind::DropAfter) => {
                // The change happens; the client never hears about it.
                let _processed = self.route(req, now);
                None
            }
            // The change happens now; the answer leaves after the rule's delay.
            Some(FaultKind::Slow) | None => Some(self.route(req, now)),
        };
        Reply { delay_ms, response }
    }

    fn route(&mut self, req: &Request, now: i64) -> Response {
        let path = req.path();
        if path == itcare_postgresql::client::TOKEN_PATH {
            return if req.method == "POST" {
                auth::token(self, req, now)
            } else {
                Response::empty(405).with_header("allow", "POST")
            };
        }
        if path == "/itcare" || path.starts_with("/itcare/") {
            return api::handle(self, req, now);
        }
        Response::empty(404)
    }

    /// A token pair with the current lifetimes (T3 JSON, `Cache-Control: no-store`), or 503
    /// when no randomness is available.
    pub fn issue_token(&mut self, now: i64) -> Response {
        let rt = self.runtime;
        let t = self.tokens.issue(
            self.entropy.as_mut(),
            now,
            rt.token_ttl_secs,
            rt.refresh_ttl_secs,
        );
        Response::json(200, &t).with_header("cache-control", "no-store")
    }

    /// Empties instances and actions (reseeding when `seed`, default: the start-up choice), puts
    /// faults and settings back to their start-up values. Issued tokens stay valid. Returns
    /// whether it seeded and how many instances exist.
    pub fn reset(&mut self, seed: Option<bool>, now: i64) -> (bool, usize) {
        let seed = seed.unwrap_or(self.settings.seed);
        self.world = World::new(seed, now);
        self.faults = self.settings.faults.clone();
        self.rng = fault_rng(&self.settings.faults, self.entropy.as_mut());
        self.runtime = self.settings.runtime;
        (seed, self.world.instance_count())
    }

    /// New start-up settings, then [`Simulator::reset`] to them (world, faults, run-time
    /// settings). Issued tokens stay valid and the entropy goes on (no token is issued twice), as
    /// after the server's reset: the mock's `reset(options)`.
    pub fn reconfigure(&mut self, settings: Settings, now: i64) -> (bool, usize) {
        self.settings = settings;
        self.reset(None, now)
    }

    /// Replaces the fault configuration (after [`Faults::check`]: the error names the refused
    /// field and says what is accepted).
    pub fn set_faults(&mut self, f: Faults) -> Result<(), faults::Invalid> {
        f.check()?;
        if let Some(seed) = f.seed {
            self.rng = Rng::new(seed);
        }
        self.faults = f;
        Ok(())
    }

    /// Every action in progress completes now. Returns how many.
    pub fn finish_actions(&mut self, now: i64) -> usize {
        self.world.finish_all(now)
    }

    /// Every access token issued so far expires now (refresh tokens too when `refresh`).
    pub fn expire_tokens(&mut self, now: i64, refresh: bool) {
        self.tokens.expire_all(now, refresh);
    }

    /// The state as JSON (for tests): instances, actions (A2 shape), faults and settings.
    pub fn snapshot(&mut self, now: i64) -> Value {
        self.world.settle(now);
        let instances: Vec<&itcare_postgresql::models::PostgresqlInstance> =
            self.world.instances.values().map(|i| &i.data).collect();
        let actions: Vec<itcare_postgresql::models::Action> =
            self.world.actions.values().map(|a| a.model(true)).collect();
        serde_json::json!({
            "now": itcare_postgresql::time::format_rfc3339(now),
            "instances": instances,
            "actions": actions,
            "faults": self.faults,
            "config": self.runtime,
        })
    }
}

/// The fault generator: from `faults.seed`, else seeded from `entropy`.
fn fault_rng(faults: &Faults, entropy: &mut dyn Entropy) -> Rng {
    match faults.seed {
        Some(s) => Rng::new(s),
        None => {
            let mut b = [0u8; 8];
            entropy.fill(&mut b);
            Rng::new(u64::from_le_bytes(b))
        }
    }
}
