//! Serde models of every payload of the ITCare PostgreSQL API.
//!
//! Decode leniently, encode strictly: response types have every field optional (`Vec`s
//! default to empty), ignore unknown fields and keep unknown enum values; request types
//! ([`CreatePostgresql`], [`PostgresqlOperation`]) use plain types for required fields and
//! leave `None` options out of the JSON. JSON names are the API's own (camelCase; the
//! `product` keys UPPER_CASE; `extensions_list` and `isMemberOFLoadBalancer` as spelled).
//!
//! Numbers: ids, counts and configured sizes are `i64` (request models read them through
//! `integer`: an integral float such as `40.0` counts, as the validators count it); measured
//! quantities that may be decimal (backup/snapshot/file system sizes, `usedPercent`) are `f64`.
//!
//! A type mismatch (e.g. a string where a number is documented) still fails the decode: only
//! missing, extra and unknown-enum values are tolerated.

#[macro_use]
mod string_enum;

mod action;
mod create;
mod create_fields;
mod database;
mod enums;
mod error;
mod instance;
mod integer;
mod network;
mod node;
mod operation;
mod page;

pub use action::*;
pub use create::*;
pub use create_fields::*;
pub use database::*;
pub use enums::*;
pub use error::*;
pub use instance::*;
pub use network::*;
pub use node::*;
pub use operation::*;
pub use page::*;
