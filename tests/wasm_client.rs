//! `ItcareClient` against the simulator, in Node and headless Chromium (`scripts/test-wasm.sh`
//! starts the simulator with `ITCARE_SIM_ACTION_MS=100` and sets `ITCARE_SIM_URL` at compile
//! time). Every test resets the simulator first; they run one at a time.
#![cfg(target_arch = "wasm32")]

use itcare_postgresql::wasm::ItcareClient;
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const SIM_URL: Option<&str> = option_env!("ITCARE_SIM_URL");

/// The simulator origin; fails loudly when the test was built without it.
fn sim() -> &'static str {
    match SIM_URL {
        Some(u) if !u.is_empty() => u,
        _ => panic!(
            "ITCARE_SIM_URL was not set when these tests were compiled: run scripts/test-wasm.sh \
             (it starts the simulator), do not run wasm_client on its own"
        ),
    }
}

/// Evaluates a JS expression.
fn js(expr: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expr});"))
        .call0(&JsValue::NULL)
        .expect("test expression evaluates")
}

fn is_browser() -> bool {
    js("typeof window !== 'undefined'").as_bool() == Some(true)
}

async fn settle(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

async fn ok(p: Promise) -> JsValue {
    match settle(p).await {
        Ok(v) => v,
        Err(e) => panic!(
            "call failed: {} {} {}",
            prop_s(&e, "name"),
            prop_s(&e, "code"),
            prop_s(&e, "message")
        ),
    }
}

async fn err(p: Promise) -> JsValue {
    match settle(p).await {
        Ok(v) => panic!("call should fail, got {}", stringify(&v)),
        Err(e) => e,
    }
}

fn prop(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

fn prop_s(v: &JsValue, k: &str) -> String {
    prop(v, k).as_string().unwrap_or_default()
}

fn prop_f(v: &JsValue, k: &str) -> f64 {
    prop(v, k).as_f64().unwrap_or(f64::NAN)
}

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A `fetch` to the simulator's controls (not through the client).
async fn control(method: &str, path: &str, body: &str) -> JsValue {
    let f = js(&format!(
        "async () => {{ const r = await fetch('{}{path}', {{ method: '{method}', headers: {{'Content-Type': 'application/json'}}, body: {} }}); if (!r.ok) throw new Error('control ' + r.status + ' ' + await r.text()); const t = await r.text(); return t ? JSON.parse(t) : null; }}",
        sim(),
        if body.is_empty() { "undefined".to_owned() } else { format!("{body:?}") }
    ));
    let p: Promise = f
        .unchecked_ref::<Function>()
        .call0(&JsValue::NULL)
        .unwrap()
        .unchecked_into();
    ok(p).await
}

async fn reset() {
    control("POST", "/_sim/reset", r#"{"seed":false}"#).await;
}

async fn faults(json: &str) {
    control("PUT", "/_sim/faults", json).await;
}

async fn action_ms(ms: u64) {
    control("PUT", "/_sim/config", &format!(r#"{{"actionMs":{ms}}}"#)).await;
}

/// Wraps the global `fetch` to count requests: `globalThis.__itcareCalls` lists `METHOD url`.
fn count_fetches() {
    js("(() => { if (!globalThis.__itcareRealFetch) { globalThis.__itcareRealFetch = globalThis.fetch; \
        globalThis.fetch = (input, init) => { const m = (init && init.method) || (input && input.method) || 'GET'; \
        const u = typeof input === 'string' ? input : input.url; globalThis.__itcareCalls.push(m + ' ' + u); \
        return globalThis.__itcareRealFetch(input, init); }; } globalThis.__itcareCalls = []; })()");
}

fn calls(filter: &str) -> Vec<String> {
    let all: Array = js("globalThis.__itcareCalls || []").unchecked_into();
    all.iter()
        .filter_map(|c| c.as_string())
        .filter(|c| c.contains(filter))
        .collect()
}

/// How many requests a "dropped connection" fault must hit to reach the client: Chromium
/// resends a request once by itself when a reused keep-alive connection closes before any
/// answer, so in a browser the fault is armed twice (and cleared after).
fn drops() -> u32 {
    if is_browser() {
        2
    } else {
        1
    }
}

fn unique(prefix: &str) -> String {
    format!("{prefix}{}", (js_sys::Math::random() * 1e9) as u64)
}

/// Node: client credentials (T3) with the simulator's dev defaults. Browser: a tokenProvider
/// that asks the simulator's one-click dev sign-in (a secret never goes to a page).
fn client_with(extra: &str) -> ItcareClient {
    let auth = if is_browser() {
        format!(
            "tokenProvider: async () => (await (await fetch('{}/_sim/dev-token', {{method: 'POST'}})).json()).access_token",
            sim()
        )
    } else {
        "clientId: 'itcare-sim', clientSecret: 'itcare-sim-secret'".to_owned()
    };
    let options = js(&format!(
        "{{ baseUrl: '{}/itcare', {auth}, {extra} }}",
        sim()
    ));
    ItcareClient::new(options).expect("client options are valid")
}

fn client() -> ItcareClient {
    client_with("retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200 }")
}

fn create_request(name: &str) -> JsValue {
    js(&format!(
        r#"{{ productCode: "deb12pg15", serviceId: 123, nodeSizing: "2cpu4gb", networkId: 132,
            area: "EB-QA", diskSize: 40, admPassword: "Test123@2022", allowedReplicationLag: 10,
            az: "EB4-QA", topology: "STANDALONE", trigram: "tri", tls: true, name: "{name}" }}"#
    ))
}

const FAST_WAIT: &str = "minDelayMs: 20, maxDelayMs: 100, timeoutMs: 20000";

fn wait_opts(extra: &str) -> JsValue {
    js(&format!("{{ {FAST_WAIT}, {extra} }}"))
}

/// Creates an instance, waits, and returns its id (found by name: an Action has no resource id).
async fn create_instance(c: &ItcareClient, name: &str) -> f64 {
    let done = ok(c.create_postgresql_and_wait(create_request(name), wait_opts(""))).await;
    assert_eq!(prop_s(&done, "status"), "SUCCESS");
    let all: Array = ok(c.list_all_postgresql(JsValue::UNDEFINED))
        .await
        .unchecked_into();
    let found: Vec<JsValue> = all.iter().filter(|i| prop_s(i, "name") == name).collect();
    assert_eq!(found.len(), 1, "exactly one instance named {name}");
    prop_f(&found[0], "id")
}

fn id(n: f64) -> JsValue {
    JsValue::from_f64(n)
}

#[wasm_bindgen_test]
async fn full_life_cycle() {
    reset().await;
    let c = client();
    let name = unique("life");

    // create -> wait (onProgress on each change) -> get
    let progress = js("[]");
    let on_progress = js("(list => (a, s) => list.push(a.status + '@' + s.attempt))")
        .unchecked_into::<Function>()
        .call1(&JsValue::NULL, &progress)
        .unwrap();
    let opts = wait_opts("");
    Reflect::set(&opts, &"onProgress".into(), &on_progress).unwrap();
    let created = ok(c.create_postgresql_and_wait(create_request(&name), opts)).await;
    assert_eq!(prop_s(&created, "status"), "SUCCESS");
    assert_eq!(prop_s(&created, "resourceName"), name);
    let seen: Array = progress.unchecked_into();
    assert!(seen.length() >= 1, "onProgress called");
    assert!(seen
        .iter()
        .last()
        .and_then(|s| s.as_string())
        .unwrap()
        .starts_with("SUCCESS@"));

    let all: Array = ok(c.list_all_postgresql(JsValue::UNDEFINED))
        .await
        .unchecked_into();
    let inst = all
        .iter()
        .find(|i| prop_s(i, "name") == name)
        .expect("listed");
    let iid = prop_f(&inst, "id");
    let got = ok(c.get_postgresql(id(iid), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&got, "name"), name);
    assert_eq!(prop_s(&got, "status"), "ACTIVE");

    // every operation, each awaited
    let w = || wait_opts("");
    let done = |v: JsValue| assert_eq!(prop_s(&v, "status"), "SUCCESS", "{}", stringify(&v));
    done(ok(c.stop_postgresql_and_wait(id(iid), w())).await);
    assert_eq!(
        prop_s(
            &ok(c.get_postgresql(id(iid), JsValue::UNDEFINED)).await,
            "status"
        ),
        "STOPPED"
    );
    done(ok(c.start_postgresql_and_wait(id(iid), w())).await);
    done(ok(c.resize_postgresql_and_wait(id(iid), "4cpu8gb".into(), w())).await);
    done(
        ok(c.update_patch_party_and_wait(
            id(iid),
            js("{ excluded: true, exclusionReason: 'tests' }"),
            w(),
        ))
        .await,
    );
    done(
        ok(c.install_extensions_and_wait(id(iid), "postgres".into(), js("['vector']"), w())).await,
    );
    let ts = js("new Date(Date.now() - 3600e3).toISOString()");
    let restore = js("({})");
    Reflect::set(&restore, &"sourceId".into(), &id(iid)).unwrap();
    Reflect::set(&restore, &"stop".into(), &"AFTER".into()).unwrap();
    Reflect::set(&restore, &"timestamp".into(), &ts).unwrap();
    done(ok(c.restore_postgresql_and_wait(id(iid), restore, w())).await);
    let versions: Array = ok(c.list_postgresql_versions(id(iid), JsValue::UNDEFINED))
        .await
        .unchecked_into();
    assert!(
        versions.iter().any(|v| v.as_f64() == Some(16.0)),
        "{}",
        stringify(&versions)
    );
    done(ok(c.upgrade_postgresql_and_wait(id(iid), js("{ targetVersion: '16' }"), w())).await);
    done(ok(c.enable_ha_postgresql_and_wait(id(iid), js("{ replicationLag: 10 }"), w())).await);
    let op =
        js("{ operation: 'update_patch_party', options: { patchParty: { excluded: false } } }");
    done(ok(c.update_postgresql_and_wait(id(iid), op, w())).await);

    // lists
    let after = ok(c.get_postgresql(id(iid), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&after, "topology"), "HA", "{}", stringify(&after));
    let dbs: Array = ok(c.list_postgresql_databases(id(iid), JsValue::UNDEFINED))
        .await
        .unchecked_into();
    let postgres = dbs
        .iter()
        .find(|d| prop_s(d, "name") == "postgres")
        .expect("postgres db");
    assert!(
        stringify(&postgres).contains("vector"),
        "extension installed: {}",
        stringify(&postgres)
    );
    let exts: Array = ok(c.list_postgresql_extensions(id(iid), JsValue::UNDEFINED))
        .await
        .unchecked_into();
    assert!(exts.length() > 0);
    let nets: Array = ok(c.list_postgresql_networks(id(iid), JsValue::UNDEFINED))
        .await
        .unchecked_into();
    assert!(nets.length() > 0);
    let nodes: Array = ok(c.list_postgresql_nodes(id(iid), JsValue::UNDEFINED))
        .await
        .unchecked_into();
    assert!(
        nodes.length() >= 2,
        "HA has several nodes: {}",
        nodes.length()
    );
    let page = ok(c.list_postgresql(js("{ page: 0, size: 10 }"), JsValue::UNDEFINED)).await;
    let content: Array = prop(&page, "content").unchecked_into();
    assert!(content.iter().any(|i| prop_s(&i, "name") == name));
    let filter = js("({})");
    Reflect::set(&filter, &"resourceName".into(), &name.clone().into()).unwrap();
    let actions: Array = ok(c.list_actions(filter, JsValue::UNDEFINED))
        .await
        .unchecked_into();
    assert!(
        actions.length() >= 9,
        "one action per step: {}",
        actions.length()
    );
    let one = actions.get(0);
    let again = ok(c.get_action(prop(&one, "id"), JsValue::UNDEFINED)).await;
    assert_eq!(prop_f(&again, "id"), prop_f(&one, "id"));

    // async iterator over every instance
    let iter = c.iterate_postgresql(JsValue::UNDEFINED).unwrap();
    let names =
        js("async it => { const n = []; for await (const i of it) n.push(i.name); return n; }")
            .unchecked_into::<Function>()
            .call1(&JsValue::NULL, &iter)
            .unwrap();
    let names: Array = ok(names.unchecked_into()).await.unchecked_into();
    assert!(names
        .iter()
        .any(|n| n.as_string().as_deref() == Some(name.as_str())));

    // delete -> 404
    done(ok(c.delete_postgresql_and_wait(id(iid), w())).await);
    let e = err(c.get_postgresql(id(iid), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "NotFoundError");
    assert_eq!(prop_s(&e, "code"), "not_found");
    assert_eq!(prop_f(&e, "status"), 404.0);
    assert!(e.is_instance_of::<js_sys::Error>(), "a real Error");
}

#[wasm_bindgen_test]
async fn validation_failure_sends_no_request() {
    reset().await;
    count_fetches();
    let c = client();
    let bad = js("{ name: 'NO', diskSize: 5, topology: 'HA' }");
    let e = err(c.create_postgresql(bad, JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "ValidationError");
    assert_eq!(prop_s(&e, "code"), "validation_failed");
    let issues: Array = prop(&e, "issues").unchecked_into();
    let paths: Vec<String> = issues.iter().map(|i| prop_s(&i, "path")).collect();
    assert!(
        paths.contains(&"name".to_owned()) && paths.contains(&"diskSize".to_owned()),
        "{paths:?}"
    );
    let e = err(c.resize_postgresql(id(1.0), "big".into(), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "ValidationError");
    assert_eq!(calls("").len(), 0, "no request at all: {:?}", calls(""));

    // Bad arguments are errors, never traps; the module keeps working.
    for bad_id in ["({})", "-1", "1.5", "''", "null"] {
        let e = err(c.get_postgresql(js(bad_id), JsValue::UNDEFINED)).await;
        assert_eq!(prop_s(&e, "name"), "ValidationError", "{bad_id}");
    }
    let e = err(c.get_postgresql(id(1.0), js("{ signal: 42 }"))).await;
    assert_eq!(prop_s(&e, "name"), "ValidationError");
    assert!(ItcareClient::new(js("{ baseUrl: 'ftp://x', token: 't' }")).is_err());
    assert!(ItcareClient::new(js("42")).is_err());
    let no_auth = ItcareClient::new(js("{ baseUrl: 'http://127.0.0.1:2/itcare' }"))
        .err()
        .unwrap();
    assert_eq!(prop_s(&no_auth, "name"), "AuthError");
    assert_eq!(prop_s(&no_auth, "code"), "no_credentials");
    assert_eq!(calls("").len(), 0);

    // validate: false lets the server answer T6: an ApiError with the field path.
    let raw = client_with("validate: false");
    let e = err(raw.create_postgresql(js("{ name: 'NO' }"), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "ApiError");
    assert_eq!(prop_f(&e, "status"), 400.0);
    assert_eq!(prop_s(&e, "errorCode"), "INVALID_FIELD_VALUE");
    assert!(
        !prop_s(&e, "path").is_empty(),
        "T6 errorDesc mapped to path"
    );
}

#[wasm_bindgen_test]
async fn secret_is_refused_in_a_browser() {
    let options = js(&format!(
        "{{ baseUrl: '{}/itcare', clientId: 'itcare-sim', clientSecret: 'itcare-sim-secret' }}",
        sim()
    ));
    match ItcareClient::new(options) {
        Err(e) => {
            assert!(is_browser(), "refused only in a browser");
            assert_eq!(prop_s(&e, "name"), "AuthError");
            assert_eq!(prop_s(&e, "code"), "secret_in_browser");
            assert!(!prop_s(&e, "message").contains("itcare-sim-secret"));
        }
        Ok(_) => assert!(!is_browser(), "a browser must refuse a client secret"),
    }
}

#[wasm_bindgen_test]
async fn expired_token_is_renewed_once() {
    reset().await;
    // Client credentials (allowed explicitly in the browser: the simulator is local).
    let options = js(&format!(
        "{{ baseUrl: '{}/itcare', clientId: 'itcare-sim', clientSecret: 'itcare-sim-secret', allowSecretInBrowser: true }}",
        sim()
    ));
    let c = ItcareClient::new(options).unwrap();
    count_fetches();
    // Single flight: concurrent first calls share one token request.
    let ps: Vec<Promise> = (0..4)
        .map(|_| c.list_postgresql(JsValue::UNDEFINED, JsValue::UNDEFINED))
        .collect();
    for p in ps {
        ok(p).await;
    }
    assert_eq!(calls("openid-connect").len(), 1, "{:?}", calls(""));
    // 401 -> refresh token -> retried.
    control("POST", "/_sim/expire-tokens", "").await;
    ok(c.list_postgresql(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(calls("openid-connect").len(), 2);
    // Refresh token expired too -> refresh refused -> new grant.
    control("POST", "/_sim/expire-tokens", r#"{"refresh":true}"#).await;
    ok(c.list_postgresql(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(
        calls("openid-connect").len(),
        4,
        "{:?}",
        calls("openid-connect")
    );

    // tokenProvider: asked again once with forceRefresh after a 401.
    let log = js("[]");
    let provider = js(&format!(
        "(log => async ({{ forceRefresh }}) => {{ log.push(forceRefresh); return (await (await globalThis.__itcareRealFetch('{}/_sim/dev-token', {{method: 'POST'}})).json()).access_token; }})",
        sim()
    ))
    .unchecked_into::<Function>()
    .call1(&JsValue::NULL, &log)
    .unwrap();
    let options = js(&format!("{{ baseUrl: '{}/itcare' }}", sim()));
    Reflect::set(&options, &"tokenProvider".into(), &provider).unwrap();
    let p = ItcareClient::new(options).unwrap();
    ok(p.list_postgresql(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    control("POST", "/_sim/expire-tokens", "").await;
    // The provider hands out a fresh token each time, so only a stale cached one would 401.
    let stale = js(&format!("{{ baseUrl: '{}/itcare' }}", sim()));
    let first_token = ok(js(&format!(
        "fetch('{}/_sim/dev-token', {{method: 'POST'}}).then(r => r.json()).then(j => j.access_token)",
        sim()
    )).unchecked_into())
    .await;
    control("POST", "/_sim/expire-tokens", "").await;
    let stale_provider = js("(log, t) => async ({ forceRefresh }) => { log.push(forceRefresh); return forceRefresh ? null : t; }")
        .unchecked_into::<Function>()
        .call2(&JsValue::NULL, &log, &first_token)
        .unwrap();
    Reflect::set(&stale, &"tokenProvider".into(), &stale_provider).unwrap();
    let s = ItcareClient::new(stale).unwrap();
    let e = err(s.list_postgresql(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "AuthError");
    let log: Array = log.unchecked_into();
    let flags: Vec<bool> = log.iter().filter_map(|b| b.as_bool()).collect();
    // first client: [false]; stale client: [false, true] (asked again once after the 401).
    assert_eq!(flags, vec![false, false, true], "{flags:?}");

    // A static token that expired: AuthError 401, the token never in the error.
    let t = ItcareClient::new(js(&format!(
        "{{ baseUrl: '{}/itcare', token: 'not-a-real-token' }}",
        sim()
    )))
    .unwrap();
    let e = err(t.list_postgresql(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "AuthError");
    assert_eq!(prop_f(&e, "status"), 401.0);
    assert!(
        !stringify(&e).contains("not-a-real-token")
            && !prop_s(&e, "message").contains("not-a-real-token")
    );
}

#[wasm_bindgen_test]
async fn transient_get_failures_are_absorbed() {
    reset().await;
    let c = client();
    let iid = create_instance(&c, &unique("flaky")).await;
    count_fetches();
    faults(&format!(r#"{{"retryAfterSecs":0,"next":[{{"kind":"503","count":1,"method":"GET"}},{{"kind":"drop","count":{},"method":"GET"}},{{"kind":"429","count":1,"method":"GET"}}]}}"#, drops())).await;
    let got = ok(c.get_postgresql(id(iid), JsValue::UNDEFINED)).await;
    assert_eq!(prop_f(&got, "id"), iid);
    let sent = calls("/databases/postgresql/").len();
    if is_browser() {
        assert!(
            (3..=5).contains(&sent),
            "faults absorbed by retries: {:?}",
            calls("")
        );
    } else {
        assert_eq!(sent, 4, "3 faults then success: {:?}", calls(""));
    }
    faults("{}").await;

    // A waiter also rides through 503s and dropped connections.
    faults(&format!(r#"{{"next":[{{"kind":"503","count":2,"method":"GET","pathPrefix":"/itcare/actions"}},{{"kind":"drop","count":{},"method":"GET","pathPrefix":"/itcare/actions"}}]}}"#, drops())).await;
    let done = ok(c.stop_postgresql_and_wait(id(iid), wait_opts(""))).await;
    assert_eq!(prop_s(&done, "status"), "SUCCESS");

    // A DELETE whose answer is lost after the server processed it resolves with the Action
    // that exists (looked up among the instance's actions), without being sent again.
    count_fetches();
    faults(&format!(
        r#"{{"next":[{{"kind":"dropAfter","count":{},"method":"DELETE"}}]}}"#,
        drops()
    ))
    .await;
    let a = ok(c.delete_postgresql(id(iid), JsValue::UNDEFINED)).await;
    assert!(prop_f(&a, "id") > 0.0);
    assert!(
        prop_s(&a, "process").ends_with("delete"),
        "{}",
        stringify(&a)
    );
    if !is_browser() {
        assert_eq!(calls("DELETE").len(), 1, "{:?}", calls(""));
    }
    assert!(!calls("resourceId=").is_empty(), "looked: {:?}", calls(""));
    faults("{}").await;

    // Retries are bounded: a server that stays down ends in an ApiError.
    faults(r#"{"rate503":1.0}"#).await;
    let e = err(c.get_postgresql(id(iid), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "ApiError");
    assert_eq!(prop_f(&e, "status"), 503.0);
    faults("{}").await;
}

#[wasm_bindgen_test]
async fn create_is_never_duplicated_after_an_ambiguous_failure() {
    reset().await;
    let c = client();
    count_fetches();
    let name = unique("amb");
    // The connection drops after the request was written: the client looks for the create
    // (actions by name, then instances) before sending again.
    let drop_posts = format!(
        r#"{{"next":[{{"kind":"drop","count":{},"method":"POST","pathPrefix":"/itcare/databases"}}]}}"#,
        drops()
    );
    faults(&drop_posts).await;
    let first = ok(c.create_postgresql(create_request(&name), JsValue::UNDEFINED)).await;
    assert!(prop_f(&first, "id") > 0.0);
    faults("{}").await;
    let posts = calls("POST");
    let creates = posts
        .iter()
        .filter(|c| c.contains("/databases/postgresql"))
        .count();
    if !is_browser() {
        assert_eq!(creates, 2, "dropped, checked, sent again: {posts:?}");
    }
    if creates > 1 {
        assert!(
            !calls("resourceName=").is_empty(),
            "checked the actions first: {:?}",
            calls("")
        );
    }

    // Sent again while the first create of that name is running, and dropped before it was
    // processed: the look finds no create of *this* call (the first one was listed before it was
    // sent, so it is not adopted), so it is sent again, and the API says the name exists.
    faults(&drop_posts).await;
    let second = err(c.create_postgresql(create_request(&name), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&second, "name"), "ConflictError");
    assert_eq!(prop_f(&second, "status"), 409.0);
    faults("{}").await;

    let all: Array = ok(c.list_all_postgresql(JsValue::UNDEFINED))
        .await
        .unchecked_into();
    assert_eq!(all.iter().filter(|i| prop_s(i, "name") == name).count(), 1);

    // A 409 is not retried.
    ok(c.wait_for_action(prop(&first, "id"), wait_opts(""))).await;
    let e = err(c.create_postgresql(create_request(&name), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "ConflictError");
    assert_eq!(prop_f(&e, "status"), 409.0);
}

#[wasm_bindgen_test]
async fn waiter_abort_timeout_and_failure() {
    reset().await;
    let c = client();
    let iid = create_instance(&c, &unique("wait")).await;
    action_ms(5_000).await;

    // Aborted mid-way.
    let stop = ok(c.stop_postgresql(id(iid), JsValue::UNDEFINED)).await;
    let controller = js("new AbortController()");
    js("(c => setTimeout(() => c.abort(), 300))")
        .unchecked_into::<Function>()
        .call1(&JsValue::NULL, &controller)
        .unwrap();
    let opts = wait_opts("");
    Reflect::set(&opts, &"signal".into(), &prop(&controller, "signal")).unwrap();
    let t0 = js_sys::Date::now();
    let e = err(c.wait_for_action(prop(&stop, "id"), opts)).await;
    assert_eq!(prop_s(&e, "name"), "AbortError");
    assert_eq!(prop_s(&e, "code"), "aborted");
    assert!(js_sys::Date::now() - t0 < 2_000.0, "stopped at once");

    // Timing out: TimeoutError with the last Action seen.
    let e = err(c.wait_for_action(
        prop(&stop, "id"),
        js("{ timeoutMs: 400, minDelayMs: 50, maxDelayMs: 100 }"),
    ))
    .await;
    assert_eq!(prop_s(&e, "name"), "TimeoutError");
    assert_eq!(prop_s(&e, "code"), "wait_timeout");
    let last = prop(&e, "action");
    assert_eq!(prop_f(&last, "id"), prop_f(&stop, "id"));
    assert_eq!(prop_s(&last, "status"), "IN_PROGRESS");

    // Resumable from a saved state (e.g. after a page reload), same deadline kept.
    let state = js(&format!(
        "{{ actionId: '{}', startedAt: Date.now() - 1000, deadline: Date.now() + 30000, attempt: 3 }}",
        prop_f(&stop, "id")
    ));
    action_ms(100).await;
    let opts = wait_opts("");
    Reflect::set(&opts, &"state".into(), &state).unwrap();
    let done = ok(c.wait_for_action(prop(&stop, "id"), opts)).await;
    assert_eq!(prop_s(&done, "status"), "SUCCESS");

    // An action that ends in ERROR.
    faults(r#"{"failNextActions":1}"#).await;
    let e = err(c.start_postgresql_and_wait(id(iid), wait_opts(""))).await;
    assert_eq!(prop_s(&e, "name"), "ActionFailedError");
    assert_eq!(prop_s(&prop(&e, "action"), "status"), "ERROR");
    faults("{}").await;

    // A non-retryable 4xx stops the waiter at once (no polling until the timeout).
    let t0 = js_sys::Date::now();
    let e = err(c.wait_for_action(id(987_654_321.0), js("{ timeoutMs: 60000 }"))).await;
    assert_eq!(prop_s(&e, "name"), "NotFoundError");
    assert!(js_sys::Date::now() - t0 < 2_000.0);
}

#[wasm_bindgen_test]
async fn refused_connections_and_unknown_create_outcomes() {
    count_fetches();
    let c = ItcareClient::new(js(
        "{ baseUrl: 'http://127.0.0.1:2/itcare', token: 'x', retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 } }",
    ))
    .unwrap();
    let e = err(c.create_postgresql(create_request("refused01"), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "NetworkError");
    let posts = calls("POST http://127.0.0.1:2/").len();
    let checks = calls("GET http://127.0.0.1:2/").len();
    if is_browser() {
        // No detail from a browser: maybe sent, so never re-sent without a check, and the
        // check cannot reach the server either.
        assert_eq!(prop_s(&e, "code"), "outcome_unknown");
        assert_eq!(posts, 1, "{:?}", calls(""));
        assert!(checks > 0, "looked for the create first");
    } else {
        // Node says ECONNREFUSED: surely not sent, so safe to send again. The name's actions are
        // read before the create is sent (the baseline, with its own 4 attempts), never after.
        assert_eq!(prop_s(&e, "code"), "network_error");
        assert_eq!(posts, 3, "{:?}", calls(""));
        assert_eq!(checks, 4, "{:?}", calls(""));
    }
    count_fetches();
    let e = err(c.get_postgresql(id(1.0), JsValue::UNDEFINED)).await;
    assert_eq!(prop_s(&e, "name"), "NetworkError");
    assert_eq!(
        calls("127.0.0.1:2/").len(),
        3,
        "reads retried up to maxAttempts"
    );
}

#[wasm_bindgen_test]
fn the_client_object_never_shows_credentials() {
    let c = ItcareClient::new(js(
        "{ baseUrl: 'http://127.0.0.1:2/itcare', token: 'tok-SECRET-123' }",
    ))
    .unwrap();
    let obj: JsValue = c.into();
    let shown = js("o => [String(o), JSON.stringify(o), Object.keys(o).join(','), Object.getOwnPropertyNames(o).join(',')].join(' | ')")
        .unchecked_into::<Function>()
        .call1(&JsValue::NULL, &obj)
        .unwrap()
        .as_string()
        .unwrap();
    assert!(!shown.contains("SECRET"), "{shown}");
}
