//! The client: every loop and decision of a call, generic over the host ([`Env`]).
//!
//! - one request: token (T2, T3), hooks, send, one renewal after a 401, retries with backoff and
//!   `Retry-After` within the budget ([`RetryPolicy`]);
//! - a mutation (create, PATCH, DELETE): the Actions of its resource are listed before it is
//!   sent (A3, the baseline); whenever its outcome is ambiguous (answer lost, 5xx, timeout, an
//!   unreadable 2xx — on any attempt, the last included) they are listed again ([`Look`]): it
//!   is resolved with the one new Action this call caused, sent again only when nothing
//!   happened and the budget allows, `outcome_unknown` when the look cannot tell;
//! - tokens: cache, refresh then grant, one acquisition shared by concurrent calls, the token
//!   endpoint's 429 / 5xx / dropped connections retried and reported as `unavailable`; one
//!   `tokenProvider` call shared by concurrent calls, and one forced refresh after a 401;
//! - server text in errors without the secrets the client knows ([`Secrets`]);
//! - the waiter (A2) and paging (L1, T7).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use serde_json::{Map, Value};

use super::env::{Env, Exchange, HttpResponse};
use super::error::{error_from_response, ClientError, HttpDetails};
use super::options::{check_token, Auth, ClientConfig};
use super::read::{decode_action, read_action};
use super::redact::Secrets;
use super::request::{after, build_request, ActionFilter, Endpoint, HttpRequest, Method};
use super::retry::{
    may_have_happened, outcome_unknown, resolve_ambiguous, Look, Resolution, RetryDecision,
    RetryPolicy,
};
use super::token::{grant_body, interpret_token_response, refresh_body, TokenCache, TokenStep};
use super::waiter::{action_failed, Verdict, WaitPolicy, WaitState};
use crate::models::Action;

/// Page size of `list_all`, the iterator and the create check.
pub const PAGE_SIZE: u32 = 100;

/// Attempts of each GET that reads a write's Actions (the baseline and the look), whatever the
/// call's own retry budget (`retry: false` included): a look is what makes an ambiguous write's
/// outcome known.
pub const LOOK_ATTEMPTS: u32 = 4;

/// Time budget of each such GET, from its first attempt, ms.
pub const LOOK_BUDGET_MS: u64 = 15_000;

/// What a look at a write's Actions found.
enum Looked {
    /// The Action this call caused.
    Found(Box<Accepted>),
    /// Nothing of this call's: the ids of the Actions listed (the next baseline).
    Nothing(Vec<i64>),
}

/// An accepted mutation: its Action and the Action's JSON as the API gave it (unknown fields
/// kept, STYLE 4).
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The Action, read.
    pub action: Action,
    /// Its JSON text.
    pub json: String,
}

/// One page of a list (L1, T7): the page object (a bare array becomes one first-and-last page)
/// and whether it is the last one.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPage {
    /// The page object; its `content` is the items.
    pub page: Value,
    /// Whether no page follows.
    pub last: bool,
}

/// Why a run of attempts failed, and whether the mutation may have happened.
struct Failure {
    err: ClientError,
    check_after_ms: Option<u64>,
}

impl From<ClientError> for Failure {
    fn from(err: ClientError) -> Self {
        Self {
            err,
            check_after_ms: None,
        }
    }
}

/// The one token acquisition in flight, shared by concurrent calls.
#[derive(Default)]
struct Flight {
    running: bool,
    /// A `tokenProvider` flight asked with `forceRefresh`.
    forced: bool,
    generation: u64,
    outcome: Option<Result<String, ClientError>>,
    wakers: Vec<Waker>,
}

fn land(flight: &RefCell<Flight>, outcome: Result<String, ClientError>) {
    let wakers = {
        let mut f = flight.borrow_mut();
        f.running = false;
        f.generation = f.generation.wrapping_add(1);
        f.outcome = Some(outcome);
        std::mem::take(&mut f.wakers)
    };
    wakers.into_iter().for_each(Waker::wake);
}

/// Ends the flight even when the acquiring future is dropped midway (then as aborted: a waiting
/// call that was not aborted takes over).
struct Landing<'a>(&'a RefCell<Flight>, bool);

