#![cfg(not(target_arch = "wasm32"))]
//! Operation rules O1–O8 and P4 (`docs/spec/API.md`) through the public validation API.

use itcare_postgresql::models::PostgresqlInstance;
use itcare_postgresql::time::{format_rfc3339, parse_rfc3339};
use itcare_postgresql::validate::{
    validate_operation, IssueCode, Locale, OperationContext, ValidationIssue,
};
use serde_json::{json, Value};

const DAY: i64 = 86_400_000;

fn now() -> i64 {
    parse_rfc3339("2025-11-01T12:00:00.000+00:00").unwrap()
}

fn run(op: &Value, ctx: &OperationContext) -> Vec<(String, IssueCode)> {
    validate_operation(op, ctx, now(), Locale::En)
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect()
}

fn bare(op: &Value) -> Vec<(String, IssueCode)> {
    run(op, &OperationContext::default())
}

fn one(path: &str, code: IssueCode) -> Vec<(String, IssueCode)> {
    vec![(path.to_string(), code)]
}

fn instance(f: impl FnOnce(&mut PostgresqlInstance)) -> OperationContext {
    let mut i = PostgresqlInstance::default();
    f(&mut i);
    OperationContext {
        instance: Some(i),
        ..Default::default()
    }
}

// ---------------------------------------------------------------- O8

#[test]
fn o8_unknown_missing_or_mistyped_operation() {
    assert_eq!(
        bare(&json!({"operation": "reboot"})),
        one("operation", IssueCode::Enum)
    );
    assert_eq!(
        bare(&json!({"operation": "START"})),
        one("operation", IssueCode::Enum)
    );
    assert_eq!(bare(&json!({})), one("operation", IssueCode::Required));
    assert_eq!(
        bare(&json!({"operation": null})),
        one("operation", IssueCode::Required)
    );
    assert_eq!(
        bare(&json!({"operation": 5})),
        one("operation", IssueCode::Type)
    );
    assert_eq!(
        bare(&json!({"operation": ""})),
        one("operation", IssueCode::Empty)
    );
    for not_object in [json!(null), json!([]), json!("start"), json!(3)] {
        assert_eq!(bare(&not_object), one("", IssueCode::Type), "{not_object}");
    }
    let issues = validate_operation(
        &json!({"operation": "reboot"}),
        &OperationContext::default(),
        0,
        Locale::En,
    );
    assert!(
        issues[0].message.contains("install_extension"),
        "{}",
        issues[0].message
    );
    assert!(
        !issues[0].message.contains("reboot"),
        "never echoes the value"
    );
    assert_eq!(issues[0].rule, "O8");
}

#[test]
fn options_of_the_wrong_type() {
    assert_eq!(
        bare(&json!({"operation": "resize", "options": []})),
        one("options", IssueCode::Type)
    );
    assert_eq!(
        bare(&json!({"operation": "start", "options": "x"})),
        one("options", IssueCode::Type)
    );
    // Unknown operation and bad options: both reported, operation first.
    assert_eq!(
        bare(&json!({"operation": "reboot", "options": 1})),
        vec![
            ("operation".to_string(), IssueCode::Enum),
            ("options".to_string(), IssueCode::Type)
        ]
    );
}

// ---------------------------------------------------------------- O1, O2

#[test]
fn o1_start_and_stop_need_no_options() {
    for op in ["start", "stop"] {
        assert!(bare(&json!({"operation": op})).is_empty());
        assert!(bare(&json!({"operation": op, "options": {}})).is_empty());
        assert!(bare(&json!({"operation": op, "options": null})).is_empty());
        // Unexpected options are left to the server.
        assert!(bare(&json!({"operation": op, "options": {"force": true}})).is_empty());
    }
}

#[test]
fn o2_resize_sizing() {
    assert!(bare(&json!({"operation": "resize", "options": {"sizing": "2cpu4gb"}})).is_empty());
    assert_eq!(
        bare(&json!({"operation": "resize"})),
        one("options.sizing", IssueCode::Required)
    );
    assert_eq!(
        bare(&json!({"operation": "resize", "options": {"sizing": "4gb2cpu"}})),
        one("options.sizing", IssueCode::Pattern)
    );
    assert_eq!(
        bare(&json!({"operation": "resize", "options": {"sizing": 2}})),
        one("options.sizing", IssueCode::Type)
    );
}

