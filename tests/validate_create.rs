#![cfg(not(target_arch = "wasm32"))]
//! Create rules C1–C11 (`docs/spec/API.md`) through the public validation API.

use itcare_postgresql::validate::{
    validate_create, validate_create_field, IssueCode, Locale, ValidationIssue,
};
use serde_json::{json, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts this thread's allocations, to prove valid input allocates nothing (hot path).
struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCS.with(Cell::get);
    f();
    ALLOCS.with(Cell::get) - before
}

fn standalone() -> Value {
    json!({
        "productCode": "deb12pg16",
        "serviceId": 123,
        "nodeSizing": "2cpu4gb",
        "networkId": 132,
        "area": "EB-QA",
        "diskSize": 40,
        "admPassword": "Test123@2022",
        "allowedReplicationLag": 10,
        "az": "az",
        "topology": "STANDALONE",
        "trigram": "tri",
        "tls": true,
        "name": "newpostgre01"
    })
}

fn ha() -> Value {
    let mut r = standalone();
    r["topology"] = json!("HA");
    r["nodePrefix"] = json!("PGNODE");
    r
}

fn with(mut r: Value, field: &str, v: Value) -> Value {
    r[field] = v;
    r
}

fn without(mut r: Value, field: &str) -> Value {
    r.as_object_mut().unwrap().remove(field);
    r
}

fn pc(issues: &[ValidationIssue]) -> Vec<(&str, IssueCode)> {
    issues.iter().map(|i| (i.path.as_str(), i.code)).collect()
}

fn check(r: &Value) -> Vec<(String, IssueCode)> {
    validate_create(r, Locale::En)
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect()
}

fn one(path: &str, code: IssueCode) -> Vec<(String, IssueCode)> {
    vec![(path.to_string(), code)]
}

#[test]
fn valid_requests_have_no_issue() {
    assert!(validate_create(&standalone(), Locale::En).is_empty());
    assert!(validate_create(&ha(), Locale::Fr).is_empty());
    // C11: optional fields are carried untouched; unknown fields are ignored.
    let full = with(
        with(
            with(standalone(), "backupEnabled", json!(true)),
            "product",
            json!({"CODE": "x"}),
        ),
        "somethingNew",
        json!([1, 2]),
    );
    assert!(validate_create(&full, Locale::En).is_empty());
}

#[test]
fn c1_name_length_boundaries_count_characters() {
    assert_eq!(
        check(&with(standalone(), "name", json!("abcd"))),
        one("name", IssueCode::Length)
    );
    assert!(check(&with(standalone(), "name", json!("abcde"))).is_empty());
    assert!(check(&with(standalone(), "name", json!("a".repeat(60)))).is_empty());
    assert_eq!(
        check(&with(standalone(), "name", json!("a".repeat(61)))),
        one("name", IssueCode::Length)
    );
    // 5 characters but 10 bytes: the length is fine, the characters are not.
    assert_eq!(
        check(&with(standalone(), "name", json!("ééééé"))),
        one("name", IssueCode::Pattern)
    );
    // 4 characters, 8 bytes: both fire.
    assert_eq!(
        pc(&validate_create(
            &with(standalone(), "name", json!("éééé")),
            Locale::En
        )),
        vec![("name", IssueCode::Length), ("name", IssueCode::Pattern)]
    );
}

#[test]
fn c1_name_cluster_is_forbidden_and_uppercase_is_a_pattern_issue() {
    assert_eq!(
        check(&with(standalone(), "name", json!("cluster"))),
        one("name", IssueCode::Forbidden)
    );
    assert_eq!(
        check(&with(standalone(), "name", json!("Newpostgre01"))),
        one("name", IssueCode::Pattern)
    );
    assert_eq!(
        check(&with(standalone(), "name", json!("new-postgre"))),
        one("name", IssueCode::Pattern)
    );
    assert_eq!(
        check(&with(standalone(), "name", json!(""))),
        one("name", IssueCode::Empty)
    );
}

