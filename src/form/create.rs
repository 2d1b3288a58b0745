//! The create form (`POST /databases/postgresql`, rules C1–C11).

use super::{
    group, tr, Choice, ChoicesBy, ChoicesFor, ChoicesSource, Condition, FieldKind, FormDescription,
    FormField, ValueType,
};
use crate::validate::{self as lim, Locale};

/// Common node sizings, smallest first (C2 accepts any `<N>cpu<M>gb`: the form also takes a
/// typed one). `2cpu4gb` is the reference's example and the create form's default.
pub(crate) const SIZINGS: &[(&str, u32, u32)] = &[
    ("1cpu2gb", 1, 2),
    ("2cpu2gb", 2, 2),
    ("2cpu4gb", 2, 4),
    ("2cpu8gb", 2, 8),
    ("4cpu8gb", 4, 8),
    ("4cpu16gb", 4, 16),
    ("8cpu16gb", 8, 16),
    ("8cpu32gb", 8, 32),
    ("16cpu64gb", 16, 64),
];

/// The default node sizing (the reference's example).
const DEFAULT_SIZING: &str = "2cpu4gb";

/// Product codes of the supported major versions (P1), newest first: `(code, Debian, PostgreSQL)`.
pub const PRODUCTS: &[(&str, u32, u32)] = &[
    ("deb12pg16", 12, 16),
    ("deb12pg15", 12, 15),
    ("deb11pg14", 11, 14),
    ("deb11pg13", 11, 13),
    ("deb11pg12", 11, 12),
    ("deb10pg11", 10, 11),
    ("deb10pg10", 10, 10),
];

/// Areas and their availability zones `(zone id, data center)` (P3: EB4/EB5 in the Paris
/// region, ET1/ET2 in Toulouse), the default zone first. `EB-QA` is the reference's example and
/// the default area. Ids as the simulator's catalogue names them; the form also takes a typed id.
pub const AREAS: &[KnownArea] = &[
    KnownArea {
        id: "EB-QA",
        en: "Paris (EB), QA",
        fr: "Paris (EB), recette",
        zones: &[("EB4-QA", "EB4"), ("EB5-QA", "EB5")],
    },
    KnownArea {
        id: "EB-PROD",
        en: "Paris (EB), production",
        fr: "Paris (EB), production",
        zones: &[("EB4-A", "EB4"), ("EB5-A", "EB5")],
    },
    KnownArea {
        id: "ET-HDS",
        en: "Toulouse (ET), health data (HDS)",
        fr: "Toulouse (ET), données de santé (HDS)",
        zones: &[("ET1-A", "ET1"), ("ET2-A", "ET2")],
    },
];

/// An area the create form offers.
#[derive(Debug, Clone, Copy)]
pub struct KnownArea {
    /// The `area` value.
    pub id: &'static str,
    /// English label.
    pub en: &'static str,
    /// French label.
    pub fr: &'static str,
    /// Availability zones `(zone id, data center)`, the default first.
    pub zones: &'static [(&'static str, &'static str)],
}

/// Town of a data center (P3).
fn data_center_town(dc: &str) -> &'static str {
    match dc {
        "EB4" => "Boulogne-Billancourt",
        "EB5" => "Magny-les-Hameaux",
        "ET1" => "Labège",
        "ET2" => "Balma",
        _ => "",
    }
}

