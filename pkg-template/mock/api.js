// itcare-postgresql/mock: the ITCare PostgreSQL API in-process, for your tests.
//
// The simulator's own core (Rust, sim/core) compiled to its own WebAssembly module (mock/core/,
// loaded only by this subpath: importing "itcare-postgresql" never loads it). `fetch` answers
// exactly as `itcare-sim` does (paths, auth, T5/T6 bodies, actions, faults) with no socket.
//
// Time is virtual (sim/mock/src/clock.rs decides what is due and when): a request is processed
// when it arrives and, under a latency fault, its answer is an event due `latencyMs` later, as
// the simulator sleeps before answering. `useVirtualTimers()` puts the global `setTimeout`,
// `clearTimeout` and `Date.now` on the same clock, so the client's `timeoutMs` timer and its
// retry and polling sleeps are events too. Nothing waits on the wall clock: when the process
// has nothing else to do (one real macrotask turn passed with no activity of the mock), the
// clock jumps to the next event and fires it.
//
// scripts/assemble-pkg.mjs turns this file into mock/index.js (ES module over
// core/inline.js), mock/index.cjs (CommonJS over core/inline.cjs) and mock/url.js (over
// core/index.js, which fetches the separate .wasm): `mockApi` gets the core's `init` and
// `MockCore` and returns `createMockApi`. No import or export besides `mockApi`.
// The signal of a call that gave none: never aborts (listeners are removed as each call settles).
const NEVER = new AbortController().signal;
const MOCK_ORIGIN = "https://itcare-mock.invalid";
const MOCK_TOKEN_PATH = "/auth/realms/cloud/protocol/openid-connect/token";
// More events than this in one `advance()` is a timer that keeps re-arming itself.
const MOCK_ADVANCE_LIMIT = 100000;

const networkError = (detail) => new TypeError("fetch failed", { cause: new Error(detail) });

/** The mock's own failures: `name` "MockError", a stable `code`, a message saying what to do. */
class MockError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "MockError";
    this.code = code;
  }
}

const disposedError = () =>
  new MockError("mock_disposed", "itcare-postgresql/mock: this mock was disposed; create another with createMockApi()");

// One real macrotask turn, taken from the globals at load (before any mock replaces timers):
// setImmediate where there is one (it keeps Node alive only while scheduled), else one shared
// MessageChannel (browsers, workers), else a real zero-delay setTimeout.
const mockNextTurn = (() => {
  const g = globalThis;
  if (typeof g.setImmediate === "function") {
    const immediate = g.setImmediate;
    return (f) => immediate(f);
  }
  if (typeof g.MessageChannel === "function") {
    let channel = null;
    const queue = [];
    return (f) => {
      if (!channel) {
        channel = new g.MessageChannel();
        channel.port1.onmessage = () => queue.shift()?.();
      }
      queue.push(f);
      channel.port2.postMessage(null);
    };
  }
  const later = g.setTimeout;
  return (f) => later(f, 0);
})();

// The mock whose virtual timers are installed (one at a time: there is one global setTimeout).
let mockTimersOwner = null;

/** A virtual timer's handle (Node's Timeout methods, so code that calls `unref()` keeps working). */
class VirtualTimeout {
  constructor(clock, id, fn, args, ms) {
    this._clock = clock;
    this._id = id;
    this._fn = fn;
    this._args = args;
    this._ms = ms;
    this._ref = true;
  }
  ref() {
    this._ref = true;
    return this;
  }
  unref() {
    this._ref = false;
    return this;
  }
  hasRef() {
    return this._ref;
  }
  refresh() {
    this._clock.rearm(this);
    return this;
  }
}