#[test]
fn c1_reference_example_is_reported_only_at_name() {
    // The reference's own create example, verbatim: NEWPOSTGRE01 breaks C1 and nothing else.
    let reference = json!({
       "productCode": "deb12pg16",
      "serviceId" : 123,
      "nodeSizing" : "2cpu4gb",
      "networkId" : 132,
      "area" : "EB-QA",
      "diskSize" : 40,
      "admPassword" : "Test123@2022",
      "allowedReplicationLag" : 10,
      "az" : "az",
      "topology" : "STANDALONE",
      "trigram" : "tri",
      "tls" : true,
      "name" : "NEWPOSTGRE01"
    });
    let issues = validate_create(&reference, Locale::En);
    assert_eq!(pc(&issues), vec![("name", IssueCode::Pattern)]);
    assert_eq!(issues[0].rule, "C1");
}

#[test]
fn c2_node_sizing() {
    for ok in ["2cpu2gb", "2cpu4gb", "16cpu128gb"] {
        assert!(
            check(&with(standalone(), "nodeSizing", json!(ok))).is_empty(),
            "{ok}"
        );
    }
    for bad in [
        "2cpu",
        "0cpu4gb",
        "2cpu0gb",
        "+2cpu4gb",
        "02cpu4gb",
        "2CPU4GB",
        "2 cpu 4 gb",
        "-1cpu4gb",
    ] {
        assert_eq!(
            check(&with(standalone(), "nodeSizing", json!(bad))),
            one("nodeSizing", IssueCode::Pattern),
            "{bad}"
        );
    }
}

#[test]
fn c3_disk_size_boundaries_and_numbers() {
    assert_eq!(
        check(&with(standalone(), "diskSize", json!(39))),
        one("diskSize", IssueCode::Range)
    );
    assert!(check(&with(standalone(), "diskSize", json!(40))).is_empty());
    assert!(check(&with(standalone(), "diskSize", json!(1024))).is_empty());
    assert_eq!(
        check(&with(standalone(), "diskSize", json!(1025))),
        one("diskSize", IssueCode::Range)
    );
    // JS has one number type: 40.0 is the integer 40; 40.5 is not an integer.
    assert!(check(&with(standalone(), "diskSize", json!(40.0))).is_empty());
    assert_eq!(
        check(&with(standalone(), "diskSize", json!(40.5))),
        one("diskSize", IssueCode::Type)
    );
    assert_eq!(
        check(&with(standalone(), "diskSize", json!(-5))),
        one("diskSize", IssueCode::Range)
    );
    assert_eq!(
        check(&with(standalone(), "diskSize", json!(u64::MAX))),
        one("diskSize", IssueCode::Range)
    );
    assert_eq!(
        check(&with(standalone(), "diskSize", json!(1e300))),
        one("diskSize", IssueCode::Range)
    );
}

#[test]
fn c4_password_names_each_missing_class() {
    let cases = [
        ("TEST123@2022", "lowercase"),
        ("test123@2022", "uppercase"),
        ("TestABC@abcd", "digit"),
        ("Test12342022", "special"),
        ("Test123@202", "12 characters"),
    ];
    for (pw, missing) in cases {
        let issues = validate_create(&with(standalone(), "admPassword", json!(pw)), Locale::En);
        assert_eq!(
            pc(&issues),
            vec![("admPassword", IssueCode::Password)],
            "{pw}"
        );
        assert!(
            issues[0].message.contains(missing),
            "{pw}: {}",
            issues[0].message
        );
        // The message never repeats the password.
        assert!(!issues[0].message.contains(pw));
    }
    // Exactly 12 characters with every class: valid.
    assert!(check(&with(standalone(), "admPassword", json!("Test123@2022"))).is_empty());
    // Everything missing at once: one issue listing all of it.
    let issues = validate_create(&with(standalone(), "admPassword", json!("a")), Locale::En);
    assert_eq!(issues.len(), 1);
    for part in ["12 characters", "uppercase", "digit", "special"] {
        assert!(issues[0].message.contains(part), "{}", issues[0].message);
    }
    assert!(!issues[0].message.contains("lowercase"));
    let fr = validate_create(&with(standalone(), "admPassword", json!("a")), Locale::Fr);
    assert!(
        fr[0].message.contains("majuscule") && fr[0].message.contains("chiffre"),
        "{}",
        fr[0].message
    );
}

