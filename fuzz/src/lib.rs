//! The fuzz targets' checks, one function per target. Each takes arbitrary bytes and panics when
//! a property of the SDK's core breaks; no panic is the first property (a panic in the wasm is an
//! `unreachable` trap that poisons the instance, TOOLCHAIN trap 7). The libFuzzer binaries in
//! `fuzz_targets/` call these; `tests/fuzz_regressions.rs` (root crate) runs them over the committed seeds and every
//! regression input (`regressions/<target>/`), so a crash once found stays a test.
//!
//! Rule numbers refer to `docs/spec/API.md`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use itcare_postgresql::client::{
    create_body, decode_action, error_from_response, http_details, interpret_token_response,
    operation_body, parse_retry_after, read_action, read_error_body, read_oauth_error, read_token,
    read_wait_state, Method, RetryDecision, RetryPolicy, TokenResponse, WaitState,
};
use itcare_postgresql::models::{
    Action, ApiErrorBody, CreatePostgresql, Database, DatabaseExtension, Extension, ListOrPage,
    Network, Node, Page, PostgresqlInstance, PostgresqlOperation,
};
use itcare_postgresql::validate::{
    validate_create, validate_create_field, validate_operation, Locale, OperationContext,
    ValidationIssue,
};

/// A target's check: arbitrary bytes in, a panic when a property breaks.
pub type Check = fn(&[u8]);

/// Every fuzz target, by name (the names of the binaries and of the seed/regression folders).
pub const TARGETS: &[(&str, Check)] = &[
    ("decode_models", decode_models),
    ("validate_create", validate_create_target),
    ("validate_operation", validate_operation_target),
    ("client_read", client_read),
];

/// Bytes as the client sees a body: `Response.text()` decodes UTF-8 with replacement.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Decode leniently (A1, T7, L1): a body the client decodes as `T` must survive its own
/// re-encoding unchanged (decode → `to_value` → decode gives the same model), so a model read
/// from an answer can be stored, logged or sent back as JSON without changing.
fn decodes_stably<T>(body: &Value)
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    // What a serde decode of a parsed answer gives (the client's own readers are checked against
    // it in `readers_agree_with_derives`).
    let Ok(model) = serde_json::from_value::<T>(body.clone()) else {
        return;
    };
    let value = serde_json::to_value(&model).expect("a decoded model serialises");
    let again: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("re-decoding {value} failed: {e}"));
    assert_eq!(again, model, "decode(encode(model)) != model for {value}");
}

/// Target `decode_models`: every response model (and the list shapes of L1/T7) decoded from
/// arbitrary bytes as the client decodes a 2xx answer.
pub fn decode_models(data: &[u8]) {
    let text = text(data);
    let Ok(body) = serde_json::from_str::<Value>(&text) else {
        assert!(decode_action(200, &text).is_err());
        return;
    };
    // The client reads an Action by hand (A1: an object), as the derive does.
    assert_eq!(
        decode_action(200, &text).ok(),
        serde_json::from_value::<Action>(body.clone())
            .ok()
            .filter(|_| body.is_object())
    );
    decodes_stably::<Action>(&body);
    decodes_stably::<PostgresqlInstance>(&body);
    decodes_stably::<Node>(&body);
    decodes_stably::<Database>(&body);
    decodes_stably::<DatabaseExtension>(&body);
    decodes_stably::<Extension>(&body);
    decodes_stably::<Network>(&body);
    decodes_stably::<ApiErrorBody>(&body);
    decodes_stably::<Page<PostgresqlInstance>>(&body);
    decodes_stably::<Page<Action>>(&body);
    decodes_stably::<Vec<i64>>(&body);
    // L1: a page or a bare array, whichever the server sends.
    for list in [
        items::<Node>(&body),
        items::<Database>(&body),
        items::<Network>(&body),
        items::<Extension>(&body),
    ]
    .into_iter()
    .flatten()
    {
        assert!(list <= text.len(), "more items than bytes");
    }
    // The request models decode too (a saved form, a replayed body): same stability.
    decodes_stably::<CreatePostgresql>(&body);
    decodes_stably::<PostgresqlOperation>(&body);
    decodes_stably::<WaitState>(&body);
}