impl Landing<'_> {
    fn finish(mut self, outcome: Result<String, ClientError>) {
        self.1 = true;
        land(self.0, outcome);
    }
}

impl Drop for Landing<'_> {
    fn drop(&mut self) {
        if !self.1 {
            land(self.0, Err(ClientError::aborted()));
        }
    }
}

/// Resolves when the flight of `generation` lands.
struct Boarding<'a> {
    flight: &'a RefCell<Flight>,
    generation: u64,
}

impl Future for Boarding<'_> {
    type Output = Result<String, ClientError>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut f = self.flight.borrow_mut();
        if f.generation != self.generation {
            Poll::Ready(
                f.outcome
                    .clone()
                    .unwrap_or_else(|| Err(ClientError::aborted())),
            )
        } else {
            f.wakers.push(cx.waker().clone());
            Poll::Pending
        }
    }
}

/// The client core. Holds the checked options and the token cache; prints no token or secret.
pub struct Client {
    config: ClientConfig,
    tokens: RefCell<TokenCache>,
    flight: RefCell<Flight>,
    /// The `tokenProvider` call in flight, shared like `flight`.
    provider_flight: RefCell<Flight>,
    /// The last token the `tokenProvider` gave (never stored anywhere else).
    provided: RefCell<Option<String>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.config.base)
            .field("auth", &self.config.auth)
            .finish_non_exhaustive()
    }
}

fn is_abort(err: &ClientError) -> bool {
    matches!(err, ClientError::Abort { .. })
}

fn check_abort<E: Env>(env: &E) -> Result<(), ClientError> {
    if env.aborted() {
        Err(ClientError::aborted())
    } else {
        Ok(())
    }
}

fn invalid_response(status: u16, body: &str, what: &str) -> ClientError {
    ClientError::Api {
        code: "invalid_response",
        message: format!("the API answered HTTP {status} with a body that is not {what}"),
        http: Box::new(HttpDetails {
            status,
            body: Some(body.to_owned()),
            ..HttpDetails::default()
        }),
    }
}

/// A 2xx body as JSON, or `invalid_response` (HTML from a proxy, empty, truncated).
pub fn parse_json(response: &HttpResponse) -> Result<Value, ClientError> {
    serde_json::from_str(&response.body)
        .map_err(|_| invalid_response(response.status, &response.body, "the expected JSON"))
}

/// The items of a list answer: a bare array, or a page's `content` (L1, A3).
fn items(list: Value, response: &HttpResponse) -> Result<Vec<Value>, ClientError> {
    match list {
        Value::Array(items) => Ok(items),
        Value::Object(mut page) => Ok(match page.get_mut("content") {
            Some(Value::Array(items)) => std::mem::take(items),
            _ => Vec::new(),
        }),
        _ => Err(invalid_response(response.status, &response.body, "a list")),
    }
}

/// JSON text of a value (cannot fail for a `Value`).
pub fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The id of an accepted Action, needed to wait for it (A1).
pub fn action_id(action: &Action) -> Result<String, ClientError> {
    action
        .id
        .map(|i| i.to_string())
        .ok_or_else(|| ClientError::Api {
            code: "invalid_response",
            message: "the API answered an Action without an id (A1)".into(),
            http: Box::default(),
        })
}

/// The token endpoint could not give a token for a transient reason (T3): `unavailable`, never
/// "refused the credentials".
fn token_unavailable(err: ClientError) -> ClientError {
    let message = |what: String| {
        format!("the token endpoint is unavailable ({what}); retried within the budget, no token")
    };
    match err {
        ClientError::Api { http, .. } | ClientError::RateLimit { http, .. } => ClientError::Api {
            code: "unavailable",
            message: message(format!("HTTP {}", http.status)),
            http,
        },
        ClientError::Network { sent, .. } => ClientError::Network {
            code: "unavailable",
            message: message("no answer".into()),
            sent,
        },
        ClientError::Timeout { .. } => ClientError::Network {
            code: "unavailable",
            message: message("no answer in time".into()),
            sent: super::Sent::Maybe,
        },
        other => other,
    }
}

/// The ids of `actions` (a loop: no iterator adapter code in the .wasm).
fn ids<'a>(actions: impl Iterator<Item = &'a Action>) -> Vec<i64> {
    let mut out = Vec::new();
    for a in actions {
        if let Some(id) = a.id {
            out.push(id);
        }
    }
    out
}

