//! Simulator controls under `/_sim/` (never under `/itcare`, no auth, never faulted): reset,
//! faults, run-time settings, dev sign-in, token expiry, catalog. Who may call them (the
//! simulator's own pages and listed origins, on its own host names) is [`crate::access`].

// Early returns carry the finished HTTP answer; boxing it would only add noise off any hot path.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use itcare_sim_core::faults::at_most;
use itcare_sim_core::{Faults, Runtime};

use crate::config::{MAX_ACTION_MS, MAX_REFRESH_TTL_SECS, MAX_TOKEN_TTL_SECS};
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
