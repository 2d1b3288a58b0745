// A fresh itcare-sim on a free loopback port, and the judge of a write against what the
// simulator really holds afterwards (its actions, A3, and its instances). Shared by
// truthful-writes.test.mjs, slow/*.test.mjs and scripts/soak.mjs.
//
// The promise judged (A3, docs/spec/API.md): a create, PATCH or DELETE is never sent twice, and an
// ambiguous outcome is resolved by looking at the API. From outside that means, for one call:
// - resolved with an Action → that Action was created by this call (not one that existed
//   before it), it is the only one of its operation the call created, and the instance shows
//   the change once the Action is done;
// - rejected with `NetworkError` `outcome_unknown` → acceptable (the client said it cannot know);
// - rejected with any other typed error → the write did NOT happen (no new Action of that
//   operation for that resource).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The error names of `ItcareError` (src/wasm/client.d.ts). */
export const KNOWN_ERRORS = new Set(["ValidationError", "ApiError", "AuthError", "NotFoundError",
  "ConflictError", "RateLimitError", "NetworkError", "TimeoutError", "AbortError", "ActionFailedError"]);

/** Whether `e` is one of the client's typed errors (a known `name` and a string `code`). */
export const typed = (e) => KNOWN_ERRORS.has(e?.name) && typeof e?.code === "string";

/** A create body (C1–C11) named `name`: tests/fixtures/create_short.json with that name. */
export function createRequest(name) {
  const fixture = JSON.parse(readFileSync(join(root, "tests/fixtures/create_short.json"), "utf8"));
  return { ...fixture, name };
}

/** Polls `probe` (sync or async) until it returns a truthy value, at most `deadlineMs`. */
export async function waitFor(probe, { what = "a condition", deadlineMs = 30_000, everyMs = 50 } = {}) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Starts `target/debug/itcare-sim` (or `bin`) with `--port 0 --port-file`, no demo instances,
 * actions lasting `actionMs`. Resolves with the handle below once it listens.
 */
