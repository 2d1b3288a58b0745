//! The statuses the portal shows on its badges: instance statuses and action statuses (A1), each
//! with the tone of its badge and its label in English and French. Declared once, here; the portal
//! reads them from `www/js/statuses.js`, which a test writes from this table and fails when stale
//! (regenerate with `ITCARE_UPDATE_STATUSES=1 cargo test --lib form::status`).
//!
//! A status missing from the table is still shown, as the API wrote it and in a neutral tone: the
//! API may add statuses at any time (A1), and the portal never hides or rejects one.

/// The colour family of a status badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Running or done.
    Ok,
    /// Something is in progress.
    Busy,
    /// Stopped or gone, not an error.
    Muted,
    /// Failed.
    Bad,
}

impl Tone {
    /// The name the portal's CSS uses (`badge-ok`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Busy => "busy",
            Self::Muted => "muted",
            Self::Bad => "bad",
        }
    }
}

/// One known status: the value as the API spells it, its tone and its labels.
#[derive(Debug, Clone, Copy)]
pub struct StatusLabel {
    /// As the API writes it (upper case).
    pub status: &'static str,
    /// The badge's tone.
    pub tone: Tone,
    /// English label.
    pub en: &'static str,
    /// French label.
    pub fr: &'static str,
}

const fn s(status: &'static str, tone: Tone, en: &'static str, fr: &'static str) -> StatusLabel {
    StatusLabel {
        status,
        tone,
        en,
        fr,
    }
}

/// Every status the portal labels. Instance statuses first (those the reference and the simulator
/// use, then states other ITCare products report), then action statuses (A1, see
/// [`crate::models::ActionStatus`]).
pub const STATUSES: &[StatusLabel] = &[
    s("ACTIVE", Tone::Ok, "Active", "Active"),
    s("STOPPED", Tone::Muted, "Stopped", "Arrêtée"),
    s("CREATING", Tone::Busy, "Creating", "Création"),
    s("DELETING", Tone::Busy, "Deleting", "Suppression"),
    s("DELETED", Tone::Muted, "Deleted", "Supprimée"),
    s("STARTING", Tone::Busy, "Starting", "Démarrage"),
    s("STOPPING", Tone::Busy, "Stopping", "Arrêt"),
    s("RUNNING", Tone::Ok, "Running", "En fonctionnement"),
    s("READY", Tone::Ok, "Ready", "Prête"),
    s("UP", Tone::Ok, "Up", "En service"),
    s("UPDATING", Tone::Busy, "Updating", "Mise à jour"),
    s("RESIZING", Tone::Busy, "Resizing", "Redimensionnement"),
    s("RESTORING", Tone::Busy, "Restoring", "Restauration"),
    s("UPGRADING", Tone::Busy, "Upgrading", "Mise à niveau"),
    s(
        "PROVISIONING",
        Tone::Busy,
        "Provisioning",
        "Provisionnement",
    ),
    s("INACTIVE", Tone::Muted, "Inactive", "Inactive"),
    s("KO", Tone::Bad, "Down", "En panne"),
    s("UNKNOWN", Tone::Muted, "Unknown", "Inconnu"),
    s("PENDING", Tone::Busy, "Pending", "En attente"),
    s("IN_PROGRESS", Tone::Busy, "In progress", "En cours"),
    s("SUCCESS", Tone::Ok, "Succeeded", "Réussie"),
    s("ERROR", Tone::Bad, "Error", "Erreur"),
    s("FAILED", Tone::Bad, "Failed", "Échec"),
];

/// The portal's copy of [`STATUSES`], as the text of `www/js/statuses.js`.
pub fn statuses_js() -> String {
    let mut out = String::from(
        "// Generated from src/form/status.rs (ITCARE_UPDATE_STATUSES=1 cargo test --lib form::status).\n\
         // Do not edit: a test fails when this file differs from the Rust table.\n\
         // Instance and action statuses (A1): the tone of their badge and their label per locale.\n\
         export const STATUSES = {\n",
    );
    for label in STATUSES {
        out.push_str(&format!(
            "  {}: {{ tone: {}, en: {}, fr: {} }},\n",
            label.status,
            js_string(label.tone.as_str()),
            js_string(label.en),
            js_string(label.fr)
        ));
    }
    out.push_str("};\n");
    out
}

/// A JS string literal (JSON's quoting is valid JS).
fn js_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ActionStatus;

    #[test]
    fn shipped_statuses_js_matches_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/js/statuses.js");
        let built = statuses_js();
        if std::env::var_os("ITCARE_UPDATE_STATUSES").is_some() {
            std::fs::write(path, &built).unwrap();
        }
        let shipped = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            shipped == built,
            "www/js/statuses.js is stale: run ITCARE_UPDATE_STATUSES=1 cargo test --lib form::status"
        );
    }

    fn known(status: &str) -> bool {
        STATUSES.iter().any(|l| l.status == status)
    }

    #[test]
    fn every_status_is_upper_case_listed_once_and_labelled() {
        for (i, label) in STATUSES.iter().enumerate() {
            assert!(
                label
                    .status
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'_'),
                "{}",
                label.status
            );
            assert!(
                !label.en.is_empty() && !label.fr.is_empty(),
                "{}",
                label.status
            );
            assert!(
                STATUSES[..i].iter().all(|l| l.status != label.status),
                "{} twice",
                label.status
            );
        }
    }

    /// The action statuses of A1 and every status an operation may start from have a label.
    #[test]
    fn the_statuses_the_code_names_are_labelled() {
        for status in [
            ActionStatus::Success,
            ActionStatus::InProgress,
            ActionStatus::Error,
        ] {
            assert!(known(status.as_str()), "{}", status.as_str());
        }
        for operation in crate::form::OPERATION_FORMS {
            let form = crate::form::describe_operation_form(operation, crate::validate::Locale::En)
                .expect("every listed operation has a form");
            for status in &form.allowed_statuses {
                assert!(known(status), "{operation}: {status}");
            }
        }
    }
}
