#![cfg(not(target_arch = "wasm32"))]
//! The form descriptions agree with the validators: every field is a path the validators
//! report on, limits are the validators' limits, HA fields follow C9, and both locales are full.

use itcare_postgresql::form::{
    describe_create_form, describe_operation_form, ChoicesSource, ConfirmKind, FieldKind,
    FormDescription, FormField, OPERATION_FORMS,
};
use itcare_postgresql::validate::{
    self, validate_create, validate_create_field, validate_operation, IssueCode, Locale,
    OperationContext,
};
use serde_json::{json, Value};

fn field<'a>(form: &'a FormDescription, name: &str) -> &'a FormField {
    form.fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn valid_request(topology: &str) -> Value {
    let mut r = json!({
        "area": "EB-QA", "productCode": "deb12pg16", "name": "newpostgre01",
        "nodeSizing": "2cpu4gb", "diskSize": 40, "admPassword": "Test123@2022",
        "serviceId": 123, "networkId": 132, "topology": topology, "trigram": "tri",
        "allowedReplicationLag": 10
    });
    if topology == "HA" {
        r["nodePrefix"] = json!("PGNODES");
        r["az"] = json!("EB4");
        r["tls"] = json!(true);
    }
    r
}

#[test]
fn create_form_lists_every_required_field_of_the_api_in_groups() {
    let form = describe_create_form(Locale::En);
    let names: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
    for required in [
        "area",
        "productCode",
        "name",
        "nodeSizing",
        "diskSize",
        "admPassword",
        "serviceId",
        "networkId",
        "topology",
        "trigram",
        "allowedReplicationLag",
    ] {
        assert!(
            field(&form, required).required,
            "{required} must be required"
        );
    }
    // Name comes first: it is what a person thinks of first.
    assert_eq!(names.first(), Some(&"name"));
    for f in &form.fields {
        assert!(
            form.groups.iter().any(|g| g.id == f.group),
            "{} has unknown group {}",
            f.name,
            f.group
        );
    }
}

/// Each always-required field, left empty, is reported by the validators on exactly its name.
#[test]
fn every_required_field_is_reported_on_its_own_path() {
    let form = describe_create_form(Locale::En);
    for f in form.fields.iter().filter(|f| f.required) {
        let issues = validate_create_field(&f.name, &Value::Null, None, Locale::En);
        assert!(
            issues
                .iter()
                .any(|i| i.path == f.name && i.code == IssueCode::Required),
            "{}: {issues:?}",
            f.name
        );
    }
}

/// C9: HA fields are shown and required only for the HA topology, and the validators agree.
#[test]
fn ha_fields_follow_topology_c9() {
    let form = describe_create_form(Locale::En);
    let standalone = valid_request("STANDALONE");
    let ha = json!({"topology": "HA"});
    for name in ["nodePrefix", "az", "tls"] {
        let f = field(&form, name);
        for cond in [&f.visible_when, &f.required_when] {
            let cond = cond.as_ref().expect("condition");
            assert_eq!(cond.field.as_deref(), Some("topology"));
            assert_eq!(cond.equals, "HA");
        }
        assert!(!f.required);
        assert!(
            validate_create_field(name, &Value::Null, Some(&standalone), Locale::En).is_empty(),
            "{name} must be optional for STANDALONE"
        );
        let issues = validate_create_field(name, &Value::Null, Some(&ha), Locale::En);
        assert!(
            issues
                .iter()
                .any(|i| i.path == name && i.code == IssueCode::Required),
            "{name}: {issues:?}"
        );
    }
    assert_eq!(field(&form, "tls").kind, FieldKind::Checkbox);
    // The topology choices are exactly the values C6 accepts.
    let topology = field(&form, "topology");
    let values: Vec<&str> = topology.choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, validate::TOPOLOGIES.to_vec());
    assert_eq!(topology.default_value.as_deref(), Some("STANDALONE"));
}

