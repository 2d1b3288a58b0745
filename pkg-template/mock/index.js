// itcare-postgresql/mock: the ITCare PostgreSQL API in-process, for your tests.
//
// The simulator's own core (Rust, sim/core) compiled to its own WebAssembly module
// (./itcare_sim_mock_bg.wasm, loaded only by this entry: importing "itcare-postgresql" never
// fetches it). `fetch` answers exactly as `itcare-sim` does (paths, auth, T5/T6 bodies,
// actions, faults) with no socket; time is virtual and moves only through `advance(ms)`.
import init, { MockCore } from "./itcare_sim_mock.js";

const ORIGIN = "https://itcare-mock.invalid";
const TOKEN_PATH = "/auth/realms/cloud/protocol/openid-connect/token";
const wasmUrl = new URL("./itcare_sim_mock_bg.wasm", import.meta.url);
let loading;

// Node, Deno, Bun and test runners in Node (Vitest, Jest ESM) read the file; browsers and
// service workers fetch it (bundlers rewrite the `new URL(..., import.meta.url)` above).
function load() {
  loading ??= (async () => {
    let source = wasmUrl;
    if (wasmUrl.protocol === "file:") {
      const fsName = "node:fs/promises";
      const fs = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsName);
      source = await fs.readFile(wasmUrl);
    }
    await init({ module_or_path: source });
  })();
  return loading;
}

const networkError = (detail) => new TypeError("fetch failed", { cause: new Error(detail) });

export async function createMockApi(options = {}) {
  await load();
  // Virtual time starts at the real time of creation (read once) unless `startTime` is given:
  // a client comparing an Action's dates with its own clock then sees consistent ones.
  const core = new MockCore(JSON.stringify({ startTime: Date.now(), ...(options ?? {}) }));
  const clientId = options?.clientId ?? "itcare-sim";
  const clientSecret = options?.clientSecret ?? "itcare-sim-secret";
  const token = JSON.parse(core.issueToken()).access_token;

  async function fetch(input, init) {
    const request = new Request(input, init);
    if (request.signal.aborted) {
      throw request.signal.reason ?? new DOMException("This operation was aborted", "AbortError");
    }
    const url = new URL(request.url);
    if (url.origin !== ORIGIN) {
      throw networkError(`itcare-postgresql/mock answers ${ORIGIN} only, not ${url.origin}`);
    }
    const body = new Uint8Array(await request.arrayBuffer());
    const headers = [];
    request.headers.forEach((value, name) => headers.push(name, value));
    const reply = core.handle(request.method, url.pathname + url.search, headers, body);
    const status = reply.status;
    const pairs = reply.headers;
    const bytes = reply.body;
    reply.free();
    if (status === 0) throw networkError("connection closed without an answer (fault injection)");
    const out = new Headers();
    for (let i = 0; i + 1 < pairs.length; i += 2) out.append(pairs[i], pairs[i + 1]);
    const nullBody = bytes.length === 0 || request.method === "HEAD" || [101, 204, 205, 304].includes(status);
    const response = new Response(nullBody ? null : bytes, { status, headers: out });
    Object.defineProperty(response, "url", { value: request.url });
    return response;
  }

  return {
    fetch,
    baseUrl: `${ORIGIN}/itcare`,
    tokenUrl: `${ORIGIN}${TOKEN_PATH}`,
    token,
    clientId,
    clientSecret,
    get now() {
      return core.now;
    },
    advance(ms) {
      core.advance(Number(ms));
    },
    finishActions() {
      return core.finishActions();
    },
    reset(resetOptions) {
      core.reset(resetOptions === undefined ? "" : JSON.stringify(resetOptions));
    },
    setFaults(config) {
      core.setFaults(JSON.stringify(config ?? {}));
    },
    expireTokens(refresh = false) {
      core.expireTokens(Boolean(refresh));
    },
    snapshot() {
      return JSON.parse(core.snapshot());
    },
  };
}

export default createMockApi;