fn items<T: DeserializeOwned>(body: &Value) -> Option<usize> {
    serde_json::from_value::<ListOrPage<T>>(body.clone())
        .ok()
        .map(|l| l.items().len())
}

/// The same issues in English and French, message aside (one rule table, two locales).
fn same_issues_in_both_locales(en: &[ValidationIssue], fr: &[ValidationIssue]) {
    let key = |i: &ValidationIssue| (i.path.clone(), i.code, i.rule.clone());
    assert_eq!(
        en.iter().map(key).collect::<Vec<_>>(),
        fr.iter().map(key).collect::<Vec<_>>(),
        "English and French issues differ"
    );
    for issue in en.iter().chain(fr) {
        assert!(
            !issue.message.is_empty(),
            "an issue without a message: {issue:?}"
        );
        assert!(
            !issue.rule.is_empty(),
            "an issue without its rule: {issue:?}"
        );
    }
}

/// Target `validate_create`: arbitrary JSON validated as a create request (C1–C11), whole and
/// field by field. A request with no issue is one the client sends: its body (the documented
/// keys, `create_body`) decodes as a [`CreatePostgresql`] (validation and decoding agree).
pub fn validate_create_target(data: &[u8]) {
    let Ok(request) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let en = validate_create(&request, Locale::En);
    let fr = validate_create(&request, Locale::Fr);
    same_issues_in_both_locales(&en, &fr);
    if en.is_empty() {
        let body = create_body(&request);
        if let Err(e) = serde_json::from_value::<CreatePostgresql>(body.clone()) {
            panic!("valid create request whose body does not decode: {e}\nbody: {body}");
        }
    }
    // Field by field, as a form validates while the user types (with and without the request).
    if let Some(fields) = request.as_object() {
        for (field, value) in fields {
            let with = validate_create_field(field, value, Some(&request), Locale::En);
            let alone = validate_create_field(field, value, None, Locale::Fr);
            for issue in with.iter().chain(&alone) {
                assert!(!issue.message.is_empty(), "{issue:?}");
            }
        }
    }
    // The same value under an arbitrary field name (unknown names give no issue).
    validate_create_field("name", &request, None, Locale::En);
    validate_create_field("diskSize", &request, Some(&request), Locale::En);
}

/// Target `validate_operation`: the input is `[operation, context, nowMs]` or a bare
/// operation (then an empty context and a fixed clock). An operation with no issue is one the
/// client sends: `operation_body` keeps it (O8 names it) and the body decodes as a
/// [`PostgresqlOperation`].
pub fn validate_operation_target(data: &[u8]) {
    let Ok(input) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let (op, ctx, now_ms) = match &input {
        Value::Array(parts) if parts.len() == 3 => (
            parts[0].clone(),
            serde_json::from_value::<OperationContext>(parts[1].clone()).unwrap_or_default(),
            parts[2].as_i64().unwrap_or(1_767_225_600_000),
        ),
        _ => (
            input.clone(),
            OperationContext::default(),
            1_767_225_600_000,
        ),
    };
    let en = validate_operation(&op, &ctx, now_ms, Locale::En);
    let fr = validate_operation(&op, &ctx, now_ms, Locale::Fr);
    same_issues_in_both_locales(&en, &fr);
    if en.is_empty() {
        let Some(body) = operation_body(&op) else {
            panic!("valid operation that operation_body drops: {op}");
        };
        if let Err(e) = serde_json::from_value::<PostgresqlOperation>(body.clone()) {
            panic!("valid operation whose body does not decode: {e}\nbody: {body}");
        }
    }
}

