//! The validation exports at the wasm boundary, with real JS values: every wrong JS type, values
//! `JSON.stringify` cannot handle (BigInt, Symbol, functions, cycles, throwing Proxies), the
//! reference examples, locales and garbage options/context. Validation must answer with issues,
//! never throw or trap, and the module must keep working afterwards (issue 2).
//!
//! Runs under `wasm-pack test --node` and, with `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium
//! (`scripts/test-wasm.sh` runs both).
#![cfg(target_arch = "wasm32")]

use itcare_postgresql::validate::{IssueCode, ValidationIssue};
use itcare_postgresql::wasm::{
    validate_create_postgresql as create, validate_create_postgresql_field as field,
    validate_postgresql_operation as operation,
};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// Evaluates a JS expression (used to build values Rust cannot: cycles, Proxies, BigInt…).
fn js(expr: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expr});"))
        .call0(&JsValue::NULL)
        .expect("test expression evaluates")
}

/// A valid STANDALONE request: the reference's short create example with its name lowercased.
const VALID: &str = r#"{
  "productCode": "deb12pg16", "serviceId": 123, "nodeSizing": "2cpu4gb", "networkId": 132,
  "area": "EB-QA", "diskSize": 40, "admPassword": "Test123@2022", "allowedReplicationLag": 10,
  "az": "az", "topology": "STANDALONE", "trigram": "tri", "tls": true, "name": "newpostgre01"
}"#;

/// The reference's short create example, verbatim (its name `NEWPOSTGRE01` breaks C1).
const REFERENCE_CREATE: &str = include_str!("fixtures/create_short.json");

fn valid() -> JsValue {
    js_sys::JSON::parse(VALID).expect("VALID is JSON")
}

/// `valid()` with `key` set to the JS expression `expr` (`undefined` deletes it).
fn valid_with(key: &str, expr: &str) -> JsValue {
    let v = valid();
    Reflect::set(&v, &JsValue::from_str(key), &js(expr)).expect("set");
    v
}

/// Checks the result is a real JS array of plain objects (not `Map`s, TOOLCHAIN trap 6) and
/// decodes it.
fn issues(result: JsValue) -> Vec<ValidationIssue> {
    assert!(Array::is_array(&result), "not an array: {result:?}");
    for item in Array::from(&result).iter() {
        let proto = Object::get_prototype_of(&item);
        assert_eq!(
            JsValue::from(proto),
            JsValue::from(Object::get_prototype_of(&Object::new())),
            "issue is not a plain object: {item:?}"
        );
    }
    serde_wasm_bindgen::from_value(result).expect("issues decode")
}

fn paths(list: &[ValidationIssue]) -> Vec<(&str, IssueCode)> {
    list.iter().map(|i| (i.path.as_str(), i.code)).collect()
}

fn module_still_works() {
    assert_eq!(issues(create(valid(), JsValue::UNDEFINED)), vec![]);
}

/// JS values of every kind that is not an object, plus objects JSON cannot express.
const NOT_OBJECTS: [&str; 13] = [
    "undefined",
    "null",
    "0",
    "NaN",
    "-Infinity",
    "'text'",
    "''",
    "true",
    "10n",
    "Symbol('s')",
    "function () { return 1; }",
    "'x'.repeat(5000000)",
    "[1, 2, 3]",
];

#[wasm_bindgen_test]
fn create_any_non_object_is_one_type_issue_at_root() {
    for expr in NOT_OBJECTS {
        let got = issues(create(js(expr), JsValue::UNDEFINED));
        assert_eq!(paths(&got), vec![("", IssueCode::Type)], "for {expr}");
    }
    module_still_works();
}

#[wasm_bindgen_test]
fn create_valid_request_has_no_issue() {
    assert_eq!(issues(create(valid(), JsValue::UNDEFINED)), vec![]);
}

