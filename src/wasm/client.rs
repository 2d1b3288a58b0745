//! `ItcareClient`: the fetch client exported to JS (issue 4).
//!
//! Only sending (the global `fetch` through gloo-net, which works in Node 20 and browsers),
//! sleeping (`setTimeout`), abort wiring and JS conversions live here; every decision (request
//! building, decoding, error mapping, retry, waiter schedule, token cache) is the native policy
//! of `crate::client`. The TypeScript declaration of the class is written by hand below
//! (`skip_typescript`): wasm-bindgen 0.2.130 drops the `?` of optional parameters whose type
//! is overridden.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use js_sys::{Array, Function, Object, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

use super::errors::{bad_argument, to_js_error};
use super::{to_js, to_json};
use crate::client::{
    action_failed, basic_auth, build_request, decode_action, error_from_response, grant_body,
    interpret_token_response, read_action, read_wait_state, refresh_body, resolve_ambiguous_create,
    ActionFilter, BaseUrl, ClientError, CreateCheck, Endpoint, HttpDetails, HttpRequest, Jitter,
    Method, RetryDecision, RetryPolicy, Sent, TokenCache, TokenStep, Verdict, WaitPolicy,
    WaitState, DEFAULT_BASE_URL,
};
use crate::models::{Action, PostgresqlInstance};
use crate::validate::{self, IssueCode, Locale, OperationContext};

#[wasm_bindgen(typescript_custom_section)]
const CLIENT_TS: &str = r#"
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
    /** Allow `clientSecret` in a browser page (development against the simulator only). */
    allowSecretInBrowser?: boolean;
    /** Timeout of one HTTP request in milliseconds (default 30000). */
    timeoutMs?: number;
    /** Retry budget of reads (and of creates after a checked ambiguous failure); `false` disables retries. */
    retry?: RetryOptions | false;
    /** Language of validation messages (default `"en"`). */
    locale?: Locale;
    /** Validate create and PATCH bodies before sending (default `true`). */
    validate?: boolean;
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
/** The API refused or failed (400, 422, 5xx…) or answered something that is not the JSON due (`code` `invalid_response`). */
export interface ApiError extends ItcareErrorBase {
    name: "ApiError"; status: number;
    /** Field path named by T6 `errorDesc`. */ path?: string;
    errorCode?: string; errorDesc?: string; errorMessage?: string;
    /** Raw body. */ body?: string;
    /** `Retry-After` of a 503, in ms. */ retryAfterMs?: number;
}
/** 401/403, token endpoint refusal, or credentials refused in a browser. Never carries a token. */
export interface AuthError extends ItcareErrorBase { name: "AuthError" }
/** 404. */
export interface NotFoundError extends ItcareErrorBase { name: "NotFoundError"; status: number; body?: string }
/** 409, or a create whose outcome is unknown while an instance of that name exists. */
export interface ConflictError extends ItcareErrorBase { name: "ConflictError"; errorCode?: string; errorMessage?: string; body?: string }
/** 429 not absorbed by the retry budget. */
export interface RateLimitError extends ItcareErrorBase { name: "RateLimitError"; status: number; retryAfterMs?: number }
/** No HTTP answer (connection refused or lost). */
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
    /** Throws `AuthError` (`no_credentials`, `secret_in_browser`) or `ValidationError` (bad option). */
    constructor(options: ItcareClientOptions);
    /** POST a create request (validated first, C1–C11); resolves with its Action. Never sent twice. */
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
    /** DELETE an instance; resolves with its Action. */
    deletePostgresql(id: number | string, options?: RequestOptions): Promise<Action>;
    deletePostgresqlAndWait(id: number | string, options?: WaitOptions): Promise<Action>;
    /** PATCH any operation (validated first, O1–O8). */
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
"#;

// ------------------------------------------------------------------------------------ JS glue

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (Node 20 and browsers), called directly so a rejection keeps its
    /// `cause` (Node's `ECONNREFUSED`…: surely not sent).
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(request: &FetchRequest) -> Result<Promise, JsValue>;

    // Minimal bindings of the Fetch API (not gloo-net / web-sys' full ones: ~10 KB of wasm).
    /// A `Request`.
    #[wasm_bindgen(js_name = Request)]
    type FetchRequest;
    /// `new Request(url, init)`; throws for a URL or header it cannot carry (surely not sent).
    #[wasm_bindgen(constructor, js_class = "Request", catch)]
    fn new(url: &str, init: &Object) -> Result<FetchRequest, JsValue>;

    /// A `Response`.
    type FetchResponse;
    #[wasm_bindgen(method, getter)]
    fn status(this: &FetchResponse) -> u16;
    #[wasm_bindgen(method, getter)]
    fn headers(this: &FetchResponse) -> FetchHeaders;
    #[wasm_bindgen(method, catch)]
    fn text(this: &FetchResponse) -> Result<Promise, JsValue>;

    /// A `Headers`.
    type FetchHeaders;
    #[wasm_bindgen(method, catch)]
    fn get(this: &FetchHeaders, name: &str) -> Result<Option<String>, JsValue>;

    /// An `EventTarget` (the `AbortSignal`), without enabling more web-sys features.
    type Listenable;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_listener(this: &Listenable, kind: &str, f: &Function);
    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn remove_listener(this: &Listenable, kind: &str, f: &Function);
}

/// Runs `f` when `signal` aborts, until dropped (then the listener is removed).
struct OnAbort {
    signal: AbortSignal,
    callback: Closure<dyn FnMut()>,
}

impl OnAbort {
    fn new(signal: &AbortSignal, f: impl FnMut() + 'static) -> Self {
        let callback = Closure::<dyn FnMut()>::new(f);
        signal
            .unchecked_ref::<Listenable>()
            .add_listener("abort", callback.as_ref().unchecked_ref());
        Self {
            signal: signal.clone(),
            callback,
        }
    }
}

impl Drop for OnAbort {
    fn drop(&mut self) {
        self.signal
            .unchecked_ref::<Listenable>()
            .remove_listener("abort", self.callback.as_ref().unchecked_ref());
    }
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn random() -> f64 {
    js_sys::Math::random()
}

fn check_abort(signal: Option<&AbortSignal>) -> Result<(), ClientError> {
    if signal.is_some_and(AbortSignal::aborted) {
        Err(ClientError::aborted())
    } else {
        Ok(())
    }
}

/// `setTimeout` millis (a larger value would fire at once).
fn timer_ms(ms: u64) -> u32 {
    u32::try_from(ms.min(i32::MAX as u64)).unwrap_or(0)
}

/// Sleeps `ms`, or fails with `AbortError` as soon as `signal` aborts.
async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), ClientError> {
    check_abort(signal)?;
    if ms == 0 {
        return Ok(());
    }
    let mut resolve: Option<Function> = None;
    let promise = Promise::new(&mut |res, _rej| resolve = Some(res));
    let Some(resolve) = resolve else {
        return Ok(());
    };
    let on_timer = resolve.clone();
    let _timer = Timeout::new(timer_ms(ms), move || {
        let _ = on_timer.call0(&JsValue::UNDEFINED);
    });
    let _abort = signal.map(|s| {
        OnAbort::new(s, move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        })
    });
    let _ = JsFuture::from(promise).await;
    check_abort(signal)
}

/// One HTTP answer.
struct Raw {
    status: u16,
    body: String,
    retry_after: Option<String>,
}