// ---------------------------------------------------------------- O3

fn restore_at(ms: i64) -> Value {
    json!({"operation": "restore", "options": {"sourceId": 1234, "stop": "BEFORE", "timestamp": format_rfc3339(ms)}})
}

fn production(p: Option<bool>) -> OperationContext {
    OperationContext {
        production: p,
        ..Default::default()
    }
}

#[test]
fn o3_reference_example_shape_is_valid() {
    let op = json!({"operation": "restore", "options": {"sourceId": 1234, "stop": "BEFORE", "timestamp": "2022-11-02T09:32:02.000+00:00"}});
    let ctx = OperationContext {
        now: Some("2022-11-03T00:00:00Z".into()),
        production: Some(false),
        ..Default::default()
    };
    assert!(run(&op, &ctx).is_empty());
}

#[test]
fn o3_window_non_production_is_7_days() {
    let ctx = production(Some(false));
    let ts = "options.timestamp";
    assert!(run(&restore_at(now() - 7 * DAY), &ctx).is_empty());
    assert_eq!(
        run(&restore_at(now() - 7 * DAY - 1), &ctx),
        one(ts, IssueCode::Window)
    );
    assert!(run(&restore_at(now()), &ctx).is_empty());
    assert_eq!(
        run(&restore_at(now() + 1), &ctx),
        one(ts, IssueCode::Window)
    );
    assert_eq!(
        run(&restore_at(now() - 14 * DAY), &ctx),
        one(ts, IssueCode::Window)
    );
    let msg = validate_operation(&restore_at(now() - 8 * DAY), &ctx, now(), Locale::En);
    assert!(msg[0].message.contains("7 days"), "{}", msg[0].message);
}

#[test]
fn o3_window_production_and_unknown_is_14_days() {
    for p in [Some(true), None] {
        let ctx = production(p);
        let ts = "options.timestamp";
        assert!(run(&restore_at(now() - 14 * DAY), &ctx).is_empty(), "{p:?}");
        assert_eq!(
            run(&restore_at(now() - 14 * DAY - 1), &ctx),
            one(ts, IssueCode::Window)
        );
        assert!(
            run(&restore_at(now() - 7 * DAY - 1), &ctx).is_empty(),
            "{p:?}"
        );
        assert!(run(&restore_at(now() - 7 * DAY), &ctx).is_empty());
        assert!(run(&restore_at(now()), &ctx).is_empty());
        assert_eq!(
            run(&restore_at(now() + 1), &ctx),
            one(ts, IssueCode::Window)
        );
    }
}

#[test]
fn o3_production_from_the_instance_environment() {
    let op = restore_at(now() - 15 * DAY);
    let env = |e: &str| instance(|i| i.environment = Some(e.into()));
    let msg = |ctx: &OperationContext| {
        validate_operation(&op, ctx, now(), Locale::En)[0]
            .message
            .clone()
    };
    assert!(msg(&env("PRODUCTION")).contains("(production service)"));
    assert!(msg(&env(" prod ")).contains("(production service)"));
    // An environment that says non-production outright gets the 7-day window.
    for dev in ["NON_PRODUCTION", "Non-Production", " nonprod "] {
        assert_eq!(
            run(&restore_at(now() - 10 * DAY), &env(dev)),
            one("options.timestamp", IssueCode::Window),
            "{dev}"
        );
    }
    // An unknown one is never guessed: the 14-day window stays (the server has the last word).
    // `DEV` or `QA` may still be a production service's: unknown too.
    for unknown in [
        "",
        "text",
        "PREPRODUCTION",
        "Non Production",
        "DEV",
        "qa",
        "UAT",
    ] {
        assert!(
            run(&restore_at(now() - 10 * DAY), &env(unknown)).is_empty(),
            "{unknown}"
        );
        assert!(msg(&env(unknown)).contains("7 days for a non-production"));
    }
    // The context's own flag wins.
    let mut ctx = env("PRODUCTION");
    ctx.production = Some(false);
    assert_eq!(
        run(&restore_at(now() - 10 * DAY), &ctx),
        one("options.timestamp", IssueCode::Window)
    );
}

