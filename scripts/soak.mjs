#!/usr/bin/env node
// Soak test of the packed client (pkg/inline.js, what `import` resolves) against the simulator with
// transient faults, then an audit of every write against what the simulator really holds.
//
//   node scripts/soak.mjs [--cycles N] [--faults RATE] [--concurrency C] [--seed S]
//                         [--min-success FRACTION] [--sim target/debug/itcare-sim] [--pkg DIR]
//
// A cycle, as a user with default retry settings would run it: create and wait, read it; then
// either resize up and back down, or stop, start, stop, start (the same operation twice within
// seconds, which an ambiguous outcome must not confuse), read it; delete and wait, confirm 404;
// create the same name again (a name deleted seconds ago), read it, delete it, confirm 404.
//
// Faults (`--faults RATE`, default 0.2): 500 / 503 / 429 (Retry-After 1 s) / dropped connections
// at RATE/4 each, 20 ms latency; on top, rules for the ambiguous outcomes the client must resolve
// by looking (A3), never by sending twice: a dropped connection or a 500 AFTER processing on some
// create POSTs, a 500 after processing on some PATCHes, a drop after processing on some DELETEs.
//
// The audit (faults off) reads each cycle's actions (A3 `resourceName`) and matches every write
// to the Actions of its operation and resource submitted while the call ran: it counts writes
// reported done that this call did not do (its own Action absent or not SUCCESS, or a read after
// it not showing the change), writes
// that made two Actions, writes reported failed (not `outcome_unknown`) that happened, untyped
// errors and hung cycles. It fails unless every such count is 0 and at least --min-success of
// the cycles succeed (default 96% at RATE <= 0.2, else 90%).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createRequest, operationOf, root, startSim, typed } from "../tests/node/sim-truth.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const CYCLES = Number(arg("cycles", 50));
const FAULTS = Number(arg("faults", 0.2));
const CONCURRENCY = Number(arg("concurrency", 10));
const SEED = Number(arg("seed", 20261129));
const MIN_SUCCESS = Number(arg("min-success", FAULTS <= 0.2 ? 0.96 : 0.9));
const SIM = arg("sim", join(root, "target/debug/itcare-sim"));
const CYCLE_TIMEOUT_MS = 180_000;
// The simulator keeps the last 1000 actions (sim/core/src/world.rs MAX_ACTIONS); a cycle makes at
// most 8, and the audit needs every one of them.
const MAX_CYCLES = 100;

if (!(CYCLES >= 1 && CYCLES <= MAX_CYCLES) || !(FAULTS >= 0 && FAULTS <= 1) || !(CONCURRENCY >= 1)) {
  console.error(`soak: --cycles 1..${MAX_CYCLES}, --faults 0..1, --concurrency >= 1`);
  process.exit(2);
}

// --pkg: another build of the package (e.g. an older one, to compare).
const pkgDir = arg("pkg", join(root, "pkg"));
const entry = ["inline.js", "node.mjs"].map((f) => join(pkgDir, f)).find(existsSync);
if (!entry) {
  console.error(`soak: no package entry in ${pkgDir} (make pkg)`);
  process.exit(2);
}
const { ItcareClient } = await import(entry);

const sim = await startSim({ actionMs: 300, bin: SIM }).catch((e) => {
  console.error(`soak: ${e.message}`);
  process.exit(2);
});

// --- faults ---------------------------------------------------------------------------------
const every = (n) => Math.max(1, Math.round(CYCLES / n));
const api = "/itcare/databases/postgresql";
const each = FAULTS / 4;
await sim.setFaults({
  latencyMs: 20, rate500: each, rate503: each, rate429: each, dropRate: each, retryAfterSecs: 1, seed: SEED,
  next: [
    { kind: "dropAfter", count: every(10), method: "POST", pathPrefix: api },
    { kind: "500After", count: every(10), method: "POST", pathPrefix: api },
    { kind: "500After", count: every(10), method: "PATCH", pathPrefix: api },
    { kind: "dropAfter", count: every(10), method: "DELETE" },
  ],
});