export async function startSim({ actionMs = 150, bin = join(root, "target/debug/itcare-sim") } = {}) {
  if (!existsSync(bin)) throw new Error(`${bin} missing (cargo build -p itcare-sim)`);
  const tmp = mkdtempSync(join(tmpdir(), "itcare-truth-"));
  const portFile = join(tmp, "port");
  const child = spawn(bin, ["--host", "127.0.0.1", "--port", "0", "--port-file", portFile, "--no-seed"], {
    env: { ...process.env, ITCARE_SIM_ACTION_MS: String(actionMs) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.on("exit", () => { exited = true; });
  const stop = () => {
    if (!exited) child.kill();
    rmSync(tmp, { recursive: true, force: true });
  };
  process.once("exit", stop);
  const port = await waitFor(() => {
    if (exited) throw new Error("the simulator exited before listening");
    return existsSync(portFile) && readFileSync(portFile, "utf8").trim();
  }, { what: "the simulator's port file", deadlineMs: 30_000 }).catch((e) => { stop(); throw e; });
  const origin = `http://127.0.0.1:${port}`;

  /** A control call (`/_sim/…`, never faulted). */
  const control = async (method, path, body) => {
    const r = await fetch(origin + path, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.headers.get("content-type")?.includes("json") ? r.json() : null;
  };
  const token = (await control("POST", "/_sim/dev-token")).access_token;

  /**
   * A GET of the API as the judge (dev token, not the client under test). `retry`: GETs are safe,
   * so when faults may hit them (the soak's audit) a failed read is read again.
   */
  const read = async (path, { retry = 0 } = {}) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await fetch(origin + path, { headers: { authorization: `Bearer ${token}` } });
        if (r.status === 404) return null;
        if (r.ok) return r.json();
        if (attempt >= retry) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
      } catch (e) {
        if (attempt >= retry) throw e;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
  };

  return {
    origin,
    baseUrl: `${origin}/itcare`,
    control,
    /** `PUT /_sim/faults` (the whole configuration; `{}` turns every fault off). */
    setFaults: (faults) => control("PUT", "/_sim/faults", faults),
    /** Actions of one instance (`resourceId`) or name (`resourceName`), A3, newest first. */
    actions: (filter, opts) => read(`/itcare/actions?${new URLSearchParams(filter)}`, opts),
    action: (id, opts) => read(`/itcare/actions/${id}`, opts),
    /** The instance, or null when it does not exist (404). */
    instance: (id, opts) => read(`/itcare/databases/postgresql/${id}`, opts),
    /** Every instance (one page of 100: enough for a test). */
    instances: async (opts) => {
      const p = await read("/itcare/databases/postgresql?size=100", opts);
      return Array.isArray(p) ? p : p.content;
    },
    stop,
  };
}

/** The operation an Action's `process` names (`postgresql.resize` → `resize`). */
export const operationOf = (a) => String(a?.process ?? "").split(".").pop();

/** The ids of the Actions of `filter` (A3) as a Set: the "before" of a judged call. */
export async function actionIds(sim, filter, opts) {
  return new Set((await sim.actions(filter, opts)).map((a) => a.id));
}

/** Runs `call` (a Promise factory) and returns `{ action }` or `{ error }`. */
export async function outcomeOf(call) {
  try {
    return { action: await call() };
  } catch (error) {
    return { error };
  }
}

const TERMINAL = new Set(["SUCCESS", "ERROR"]);

/**
 * Judges one write against the simulator's truth.
 * - `operation`: `create`, `delete` or the PATCH operation (`resize`, `stop`…).
 * - `filter`: `{ resourceName }` (create) or `{ resourceId }` (PATCH, DELETE), as A3 takes it.
 * - `before`: ids of the Actions of `filter` that existed before the call (see `actionIds`).
 * - `outcome`: `{ action }` or `{ error }` of the call (see `outcomeOf`).
 * - `applied(action)`: reads the instance once the Action is done; true when it shows the change.
 * - `state()` (optional): a few words on the instance as the simulator holds it, for the verdict.
 * Returns `{ ok, verdict, fresh }`: `verdict` a one-line account, `fresh` the Actions of that
 * operation the call created.
 */
export async function judgeWrite(sim, { label, operation, filter, before, outcome, applied, state, deadlineMs = 30_000 }) {
  const v = await judge(sim, { label, operation, filter, before, outcome, applied, deadlineMs });
  if (state) v.verdict += `, ${await state()}`;
  return v;
}

async function judge(sim, { label, operation, filter, before, outcome, applied, deadlineMs }) {
  const fresh = (await sim.actions(filter)).filter((a) => operationOf(a) === operation && !before.has(a.id));
  const ids = fresh.map((a) => `#${a.id}`).join(", ") || "none";
  const said = outcome.action
    ? `resolved with Action #${outcome.action.id} (${outcome.action.status}, internalId ${outcome.action.internalId})`
    : `rejected with ${outcome.error?.name}/${outcome.error?.code}`;
  const truth = `simulator: new ${operation} Action(s) ${ids}`;
  const bad = (why) => ({ ok: false, fresh, verdict: `${label}: BAD — ${why}; client ${said}; ${truth}` });
  const good = (why) => ({ ok: true, fresh, verdict: `${label}: ok — ${why}; client ${said}; ${truth}` });
  if (fresh.length > 1) return bad("sent twice: two Actions of one call");
  if (outcome.action) {
    const a = outcome.action;
    if (before.has(a.id)) return bad(`reported done with Action #${a.id}, which existed before the call (not applied by this call)`);
    if (!fresh.some((f) => f.id === a.id)) return bad(`reported done with Action #${a.id}, which is not a ${operation} of this resource`);
    const done = await waitFor(async () => {
      const now = await sim.action(a.id);
      return now && TERMINAL.has(now.status) && now;
    }, { what: `Action #${a.id} to end`, deadlineMs });
    if (done.status !== "SUCCESS") return bad(`resolved, but Action #${a.id} ended ${done.status}`);
    const shows = await waitFor(() => applied(done), { what: "the change", deadlineMs: 2_000 }).catch(() => false);
    if (!shows) return bad("reported done, but the instance does not show the change");
    return good("done by this call and applied");
  }
  const e = outcome.error;
  if (!typed(e)) return bad(`untyped error ${e?.name}: ${e?.message ?? e}`);
  if (e.code === "outcome_unknown") return good("the client says it cannot know (outcome_unknown)");
  // A failure that carries the Action it caused (wait_timeout, ActionFailedError) tells the truth.
  if (fresh.length > 0 && !fresh.some((f) => f.id === e.action?.id)) {
    return bad(`reported failed (${e.name}/${e.code}) but the write happened`);
  }
  if (fresh.length > 0) return good(`failed with the Action it caused (#${e.action.id})`);
  return good("reported failed and nothing happened");
}
