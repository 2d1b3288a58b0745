// The other exports of the generated types (forms, client, init), called once each so a change
// of their signatures in the Rust boundary shows up here. Checked, never run.
import init, {
  connectionFacts,
  describeCreateForm,
  describeOperationForm,
  initSync,
  ItcareClient,
} from "../../pkg/itcare_postgresql.js";
import type { Action, ConnectionFacts, FormDescription, PostgresqlInstance } from "../../pkg/itcare_postgresql.js";

export async function exercise(wasm: ArrayBuffer): Promise<string[]> {
  initSync({ module: wasm });
  await init();

  const create: FormDescription = describeCreateForm("fr");
  const resize: FormDescription | undefined = describeOperationForm("resize", { locale: "en" });
  const names: string[] = create.fields.map((f) => f.name);
  if (resize) names.push(resize.id);

  const client = new ItcareClient({ baseUrl: "http://127.0.0.1:8080/itcare", token: "t", timeoutMs: 5000 });
  const instance: PostgresqlInstance = await client.getPostgresql(42);
  const action: Action = await client.waitForAction(String(instance.id ?? 0), { timeoutMs: 1000 });
  const facts: ConnectionFacts = connectionFacts(instance, await client.listPostgresqlNodes(42));
  if (facts.uri) names.push(facts.uri, facts.sslMode, String(facts.port));
  names.push(String(action.status));

  // The `fetch` option takes the global fetch as it is, or a wrapper of one or two arguments.
  new ItcareClient({ token: "t", fetch: globalThis.fetch, maxResponseBytes: 1 << 20 });
  new ItcareClient({ token: "t", fetch: (request, init) => globalThis.fetch(request, init) });
  new ItcareClient({ token: "t", fetch: (request) => globalThis.fetch(request) });
  // @ts-expect-error: maxResponseBytes is a number of bytes
  new ItcareClient({ token: "t", maxResponseBytes: "8 MiB" });

  // @ts-expect-error: the client needs its options object
  new ItcareClient();
  // @ts-expect-error: the form locale is "en" | "fr" or options
  describeCreateForm(12);
  return names;
}
