//! CORS (preflight and answers), static files, reset, run-time config, catalogue, and the binary
//! (flags, listening line, port file, SIGTERM).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use itcare_sim::Config;
use serde_json::json;

#[test]
fn cors_preflight_allows_authorization_vendor_json_patch_delete() {
    let sim = Sim::start();
    for (method, headers) in [
        ("POST", "authorization,content-type"),
        ("PATCH", "authorization,content-type"),
        ("DELETE", "authorization"),
    ] {
        let r = sim.raw(
            "OPTIONS",
            "/itcare/databases/postgresql/1",
            &[
                ("Origin", "http://127.0.0.1:9999"),
                ("Access-Control-Request-Method", method),
                ("Access-Control-Request-Headers", headers),
            ],
            None,
        );
        assert!(r.status == 200 || r.status == 204, "{method}: {}", r.status);
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some("http://127.0.0.1:9999")
        );
        let methods = r
            .header("access-control-allow-methods")
            .unwrap_or_default()
            .to_ascii_uppercase();
        assert!(methods.contains(method), "{methods}");
        let allowed = r
            .header("access-control-allow-headers")
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(
            allowed.contains("authorization")
                && (method == "DELETE" || allowed.contains("content-type")),
            "{allowed}"
        );
    }
    // A preflight never needs a token and is never faulted.
    sim.control("PUT", "/_sim/faults", json!({"rate500": 1.0}));
    let r = sim.raw(
        "OPTIONS",
        "/itcare/databases/postgresql",
        &[
            ("Origin", "http://[::1]:8000"),
            ("Access-Control-Request-Method", "GET"),
        ],
        None,
    );
    assert!(r.status == 200 || r.status == 204);
}

