//! Every endpoint's success and error codes (T4, T5, T6), the shapes of the reference, actions
//! (A1-A3).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{json, Value};

const INSTANCE_KEYS: &[&str] = &[
    "allowMonitoringDisplay",
    "allowedReplicationLag",
    "area",
    "backupPolicyDetails",
    "backupStatus",
    "category",
    "cloudId",
    "cloudName",
    "comment",
    "cpu",
    "creationTime",
    "creationUser",
    "endOfSalesAt",
    "endOfSupportAt",
    "environment",
    "extendedSupportAt",
    "family",
    "id",
    "instanceCount",
    "internalResourceId",
    "internalType",
    "ipAddress",
    "label",
    "labelArea",
    "labelAvailabilityZone",
    "labelDataCenter",
    "labelRegion",
    "metrologyUrl",
    "monitoringRequested",
    "name",
    "network",
    "networkId",
    "nodeCount",
    "nodeSizing",
    "patchParty",
    "path",
    "prettyLabel",
    "productCode",
    "productName",
    "productVersion",
    "ram",
    "releasedAt",
    "replicationStatus",
    "resourceType",
    "serviceId",
    "serviceKey",
    "serviceName",
    "sizing",
    "status",
    "storage",
    "supportLevel",
    "supportPhase",
    "technology",
    "tlsEnabled",
    "topology",
    "trigram",
    "type",
    "url",
    "version",
];

const NODE_KEYS: &[&str] = &[
    "area",
    "authenticationDomain",
    "availabilityZone",
    "backup",
    "backupPolicyDetails",
    "backupStatus",
    "category",
    "cloudId",
    "cloudName",
    "comment",
    "cpu",
    "creationTime",
    "creationUser",
    "enableProfileBaseNtp",
    "enableProfileBaseResolve",
    "endOfSalesAt",
    "endOfSupportAt",
    "environment",
    "extendedSupportAt",
    "family",
    "firewallBlockIntraSubnetTraffic",
    "firewallEnable",
    "firewallPurge",
    "id",
    "imageCode",
    "internalResourceId",
    "internalType",
    "ipAddress",
    "isExternalIngressNode",
    "isInternalIngressNode",
    "isMemberOFLoadBalancer",
    "label",
    "labelArea",
    "labelAvailabilityZone",
    "labelDataCenter",
    "labelRegion",
    "loadbalancers",
    "manageSentinelOne",
    "metrologyUrl",
    "monitoringRequested",
    "name",
    "network",
    "ntpServers",
    "osName",
    "osType",
    "parentResourceType",
    "patchParty",
    "path",
    "prettyLabel",
    "productCode",
    "productName",
    "productVersion",
    "ram",
    "region",
    "relayHost",
    "releasedAt",
    "replication",
    "replicationStatus",
    "resourceType",
    "serviceId",
    "serviceKey",
    "serviceName",
    "snapshot",
    "status",
    "storage",
    "storageInformation",
    "storageMoveInProgress",
    "supportLevel",
    "supportPhase",
    "technology",
    "type",
];

const NETWORK_KEYS: &[&str] = &[
    "area",
    "cidr",
    "cloud",
    "defaultNetwork",
    "description",
    "dns",
    "environment",
    "gateway",
    "id",
    "ipAddress",
    "ipFreeNumber",
    "isIpRangePublic",
    "mask",
    "networkShortDescription",
    "region",
    "scope",
    "shortDescription",
    "technicalId",
    "usedPercent",
];

fn assert_keys(v: &Value, keys: &[&str]) {
    for k in keys {
        assert!(v.get(k).is_some_and(|x| !x.is_null()), "missing {k} in {v}");
    }
}

