//! No HTTP input reaches a panic: odd JSON of every type in every field, odd paths, queries and
//! headers get a 4xx and the server keeps serving.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{json, Value};

fn odd_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(-1),
        json!(0),
        json!(1.5),
        json!(9_223_372_036_854_775_807i64),
        json!(-9_223_372_036_854_775_808i64),
        json!(1e300),
        json!(""),
        json!("é🙂\u{0}"),
        json!("x".repeat(10_000)),
        json!([]),
        json!([1, "a", null]),
        json!({}),
        json!({"name": {"deep": [1]}}),
    ]
}

#[test]
fn odd_create_bodies_get_4xx() {
    let sim = Sim::seeded();
    let fields = [
        "productCode",
        "serviceId",
        "nodeSizing",
        "networkId",
        "area",
        "diskSize",
        "admPassword",
        "allowedReplicationLag",
        "az",
        "topology",
        "trigram",
        "tls",
        "name",
        "nodePrefix",
        "product",
        "supportLevel",
        "cloudId",
        "backupEnabled",
    ];
    for f in fields {
        for v in odd_values() {
            let body = create_with("robust01", json!({ f: v }));
            let r = sim.create_raw(&body);
            assert!(
                [202, 400, 403, 409].contains(&r.status),
                "{f}={v}: {} {}",
                r.status,
                r.text()
            );
            if r.status == 400 {
                assert!(r.json()["errorDesc"].is_string());
            }
        }
    }
    assert_eq!(sim.raw("GET", "/itcare/health", &[], None).status, 200);
}

#[test]
fn odd_patch_bodies_get_4xx() {
    let sim = Sim::seeded();
    let ops = [
        "start",
        "stop",
        "resize",
        "restore",
        "enable_ha",
        "update_patch_party",
        "install_extension",
        "upgrade",
        "x",
    ];
    let option_keys = [
        "sizing",
        "sourceId",
        "stop",
        "timestamp",
        "replicationLag",
        "changeReference",
        "patchParty",
        "dbname",
        "extensions_list",
        "targetVersion",
    ];
    for op in ops {
        for k in option_keys {
            for v in odd_values() {
                // Target the HA production instance so no operation is accepted and changes state
                // for the next iterations... except the ones that are valid, which is fine too.
                let r = sim.patch(500_061_855, json!({"operation": op, "options": { k: v }}));
                assert!(
                    [202, 400, 409, 422].contains(&r.status),
                    "{op} {k}={v}: {} {}",
                    r.status,
                    r.text()
                );
                if r.status == 202 {
                    sim.wait_action(r.json()["id"].as_i64().unwrap());
                }
            }
        }
        for v in odd_values() {
            let r = sim.patch(500_061_854, json!({"operation": op, "options": v}));
            assert!(
                [202, 400, 409, 422].contains(&r.status),
                "{op} options={v}: {}",
                r.status
            );
            if r.status == 202 {
                sim.wait_action(r.json()["id"].as_i64().unwrap());
            }
        }
    }
    for v in odd_values() {
        let r = sim.patch(500_061_854, json!({ "operation": v }));
        assert_t6(&r, "operation");
    }
    assert_eq!(sim.raw("GET", "/itcare/health", &[], None).status, 200);
}

#[test]
fn odd_paths_queries_and_headers() {
    let sim = Sim::seeded();
    for p in [
        "/itcare/databases/postgresql/99999999999999999999999",
        "/itcare/databases/postgresql/%FF%FE",
        "/itcare/databases/postgresql/1%2F2",
        "/itcare/databases/postgresql?page=99999999999999999999&size=5",
        "/itcare/databases/postgresql?page=9223372036854775807&size=100",
        "/itcare/databases/postgresql?size=%zz&page",
        "/itcare/actions?statuses=,,,&resourceId=",
        "/itcare/actions/-5",
        "/itcare/../../etc/passwd",
    ] {
        let r = sim.get(p);
        assert!(r.status < 500, "{p}: {}", r.status);
    }
    let big = sim.get("/itcare/databases/postgresql?page=9223372036854775807&size=100");
    assert_eq!(big.json()["content"], json!([]));
    for auth in [
        "Bearer",
        "Bearer    ",
        "bearer x y",
        "Basic",
        "Basic ====",
        "\u{7f}",
    ] {
        let r = request(
            sim.addr(),
            "GET",
            "/itcare/databases/postgresql",
            &[("Authorization", auth)],
            None,
        );
        // A dropped connection is a failure too: every odd header gets an answer.
        let r = r.unwrap_or_else(|e| panic!("{auth:?}: no answer: {e}"));
        assert!(r.status == 401 || r.status == 400, "{auth:?}: {}", r.status);
    }
    for form in [
        "",
        "grant_type",
        "grant_type=%",
        "grant_type=refresh_token&refresh_token=%ZZ",
        "&&&=&=",
    ] {
        let r = sim.raw(
            "POST",
            TOKEN_PATH,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(form.as_bytes()),
        );
        assert!(r.status == 400 || r.status == 401, "{form:?}: {}", r.status);
    }
    assert_eq!(sim.get("/itcare/databases/postgresql").status, 200);
}
