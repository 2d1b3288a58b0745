// The payloads timed by the benchmark and the shared list of cases on which all four
// validators (Rust/wasm, zod, valibot, ajv) must agree before anything is timed.

/** A valid 14-field STANDALONE create request (11 required fields + 3 optional). */
export const VALID = Object.freeze({
  area: "EB-QA",
  productCode: "deb12pg16",
  name: "billing01",
  nodeSizing: "2cpu4gb",
  diskSize: 100,
  admPassword: "Str0ng!Passw0rd",
  serviceId: 123,
  networkId: 132,
  topology: "STANDALONE",
  trigram: "bil",
  allowedReplicationLag: 100,
  backupEnabled: true,
  region: "EB",
  az: "EB4-QA",
});

/** The same request breaking five rules: C1 (name), C2 (sizing), C3 (disk), C4 (password), C7 (trigram). */
export const BROKEN5 = Object.freeze({
  ...VALID,
  name: "Billing_01",
  nodeSizing: "2cpu",
  diskSize: 20,
  admPassword: "password",
  trigram: "bi1",
});
export const BROKEN5_PATHS = ["name", "nodeSizing", "diskSize", "admPassword", "trigram"];

const HA = { ...VALID, topology: "HA", nodePrefix: "BILLPG", tls: true };

/** [label, request, valid] */
export const CASES = [
  ["valid standalone", VALID, true],
  ["valid HA", HA, true],
  ["valid, minimal (11 required fields)", Object.fromEntries(Object.entries(VALID).filter(([k]) => !["backupEnabled", "region", "az"].includes(k))), true],
  ["valid, boundaries (disk 40 and 1024, lag 1 and 10240, 60-char name)", { ...VALID, diskSize: 1024, allowedReplicationLag: 10240, name: "a".repeat(60) }, true],
  ["valid, disk 40, lag 1, 5-char name, uppercase trigram", { ...VALID, diskSize: 40, allowedReplicationLag: 1, name: "abcde", trigram: "ABC" }, true],
  ["valid, null optional fields", { ...VALID, az: null, region: null, backupEnabled: null }, true],
  ["valid, unknown extra field", { ...VALID, somethingElse: { deep: [1, 2] } }, true],
  ["five rules broken", BROKEN5, false],
  ["C1 name too short", { ...VALID, name: "abcd" }, false],
  ["C1 name too long", { ...VALID, name: "a".repeat(61) }, false],
  ["C1 name uppercase", { ...VALID, name: "NEWPOSTGRE01" }, false],
  ["C1 name cluster", { ...VALID, name: "cluster" }, false],
  ["C1 name missing", { ...VALID, name: undefined }, false],
  ["C1 name null", { ...VALID, name: null }, false],
  ["C1 name a number", { ...VALID, name: 12345 }, false],
  ["C2 sizing leading zero", { ...VALID, nodeSizing: "02cpu4gb" }, false],
  ["C2 sizing upper case", { ...VALID, nodeSizing: "2CPU4GB" }, false],
  ["C3 disk 39", { ...VALID, diskSize: 39 }, false],
  ["C3 disk 1025", { ...VALID, diskSize: 1025 }, false],
  ["C3 disk 40.5", { ...VALID, diskSize: 40.5 }, false],
  ["C3 disk as a string", { ...VALID, diskSize: "100" }, false],
  ["C4 password 11 chars", { ...VALID, admPassword: "Str0ng!Pass" }, false],
  ["C4 password no special", { ...VALID, admPassword: "Str0ngPassw0rd" }, false],
  ["C4 password no digit", { ...VALID, admPassword: "Strong!Password" }, false],
  ["C4 password no upper", { ...VALID, admPassword: "str0ng!passw0rd" }, false],
  ["C5 serviceId 0", { ...VALID, serviceId: 0 }, false],
  ["C5 networkId negative", { ...VALID, networkId: -4 }, false],
  ["C6 topology CLUSTER", { ...VALID, topology: "CLUSTER" }, false],
  ["C6 topology missing", { ...VALID, topology: undefined }, false],
  ["C7 trigram 2 letters", { ...VALID, trigram: "ab" }, false],
  ["C7 trigram with digit", { ...VALID, trigram: "ab1" }, false],
  ["C8 lag 0", { ...VALID, allowedReplicationLag: 0 }, false],
  ["C8 lag 10241", { ...VALID, allowedReplicationLag: 10241 }, false],
  ["C9 HA without nodePrefix", { ...HA, nodePrefix: undefined }, false],
  ["C9 HA lowercase nodePrefix", { ...HA, nodePrefix: "billpg" }, false],
  ["C9 HA nodePrefix too long", { ...HA, nodePrefix: "ABCDEFGHIJKLM" }, false],
  ["C9 HA without az", { ...HA, az: undefined }, false],
  ["C9 HA without tls", { ...HA, tls: undefined }, false],
  ["C9 HA tls as a string", { ...HA, tls: "true" }, false],
  ["C10 empty area", { ...VALID, area: "" }, false],
  ["C10 empty productCode", { ...VALID, productCode: "" }, false],
  ["C10 empty az", { ...VALID, az: "" }, false],
  ["C11 backupEnabled as a string", { ...VALID, backupEnabled: "yes" }, false],
  ["not an object", "hello", false],
  ["empty object", {}, false],
];

