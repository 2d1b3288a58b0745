#![cfg(not(target_arch = "wasm32"))]
//! The decisions the shipped client takes, one by one, natively: request building, error
//! mapping (T5, T6), decoding, retry and look-up decisions, resolution of ambiguous mutations,
//! waiter schedule, token cache, and the host helpers of the wasm `Env` (sent phase, no-answer
//! errors, hook events). The client's behaviour end to end (its loops over a scripted host with
//! virtual time) is in `client_behaviour.rs`.

use itcare_postgresql::client::*;
use itcare_postgresql::models::Action;

const NOW: i64 = 1_700_000_000_000;

fn base() -> BaseUrl {
    BaseUrl::parse("https://api.cegedim.cloud/itcare/").unwrap()
}

fn action(id: i64, status: &str) -> Action {
    Action {
        id: Some(id),
        status: Some(status.into()),
        ..Action::default()
    }
}

// ---------------------------------------------------------------- request building (T1, T2, T4)

#[test]
fn create_request_has_bearer_accept_and_vendor_content_type() {
    let req = build_request(
        &base(),
        &Endpoint::CreatePostgresql,
        "tok",
        Some("{}".into()),
        &[],
    );
    assert_eq!(req.method, Method::Post);
    assert_eq!(
        req.url,
        "https://api.cegedim.cloud/itcare/databases/postgresql"
    );
    assert_eq!(req.header("authorization"), Some("Bearer tok")); // T2
    assert_eq!(req.header("Accept"), Some("application/json"));
    assert_eq!(
        req.header("content-type"),
        Some("application/vnd.cegedim-it.v1+json")
    ); // T4
    assert_eq!(req.body.as_deref(), Some("{}"));
}

#[test]
fn patch_request_uses_application_json() {
    let req = build_request(
        &base(),
        &Endpoint::UpdatePostgresql("42".into()),
        "t",
        Some("{}".into()),
        &[],
    );
    assert_eq!(req.method, Method::Patch);
    assert_eq!(
        req.url,
        "https://api.cegedim.cloud/itcare/databases/postgresql/42"
    );
    assert_eq!(req.header("Content-Type"), Some("application/json")); // T4
}

#[test]
fn get_and_delete_send_no_content_type() {
    for (ep, method) in [
        (Endpoint::GetPostgresql("1".into()), Method::Get),
        (Endpoint::DeletePostgresql("1".into()), Method::Delete),
    ] {
        let req = build_request(&base(), &ep, "t", None, &[]);
        assert_eq!(req.method, method);
        assert_eq!(req.header("content-type"), None);
        assert!(req.body.is_none());
    }
}

#[test]
fn every_endpoint_path() {
    let cases = [
        (
            Endpoint::Databases("7".into()),
            "/databases/postgresql/7/databases",
        ),
        (
            Endpoint::Extensions("7".into()),
            "/databases/postgresql/7/extensions",
        ),
        (
            Endpoint::Networks("7".into()),
            "/databases/postgresql/7/networks",
        ),
        (Endpoint::Nodes("7".into()), "/databases/postgresql/7/nodes"),
        (
            Endpoint::Versions("7".into()),
            "/databases/postgresql/7/versions",
        ),
        (Endpoint::GetAction("99".into()), "/actions/99"),
        (
            Endpoint::ListPostgresql {
                page: None,
                size: None,
            },
            "/databases/postgresql",
        ),
        (
            Endpoint::ListPostgresql {
                page: Some(2),
                size: Some(50),
            },
            "/databases/postgresql?page=2&size=50",
        ),
    ];
    for (ep, path) in cases {
        assert_eq!(ep.path(), path);
        assert_eq!(ep.method(), Method::Get);
    }
}

#[test]
fn ids_and_query_values_are_percent_encoded() {
    assert_eq!(
        Endpoint::GetPostgresql("../admin?x=1".into()).path(),
        "/databases/postgresql/..%2Fadmin%3Fx%3D1"
    );
    let filter = ActionFilter {
        resource_name: Some("my db&x".into()),
        statuses: Some(vec!["IN_PROGRESS".into(), "ERROR".into()]),
        ..ActionFilter::default()
    };
    assert_eq!(
        Endpoint::ListActions(filter).path(),
        "/actions?resourceName=my%20db%26x&statuses=IN_PROGRESS%2CERROR"
    );
    assert_eq!(encode_component("é"), "%C3%A9");
}

#[test]
fn request_debug_never_shows_the_token() {
    let req = build_request(
        &base(),
        &Endpoint::GetPostgresql("1".into()),
        "s3cr3t-token",
        None,
        &[],
    );
    let dbg = format!("{req:?}");
    assert!(!dbg.contains("s3cr3t"), "{dbg}");
    assert!(dbg.contains("redacted"));
}