/// Sends one request with a timeout (an AbortController aborted by a timer or by the caller's
/// signal). The error messages never include header values (the token).
async fn send(
    req: &HttpRequest,
    timeout_ms: u64,
    signal: Option<&AbortSignal>,
) -> Result<Raw, ClientError> {
    check_abort(signal)?;
    let controller = AbortController::new().map_err(|_| ClientError::Network {
        code: "network_error",
        message: "AbortController is not available".into(),
        sent: Sent::No,
    })?;
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Timeout::new(timer_ms(timeout_ms), move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let _abort = signal.map(|s| {
        let controller = controller.clone();
        OnAbort::new(s, move || controller.abort())
    });
    let result = fetch(req, &controller.signal()).await;
    match result {
        Ok(raw) => Ok(raw),
        Err(_) if signal.is_some_and(AbortSignal::aborted) => Err(ClientError::aborted()),
        Err(_) if timed_out.get() => Err(ClientError::Timeout {
            code: "request_timeout",
            message: format!(
                "{} {} got no answer within {timeout_ms} ms",
                req.method.as_str(),
                strip_query(&req.url)
            ),
            action: None,
        }),
        Err(sent) => Err(ClientError::Network {
            code: "network_error",
            message: format!(
                "{} {} failed: {}",
                req.method.as_str(),
                strip_query(&req.url),
                match sent {
                    Sent::No => "connection refused or host not found (not sent)",
                    Sent::Maybe => "connection lost, refused or blocked (CORS)",
                }
            ),
            sent,
        }),
    }
}

/// Node's fetch rejects with `TypeError("fetch failed")` whose `cause.code` tells a connection
/// that never opened (nothing sent) from one lost midway. Browsers give no detail: maybe sent.
fn sent_phase(error: &JsValue) -> Sent {
    const NOT_SENT: &[&str] = &[
        "ECONNREFUSED",
        "ENOTFOUND",
        "EAI_AGAIN",
        "ENETUNREACH",
        "EHOSTUNREACH",
        "UND_ERR_CONNECT_TIMEOUT",
    ];
    let Some(cause) = Reflect::get(error, &"cause".into())
        .ok()
        .filter(JsValue::is_object)
    else {
        return Sent::Maybe;
    };
    let text = |key: &str| {
        Reflect::get(&cause, &key.into())
            .ok()
            .and_then(|c| c.as_string())
    };
    // "bad port": the fetch spec's blocked ports, refused before connecting.
    if text("code").is_some_and(|c| NOT_SENT.contains(&c.as_str()))
        || text("message").as_deref() == Some("bad port")
    {
        Sent::No
    } else {
        Sent::Maybe
    }
}

fn strip_query(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

/// `fetch` of one request. The error says whether it may have been sent.
async fn fetch(req: &HttpRequest, signal: &AbortSignal) -> Result<Raw, Sent> {
    let headers = Object::new();
    for (name, value) in &req.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    let init = Object::new();
    set(&init, "method", &JsValue::from_str(req.method.as_str()));
    set(&init, "headers", &headers);
    set(&init, "signal", signal);
    if let Some(body) = &req.body {
        set(&init, "body", &JsValue::from_str(body));
    }
    let request = FetchRequest::new(&req.url, &init).map_err(|_| Sent::No)?;
    let promise = global_fetch(&request).map_err(|e| sent_phase(&e))?;
    let response = JsFuture::from(promise).await.map_err(|e| sent_phase(&e))?;
    if !response.is_object() {
        return Err(Sent::Maybe);
    }
    let response: FetchResponse = response.unchecked_into();
    let status = response.status();
    let retry_after = response.headers().get("retry-after").ok().flatten();
    let text = response.text().map_err(|_| Sent::Maybe)?;
    let body = JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(Sent::Maybe)?;
    Ok(Raw {
        status,
        body,
        retry_after,
    })
}

// ------------------------------------------------------------------------------------ auth

/// Header values must be visible ASCII; checking first keeps `Headers.set` from throwing (its
/// message would echo the token).
fn check_token(token: &str) -> Result<(), ClientError> {
    if !token.is_empty() && token.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        Ok(())
    } else {
        Err(ClientError::Auth {
            code: "invalid_token",
            message: "the access token is empty or contains characters not allowed in a header"
                .into(),
            status: None,
        })
    }
}

struct Credentials {
    token_url: String,
    /// `Basic base64(id:secret)`; never printed (no `Debug`).
    basic: String,
    cache: RefCell<TokenCache>,
    /// The one token acquisition in flight, shared by concurrent calls.
    inflight: RefCell<Option<Promise>>,
    last_error: RefCell<Option<ClientError>>,
}

enum Auth {
    Static(String),
    Provider(Function),
    Credentials(Rc<Credentials>),
}

struct Inner {
    base: BaseUrl,
    auth: Auth,
    timeout_ms: u64,
    retry: RetryPolicy,
    locale: Locale,
    validate: bool,
}

async fn provider_token(f: &Function, force: bool) -> Result<String, ClientError> {
    let failed = |why: &str| ClientError::Auth {
        code: "token_provider_failed",
        message: format!("tokenProvider {why}"),
        status: None,
    };
    let arg = Object::new();
    let _ = Reflect::set(&arg, &"forceRefresh".into(), &JsValue::from_bool(force));
    let value = f
        .call1(&JsValue::UNDEFINED, &arg)
        .map_err(|_| failed("threw"))?;
    let value = if value.is_instance_of::<Promise>()
        || Reflect::get(&value, &"then".into()).is_ok_and(|t| t.is_function())
    {
        JsFuture::from(Promise::resolve(&value))
            .await
            .map_err(|_| failed("rejected"))?
    } else {
        value
    };
    let token = value
        .as_string()
        .ok_or_else(|| failed("did not return a string"))?;
    check_token(&token)?;
    Ok(token)
}

async fn token_request(
    c: &Credentials,
    body: String,
    timeout_ms: u64,
) -> Result<crate::client::TokenResponse, ClientError> {
    let req = HttpRequest {
        method: Method::Post,
        url: c.token_url.clone(),
        headers: vec![
            ("Accept", "application/json".into()),
            ("Authorization", c.basic.clone()),
            ("Content-Type", "application/x-www-form-urlencoded".into()),
        ],
        body: Some(body),
    };
    // A token request is harmless to repeat: one retry on a transport failure.
    let raw = match send(&req, timeout_ms, None).await {
        Err(ClientError::Network { .. } | ClientError::Timeout { .. }) => {
            sleep(200, None).await?;
            send(&req, timeout_ms, None).await?
        }
        other => other?,
    };
    interpret_token_response(raw.status, &raw.body)
}

/// Refresh token first, a new grant if that fails (T3); stores the answer.
async fn acquire(c: &Credentials, timeout_ms: u64) -> Result<String, ClientError> {
    let step = c.cache.borrow().next_step(now_ms());
    match step {
        TokenStep::Use(t) => return Ok(t),
        TokenStep::Refresh(rt) => match token_request(c, refresh_body(&rt), timeout_ms).await {
            Ok(resp) => {
                let t = resp.access_token.clone();
                c.cache.borrow_mut().store(resp, now_ms());
                return Ok(t);
            }
            Err(_) => c.cache.borrow_mut().invalidate_refresh(),
        },
        TokenStep::Grant => {}
    }
    let resp = token_request(c, grant_body(), timeout_ms).await?;
    let t = resp.access_token.clone();
    c.cache.borrow_mut().store(resp, now_ms());
    Ok(t)
}

async fn credentials_token(c: &Rc<Credentials>, timeout_ms: u64) -> Result<String, ClientError> {
    if let TokenStep::Use(t) = c.cache.borrow().next_step(now_ms()) {
        return Ok(t);
    }
    let existing = c.inflight.borrow().clone();
    let promise = match existing {
        Some(p) => p,
        None => {
            let shared = c.clone();
            // Resolves with the token or `undefined` (the error is kept in `last_error`), so
            // every waiter gets the same outcome.
            let p = future_to_promise(async move {
                let result = acquire(&shared, timeout_ms).await;
                shared.inflight.borrow_mut().take();
                Ok(match result {
                    Ok(t) => JsValue::from(t),
                    Err(e) => {
                        *shared.last_error.borrow_mut() = Some(e);
                        JsValue::UNDEFINED
                    }
                })
            });
            *c.inflight.borrow_mut() = Some(p.clone());
            p
        }
    };
    let value = JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED);
    match value.as_string() {
        Some(t) => {
            check_token(&t)?;
            Ok(t)
        }
        None => Err(c.last_error.borrow().clone().unwrap_or(ClientError::Auth {
            code: "token_request_failed",
            message: "could not get an access token".into(),
            status: None,
        })),
    }
}