#[test]
fn create_answers_202_with_an_in_progress_action_a1_and_the_instance_turns_active() {
    let sim = Sim::start();
    let r = sim.create_raw(&create_body("newpostgre01"));
    assert_eq!(r.status, 202, "{}", r.text());
    let a = r.json();
    for k in [
        "id",
        "internalId",
        "family",
        "process",
        "message",
        "resourceName",
        "resourceType",
        "status",
        "lastUpdatedAt",
    ] {
        assert!(a.get(k).is_some(), "A1 field {k} missing: {a}");
    }
    assert_eq!(a["status"], "IN_PROGRESS");
    assert_eq!(a["resourceName"], "newpostgre01");
    let id = a["internalId"].as_i64().unwrap();
    // While the action runs the instance exists as CREATING.
    assert_eq!(sim.instance(id)["status"], "CREATING");
    let done = sim.wait_action(a["id"].as_i64().unwrap());
    assert_eq!(done["status"], "SUCCESS");
    // A2 adds submittedAt, submittedBy, completedAt.
    for k in ["submittedAt", "submittedBy", "completedAt"] {
        assert!(done[k].is_string(), "A2 field {k}: {done}");
    }
    let inst = sim.instance(id);
    assert_eq!(inst["status"], "ACTIVE");
    assert_eq!(inst["name"], "newpostgre01");
    assert_eq!(inst["productCode"], "deb12pg16");
    assert_eq!(inst["topology"], "STANDALONE");
    assert_eq!(inst["nodeCount"], 1);
    assert_eq!(inst["cpu"], 2);
    assert_eq!(inst["ram"], 4);
    assert_eq!(inst["storage"], 40);
    assert_keys(&inst, INSTANCE_KEYS);
    assert_keys(&inst["network"], NETWORK_KEYS);
    assert!(
        inst["network"]["dns"][0]["alias"].is_string()
            && inst["network"]["dns"][0]["domain"].is_string()
    );
}

#[test]
fn create_accepts_both_json_media_types_t4_and_refuses_others() {
    let sim = Sim::start();
    let r = sim.send_json(
        "POST",
        "/itcare/databases/postgresql",
        "application/json; charset=utf-8",
        &create_body("plainjson01"),
    );
    assert_eq!(r.status, 202, "{}", r.text());
    let r = sim.send_json(
        "POST",
        "/itcare/databases/postgresql",
        "text/plain",
        &create_body("plaintext01"),
    );
    assert_refusal(&r, 415, "Content-Type");
}

#[test]
fn malformed_json_is_400_with_a_t6_body() {
    let sim = Sim::start();
    let b = format!("Bearer {}", sim.token);
    let r = sim.raw(
        "POST",
        "/itcare/databases/postgresql",
        &[("Authorization", &b), ("Content-Type", VENDOR_JSON)],
        Some(b"{\"name\": "),
    );
    assert_t6(&r, "body");
    let r = sim.raw(
        "POST",
        "/itcare/databases/postgresql",
        &[("Authorization", &b), ("Content-Type", VENDOR_JSON)],
        Some(b"[1,2]"),
    );
    assert_t6(&r, "body");
    let r = sim.raw(
        "PATCH",
        "/itcare/databases/postgresql/1",
        &[("Authorization", &b), ("Content-Type", "application/json")],
        Some(b"nope"),
    );
    assert_t6(&r, "body");
}

#[test]
fn validation_errors_name_the_first_broken_field_t6() {
    let sim = Sim::start();
    // The reference's own example name breaks C1.
    let r = sim.create_raw(&create_body("NEWPOSTGRE01"));
    assert_t6(&r, "name");
    let b = r.json();
    assert_eq!(b["errorCode"], "INVALID_FIELD_VALUE");
    assert_eq!(b["errorMessage"], "Error on field 'name'");
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"diskSize": 39}))),
        "diskSize",
    );
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"nodeSizing": "big"}))),
        "nodeSizing",
    );
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"admPassword": "short"}))),
        "admPassword",
    );
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"topology": "HA"}))),
        "nodePrefix",
    );
    // One error per answer, the first in rule order (C1 name before C3 diskSize).
    assert_t6(
        &sim.create_raw(&create_with("x", json!({"diskSize": 1}))),
        "name",
    );
    // Catalogue references the validator cannot know.
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"serviceId": 5}))),
        "serviceId",
    );
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"area": "XX"}))),
        "area",
    );
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"productCode": "deb9pg9"}))),
        "productCode",
    );
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"networkId": 201}))),
        "networkId",
    );
    assert_t6(
        &sim.create_raw(&create_with("okname01", json!({"az": "ET1-A"}))),
        "az",
    );
    assert_eq!(
        sim.get("/itcare/databases/postgresql").json()["totalElements"],
        0,
        "nothing was created"
    );
}

