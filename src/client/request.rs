//! Request building: method, URL under the base URL (percent-encoded ids and query), headers
//! (T2, T4) and body. The wasm boundary only hands the result to `fetch`.

use std::fmt;

/// Default base URL (T1).
pub const DEFAULT_BASE_URL: &str = "https://api.cegedim.cloud/itcare";
/// Default token endpoint (T3).
pub const DEFAULT_TOKEN_URL: &str =
    "https://accounts.cegedim.cloud/auth/realms/cloud/protocol/openid-connect/token";
/// Path of the token endpoint on an origin (T3; the simulator serves it too).
pub const TOKEN_PATH: &str = "/auth/realms/cloud/protocol/openid-connect/token";
/// T4: content type of the create body.
pub const CREATE_CONTENT_TYPE: &str = "application/vnd.cegedim-it.v1+json";
/// T4: content type of the PATCH body.
pub const PATCH_CONTENT_TYPE: &str = "application/json";

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET: reads and polls; retried on transient failures.
    Get,
    /// POST: create; never retried blindly.
    Post,
    /// PATCH: operations; never retried blindly.
    Patch,
    /// DELETE: retried only when surely not sent, or on 503.
    Delete,
}

impl Method {
    /// The method as `fetch` wants it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// Filters of `GET /actions` (A3). Empty fields are left out of the query.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionFilter {
    /// Resource id.
    #[serde(default)]
    pub resource_id: Option<String>,
    /// Resource name (e.g. the instance name of a create).
    #[serde(default)]
    pub resource_name: Option<String>,
    /// Service id.
    #[serde(default)]
    pub service_id: Option<String>,
    /// Statuses, sent comma-separated.
    #[serde(default)]
    pub statuses: Option<Vec<String>>,
    /// Request id.
    #[serde(default)]
    pub request_id: Option<String>,
}

/// One API call, before the token and body are attached.
#[derive(Debug, Clone, PartialEq)]
pub enum Endpoint {
    /// `POST /databases/postgresql` (202 Action).
    CreatePostgresql,
    /// `GET /databases/postgresql/{id}`.
    GetPostgresql(String),
    /// `GET /databases/postgresql?page=&size=` (L1).
    ListPostgresql {
        /// Page number from 0.
        page: Option<u32>,
        /// Page size.
        size: Option<u32>,
    },
    /// `DELETE /databases/postgresql/{id}` (202 Action).
    DeletePostgresql(String),
    /// `PATCH /databases/postgresql/{id}` (202 Action).
    UpdatePostgresql(String),
    /// `GET /databases/postgresql/{id}/databases`.
    Databases(String),
    /// `GET /databases/postgresql/{id}/extensions`.
    Extensions(String),
    /// `GET /databases/postgresql/{id}/networks`.
    Networks(String),
    /// `GET /databases/postgresql/{id}/nodes`.
    Nodes(String),
    /// `GET /databases/postgresql/{id}/versions`.
    Versions(String),
    /// `GET /actions/{id}` (A2).
    GetAction(String),
    /// `GET /actions?...` (A3).
    ListActions(ActionFilter),
}

impl Endpoint {
    /// The HTTP method of the call.
    pub fn method(&self) -> Method {
        match self {
            Self::CreatePostgresql => Method::Post,
            Self::DeletePostgresql(_) => Method::Delete,
            Self::UpdatePostgresql(_) => Method::Patch,
            _ => Method::Get,
        }
    }

    /// Path and query under the base URL, ids and query values percent-encoded.
    pub fn path(&self) -> String {
        const ROOT: &str = "/databases/postgresql";
        let sub = |id: &str, tail: &str| format!("{ROOT}/{}{tail}", encode_component(id));
        match self {
            Self::CreatePostgresql => ROOT.to_owned(),
            Self::GetPostgresql(id) | Self::DeletePostgresql(id) | Self::UpdatePostgresql(id) => {
                sub(id, "")
            }
            Self::ListPostgresql { page, size } => {
                let mut q = Query::default();
                q.push("page", page.map(|p| p.to_string()));
                q.push("size", size.map(|s| s.to_string()));
                format!("{ROOT}{}", q.finish())
            }
            Self::Databases(id) => sub(id, "/databases"),
            Self::Extensions(id) => sub(id, "/extensions"),
            Self::Networks(id) => sub(id, "/networks"),
            Self::Nodes(id) => sub(id, "/nodes"),
            Self::Versions(id) => sub(id, "/versions"),
            Self::GetAction(id) => format!("/actions/{}", encode_component(id)),
            Self::ListActions(f) => {
                let mut q = Query::default();
                q.push("resourceId", f.resource_id.clone());
                q.push("resourceName", f.resource_name.clone());
                q.push("serviceId", f.service_id.clone());
                let statuses = f.statuses.as_ref().map(|s| {
                    let mut text = String::new();
                    for (i, status) in s.iter().enumerate() {
                        text.push_str(if i == 0 { "" } else { "," });
                        text.push_str(status);
                    }
                    text
                });
                q.push("statuses", statuses);
                q.push("requestId", f.request_id.clone());
                format!("/actions{}", q.finish())
            }
        }
    }

