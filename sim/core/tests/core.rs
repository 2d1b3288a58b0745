//! The core on virtual time: every call gets its time from the test, nothing waits. Life cycle,
//! guards (busy → 409, start only if STOPPED → 422), the T6 mapping with helpful refusals, the
//! reference's create example (API.md, reference page), faults, and the bounded action history.

use itcare_sim_core::world::MAX_ACTIONS;
use itcare_sim_core::{Request, Response, Rng, Settings, Simulator};
use serde_json::{json, Value};

const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const TOKEN_PATH: &str = itcare_postgresql::client::TOKEN_PATH;
const CREATE_TYPE: &str = itcare_postgresql::client::CREATE_CONTENT_TYPE;

struct Harness {
    sim: Simulator,
    now: i64,
    token: String,
}

impl Harness {
    fn new(seed: bool) -> Harness {
        let settings = Settings {
            seed,
            ..Settings::default()
        };
        let mut sim = Simulator::new(settings, Box::new(Rng::new(1)), T0);
        let r = sim
            .handle(
                &Request::new("POST", TOKEN_PATH)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body("grant_type=client_credentials&client_id=itcare-sim&client_secret=itcare-sim-secret"),
                T0,
            )
            .response
            .expect("answer");
        assert_eq!(r.status, 200, "{}", r.text());
        let token = json_of(&r)["access_token"].as_str().unwrap().to_string();
        Harness {
            sim,
            now: T0,
            token,
        }
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        ct: Option<&str>,
        body: Option<&Value>,
    ) -> Response {
        let mut req =
            Request::new(method, path).header("Authorization", &format!("Bearer {}", self.token));
        if let Some(ct) = ct {
            req = req.header("Content-Type", ct);
        }
        if let Some(b) = body {
            req = req.body(serde_json::to_vec(b).unwrap());
        }
        self.sim.handle(&req, self.now).response.expect("an answer")
    }

    fn get(&mut self, path: &str) -> Response {
        self.send("GET", path, None, None)
    }

    fn create(&mut self, body: &Value) -> Response {
        self.send(
            "POST",
            "/itcare/databases/postgresql",
            Some(CREATE_TYPE),
            Some(body),
        )
    }

    fn patch(&mut self, id: i64, body: Value) -> Response {
        self.send(
            "PATCH",
            &format!("/itcare/databases/postgresql/{id}"),
            Some("application/json"),
            Some(&body),
        )
    }
}

fn json_of(r: &Response) -> Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.text()))
}

/// The reference page's create example, as written, with a fresh lowercase name (C1).
fn reference_create(name: &str) -> Value {
    json!({
        "productCode": "deb12pg16",
        "serviceId" : 123,
        "nodeSizing" : "2cpu4gb",
        "networkId" : 132,
        "area" : "EB-QA",
        "diskSize" : 40,
        "admPassword" : "Test123@2022",
        "allowedReplicationLag" : 10,
        "az" : "az",
        "topology" : "STANDALONE",
        "trigram" : "tri",
        "tls" : true,
        "name" : name
    })
}

fn with(mut body: Value, key: &str, v: Value) -> Value {
    body[key] = v;
    body
}

fn assert_t6(r: &Response, field: &str, mentions: &[&str]) {
    assert_eq!(r.status, 400, "{}", r.text());
    let b = json_of(r);
    assert_eq!(b["status"], "BAD_REQUEST");
    assert_eq!(b["errorDesc"], field, "{b}");
    let msg = b["errorMessage"].as_str().unwrap();
    assert!(
        msg.starts_with(&format!("Error on field '{field}'")),
        "{msg}"
    );
    for m in mentions {
        assert!(msg.contains(m), "{msg} should mention {m}");
    }
}

#[test]
fn the_reference_create_example_is_accepted_as_written() {
    let mut h = Harness::new(false);
    let r = h.create(&reference_create("newpostgre01"));
    assert_eq!(r.status, 202, "{}", r.text());
    let a = json_of(&r);
    assert_eq!(a["status"], "IN_PROGRESS");
    let id = a["internalId"].as_i64().unwrap();
    let i = json_of(&h.get(&format!("/itcare/databases/postgresql/{id}")));
    // "az": "az" reads as the area's default zone.
    let nodes = json_of(&h.get(&format!("/itcare/databases/postgresql/{id}/nodes")));
    assert_eq!(nodes[0]["labelAvailabilityZone"], "EB4-QA", "{i}");
}

#[test]
fn unknown_catalogue_references_say_what_is_accepted() {
    let mut h = Harness::new(false);
    let b = reference_create("helpful01");
    assert_t6(
        &h.create(&with(b.clone(), "area", json!("EB-XX"))),
        "area",
        &["EB-XX", "EB-QA", "EB-PROD", "ET-HDS"],
    );
    assert_t6(
        &h.create(&with(b.clone(), "az", json!("EB9-QA"))),
        "az",
        &["EB9-QA", "EB4-QA", "EB5-QA", "\"az\""],
    );
    assert_t6(
        &h.create(&with(b.clone(), "networkId", json!(201))),
        "networkId",
        &["201", "132", "133"],
    );
    assert_t6(
        &h.create(&with(b.clone(), "serviceId", json!(5))),
        "serviceId",
        &["123", "456", "789"],
    );
    assert_t6(
        &h.create(&with(b.clone(), "productCode", json!("deb13pg17"))),
        "productCode",
        &["deb13pg17", "deb12pg16", "deb10pg10"],
    );
    // A broken C rule keeps the real API's exact wording.
    let r = h.create(&with(b, "name", json!("NEWPOSTGRE01")));
    assert_eq!(json_of(&r)["errorMessage"], "Error on field 'name'");
}

