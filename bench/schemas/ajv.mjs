// C1-C10 (+ C11 types) as a JSON Schema (draft-07) for ajv 8, compiled with `allErrors`.
// `if`/`then` carries the HA-only requirements (C9). `null` counts as absent for optional
// fields, as in the Rust validator.
import Ajv from "ajv";
import * as R from "./rules.mjs";

const src = (re) => re.source;
const nonEmpty = { type: "string", minLength: 1 }; // C10
const nullable = (s) => ({ anyOf: [{ type: "null" }, s] });
const c11 = Object.fromEntries([
  ...R.C11_BOOLEANS.map((k) => [k, { type: ["boolean", "null"] }]),
  ...R.C11_STRINGS.map((k) => [k, { type: ["string", "null"] }]),
  ["cloudId", { type: ["integer", "null"] }],
  ["product", { type: ["object", "null"] }],
]);

export const createJsonSchema = {
  type: "object",
  required: ["area", "productCode", "name", "nodeSizing", "diskSize", "admPassword", "serviceId", "networkId", "topology", "trigram", "allowedReplicationLag"],
  properties: {
    area: nonEmpty,
    productCode: nonEmpty,
    name: { type: "string", minLength: R.NAME.min, maxLength: R.NAME.max, pattern: src(R.NAME.pattern), not: { const: R.NAME.forbidden } },
    nodeSizing: { type: "string", pattern: src(R.NODE_SIZING) },
    diskSize: { type: "integer", minimum: R.DISK_SIZE.min, maximum: R.DISK_SIZE.max },
    admPassword: {
      type: "string",
      minLength: R.PASSWORD.min,
      allOf: [R.PASSWORD.lower, R.PASSWORD.upper, R.PASSWORD.digit, R.PASSWORD.special].map((re) => ({ pattern: src(re) })),
    },
    serviceId: { type: "integer", minimum: 1 },
    networkId: { type: "integer", minimum: 1 },
    topology: { enum: R.TOPOLOGIES },
    trigram: { type: "string", pattern: src(R.TRIGRAM) },
    allowedReplicationLag: { type: "integer", minimum: R.REPLICATION_LAG.min, maximum: R.REPLICATION_LAG.max },
    nodePrefix: { type: ["string", "null"] },
    az: nullable(nonEmpty),
    tls: { type: ["boolean", "null"] },
    ...c11,
  },
  if: { properties: { topology: { const: "HA" } }, required: ["topology"] },
  then: {
    required: ["nodePrefix", "az", "tls"],
    properties: {
      nodePrefix: { type: "string", minLength: R.NODE_PREFIX.min, maxLength: R.NODE_PREFIX.max, pattern: src(R.NODE_PREFIX.pattern) },
      az: nonEmpty,
      tls: { type: "boolean" },
    },
  },
};

// `unicodeRegExp` (default) compiles patterns with the `u` flag, needed for \p{...} (C4).
export const ajv = new Ajv({ allErrors: true });
export const validateCreate = ajv.compile(createJsonSchema);

/** Top-level paths of the issues (for the agreement check). */
export function ajvPaths(request) {
  if (validateCreate(request)) return [];
  return [
    ...new Set(
      validateCreate.errors.filter((e) => e.keyword !== "if").map((e) =>
        e.keyword === "required" && e.instancePath === "" ? e.params.missingProperty : e.instancePath.split("/")[1] ?? "",
      ),
    ),
  ];
}

// O1-O4, O7, O8 (see rules.mjs): `operation` an enum, then one if/then per operation; the O3
// window is a custom keyword.
ajv.addKeyword({ keyword: "restoreWindow", type: "string", schemaType: "boolean", validate: (_, data) => R.inRestoreWindow(data) });
const opIs = (name, options) => ({
  if: { properties: { operation: { const: name } }, required: ["operation"] },
  then: { required: ["options"], properties: { options: options } },
});
export const operationJsonSchema = {
  type: "object",
  required: ["operation"],
  properties: {
    operation: { enum: ["start", "stop", "resize", "restore", "enable_ha", "upgrade"] },
    options: { type: ["object", "null"] },
  },
  allOf: [
    opIs("resize", { type: "object", required: ["sizing"], properties: { sizing: { type: "string", pattern: src(R.NODE_SIZING) } } }),
    opIs("restore", {
      type: "object",
      required: ["sourceId", "stop", "timestamp"],
      properties: { sourceId: { type: "integer", minimum: 1 }, stop: { enum: R.RESTORE_STOPS }, timestamp: { type: "string", restoreWindow: true } },
    }),
    opIs("enable_ha", {
      type: "object",
      required: ["replicationLag"],
      properties: { replicationLag: { type: "integer", minimum: R.HA_REPLICATION_LAG.min, maximum: R.HA_REPLICATION_LAG.max }, changeReference: { type: ["string", "null"] } },
    }),
    opIs("upgrade", {
      type: "object",
      required: ["targetVersion"],
      properties: { targetVersion: { type: "string", pattern: src(R.TARGET_VERSION) }, changeReference: { type: ["string", "null"] } },
    }),
  ],
};
export const validateOperation = ajv.compile(operationJsonSchema);

/** Top-level issue paths of an operation (`options.x` as one path). */
export function ajvOperationPaths(op) {
  if (validateOperation(op)) return [];
  return [
    ...new Set(
      validateOperation.errors.filter((e) => e.keyword !== "if").map((e) => {
        const parts = e.instancePath.split("/").slice(1, 3);
        if (e.keyword === "required") parts.push(e.params.missingProperty);
        return parts.slice(0, 2).join(".");
      }),
    ),
  ];
}
