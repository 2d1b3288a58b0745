//! The simulator core's commands (`itcare_sim_core::Simulator::handle`) driven by arbitrary
//! request sequences on a virtual clock: never a panic, every answer a valid HTTP status, every
//! 400 body the T6 shape (docs/spec/API.md T5, T6), every 202 body an Action (A1).
//!
//! Input: requests separated by `0xFF`. In each: byte 0 picks the method and whether the bearer
//! token is sent, byte 1 the virtual time that passes before it (seconds), then the target up to
//! the first `\n`, then the body (a JSON create or PATCH body in the seeds).
#![no_main]

use itcare_sim_core::{Request, Rng, Settings, Simulator};
use serde_json::Value;

const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const METHODS: [&str; 6] = ["GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS"];

fn check(data: &[u8]) {
    let mut sim = Simulator::new(Settings::default(), Box::new(Rng::new(7)), T0);
    let mut now = T0;
    let token = serde_json::from_slice::<Value>(&sim.issue_token(now).body)
        .ok()
        .and_then(|t| t["access_token"].as_str().map(str::to_string))
        .unwrap_or_default();
    assert_eq!(token.len(), 64, "the token endpoint issues a token");
    for part in data.split(|&b| b == 0xFF).take(64) {
        let [op, wait, rest @ ..] = part else { continue };
        now += i64::from(*wait) * 1_000;
        let method = METHODS[usize::from(op % METHODS.len() as u8)];
        let (target, body) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let target = String::from_utf8_lossy(target);
        let target = if target.starts_with('/') {
            target.into_owned()
        } else {
            format!("/itcare/{target}")
        };
        let mut req = Request::new(method, &target).body(body.to_vec());
        if op & 0x80 == 0 {
            req = req.header("authorization", &format!("Bearer {token}"));
        }
        let content_type = if target.contains("postgresql") && method == "POST" {
            "application/vnd.cegedim-it.v1+json"
        } else {
            "application/json"
        };
        req = req.header("content-type", content_type);
        let reply = sim.handle(&req, now);
        let Some(resp) = reply.response else { continue };
        assert!((100..600).contains(&resp.status), "{method} {target}: {}", resp.status);
        if resp.status == 400 && !resp.body.is_empty() {
            let t6: Value = serde_json::from_slice(&resp.body).expect("a 400 body is JSON (T6)");
            assert!(t6["errorDesc"].is_string(), "{method} {target}: T6 without errorDesc: {t6}");
            assert!(t6["errorMessage"].is_string(), "{method} {target}: {t6}");
        }
        if resp.status == 202 {
            let action: Value = serde_json::from_slice(&resp.body).expect("a 202 body is JSON");
            assert!(action["id"].is_i64(), "{method} {target}: 202 without an Action id: {action}");
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