#[wasm_bindgen_test]
fn create_reference_example_is_reported_only_for_name() {
    // C1: the reference's own example is uppercase, which its rule forbids.
    let request = js_sys::JSON::parse(REFERENCE_CREATE).expect("fixture is JSON");
    let got = issues(create(request, JsValue::UNDEFINED));
    assert_eq!(paths(&got), vec![("name", IssueCode::Pattern)]);
    assert_eq!(got[0].rule, "C1");
}

#[wasm_bindgen_test]
fn create_reports_every_broken_rule_with_its_path() {
    let request = js(r#"{
        area: "EB-QA", productCode: "deb12pg16", name: "cluster", nodeSizing: "2 cpus",
        diskSize: 1025, admPassword: "short", serviceId: 0, networkId: -1,
        topology: "HA", trigram: "t1", allowedReplicationLag: 0
    }"#);
    let got = issues(create(request, JsValue::UNDEFINED));
    let rules: Vec<&str> = got.iter().map(|i| i.rule.as_str()).collect();
    for rule in ["C1", "C2", "C3", "C4", "C5", "C7", "C8", "C9"] {
        assert!(rules.contains(&rule), "{rule} missing from {got:?}");
    }
    let p: Vec<&str> = got.iter().map(|i| i.path.as_str()).collect();
    for path in [
        "name",
        "nodeSizing",
        "diskSize",
        "admPassword",
        "serviceId",
        "networkId",
        "trigram",
        "allowedReplicationLag",
        "nodePrefix",
        "tls",
    ] {
        assert!(p.contains(&path), "{path} missing from {p:?}");
    }
}

#[wasm_bindgen_test]
fn create_wrong_js_types_in_fields_are_issues_at_their_path() {
    // (field, JS value, expected code): JSON-expressible wrong types.
    let cases = [
        ("diskSize", "'40'", IssueCode::Type),
        ("diskSize", "40.5", IssueCode::Type),
        ("diskSize", "null", IssueCode::Required),
        ("diskSize", "undefined", IssueCode::Required),
        ("diskSize", "[40]", IssueCode::Type),
        ("diskSize", "{ value: 40 }", IssueCode::Type),
        ("diskSize", "true", IssueCode::Type),
        ("name", "42", IssueCode::Type),
        ("topology", "['HA']", IssueCode::Type),
        // Values JSON.stringify cannot take: BigInt makes it throw, so the boundary reads the
        // object field by field and a value JSON cannot carry is of the wrong type.
        ("diskSize", "40n", IssueCode::Type),
        (
            "name",
            "new Proxy({}, { ownKeys() { throw new Error('keys'); } })",
            IssueCode::Type,
        ),
        // A function or a Symbol is dropped by JSON.stringify: the field is missing.
        ("name", "function () {}", IssueCode::Required),
        ("serviceId", "Symbol('id')", IssueCode::Required),
        ("diskSize", "NaN", IssueCode::Required),
        ("diskSize", "Infinity", IssueCode::Required),
        ("name", "new Date(0)", IssueCode::Pattern),
    ];
    for (key, expr, code) in cases {
        let got = issues(create(valid_with(key, expr), JsValue::UNDEFINED));
        assert_eq!(paths(&got), vec![(key, code)], "{key} = {expr}");
    }
    module_still_works();
}

