//! Simulator controls under `/_sim/` (never under `/itcare`, no auth, never faulted): reset,
//! faults, run-time settings, dev sign-in, token expiry, catalog.

// Early returns carry the finished HTTP answer; boxing it would only add noise off any hot path.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use itcare_sim_core::faults::at_most;
use itcare_sim_core::{Faults, Runtime};

use crate::config::{Config, MAX_ACTION_MS, MAX_REFRESH_TTL_SECS, MAX_TOKEN_TTL_SECS};
use crate::server::App;

/// Routes of the controls.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/_sim/reset", post(reset))
        .route("/_sim/faults", get(get_faults).put(put_faults))
        .route("/_sim/config", get(get_config).put(put_config))
        .route("/_sim/dev-token", post(dev_token))
        .route("/_sim/expire-tokens", post(expire_tokens))
        .route("/_sim/catalog", get(catalog))
        .route("/_sim/finish-actions", post(finish_actions))
}

/// A refused control call: 400 in the T6 shape of the API, naming the field and saying what is
/// accepted.
fn bad(field: &str, msg: impl Into<String>) -> Response {
    crate::refusal::invalid(field, msg.into())
}

/// Parses an optional JSON body: empty means `T::default()`.
fn body<T: DeserializeOwned + Default>(bytes: &Bytes) -> Result<T, Response> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(bytes).map_err(|e| bad("body", format!("invalid JSON body: {e}")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ResetBody {
    /// Reseed the demo data; the start-up choice (`--no-seed`) when absent.
    seed: Option<bool>,
}

/// `POST /_sim/reset [{"seed": bool}]`: empties instances and actions (reseeding when asked or
/// when the simulator started seeded), puts faults and settings back to their start-up values.
/// Issued tokens stay valid.
async fn reset(State(app): State<Arc<App>>, bytes: Bytes) -> Response {
    let b: ResetBody = match body(&bytes) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let now = app.now();
    let (seed, instances) = app.lock().reset(b.seed, now);
    Json(serde_json::json!({ "seeded": seed, "instances": instances })).into_response()
}

async fn get_faults(State(app): State<Arc<App>>) -> Response {
    Json(app.lock().faults.clone()).into_response()
}

/// `PUT /_sim/faults`: replaces the whole fault configuration (absent fields are off).
async fn put_faults(State(app): State<Arc<App>>, bytes: Bytes) -> Response {
    let f: Faults = match body(&bytes) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if let Err(e) = app.lock().set_faults(f.clone()) {
        return bad(&e.field, e.message);
    }
    Json(f).into_response()
}

/// Run-time settings as `/_sim/config` shows them.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    action_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token_ttl_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_ttl_secs: Option<u64>,
}

fn show(r: Runtime) -> ConfigBody {
    ConfigBody {
        action_ms: Some(r.action_ms),
        token_ttl_secs: Some(r.token_ttl_secs),
        refresh_ttl_secs: Some(r.refresh_ttl_secs),
    }
}

async fn get_config(State(app): State<Arc<App>>) -> Response {
    Json(show(app.lock().runtime)).into_response()
}

/// `PUT /_sim/config {"actionMs"?, "tokenTtlSecs"?, "refreshTtlSecs"?}`: changes the given settings.
async fn put_config(State(app): State<Arc<App>>, bytes: Bytes) -> Response {
    let c: ConfigBody = match body(&bytes) {
        Ok(c) => c,
        Err(r) => return r,
    };
    for (field, value, max) in [
        ("actionMs", c.action_ms, MAX_ACTION_MS),
        ("tokenTtlSecs", c.token_ttl_secs, MAX_TOKEN_TTL_SECS),
        ("refreshTtlSecs", c.refresh_ttl_secs, MAX_REFRESH_TTL_SECS),
    ] {
        if let Err(e) = at_most(field, value.unwrap_or(0), max) {
            return bad(&e.field, e.message);
        }
    }
    let mut inner = app.lock();
    let rt = &mut inner.runtime;
    if let Some(v) = c.action_ms {
        rt.action_ms = v;
    }
    if let Some(v) = c.token_ttl_secs {
        rt.token_ttl_secs = v;
    }
    if let Some(v) = c.refresh_ttl_secs {
        rt.refresh_ttl_secs = v;
    }
    Json(show(*rt)).into_response()
}

/// `POST /_sim/dev-token`: the portal's one-click dev sign-in; the token JSON of T3 without
/// client credentials. Simulator only: a real deployment never hands tokens out like this.
async fn dev_token(State(app): State<Arc<App>>) -> Response {
    let now = app.now();
    let r = app.lock().issue_token(now);
    crate::server::to_axum(r)
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ExpireBody {
    /// Expire the refresh tokens too.
    #[serde(default)]
    refresh: bool,
}

/// `POST /_sim/expire-tokens [{"refresh": true}]`: every access token issued so far gets 401
/// from now on (refresh tokens stay usable unless `refresh`), to test a client's 401 -> refresh.
async fn expire_tokens(State(app): State<Arc<App>>, bytes: Bytes) -> Response {
    let b: ExpireBody = match body(&bytes) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let now = app.now();
    app.lock().expire_tokens(now, b.refresh);
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /_sim/catalog`: the services, networks, areas and products a create form can offer.
async fn catalog() -> Response {
    Json(itcare_sim_core::catalog::catalog()).into_response()
}

/// `POST /_sim/finish-actions`: every action in progress completes now (with its change), so a
/// test can check the in-progress state with a long `actionMs` and then move on without sleeping.
async fn finish_actions(State(app): State<Arc<App>>) -> Response {
    let now = app.now();
    let n = app.lock().finish_actions(now);
    Json(serde_json::json!({ "finished": n })).into_response()
}

// ---------------------------------------------------------------------------------------------
// Who may call the controls

/// Whether `host` (a `Host` header's name part) can only be reached on purpose: `localhost`
/// (and `*.localhost`), an IP literal, or the name the simulator was told to bind. A page on
/// another name that rebinds its DNS to 127.0.0.1 arrives with its own name in `Host` and
/// `Origin`, which then match each other; this check is what refuses it.
fn trusted_host_name(name: &str, config: &Config) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::IpAddr>().is_ok()
        || name.eq_ignore_ascii_case(&config.host)
}

/// The name part of a `Host` header value (`[::1]:8080` → `::1`, `localhost:8080` → `localhost`).
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// Whether an origin from `--allow-origin` / `ITCARE_SIM_ALLOW_ORIGINS` matches: exactly, or
/// `scheme://host:*` for any port of that host.
fn listed(origin: &str, allowed: &str) -> bool {
    match allowed.strip_suffix('*') {
        Some(prefix) if prefix.ends_with(':') => {
            origin
                .get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
                && origin.get(prefix.len()..).is_some_and(|port| {
                    !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())
                })
        }
        _ => origin.eq_ignore_ascii_case(allowed),
    }
}

/// Whether a browser page of `origin` may call the controls: the simulator's own origin (the
/// portal it serves; `Origin` is `http://` + `Host`, on a trusted host name) or one listed by the
/// deployer. Tools that send no `Origin` (curl, Node, the tests) never reach this check.
pub fn origin_allowed(origin: &str, host: Option<&str>, config: &Config) -> bool {
    if config.control_origins.iter().any(|a| listed(origin, a)) {
        return true;
    }
    let Some(host) = host else {
        return false;
    };
    let own = ["http://", "https://"].iter().any(|scheme| {
        origin
            .strip_prefix(scheme)
            .is_some_and(|rest| rest.eq_ignore_ascii_case(host))
    });
    own && trusted_host_name(host_name(host), config)
}

/// Whether the request is a control call (`/_sim/...`).
pub fn is_control(path: &str) -> bool {
    path.starts_with("/_sim/")
}

/// Middleware: a control call from a foreign browser page is refused (403 T6, and the CORS
/// layer adds no header for it), so a page a developer happens to visit cannot mint tokens,
/// reset the world or inject faults.
pub async fn origin_guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if is_control(req.uri().path()) {
        if let Some(origin) = req.headers().get(header::ORIGIN) {
            let host = req
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok());
            let ok = origin
                .to_str()
                .is_ok_and(|o| origin_allowed(o, host, &app.startup));
            if !ok {
                return crate::refusal::t6(
                    StatusCode::FORBIDDEN,
                    "FORBIDDEN_ORIGIN",
                    "Origin",
                    "The simulator's controls answer only its own pages and the origins given \
                     with --allow-origin / ITCARE_SIM_ALLOW_ORIGINS"
                        .to_string(),
                );
            }
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_origin_on_a_trusted_name_or_a_listed_one() {
        let mut c = Config::default();
        let ok = |o: &str, h: &str, c: &Config| origin_allowed(o, Some(h), c);
        assert!(ok("http://127.0.0.1:8080", "127.0.0.1:8080", &c));
        assert!(ok("http://localhost:8080", "localhost:8080", &c));
        assert!(ok("http://[::1]:8080", "[::1]:8080", &c));
        assert!(!ok("http://127.0.0.1:9999", "127.0.0.1:8080", &c));
        assert!(!ok("https://evil.example", "127.0.0.1:8080", &c));
        assert!(!ok("null", "127.0.0.1:8080", &c));
        // DNS rebinding: the names match each other but the name is not ours.
        assert!(!ok("http://evil.example:8080", "evil.example:8080", &c));
        assert!(!origin_allowed("http://127.0.0.1:8080", None, &c));
        c.host = "devbox.lan".into();
        assert!(ok("http://devbox.lan:8080", "devbox.lan:8080", &c));
        c.control_origins = vec!["http://127.0.0.1:*".into(), "https://app.example".into()];
        assert!(ok("http://127.0.0.1:41234", "127.0.0.1:8080", &c));
        assert!(!ok("http://127.0.0.1:", "127.0.0.1:8080", &c));
        assert!(!ok("http://127.0.0.1:1x", "127.0.0.1:8080", &c));
        assert!(ok("https://APP.example", "127.0.0.1:8080", &c));
        assert!(!ok("https://app.example.evil", "127.0.0.1:8080", &c));
    }
}
