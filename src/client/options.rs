//! The client's options (the JS `ItcareClientOptions`, read by the boundary into
//! [`ClientOptions`]) checked once into a [`ClientConfig`]: credentials (T2, T3), URLs (T1),
//! timeouts, retry budget, extra headers, the largest answer the host reads. Messages name the option and never echo its value (a
//! URL may carry credentials, a header a token).

use std::fmt;

use super::error::ClientError;
use super::request::{BaseUrl, DEFAULT_BASE_URL};
use super::retry::RetryPolicy;
use super::token::basic_auth;
use crate::validate::{IssueCode, ValidationIssue};

/// The options as given, already split from JS values by the boundary.
#[derive(Default, Clone)]
pub struct ClientOptions {
    /// `baseUrl`.
    pub base_url: Option<String>,
    /// `token`.
    pub token: Option<String>,
    /// Whether `tokenProvider` was given (the function stays on the host side).
    pub token_provider: bool,
    /// `clientId`.
    pub client_id: Option<String>,
    /// `clientSecret`.
    pub client_secret: Option<String>,
    /// `tokenUrl`.
    pub token_url: Option<String>,
    /// `allowSecretInBrowser`.
    pub allow_secret_in_browser: bool,
    /// `allowInsecureHttp`: plain `http://` to a host that is not loopback.
    pub allow_insecure_http: bool,
    /// `timeoutMs`.
    pub timeout_ms: Option<u64>,
    /// `retry`.
    pub retry: RetryPolicy,
    /// `headers`.
    pub headers: Vec<(String, String)>,
    /// `maxResponseBytes`, as given (checked by [`ClientConfig::from_options`]).
    pub max_response_bytes: Option<f64>,
    /// Whether the code runs in a browser context (a page or any kind of worker): anything but
    /// Node, Deno or Bun. Decided by the host.
    pub browser: bool,
}

impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientOptions { .. }")
    }
}

/// How the client gets its access token.
#[derive(Clone)]
pub enum Auth {
    /// A static token.
    Static(String),
    /// The host's `tokenProvider` ([`super::Env::provide_token`]).
    Provider,
    /// OAuth2 client credentials (T3) against `token_url`.
    Credentials {
        /// Token endpoint.
        token_url: String,
        /// `Basic base64(id:secret)`.
        basic: String,
        /// The client secret itself (kept out of error messages, [`super::Secrets`]).
        secret: String,
    },
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Static(_) => "Static(<redacted>)",
            Self::Provider => "Provider",
            Self::Credentials { .. } => "Credentials(<redacted>)",
        })
    }
}

/// Checked options.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// API base URL (T1).
    pub base: BaseUrl,
    /// Credentials.
    pub auth: Auth,
    /// Timeout of one HTTP read (and of each look at a write's outcome), ms.
    pub timeout_ms: u64,
    /// Timeout of one create, PATCH or DELETE request, ms: [`DEFAULT_WRITE_TIMEOUT_MS`] unless
    /// `timeoutMs` is given (then the same as reads).
    pub write_timeout_ms: u64,
    /// Retry budget of one call (token requests included).
    pub retry: RetryPolicy,
    /// Extra request headers (never `Authorization` nor `Content-Type`).
    pub headers: Vec<(String, String)>,
    /// Largest body of one answer, in bytes after decompression: the host stops reading past it
    /// and fails with `response_too_large` ([`response_too_large`]).
    pub max_response_bytes: u64,
}

/// Default `timeoutMs` of a read: an answer later than this is a transient failure, retried.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// Default timeout of a write (create, PATCH, DELETE) when `timeoutMs` is not given. Longer
/// than a read's: the API validates a write and registers its Action before answering 202 (a
/// create reserves resources), and a write cut short is never simply sent again: it costs a
/// look at its Actions and, when the look cannot tell, ends `outcome_unknown`.
pub const DEFAULT_WRITE_TIMEOUT_MS: u64 = 90_000;

/// Default of `maxResponseBytes`: 8 MiB. The largest page the client asks for is
/// [`super::PAGE_SIZE`] instances (~3 KB each as the reference page shows them: ~0.3 MB), and a
/// server that answers the list as one bare array (L1) fits ~2,800 such instances or ~20,000
/// Actions (A3) in 8 MiB; anything larger is not an answer of this API. What is read grows wasm
/// memory by a small multiple of its size (the text, its parse), and wasm memory never shrinks.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 8 << 20;
/// Bounds of `maxResponseBytes`: below 1 KiB a T6 error body or a token answer (T3) may not
/// fit; above 1 GiB the text and its parse would not fit in wasm32 memory.
pub const MAX_RESPONSE_BYTES_RANGE: (u64, u64) = (1 << 10, 1 << 30);

/// A `ValidationError` naming the option `path` (bad input never traps).
pub fn bad_option(path: &str, code: IssueCode, message: impl Into<String>) -> ClientError {
    ClientError::Validation {
        issues: vec![ValidationIssue {
            path: path.to_owned(),
            code,
            message: message.into(),
            rule: String::new(),
        }],
    }
}

/// Header values must be visible ASCII: checking first keeps `Headers.set` from throwing (its
/// message would echo the token).
pub fn check_token(token: &str) -> Result<(), ClientError> {
    if !token.is_empty() && token.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        Ok(())
    } else {
        Err(ClientError::Auth {
            code: "invalid_token",
            message: "the access token is empty or contains characters not allowed in a header"
                .into(),
            status: None,
        })
    }
}