impl Inner {
    async fn token(&self, force: bool) -> Result<String, ClientError> {
        match &self.auth {
            Auth::Static(t) => Ok(t.clone()),
            Auth::Provider(f) => provider_token(f, force).await,
            Auth::Credentials(c) => credentials_token(c, self.timeout_ms).await,
        }
    }

    /// After a 401 with `rejected`: whether a new token may help (then retry once).
    fn forget(&self, rejected: &str) -> bool {
        match &self.auth {
            Auth::Static(_) => false,
            Auth::Provider(_) => true,
            Auth::Credentials(c) => {
                c.cache.borrow_mut().invalidate_if_current(rejected);
                true
            }
        }
    }
}

// ------------------------------------------------------------------------------------ calls

/// Why a call failed, and whether a create may have happened.
struct Failure {
    err: ClientError,
    check_create_after_ms: Option<u64>,
}

impl From<ClientError> for Failure {
    fn from(err: ClientError) -> Self {
        Self {
            err,
            check_create_after_ms: None,
        }
    }
}

/// One call with the retry policy: token, send, 401 → new token once, decode errors, retry
/// decisions. Resolves with the 2xx body.
async fn call_raw(
    inner: &Inner,
    endpoint: &Endpoint,
    body: Option<&str>,
    signal: Option<&AbortSignal>,
    policy: &RetryPolicy,
    timeout_ms: u64,
) -> Result<Raw, Failure> {
    let started = now_ms();
    let mut attempt: u32 = 0;
    let mut previous_delay = 0;
    let mut renewed = false;
    let mut force = false;
    loop {
        attempt += 1;
        check_abort(signal)?;
        let token = inner.token(force).await?;
        check_token(&token)?;
        check_abort(signal)?;
        let req = build_request(&inner.base, endpoint, &token, body.map(str::to_owned));
        let err = match send(&req, timeout_ms, signal).await {
            Ok(raw) if (200..300).contains(&raw.status) => return Ok(raw),
            Ok(raw) if raw.status == 401 && !renewed && inner.forget(&token) => {
                // T2: expired or revoked token; not processed, so safe for every method.
                renewed = true;
                force = true;
                attempt -= 1;
                continue;
            }
            Ok(raw) => {
                error_from_response(raw.status, &raw.body, raw.retry_after.as_deref(), now_ms())
            }
            Err(e) => e,
        };
        force = false;
        if matches!(err, ClientError::Abort { .. }) {
            return Err(err.into());
        }
        let elapsed = u64::try_from(now_ms() - started).unwrap_or(0);
        match policy.decide(
            endpoint.method(),
            &err,
            attempt,
            elapsed,
            random(),
            previous_delay,
        ) {
            RetryDecision::Retry { delay_ms } => {
                sleep(delay_ms, signal).await?;
                previous_delay = delay_ms;
            }
            RetryDecision::GiveUp => return Err(err.into()),
            RetryDecision::CheckCreate { delay_ms } => {
                return Err(Failure {
                    err,
                    check_create_after_ms: Some(delay_ms),
                })
            }
        }
    }
}

/// One call with the client's retry policy; resolves with the 2xx answer.
async fn call(
    inner: &Inner,
    endpoint: &Endpoint,
    body: Option<&str>,
    signal: Option<&AbortSignal>,
) -> Result<Raw, ClientError> {
    call_raw(
        inner,
        endpoint,
        body,
        signal,
        &inner.retry,
        inner.timeout_ms,
    )
    .await
    .map_err(|f| f.err)
}

// Answers reach JS as `JSON.parse` gives them, not through the Rust models: unknown fields and
// enum values are kept exactly (decode leniently, STYLE 4) and the models' (de)serializers stay
// out of the wasm (~200 KB). Rust reads only what it decides on: an Action (waiter), page hints,
// names (create check), the T6 body and the token JSON.

/// A 2xx body as a JS value; a body that is not JSON (HTML from a proxy, empty, truncated) is an
/// `ApiError` `invalid_response` with the raw text, as `decode_body` gives natively.
fn parse_js(raw: &Raw) -> Result<JsValue, ClientError> {
    js_sys::JSON::parse(&raw.body).map_err(|_| invalid_response(raw))
}

fn invalid_response(raw: &Raw) -> ClientError {
    ClientError::Api {
        code: "invalid_response",
        message: format!(
            "the API answered HTTP {} with a body that is not the expected JSON",
            raw.status
        ),
        http: Box::new(HttpDetails {
            status: raw.status,
            body: Some(raw.body.clone()),
            ..HttpDetails::default()
        }),
    }
}

/// An Action answer: the typed Action the waiter decides on, and the JS value callers get.
fn action_of(raw: &Raw) -> Result<(Action, JsValue), ClientError> {
    let action = decode_action(raw.status, &raw.body)?;
    Ok((action, parse_js(raw)?))
}

/// The items of a list answer: a bare array, or a page's `content` (L1, T7).
fn items_of(list: &JsValue) -> Array {
    if let Some(a) = list.dyn_ref::<Array>() {
        return a.clone();
    }
    get(list, "content").dyn_into::<Array>().unwrap_or_default()
}

/// A 202 answer's Action, which must have an id to be awaited.
fn action_id(action: &Action) -> Result<String, ClientError> {
    action
        .id
        .map(|i| i.to_string())
        .ok_or_else(|| ClientError::Api {
            code: "invalid_response",
            message: "the API answered an Action without an id (A1)".into(),
            http: Box::default(),
        })
}