    /// The `Content-Type` of the body this call sends (T4), if it sends one.
    pub fn content_type(&self) -> Option<&'static str> {
        match self {
            Self::CreatePostgresql => Some(CREATE_CONTENT_TYPE),
            Self::UpdatePostgresql(_) => Some(PATCH_CONTENT_TYPE),
            _ => None,
        }
    }
}

/// A query string, `?k=v&k=v`, built by pushing (no `join`, no `format!`: less .wasm).
#[derive(Default)]
struct Query(String);

impl Query {
    fn push(&mut self, key: &str, value: Option<String>) {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            self.0.push(if self.0.is_empty() { '?' } else { '&' });
            self.0.push_str(key);
            self.0.push('=');
            self.0.push_str(&encode_component(&v));
        }
    }
    fn finish(self) -> String {
        self.0
    }
}

/// What follows the first `pat` in `s`. Written with a byte search and `str::get` on purpose:
/// `str::find(&str)`, `split_once(&str)` and `s[i..]` link core's substring searcher and the
/// panic message of a bad slice, whose `{:?}` of a char brings the Unicode printable tables
/// (docs/ARCHITECTURE.md, "Size").
pub(crate) fn after<'a>(s: &'a str, pat: &str) -> Option<&'a str> {
    let n = pat.len();
    let at = (0..=s.len().checked_sub(n)?)
        .find(|&i| s.as_bytes().get(i..i + n) == Some(pat.as_bytes()))?;
    s.get(at + n..)
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so an id can never add a
/// path segment (`../`) or a query.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A request ready for `fetch`. Its `Debug` hides the `Authorization` value.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// JSON body, if any.
    pub body: Option<String>,
}

impl HttpRequest {
    /// Value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                if k.eq_ignore_ascii_case("authorization") {
                    (k.as_str(), "<redacted>")
                } else {
                    (k.as_str(), v.as_str())
                }
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body.as_ref().map(|b| b.len()))
            .finish()
    }
}

/// A checked base URL: `http(s)://host[/path]`, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks and normalises a base URL (T1). Refuses anything but `http://` / `https://`
    /// with a host, and URLs carrying a query or fragment. The reason never repeats the URL
    /// (it may carry credentials).
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim().trim_end_matches('/');
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .ok_or_else(|| "it must start with http:// or https://".to_owned())?;
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || host.contains('@') {
            return Err("it needs a host (and no user info)".into());
        }
        if s.contains(['?', '#', ' ']) {
            return Err("it must not contain a query, a fragment or spaces".into());
        }
        Ok(Self(s.to_owned()))
    }

    /// The URL text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `scheme://host[:port]`.
    pub fn origin(&self) -> &str {
        let rest = after(&self.0, "://").unwrap_or(&self.0);
        let path = rest.find('/').map_or(0, |i| rest.len() - i);
        self.0.get(..self.0.len() - path).unwrap_or(&self.0)
    }

    /// Whether the host is loopback (`127.0.0.1`, `localhost`, `[::1]`): the simulator.
    pub fn is_loopback(&self) -> bool {
        let origin = self.origin();
        let host = after(origin, "://").unwrap_or("");
        let host = host.rsplit_once(':').map_or(host, |(h, p)| {
            if p.bytes().all(|b| b.is_ascii_digit()) {
                h
            } else {
                host
            }
        });
        host == "localhost" || host == "[::1]" || host.starts_with("127.")
    }

    /// The token URL to use when none is given: the simulator's on a loopback origin,
    /// cegedim.cloud's otherwise (T3).
    pub fn default_token_url(&self) -> String {
        if self.is_loopback() {
            format!("{}{TOKEN_PATH}", self.origin())
        } else {
            DEFAULT_TOKEN_URL.to_owned()
        }
    }
}

/// Builds the request for `endpoint`: URL under `base`, `Accept`, the caller's `extra` headers
/// (checked by `ClientConfig`: never `Authorization` nor `Content-Type`), `Authorization:
/// Bearer` (T2) and the T4 `Content-Type` when a body is sent.
pub fn build_request(
    base: &BaseUrl,
    endpoint: &Endpoint,
    token: &str,
    body: Option<String>,
    extra: &[(String, String)],
) -> HttpRequest {
    let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
    headers.extend(extra.iter().cloned());
    headers.push(("Authorization".to_owned(), format!("Bearer {token}")));
    if body.is_some() {
        if let Some(ct) = endpoint.content_type() {
            headers.push(("Content-Type".to_owned(), ct.to_owned()));
        }
    }
    HttpRequest {
        method: endpoint.method(),
        url: format!("{}{}", base.as_str(), endpoint.path()),
        headers,
        body,
    }
}