#[wasm_bindgen_test]
fn create_survives_values_json_cannot_express() {
    // A cycle in a carried-through field (C11): JSON.stringify throws; the bounded walk reads the
    // rest, and the request is still valid.
    let cyclic = js(&format!(
        "(() => {{ const r = {VALID}; r.product = {{ CODE: 'x' }}; r.product.self = r; return r; }})()"
    ));
    assert_eq!(issues(create(cyclic, JsValue::UNDEFINED)), vec![]);

    // A getter that throws: that one field is of the wrong type.
    let getter = js(&format!(
        "(() => {{ const r = {VALID}; Object.defineProperty(r, 'name', {{ enumerable: true, get() {{ throw new Error('boom'); }} }}); return r; }})()"
    ));
    assert_eq!(
        paths(&issues(create(getter, JsValue::UNDEFINED))),
        vec![("name", IssueCode::Type)]
    );
    // A cycle through a text field: the back-reference is of the wrong type, nothing else.
    let cycle_in_name = js(&format!(
        "(() => {{ const r = {VALID}; r.name = {{ owner: r }}; r.region = 1n; return r; }})()"
    ));
    assert_eq!(
        paths(&issues(create(cycle_in_name, JsValue::UNDEFINED))),
        vec![("name", IssueCode::Type), ("region", IssueCode::Type)]
    );

    // Proxies whose every trap throws, and a revoked Proxy (even Array.isArray throws on it).
    for expr in [
        "new Proxy({}, { get() { throw new Error('get'); }, ownKeys() { throw new Error('keys'); }, getOwnPropertyDescriptor() { throw new Error('desc'); } })",
        "(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()",
        "new Proxy([], { get() { throw new Error('get'); } })",
    ] {
        let got = issues(create(js(expr), JsValue::UNDEFINED));
        assert_eq!(paths(&got), vec![("", IssueCode::Type)], "for {expr}");
    }

    // toJSON that throws, deep nesting, a huge sparse array, a very long name.
    let to_json_throws =
        js("{ toJSON() { throw new Error('no'); }, name: 'newpostgre01', diskSize: 40 }");
    let got = issues(create(to_json_throws, JsValue::UNDEFINED));
    assert!(got.iter().all(|i| i.path != "name" && i.path != "diskSize"));
    let deep = js(&format!(
        "(() => {{ const r = {VALID}; let o = r; for (let i = 0; i < 100000; i++) {{ o.product = {{}}; o = o.product; }} return r; }})()"
    ));
    assert_eq!(issues(create(deep, JsValue::UNDEFINED)), vec![]);
    let sparse = js(&format!(
        "(() => {{ const r = {VALID}; r.product = {{ LIST: [] }}; r.product.LIST.length = 4294967295; return r; }})()"
    ));
    assert_eq!(issues(create(sparse, JsValue::UNDEFINED)), vec![]);
    let long = issues(create(
        valid_with("name", "'a'.repeat(3000000)"),
        JsValue::UNDEFINED,
    ));
    assert_eq!(paths(&long), vec![("name", IssueCode::Length)]);
    module_still_works();
}

/// The CI run of 2026-11-30 lost the module here: `JSON.stringify` of a 100,000-level value
/// recursed until the engine's stack ran out, and its replacer crossed into wasm at every level,
/// so the RangeError could land inside Rust code holding wasm-bindgen's externref slab ("slab
/// already borrowed" on every later call). Whether it did depended on where the stack ended: the
/// same value, reached from every JS stack depth in 0..160, covers every phase. The budgeted
/// stringify is plain JS with a depth limit now (src/wasm/stringify.js).
#[wasm_bindgen_test]
fn deep_values_from_every_stack_phase_leave_the_module_working() {
    let deep = js(&format!(
        "(() => {{ const r = {VALID}; let o = r; for (let i = 0; i < 100000; i++) {{ o.product = {{}}; o = o.product; }} return r; }})()"
    ));
    let options = js(
        "(() => { const r = {}; let o = r; for (let i = 0; i < 100000; i++) { o.next = {}; o = o.next; } return r; })()",
    );
    let call = Closure::<dyn Fn()>::new(move || {
        assert_eq!(issues(create(deep.clone(), JsValue::UNDEFINED)), vec![]);
        // The same value as an operation's options, its context and a field's request: every
        // export reads JS values the same way.
        let op = js("({ operation: 'resize' })");
        Reflect::set(&op, &JsValue::from_str("options"), &options).expect("set");
        assert!(!issues(operation(op, options.clone(), JsValue::UNDEFINED)).is_empty());
        assert_eq!(
            issues(field(
                JsValue::from_str("diskSize"),
                JsValue::from(40),
                deep.clone(),
                JsValue::UNDEFINED
            )),
            vec![]
        );
    });
    let at: Function =
        js("(f, n) => { const at = (k) => (k <= 0 ? f() : at(k - 1)); return at(n); }").into();
    for depth in 0..160u32 {
        if let Err(e) = at.call2(&JsValue::NULL, call.as_ref(), &depth.into()) {
            panic!("create from JS stack depth {depth}: {e:?}");
        }
    }
    module_still_works();
}

