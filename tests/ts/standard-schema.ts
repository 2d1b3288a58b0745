// Standard Schema v1 objects and the field validator's options (issue 21 items 5, 6), used the
// way an application and a form library would; checked with `tsc --strict --noEmit`
// (scripts/test-ts.sh). Never run: only its types matter.
import {
  createPostgresqlFieldSchema,
  createPostgresqlSchema,
  createPostgresqlStandardSchema,
  operationContextFromInstance,
  postgresqlOperationSchema,
  postgresqlOperationStandardSchema,
  validateCreatePostgresqlField,
} from "../../pkg/itcare_postgresql.js";
import type {
  CreatePostgresql,
  IssueCode,
  PostgresqlOperation,
  StandardSchemaV1,
  ValidationIssue,
} from "../../pkg/itcare_postgresql.js";

// What a form library declares on its side (the spec's interface, copied as libraries do): the
// package's objects must fit it structurally, not only its own declaration of it.
interface LibrarySchema<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) =>
      | { readonly value: Output; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined }> }
      | Promise<unknown>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}
declare function useForm<S extends LibrarySchema>(schema: S): NonNullable<S["~standard"]["types"]>["output"];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const yes = <T extends true>(t: T): T => t;

export function standardSchema(): void {
  const values: CreatePostgresql = useForm(createPostgresqlStandardSchema);
  const op: PostgresqlOperation = useForm(postgresqlOperationStandardSchema);
  console.log(values, op);

  // Typed input and output, read the spec's way.
  yes<Same<StandardSchemaV1.InferInput<typeof createPostgresqlStandardSchema>, CreatePostgresql>>(true);
  yes<Same<StandardSchemaV1.InferOutput<typeof createPostgresqlStandardSchema>, CreatePostgresql>>(true);
  yes<Same<StandardSchemaV1.InferOutput<ReturnType<typeof postgresqlOperationSchema>>, PostgresqlOperation>>(true);
  const spec: StandardSchemaV1<CreatePostgresql> = createPostgresqlSchema({ locale: "fr" });
  console.log(spec["~standard"].vendor);

  // validate answers synchronously: the value, or issues with path segments, code and rule.
  const result = createPostgresqlStandardSchema["~standard"].validate({ name: "x" });
  if (result.issues === undefined) {
    const ok: CreatePostgresql = result.value;
    console.log(ok);
  } else {
    for (const issue of result.issues) {
      const segments: ReadonlyArray<string | number> = issue.path;
      const code: IssueCode = issue.code;
      const rule: ValidationIssue["rule"] = issue.rule;
      console.log(issue.message, segments, code, rule);
    }
  }
  const vendor: "itcare-postgresql" = postgresqlOperationStandardSchema["~standard"].vendor;
  console.log(vendor);

  // Factories: locale, operation context (an object or a function giving it), field schemas.
  const instance: unknown = JSON.parse("{}");
  postgresqlOperationSchema({ context: operationContextFromInstance(instance), locale: "fr" });
  postgresqlOperationSchema({ context: () => ({ production: true }) });
  const nodePrefix = createPostgresqlFieldSchema("nodePrefix", { request: () => ({ topology: "HA" }) });
  yes<Same<StandardSchemaV1.InferInput<typeof nodePrefix>, CreatePostgresql["nodePrefix"] | null | undefined>>(true);

  // Misuses the types reject:
  // @ts-expect-error: the locale is "en" | "fr"
  createPostgresqlSchema({ locale: "de" });
  // @ts-expect-error: production is a boolean
  postgresqlOperationSchema({ context: { production: "yes" } });
  // @ts-expect-error: a field schema is for a create field
  createPostgresqlFieldSchema("notAField");
  // @ts-expect-error: the output of the create schema is a create request, not an operation
  const wrong: PostgresqlOperation = useForm(createPostgresqlStandardSchema);
  console.log(wrong);
}

export function fieldOptions(value: string, form: Partial<CreatePostgresql>, request: unknown): void {
  // The one right way: options last; with no request, options may take its place.
  validateCreatePostgresqlField("nodePrefix", value, form, { locale: "fr" });
  validateCreatePostgresqlField("name", value, { locale: "fr" });
  validateCreatePostgresqlField("name", value, request);
  validateCreatePostgresqlField("name", value, undefined, { locale: "fr" });
  validateCreatePostgresqlField("name", value, { topology: "HA" });

  // Misuses the types reject (at run time they would answer in English):
  // @ts-expect-error: options mixed into the request (a request has no locale member)
  validateCreatePostgresqlField("nodePrefix", value, { topology: "HA", locale: "fr" });
  // @ts-expect-error: the locale is "en" | "fr", in the request's place too
  validateCreatePostgresqlField("name", value, { locale: "de" });
  // @ts-expect-error: options given in both places
  validateCreatePostgresqlField("name", value, { locale: "fr" }, { locale: "fr" });
}
