//! The create form (`POST /databases/postgresql`, rules C1–C11).

use super::{group, tr, Choice, Condition, FieldKind, FormDescription, FormField};
use crate::validate::{self as lim, Locale};

/// Node sizings offered while typing (C2 accepts any `<N>cpu<M>gb`).
pub(crate) const SIZING_SUGGESTIONS: &[&str] = &[
    "1cpu2gb",
    "2cpu2gb",
    "2cpu4gb",
    "2cpu8gb",
    "4cpu8gb",
    "4cpu16gb",
    "8cpu16gb",
    "8cpu32gb",
    "16cpu64gb",
];

/// Product codes offered while typing: Debian 12 with each supported major version (P1).
const PRODUCT_CODE_SUGGESTIONS: &[&str] = &[
    "deb12pg16",
    "deb12pg15",
    "deb11pg14",
    "deb11pg13",
    "deb11pg12",
    "deb10pg11",
    "deb10pg10",
];

/// Describes the create request form: every required field of the create body, the HA fields
/// shown and required only for the HA topology (C9), in the order a person fills them.
pub fn describe_create_form(locale: Locale) -> FormDescription {
    let t = |en: &str, fr: &str| tr(locale, en, fr);
    let ha = || Some(Condition::field("topology", "HA"));

    let mut name = FormField::new(
        "name",
        "identity",
        FieldKind::Text,
        t("Instance name", "Nom de l'instance"),
        // C1
        t(
            &format!(
                "{} to {} lowercase letters (a-z) or digits; \"cluster\" is reserved.",
                lim::NAME_MIN_CHARS,
                lim::NAME_MAX_CHARS
            ),
            &format!(
                "{} à {} lettres minuscules (a-z) ou chiffres ; « cluster » est réservé.",
                lim::NAME_MIN_CHARS,
                lim::NAME_MAX_CHARS
            ),
        ),
    )
    .required()
    .length(lim::NAME_MIN_CHARS, Some(lim::NAME_MAX_CHARS))
    .placeholder("newpostgre01");
    name.lowercase = true;

    let trigram = FormField::new(
        "trigram",
        "identity",
        FieldKind::Text,
        t("Trigram", "Trigramme"),
        // C7 (no shared length constant yet: the rule is written in words in the validators)
        t(
            "Exactly three letters identifying your application.",
            "Exactement trois lettres identifiant votre application.",
        ),
    )
    .required()
    .placeholder("tri");

    let service_id = FormField::new(
        "serviceId",
        "identity",
        FieldKind::Number,
        t("Service id", "Identifiant du service"),
        // C5
        t(
            "The ITCare service the instance belongs to (a positive integer).",
            "Le service ITCare auquel l'instance appartient (entier positif).",
        ),
    )
    .required()
    .placeholder("123");
    let service_id = FormField {
        min: Some(1),
        ..service_id
    };

    let area = FormField {
        ..FormField::new(
            "area",
            "placement",
            FieldKind::Text,
            t("Area", "Zone"),
            // C10
            t(
                "Area of the region hosting the instance (see List Regions).",
                "Zone de la région qui héberge l'instance (voir List Regions).",
            ),
        )
        .required()
        .length(1, None)
        .placeholder("EB-QA")
    };

    let product_code = FormField {
        suggestions: strings(PRODUCT_CODE_SUGGESTIONS),
        ..FormField::new(
            "productCode",
            "placement",
            FieldKind::Text,
            t("Product code", "Code produit"),
            // C10, P1
            t(
                "Operating system and PostgreSQL major version, e.g. deb12pg16 (Debian 12, PostgreSQL 16).",
                "Système et version majeure de PostgreSQL, p. ex. deb12pg16 (Debian 12, PostgreSQL 16).",
            ),
        )
        .required()
        .length(1, None)
        .placeholder("deb12pg16")
    };

    let network_id = FormField {
        min: Some(1),
        ..FormField::new(
            "networkId",
            "placement",
            FieldKind::Number,
            t("Network id", "Identifiant du réseau"),
            // C5
            t(
                "The network the nodes are attached to (a positive integer).",
                "Le réseau auquel les nœuds sont rattachés (entier positif).",
            ),
        )
        .required()
        .placeholder("132")
    };

    let node_sizing = FormField {
        suggestions: strings(SIZING_SUGGESTIONS),
        ..FormField::new(
            "nodeSizing",
            "sizing",
            FieldKind::Text,
            t("Node sizing", "Taille des nœuds"),
            // C2
            t(
                "CPUs and memory of each node, written <N>cpu<M>gb, e.g. 2cpu4gb.",
                "Processeurs et mémoire de chaque nœud, au format <N>cpu<M>gb, p. ex. 2cpu4gb.",
            ),
        )
        .required()
        .placeholder("2cpu4gb")
    };

    let disk_size = FormField {
        unit: Some(t("GB", "Go")),
        ..FormField::new(
            "diskSize",
            "sizing",
            FieldKind::Number,
            t("Disk size", "Taille du disque"),
            // C3
            t(
                &format!(
                    "Storage of each data node, {} to {} GB.",
                    lim::DISK_SIZE_MIN_GB,
                    lim::DISK_SIZE_MAX_GB
                ),
                &format!(
                    "Stockage de chaque nœud de données, de {} à {} Go.",
                    lim::DISK_SIZE_MIN_GB,
                    lim::DISK_SIZE_MAX_GB
                ),
            ),
        )
        .required()
        .range(lim::DISK_SIZE_MIN_GB, lim::DISK_SIZE_MAX_GB)
        .placeholder("40")
    };

    let lag = FormField {
        unit: Some(t("MB", "Mo")),
        ..FormField::new(
            "allowedReplicationLag",
            "sizing",
            FieldKind::Number,
            t("Allowed replication lag", "Retard de réplication autorisé"),
            // C8
            t(
                &format!(
                    "How far a replica may fall behind, {} to {} MB.",
                    lim::REPLICATION_LAG_MIN_MB,
                    lim::REPLICATION_LAG_MAX_MB
                ),
                &format!(
                    "Retard maximal d'un réplica, de {} à {} Mo.",
                    lim::REPLICATION_LAG_MIN_MB,
                    lim::REPLICATION_LAG_MAX_MB
                ),
            ),
        )
        .required()
        .range(lim::REPLICATION_LAG_MIN_MB, lim::REPLICATION_LAG_MAX_MB)
        .placeholder("10")
    };

    let topology = FormField {
        // C6: the values come from the validators' list.
        choices: lim::TOPOLOGIES
            .iter()
            .map(|value| Choice {
                value: (*value).to_owned(),
                label: match *value {
                    "HA" => t(
                        "High availability (several nodes)",
                        "Haute disponibilité (plusieurs nœuds)",
                    ),
                    "STANDALONE" => t("Standalone (single node)", "Autonome (un seul nœud)"),
                    other => other.to_owned(),
                },
            })
            .collect(),
        default_value: lim::TOPOLOGIES.first().map(|v| (*v).to_owned()),
        ..FormField::new(
            "topology",
            "topology",
            FieldKind::Select,
            t("Topology", "Topologie"),
            // C6, P2
            t(
                "High availability places several nodes across data centers where possible.",
                "La haute disponibilité répartit plusieurs nœuds entre centres de données si possible.",
            ),
        )
        .required()
    };

    let node_prefix = FormField {
        visible_when: ha(),
        required_when: ha(),
        ..FormField::new(
            "nodePrefix",
            "topology",
            FieldKind::Text,
            t("Node name prefix", "Préfixe des noms de nœuds"),
            // C9
            t(
                &format!(
                    "{} to {} uppercase letters, used to name the nodes.",
                    lim::NODE_PREFIX_MIN_CHARS,
                    lim::NODE_PREFIX_MAX_CHARS
                ),
                &format!(
                    "{} à {} lettres majuscules, pour nommer les nœuds.",
                    lim::NODE_PREFIX_MIN_CHARS,
                    lim::NODE_PREFIX_MAX_CHARS
                ),
            ),
        )
        .length(lim::NODE_PREFIX_MIN_CHARS, Some(lim::NODE_PREFIX_MAX_CHARS))
        .placeholder("PGNODES")
    };

    let az = FormField {
        visible_when: ha(),
        required_when: ha(),
        ..FormField::new(
            "az",
            "topology",
            FieldKind::Text,
            t("Availability zone", "Zone de disponibilité"),
            // C9, C10, P3
            t(
                "Availability zone of the cluster, e.g. EB4 or ET1.",
                "Zone de disponibilité du cluster, p. ex. EB4 ou ET1.",
            ),
        )
        .length(1, None)
        .placeholder("EB4")
    };

    let tls = FormField {
        visible_when: ha(),
        required_when: ha(),
        default_value: Some("true".to_owned()),
        ..FormField::new(
            "tls",
            "topology",
            FieldKind::Checkbox,
            t("Enable TLS", "Activer TLS"),
            // C9
            t(
                "Encrypt client connections to the cluster.",
                "Chiffrer les connexions des clients au cluster.",
            ),
        )
    };

    let password = FormField::new(
        "admPassword",
        "security",
        FieldKind::Password,
        t("Administrator password", "Mot de passe administrateur"),
        // C4
        t(
            &format!(
                "At least {} characters with a lowercase letter, an uppercase letter, a digit and a special character.",
                lim::PASSWORD_MIN_CHARS
            ),
            &format!(
                "Au moins {} caractères dont une minuscule, une majuscule, un chiffre et un caractère spécial.",
                lim::PASSWORD_MIN_CHARS
            ),
        ),
    )
    .required()
    .length(lim::PASSWORD_MIN_CHARS, None);

    FormDescription {
        id: "create".to_owned(),
        title: t("New PostgreSQL instance", "Nouvelle instance PostgreSQL"),
        description: t(
            "The instance is created asynchronously; progress shows until it is ACTIVE.",
            "L'instance est créée de façon asynchrone ; la progression s'affiche jusqu'à l'état ACTIVE.",
        ),
        submit_label: t("Create instance", "Créer l'instance"),
        menu_label: t("New instance", "Nouvelle instance"),
        irreversible: false,
        confirm: None,
        groups: vec![
            group("identity", t("Identity", "Identité")),
            group("placement", t("Placement", "Emplacement")),
            group("sizing", t("Sizing", "Dimensionnement")),
            group("topology", t("Topology", "Topologie")),
            group("security", t("Security", "Sécurité")),
        ],
        fields: vec![
            name,
            trigram,
            service_id,
            area,
            product_code,
            network_id,
            node_sizing,
            disk_size,
            lag,
            topology,
            node_prefix,
            az,
            tls,
            password,
        ],
    }
}

pub(crate) fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}
