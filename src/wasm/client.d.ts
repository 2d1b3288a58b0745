// Hand-written declarations of the fetch client (`src/wasm/client.rs`), appended to the
// generated `itcare_postgresql.d.ts` by scripts/assemble-pkg.mjs. The generated types
// (`CreatePostgresql`, `Action`, `Page`, `WaitState`, `ValidationIssue`…) come from tsify.

/** How the client authenticates (T2/T3): give exactly one of `token`, `tokenProvider`, or `clientId` + `clientSecret`. */
export interface ItcareClientOptions {
    /** API base URL (T1), default `https://api.cegedim.cloud/itcare`; the simulator: `http://127.0.0.1:8080/itcare`. */
    baseUrl?: string;
    /** A static access token. */
    token?: string;
    /** Called when a token is needed, and once more with `{ forceRefresh: true }` after a 401. May be async. */
    tokenProvider?: (request: { forceRefresh: boolean }) => string | Promise<string>;
    /** OAuth2 client id (T3). Refused in a browser unless `allowSecretInBrowser`. */
    clientId?: string;
    /** OAuth2 client secret (T3). Never sent anywhere but the token endpoint. */
    clientSecret?: string;
    /** Token endpoint; default cegedim.cloud's, or the simulator's when `baseUrl` is a loopback origin. */
    tokenUrl?: string;
    /**
     * Allow `clientSecret` in a browser context (page or worker; development against the simulator only).
     * Servers need no flag: Node, Deno (Deploy, Netlify Edge), Bun, Vercel / Next.js edge, Cloudflare workerd.
     */
    allowSecretInBrowser?: boolean;
    /** Allow plain `http://` to a host that is not loopback (tokens would travel unencrypted). */
    allowInsecureHttp?: boolean;
    /**
     * The WHATWG `fetch` to send with (proxies, test doubles, workers, instrumented fetch); called as
     * `fetch(request, { signal })`: a `Request` (redirect mode `"manual"`) and the signal of the call's
     * timeout and `signal`. Forward both (`(request, init) => fetch(request, init)`) so a timeout or an
     * abort also closes the connection; the call settles on time either way. The `Request` itself
     * carries no signal: Node's fetch keeps ~2 KB per Request that has one until the event loop
     * turns, so back-to-back calls answered without I/O would pile them up. Default: the global `fetch`.
     */
    fetch?: (request: Request, init: { signal: AbortSignal }) => Promise<Response>;
    /** Extra request headers (e.g. tracing). `Authorization` and `Content-Type` are the client's own and refused. */
    headers?: Record<string, string>;
    /** Logging and metrics callbacks; they never see a header, a body or a query (so no token, secret or password). */
    hooks?: ClientHooks;
    /**
     * Timeout of one HTTP request in milliseconds. Default: 30000 for reads, 90000 for a create, PATCH or
     * DELETE (the API registers a write's Action before answering 202, and a write cut short is never simply
     * sent again: it costs a look at its actions and may end `outcome_unknown`). When given, it applies to both.
     */
    timeoutMs?: number;
    /**
     * Largest body of one answer, in bytes after decompression (default 8 MiB = 8388608; from 1024 to
     * 2^30). The body is read as a stream and counted before any of it reaches wasm memory (which
     * never shrinks); past the limit, or when `Content-Length` declares more, the read is cancelled and
     * the call fails with an `ApiError` `response_too_large` carrying the answer's real `status` (for a
     * create, PATCH or DELETE answered 2xx or 5xx the write may have happened: it is looked up like any
     * ambiguous write and resolves with its Action, or `outcome_unknown`). The default is ~30 times the largest page the client asks for
     * (100 instances), ~2,800 instances in one bare-array list.
     */
    maxResponseBytes?: number;
    /**
     * Retry budget of one call (token requests included); `false` disables retries. A create, PATCH or
     * DELETE is sent again only when surely not processed, or after looking up that nothing happened;
     * whatever the budget (`false` included), a write whose outcome is ambiguous is always looked up
     * (up to 4 reads within 15 s) and resolves with the Action it caused, or `outcome_unknown`.
     */
    retry?: RetryOptions | false;
    /** Language of validation messages (default `"en"`). */
    locale?: Locale;
    /** Validate create and PATCH bodies before sending (default `true`). */
    validate?: boolean;
}