/// A refusal that a re-sent write may owe to an earlier send of the same call (T5: 409, 422).
fn refused_by_state(err: &ClientError) -> bool {
    matches!(err, ClientError::Conflict { .. })
        || matches!(err, ClientError::Api { http, .. } if http.status == 422)
}

impl Client {
    /// A client for checked options.
    pub fn new(config: ClientConfig) -> Self {
        Self {
            config,
            tokens: RefCell::new(TokenCache::new()),
            flight: RefCell::new(Flight::default()),
            provider_flight: RefCell::new(Flight::default()),
            provided: RefCell::new(None),
        }
    }

    /// The checked options.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    // ------------------------------------------------------------------------------ tokens

    /// The token for the next request; `rejected`: the token a 401 just refused (T2).
    async fn token<E: Env>(&self, env: &E, rejected: Option<&str>) -> Result<String, ClientError> {
        let token = match &self.config.auth {
            Auth::Static(t) => t.clone(),
            Auth::Provider => self.provided_token(env, rejected).await?,
            Auth::Credentials { .. } => self.shared_token(env).await?,
        };
        check_token(&token)?;
        Ok(token)
    }

    /// A token from the `tokenProvider`: concurrent calls share one provider call; after a 401
    /// on `rejected`, a token that replaced it since is used as is, else one forced refresh
    /// (`forceRefresh`) is shared by every call that got the 401.
    async fn provided_token<E: Env>(
        &self,
        env: &E,
        rejected: Option<&str>,
    ) -> Result<String, ClientError> {
        loop {
            if let Some(r) = rejected {
                if let Some(t) = self.provided.borrow().as_deref().filter(|t| *t != r) {
                    return Ok(t.to_owned());
                }
            }
            let (running, forced, generation) = {
                let f = self.provider_flight.borrow();
                (f.running, f.forced, f.generation)
            };
            if running {
                let boarding = Boarding {
                    flight: &self.provider_flight,
                    generation,
                };
                match boarding.await {
                    // The calling call was aborted, not this one: take over.
                    Err(e) if is_abort(&e) && !env.aborted() => continue,
                    // A plain call gave the rejected token again: a forced refresh is needed.
                    Ok(t) if !forced && rejected == Some(t.as_str()) => continue,
                    other => return other,
                }
            }
            {
                let mut f = self.provider_flight.borrow_mut();
                f.running = true;
                f.forced = rejected.is_some();
            }
            let landing = Landing(&self.provider_flight, false);
            let outcome = env.provide_token(rejected.is_some()).await;
            if let Ok(t) = &outcome {
                *self.provided.borrow_mut() = Some(t.clone());
            }
            landing.finish(outcome.clone());
            return outcome;
        }
    }

    /// The secrets a request with `token` and `body` involves (SECURITY.md: never in an
    /// error's message).
    fn secrets(&self, token: &str, body: Option<&str>) -> Secrets {
        let mut s = Secrets::default();
        s.add(token);
        match &self.config.auth {
            Auth::Static(t) => s.add(t),
            Auth::Provider => {
                if let Some(t) = self.provided.borrow().as_deref() {
                    s.add(t);
                }
            }
            Auth::Credentials { basic, secret, .. } => {
                s.add(secret);
                s.add(basic.strip_prefix("Basic ").unwrap_or(basic));
            }
        }
        for t in self.tokens.borrow().known() {
            s.add(t);
        }
        s.add_body(body);
        s
    }

    /// A cached token, or the one acquisition in flight (joined), or a new one.
    async fn shared_token<E: Env>(&self, env: &E) -> Result<String, ClientError> {
        loop {
            if let TokenStep::Use(t) = self.tokens.borrow().next_step(env.now_ms()) {
                return Ok(t);
            }
            let (running, generation) = {
                let f = self.flight.borrow();
                (f.running, f.generation)
            };
            if running {
                let boarding = Boarding {
                    flight: &self.flight,
                    generation,
                };
                match boarding.await {
                    // The acquiring call was aborted, not this one: take over.
                    Err(e) if is_abort(&e) && !env.aborted() => continue,
                    other => return other,
                }
            }
            self.flight.borrow_mut().running = true;
            let landing = Landing(&self.flight, false);
            let outcome = self.acquire(env).await;
            landing.finish(outcome.clone());
            return outcome;
        }
    }

