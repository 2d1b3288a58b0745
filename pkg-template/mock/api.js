// itcare-postgresql/mock: the ITCare PostgreSQL API in-process, for your tests.
//
// The simulator's own core (Rust, sim/core) compiled to its own WebAssembly module (mock/core/,
// loaded only by this subpath: importing "itcare-postgresql" never loads it). `fetch` answers
// exactly as `itcare-sim` does (paths, auth, T5/T6 bodies, actions, faults) with no socket;
// time is virtual and moves only through `advance(ms)`.
//
// scripts/assemble-pkg.mjs turns this file into mock/index.js (ES module over
// core/inline.js), mock/index.cjs (CommonJS over core/inline.cjs) and mock/url.js (over
// core/index.js, which fetches the separate .wasm): `mockApi` gets the core's `init` and
// `MockCore` and returns `createMockApi`. No import or export besides `mockApi`.
const MOCK_ORIGIN = "https://itcare-mock.invalid";
const MOCK_TOKEN_PATH = "/auth/realms/cloud/protocol/openid-connect/token";

const networkError = (detail) => new TypeError("fetch failed", { cause: new Error(detail) });

export function mockApi({ init, MockCore }) {
  return async function createMockApi(options = {}) {
    await init();
    // Virtual time starts at the real time of creation (read once) unless `startTime` is given:
    // a client comparing an Action's dates with its own clock then sees consistent ones.
    const core = new MockCore(JSON.stringify({ startTime: Date.now(), ...(options ?? {}) }));
    const clientId = options?.clientId ?? "itcare-sim";
    const clientSecret = options?.clientSecret ?? "itcare-sim-secret";
    const token = JSON.parse(core.issueToken()).access_token;

    async function fetch(input, requestInit) {
      const request = new Request(input, requestInit);
      if (request.signal.aborted) {
        throw request.signal.reason ?? new DOMException("This operation was aborted", "AbortError");
      }
      const url = new URL(request.url);
      if (url.origin !== MOCK_ORIGIN) {
        throw networkError(`itcare-postgresql/mock answers ${MOCK_ORIGIN} only, not ${url.origin}`);
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
      baseUrl: `${MOCK_ORIGIN}/itcare`,
      tokenUrl: `${MOCK_ORIGIN}${MOCK_TOKEN_PATH}`,
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
  };
}