// --- the life cycles ------------------------------------------------------------------------
const client = new ItcareClient({ baseUrl: sim.baseUrl, clientId: "itcare-sim", clientSecret: "itcare-sim-secret" });
const wait = { minDelayMs: 100, maxDelayMs: 1000, timeoutMs: 120_000 };

/** Every write the client was asked for: what it reported, and when the call ran. */
const writes = [];

/**
 * One write: `call` runs it; `shows(action)`, when given, reads the instance through the client
 * and says whether it shows the change (a failed read fails the cycle without judging the write).
 */
async function write(r, operation, resourceId, call, shows) {
  const w = { cycle: r.name, operation, resourceId, start: Date.now(), end: null, action: null, error: null, shown: null };
  writes.push(w);
  r.step = operation;
  try {
    w.action = await call();
  } catch (e) {
    w.error = e;
    throw e;
  } finally {
    w.end = Date.now();
  }
  if (shows) await readBack(r, w, shows);
  return w;
}

/** The instance read after a write `w` (or after a series of them: the last) must show it. */
async function readBack(r, w, shows) {
  r.step = `${w.operation}: read back`;
  w.shown = await shows(w.action);
  if (!w.shown) throw new Error(`${w.operation} reported done, the instance does not show it`);
}

/** Reads instance `id` through the client: `test(instance)`, false when it does not exist. */
const has = (id, test) => async () => {
  const x = await client.getPostgresql(id).catch((e) => {
    if (e?.name === "NotFoundError") return null;
    throw e;
  });
  return x !== null && test(x);
};
const gone = (id) => async () => {
  const e = await client.getPostgresql(id).then(() => null, (e) => e);
  if (e === null) return false;
  if (e.name === "NotFoundError") return true;
  throw e;
};

const results = [];
async function cycle(i) {
  const name = `soak${String(i).padStart(3, "0")}x${SEED % 1000}`;
  const r = { name, ok: false, step: "create", error: null };
  try {
    const created = await write(r, "create", null,
      () => client.createPostgresqlAndWait(createRequest(name), wait),
      (a) => has(a.internalId, (x) => x.name === name)());
    const id = created.action.internalId;
    // One read after each series (as a user would look once): the last write of the series must
    // show; each write of it is judged by the audit below.
    if (i % 2 === 0) {
      await write(r, "resize", id, () => client.resizePostgresqlAndWait(id, "4cpu8gb", wait));
      const last = await write(r, "resize", id, () => client.resizePostgresqlAndWait(id, "2cpu4gb", wait));
      await readBack(r, last, has(id, (x) => x.nodeSizing === "2cpu4gb"));
    } else {
      let last;
      for (let k = 0; k < 2; k++) {
        await write(r, "stop", id, () => client.stopPostgresqlAndWait(id, wait));
        last = await write(r, "start", id, () => client.startPostgresqlAndWait(id, wait));
      }
      await readBack(r, last, has(id, (x) => x.status === "ACTIVE"));
    }
    await write(r, "delete", id, () => client.deletePostgresqlAndWait(id, wait), gone(id));
    // The same name again, seconds after its delete: the old create Action must not answer for it.
    const again = await write(r, "create", null,
      () => client.createPostgresqlAndWait(createRequest(name), wait),
      (a) => a.internalId !== id && has(a.internalId, (x) => x.name === name)());
    const id2 = again.action.internalId;
    await write(r, "delete", id2, () => client.deletePostgresqlAndWait(id2, wait), gone(id2));
    r.ok = true;
  } catch (e) {
    r.error = e;
  }
  return r;
}

const started = Date.now();
let next = 0;
let hangs = 0;
await Promise.all(
  Array.from({ length: Math.min(CONCURRENCY, CYCLES) }, async () => {
    while (next < CYCLES) {
      const i = next++;
      const timeout = new Promise((res) => setTimeout(() => res("hang"), CYCLE_TIMEOUT_MS).unref());
      const r = await Promise.race([cycle(i), timeout]);
      if (r === "hang") hangs += 1;
      else results.push(r);
    }
  }),
);
const elapsed = (Date.now() - started) / 1000;

