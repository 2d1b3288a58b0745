//! Start-up configuration: command-line flags and `ITCARE_SIM_*` environment variables.

use std::path::PathBuf;
use std::time::Duration;

use itcare_sim_core::faults::at_most;
use itcare_sim_core::Faults;
pub use itcare_sim_core::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};

use crate::server::Clock;

/// Largest `actionMs` (one hour), at start and through `/_sim/config`.
pub const MAX_ACTION_MS: u64 = 3_600_000;
/// Largest access token lifetime (one day).
pub const MAX_TOKEN_TTL_SECS: u64 = 86_400;
/// Largest refresh token lifetime (30 days).
pub const MAX_REFRESH_TTL_SECS: u64 = 2_592_000;

/// The portal's Content-Security-Policy without `frame-ancestors` (added from
/// [`Config::frame_ancestors`]): modules from the page's own origin, `'wasm-unsafe-eval'` to
/// compile the package's `.wasm`, and `connect-src 'self'`: the portal served here talks to this
/// simulator (its default base URL is its own origin's `/itcare`); the API origins given with
/// `--api-origin` are added to `connect-src` ([`Config::api_origins`]). The `<meta>` of
/// `www/index.html` repeats every other directive (a test keeps them equal); its `connect-src`
/// names the portal's own origin and the API's published origins (T1) for hosts that serve the
/// portal elsewhere; both policies apply, so the header's narrower list is what a browser
/// enforces here.
pub const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
connect-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'none'";

/// Connections served at once by default. Above what one browser can hold (Chromium pools at most
/// 256 sockets per profile), so no web page can starve the simulator; lowered at start to what
/// the process's file-descriptor limit leaves room for.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// Everything the simulator needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Interface to bind, `127.0.0.1` by default.
    pub host: String,
    /// Port to bind; 0 picks a free one.
    pub port: u16,
    /// Directory served at `/` (the portal), if any.
    pub www: Option<PathBuf>,
    /// Directory served at `/pkg/` (the built npm package), if any.
    pub pkg: Option<PathBuf>,
    /// Whether to seed services' demo instances at start and on `POST /_sim/reset`.
    pub seed: bool,
    /// OAuth2 client id accepted by the token endpoint.
    pub client_id: String,
    /// OAuth2 client secret accepted by the token endpoint.
    pub client_secret: String,
    /// How long an asynchronous action stays `IN_PROGRESS`, in milliseconds.
    pub action_ms: u64,
    /// Access token lifetime in seconds (T3: 1200).
    pub token_ttl_secs: u64,
    /// Refresh token lifetime in seconds (T3: 7200).
    pub refresh_ttl_secs: u64,
    /// Faults active from the start.
    pub faults: Faults,
    /// Where the time comes from (the system clock; tests use a virtual one).
    pub clock: Clock,
    /// Browser origins allowed on the controls besides the simulator's own, and on the API and
    /// the token endpoint besides its own and loopback ones (`--allow-origin`,
    /// `ITCARE_SIM_ALLOW_ORIGINS`): exact origins or `scheme://host:*` for any port.
    pub control_origins: Vec<String>,
    /// `Host` names answered besides loopback names, IP literals and [`Config::host`]
    /// (`--allow-host`, `ITCARE_SIM_ALLOW_HOSTS`), e.g. a container's service name. Any other
    /// name is refused on every route (DNS rebinding).
    pub allow_hosts: Vec<String>,
    /// API origins the served portal may connect to besides its own (`--api-origin`,
    /// `ITCARE_SIM_API_ORIGINS`): added to the CSP's `connect-src`.
    pub api_origins: Vec<String>,
    /// `frame-ancestors` sources of the portal's CSP (`--frame-ancestors`); `'none'` by default.
    pub frame_ancestors: String,
    /// The rest of the static files' CSP (`--csp`, `ITCARE_SIM_CSP`), [`DEFAULT_CSP`] by default;
    /// empty sends only `frame-ancestors` (for pages that need inline scripts).
    pub csp: String,
    /// How long a connection may take to send a request's head, and may stay idle between
    /// requests, before it is closed (10 s).
    pub header_timeout: Duration,
    /// How long a request may take once its head arrived (body included, injected latency
    /// excluded) before it gets 408 (30 s).
    pub request_timeout: Duration,
    /// Connections served at once; more wait in the listen backlog
    /// ([`DEFAULT_MAX_CONNECTIONS`], `ITCARE_SIM_MAX_CONNECTIONS`; at most what the
    /// file-descriptor limit leaves room for).
    pub max_connections: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8080,
            www: None,
            pkg: None,
            seed: true,
            client_id: DEFAULT_CLIENT_ID.into(),
            client_secret: DEFAULT_CLIENT_SECRET.into(),
            action_ms: itcare_sim_core::DEFAULT_ACTION_MS,
            token_ttl_secs: 1200,
            refresh_ttl_secs: 7200,
            faults: Faults::default(),
            clock: Clock::System,
            control_origins: Vec::new(),
            allow_hosts: Vec::new(),
            api_origins: Vec::new(),
            frame_ancestors: "'none'".into(),
            csp: DEFAULT_CSP.into(),
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

