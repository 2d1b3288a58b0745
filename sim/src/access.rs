//! Who may talk to the simulator: the `Host` names it answers (every route) and the browser
//! origins it answers (CORS, and refusals of foreign pages). The simulator is a dev server on the
//! developer's machine holding public dev credentials, so a web page the developer happens to
//! visit must not get a token, read the API, change the world or drive the controls, and a page
//! whose DNS name rebinds to 127.0.0.1 must not reach any route.
//!
//! Tools that send no `Origin` (curl, Node, the SDK's tests) are not browsers and are not
//! affected by the origin rules; the `Host` rule applies to everyone.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::config::Config;
use crate::server::App;

/// Whether a `Host` name is the simulator's: `localhost` (and `*.localhost`, which browsers
/// resolve to loopback themselves), an IP literal, the name it was told to bind (`--host`) or one
/// listed with `--allow-host`. A page on another name whose DNS rebinds to the simulator's
/// address arrives with its own name in `Host` (and, matching it, in `Origin`); this is what
/// refuses it. An IP literal cannot be rebound: no page is served under it by an attacker.
pub fn host_allowed(name: &str, config: &Config) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok()
        || name.eq_ignore_ascii_case(config.host.trim_start_matches('[').trim_end_matches(']'))
        || config
            .allow_hosts
            .iter()
            .any(|h| name.eq_ignore_ascii_case(h.trim_end_matches('.')))
}

/// The name part of a `Host` header value (`[::1]:8080` → `::1`, `localhost:8080` →
/// `localhost`).
pub fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// Whether every `Host` of the request is the simulator's (none at all is an HTTP/1.0 tool, not
/// a browser), and so is the authority of an absolute-form target.
fn request_host_allowed(headers: &HeaderMap, uri: &axum::http::Uri, config: &Config) -> bool {
    let headers_ok = headers.get_all(header::HOST).iter().all(|h| {
        h.to_str()
            .is_ok_and(|h| host_allowed(host_name(h.trim()), config))
    });
    headers_ok
        && uri
            .host()
            .is_none_or(|h| host_allowed(host_name(h), config))
}

/// An origin split into scheme, host and port: `http` or `https`, then a host name or IP literal
/// and an optional port, nothing else (no user info, no path). `None` for anything else,
/// including `null`.
fn parse_origin(origin: &str) -> Option<(&str, &str, Option<&str>)> {
    let (scheme, rest) = origin.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
        let (addr, after) = v6.split_once(']')?;
        addr.parse::<std::net::Ipv6Addr>().ok()?;
        match after {
            "" => (addr, None),
            p => (addr, Some(p.strip_prefix(':')?)),
        }
    } else {
        match rest.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        }
    };
    let host_ok = !host.is_empty()
        && (host.contains(':')
            || host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (host_ok && port_ok).then_some((scheme, host, port))
}

/// Whether a page of `origin` is served from this machine's loopback: `localhost`,
/// `*.localhost` or a loopback IP literal (127.0.0.0/8, `[::1]`), on any port. The wasm test
/// runner and consumer pages (Vite, Next dev servers) serve from other loopback ports.
fn loopback_origin(origin: &str) -> bool {
    parse_origin(origin).is_some_and(|(_, host, _)| {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        host == "localhost"
            || host.ends_with(".localhost")
            || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    })
}

/// Whether an origin from `--allow-origin` / `ITCARE_SIM_ALLOW_ORIGINS` matches: exactly, or
/// `scheme://host:*` for any port of that host.
fn listed(origin: &str, allowed: &str) -> bool {
    match allowed.strip_suffix('*') {
        Some(prefix) if prefix.ends_with(':') => {
            origin
                .get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
                && origin.get(prefix.len()..).is_some_and(|port| {
                    !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())
                })
        }
        _ => origin.eq_ignore_ascii_case(allowed),
    }
}

/// Whether `origin` is the simulator's own (the portal it serves): `http://` or `https://` plus
/// the request's `Host`, on a name [`host_allowed`] accepts.
fn own_origin(origin: &str, host: Option<&str>, config: &Config) -> bool {
    let Some(host) = host else {
        return false;
    };
    let own = ["http://", "https://"].iter().any(|scheme| {
        origin
            .strip_prefix(scheme)
            .is_some_and(|rest| rest.eq_ignore_ascii_case(host))
    });
    own && host_allowed(host_name(host), config)
}

/// Whether a browser page of `origin` may call the controls (`/_sim/`): the simulator's own
/// origin or one listed by the deployer. Narrower than the API: a control mints tokens without
/// credentials, resets the world and injects faults, so even another loopback port (any local
/// dev server's page) must be listed.
pub fn control_origin_allowed(origin: &str, host: Option<&str>, config: &Config) -> bool {
    config.control_origins.iter().any(|a| listed(origin, a)) || own_origin(origin, host, config)
}

/// Whether a browser page of `origin` may call the API and the token endpoint (and read the
/// static files across origins): the simulator's own origin, a loopback one on any port, or one
/// listed by the deployer.
pub fn api_origin_allowed(origin: &str, host: Option<&str>, config: &Config) -> bool {
    loopback_origin(origin) || control_origin_allowed(origin, host, config)
}

/// Whether the request is a control call (`/_sim/...`).
pub fn is_control(path: &str) -> bool {
    path.starts_with("/_sim/")
}

/// Whether the request goes to the API or the token endpoint.
fn is_api(path: &str) -> bool {
    path == "/itcare" || path.starts_with("/itcare/") || path.starts_with("/auth/")
}