/// The limits mirrored into input attributes are the ones the validators enforce.
#[test]
fn limits_are_the_validators_limits() {
    let form = describe_create_form(Locale::En);
    let name = field(&form, "name");
    assert_eq!(name.min_length, Some(validate::NAME_MIN_CHARS));
    assert_eq!(name.max_length, Some(validate::NAME_MAX_CHARS));
    assert!(name.lowercase, "C1: the page offers to lowercase");
    let max = usize::try_from(validate::NAME_MAX_CHARS).unwrap();
    assert!(validate_create_field("name", &json!("a".repeat(max)), None, Locale::En).is_empty());
    assert!(
        !validate_create_field("name", &json!("a".repeat(max + 1)), None, Locale::En).is_empty()
    );

    let disk = field(&form, "diskSize");
    assert_eq!(
        (disk.min, disk.max),
        (
            Some(validate::DISK_SIZE_MIN_GB),
            Some(validate::DISK_SIZE_MAX_GB)
        )
    );
    assert_eq!(disk.kind, FieldKind::Number);
    for (v, ok) in [
        (disk.min.unwrap(), true),
        (disk.max.unwrap(), true),
        (disk.min.unwrap() - 1, false),
        (disk.max.unwrap() + 1, false),
    ] {
        assert_eq!(
            validate_create_field("diskSize", &json!(v), None, Locale::En).is_empty(),
            ok,
            "diskSize {v}"
        );
    }
    let lag = field(&form, "allowedReplicationLag");
    assert_eq!(
        (lag.min, lag.max),
        (
            Some(validate::REPLICATION_LAG_MIN_MB),
            Some(validate::REPLICATION_LAG_MAX_MB)
        )
    );
    let prefix = field(&form, "nodePrefix");
    assert_eq!(
        (prefix.min_length, prefix.max_length),
        (
            Some(validate::NODE_PREFIX_MIN_CHARS),
            Some(validate::NODE_PREFIX_MAX_CHARS)
        )
    );
    let password = field(&form, "admPassword");
    assert_eq!(password.kind, FieldKind::Password);
    assert_eq!(password.min_length, Some(validate::PASSWORD_MIN_CHARS));
}

/// The defaults and the first known choices, with what only the person knows (name, trigram,
/// password, service, network, node prefix), make a request the validators accept; no field
/// shows a grey example that reads as a value.
#[test]
fn defaults_form_a_valid_request() {
    for topology in ["STANDALONE", "HA"] {
        let form = describe_create_form(Locale::En);
        let mut request = serde_json::Map::new();
        request.insert("topology".into(), json!(topology));
        for f in &form.fields {
            assert!(f.placeholder.is_none(), "{} has a placeholder", f.name);
            if let Some(cond) = &f.visible_when {
                if cond.field.as_deref() == Some("topology") && cond.equals != topology {
                    continue;
                }
            }
            let first_by = f.choices_by.as_ref().and_then(|by| {
                let area = field(&form, &by.field).default_value.clone()?;
                let set = by.options.iter().find(|o| o.when == area)?;
                set.choices.first().map(|c| c.value.clone())
            });
            let Some(text) = f.default_value.clone().or(first_by) else {
                continue;
            };
            let value = match f.kind {
                FieldKind::Number => json!(text.parse::<i64>().unwrap()),
                FieldKind::Checkbox => json!(text == "true"),
                _ => json!(text),
            };
            request.entry(f.name.clone()).or_insert(value);
        }
        for (k, v) in [
            ("name", json!("newpostgre01")),
            ("trigram", json!("tri")),
            ("admPassword", json!("Test123@2022")),
            ("serviceId", json!(123)),
            ("networkId", json!(132)),
            ("nodePrefix", json!("PGNODES")),
        ] {
            if topology == "HA" || k != "nodePrefix" {
                request.insert(k.into(), v);
            }
        }
        let request = Value::Object(request);
        assert_eq!(
            validate_create(&request, Locale::En),
            vec![],
            "{topology}: {request}"
        );
    }
}