#[test]
fn c5_ids_are_positive_integers() {
    for field in ["serviceId", "networkId"] {
        assert_eq!(
            check(&with(standalone(), field, json!(0))),
            one(field, IssueCode::Range)
        );
        assert_eq!(
            check(&with(standalone(), field, json!(-1))),
            one(field, IssueCode::Range)
        );
        assert!(check(&with(standalone(), field, json!(1))).is_empty());
        assert_eq!(
            check(&with(standalone(), field, json!("123"))),
            one(field, IssueCode::Type)
        );
        assert_eq!(
            check(&with(standalone(), field, json!(1.5))),
            one(field, IssueCode::Type)
        );
    }
}

#[test]
fn c6_topology_enum() {
    assert_eq!(
        check(&with(standalone(), "topology", json!("standalone"))),
        one("topology", IssueCode::Enum)
    );
    assert_eq!(
        check(&with(standalone(), "topology", json!("CLUSTER"))),
        one("topology", IssueCode::Enum)
    );
}

#[test]
fn c7_trigram_three_letters() {
    assert!(check(&with(standalone(), "trigram", json!("TRI"))).is_empty());
    for bad in ["tr", "trig", "tr1", "t-i", "été"] {
        assert_eq!(
            check(&with(standalone(), "trigram", json!(bad))),
            one("trigram", IssueCode::Pattern),
            "{bad}"
        );
    }
    assert_eq!(
        check(&without(standalone(), "trigram")),
        one("trigram", IssueCode::Required)
    );
}

#[test]
fn c8_allowed_replication_lag_boundaries() {
    let f = "allowedReplicationLag";
    assert_eq!(
        check(&with(standalone(), f, json!(0))),
        one(f, IssueCode::Range)
    );
    assert!(check(&with(standalone(), f, json!(1))).is_empty());
    assert!(check(&with(standalone(), f, json!(10240))).is_empty());
    assert_eq!(
        check(&with(standalone(), f, json!(10241))),
        one(f, IssueCode::Range)
    );
}

#[test]
fn c9_each_ha_field_missing() {
    assert_eq!(
        check(&without(ha(), "nodePrefix")),
        one("nodePrefix", IssueCode::Required)
    );
    assert_eq!(check(&without(ha(), "az")), one("az", IssueCode::Required));
    assert_eq!(
        check(&without(ha(), "trigram")),
        one("trigram", IssueCode::Required)
    );
    assert_eq!(
        check(&without(ha(), "tls")),
        one("tls", IssueCode::Required)
    );
    assert_eq!(
        check(&with(ha(), "tls", json!("true"))),
        one("tls", IssueCode::Type)
    );
    // Not HA: none of them is required.
    let bare = without(without(without(standalone(), "az"), "tls"), "nodePrefix");
    assert!(check(&bare).is_empty());
    // HA-only messages say why.
    let issues = validate_create(&without(ha(), "az"), Locale::En);
    assert!(issues[0].message.contains("HA"));
}

#[test]
fn c9_node_prefix_shape() {
    assert_eq!(
        check(&with(ha(), "nodePrefix", json!("PGND"))),
        one("nodePrefix", IssueCode::Length)
    );
    assert!(check(&with(ha(), "nodePrefix", json!("PGNOD"))).is_empty());
    assert!(check(&with(ha(), "nodePrefix", json!("PGNODEPGNODE"))).is_empty());
    assert!(
        check(&with(ha(), "nodePrefix", json!("PGNODE01"))).is_empty(),
        "digits are accepted"
    );
    assert_eq!(
        check(&with(ha(), "nodePrefix", json!("PGNODEPGNODEX"))),
        one("nodePrefix", IssueCode::Length)
    );
    assert_eq!(
        check(&with(ha(), "nodePrefix", json!("pgnode"))),
        one("nodePrefix", IssueCode::Pattern)
    );
    assert_eq!(
        check(&with(ha(), "nodePrefix", json!(""))),
        one("nodePrefix", IssueCode::Empty)
    );
    // Outside HA the prefix is carried as is; only its type matters.
    assert!(check(&with(standalone(), "nodePrefix", json!("pg"))).is_empty());
    assert_eq!(
        check(&with(standalone(), "nodePrefix", json!(5))),
        one("nodePrefix", IssueCode::Type)
    );
}