/// Whether a page of `origin` (on a request with `host`) gets a CORS grant for `path`.
pub fn cors_allowed(path: &str, origin: &str, host: Option<&str>, config: &Config) -> bool {
    if is_control(path) {
        control_origin_allowed(origin, host, config)
    } else {
        api_origin_allowed(origin, host, config)
    }
}

/// Middleware, outermost: a foreign `Host` is refused on every route (403 T6 `Host`); a foreign
/// browser `Origin` is refused on the controls, the API and the token endpoint (403 T6 `Origin`),
/// so even a no-cors form POST, whose answer the page cannot read, acts on nothing. Preflights
/// of foreign origins are answered by the CORS layer without a grant. Static files stay readable
/// by navigation (a foreign page only gets no CORS grant).
pub async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let config = &app.startup;
    if !request_host_allowed(req.headers(), req.uri(), config) {
        return crate::refusal::t6(
            StatusCode::FORBIDDEN,
            "FORBIDDEN_HOST",
            "Host",
            "The simulator answers only its own names: localhost, an IP address, the --host name \
             and those given with --allow-host / ITCARE_SIM_ALLOW_HOSTS"
                .to_string(),
        );
    }
    let path = req.uri().path();
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if let (Some(origin), false) = (req.headers().get(header::ORIGIN), preflight) {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        let refused = if is_control(path) {
            !origin
                .to_str()
                .is_ok_and(|o| control_origin_allowed(o, host, config))
        } else if is_api(path) {
            !origin
                .to_str()
                .is_ok_and(|o| api_origin_allowed(o, host, config))
        } else {
            false
        };
        if refused {
            let message = if is_control(path) {
                "The simulator's controls answer only its own pages and the origins given with \
                 --allow-origin / ITCARE_SIM_ALLOW_ORIGINS"
            } else {
                "The simulator's API answers only its own pages, pages served from loopback \
                 (localhost, 127.0.0.1, [::1], any port) and the origins given with \
                 --allow-origin / ITCARE_SIM_ALLOW_ORIGINS"
            };
            return crate::refusal::t6(
                StatusCode::FORBIDDEN,
                "FORBIDDEN_ORIGIN",
                "Origin",
                message.to_string(),
            );
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_take_the_own_origin_on_an_own_name_or_a_listed_one() {
        let mut c = Config::default();
        let ok = |o: &str, h: &str, c: &Config| control_origin_allowed(o, Some(h), c);
        assert!(ok("http://127.0.0.1:8080", "127.0.0.1:8080", &c));
        assert!(ok("http://localhost:8080", "localhost:8080", &c));
        assert!(ok("http://[::1]:8080", "[::1]:8080", &c));
        assert!(!ok("http://127.0.0.1:9999", "127.0.0.1:8080", &c));
        assert!(!ok("https://evil.example", "127.0.0.1:8080", &c));
        assert!(!ok("null", "127.0.0.1:8080", &c));
        // DNS rebinding: the names match each other but the name is not ours.
        assert!(!ok("http://evil.example:8080", "evil.example:8080", &c));
        assert!(!control_origin_allowed("http://127.0.0.1:8080", None, &c));
        c.host = "devbox.lan".into();
        assert!(ok("http://devbox.lan:8080", "devbox.lan:8080", &c));
        c.control_origins = vec!["http://127.0.0.1:*".into(), "https://app.example".into()];
        assert!(ok("http://127.0.0.1:41234", "127.0.0.1:8080", &c));
        assert!(!ok("http://127.0.0.1:", "127.0.0.1:8080", &c));
        assert!(!ok("http://127.0.0.1:1x", "127.0.0.1:8080", &c));
        assert!(ok("https://APP.example", "127.0.0.1:8080", &c));
        assert!(!ok("https://app.example.evil", "127.0.0.1:8080", &c));
    }

    #[test]
    fn the_api_also_takes_loopback_pages_on_any_port() {
        let c = Config::default();
        let ok = |o: &str| api_origin_allowed(o, Some("127.0.0.1:8080"), &c);
        for o in [
            "http://127.0.0.1:41234",
            "http://127.9.8.7",
            "http://localhost:5173",
            "https://LOCALHOST:5173",
            "http://localhost.:5173",
            "http://app.localhost",
            "http://[::1]:3000",
            "http://[::1]",
        ] {
            assert!(ok(o), "{o}");
        }
        for o in [
            "null",
            "",
            "http://",
            "file://",
            "ftp://127.0.0.1",
            "http://127.0.0.1:8080@evil.example",
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example:5173",
            "http://localhost:",
            "http://localhost:80/x",
            "http://[::2]:80",
            "http://[::1:80",
            "http://[::ffff:7f00:1]",
            "http://192.168.1.5:8080",
            "https://evil.example",
        ] {
            assert!(!ok(o), "{o}");
        }
    }

    #[test]
    fn host_names_of_the_simulator() {
        let mut c = Config::default();
        for h in [
            "localhost",
            "LOCALHOST.",
            "portal.localhost",
            "127.0.0.1",
            "10.0.0.5",
            "::1",
        ] {
            assert!(host_allowed(h, &c), "{h}");
        }
        for h in [
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "",
        ] {
            assert!(!host_allowed(h, &c), "{h}");
        }
        assert_eq!(host_name("[::1]:8080"), "::1");
        assert_eq!(host_name("localhost:8080"), "localhost");
        assert_eq!(host_name("localhost"), "localhost");
        c.host = "devbox.lan".into();
        assert!(host_allowed("DEVBOX.lan", &c));
        c.allow_hosts = vec!["itcare-sim".into()];
        assert!(host_allowed("itcare-sim", &c));
        assert!(!host_allowed("itcare-sim.evil", &c));
    }
}
