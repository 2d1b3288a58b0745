// The same package seen from a CommonJS TypeScript file under node16: resolves through the
// `require` condition to inline.d.cts.
import sdk = require("itcare-postgresql");

export function check(): number {
  const request: sdk.CreatePostgresql = {
    area: "EB-QA",
    productCode: "deb12pg16",
    name: "consumer01",
    nodeSizing: "2cpu4gb",
    // @ts-expect-error diskSize is a number of GB (C3), not a string
    diskSize: "40",
    admPassword: "Str0ng!Passw0rd",
    serviceId: 123,
    networkId: 132,
    topology: "HA",
    trigram: "abc",
    allowedReplicationLag: 100,
  };
  const issues: sdk.ValidationIssue[] = sdk.validateCreatePostgresql(request);
  const ready: Promise<unknown> = sdk.init();
  void ready;
  return issues.length;
}