impl Config {
    /// A configuration for in-process tests: a free port, no seed, fast actions (50 ms).
    pub fn for_tests() -> Config {
        Config {
            port: 0,
            seed: false,
            action_ms: 50,
            ..Config::default()
        }
    }

    /// Applies the environment (`PORT`, `ITCARE_SIM_*`) over the defaults.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let mut c = Config::default();
        let num = |name: &str| -> Result<Option<u64>, String> {
            match get(name) {
                Some(v) if !v.trim().is_empty() => v
                    .trim()
                    .parse::<u64>()
                    .map(Some)
                    .map_err(|_| format!("{name}: not a number: {v}")),
                _ => Ok(None),
            }
        };
        if let Some(p) = num("PORT")? {
            c.port = u16::try_from(p).map_err(|_| format!("PORT out of range: {p}"))?;
        }
        if let Some(v) = num("ITCARE_SIM_ACTION_MS")? {
            c.action_ms = v;
        }
        if let Some(v) = num("ITCARE_SIM_TOKEN_TTL")? {
            c.token_ttl_secs = v;
        }
        if let Some(v) = num("ITCARE_SIM_REFRESH_TTL")? {
            c.refresh_ttl_secs = v;
        }
        if let Some(v) = get("ITCARE_SIM_CLIENT_ID").filter(|v| !v.is_empty()) {
            c.client_id = v;
        }
        if let Some(v) = get("ITCARE_SIM_CLIENT_SECRET").filter(|v| !v.is_empty()) {
            c.client_secret = v;
        }
        if let Some(v) = num("ITCARE_SIM_MAX_CONNECTIONS")? {
            c.max_connections = usize::try_from(v).unwrap_or(usize::MAX).max(1);
        }
        if let Some(v) = num("ITCARE_SIM_HEADER_TIMEOUT_MS")? {
            c.header_timeout = Duration::from_millis(v.max(1));
        }
        let list = |v: String| -> Vec<String> {
            v.split([',', ' '])
                .filter(|o| !o.is_empty())
                .map(str::to_string)
                .collect()
        };
        if let Some(v) = get("ITCARE_SIM_ALLOW_ORIGINS") {
            c.control_origins = list(v);
        }
        if let Some(v) = get("ITCARE_SIM_ALLOW_HOSTS") {
            c.allow_hosts = list(v);
        }
        if let Some(v) = get("ITCARE_SIM_API_ORIGINS") {
            c.api_origins = list(v);
        }
        if let Some(v) = get("ITCARE_SIM_FRAME_ANCESTORS").filter(|v| !v.trim().is_empty()) {
            c.frame_ancestors = v.trim().to_string();
        }
        if let Some(v) = get("ITCARE_SIM_CSP") {
            c.csp = v.trim().to_string();
        }
        c.faults = Faults::from_env(&get)?;
        c.check()?;
        Ok(c)
    }

    /// Refuses settings above their maximum (the same bounds as `PUT /_sim/config`).
    pub fn check(&self) -> Result<(), String> {
        at_most("actionMs", self.action_ms, MAX_ACTION_MS)
            .and(at_most(
                "tokenTtlSecs",
                self.token_ttl_secs,
                MAX_TOKEN_TTL_SECS,
            ))
            .and(at_most(
                "refreshTtlSecs",
                self.refresh_ttl_secs,
                MAX_REFRESH_TTL_SECS,
            ))
            .map_err(|e| e.message)?;
        // An API origin lands in a CSP header: one source each, nothing that ends a directive.
        for o in &self.api_origins {
            if o.is_empty()
                || o.contains(|c: char| {
                    c == ';' || c == ',' || c == '\'' || c.is_whitespace() || c.is_control()
                })
            {
                return Err(format!(
                    "--api-origin {o:?}: not an origin (e.g. https://api.example)"
                ));
            }
        }
        Ok(())
    }

    /// Whether `host` binds only the loopback interface (`localhost`, 127.0.0.0/8, `::1`).
    /// Anything else exposes the dev credentials and the controls to the network.
    pub fn binds_loopback_only(&self) -> bool {
        let h = self.host.trim_start_matches('[').trim_end_matches(']');
        h.eq_ignore_ascii_case("localhost")
            || h.parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// Applies command-line flags (after the environment). Returns the port file, if any.
    pub fn apply_args(&mut self, args: &[String]) -> Result<Flags, String> {
        let mut flags = Flags::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg.as_str(), None),
            };
            let mut value = |n: &str| -> Result<String, String> {
                inline
                    .clone()
                    .or_else(|| it.next().cloned())
                    .ok_or_else(|| format!("{n} needs a value"))
            };
            match name {
                "--host" => self.host = value(name)?,
                "--port" => {
                    let v = value(name)?;
                    self.port = v.parse().map_err(|_| format!("--port: not a port: {v}"))?;
                }
                "--www" => self.www = Some(PathBuf::from(value(name)?)),
                "--pkg" => self.pkg = Some(PathBuf::from(value(name)?)),
                "--port-file" => flags.port_file = Some(PathBuf::from(value(name)?)),
                "--pid-file" => flags.pid_file = Some(PathBuf::from(value(name)?)),
                "--no-seed" => self.seed = false,
                "--action-ms" => {
                    let v = value(name)?;
                    self.action_ms = v
                        .parse()
                        .map_err(|_| format!("--action-ms: not a number: {v}"))?;
                }
                "--allow-origin" => self.control_origins.push(value(name)?),
                "--allow-host" => self.allow_hosts.push(value(name)?),
                "--api-origin" => self.api_origins.push(value(name)?),
                "--frame-ancestors" => self.frame_ancestors = value(name)?,
                "--csp" => self.csp = value(name)?,
                "-h" | "--help" => flags.help = true,
                other => return Err(format!("unknown argument: {other} (try --help)")),
            }
        }
        self.check()?;
        Ok(flags)
    }
}

