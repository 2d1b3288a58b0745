//! The fixed catalogue the simulator knows: services (with their production flag), areas and
//! availability zones (P3), networks, products (P1) and the extensions each major version offers.

use itcare_postgresql::models::{Area, AvailabilityZone, Dns, Extension, Network};
use serde::Serialize;

/// A service (the `serviceId` of a create request).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// Service id.
    pub id: i64,
    /// Display name.
    pub name: &'static str,
    /// Short key.
    pub key: &'static str,
    /// Production service: 14-day restore window instead of 7 (O3).
    pub production: bool,
    /// The simulated client may not use it (create answers 403).
    pub forbidden: bool,
}

/// Services: 123 is non-production (the reference's example), 456 production.
pub const SERVICES: &[Service] = &[
    Service {
        id: 123,
        name: "Billing QA",
        key: "BILLQA",
        production: false,
        forbidden: false,
    },
    Service {
        id: 456,
        name: "Billing Production",
        key: "BILLPRD",
        production: true,
        forbidden: false,
    },
    Service {
        id: 789,
        name: "Data Lab",
        key: "DATALAB",
        production: false,
        forbidden: false,
    },
    Service {
        id: 999,
        name: "Another Team",
        key: "OTHER",
        production: true,
        forbidden: true,
    },
];

/// A service by id.
pub fn service(id: i64) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.id == id)
}

/// A data center (P3).
#[derive(Debug, Clone, Copy)]
pub struct DataCenter {
    /// Id, e.g. `EB4`.
    pub id: &'static str,
    /// Town.
    pub location: &'static str,
    /// Where an HA second node goes (P3: EB4 -> EB5, ET1 -> ET2).
    pub pair: &'static str,
}

/// The data centers of P3.
pub const DATA_CENTERS: &[DataCenter] = &[
    DataCenter {
        id: "EB4",
        location: "Boulogne-Billancourt",
        pair: "EB5",
    },
    DataCenter {
        id: "EB5",
        location: "Magny-les-Hameaux",
        pair: "EB4",
    },
    DataCenter {
        id: "ET1",
        location: "Labège",
        pair: "ET2",
    },
    DataCenter {
        id: "ET2",
        location: "Balma",
        pair: "ET1",
    },
];

/// A data center by id.
pub fn data_center(id: &str) -> Option<&'static DataCenter> {
    DATA_CENTERS.iter().find(|d| d.id == id)
}

/// An area and its availability zones `(az id, data center)`; the first zone is the default.
#[derive(Debug, Clone, Copy)]
pub struct AreaDef {
    /// Area id (the `area` of a create request).
    pub id: &'static str,
    /// Region label.
    pub region: &'static str,
    /// Regulation (health data hosting for the Toulouse areas).
    pub regulation: &'static str,
    /// Availability zones: `(id, data center id)`.
    pub zones: &'static [(&'static str, &'static str)],
}

/// Areas: `EB-QA` is the reference's example.
pub const AREAS: &[AreaDef] = &[
    AreaDef {
        id: "EB-QA",
        region: "EB",
        regulation: "STANDARD",
        zones: &[("EB4-QA", "EB4"), ("EB5-QA", "EB5")],
    },
    AreaDef {
        id: "EB-PROD",
        region: "EB",
        regulation: "STANDARD",
        zones: &[("EB4-A", "EB4"), ("EB5-A", "EB5")],
    },
    AreaDef {
        id: "ET-HDS",
        region: "ET",
        regulation: "HDS",
        zones: &[("ET1-A", "ET1"), ("ET2-A", "ET2")],
    },
];

/// An area by id.
pub fn area(id: &str) -> Option<&'static AreaDef> {
    AREAS.iter().find(|a| a.id == id)
}

/// Region label of a region id.
pub fn region_label(region: &str) -> &'static str {
    match region {
        "ET" => "Toulouse",
        _ => "Paris",
    }
}

/// The `az` value of the reference's create example (`"az": "az"`): read as "the area's default
/// zone", so the provider's own example is accepted as written.
pub const DEFAULT_ZONE: &str = "az";

impl AreaDef {
    /// The zone `az` of this area, the default zone when `None` or [`DEFAULT_ZONE`].
    pub fn zone(&self, az: Option<&str>) -> Option<(&'static str, &'static str)> {
        match az {
            None | Some(DEFAULT_ZONE) => self.zones.first().copied(),
            Some(az) => self.zones.iter().copied().find(|(id, _)| *id == az),
        }
    }

    /// The zone of data center `dc` in this area, if any.
    pub fn zone_in(&self, dc: &str) -> Option<(&'static str, &'static str)> {
        self.zones.iter().copied().find(|(_, d)| *d == dc)
    }

