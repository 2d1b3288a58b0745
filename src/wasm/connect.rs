//! `connectionFacts`: how to reach an instance (`crate::connect`), for the portal and JS users.

use wasm_bindgen::prelude::*;

use super::{to_js, to_json};
use crate::connect::connection_facts;
use crate::models::{Node, PostgresqlInstance};

#[wasm_bindgen(typescript_custom_section)]
const CONNECTION_FACTS_TS: &str = r#"
/**
 * How to reach `instance` (as `getPostgresql` returned it), with its `nodes`
 * (`listPostgresqlNodes`) when known: the cluster address, the network's DNS host names, the
 * port, TLS and the matching `sslmode`, each node's address, and the `postgresql://` URI and
 * `psql` command a DBA pastes (the user is a placeholder: the API returns none). Only text that
 * is a host name or an IP address reaches the URI or the command. Never throws: a value that is
 * not an instance gives the facts of an empty one (port and placeholders, no host).
 */
export function connectionFacts(instance: unknown, nodes?: unknown): ConnectionFacts;
"#;

/// The connection facts of an instance (see the TypeScript declaration above).
#[wasm_bindgen(js_name = connectionFacts, skip_typescript)]
pub fn connection_facts_js(instance: JsValue, nodes: JsValue) -> JsValue {
    // Lenient: what does not decode as the model counts as unknown.
    let instance: PostgresqlInstance =
        serde_json::from_value(to_json(&instance)).unwrap_or_default();
    let nodes: Vec<Node> = match to_json(&nodes) {
        serde_json::Value::Array(items) => items
            .into_iter()
            .filter_map(|n| serde_json::from_value(n).ok())
            .collect(),
        _ => Vec::new(),
    };
    to_js(&connection_facts(&instance, &nodes))
}
