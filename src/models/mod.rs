//! Serde models of every payload of the ITCare PostgreSQL API.
//! (placeholder: the models helper fills this module)

mod instance;
pub use instance::*;
