//! PATCH operations (O1-O8, P4): each state change after its action completes, 409 on
//! concurrent operations, the server-side rules (422 for state, 400 T6 for fields).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::json;

/// Seeded ids (see `state.rs`): 854 billingqa01 (123, pg16, STANDALONE, ACTIVE), 855 billingprd01
/// (456 production, pg15, HA), 856 datalab01 (789, pg14), 857 legacyapp01 (123, pg11, STOPPED).
const QA16: i64 = 500_061_854;
const PROD15_HA: i64 = 500_061_855;
const LAB14: i64 = 500_061_856;
const LEGACY11: i64 = 500_061_857;

#[test]
fn stop_then_start() {
    let sim = Sim::seeded();
    let a = sim.operate(QA16, json!({"operation": "stop"}));
    assert_eq!(a["status"], "SUCCESS");
    assert_eq!(a["process"], "postgresql.stop");
    assert_eq!(sim.instance(QA16)["status"], "STOPPED");
    let nodes = sim
        .get(&format!("/itcare/databases/postgresql/{QA16}/nodes"))
        .json();
    assert_eq!(nodes[0]["status"], "STOPPED");
    // stop on a stopped instance: inconsistent data.
    assert_empty(&sim.patch(QA16, json!({"operation": "stop"})), 422);
    sim.operate(QA16, json!({"operation": "start"}));
    assert_eq!(sim.instance(QA16)["status"], "ACTIVE");
    assert_empty(&sim.patch(QA16, json!({"operation": "start"})), 422);
}

#[test]
fn resize_changes_sizing_cpu_ram_o2() {
    let sim = Sim::seeded();
    sim.operate(
        QA16,
        json!({"operation": "resize", "options": {"sizing": "8cpu32gb"}}),
    );
    let i = sim.instance(QA16);
    assert_eq!(
        (
            i["nodeSizing"].as_str(),
            i["cpu"].as_i64(),
            i["ram"].as_i64()
        ),
        (Some("8cpu32gb"), Some(8), Some(32))
    );
    let nodes = sim
        .get(&format!("/itcare/databases/postgresql/{QA16}/nodes"))
        .json();
    assert_eq!(nodes[0]["cpu"], 8);
    assert_t6(
        &sim.patch(
            QA16,
            json!({"operation": "resize", "options": {"sizing": "huge"}}),
        ),
        "options.sizing",
    );
    assert_t6(
        &sim.patch(QA16, json!({"operation": "resize"})),
        "options.sizing",
    );
}

#[test]
fn enable_ha_adds_a_node_in_the_paired_data_center_o4() {
    let sim = Sim::seeded();
    sim.operate(QA16, json!({"operation": "enable_ha", "options": {"replicationLag": 50, "changeReference": "RFC 1"}}));
    let i = sim.instance(QA16);
    assert_eq!(i["topology"], "HA");
    assert_eq!(i["nodeCount"], 2);
    assert_eq!(i["allowedReplicationLag"], 50);
    let nodes = sim
        .get(&format!("/itcare/databases/postgresql/{QA16}/nodes"))
        .json();
    assert_eq!(nodes[1]["availabilityZone"]["datacenterId"], "EB5");
    // O4: already HA -> 422; below version 12 -> 422; replicationLag out of range -> 400.
    assert_empty(
        &sim.patch(
            QA16,
            json!({"operation": "enable_ha", "options": {"replicationLag": 50}}),
        ),
        422,
    );
    sim.operate(LEGACY11, json!({"operation": "start"}));
    assert_empty(
        &sim.patch(
            LEGACY11,
            json!({"operation": "enable_ha", "options": {"replicationLag": 50}}),
        ),
        422,
    );
    assert_t6(
        &sim.patch(
            LAB14,
            json!({"operation": "enable_ha", "options": {"replicationLag": 501}}),
        ),
        "options.replicationLag",
    );
}

