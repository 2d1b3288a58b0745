//! How to reach an instance: the facts the API gives (cluster address, DNS host names, nodes,
//! TLS) and the forms a DBA pastes (a `postgresql://` URI and a `psql` command).
//!
//! The API returns no port and no user: the port is PostgreSQL's default and the user is a
//! placeholder the person replaces. Server text ends up in a command someone pastes into a
//! shell, so only text that is a host name or an IP address is ever put into the URI or the
//! command; anything else is left out (and shown nowhere as a host).

use serde::{Deserialize, Serialize};

use crate::models::{Node, PostgresqlInstance};

/// PostgreSQL's default port: the API does not report one.
pub const POSTGRESQL_PORT: u16 = 5432;
/// The database every PostgreSQL server has.
pub const DEFAULT_DATABASE: &str = "postgres";
/// Stands for the database user in the URI and the command: the API returns none.
pub const USER_PLACEHOLDER: &str = "USER";

/// What a client needs to reach an instance, from `getPostgresql` (and its nodes when known).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionFacts {
    /// The instance's own address (`ipAddress`), when the API gives one that is an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cluster_address: Option<String>,
    /// Host names of the instance's network (`network.dns[]`: `alias` + `.` + `domain`), in the
    /// API's order, without duplicates.
    pub dns_names: Vec<String>,
    /// The port ([`POSTGRESQL_PORT`]).
    pub port: u16,
    /// Whether TLS is on (`tlsEnabled`); absent when the API does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tls: Option<bool>,
    /// libpq `sslmode` matching `tls`: `require` when on, `disable` when off, `prefer` (libpq's
    /// default) when unknown.
    pub ssl_mode: String,
    /// Database name used in the URI and the command ([`DEFAULT_DATABASE`]).
    pub database: String,
    /// Placeholder for the user in the URI and the command ([`USER_PLACEHOLDER`]).
    pub user_placeholder: String,
    /// The nodes with an address, in the API's order.
    pub nodes: Vec<NodeAddress>,
    /// Host list the URI and the command use: the cluster address; without one, every node
    /// address (then `readWrite` is true so a client picks the primary itself).
    pub hosts: Vec<String>,
    /// True when `hosts` lists several nodes: the URI and the command then carry
    /// `target_session_attrs=read-write`, since the API does not say which node is the primary.
    pub read_write: bool,
    /// `postgresql://USER@host:5432/postgres?sslmode=…`; absent when no host is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub uri: Option<String>,
    /// `psql "host=… port=5432 dbname=postgres user=USER sslmode=…"`; absent when no host is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub psql: Option<String>,
}

/// A node and its address, as the nodes list gives them.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeAddress {
    /// Node name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// The node's IP address.
    pub address: String,
    /// Its availability zone (display label, else id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub availability_zone: Option<String>,
    /// Whether the node's address is the instance's cluster address (the only role fact the
    /// API gives: it does not name a primary or replicas).
    pub cluster_address: bool,
}