/** Top-level paths of the Rust validator's issues. */
export function rustPaths(validate, request) {
  return [...new Set(validate(request).map((i) => i.path.split(/[.[]/)[0]))];
}

// --- operations (O1-O4, O7, O8; context OP_CONTEXT) ---------------------------------------
export const OP_CONTEXT = Object.freeze({ now: "2026-11-20T10:00:00.000+00:00", production: true });
/** A valid restore (O3): source, stop, a timestamp one day back. */
export const OP_VALID = Object.freeze({
  operation: "restore",
  options: Object.freeze({ sourceId: 3, stop: "AFTER", timestamp: "2026-11-19T10:00:00.000+00:00" }),
});
/** The same restore breaking three rules: source 0, stop in lowercase, a timestamp 50 days back. */
export const OP_BROKEN = Object.freeze({
  operation: "restore",
  options: Object.freeze({ sourceId: 0, stop: "after", timestamp: "2026-10-01T10:00:00Z" }),
});
export const OP_BROKEN_PATHS = ["options.sourceId", "options.stop", "options.timestamp"];

/** [label, body, valid] under OP_CONTEXT */
export const OP_CASES = [
  ["restore valid", OP_VALID, true],
  ["restore, three rules broken", OP_BROKEN, false],
  ["restore at the window's edge", { operation: "restore", options: { sourceId: 1, stop: "BEFORE", timestamp: "2026-11-06T10:00:00Z" } }, true],
  ["restore in the future", { operation: "restore", options: { sourceId: 1, stop: "BEFORE", timestamp: "2026-11-21T10:00:00Z" } }, false],
  ["restore, not a date", { operation: "restore", options: { sourceId: 1, stop: "BEFORE", timestamp: "yesterday" } }, false],
  ["restore, fractional source", { ...OP_VALID, options: { ...OP_VALID.options, sourceId: 1.5 } }, false],
  ["restore without options", { operation: "restore" }, false],
  ["start", { operation: "start" }, true],
  ["stop with options", { operation: "stop", options: { any: 1 } }, true],
  ["start, options not an object", { operation: "start", options: "x" }, false],
  ["resize valid", { operation: "resize", options: { sizing: "4cpu8gb" } }, true],
  ["resize, bad sizing", { operation: "resize", options: { sizing: "4cpu" } }, false],
  ["resize, no sizing", { operation: "resize", options: {} }, false],
  ["enable_ha valid", { operation: "enable_ha", options: { replicationLag: 500, changeReference: "CHG1" } }, true],
  ["enable_ha, lag 501", { operation: "enable_ha", options: { replicationLag: 501 } }, false],
  ["enable_ha, reference a number", { operation: "enable_ha", options: { replicationLag: 5, changeReference: 5 } }, false],
  ["upgrade valid", { operation: "upgrade", options: { targetVersion: "16" } }, true],
  ["upgrade, a number", { operation: "upgrade", options: { targetVersion: 16 } }, false],
  ["upgrade, leading zero", { operation: "upgrade", options: { targetVersion: "016" } }, false],
  ["unknown operation", { operation: "reboot" }, false],
  ["no operation", { options: {} }, false],
];

/** Issue paths of the Rust validator, two levels (`options.sourceId`). */
export function rustOperationPaths(validate, body) {
  return [...new Set(validate(body, OP_CONTEXT).map((i) => i.path.split(/[.[]/).slice(0, 2).join(".")))];
}
