//! OAuth2 client-credentials token cache (T3): when to reuse, refresh or ask anew.
//!
//! The decisions live here; the wasm boundary sends the token requests and shares one
//! in-flight acquisition (one JS Promise) between concurrent calls.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

use super::error::ClientError;

/// Lifetime assumed when the token answer has no `expires_in`.
const DEFAULT_TTL_MS: i64 = 300_000;
/// Longest safety margin before expiry.
const MAX_MARGIN_MS: i64 = 30_000;

/// The token endpoint's answer (T3). Its `Debug` hides the tokens. The simulator serialises
/// this same struct, so what it sends and what the client reads cannot drift.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Clone, Deserialize, Serialize)]
pub struct TokenResponse {
    /// The access token.
    pub access_token: String,
    /// Lifetime in seconds (1200 at cegedim.cloud).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "seconds"
    )]
    pub expires_in: Option<f64>,
    /// Refresh token lifetime in seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "seconds"
    )]
    pub refresh_expires_in: Option<f64>,
    /// Refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// `bearer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
}

/// Whole seconds are written as JSON integers (`1200`, as Keycloak sends them), others as is.
fn seconds<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => s.serialize_i64(*f as i64),
        Some(f) => s.serialize_f64(*f),
        None => s.serialize_none(),
    }
}

impl fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"<redacted>")
            .field("expires_in", &self.expires_in)
            .field("refresh_expires_in", &self.refresh_expires_in)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// What the cache says to do for the next call.
#[derive(Clone, PartialEq, Eq)]
pub enum TokenStep {
    /// Use this access token.
    Use(String),
    /// Ask the token endpoint with this refresh token (`grant_type=refresh_token`).
    Refresh(String),
    /// Ask for a new token (`grant_type=client_credentials`).
    Grant,
}

impl fmt::Debug for TokenStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Use(_) => "Use(<redacted>)",
            Self::Refresh(_) => "Refresh(<redacted>)",
            Self::Grant => "Grant",
        })
    }
}

#[derive(Clone)]
struct Expiring {
    value: String,
    /// Stop using it at this time (expiry minus the safety margin), ms since the epoch.
    use_until: i64,
}

/// Cached tokens. No `Debug` that prints them.
#[derive(Clone, Default)]
pub struct TokenCache {
    access: Option<Expiring>,
    refresh: Option<Expiring>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("access_until", &self.access.as_ref().map(|t| t.use_until))
            .field("refresh_until", &self.refresh.as_ref().map(|t| t.use_until))
            .finish()
    }
}

/// Safety margin for a lifetime: a tenth of it, at most 30 s, so a token is never sent in its
/// last moments (clock skew, request time).
pub fn safety_margin_ms(ttl_ms: i64) -> i64 {
    (ttl_ms / 10).clamp(0, MAX_MARGIN_MS)
}

fn expiring(value: String, ttl_s: Option<f64>, now_ms: i64) -> Expiring {
    let ttl_ms = match ttl_s {
        Some(s) if s.is_finite() && s > 0.0 => (s * 1000.0).min(1e15) as i64,
        _ => DEFAULT_TTL_MS,
    };
    Expiring {
        value,
        use_until: now_ms + ttl_ms - safety_margin_ms(ttl_ms),
    }
}

impl TokenCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The next step at `now_ms`: the access token while fresh, else the refresh token while
    /// fresh, else a new grant.
    pub fn next_step(&self, now_ms: i64) -> TokenStep {
        match (&self.access, &self.refresh) {
            (Some(a), _) if now_ms < a.use_until => TokenStep::Use(a.value.clone()),
            (_, Some(r)) if now_ms < r.use_until => TokenStep::Refresh(r.value.clone()),
            _ => TokenStep::Grant,
        }
    }

    /// Stores a token answer received at `now_ms`. A refresh answer without a new refresh
    /// token keeps the old one.
    pub fn store(&mut self, response: TokenResponse, now_ms: i64) {
        self.access = Some(expiring(response.access_token, response.expires_in, now_ms));
        if let Some(rt) = response.refresh_token {
            self.refresh = Some(expiring(rt, response.refresh_expires_in, now_ms));
        }
    }

    /// Forgets the access token (after a 401: the server no longer accepts it).
    pub fn invalidate_access(&mut self) {
        self.access = None;
    }

    /// Forgets the access token only if it is still `rejected` (after a 401 on a request sent
    /// with it): when concurrent calls all get 401 for the same old token, the first one's new
    /// token is not thrown away by the others.
    pub fn invalidate_if_current(&mut self, rejected: &str) {
        if self.access.as_ref().is_some_and(|a| a.value == rejected) {
            self.access = None;
        }
    }

    /// The tokens held (access, refresh): secrets to keep out of error messages.
    pub fn known(&self) -> impl Iterator<Item = &str> {
        [&self.access, &self.refresh]
            .into_iter()
            .flatten()
            .map(|t| t.value.as_str())
    }

    /// Forgets the refresh token (the endpoint refused it: next step is a new grant).
    pub fn invalidate_refresh(&mut self) {
        self.refresh = None;
    }
}

/// Form body of a client-credentials grant (T3).
pub fn grant_body() -> String {
    "grant_type=client_credentials".to_owned()
}

/// Form body of a refresh (T3).
pub fn refresh_body(refresh_token: &str) -> String {
    format!(
        "grant_type=refresh_token&refresh_token={}",
        super::request::encode_component(refresh_token)
    )
}

/// `Authorization: Basic base64(id:secret)` (T3).
pub fn basic_auth(client_id: &str, client_secret: &str) -> String {
    format!(
        "Basic {}",
        base64(format!("{client_id}:{client_secret}").as_bytes())
    )
}

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Reads the token endpoint's answer: 200 with a token, or an `AuthError` that names the
/// OAuth2 `error` but never echoes credentials.
pub fn interpret_token_response(status: u16, body: &str) -> Result<TokenResponse, ClientError> {
    if (200..300).contains(&status) {
        return serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .as_ref()
            .and_then(super::read_token)
            .filter(|t| !t.access_token.is_empty())
            .ok_or_else(|| ClientError::Auth {
                code: "token_request_failed",
                message: format!(
                    "the token endpoint answered HTTP {status} without an access token"
                ),
                status: Some(status),
            });
    }
    let detail = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .as_ref()
        .and_then(super::read_oauth_error)
        .and_then(|e| match e {
            (Some(c), Some(d)) => Some(format!(": {c} ({d})")),
            (Some(c), None) => Some(format!(": {c}")),
            (None, Some(d)) => Some(format!(": {d}")),
            _ => None,
        })
        .unwrap_or_default();
    Err(ClientError::Auth {
        code: "token_request_failed",
        message: format!("the token endpoint refused the credentials (HTTP {status}){detail}"),
        status: Some(status),
    })
}