#[test]
fn base_url_checks_and_token_url_defaults() {
    assert!(BaseUrl::parse("ftp://x").is_err());
    assert!(BaseUrl::parse("https://").is_err());
    assert!(BaseUrl::parse("https://h/p?q=1").is_err());
    assert!(BaseUrl::parse("https://user@h/p").is_err());
    let sim = BaseUrl::parse("http://127.0.0.1:8080/itcare").unwrap();
    assert!(sim.is_loopback());
    assert_eq!(sim.origin(), "http://127.0.0.1:8080");
    let bare = BaseUrl::parse("https://h:8443/").unwrap();
    assert_eq!(
        (bare.origin(), bare.is_loopback()),
        ("https://h:8443", false)
    );
    let v6 = BaseUrl::parse("http://[::1]:9/a/b").unwrap();
    assert_eq!((v6.origin(), v6.is_loopback()), ("http://[::1]:9", true));
    assert_eq!(
        sim.default_token_url(),
        "http://127.0.0.1:8080/auth/realms/cloud/protocol/openid-connect/token"
    );
    assert!(!base().is_loopback());
    assert_eq!(base().default_token_url(), DEFAULT_TOKEN_URL); // T3
    assert!(BaseUrl::parse("http://localhost/itcare")
        .unwrap()
        .is_loopback());
}

#[test]
fn every_t5_status_maps_to_its_error() {
    let cases: [(u16, &str, &str); 12] = [
        (400, "ApiError", "bad_request"),
        (401, "AuthError", "unauthenticated"),
        (403, "AuthError", "forbidden"),
        (404, "NotFoundError", "not_found"),
        (409, "ConflictError", "conflict"),
        (422, "ApiError", "inconsistent_data"),
        (429, "RateLimitError", "rate_limited"),
        (500, "ApiError", "server_error"),
        (502, "ApiError", "bad_gateway"),
        (503, "ApiError", "unavailable"),
        (504, "ApiError", "gateway_timeout"),
        (418, "ApiError", "client_error"),
    ];
    for (status, name, code) in cases {
        let err = error_from_response(status, "", None, NOW);
        assert_eq!(err.name(), name, "{status}");
        assert_eq!(err.code(), code, "{status}");
        assert_eq!(err.status(), Some(status), "{status}");
    }
    assert_eq!(
        error_from_response(599, "", None, NOW).code(),
        "server_error"
    );
    assert_eq!(
        error_from_response(302, "", None, NOW).code(),
        "unexpected_status"
    );
}

#[test]
fn t6_body_gives_error_code_and_field_path() {
    let body = r#"{"status":"BAD_REQUEST","errorCode":"INVALID_FIELD_VALUE","errorDesc":"name","errorMessage":"Error on field 'name'"}"#;
    let err = error_from_response(400, body, None, NOW);
    let http = err.http().unwrap();
    assert_eq!(http.error_code.as_deref(), Some("INVALID_FIELD_VALUE"));
    assert_eq!(http.error_desc.as_deref(), Some("name"));
    assert_eq!(http.path.as_deref(), Some("name")); // T6: errorDesc names the field
    assert_eq!(http.error_message.as_deref(), Some("Error on field 'name'"));
    assert_eq!(http.body.as_deref(), Some(body));
    assert!(err.message().contains("Error on field 'name'"));
}

