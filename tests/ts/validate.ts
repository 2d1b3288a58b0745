// Uses the generated types of the validation exports the way an application would; checked with
// `tsc --strict --noEmit` (scripts/test-ts.sh). Never run: only its types matter.
import init, {
  operationContextFromInstance,
  operationNames,
  validateCreatePostgresql,
  validateCreatePostgresqlField,
  validatePostgresqlOperation,
} from "../../pkg/itcare_postgresql.js";
import type {
  IssueCode,
  Locale,
  OperationContext,
  ValidationIssue,
  ValidationOptions,
} from "../../pkg/itcare_postgresql.js";

export async function main(): Promise<void> {
  await init();

  // Any value may be validated: the parameter is `unknown`.
  const fromForm: unknown = JSON.parse("{}");
  const issues: ValidationIssue[] = validateCreatePostgresql(fromForm);
  validateCreatePostgresql(42, { locale: "fr" });
  validateCreatePostgresql(undefined, null);

  for (const issue of issues) {
    const path: string = issue.path;
    const code: IssueCode = issue.code;
    const message: string = issue.message;
    console.log(path, code, message);
  }
  // The codes are a closed union: a switch over them can be exhaustive.
  const describe = (code: IssueCode): string => {
    switch (code) {
      case "required": case "type": case "length": case "range": case "pattern": case "forbidden":
      case "enum": case "password": case "window": case "state": case "format": case "empty":
        return code;
    }
  };
  issues.map((i) => describe(i.code));

  const locale: Locale = "fr";
  const options: ValidationOptions = { locale };
  validateCreatePostgresqlField("diskSize", 39);
  validateCreatePostgresqlField("nodePrefix", "ABCDE", { topology: "HA" }, options);

  const context: OperationContext = {
    production: true,
    now: new Date().toISOString(),
    nodeCount: 1,
    versions: [15, 16],
    instance: { topology: "STANDALONE", version: "16" },
  };
  validatePostgresqlOperation({ operation: "start" });
  validatePostgresqlOperation({ operation: "resize", options: { sizing: "2cpu4gb" } }, context);
  validatePostgresqlOperation({ operation: "stop" }, {}, { locale: "en" });
  validatePostgresqlOperation({ operation: "stop" }, undefined, options);

  // The operations and the context facts come from the module.
  for (const op of operationNames()) validatePostgresqlOperation({ operation: op }, context);
  const facts = operationContextFromInstance({ environment: "QA", nodeCount: 2, version: "16.4" });
  const major: number | undefined = facts.majorVersion;
  const production: boolean | undefined = facts.production;
  validatePostgresqlOperation({ operation: "upgrade", options: { targetVersion: "17" } }, { ...facts, versions: [17] });
  console.log(major, production);
  // @ts-expect-error: an operation name is one of the API's
  const notAnOperation: ReturnType<typeof operationNames>[number] = "reboot";
  console.log(notAnOperation);

  // Misuses the types reject:
  // @ts-expect-error: the locale is "en" | "fr"
  validateCreatePostgresql({}, { locale: "de" });
  // @ts-expect-error: the field name is a string
  validateCreatePostgresqlField(42, "x");
  // @ts-expect-error: production is a boolean
  validatePostgresqlOperation({ operation: "restore" }, { production: "yes" });
  // @ts-expect-error: an issue's code is not any string
  const wrong: IssueCode = "oops";
  console.log(wrong);
  // @ts-expect-error: the result is a list, not a single issue
  const single: ValidationIssue = validateCreatePostgresql({});
  console.log(single);
}
