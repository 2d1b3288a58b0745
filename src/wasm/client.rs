//! `ItcareClient`, the fetch client exported to JS: glue only. Arguments are read into core
//! types, [`crate::client::Client`] runs every loop and decision, results and errors are
//! converted back. [`JsEnv`] is the one implementation of [`Env`] over JS: gloo-net builds each
//! request, `fetch.js` sends it (through the `fetch` option, default the global one; redirects
//! never followed) and reads the answer within `maxResponseBytes`, `setTimeout` for timeouts
//! and sleeps, `Date.now`, `Math.random`, the `tokenProvider` and the
//! `hooks`. The TypeScript declarations are hand-written in `client.d.ts` (wasm-bindgen 0.2.130
//! drops the `?` of optional parameters whose type is overridden).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use gloo_net::http::{Method as M, RequestBuilder};
use js_sys::{Array, Function, Object, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal, RequestRedirect, ResponseType};

use super::errors::to_js_error;
use super::{to_js, to_json};
use crate::client::args::{self, Prepared};
use crate::client::{
    action_id, bad_option, json_text, no_answer, redirect_refused, response_too_large,
    sent_from_cause, Client, ClientConfig, ClientError, Endpoint, Env, Exchange, HttpRequest,
    HttpResponse, Method, NoAnswer, Pager, Sent, WaitPolicy, WaitState,
};
use crate::validate::{IssueCode as Code, Locale};

#[wasm_bindgen]
extern "C" {
    /// An `EventTarget` (the `AbortSignal`), without enabling more web-sys features.
    type Listenable;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_listener(this: &Listenable, kind: &str, f: &Function);
    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn remove_listener(this: &Listenable, kind: &str, f: &Function);
    /// The global `setTimeout` (a number in browsers, an object in Node).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &Function, ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Calls the JS function `f` after `ms`, or at once when `signal` aborts, unless dropped first
/// (then the timer is cleared and the listener removed). JS functions, not Rust closures: no
/// closure glue in the .wasm (docs/ARCHITECTURE.md, "Size").
struct Alarm {
    f: Function,
    timer: JsValue,
    signal: Option<AbortSignal>,
}

impl Alarm {
    fn new(f: Function, ms: u64, signal: Option<&AbortSignal>) -> Self {
        // `setTimeout` millis (a larger value would fire at once).
        let ms = u32::try_from(ms.min(i32::MAX as u64)).unwrap_or(0);
        let timer = set_timeout(&f, ms);
        if let Some(s) = signal {
            s.unchecked_ref::<Listenable>().add_listener("abort", &f);
        }
        let signal = signal.cloned();
        Self { f, timer, signal }
    }
}

impl Drop for Alarm {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(s) = &self.signal {
            s.unchecked_ref::<Listenable>()
                .remove_listener("abort", &self.f);
        }
    }
}

// `catch` on each: none throws, but wasm-bindgen imports a function with no glue straight into
// the .wasm (`import * as` in the glue), which scripts/assemble-pkg.mjs does not inline.
#[wasm_bindgen(module = "/src/wasm/fetch.js")]
extern "C" {
    /// `fetch(request, { signal })`, rejected as soon as `signal` fires.
    #[wasm_bindgen(catch)]
    fn fetch_until_abort(
        fetch: &Function,
        request: &web_sys::Request,
        signal: &AbortSignal,
    ) -> Result<Promise, JsValue>;
    /// The body as text, or `null` past `max` bytes (then cancelled); rejects on failure or abort.
    #[wasm_bindgen(catch)]
    fn read_text_bounded(
        response: &web_sys::Response,
        max: f64,
        signal: &AbortSignal,
    ) -> Result<Promise, JsValue>;
    /// Cancels the body of an answer that is not read.
    #[wasm_bindgen(catch)]
    fn discard_body(response: &web_sys::Response) -> Result<(), JsValue>;
    /// The origin of a redirect's `Location` resolved against `url` (a JS `URL`), or `undefined`.
    #[wasm_bindgen(catch)]
    fn redirect_origin(response: &web_sys::Response, url: &str) -> Result<JsValue, JsValue>;
}

/// Why an exchange produced no [`HttpResponse`].
enum Failed {
    /// No answer: whether the request may have been sent.
    Lost(Sent),
    /// An answer the client refuses (`redirect_refused`, `response_too_large`).
    Refused(ClientError),
}