/** What a hook sees of one HTTP exchange. */
export interface HookEvent {
    method: "GET" | "POST" | "PATCH" | "DELETE";
    /** URL path, without query. */
    path: string;
    /** 1 for the first try of this request, then 2, 3… */
    attempt: number;
}

/** Answer (or failure) of one HTTP exchange. */
export interface HookResult extends HookEvent {
    /** HTTP status; absent when no answer came. */
    status?: number;
    /** Milliseconds from sending to the answer or the failure. */
    durationMs: number;
    /**
     * `network_error`, `request_timeout` or `aborted` when no answer came; `redirect_refused` or
     * `response_too_large` when the answer was refused.
     */
    error?: string;
}

/** `beforeRequest` / `afterResponse` callbacks; what they throw is ignored. */
export interface ClientHooks {
    beforeRequest?: (event: HookEvent) => void;
    afterResponse?: (event: HookResult) => void;
}

/** Retry budget: attempts in total, backoff with jitter, and a time bound. */
export interface RetryOptions {
    /** Attempts in total, the first included (default 4). */
    maxAttempts?: number;
    /** First backoff step in ms (default 300). */
    baseDelayMs?: number;
    /** Longest backoff delay in ms (default 5000). */
    maxDelayMs?: number;
    /** No retry starts later than this after the first attempt, in ms (default 30000). */
    maxElapsedMs?: number;
    /** `"full"` (default) or `"decorrelated"` jitter. */
    jitter?: "full" | "decorrelated";
}

/** Per-call options. */
export interface RequestOptions {
    /** Aborts the call (rejects with an `AbortError`). */
    signal?: AbortSignal;
}

/** Options of `waitForAction` and of every `...AndWait` method. */
export interface WaitOptions extends RequestOptions {
    /** Give up after this many ms with a `TimeoutError` carrying the last Action (default 1 hour). */
    timeoutMs?: number;
    /** Shortest delay between polls in ms (default 2000). */
    minDelayMs?: number;
    /** Longest delay between polls in ms (default 30000). */
    maxDelayMs?: number;
    /** Called on each status change with the Action and the serialisable wait state. */
    onProgress?: (action: Action, state: WaitState) => void;
    /** A saved wait state to resume (keeps its start and deadline); polls at once. */
    state?: WaitState;
}

/** Query of `listPostgresql` (T7). */
export interface ListPostgresqlQuery {
    /** Page number from 0. */
    page?: number;
    /** Page size. */
    size?: number;
}

/** Filters of `listActions` (A3). */
export interface ActionFilter {
    resourceId?: string | number;
    resourceName?: string;
    serviceId?: string | number;
    statuses?: string[];
    requestId?: string;
}

/** Restore options (O3). */
export interface RestoreRequest { sourceId: number; stop: "BEFORE" | "AFTER"; timestamp: string }
/** Enable-HA options (O4). */
export interface EnableHaRequest { replicationLag: number; changeReference?: string }
/** Patch party update (O5). */
export interface PatchPartyRequest { excluded: boolean; patchGroup?: string; exclusionReason?: string }
/** Upgrade options (O7). */
export interface UpgradeRequest { targetVersion: string; changeReference?: string }