/// POST create, never duplicated: after an ambiguous failure, look for the action or instance
/// of that name (A3, L1) before sending again.
async fn create(
    inner: &Inner,
    name: &str,
    body: &str,
    signal: Option<&AbortSignal>,
) -> Result<(Action, JsValue), ClientError> {
    let started = now_ms();
    let max = inner.retry.max_attempts.max(1);
    let mut sends = 0;
    loop {
        sends += 1;
        let remaining = RetryPolicy {
            max_attempts: max.saturating_sub(sends - 1).max(1),
            ..inner.retry
        };
        let failure = match call_raw(
            inner,
            &Endpoint::CreatePostgresql,
            Some(body),
            signal,
            &remaining,
            inner.timeout_ms,
        )
        .await
        {
            Ok(raw) => return action_of(&raw),
            Err(f) => f,
        };
        let Some(delay) = failure.check_create_after_ms else {
            return Err(failure.err);
        };
        sleep(delay, signal).await?;
        match check_create(inner, name, started, signal).await? {
            CreateCheck::Adopt(action) => {
                let js = to_js(&action);
                return Ok((*action, js));
            }
            CreateCheck::GiveUp(e) => return Err(e),
            CreateCheck::Retry if sends < max => {}
            CreateCheck::Retry => return Err(failure.err),
        }
    }
}

async fn check_create(
    inner: &Inner,
    name: &str,
    started: i64,
    signal: Option<&AbortSignal>,
) -> Result<CreateCheck, ClientError> {
    let filter = ActionFilter {
        resource_name: Some(name.to_owned()),
        ..ActionFilter::default()
    };
    let actions = match call(inner, &Endpoint::ListActions(filter), None, signal).await {
        Ok(raw) => actions_of(&raw).ok(),
        Err(ClientError::Abort { .. }) => return Err(ClientError::aborted()),
        Err(_) => None,
    };
    // Actions first: when one matches, the instance list is not needed.
    if let Some(a) = &actions {
        if let CreateCheck::Adopt(found) =
            resolve_ambiguous_create(name, Some(a), None, started, 300_000)
        {
            return Ok(CreateCheck::Adopt(found));
        }
    }
    // Only the names are compared: no instance model is decoded.
    let instances = match list_all(inner, signal, 20).await {
        Ok(all) => Some(
            all.iter()
                .map(|i| PostgresqlInstance {
                    name: get(&i, "name").as_string(),
                    ..PostgresqlInstance::default()
                })
                .collect::<Vec<_>>(),
        ),
        Err(ClientError::Abort { .. }) => return Err(ClientError::aborted()),
        Err(_) => None,
    };
    Ok(resolve_ambiguous_create(
        name,
        actions.as_deref(),
        instances.as_deref(),
        started,
        300_000,
    ))
}

/// The Actions of a list answer (A3: a bare array, or a page), decoded for the create check.
fn actions_of(raw: &Raw) -> Result<Vec<Action>, ClientError> {
    let list = serde_json::from_str::<Value>(&raw.body).unwrap_or(Value::Null);
    let items = match list {
        Value::Array(items) => items,
        // `get_mut` + `take`, not `remove`: BTreeMap's remove costs ~5 KB of wasm.
        Value::Object(mut page) => match page.get_mut("content") {
            Some(Value::Array(items)) => std::mem::take(items),
            _ => Vec::new(),
        },
        _ => return Err(invalid_response(raw)),
    };
    items
        .into_iter()
        .map(|a| read_action(&a).ok_or_else(|| invalid_response(raw)))
        .collect()
}

const PAGE_SIZE: u32 = 100;

/// A page of instances as JS gets it, with what paging decides on.
struct JsPage {
    /// The page object (a bare array becomes one first-and-last page, L1).
    page: JsValue,
    content: Array,
    /// Whether no page follows (as `crate::client::is_last_page` decides).
    last: bool,
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a plain object cannot throw.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// One page of instances (a bare array becomes one last page, L1).
async fn list_page(
    inner: &Inner,
    page: Option<u32>,
    size: Option<u32>,
    signal: Option<&AbortSignal>,
) -> Result<JsPage, ClientError> {
    let raw = call(
        inner,
        &Endpoint::ListPostgresql { page, size },
        None,
        signal,
    )
    .await?;
    let list = parse_js(&raw)?;
    let content = items_of(&list);
    let n = JsValue::from(content.length());
    if list.is_array() || !list.is_object() {
        // `into_page` of the native policy, as a JS object.
        let p: JsValue = Object::new().into();
        set(&p, "content", &content);
        for k in ["totalElements", "size", "numberOfElements"] {
            set(&p, k, &n);
        }
        set(&p, "totalPages", &JsValue::from(1));
        set(&p, "number", &JsValue::from(0));
        set(&p, "first", &JsValue::TRUE);
        set(&p, "last", &JsValue::TRUE);
        set(&p, "empty", &JsValue::from_bool(content.length() == 0));
        return Ok(JsPage {
            page: p,
            content,
            last: true,
        });
    }
    // A page without `content` has none (as the model's default).
    set(&list, "content", &content);
    // T7 (`is_last_page`): `last`, an empty or short page, or `number + 1 >= totalPages`.
    let asked = size.unwrap_or(PAGE_SIZE);
    let number = get(&list, "number").as_f64();
    let total = get(&list, "totalPages").as_f64();
    let last = get(&list, "last").as_bool() == Some(true)
        || content.length() == 0
        || content.length() < asked
        || matches!((number, total), (Some(n), Some(t)) if n + 1.0 >= t);
    Ok(JsPage {
        page: list,
        content,
        last,
    })
}

async fn list_all(
    inner: &Inner,
    signal: Option<&AbortSignal>,
    max_pages: u32,
) -> Result<Array, ClientError> {
    let all = Array::new();
    for n in 0..max_pages {
        let page = list_page(inner, Some(n), Some(PAGE_SIZE), signal).await?;
        for item in page.content.iter() {
            all.push(&item);
        }
        if page.last {
            break;
        }
    }
    Ok(all)
}

/// Polls an Action until it ends (see `crate::client::WaitState`).
async fn wait(
    inner: &Inner,
    id: String,
    policy: WaitPolicy,
    resume: Option<WaitState>,
    signal: Option<&AbortSignal>,
    on_progress: Option<Function>,
) -> Result<JsValue, ClientError> {
    let mut state = resume
        .filter(|s| s.action_id == id)
        .unwrap_or_else(|| WaitState::start(id.clone(), now_ms(), &policy));
    let single = RetryPolicy {
        max_attempts: 1,
        ..inner.retry
    };
    let mut first = true;
    let mut last: Option<Action> = None;
    let mut last_error: Option<ClientError> = None;
    loop {
        let next = state.next_delay_after_error(&policy, now_ms(), random(), last_error.as_ref());
        let Some(delay) = next else {
            return Err(state.timeout_error(last));
        };
        // A resumed wait polls at once too.
        if !first {
            sleep(delay, signal).await?;
        }
        first = false;
        check_abort(signal)?;
        // A poll never runs (much) past the deadline.
        let left = u64::try_from(state.deadline.saturating_sub(now_ms())).unwrap_or(0);
        let poll_timeout = inner.timeout_ms.min(left.max(1_000));
        let endpoint = Endpoint::GetAction(id.clone());
        let polled = match call_raw(inner, &endpoint, None, signal, &single, poll_timeout).await {
            Ok(raw) => action_of(&raw),
            Err(f) => Err(f.err),
        };
        match polled {
            Ok((action, js)) => {
                last_error = None;
                let (changed, verdict) = state.record(&action);
                if changed {
                    if let Some(f) = &on_progress {
                        // A throwing callback must not break the wait.
                        let _ = f.call2(&JsValue::UNDEFINED, &js, &to_js(&state));
                    }
                }
                match verdict {
                    Verdict::Done => return Ok(js),
                    Verdict::Failed => return Err(action_failed(action)),
                    Verdict::Pending => last = Some(action),
                }
            }
            Err(e) => {
                if state.record_error(&e) {
                    return Err(e);
                }
                last_error = Some(e);
                continue;
            }
        }
    }
}

// ------------------------------------------------------------------------------------ arguments

fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() {
        Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn opt_string(obj: &JsValue, key: &str) -> Result<Option<String>, ClientError> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| bad_argument(key, IssueCode::Type, format!("{key} must be a string")))
}