#[test]
fn forbidden_service_is_403_and_duplicate_name_409() {
    let sim = Sim::start();
    assert_empty(
        &sim.create_raw(&create_with(
            "othersteam01",
            json!({"serviceId": 999, "networkId": 132}),
        )),
        403,
    );
    assert_eq!(sim.create_raw(&create_body("unique01")).status, 202);
    // Taken while still creating, and after.
    assert_empty(&sim.create_raw(&create_body("unique01")), 409);
    sim.create_active(&create_body("unique02"));
    assert_empty(&sim.create_raw(&create_body("unique02")), 409);
}

#[test]
fn ha_create_places_nodes_in_paired_data_centers_p3() {
    let sim = Sim::start();
    let body = create_with(
        "haprod01",
        json!({"serviceId": 456, "area": "EB-PROD", "networkId": 201, "az": "EB4-A", "topology": "HA", "nodePrefix": "HAPRD", "tls": true}),
    );
    let id = sim.create_active(&body);
    let inst = sim.instance(id);
    assert_eq!(inst["topology"], "HA");
    assert_eq!(inst["nodeCount"], 2);
    assert_eq!(inst["environment"], "PRODUCTION");
    let nodes = sim
        .get(&format!("/itcare/databases/postgresql/{id}/nodes"))
        .json();
    let dcs: Vec<&str> = nodes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["availabilityZone"]["datacenterId"].as_str().unwrap())
        .collect();
    assert_eq!(dcs, ["EB4", "EB5"]);
    assert_eq!(nodes[0]["name"], "HAPRD01");
}

#[test]
fn get_and_sub_resources_of_a_seeded_instance() {
    let sim = Sim::seeded();
    let base = "/itcare/databases/postgresql/500061854";
    let inst = sim.get(base).json();
    assert_keys(&inst, INSTANCE_KEYS);
    assert_eq!(inst["status"], "ACTIVE");

    let nodes = sim.get(&format!("{base}/nodes"));
    assert_eq!(nodes.status, 200);
    let nodes = nodes.json();
    assert_eq!(nodes.as_array().unwrap().len(), 1);
    assert_keys(&nodes[0], NODE_KEYS);
    assert_eq!(nodes[0]["availabilityZone"]["datacenterId"], "EB4");

    let dbs = sim.get(&format!("{base}/databases")).json();
    let names: Vec<&str> = dbs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["postgres", "billingqa01"]);
    assert!(dbs[0]["extensions"][0]["schema"].is_string());

    let exts = sim.get(&format!("{base}/extensions")).json();
    let first = &exts[0];
    for k in ["name", "version", "comment", "link", "requiresRestarting"] {
        assert!(!first[k].is_null(), "{k}");
    }

    let nets = sim.get(&format!("{base}/networks")).json();
    assert_eq!(nets[0]["id"], 132);
    assert_keys(&nets[0], NETWORK_KEYS);

    // P1/P5: a 16 has nowhere to go; a 14 can go to 15 and 16.
    assert_eq!(sim.get(&format!("{base}/versions")).json(), json!([]));
    assert_eq!(
        sim.get("/itcare/databases/postgresql/500061856/versions")
            .json(),
        json!([15, 16])
    );
}

