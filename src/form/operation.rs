//! Operation forms (`PATCH /databases/postgresql/{id}`, rules O1–O8) and the delete form.

use super::create::sizing_choices;
use super::{
    group, tr, Choice, ChoicesSource, Condition, ConfirmKind, Confirmation, DateWindow, FieldKind,
    FormDescription, FormField, ValueType,
};
use crate::validate::{self as lim, Locale};

/// Every form [`describe_operation_form`] knows, in the order the portal offers them: the PATCH
/// operations (O1–O7, [`PostgresqlOperation::NAMES`](crate::models::PostgresqlOperation::NAMES))
/// then `delete` (the DELETE call).
pub const OPERATION_FORMS: &[&str] = &{
    use crate::models::PostgresqlOperation as Op;
    let names = Op::NAMES;
    let mut forms = ["delete"; Op::NAMES.len() + 1];
    let mut i = 0;
    while i < names.len() {
        forms[i] = names[i];
        i += 1;
    }
    forms
};

/// Describes the form of one operation, or `None` for a name that is not an operation (O8).
pub fn describe_operation_form(operation: &str, locale: Locale) -> Option<FormDescription> {
    let t = |en: &str, fr: &str| tr(locale, en, fr);
    let form = |id: &str, title: String, description: String, submit: String| FormDescription {
        id: id.to_owned(),
        title,
        description,
        submit_label: submit,
        menu_label: String::new(),
        irreversible: false,
        confirm: None,
        allowed_statuses: Vec::new(),
        unavailable_reason: None,
        busy_label: None,
        groups: vec![group("options", t("Options", "Options"))],
        fields: Vec::new(),
    };
    let acknowledge = || {
        Some(Confirmation {
            kind: ConfirmKind::Acknowledge,
            label: t(
                "I understand this cannot be undone.",
                "J'ai compris que cette opération est irréversible.",
            ),
        })
    };
    let change_reference = || {
        FormField::new(
            "options.changeReference",
            "options",
            FieldKind::Text,
            t("Change reference", "Référence de changement"),
            t(
                "Optional reference of your change request, e.g. RFC 1234.",
                "Référence facultative de votre demande de changement, p. ex. RFC 1234.",
            ),
        )
    };

    let described = match operation {
        // O1
        "start" => form(
            "start",
            t("Start instance", "Démarrer l'instance"),
            t(
                "Starts the nodes and the PostgreSQL instance.",
                "Démarre les nœuds et l'instance PostgreSQL.",
            ),
            t("Start", "Démarrer"),
        ),
        // O1: a stop cannot be cancelled once sent, the UI confirms; Start brings the instance
        // back, so it is not called irreversible (the page offers Start next to it).
        "stop" => FormDescription {
            confirm: Some(Confirmation {
                kind: ConfirmKind::Acknowledge,
                label: t(
                    "I understand that clients are disconnected until the instance is started again.",
                    "J'ai compris que les clients sont déconnectés jusqu'au redémarrage de l'instance.",
                ),
            }),
            ..form(
                "stop",
                t("Stop instance", "Arrêter l'instance"),
                t(
                    "Stops the nodes and the instance: clients are disconnected until you start it again. A stop cannot be cancelled once sent.",
                    "Arrête les nœuds et l'instance : les clients sont déconnectés jusqu'à ce que vous la redémarriez. Un arrêt envoyé ne peut pas être annulé.",
                ),
                t("Stop", "Arrêter"),
            )
        },
        // O2
        "resize" => FormDescription {
            irreversible: true,
            confirm: acknowledge(),
            fields: vec![FormField {
                choices: sizing_choices(locale),
                other_allowed: true,
                ..FormField::new(
                    "options.sizing",
                    "options",
                    FieldKind::Select,
                    t("New sizing", "Nouvelle taille"),
                    t(
                        "CPUs and memory of each node; another sizing may be typed as <N>cpu<M>gb.",
                        "Processeurs et mémoire de chaque nœud ; une autre taille se saisit au format <N>cpu<M>gb.",
                    ),
                )
                .required()
            }],
            ..form(
                "resize",
                t("Resize instance", "Redimensionner l'instance"),
                t(
                    "Resizes the nodes and the instance. This operation cannot be undone afterwards.",
                    "Redimensionne les nœuds et l'instance. Cette opération ne peut pas être annulée ensuite.",
                ),
                t("Resize", "Redimensionner"),
            )
        },
        // O3: the instance's data is replaced by the source's: the name is typed to confirm.
        "restore" => FormDescription {
            irreversible: true,
            confirm: Some(Confirmation {
                kind: ConfirmKind::TypeName,
                label: t(
                    "Type the instance name to confirm that its current data will be overwritten",
                    "Saisissez le nom de l'instance pour confirmer que ses données actuelles seront écrasées",
                ),
            }),
            fields: vec![
                FormField {
                    choices_from: Some(ChoicesSource::Instances),
                    value_type: ValueType::Integer,
                    min: Some(1),
                    ..FormField::new(
                        "options.sourceId",
                        "options",
                        FieldKind::Select,
                        t("Source instance", "Instance source"),
                        t(
                            "An ACTIVE, backed-up instance with the same version.",
                            "Une instance ACTIVE, sauvegardée, de même version.",
                        ),
                    )
                    .required()
                },
                FormField {
                    // O3: the values come from the validators' list.
                    choices: lim::RESTORE_STOPS
                        .iter()
                        .map(|value| Choice {
                            value: (*value).to_owned(),
                            label: match *value {
                                "BEFORE" => {
                                    t("Before the point in time", "Avant le point dans le temps")
                                }
                                "AFTER" => {
                                    t("After the point in time", "Après le point dans le temps")
                                }
                                other => other.to_owned(),
                            },
                        })
                        .collect(),
                    default_value: lim::RESTORE_STOPS.first().map(|v| (*v).to_owned()),
                    ..FormField::new(
                        "options.stop",
                        "options",
                        FieldKind::Select,
                        t("Stop", "Arrêt"),
                        t(
                            "Whether the restore stops just before or just after that point.",
                            "Si la restauration s'arrête juste avant ou juste après ce point.",
                        ),
                    )
                    .required()
                },
                FormField {
                    window: Some(DateWindow {
                        max_age_days: lim::RESTORE_WINDOW_NON_PRODUCTION_DAYS,
                        production_max_age_days: lim::RESTORE_WINDOW_PRODUCTION_DAYS,
                    }),
                    ..FormField::new(
                        "options.timestamp",
                        "options",
                        FieldKind::Datetime,
                        t("Point in time", "Point dans le temps"),
                        t(
                            &format!(
                                "Between now and {} days ago ({} days for a production service).",
                                lim::RESTORE_WINDOW_NON_PRODUCTION_DAYS,
                                lim::RESTORE_WINDOW_PRODUCTION_DAYS
                            ),
                            &format!(
                                "Entre maintenant et il y a {} jours ({} jours pour un service de production).",
                                lim::RESTORE_WINDOW_NON_PRODUCTION_DAYS,
                                lim::RESTORE_WINDOW_PRODUCTION_DAYS
                            ),
                        ),
                    )
                    .required()
                },
            ],
            ..form(
                "restore",
                t("Restore instance", "Restaurer l'instance"),
                t(
                    "Replaces this instance's data with another instance's data at a point in time.",
                    "Remplace les données de cette instance par celles d'une autre instance à un point dans le temps.",
                ),
                t("Restore", "Restaurer"),
            )
        },
        // O4
        "enable_ha" => FormDescription {
            fields: vec![
                FormField {
                    unit: Some(t("MB", "Mo")),
                    default_value: Some("50".to_owned()),
                    ..FormField::new(
                        "options.replicationLag",
                        "options",
                        FieldKind::Number,
                        t("Replication lag", "Retard de réplication"),
                        t(
                            &format!(
                                "How far the replica may fall behind, {} to {} MB.",
                                lim::HA_REPLICATION_LAG_MIN,
                                lim::HA_REPLICATION_LAG_MAX
                            ),
                            &format!(
                                "Retard maximal du réplica, de {} à {} Mo.",
                                lim::HA_REPLICATION_LAG_MIN,
                                lim::HA_REPLICATION_LAG_MAX
                            ),
                        ),
                    )
                    .required()
                    .range(lim::HA_REPLICATION_LAG_MIN, lim::HA_REPLICATION_LAG_MAX)
                },
                change_reference(),
            ],
            ..form(
                "enable_ha",
                t("Enable high availability", "Activer la haute disponibilité"),
                t(
                    &format!(
                        "Converts a STANDALONE instance of version {} or later to HA.",
                        lim::HA_MIN_MAJOR_VERSION
                    ),
                    &format!(
                        "Convertit une instance STANDALONE de version {} ou plus en HA.",
                        lim::HA_MIN_MAJOR_VERSION
                    ),
                ),
                t("Enable HA", "Activer la HA"),
            )
        },
        // O5
        "update_patch_party" => {
            let excluded = || Some(Condition::field("options.patchParty.excluded", "true"));
            FormDescription {
                fields: vec![
                    FormField {
                        default_value: Some("false".to_owned()),
                        required: true,
                        ..FormField::new(
                            "options.patchParty.excluded",
                            "options",
                            FieldKind::Checkbox,
                            t("Exclude from patch party", "Exclure de la patch party"),
                            t(
                                "Excluded instances are not patched automatically.",
                                "Les instances exclues ne sont pas mises à jour automatiquement.",
                            ),
                        )
                    },
                    FormField {
                        visible_when: excluded(),
                        required_when: excluded(),
                        ..FormField::new(
                            "options.patchParty.exclusionReason",
                            "options",
                            FieldKind::Text,
                            t("Exclusion reason", "Motif d'exclusion"),
                            t(
                                "Why the instance is excluded from the patch party.",
                                "Pourquoi l'instance est exclue de la patch party.",
                            ),
                        )
                        .length(1, None)
                    },
                    FormField {
                        // O5: only allowed when the instance has exactly one member.
                        visible_when: Some(Condition::context("nodeCount", "1")),
                        ..FormField::new(
                            "options.patchParty.patchGroup",
                            "options",
                            FieldKind::Text,
                            t("Patch group", "Groupe de patch"),
                            t(
                                "Optional patching group, e.g. 3; only for a single-node instance.",
                                "Groupe de patch facultatif, p. ex. 3 ; seulement pour une instance à un nœud.",
                            ),
                        )
                    },
                ],
                ..form(
                    "update_patch_party",
                    t("Patch party", "Patch party"),
                    t(
                        "Includes or excludes the instance from the scheduled patch party.",
                        "Inclut ou exclut l'instance de la patch party planifiée.",
                    ),
                    t("Save", "Enregistrer"),
                )
            }
        }
        // O6, P4
        "install_extension" => FormDescription {
            fields: vec![
                FormField {
                    choices_from: Some(ChoicesSource::Databases),
                    ..FormField::new(
                        "options.dbname",
                        "options",
                        FieldKind::Select,
                        t("Database", "Base de données"),
                        t(
                            "The database the extensions are installed in.",
                            "La base de données où installer les extensions.",
                        ),
                    )
                    .required()
                },
                FormField {
                    choices_from: Some(ChoicesSource::Extensions),
                    item_key: Some("name".to_owned()),
                    ..FormField::new(
                        "options.extensions_list",
                        "options",
                        FieldKind::List,
                        t("Extensions", "Extensions"),
                        t(
                            &format!(
                                "One or more extensions (self-service from PostgreSQL {}).",
                                lim::EXTENSION_MIN_MAJOR_VERSION
                            ),
                            &format!(
                                "Une ou plusieurs extensions (en libre-service dès PostgreSQL {}).",
                                lim::EXTENSION_MIN_MAJOR_VERSION
                            ),
                        ),
                    )
                    .required()
                },
            ],
            ..form(
                "install_extension",
                t("Install extensions", "Installer des extensions"),
                t(
                    "Installs extensions in one database of the instance.",
                    "Installe des extensions dans une base de données de l'instance.",
                ),
                t("Install", "Installer"),
            )
        },
        // O7, P5: a major upgrade cannot be rolled back: the target version is confirmed.
        "upgrade" => FormDescription {
            irreversible: true,
            confirm: Some(Confirmation {
                kind: ConfirmKind::TargetVersion,
                label: t(
                    "I confirm the upgrade to PostgreSQL {version}; it cannot be rolled back.",
                    "Je confirme la mise à niveau vers PostgreSQL {version} ; elle ne peut pas être annulée.",
                ),
            }),
            fields: vec![
                FormField {
                    choices_from: Some(ChoicesSource::Versions),
                    ..FormField::new(
                        "options.targetVersion",
                        "options",
                        FieldKind::Select,
                        t("Target version", "Version cible"),
                        t(
                            "A major version this instance can move to.",
                            "Une version majeure vers laquelle l'instance peut évoluer.",
                        ),
                    )
                    .required()
                },
                change_reference(),
            ],
            ..form(
                "upgrade",
                t("Upgrade PostgreSQL", "Mettre à niveau PostgreSQL"),
                t(
                    "Upgrades the instance to a newer major version.",
                    "Met à niveau l'instance vers une version majeure plus récente.",
                ),
                t("Upgrade", "Mettre à niveau"),
            )
        },
        "delete" => FormDescription {
            irreversible: true,
            confirm: Some(Confirmation {
                kind: ConfirmKind::TypeName,
                label: t(
                    "Type the instance name to confirm",
                    "Saisissez le nom de l'instance pour confirmer",
                ),
            }),
            groups: Vec::new(),
            ..form(
                "delete",
                t("Delete instance", "Supprimer l'instance"),
                t(
                    "Deletes the instance, its nodes and its data. This cannot be undone.",
                    "Supprime l'instance, ses nœuds et ses données. C'est irréversible.",
                ),
                t("Delete", "Supprimer"),
            )
        },
        // O8
        _ => return None,
    };
    let mut described = described;
    described.menu_label = match operation {
        "start" => t("Start", "Démarrer"),
        "stop" => t("Stop", "Arrêter"),
        "resize" => t("Resize", "Redimensionner"),
        "restore" => t("Restore", "Restaurer"),
        "enable_ha" => t("Enable HA", "Activer la HA"),
        "update_patch_party" => t("Patch party", "Patch party"),
        "install_extension" => t("Install extensions", "Installer des extensions"),
        "upgrade" => t("Upgrade", "Mettre à niveau"),
        _ => t("Delete", "Supprimer"),
    };
    if described.fields.is_empty() {
        described.groups.clear();
    }
    let (statuses, reason, busy) = availability(operation, locale);
    described.allowed_statuses = strings(statuses);
    described.unavailable_reason = Some(reason);
    described.busy_label = Some(busy);
    Some(described)
}

