// itcare-postgresql/mock: the ITCare PostgreSQL API in-process (the simulator's core as
// WebAssembly), for tests. No socket, no real waiting: time is virtual.
/// <reference lib="esnext.disposable" />

/** A fault rule: the next `count` requests matching `method` / `pathPrefix` get `kind`. */
export interface MockFaultRule {
    /** `"500"`, `"503"`, `"429"`, `"drop"` (network error, not processed), `"dropAfter"` (processed, then a network error), `"500After"` (processed, then 500), `"slow"` (processed, answered after `delayMs`). */
    kind: "500" | "503" | "429" | "drop" | "dropAfter" | "500After" | "slow";
    /** How many matching requests (default 1). */
    count?: number;
    /** Only this HTTP method (any when absent). */
    method?: string;
    /** Only paths starting with this, e.g. `/itcare/actions` (any API path when absent). */
    pathPrefix?: string;
    /** Virtual ms added to `latencyMs` before a matching request is answered (at most 30000; what makes `"slow"` slow). */
    delayMs?: number;
}

/** Fault configuration (the JSON of the simulator's `PUT /_sim/faults`); absent fields are off. */
export interface MockFaults {
    /** Latency of every API answer, in virtual ms: the request is processed when it arrives and its answer comes when the virtual clock reaches arrival + `latencyMs` (as the simulator sleeps, then answers). A client whose `timeoutMs` is shorter gets its `TimeoutError` when its timers run on the mock's clock ({@link MockApi.useVirtualTimers}). */
    latencyMs?: number;
    /** Probability (0..1) of a 500 answer. */
    rate500?: number;
    /** Probability (0..1) of a 503 answer. */
    rate503?: number;
    /** Probability (0..1) of a 429 answer. */
    rate429?: number;
    /** `Retry-After` seconds of 429/503 answers (default 1). */
    retryAfterSecs?: number;
    /** Probability (0..1) of a network error. */
    dropRate?: number;
    /** Probability (0..1) that an action ends in `ERROR`. */
    actionErrorRate?: number;
    /** The next N actions end in `ERROR`. */
    failNextActions?: number;
    /** Append hostile markup to names and messages (XSS tests of a UI). */
    hostileText?: boolean;
    /** Deterministic rules, checked in order before the rates. */
    next?: MockFaultRule[];
    /** Seed of the rates (repeatable runs). */
    seed?: number;
}

/** Options of {@link createMockApi} and {@link MockApi.reset}. */
export interface MockApiOptions {
    /** Start with the simulator's demo instances (default true). */
    seed?: boolean;
    /** How long an action stays `IN_PROGRESS`, in virtual ms (default 3000, as the simulator). `0`: actions complete by the next request, so `...AndWait` calls return at their first poll. */
    actionMs?: number;
    /** Access token lifetime in virtual seconds (default 1200). */
    tokenTtlSecs?: number;
    /** Refresh token lifetime in virtual seconds (default 7200). */
    refreshTtlSecs?: number;
    /** Virtual start time in ms since the epoch (default: the real time when the mock is created). */
    startTime?: number;
    /** Seed of the fault rates when `faults.seed` is absent (default 1: repeatable). Tokens never come from it: each mock issues its own random tokens, refused (401) by every other mock. */
    randomSeed?: number;
    /** OAuth2 client id accepted by the token endpoint (default `itcare-sim`). */
    clientId?: string;
    /** OAuth2 client secret accepted by the token endpoint (default `itcare-sim-secret`). */
    clientSecret?: string;
    /** Faults from the start. */
    faults?: MockFaults;
}

/** The state as `snapshot()` returns it. */
export interface MockSnapshot {
    /** Virtual time (RFC 3339). */
    now: string;
    /** Every instance, as `GET /databases/postgresql/{id}` answers it. */
    instances: Array<Record<string, unknown>>;
    /** Every action kept (A2 shape). */
    actions: Array<Record<string, unknown>>;
    /** Active faults. */
    faults: MockFaults;
    /** Run-time settings. */
    config: { actionMs: number; tokenTtlSecs: number; refreshTtlSecs: number };
}