fn url(option: &str, text: &str, allow_insecure: bool) -> Result<BaseUrl, ClientError> {
    let url = BaseUrl::parse(text).map_err(|why| {
        bad_option(
            option,
            IssueCode::Format,
            format!("{option} is not a valid URL: {why}"),
        )
    })?;
    if url.as_str().starts_with("http://") && !url.is_loopback() && !allow_insecure {
        return Err(bad_option(
            option,
            IssueCode::Format,
            format!(
                "{option} uses plain http:// to a host that is not loopback: tokens would travel \
                 unencrypted (use https://, or set allowInsecureHttp)"
            ),
        ));
    }
    Ok(url)
}

fn check_headers(headers: &[(String, String)]) -> Result<(), ClientError> {
    for (name, value) in headers {
        let path = format!("headers.{name}");
        let token_char = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        if name.is_empty() || !name.bytes().all(token_char) {
            return Err(bad_option(
                "headers",
                IssueCode::Format,
                "a header name is not valid",
            ));
        }
        if name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("content-type") {
            return Err(bad_option(
                &path,
                IssueCode::Forbidden,
                format!("{name} is set by the client (T2, T4) and cannot be replaced"),
            ));
        }
        if !value
            .bytes()
            .all(|b| b == b'\t' || (0x20..=0x7e).contains(&b))
        {
            return Err(bad_option(
                &path,
                IssueCode::Format,
                format!("the value of header {name} has characters not allowed in a header"),
            ));
        }
    }
    Ok(())
}

impl ClientConfig {
    /// Checks the options: exactly one way to authenticate; no `clientSecret` in a browser
    /// unless `allowSecretInBrowser` (T3); `baseUrl` / `tokenUrl` http(s) URLs, plain `http://`
    /// only to loopback unless `allowInsecureHttp`; extra headers valid and not replacing
    /// `Authorization`.
    pub fn from_options(o: ClientOptions) -> Result<Self, ClientError> {
        let base = url(
            "baseUrl",
            o.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
            o.allow_insecure_http,
        )?;
        let auth = match (o.token, o.token_provider, o.client_id, o.client_secret) {
            (Some(t), false, None, None) => {
                check_token(&t)?;
                Auth::Static(t)
            }
            (None, true, None, None) => Auth::Provider,
            (None, false, Some(id), Some(secret)) => {
                if o.browser && !o.allow_secret_in_browser {
                    return Err(ClientError::Auth {
                        code: "secret_in_browser",
                        message: "clientSecret is refused in a browser (page or worker): get the \
                                  token from the host application (token or tokenProvider); set \
                                  allowSecretInBrowser only against a local simulator"
                            .into(),
                        status: None,
                    });
                }
                let token_url = match o.token_url {
                    Some(u) => url("tokenUrl", &u, o.allow_insecure_http)?
                        .as_str()
                        .to_owned(),
                    None => base.default_token_url(),
                };
                Auth::Credentials {
                    token_url,
                    basic: basic_auth(&id, &secret),
                    secret,
                }
            }
            (None, false, None, None) => {
                return Err(ClientError::Auth {
                    code: "no_credentials",
                    message:
                        "give one of token, tokenProvider, or clientId + clientSecret (T2, T3)"
                            .into(),
                    status: None,
                })
            }
            _ => {
                return Err(bad_option(
                    "",
                    IssueCode::Forbidden,
                    "give exactly one of token, tokenProvider, or clientId + clientSecret",
                ))
            }
        };
        check_headers(&o.headers)?;
        let max_response_bytes = match o.max_response_bytes {
            None => DEFAULT_MAX_RESPONSE_BYTES,
            Some(n) => max_response_bytes(n)?,
        };
        Ok(Self {
            base,
            auth,
            timeout_ms: o.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS).max(1),
            write_timeout_ms: o.timeout_ms.unwrap_or(DEFAULT_WRITE_TIMEOUT_MS).max(1),
            retry: o.retry,
            headers: o.headers,
            max_response_bytes,
        })
    }
}

/// `maxResponseBytes`: a whole number of bytes within [`MAX_RESPONSE_BYTES_RANGE`].
fn max_response_bytes(n: f64) -> Result<u64, ClientError> {
    let (min, max) = MAX_RESPONSE_BYTES_RANGE;
    if n.fract() == 0.0 && n >= min as f64 && n <= max as f64 {
        // Whole and within range: the cast is exact.
        return Ok(n as u64);
    }
    Err(bad_option(
        "maxResponseBytes",
        IssueCode::Range,
        format!("maxResponseBytes must be a whole number of bytes from {min} to {max}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(max: Option<f64>) -> Result<ClientConfig, ClientError> {
        ClientConfig::from_options(ClientOptions {
            token: Some("tok".into()),
            max_response_bytes: max,
            ..ClientOptions::default()
        })
    }

    #[test]
    fn max_response_bytes_defaults_and_bounds() {
        let limit = |max| config(max).map(|c| c.max_response_bytes);
        assert_eq!(limit(None), Ok(DEFAULT_MAX_RESPONSE_BYTES));
        assert_eq!(limit(Some(1024.0)), Ok(1024));
        assert_eq!(limit(Some(1_073_741_824.0)), Ok(1 << 30));
        for bad in [0.0, -1.0, 1023.0, 4096.5, 1e12, f64::NAN, f64::INFINITY] {
            let err = limit(Some(bad)).unwrap_err();
            assert_eq!(err.code(), "validation_failed", "{bad}");
            assert!(err.message().contains("maxResponseBytes"), "{bad}");
        }
    }
}