#[test]
fn o3_future_timestamps_and_offsets() {
    let ts = "options.timestamp";
    let ctx = production(Some(true));
    assert_eq!(
        run(&restore_at(now() + 365 * DAY), &ctx),
        one(ts, IssueCode::Window)
    );
    let future = validate_operation(&restore_at(now() + DAY), &ctx, now(), Locale::En);
    assert!(
        future[0].message.contains("future"),
        "{}",
        future[0].message
    );
    // Same instant as now, written with an offset: inside.
    let op = json!({"operation": "restore", "options": {"sourceId": 1, "stop": "AFTER", "timestamp": "2025-11-01T14:00:00.000+02:00"}});
    assert!(run(&op, &ctx).is_empty());
    // One second later, with the offset: in the future.
    let op = json!({"operation": "restore", "options": {"sourceId": 1, "stop": "AFTER", "timestamp": "2025-11-01T14:00:01+02:00"}});
    assert_eq!(run(&op, &ctx), one(ts, IssueCode::Window));
}

#[test]
fn o3_now_comes_from_the_context_when_parseable() {
    let ctx = OperationContext {
        now: Some(format_rfc3339(now() + 30 * DAY)),
        production: Some(false),
        ..Default::default()
    };
    // 30 days old against ctx.now, though "now" by the argument.
    assert_eq!(
        run(&restore_at(now()), &ctx),
        one("options.timestamp", IssueCode::Window)
    );
    let ctx = OperationContext {
        now: Some("not a date".into()),
        production: Some(false),
        ..Default::default()
    };
    assert!(run(&restore_at(now()), &ctx).is_empty());
}

#[test]
fn o3_malformed_timestamps() {
    let ts = "options.timestamp";
    for bad in [
        "2022-11-02",
        "2022-11-02T09:32:02",
        "yesterday",
        "2022-13-02T09:32:02Z",
        "2022-11-02T09:32:02+0000",
    ] {
        let op = json!({"operation": "restore", "options": {"sourceId": 1, "stop": "BEFORE", "timestamp": bad}});
        assert_eq!(bare(&op), one(ts, IssueCode::Format), "{bad}");
    }
    let op = json!({"operation": "restore", "options": {"sourceId": 1, "stop": "BEFORE", "timestamp": 1667381522000i64}});
    assert_eq!(bare(&op), one(ts, IssueCode::Type));
    let op = json!({"operation": "restore", "options": {"sourceId": 1, "stop": "BEFORE", "timestamp": ""}});
    assert_eq!(bare(&op), one(ts, IssueCode::Empty));
}

#[test]
fn o3_source_and_stop() {
    assert_eq!(
        bare(&json!({"operation": "restore"})),
        vec![
            ("options.sourceId".to_string(), IssueCode::Required),
            ("options.stop".to_string(), IssueCode::Required),
            ("options.timestamp".to_string(), IssueCode::Required),
        ]
    );
    let op = json!({"operation": "restore", "options": {"sourceId": 0, "stop": "DURING", "timestamp": format_rfc3339(now())}});
    assert_eq!(
        bare(&op),
        vec![
            ("options.sourceId".to_string(), IssueCode::Range),
            ("options.stop".to_string(), IssueCode::Enum),
        ]
    );
    let op = json!({"operation": "restore", "options": {"sourceId": "1234", "stop": "before", "timestamp": format_rfc3339(now())}});
    assert_eq!(
        bare(&op),
        vec![
            ("options.sourceId".to_string(), IssueCode::Type),
            ("options.stop".to_string(), IssueCode::Enum),
        ]
    );
}

#[test]
fn o3_instance_state_when_known() {
    let op = restore_at(now() - DAY);
    assert_eq!(
        run(&op, &instance(|i| i.status = Some("STOPPED".into()))),
        one("operation", IssueCode::State)
    );
    assert!(run(&op, &instance(|i| i.status = Some("ACTIVE".into()))).is_empty());
    assert!(run(&op, &instance(|i| i.status = None)).is_empty());
    // The context instance is the source (same id) and is not backed up.
    let ctx = instance(|i| {
        i.id = Some(1234);
        i.status = Some("ACTIVE".into());
        i.backup_status = Some(false);
    });
    assert_eq!(run(&op, &ctx), one("options.sourceId", IssueCode::State));
    // Another instance without backup says nothing about the source.
    let ctx = instance(|i| {
        i.id = Some(5678);
        i.backup_status = Some(false);
    });
    assert!(run(&op, &ctx).is_empty());
}

