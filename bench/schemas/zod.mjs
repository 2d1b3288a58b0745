// C1-C10 (+ C11 types) written with zod 4, as a user of zod would: a discriminated union on
// `topology` so the HA-only requirements (C9) live in the HA branch. `null` counts as absent
// for optional fields, as in the Rust validator.
import * as z from "zod";
import * as R from "./rules.mjs";

const nonEmpty = z.string().min(1); // C10
const positive = z.int().min(1); // C5
const c11 = Object.fromEntries([
  ...R.C11_BOOLEANS.map((k) => [k, z.boolean().nullish()]),
  ...R.C11_STRINGS.map((k) => [k, z.string().nullish()]),
  ["cloudId", z.int().nullish()],
  ["product", z.looseObject({}).nullish()],
]);

const base = {
  area: nonEmpty,
  productCode: nonEmpty,
  name: z
    .string()
    .min(R.NAME.min)
    .max(R.NAME.max)
    .regex(R.NAME.pattern)
    .refine((v) => v !== R.NAME.forbidden),
  nodeSizing: z.string().regex(R.NODE_SIZING),
  diskSize: z.int().min(R.DISK_SIZE.min).max(R.DISK_SIZE.max),
  admPassword: z
    .string()
    .min(R.PASSWORD.min)
    .regex(R.PASSWORD.lower)
    .regex(R.PASSWORD.upper)
    .regex(R.PASSWORD.digit)
    .regex(R.PASSWORD.special),
  serviceId: positive,
  networkId: positive,
  trigram: z.string().regex(R.TRIGRAM),
  allowedReplicationLag: z.int().min(R.REPLICATION_LAG.min).max(R.REPLICATION_LAG.max),
  ...c11,
};

export const createSchema = z.discriminatedUnion("topology", [
  z.object({
    ...base,
    topology: z.literal("STANDALONE"),
    nodePrefix: z.string().nullish(),
    az: nonEmpty.nullish(),
    tls: z.boolean().nullish(),
  }),
  z.object({
    ...base,
    topology: z.literal("HA"),
    nodePrefix: z.string().min(R.NODE_PREFIX.min).max(R.NODE_PREFIX.max).regex(R.NODE_PREFIX.pattern),
    az: nonEmpty,
    tls: z.boolean(),
  }),
]);

/** Top-level paths of the issues (for the agreement check). */
export function zodPaths(request) {
  const r = createSchema.safeParse(request);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => String(i.path[0] ?? "")))];
}

// O1-O4, O7, O8 (see rules.mjs): a discriminated union on `operation`, options loose objects.
const flatOptions = z.looseObject({}).nullish(); // O1
const changeReference = z.string().nullish();
export const operationSchema = z.discriminatedUnion("operation", [
  z.looseObject({ operation: z.literal("start"), options: flatOptions }),
  z.looseObject({ operation: z.literal("stop"), options: flatOptions }),
  z.looseObject({ operation: z.literal("resize"), options: z.looseObject({ sizing: z.string().regex(R.NODE_SIZING) }) }), // O2
  z.looseObject({
    operation: z.literal("restore"),
    options: z.looseObject({
      sourceId: z.int().min(1),
      stop: z.enum(R.RESTORE_STOPS),
      timestamp: z.string().refine(R.inRestoreWindow),
    }),
  }), // O3
  z.looseObject({
    operation: z.literal("enable_ha"),
    options: z.looseObject({ replicationLag: z.int().min(R.HA_REPLICATION_LAG.min).max(R.HA_REPLICATION_LAG.max), changeReference }),
  }), // O4
  z.looseObject({ operation: z.literal("upgrade"), options: z.looseObject({ targetVersion: z.string().regex(R.TARGET_VERSION), changeReference }) }), // O7
]);

/** Top-level issue paths of an operation (`options.x` as one path). */
export function zodOperationPaths(op) {
  const r = operationSchema.safeParse(op);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.slice(0, 2).join(".")))];
}