    /// Refresh token first, a new grant if that fails (T3); stores the answer.
    async fn acquire<E: Env>(&self, env: &E) -> Result<String, ClientError> {
        let step = self.tokens.borrow().next_step(env.now_ms());
        let body = match step {
            TokenStep::Use(t) => return Ok(t),
            TokenStep::Refresh(rt) => match self.token_request(env, refresh_body(&rt)).await {
                Ok(t) => return Ok(t),
                Err(e) if is_abort(&e) => return Err(e),
                Err(_) => {
                    self.tokens.borrow_mut().invalidate_refresh();
                    grant_body()
                }
            },
            TokenStep::Grant => grant_body(),
        };
        self.token_request(env, body).await
    }

    /// One token request (T3), its 429 / 5xx / transport failures retried within the budget.
    async fn token_request<E: Env>(&self, env: &E, body: String) -> Result<String, ClientError> {
        let Auth::Credentials {
            token_url, basic, ..
        } = &self.config.auth
        else {
            return Err(ClientError::aborted());
        };
        let req = HttpRequest {
            method: Method::Post,
            url: token_url.clone(),
            headers: vec![
                ("Accept".into(), "application/json".into()),
                ("Authorization".into(), basic.clone()),
                (
                    "Content-Type".into(),
                    "application/x-www-form-urlencoded".into(),
                ),
            ],
            body: Some(body),
        };
        let policy = self.config.retry;
        let started = env.now_ms();
        let mut previous_delay = 0;
        let mut attempt = 0;
        loop {
            attempt += 1;
            check_abort(env)?;
            let err = match self
                .exchange(env, &req, attempt, self.config.timeout_ms)
                .await
            {
                Ok(r) if r.status == 429 || r.status >= 500 => {
                    error_from_response(r.status, &r.body, r.retry_after.as_deref(), env.now_ms())
                }
                Ok(r) => {
                    // A refresh's token is still in the cache here: `secrets` holds it.
                    let answer = interpret_token_response(r.status, &r.body)
                        .map_err(|e| self.secrets("", None).error(e))?;
                    let token = answer.access_token.clone();
                    self.tokens.borrow_mut().store(answer, env.now_ms());
                    return Ok(token);
                }
                Err(e) if is_abort(&e) => return Err(e),
                Err(e) => e,
            };
            let elapsed = u64::try_from(env.now_ms() - started).unwrap_or(0);
            let random = env.random();
            match policy.decide(Method::Get, &err, attempt, elapsed, random, previous_delay) {
                RetryDecision::Retry { delay_ms } => {
                    env.sleep(delay_ms).await?;
                    previous_delay = delay_ms;
                }
                _ => return Err(token_unavailable(err)),
            }
        }
    }

    /// After a 401 with `rejected`: whether a new token may help (then renew once).
    fn forget(&self, rejected: &str) -> bool {
        match &self.config.auth {
            Auth::Static(_) => false,
            Auth::Provider => true,
            Auth::Credentials { .. } => {
                self.tokens.borrow_mut().invalidate_if_current(rejected);
                true
            }
        }
    }

    // ------------------------------------------------------------------------------ requests

    /// One HTTP exchange between the two hooks.
    async fn exchange<E: Env>(
        &self,
        env: &E,
        req: &HttpRequest,
        attempt: u32,
        timeout_ms: u64,
    ) -> Result<HttpResponse, ClientError> {
        let url = req.url.split('?').next().unwrap_or_default();
        let path = after(url, "://")
            .and_then(|rest| rest.get(rest.find('/')?..))
            .unwrap_or("/");
        let mut info = Exchange {
            method: req.method.as_str(),
            path,
            attempt,
            status: None,
            duration_ms: 0,
            error: None,
        };
        env.before_request(&info);
        let sent_at = env.now_ms();
        let result = env.send(req, timeout_ms).await;
        info.duration_ms = u64::try_from(env.now_ms() - sent_at).unwrap_or(0);
        match &result {
            Ok(r) => info.status = Some(r.status),
            Err(e) => info.error = Some(e.code()),
        }
        env.after_response(&info);
        result
    }

