//! Models, validators and a fetch client for cegedim.cloud ITCare PostgreSQL instances.
//!
//! The core (everything but [`wasm`]) is plain Rust: it never names `wasm_bindgen` or `js_sys`
//! and is tested with `cargo test`. The one boundary to JavaScript is the `wasm` module,
//! compiled only for `wasm32`.
//!
//! Rule numbers (T*, A*, C*, O*, L*) refer to `docs/spec/API.md`.

pub mod client;
pub mod connect;
pub mod form;
pub mod models;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod time;
pub mod validate;

// The JS boundary: on by default (feature `js`); the simulator's wasm mock builds the core
// without it so the SDK's exports do not end up in the mock's module.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod wasm;