#[test]
fn update_patch_party_is_synchronous_o5() {
    let sim = Sim::seeded();
    let r = sim.patch(
        QA16,
        json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": true, "exclusionReason": "I want to handle this by myself"}}}),
    );
    assert_eq!(r.status, 202);
    let a = r.json();
    assert_eq!(a["status"], "SUCCESS", "answered synchronously, still 202");
    let pp = &sim.instance(QA16)["patchParty"];
    assert_eq!(pp["excluded"], true);
    assert_eq!(pp["exclusionReason"], "I want to handle this by myself");
    assert!(pp["exclusionDate"].is_string());
    // The instance is not busy afterwards.
    let r = sim.patch(QA16, json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": false, "patchGroup": "3"}}}));
    assert_eq!(r.status, 202);
    let pp = &sim.instance(QA16)["patchParty"];
    assert_eq!(
        (pp["excluded"].as_bool(), pp["patchGroup"].as_str()),
        (Some(false), Some("3"))
    );
    assert!(pp.get("exclusionReason").is_none());
    // O5: patchGroup only with exactly one member -> 422 on the HA instance.
    assert_empty(
        &sim.patch(PROD15_HA, json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": false, "patchGroup": "3"}}})),
        422,
    );
    assert_eq!(
        sim.patch(PROD15_HA, json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": false}}})).status,
        202
    );
    // exclusionReason required when excluded.
    assert_eq!(sim.patch(QA16, json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": true}}})).status, 400);
}

#[test]
fn install_extension_adds_to_databases_o6_p4() {
    let sim = Sim::seeded();
    sim.operate(
        QA16,
        json!({"operation": "install_extension", "options": {"dbname": "billingqa01", "extensions_list": [{"name": "pgcrypto"}, {"name": "postgis"}]}}),
    );
    let dbs = sim
        .get(&format!("/itcare/databases/postgresql/{QA16}/databases"))
        .json();
    let app = dbs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "billingqa01")
        .unwrap();
    let names: Vec<&str> = app["extensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"pgcrypto") && names.contains(&"postgis"),
        "{names:?}"
    );
    // Unknown database / extension: 400 naming the field.
    assert_t6(
        &sim.patch(QA16, json!({"operation": "install_extension", "options": {"dbname": "nodb", "extensions_list": [{"name": "pgcrypto"}]}})),
        "options.dbname",
    );
    assert_t6(
        &sim.patch(QA16, json!({"operation": "install_extension", "options": {"dbname": "postgres", "extensions_list": [{"name": "pgcrypto"}, {"name": "evil"}]}})),
        "options.extensions_list[1].name",
    );
    assert_eq!(
        sim.patch(QA16, json!({"operation": "install_extension", "options": {"dbname": "postgres", "extensions_list": []}})).status,
        400
    );
    // P4: below 15 the server refuses (422).
    assert_empty(
        &sim.patch(LAB14, json!({"operation": "install_extension", "options": {"dbname": "postgres", "extensions_list": [{"name": "pgcrypto"}]}})),
        422,
    );
}

#[test]
fn upgrade_changes_version_and_product_o7() {
    let sim = Sim::seeded();
    assert_t6(
        &sim.patch(
            LAB14,
            json!({"operation": "upgrade", "options": {"targetVersion": "13"}}),
        ),
        "options.targetVersion",
    );
    assert_eq!(
        sim.patch(LAB14, json!({"operation": "upgrade"})).status,
        400
    );
    sim.operate(LAB14, json!({"operation": "upgrade", "options": {"targetVersion": "16", "changeReference": "RFC 1234"}}));
    let i = sim.instance(LAB14);
    assert!(
        i["version"].as_str().unwrap().starts_with("16"),
        "{}",
        i["version"]
    );
    assert_eq!(i["productCode"], "deb12pg16");
    assert_eq!(
        sim.get(&format!("/itcare/databases/postgresql/{LAB14}/versions"))
            .json(),
        json!([])
    );
    // Now on 16, extensions are self-service (P4).
    assert_eq!(
        sim.patch(LAB14, json!({"operation": "install_extension", "options": {"dbname": "postgres", "extensions_list": [{"name": "vector"}]}})).status,
        202
    );
}

#[test]
fn restore_rules_and_effect_o3() {
    let sim = Sim::seeded();
    let target = sim.create_active(&create_body("restoredst01"));
    let recent = rfc3339(sim.now_ms() - 3 * 86_400_000);
    // Source QA16 (non-production service 123): 3 days back is inside the 7-day window.
    let a = sim.operate(target, json!({"operation": "restore", "options": {"sourceId": QA16, "stop": "BEFORE", "timestamp": recent}}));
    assert_eq!(a["status"], "SUCCESS");
    let i = sim.instance(target);
    assert!(
        i["comment"].as_str().unwrap().contains("billingqa01"),
        "{}",
        i["comment"]
    );
    let dbs = sim
        .get(&format!("/itcare/databases/postgresql/{target}/databases"))
        .json();
    assert!(
        dbs.as_array()
            .unwrap()
            .iter()
            .any(|d| d["name"] == "billingqa01"),
        "source databases restored: {dbs}"
    );

    // Window: 10 days back is outside 7 days for a non-production service (400 on the timestamp).
    let old = rfc3339(sim.now_ms() - 10 * 86_400_000);
    assert_t6(&sim.patch(target, json!({"operation": "restore", "options": {"sourceId": QA16, "stop": "AFTER", "timestamp": old}})), "options.timestamp");
    // Bad format / future.
    assert_t6(&sim.patch(target, json!({"operation": "restore", "options": {"sourceId": QA16, "stop": "AFTER", "timestamp": "yesterday"}})), "options.timestamp");
    assert_t6(&sim.patch(target, json!({"operation": "restore", "options": {"sourceId": QA16, "stop": "LATER", "timestamp": recent}})), "options.stop");
    // Unknown source: 400 naming sourceId.
    assert_t6(&sim.patch(target, json!({"operation": "restore", "options": {"sourceId": 12345, "stop": "AFTER", "timestamp": recent}})), "options.sourceId");
    // Source not ACTIVE: 422.
    sim.operate(QA16, json!({"operation": "stop"}));
    assert_empty(&sim.patch(target, json!({"operation": "restore", "options": {"sourceId": QA16, "stop": "AFTER", "timestamp": recent}})), 422);
    // Different major version (source pg14): 422.
    assert_empty(&sim.patch(target, json!({"operation": "restore", "options": {"sourceId": LAB14, "stop": "AFTER", "timestamp": recent}})), 422);
}

#[test]
fn restore_window_is_14_days_for_a_production_service() {
    let sim = Sim::seeded();
    let target = sim.create_active(&create_with(
        "prodtarget01",
        json!({"serviceId": 456, "productCode": "deb12pg15", "area": "EB-PROD", "networkId": 201}),
    ));
    let ten_days = rfc3339(sim.now_ms() - 10 * 86_400_000);
    let a = sim.operate(target, json!({"operation": "restore", "options": {"sourceId": PROD15_HA, "stop": "AFTER", "timestamp": ten_days}}));
    assert_eq!(a["status"], "SUCCESS");
    let twenty = rfc3339(sim.now_ms() - 20 * 86_400_000);
    assert_t6(
        &sim.patch(target, json!({"operation": "restore", "options": {"sourceId": PROD15_HA, "stop": "AFTER", "timestamp": twenty}})),
        "options.timestamp",
    );
}

#[test]
fn a_second_operation_while_one_runs_is_409() {
    let sim = Sim::seeded();
    sim.control("PUT", "/_sim/config", json!({"actionMs": 60_000}));
    let r = sim.patch(
        QA16,
        json!({"operation": "resize", "options": {"sizing": "4cpu8gb"}}),
    );
    assert_eq!(r.status, 202);
    assert_empty(&sim.patch(QA16, json!({"operation": "stop"})), 409);
    assert_empty(
        &sim.delete(&format!("/itcare/databases/postgresql/{QA16}")),
        409,
    );
    assert_empty(
        &sim.patch(QA16, json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": false}}})),
        409,
    );
    // Not applied before its time.
    assert_eq!(sim.instance(QA16)["nodeSizing"], "2cpu4gb");
    sim.control("POST", "/_sim/finish-actions", json!({}));
    assert_eq!(
        sim.wait_action(r.json()["id"].as_i64().unwrap())["status"],
        "SUCCESS"
    );
    assert_eq!(sim.instance(QA16)["nodeSizing"], "4cpu8gb");
    assert_eq!(sim.patch(QA16, json!({"operation": "stop"})).status, 202);
    // Operations on an instance being created: 409 too.
    let c = sim.create_raw(&create_body("busycreate01")).json();
    assert_empty(
        &sim.patch(
            c["internalId"].as_i64().unwrap(),
            json!({"operation": "stop"}),
        ),
        409,
    );
}

#[test]
fn unknown_operation_is_400_o8() {
    let sim = Sim::seeded();
    assert_t6(
        &sim.patch(QA16, json!({"operation": "explode"})),
        "operation",
    );
    assert_t6(&sim.patch(QA16, json!({})), "operation");
    // O1: extra options of start/stop are ignored (the validator leaves them to the server).
    assert_eq!(
        sim.patch(QA16, json!({"operation": "stop", "options": {"x": 1}}))
            .status,
        202
    );
    let b = format!("Bearer {}", sim.token);
    let r = sim.raw(
        "PATCH",
        &format!("/itcare/databases/postgresql/{QA16}"),
        &[("Authorization", &b), ("Content-Type", "text/plain")],
        Some(b"{}"),
    );
    assert_refusal(&r, 415, "Content-Type");
}