// ---------------------------------------------------------------- O4

fn enable_ha(lag: Value) -> Value {
    json!({"operation": "enable_ha", "options": {"replicationLag": lag, "changeReference": "000"}})
}

#[test]
fn o4_replication_lag_boundaries() {
    let p = "options.replicationLag";
    assert_eq!(bare(&enable_ha(json!(0))), one(p, IssueCode::Range));
    assert!(bare(&enable_ha(json!(1))).is_empty());
    assert!(bare(&enable_ha(json!(500))).is_empty());
    assert_eq!(bare(&enable_ha(json!(501))), one(p, IssueCode::Range));
    assert_eq!(bare(&enable_ha(json!("50"))), one(p, IssueCode::Type));
    assert_eq!(
        bare(&json!({"operation": "enable_ha"})),
        one(p, IssueCode::Required)
    );
    assert!(bare(&json!({"operation": "enable_ha", "options": {"replicationLag": 50}})).is_empty());
    assert_eq!(
        bare(
            &json!({"operation": "enable_ha", "options": {"replicationLag": 50, "changeReference": 1}})
        ),
        one("options.changeReference", IssueCode::Type)
    );
}

#[test]
fn o4_instance_must_be_standalone_and_at_least_12() {
    let op = enable_ha(json!(50));
    let standalone = |v: &str| {
        instance(|i| {
            i.topology = Some("STANDALONE".into());
            i.version = Some(v.into());
        })
    };
    assert!(run(&op, &standalone("16")).is_empty());
    assert!(run(&op, &standalone("12")).is_empty());
    assert!(run(&op, &standalone("12.1")).is_empty());
    assert_eq!(
        run(&op, &standalone("11.9")),
        one("operation", IssueCode::State)
    );
    assert_eq!(
        run(&op, &standalone("10")),
        one("operation", IssueCode::State)
    );
    // An unreadable version is left to the server.
    assert!(run(&op, &standalone("unknown")).is_empty());
    assert_eq!(
        run(&op, &instance(|i| i.topology = Some("HA".into()))),
        one("operation", IssueCode::State)
    );
    assert_eq!(
        run(&op, &instance(|i| i.topology = Some("ha".into()))),
        one("operation", IssueCode::State)
    );
    // Unknown topology text is left to the server.
    assert!(run(&op, &instance(|i| i.topology = Some("SINGLE".into()))).is_empty());
    assert!(run(&op, &instance(|i| i.topology = Some("standalone".into()))).is_empty());
    // Both wrong: two issues.
    let ctx = instance(|i| {
        i.topology = Some("HA".into());
        i.version = Some("11".into());
    });
    assert_eq!(run(&op, &ctx).len(), 2);
}

// ---------------------------------------------------------------- O5

fn patch_party(pp: Value) -> Value {
    json!({"operation": "update_patch_party", "options": {"patchParty": pp}})
}

#[test]
fn o5_reference_examples_are_valid() {
    assert!(bare(&patch_party(json!({"excluded": false, "patchGroup": "3"}))).is_empty());
    assert!(bare(&patch_party(
        json!({"excluded": true, "exclusionReason": "I want to handle this by myself"})
    ))
    .is_empty());
}

#[test]
fn o5_excluded_and_reason() {
    assert_eq!(
        bare(&json!({"operation": "update_patch_party"})),
        one("options.patchParty", IssueCode::Required)
    );
    assert_eq!(
        bare(&json!({"operation": "update_patch_party", "options": {"patchParty": true}})),
        one("options.patchParty", IssueCode::Type)
    );
    assert_eq!(
        bare(&patch_party(json!({}))),
        one("options.patchParty.excluded", IssueCode::Required)
    );
    assert_eq!(
        bare(&patch_party(json!({"excluded": "true"}))),
        one("options.patchParty.excluded", IssueCode::Type)
    );
    let reason = "options.patchParty.exclusionReason";
    assert_eq!(
        bare(&patch_party(json!({"excluded": true}))),
        one(reason, IssueCode::Required)
    );
    assert_eq!(
        bare(&patch_party(
            json!({"excluded": true, "exclusionReason": ""})
        )),
        one(reason, IssueCode::Empty)
    );
    assert!(bare(&patch_party(
        json!({"excluded": false, "exclusionReason": ""})
    ))
    .is_empty());
    assert_eq!(
        bare(&patch_party(
            json!({"excluded": false, "exclusionReason": 1})
        )),
        one(reason, IssueCode::Type)
    );
}

