// Type-checked with `tsc --strict --noEmit` under moduleResolution bundler and node16 (ESM).
// Uses the package as a TypeScript user would; a misuse must fail to compile.
import init, {
  init as namedInit,
  validateCreatePostgresql,
  validateCreatePostgresqlField,
  validatePostgresqlOperation,
  describeCreateForm,
  ItcareClient,
} from "itcare-postgresql";
import type {
  CreatePostgresql,
  ValidationIssue,
  IssueCode,
  OperationContext,
  PostgresqlInstance,
  Action,
  Topology,
} from "itcare-postgresql";

export async function main(): Promise<number> {
  await init();
  await namedInit();

  const topology: Topology = "STANDALONE";
  const request: CreatePostgresql = {
    area: "EB-QA",
    productCode: "deb12pg16",
    name: "consumer01",
    nodeSizing: "2cpu4gb",
    diskSize: 40,
    admPassword: "Str0ng!Passw0rd",
    serviceId: 123,
    networkId: 132,
    topology,
    trigram: "abc",
    allowedReplicationLag: 100,
  };

  const misuse: CreatePostgresql = {
    ...request,
    // @ts-expect-error diskSize is a number of GB (C3), not a string
    diskSize: "40",
  };

  const issues: ValidationIssue[] = validateCreatePostgresql(request, { locale: "fr" });
  const codes: IssueCode[] = issues.map((i) => i.code);
  const paths: string[] = validateCreatePostgresqlField("diskSize", misuse.diskSize, request).map((i) => i.path);

  const context: OperationContext = { production: false, nodeCount: 1 };
  const opIssues: ValidationIssue[] = validatePostgresqlOperation({ operation: "stop" }, context);

  const form = describeCreateForm("en");

  const client = new ItcareClient({ baseUrl: "http://127.0.0.1:1/itcare", token: "t" });
  const action: Action = await client.createPostgresql(request);
  const instance: PostgresqlInstance = await client.getPostgresql(1);

  return codes.length + paths.length + opIssues.length + (form ? 1 : 0) + (action.id ?? 0) + (instance.id ?? 0);
}