fn opt_u64(obj: &JsValue, key: &str) -> Result<Option<u64>, ClientError> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.is_finite() && n >= 0.0 => Ok(Some(n.min(9e15) as u64)),
        _ => Err(bad_argument(
            key,
            IssueCode::Type,
            format!("{key} must be a non-negative number"),
        )),
    }
}

fn opt_bool(obj: &JsValue, key: &str) -> Result<Option<bool>, ClientError> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_bool()
        .map(Some)
        .ok_or_else(|| bad_argument(key, IssueCode::Type, format!("{key} must be a boolean")))
}

fn opt_function(obj: &JsValue, key: &str) -> Result<Option<Function>, ClientError> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.dyn_into::<Function>()
        .map(Some)
        .map_err(|_| bad_argument(key, IssueCode::Type, format!("{key} must be a function")))
}

fn signal_of(options: &JsValue) -> Result<Option<AbortSignal>, ClientError> {
    let v = get(options, "signal");
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.dyn_into::<AbortSignal>()
        .map(Some)
        .map_err(|_| bad_argument("signal", IssueCode::Type, "signal must be an AbortSignal"))
}

/// An id: a non-negative integer or a non-empty string (percent-encoded in the path).
fn id_arg(v: &JsValue, path: &str) -> Result<String, ClientError> {
    if let Some(s) = v.as_string() {
        if !s.trim().is_empty() && s.len() <= 200 {
            return Ok(s);
        }
    } else if let Some(n) = v.as_f64() {
        if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 {
            return Ok((n as i64).to_string());
        }
    }
    Err(bad_argument(
        path,
        IssueCode::Type,
        format!("{path} must be a non-negative integer or a non-empty string"),
    ))
}

fn wait_options(options: &JsValue) -> Result<(WaitPolicy, Option<WaitState>), ClientError> {
    let d = WaitPolicy::default();
    let policy = WaitPolicy {
        timeout_ms: opt_u64(options, "timeoutMs")?.unwrap_or(d.timeout_ms),
        min_delay_ms: opt_u64(options, "minDelayMs")?.unwrap_or(d.min_delay_ms),
        max_delay_ms: opt_u64(options, "maxDelayMs")?.unwrap_or(d.max_delay_ms),
        ..d
    }
    .sanitized();
    let state = get(options, "state");
    let state = if state.is_undefined() || state.is_null() {
        None
    } else {
        Some(read_wait_state(&to_json(&state)).ok_or_else(|| {
            bad_argument(
                "state",
                IssueCode::Type,
                "state must be a WaitState {actionId, startedAt, deadline, attempt}",
            )
        })?)
    };
    Ok((policy, state))
}

fn retry_option(v: &JsValue) -> Result<RetryPolicy, ClientError> {
    let d = RetryPolicy::default();
    if v.is_undefined() || v.is_null() {
        return Ok(d);
    }
    if v.as_bool() == Some(false) {
        return Ok(RetryPolicy {
            max_attempts: 1,
            ..d
        });
    }
    if !v.is_object() {
        return Err(bad_argument(
            "retry",
            IssueCode::Type,
            "retry must be an object or false",
        ));
    }
    let jitter = match opt_string(v, "jitter")?.as_deref() {
        None | Some("full") => Jitter::Full,
        Some("decorrelated") => Jitter::Decorrelated,
        Some(_) => {
            return Err(bad_argument(
                "retry.jitter",
                IssueCode::Enum,
                "retry.jitter must be \"full\" or \"decorrelated\"",
            ))
        }
    };
    Ok(RetryPolicy {
        max_attempts: opt_u64(v, "maxAttempts")?.map_or(d.max_attempts, |n| {
            u32::try_from(n.clamp(1, 100)).unwrap_or(1)
        }),
        base_delay_ms: opt_u64(v, "baseDelayMs")?.unwrap_or(d.base_delay_ms),
        max_delay_ms: opt_u64(v, "maxDelayMs")?.unwrap_or(d.max_delay_ms),
        max_elapsed_ms: opt_u64(v, "maxElapsedMs")?.unwrap_or(d.max_elapsed_ms),
        jitter,
    })
}

fn is_browser() -> bool {
    let global = js_sys::global();
    ["window", "document"]
        .iter()
        .any(|k| Reflect::get(&global, &JsValue::from_str(k)).is_ok_and(|v| !v.is_undefined()))
}

fn build_inner(options: &JsValue) -> Result<Inner, ClientError> {
    if !options.is_object() {
        return Err(bad_argument(
            "",
            IssueCode::Type,
            "new ItcareClient(options): options must be an object",
        ));
    }
    let base_text = opt_string(options, "baseUrl")?.unwrap_or_else(|| DEFAULT_BASE_URL.into());
    let base =
        BaseUrl::parse(&base_text).map_err(|m| bad_argument("baseUrl", IssueCode::Format, m))?;
    let token = opt_string(options, "token")?;
    let provider = opt_function(options, "tokenProvider")?;
    let client_id = opt_string(options, "clientId")?;
    let client_secret = opt_string(options, "clientSecret")?;
    let token_url = opt_string(options, "tokenUrl")?;
    let allow_secret = opt_bool(options, "allowSecretInBrowser")?.unwrap_or(false);
    let auth = match (token, provider, client_id, client_secret) {
        (Some(t), None, None, None) => {
            check_token(&t)?;
            Auth::Static(t)
        }
        (None, Some(f), None, None) => Auth::Provider(f),
        (None, None, Some(id), Some(secret)) => {
            if is_browser() && !allow_secret {
                // T3: a client secret must never be shipped to a browser.
                return Err(ClientError::Auth {
                    code: "secret_in_browser",
                    message:
                        "clientSecret is refused in a browser: a page must get its token from \
                              the host application (token or tokenProvider); set \
                              allowSecretInBrowser only against a local simulator"
                            .into(),
                    status: None,
                });
            }
            let token_url = match token_url {
                Some(u) => BaseUrl::parse(&u)
                    .map_err(|m| bad_argument("tokenUrl", IssueCode::Format, m))?
                    .as_str()
                    .to_owned(),
                None => base.default_token_url(),
            };
            Auth::Credentials(Rc::new(Credentials {
                token_url,
                basic: basic_auth(&id, &secret),
                cache: RefCell::new(TokenCache::new()),
                inflight: RefCell::new(None),
                last_error: RefCell::new(None),
            }))
        }
        (None, None, None, None) => {
            return Err(ClientError::Auth {
                code: "no_credentials",
                message: "give one of token, tokenProvider, or clientId + clientSecret (T2, T3)"
                    .into(),
                status: None,
            })
        }
        _ => {
            return Err(bad_argument(
                "",
                IssueCode::Forbidden,
                "give exactly one of token, tokenProvider, or clientId + clientSecret",
            ))
        }
    };
    let timeout_ms = opt_u64(options, "timeoutMs")?.unwrap_or(30_000).max(1);
    let retry = retry_option(&get(options, "retry"))?;
    let locale = opt_string(options, "locale")?.map_or(Locale::En, |t| Locale::from_tag(&t));
    let validate = opt_bool(options, "validate")?.unwrap_or(true);
    Ok(Inner {
        base,
        auth,
        timeout_ms,
        retry,
        locale,
        validate,
    })
}

