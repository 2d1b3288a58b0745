//! One shape for every refusal the HTTP layer makes (T6): the API's own error body
//! `{"status", "errorCode", "errorDesc", "errorMessage"}` instead of axum's `text/plain` or empty
//! answers, so a client reads a 405, 413, 415, an unknown path or a refused control call the way
//! it reads a 400 of the API. The answers T5 documents as usually empty stay empty: 401 (T2),
//! 403 of a forbidden service, 404 of an unknown instance or action, 409, 422, and the injected
//! faults.

use axum::body::to_bytes;
use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use itcare_postgresql::models::ApiErrorBody;

/// Largest request body (axum's default limit, kept): 2 MB.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// A T6 body with `status` spelled as the API spells it (`BAD_REQUEST`, `NOT_FOUND`, ...).
pub fn t6(code: StatusCode, error_code: &str, desc: &str, message: String) -> Response {
    let status = code
        .canonical_reason()
        .unwrap_or("ERROR")
        .to_ascii_uppercase()
        .replace([' ', '-'], "_");
    let body = ApiErrorBody {
        status: Some(status),
        error_code: Some(error_code.to_string()),
        error_desc: Some(desc.to_string()),
        error_message: Some(message),
    };
    match serde_json::to_vec(&body) {
        Ok(bytes) => (
            code,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            bytes,
        )
            .into_response(),
        Err(_) => code.into_response(),
    }
}

/// 400 T6 `INVALID_FIELD_VALUE` naming `field` with a message saying what is accepted.
pub fn invalid(field: &str, message: String) -> Response {
    t6(
        StatusCode::BAD_REQUEST,
        "INVALID_FIELD_VALUE",
        field,
        message,
    )
}

/// Whether the path belongs to the API, the token endpoint or the controls (static files keep
/// their plain answers).
fn is_api(path: &str) -> bool {
    path == "/itcare"
        || path.starts_with("/itcare/")
        || path.starts_with("/auth/")
        || path.starts_with("/_sim/")
}

/// At most `max` characters of `s` (for echoing a path in a message).
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Middleware: rewrites the framework's refusals under the API paths into T6 bodies.
pub async fn t6_refusals(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !is_api(&path) {
        return next.run(req).await;
    }
    let method = req.method().clone();
    // No matched route (the fallback): the path itself is unknown. (Under `/itcare` the core
    // routes and answers its own unknown paths with the T6 body.)
    let route_miss = req.extensions().get::<MatchedPath>().is_none();
    let resp = next.run(req).await;
    let code = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if is_json {
        return resp;
    }
    let allow = resp.headers().get(header::ALLOW).cloned();
    let mut out = match code {
        StatusCode::NOT_FOUND if route_miss => t6(
            code,
            "NOT_FOUND",
            "path",
            format!("No endpoint {method} {}", clip(&path, 200)),
        ),
        // The methods accepted are in `Allow` (added by the router around this layer).
        StatusCode::METHOD_NOT_ALLOWED => t6(
            code,
            "METHOD_NOT_ALLOWED",
            "method",
            format!(
                "Method {method} is not allowed on {} (Allow lists the accepted ones)",
                clip(&path, 200)
            ),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => t6(
            code,
            "PAYLOAD_TOO_LARGE",
            "body",
            format!("Request body over {MAX_BODY_BYTES} bytes (2 MB)"),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => t6(
            code,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type",
            "Content-Type must be application/vnd.cegedim-it.v1+json or application/json (T4)"
                .to_string(),
        ),
        // axum's extractor rejections (e.g. a path that is not UTF-8): text/plain, say why.
        StatusCode::BAD_REQUEST => {
            let (_, body) = resp.into_parts();
            let text = to_bytes(body, 4096).await.unwrap_or_default();
            let text = String::from_utf8_lossy(&text);
            t6(
                code,
                "MALFORMED_REQUEST",
                "request",
                format!("Malformed request: {}", clip(text.trim(), 200)),
            )
        }
        StatusCode::REQUEST_TIMEOUT => t6(
            code,
            "REQUEST_TIMEOUT",
            "body",
            "The request body did not arrive in time".to_string(),
        ),
        _ => return resp,
    };
    // RFC 9110: a 405 keeps its `Allow`.
    if let Some(allow) = allow {
        out.headers_mut().insert(header::ALLOW, allow);
    }
    out
}