    /// The SDK model of a zone of this area.
    pub fn zone_model(&self, (id, dc): (&str, &str)) -> AvailabilityZone {
        AvailabilityZone {
            availability_zone_group: Some(self.region.to_string()),
            datacenter_id: Some(dc.to_string()),
            default_zone: Some(self.zones.first().is_some_and(|(z, _)| *z == id)),
            id: Some(id.to_string()),
            location: data_center(dc).map(|d| d.location.to_string()),
            routable: Some(true),
        }
    }

    /// The SDK model of the area.
    pub fn model(&self) -> Area {
        Area {
            availability_zones: self.zones.iter().map(|z| self.zone_model(*z)).collect(),
            default_area: Some(self.id == "EB-QA"),
            id: Some(self.id.to_string()),
            location: Some(region_label(self.region).to_string()),
            regulation: Some(self.regulation.to_string()),
        }
    }
}

/// A network definition.
#[derive(Debug, Clone, Copy)]
pub struct NetworkDef {
    /// Network id (the `networkId` of a create request; 132 is the reference's example).
    pub id: i64,
    /// Area it belongs to.
    pub area: &'static str,
    /// Third and fourth parts of `10.X.Y.0/24`.
    pub octets: (u8, u8),
    /// Environment label.
    pub environment: &'static str,
    /// Description.
    pub description: &'static str,
    /// DNS domain.
    pub domain: &'static str,
}

/// Networks, by area.
pub const NETWORKS: &[NetworkDef] = &[
    NetworkDef {
        id: 132,
        area: "EB-QA",
        octets: (42, 132),
        environment: "QA",
        description: "Databases QA (Boulogne)",
        domain: "qa.eb.cegedim.cloud",
    },
    NetworkDef {
        id: 133,
        area: "EB-QA",
        octets: (42, 133),
        environment: "DEV",
        description: "Databases DEV (Boulogne)",
        domain: "dev.eb.cegedim.cloud",
    },
    NetworkDef {
        id: 201,
        area: "EB-PROD",
        octets: (40, 201),
        environment: "PRODUCTION",
        description: "Databases PROD (Boulogne)",
        domain: "prd.eb.cegedim.cloud",
    },
    NetworkDef {
        id: 310,
        area: "ET-HDS",
        octets: (50, 10),
        environment: "PRODUCTION",
        description: "Databases HDS (Labège)",
        domain: "hds.et.cegedim.cloud",
    },
];

/// A network by id.
pub fn network(id: i64) -> Option<&'static NetworkDef> {
    NETWORKS.iter().find(|n| n.id == id)
}

impl NetworkDef {
    /// Address of host `host` in this network.
    pub fn ip(&self, host: u32) -> String {
        format!("10.{}.{}.{}", self.octets.0, self.octets.1, 10 + host % 240)
    }

    /// The SDK model of the network; `used` addresses are counted as taken.
    pub fn model(&self) -> Network {
        let region = area(self.area).map(|a| a.region).unwrap_or("EB");
        Network {
            area: Some(self.area.to_string()),
            cidr: Some(format!("10.{}.{}.0/24", self.octets.0, self.octets.1)),
            cloud: Some("cegedim.cloud".into()),
            default_network: Some(self.id == 132),
            description: Some(self.description.to_string()),
            dns: vec![
                Dns {
                    alias: Some("pgsql".into()),
                    domain: Some(self.domain.to_string()),
                },
                Dns {
                    alias: Some("db".into()),
                    domain: Some("cegedim.cloud".into()),
                },
            ],
            environment: Some(self.environment.to_string()),
            gateway: Some(format!("10.{}.{}.1", self.octets.0, self.octets.1)),
            id: Some(self.id),
            ip_address: Some(format!("10.{}.{}.0", self.octets.0, self.octets.1)),
            ip_free_number: Some(180),
            is_ip_range_public: Some(false),
            mask: Some("255.255.255.0".into()),
            network_short_description: Some(format!("VLAN {} {}", self.id, self.environment)),
            region: Some(region.to_string()),
            scope: Some("PRIVATE".into()),
            short_description: Some(self.description.to_string()),
            technical_id: Some(format!("vlan-{}", 1000 + self.id)),
            used_percent: Some(29.7),
        }
    }
}

/// A product (P1): OS and PostgreSQL major version.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductDef {
    /// Product code, e.g. `deb12pg16`.
    pub code: &'static str,
    /// Debian version.
    pub debian: u8,
    /// PostgreSQL major version.
    pub major: i64,
    /// Latest minor release, e.g. `16.4`.
    pub release: &'static str,
    /// Release date (RFC 3339).
    pub released_at: &'static str,
    /// End of sales (RFC 3339).
    pub end_of_sales_at: &'static str,
    /// End of support (RFC 3339).
    pub end_of_support_at: &'static str,
    /// Support phase.
    pub support_phase: &'static str,
}