/// Choices where the facts are known (P1 versions, P3 zones, C2 sizings), each value one the
/// validators accept, and a typed value still allowed; services and networks come from the
/// user's own instances.
#[test]
fn create_form_offers_known_choices_and_takes_typed_ids() {
    let form = describe_create_form(Locale::En);
    let product = field(&form, "productCode");
    assert_eq!(product.kind, FieldKind::Select);
    assert!(product.other_allowed);
    let majors: Vec<String> = product
        .choices
        .iter()
        .map(|c| c.value[c.value.len() - 2..].to_owned())
        .collect();
    assert_eq!(majors, ["16", "15", "14", "13", "12", "11", "10"], "P1");
    assert_eq!(product.default_value.as_deref(), Some("deb12pg16"));
    let sizing = field(&form, "nodeSizing");
    assert!(sizing.other_allowed && sizing.choices.len() >= 5);
    for c in &sizing.choices {
        assert!(
            validate_create_field("nodeSizing", &json!(c.value), None, Locale::En).is_empty(),
            "C2 {}",
            c.value
        );
    }
    let area = field(&form, "area");
    assert_eq!(area.default_value.as_deref(), Some("EB-QA"));
    let az = field(&form, "az");
    let by = az.choices_by.as_ref().unwrap();
    assert_eq!(by.field, "area");
    for c in &area.choices {
        let zones = &by
            .options
            .iter()
            .find(|o| o.when == c.value)
            .unwrap()
            .choices;
        assert!(!zones.is_empty(), "{}", c.value);
    }
    for (name, source) in [
        ("serviceId", ChoicesSource::Services),
        ("networkId", ChoicesSource::Networks),
    ] {
        let f = field(&form, name);
        assert_eq!(f.choices_from, Some(source));
        assert!(f.other_allowed, "{name} takes a typed id");
        assert_eq!(f.value_type, itcare_postgresql::form::ValueType::Integer);
    }
}

#[test]
fn both_locales_are_complete_and_french_differs() {
    let forms = |locale| {
        let mut v = vec![describe_create_form(locale)];
        v.extend(
            OPERATION_FORMS
                .iter()
                .map(|op| describe_operation_form(op, locale).unwrap()),
        );
        v
    };
    let (en, fr) = (forms(Locale::En), forms(Locale::Fr));
    for (e, f) in en.iter().zip(&fr) {
        assert_eq!(e.id, f.id);
        assert!(!f.title.is_empty() && !f.submit_label.is_empty() && !f.description.is_empty());
        assert!(
            !e.menu_label.is_empty() && !f.menu_label.is_empty(),
            "{}",
            e.id
        );
        assert_ne!(e.description, f.description, "{} description", e.id);
        assert_eq!(e.fields.len(), f.fields.len());
        for (ef, ff) in e.fields.iter().zip(&f.fields) {
            assert_eq!(ef.name, ff.name, "same order in both locales");
            assert!(!ff.label.is_empty() && !ff.help.is_empty(), "{}", ff.name);
            assert_ne!(ef.help, ff.help, "{} help must be translated", ef.name);
        }
    }
    let create_fr = &fr[0];
    assert_eq!(field(create_fr, "name").label, "Nom de l'instance");
}

/// O8: every PATCH operation has a form, plus delete; an unknown name has none.
#[test]
fn operation_forms_cover_every_operation_o8() {
    let mut expected: Vec<&str> = validate::OPERATIONS.to_vec();
    expected.push("delete");
    assert_eq!(OPERATION_FORMS.to_vec(), expected);
    for op in OPERATION_FORMS {
        let form = describe_operation_form(op, Locale::En).unwrap();
        assert_eq!(form.id, *op);
    }
    assert!(describe_operation_form("reboot", Locale::En).is_none());
    assert!(describe_operation_form("", Locale::Fr).is_none());
}

