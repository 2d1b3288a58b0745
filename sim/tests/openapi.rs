//! The OpenAPI document (`docs/openapi.json`): generated from the SDK's models, never edited by
//! hand, and served by the simulator at `/itcare/openapi.json` without a token.
//! `UPDATE_OPENAPI=1 cargo test -p itcare-sim --test openapi` rewrites the committed copy.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::Value;

fn committed_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/openapi.json")
}

#[test]
fn committed_document_is_the_generated_one() {
    let generated = itcare_postgresql::openapi::document_text();
    let path = committed_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p itcare-sim --test openapi`"
    );
}

#[test]
fn simulator_serves_the_document_without_a_token() {
    let sim = Sim::start();
    let r = request(sim.bg.addr, "GET", "/itcare/openapi.json", &[], None).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let served = r.json();
    assert!(
        served == itcare_postgresql::openapi::document(),
        "the simulator serves another document than the models give (stale docs/openapi.json?)"
    );
    assert_eq!(served["openapi"], "3.0.3");
    // Every path of the endpoint table (docs/spec/API.md), A2, A3 and T9.
    let paths = served["paths"].as_object().unwrap();
    for path in [
        "/health",
        "/databases/postgresql",
        "/databases/postgresql/{id}",
        "/databases/postgresql/{id}/databases",
        "/databases/postgresql/{id}/extensions",
        "/databases/postgresql/{id}/networks",
        "/databases/postgresql/{id}/nodes",
        "/databases/postgresql/{id}/versions",
        "/actions",
        "/actions/{id}",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    let schemas = &served["components"]["schemas"];
    for model in [
        "Action",
        "PostgresqlInstance",
        "CreatePostgresql",
        "PostgresqlOperation",
    ] {
        assert!(schemas[model].is_object(), "{model} missing");
    }
    assert!(matches!(
        schemas["CreatePostgresql"]["required"],
        Value::Array(_)
    ));
}