/// Products of P1, newest first.
pub const PRODUCTS: &[ProductDef] = &[
    ProductDef {
        code: "deb12pg16",
        debian: 12,
        major: 16,
        release: "16.4",
        released_at: "2023-09-14T00:00:00.000+00:00",
        end_of_sales_at: "2028-11-09T00:00:00.000+00:00",
        end_of_support_at: "2028-11-09T00:00:00.000+00:00",
        support_phase: "STANDARD",
    },
    ProductDef {
        code: "deb12pg15",
        debian: 12,
        major: 15,
        release: "15.8",
        released_at: "2022-10-13T00:00:00.000+00:00",
        end_of_sales_at: "2027-11-11T00:00:00.000+00:00",
        end_of_support_at: "2027-11-11T00:00:00.000+00:00",
        support_phase: "STANDARD",
    },
    ProductDef {
        code: "deb11pg14",
        debian: 11,
        major: 14,
        release: "14.13",
        released_at: "2021-09-30T00:00:00.000+00:00",
        end_of_sales_at: "2026-11-12T00:00:00.000+00:00",
        end_of_support_at: "2026-11-12T00:00:00.000+00:00",
        support_phase: "STANDARD",
    },
    ProductDef {
        code: "deb11pg13",
        debian: 11,
        major: 13,
        release: "13.16",
        released_at: "2020-09-24T00:00:00.000+00:00",
        end_of_sales_at: "2025-11-13T00:00:00.000+00:00",
        end_of_support_at: "2025-11-13T00:00:00.000+00:00",
        support_phase: "EXTENDED",
    },
    ProductDef {
        code: "deb11pg12",
        debian: 11,
        major: 12,
        release: "12.20",
        released_at: "2019-10-03T00:00:00.000+00:00",
        end_of_sales_at: "2024-11-14T00:00:00.000+00:00",
        end_of_support_at: "2024-11-14T00:00:00.000+00:00",
        support_phase: "EXTENDED",
    },
    ProductDef {
        code: "deb10pg11",
        debian: 10,
        major: 11,
        release: "11.22",
        released_at: "2018-10-18T00:00:00.000+00:00",
        end_of_sales_at: "2023-11-09T00:00:00.000+00:00",
        end_of_support_at: "2023-11-09T00:00:00.000+00:00",
        support_phase: "END_OF_LIFE",
    },
    ProductDef {
        code: "deb10pg10",
        debian: 10,
        major: 10,
        release: "10.23",
        released_at: "2017-10-05T00:00:00.000+00:00",
        end_of_sales_at: "2022-11-10T00:00:00.000+00:00",
        end_of_support_at: "2022-11-10T00:00:00.000+00:00",
        support_phase: "END_OF_LIFE",
    },
];

/// A product by code.
pub fn product(code: &str) -> Option<&'static ProductDef> {
    PRODUCTS.iter().find(|p| p.code == code)
}

/// The product of a major version (the newest OS that ships it).
pub fn product_of_major(major: i64) -> Option<&'static ProductDef> {
    PRODUCTS.iter().find(|p| p.major == major)
}

/// P1 / P5: the major versions an instance of `major` can be upgraded to (every supported
/// major above it).
pub fn upgrade_targets(major: i64) -> Vec<i64> {
    let mut v: Vec<i64> = PRODUCTS
        .iter()
        .map(|p| p.major)
        .filter(|m| *m > major)
        .collect();
    v.sort_unstable();
    v
}

/// Leading major version of a version text such as `16.4` or `16`.
pub fn major_of(version: &str) -> Option<i64> {
    version.split('.').next()?.trim().parse().ok()
}