    /// Attempts of one request under `policy` (its time budget counted from `started`): token,
    /// send, one renewal after a 401 (T2, not counted), errors decoded (T5, T6) without the
    /// secrets the client knows, retry decisions. Resolves with the 2xx answer.
    async fn attempts<E: Env>(
        &self,
        env: &E,
        endpoint: &Endpoint,
        body: Option<&str>,
        policy: &RetryPolicy,
        timeout_ms: u64,
        started: i64,
    ) -> Result<HttpResponse, Failure> {
        let mut attempt: u32 = 0;
        let mut sends: u32 = 0;
        let mut previous_delay = 0;
        let mut renewed = false;
        let mut rejected: Option<String> = None;
        loop {
            attempt += 1;
            check_abort(env)?;
            let token = self.token(env, rejected.take().as_deref()).await?;
            check_abort(env)?;
            let req = build_request(
                &self.config.base,
                endpoint,
                &token,
                body.map(str::to_owned),
                &self.config.headers,
            );
            sends += 1;
            let err = match self.exchange(env, &req, sends, timeout_ms).await {
                Ok(r) if (200..300).contains(&r.status) => return Ok(r),
                Ok(r) if r.status == 401 && !renewed && self.forget(&token) => {
                    // T2: expired or revoked token, not processed: safe for every method.
                    renewed = true;
                    rejected = Some(token);
                    attempt -= 1;
                    continue;
                }
                Ok(r) => self.secrets(&token, body).error(error_from_response(
                    r.status,
                    &r.body,
                    r.retry_after.as_deref(),
                    env.now_ms(),
                )),
                Err(e) => self.secrets(&token, body).error(e),
            };
            if is_abort(&err) {
                return Err(err.into());
            }
            let elapsed = u64::try_from(env.now_ms() - started).unwrap_or(0);
            let random = env.random();
            match policy.decide(
                endpoint.method(),
                &err,
                attempt,
                elapsed,
                random,
                previous_delay,
            ) {
                RetryDecision::Retry { delay_ms } => {
                    env.sleep(delay_ms).await?;
                    previous_delay = delay_ms;
                }
                RetryDecision::GiveUp => return Err(err.into()),
                RetryDecision::Check { delay_ms } => {
                    return Err(Failure {
                        err,
                        check_after_ms: Some(delay_ms),
                    })
                }
            }
        }
    }

    /// A read with the client's retry budget; resolves with the 2xx answer.
    pub async fn get<E: Env>(
        &self,
        env: &E,
        endpoint: &Endpoint,
    ) -> Result<HttpResponse, ClientError> {
        self.get_within(env, endpoint, &self.config.retry).await
    }

    /// A read under `policy`.
    async fn get_within<E: Env>(
        &self,
        env: &E,
        endpoint: &Endpoint,
        policy: &RetryPolicy,
    ) -> Result<HttpResponse, ClientError> {
        let timeout = self.config.timeout_ms;
        self.attempts(env, endpoint, None, policy, timeout, env.now_ms())
            .await
            .map_err(|f| f.err)
    }

    /// The budget of the reads that find a write's outcome ([`LOOK_ATTEMPTS`], [`LOOK_BUDGET_MS`]).
    fn look_policy(&self) -> RetryPolicy {
        RetryPolicy {
            max_attempts: LOOK_ATTEMPTS,
            max_elapsed_ms: LOOK_BUDGET_MS,
            ..self.config.retry
        }
    }

    /// A read whose answer must be JSON; resolves with its text.
    pub async fn get_json<E: Env>(
        &self,
        env: &E,
        endpoint: &Endpoint,
    ) -> Result<String, ClientError> {
        let response = self.get(env, endpoint).await?;
        parse_json(&response)?;
        Ok(response.body)
    }