#[test]
fn c10_present_fields_are_not_empty() {
    assert_eq!(
        check(&with(standalone(), "area", json!(""))),
        one("area", IssueCode::Empty)
    );
    assert_eq!(
        check(&with(standalone(), "productCode", json!(""))),
        one("productCode", IssueCode::Empty)
    );
    assert_eq!(
        check(&with(standalone(), "az", json!(""))),
        one("az", IssueCode::Empty)
    );
    assert_eq!(
        check(&without(standalone(), "area")),
        one("area", IssueCode::Required)
    );
    assert_eq!(
        check(&without(standalone(), "productCode")),
        one("productCode", IssueCode::Required)
    );
}

#[test]
fn c11_optional_fields_with_a_wrong_type() {
    assert_eq!(
        check(&with(standalone(), "backupEnabled", json!("yes"))),
        one("backupEnabled", IssueCode::Type)
    );
    assert_eq!(
        check(&with(standalone(), "cloudId", json!("1"))),
        one("cloudId", IssueCode::Type)
    );
    assert_eq!(
        check(&with(standalone(), "product", json!([]))),
        one("product", IssueCode::Type)
    );
    assert_eq!(
        check(&with(standalone(), "region", json!(3))),
        one("region", IssueCode::Type)
    );
    // null on an optional field is "absent".
    assert!(check(&with(standalone(), "backupEnabled", Value::Null)).is_empty());
}

#[test]
fn wrong_json_types_are_type_issues_and_null_is_required() {
    assert_eq!(
        check(&with(standalone(), "name", Value::Null)),
        one("name", IssueCode::Required)
    );
    assert_eq!(
        check(&with(standalone(), "name", json!(["a"]))),
        one("name", IssueCode::Type)
    );
    assert_eq!(
        check(&with(standalone(), "name", json!({"a": 1}))),
        one("name", IssueCode::Type)
    );
    assert_eq!(
        check(&with(standalone(), "diskSize", json!("40"))),
        one("diskSize", IssueCode::Type)
    );
    assert_eq!(
        check(&with(standalone(), "diskSize", json!([40]))),
        one("diskSize", IssueCode::Type)
    );
    assert_eq!(
        check(&with(standalone(), "diskSize", Value::Null)),
        one("diskSize", IssueCode::Required)
    );
    for not_object in [json!(null), json!([]), json!("x"), json!(1), json!(true)] {
        assert_eq!(check(&not_object), one("", IssueCode::Type), "{not_object}");
    }
}

#[test]
fn every_broken_rule_is_reported_in_rule_order() {
    let broken = json!({
        "name": "ab",                // C1 length
        "nodeSizing": "big",         // C2
        "diskSize": 39,              // C3
        "admPassword": "short",      // C4
        "serviceId": 0,              // C5
        "networkId": "x",            // C5 type
        "topology": "HA",            // C6 ok, but HA
        "trigram": "tr",             // C7
        "allowedReplicationLag": 0,  // C8
        "nodePrefix": "ab",          // C9 length + pattern
        "tls": "yes",                // C9 type (az missing: C9 required)
        "area": "",                  // C10
        "backupEnabled": 1           // C11
    });
    let issues = validate_create(&broken, Locale::En);
    assert_eq!(
        pc(&issues),
        vec![
            ("name", IssueCode::Length),
            ("nodeSizing", IssueCode::Pattern),
            ("diskSize", IssueCode::Range),
            ("admPassword", IssueCode::Password),
            ("serviceId", IssueCode::Range),
            ("networkId", IssueCode::Type),
            ("trigram", IssueCode::Pattern),
            ("allowedReplicationLag", IssueCode::Range),
            ("nodePrefix", IssueCode::Length),
            ("nodePrefix", IssueCode::Pattern),
            ("az", IssueCode::Required),
            ("tls", IssueCode::Type),
            ("area", IssueCode::Empty),
            ("productCode", IssueCode::Required),
            ("backupEnabled", IssueCode::Type),
        ]
    );
    let rules: Vec<&str> = issues.iter().map(|i| i.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "C1", "C2", "C3", "C4", "C5", "C5", "C7", "C8", "C9", "C9", "C9", "C9", "C10", "C10",
            "C11"
        ]
    );
    // An empty object: every required field, name first.
    let empty = validate_create(&json!({}), Locale::En);
    assert_eq!(empty.first().map(|i| i.path.as_str()), Some("name"));
    assert!(empty.iter().all(|i| i.code == IssueCode::Required));
    assert_eq!(empty.len(), 11);
}

