// Limits and patterns of rules C1-C10 (../../docs/spec/API.md), shared by the three reference
// schemas. They mirror src/validate/create.rs: the Rust validator is the one source of truth;
// these copies exist only so zod, valibot and ajv check the same rules in the benchmark.
export const NAME = { min: 5, max: 60, pattern: /^[a-z0-9]*$/, forbidden: "cluster" }; // C1
export const NODE_SIZING = /^[1-9][0-9]*cpu[1-9][0-9]*gb$/; // C2 (no sign, no leading zero)
export const DISK_SIZE = { min: 40, max: 1024 }; // C3
export const PASSWORD = { min: 12, lower: /\p{Lowercase}/u, upper: /\p{Uppercase}/u, digit: /\p{N}/u, special: /[^A-Za-z0-9]/ }; // C4
export const TOPOLOGIES = ["STANDALONE", "HA"]; // C6
export const TRIGRAM = /^[A-Za-z]{3}$/; // C7
export const REPLICATION_LAG = { min: 1, max: 10240 }; // C8
export const NODE_PREFIX = { min: 5, max: 12, pattern: /^[A-Z0-9]*$/ }; // C9
// C11: optional fields carried through, type-checked like the Rust validator does.
export const C11_BOOLEANS = ["backupEnabled", "replicationEnabled"];
export const C11_STRINGS = ["dbBackupPolicyId", "noBackupProdReason", "noMonitoringProdReason", "noReplicationProdReason", "prefix", "region", "regulation", "serverBackupPolicyId", "supportLevel"];

// Operation rules (PATCH body, ../../docs/spec/API.md O1-O4, O7, O8: the operations whose
// options are flat), again mirroring src/validate/operation.rs. The benchmark's context is
// `{ now: OP_NOW, production: true }` (O3: 14-day window).
export const OPERATIONS = ["start", "stop", "resize", "restore", "enable_ha", "update_patch_party", "install_extension", "upgrade"]; // O8
export const RESTORE_STOPS = ["BEFORE", "AFTER"]; // O3
export const RESTORE_WINDOW_DAYS = 14; // O3, production
export const HA_REPLICATION_LAG = { min: 1, max: 500 }; // O4
export const TARGET_VERSION = /^[1-9][0-9]{0,5}$/; // O7
export const OP_NOW = "2026-11-20T10:00:00.000+00:00";

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
/** Milliseconds since the epoch of an RFC 3339 date-time (as src/time.rs reads it), or null. */
export function parseRfc3339(s) {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || sec > 60) return null;
  let offset = 0;
  if (m[8]) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return null;
    offset = (m[8] === "+" ? 1 : -1) * (oh * 60 + om);
  }
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  return Date.UTC(y, mo - 1, d, h, mi, Math.min(sec, 59)) + millis - offset * 60000;
}
const NOW_MS = parseRfc3339(OP_NOW);
/** O3: the timestamp is a date-time within the window before OP_NOW. */
export const inRestoreWindow = (s) => {
  const t = parseRfc3339(s);
  return t !== null && t <= NOW_MS && t >= NOW_MS - RESTORE_WINDOW_DAYS * 86400000;
};
