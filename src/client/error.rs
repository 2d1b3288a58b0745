//! The client's one error type and the mapping from HTTP answers to it (T5, T6).

use std::fmt;

use crate::models::{Action, ApiErrorBody};
use crate::validate::ValidationIssue;

/// What a server said in a failed HTTP answer: the status (T5) and, when the body is the T6
/// error object, its fields. `body` keeps the raw text (never a token: bodies come from the API).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HttpDetails {
    /// HTTP status code.
    pub status: u16,
    /// T6 `errorCode`, e.g. `INVALID_FIELD_VALUE`.
    pub error_code: Option<String>,
    /// T6 `errorDesc` as sent (names the offending field).
    pub error_desc: Option<String>,
    /// The field path `errorDesc` names, when it looks like one (`name`, `options.sizing`).
    pub path: Option<String>,
    /// T6 `errorMessage`.
    pub error_message: Option<String>,
    /// The raw body, when there was one.
    pub body: Option<String>,
    /// `Retry-After` in milliseconds, when the answer had one (429, 503).
    pub retry_after_ms: Option<u64>,
}

/// Whether a request that failed in transit may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Certainly not sent (e.g. connection refused, bad URL): safe to retry any method.
    No,
    /// May have been sent and processed (connection lost, timeout): only idempotent reads are
    /// retried blindly.
    Maybe,
}

/// Every failure of the client. Each variant maps to one JS error `name`; `code()` is a stable
/// machine-readable string.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum ClientError {
    /// The request breaks C*/O* rules; nothing was sent.
    Validation {
        /// Every broken rule.
        issues: Vec<ValidationIssue>,
    },
    /// The API refused or failed (400, 422, 5xx, an unexpected status) or answered something
    /// that is not the JSON it should be (`code` `invalid_response`).
    Api {
        /// Stable code (see [`ClientError::code`]).
        code: &'static str,
        /// What happened, for a person.
        message: String,
        /// Status and T6 body.
        http: Box<HttpDetails>,
    },
    /// Authentication failed: 401/403 (T2), the token endpoint refused (T3), or credentials are
    /// missing or refused in a browser.
    Auth {
        /// Stable code.
        code: &'static str,
        /// What happened, for a person (never a token or secret).
        message: String,
        /// HTTP status when an answer caused it.
        status: Option<u16>,
    },
    /// 404.
    NotFound {
        /// What happened, for a person.
        message: String,
        /// Status and body.
        http: Box<HttpDetails>,
    },
    /// 409, or a create whose outcome is unknown while an instance of that name exists.
    Conflict {
        /// Stable code.
        code: &'static str,
        /// What happened, for a person.
        message: String,
        /// Status and body, when an answer caused it.
        http: Option<Box<HttpDetails>>,
    },
    /// 429 that could not be absorbed within the retry budget.
    RateLimit {
        /// What happened, for a person.
        message: String,
        /// Status and body.
        http: Box<HttpDetails>,
        /// What `Retry-After` asked for, in milliseconds.
        retry_after_ms: Option<u64>,
    },
    /// The request failed in transit (no HTTP answer).
    Network {
        /// Stable code.
        code: &'static str,
        /// What happened, for a person.
        message: String,
        /// Whether it may have reached the server.
        sent: Sent,
    },
    /// A request or a waiter ran out of time.
    Timeout {
        /// Stable code: `request_timeout` or `wait_timeout`.
        code: &'static str,
        /// What happened, for a person.
        message: String,
        /// The last Action a waiter saw.
        action: Option<Box<Action>>,
    },
    /// The caller's `AbortSignal` fired.
    Abort {
        /// What happened, for a person.
        message: String,
    },
    /// The awaited Action ended in `ERROR` (A2).
    ActionFailed {
        /// What happened, for a person (the Action's `message`).
        message: String,
        /// The failed Action.
        action: Box<Action>,
    },
}

impl ClientError {
    /// The JS error `name`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Validation { .. } => "ValidationError",
            Self::Api { .. } => "ApiError",
            Self::Auth { .. } => "AuthError",
            Self::NotFound { .. } => "NotFoundError",
            Self::Conflict { .. } => "ConflictError",
            Self::RateLimit { .. } => "RateLimitError",
            Self::Network { .. } => "NetworkError",
            Self::Timeout { .. } => "TimeoutError",
            Self::Abort { .. } => "AbortError",
            Self::ActionFailed { .. } => "ActionFailedError",
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation { .. } => "validation_failed",
            Self::Api { code, .. }
            | Self::Auth { code, .. }
            | Self::Conflict { code, .. }
            | Self::Network { code, .. }
            | Self::Timeout { code, .. } => code,
            Self::NotFound { .. } => "not_found",
            Self::RateLimit { .. } => "rate_limited",
            Self::Abort { .. } => "aborted",
            Self::ActionFailed { .. } => "action_failed",
        }
    }

    /// The HTTP status that caused the error, if any.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { http, .. } | Self::NotFound { http, .. } | Self::RateLimit { http, .. } => {
                Some(http.status)
            }
            Self::Conflict { http, .. } => http.as_ref().map(|h| h.status),
            Self::Auth { status, .. } => *status,
            _ => None,
        }
    }

    /// HTTP details (status, T6 fields, raw body), if an answer caused the error.
    pub fn http(&self) -> Option<&HttpDetails> {
        match self {
            Self::Api { http, .. } | Self::NotFound { http, .. } | Self::RateLimit { http, .. } => {
                Some(http)
            }
            Self::Conflict { http, .. } => http.as_deref(),
            _ => None,
        }
    }

    /// A sentence for a person.
    pub fn message(&self) -> String {
        match self {
            Self::Validation { issues } => {
                let first = issues
                    .first()
                    .map(|i| format!(": {} ({})", i.message, i.path))
                    .unwrap_or_default();
                format!("the request breaks {} rule(s){first}", issues.len())
            }
            Self::Api { message, .. }
            | Self::Auth { message, .. }
            | Self::NotFound { message, .. }
            | Self::Conflict { message, .. }
            | Self::RateLimit { message, .. }
            | Self::Network { message, .. }
            | Self::Timeout { message, .. }
            | Self::Abort { message }
            | Self::ActionFailed { message, .. } => message.clone(),
        }
    }

    /// The Action carried by `ActionFailed` and by a waiter's `Timeout`.
    pub fn action(&self) -> Option<&Action> {
        match self {
            Self::ActionFailed { action, .. } => Some(action),
            Self::Timeout { action, .. } => action.as_deref(),
            _ => None,
        }
    }

    /// An abort error.
    pub fn aborted() -> Self {
        Self::Abort {
            message: "the operation was aborted".into(),
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.message())
    }
}

