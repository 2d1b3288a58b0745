//! Requests and answers as plain data: what the axum server and the wasm mock hand to the core
//! and get back. No HTTP library here; header names are compared case-insensitively.

use itcare_postgresql::models::ApiErrorBody;
use serde::Serialize;

/// One request as the core sees it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`, `POST`... (compared case-sensitively, as HTTP methods are).
    pub method: String,
    /// Path and query, e.g. `/itcare/actions?resourceId=1` (no scheme or host).
    pub target: String,
    /// Header pairs; names in any case.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty when none).
    pub body: Vec<u8>,
}

impl Request {
    /// A request without headers or body.
    pub fn new(method: &str, target: &str) -> Request {
        Request {
            method: method.to_string(),
            target: target.to_string(),
            ..Request::default()
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Request {
        self.body = body.into();
        self
    }

    /// The path (before `?`).
    pub fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or_default()
    }

    /// The raw query (after `?`), if any.
    pub fn query(&self) -> Option<&str> {
        let q = self.target.split('#').next()?;
        q.split_once('?').map(|(_, q)| q)
    }

    /// The first value of header `name`.
    pub fn get_header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header pairs (lowercase names).
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// An answer with an empty body (T5: 401/403/404/409/422/500/503 bodies are empty).
    pub fn empty(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A JSON answer (`application/json`).
    pub fn json<T: Serialize>(status: u16, body: &T) -> Response {
        match serde_json::to_vec(body) {
            Ok(bytes) => Response {
                status,
                headers: vec![("content-type".into(), "application/json".into())],
                body: bytes,
            },
            Err(_) => Response::empty(500),
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the body is JSON.
    pub fn is_json(&self) -> bool {
        self.header("content-type")
            .is_some_and(|t| t.starts_with("application/json"))
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// T6 body with `errorCode` `INVALID_FIELD_VALUE` naming `field`: `errorMessage` is
/// `Error on field '<field>'`, followed by `: ` and `hint` when there is one (what would be
/// accepted), so a refusal says how to fix it.
pub fn invalid_field(field: &str, hint: Option<&str>) -> Response {
    let mut message = format!("Error on field '{field}'");
    if let Some(h) = hint {
        message.push_str(": ");
        message.push_str(h);
    }
    t6(400, "BAD_REQUEST", "INVALID_FIELD_VALUE", field, &message)
}

/// A T6 body with any status (the server also uses it for its own refusals such as 413).
pub fn t6(status: u16, status_text: &str, code: &str, desc: &str, message: &str) -> Response {
    Response::json(
        status,
        &ApiErrorBody {
            status: Some(status_text.to_string()),
            error_code: Some(code.to_string()),
            error_desc: Some(desc.to_string()),
            error_message: Some(message.to_string()),
        },
    )
}

/// 400 for a body that is not JSON (or not an object): T6 shape, `errorDesc` `body`.
pub fn malformed(detail: &str) -> Response {
    t6(
        400,
        "BAD_REQUEST",
        "MALFORMED_REQUEST",
        "body",
        &format!("Malformed JSON request: {detail}"),
    )
}

/// What the core decided for one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// Fault `latencyMs` plus the matching rule's `delayMs`: wait this long before answering
    /// (the server sleeps; the mock moves its virtual clock).
    pub delay_ms: u64,
    /// The answer, or `None` when the connection must close without one (faults `drop` and
    /// `dropAfter`; the mock's `fetch` rejects as a network error).
    pub response: Option<Response>,
}