#[test]
fn error_desc_paths_versus_sentences() {
    for (desc, path) in [
        ("options.sizing", Some("options.sizing")),
        (
            "options.extensions_list[0].name",
            Some("options.extensions_list[0].name"),
        ),
        ("the name is taken", None),
        ("a[", None),
        ("", None),
    ] {
        let body = format!(r#"{{"errorDesc":{desc:?}}}"#);
        let err = error_from_response(400, &body, None, NOW);
        assert_eq!(err.http().unwrap().path.as_deref(), path, "{desc}");
    }
}

#[test]
fn non_json_error_body_is_kept_raw() {
    let err = error_from_response(502, "<html>proxy</html>", None, NOW);
    assert_eq!(
        err.http().unwrap().body.as_deref(),
        Some("<html>proxy</html>")
    );
    assert_eq!(err.http().unwrap().error_code, None);
}

#[test]
fn non_json_success_body_is_an_api_error_with_raw_text() {
    let err = decode_action(200, "<html>oops</html>").unwrap_err();
    assert_eq!(err.name(), "ApiError");
    assert_eq!(err.code(), "invalid_response");
    assert_eq!(
        err.http().unwrap().body.as_deref(),
        Some("<html>oops</html>")
    );
    let empty = decode_action(202, "").unwrap_err();
    assert_eq!(empty.code(), "invalid_response");
}

#[test]
fn lenient_decode_of_an_action() {
    let a = decode_action(202, r#"{"id":5,"status":"QUEUED","extra":{"x":1}}"#).unwrap();
    assert_eq!(a.id, Some(5));
    assert_eq!(a.status.unwrap().as_str(), "QUEUED"); // A1: unknown status kept
}

#[test]
fn auth_errors_never_carry_a_token() {
    let err = error_from_response(401, "", None, NOW);
    assert!(!format!("{err} {err:?}").to_lowercase().contains("bearer"));
}

// ---------------------------------------------------------------- Retry-After

#[test]
fn retry_after_seconds_and_http_date() {
    assert_eq!(parse_retry_after("120", NOW), Some(120_000));
    assert_eq!(parse_retry_after(" 0 ", NOW), Some(0));
    // 1_700_000_000 s = Tue, 14 Nov 2023 22:13:20 GMT
    assert_eq!(
        parse_retry_after("Tue, 14 Nov 2023 22:13:25 GMT", NOW),
        Some(5_000)
    );
    assert_eq!(
        parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", NOW),
        Some(0)
    ); // past
    for bad in [
        "",
        "-1",
        "soon",
        "1.5",
        "Tue, 14 Nov 2023 22:13:25 CET",
        "Tue, 32 Nov 2023 22:13:25 GMT",
    ] {
        assert_eq!(parse_retry_after(bad, NOW), None, "{bad}");
    }
    let err = error_from_response(429, "", Some("3"), NOW);
    match err {
        ClientError::RateLimit { retry_after_ms, .. } => assert_eq!(retry_after_ms, Some(3_000)),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------- retry decisions

fn net(sent: Sent) -> ClientError {
    ClientError::Network {
        code: "network_error",
        message: "x".into(),
        sent,
    }
}

fn status(s: u16) -> ClientError {
    error_from_response(s, "", None, NOW)
}

fn is_retry(d: RetryDecision) -> bool {
    matches!(d, RetryDecision::Retry { .. })
}

fn is_check(d: RetryDecision) -> bool {
    matches!(d, RetryDecision::Check { .. })
}

#[test]
fn get_retries_transient_failures_only() {
    let p = RetryPolicy::default();
    for err in [
        net(Sent::Maybe),
        net(Sent::No),
        status(429),
        status(500),
        status(502),
        status(503),
        status(504),
    ] {
        assert!(
            is_retry(p.decide(Method::Get, &err, 1, 0, 0.5, 0)),
            "{err:?}"
        );
    }
    let timeout = ClientError::Timeout {
        code: "request_timeout",
        message: String::new(),
        action: None,
    };
    assert!(is_retry(p.decide(Method::Get, &timeout, 1, 0, 0.5, 0)));
    for s in [400, 401, 403, 404, 409, 422] {
        assert_eq!(
            p.decide(Method::Get, &status(s), 1, 0, 0.5, 0),
            RetryDecision::GiveUp,
            "{s}"
        );
    }
    let bad_json = decode_action(200, "x").unwrap_err();
    assert_eq!(
        p.decide(Method::Get, &bad_json, 1, 0, 0.5, 0),
        RetryDecision::GiveUp
    );
}

/// Mutations: sent again at once only when surely not processed (not sent, 429); a failure that
/// may have been processed asks to look first; refusals are final.
#[test]
fn mutations_retry_unprocessed_failures_and_look_after_ambiguous_ones() {
    let p = RetryPolicy::default();
    for method in [Method::Post, Method::Patch, Method::Delete] {
        for err in [net(Sent::No), status(429)] {
            assert!(
                is_retry(p.decide(method, &err, 1, 0, 0.5, 0)),
                "{method:?} {err:?}"
            );
        }
        let timeout = ClientError::Timeout {
            code: "request_timeout",
            message: String::new(),
            action: None,
        };
        for err in [
            net(Sent::Maybe),
            status(500),
            status(502),
            status(503),
            status(504),
            timeout,
        ] {
            assert!(
                is_check(p.decide(method, &err, 1, 0, 0.5, 0)),
                "{method:?} {err:?}"
            );
        }
        for s in [400, 401, 403, 404, 409, 422] {
            assert_eq!(
                p.decide(method, &status(s), 1, 0, 0.5, 0),
                RetryDecision::GiveUp,
                "{method:?} {s}"
            );
        }
        // Out of attempts or of time, a write that may have happened is still looked at (its
        // outcome must be known, not reported as a plain failure); one surely not processed
        // gives up.
        for (attempt, elapsed) in [(4, 0), (1, 60_000)] {
            assert!(
                is_check(p.decide(method, &net(Sent::Maybe), attempt, elapsed, 0.5, 0)),
                "{method:?} attempt {attempt}, {elapsed} ms"
            );
            assert_eq!(
                p.decide(method, &status(429), attempt, elapsed, 0.5, 0),
                RetryDecision::GiveUp,
                "{method:?} attempt {attempt}, {elapsed} ms"
            );
        }
        // A 2xx whose body could not be read: the write happened.
        for code in ["invalid_response", "response_too_large"] {
            let unreadable = ClientError::Api {
                code,
                message: String::new(),
                http: Box::new(HttpDetails {
                    status: 202,
                    ..HttpDetails::default()
                }),
            };
            assert!(may_have_happened(&unreadable), "{code}");
            assert!(is_check(p.decide(method, &unreadable, 1, 0, 0.5, 0)));
        }
    }
    assert_eq!(
        p.decide(Method::Get, &net(Sent::Maybe), 4, 0, 0.5, 0),
        RetryDecision::GiveUp,
        "a read out of attempts"
    );
}

#[test]
fn retries_are_bounded_by_attempts_and_time() {
    let p = RetryPolicy {
        max_attempts: 3,
        max_elapsed_ms: 1_000,
        base_delay_ms: 100,
        max_delay_ms: 400,
        ..RetryPolicy::default()
    };
    let err = status(503);
    assert!(is_retry(p.decide(Method::Get, &err, 2, 0, 0.5, 0)));
    assert_eq!(
        p.decide(Method::Get, &err, 3, 0, 0.5, 0),
        RetryDecision::GiveUp
    );
    assert_eq!(
        p.decide(Method::Get, &err, 1, 990, 0.99, 0),
        RetryDecision::GiveUp
    );
    let once = RetryPolicy {
        max_attempts: 1,
        ..RetryPolicy::default()
    };
    assert_eq!(
        once.decide(Method::Get, &err, 1, 0, 0.5, 0),
        RetryDecision::GiveUp
    );
}

#[test]
fn rate_limit_honours_retry_after_within_budget() {
    let p = RetryPolicy::default();
    let err = error_from_response(429, "", Some("2"), NOW);
    assert_eq!(
        p.decide(Method::Get, &err, 1, 0, 0.9, 0),
        RetryDecision::Retry { delay_ms: 2_000 }
    );
    let long = error_from_response(429, "", Some("3600"), NOW);
    assert_eq!(
        p.decide(Method::Get, &long, 1, 0, 0.9, 0),
        RetryDecision::GiveUp
    );
}

#[test]
fn unavailable_honours_retry_after_capped() {
    let p = RetryPolicy {
        max_delay_ms: 5_000,
        ..RetryPolicy::default()
    };
    let soon = error_from_response(503, "", Some("2"), NOW);
    assert_eq!(soon.http().unwrap().retry_after_ms, Some(2_000));
    assert_eq!(
        p.decide(Method::Get, &soon, 1, 0, 0.5, 0),
        RetryDecision::Retry { delay_ms: 2_000 }
    );
    let late = error_from_response(503, "", Some("600"), NOW);
    assert_eq!(
        p.decide(Method::Get, &late, 1, 0, 0.5, 0),
        RetryDecision::Retry { delay_ms: 5_000 }
    );
    // Without the header: plain backoff (full jitter, <= base * 2^0).
    match p.decide(Method::Get, &status(503), 1, 0, 0.5, 0) {
        RetryDecision::Retry { delay_ms } => assert!(delay_ms <= p.base_delay_ms),
        other => panic!("{other:?}"),
    }
}

#[test]
fn full_jitter_backoff_bounds() {
    let p = RetryPolicy {
        base_delay_ms: 100,
        max_delay_ms: 1_000,
        ..RetryPolicy::default()
    };
    let mut rng = SplitMix64::new(7);
    for attempt in 1..12 {
        let ceiling = (100u64 << (attempt - 1)).min(1_000);
        for _ in 0..200 {
            let d = p.backoff(attempt, rng.next_f64(), 0);
            assert!(d <= ceiling, "attempt {attempt}: {d} > {ceiling}");
        }
        assert_eq!(p.backoff(attempt, 0.0, 0), 0);
        assert!(p.backoff(attempt, 0.999_999, 0) >= ceiling - 1);
    }
    // Hostile randoms from JS never escape the bounds.
    for r in [f64::NAN, -1.0, 2.0, f64::INFINITY] {
        assert!(p.backoff(3, r, 0) <= 400);
    }
}

#[test]
fn decorrelated_jitter_bounds() {
    let p = RetryPolicy {
        base_delay_ms: 100,
        max_delay_ms: 1_000,
        jitter: Jitter::Decorrelated,
        ..RetryPolicy::default()
    };
    let mut rng = SplitMix64::new(3);
    let mut prev = 0;
    for attempt in 1..50 {
        let d = p.backoff(attempt, rng.next_f64(), prev);
        assert!((100..=1_000).contains(&d), "{d}");
        assert!(d <= prev.max(100) * 3);
        prev = d;
    }
}

// ---------------------------------------------------------------- ambiguous outcomes

fn op_action(id: i64, process: &str, name: &str, status: &str, submitted: Option<&str>) -> Action {
    Action {
        id: Some(id),
        process: Some(process.into()),
        resource_name: Some(name.into()),
        status: Some(status.into()),
        submitted_at: submitted.map(str::to_owned),
        ..Action::default()
    }
}

#[test]
fn an_ambiguous_create_adopts_only_a_create_of_that_name_that_did_not_exist_before() {
    let look = Look::Create {
        name: "pgone".into(),
    };
    let at = Some("2025-01-01T10:00:01Z");
    let old = op_action(1, "postgresql.create", "pgone", "SUCCESS", at);
    let actions = [
        old.clone(),
        op_action(2, "postgresql.create", "pgone", "IN_PROGRESS", at),
        op_action(3, "postgresql.create", "other", "IN_PROGRESS", at),
        op_action(4, "postgresql.delete", "pgone", "IN_PROGRESS", at),
    ];
    // Action 1 was listed before the create was sent (a deleted namesake's create, a second
    // ago): only 2 can be this call's.
    assert_eq!(
        resolve_ambiguous(&look, Some(&actions), Some(&[1]), None),
        Resolution::Happened(1)
    );
    // Only the old create and a delete of that name: nothing happened, safe to send again —
    // however recent the old create is (no clock window decides it).
    let none = [old.clone(), actions[3].clone()];
    assert_eq!(
        resolve_ambiguous(&look, Some(&none), Some(&[1, 4]), Some(false)),
        Resolution::Nothing
    );
    // An undated new one counts as well: the baseline, not a date, says it is new.
    let undated = [old, op_action(6, "create", "pgone", "SUCCESS", None)];
    assert_eq!(
        resolve_ambiguous(&look, Some(&undated), Some(&[1]), Some(false)),
        Resolution::Happened(1)
    );
}

#[test]
fn an_ambiguous_mutation_is_unknown_when_it_cannot_tell() {
    let create = Look::Create {
        name: "pgone".into(),
    };
    let stop = Look::Resource {
        id: "4".into(),
        operation: "stop".into(),
    };
    let at = Some("2025-01-01T10:00:01Z");
    let stops = [
        op_action(7, "postgresql.stop", "x", "SUCCESS", at),
        op_action(8, "postgresql.stop", "x", "IN_PROGRESS", at),
    ];
    type Case<'a> = (
        &'a Look,
        Option<&'a [Action]>,
        Option<&'a [i64]>,
        Option<bool>,
    );
    let cases: [Case<'_>; 5] = [
        // The look failed.
        (&create, None, Some(&[]), None),
        // Nothing new, yet an instance of that name exists.
        (&create, Some(&[]), Some(&[]), Some(true)),
        (&stop, None, Some(&[]), None),
        // No baseline, and a stop of that instance is listed: it may be the one before.
        (&stop, Some(&stops[..1]), None, None),
        // Two new stops: one is not this call's, which is unknown.
        (&stop, Some(&stops), Some(&[]), None),
    ];
    for (look, actions, before, exists) in cases {
        match resolve_ambiguous(look, actions, before, exists) {
            Resolution::Unknown(e) => {
                assert_eq!((e.name(), e.code()), ("NetworkError", "outcome_unknown"));
                assert!(e.message().contains("check its actions"), "{}", e.message());
            }
            other => panic!("{look:?} {before:?}: {other:?}"),
        }
    }
    // No baseline but nothing of that kind at all: it certainly did not happen.
    assert_eq!(
        resolve_ambiguous(&stop, Some(&[]), None, None),
        Resolution::Nothing
    );
}

#[test]
fn an_ambiguous_patch_matches_its_operation_only() {
    let look = Look::Resource {
        id: "4".into(),
        operation: "start".into(),
    };
    let at = Some("2025-01-01T10:00:01Z");
    let restart = [op_action(1, "postgresql.restart", "x", "IN_PROGRESS", at)];
    assert_eq!(
        resolve_ambiguous(&look, Some(&restart), Some(&[]), None),
        Resolution::Nothing
    );
    let start = [op_action(2, "postgresql.start", "x", "IN_PROGRESS", at)];
    assert_eq!(
        resolve_ambiguous(&look, Some(&start), Some(&[]), None),
        Resolution::Happened(0)
    );
    // The start listed before this call (a stop, start, then start again): not this call's.
    assert_eq!(
        resolve_ambiguous(&look, Some(&start), Some(&[2]), None),
        Resolution::Nothing
    );
    assert_eq!(
        look.filter(),
        ActionFilter {
            resource_id: Some("4".into()),
            ..ActionFilter::default()
        }
    );
}

// ---------------------------------------------------------------- waiter

#[test]
fn waiter_polls_at_once_then_backs_off_within_bounds() {
    let p = WaitPolicy {
        min_delay_ms: 100,
        max_delay_ms: 1_000,
        timeout_ms: 60_000,
        ..WaitPolicy::default()
    };
    let mut st = WaitState::start("9", NOW, &p);
    assert_eq!(st.next_delay(&p, NOW, 0.5), Some(0)); // first poll at once
    let mut rng = SplitMix64::new(1);
    let mut now = NOW;
    let mut last = 0;
    for _ in 0..60 {
        st.record(&action(9, "IN_PROGRESS"));
        let d = st.next_delay(&p, now, rng.next_f64()).unwrap();
        assert!((100..=1_000).contains(&d), "{d}");
        // Never more than 10 % of the elapsed time + 1 s (detection target).
        assert!(d as f64 <= 0.1 * (now - NOW) as f64 + 1_000.0 + 1.0);
        now += d as i64;
        last = d;
    }
    assert!(
        last >= 800,
        "grows to the max delay (less 20 % jitter): {last}"
    );
}

#[test]
fn waiter_never_sleeps_past_the_deadline_then_times_out() {
    let p = WaitPolicy {
        min_delay_ms: 500,
        max_delay_ms: 500,
        timeout_ms: 1_200,
        ..WaitPolicy::default()
    };
    let mut st = WaitState::start("1", NOW, &p);
    st.record(&action(1, "IN_PROGRESS"));
    assert_eq!(st.next_delay(&p, NOW + 1_000, 0.0), Some(200));
    assert_eq!(st.next_delay(&p, NOW + 1_200, 0.0), None);
    let err = st.timeout_error(Some(action(1, "IN_PROGRESS")));
    assert_eq!(err.name(), "TimeoutError");
    assert_eq!(err.code(), "wait_timeout");
    assert_eq!(err.action().unwrap().id, Some(1)); // carries the last Action
}

#[test]
fn waiter_stop_conditions() {
    let p = WaitPolicy::default();
    let mut st = WaitState::start("1", NOW, &p);
    assert_eq!(
        st.record(&action(1, "IN_PROGRESS")),
        (true, Verdict::Pending)
    );
    assert_eq!(
        st.record(&action(1, "IN_PROGRESS")),
        (false, Verdict::Pending)
    );
    assert_eq!(
        st.record(&action(1, "SOMETHING_NEW")),
        (true, Verdict::Pending)
    ); // A1 kept
    assert_eq!(st.record(&action(1, "SUCCESS")), (true, Verdict::Done));
    assert_eq!(st.record(&action(1, "ERROR")), (true, Verdict::Failed));
    assert_eq!(st.attempt, 5);
    assert_eq!(st.last_status.as_deref(), Some("ERROR"));
    let failed = action_failed(Action {
        message: Some("disk full".into()),
        ..action(1, "ERROR")
    });
    assert_eq!(failed.name(), "ActionFailedError");
    assert!(failed.message().contains("disk full"));
    assert_eq!(failed.action().unwrap().id, Some(1));
}

#[test]
fn waiter_stops_on_non_retryable_errors_only() {
    let mut st = WaitState::start("1", NOW, &WaitPolicy::default());
    for s in [400, 401, 403, 404, 409, 422] {
        assert!(st.record_error(&status(s)), "{s} must stop the waiter");
    }
    assert!(st.record_error(&ClientError::aborted()));
    for err in [
        status(500),
        status(502),
        status(503),
        status(429),
        net(Sent::Maybe),
    ] {
        assert!(!st.record_error(&err), "{err:?} must not stop the waiter");
    }
}

#[test]
fn waiter_honours_retry_after_of_a_failed_poll_within_the_deadline() {
    let p = WaitPolicy {
        min_delay_ms: 100,
        max_delay_ms: 200,
        timeout_ms: 10_000,
        ..WaitPolicy::default()
    };
    let mut st = WaitState::start("1", NOW, &p);
    let busy = error_from_response(429, "", Some("3"), NOW);
    assert!(!st.record_error(&busy));
    assert_eq!(
        st.next_delay_after_error(&p, NOW, 0.0, Some(&busy)),
        Some(3_000)
    );
    let down = error_from_response(503, "", Some("60"), NOW);
    // Capped by the deadline (10 s left).
    assert_eq!(
        st.next_delay_after_error(&p, NOW, 0.0, Some(&down)),
        Some(10_000)
    );
    // No header: the schedule's own delay.
    let plain = st
        .next_delay_after_error(&p, NOW, 0.0, Some(&status(503)))
        .unwrap();
    assert!((100..=200).contains(&plain));
    assert_eq!(
        st.next_delay_after_error(&p, NOW + 10_000, 0.0, Some(&busy)),
        None
    );
}

#[test]
fn wait_state_serialises_and_resumes() {
    let p = WaitPolicy {
        timeout_ms: 10_000,
        ..WaitPolicy::default()
    };
    let mut st = WaitState::start("77", NOW, &p);
    st.record(&action(77, "IN_PROGRESS"));
    let json = serde_json::to_value(&st).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"actionId": "77", "startedAt": NOW, "deadline": NOW + 10_000,
                           "attempt": 1, "lastStatus": "IN_PROGRESS"})
    );
    let back: WaitState = serde_json::from_value(json).unwrap();
    assert_eq!(back, st);
    // Resumed later: keeps its deadline, and backs off as an ongoing wait.
    assert!(back.next_delay(&p, NOW + 5_000, 0.0).unwrap() >= p.min_delay_ms);
    assert_eq!(back.next_delay(&p, NOW + 10_001, 0.0), None);
}

