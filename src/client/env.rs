//! What the host supplies to the client core: one HTTP exchange, a clock, a timer, a random
//! source and the user's token provider. The wasm package implements it once over gloo-net,
//! `setTimeout`, `Date.now`, `Math.random` and the JS callbacks (`src/wasm/client.rs`); the native
//! tests implement it with a scripted server and a virtual clock (`tests/client_policy.rs`).
//!
//! Every loop and decision stays in the core ([`super::Client`]); an environment only performs.

use super::error::ClientError;
use super::request::HttpRequest;

/// One HTTP answer, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Body text (empty when there was none).
    pub body: String,
    /// Raw `Retry-After` header, when present.
    pub retry_after: Option<String>,
}

/// What a hook sees of one HTTP exchange (the JS `hooks` option): never a header, a body or a
/// query value, so never a token, a secret or a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange<'a> {
    /// `GET`, `POST`, `PATCH`, `DELETE`.
    pub method: &'static str,
    /// The URL path, without query.
    pub path: &'a str,
    /// 1 for the first attempt of this request, 2 for its first retry…
    pub attempt: u32,
    /// The answer's status (`afterResponse` only; `None` when no answer came).
    pub status: Option<u16>,
    /// Milliseconds from sending to the answer or the failure (`afterResponse` only).
    pub duration_ms: u64,
    /// The error code when no answer came (`network_error`, `request_timeout`, `aborted`).
    pub error: Option<&'static str>,
}

/// The host's side of the client. `async fn` in a trait without `Send` bounds on purpose: the
/// wasm host is single-threaded and its futures hold JS values.
#[allow(async_fn_in_trait)]
pub trait Env {
    /// Sends one request and waits for the whole answer, at most `timeout_ms`. Failures:
    /// `Network` (with [`super::Sent`]: whether it may have reached the server),
    /// `Timeout { code: "request_timeout" }`, `Abort` when the call's signal fired, and the
    /// answers the host refuses to read ([`super::response_too_large`] with the answer's real
    /// status, [`super::redirect_refused`]: a redirect is never followed, nor processed).
    async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u64,
    ) -> Result<HttpResponse, ClientError>;

    /// Waits `ms`; fails with `Abort` as soon as the call's signal fires.
    async fn sleep(&self, ms: u64) -> Result<(), ClientError>;

    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> i64;

    /// Uniform in `[0, 1)`.
    fn random(&self) -> f64;

    /// Whether the call's signal has fired.
    fn aborted(&self) -> bool;

    /// A token from the user's `tokenProvider` (only asked when the client was built with one).
    async fn provide_token(&self, force_refresh: bool) -> Result<String, ClientError>;

    /// Called before each HTTP request (`hooks.beforeRequest`).
    fn before_request(&self, _exchange: &Exchange<'_>) {}

    /// Called after each HTTP answer or transport failure (`hooks.afterResponse`).
    fn after_response(&self, _exchange: &Exchange<'_>) {}
}

impl Exchange<'_> {
    /// What the JS hook receives: `{method, path, attempt}`, and after the exchange also
    /// `durationMs` and `status` or `error`.
    pub fn to_json(&self, after: bool) -> serde_json::Value {
        let mut o = serde_json::Map::new();
        o.insert("method".into(), self.method.into());
        o.insert("path".into(), self.path.into());
        o.insert("attempt".into(), self.attempt.into());
        if after {
            o.insert("durationMs".into(), self.duration_ms.into());
            if let Some(s) = self.status {
                o.insert("status".into(), s.into());
            }
            if let Some(e) = self.error {
                o.insert("error".into(), e.into());
            }
        }
        serde_json::Value::Object(o)
    }
}

/// Why an exchange got no answer (as the host saw it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAnswer {
    /// The call's signal fired.
    Aborted,
    /// The request's own timeout fired.
    TimedOut,
    /// The connection failed or was lost.
    Lost(super::Sent),
}

/// The error of a request that got no answer. Names the method and the URL without its query,
/// never a header (the token).
pub fn no_answer(request: &HttpRequest, why: NoAnswer, timeout_ms: u64) -> ClientError {
    let url = request.url.split('?').next().unwrap_or_default();
    let what = format!("{} {url}", request.method.as_str());
    match why {
        NoAnswer::Aborted => ClientError::aborted(),
        NoAnswer::TimedOut => ClientError::Timeout {
            code: "request_timeout",
            message: format!("{what} got no answer within {timeout_ms} ms"),
            action: None,
        },
        NoAnswer::Lost(sent) => ClientError::Network {
            code: "network_error",
            message: format!(
                "{what} failed: {}",
                match sent {
                    super::Sent::No => "connection refused or host not found (not sent)",
                    super::Sent::Maybe => "connection lost, refused or blocked (CORS)",
                }
            ),
            sent,
        },
    }
}

/// Whether a `fetch` that failed may have sent the request, from its rejection's `cause`
/// (Node gives `cause.code`: a connection that never opened sent nothing; browsers give no
/// detail, so maybe). "bad port" is the fetch spec's blocked ports, refused before connecting.
pub fn sent_from_cause(code: Option<&str>, message: Option<&str>) -> super::Sent {
    const NOT_SENT: &[&str] = &[
        "ECONNREFUSED",
        "ENOTFOUND",
        "EAI_AGAIN",
        "ENETUNREACH",
        "EHOSTUNREACH",
        "UND_ERR_CONNECT_TIMEOUT",
    ];
    if code.is_some_and(|c| NOT_SENT.contains(&c)) || message == Some("bad port") {
        super::Sent::No
    } else {
        super::Sent::Maybe
    }
}