#[wasm_bindgen_test]
fn locale_option_selects_french_and_garbage_options_mean_english() {
    let bad = valid_with("diskSize", "39");
    let en = issues(create(bad.clone(), JsValue::UNDEFINED));
    let fr = issues(create(bad.clone(), js("{ locale: 'fr' }")));
    assert_eq!(paths(&en), paths(&fr));
    assert_ne!(en[0].message, fr[0].message);
    for options in [
        "null",
        "42",
        "'xx'",
        "{ locale: 5 }",
        "{ locale: 'de' }",
        "[]",
        "10n",
        "Symbol()",
        "new Proxy({}, { get() { throw new Error('x'); } })",
    ] {
        let got = issues(create(bad.clone(), js(options)));
        assert_eq!(got, en, "options {options}");
    }
}

#[wasm_bindgen_test]
fn operation_unknown_name_is_reported_at_operation() {
    // O8
    let got = issues(operation(
        js("{ operation: 'reboot' }"),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ));
    assert_eq!(paths(&got), vec![("operation", IssueCode::Enum)]);
    assert_eq!(got[0].rule, "O8");
}

#[wasm_bindgen_test]
fn operation_any_non_object_is_one_type_issue_at_root() {
    for expr in NOT_OBJECTS {
        let got = issues(operation(js(expr), JsValue::UNDEFINED, JsValue::UNDEFINED));
        assert_eq!(paths(&got), vec![("", IssueCode::Type)], "for {expr}");
    }
    let start = js("{ operation: 'start' }");
    assert_eq!(
        issues(operation(start, JsValue::UNDEFINED, JsValue::UNDEFINED)),
        vec![]
    );
}

#[wasm_bindgen_test]
fn operation_restore_window_uses_the_clock_when_context_has_no_now() {
    // O3: one day ago is inside every window; thirty days ago is outside every window.
    let restore = |days: u32| {
        js(&format!(
            "{{ operation: 'restore', options: {{ sourceId: 7, stop: 'AFTER', timestamp: new Date(Date.now() - {days} * 86400000).toISOString() }} }}"
        ))
    };
    assert_eq!(
        issues(operation(
            restore(1),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED
        )),
        vec![]
    );
    let got = issues(operation(
        restore(30),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ));
    assert_eq!(paths(&got), vec![("options.timestamp", IssueCode::Window)]);
    // Ten days ago: inside the production window (14 days), outside the other one (7 days).
    let prod = issues(operation(
        restore(10),
        js("{ production: true }"),
        JsValue::UNDEFINED,
    ));
    assert_eq!(prod, vec![]);
    let non_prod = issues(operation(
        restore(10),
        js("{ production: false }"),
        JsValue::UNDEFINED,
    ));
    assert_eq!(
        paths(&non_prod),
        vec![("options.timestamp", IssueCode::Window)]
    );
}

#[wasm_bindgen_test]
fn operation_context_now_wins_over_the_clock() {
    let op = js(
        "{ operation: 'restore', options: { sourceId: 7, stop: 'BEFORE', timestamp: '2024-01-01T00:00:00Z' } }",
    );
    let ctx = js("{ production: true, now: '2024-01-05T00:00:00Z' }");
    assert_eq!(
        issues(operation(op.clone(), ctx, JsValue::UNDEFINED)),
        vec![]
    );
    // Without `now`, 2024 is far in the past of the machine clock.
    let got = issues(operation(op, JsValue::UNDEFINED, JsValue::UNDEFINED));
    assert_eq!(paths(&got), vec![("options.timestamp", IssueCode::Window)]);
}

