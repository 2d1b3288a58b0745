//! The client core: request building, response decoding, error mapping, and every loop and
//! decision of a call (retries, renewal after a 401, ambiguous outcomes, tokens, waiter, paging)
//! in [`Client`], generic over the host environment ([`Env`]). Plain Rust, no wasm types, tested
//! natively with a scripted environment and virtual time (`tests/client_policy.rs`); the wasm
//! boundary (`src/wasm/client.rs`) implements [`Env`] once and converts arguments.

pub mod args;
mod body;
mod engine;
mod env;
mod error;
mod options;
mod read;
mod redact;
mod refused;
mod request;
mod retry;
mod token;
mod waiter;

pub use body::*;
pub use engine::*;
pub use env::*;
pub use error::*;
pub use options::*;
pub use read::*;
pub use redact::*;
pub use refused::*;
pub use request::*;
pub use retry::*;
pub use token::*;
pub use waiter::*;
