// Hand-written declarations of the validation exports (`src/wasm/validate.rs`), appended to the
// generated `itcare_postgresql.d.ts` by scripts/assemble-pkg.mjs. The types they use
// (`ValidationIssue`, `OperationContext`, `Locale`, `PostgresqlOperation`) come from tsify.

/** Options of the validation functions. Options that cannot be read are ignored. */
export interface ValidationOptions {
    /** Language of the issue messages: `"en"` (default) or `"fr"`. */
    locale?: Locale;
}

/**
 * Validates a create request (`POST /databases/postgresql`) against rules C1–C11.
 *
 * Takes any value and never throws: a value that is not an object gives one `type` issue at
 * path `""`. Returns every broken rule, in rule order; `[]` means valid.
 */
export function validateCreatePostgresql(request: unknown, options?: ValidationOptions | null): ValidationIssue[];

/**
 * Validates a PATCH body `{ operation, options }` against rules O1–O8 (and P4).
 *
 * `context` gives what the caller knows about the target instance; each absent (or unreadable)
 * fact makes the rule that needs it permissive. `context.now` defaults to the current time.
 * Never throws; an unknown `operation` gives an issue at path `operation` (O8).
 */
export function validatePostgresqlOperation(operation: unknown, context?: OperationContext | null, options?: ValidationOptions | null): ValidationIssue[];

/**
 * Validates one field of a create request as the user types: `field` is its JSON name
 * (`"name"`, `"diskSize"`, `"nodePrefix"`…), `value` its value (`undefined`/`null`: not filled).
 * Cross-field rules come from `request` (with `topology: "HA"` the C9 fields are required).
 * An unknown field name gives `[]`. Never throws.
 */
export function validateCreatePostgresqlField(field: string, value: unknown, request?: unknown, options?: ValidationOptions | null): ValidationIssue[];

/** Every `operation` the PATCH endpoint accepts, in the reference's order (O8 refuses others). */
export function operationNames(): PostgresqlOperation["operation"][];

/**
 * The context of an operation on `instance` (as `getPostgresql` returned it), with the facts the
 * rules read from it: `production` from its `environment` (`PRODUCTION`/`PROD`: true; `DEV`,
 * `QA`, `TEST`, `UAT`…: false; anything else: absent, which the rules read as production),
 * `nodeCount` (O5) and `majorVersion` (O4, P4) when readable. Pass it (with `versions` for O7)
 * to `validatePostgresqlOperation` instead of deciding these facts yourself. Never throws: a
 * value that is not an object gives `{}`.
 */
export function operationContextFromInstance(instance: unknown): OperationContext & { majorVersion?: number };