/// The hand-written readers of `src/client/read.rs` give what the serde derives give (on objects;
/// an array is not one of these answers).
fn readers_agree_with_derives(value: &Value) {
    let object = value.is_object();
    let derived = serde_json::from_value::<Action>(value.clone()).ok();
    assert_eq!(read_action(value), derived.filter(|_| object), "Action");
    let derived = serde_json::from_value::<ApiErrorBody>(value.clone()).ok();
    assert_eq!(
        read_error_body(value),
        derived.filter(|_| object),
        "T6 body"
    );
    let derived = serde_json::from_value::<WaitState>(value.clone()).ok();
    assert_eq!(
        read_wait_state(value),
        derived.filter(|_| object),
        "WaitState"
    );
    let derived = serde_json::from_value::<TokenResponse>(value.clone()).ok();
    let read = read_token(value);
    let key = |t: &TokenResponse| {
        (
            t.access_token.clone(),
            t.expires_in.map(f64::to_bits),
            t.refresh_expires_in.map(f64::to_bits),
            t.refresh_token.clone(),
            t.token_type.clone(),
        )
    };
    assert_eq!(
        read.as_ref().map(key),
        derived.filter(|_| object).as_ref().map(key),
        "token answer (T3)"
    );
    read_oauth_error(value);
}

/// Target `client_read`: error bodies (T6), token answers (T3), Actions (A1), `Retry-After`
/// values and saved wait states, read from arbitrary bytes as the client reads a response. The
/// first two bytes pick the HTTP status, the next line is a `Retry-After` value, the rest is the
/// body.
pub fn client_read(data: &[u8]) {
    let status = match data {
        [a, b, ..] => u16::from_le_bytes([*a, *b]) % 600,
        _ => 200,
    };
    let rest = data.get(2..).unwrap_or_default();
    let (retry_after, body) = match rest.iter().position(|b| *b == b'\n') {
        Some(i) => (text(&rest[..i]), text(&rest[i + 1..])),
        None => (String::new(), text(rest)),
    };
    let now_ms = 1_767_225_600_000;

    // An absurd `Retry-After` saturates (u64::MAX ms) rather than wrapping; what matters is
    // what the retry policy makes of it, checked below.
    let _ = parse_retry_after(&retry_after, now_ms);
    let details = http_details(status, &body);
    assert_eq!(details.status, status);

    let error = error_from_response(status, &body, Some(&retry_after), now_ms);
    assert!(!error.name().is_empty() && !error.code().is_empty());
    let message = error.message();
    assert!(!message.is_empty(), "an error without a message");
    // T5: whatever the status, body and `Retry-After`, no retry (or check) waits past the call's
    // time budget, and a write is sent again at once only after a 429 (refused unprocessed);
    // after any other failure that may have been applied it is looked up first (Check).
    let policy = RetryPolicy::default();
    for method in [Method::Get, Method::Post, Method::Patch, Method::Delete] {
        for attempt in 1..=policy.max_attempts {
            match policy.decide(method, &error, attempt, 0, 0.5, 0) {
                RetryDecision::Retry { delay_ms } => {
                    assert!(
                        delay_ms <= policy.max_elapsed_ms,
                        "{method:?} {status}: {delay_ms}"
                    );
                    assert!(
                        method == Method::Get || status == 429,
                        "{method:?} {status} retried blindly"
                    );
                }
                RetryDecision::Check { delay_ms } => {
                    assert!(
                        delay_ms <= policy.max_elapsed_ms,
                        "{method:?} {status}: {delay_ms}"
                    );
                    assert_ne!(method, Method::Get, "a read is retried, not looked up");
                }
                RetryDecision::GiveUp => {}
            }
        }
    }
    // A status and a body are all it takes to build every error, whatever they hold.
    let _ = interpret_token_response(status, &body);
    if let Ok(action) = decode_action(status, &body) {
        // The derive through a `Value`, not straight from the text: a key repeated in the body
        // (`"process"` twice) is read last-wins by the hand reader, as by `Value` (lenient decode),
        // where the derive on text refuses it (regressions/client_read/action_duplicate_keys).
        let derived = serde_json::from_str::<Value>(&body)
            .ok()
            .and_then(|v| serde_json::from_value::<Action>(v).ok());
        assert_eq!(Some(action), derived);
    }

    if let Ok(value) = serde_json::from_str::<Value>(&body) {
        readers_agree_with_derives(&value);
    }
}
