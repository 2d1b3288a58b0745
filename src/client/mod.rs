//! Client policy: request building, response decoding, error mapping, retry and wait decisions.
//! Plain Rust, tested natively; the wasm boundary only sends and sleeps.
//! (placeholder: the client helper fills this module)