/// The create body: validated (C1–C11) and encoded strictly (the documented keys only,
/// `crate::client::CREATE_FIELDS`; `product` carried as given, C11).
fn create_body(inner: &Inner, request: &JsValue) -> Result<(String, String), ClientError> {
    let value = to_json(request);
    if inner.validate {
        let issues = validate::validate_create(&value, inner.locale);
        if !issues.is_empty() {
            return Err(ClientError::Validation { issues });
        }
    }
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let body = json_text(&crate::client::create_body(&value));
    Ok((name, body))
}

/// JSON text of a value (serializing a `Value` cannot fail; `serde_json::to_string` rather than
/// `Value`'s `Display`, which costs ~5 KB more of wasm).
fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The PATCH body: validated (O1–O8) and encoded strictly (`crate::client::OPERATION_OPTIONS`);
/// with `validate: false` an unknown operation is sent as given (the server answers O8).
fn operation_body(inner: &Inner, operation: &Value) -> Result<String, ClientError> {
    if inner.validate {
        let issues = validate::validate_operation(
            operation,
            &OperationContext::default(),
            now_ms(),
            inner.locale,
        );
        if !issues.is_empty() {
            return Err(ClientError::Validation { issues });
        }
    }
    match crate::client::operation_body(operation) {
        Some(body) => Ok(json_text(&body)),
        None if !inner.validate => Ok(json_text(operation)),
        None => Err(bad_argument(
            "operation",
            IssueCode::Enum,
            "the operation cannot be encoded",
        )),
    }
}

// ------------------------------------------------------------------------------------ exports

/// Client of the ITCare PostgreSQL API (see the TypeScript declaration above). Holds no token
/// in any printable form.
#[wasm_bindgen(skip_typescript)]
pub struct ItcareClient {
    inner: Rc<Inner>,
}

/// The future as a JS Promise. Boxed: `future_to_promise` is then instantiated once, not once
/// per exported method (~1-5 KB of wasm each).
fn spawn<F>(fut: F) -> Promise
where
    F: Future<Output = Result<JsValue, ClientError>> + 'static,
{
    spawn_boxed(Box::pin(fut))
}

fn spawn_boxed(fut: Pin<Box<dyn Future<Output = Result<JsValue, ClientError>>>>) -> Promise {
    future_to_promise(async move { fut.await.map_err(|e| to_js_error(&e)) })
}

fn rejected(err: ClientError) -> Promise {
    Promise::reject(&to_js_error(&err))
}

/// What a mutating method sends, then (for `...AndWait`) waits on.
enum Mutation {
    Create(JsValue),
    Delete(String),
    Patch(String, Value),
}

impl ItcareClient {
    fn mutate(
        &self,
        mutation: Result<Mutation, ClientError>,
        options: JsValue,
        and_wait: bool,
    ) -> Promise {
        let prepared = (|| {
            let signal = signal_of(&options)?;
            let waiting = if and_wait {
                Some((
                    wait_options(&options)?,
                    opt_function(&options, "onProgress")?,
                ))
            } else {
                None
            };
            let m = mutation?;
            // Validation happens now, synchronously: no request when it fails.
            let send = match m {
                Mutation::Create(request) => {
                    let (name, body) = create_body(&self.inner, &request)?;
                    (None, Some(name), body)
                }
                Mutation::Delete(id) => (Some(Endpoint::DeletePostgresql(id)), None, String::new()),
                Mutation::Patch(id, op) => {
                    let body = operation_body(&self.inner, &op)?;
                    (Some(Endpoint::UpdatePostgresql(id)), None, body)
                }
            };
            Ok::<_, ClientError>((signal, waiting, send))
        })();
        let (signal, waiting, (endpoint, name, body)) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        spawn(async move {
            let signal = signal.as_ref();
            let (action, js) = match endpoint {
                None => create(&inner, name.as_deref().unwrap_or_default(), &body, signal).await?,
                Some(ep @ Endpoint::DeletePostgresql(_)) => {
                    action_of(&call(&inner, &ep, None, signal).await?)?
                }
                Some(ep) => action_of(&call(&inner, &ep, Some(&body), signal).await?)?,
            };
            let Some(((policy, _), on_progress)) = waiting else {
                return Ok(js);
            };
            let id = action_id(&action)?;
            wait(&inner, id, policy, None, signal, on_progress).await
        })
    }

    /// A GET whose answer goes to JS as parsed.
    fn get_json(&self, endpoint: Result<Endpoint, ClientError>, options: JsValue) -> Promise {
        let (endpoint, signal) = match endpoint.and_then(|e| Ok((e, signal_of(&options)?))) {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        spawn(async move { parse_js(&call(&inner, &endpoint, None, signal.as_ref()).await?) })
    }

    fn patch(
        &self,
        id: &JsValue,
        operation: Result<Value, ClientError>,
        options: JsValue,
        and_wait: bool,
    ) -> Promise {
        let m = id_arg(id, "id").and_then(|id| Ok(Mutation::Patch(id, operation?)));
        self.mutate(m, options, and_wait)
    }
}

/// A JSON object of these members. Not `json!`: with non-literal values it goes through
/// `serde_json::to_value(..).unwrap()`, whose panic path formats serde_json's error (and with it
/// floats and I/O errors: ~20 KB of wasm).
fn object(members: Vec<(&str, Value)>) -> Value {
    let mut map = serde_json::Map::new();
    for (k, v) in members {
        map.insert(k.to_owned(), v);
    }
    Value::Object(map)
}

fn op(name: &str, options: Option<Value>) -> Value {
    match options {
        Some(o) => object(vec![("operation", Value::from(name)), ("options", o)]),
        None => object(vec![("operation", Value::from(name))]),
    }
}

fn extension_list(names: &JsValue) -> Result<Value, ClientError> {
    let Some(array) = names.dyn_ref::<Array>() else {
        return Err(bad_argument(
            "options.extensions_list",
            IssueCode::Type,
            "names must be an array of extension names",
        ));
    };
    let list: Vec<Value> = array
        .iter()
        .map(|n| match n.as_string() {
            Some(s) => object(vec![("name", Value::String(s))]),
            None => to_json(&n),
        })
        .collect();
    Ok(Value::Array(list))
}

#[wasm_bindgen]
impl ItcareClient {
    /// Creates a client (see `ItcareClientOptions`). Throws on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<ItcareClient, JsValue> {
        build_inner(&options)
            .map(|inner| ItcareClient {
                inner: Rc::new(inner),
            })
            .map_err(|e| to_js_error(&e))
    }

    /// POST a create request; resolves with its Action.
    #[wasm_bindgen(js_name = createPostgresql)]
    pub fn create_postgresql(&self, request: JsValue, options: JsValue) -> Promise {
        self.mutate(Ok(Mutation::Create(request)), options, false)
    }

    /// `createPostgresql`, then waits for its Action.
    #[wasm_bindgen(js_name = createPostgresqlAndWait)]
    pub fn create_postgresql_and_wait(&self, request: JsValue, options: JsValue) -> Promise {
        self.mutate(Ok(Mutation::Create(request)), options, true)
    }

