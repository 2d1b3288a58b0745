//! Client policy: request building, response decoding, error mapping, retry and wait decisions,
//! token cache. Plain Rust, tested natively (`tests/client_policy.rs`); the wasm boundary
//! (`src/wasm/client.rs`) only sends, sleeps and converts.
//!
//! Time and randomness are always passed in: the core never reads a clock or a random source.

mod body;
mod error;
mod read;
mod request;
mod retry;
mod token;
mod waiter;

pub use body::*;
pub use error::*;
pub use read::*;
pub use request::*;
pub use retry::*;
pub use token::*;
pub use waiter::*;
