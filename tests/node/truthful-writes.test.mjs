// Truthful writes, judged from outside: the packed client (pkg/inline.js) against a fresh
// itcare-sim, each case with deterministic faults (`PUT /_sim/faults` rules), then the
// simulator's own actions and instances decide (tests/node/sim-truth.mjs, `judgeWrite`):
// a call resolved with an Action must have caused that Action and the instance must show the
// change; a call rejected with anything but `outcome_unknown` must have changed nothing.
// Rules: A3 (an ambiguous write is resolved by looking at the actions), T5 (5xx), O2 (resize),
// O1 (stop/start). One verdict line is printed per case. Needs `make pkg` and
// `cargo build -p itcare-sim`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ItcareClient } from "../../pkg/inline.js";
import { actionIds, createRequest, judgeWrite, outcomeOf, startSim, waitFor } from "./sim-truth.mjs";

const CREATE_PATH = "/itcare/databases/postgresql";
const wait = { minDelayMs: 50, maxDelayMs: 200, timeoutMs: 60_000 };
const TEST = { timeout: 120_000 };

let sim;
let n = 0;
before(async () => { sim = await startSim({ actionMs: 150 }); });
after(() => sim?.stop());

/** A client of the simulator with `options` (retry, timeoutMs…) on top of the credentials. */
const clientWith = (options = {}) =>
  new ItcareClient({ baseUrl: sim.baseUrl, clientId: "itcare-sim", clientSecret: "itcare-sim-secret", ...options });

/** A fresh C1 name per case (5–60 lowercase letters and digits). */
const fresh = (tag) => `tw${tag}${String(++n).padStart(2, "0")}x${process.pid % 10_000}`;

/** Creates and waits without faults; the instance id. */
async function ready(client, name) {
  const a = await client.createPostgresqlAndWait(createRequest(name), wait);
  return a.internalId;
}

/** Runs `call` with `rules` as the only faults (cleared afterwards, used up or not). */
async function withRules(rules, call, extra = {}) {
  await sim.setFaults({ ...extra, next: rules });
  try {
    return await outcomeOf(call);
  } finally {
    await sim.setFaults({});
  }
}

/** Judges, prints the verdict, fails the case when it is BAD. */
async function judged(args) {
  const v = await judgeWrite(sim, args);
  console.log(`truthful-writes: ${v.verdict}`);
  assert.ok(v.ok, v.verdict);
}

const sizing = (id) => async () => `instance #${id} ${(await sim.instance(id))?.nodeSizing ?? "missing"}`;
const status = (id) => async () => `instance #${id} ${(await sim.instance(id))?.status ?? "missing"}`;
const named = (name) => async () => `instances named ${name}: ${(await sim.instances()).filter((i) => i.name === name).length}`;
const sizingIs = (id, sizing) => async () => (await sim.instance(id))?.nodeSizing === sizing;
const statusIs = (id, status) => async () => (await sim.instance(id))?.status === status;
const createdAs = (name) => async (action) => (await sim.instance(action.internalId))?.name === name;

// --- 0. the judge passes a truthful client --------------------------------------------------

test("control: without faults, a create and a resize are judged done by their own call", TEST, async () => {
  const client = clientWith();
  const name = fresh("ok");
  const known = await actionIds(sim, { resourceName: name });
  const created = await outcomeOf(() => client.createPostgresqlAndWait(createRequest(name), wait));
  await judged({ label: "control create", operation: "create", filter: { resourceName: name }, before: known,
    outcome: created, applied: createdAs(name), state: named(name) });
  const id = created.action.internalId;
  const before2 = await actionIds(sim, { resourceId: id });
  const resized = await outcomeOf(() => client.resizePostgresqlAndWait(id, "4cpu8gb", wait));
  await judged({ label: "control resize", operation: "resize", filter: { resourceId: id }, before: before2,
    outcome: resized, applied: sizingIs(id, "4cpu8gb"), state: sizing(id) });
});

test("control: a first create dropped after processing is resolved with its own Action (A3 look)", TEST, async () => {
  const client = clientWith();
  const name = fresh("la");
  await client.listPostgresql({ size: 1 });
  const known = await actionIds(sim, { resourceName: name });
  const outcome = await withRules([{ kind: "dropAfter", method: "POST", pathPrefix: CREATE_PATH }],
    () => client.createPostgresqlAndWait(createRequest(name), wait));
  await judged({ label: "control create dropAfter", operation: "create", filter: { resourceName: name },
    before: known, outcome, applied: createdAs(name), state: named(name) });
});

// --- 1. reported done when it never happened -------------------------------------------------

