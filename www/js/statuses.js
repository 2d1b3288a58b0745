// Generated from src/form/status.rs (ITCARE_UPDATE_STATUSES=1 cargo test --lib form::status).
// Do not edit: a test fails when this file differs from the Rust table.
// Instance and action statuses (A1): the tone of their badge and their label per locale.
export const STATUSES = {
  ACTIVE: { tone: "ok", en: "Active", fr: "Active" },
  STOPPED: { tone: "muted", en: "Stopped", fr: "Arrêtée" },
  CREATING: { tone: "busy", en: "Creating", fr: "Création" },
  DELETING: { tone: "busy", en: "Deleting", fr: "Suppression" },
  DELETED: { tone: "muted", en: "Deleted", fr: "Supprimée" },
  STARTING: { tone: "busy", en: "Starting", fr: "Démarrage" },
  STOPPING: { tone: "busy", en: "Stopping", fr: "Arrêt" },
  RUNNING: { tone: "ok", en: "Running", fr: "En fonctionnement" },
  READY: { tone: "ok", en: "Ready", fr: "Prête" },
  UP: { tone: "ok", en: "Up", fr: "En service" },
  UPDATING: { tone: "busy", en: "Updating", fr: "Mise à jour" },
  RESIZING: { tone: "busy", en: "Resizing", fr: "Redimensionnement" },
  RESTORING: { tone: "busy", en: "Restoring", fr: "Restauration" },
  UPGRADING: { tone: "busy", en: "Upgrading", fr: "Mise à niveau" },
  PROVISIONING: { tone: "busy", en: "Provisioning", fr: "Provisionnement" },
  INACTIVE: { tone: "muted", en: "Inactive", fr: "Inactive" },
  KO: { tone: "bad", en: "Down", fr: "En panne" },
  UNKNOWN: { tone: "muted", en: "Unknown", fr: "Inconnu" },
  PENDING: { tone: "busy", en: "Pending", fr: "En attente" },
  IN_PROGRESS: { tone: "busy", en: "In progress", fr: "En cours" },
  SUCCESS: { tone: "ok", en: "Succeeded", fr: "Réussie" },
  ERROR: { tone: "bad", en: "Error", fr: "Erreur" },
  FAILED: { tone: "bad", en: "Failed", fr: "Échec" },
};
