// Hand-written declarations of the validation exports (`src/wasm/validate.rs`), appended to the
// generated `itcare_postgresql.d.ts` by scripts/assemble-pkg.mjs. The types they use
// (`ValidationIssue`, `OperationContext`, `Locale`, `PostgresqlOperation`, `CreatePostgresql`) come
// from tsify. The Standard Schema objects are `standardSchemas` in pkg-template/fast.js.

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
 * Options as the third argument: `validateCreatePostgresqlField("name", v, { locale: "fr" })`
 * (an object whose one member is `locale`, with no fourth argument, is read as options: no
 * create field is named `locale`). An unknown field name gives `[]`. Never throws.
 */
export function validateCreatePostgresqlField(field: string, value: unknown, options: ValidationOptions & { locale: Locale }): ValidationIssue[];
/**
 * Validates one field of a create request as the user types: `field` is its JSON name
 * (`"name"`, `"diskSize"`, `"nodePrefix"`…), `value` its value (`undefined`/`null`: not filled).
 * Cross-field rules come from `request` (with `topology: "HA"` the C9 fields are required); the
 * options go last: `validateCreatePostgresqlField("nodePrefix", v, form, { locale: "fr" })`.
 * A request has no `locale` member: mixing options into it is a type error. An unknown field
 * name gives `[]`. Never throws.
 */
export function validateCreatePostgresqlField<R = unknown>(
    field: string,
    value: unknown,
    request?: R & (R extends { locale: unknown } ? { locale: never } : unknown),
    options?: ValidationOptions | null,
): ValidationIssue[];

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

/** The Standard Schema v1 interface (https://standardschema.dev), as its spec declares it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
    /** The Standard Schema properties. */
    readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
    /** The Standard Schema properties interface. */
    export interface Props<Input = unknown, Output = Input> {
        /** The version number of the standard. */
        readonly version: 1;
        /** The vendor name of the schema library. */
        readonly vendor: string;
        /** Validates unknown input values. */
        readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) => Result<Output> | Promise<Result<Output>>;
        /** Inferred types associated with the schema. */
        readonly types?: Types<Input, Output> | undefined;
    }
    /** The result interface of the validate function. */
    export type Result<Output> = SuccessResult<Output> | FailureResult;
    /** The result interface if validation succeeds. */
    export interface SuccessResult<Output> {
        /** The typed output value. */
        readonly value: Output;
        /** The non-existent issues. */
        readonly issues?: undefined;
    }
    /** Options for the validate function. */
    export interface Options {
        /** Explicit support for additional vendor-specific parameters, if needed. */
        readonly libraryOptions?: Record<string, unknown> | undefined;
    }
    /** The result interface if validation fails. */
    export interface FailureResult {
        /** The issues of failed validation. */
        readonly issues: ReadonlyArray<Issue>;
    }
    /** The issue interface of the failure output. */
    export interface Issue {
        /** The error message of the issue. */
        readonly message: string;
        /** The path of the issue, if any. */
        readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
    }
    /** The path segment interface of the issue. */
    export interface PathSegment {
        /** The key representing a path segment. */
        readonly key: PropertyKey;
    }
    /** The Standard Schema types interface. */
    export interface Types<Input = unknown, Output = Input> {
        /** The input type of the schema. */
        readonly input: Input;
        /** The output type of the schema. */
        readonly output: Output;
    }
    /** Infers the input type of a Standard Schema. */
    export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
    /** Infers the output type of a Standard Schema. */
    export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/**
 * An issue of this package's Standard Schema objects: the spec's `message` and `path` (segments:
 * `["options", "sizing"]`, numbers for list indexes, `[]` for the value itself), with the
 * validator's `code` and `rule` kept.
 */
export interface StandardValidationIssue extends StandardSchemaV1.Issue {
    readonly path: ReadonlyArray<string | number>;
    readonly code: ValidationIssue["code"];
    readonly rule: ValidationIssue["rule"];
}

/**
 * A Standard Schema v1 object of this package (`vendor: "itcare-postgresql"`): `validate`
 * answers synchronously `{ value }` (the value itself) when no rule is broken, else `{ issues }`,
 * from the same validators and rules. Never throws, whatever the value.
 */
export interface ItcareStandardSchema<Input, Output = Input> extends StandardSchemaV1<Input, Output> {
    readonly "~standard": {
        readonly version: 1;
        readonly vendor: "itcare-postgresql";
        readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) => StandardSchemaV1.SuccessResult<Output> | { readonly issues: ReadonlyArray<StandardValidationIssue> };
        /** Types only (absent at run time): what `StandardSchemaV1.InferInput`/`InferOutput` read. */
        readonly types?: StandardSchemaV1.Types<Input, Output> | undefined;
    };
}

/**
 * The create request (`POST /databases/postgresql`, rules C1–C11) as a Standard Schema v1 object,
 * for react-hook-form (`standardSchemaResolver`), TanStack Form, tRPC, Hono…; `locale` of the
 * messages (English by default). `createPostgresqlStandardSchema` is the English one.
 */
export function createPostgresqlSchema(options?: ValidationOptions): ItcareStandardSchema<CreatePostgresql>;

/**
 * A PATCH body `{ operation, options }` (rules O1–O8, P4) as a Standard Schema v1 object.
 * `context` as for `validatePostgresqlOperation` (e.g. from `operationContextFromInstance`), or a
 * function giving it, called at each validation; `locale` of the messages.
 * `postgresqlOperationStandardSchema` is the one without context, in English.
 */
export function postgresqlOperationSchema(options?: ValidationOptions & { context?: OperationContext | (() => OperationContext | null | undefined) | null }): ItcareStandardSchema<PostgresqlOperation>;

/**
 * One create field's value as a Standard Schema v1 object (a form library's field validator):
 * the rules of `validateCreatePostgresqlField`, cross-field ones reading `request` (the form's
 * values, or a function giving them); paths are relative to the field (`[]`).
 */
export function createPostgresqlFieldSchema<F extends keyof CreatePostgresql & string>(
    field: F,
    options?: ValidationOptions & { request?: unknown },
): ItcareStandardSchema<CreatePostgresql[F] | null | undefined>;

/** `createPostgresqlSchema()`: the create request as a Standard Schema, messages in English. */
export const createPostgresqlStandardSchema: ItcareStandardSchema<CreatePostgresql>;

/** `postgresqlOperationSchema()`: a PATCH body as a Standard Schema, no context, in English. */
export const postgresqlOperationStandardSchema: ItcareStandardSchema<PostgresqlOperation>;
