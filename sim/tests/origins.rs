//! Who may talk to the simulator from a browser. A page on another origin must not get a token,
//! read the API or change the world (it once got a token with the public dev credentials, listed
//! the instances and deleted one), and a page whose DNS name rebinds to 127.0.0.1 must not reach
//! any route. Pages served from loopback (the wasm test runner, a Vite or Next dev server on
//! another port) and the origins a deployer lists keep working.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use itcare_sim::Config;
use serde_json::json;

const EVIL: &str = "https://evil.example";
const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");
const SEEDED_QA16: i64 = 500_061_854;

fn count(sim: &Sim) -> i64 {
    sim.get("/itcare/databases/postgresql").json()["totalElements"]
        .as_i64()
        .expect("totalElements")
}

/// The token request of the public dev credentials, with `origin` as the browser's `Origin`.
fn token_from(sim: &Sim, origin: &str) -> Resp {
    sim.raw(
        "POST",
        TOKEN_PATH,
        &[("Origin", origin), ("Authorization", BASIC), FORM],
        Some(b"grant_type=client_credentials"),
    )
}

fn preflight(sim: &Sim, path: &str, origin: &str, method: &str) -> Resp {
    sim.raw(
        "OPTIONS",
        path,
        &[
            ("Origin", origin),
            ("Access-Control-Request-Method", method),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type",
            ),
        ],
        None,
    )
}

/// A foreign origin: refused with 403 T6 naming `Origin`, and no CORS grant.
fn assert_foreign_refused(r: &Resp, what: &str) {
    assert_refusal(r, 403, "Origin");
    assert_eq!(r.json()["errorCode"], "FORBIDDEN_ORIGIN", "{what}");
    assert_eq!(r.header("access-control-allow-origin"), None, "{what}");
    assert!(!r.text().contains("access_token"), "{what}: {}", r.text());
}

