//! The hardened server (issue 12, item 4): one test per point. Outside probes of the running
//! simulator found each of these; the test names say what now holds. Timeouts and the
//! connection cap run on tokio's paused clock: no test here waits on the wall clock.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use itcare_postgresql::models::{CreatePostgresql, PostgresqlOperation};
use itcare_postgresql::validate::{validate_create, validate_operation, Locale, OperationContext};
use itcare_sim::Config;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SEEDED_QA16: i64 = 500_061_854;
const SEEDED_HA15: i64 = 500_061_855;

// ---------------------------------------------------------------------------------------------
// Controls

#[test]
fn controls_refuse_foreign_browser_origins_and_answer_them_no_cors() {
    let sim = Sim::seeded();
    let own = format!("http://{}", sim.addr());
    let evil = "https://evil.example";
    let count = |sim: &Sim| {
        sim.get("/itcare/databases/postgresql").json()["totalElements"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(count(&sim), 4);

    // A page the developer visits: refused, nothing happens, no CORS header lets it read.
    for (method, path, body) in [
        ("POST", "/_sim/dev-token", None),
        ("POST", "/_sim/reset", Some(&b"{\"seed\":false}"[..])),
        ("PUT", "/_sim/faults", Some(&b"{\"latencyMs\":30000}"[..])),
        ("GET", "/_sim/faults", None),
    ] {
        let r = sim.raw(
            method,
            path,
            &[("Origin", evil), ("Content-Type", "application/json")],
            body,
        );
        assert_refusal(&r, 403, "Origin");
        assert_eq!(r.header("access-control-allow-origin"), None, "{path}");
    }
    assert_eq!(count(&sim), 4, "the foreign reset changed nothing");
    assert_eq!(
        sim.control("GET", "/_sim/faults", json!(null)).json()["latencyMs"],
        0
    );
    // Its preflight gets no CORS header either: the browser never sends the call.
    let r = sim.raw(
        "OPTIONS",
        "/_sim/reset",
        &[("Origin", evil), ("Access-Control-Request-Method", "POST")],
        None,
    );
    assert_eq!(r.header("access-control-allow-origin"), None);
    // A rebound DNS name: Origin and Host agree, but the name is not the simulator's (refused
    // for its Host on every route, tests/origins.rs).
    let r = sim.raw(
        "POST",
        "/_sim/dev-token",
        &[
            ("Origin", "http://rebind.example:80"),
            ("Host", "rebind.example:80"),
        ],
        None,
    );
    assert_refusal(&r, 403, "Host");

    // The simulator's own pages (the portal) and tools without an Origin keep working.
    let r = sim.raw("POST", "/_sim/dev-token", &[("Origin", &own)], None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(sim.raw("POST", "/_sim/dev-token", &[], None).status, 200);
    // The API refuses foreign pages too (tests/origins.rs has the details).
    let r = sim.raw("GET", "/itcare/health", &[("Origin", evil)], None);
    assert_refusal(&r, 403, "Origin");
    assert_eq!(r.header("access-control-allow-origin"), None);

    // Origins the deployer lists (here any loopback port, as the wasm browser tests need).
    let listed = Sim::with(Config {
        control_origins: vec!["http://127.0.0.1:*".into()],
        ..Config::for_tests()
    });
    let r = listed.raw(
        "POST",
        "/_sim/dev-token",
        &[("Origin", "http://127.0.0.1:41234")],
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://127.0.0.1:41234")
    );
    let r = listed.raw("POST", "/_sim/dev-token", &[("Origin", evil)], None);
    assert_refusal(&r, 403, "Origin");
}

#[test]
fn every_fault_and_setting_value_is_bounded() {
    let sim = Sim::start();
    let refused = |path: &str, body: Value, field: &str, max: &str| {
        let r = sim.control("PUT", path, body.clone());
        assert_t6(&r, field);
        let msg = r.json()["errorMessage"].as_str().unwrap().to_string();
        assert!(msg.contains(max), "{body}: {msg}");
    };
    refused(
        "/_sim/faults",
        json!({"latencyMs": u64::MAX}),
        "latencyMs",
        "30000",
    );
    refused(
        "/_sim/faults",
        json!({"latencyMs": 30_001}),
        "latencyMs",
        "30000",
    );
    refused(
        "/_sim/faults",
        json!({"retryAfterSecs": 3601}),
        "retryAfterSecs",
        "3600",
    );
    refused(
        "/_sim/faults",
        json!({"failNextActions": 1001}),
        "failNextActions",
        "1000",
    );
    refused(
        "/_sim/faults",
        json!({"next": [{"kind": "500", "count": 10_001}]}),
        "next[0].count",
        "10000",
    );
    let rules: Vec<Value> = (0..101).map(|_| json!({"kind": "500"})).collect();
    refused("/_sim/faults", json!({ "next": rules }), "next", "100");
    refused(
        "/_sim/faults",
        json!({"next": [{"kind": "500", "pathPrefix": "/".repeat(257)}]}),
        "next[0].pathPrefix",
        "256",
    );
    refused(
        "/_sim/faults",
        json!({"rate500": 1.5}),
        "rate500",
        "between 0 and 1",
    );
    refused(
        "/_sim/config",
        json!({"actionMs": 3_600_001}),
        "actionMs",
        "3600000",
    );
    refused(
        "/_sim/config",
        json!({"tokenTtlSecs": 86_401}),
        "tokenTtlSecs",
        "86400",
    );
    refused(
        "/_sim/config",
        json!({"refreshTtlSecs": 2_592_001}),
        "refreshTtlSecs",
        "2592000",
    );
    // Nothing of the refused calls stuck; the maximum itself is accepted.
    assert_eq!(
        sim.control("GET", "/_sim/faults", json!(null)).json()["latencyMs"],
        0
    );
    assert_eq!(
        sim.control("GET", "/_sim/config", json!(null)).json()["actionMs"],
        50
    );
    let r = sim.control("PUT", "/_sim/faults", json!({"latencyMs": 30_000}));
    assert_eq!(r.status, 200, "{}", r.text());
    // The same bounds at start-up.
    let mut c = Config::for_tests();
    assert!(c
        .apply_args(&["--action-ms".into(), "3600001".into()])
        .is_err());
    assert!(Config::from_env(|k| (k == "ITCARE_SIM_LATENCY_MS").then(|| "30001".into())).is_err());
}

// ---------------------------------------------------------------------------------------------
// Connections (paused clock)

async fn read_until_closed(s: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;
    out
}

#[tokio::test(start_paused = true)]
async fn silent_slow_and_idle_connections_are_closed_after_the_header_timeout() {
    let timeout = Duration::from_secs(10);
    let sim = itcare_sim::spawn(Config {
        header_timeout: timeout,
        ..Config::for_tests()
    })
    .await
    .unwrap();
    let start = tokio::time::Instant::now();

    // Connected, never a byte: closed at the timeout, with no answer.
    let mut silent = tokio::net::TcpStream::connect(sim.addr).await.unwrap();
    assert!(read_until_closed(&mut silent).await.is_empty());
    let waited = start.elapsed();
    assert!(waited >= timeout && waited < timeout * 2, "{waited:?}");

    // Half a header (slowloris): closed too.
    let start = tokio::time::Instant::now();
    let mut slow = tokio::net::TcpStream::connect(sim.addr).await.unwrap();
    slow.write_all(b"GET /itcare/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .unwrap();
    assert!(read_until_closed(&mut slow).await.is_empty());
    assert!(start.elapsed() >= timeout);

    // Kept alive after an answer, then idle: closed at the timeout.
    let mut idle = tokio::net::TcpStream::connect(sim.addr).await.unwrap();
    idle.write_all(b"GET /itcare/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let start = tokio::time::Instant::now();
    let answer = read_until_closed(&mut idle).await;
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
    assert!(
        start.elapsed() >= timeout,
        "kept alive until the idle timeout"
    );

    // A complete request is answered at once.
    let start = tokio::time::Instant::now();
    let mut quick = tokio::net::TcpStream::connect(sim.addr).await.unwrap();
    quick
        .write_all(b"GET /itcare/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    assert!(read_until_closed(&mut quick)
        .await
        .starts_with(b"HTTP/1.1 200"));
    assert!(start.elapsed() < timeout);
    sim.shutdown().await;
}

#[tokio::test(start_paused = true)]
async fn a_body_trickling_into_the_api_gets_408_at_the_request_timeout() {
    // Before, the deadline of the whole request (fault latency included) let a trickling body
    // hold its connection twice as long.
    let timeout = Duration::from_secs(30);
    let sim = itcare_sim::spawn(Config {
        request_timeout: timeout,
        ..Config::for_tests()
    })
    .await
    .unwrap();
    let start = tokio::time::Instant::now();
    let mut slow = tokio::net::TcpStream::connect(sim.addr).await.unwrap();
    slow.write_all(
        b"POST /itcare/databases/postgresql HTTP/1.1\r\nHost: 127.0.0.1\r\n\
          Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
    )
    .await
    .unwrap();
    let answer = read_until_closed(&mut slow).await;
    let waited = start.elapsed();
    assert!(answer.starts_with(b"HTTP/1.1 408"), "{answer:?}");
    assert!(
        String::from_utf8_lossy(&answer).contains("REQUEST_TIMEOUT"),
        "T6 body"
    );
    assert!(
        waited >= timeout && waited < timeout + Duration::from_secs(1),
        "{waited:?}"
    );
    sim.shutdown().await;
}

#[tokio::test(start_paused = true)]
async fn connections_beyond_the_cap_wait_until_one_closes() {
    let sim = itcare_sim::spawn(Config {
        max_connections: 2,
        header_timeout: Duration::from_secs(3600),
        ..Config::for_tests()
    })
    .await
    .unwrap();
    let health = b"GET /itcare/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    let first = tokio::net::TcpStream::connect(sim.addr).await.unwrap();
    let _second = tokio::net::TcpStream::connect(sim.addr).await.unwrap();
    // The kernel completes the third handshake (backlog), but nobody serves it...
    let mut third = tokio::net::TcpStream::connect(sim.addr).await.unwrap();
    third.write_all(health).await.unwrap();
    let mut buf = [0u8; 16];
    let waited = tokio::time::timeout(Duration::from_secs(60), third.read(&mut buf)).await;
    assert!(waited.is_err(), "served beyond the cap: {buf:?}");
    // ... until a slot frees.
    drop(first);
    let answer = read_until_closed(&mut third).await;
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
    sim.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// Refusals

#[test]
fn every_refusal_of_the_http_layer_has_the_t6_body() {
    let sim = Sim::seeded();
    let bearer = format!("Bearer {}", sim.token);
    let auth = [("Authorization", bearer.as_str())];
    // 413: a body over 2 MB.
    let big = vec![b'a'; 2 * 1024 * 1024 + 1];
    let r = sim.raw(
        "POST",
        "/itcare/databases/postgresql",
        &[auth[0], ("Content-Type", VENDOR_JSON)],
        Some(&big),
    );
    assert_refusal(&r, 413, "body");
    // 405 keeps its Allow header.
    let r = sim.raw("PUT", "/itcare/databases/postgresql", &auth, None);
    assert_refusal(&r, 405, "method");
    assert!(r.header("allow").is_some_and(|a| a.contains("POST")));
    assert_refusal(&sim.raw("DELETE", "/_sim/reset", &[], None), 405, "method");
    // 415 (T4).
    let r = sim.raw(
        "POST",
        "/itcare/databases/postgresql",
        &[auth[0], ("Content-Type", "text/plain")],
        Some(b"{}"),
    );
    assert_refusal(&r, 415, "Content-Type");
    // 404 of unknown paths, under the API (behind the token) and the controls.
    assert_refusal(&sim.get("/itcare/nope"), 404, "path");
    assert_refusal(&sim.get("/itcare/databases/postgresql/1/nope"), 404, "path");
    assert_refusal(&sim.raw("GET", "/_sim/nope", &[], None), 404, "path");
    assert_refusal(&sim.raw("GET", TOKEN_PATH, &[], None), 405, "method");
    // A path id that is not even UTF-8: the id's T6 400.
    assert_t6(&sim.get("/itcare/databases/postgresql/%FF%FE"), "id");
    // What T5 documents as empty stays empty.
    assert_empty(&sim.get("/itcare/databases/postgresql/42"), 404);
    assert_empty(&sim.raw("GET", "/itcare/nope", &[], None), 401);
}

#[test]
fn a_double_slash_never_redirects_to_another_host() {
    let www = temp_dir("www");
    std::fs::create_dir_all(www.join("js")).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html>").unwrap();
    std::fs::write(www.join("js/index.html"), "<!doctype html>").unwrap();
    let pkg = temp_dir("pkg");
    std::fs::create_dir_all(pkg.join("snippets")).unwrap();
    std::fs::write(pkg.join("snippets/index.html"), "x").unwrap();
    let sim = Sim::with(Config {
        www: Some(www.clone()),
        pkg: Some(pkg.clone()),
        ..Config::for_tests()
    });
    for (path, to) in [
        ("//js", "/js/"),
        ("///js", "/js/"),
        ("/js", "/js/"),
        ("//js?x=1", "/js/?x=1"),
        ("/pkg/snippets", "/pkg/snippets/"),
        ("/pkg//snippets", "/pkg/snippets/"),
    ] {
        let r = sim.raw("GET", path, &[], None);
        assert!(r.status / 100 == 3, "{path}: {}", r.status);
        assert_eq!(r.header("location"), Some(to), "{path}");
    }
    assert_eq!(sim.raw("GET", "//js/", &[], None).status, 200);
    let _ = std::fs::remove_dir_all(www);
    let _ = std::fs::remove_dir_all(pkg);
}

// ---------------------------------------------------------------------------------------------
// One reading

#[test]
fn non_positive_ids_get_400_everywhere() {
    let sim = Sim::seeded();
    for id in ["0", "-5", "-9223372036854775808", "abc", "1.5"] {
        for sub in [
            "",
            "/nodes",
            "/databases",
            "/extensions",
            "/networks",
            "/versions",
        ] {
            assert_t6(
                &sim.get(&format!("/itcare/databases/postgresql/{id}{sub}")),
                "id",
            );
        }
        assert_t6(
            &sim.delete(&format!("/itcare/databases/postgresql/{id}")),
            "id",
        );
        let r = sim.send_json(
            "PATCH",
            &format!("/itcare/databases/postgresql/{id}"),
            "application/json",
            &json!({"operation": "start"}),
        );
        assert_t6(&r, "id");
        assert_t6(&sim.get(&format!("/itcare/actions/{id}")), "id");
    }
    for key in ["resourceId", "serviceId"] {
        for v in ["0", "-1"] {
            assert_t6(&sim.get(&format!("/itcare/actions?{key}={v}")), key);
        }
    }
    assert_t6(
        &sim.get("/itcare/databases/postgresql?serviceId=0"),
        "serviceId",
    );
    // A positive id that does not exist is still 404.
    assert_empty(&sim.get("/itcare/actions/1"), 404);
}

/// The server's answer agrees with the SDK validator on `body`: accepted (202) when it finds
/// no issue, else 400 T6 naming its first issue, or 422 for a `state` issue.
fn agrees(r: &Resp, issues: &[itcare_postgresql::validate::ValidationIssue], what: &str) {
    match issues.first() {
        None => assert_eq!(
            r.status,
            202,
            "{what}: validator accepts, server says {} {}",
            r.status,
            r.text()
        ),
        Some(i) if i.code == itcare_postgresql::validate::IssueCode::State => {
            assert_eq!(r.status, 422, "{what}: {}", r.text())
        }
        Some(i) => assert_t6(r, &i.path),
    }
}

#[test]
fn the_server_accepts_exactly_what_the_validators_accept() {
    let sim = Sim::seeded();
    // Create: integral floats are integers (C3, C5, C8); fractions, strings, huge values are not.
    let cases = [
        ("diskSize", json!(40.0)),
        ("diskSize", json!(40.5)),
        ("diskSize", json!("40")),
        ("diskSize", json!(1e300)),
        ("diskSize", json!(1024.0)),
        ("diskSize", json!(1025.0)),
        ("serviceId", json!(123.0)),
        ("networkId", json!(132.0)),
        ("allowedReplicationLag", json!(10.0)),
        ("allowedReplicationLag", json!(0.0)),
        ("cloudId", json!(1.0)),
        ("cloudId", json!(1.5)),
        ("cloudId", Value::Null),
        ("az", json!("")),
        ("area", json!("")),
    ];
    for (n, (field, value)) in cases.iter().enumerate() {
        let body = create_with(
            &format!("onereading{n:02}"),
            json!({ *field: value.clone() }),
        );
        let issues = validate_create(&body, Locale::En);
        agrees(&sim.create_raw(&body), &issues, &format!("{field}={value}"));
        // The SDK's own model reads what its validator passed (the third reader).
        if issues.is_empty() {
            serde_json::from_value::<CreatePostgresql>(body)
                .unwrap_or_else(|e| panic!("{field}={value}: the model refuses it: {e}"));
        }
    }
    let created = sim
        .get("/itcare/databases/postgresql?name=onereading00")
        .json();
    assert_eq!(created["content"][0]["storage"], 40, "{created}");

    // PATCH on the seeded one-node instance (O5 patch group, O4 lag, O3 source id).
    let qa = sim.instance(SEEDED_QA16);
    let ctx = |inst: &Value| OperationContext {
        production: Some(false),
        now: Some(rfc3339(sim.now_ms())),
        instance: serde_json::from_value(inst.clone()).ok(),
        node_count: Some(1),
        versions: None,
    };
    for group in [json!(""), json!("3"), json!(3), Value::Null] {
        let body = json!({"operation": "update_patch_party",
            "options": {"patchParty": {"excluded": false, "patchGroup": group}}});
        let issues = validate_operation(&body, &ctx(&qa), sim.now_ms(), Locale::En);
        let r = sim.patch(SEEDED_QA16, body.clone());
        agrees(&r, &issues, &format!("patchGroup={group}"));
        if issues.is_empty() {
            serde_json::from_value::<PostgresqlOperation>(body.clone())
                .unwrap_or_else(|e| panic!("patchGroup={group}: the model refuses it: {e}"));
        }
        let stored = &sim.instance(SEEDED_QA16)["patchParty"]["patchGroup"];
        if group.is_string() && group != "" || group.is_number() {
            assert_eq!(
                stored,
                &json!(group.to_string().trim_matches('"')),
                "{group}"
            );
        }
        assert_ne!(stored, "", "an empty group is never stored");
    }
    // enable_ha with an integral float lag: accepted and stored as that lag.
    let body = json!({"operation": "enable_ha", "options": {"replicationLag": 25.0}});
    let issues = validate_operation(&body, &ctx(&qa), sim.now_ms(), Locale::En);
    let r = sim.patch(SEEDED_QA16, body);
    agrees(&r, &issues, "replicationLag=25.0");
    sim.wait_action(r.json()["id"].as_i64().unwrap());
    assert_eq!(sim.instance(SEEDED_QA16)["allowedReplicationLag"], 25);
    // restore with an integral float source id: the server finds that source.
    let prod = sim.instance(SEEDED_HA15);
    let body = json!({"operation": "restore", "options": {
        "sourceId": SEEDED_HA15 as f64, "stop": "BEFORE", "timestamp": rfc3339(sim.now_ms() - 3_600_000)}});
    let issues = validate_operation(&body, &ctx(&prod), sim.now_ms(), Locale::En);
    agrees(
        &sim.patch(SEEDED_HA15, body),
        &issues,
        "sourceId as a float",
    );
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[test]
fn refresh_tokens_rotate_and_a_used_one_is_refused() {
    let sim = Sim::start();
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let first = sim.raw("POST", "/_sim/dev-token", &[], None).json();
    let refresh = |token: &str| {
        let body = format!("grant_type=refresh_token&refresh_token={token}");
        sim.raw("POST", TOKEN_PATH, &[form], Some(body.as_bytes()))
    };
    let old = first["refresh_token"].as_str().unwrap().to_string();
    let r = refresh(&old);
    assert_eq!(r.status, 200, "{}", r.text());
    let new = r.json()["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(new, old, "a new refresh token with every refresh");
    // Replaying the used one: Keycloak's invalid_grant.
    let r = refresh(&old);
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_grant");
    // The new one works, once.
    assert_eq!(refresh(&new).status, 200);
    assert_eq!(refresh(&new).status, 400);
}

// ---------------------------------------------------------------------------------------------
// The binary

#[test]
fn binding_beyond_loopback_prints_a_warning() {
    let run = |host: &str| -> String {
        let mut child = Command::new(env!("CARGO_BIN_EXE_itcare-sim"))
            .args(["--host", host, "--port", "0", "--no-seed"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary starts");
        // Listening means every start-up warning is already written.
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.starts_with("ITCARE_SIM_LISTENING"), "{line}");
        let _ = child.kill();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let _ = child.wait();
        err
    };
    let err = run("0.0.0.0");
    assert!(err.contains("warning: --host 0.0.0.0"), "{err}");
    assert!(err.contains("127.0.0.1"), "{err}");
    assert!(!run("127.0.0.1").contains("warning"));
    assert!(!Config {
        host: "::".into(),
        ..Config::default()
    }
    .binds_loopback_only());
    assert!(Config {
        host: "localhost".into(),
        ..Config::default()
    }
    .binds_loopback_only());
}

// ---------------------------------------------------------------------------------------------
// Static files

fn temp_dir(what: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "itcare-sim-hardening-{what}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn the_portal_has_security_headers_compression_and_a_cache_policy() {
    let www = temp_dir("portal");
    let html = format!(
        "<!doctype html><title>p</title>{}",
        "<p>portal</p>".repeat(200)
    );
    std::fs::write(www.join("index.html"), &html).unwrap();
    let sim = Sim::with(Config {
        www: Some(www.clone()),
        ..Config::for_tests()
    });
    let r = sim.raw("GET", "/", &[("Accept-Encoding", "gzip")], None);
    assert_eq!(r.status, 200);
    let csp = r.header("content-security-policy").unwrap_or_default();
    for part in [
        "frame-ancestors 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_string(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, html);
    // Revalidation: the ETag answers 304.
    let tag = r.header("etag").expect("an ETag").to_string();
    let r = sim.raw("GET", "/", &[("If-None-Match", &tag)], None);
    assert_eq!(r.status, 304);
    assert!(r.body.is_empty());
    // br when asked, nothing when not.
    let r = sim.raw("GET", "/", &[("Accept-Encoding", "br")], None);
    assert_eq!(r.header("content-encoding"), Some("br"));
    let r = sim.raw("GET", "/", &[], None);
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.text(), html);
    // The API answers carry nosniff too.
    let r = sim.raw("GET", "/itcare/health", &[], None);
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));

    // The deployer's framing list replaces 'none' (and X-Frame-Options: DENY goes).
    let framed = Sim::with(Config {
        www: Some(www.clone()),
        frame_ancestors: "https://intranet.example".into(),
        ..Config::for_tests()
    });
    let r = framed.raw("GET", "/", &[], None);
    assert!(r
        .header("content-security-policy")
        .unwrap_or_default()
        .ends_with("frame-ancestors https://intranet.example"));
    assert_eq!(r.header("x-frame-options"), None);
    let _ = std::fs::remove_dir_all(www);
}

#[test]
fn the_csp_header_is_the_portals_own_meta_policy() {
    // One source of truth: the header must not drift from what www/index.html declares, except
    // `connect-src`: the meta names the portal's origin and the API's published origins (T1) for
    // hosts that serve the portal elsewhere, the simulator narrows it to its own origin (both
    // policies apply; tests/origins.rs). Neither is `*`.
    let index =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/index.html")).unwrap();
    let meta = index
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the portal declares its CSP in a <meta>");
    let directives = |policy: &str| -> Vec<String> {
        policy
            .split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (meta, header) = (
        directives(meta),
        directives(itcare_sim::config::DEFAULT_CSP),
    );
    assert_eq!(meta.len(), header.len(), "{meta:?} / {header:?}");
    for (m, h) in meta.iter().zip(&header) {
        if h.starts_with("connect-src ") {
            assert_eq!(h, "connect-src 'self'");
            assert_eq!(
                m,
                "connect-src 'self' https://api.cegedim.cloud https://itcare.cegedim.cloud"
            );
        } else {
            assert_eq!(m, h);
        }
    }
}