#[test]
fn french_messages_differ_and_are_not_empty() {
    let broken = json!({"name": "AB", "topology": "HA", "admPassword": "x", "diskSize": 1});
    let en = validate_create(&broken, Locale::En);
    let fr = validate_create(&broken, Locale::Fr);
    assert_eq!(pc(&en), pc(&fr));
    for (e, f) in en.iter().zip(&fr) {
        assert!(!e.message.is_empty() && !f.message.is_empty());
        assert_ne!(e.message, f.message, "{}", e.path);
    }
    let len = validate_create(&with(standalone(), "name", json!("abc")), Locale::Fr);
    assert_eq!(
        len[0].message,
        "Le nom doit comporter entre 5 et 60 caractères."
    );
}

#[test]
fn messages_never_echo_the_value() {
    let hostile = "<script>alert(1)</script>";
    for field in ["name", "nodeSizing", "topology", "trigram", "admPassword"] {
        for locale in [Locale::En, Locale::Fr] {
            let issues = validate_create(&with(standalone(), field, json!(hostile)), locale);
            assert!(!issues.is_empty(), "{field}");
            assert!(
                issues.iter().all(|i| !i.message.contains("script")),
                "{field}"
            );
        }
    }
}

#[test]
fn field_validation_matches_the_whole_request() {
    let f = |field: &str, v: Value, r: Option<&Value>| {
        validate_create_field(field, &v, r, Locale::En)
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect::<Vec<_>>()
    };
    assert!(f("name", json!("newpostgre01"), None).is_empty());
    assert_eq!(
        f("name", json!("NEW"), None),
        vec![
            ("name".to_string(), IssueCode::Length),
            ("name".to_string(), IssueCode::Pattern)
        ]
    );
    assert_eq!(
        f("name", Value::Null, None),
        one("name", IssueCode::Required)
    );
    assert_eq!(
        f("diskSize", json!(1025), None),
        one("diskSize", IssueCode::Range)
    );
    assert_eq!(
        f("diskSize", json!("40"), None),
        one("diskSize", IssueCode::Type)
    );
    assert!(f("unknownField", json!(1), None).is_empty());
    assert!(f("", json!(1), None).is_empty());
    // C9: HA fields become required only when the request says HA.
    assert!(f("nodePrefix", Value::Null, None).is_empty());
    assert!(f("nodePrefix", Value::Null, Some(&standalone())).is_empty());
    assert_eq!(
        f("nodePrefix", Value::Null, Some(&ha())),
        one("nodePrefix", IssueCode::Required)
    );
    assert_eq!(
        f("az", Value::Null, Some(&ha())),
        one("az", IssueCode::Required)
    );
    assert_eq!(
        f("tls", Value::Null, Some(&ha())),
        one("tls", IssueCode::Required)
    );
    assert_eq!(
        f("nodePrefix", json!("pg"), Some(&ha())),
        vec![
            ("nodePrefix".to_string(), IssueCode::Length),
            ("nodePrefix".to_string(), IssueCode::Pattern)
        ]
    );
    assert!(f("tls", Value::Null, Some(&standalone())).is_empty());
    // A request that is not an object is just "no HA".
    assert!(f("az", Value::Null, Some(&json!("HA"))).is_empty());
}