export function mockApi({ init, MockCore }) {
  return async function createMockApi(options = {}) {
    await init();
    // Virtual time starts at the real time of creation (read once) unless `startTime` is given:
    // a client comparing an Action's dates with its own clock then sees consistent ones.
    const core = new MockCore(JSON.stringify({ startTime: Date.now(), ...(options ?? {}) }), tokenSeed());
    const clientId = options?.clientId ?? "itcare-sim";
    const clientSecret = options?.clientSecret ?? "itcare-sim-secret";
    const token = JSON.parse(core.issueToken()).access_token;

    let disposed = false;
    // Pending events by id: delayed answers (`{ resolve, reject }`) and virtual timers.
    const answers = new Map();
    const timers = new Map();
    // Whether something happened since the last pump turn (then the process is not idle yet).
    let busy = false;
    let pumping = false;

    function live() {
      if (disposed) throw disposedError();
    }

    // Events that keep the clock moving on its own: delayed answers and ref'd timers (an
    // unref'd timer alone fires only through `advance`, as it would not keep Node running).
    function wanted() {
      if (answers.size > 0) return true;
      for (const t of timers.values()) if (t._ref) return true;
      return false;
    }

    function wake() {
      if (!pumping && !disposed && wanted()) {
        pumping = true;
        mockNextTurn(pump);
      }
    }

    // One turn: if nothing happened since the last one, the clock jumps to the next event.
    function pump() {
      pumping = false;
      if (disposed) return;
      if (busy) {
        busy = false;
        wake();
        return;
      }
      const id = core.popNext();
      try {
        if (id !== 0) fire(id);
      } finally {
        wake();
      }
    }

    function fire(id) {
      busy = true;
      const answer = answers.get(id);
      if (answer) {
        answer.resolve();
        return;
      }
      const timer = timers.get(id);
      if (timer) {
        timers.delete(id);
        timer._fn(...timer._args);
      }
    }

    // Resolves when the clock reaches event `id`; rejects with the abort reason when `signal`
    // aborts first (the event is then dropped), or with `mock_disposed`.
    function answerAt(id, signal) {
      return new Promise((resolve, reject) => {
        const settle = () => {
          answers.delete(id);
          signal.removeEventListener("abort", onAbort);
        };
        const onAbort = () => {
          settle();
          if (!disposed) core.cancel(id);
          reject(signal.reason ?? new DOMException("This operation was aborted", "AbortError"));
        };
        answers.set(id, {
          resolve: () => (settle(), resolve()),
          reject: (e) => (settle(), reject(e)),
        });
        signal.addEventListener("abort", onAbort);
        wake();
      });
    }

    async function fetch(input, requestInit) {
      live();
      // The signal is read from the arguments and never put on a new Request: Node's fetch
      // follows a Request's signal through a WeakRef and a FinalizationRegistry entry that live
      // until the job ends, ~2 KB per call in a loop of calls answered without I/O (the client
      // sends `fetch(request, { signal })` for the same reason).
      const { signal: given, ...init } = requestInit ?? {};
      const request = new Request(input, init);
      const signal = given ?? (input instanceof Request ? input.signal : NEVER);
      const aborted = () => signal.reason ?? new DOMException("This operation was aborted", "AbortError");
      if (signal.aborted) throw aborted();
      const url = new URL(request.url);
      if (url.origin !== MOCK_ORIGIN) {
        throw networkError(`itcare-postgresql/mock answers ${MOCK_ORIGIN} only, not ${url.origin}`);
      }
      const body = new Uint8Array(await request.arrayBuffer());
      live();
      if (signal.aborted) throw aborted();
      const headers = [];
      request.headers.forEach((value, name) => headers.push(name, value));
      busy = true;
      const reply = core.handle(request.method, url.pathname + url.search, headers, body);
      const status = reply.status;
      const pairs = reply.headers;
      const bytes = reply.body;
      const event = reply.event;
      reply.free();
      // Processed already; the answer (or the dropped connection) comes at its event.
      if (event !== 0) await answerAt(event, signal);
      if (status === 0) throw networkError("connection closed without an answer (fault injection)");
      const out = new Headers();
      for (let i = 0; i + 1 < pairs.length; i += 2) out.append(pairs[i], pairs[i + 1]);
      const nullBody = bytes.length === 0 || request.method === "HEAD" || [101, 204, 205, 304].includes(status);
      const response = new Response(nullBody ? null : bytes, { status, headers: out });
      Object.defineProperty(response, "url", { value: request.url });
      return response;
    }

    // The virtual timers (what useVirtualTimers() installs).
    const clock = {
      setTimeout(fn, ms, ...args) {
        live();
        if (typeof fn !== "function") throw new TypeError("setTimeout: the callback must be a function");
        busy = true;
        const delay = Number(ms);
        const timer = new VirtualTimeout(clock, core.setTimer(delay), fn, args, delay);
        timers.set(timer._id, timer);
        wake();
        return timer;
      },
      clearTimeout(timer) {
        if (!(timer instanceof VirtualTimeout) || timer._clock !== clock || disposed) return;
        busy = true;
        if (timers.delete(timer._id)) core.cancel(timer._id);
      },
      rearm(timer) {
        if (disposed) return;
        if (timers.delete(timer._id)) core.cancel(timer._id);
        timer._id = core.setTimer(timer._ms);
        timers.set(timer._id, timer);
        busy = true;
        wake();
      },
    };

    let restoreTimers = null;

    function useVirtualTimers() {
      live();
      if (mockTimersOwner) {
        const whose = mockTimersOwner === clock ? "this mock's" : "another mock's";
        throw new MockError("timers_in_use", `itcare-postgresql/mock: ${whose} virtual timers are installed already; restore them first`);
      }
      const g = globalThis;
      const real = { setTimeout: g.setTimeout, clearTimeout: g.clearTimeout, now: Date.now };
      const mine = {
        setTimeout: function setTimeout(fn, ms, ...args) {
          return mockTimersOwner === clock ? clock.setTimeout(fn, ms, ...args) : real.setTimeout.call(g, fn, ms, ...args);
        },
        clearTimeout: function clearTimeout(timer) {
          return timer instanceof VirtualTimeout ? timer._clock.clearTimeout(timer) : real.clearTimeout.call(g, timer);
        },
        now: function now() {
          return mockTimersOwner === clock ? core.now : real.now.call(Date);
        },
      };
      g.setTimeout = mine.setTimeout;
      g.clearTimeout = mine.clearTimeout;
      Date.now = mine.now;
      mockTimersOwner = clock;
      const restore = () => {
        if (mockTimersOwner !== clock) return;
        mockTimersOwner = null;
        restoreTimers = null;
        // Put back what was there, unless something replaced ours since (then ours delegate).
        if (g.setTimeout === mine.setTimeout) g.setTimeout = real.setTimeout;
        if (g.clearTimeout === mine.clearTimeout) g.clearTimeout = real.clearTimeout;
        if (Date.now === mine.now) Date.now = real.now;
        // Timers still pending never fire (as with other fake-timer libraries).
        for (const id of timers.keys()) if (!disposed) core.cancel(id);
        timers.clear();
      };
      restoreTimers = restore;
      const handle = { restore };
      if (typeof Symbol.dispose === "symbol") handle[Symbol.dispose] = restore;
      return handle;
    }

    function dispose() {
      if (disposed) return;
      restoreTimers?.();
      disposed = true;
      const error = disposedError();
      for (const answer of [...answers.values()]) answer.reject(error);
      answers.clear();
      timers.clear();
      core.free();
    }

    const mock = {
      fetch,
      baseUrl: `${MOCK_ORIGIN}/itcare`,
      tokenUrl: `${MOCK_ORIGIN}${MOCK_TOKEN_PATH}`,
      token,
      clientId,
      clientSecret,
      get now() {
        live();
        return core.now;
      },
      advance(ms) {
        live();
        busy = true;
        const target = core.now + Number(ms);
        let failure = null;
        for (let n = 0, id; (id = core.popDue(target)) !== 0; n++) {
          if (n >= MOCK_ADVANCE_LIMIT) {
            throw new MockError("timer_loop", `itcare-postgresql/mock: advance(${ms}) fired ${MOCK_ADVANCE_LIMIT} events; a timer keeps re-arming itself`);
          }
          try {
            fire(id);
          } catch (e) {
            failure ??= { e };
          }
          if (disposed) return;
        }
        core.advanceTo(target);
        wake();
        if (failure) throw failure.e;
      },
      finishActions() {
        live();
        return core.finishActions();
      },
      reset(resetOptions) {
        live();
        core.reset(resetOptions === undefined ? "" : JSON.stringify(resetOptions));
      },
      setFaults(config) {
        live();
        core.setFaults(JSON.stringify(config ?? {}));
      },
      expireTokens(refresh = false) {
        live();
        core.expireTokens(Boolean(refresh));
      },
      snapshot() {
        live();
        return JSON.parse(core.snapshot());
      },
      useVirtualTimers,
      dispose,
      get disposed() {
        return disposed;
      },
    };
    if (typeof Symbol.dispose === "symbol") mock[Symbol.dispose] = dispose;
    return mock;
  };
}

/** 32 random bytes: the seed of one mock's tokens (never the same for two mocks). */
function tokenSeed() {
  const seed = new Uint8Array(32);
  const crypto = globalThis.crypto;
  if (crypto && typeof crypto.getRandomValues === "function") return crypto.getRandomValues(seed);
  // No Web Crypto (very old engines): still distinct per mock, though not unguessable.
  for (let i = 0; i < seed.length; i++) seed[i] = Math.floor(Math.random() * 256);
  return seed;
}