/// Whether a failed `fetch` may have sent the request (see `sent_from_cause`).
fn sent_phase(error: &JsValue) -> Sent {
    let cause = get(error, "cause");
    let text = |k: &str| get(&cause, k).as_string();
    sent_from_cause(text("code").as_deref(), text("message").as_deref())
}

/// What the client holds besides the core: the JS callbacks and the body options.
struct Shared {
    core: Client,
    fetch: Option<Function>,
    provider: Option<Function>,
    hooks: [Option<Function>; 2],
    locale: Locale,
    validate: bool,
}

/// The host of one call: the client's callbacks and the call's `signal`.
struct JsEnv {
    shared: Rc<Shared>,
    signal: Option<AbortSignal>,
}

impl JsEnv {
    /// One exchange: the request built by gloo-net (no signal, redirects not followed), sent with
    /// `fetch(request, { signal })`, the body read within `maxResponseBytes` (see `fetch.js` for
    /// why the signal is not on the `Request` and how the body is read).
    async fn fetch(&self, req: &HttpRequest, signal: &AbortSignal) -> Result<HttpResponse, Failed> {
        // The constants: `Method::from_bytes` brings http's extension-method code (~0.5 KB gzip).
        let method = match req.method {
            Method::Get => M::GET,
            Method::Post => M::POST,
            Method::Patch => M::PATCH,
            Method::Delete => M::DELETE,
        };
        // `manual`: a redirect comes back as the answer (Node: the 3xx with its `Location`;
        // browsers: an opaque redirect, status 0) and goes nowhere.
        let mut builder = RequestBuilder::new(&req.url)
            .method(method)
            .redirect(RequestRedirect::Manual);
        for (name, value) in &req.headers {
            builder = builder.header(name, value);
        }
        let request = match &req.body {
            Some(body) => builder.body(body.as_str()),
            None => builder.build(),
        }
        .map_err(|_| Failed::Lost(Sent::No))?;
        // The `fetch` option, else the global one as it is now (it may be wrapped after the
        // client was made).
        let global = || get(&js_sys::global(), "fetch").dyn_into::<Function>().ok();
        let fetch = self
            .shared
            .fetch
            .clone()
            .or_else(global)
            .ok_or(Failed::Lost(Sent::No))?;
        let request = web_sys::Request::from(request);
        let lost = |e: JsValue| Failed::Lost(sent_phase(&e));
        let sent = fetch_until_abort(&fetch, &request, signal).map_err(lost)?;
        let answer = JsFuture::from(sent).await.map_err(lost)?;
        let response = answer
            .dyn_into::<web_sys::Response>()
            .map_err(|_| Failed::Lost(Sent::Maybe))?;
        let status = response.status();
        if (300..400).contains(&status) || response.type_() == ResponseType::Opaqueredirect {
            let _ = discard_body(&response);
            let origin = redirect_origin(&response, &req.url).ok();
            let origin = origin.and_then(|o| o.as_string());
            return Err(Failed::Refused(redirect_refused(
                req,
                status,
                origin.as_deref(),
            )));
        }
        let limit = self.shared.core.config().max_response_bytes;
        // The body through JS, not gloo-net's `text()` (which panics, `unreachable!`, when the
        // read rejects with something that is not an `Error`, and a panic aborts the module).
        let read = read_text_bounded(&response, limit as f64, signal);
        let text = match read {
            Ok(p) => JsFuture::from(p).await,
            Err(e) => Err(e),
        }
        .map_err(|_| Failed::Lost(Sent::Maybe))?;
        if text.is_null() {
            return Err(Failed::Refused(response_too_large(req, status, limit)));
        }
        Ok(HttpResponse {
            status,
            retry_after: response.headers().get("retry-after").ok().flatten(),
            body: text.as_string().ok_or(Failed::Lost(Sent::Maybe))?,
        })
    }

    fn hook(&self, which: usize, e: &Exchange<'_>) {
        if let Some(f) = &self.shared.hooks[which] {
            // A throwing hook must not break the call.
            let _ = f.call1(&JsValue::UNDEFINED, &json_js(e.to_json(which == 1)));
        }
    }
}