#[test]
fn o5_patch_group_needs_exactly_one_member_when_known() {
    let op = patch_party(json!({"excluded": false, "patchGroup": "3"}));
    let g = "options.patchParty.patchGroup";
    let count = |n: Option<i64>| OperationContext {
        node_count: n,
        ..Default::default()
    };
    assert!(run(&op, &count(Some(1))).is_empty());
    assert_eq!(run(&op, &count(Some(2))), one(g, IssueCode::State));
    assert_eq!(run(&op, &count(Some(0))), one(g, IssueCode::State));
    assert!(run(&op, &count(None)).is_empty());
    // From the instance when the context has no count; the context's count wins.
    assert_eq!(
        run(&op, &instance(|i| i.node_count = Some(3))),
        one(g, IssueCode::State)
    );
    assert!(run(&op, &instance(|i| i.node_count = Some(1))).is_empty());
    let mut both = instance(|i| i.node_count = Some(3));
    both.node_count = Some(1);
    assert!(run(&op, &both).is_empty());
    // No group: no member rule.
    assert!(run(&patch_party(json!({"excluded": false})), &count(Some(2))).is_empty());
    assert_eq!(
        bare(&patch_party(json!({"excluded": false, "patchGroup": {}}))),
        one(g, IssueCode::Type)
    );
    assert!(bare(&patch_party(json!({"excluded": false, "patchGroup": 3}))).is_empty());
    // "" selects no group: refused (the simulator refuses it the same way, sim/tests/hardening.rs).
    assert_eq!(
        bare(&patch_party(json!({"excluded": false, "patchGroup": ""}))),
        one(g, IssueCode::Empty)
    );
}

// ---------------------------------------------------------------- O6, P4

fn install(options: Value) -> Value {
    json!({"operation": "install_extension", "options": options})
}

#[test]
fn o6_dbname_and_extensions() {
    assert!(bare(&install(
        json!({"dbname": "mydb", "extensions_list": [{"name": "ext1"}, {"name": "ext2"}]})
    ))
    .is_empty());
    assert_eq!(
        bare(&install(json!({}))),
        vec![
            ("options.dbname".to_string(), IssueCode::Required),
            ("options.extensions_list".to_string(), IssueCode::Required),
        ]
    );
    assert_eq!(
        bare(&install(json!({"dbname": "", "extensions_list": []}))),
        vec![
            ("options.dbname".to_string(), IssueCode::Empty),
            ("options.extensions_list".to_string(), IssueCode::Empty),
        ]
    );
    assert_eq!(
        bare(&install(
            json!({"dbname": "db", "extensions_list": {"name": "x"}})
        )),
        one("options.extensions_list", IssueCode::Type)
    );
    assert_eq!(
        bare(&install(
            json!({"dbname": "db", "extensions_list": [{"name": "ok"}, {"name": ""}, "x", {}, {"name": 3}]})
        )),
        vec![
            (
                "options.extensions_list[1].name".to_string(),
                IssueCode::Empty
            ),
            ("options.extensions_list[2]".to_string(), IssueCode::Type),
            (
                "options.extensions_list[3].name".to_string(),
                IssueCode::Required
            ),
            (
                "options.extensions_list[4].name".to_string(),
                IssueCode::Type
            ),
        ]
    );
}

#[test]
fn p4_extensions_need_version_15_when_known() {
    let op = install(json!({"dbname": "mydb", "extensions_list": [{"name": "ext1"}]}));
    let v = |s: &str| instance(|i| i.version = Some(s.into()));
    assert_eq!(run(&op, &v("14")), one("operation", IssueCode::State));
    assert_eq!(run(&op, &v("14.9")), one("operation", IssueCode::State));
    assert!(run(&op, &v("15")).is_empty());
    assert!(run(&op, &v("16.4")).is_empty());
    assert!(run(&op, &v("")).is_empty());
    let issues = validate_operation(&op, &v("13"), now(), Locale::En);
    assert_eq!(issues[0].rule, "P4");
}