#[test]
fn unknown_instances_are_404_and_bad_ids_400() {
    let sim = Sim::start();
    for p in [
        "",
        "/nodes",
        "/databases",
        "/extensions",
        "/networks",
        "/versions",
    ] {
        assert_empty(
            &sim.get(&format!("/itcare/databases/postgresql/42{p}")),
            404,
        );
    }
    assert_empty(&sim.delete("/itcare/databases/postgresql/42"), 404);
    assert_empty(&sim.patch(42, json!({"operation": "start"})), 404);
    assert_t6(&sim.get("/itcare/databases/postgresql/abc"), "id");
    assert_t6(&sim.get("/itcare/databases/postgresql/-1"), "id");
    assert_empty(&sim.get("/itcare/actions/999"), 404);
    assert_t6(&sim.get("/itcare/actions/x"), "id");
    // An unknown instance is an empty 404 (T5); an unknown path says so in a T6 body.
    assert_refusal(&sim.get("/itcare/somewhere/else"), 404, "path");
}

#[test]
fn delete_removes_the_instance_after_its_action() {
    let sim = Sim::start();
    let id = sim.create_active(&create_body("todelete01"));
    let r = sim.delete(&format!("/itcare/databases/postgresql/{id}"));
    assert_eq!(r.status, 202);
    let a = r.json();
    assert_eq!(a["status"], "IN_PROGRESS");
    assert_eq!(a["process"], "postgresql.delete");
    assert_eq!(sim.instance(id)["status"], "DELETING");
    // A second operation while the delete runs: 409.
    assert_empty(
        &sim.delete(&format!("/itcare/databases/postgresql/{id}")),
        409,
    );
    assert_eq!(
        sim.wait_action(a["id"].as_i64().unwrap())["status"],
        "SUCCESS"
    );
    assert_empty(&sim.get(&format!("/itcare/databases/postgresql/{id}")), 404);
    // The name is free again.
    assert_eq!(sim.create_raw(&create_body("todelete01")).status, 202);
}

#[test]
fn actions_list_filters_a3() {
    let sim = Sim::start();
    let a1 = sim.create_raw(&create_body("listacts01")).json();
    let a2 = sim
        .create_raw(&create_with("listacts02", json!({"serviceId": 789})))
        .json();
    sim.wait_action(a1["id"].as_i64().unwrap());
    sim.wait_action(a2["id"].as_i64().unwrap());
    let id1 = a1["internalId"].as_i64().unwrap();
    // The stop must still be running when listed, whatever the machine's load.
    sim.control("PUT", "/_sim/config", json!({"actionMs": 60_000}));
    let stop = sim.patch(id1, json!({"operation": "stop"})).json();

    let all = sim.get("/itcare/actions").json();
    let ids: Vec<i64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            stop["id"].as_i64().unwrap(),
            a2["id"].as_i64().unwrap(),
            a1["id"].as_i64().unwrap()
        ],
        "newest first"
    );

    let by_res = sim.get(&format!("/itcare/actions?resourceId={id1}")).json();
    assert_eq!(by_res.as_array().unwrap().len(), 2);
    let by_name = sim.get("/itcare/actions?resourceName=listacts02").json();
    assert_eq!(by_name.as_array().unwrap().len(), 1);
    let by_service = sim.get("/itcare/actions?serviceId=789").json();
    assert_eq!(by_service[0]["resourceName"], "listacts02");
    let running = sim.get("/itcare/actions?statuses=IN_PROGRESS").json();
    assert_eq!(running.as_array().unwrap().len(), 1);
    assert_eq!(running[0]["id"], stop["id"]);
    let both = sim
        .get("/itcare/actions?statuses=SUCCESS,IN_PROGRESS")
        .json();
    assert_eq!(both.as_array().unwrap().len(), 3);
    let none = sim.get("/itcare/actions?requestId=nope").json();
    assert_eq!(none, json!([]));
    assert_t6(&sim.get("/itcare/actions?resourceId=abc"), "resourceId");
}

#[test]
fn method_not_allowed_is_405() {
    let sim = Sim::start();
    let b = format!("Bearer {}", sim.token);
    let r = sim.raw(
        "PUT",
        "/itcare/databases/postgresql/1",
        &[("Authorization", &b)],
        None,
    );
    assert_eq!(r.status, 405);
}