/// `(name, version for major >= 15 / below, comment, restart needed)` of the extensions offered.
const EXTENSIONS: &[(&str, &str, &str, bool)] = &[
    (
        "pg_stat_statements",
        "1.10",
        "track planning and execution statistics of all SQL statements executed",
        true,
    ),
    ("pgcrypto", "1.3", "cryptographic functions", false),
    (
        "uuid-ossp",
        "1.1",
        "generate universally unique identifiers (UUIDs)",
        false,
    ),
    (
        "pg_trgm",
        "1.6",
        "text similarity measurement and index searching based on trigrams",
        false,
    ),
    (
        "hstore",
        "1.8",
        "data type for storing sets of (key, value) pairs",
        false,
    ),
    (
        "citext",
        "1.6",
        "data type for case-insensitive character strings",
        false,
    ),
    (
        "btree_gin",
        "1.3",
        "support for indexing common datatypes in GIN",
        false,
    ),
    (
        "unaccent",
        "1.1",
        "text search dictionary that removes accents",
        false,
    ),
    (
        "tablefunc",
        "1.0",
        "functions that manipulate whole tables, including crosstab",
        false,
    ),
    (
        "postgis",
        "3.4.2",
        "PostGIS geometry and geography spatial types and functions",
        false,
    ),
    ("pgaudit", "16.0", "provides auditing functionality", true),
    (
        "vector",
        "0.7.4",
        "vector data type and ivfflat and hnsw access methods",
        false,
    ),
];

/// Extensions `GET .../extensions` lists for a major version.
pub fn extensions(major: i64) -> Vec<Extension> {
    EXTENSIONS
        .iter()
        .filter(|(name, ..)| major >= 15 || !matches!(*name, "vector" | "pgaudit"))
        .map(|(name, version, comment, restart)| Extension {
            name: Some(name.to_string()),
            version: Some(if *name == "pgaudit" {
                format!("{major}.0")
            } else {
                version.to_string()
            }),
            comment: Some(comment.to_string()),
            link: Some(format!(
                "https://www.postgresql.org/docs/{major}/{}.html",
                name.replace(['_', '-'], "")
            )),
            requires_restarting: Some(*restart),
        })
        .collect()
}

/// What `GET /_sim/catalog` answers (simulator only; the real API has its own catalogue calls).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// Services.
    pub services: Vec<Service>,
    /// Areas with their zones.
    pub areas: Vec<Area>,
    /// Networks.
    pub networks: Vec<Network>,
    /// Products.
    pub products: Vec<ProductDef>,
    /// Node sizings offered by the form.
    pub node_sizings: Vec<&'static str>,
}

/// The catalogue.
pub fn catalog() -> Catalog {
    Catalog {
        services: SERVICES.to_vec(),
        areas: AREAS.iter().map(AreaDef::model).collect(),
        networks: NETWORKS.iter().map(NetworkDef::model).collect(),
        products: PRODUCTS.to_vec(),
        node_sizings: vec![
            "2cpu2gb",
            "2cpu4gb",
            "2cpu8gb",
            "4cpu8gb",
            "4cpu16gb",
            "8cpu32gb",
            "16cpu64gb",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(
            area("EB-QA").and_then(|a| a.zone(Some(DEFAULT_ZONE))),
            Some(("EB4-QA", "EB4"))
        );
        assert_eq!(
            area("EB-QA").and_then(|a| a.zone(Some("EB5-QA"))),
            Some(("EB5-QA", "EB5"))
        );
        assert_eq!(area("EB-QA").and_then(|a| a.zone(Some("ET1-A"))), None);
        assert_eq!(upgrade_targets(14), vec![15, 16]);
        assert!(upgrade_targets(16).is_empty());
        assert_eq!(major_of("12.20"), Some(12));
        assert_eq!(product_of_major(16).map(|p| p.code), Some("deb12pg16"));
        assert!(service(123).is_some_and(|s| !s.production));
        assert!(service(456).is_some_and(|s| s.production));
        assert_eq!(
            area("EB-QA").and_then(|a| a.zone(None)),
            Some(("EB4-QA", "EB4"))
        );
        assert!(extensions(14)
            .iter()
            .all(|e| e.name.as_deref() != Some("vector")));
        for n in NETWORKS {
            assert!(area(n.area).is_some(), "{}", n.id);
        }
    }

    /// The create form's choices (the SDK's `form::KNOWN_AREAS` / `KNOWN_PRODUCTS`) are exactly
    /// this catalogue: one list of areas, zones and product codes, never two that drift.
    #[test]
    fn the_create_forms_choices_are_this_catalogue() {
        let form_areas: Vec<_> = itcare_postgresql::form::KNOWN_AREAS
            .iter()
            .map(|a| (a.id, a.zones.to_vec()))
            .collect();
        let ours: Vec<_> = AREAS.iter().map(|a| (a.id, a.zones.to_vec())).collect();
        assert_eq!(form_areas, ours);
        let form_products: Vec<_> = itcare_postgresql::form::KNOWN_PRODUCTS
            .iter()
            .map(|&(code, debian, major)| (code, i64::from(debian), i64::from(major)))
            .collect();
        let ours: Vec<_> = PRODUCTS
            .iter()
            .map(|p| (p.code, i64::from(p.debian), p.major))
            .collect();
        assert_eq!(form_products, ours);
    }
}