#[wasm_bindgen_test]
fn operation_garbage_context_is_ignored() {
    // O4 with an instance known to be HA is a `state` issue; garbage contexts know nothing.
    let op = js("{ operation: 'enable_ha', options: { replicationLag: 10 } }");
    let known = issues(operation(
        op.clone(),
        js("{ instance: { topology: 'HA', version: '16' } }"),
        JsValue::UNDEFINED,
    ));
    assert!(
        known.iter().any(|i| i.code == IssueCode::State),
        "{known:?}"
    );
    for ctx in [
        "null",
        "42",
        "'ctx'",
        "[]",
        "10n",
        "Symbol()",
        "() => 1",
        "{ production: 'yes', now: 5, instance: 'x', nodeCount: 'many', versions: 'all' }",
        "new Proxy({}, { get() { throw new Error('x'); }, ownKeys() { throw new Error('y'); } })",
        "(() => { const c = { instance: {} }; c.instance.self = c; return c; })()",
    ] {
        let got = issues(operation(op.clone(), js(ctx), JsValue::UNDEFINED));
        assert_eq!(got, vec![], "context {ctx}");
    }
}

#[wasm_bindgen_test]
fn field_validates_one_value_with_cross_field_rules() {
    let got = issues(field(
        "diskSize".into(),
        js("39"),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ));
    assert_eq!(paths(&got), vec![("diskSize", IssueCode::Range)]);
    assert_eq!(
        issues(field(
            "diskSize".into(),
            js("40"),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED
        )),
        vec![]
    );
    // C9: nodePrefix is required only when the request is HA.
    let ha = issues(field(
        "nodePrefix".into(),
        JsValue::UNDEFINED,
        js("{ topology: 'HA' }"),
        JsValue::UNDEFINED,
    ));
    assert_eq!(paths(&ha), vec![("nodePrefix", IssueCode::Required)]);
    let standalone = issues(field(
        "nodePrefix".into(),
        JsValue::UNDEFINED,
        js("{ topology: 'STANDALONE' }"),
        JsValue::UNDEFINED,
    ));
    assert_eq!(standalone, vec![]);
    let fr = issues(field(
        "diskSize".into(),
        js("39"),
        JsValue::UNDEFINED,
        js("{ locale: 'fr' }"),
    ));
    assert_ne!(fr[0].message, got[0].message);
}

#[wasm_bindgen_test]
fn field_takes_any_js_value_in_every_argument() {
    // Field names that are not strings name no field: no issue.
    for name in NOT_OBJECTS.iter().chain(["{}", "new Proxy({}, {})"].iter()) {
        let got = issues(field(
            js(name),
            js("39"),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
        ));
        assert_eq!(got, vec![], "field name {name}");
    }
    for value in NOT_OBJECTS {
        let got = issues(field("name".into(), js(value), js(value), js(value)));
        assert!(got.len() <= 1, "value {value}: {got:?}");
        assert!(
            got.iter().all(|i| i.path == "name"),
            "value {value}: {got:?}"
        );
    }
    module_still_works();
}

#[wasm_bindgen_test]
fn every_wrong_type_in_a_loop_leaves_the_module_working() {
    let values = Array::from(&js(
        "(() => { const c = {}; c.c = c; return [undefined, null, 1, -0, 1e308, NaN, 'x', true, 10n, Symbol(), () => 1, [], [[[]]], {}, c, new Map([[1, 2]]), new Set([1]), new Date(NaN), /re/, new Uint8Array(4), Object.create(null), new Proxy({}, { ownKeys() { throw 1; } })]; })()",
    ));
    for a in values.iter() {
        for b in values.iter() {
            let _ = issues(create(a.clone(), b.clone()));
            let _ = issues(operation(a.clone(), b.clone(), a.clone()));
            let _ = issues(field(a.clone(), b.clone(), a.clone(), b.clone()));
        }
    }
    module_still_works();
}