for (const [fault, rule] of [["500 (not processed)", "500"], ["dropped (not processed)", "drop"]]) {
  test(`resize twice, the 2nd PATCH ${fault}: the 2nd resize is done by this call or not reported done`, TEST, async () => {
    const client = clientWith();
    const id = await ready(client, fresh("rs"));
    await client.resizePostgresqlAndWait(id, "4cpu8gb", wait);
    assert.equal((await sim.instance(id)).nodeSizing, "4cpu8gb");
    const filter = { resourceId: id };
    const known = await actionIds(sim, filter);
    const outcome = await withRules([{ kind: rule, method: "PATCH", pathPrefix: CREATE_PATH }],
      () => client.resizePostgresqlAndWait(id, "2cpu4gb", wait));
    await judged({ label: `resize back, PATCH ${rule}`, operation: "resize", filter, before: known, outcome,
      applied: sizingIs(id, "2cpu4gb"), state: sizing(id) });
  });
}

test("stop, start, then stop answered 503: the 2nd stop is done by this call or not reported done", TEST, async () => {
  const client = clientWith();
  const id = await ready(client, fresh("ss"));
  await client.stopPostgresqlAndWait(id, wait);
  await client.startPostgresqlAndWait(id, wait);
  assert.equal((await sim.instance(id)).status, "ACTIVE");
  const filter = { resourceId: id };
  const known = await actionIds(sim, filter);
  const outcome = await withRules([{ kind: "503", method: "PATCH", pathPrefix: CREATE_PATH }],
    () => client.stopPostgresqlAndWait(id, wait));
  await judged({ label: "stop again, PATCH 503", operation: "stop", filter, before: known, outcome,
    applied: statusIs(id, "STOPPED"), state: status(id) });
});

for (const [fault, rule] of [["500 (not processed)", "500"], ["dropped (not processed)", "drop"]]) {
  test(`re-create a deleted name, POST ${fault}: a new instance or no "done"`, TEST, async () => {
    const client = clientWith();
    const name = fresh("rc");
    const id = await ready(client, name);
    await client.deletePostgresqlAndWait(id, wait);
    await waitFor(async () => (await sim.instance(id)) === null, { what: "the deleted instance to be gone" });
    const filter = { resourceName: name };
    const known = await actionIds(sim, filter);
    const outcome = await withRules([{ kind: rule, method: "POST", pathPrefix: CREATE_PATH }],
      () => client.createPostgresqlAndWait(createRequest(name), wait));
    await judged({ label: `re-create ${name}, POST ${rule}`, operation: "create", filter, before: known, outcome,
      applied: createdAs(name), state: named(name) });
  });
}

// --- 2. a write that happened reported as a plain failure ---------------------------------------

/** A create under `rules` (and client `options`), judged. */
async function createCase(label, rules, options = {}, extra = {}) {
  const client = clientWith(options);
  const name = fresh("cr");
  // A token first, so the faults below meet the create and nothing else.
  await client.listPostgresql({ size: 1 });
  const filter = { resourceName: name };
  const known = await actionIds(sim, filter);
  const outcome = await withRules(rules, () => client.createPostgresqlAndWait(createRequest(name), wait), extra);
  await judged({ label, operation: "create", filter, before: known, outcome, applied: createdAs(name),
    state: named(name) });
}

const onCreate = (kind, count = 1, more = {}) => ({ kind, count, method: "POST", pathPrefix: CREATE_PATH, ...more });

test("create: 429 three times, then 500 after processing (the last allowed attempt)", TEST, () =>
  createCase("create 429x3 + 500After", [onCreate("429", 3), onCreate("500After")]));

test("create: 503 three times, then dropped after processing (the last allowed attempt)", TEST, () =>
  createCase("create 503x3 + dropAfter", [onCreate("503", 3), onCreate("dropAfter")]));

test("create with retry: false, dropped after processing", TEST, () =>
  createCase("create retry:false + dropAfter", [onCreate("dropAfter")], { retry: false }));

test("create with maxAttempts: 1, 500 after processing", TEST, () =>
  createCase("create maxAttempts:1 + 500After", [onCreate("500After")], { retry: { maxAttempts: 1 } }));

test("create answered after 3 s with timeoutMs 2000 and maxElapsedMs 2000", TEST, () =>
  createCase("create slow 3000 ms, timeoutMs 2000", [onCreate("slow", 1, { delayMs: 3000 })],
    { timeoutMs: 2000, retry: { maxElapsedMs: 2000 } }));

test("resize: 429 three times, then 500 after processing (the last allowed attempt)", TEST, async () => {
  const client = clientWith();
  const id = await ready(client, fresh("pt"));
  const filter = { resourceId: id };
  const known = await actionIds(sim, filter);
  const onPatch = (kind, count = 1) => ({ kind, count, method: "PATCH", pathPrefix: CREATE_PATH });
  const outcome = await withRules([onPatch("429", 3), onPatch("500After")],
    () => client.resizePostgresqlAndWait(id, "4cpu8gb", wait));
  await judged({ label: "resize 429x3 + 500After", operation: "resize", filter, before: known, outcome,
    applied: sizingIs(id, "4cpu8gb"), state: sizing(id) });
});
