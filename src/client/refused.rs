//! Answers the host refuses to take as the API's: a redirect (never followed: it could carry the
//! request, its token or its body to another host, and a foreign answer would be read as the
//! API's) and a body past `maxResponseBytes` (read no further, so a huge or decompression-bomb
//! answer never reaches wasm memory, which never shrinks). Both are `ApiError`s with the real
//! status of the answer; the messages name the method and the URL without its query, never a
//! header or the body.

use super::error::{ClientError, HttpDetails};
use super::request::HttpRequest;

/// Longest origin a message quotes (it comes from a `Location`, server text).
const MAX_ORIGIN_CHARS: usize = 200;

fn what(request: &HttpRequest) -> String {
    let url = request.url.split('?').next().unwrap_or_default();
    format!("{} {url}", request.method.as_str())
}

fn api(code: &'static str, status: u16, message: String) -> ClientError {
    ClientError::Api {
        code,
        message,
        http: Box::new(HttpDetails {
            status,
            ..HttpDetails::default()
        }),
    }
}

/// `response_too_large`: the answer (status `status`) had a body of more than `limit` bytes
/// (counted after decompression, or declared by `Content-Length`); it was not read past the limit.
/// A 2xx status means the API did process the request.
pub fn response_too_large(request: &HttpRequest, status: u16, limit: u64) -> ClientError {
    api(
        "response_too_large",
        status,
        format!(
            "{} answered {status} with a body of more than {limit} bytes (maxResponseBytes); it \
             was not read further. Raise maxResponseBytes if such an answer is expected",
            what(request)
        ),
    )
}

/// `redirect_refused`: the answer was a redirect (`status` 3xx, or 0 for a browser's opaque
/// redirect, whose target the page cannot see) to `origin` (`scheme://host[:port]`, resolved by
/// the host from `Location`: no credentials, path or query). The client follows no redirect, so
/// nothing went there, and the API did not process the request.
pub fn redirect_refused(request: &HttpRequest, status: u16, origin: Option<&str>) -> ClientError {
    let answer = match origin.filter(|o| !o.is_empty() && o.len() <= MAX_ORIGIN_CHARS) {
        _ if status == 0 => "was redirected (the browser does not show where to)".to_owned(),
        Some(origin) => format!("answered {status}, a redirect to {origin}"),
        None => format!("answered {status}, a redirect"),
    };
    api(
        "redirect_refused",
        status,
        format!(
            "{} {answer}: the client does not follow redirects (the ITCare API does not \
             redirect; a redirect could carry the request and its credentials elsewhere). \
             Configure baseUrl (and tokenUrl) with the final address",
            what(request)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::Method;

    const API: &str = "https://api.example.test/itcare/databases/postgresql?page=0&size=100";

    fn request(method: Method) -> HttpRequest {
        HttpRequest {
            method,
            url: API.into(),
            headers: vec![("Authorization".into(), "Bearer tok-SECRET".into())],
            body: Some(r#"{"admPassword":"Test123@2022"}"#.into()),
        }
    }

    #[test]
    fn redirect_refused_names_the_origin_only() {
        let e = redirect_refused(&request(Method::Post), 307, Some("https://evil.example"));
        assert_eq!(e.code(), "redirect_refused");
        assert_eq!(e.name(), "ApiError");
        assert_eq!(e.status(), Some(307));
        let m = e.message();
        assert!(m.contains("https://evil.example"), "{m}");
        assert!(m.contains("does not follow redirects"), "{m}");
        assert!(m.contains("baseUrl"), "{m}");
        for hidden in ["steal", "admPassword", "tok-SECRET", "page=0", "Test123"] {
            assert!(!m.contains(hidden), "{hidden} in {m}");
        }
        assert_eq!(e.http().and_then(|h| h.body.as_deref()), None);
        let long = format!("https://{}.example", "a".repeat(300));
        let unnamed = redirect_refused(&request(Method::Get), 302, Some(&long)).message();
        assert!(unnamed.contains("answered 302, a redirect:"), "{unnamed}");
        let opaque = redirect_refused(&request(Method::Get), 0, None);
        assert_eq!(opaque.status(), Some(0));
        assert!(opaque.message().contains("browser"), "{}", opaque.message());
    }

    #[test]
    fn response_too_large_names_the_limit_and_the_option() {
        let e = response_too_large(&request(Method::Get), 200, 8 << 20);
        assert_eq!(e.code(), "response_too_large");
        assert_eq!(e.name(), "ApiError");
        assert_eq!(e.status(), Some(200));
        let m = e.message();
        assert!(
            m.contains("8388608 bytes") && m.contains("maxResponseBytes"),
            "{m}"
        );
        assert!(
            m.starts_with("GET https://api.example.test/itcare/databases/postgresql "),
            "{m}"
        );
        assert!(!m.contains("page=0") && !m.contains("tok-SECRET"), "{m}");
    }
}