/// Confirmation in proportion to the risk: a plain acknowledgement for stop (O1: Start brings it
/// back, so not irreversible) and resize (O2: cannot be undone), the target version for an
/// upgrade (O7), the instance name for restore (O3 overwrites its data) and delete; start asks
/// nothing. (The portal asks for the name instead of a tick on production or HA instances.)
#[test]
fn confirmation_matches_the_risk() {
    for op in ["stop", "resize"] {
        let form = describe_operation_form(op, Locale::En).unwrap();
        assert_eq!(form.irreversible, op == "resize", "{op}");
        assert_eq!(form.confirm.unwrap().kind, ConfirmKind::Acknowledge);
    }
    let stop = describe_operation_form("stop", Locale::En).unwrap();
    assert!(!stop.description.contains("cannot be undone"));
    for op in ["restore", "delete"] {
        let form = describe_operation_form(op, Locale::En).unwrap();
        assert!(form.irreversible, "{op}");
        assert_eq!(form.confirm.unwrap().kind, ConfirmKind::TypeName, "{op}");
    }
    let upgrade = describe_operation_form("upgrade", Locale::Fr).unwrap();
    let confirm = upgrade.confirm.unwrap();
    assert_eq!(confirm.kind, ConfirmKind::TargetVersion);
    assert!(confirm.label.contains("{version}"));
    let start = describe_operation_form("start", Locale::En).unwrap();
    assert!(!start.irreversible && start.confirm.is_none() && start.fields.is_empty());
    assert!(start.groups.is_empty());
}

/// Each operation says which statuses it may start from (the simulator refuses the others with
/// 422), why not otherwise, and what the instance is doing meanwhile, in both languages.
#[test]
fn operations_say_when_they_are_available() {
    let allowed = |op: &str| {
        describe_operation_form(op, Locale::En)
            .unwrap()
            .allowed_statuses
    };
    assert_eq!(allowed("start"), ["STOPPED"]);
    assert_eq!(allowed("stop"), ["ACTIVE"]);
    for op in ["restore", "enable_ha", "install_extension", "upgrade"] {
        assert_eq!(allowed(op), ["ACTIVE"], "{op}");
    }
    assert!(allowed("delete").contains(&"STOPPED".to_owned()));
    for op in OPERATION_FORMS {
        let en = describe_operation_form(op, Locale::En).unwrap();
        let fr = describe_operation_form(op, Locale::Fr).unwrap();
        assert!(!en
            .allowed_statuses
            .iter()
            .any(|s| s == "CREATING" || s == "DELETING"));
        assert_ne!(en.unavailable_reason, fr.unavailable_reason, "{op}");
        assert_ne!(en.busy_label, fr.busy_label, "{op}");
        assert!(fr.busy_label.is_some_and(|b| !b.is_empty()));
    }
}

/// Each required operation field, left out, is reported by validate_operation on its name.
#[test]
fn operation_fields_are_the_paths_the_validators_report() {
    let ctx = OperationContext::default();
    for op in validate::OPERATIONS {
        let form = describe_operation_form(op, Locale::En).unwrap();
        // The parents of every field exist (the page always sends them), the fields do not.
        let mut body = json!({"operation": op, "options": {}});
        for f in &form.fields {
            let parts: Vec<&str> = f.name.split('.').collect();
            let mut cur = &mut body;
            for part in &parts[..parts.len() - 1] {
                cur = cur
                    .as_object_mut()
                    .unwrap()
                    .entry(part.to_string())
                    .or_insert(json!({}));
            }
        }
        let issues = validate_operation(&body, &ctx, 1_700_000_000_000, Locale::En);
        for f in form.fields.iter().filter(|f| f.required) {
            assert!(
                issues.iter().any(|i| i.path == f.name),
                "{op}: {} not reported in {issues:?}",
                f.name
            );
        }
        // And nothing is reported on a path the form does not show.
        for issue in &issues {
            assert!(
                issue.path == "operation"
                    || issue.path == "options"
                    || issue.path.is_empty()
                    || form.fields.iter().any(|f| issue.path.starts_with(&f.name)),
                "{op}: issue on {} has no field",
                issue.path
            );
        }
    }
}