#[test]
fn life_cycle_on_virtual_time_with_the_guards() {
    let mut h = Harness::new(false);
    let r = h.create(&reference_create("cycle01"));
    let a = json_of(&r);
    let (action, id) = (a["id"].as_i64().unwrap(), a["internalId"].as_i64().unwrap());
    let action_path = format!("/itcare/actions/{action}");
    // Busy while creating: any operation is 409, delete too.
    assert_eq!(h.patch(id, json!({"operation": "stop"})).status, 409);
    assert_eq!(
        h.send(
            "DELETE",
            &format!("/itcare/databases/postgresql/{id}"),
            None,
            None
        )
        .status,
        409
    );
    h.now += 2_999;
    assert_eq!(json_of(&h.get(&action_path))["status"], "IN_PROGRESS");
    h.now += 1;
    let done = json_of(&h.get(&action_path));
    assert_eq!(done["status"], "SUCCESS");
    assert!(done["completedAt"].is_string());
    // Start only a STOPPED instance: on ACTIVE it is 422 with an empty body.
    let r = h.patch(id, json!({"operation": "start"}));
    assert_eq!((r.status, r.body.len()), (422, 0));
    assert_eq!(h.patch(id, json!({"operation": "stop"})).status, 202);
    assert_eq!(h.sim.finish_actions(h.now), 1);
    let i = json_of(&h.get(&format!("/itcare/databases/postgresql/{id}")));
    assert_eq!(i["status"], "STOPPED");
    assert_eq!(h.patch(id, json!({"operation": "stop"})).status, 422);
    assert_eq!(h.patch(id, json!({"operation": "start"})).status, 202);
    h.now += 3_000;
    // Resize: a sizing the SDK's parser reads; upgrade: a version offered, else the list.
    assert_eq!(
        h.patch(
            id,
            json!({"operation": "resize", "options": {"sizing": "4cpu8gb"}})
        )
        .status,
        202
    );
    h.now += 3_000;
    let i = json_of(&h.get(&format!("/itcare/databases/postgresql/{id}")));
    assert_eq!(
        (i["nodeSizing"].clone(), i["cpu"].clone(), i["ram"].clone()),
        (json!("4cpu8gb"), json!(4), json!(8))
    );
    let r = h.send(
        "DELETE",
        &format!("/itcare/databases/postgresql/{id}"),
        None,
        None,
    );
    assert_eq!(r.status, 202);
    h.now += 3_000;
    assert_eq!(
        h.get(&format!("/itcare/databases/postgresql/{id}")).status,
        404
    );
}

#[test]
fn tokens_expire_on_virtual_time() {
    let mut h = Harness::new(false);
    h.now += 1_199_999;
    assert_eq!(h.get("/itcare/databases/postgresql").status, 200);
    h.now += 1;
    let r = h.get("/itcare/databases/postgresql");
    assert_eq!((r.status, r.body.len()), (401, 0));
}

#[test]
fn faults_decide_the_answer_latency_and_drops() {
    let mut h = Harness::new(true);
    h.sim
        .set_faults(
            serde_json::from_value(json!({
                "latencyMs": 300,
                "next": [
                    {"kind": "503", "method": "GET", "pathPrefix": "/itcare/actions"},
                    {"kind": "drop", "method": "GET"},
                    {"kind": "dropAfter", "method": "POST"}
                ]
            }))
            .unwrap(),
        )
        .unwrap();
    let req = Request::new("GET", "/itcare/actions")
        .header("Authorization", &format!("Bearer {}", h.token));
    let r = h.sim.handle(&req, h.now);
    assert_eq!(r.delay_ms, 300);
    let resp = r.response.unwrap();
    assert_eq!((resp.status, resp.header("retry-after")), (503, Some("1")));
    assert_eq!(h.sim.handle(&req, h.now).response, None, "dropped");
    // dropAfter: the create happens, the client hears nothing.
    let body = serde_json::to_vec(&reference_create("ambiguous01")).unwrap();
    let create = Request::new("POST", "/itcare/databases/postgresql")
        .header("Authorization", &format!("Bearer {}", h.token))
        .header("Content-Type", CREATE_TYPE)
        .body(body);
    assert_eq!(h.sim.handle(&create, h.now).response, None);
    let found = json_of(&h.get("/itcare/actions?resourceName=ambiguous01"));
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    // Bounded faults are refused.
    assert!(h
        .sim
        .set_faults(serde_json::from_value(json!({"rate500": 2.0})).unwrap())
        .is_err());
}

