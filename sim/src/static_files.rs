//! The static files (the portal at `/`, the package at `/pkg/`): compressed by `Accept-Encoding`
//! (gzip or br), revalidated on every use (`no-cache` with a weak `ETag` and `Last-Modified`),
//! served with the portal's security headers (CSP with `frame-ancestors`, `X-Frame-Options`),
//! and never redirected to another host (`GET //js` must not answer `Location: //js/`).

use std::convert::Infallible;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::{OriginalUri, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tower::{Layer, Service, ServiceExt};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use crate::config::Config;

/// Cache policy of every static file. The names are not content-hashed (`js/app.js`,
/// `pkg/index_bg.wasm`), so a long `max-age` would keep a stale module after a rebuild: the
/// browser keeps its copy but asks each time, and an unchanged file costs a 304.
pub const CACHE_CONTROL: &str = "no-cache";

/// The security headers of the served pages, built once from the configuration.
#[derive(Clone)]
struct Headers {
    csp: HeaderValue,
    frame_deny: bool,
}

impl Headers {
    fn new(config: &Config) -> Headers {
        let fa = format!("frame-ancestors {}", config.frame_ancestors.trim());
        let policy = match config.csp.trim().trim_end_matches(';') {
            "" => fa,
            p => format!("{}; {fa}", with_connect_sources(p, &config.api_origins)),
        };
        Headers {
            // A policy with a byte a header cannot hold falls back to the safest one.
            csp: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'none'")),
            frame_deny: config.frame_ancestors.trim() == "'none'",
        }
    }
}

/// `policy` with `extra` sources appended to its `connect-src` directive (a policy without one
/// is left as it is: adding the directive could allow more than its `default-src`).
fn with_connect_sources(policy: &str, extra: &[String]) -> String {
    if extra.is_empty() {
        return policy.to_string();
    }
    policy
        .split(';')
        .map(|d| {
            let d = d.trim();
            let is_connect = d
                .split_whitespace()
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case("connect-src"));
            if is_connect {
                format!("{d} {}", extra.join(" "))
            } else {
                d.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The service for `dir`: [`ServeDir`] inside the headers, the ETag check and the compression.
#[derive(Clone)]
pub struct StaticFiles {
    dir: ServeDir,
    headers: Headers,
}

/// Serves `dir` with the policy of `config`, compressed.
pub fn service(dir: &Path, config: &Config) -> tower_http::compression::Compression<StaticFiles> {
    // A missing file is a 404 (no SPA fallback: the portal routes by hash, and a missing module
    // must not come back as HTML). ServeDir guesses MIME types from the extension (.wasm ->
    // application/wasm, .js -> text/javascript, ...).
    let files = StaticFiles {
        dir: ServeDir::new(dir).append_index_html_on_directories(true),
        headers: Headers::new(config),
    };
    CompressionLayer::new().layer(files)
}

/// `//a///b` → `/a/b`: a path that starts with `//` is another host to a browser once it is
/// echoed in a `Location`.
fn collapse_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// A weak validator from what the file answer already says (size and modification time).
fn etag(headers: &HeaderMap) -> Option<HeaderValue> {
    let len = headers.get(header::CONTENT_LENGTH)?.to_str().ok()?;
    let modified = headers.get(header::LAST_MODIFIED)?.to_str().ok()?;
    let digest = modified.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    HeaderValue::from_str(&format!("W/\"{len}-{digest:x}\"")).ok()
}

/// Whether `If-None-Match` lists `tag` (weak comparison, RFC 9110 §13.1.2) or is `*`.
fn none_match(req: &HeaderMap, tag: &HeaderValue) -> bool {
    let Some(list) = req.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let ours = tag.to_str().unwrap_or_default().trim_start_matches("W/");
    list.split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == ours)
}

impl StaticFiles {
    async fn answer(self, req: Request) -> Response {
        let original = req
            .extensions()
            .get::<OriginalUri>()
            .map_or_else(|| req.uri().clone(), |o| o.0.clone());
        let (mut parts, body) = req.into_parts();
        let path = collapse_slashes(parts.uri.path());
        if path.contains('\\') {
            return StatusCode::NOT_FOUND.into_response();
        }
        let pq = match parts.uri.query() {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        parts.uri = match Uri::builder().path_and_query(pq).build() {
            Ok(u) => u,
            Err(_) => return StatusCode::BAD_REQUEST.into_response(),
        };
        let conditional = parts.headers.clone();
        let resp = match self.dir.oneshot(Request::from_parts(parts, body)).await {
            Ok(r) => r.map(Body::new),
            Err(never) => match never {},
        };
        let (mut head, body) = resp.into_parts();
        if head.status.is_redirection() {
            // ServeDir appends '/' to the path it saw (prefix stripped by nesting, slashes
            // doubled by the client): rebuild it from the whole request path, collapsed.
            let mut to = collapse_slashes(original.path());
            to.push('/');
            if let Some(q) = original.query() {
                to.push('?');
                to.push_str(q);
            }
            match HeaderValue::from_str(&to) {
                Ok(v) => {
                    head.headers.insert(header::LOCATION, v);
                }
                Err(_) => return StatusCode::NOT_FOUND.into_response(),
            }
        }
        let mut resp = Response::from_parts(head, body);
        if resp.status() == StatusCode::OK {
            if let Some(tag) = etag(resp.headers()) {
                if none_match(&conditional, &tag) {
                    let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
                    not_modified.headers_mut().insert(header::ETAG, tag);
                    resp = not_modified;
                } else {
                    resp.headers_mut().insert(header::ETAG, tag);
                }
            }
        }
        let h = resp.headers_mut();
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        );
        h.insert(header::CONTENT_SECURITY_POLICY, self.headers.csp.clone());
        if self.headers.frame_deny {
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
        resp
    }
}

impl Service<Request> for StaticFiles {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let this = self.clone();
        Box::pin(async move { Ok(this.answer(req).await) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_origins_join_connect_src_only() {
        let extra = vec![
            "https://api.example".to_string(),
            "http://127.0.0.1:*".to_string(),
        ];
        assert_eq!(
            with_connect_sources("default-src 'self'; connect-src 'self'; img-src 'self'", &extra),
            "default-src 'self'; connect-src 'self' https://api.example http://127.0.0.1:*; img-src 'self'"
        );
        assert_eq!(
            with_connect_sources("default-src 'self'", &extra),
            "default-src 'self'"
        );
        assert_eq!(
            with_connect_sources("connect-src 'self'", &[]),
            "connect-src 'self'"
        );
    }

    #[test]
    fn slashes_collapse_and_etags_compare_weakly() {
        assert_eq!(collapse_slashes("//js"), "/js");
        assert_eq!(collapse_slashes("/a///b/"), "/a/b/");
        assert_eq!(collapse_slashes(""), "/");
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_LENGTH, HeaderValue::from_static("10"));
        h.insert(
            header::LAST_MODIFIED,
            HeaderValue::from_static("Sun, 29 Nov 2026 21:23:45 GMT"),
        );
        let tag = etag(&h).unwrap();
        assert!(tag.to_str().unwrap().starts_with("W/\"10-"));
        let mut req = HeaderMap::new();
        assert!(!none_match(&req, &tag));
        req.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!(
                "\"x\", {}",
                tag.to_str().unwrap().trim_start_matches("W/")
            ))
            .unwrap(),
        );
        assert!(none_match(&req, &tag));
    }
}