#[test]
fn cors_headers_on_answers_expose_retry_after() {
    let sim = Sim::start();
    let r = sim.raw(
        "GET",
        "/itcare/databases/postgresql",
        &[("Origin", "http://localhost:5173")],
        None,
    );
    assert_eq!(r.status, 401);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    assert!(r
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .contains("retry-after"));
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[
            ("Origin", "http://localhost:5173"),
            ("Authorization", BASIC),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        Some(b"grant_type=client_credentials"),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
}

#[test]
fn serves_www_and_pkg_with_the_right_types() {
    let dir = std::env::temp_dir().join(format!("itcare-sim-static-{}", std::process::id()));
    let www = dir.join("www");
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    std::fs::write(www.join("app.js"), "export const x = 1;").unwrap();
    std::fs::write(
        pkg.join("itcare_postgresql.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(pkg.join("itcare_postgresql_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let sim = Sim::with(Config {
        www: Some(www),
        pkg: Some(pkg),
        ..Config::for_tests()
    });
    let r = sim.raw("GET", "/", &[], None);
    assert_eq!(r.status, 200);
    assert!(r.text().contains("portal"));
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let r = sim.raw("GET", "/app.js", &[], None);
    assert!(
        r.header("content-type").unwrap().contains("javascript"),
        "{:?}",
        r.header("content-type")
    );
    let r = sim.raw("GET", "/pkg/itcare_postgresql.js", &[], None);
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().contains("javascript"));
    let r = sim.raw("GET", "/pkg/itcare_postgresql_bg.wasm", &[], None);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(r.body, b"\0asm\x01\0\0\0");
    assert_eq!(sim.raw("GET", "/pkg/missing.js", &[], None).status, 404);
    // The API is still the API.
    assert_eq!(
        sim.raw("GET", "/itcare/health", &[], None).json()["status"],
        "UP"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reset_empties_or_reseeds() {
    let sim = Sim::seeded();
    sim.create_active(&create_body("resetme01"));
    assert_eq!(
        sim.get("/itcare/databases/postgresql").json()["totalElements"],
        5
    );
    let r = sim.control("POST", "/_sim/reset", json!({"seed": false}));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["instances"], 0);
    assert_eq!(
        sim.get("/itcare/databases/postgresql").json()["totalElements"],
        0
    );
    assert_eq!(sim.get("/itcare/actions").json(), json!([]));
    // Tokens survive a reset.
    let r = sim.control("POST", "/_sim/reset", json!({"seed": true}));
    assert_eq!(r.json()["instances"], 4);
    assert_eq!(
        sim.get("/itcare/databases/postgresql").json()["totalElements"],
        4
    );
    // No body: the start-up choice (seeded here).
    assert_eq!(
        sim.raw("POST", "/_sim/reset", &[], None).json()["instances"],
        4
    );
    assert_eq!(
        sim.control("POST", "/_sim/reset", json!({"seed": "yes"}))
            .status,
        400
    );
}

#[test]
fn action_duration_is_configurable_at_run_time() {
    let sim = Sim::start();
    let r = sim.control("PUT", "/_sim/config", json!({"actionMs": 0}));
    assert_eq!(r.json()["actionMs"], 0);
    let a = sim.create_raw(&create_body("instant01")).json();
    assert_eq!(
        a["status"], "IN_PROGRESS",
        "the 202 always says IN_PROGRESS"
    );
    let a = sim.get(&format!("/itcare/actions/{}", a["id"])).json();
    assert_eq!(a["status"], "SUCCESS");
    assert_eq!(
        sim.raw("GET", "/_sim/config", &[], None).json()["actionMs"],
        0
    );
}

#[test]
fn catalog_lists_services_areas_networks_products() {
    let sim = Sim::start();
    let c = sim.raw("GET", "/_sim/catalog", &[], None).json();
    let services = c["services"].as_array().unwrap();
    assert!(services
        .iter()
        .any(|s| s["id"] == 123 && s["production"] == false));
    assert!(services
        .iter()
        .any(|s| s["id"] == 456 && s["production"] == true));
    let codes: Vec<&str> = c["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    for code in [
        "deb12pg16",
        "deb12pg15",
        "deb11pg14",
        "deb11pg12",
        "deb10pg11",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
    assert!(c["areas"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == "EB-QA"));
    assert!(c["networks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == 132));
}

#[test]
fn binary_prints_listening_writes_port_file_and_stops_on_sigterm() {
    let port_file = std::env::temp_dir().join(format!("itcare-sim-port-{}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_itcare-sim"))
        .args(["--port", "0", "--no-seed", "--port-file"])
        .arg(&port_file)
        .env("ITCARE_SIM_CLIENT_ID", "bin-client")
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let url = first
        .trim()
        .strip_prefix("ITCARE_SIM_LISTENING ")
        .unwrap_or_else(|| panic!("first line: {first}"))
        .to_string();
    let port: u16 = url.rsplit(':').next().unwrap().parse().unwrap();
    assert_eq!(
        std::fs::read_to_string(&port_file).unwrap().trim(),
        port.to_string()
    );
    let mut rest = String::new();
    for _ in 0..4 {
        out.read_line(&mut rest).unwrap();
    }
    assert!(
        rest.contains("bin-client"),
        "dev credentials printed: {rest}"
    );
    let addr = format!("127.0.0.1:{port}").parse().unwrap();
    assert_eq!(
        request(addr, "GET", "/itcare/health", &[], None)
            .unwrap()
            .status,
        200
    );
    assert_eq!(
        request(addr, "GET", "/itcare/databases/postgresql", &[], None)
            .unwrap()
            .status,
        401
    );

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // Wait for the exit on a thread; give up after 10 s instead of hanging the suite.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let code = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("did not stop on SIGTERM")
        .unwrap();
    assert!(code.success(), "{code:?}");
    let _ = std::fs::remove_file(&port_file);
}

#[test]
fn bad_flags_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_itcare-sim"))
        .arg("--bogus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_itcare-sim"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--port-file"));
}

#[test]
fn missing_static_files_are_404_not_html() {
    let dir = std::env::temp_dir().join(format!("itcare-sim-404-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
    let sim = Sim::with(Config {
        www: Some(dir.clone()),
        ..Config::for_tests()
    });
    assert_eq!(sim.raw("GET", "/", &[], None).status, 200);
    assert_eq!(sim.raw("GET", "/js/missing.js", &[], None).status, 404);
    let _ = std::fs::remove_dir_all(&dir);
}