/// `slow` processes the request at once and answers it normally, `delayMs` after `latencyMs`:
/// the case of a client whose request timeout gives up on a create that happened.
#[test]
fn a_slow_rule_processes_at_once_and_answers_after_its_delay() {
    let mut h = Harness::new(false);
    h.sim
        .set_faults(
            serde_json::from_value(json!({
                "latencyMs": 20,
                "rate500": 1.0,
                "next": [{"kind": "slow", "delayMs": 3000, "method": "POST",
                          "pathPrefix": "/itcare/databases/postgresql"}]
            }))
            .unwrap(),
        )
        .unwrap();
    let body = serde_json::to_vec(&reference_create("slowcreate01")).unwrap();
    let create = Request::new("POST", "/itcare/databases/postgresql")
        .header("Authorization", &format!("Bearer {}", h.token))
        .header("Content-Type", CREATE_TYPE)
        .body(body);
    let r = h.sim.handle(&create, h.now);
    assert_eq!(r.delay_ms, 3020, "latencyMs + the rule's delayMs");
    let answer = r.response.expect("a slow answer is an answer");
    assert_eq!(answer.status, 202, "{}", answer.text());
    let action = json_of(&answer);
    // Processed when it arrived, not when the answer leaves.
    let snap = h.sim.snapshot(h.now);
    let names: Vec<&str> = snap["instances"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert_eq!(names, ["slowcreate01"], "{snap}");
    assert!(
        snap["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == action["id"]),
        "{snap}"
    );
    // The rule is used up; the next request meets the random rate, with latencyMs only.
    let again = h.sim.handle(&create, h.now);
    assert_eq!(again.delay_ms, 20);
    assert_eq!(again.response.map(|r| r.status), Some(500));
    // delayMs has latencyMs's bound, named in the refusal.
    let e = h
        .sim
        .set_faults(
            serde_json::from_value(json!({"next": [{"kind": "slow", "delayMs": 30_001}]})).unwrap(),
        )
        .unwrap_err();
    assert_eq!(e.field, "next[0].delayMs");
    assert!(h
        .sim
        .set_faults(
            serde_json::from_value(json!({"next": [{"kind": "slow", "delayMs": 30_000}]})).unwrap()
        )
        .is_ok());
    // A delay on another kind delays its answer too (here a drop).
    h.sim
        .set_faults(
            serde_json::from_value(json!({"next": [{"kind": "drop", "delayMs": 500}]})).unwrap(),
        )
        .unwrap();
    let dropped = h.sim.handle(&create, h.now);
    assert_eq!((dropped.delay_ms, dropped.response), (500, None));
}

#[test]
fn non_positive_ids_are_400_everywhere() {
    let mut h = Harness::new(true);
    for p in [
        "/itcare/databases/postgresql/0",
        "/itcare/databases/postgresql/-5",
        "/itcare/actions/0",
        "/itcare/actions/-5",
        "/itcare/actions/abc",
    ] {
        assert_t6(&h.get(p), "id", &["positive"]);
    }
}

#[test]
fn the_action_list_pages_and_the_history_is_bounded() {
    let mut h = Harness::new(true);
    let ids: Vec<i64> = json_of(&h.get("/itcare/databases/postgresql"))["content"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "ACTIVE")
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    let id = ids[0];
    // Patch-party updates are synchronous actions: cheap to make many.
    for n in 0..(MAX_ACTIONS + 50) {
        let r = h.patch(id, json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": n % 2 == 0, "exclusionReason": "test"}}}));
        assert_eq!(r.status, 202, "{}", r.text());
    }
    assert_eq!(h.sim.world.actions.len(), MAX_ACTIONS);
    let first = json_of(&h.get("/itcare/actions"));
    assert_eq!(
        first.as_array().map(Vec::len),
        Some(100),
        "default page: the newest 100"
    );
    let second = json_of(&h.get("/itcare/actions?page=1&size=30"));
    assert_eq!(second.as_array().map(Vec::len), Some(30));
    assert!(
        first[0]["id"].as_i64() > second[0]["id"].as_i64(),
        "newest first"
    );
    assert_t6(&h.get("/itcare/actions?size=101"), "size", &["100"]);
    let past = json_of(&h.get("/itcare/actions?page=1000"));
    assert_eq!(past, json!([]));
}

#[test]
fn the_token_json_is_the_sdks() {
    let mut h = Harness::new(false);
    let r = h
        .sim
        .handle(&Request::new("POST", TOKEN_PATH).body("grant_type=client_credentials&client_id=itcare-sim&client_secret=itcare-sim-secret"), h.now)
        .response
        .unwrap();
    let t = json_of(&r);
    assert_eq!(
        t["expires_in"],
        json!(1200),
        "an integer, as Keycloak sends it"
    );
    assert_eq!(t["refresh_expires_in"], json!(7200));
    assert_eq!(t["token_type"], "bearer");
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let back = itcare_postgresql::client::interpret_token_response(200, &r.text()).unwrap();
    assert_eq!(back.expires_in, Some(1200.0));
}