    /// A mutation (create, PATCH, DELETE; `body` already validated and encoded). Never sent
    /// twice, and never reported done unless this call's Action is in hand: the resource's
    /// Actions are listed before it is sent (the baseline); after any ambiguous failure they
    /// are listed again and only a new one counts ([`resolve_ambiguous`]).
    pub async fn mutate<E: Env>(
        &self,
        env: &E,
        endpoint: &Endpoint,
        body: Option<&str>,
        look: &Look,
    ) -> Result<Accepted, ClientError> {
        let started = env.now_ms();
        let policy = self.config.retry;
        let max = policy.max_attempts.max(1);
        let mut before = self.baseline(env, look).await?;
        let mut sends = 0;
        loop {
            sends += 1;
            let remaining = RetryPolicy {
                max_attempts: max.saturating_sub(sends - 1).max(1),
                ..policy
            };
            let timeout = self.config.write_timeout_ms;
            let failure = match self
                .attempts(env, endpoint, body, &remaining, timeout, started)
                .await
            {
                Ok(r) => match decode_action(r.status, &r.body) {
                    Ok(action) => {
                        return Ok(Accepted {
                            action,
                            json: r.body,
                        })
                    }
                    // Accepted (2xx), but its Action cannot be read from the answer.
                    Err(err) => Failure {
                        err,
                        check_after_ms: Some(0),
                    },
                },
                Err(f) => f,
            };
            let delay = match failure.check_after_ms {
                Some(d) => d,
                // A re-sent write refused by the state (409: the name exists; 422: an action in
                // progress) may be refused because an earlier send of this call was processed.
                None if sends > 1 && refused_by_state(&failure.err) => 0,
                None => return Err(failure.err),
            };
            env.sleep(delay).await?;
            match self.look(env, look, before.as_deref()).await? {
                Looked::Found(accepted) => return Ok(*accepted),
                // A request that got no answer in time may still be in the server's hands:
                // finding nothing yet is not evidence that nothing will happen.
                Looked::Nothing(_) if matches!(failure.err, ClientError::Timeout { .. }) => {
                    return Err(outcome_unknown(
                        look,
                        "no answer came in time and no action of it is listed yet (it may \
                         still be processed)",
                    ))
                }
                Looked::Nothing(ids) => {
                    let elapsed = u64::try_from(env.now_ms() - started).unwrap_or(0);
                    if sends >= max
                        || elapsed > policy.max_elapsed_ms
                        || !may_have_happened(&failure.err)
                    {
                        // It did not happen: the failure is the truth.
                        return Err(failure.err);
                    }
                    before = Some(ids);
                }
            }
        }
    }

    /// The Actions a mutation's look would list, read before it is sent: ids, or `None` when
    /// they cannot be read (then an ambiguous outcome stays unknown unless nothing of its kind
    /// is listed at all).
    async fn baseline<E: Env>(
        &self,
        env: &E,
        look: &Look,
    ) -> Result<Option<Vec<i64>>, ClientError> {
        match self.look_list(env, look).await {
            Ok(list) => Ok(Some(ids(list.iter().map(|(_, a)| a)))),
            Err(e) if is_abort(&e) => Err(e),
            Err(_) => Ok(None),
        }
    }

    /// The Actions of the look's resource (A3), each with its JSON.
    async fn look_list<E: Env>(
        &self,
        env: &E,
        look: &Look,
    ) -> Result<Vec<(Value, Action)>, ClientError> {
        let response = self
            .get_within(
                env,
                &Endpoint::ListActions(look.filter()),
                &self.look_policy(),
            )
            .await?;
        // A loop, not `map(..).collect()`: iterator adapters cost .wasm (docs/ARCHITECTURE.md).
        let mut out = Vec::new();
        for v in items(parse_json(&response)?, &response)? {
            let a = read_action(&v).unwrap_or_default();
            out.push((v, a));
        }
        Ok(out)
    }