/// Instance statuses each operation may start from, why it is not offered otherwise, and what the
/// instance is doing while it runs. The server refuses the others (422, or 409 while an action
/// runs); the portal offers an operation only in these statuses.
fn availability(operation: &str, locale: Locale) -> (&'static [&'static str], String, String) {
    const ACTIVE: &[&str] = &["ACTIVE"];
    const ACTIVE_OR_STOPPED: &[&str] = &["ACTIVE", "STOPPED"];
    let t = |en: &str, fr: &str| tr(locale, en, fr);
    let running = || {
        t(
            "Only a running (ACTIVE) instance can do this.",
            "Seule une instance en fonctionnement (ACTIVE) le permet.",
        )
    };
    match operation {
        "start" => (
            &["STOPPED"],
            t(
                "Only a stopped instance can be started.",
                "Seule une instance arrêtée peut être démarrée.",
            ),
            t("Starting", "Démarrage en cours"),
        ),
        "stop" => (
            ACTIVE,
            t(
                "Only a running (ACTIVE) instance can be stopped.",
                "Seule une instance en fonctionnement (ACTIVE) peut être arrêtée.",
            ),
            t("Stopping", "Arrêt en cours"),
        ),
        "resize" => (
            ACTIVE_OR_STOPPED,
            t(
                "Only an ACTIVE or STOPPED instance can be resized.",
                "Seule une instance ACTIVE ou arrêtée peut être redimensionnée.",
            ),
            t("Resizing", "Redimensionnement en cours"),
        ),
        "restore" => (ACTIVE, running(), t("Restoring", "Restauration en cours")),
        "enable_ha" => (ACTIVE, running(), t("Enabling HA", "Activation de la HA")),
        "update_patch_party" => (
            ACTIVE_OR_STOPPED,
            t(
                "Only an ACTIVE or STOPPED instance can change its patch party.",
                "Seule une instance ACTIVE ou arrêtée peut changer de patch party.",
            ),
            t("Updating patch party", "Mise à jour de la patch party"),
        ),
        "install_extension" => (
            ACTIVE,
            running(),
            t("Installing extensions", "Installation d'extensions"),
        ),
        "upgrade" => (ACTIVE, running(), t("Upgrading", "Mise à niveau en cours")),
        _ => (
            &["ACTIVE", "STOPPED", "ERROR", "FAILED"],
            t(
                "An instance can be deleted when it is ACTIVE, STOPPED or in error.",
                "Une instance peut être supprimée si elle est ACTIVE, arrêtée ou en erreur.",
            ),
            t("Deleting", "Suppression en cours"),
        ),
    }
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}