/// The choices of a node sizing select (create and resize), labelled in `locale`.
pub(crate) fn sizing_choices(locale: Locale) -> Vec<Choice> {
    SIZINGS
        .iter()
        .map(|(value, cpu, gb)| Choice {
            value: (*value).to_owned(),
            label: tr(
                locale,
                &format!("{cpu} CPU, {gb} GB RAM ({value})"),
                &format!("{cpu} CPU, {gb} Go de RAM ({value})"),
            ),
        })
        .collect()
}

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
    .length(lim::NAME_MIN_CHARS, Some(lim::NAME_MAX_CHARS));
    name.lowercase = true;

    let trigram = FormField::new(
        "trigram",
        "identity",
        FieldKind::Text,
        t("Trigram", "Trigramme"),
        // C7 (no shared length constant yet: the rule is written in words in the validators)
        t(
            "Exactly three letters identifying your application, e.g. tri.",
            "Exactement trois lettres identifiant votre application, p. ex. tri.",
        ),
    )
    .required();

    let service_id = FormField {
        // C5: the services of the user's own instances, named; another id may be typed.
        choices_from: Some(ChoicesSource::Services),
        other_allowed: true,
        value_type: ValueType::Integer,
        min: Some(1),
        ..FormField::new(
            "serviceId",
            "identity",
            FieldKind::Select,
            t("Service", "Service"),
            t(
                "The ITCare service the instance belongs to: one of your services, or another service id.",
                "Le service ITCare auquel l'instance appartient : l'un de vos services, ou un autre identifiant.",
            ),
        )
        .required()
    };

    let area = FormField {
        // C10
        choices: AREAS
            .iter()
            .map(|a| Choice {
                value: a.id.to_owned(),
                label: format!("{} · {}", a.id, t(a.en, a.fr)),
            })
            .collect(),
        other_allowed: true,
        default_value: AREAS.first().map(|a| a.id.to_owned()),
        ..FormField::new(
            "area",
            "placement",
            FieldKind::Select,
            t("Area", "Zone"),
            t(
                "Area of the region hosting the instance (see List Regions).",
                "Zone de la région qui héberge l'instance (voir List Regions).",
            ),
        )
        .required()
        .length(1, None)
    };

    let product_code = FormField {
        // C10, P1: the supported versions, newest first (the default).
        choices: PRODUCTS
            .iter()
            .map(|(code, debian, pg)| Choice {
                value: (*code).to_owned(),
                label: t(
                    &format!("PostgreSQL {pg} on Debian {debian} ({code})"),
                    &format!("PostgreSQL {pg} sur Debian {debian} ({code})"),
                ),
            })
            .collect(),
        other_allowed: true,
        default_value: PRODUCTS.first().map(|(code, _, _)| (*code).to_owned()),
        ..FormField::new(
            "productCode",
            "placement",
            FieldKind::Select,
            t("PostgreSQL version", "Version de PostgreSQL"),
            t(
                "The product code names the operating system and the PostgreSQL major version, e.g. deb12pg16.",
                "Le code produit désigne le système et la version majeure de PostgreSQL, p. ex. deb12pg16.",
            ),
        )
        .required()
        .length(1, None)
    };

    let network_id = FormField {
        // C5: the networks of the user's own instances in the chosen area; another id may be typed.
        choices_from: Some(ChoicesSource::Networks),
        other_allowed: true,
        value_type: ValueType::Integer,
        min: Some(1),
        ..FormField::new(
            "networkId",
            "placement",
            FieldKind::Select,
            t("Network", "Réseau"),
            t(
                "The network the nodes are attached to, in the chosen area: one already used by your instances, or another network id.",
                "Le réseau auquel les nœuds sont rattachés, dans la zone choisie : l'un de ceux de vos instances, ou un autre identifiant.",
            ),
        )
        .required()
    };

    let node_sizing = FormField {
        choices: sizing_choices(locale),
        other_allowed: true,
        default_value: Some(DEFAULT_SIZING.to_owned()),
        ..FormField::new(
            "nodeSizing",
            "sizing",
            FieldKind::Select,
            t("Node sizing", "Taille des nœuds"),
            // C2
            t(
                "CPUs and memory of each node; another sizing may be typed as <N>cpu<M>gb.",
                "Processeurs et mémoire de chaque nœud ; une autre taille se saisit au format <N>cpu<M>gb.",
            ),
        )
        .required()
    };

    let disk_size = FormField {
        unit: Some(t("GB", "Go")),
        default_value: Some(lim::DISK_SIZE_MIN_GB.to_string()),
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
    };

    let lag = FormField {
        unit: Some(t("MB", "Mo")),
        // The reference's example value.
        default_value: Some("10".to_owned()),
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
                    "{} to {} uppercase letters, used to name the nodes, e.g. PGNODES.",
                    lim::NODE_PREFIX_MIN_CHARS,
                    lim::NODE_PREFIX_MAX_CHARS
                ),
                &format!(
                    "{} à {} lettres majuscules, pour nommer les nœuds, p. ex. PGNODES.",
                    lim::NODE_PREFIX_MIN_CHARS,
                    lim::NODE_PREFIX_MAX_CHARS
                ),
            ),
        )
        .length(lim::NODE_PREFIX_MIN_CHARS, Some(lim::NODE_PREFIX_MAX_CHARS))
    };

    let az = FormField {
        visible_when: ha(),
        required_when: ha(),
        // C9, C10, P3: the zones of the chosen area, its default zone first.
        choices_by: Some(ChoicesBy {
            field: "area".to_owned(),
            options: AREAS
                .iter()
                .map(|area| ChoicesFor {
                    when: area.id.to_owned(),
                    choices: area
                        .zones
                        .iter()
                        .map(|(zone, dc)| Choice {
                            value: (*zone).to_owned(),
                            label: format!("{zone} · {dc} {}", data_center_town(dc)),
                        })
                        .collect(),
                })
                .collect(),
        }),
        other_allowed: true,
        ..FormField::new(
            "az",
            "topology",
            FieldKind::Select,
            t("Availability zone", "Zone de disponibilité"),
            t(
                "Availability zone of the cluster's first node, in the chosen area.",
                "Zone de disponibilité du premier nœud du cluster, dans la zone choisie.",
            ),
        )
        .length(1, None)
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
        allowed_statuses: Vec::new(),
        unavailable_reason: None,
        busy_label: Some(t("Creating", "Création en cours")),
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
