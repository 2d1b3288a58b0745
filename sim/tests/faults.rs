//! Fault injection: 500/503/429, dropped connections, latency, failing actions, hostile text;
//! deterministic rules and seeded rates; controls never faulted.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use itcare_sim::faults::Faults;
use itcare_sim::Config;
use serde_json::json;

const LIST: &str = "/itcare/databases/postgresql";

#[test]
fn faults_are_off_by_default_and_readable() {
    let sim = Sim::start();
    let f = sim.raw("GET", "/_sim/faults", &[], None).json();
    assert_eq!(f["rate500"], 0.0);
    assert_eq!(f["next"], json!([]));
    assert_eq!(f["hostileText"], false);
}

#[test]
fn next_n_requests_get_500_503_429_in_order() {
    let sim = Sim::start();
    let r = sim.control(
        "PUT",
        "/_sim/faults",
        json!({"retryAfterSecs": 7, "next": [
            {"kind": "500", "count": 2, "method": "GET", "pathPrefix": "/itcare/databases"},
            {"kind": "503"},
            {"kind": "429"}
        ]}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    // A POST does not match the first rule (GET only) but matches the 503.
    let r = sim.create_raw(&create_body("faulty01"));
    assert_empty(&r, 503);
    assert_eq!(r.header("retry-after"), Some("7"));
    assert_empty(&sim.get(LIST), 500);
    assert_empty(&sim.get(LIST), 500);
    let r = sim.get(LIST);
    assert_empty(&r, 429);
    assert_eq!(r.header("retry-after"), Some("7"));
    // CORS headers are on faulted answers too (a browser can read the status).
    let r2 = sim.raw(
        "GET",
        "/itcare/health",
        &[("Origin", "http://localhost:3000")],
        None,
    );
    assert_eq!(r2.status, 200);
    assert_eq!(sim.get(LIST).status, 200, "rules used up");
    assert_eq!(
        sim.raw("GET", "/_sim/faults", &[], None).json()["next"],
        json!([])
    );
}

#[test]
fn faulted_answers_carry_cors_headers() {
    let sim = Sim::start();
    sim.control("PUT", "/_sim/faults", json!({"next": [{"kind": "500"}]}));
    let b = format!("Bearer {}", sim.token);
    let r = sim.raw(
        "GET",
        LIST,
        &[("Authorization", &b), ("Origin", "http://localhost:5173")],
        None,
    );
    assert_eq!(r.status, 500);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
}

#[test]
fn dropped_connection_is_a_network_error() {
    let sim = Sim::start();
    sim.control(
        "PUT",
        "/_sim/faults",
        json!({"next": [{"kind": "drop", "count": 1, "method": "GET"}]}),
    );
    let b = format!("Bearer {}", sim.token);
    let err = request(sim.addr(), "GET", LIST, &[("Authorization", &b)], None)
        .expect_err("connection dropped");
    assert!(
        matches!(
            err.kind(),
            std::io::ErrorKind::UnexpectedEof
                | std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
        ),
        "{err:?}"
    );
    assert_eq!(sim.get(LIST).status, 200, "the next request is served");
}

#[test]
fn rates_with_a_seed_are_repeatable_and_controls_stay_reachable() {
    let sim = Sim::start();
    let run = || {
        sim.control("PUT", "/_sim/faults", json!({"rate500": 0.5, "seed": 7}));
        let codes: Vec<u16> = (0..40).map(|_| sim.get(LIST).status).collect();
        // Controls are never faulted, so switching off always works.
        assert_eq!(sim.control("PUT", "/_sim/faults", json!({})).status, 200);
        codes
    };
    let a = run();
    let fails = a.iter().filter(|c| **c == 500).count();
    assert!((8..=32).contains(&fails), "{fails} of 40");
    assert!(a.iter().all(|c| *c == 500 || *c == 200));
    assert_eq!(a, run(), "same seed, same sequence");
    assert_eq!(sim.get(LIST).status, 200);
}

#[test]
fn rate_one_drops_every_request() {
    let sim = Sim::start();
    sim.control("PUT", "/_sim/faults", json!({"dropRate": 1.0}));
    for _ in 0..3 {
        assert!(request(sim.addr(), "GET", "/itcare/health", &[], None).is_err());
    }
    // Static files and controls still answer.
    assert_eq!(sim.raw("GET", "/", &[], None).status, 200);
}

#[test]
fn actions_can_be_made_to_fail() {
    let sim = Sim::seeded();
    sim.control("PUT", "/_sim/faults", json!({"failNextActions": 1}));
    // A refused request (422: start on a running instance) does not use the fault up.
    assert_empty(&sim.patch(500_061_854, json!({"operation": "start"})), 422);
    let r = sim.patch(500_061_854, json!({"operation": "stop"}));
    assert_eq!(r.status, 202);
    let a = sim.wait_action(r.json()["id"].as_i64().unwrap());
    assert_eq!(a["status"], "ERROR");
    assert!(a["message"].as_str().unwrap().contains("failed"), "{a}");
    // No state change on ERROR, and the instance is usable again.
    assert_eq!(sim.instance(500_061_854)["status"], "ACTIVE");
    assert_eq!(
        sim.operate(500_061_854, json!({"operation": "stop"}))["status"],
        "SUCCESS"
    );

    // A failed create leaves the instance in ERROR (it can be deleted).
    sim.control("PUT", "/_sim/faults", json!({"actionErrorRate": 1.0}));
    let r = sim.create_raw(&create_body("failcreate01"));
    let a = sim.wait_action(r.json()["id"].as_i64().unwrap());
    assert_eq!(a["status"], "ERROR");
    let id = a["internalId"].as_i64().unwrap();
    assert_eq!(sim.instance(id)["status"], "ERROR");
    sim.control("PUT", "/_sim/faults", json!({}));
    assert_eq!(
        sim.wait_action(
            sim.delete(&format!("{LIST}/{id}")).json()["id"]
                .as_i64()
                .unwrap()
        )["status"],
        "SUCCESS"
    );
}

#[test]
fn hostile_text_reaches_names_and_messages() {
    let sim = Sim::seeded();
    sim.control("PUT", "/_sim/faults", json!({"hostileText": true}));
    let i = sim.instance(500_061_854);
    for k in ["name", "label", "comment", "serviceName"] {
        let v = i[k].as_str().unwrap();
        assert!(
            v.contains("<img src=x onerror=alert(1)>") && v.contains("<script>"),
            "{k}: {v}"
        );
    }
    let a = sim.patch(500_061_854, json!({"operation": "stop"})).json();
    assert!(a["message"].as_str().unwrap().contains("<script>"));
    assert!(sim.get(LIST).json()["content"][0]["name"]
        .as_str()
        .unwrap()
        .contains("onerror"));
    // Ids and numbers are untouched.
    assert_eq!(i["id"], 500_061_854);
}

#[test]
fn invalid_fault_settings_are_refused() {
    let sim = Sim::start();
    assert_eq!(
        sim.control("PUT", "/_sim/faults", json!({"rate500": 2}))
            .status,
        400
    );
    assert_eq!(
        sim.control("PUT", "/_sim/faults", json!({"typo": 1}))
            .status,
        400
    );
    assert_eq!(
        sim.control("PUT", "/_sim/faults", json!({"next": [{"kind": "418"}]}))
            .status,
        400
    );
}

#[test]
fn faults_from_the_start_config_and_reset_restores_them() {
    let faults = Faults::from_env(|k| match k {
        "ITCARE_SIM_RATE_503" => Some("1".into()),
        _ => None,
    })
    .unwrap();
    let bg = itcare_sim::start_background(Config {
        faults,
        ..Config::for_tests()
    })
    .unwrap();
    assert_eq!(
        request(bg.addr, "GET", "/itcare/health", &[], None)
            .unwrap()
            .status,
        503
    );
    let put = |body: &str| {
        request(
            bg.addr,
            "PUT",
            "/_sim/faults",
            &[("Content-Type", "application/json")],
            Some(body.as_bytes()),
        )
        .unwrap()
    };
    assert_eq!(put("{}").status, 200);
    assert_eq!(
        request(bg.addr, "GET", "/itcare/health", &[], None)
            .unwrap()
            .status,
        200
    );
    // Reset goes back to the start-up faults.
    assert_eq!(
        request(bg.addr, "POST", "/_sim/reset", &[], None)
            .unwrap()
            .status,
        200
    );
    assert_eq!(
        request(bg.addr, "GET", "/itcare/health", &[], None)
            .unwrap()
            .status,
        503
    );
}

#[test]
fn drop_after_and_500_after_process_the_request_first() {
    let sim = Sim::start();
    sim.control(
        "PUT",
        "/_sim/faults",
        json!({"next": [{"kind": "dropAfter", "method": "POST"}]}),
    );
    let b = format!("Bearer {}", sim.token);
    let body = serde_json::to_vec(&create_body("ambiguous01")).unwrap();
    let err = request(
        sim.addr(),
        "POST",
        LIST,
        &[("Authorization", &b), ("Content-Type", VENDOR_JSON)],
        Some(&body),
    );
    assert!(err.is_err(), "no answer");
    // ... but the create happened: its action is findable by name (A3), and a retry is a 409.
    let acts = sim.get("/itcare/actions?resourceName=ambiguous01").json();
    assert_eq!(acts.as_array().unwrap().len(), 1, "{acts}");
    assert_empty(&sim.create_raw(&create_body("ambiguous01")), 409);

    sim.control(
        "PUT",
        "/_sim/faults",
        json!({"next": [{"kind": "500After", "method": "POST"}]}),
    );
    let b2 = format!("Bearer {}", sim.token);
    let r = sim.raw(
        "POST",
        LIST,
        &[
            ("Authorization", &b2),
            ("Content-Type", VENDOR_JSON),
            ("Origin", "http://127.0.0.1:4173"),
        ],
        Some(&serde_json::to_vec(&create_body("ambiguous02")).unwrap()),
    );
    assert_empty(&r, 500);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://127.0.0.1:4173")
    );
    assert_eq!(
        sim.get("/itcare/actions?resourceName=ambiguous02")
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