// --- the audit: what really happened (faults off) ---------------------------------------------
await sim.setFaults({});
const auditAt = Date.now();
const actionsOf = new Map();
for (const name of new Set(writes.map((w) => w.cycle))) {
  actionsOf.set(name, await sim.actions({ resourceName: name }, { retry: 5 }));
}
const at = (a) => Date.parse(a.submittedAt ?? "");
const bad = { doneNotDone: [], duplicates: [], failedButHappened: [], untyped: [] };
let unknownOutcomes = 0;
for (const w of writes) {
  // The Actions this call caused: its operation, its resource, submitted while it ran (the
  // simulator and this process read the same clock).
  const mine = actionsOf.get(w.cycle).filter((a) => operationOf(a) === w.operation
    && (w.resourceId === null || a.internalId === w.resourceId)
    && at(a) >= w.start && at(a) <= (w.end ?? auditAt));
  const what = `${w.cycle} ${w.operation}${w.resourceId ? ` #${w.resourceId}` : ""}`;
  const caused = mine.map((a) => `#${a.id}`).join(", ") || "none";
  if (mine.length > 1) bad.duplicates.push(`${what}: Actions ${caused}`);
  if (w.action) {
    const own = mine.find((a) => a.id === w.action.id);
    if (!own) {
      bad.doneNotDone.push(`${what}: reported done with Action #${w.action.id}, this call caused ${caused}`);
    } else if (own.status !== "SUCCESS") {
      bad.doneNotDone.push(`${what}: reported done with Action #${w.action.id}, which ended ${own.status}`);
    } else if (w.shown === false) {
      bad.doneNotDone.push(`${what}: reported done with Action #${w.action.id}, the instance did not show it`);
    }
  } else if (w.error) {
    const e = w.error;
    if (!typed(e)) bad.untyped.push(`${what}: ${e?.name}: ${e?.message ?? e}`);
    else if (e.code === "outcome_unknown") unknownOutcomes += 1;
    // A failure that carries the Action it caused (wait_timeout, ActionFailedError) tells the truth.
    else if (mine.length > 0 && !mine.some((a) => a.id === e.action?.id)) {
      bad.failedButHappened.push(`${what}: reported ${e.name}/${e.code}, Actions ${caused} exist`);
    }
  }
}
const succeeded = results.filter((r) => r.ok).length;

const pct = ((100 * succeeded) / CYCLES).toFixed(1);
console.log(`soak: ${CYCLES} cycles at ${FAULTS} faults, ${CONCURRENCY} at a time, seed ${SEED}, ${elapsed.toFixed(1)} s, ${writes.length} writes audited`);
console.log(`  cycles succeeded:                        ${succeeded}/${CYCLES} (${pct}%, goal ${(100 * MIN_SUCCESS).toFixed(0)}%)`);
console.log(`  writes reported done, not done/applied:  ${bad.doneNotDone.length}`);
console.log(`  writes sent twice (two Actions):         ${bad.duplicates.length}`);
console.log(`  writes reported failed that happened:    ${bad.failedButHappened.length}`);
console.log(`  untyped errors:                          ${bad.untyped.length}`);
console.log(`  hangs:                                   ${hangs}`);
console.log(`  outcome_unknown (allowed):               ${unknownOutcomes}`);
for (const [kind, list] of Object.entries(bad)) {
  for (const line of list.slice(0, 20)) console.log(`  ${kind}: ${line}`);
  if (list.length > 20) console.log(`  ${kind}: … ${list.length - 20} more`);
}
for (const r of results.filter((r) => !r.ok)) {
  console.log(`  failed ${r.name} at ${r.step}: ${r.error?.name} ${r.error?.code ?? ""} ${r.error?.message ?? r.error}`);
}
const clean = Object.values(bad).every((l) => l.length === 0) && hangs === 0;
const pass = succeeded >= MIN_SUCCESS * CYCLES && clean;
console.log(pass ? "soak: ok" : `soak: FAILED (goal: >= ${(100 * MIN_SUCCESS).toFixed(0)}% of cycles succeed, every bad count 0)`);
sim.stop();
process.exit(pass ? 0 : 1);