    /// Looks for the Action this mutation caused (A3; for a create also the instances by name,
    /// L1), against the ids listed `before` it was sent.
    async fn look<E: Env>(
        &self,
        env: &E,
        look: &Look,
        before: Option<&[i64]>,
    ) -> Result<Looked, ClientError> {
        let listed = match self.look_list(env, look).await {
            Ok(list) => Some(list),
            Err(e) if is_abort(&e) => return Err(e),
            Err(_) => None,
        };
        let actions: Option<Vec<Action>> = listed.as_ref().map(|l| {
            let mut a = Vec::with_capacity(l.len());
            for (_, action) in l {
                a.push(action.clone());
            }
            a
        });
        let mut exists = None;
        if let Look::Create { name } = look {
            // An instance of that name is evidence only when no create of it was listed before
            // this call (else that earlier create explains it: a re-sent create then meets 409).
            let explained = match (&actions, before) {
                (Some(a), Some(b)) => a
                    .iter()
                    .any(|a| look.same_kind(a) && a.id.is_some_and(|id| b.contains(&id))),
                _ => false,
            };
            if !explained
                && resolve_ambiguous(look, actions.as_deref(), before, None) == Resolution::Nothing
            {
                exists = match self.list_all_within(env, 20, &self.look_policy()).await {
                    Ok(all) => Some(
                        all.iter()
                            .any(|i| i.get("name") == Some(&Value::from(name.as_str()))),
                    ),
                    Err(e) if is_abort(&e) => return Err(e),
                    Err(_) => None,
                };
            }
        }
        match resolve_ambiguous(look, actions.as_deref(), before, exists) {
            Resolution::Happened(i) => listed
                .and_then(|mut l| (i < l.len()).then(|| l.swap_remove(i)))
                .map(|(v, action)| {
                    Looked::Found(Box::new(Accepted {
                        action,
                        json: json_text(&v),
                    }))
                })
                .ok_or_else(|| outcome_unknown(look, "its action could not be read")),
            Resolution::Nothing => Ok(Looked::Nothing(ids(actions.iter().flatten()))),
            Resolution::Unknown(e) => Err(e),
        }
    }

    // ------------------------------------------------------------------------------ reads

    /// Actions matching `filter` (A3), as given.
    pub async fn list_actions<E: Env>(
        &self,
        env: &E,
        filter: ActionFilter,
    ) -> Result<Vec<Value>, ClientError> {
        let response = self.get(env, &Endpoint::ListActions(filter)).await?;
        items(parse_json(&response)?, &response)
    }

    /// One page of instances (L1: a bare array becomes one first-and-last page; T7 hints).
    pub async fn list_page<E: Env>(
        &self,
        env: &E,
        page: Option<u32>,
        size: Option<u32>,
    ) -> Result<ListPage, ClientError> {
        self.list_page_within(env, page, size, &self.config.retry)
            .await
    }

    /// [`Client::list_page`] under `policy`.
    async fn list_page_within<E: Env>(
        &self,
        env: &E,
        page: Option<u32>,
        size: Option<u32>,
        policy: &RetryPolicy,
    ) -> Result<ListPage, ClientError> {
        let response = self
            .get_within(env, &Endpoint::ListPostgresql { page, size }, policy)
            .await?;
        let list = parse_json(&response)?;
        if let Value::Object(mut p) = list {
            let content = match p.get_mut("content") {
                Some(Value::Array(items)) => std::mem::take(items),
                _ => Vec::new(),
            };
            let n = content.len();
            let number = p.get("number").and_then(Value::as_f64);
            let total = p.get("totalPages").and_then(Value::as_f64);
            // T7: `last`, an empty or short page, or `number + 1 >= totalPages`.
            let last = p.get("last") == Some(&Value::Bool(true))
                || n == 0
                || n < size.unwrap_or(PAGE_SIZE) as usize
                || matches!((number, total), (Some(n), Some(t)) if n + 1.0 >= t);
            p.insert("content".into(), Value::Array(content));
            return Ok(ListPage {
                page: Value::Object(p),
                last,
            });
        }
        let content = items(list, &response)?;
        let n = Value::from(content.len());
        let mut p = Map::new();
        for k in ["totalElements", "size", "numberOfElements"] {
            p.insert(k.into(), n.clone());
        }
        p.insert("totalPages".into(), Value::from(1));
        p.insert("number".into(), Value::from(0));
        p.insert("first".into(), Value::Bool(true));
        p.insert("last".into(), Value::Bool(true));
        p.insert("empty".into(), Value::Bool(content.is_empty()));
        p.insert("content".into(), Value::Array(content));
        Ok(ListPage {
            page: Value::Object(p),
            last: true,
        })
    }

    /// Every instance, at most `max_pages` pages read in sequence.
    pub async fn list_all<E: Env>(
        &self,
        env: &E,
        max_pages: u32,
    ) -> Result<Vec<Value>, ClientError> {
        self.list_all_within(env, max_pages, &self.config.retry)
            .await
    }

