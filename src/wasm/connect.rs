//! `connectionFacts`: how to reach an instance (`crate::connect`), for the portal and JS users.

use wasm_bindgen::prelude::*;

use super::{to_js, to_json};
use crate::connect::connection_facts;
use serde_json::Value;

use crate::models::{AvailabilityZone, Dns, Network, Node, PostgresqlInstance};

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
    // Only the fields the facts use, read directly and leniently (what is not the expected type
    // counts as unknown): serde's derived `Deserialize` of the whole instance and node models
    // would link ~150 KB of .wasm (docs/ARCHITECTURE.md, "Size").
    let json = to_json(&instance);
    let mut i = PostgresqlInstance {
        ip_address: text(&json, "ipAddress"),
        tls_enabled: json.get("tlsEnabled").and_then(Value::as_bool),
        ..PostgresqlInstance::default()
    };
    if let Some(Value::Array(dns)) = json.get("network").and_then(|n| n.get("dns")) {
        let mut network = Network::default();
        for d in dns {
            network.dns.push(Dns {
                alias: text(d, "alias"),
                domain: text(d, "domain"),
            });
        }
        i.network = Some(network);
    }
    let mut list = Vec::new();
    if let Value::Array(items) = to_json(&nodes) {
        for n in &items {
            list.push(Node {
                name: text(n, "name"),
                ip_address: text(n, "ipAddress"),
                label_availability_zone: text(n, "labelAvailabilityZone"),
                availability_zone: n.get("availabilityZone").and_then(|z| {
                    Some(AvailabilityZone {
                        id: Some(text(z, "id")?),
                        ..AvailabilityZone::default()
                    })
                }),
                ..Node::default()
            });
        }
    }
    to_js(&connection_facts(&i, &list))
}

/// The string member `key` of `v`.
fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_owned)
}