/// The connection facts of `instance`, with its `nodes` (`listPostgresqlNodes`; empty when not
/// fetched).
pub fn connection_facts(instance: &PostgresqlInstance, nodes: &[Node]) -> ConnectionFacts {
    let cluster_address = instance.ip_address.as_deref().and_then(host);
    let mut dns_names: Vec<String> = Vec::new();
    for dns in instance.network.iter().flat_map(|n| n.dns.iter()) {
        let name = match (dns.alias.as_deref(), dns.domain.as_deref()) {
            (Some(alias), Some(domain)) => host(&format!("{}.{}", alias.trim(), domain.trim())),
            _ => None,
        };
        // An IP address is not a host name.
        if let Some(name) = name.filter(|n| n.chars().any(|c| c.is_ascii_alphabetic())) {
            if !dns_names.contains(&name) {
                dns_names.push(name);
            }
        }
    }
    let nodes: Vec<NodeAddress> = nodes
        .iter()
        .filter_map(|n| {
            let address = n.ip_address.as_deref().and_then(host)?;
            Some(NodeAddress {
                name: n.name.clone(),
                cluster_address: cluster_address.as_deref() == Some(address.as_str()),
                availability_zone: n
                    .label_availability_zone
                    .clone()
                    .or_else(|| n.availability_zone.as_ref().and_then(|z| z.id.clone())),
                address,
            })
        })
        .collect();
    let hosts: Vec<String> = match &cluster_address {
        Some(a) => vec![a.clone()],
        None => {
            let mut hosts: Vec<String> = Vec::new();
            for n in &nodes {
                if !hosts.contains(&n.address) {
                    hosts.push(n.address.clone());
                }
            }
            hosts
        }
    };
    let read_write = hosts.len() > 1;
    let ssl_mode = match instance.tls_enabled {
        Some(true) => "require",
        Some(false) => "disable",
        None => "prefer",
    };
    let (uri, psql) = if hosts.is_empty() {
        (None, None)
    } else {
        let rw = if read_write {
            "&target_session_attrs=read-write"
        } else {
            ""
        };
        let uri_hosts: Vec<String> = hosts
            .iter()
            .map(|h| {
                if h.contains(':') {
                    format!("[{h}]:{POSTGRESQL_PORT}")
                } else {
                    format!("{h}:{POSTGRESQL_PORT}")
                }
            })
            .collect();
        let uri = format!(
            "postgresql://{USER_PLACEHOLDER}@{}/{DEFAULT_DATABASE}?sslmode={ssl_mode}{rw}",
            uri_hosts.join(",")
        );
        let ports = vec![POSTGRESQL_PORT.to_string(); hosts.len()].join(",");
        let rw = if read_write {
            " target_session_attrs=read-write"
        } else {
            ""
        };
        let psql = format!(
            "psql \"host={} port={ports} dbname={DEFAULT_DATABASE} user={USER_PLACEHOLDER} sslmode={ssl_mode}{rw}\"",
            hosts.join(",")
        );
        (Some(uri), Some(psql))
    };
    ConnectionFacts {
        cluster_address,
        dns_names,
        port: POSTGRESQL_PORT,
        tls: instance.tls_enabled,
        ssl_mode: ssl_mode.into(),
        database: DEFAULT_DATABASE.into(),
        user_placeholder: USER_PLACEHOLDER.into(),
        nodes,
        hosts,
        read_write,
        uri,
        psql,
    }
}