#[test]
fn hostile_wait_options_are_sanitised() {
    let p = WaitPolicy {
        min_delay_ms: 5_000,
        max_delay_ms: 0,
        growth: f64::NAN,
        jitter: 7.0,
        elapsed_fraction: f64::INFINITY,
        ..WaitPolicy::default()
    }
    .sanitized();
    assert!(p.min_delay_ms <= p.max_delay_ms);
    assert!(p.growth.is_finite() && p.jitter <= 1.0 && p.elapsed_fraction.is_finite());
    assert_eq!(p.delay(3, 1_000, 0.5), 1);
}

#[test]
fn simulate_waiter_beats_a_fixed_two_second_poller() {
    let p = WaitPolicy::default();
    // The worst cases documented in `src/client/waiter.rs` and the README (2 / 15 / 39 polls).
    for (duration, documented) in [(2_000u64, 2), (30_000, 15), (300_000, 39)] {
        let (fixed_polls, _) = simulate_fixed_poller(2_000, duration);
        let target = duration / 10 + 1_000;
        let mut worst_polls = 0;
        for seed in 0..500 {
            let (polls, delay) = simulate_waiter(&p, duration, seed);
            assert!(
                polls <= fixed_polls,
                "{duration} ms seed {seed}: {polls} > {fixed_polls}"
            );
            assert!(
                delay <= target,
                "{duration} ms seed {seed}: detected {delay} ms late > {target}"
            );
            worst_polls = worst_polls.max(polls);
        }
        eprintln!("{duration} ms: waiter <= {worst_polls} polls, fixed 2 s poller {fixed_polls}");
        assert!(
            worst_polls <= documented,
            "{duration} ms: {worst_polls} polls > the documented {documented}"
        );
    }
    assert_eq!(simulate_fixed_poller(2_000, 2_000), (2, 0));
    assert_eq!(simulate_fixed_poller(2_000, 30_000), (16, 0));
    assert_eq!(simulate_fixed_poller(2_000, 2_500), (3, 1_500));
}