impl std::error::Error for ClientError {}

/// Maps a non-2xx answer to its error (T5), reading the T6 body when there is one.
/// `retry_after` is the raw `Retry-After` header; `now_ms` resolves its HTTP-date form.
pub fn error_from_response(
    status: u16,
    body: &str,
    retry_after: Option<&str>,
    now_ms: i64,
) -> ClientError {
    let retry_after_ms = retry_after.and_then(|v| parse_retry_after(v, now_ms));
    let http = Box::new(HttpDetails {
        retry_after_ms,
        ..http_details(status, body)
    });
    let summary = |what: &str| match &http.error_message {
        Some(m) => format!("{what} (HTTP {status}): {m}"),
        None => format!("{what} (HTTP {status})"),
    };
    let api = |code: &'static str, what: &str| ClientError::Api {
        code,
        message: summary(what),
        http: http.clone(),
    };
    match status {
        400 => api("bad_request", "the API refused the request"),
        // T2: the answer is empty; the message never repeats the token.
        401 => ClientError::Auth {
            code: "unauthenticated",
            message: "missing, invalid or expired access token (HTTP 401)".into(),
            status: Some(401),
        },
        403 => ClientError::Auth {
            code: "forbidden",
            message: "the token is not allowed to do this (HTTP 403)".into(),
            status: Some(403),
        },
        404 => ClientError::NotFound {
            message: summary("not found"),
            http,
        },
        409 => ClientError::Conflict {
            code: "conflict",
            message: summary("conflict with the current state"),
            http: Some(http),
        },
        422 => api("inconsistent_data", "inconsistent data"),
        429 => ClientError::RateLimit {
            message: summary("too many requests"),
            http,
            retry_after_ms,
        },
        500 => api("server_error", "the API failed"),
        502 => api("bad_gateway", "bad gateway"),
        503 => api("unavailable", "the API is temporarily unavailable"),
        504 => api("gateway_timeout", "gateway timeout"),
        s if (400..500).contains(&s) => api("client_error", "the API refused the request"),
        s if (500..600).contains(&s) => api("server_error", "the API failed"),
        _ => api("unexpected_status", "unexpected answer"),
    }
}

/// Status plus the T6 fields of `body` when it is the error object; `errorDesc` becomes a
/// field `path` when it looks like one (T6: it names the offending field).
pub fn http_details(status: u16, body: &str) -> HttpDetails {
    let trimmed = body.trim();
    let parsed: Option<ApiErrorBody> = if trimmed.starts_with('{') {
        serde_json::from_str::<serde_json::Value>(trimmed)
            .ok()
            .as_ref()
            .and_then(super::read_error_body)
    } else {
        None
    };
    let parsed = parsed.unwrap_or_default();
    let path = parsed
        .error_desc
        .as_deref()
        .filter(|d| looks_like_field_path(d))
        .map(str::to_owned);
    HttpDetails {
        status,
        error_code: parsed.error_code,
        error_desc: parsed.error_desc,
        path,
        error_message: parsed.error_message,
        body: (!body.is_empty()).then(|| body.to_owned()),
        retry_after_ms: None,
    }
}

/// `name`, `options.sizing`, `options.extensions_list[0].name`: identifiers joined by dots,
/// with optional `[n]` indexes. A sentence is not a path.
fn looks_like_field_path(s: &str) -> bool {
    if s.is_empty() || s.len() > 200 {
        return false;
    }
    s.split('.').all(|seg| {
        let name = seg.split('[').next().unwrap_or("");
        let ident = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let indexes = seg.get(name.len()..).unwrap_or_default();
        ident
            && indexes.split_terminator(']').all(|ix| {
                ix.strip_prefix('[')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            })
            && (indexes.is_empty() || indexes.ends_with(']'))
    })
}

/// `Retry-After` as milliseconds from `now_ms`: delta-seconds (`120`) or an HTTP-date
/// (`Sun, 06 Nov 1994 08:49:37 GMT`, IMF-fixdate). A date in the past gives 0. `None` when
/// unreadable.
pub fn parse_retry_after(value: &str, now_ms: i64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
    }
    let at = parse_http_date(v)?;
    Some(u64::try_from(at.saturating_sub(now_ms)).unwrap_or(0))
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) to milliseconds since the epoch.
fn parse_http_date(v: &str) -> Option<i64> {
    let rest = super::request::after(v, ", ")?;
    let mut parts = rest.split(' ');
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let time = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() || !(1..=31).contains(&day) {
        return None;
    }
    let rfc3339 = format!("{year:04}-{month:02}-{day:02}T{time}Z");
    crate::time::parse_rfc3339(&rfc3339)
}