/** Fields common to every error the client throws. */
export interface ItcareErrorBase extends Error {
    /** Stable machine-readable code, e.g. `unavailable`, `wait_timeout`. */
    code: string;
    /** HTTP status, when an answer caused the error. */
    status?: number;
}
/** The request breaks rules C1–C11 or O1–O8 (or an argument is malformed); nothing was sent. */
export interface ValidationError extends ItcareErrorBase { name: "ValidationError"; issues: ValidationIssue[] }
/**
 * The API refused or failed (400, 422, 5xx…) or answered something that is not the JSON due (`code`
 * `invalid_response`); or the client refused the answer: `response_too_large` (a body past
 * `maxResponseBytes`, `status` the answer's), `redirect_refused` (a 3xx, or `status` 0 for a browser's
 * opaque redirect). No redirect is ever followed, to another origin or the same one (the ITCare API
 * does not redirect): the request went nowhere else and the API did not process it; the message names
 * where it pointed (origin only) — configure `baseUrl` / `tokenUrl` with the final address.
 */
export interface ApiError extends ItcareErrorBase {
    name: "ApiError"; status: number;
    /** Field path named by T6 `errorDesc`. */ path?: string;
    errorCode?: string; errorDesc?: string; errorMessage?: string;
    /** Raw body. */ body?: string;
    /** `Retry-After` of a 503, in ms. */ retryAfterMs?: number;
}
/** 401/403, the token endpoint refused the credentials, or credentials refused in a browser. Never carries a token. */
export interface AuthError extends ItcareErrorBase { name: "AuthError" }
/** 404. */
export interface NotFoundError extends ItcareErrorBase { name: "NotFoundError"; status: number; body?: string }
/** 409. */
export interface ConflictError extends ItcareErrorBase { name: "ConflictError"; errorCode?: string; errorMessage?: string; body?: string }
/** 429 not absorbed by the retry budget. */
export interface RateLimitError extends ItcareErrorBase { name: "RateLimitError"; status: number; retryAfterMs?: number }
/**
 * No HTTP answer (connection refused or lost), or `code` `outcome_unknown`: a create, PATCH or DELETE whose
 * answer was lost (or timed out, or was a 5xx) and whose outcome the client could not find out: it may have
 * happened; look at the instance's (or the name's) actions before sending it again. Or
 * `unavailable`: the token endpoint could not be reached within the retry budget.
 */
export interface NetworkError extends ItcareErrorBase { name: "NetworkError" }
/** A request (`request_timeout`) or a waiter (`wait_timeout`, with the last Action) ran out of time. */
export interface TimeoutError extends ItcareErrorBase { name: "TimeoutError"; action?: Action }
/** The `signal` fired. */
export interface AbortError extends ItcareErrorBase { name: "AbortError" }
/** The awaited Action ended in `ERROR`. */
export interface ActionFailedError extends ItcareErrorBase { name: "ActionFailedError"; action: Action }
/** Every error the client throws; narrow on `name`. */
export type ItcareError = ValidationError | ApiError | AuthError | NotFoundError | ConflictError
    | RateLimitError | NetworkError | TimeoutError | AbortError | ActionFailedError;

/**
 * Client of the ITCare PostgreSQL API. Every method returns a Promise and accepts an
 * `AbortSignal`; failures reject with an {@link ItcareError}.
 */