#[test]
fn simulate_waiter_reports_a_timeout() {
    let p = WaitPolicy {
        timeout_ms: 5_000,
        ..WaitPolicy::default()
    };
    let (polls, delay) = simulate_waiter(&p, 60_000, 1);
    assert_eq!(delay, u64::MAX);
    assert!(polls >= 2);
}

// ---------------------------------------------------------------- token cache (T3)

fn token(access: &str, ttl: f64, refresh: Option<(&str, f64)>) -> TokenResponse {
    let mut v =
        serde_json::json!({"access_token": access, "expires_in": ttl, "token_type": "bearer"});
    if let Some((r, rttl)) = refresh {
        v["refresh_token"] = r.into();
        v["refresh_expires_in"] = rttl.into();
    }
    serde_json::from_value(v).unwrap()
}

#[test]
fn token_cache_uses_then_refreshes_then_grants() {
    let mut c = TokenCache::new();
    assert_eq!(c.next_step(NOW), TokenStep::Grant);
    c.store(token("a1", 1200.0, Some(("r1", 7200.0))), NOW);
    assert_eq!(c.next_step(NOW), TokenStep::Use("a1".into()));
    // Margin: min(30 s, ttl/10) before expiry the token is no longer used.
    assert_eq!(safety_margin_ms(1_200_000), 30_000);
    assert_eq!(safety_margin_ms(10_000), 1_000);
    assert_eq!(
        c.next_step(NOW + 1_170_000 - 1),
        TokenStep::Use("a1".into())
    );
    assert_eq!(
        c.next_step(NOW + 1_170_000),
        TokenStep::Refresh("r1".into())
    );
    // Refresh token expired too: new grant.
    assert_eq!(c.next_step(NOW + 7_200_000), TokenStep::Grant);
    // A 401 invalidates the access token: refresh first.
    c.invalidate_access();
    assert_eq!(c.next_step(NOW), TokenStep::Refresh("r1".into()));
    // Refresh refused: new grant.
    c.invalidate_refresh();
    assert_eq!(c.next_step(NOW), TokenStep::Grant);
}