#[test]
fn foreign_origins_get_no_token_no_cors_and_cannot_act() {
    let sim = Sim::seeded();
    let bearer = format!("Bearer {}", sim.token);
    let auth = ("Authorization", bearer.as_str());
    let qa = format!("/itcare/databases/postgresql/{SEEDED_QA16}");
    assert_eq!(count(&sim), 4);

    for origin in [
        EVIL,
        "http://evil.example:8080",
        // A sandboxed frame, a data: URL or a file: page: anyone can produce this one.
        "null",
        // Loopback look-alikes that are other names.
        "http://127.0.0.1.evil.example:8080",
        "http://localhost.evil.example",
        "http://127.0.0.1:8080@evil.example",
    ] {
        // T3 with the public dev credentials, as fetch sends it and as a no-cors form posts it.
        assert_foreign_refused(&token_from(&sim, origin), origin);
        let form = sim.raw(
            "POST",
            TOKEN_PATH,
            &[("Origin", origin), FORM],
            Some(b"grant_type=client_credentials&client_id=itcare-sim&client_secret=itcare-sim-secret"),
        );
        assert_foreign_refused(&form, origin);
        // Even with a token obtained elsewhere: no listing, no change.
        let list = sim.raw(
            "GET",
            "/itcare/databases/postgresql",
            &[("Origin", origin), auth],
            None,
        );
        assert_foreign_refused(&list, origin);
        assert_foreign_refused(
            &sim.raw("DELETE", &qa, &[("Origin", origin), auth], None),
            origin,
        );
        let stop = serde_json::to_vec(&json!({"operation": "stop"})).unwrap();
        assert_foreign_refused(
            &sim.raw(
                "PATCH",
                &qa,
                &[
                    ("Origin", origin),
                    auth,
                    ("Content-Type", "application/json"),
                ],
                Some(&stop),
            ),
            origin,
        );
        let create = serde_json::to_vec(&create_body("foreignpg01")).unwrap();
        assert_foreign_refused(
            &sim.raw(
                "POST",
                "/itcare/databases/postgresql",
                &[("Origin", origin), auth, ("Content-Type", VENDOR_JSON)],
                Some(&create),
            ),
            origin,
        );
        // Their preflights get no grant either: the browser never sends the call.
        for (path, method) in [
            (TOKEN_PATH, "POST"),
            ("/itcare/databases/postgresql", "GET"),
            (qa.as_str(), "DELETE"),
        ] {
            let r = preflight(&sim, path, origin, method);
            assert_eq!(
                r.header("access-control-allow-origin"),
                None,
                "{origin} {method} {path}"
            );
        }
    }
    // Nothing happened.
    assert_eq!(count(&sim), 4);
    let qa_now = sim.instance(SEEDED_QA16);
    assert_eq!(qa_now["status"], "ACTIVE", "{qa_now}");
    assert_eq!(sim.get("/itcare/actions").json(), json!([]));

    // Tools without an Origin (curl, Node, the SDK's tests) are not browsers: unaffected.
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[("Authorization", BASIC), FORM],
        Some(b"grant_type=client_credentials"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(count(&sim), 4);
}

#[test]
fn loopback_origins_on_any_port_and_listed_ones_keep_cors() {
    let sim = Sim::with(Config {
        seed: true,
        control_origins: vec!["https://app.example".into(), "http://devbox.lan:*".into()],
        ..Config::for_tests()
    });
    let own = format!("http://{}", sim.addr());
    let port = sim.addr().port();
    let own_by_name = format!("http://localhost:{port}");
    for origin in [
        own.as_str(),
        own_by_name.as_str(),
        // The wasm test runner, Vite, Next: other loopback ports.
        "http://127.0.0.1:41234",
        "http://localhost:5173",
        "http://localhost",
        "http://[::1]:3000",
        "http://127.0.0.2:8000",
        "http://app.localhost:5173",
        "https://localhost:8443",
        // Listed by the deployer.
        "https://app.example",
        "http://devbox.lan:9000",
    ] {
        let r = token_from(&sim, origin);
        assert_eq!(r.status, 200, "{origin}: {}", r.text());
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        let token = r.json()["access_token"].as_str().unwrap().to_string();
        let bearer = format!("Bearer {token}");
        let r = sim.raw(
            "GET",
            "/itcare/databases/postgresql",
            &[("Origin", origin), ("Authorization", &bearer)],
            None,
        );
        assert_eq!(r.status, 200, "{origin}: {}", r.text());
        assert_eq!(r.json()["totalElements"], 4);
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        let r = preflight(&sim, "/itcare/databases/postgresql/1", origin, "DELETE");
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        let allowed = r.header("access-control-allow-headers").unwrap_or_default();
        assert!(allowed.contains("authorization"), "{origin}: {allowed}");
    }
    // A listed pattern is a pattern of that host only.
    for origin in [
        "https://app.example.evil",
        "http://devbox.lan.evil:9000",
        "http://devbox.lan:",
    ] {
        assert_foreign_refused(&token_from(&sim, origin), origin);
    }
    // The controls keep their narrower rule: a page on another loopback port is not the portal.
    let r = sim.raw(
        "POST",
        "/_sim/dev-token",
        &[("Origin", "http://127.0.0.1:41234")],
        None,
    );
    assert_refusal(&r, 403, "Origin");
}

/// A `Host` name that is not the simulator's: 403 T6 naming `Host`, whatever the route.
fn assert_host_refused(r: &Resp, what: &str) {
    assert_refusal(r, 403, "Host");
    assert_eq!(r.json()["errorCode"], "FORBIDDEN_HOST", "{what}");
    assert_eq!(r.header("access-control-allow-origin"), None, "{what}");
}

#[test]
fn a_rebinding_host_is_refused_on_every_route() {
    let www = std::env::temp_dir().join(format!("itcare-sim-origins-{}", std::process::id()));
    let pkg = www.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    std::fs::write(pkg.join("index.js"), "export {};").unwrap();
    let sim = Sim::with(Config {
        seed: true,
        www: Some(www.clone()),
        pkg: Some(pkg.clone()),
        host: "127.0.0.1".into(),
        ..Config::for_tests()
    });
    let port = sim.addr().port();
    let bearer = format!("Bearer {}", sim.token);
    let routes: [(&str, &str, Option<&[u8]>); 9] = [
        ("GET", "/", None),
        ("GET", "/index.html", None),
        ("GET", "/pkg/index.js", None),
        ("GET", "/itcare/health", None),
        ("GET", "/itcare/databases/postgresql", None),
        ("POST", TOKEN_PATH, Some(b"grant_type=client_credentials")),
        ("POST", "/_sim/dev-token", None),
        ("GET", "/_sim/faults", None),
        ("POST", "/_sim/reset", Some(b"{\"seed\":false}")),
    ];
    for name in [
        "rebind.example".to_string(),
        format!("rebind.example:{port}"),
        format!("localhost.rebind.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
    ] {
        let origin = format!("http://{name}");
        for (method, path, body) in routes {
            let headers = [("Host", name.as_str()), ("Authorization", BASIC), FORM];
            let r = sim.raw(method, path, &headers, body);
            assert_host_refused(&r, &format!("{method} {path} Host {name}"));
            // The same with the page's own Origin (what a rebound page sends).
            let r = sim.raw(
                method,
                path,
                &[
                    ("Host", name.as_str()),
                    ("Origin", &origin),
                    ("Authorization", &bearer),
                ],
                body,
            );
            assert_host_refused(&r, &format!("{method} {path} Host {name} with Origin"));
        }
        let r = sim.raw(
            "OPTIONS",
            "/itcare/databases/postgresql",
            &[
                ("Host", name.as_str()),
                ("Origin", &origin),
                ("Access-Control-Request-Method", "DELETE"),
            ],
            None,
        );
        assert_host_refused(&r, &format!("preflight Host {name}"));
    }
    // Nothing happened (the reset above was refused).
    assert_eq!(count(&sim), 4);

    // The simulator's own names: loopback names, IP literals, the configured host.
    for name in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST.:{port}"),
        format!("portal.localhost:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.1".to_string(),
    ] {
        for (method, path, body) in routes.iter().take(6) {
            let headers = if *path == TOKEN_PATH {
                [("Host", name.as_str()), ("Authorization", BASIC), FORM]
            } else {
                [
                    ("Host", name.as_str()),
                    ("Authorization", &bearer),
                    ("Accept", "*/*"),
                ]
            };
            let r = sim.raw(method, path, &headers, *body);
            assert_eq!(r.status, 200, "{method} {path} Host {name}: {}", r.text());
        }
    }
    let _ = std::fs::remove_dir_all(&www);
}

#[test]
fn listed_host_names_are_answered() {
    // A container's service name (`http://itcare-sim:8080` from another container) is no DNS
    // rebinding: the deployer lists it (`--allow-host`, `ITCARE_SIM_ALLOW_HOSTS`).
    let listed = Sim::with(Config {
        allow_hosts: vec!["itcare-sim".into()],
        ..Config::for_tests()
    });
    let r = listed.raw(
        "GET",
        "/itcare/health",
        &[("Host", "itcare-sim:8080")],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = listed.raw(
        "GET",
        "/itcare/health",
        &[("Host", "itcare-sim.evil:8080")],
        None,
    );
    assert_host_refused(&r, "a longer name");
    let unlisted = Sim::start();
    let r = unlisted.raw(
        "GET",
        "/itcare/health",
        &[("Host", "itcare-sim:8080")],
        None,
    );
    assert_host_refused(&r, "not listed");
    // The same from the binary's flags and environment.
    let mut c =
        Config::from_env(|k| (k == "ITCARE_SIM_ALLOW_HOSTS").then(|| "sim, db-sim".to_string()))
            .unwrap();
    c.apply_args(&["--allow-host".into(), "third".into()])
        .unwrap();
    assert_eq!(c.allow_hosts, ["sim", "db-sim", "third"]);
}

#[test]
fn the_portal_may_connect_to_its_own_origin_only() {
    let www = std::env::temp_dir().join(format!("itcare-sim-csp-{}", std::process::id()));
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    let sim = Sim::with(Config {
        www: Some(www.clone()),
        ..Config::for_tests()
    });
    let r = sim.raw("GET", "/", &[], None);
    assert_eq!(r.status, 200);
    let csp = r
        .header("content-security-policy")
        .unwrap_or_default()
        .to_string();
    let connect: Vec<&str> = csp
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("connect-src "))
        .unwrap_or_else(|| panic!("no connect-src in {csp}"))
        .split_whitespace()
        .collect();
    assert_eq!(connect, ["'self'"], "{csp}");
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    let _ = std::fs::remove_dir_all(&www);
}

#[test]
fn api_origins_given_at_start_join_connect_src() {
    let www = std::env::temp_dir().join(format!("itcare-sim-csp-api-{}", std::process::id()));
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    let mut config = Config::from_env(|k| {
        (k == "ITCARE_SIM_API_ORIGINS").then(|| "https://api.example".to_string())
    })
    .unwrap();
    config
        .apply_args(&["--api-origin".into(), "http://127.0.0.1:9000".into()])
        .unwrap();
    let sim = Sim::with(Config {
        www: Some(www.clone()),
        port: 0,
        ..config
    });
    let csp = sim.raw("GET", "/", &[], None);
    let csp = csp.header("content-security-policy").unwrap_or_default();
    assert!(
        csp.contains("connect-src 'self' https://api.example http://127.0.0.1:9000;"),
        "{csp}"
    );
    // Nothing that could end the directive gets in.
    for bad in [
        "https://a.example; script-src *",
        "https://a.example,x",
        "",
        "'unsafe-eval'",
    ] {
        let mut c = Config::for_tests();
        assert!(
            c.apply_args(&["--api-origin".into(), bad.into()]).is_err(),
            "{bad}"
        );
    }
    let _ = std::fs::remove_dir_all(&www);
}
