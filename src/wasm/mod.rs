//! The one boundary to JavaScript. Everything here converts JS values to core types and back;
//! no rule or policy lives here.

mod client;
mod form;
mod validate;