impl Env for JsEnv {
    async fn send(&self, req: &HttpRequest, timeout_ms: u64) -> Result<HttpResponse, ClientError> {
        let controller = AbortController::new().map_err(|_| ClientError::aborted())?;
        // `controller.abort` bound to it, run by the timer and by the caller's signal.
        let abort = get(&controller, "abort")
            .dyn_into::<Function>()
            .map_err(|_| ClientError::aborted())?
            // `abort(undefined)`: as an `abort` listener it would otherwise get the Event as its
            // reason, and the fetch would reject with that Event instead of an AbortError.
            .bind1(&controller, &JsValue::UNDEFINED)
            .unchecked_into::<Function>();
        let alarm = Alarm::new(abort, timeout_ms, self.signal.as_ref());
        let answer = self.fetch(req, &controller.signal()).await;
        drop(alarm);
        let why = match answer {
            Ok(r) => return Ok(r),
            // An answer came, and is refused (a redirect, a body past the limit).
            Err(Failed::Refused(e)) => return Err(e),
            Err(_) if self.aborted() => NoAnswer::Aborted,
            // Only the timer and the caller's signal abort `controller`.
            Err(_) if controller.signal().aborted() => NoAnswer::TimedOut,
            Err(Failed::Lost(sent)) => NoAnswer::Lost(sent),
        };
        Err(no_answer(req, why, timeout_ms))
    }

    async fn sleep(&self, ms: u64) -> Result<(), ClientError> {
        if self.aborted() {
            return Err(ClientError::aborted());
        }
        let mut resolve: Option<Function> = None;
        let promise = Promise::new(&mut |res, _| resolve = Some(res));
        let Some(resolve) = resolve else {
            return Ok(());
        };
        let _alarm = Alarm::new(resolve, ms, self.signal.as_ref());
        let _ = JsFuture::from(promise).await;
        if self.aborted() {
            return Err(ClientError::aborted());
        }
        Ok(())
    }

    fn now_ms(&self) -> i64 {
        js_sys::Date::now() as i64
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(AbortSignal::aborted)
    }

    async fn provide_token(&self, force_refresh: bool) -> Result<String, ClientError> {
        let failed = |why: &str| ClientError::Auth {
            code: "token_provider_failed",
            message: format!("tokenProvider {why}"),
            status: None,
        };
        let f = self
            .shared
            .provider
            .as_ref()
            .ok_or_else(|| failed("missing"))?;
        let arg: JsValue = Object::new().into();
        set(&arg, "forceRefresh", &force_refresh.into());
        let value = f
            .call1(&JsValue::UNDEFINED, &arg)
            .map_err(|_| failed("threw"))?;
        let value = JsFuture::from(Promise::resolve(&value))
            .await
            .map_err(|_| failed("rejected"))?;
        value
            .as_string()
            .ok_or_else(|| failed("did not return a string"))
    }

    fn before_request(&self, e: &Exchange<'_>) {
        self.hook(0, e);
    }

    fn after_response(&self, e: &Exchange<'_>) {
        self.hook(1, e);
    }
}