#[test]
fn valid_input_allocates_nothing() {
    let r = standalone();
    let h = ha();
    let name = json!("newpostgre01");
    let prefix = json!("PGNODE");
    let n = allocations(|| {
        assert!(validate_create(&r, Locale::En).is_empty());
        assert!(validate_create(&h, Locale::Fr).is_empty());
        assert!(validate_create_field("name", &name, Some(&h), Locale::En).is_empty());
        assert!(validate_create_field("nodePrefix", &prefix, Some(&h), Locale::En).is_empty());
        assert!(validate_create_field("nope", &prefix, None, Locale::En).is_empty());
    });
    assert_eq!(n, 0);
    // Valid operations too (O1-O7), with a context.
    let ops = [
        json!({"operation": "start"}),
        json!({"operation": "resize", "options": {"sizing": "2cpu4gb"}}),
        json!({"operation": "restore", "options": {"sourceId": 1234, "stop": "BEFORE", "timestamp": "2022-11-02T09:32:02.000+00:00"}}),
        json!({"operation": "enable_ha", "options": {"replicationLag": 50, "changeReference": "000"}}),
        json!({"operation": "update_patch_party", "options": {"patchParty": {"excluded": false, "patchGroup": "3"}}}),
        json!({"operation": "install_extension", "options": {"dbname": "mydb", "extensions_list": [{"name": "ext1"}]}}),
        json!({"operation": "upgrade", "options": {"targetVersion": "16"}}),
    ];
    let ctx = itcare_postgresql::validate::OperationContext {
        now: Some("2022-11-03T00:00:00Z".into()),
        node_count: Some(1),
        versions: Some(vec![16]),
        ..Default::default()
    };
    let n = allocations(|| {
        for op in &ops {
            let issues = itcare_postgresql::validate::validate_operation(op, &ctx, 0, Locale::En);
            assert!(issues.is_empty(), "{op} {issues:?}");
        }
    });
    assert_eq!(n, 0);
    // And the counter does count: an issue allocates its path and message.
    let bad = json!("AB");
    assert!(
        allocations(|| assert!(!validate_create_field("name", &bad, None, Locale::En).is_empty()))
            > 0
    );
}

#[test]
fn odd_values_never_panic_and_always_give_a_typed_issue_or_none() {
    let odd = [
        Value::Null,
        json!(true),
        json!(-1),
        json!(0),
        json!(1.5),
        json!(-0.0),
        json!(1e308),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!("é"),
        json!("\u{0}"),
        json!("x".repeat(10_000)),
        json!([]),
        json!([null]),
        json!({}),
    ];
    let fields = [
        "name",
        "nodeSizing",
        "diskSize",
        "admPassword",
        "serviceId",
        "networkId",
        "topology",
        "trigram",
        "allowedReplicationLag",
        "nodePrefix",
        "az",
        "tls",
        "area",
        "productCode",
        "backupEnabled",
        "cloudId",
        "product",
        "supportLevel",
    ];
    for field in fields {
        for v in &odd {
            for base in [standalone(), ha()] {
                let issues = validate_create(&with(base.clone(), field, v.clone()), Locale::Fr);
                // Every issue concerns that field only (the rest of the request is valid) and
                // has a message.
                assert!(
                    issues
                        .iter()
                        .all(|i| i.path == field && !i.message.is_empty()),
                    "{field} {v} {issues:?}"
                );
                let single = validate_create_field(field, v, Some(&base), Locale::En);
                assert_eq!(
                    single.iter().map(|i| i.code).collect::<Vec<_>>(),
                    issues.iter().map(|i| i.code).collect::<Vec<_>>(),
                    "field and whole-request validation agree: {field} {v}"
                );
            }
        }
    }
}

#[test]
fn serde_shapes_of_the_contract() {
    use itcare_postgresql::validate::OperationContext;
    assert_eq!(Locale::default(), Locale::En);
    assert_eq!(serde_json::to_value(Locale::Fr).unwrap(), json!("fr"));
    assert_eq!(
        serde_json::from_value::<Locale>(json!("en")).unwrap(),
        Locale::En
    );
    assert_eq!(Locale::from_tag("fr-FR"), Locale::Fr);
    assert_eq!(Locale::from_tag("de"), Locale::En);
    let codes = [
        (IssueCode::Required, "required"),
        (IssueCode::Type, "type"),
        (IssueCode::Length, "length"),
        (IssueCode::Range, "range"),
        (IssueCode::Pattern, "pattern"),
        (IssueCode::Forbidden, "forbidden"),
        (IssueCode::Enum, "enum"),
        (IssueCode::Password, "password"),
        (IssueCode::Window, "window"),
        (IssueCode::State, "state"),
        (IssueCode::Format, "format"),
        (IssueCode::Empty, "empty"),
    ];
    for (code, s) in codes {
        assert_eq!(serde_json::to_value(code).unwrap(), json!(s));
        assert_eq!(code.as_str(), s);
    }
    let issue = &validate_create(&with(standalone(), "name", json!("cluster")), Locale::En)[0];
    assert_eq!(
        serde_json::to_value(issue).unwrap(),
        json!({"path": "name", "code": "forbidden", "message": "The name must not be \"cluster\".", "rule": "C1"})
    );
    let ctx = OperationContext {
        node_count: Some(1),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&ctx).unwrap(), json!({"nodeCount": 1}));
}