// ---------------------------------------------------------------- O7

fn upgrade(target: Value) -> Value {
    json!({"operation": "upgrade", "options": {"targetVersion": target, "changeReference": "RFC 1234"}})
}

#[test]
fn o7_target_version() {
    let p = "options.targetVersion";
    assert!(bare(&upgrade(json!("12"))).is_empty());
    assert!(bare(&upgrade(json!("16"))).is_empty());
    let number = validate_operation(
        &upgrade(json!(16)),
        &OperationContext::default(),
        now(),
        Locale::En,
    );
    assert_eq!(number.len(), 1);
    assert_eq!(
        (number[0].path.as_str(), number[0].code),
        (p, IssueCode::Type)
    );
    assert!(
        number[0].message.contains("\"16\""),
        "{}",
        number[0].message
    );
    for bad in ["16.1", "v16", "016", "0", "sixteen", " 16"] {
        assert_eq!(
            bare(&upgrade(json!(bad))),
            one(p, IssueCode::Pattern),
            "{bad}"
        );
    }
    assert_eq!(bare(&upgrade(json!(""))), one(p, IssueCode::Empty));
    assert_eq!(
        bare(&json!({"operation": "upgrade"})),
        one(p, IssueCode::Required)
    );
    assert_eq!(
        bare(
            &json!({"operation": "upgrade", "options": {"targetVersion": "16", "changeReference": 5}})
        ),
        one("options.changeReference", IssueCode::Type)
    );
}

#[test]
fn o7_target_version_must_be_offered_when_known() {
    let p = "options.targetVersion";
    let offered = |v: Vec<i64>| OperationContext {
        versions: Some(v),
        ..Default::default()
    };
    assert!(run(&upgrade(json!("16")), &offered(vec![15, 16])).is_empty());
    assert_eq!(
        run(&upgrade(json!("14")), &offered(vec![15, 16])),
        one(p, IssueCode::Enum)
    );
    assert_eq!(
        run(&upgrade(json!("16")), &offered(vec![])),
        one(p, IssueCode::Enum)
    );
    let msg = validate_operation(
        &upgrade(json!("14")),
        &offered(vec![15, 16]),
        now(),
        Locale::En,
    );
    assert!(msg[0].message.contains("15, 16"), "{}", msg[0].message);
}

// ---------------------------------------------------------------- context, locale

#[test]
fn context_decodes_leniently_from_camel_case() {
    let ctx: OperationContext = serde_json::from_value(json!({
        "production": "yes",
        "now": 5,
        "nodeCount": 2.0,
        "versions": [15, "16"],
        "instance": {"status": "STOPPED", "nodeCount": 3},
        "somethingElse": true
    }))
    .unwrap();
    assert_eq!(ctx.production, None);
    assert_eq!(ctx.now, None);
    assert_eq!(ctx.node_count, Some(2));
    assert_eq!(ctx.versions, Some(vec![15, 16]));
    assert_eq!(
        ctx.instance.as_ref().and_then(|i| i.status.as_deref()),
        Some("STOPPED")
    );
    let bad_list: OperationContext =
        serde_json::from_value(json!({"versions": [15, "x"]})).unwrap();
    assert_eq!(
        bad_list.versions, None,
        "one unreadable version makes the list unknown"
    );
    let empty: OperationContext = serde_json::from_value(json!({})).unwrap();
    assert!(empty.instance.is_none() && empty.production.is_none());
}

