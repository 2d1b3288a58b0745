//! Answers the host refuses to take as the API's: a redirect (never followed: it could carry the
//! request, its token or its body to another host, and a foreign answer would be read as the
//! API's) and a body past `maxResponseBytes` (read no further, so a huge or decompression-bomb
//! answer never reaches wasm memory, which never shrinks). Both are `ApiError`s with the real
//! status of the answer; the messages name the method and the URL without its query, never a
//! header or the body.

use super::error::{ClientError, HttpDetails};
use super::request::HttpRequest;

/// Longest origin a message quotes (a `Location` is server text).
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
/// redirect, whose target the page cannot see). The client follows no redirect, so nothing went
/// to where it pointed, and the API did not process the request.
pub fn redirect_refused(request: &HttpRequest, status: u16, location: Option<&str>) -> ClientError {
    let answer = if status == 0 {
        "was redirected (the browser does not show where to)".to_owned()
    } else {
        match location.and_then(|l| location_origin(&request.url, l)) {
            Some(origin) => format!("answered {status}, a redirect to {origin}"),
            None => format!("answered {status}, a redirect"),
        }
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

/// The origin (`scheme://host[:port]`, no credentials, path or query) a `Location` points to,
/// resolved against the request's URL; `None` when it cannot be told.
pub fn location_origin(request_url: &str, location: &str) -> Option<String> {
    let location = location.trim();
    let scheme_of = |url: &str| {
        let (scheme, _) = url.split_once("://")?;
        let ok = !scheme.is_empty()
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
        ok.then(|| scheme.to_ascii_lowercase())
    };
    let absolute = if let Some(rest) = location.strip_prefix("//") {
        format!("{}://{rest}", scheme_of(request_url)?)
    } else if scheme_of(location).is_some() {
        location.to_owned()
    } else if location.split(['/', '?', '#']).next()?.contains(':') {
        // A scheme without an authority (`mailto:`…): no origin.
        return None;
    } else {
        // Relative: the request's own origin.
        request_url.to_owned()
    };
    let scheme = scheme_of(&absolute)?;
    let rest = absolute.get(scheme.len() + 3..)?;
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    // Credentials in a URL are never quoted.
    let host = authority.rsplit('@').next()?;
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let origin = format!("{scheme}://{}", host.to_ascii_lowercase());
    (origin.chars().count() <= MAX_ORIGIN_CHARS).then_some(origin)
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
    fn origins_of_locations() {
        let o = |l| location_origin(API, l);
        assert_eq!(
            o("https://evil.example:8443/x?token=1").as_deref(),
            Some("https://evil.example:8443")
        );
        assert_eq!(
            o("HTTP://User:Pass@Evil.Example/a").as_deref(),
            Some("http://evil.example")
        );
        assert_eq!(
            o("//other.example/p?q").as_deref(),
            Some("https://other.example")
        );
        assert_eq!(
            o("/itcare/elsewhere?x=1").as_deref(),
            Some("https://api.example.test")
        );
        assert_eq!(
            o("relative?a=b").as_deref(),
            Some("https://api.example.test")
        );
        assert_eq!(o("https://").as_deref(), None);
        assert_eq!(o("mailto:a@b.example").as_deref(), None);
        assert_eq!(o("https://bad host/").as_deref(), None);
        let long = format!("https://{}.example/", "a".repeat(300));
        assert_eq!(o(&long), None);
    }

    #[test]
    fn redirect_refused_names_the_origin_only() {
        let e = redirect_refused(
            &request(Method::Post),
            307,
            Some("https://evil.example/steal?admPassword=x"),
        );
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