export class ItcareClient {
    /** Frees the Rust side (optional; the garbage collector does it too). */
    free(): void;
    /** Throws `AuthError` (`no_credentials`, `secret_in_browser`) or `ValidationError` (bad option: `baseUrl`, `tokenUrl`, `headers`…). */
    constructor(options: ItcareClientOptions);
    /**
     * POST a create request (validated first, C1–C11); resolves with its Action. Never sent twice: when the
     * answer is lost, the Action of that name is looked up and returned.
     */
    createPostgresql(request: CreatePostgresql, options?: RequestOptions): Promise<Action>;
    /** `createPostgresql`, then waits for its Action. */
    createPostgresqlAndWait(request: CreatePostgresql, options?: WaitOptions): Promise<Action>;
    /** One instance. */
    getPostgresql(id: number | string, options?: RequestOptions): Promise<PostgresqlInstance>;
    /** One page of instances (a bare array answer becomes one page, L1). */
    listPostgresql(query?: ListPostgresqlQuery, options?: RequestOptions): Promise<Page<PostgresqlInstance> & { content: PostgresqlInstance[] }>;
    /** Every instance, pages read in sequence. */
    listAllPostgresql(options?: RequestOptions): Promise<PostgresqlInstance[]>;
    /** Every instance, as an async iterator reading pages in sequence on demand. */
    iteratePostgresql(options?: RequestOptions): AsyncIterableIterator<PostgresqlInstance>;
    /** DELETE an instance; resolves with its Action (looked up when the answer was lost). */
    deletePostgresql(id: number | string, options?: RequestOptions): Promise<Action>;
    deletePostgresqlAndWait(id: number | string, options?: WaitOptions): Promise<Action>;
    /** PATCH any operation (validated first, O1–O8); resolves with its Action (looked up when the answer was lost). */
    updatePostgresql(id: number | string, operation: PostgresqlOperation, options?: RequestOptions): Promise<Action>;
    updatePostgresqlAndWait(id: number | string, operation: PostgresqlOperation, options?: WaitOptions): Promise<Action>;
    startPostgresql(id: number | string, options?: RequestOptions): Promise<Action>;
    startPostgresqlAndWait(id: number | string, options?: WaitOptions): Promise<Action>;
    /** Cannot be undone (O1): confirm first. */
    stopPostgresql(id: number | string, options?: RequestOptions): Promise<Action>;
    stopPostgresqlAndWait(id: number | string, options?: WaitOptions): Promise<Action>;
    /** Cannot be undone (O2): confirm first. */
    resizePostgresql(id: number | string, sizing: string, options?: RequestOptions): Promise<Action>;
    resizePostgresqlAndWait(id: number | string, sizing: string, options?: WaitOptions): Promise<Action>;
    restorePostgresql(id: number | string, restore: RestoreRequest, options?: RequestOptions): Promise<Action>;
    restorePostgresqlAndWait(id: number | string, restore: RestoreRequest, options?: WaitOptions): Promise<Action>;
    enableHaPostgresql(id: number | string, enableHa: EnableHaRequest, options?: RequestOptions): Promise<Action>;
    enableHaPostgresqlAndWait(id: number | string, enableHa: EnableHaRequest, options?: WaitOptions): Promise<Action>;
    updatePatchParty(id: number | string, patchParty: PatchPartyRequest, options?: RequestOptions): Promise<Action>;
    updatePatchPartyAndWait(id: number | string, patchParty: PatchPartyRequest, options?: WaitOptions): Promise<Action>;
    installExtensions(id: number | string, dbname: string, names: string[], options?: RequestOptions): Promise<Action>;
    installExtensionsAndWait(id: number | string, dbname: string, names: string[], options?: WaitOptions): Promise<Action>;
    upgradePostgresql(id: number | string, upgrade: UpgradeRequest, options?: RequestOptions): Promise<Action>;
    upgradePostgresqlAndWait(id: number | string, upgrade: UpgradeRequest, options?: WaitOptions): Promise<Action>;
    listPostgresqlDatabases(id: number | string, options?: RequestOptions): Promise<Database[]>;
    listPostgresqlExtensions(id: number | string, options?: RequestOptions): Promise<Extension[]>;
    listPostgresqlNetworks(id: number | string, options?: RequestOptions): Promise<Network[]>;
    listPostgresqlNodes(id: number | string, options?: RequestOptions): Promise<Node[]>;
    /** Major versions the instance can be upgraded to (P5). */
    listPostgresqlVersions(id: number | string, options?: RequestOptions): Promise<number[]>;
    getAction(id: number | string, options?: RequestOptions): Promise<Action>;
    listActions(filter?: ActionFilter, options?: RequestOptions): Promise<Action[]>;
    /**
     * Polls an Action (A2): at once, then with jittered, growing delays. Resolves on `SUCCESS`;
     * rejects with `ActionFailedError` on `ERROR`, at once on a non-retryable 4xx, `AbortError`
     * on abort, `TimeoutError` (with the last Action) at the deadline.
     */
    waitForAction(id: number | string, options?: WaitOptions): Promise<Action>;
}