#[test]
fn french_messages_differ_and_are_not_empty() {
    let ops = [
        json!({"operation": "reboot"}),
        json!({}),
        json!({"operation": "resize", "options": {"sizing": "x"}}),
        restore_at(now() + DAY),
        restore_at(now() - 30 * DAY),
        json!({"operation": "restore", "options": {"sourceId": 1, "stop": "X", "timestamp": "x"}}),
        enable_ha(json!(0)),
        patch_party(json!({"excluded": true})),
        install(json!({"dbname": "", "extensions_list": []})),
        upgrade(json!(16)),
        upgrade(json!("1.2")),
    ];
    let ctx = OperationContext {
        instance: Some(PostgresqlInstance {
            status: Some("STOPPED".into()),
            topology: Some("HA".into()),
            version: Some("11".into()),
            ..Default::default()
        }),
        node_count: Some(2),
        versions: Some(vec![17]),
        ..Default::default()
    };
    let mut seen = 0;
    for op in &ops {
        let en: Vec<ValidationIssue> = validate_operation(op, &ctx, now(), Locale::En);
        let fr: Vec<ValidationIssue> = validate_operation(op, &ctx, now(), Locale::Fr);
        assert!(!en.is_empty(), "{op}");
        assert_eq!(en.len(), fr.len());
        for (e, f) in en.iter().zip(&fr) {
            assert_eq!((&e.path, e.code), (&f.path, f.code));
            assert!(!e.message.is_empty() && !f.message.is_empty());
            assert_ne!(e.message, f.message, "{op} {}", e.path);
            seen += 1;
        }
    }
    assert!(seen >= 14, "{seen}");
    let fr = validate_operation(
        &restore_at(now() + DAY),
        &OperationContext::default(),
        now(),
        Locale::Fr,
    );
    assert_eq!(
        fr[0].message,
        "L’horodatage ne doit pas être dans le futur."
    );
}

#[test]
fn odd_options_never_panic() {
    let odd = [
        Value::Null,
        json!(true),
        json!(-1),
        json!(1.5),
        json!(1e308),
        json!(u64::MAX),
        json!(""),
        json!("é"),
        json!("9999-12-31T23:59:59.999+23:59"),
        json!("0000-01-01T00:00:00Z"),
        json!([]),
        json!([null, 1, {}]),
        json!({}),
        json!({"name": null}),
    ];
    let keys = [
        "sizing",
        "sourceId",
        "stop",
        "timestamp",
        "replicationLag",
        "changeReference",
        "patchParty",
        "dbname",
        "extensions_list",
        "targetVersion",
    ];
    let ctx = OperationContext {
        instance: Some(PostgresqlInstance {
            version: Some("é".into()),
            ..Default::default()
        }),
        versions: Some(vec![]),
        ..Default::default()
    };
    for op in itcare_postgresql::validate::OPERATIONS {
        for key in keys {
            for v in &odd {
                let body = json!({"operation": op, "options": {key: v, "patchParty": {"excluded": v, "exclusionReason": v, "patchGroup": v}}});
                for now_ms in [i64::MIN, 0, i64::MAX] {
                    for issue in validate_operation(&body, &ctx, now_ms, Locale::Fr) {
                        assert!(
                            issue.path == "operation" || issue.path.starts_with("options."),
                            "{issue:?}"
                        );
                        assert!(!issue.message.is_empty());
                    }
                }
            }
        }
    }
}

/// One reading of an instance's facts: the context `operation_context_from_instance` builds
/// validates exactly as the bare instance does (O3 production, O5 node count, O4/P4 version).
#[test]
fn operation_context_from_instance_reads_the_facts_once() {
    use itcare_postgresql::validate::{major_version, operation_context_from_instance};
    let mut inst = PostgresqlInstance {
        environment: Some("NON_PRODUCTION".into()),
        node_count: Some(2),
        version: Some("11.3".into()),
        topology: Some("STANDALONE".into()),
        status: Some("ACTIVE".into()),
        ..Default::default()
    };
    let ctx = operation_context_from_instance(inst.clone());
    assert_eq!(ctx.production, Some(false));
    assert_eq!(ctx.node_count, Some(2));
    assert_eq!(major_version(inst.version.as_deref().unwrap()), Some(11));
    let bare = OperationContext {
        instance: Some(inst.clone()),
        ..Default::default()
    };
    for op in [
        restore_at(now() - 10 * DAY),
        json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": false, "patchGroup": "1"}}}),
        json!({"operation": "install_extension", "options": {"dbname": "d", "extensions_list": [{"name": "x"}]}}),
        json!({"operation": "enable_ha", "options": {"replicationLag": 5}}),
    ] {
        let from = run(&op, &ctx);
        assert!(!from.is_empty(), "{op}");
        assert_eq!(from, run(&op, &bare), "{op}");
    }
    // Unknown facts stay unknown (every rule that needs them is permissive).
    inst.environment = Some("text".into());
    inst.node_count = None;
    let ctx = operation_context_from_instance(inst.clone());
    assert_eq!((ctx.production, ctx.node_count), (None, None));
    assert!(run(&restore_at(now() - 10 * DAY), &ctx).is_empty());
}
