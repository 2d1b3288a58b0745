//! L1 / T7: the Spring page of `GET /itcare/databases/postgresql?page=&size=`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::json;

fn names(page: &serde_json::Value) -> Vec<String> {
    page["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn empty_world_gives_an_empty_first_page() {
    let sim = Sim::start();
    let p = sim.get("/itcare/databases/postgresql").json();
    assert_eq!(p["content"], json!([]));
    assert_eq!(p["totalElements"], 0);
    assert_eq!(p["totalPages"], 0);
    assert_eq!(p["number"], 0);
    assert_eq!(p["size"], 20);
    assert_eq!(
        (
            p["first"].as_bool(),
            p["last"].as_bool(),
            p["empty"].as_bool()
        ),
        (Some(true), Some(true), Some(true))
    );
    assert!(p["sort"].is_object());
}

#[test]
fn pages_walk_the_seeded_instances() {
    let sim = Sim::seeded(); // 4 instances
    let p0 = sim.get("/itcare/databases/postgresql?page=0&size=3").json();
    assert_eq!(names(&p0), ["billingqa01", "billingprd01", "datalab01"]);
    assert_eq!(
        (
            p0["totalElements"].as_i64(),
            p0["totalPages"].as_i64(),
            p0["numberOfElements"].as_i64()
        ),
        (Some(4), Some(2), Some(3))
    );
    assert_eq!(
        (p0["first"].as_bool(), p0["last"].as_bool()),
        (Some(true), Some(false))
    );

    // Last page: partial.
    let p1 = sim.get("/itcare/databases/postgresql?page=1&size=3").json();
    assert_eq!(names(&p1), ["legacyapp01"]);
    assert_eq!(
        (
            p1["first"].as_bool(),
            p1["last"].as_bool(),
            p1["empty"].as_bool()
        ),
        (Some(false), Some(true), Some(false))
    );

    // Past the end: empty page, not an error.
    let p2 = sim.get("/itcare/databases/postgresql?page=7&size=3").json();
    assert_eq!(p2["content"], json!([]));
    assert_eq!(
        (
            p2["empty"].as_bool(),
            p2["last"].as_bool(),
            p2["number"].as_i64()
        ),
        (Some(true), Some(true), Some(7))
    );
    assert_eq!(p2["totalElements"], 4);

    // Exact fit: size 4 -> one full page that is also the last.
    let all = sim.get("/itcare/databases/postgresql?size=4").json();
    assert_eq!(all["totalPages"], 1);
    assert_eq!(all["last"], true);
    assert_eq!(names(&all).len(), 4);
}

#[test]
fn size_and_page_bounds_are_400_t6() {
    let sim = Sim::seeded();
    assert_eq!(
        sim.get("/itcare/databases/postgresql?size=1").json()["content"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(sim.get("/itcare/databases/postgresql?size=100").status, 200);
    for bad in ["size=0", "size=101", "size=-1", "size=abc"] {
        assert_t6(
            &sim.get(&format!("/itcare/databases/postgresql?{bad}")),
            "size",
        );
    }
    for bad in ["page=-1", "page=x"] {
        assert_t6(
            &sim.get(&format!("/itcare/databases/postgresql?{bad}")),
            "page",
        );
    }
}

#[test]
fn list_filters() {
    let sim = Sim::seeded();
    let p = sim.get("/itcare/databases/postgresql?serviceId=123").json();
    assert_eq!(names(&p), ["billingqa01", "legacyapp01"]);
    let p = sim
        .get("/itcare/databases/postgresql?status=STOPPED")
        .json();
    assert_eq!(names(&p), ["legacyapp01"]);
    let p = sim.get("/itcare/databases/postgresql?name=billing").json();
    assert_eq!(p["totalElements"], 2);
    assert_t6(
        &sim.get("/itcare/databases/postgresql?serviceId=x"),
        "serviceId",
    );
}