#[test]
fn operation_limits_and_sources() {
    let restore = describe_operation_form("restore", Locale::En).unwrap();
    let ts = field(&restore, "options.timestamp");
    assert_eq!(ts.kind, FieldKind::Datetime);
    let window = ts.window.unwrap();
    assert_eq!(
        window.max_age_days,
        validate::RESTORE_WINDOW_NON_PRODUCTION_DAYS
    );
    assert_eq!(
        window.production_max_age_days,
        validate::RESTORE_WINDOW_PRODUCTION_DAYS
    );
    let stop = field(&restore, "options.stop");
    let values: Vec<&str> = stop.choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, validate::RESTORE_STOPS.to_vec());
    assert_eq!(
        field(&restore, "options.sourceId").choices_from,
        Some(ChoicesSource::Instances)
    );

    let ha = describe_operation_form("enable_ha", Locale::En).unwrap();
    let lag = field(&ha, "options.replicationLag");
    assert_eq!(
        (lag.min, lag.max),
        (
            Some(validate::HA_REPLICATION_LAG_MIN),
            Some(validate::HA_REPLICATION_LAG_MAX)
        )
    );
    assert!(!field(&ha, "options.changeReference").required);

    let install = describe_operation_form("install_extension", Locale::En).unwrap();
    let list = field(&install, "options.extensions_list");
    assert_eq!(list.kind, FieldKind::List);
    assert_eq!(list.item_key.as_deref(), Some("name"));
    assert_eq!(list.choices_from, Some(ChoicesSource::Extensions));
    assert_eq!(
        field(&install, "options.dbname").choices_from,
        Some(ChoicesSource::Databases)
    );

    let upgrade = describe_operation_form("upgrade", Locale::En).unwrap();
    assert_eq!(
        field(&upgrade, "options.targetVersion").choices_from,
        Some(ChoicesSource::Versions)
    );

    // O5: the reason appears with the exclusion, the patch group only for one member.
    let pp = describe_operation_form("update_patch_party", Locale::En).unwrap();
    let reason = field(&pp, "options.patchParty.exclusionReason");
    assert_eq!(
        reason.required_when.as_ref().unwrap().field.as_deref(),
        Some("options.patchParty.excluded")
    );
    let group = field(&pp, "options.patchParty.patchGroup");
    let cond = group.visible_when.as_ref().unwrap();
    assert_eq!(
        (cond.context.as_deref(), cond.equals.as_str()),
        (Some("nodeCount"), "1")
    );
}

/// The JSON the portal reads uses camelCase keys and lowercase kinds, and omits empty parts.
#[test]
fn serialises_in_camel_case_for_js() {
    let v = serde_json::to_value(describe_create_form(Locale::Fr)).unwrap();
    assert!(v.get("submitLabel").is_some());
    let name = &v["fields"][0];
    assert_eq!(name["name"], "name");
    assert_eq!(name["kind"], "text");
    assert_eq!(name["valueType"], "string");
    assert_eq!(name["minLength"], json!(validate::NAME_MIN_CHARS));
    assert_eq!(name["lowercase"], json!(true));
    assert!(name.get("choices").is_none() && name.get("visibleWhen").is_none());
    let prefix = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "nodePrefix")
        .unwrap();
    assert_eq!(
        prefix["visibleWhen"],
        json!({"field": "topology", "equals": "HA"})
    );
    let op = serde_json::to_value(describe_operation_form("restore", Locale::En).unwrap()).unwrap();
    assert_eq!(op["fields"][2]["kind"], "datetime");
    assert_eq!(op["fields"][0]["choicesFrom"], "instances");
    assert_eq!(op["fields"][0]["valueType"], "integer");
}
