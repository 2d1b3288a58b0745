// C1-C10 (+ C11 types) written with valibot 1: a `variant` on `topology` carries the HA-only
// requirements (C9). `null` counts as absent for optional fields, as in the Rust validator.
import * as v from "valibot";
import * as R from "./rules.mjs";

const nonEmpty = v.pipe(v.string(), v.minLength(1)); // C10
const int = (min, max) => v.pipe(v.number(), v.integer(), v.minValue(min), ...(max === undefined ? [] : [v.maxValue(max)]));
const c11 = Object.fromEntries([
  ...R.C11_BOOLEANS.map((k) => [k, v.nullish(v.boolean())]),
  ...R.C11_STRINGS.map((k) => [k, v.nullish(v.string())]),
  ["cloudId", v.nullish(v.pipe(v.number(), v.integer()))],
  ["product", v.nullish(v.looseObject({}))],
]);

const base = {
  area: nonEmpty,
  productCode: nonEmpty,
  name: v.pipe(
    v.string(),
    v.minLength(R.NAME.min),
    v.maxLength(R.NAME.max),
    v.regex(R.NAME.pattern),
    v.check((s) => s !== R.NAME.forbidden),
  ),
  nodeSizing: v.pipe(v.string(), v.regex(R.NODE_SIZING)),
  diskSize: int(R.DISK_SIZE.min, R.DISK_SIZE.max),
  admPassword: v.pipe(
    v.string(),
    v.minLength(R.PASSWORD.min),
    v.regex(R.PASSWORD.lower),
    v.regex(R.PASSWORD.upper),
    v.regex(R.PASSWORD.digit),
    v.regex(R.PASSWORD.special),
  ),
  serviceId: int(1),
  networkId: int(1),
  trigram: v.pipe(v.string(), v.regex(R.TRIGRAM)),
  allowedReplicationLag: int(R.REPLICATION_LAG.min, R.REPLICATION_LAG.max),
  ...c11,
};

export const createSchema = v.variant("topology", [
  v.object({
    ...base,
    topology: v.literal("STANDALONE"),
    nodePrefix: v.nullish(v.string()),
    az: v.nullish(nonEmpty),
    tls: v.nullish(v.boolean()),
  }),
  v.object({
    ...base,
    topology: v.literal("HA"),
    nodePrefix: v.pipe(v.string(), v.minLength(R.NODE_PREFIX.min), v.maxLength(R.NODE_PREFIX.max), v.regex(R.NODE_PREFIX.pattern)),
    az: nonEmpty,
    tls: v.boolean(),
  }),
]);

/** Top-level paths of the issues (for the agreement check). */
export function valibotPaths(request) {
  const r = v.safeParse(createSchema, request);
  return r.success ? [] : [...new Set(r.issues.map((i) => String(i.path?.[0]?.key ?? "")))];
}

// O1-O4, O7, O8 (see rules.mjs): a variant on `operation`, options loose objects.
const flatOptions = v.nullish(v.looseObject({})); // O1
const changeReference = v.nullish(v.string());
export const operationSchema = v.variant("operation", [
  v.looseObject({ operation: v.literal("start"), options: flatOptions }),
  v.looseObject({ operation: v.literal("stop"), options: flatOptions }),
  v.looseObject({ operation: v.literal("resize"), options: v.looseObject({ sizing: v.pipe(v.string(), v.regex(R.NODE_SIZING)) }) }), // O2
  v.looseObject({
    operation: v.literal("restore"),
    options: v.looseObject({
      sourceId: int(1),
      stop: v.picklist(R.RESTORE_STOPS),
      timestamp: v.pipe(v.string(), v.check(R.inRestoreWindow)),
    }),
  }), // O3
  v.looseObject({
    operation: v.literal("enable_ha"),
    options: v.looseObject({ replicationLag: int(R.HA_REPLICATION_LAG.min, R.HA_REPLICATION_LAG.max), changeReference }),
  }), // O4
  v.looseObject({ operation: v.literal("upgrade"), options: v.looseObject({ targetVersion: v.pipe(v.string(), v.regex(R.TARGET_VERSION)), changeReference }) }), // O7
]);

/** Top-level issue paths of an operation (`options.x` as one path). */
export function valibotOperationPaths(op) {
  const r = v.safeParse(operationSchema, op);
  return r.success ? [] : [...new Set(r.issues.map((i) => (i.path ?? []).slice(0, 2).map((p) => p.key).join(".")))];
}
