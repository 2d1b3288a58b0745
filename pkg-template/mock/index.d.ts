// itcare-postgresql/mock: the ITCare PostgreSQL API in-process (the simulator's core as
// WebAssembly), for tests. No socket, no real waiting: time is virtual.

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
    /** Virtual latency added to every API answer, in ms (moves the virtual clock). */
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
    /** Seed of tokens and fault rates (default 1: repeatable). */
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

/** An in-process ITCare API. */
export interface MockApi {
    /** A WHATWG `fetch` answering as the simulator does, for URLs under `baseUrl` / `tokenUrl`; other origins reject with a network error. */
    fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
    /** Base URL to give the client (`https://itcare-mock.invalid/itcare`). */
    baseUrl: string;
    /** The token endpoint (T3) of the mock. */
    tokenUrl: string;
    /** A valid access token (lives `tokenTtlSecs` of virtual time). */
    token: string;
    /** Client id the token endpoint accepts. */
    clientId: string;
    /** Client secret the token endpoint accepts. */
    clientSecret: string;
    /** Current virtual time, ms since the epoch. */
    readonly now: number;
    /** Moves virtual time forward; actions whose duration has passed complete. */
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
}

/** Creates an independent in-process API (the mock's WebAssembly is ready at import in Node and current browsers; otherwise this waits for it once). Throws on unknown or invalid options. */
export function createMockApi(options?: MockApiOptions): Promise<MockApi>;
export default createMockApi;