    /// [`Client::list_all`], each page read under `policy`.
    async fn list_all_within<E: Env>(
        &self,
        env: &E,
        max_pages: u32,
        policy: &RetryPolicy,
    ) -> Result<Vec<Value>, ClientError> {
        let mut all = Vec::new();
        for n in 0..max_pages {
            let mut page = self
                .list_page_within(env, Some(n), Some(PAGE_SIZE), policy)
                .await?;
            if let Some(Value::Array(items)) = page.page.get_mut("content") {
                all.append(items);
            }
            if page.last {
                break;
            }
        }
        Ok(all)
    }

    // ------------------------------------------------------------------------------ waiter

    /// Polls Action `id` until it ends (A2, [`WaitState`]); resolves with its JSON on
    /// `SUCCESS`. `resume` continues a saved wait of the same id (its start and deadline kept,
    /// first poll at once). `on_progress` gets each status change with the Action's JSON.
    pub async fn wait<E: Env>(
        &self,
        env: &E,
        id: &str,
        policy: &WaitPolicy,
        resume: Option<WaitState>,
        on_progress: &mut dyn FnMut(&str, &WaitState),
    ) -> Result<String, ClientError> {
        let policy = policy.sanitized();
        let mut state = resume
            .filter(|s| s.action_id == id)
            .unwrap_or_else(|| WaitState::start(id, env.now_ms(), &policy));
        let single = RetryPolicy {
            max_attempts: 1,
            ..self.config.retry
        };
        let endpoint = Endpoint::GetAction(id.to_owned());
        let mut first = true;
        let mut last: Option<Action> = None;
        let mut last_error: Option<ClientError> = None;
        loop {
            let now = env.now_ms();
            let next =
                state.next_delay_after_error(&policy, now, env.random(), last_error.as_ref());
            let Some(delay) = next else {
                return Err(state.timeout_error(last));
            };
            // A resumed wait polls at once too.
            if !first {
                env.sleep(delay).await?;
            }
            first = false;
            check_abort(env)?;
            // A poll never runs (much) past the deadline.
            let left = u64::try_from(state.deadline.saturating_sub(env.now_ms())).unwrap_or(0);
            let timeout = self.config.timeout_ms.min(left.max(1_000));
            let polled = match self
                .attempts(env, &endpoint, None, &single, timeout, env.now_ms())
                .await
            {
                Ok(r) => decode_action(r.status, &r.body).map(|a| (a, r.body)),
                Err(f) => Err(f.err),
            };
            match polled {
                Ok((action, json)) => {
                    last_error = None;
                    let (changed, verdict) = state.record(&action);
                    if changed {
                        on_progress(&json, &state);
                    }
                    match verdict {
                        Verdict::Done => return Ok(json),
                        Verdict::Failed => return Err(action_failed(action)),
                        Verdict::Pending => last = Some(action),
                    }
                }
                Err(e) => {
                    if state.record_error(&e) {
                        return Err(e);
                    }
                    last_error = Some(e);
                }
            }
        }
    }
}

/// Every instance, read page by page on demand (`iteratePostgresql`).
#[derive(Debug, Default)]
pub struct Pager {
    /// The rest of the current page, last item first (a `Vec` popped from its end: a deque's
    /// code costs more .wasm), and the next page to read.
    state: RefCell<(Vec<Value>, Option<u32>)>,
}

impl Pager {
    /// From the first page.
    pub fn new() -> Self {
        Self {
            state: RefCell::new((Vec::new(), Some(0))),
        }
    }

    /// The next instance, `None` after the last.
    pub async fn next<E: Env>(
        &self,
        client: &Client,
        env: &E,
    ) -> Result<Option<Value>, ClientError> {
        loop {
            let (item, page) = {
                let mut s = self.state.borrow_mut();
                (s.0.pop(), s.1)
            };
            if item.is_some() {
                return Ok(item);
            }
            let Some(n) = page else {
                return Ok(None);
            };
            let mut page = client.list_page(env, Some(n), Some(PAGE_SIZE)).await?;
            let mut s = self.state.borrow_mut();
            if let Some(Value::Array(items)) = page.page.get_mut("content") {
                // After what is left (a concurrent `next` may have added items meanwhile).
                let mut next = std::mem::take(items);
                next.reverse();
                next.append(&mut s.0);
                s.0 = next;
            }
            s.1 = if page.last { None } else { n.checked_add(1) };
        }
    }
}