/** What the mock itself throws (never a WebAssembly trap): `name` is `"MockError"`. */
export interface MockError extends Error {
    name: "MockError";
    /**
     * `mock_disposed`: a call after {@link MockApi.dispose}; `timers_in_use`: {@link MockApi.useVirtualTimers}
     * while virtual timers (this mock's or another's) are installed; `timer_loop`: {@link MockApi.advance}
     * fired 100,000 events (a timer that keeps re-arming itself).
     */
    code: "mock_disposed" | "timers_in_use" | "timer_loop";
}

/** The handle of installed virtual timers ({@link MockApi.useVirtualTimers}). */
export interface MockTimers extends Disposable {
    /** Puts the real `setTimeout`, `clearTimeout` and `Date.now` back; virtual timers still pending never fire. Idempotent. */
    restore(): void;
    /** Same as `restore()`, for `using`. */
    [Symbol.dispose](): void;
}

/** An in-process ITCare API. Free it with `dispose()` (or `using`) when a test is done. */
export interface MockApi extends Disposable {
    /** A WHATWG `fetch` answering as the simulator does, for URLs under `baseUrl` / `tokenUrl`; other origins reject with a network error. Under a latency fault the answer resolves when the virtual clock reaches its time; the request's `signal` aborting first rejects it (the request was processed already, as on the real server). After `dispose()` it rejects with a {@link MockError} `mock_disposed`. */
    fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
    /** Base URL to give the client (`https://itcare-mock.invalid/itcare`). */
    baseUrl: string;
    /** The token endpoint (T3) of the mock. */
    tokenUrl: string;
    /** A valid access token (lives `tokenTtlSecs` of virtual time), random and this mock's own: every other mock refuses it (401). */
    token: string;
    /** Client id the token endpoint accepts. */
    clientId: string;
    /** Client secret the token endpoint accepts. */
    clientSecret: string;
    /** Current virtual time, ms since the epoch. */
    readonly now: number;
    /** Moves virtual time forward by `ms`, firing what falls due on the way in time order (delayed answers, virtual timers, synchronously); actions whose duration has passed complete. Rarely needed: when the process is otherwise idle the clock jumps to the next pending event by itself. Throws a {@link MockError} `timer_loop` after 100,000 events. */
    advance(ms: number): void;
    /** Completes every action in progress now; returns how many. */
    finishActions(): number;
    /** Back to the creation options (or `options`): world, faults, settings. Issued tokens stay valid. Throws on invalid options. */
    reset(options?: MockApiOptions): void;
    /** Replaces the fault configuration. Throws on invalid values (rates outside 0..1…). */
    setFaults(config: MockFaults): void;
    /** Every access token expires now (refresh tokens too when `refresh`). */
    expireTokens(refresh?: boolean): void;
    /** Instances, actions, faults and settings, as plain JSON. */
    snapshot(): MockSnapshot;
    /**
     * Puts the global `setTimeout`, `clearTimeout` and `Date.now` on this mock's virtual clock until
     * `restore()` (or `dispose()`), so the client's `timeoutMs`, retry back-off and `waitForAction`
     * polling run in virtual time: a latency longer than `timeoutMs` gives the client's `TimeoutError`
     * at exactly `timeoutMs` virtual ms, as against the simulator, with no real waiting. Every
     * `setTimeout` of the process is virtual meanwhile (`setInterval`, `setImmediate` and `new Date()`
     * are not touched), and when nothing else is going on the clock jumps to the next timer. One
     * mock at a time; not together with another fake-timer library. Throws a {@link MockError}
     * `timers_in_use` when virtual timers are installed already.
     */
    useVirtualTimers(): MockTimers;
    /** Frees the mock (its WebAssembly memory) and restores its virtual timers; pending answers reject and every later call throws a {@link MockError} `mock_disposed`. Idempotent. A mock dropped without it is freed only when the engine collects it, which WebAssembly memory does not prompt: dispose of each mock. */
    dispose(): void;
    /** Same as `dispose()`, for `using mock = await createMockApi()`. */
    [Symbol.dispose](): void;
    /** Whether `dispose()` was called. */
    readonly disposed: boolean;
}

/** Creates an independent in-process API (the mock's WebAssembly is ready at import in Node and current browsers; otherwise this waits for it once). Throws on unknown or invalid options. */
export function createMockApi(options?: MockApiOptions): Promise<MockApi>;
export default createMockApi;