// ------------------------------------------------------------------------------------ arguments

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a plain object cannot throw.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() {
        Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A JS-only member (a function, the `AbortSignal`): absent, or of type `T`.
fn js_member<T: JsCast>(o: &JsValue, key: &str, what: &str) -> Result<Option<T>, ClientError> {
    let v = get(o, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let why = || bad_option(key, Code::Type, format!("{key} must be {what}"));
    v.dyn_into::<T>().map(Some).map_err(|_| why())
}

fn function(o: &JsValue, key: &str) -> Result<Option<Function>, ClientError> {
    js_member(o, key, "a function")
}

/// Servers: Node, Deno (also Deno Deploy and Netlify Edge), Bun, and the edge runtimes: Vercel /
/// Next.js edge (a global `EdgeRuntime` string) and Cloudflare workerd (`navigator.userAgent`
/// "Cloudflare-Workers"). Anything else (a page, any kind of worker) is a browser (T3).
fn in_browser() -> bool {
    let global = js_sys::global();
    let node = get(&get(&get(&global, "process"), "versions"), "node").is_string();
    let edge = get(&global, "EdgeRuntime").is_string();
    let workerd = get(&get(&global, "navigator"), "userAgent")
        .as_string()
        .as_deref()
        == Some("Cloudflare-Workers");
    !(node
        || edge
        || workerd
        || get(&global, "Deno").is_object()
        || !get(&global, "Bun").is_undefined())
}

fn build(options: &JsValue) -> Result<Shared, ClientError> {
    let (mut o, locale, validate) = args::client_options(&to_json(options))?;
    let provider = function(options, "tokenProvider")?;
    o.token_provider = provider.is_some();
    o.browser = in_browser();
    let hooks = get(options, "hooks");
    Ok(Shared {
        core: Client::new(ClientConfig::from_options(o)?),
        fetch: function(options, "fetch")?,
        provider,
        hooks: [
            function(&hooks, "beforeRequest")?,
            function(&hooks, "afterResponse")?,
        ],
        locale,
        validate,
    })
}

/// JSON text from the core as a JS value (the core checked it parses).
fn parsed(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

fn json_js(value: Value) -> JsValue {
    parsed(&json_text(&value))
}

fn id_arg(id: &JsValue) -> Result<String, ClientError> {
    args::id(&to_json(id))
}

// ------------------------------------------------------------------------------------ exports

/// Client of the ITCare PostgreSQL API (see `client.d.ts`). Holds no token or secret in any
/// printable form: its only JS field is the pointer wasm-bindgen gives it.
#[wasm_bindgen(skip_typescript)]
pub struct ItcareClient {
    shared: Rc<Shared>,
}

type Call = Pin<Box<dyn Future<Output = Result<JsValue, ClientError>>>>;

/// The call as a JS Promise (rejected at once when its arguments are bad). Boxed:
/// `future_to_promise` is instantiated once.
fn promise(call: Result<Call, ClientError>) -> Promise {
    match call {
        Ok(fut) => future_to_promise(async move { fut.await.map_err(|e| to_js_error(&e)) }),
        Err(e) => Promise::reject(&to_js_error(&e)),
    }
}

/// A PATCH of operation `name` with its `options`.
fn op(s: &Shared, id: &JsValue, name: &str, opts: Option<Value>) -> Result<Prepared, ClientError> {
    let (op, now) = (args::operation(name, opts), js_sys::Date::now() as i64);
    args::prepare_operation(id_arg(id)?, &op, s.validate, s.locale, now)
}

fn extension_list(names: &JsValue) -> Result<Value, ClientError> {
    let why = "names must be an array of extension names";
    let array = names
        .dyn_ref::<Array>()
        .ok_or_else(|| bad_option("options.extensions_list", Code::Type, why))?;
    let mut list = Vec::new();
    for n in array.iter() {
        list.push(match n.as_string() {
            Some(s) => args::object(vec![("name", Value::String(s))]),
            None => to_json(&n),
        });
    }
    Ok(Value::Array(list))
}

impl ItcareClient {
    fn env(&self, options: &JsValue) -> Result<JsEnv, ClientError> {
        let signal = js_member(options, "signal", "an AbortSignal")?;
        let shared = self.shared.clone();
        Ok(JsEnv { shared, signal })
    }

    /// A call with the host of `options` (its `signal`); `make` reads the other arguments
    /// (failing at once, before anything is sent) and returns the work.
    fn call<F>(
        &self,
        options: &JsValue,
        make: impl FnOnce(JsEnv) -> Result<F, ClientError>,
    ) -> Promise
    where
        F: Future<Output = Result<JsValue, ClientError>> + 'static,
    {
        promise(
            self.env(options)
                .and_then(make)
                .map(|f| Box::pin(f) as Call),
        )
    }

    /// Sends a prepared mutation (validated before anything is sent); `and_wait`: then waits.
    fn mutate(
        &self,
        prepared: Result<Prepared, ClientError>,
        options: JsValue,
        and_wait: bool,
    ) -> Promise {
        self.call(&options, |env| {
            let on_progress = function(&options, "onProgress")?;
            let (policy, _) = args::wait_options(&to_json(&options))?;
            let (endpoint, body, look) = prepared?;
            Ok(async move {
                let core = &env.shared.core;
                let accepted = core.mutate(&env, &endpoint, body.as_deref(), &look).await?;
                if !and_wait {
                    return Ok(parsed(&accepted.json));
                }
                let id = action_id(&accepted.action)?;
                wait(&env, &id, &policy, None, on_progress).await
            })
        })
    }

    fn read(&self, endpoint: Result<Endpoint, ClientError>, options: JsValue) -> Promise {
        self.call(&options, |env| {
            let endpoint = endpoint?;
            Ok(async move { Ok(parsed(&env.shared.core.get_json(&env, &endpoint).await?)) })
        })
    }
}

/// The waiter of the core, with `onProgress` called as `(action, state)`.
async fn wait(
    env: &JsEnv,
    id: &str,
    policy: &WaitPolicy,
    state: Option<WaitState>,
    on_progress: Option<Function>,
) -> Result<JsValue, ClientError> {
    let mut progress = |json: &str, state: &WaitState| {
        if let Some(f) = &on_progress {
            // A throwing callback must not break the wait.
            let _ = f.call2(&JsValue::UNDEFINED, &parsed(json), &to_js(state));
        }
    };
    let json = env
        .shared
        .core
        .wait(env, id, policy, state, &mut progress)
        .await?;
    Ok(parsed(&json))
}

/// The X / XAndWait pair of each mutation: same arguments, the second waits for the Action.
/// `$prepare` reads the arguments into the request to send (`s`: the client's options).
macro_rules! mutations {
    ($($(#[$doc:meta])* $x:ident $x_wait:ident = $js:literal $js_wait:literal
        ($($arg:ident),*) => $prepare:expr;)*) => {
        #[wasm_bindgen]
        impl ItcareClient {$(
            $(#[$doc])*
            #[wasm_bindgen(js_name = $js)]
            pub fn $x(&self, $($arg: JsValue,)* options: JsValue) -> Promise {
                self.mutate(($prepare)(&*self.shared), options, false)
            }
            /// The same, then waits for its Action (`WaitOptions`).
            #[wasm_bindgen(js_name = $js_wait)]
            pub fn $x_wait(&self, $($arg: JsValue,)* options: JsValue) -> Promise {
                self.mutate(($prepare)(&*self.shared), options, true)
            }
        )*}
    };
}

mutations! {
    /// POST a create request; resolves with its Action.
    create_postgresql create_postgresql_and_wait = "createPostgresql" "createPostgresqlAndWait"
        (request) => |s: &Shared| args::prepare_create(&to_json(&request), s.validate, s.locale);
    /// DELETE an instance.
    delete_postgresql delete_postgresql_and_wait = "deletePostgresql" "deletePostgresqlAndWait"
        (id) => |_: &Shared| id_arg(&id).map(args::prepare_delete);
    /// PATCH any operation.
    update_postgresql update_postgresql_and_wait = "updatePostgresql" "updatePostgresqlAndWait"
        (id, operation) => |s: &Shared| {
            let now = js_sys::Date::now() as i64;
            args::prepare_operation(id_arg(&id)?, &to_json(&operation), s.validate, s.locale, now)
        };
    /// `start` (O1).
    start_postgresql start_postgresql_and_wait = "startPostgresql" "startPostgresqlAndWait"
        (id) => |s| op(s, &id, "start", None);
    /// `stop` (O1; cannot be undone).
    stop_postgresql stop_postgresql_and_wait = "stopPostgresql" "stopPostgresqlAndWait"
        (id) => |s| op(s, &id, "stop", None);
    /// `resize` (O2; cannot be undone).
    resize_postgresql resize_postgresql_and_wait = "resizePostgresql" "resizePostgresqlAndWait"
        (id, sizing) => |s| op(s, &id, "resize", Some(args::object(vec![("sizing", to_json(&sizing))])));
    /// `restore` (O3).
    restore_postgresql restore_postgresql_and_wait = "restorePostgresql" "restorePostgresqlAndWait"
        (id, restore) => |s| op(s, &id, "restore", Some(to_json(&restore)));
    /// `enable_ha` (O4).
    enable_ha_postgresql enable_ha_postgresql_and_wait = "enableHaPostgresql" "enableHaPostgresqlAndWait"
        (id, enable_ha) => |s| op(s, &id, "enable_ha", Some(to_json(&enable_ha)));
    /// `update_patch_party` (O5).
    update_patch_party update_patch_party_and_wait = "updatePatchParty" "updatePatchPartyAndWait"
        (id, patch_party) => |s| {
            op(s, &id, "update_patch_party", Some(args::object(vec![("patchParty", to_json(&patch_party))])))
        };
    /// `install_extension` (O6).
    install_extensions install_extensions_and_wait = "installExtensions" "installExtensionsAndWait"
        (id, dbname, names) => |s| {
            let list = extension_list(&names)?;
            op(s, &id, "install_extension", Some(args::object(vec![("dbname", to_json(&dbname)), ("extensions_list", list)])))
        };
    /// `upgrade` (O7).
    upgrade_postgresql upgrade_postgresql_and_wait = "upgradePostgresql" "upgradePostgresqlAndWait"
        (id, upgrade) => |s| op(s, &id, "upgrade", Some(to_json(&upgrade)));
}

/// The GET of one resource by id, answered as parsed.
macro_rules! reads {
    ($($(#[$doc:meta])* $x:ident = $js:literal => $endpoint:ident;)*) => {
        #[wasm_bindgen]
        impl ItcareClient {$(
            $(#[$doc])*
            #[wasm_bindgen(js_name = $js)]
            pub fn $x(&self, id: JsValue, options: JsValue) -> Promise {
                self.read(id_arg(&id).map(Endpoint::$endpoint), options)
            }
        )*}
    };
}

reads! {
    /// One instance.
    get_postgresql = "getPostgresql" => GetPostgresql;
    /// Databases of an instance.
    list_postgresql_databases = "listPostgresqlDatabases" => Databases;
    /// Extensions available on an instance.
    list_postgresql_extensions = "listPostgresqlExtensions" => Extensions;
    /// Networks of an instance.
    list_postgresql_networks = "listPostgresqlNetworks" => Networks;
    /// Nodes of an instance.
    list_postgresql_nodes = "listPostgresqlNodes" => Nodes;
    /// Versions an instance can be upgraded to.
    list_postgresql_versions = "listPostgresqlVersions" => Versions;
    /// One Action (A2).
    get_action = "getAction" => GetAction;
}

#[wasm_bindgen]
impl ItcareClient {
    /// Creates a client (see `ItcareClientOptions`). Throws on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<ItcareClient, JsValue> {
        let shared = build(&options).map_err(|e| to_js_error(&e))?;
        Ok(ItcareClient {
            shared: Rc::new(shared),
        })
    }

    /// One page of instances (L1, T7).
    #[wasm_bindgen(js_name = listPostgresql)]
    pub fn list_postgresql(&self, query: JsValue, options: JsValue) -> Promise {
        self.call(&options, |env| {
            let (page, size) = args::list_query(&to_json(&query))?;
            Ok(async move {
                Ok(json_js(
                    env.shared.core.list_page(&env, page, size).await?.page,
                ))
            })
        })
    }

    /// Every instance (pages in sequence).
    #[wasm_bindgen(js_name = listAllPostgresql)]
    pub fn list_all_postgresql(&self, options: JsValue) -> Promise {
        self.call(&options, |env| {
            Ok(async move {
                Ok(json_js(Value::Array(
                    env.shared.core.list_all(&env, 10_000).await?,
                )))
            })
        })
    }

    /// Every instance as an async iterator (pages read on demand).
    #[wasm_bindgen(js_name = iteratePostgresql)]
    pub fn iterate_postgresql(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let env = Rc::new(self.env(&options).map_err(|e| to_js_error(&e))?);
        let pager = Rc::new(Pager::new());
        let object: JsValue = InstanceIterator { env, pager }.into();
        // `[Symbol.asyncIterator]() { return this }` so `for await` works: `Object.prototype.valueOf`
        // is exactly that function (no closure to leak, no eval for a CSP to block).
        let value_of = Reflect::get(&Object::new(), &"valueOf".into())?;
        Reflect::set(&object, &js_sys::Symbol::async_iterator(), &value_of)?;
        Ok(object)
    }

    /// Actions matching a filter (A3).
    #[wasm_bindgen(js_name = listActions)]
    pub fn list_actions(&self, filter: JsValue, options: JsValue) -> Promise {
        self.call(&options, |env| {
            let filter = args::action_filter(&to_json(&filter))?;
            Ok(async move {
                Ok(json_js(Value::Array(
                    env.shared.core.list_actions(&env, filter).await?,
                )))
            })
        })
    }

    /// Waits for an Action (see `WaitOptions`).
    #[wasm_bindgen(js_name = waitForAction)]
    pub fn wait_for_action(&self, id: JsValue, options: JsValue) -> Promise {
        self.call(&options, |env| {
            let id = id_arg(&id)?;
            let (policy, state) = args::wait_options(&to_json(&options))?;
            let on_progress = function(&options, "onProgress")?;
            Ok(async move { wait(&env, &id, &policy, state, on_progress).await })
        })
    }
}

/// Async iterator over every instance (`iteratePostgresql`), over the core's [`Pager`].
#[wasm_bindgen(skip_typescript)]
pub struct InstanceIterator {
    env: Rc<JsEnv>,
    pager: Rc<Pager>,
}

#[wasm_bindgen]
impl InstanceIterator {
    /// The next instance: `{ value, done }`.
    pub fn next(&self) -> Promise {
        let (env, pager) = (self.env.clone(), self.pager.clone());
        promise(Ok(Box::pin(async move {
            let item = pager.next(&env.shared.core, env.as_ref()).await?;
            let r: JsValue = Object::new().into();
            set(&r, "done", &item.is_none().into());
            set(&r, "value", &item.map_or(JsValue::UNDEFINED, json_js));
            Ok(r)
        }) as Call))
    }
}