/// Flags that are not part of [`Config`] (they concern the process, not the server).
#[derive(Debug, Default, Clone)]
pub struct Flags {
    /// File to write the bound port number to once listening.
    pub port_file: Option<PathBuf>,
    /// File to write the process id to once listening.
    pub pid_file: Option<PathBuf>,
    /// `--help` was given.
    pub help: bool,
}

/// The `--help` text.
pub const USAGE: &str = "\
itcare-sim: local simulator of the cegedim.cloud ITCare PostgreSQL API

usage: itcare-sim [--host 127.0.0.1] [--port 8080] [--www DIR] [--pkg DIR]
                  [--port-file FILE] [--pid-file FILE] [--no-seed] [--action-ms MS]
                  [--allow-origin ORIGIN]... [--allow-host NAME]... [--api-origin ORIGIN]...
                  [--frame-ancestors LIST] [--csp POLICY]

  --host HOST        interface to bind (default 127.0.0.1; anything else prints a warning:
                     the dev credentials and /_sim/ controls are then reachable by others)
  --port PORT        port (default $PORT or 8080; 0 picks a free port)
  --www DIR          serve DIR at /  (the portal)
  --pkg DIR          serve DIR at /pkg/  (the built package; .wasm as application/wasm)
  --port-file FILE   write the bound port to FILE once listening
  --pid-file FILE    write the process id to FILE once listening
  --no-seed          start with no instances (also: POST /_sim/reset {\"seed\":false})
  --action-ms MS     how long actions stay IN_PROGRESS (default $ITCARE_SIM_ACTION_MS or 3000;
                     at most 3600000)
  --allow-origin O   a browser origin allowed besides the simulator's own (and, on the API and
                     token endpoint, loopback pages on any port), exact or with any port
                     (https://app.example:*); repeatable. Other pages get no CORS and a 403
  --allow-host NAME  a Host name answered besides localhost, IP addresses and --host (e.g. a
                     container's service name); other names get 403 (DNS rebinding); repeatable
  --api-origin O     an API origin the served portal may connect to besides its own (added to
                     the CSP's connect-src); repeatable
  --frame-ancestors L  who may frame the served pages (CSP frame-ancestors; default 'none')
  --csp POLICY       the served pages' Content-Security-Policy (frame-ancestors added);
                     '' sends only frame-ancestors

environment: PORT, ITCARE_SIM_CLIENT_ID, ITCARE_SIM_CLIENT_SECRET, ITCARE_SIM_ACTION_MS,
  ITCARE_SIM_TOKEN_TTL, ITCARE_SIM_REFRESH_TTL, ITCARE_SIM_ALLOW_ORIGINS, ITCARE_SIM_ALLOW_HOSTS,
  ITCARE_SIM_API_ORIGINS, ITCARE_SIM_FRAME_ANCESTORS, ITCARE_SIM_CSP, ITCARE_SIM_MAX_CONNECTIONS, ITCARE_SIM_HEADER_TIMEOUT_MS, fault variables (ITCARE_SIM_FAULTS,
  ITCARE_SIM_LATENCY_MS, ITCARE_SIM_RATE_500, ITCARE_SIM_RATE_503, ITCARE_SIM_RATE_429,
  ITCARE_SIM_RETRY_AFTER, ITCARE_SIM_DROP_RATE, ITCARE_SIM_ACTION_ERROR_RATE,
  ITCARE_SIM_FAULT_SEED, ITCARE_SIM_HOSTILE_TEXT). See sim/README.md.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_then_flags() {
        let env = |k: &str| match k {
            "PORT" => Some("9000".to_string()),
            "ITCARE_SIM_CLIENT_ID" => Some("me".to_string()),
            "ITCARE_SIM_TOKEN_TTL" => Some("60".to_string()),
            _ => None,
        };
        let mut c = Config::from_env(env).unwrap();
        assert_eq!(
            (c.port, c.client_id.as_str(), c.token_ttl_secs),
            (9000, "me", 60)
        );
        let args: Vec<String> = ["--port=0", "--no-seed", "--www", "w", "--port-file", "pf"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let flags = c.apply_args(&args).unwrap();
        assert_eq!(c.port, 0);
        assert!(!c.seed);
        assert_eq!(c.www, Some(PathBuf::from("w")));
        assert_eq!(flags.port_file, Some(PathBuf::from("pf")));
        assert!(c.apply_args(&["--port".to_string()]).is_err());
        assert!(c.apply_args(&["--bogus".to_string()]).is_err());
        assert!(Config::from_env(|k| (k == "PORT").then(|| "70000".to_string())).is_err());
    }
}
