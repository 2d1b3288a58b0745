//! Token issuance per instance (T2, T3): a simulator seeded with its own entropy
//! ([`SeededEntropy`], what the wasm mock uses with `crypto.getRandomValues`) issues tokens no
//! other instance accepts, and `reconfigure` (the mock's `reset(options)`) keeps issued tokens
//! valid without issuing any of them again.

use itcare_sim_core::{Entropy, Request, SeededEntropy, Settings, Simulator};
use serde_json::Value;

const T0: i64 = 1_767_225_600_000;
const TOKEN_PATH: &str = itcare_postgresql::client::TOKEN_PATH;

fn sim(seed: &[u8]) -> Simulator {
    Simulator::new(Settings::default(), Box::new(SeededEntropy::new(seed)), T0)
}

fn token(sim: &mut Simulator) -> String {
    let r = sim
        .handle(
            &Request::new("POST", TOKEN_PATH)
                .body("grant_type=client_credentials&client_id=itcare-sim&client_secret=itcare-sim-secret"),
            T0,
        )
        .response
        .expect("an answer");
    assert_eq!(r.status, 200, "{}", r.text());
    let v: Value = serde_json::from_slice(&r.body).unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

fn list_status(sim: &mut Simulator, token: &str) -> u16 {
    let req = Request::new("GET", "/itcare/databases/postgresql")
        .header("Authorization", &format!("Bearer {token}"));
    sim.handle(&req, T0).response.expect("an answer").status
}

#[test]
fn a_token_of_one_instance_is_refused_by_another() {
    let (mut a, mut b) = (sim(&[1; 32]), sim(&[2; 32]));
    let (ta, tb) = (token(&mut a), token(&mut b));
    assert_ne!(ta, tb);
    assert_eq!(list_status(&mut a, &ta), 200);
    assert_eq!(list_status(&mut b, &ta), 401, "A's token on B (T2)");
    assert_eq!(list_status(&mut a, &tb), 401, "B's token on A (T2)");
}

#[test]
fn seeds_differing_in_one_bit_give_unrelated_streams() {
    let mut seed = [0u8; 32];
    let mut a = SeededEntropy::new(&seed);
    seed[31] = 1;
    let mut b = SeededEntropy::new(&seed);
    let (mut x, mut y) = ([0u8; 32], [0u8; 32]);
    a.fill(&mut x);
    b.fill(&mut y);
    assert_ne!(x, y);
    assert_ne!(
        x, [0u8; 32],
        "an all-zero seed still gives a working generator"
    );
    // No 64-bit word repeats within a long run (a stuck or short-period state would).
    let words: std::collections::HashSet<u64> = (0..10_000).map(|_| a.next_u64()).collect();
    assert_eq!(words.len(), 10_000);
    // Short and long seeds are accepted (zero-padded, folded).
    let mut short = SeededEntropy::new(&[9]);
    let mut long = SeededEntropy::new(&[9; 100]);
    assert_ne!(short.next_u64(), long.next_u64());
}

#[test]
fn reconfigure_keeps_tokens_and_never_reissues_one() {
    let mut s = sim(&[3; 32]);
    let before = token(&mut s);
    let settings = Settings {
        seed: false,
        ..Settings::default()
    };
    let (seeded, count) = s.reconfigure(settings, T0);
    assert_eq!(
        (seeded, count),
        (false, 0),
        "the world follows the new settings"
    );
    assert!(!s.settings.seed);
    assert_eq!(
        list_status(&mut s, &before),
        200,
        "issued tokens stay valid"
    );
    let after = token(&mut s);
    assert_ne!(after, before, "the entropy goes on");
    // A fresh simulator with the same seed would issue `before` again: reconfigure did not.
    let mut twin = sim(&[3; 32]);
    assert_eq!(token(&mut twin), before);
}
