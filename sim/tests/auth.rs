//! T2, T3, T9: tokens, refresh, expiry, the dev sign-in, health without auth.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use itcare_sim::Config;

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

#[test]
fn token_endpoint_answers_the_t3_shape() {
    let sim = Sim::start();
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[("Authorization", BASIC), FORM],
        Some(b"grant_type=client_credentials"),
    );
    assert_eq!(r.status, 200);
    let t = r.json();
    assert_eq!(t["expires_in"], 1200);
    assert_eq!(t["refresh_expires_in"], 7200);
    assert_eq!(t["token_type"], "bearer");
    let access = t["access_token"].as_str().unwrap();
    let refresh = t["refresh_token"].as_str().unwrap();
    assert!(access.len() >= 32 && refresh.len() >= 32 && access != refresh);
    assert_ne!(access, sim.token, "tokens are random");
    assert_eq!(r.header("cache-control"), Some("no-store"));
}

#[test]
fn client_credentials_in_the_form_body_are_accepted_too() {
    let sim = Sim::start();
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[FORM],
        Some(b"grant_type=client_credentials&client_id=itcare-sim&client_secret=itcare-sim-secret"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn wrong_or_missing_client_credentials_get_401() {
    let sim = Sim::start();
    // base64("itcare-sim:wrong")
    for headers in [
        vec![("Authorization", "Basic aXRjYXJlLXNpbTp3cm9uZw=="), FORM],
        vec![FORM],
    ] {
        let r = sim.raw(
            "POST",
            TOKEN_PATH,
            &headers,
            Some(b"grant_type=client_credentials"),
        );
        assert_eq!(r.status, 401);
        assert_eq!(r.json()["error"], "unauthorized_client");
    }
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[("Authorization", BASIC), FORM],
        Some(b"grant_type=password"),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "unsupported_grant_type");
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[("Authorization", BASIC), FORM],
        Some(b""),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_request");
}

#[test]
fn credentials_come_from_the_config() {
    let bg = itcare_sim::start_background(Config {
        client_id: "me".into(),
        client_secret: "s3cret".into(),
        ..Config::for_tests()
    })
    .unwrap();
    let post = |body: &[u8]| {
        request(bg.addr, "POST", TOKEN_PATH, &[FORM], Some(body))
            .unwrap()
            .status
    };
    assert_eq!(
        post(b"grant_type=client_credentials&client_id=me&client_secret=s3cret"),
        200
    );
    assert_eq!(
        post(b"grant_type=client_credentials&client_id=itcare-sim&client_secret=itcare-sim-secret"),
        401
    );
}

#[test]
fn api_calls_need_a_valid_bearer_token_t2() {
    let sim = Sim::seeded();
    let path = "/itcare/databases/postgresql/500061854";
    assert_empty(&sim.raw("GET", path, &[], None), 401);
    assert_empty(
        &sim.raw(
            "GET",
            path,
            &[("Authorization", "Bearer not-a-token")],
            None,
        ),
        401,
    );
    assert_empty(
        &sim.raw("GET", path, &[("Authorization", BASIC)], None),
        401,
    );
    assert_eq!(sim.get(path).status, 200);
    // Every protected route, including unknown ones and the lists, says 401 first.
    for p in [
        "/itcare/databases/postgresql",
        "/itcare/actions",
        "/itcare/actions/1",
        "/itcare/nope",
    ] {
        assert_empty(&sim.raw("GET", p, &[], None), 401);
    }
    assert_empty(
        &sim.raw(
            "POST",
            "/itcare/databases/postgresql",
            &[("Content-Type", VENDOR_JSON)],
            Some(b"{}"),
        ),
        401,
    );
}

#[test]
fn health_needs_no_token_t9() {
    let sim = Sim::start();
    let r = sim.raw("GET", "/itcare/health", &[], None);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "UP");
}