    /// One instance.
    #[wasm_bindgen(js_name = getPostgresql)]
    pub fn get_postgresql(&self, id: JsValue, options: JsValue) -> Promise {
        self.get_json(id_arg(&id, "id").map(Endpoint::GetPostgresql), options)
    }

    /// One page of instances.
    #[wasm_bindgen(js_name = listPostgresql)]
    pub fn list_postgresql(&self, query: JsValue, options: JsValue) -> Promise {
        let parsed = (|| {
            let page = opt_u64(&query, "page")?.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
            let size = opt_u64(&query, "size")?.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
            Ok::<_, ClientError>((page, size, signal_of(&options)?))
        })();
        let (page, size, signal) = match parsed {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        spawn(async move { Ok(list_page(&inner, page, size, signal.as_ref()).await?.page) })
    }

    /// Every instance (pages in sequence).
    #[wasm_bindgen(js_name = listAllPostgresql)]
    pub fn list_all_postgresql(&self, options: JsValue) -> Promise {
        let signal = match signal_of(&options) {
            Ok(s) => s,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        spawn(async move { Ok(list_all(&inner, signal.as_ref(), 10_000).await?.into()) })
    }

    /// Every instance as an async iterator (pages read on demand).
    #[wasm_bindgen(js_name = iteratePostgresql)]
    pub fn iterate_postgresql(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let signal = signal_of(&options).map_err(|e| to_js_error(&e))?;
        let iter = InstanceIterator {
            inner: self.inner.clone(),
            signal,
            state: Rc::new(RefCell::new(IterState {
                buffer: Array::new(),
                index: 0,
                next_page: Some(0),
            })),
        };
        let object: JsValue = iter.into();
        // `[Symbol.asyncIterator]() { return this }` so `for await` works: `Object.prototype.valueOf`
        // is exactly that function (no closure to leak, no eval for a CSP to block).
        let value_of = Reflect::get(&Object::new(), &"valueOf".into())?;
        Reflect::set(&object, &js_sys::Symbol::async_iterator(), &value_of)?;
        Ok(object)
    }

    /// DELETE an instance.
    #[wasm_bindgen(js_name = deletePostgresql)]
    pub fn delete_postgresql(&self, id: JsValue, options: JsValue) -> Promise {
        self.mutate(id_arg(&id, "id").map(Mutation::Delete), options, false)
    }

    /// DELETE an instance and wait.
    #[wasm_bindgen(js_name = deletePostgresqlAndWait)]
    pub fn delete_postgresql_and_wait(&self, id: JsValue, options: JsValue) -> Promise {
        self.mutate(id_arg(&id, "id").map(Mutation::Delete), options, true)
    }

    /// PATCH any operation.
    #[wasm_bindgen(js_name = updatePostgresql)]
    pub fn update_postgresql(&self, id: JsValue, operation: JsValue, options: JsValue) -> Promise {
        self.patch(&id, Ok(to_json(&operation)), options, false)
    }

    /// PATCH any operation and wait.
    #[wasm_bindgen(js_name = updatePostgresqlAndWait)]
    pub fn update_postgresql_and_wait(
        &self,
        id: JsValue,
        operation: JsValue,
        options: JsValue,
    ) -> Promise {
        self.patch(&id, Ok(to_json(&operation)), options, true)
    }

    /// `start` (O1).
    #[wasm_bindgen(js_name = startPostgresql)]
    pub fn start_postgresql(&self, id: JsValue, options: JsValue) -> Promise {
        self.patch(&id, Ok(op("start", None)), options, false)
    }

    /// `start` and wait.
    #[wasm_bindgen(js_name = startPostgresqlAndWait)]
    pub fn start_postgresql_and_wait(&self, id: JsValue, options: JsValue) -> Promise {
        self.patch(&id, Ok(op("start", None)), options, true)
    }

    /// `stop` (O1; cannot be undone).
    #[wasm_bindgen(js_name = stopPostgresql)]
    pub fn stop_postgresql(&self, id: JsValue, options: JsValue) -> Promise {
        self.patch(&id, Ok(op("stop", None)), options, false)
    }

    /// `stop` and wait.
    #[wasm_bindgen(js_name = stopPostgresqlAndWait)]
    pub fn stop_postgresql_and_wait(&self, id: JsValue, options: JsValue) -> Promise {
        self.patch(&id, Ok(op("stop", None)), options, true)
    }

    /// `resize` (O2; cannot be undone).
    #[wasm_bindgen(js_name = resizePostgresql)]
    pub fn resize_postgresql(&self, id: JsValue, sizing: JsValue, options: JsValue) -> Promise {
        let o = object(vec![("sizing", to_json(&sizing))]);
        self.patch(&id, Ok(op("resize", Some(o))), options, false)
    }

    /// `resize` and wait.
    #[wasm_bindgen(js_name = resizePostgresqlAndWait)]
    pub fn resize_postgresql_and_wait(
        &self,
        id: JsValue,
        sizing: JsValue,
        options: JsValue,
    ) -> Promise {
        let o = object(vec![("sizing", to_json(&sizing))]);
        self.patch(&id, Ok(op("resize", Some(o))), options, true)
    }

    /// `restore` (O3).
    #[wasm_bindgen(js_name = restorePostgresql)]
    pub fn restore_postgresql(&self, id: JsValue, restore: JsValue, options: JsValue) -> Promise {
        self.patch(
            &id,
            Ok(op("restore", Some(to_json(&restore)))),
            options,
            false,
        )
    }

    /// `restore` and wait.
    #[wasm_bindgen(js_name = restorePostgresqlAndWait)]
    pub fn restore_postgresql_and_wait(
        &self,
        id: JsValue,
        restore: JsValue,
        options: JsValue,
    ) -> Promise {
        self.patch(
            &id,
            Ok(op("restore", Some(to_json(&restore)))),
            options,
            true,
        )
    }

    /// `enable_ha` (O4).
    #[wasm_bindgen(js_name = enableHaPostgresql)]
    pub fn enable_ha_postgresql(
        &self,
        id: JsValue,
        enable_ha: JsValue,
        options: JsValue,
    ) -> Promise {
        self.patch(
            &id,
            Ok(op("enable_ha", Some(to_json(&enable_ha)))),
            options,
            false,
        )
    }

    /// `enable_ha` and wait.
    #[wasm_bindgen(js_name = enableHaPostgresqlAndWait)]
    pub fn enable_ha_postgresql_and_wait(
        &self,
        id: JsValue,
        enable_ha: JsValue,
        options: JsValue,
    ) -> Promise {
        self.patch(
            &id,
            Ok(op("enable_ha", Some(to_json(&enable_ha)))),
            options,
            true,
        )
    }

    /// `update_patch_party` (O5).
    #[wasm_bindgen(js_name = updatePatchParty)]
    pub fn update_patch_party(
        &self,
        id: JsValue,
        patch_party: JsValue,
        options: JsValue,
    ) -> Promise {
        let o = object(vec![("patchParty", to_json(&patch_party))]);
        self.patch(&id, Ok(op("update_patch_party", Some(o))), options, false)
    }

    /// `update_patch_party` and wait.
    #[wasm_bindgen(js_name = updatePatchPartyAndWait)]
    pub fn update_patch_party_and_wait(
        &self,
        id: JsValue,
        patch_party: JsValue,
        options: JsValue,
    ) -> Promise {
        let o = object(vec![("patchParty", to_json(&patch_party))]);
        self.patch(&id, Ok(op("update_patch_party", Some(o))), options, true)
    }

    /// `install_extension` (O6).
    #[wasm_bindgen(js_name = installExtensions)]
    pub fn install_extensions(
        &self,
        id: JsValue,
        dbname: JsValue,
        names: JsValue,
        options: JsValue,
    ) -> Promise {
        let o = extension_list(&names).map(|l| {
            op(
                "install_extension",
                Some(object(vec![
                    ("dbname", to_json(&dbname)),
                    ("extensions_list", l),
                ])),
            )
        });
        self.patch(&id, o, options, false)
    }

    /// `install_extension` and wait.
    #[wasm_bindgen(js_name = installExtensionsAndWait)]
    pub fn install_extensions_and_wait(
        &self,
        id: JsValue,
        dbname: JsValue,
        names: JsValue,
        options: JsValue,
    ) -> Promise {
        let o = extension_list(&names).map(|l| {
            op(
                "install_extension",
                Some(object(vec![
                    ("dbname", to_json(&dbname)),
                    ("extensions_list", l),
                ])),
            )
        });
        self.patch(&id, o, options, true)
    }

    /// `upgrade` (O7).
    #[wasm_bindgen(js_name = upgradePostgresql)]
    pub fn upgrade_postgresql(&self, id: JsValue, upgrade: JsValue, options: JsValue) -> Promise {
        self.patch(
            &id,
            Ok(op("upgrade", Some(to_json(&upgrade)))),
            options,
            false,
        )
    }

    /// `upgrade` and wait.
    #[wasm_bindgen(js_name = upgradePostgresqlAndWait)]
    pub fn upgrade_postgresql_and_wait(
        &self,
        id: JsValue,
        upgrade: JsValue,
        options: JsValue,
    ) -> Promise {
        self.patch(
            &id,
            Ok(op("upgrade", Some(to_json(&upgrade)))),
            options,
            true,
        )
    }

    /// Databases of an instance.
    #[wasm_bindgen(js_name = listPostgresqlDatabases)]
    pub fn list_postgresql_databases(&self, id: JsValue, options: JsValue) -> Promise {
        self.get_json(id_arg(&id, "id").map(Endpoint::Databases), options)
    }

    /// Extensions available on an instance.
    #[wasm_bindgen(js_name = listPostgresqlExtensions)]
    pub fn list_postgresql_extensions(&self, id: JsValue, options: JsValue) -> Promise {
        self.get_json(id_arg(&id, "id").map(Endpoint::Extensions), options)
    }

    /// Networks of an instance.
    #[wasm_bindgen(js_name = listPostgresqlNetworks)]
    pub fn list_postgresql_networks(&self, id: JsValue, options: JsValue) -> Promise {
        self.get_json(id_arg(&id, "id").map(Endpoint::Networks), options)
    }

    /// Nodes of an instance.
    #[wasm_bindgen(js_name = listPostgresqlNodes)]
    pub fn list_postgresql_nodes(&self, id: JsValue, options: JsValue) -> Promise {
        self.get_json(id_arg(&id, "id").map(Endpoint::Nodes), options)
    }

    /// Versions an instance can be upgraded to.
    #[wasm_bindgen(js_name = listPostgresqlVersions)]
    pub fn list_postgresql_versions(&self, id: JsValue, options: JsValue) -> Promise {
        self.get_json(id_arg(&id, "id").map(Endpoint::Versions), options)
    }

    /// One Action (A2).
    #[wasm_bindgen(js_name = getAction)]
    pub fn get_action(&self, id: JsValue, options: JsValue) -> Promise {
        self.get_json(id_arg(&id, "id").map(Endpoint::GetAction), options)
    }

    /// Actions matching a filter (A3).
    #[wasm_bindgen(js_name = listActions)]
    pub fn list_actions(&self, filter: JsValue, options: JsValue) -> Promise {
        let f = (|| {
            // Ids may come as numbers or strings.
            let text = |k: &str| -> Result<Option<String>, ClientError> {
                let v = get(&filter, k);
                if v.as_f64().is_some() {
                    return id_arg(&v, k).map(Some);
                }
                opt_string(&filter, k)
            };
            let statuses = get(&filter, "statuses");
            let statuses = if statuses.is_undefined() || statuses.is_null() {
                None
            } else {
                let array = statuses.dyn_ref::<Array>().ok_or_else(|| {
                    bad_argument(
                        "statuses",
                        IssueCode::Type,
                        "statuses must be an array of strings",
                    )
                })?;
                Some(array.iter().filter_map(|s| s.as_string()).collect())
            };
            Ok::<_, ClientError>(Endpoint::ListActions(ActionFilter {
                resource_id: text("resourceId")?,
                resource_name: opt_string(&filter, "resourceName")?,
                service_id: text("serviceId")?,
                statuses,
                request_id: opt_string(&filter, "requestId")?,
            }))
        })();
        let (endpoint, signal) = match f.and_then(|e| Ok((e, signal_of(&options)?))) {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        spawn(async move {
            let list = parse_js(&call(&inner, &endpoint, None, signal.as_ref()).await?)?;
            Ok(items_of(&list).into())
        })
    }

    /// Waits for an Action (see `WaitOptions`).
    #[wasm_bindgen(js_name = waitForAction)]
    pub fn wait_for_action(&self, id: JsValue, options: JsValue) -> Promise {
        let prepared = (|| {
            let id = id_arg(&id, "id")?;
            let (policy, state) = wait_options(&options)?;
            Ok::<_, ClientError>((
                id,
                policy,
                state,
                signal_of(&options)?,
                opt_function(&options, "onProgress")?,
            ))
        })();
        let (id, policy, state, signal, on_progress) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        spawn(async move { wait(&inner, id, policy, state, signal.as_ref(), on_progress).await })
    }
}

struct IterState {
    /// The current page's instances and the next one to give.
    buffer: Array,
    index: u32,
    next_page: Option<u32>,
}

/// Async iterator over every instance (`iteratePostgresql`).
#[wasm_bindgen(skip_typescript)]
pub struct InstanceIterator {
    inner: Rc<Inner>,
    signal: Option<AbortSignal>,
    state: Rc<RefCell<IterState>>,
}

fn iter_result(value: JsValue, done: bool) -> JsValue {
    let r = Object::new();
    let _ = Reflect::set(&r, &"value".into(), &value);
    let _ = Reflect::set(&r, &"done".into(), &JsValue::from_bool(done));
    r.into()
}

#[wasm_bindgen]
impl InstanceIterator {
    /// The next instance: `{ value, done }` (pages read on demand, in sequence).
    pub fn next(&self) -> Promise {
        let inner = self.inner.clone();
        let signal = self.signal.clone();
        let state = self.state.clone();
        spawn(async move {
            loop {
                let item = {
                    let mut s = state.borrow_mut();
                    let i = s.index;
                    s.index = i.saturating_add(1);
                    (i < s.buffer.length()).then(|| s.buffer.get(i))
                };
                if let Some(item) = item {
                    return Ok(iter_result(item, false));
                }
                let page_no = state.borrow().next_page;
                let Some(n) = page_no else {
                    return Ok(iter_result(JsValue::UNDEFINED, true));
                };
                let page = list_page(&inner, Some(n), Some(PAGE_SIZE), signal.as_ref()).await?;
                let mut s = state.borrow_mut();
                s.next_page = if page.last { None } else { n.checked_add(1) };
                s.buffer = page.content;
                s.index = 0;
            }
        })
    }
}