/// `text` trimmed if it is a host name or an IP address (letters, digits, `.`, `-`, and `:` for
/// IPv6; at most 253 characters, not starting with `-`), else `None`: nothing else may reach a
/// URI or a shell command.
fn host(text: &str) -> Option<String> {
    let t = text.trim();
    let ok = !t.is_empty()
        && t.len() <= 253
        && !t.starts_with('-')
        && !t.starts_with('.')
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':');
    ok.then(|| t.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn instance(v: serde_json::Value) -> PostgresqlInstance {
        serde_json::from_value(v).unwrap()
    }
    fn nodes(v: serde_json::Value) -> Vec<Node> {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn standalone_with_tls_gets_the_cluster_address_dns_names_and_sslmode_require() {
        let i = instance(json!({
            "ipAddress": "10.42.132.10", "tlsEnabled": true,
            "network": {"dns": [
                {"alias": "pgsql", "domain": "qa.eb.cegedim.cloud"},
                {"alias": "db", "domain": "cegedim.cloud"},
                {"alias": "pgsql", "domain": "qa.eb.cegedim.cloud"},
                {"domain": "lonely.example"}
            ]}
        }));
        let n = nodes(
            json!([{"name": "pgsql01", "ipAddress": "10.42.132.10", "labelAvailabilityZone": "EB4-A"}]),
        );
        let f = connection_facts(&i, &n);
        assert_eq!(f.cluster_address.as_deref(), Some("10.42.132.10"));
        assert_eq!(
            f.dns_names,
            ["pgsql.qa.eb.cegedim.cloud", "db.cegedim.cloud"]
        );
        assert_eq!(f.ssl_mode, "require");
        assert_eq!(f.hosts, ["10.42.132.10"]);
        assert!(!f.read_write);
        assert_eq!(
            f.uri.as_deref(),
            Some("postgresql://USER@10.42.132.10:5432/postgres?sslmode=require")
        );
        assert_eq!(
            f.psql.as_deref(),
            Some("psql \"host=10.42.132.10 port=5432 dbname=postgres user=USER sslmode=require\"")
        );
        assert_eq!(f.nodes.len(), 1);
        assert!(f.nodes[0].cluster_address);
        assert_eq!(f.nodes[0].availability_zone.as_deref(), Some("EB4-A"));
    }

    #[test]
    fn ha_without_a_cluster_address_lists_every_node_and_asks_for_the_primary() {
        let i = instance(json!({"tlsEnabled": false, "topology": "HA"}));
        let n = nodes(json!([
            {"name": "a", "ipAddress": "10.0.0.1", "availabilityZone": {"id": "EB5"}},
            {"name": "b", "ipAddress": "10.0.0.2"},
            {"name": "c"}
        ]));
        let f = connection_facts(&i, &n);
        assert_eq!(f.cluster_address, None);
        assert_eq!(f.hosts, ["10.0.0.1", "10.0.0.2"]);
        assert!(f.read_write);
        assert_eq!(f.ssl_mode, "disable");
        assert_eq!(
            f.uri.as_deref(),
            Some("postgresql://USER@10.0.0.1:5432,10.0.0.2:5432/postgres?sslmode=disable&target_session_attrs=read-write")
        );
        assert_eq!(
            f.psql.as_deref(),
            Some("psql \"host=10.0.0.1,10.0.0.2 port=5432,5432 dbname=postgres user=USER sslmode=disable target_session_attrs=read-write\"")
        );
        assert_eq!(f.nodes.len(), 2, "a node without an address is left out");
        assert!(f.nodes.iter().all(|n| !n.cluster_address));
        assert_eq!(f.nodes[0].availability_zone.as_deref(), Some("EB5"));
    }

    #[test]
    fn ipv6_is_bracketed_in_the_uri_and_unknown_tls_prefers() {
        let f = connection_facts(&instance(json!({"ipAddress": "fd00::5"})), &[]);
        assert_eq!(f.ssl_mode, "prefer");
        assert_eq!(
            f.uri.as_deref(),
            Some("postgresql://USER@[fd00::5]:5432/postgres?sslmode=prefer")
        );
    }

    #[test]
    fn hostile_server_text_never_reaches_the_uri_or_the_command() {
        let i = instance(json!({
            "ipAddress": "10.0.0.1\"; rm -rf ~; echo \"",
            "network": {"dns": [{"alias": "$(reboot)", "domain": "x.example"}, {"alias": "-x", "domain": "y"}]}
        }));
        let n = nodes(json!([{"ipAddress": "10.0.0.2 && curl evil"}, {"ipAddress": "--help"}]));
        let f = connection_facts(&i, &n);
        assert_eq!(f.cluster_address, None);
        assert!(f.dns_names.is_empty());
        assert!(f.nodes.is_empty());
        assert!(f.hosts.is_empty());
        assert_eq!((f.uri, f.psql), (None, None));
    }

    #[test]
    fn nothing_known_gives_no_host_but_the_port_and_placeholders() {
        let f = connection_facts(&PostgresqlInstance::default(), &[]);
        assert_eq!(f.port, 5432);
        assert_eq!(f.database, "postgres");
        assert_eq!(f.user_placeholder, "USER");
        assert!(f.uri.is_none() && f.psql.is_none() && f.hosts.is_empty());
    }
}