#[test]
fn expired_tokens_get_401_and_refresh_gives_a_new_one() {
    let sim = Sim::seeded();
    let t = sim
        .raw(
            "POST",
            TOKEN_PATH,
            &[("Authorization", BASIC), FORM],
            Some(b"grant_type=client_credentials"),
        )
        .json();
    let access = t["access_token"].as_str().unwrap().to_string();
    let refresh = t["refresh_token"].as_str().unwrap().to_string();
    let auth = format!("Bearer {access}");
    let path = "/itcare/databases/postgresql/500061854";
    assert_eq!(
        sim.raw("GET", path, &[("Authorization", &auth)], None)
            .status,
        200
    );

    assert_eq!(
        sim.control("POST", "/_sim/expire-tokens", serde_json::json!({}))
            .status,
        204
    );
    assert_empty(
        &sim.raw("GET", path, &[("Authorization", &auth)], None),
        401,
    );

    // refresh_token grant, without client credentials (the dev sign-in has none) ...
    let body = format!("grant_type=refresh_token&refresh_token={refresh}");
    let r = sim.raw("POST", TOKEN_PATH, &[FORM], Some(body.as_bytes()));
    assert_eq!(r.status, 200, "{}", r.text());
    let new_access = r.json()["access_token"].as_str().unwrap().to_string();
    assert_ne!(new_access, access);
    let auth2 = format!("Bearer {new_access}");
    assert_eq!(
        sim.raw("GET", path, &[("Authorization", &auth2)], None)
            .status,
        200
    );
    // ... and with them (refresh tokens rotate: the one just received, see
    // `used_refresh_tokens_are_refused` in hardening.rs).
    let rotated = r.json()["refresh_token"].as_str().unwrap().to_string();
    let body = format!("grant_type=refresh_token&refresh_token={rotated}");
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[("Authorization", BASIC), FORM],
        Some(body.as_bytes()),
    );
    assert_eq!(r.status, 200);
    let rotated = r.json()["refresh_token"].as_str().unwrap().to_string();
    let body = format!("grant_type=refresh_token&refresh_token={rotated}");
    // Wrong credentials with a good refresh token: 401 (and the token is not used up).
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[("Authorization", "Basic aXRjYXJlLXNpbTp3cm9uZw=="), FORM],
        Some(body.as_bytes()),
    );
    assert_eq!(r.status, 401);

    // Unknown refresh token: Keycloak's 400 invalid_grant.
    let r = sim.raw(
        "POST",
        TOKEN_PATH,
        &[FORM],
        Some(b"grant_type=refresh_token&refresh_token=nope"),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_grant");

    // Expiring refresh tokens too.
    sim.control(
        "POST",
        "/_sim/expire-tokens",
        serde_json::json!({"refresh": true}),
    );
    let r = sim.raw("POST", TOKEN_PATH, &[FORM], Some(body.as_bytes()));
    assert_eq!(r.status, 400);
}

#[test]
fn tokens_expire_after_their_ttl() {
    let sim = Sim::with(Config {
        token_ttl_secs: 1,
        ..Config::for_tests()
    });
    let r = sim.raw("POST", "/_sim/dev-token", &[], None);
    assert_eq!(r.json()["expires_in"], 1);
    assert_eq!(sim.get("/itcare/databases/postgresql").status, 200);
    sim.advance(999);
    assert_eq!(sim.get("/itcare/databases/postgresql").status, 200);
    sim.advance(1);
    assert_empty(&sim.get("/itcare/databases/postgresql"), 401);
}

#[test]
fn dev_token_signs_in_without_credentials() {
    let sim = Sim::start();
    let r = sim.raw("POST", "/_sim/dev-token", &[], None);
    assert_eq!(r.status, 200);
    let t = r.json();
    assert_eq!(t["token_type"], "bearer");
    let auth = format!("Bearer {}", t["access_token"].as_str().unwrap());
    assert_eq!(
        sim.raw(
            "GET",
            "/itcare/databases/postgresql",
            &[("Authorization", &auth)],
            None
        )
        .status,
        200
    );
}

#[test]
fn token_ttl_is_configurable_at_run_time() {
    let sim = Sim::start();
    let r = sim.control(
        "PUT",
        "/_sim/config",
        serde_json::json!({"tokenTtlSecs": 60}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["tokenTtlSecs"], 60);
    assert_eq!(
        sim.raw("POST", "/_sim/dev-token", &[], None).json()["expires_in"],
        60
    );
}