#[test]
fn a_late_401_does_not_discard_a_newer_token() {
    let mut c = TokenCache::new();
    c.store(token("old", 1200.0, Some(("r", 7200.0))), NOW);
    c.invalidate_if_current("old");
    assert_eq!(c.next_step(NOW), TokenStep::Refresh("r".into()));
    c.store(token("new", 1200.0, None), NOW);
    c.invalidate_if_current("old"); // a second call that was sent with the old token
    assert_eq!(c.next_step(NOW), TokenStep::Use("new".into()));
}

#[test]
fn refresh_answer_without_refresh_token_keeps_the_old_one() {
    let mut c = TokenCache::new();
    c.store(token("a1", 60.0, Some(("r1", 7200.0))), NOW);
    c.store(token("a2", 60.0, None), NOW + 1_000);
    c.invalidate_access();
    assert_eq!(c.next_step(NOW + 2_000), TokenStep::Refresh("r1".into()));
}

#[test]
fn token_endpoint_bodies_and_errors() {
    assert_eq!(grant_body(), "grant_type=client_credentials");
    assert_eq!(
        refresh_body("a b+c"),
        "grant_type=refresh_token&refresh_token=a%20b%2Bc"
    );
    assert_eq!(
        basic_auth("Aladdin", "open sesame"),
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
    assert_eq!(basic_auth("a", "b"), "Basic YTpi");
    let ok = interpret_token_response(200, r#"{"access_token":"x","expires_in":1200}"#).unwrap();
    assert_eq!(ok.access_token, "x");
    let err = interpret_token_response(
        401,
        r#"{"error":"unauthorized_client","error_description":"Invalid client secret"}"#,
    )
    .unwrap_err();
    assert_eq!(err.name(), "AuthError");
    assert_eq!(err.code(), "token_request_failed");
    assert!(err.message().contains("unauthorized_client"));
    let bad = interpret_token_response(200, "<html>").unwrap_err();
    assert_eq!(bad.code(), "token_request_failed");
    let dbg = format!("{ok:?} {:?}", TokenStep::Use("x-secret".into()));
    assert!(!dbg.contains("x-secret"));
}

// ---------------------------------------------------------------- host helpers

/// Node's `cause.code` of a failed fetch: a connection that never opened sent nothing; anything
/// else (and browsers, which give no detail) may have been sent.
#[test]
fn a_failed_fetch_is_not_sent_only_when_the_connection_never_opened() {
    for code in [
        "ECONNREFUSED",
        "ENOTFOUND",
        "EAI_AGAIN",
        "UND_ERR_CONNECT_TIMEOUT",
    ] {
        assert_eq!(sent_from_cause(Some(code), None), Sent::No, "{code}");
    }
    assert_eq!(sent_from_cause(None, Some("bad port")), Sent::No);
    for code in [Some("ECONNRESET"), Some("UND_ERR_SOCKET"), None] {
        assert_eq!(sent_from_cause(code, None), Sent::Maybe, "{code:?}");
    }
}

#[test]
fn no_answer_errors_name_the_request_without_query_or_headers() {
    let req = build_request(
        &base(),
        &Endpoint::ListActions(ActionFilter {
            resource_name: Some("secret-name".into()),
            ..ActionFilter::default()
        }),
        "tok-SECRET",
        None,
        &[],
    );
    for why in [
        NoAnswer::TimedOut,
        NoAnswer::Lost(Sent::Maybe),
        NoAnswer::Lost(Sent::No),
    ] {
        let e = no_answer(&req, why, 100);
        assert!(
            e.message()
                .starts_with("GET https://api.cegedim.cloud/itcare/actions "),
            "{e}"
        );
        assert!(!format!("{e:?}").contains("SECRET") && !e.message().contains("secret-name"));
    }
    assert_eq!(no_answer(&req, NoAnswer::Aborted, 1).code(), "aborted");
    assert_eq!(
        no_answer(&req, NoAnswer::TimedOut, 1).code(),
        "request_timeout"
    );
}

#[test]
fn hook_events_carry_metadata_only() {
    let e = Exchange {
        method: "GET",
        path: "/itcare/actions",
        attempt: 2,
        status: Some(503),
        duration_ms: 12,
        error: None,
    };
    assert_eq!(
        e.to_json(false).to_string(),
        r#"{"attempt":2,"method":"GET","path":"/itcare/actions"}"#
    );
    assert_eq!(
        e.to_json(true).to_string(),
        r#"{"attempt":2,"durationMs":12,"method":"GET","path":"/itcare/actions","status":503}"#
    );
}
