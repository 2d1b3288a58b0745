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
