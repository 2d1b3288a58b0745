#![cfg(not(target_arch = "wasm32"))]
//! Models against every example body of the provider's reference page (tests/fixtures/),
//! plus the lenient-decode / strict-encode behaviour the API rules ask for (A1, T6, T7, L1, O1-O8).

use itcare_postgresql::models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn fixture_value(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

fn decode<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| {
        panic!(
            "{name} does not decode into {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// Numbers compared by value (`1` and `1.0` are the same number for the API; `f64` fields
/// re-encode `1` as `1.0`).
fn normalize(value: &Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}

/// Decodes the fixture, re-encodes it and checks the JSON is the fixture's own: every field of
/// the reference is modelled under its exact name (a missing or misspelt field would be
/// dropped on the way), and decode -> encode -> decode gives the same value.
fn assert_fixture_round_trip<T>(name: &str) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let original = fixture_value(name);
    let model: T = decode(name);
    let encoded = serde_json::to_value(&model).expect("encode");
    assert_eq!(
        normalize(&encoded),
        normalize(&original),
        "{name}: re-encoded JSON differs from the reference example"
    );
    let again: T = serde_json::from_value(encoded).expect("decode the re-encoded value");
    assert_eq!(
        again, model,
        "{name}: decode -> encode -> decode changed the value"
    );
    model
}

fn round_trip<T>(model: &T)
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let encoded = serde_json::to_string(model).expect("encode");
    let again: T = serde_json::from_str(&encoded).expect("decode");
    assert_eq!(&again, model, "round trip changed {encoded}");
}

// ---------------------------------------------------------------- reference examples

#[test]
fn create_full_body_has_every_field_and_product_keys_upper_case() {
    let body: CreatePostgresql = assert_fixture_round_trip("create_full.json");
    assert_eq!(body.topology, Topology::Standalone);
    assert_eq!(
        body.support_level,
        Some(SupportLevel::NoMonitoringNoSupport)
    );
    assert_eq!(body.disk_size, 1);
    assert_eq!(body.node_prefix.as_deref(), Some("text"));
    let product = body.product.as_ref().expect("product");
    assert_eq!(product.code.as_deref(), Some("text"));
    assert_eq!(product.category_weight, Some(1));
    assert_eq!(product.tech_formonly, Some(true));
    let storage = product.storage.as_ref().expect("product.storage");
    assert_eq!(storage.volumes.len(), 1);
    assert_eq!(storage.volumes[0].id.as_deref(), Some("data"));
    assert_eq!(storage.volumes[0].size_gb, Some(1));
    let topologies = &product
        .configuration
        .as_ref()
        .expect("configuration")
        .topologies;
    assert_eq!(topologies[0].always_on.as_deref(), Some("text"));
    assert_eq!(product.properties[0].default_value.as_deref(), Some("text"));
    assert_eq!(
        product.resources[0].option_descr_fr.as_deref(),
        Some("text")
    );

    let encoded = serde_json::to_value(&body).expect("encode");
    let product_json = encoded.get("product").expect("product key");
    for key in [
        "BACKUP_POLICY_TYPE",
        "END_OF_SALES_AT",
        "PRODUCT_IS_IN_BETA_MODE",
        "TECH_FORMONLY",
        "ID",
        "IMG",
    ] {
        assert!(product_json.get(key).is_some(), "product key {key} missing");
    }
    for key in ["configuration", "properties", "resources", "storage"] {
        assert!(
            product_json.get(key).is_some(),
            "product key {key} must stay lowercase"
        );
    }
}

#[test]
fn create_short_example_decodes_and_encodes_only_what_is_set() {
    let body: CreatePostgresql = assert_fixture_round_trip("create_short.json");
    assert_eq!(body.product_code, "deb12pg16");
    assert_eq!(body.service_id, 123);
    assert_eq!(body.network_id, 132);
    assert_eq!(body.disk_size, 40);
    assert_eq!(body.allowed_replication_lag, 10);
    assert_eq!(body.topology, Topology::Standalone);
    assert_eq!(body.tls, Some(true));
    assert_eq!(body.az.as_deref(), Some("az"));
    // Decoding is not validation: the example breaks C1 (uppercase), the validators say so.
    assert_eq!(body.name, "NEWPOSTGRE01");
    assert_eq!(body.product, None);
    let encoded = serde_json::to_value(&body).expect("encode");
    // Strict encode: the 13 keys of the example, no `null` for the options left out.
    assert_eq!(encoded.as_object().map(|m| m.len()), Some(13));
}

#[test]
fn create_decode_requires_the_required_fields() {
    // Request decoding happens after validation; a missing required field is an error, not a default.
    let mut body = fixture_value("create_short.json");
    body.as_object_mut().expect("object").remove("serviceId");
    let err = serde_json::from_value::<CreatePostgresql>(body).expect_err("serviceId is required");
    assert!(err.to_string().contains("serviceId"), "{err}");
}

#[test]
fn create_debug_redacts_the_password() {
    let body: CreatePostgresql = decode("create_short.json");
    let debug = format!("{body:?}");
    assert!(!debug.contains("Test123@2022"), "{debug}");
    assert!(debug.contains("<redacted>"));
    assert!(debug.contains("NEWPOSTGRE01"));
}

#[test]
fn action_202_example_keeps_the_printed_enum_as_unknown_status() {
    // A1: the page prints "SUCCESS,IN_PROGRESS,ERROR" (the enum, not a value): it must decode.
    let action: Action = assert_fixture_round_trip("action_202.json");
    assert_eq!(action.id, Some(1));
    assert_eq!(action.internal_id, Some(1));
    assert_eq!(
        action.last_updated_at.as_deref(),
        Some("2025-10-31T05:09:20.855Z")
    );
    assert_eq!(
        action.status,
        Some(ActionStatus::Unknown("SUCCESS,IN_PROGRESS,ERROR".into()))
    );
    assert!(!action.is_terminal());
}

#[test]
fn instance_example_has_every_field() {
    let inst: PostgresqlInstance = assert_fixture_round_trip("instance_get.json");
    assert_eq!(inst.id, Some(1));
    assert_eq!(inst.node_count, Some(1));
    assert_eq!(inst.backup_status, Some(true));
    assert_eq!(
        inst.support_level,
        Some(SupportLevel::NoMonitoringNoSupport)
    );
    assert_eq!(inst.r#type.as_deref(), Some("text"));
    let details = inst
        .backup_policy_details
        .as_ref()
        .expect("backupPolicyDetails");
    assert_eq!(details.backups[0].backup_size, Some(1.0));
    assert_eq!(details.policies[0].frequencies, Some(json!({})));
    assert_eq!(details.policies[0].policy_id.as_deref(), Some("text"));
    let network = inst.network.as_ref().expect("network");
    assert_eq!(network.dns[0].alias.as_deref(), Some("text"));
    assert_eq!(network.used_percent, Some(1.0));
    assert_eq!(
        inst.patch_party.as_ref().and_then(|p| p.excluded),
        Some(true)
    );
}

#[test]
fn list_examples_decode() {
    let dbs: Vec<Database> = assert_fixture_round_trip("databases.json");
    assert_eq!(dbs[0].extensions[0].schema.as_deref(), Some("text"));
    let exts: Vec<Extension> = assert_fixture_round_trip("extensions.json");
    assert_eq!(exts[0].requires_restarting, Some(true));
    let nets: Vec<Network> = assert_fixture_round_trip("networks.json");
    assert_eq!(nets[0].ip_free_number, Some(1));
    assert_eq!(nets[0].is_ip_range_public, Some(true));
    let versions: Versions = assert_fixture_round_trip("versions.json");
    assert_eq!(versions, vec![1]);
}

#[test]
fn nodes_example_has_every_field() {
    let nodes: Vec<Node> = assert_fixture_round_trip("nodes.json");
    let node = &nodes[0];
    assert_eq!(node.is_member_of_load_balancer, Some(true));
    assert_eq!(node.ntp_servers, vec!["text".to_string()]);
    assert_eq!(node.loadbalancers[0].member_count, Some(1));
    let area = node.area.as_ref().expect("area");
    assert_eq!(
        area.availability_zones[0].datacenter_id.as_deref(),
        Some("text")
    );
    let region = node.region.as_ref().expect("region");
    assert_eq!(region.areas[0].availability_zones[0].routable, Some(true));
    assert_eq!(node.backup.as_ref().and_then(|b| b.files_nb), Some(1));
    assert_eq!(
        node.replication
            .as_ref()
            .and_then(|r| r.storage_move_in_progress),
        Some(true)
    );
    assert_eq!(
        node.snapshot.as_ref().and_then(|s| s.snapshot_size),
        Some(1.0)
    );
    let info = node
        .storage_information
        .as_ref()
        .expect("storageInformation");
    assert_eq!(info.file_systems[0].mounting_point.as_deref(), Some("text"));
    assert_eq!(
        node.support_level,
        Some(SupportLevel::NoMonitoringNoSupport)
    );
}

#[test]
fn node_load_balancer_key_is_spelled_as_the_api_does() {
    let node: Node =
        serde_json::from_value(json!({"isMemberOFLoadBalancer": false})).expect("decode");
    assert_eq!(node.is_member_of_load_balancer, Some(false));
    // The "natural" camelCase spelling is another (unknown) key: ignored.
    let other: Node =
        serde_json::from_value(json!({"isMemberOfLoadBalancer": true})).expect("decode");
    assert_eq!(other.is_member_of_load_balancer, None);
}

// ---------------------------------------------------------------- PATCH operations

fn reference_operations() -> Vec<(&'static str, PostgresqlOperation)> {
    vec![
        ("patch_start.json", PostgresqlOperation::Start),
        ("patch_stop.json", PostgresqlOperation::Stop),
        (
            "patch_resize.json",
            PostgresqlOperation::Resize(ResizeOptions {
                sizing: "2cpu4gb".into(),
            }),
        ),
        (
            "patch_restore.json",
            PostgresqlOperation::Restore(RestoreOptions {
                source_id: 1234,
                stop: RestoreStop::Before,
                timestamp: "2022-11-02T09:32:02.000+00:00".into(),
            }),
        ),
        (
            "patch_enable_ha.json",
            PostgresqlOperation::EnableHa(EnableHaOptions {
                replication_lag: 50,
                change_reference: Some("000".into()),
            }),
        ),
        (
            "patch_patch_party_include.json",
            PostgresqlOperation::UpdatePatchParty(UpdatePatchPartyOptions {
                patch_party: PatchPartyUpdate {
                    excluded: false,
                    patch_group: Some("3".into()),
                    exclusion_reason: None,
                },
            }),
        ),
        (
            "patch_patch_party_exclude.json",
            PostgresqlOperation::UpdatePatchParty(UpdatePatchPartyOptions {
                patch_party: PatchPartyUpdate {
                    excluded: true,
                    patch_group: None,
                    exclusion_reason: Some("I want to handle this by myself".into()),
                },
            }),
        ),
        (
            "patch_install_extension.json",
            PostgresqlOperation::InstallExtension(InstallExtensionOptions {
                dbname: "mydb".into(),
                extensions_list: vec![
                    ExtensionRef {
                        name: "ext1".into(),
                    },
                    ExtensionRef {
                        name: "ext2".into(),
                    },
                ],
            }),
        ),
        (
            "patch_upgrade.json",
            PostgresqlOperation::Upgrade(UpgradeOptions {
                target_version: "12".into(),
                change_reference: Some("RFC 1234".into()),
            }),
        ),
    ]
}

#[test]
fn operations_decode_from_and_encode_exactly_as_the_reference_examples() {
    for (name, expected) in reference_operations() {
        let original = fixture_value(name);
        let decoded: PostgresqlOperation = decode(name);
        assert_eq!(decoded, expected, "{name}: decode");
        // Exact JSON (not number-normalised): the body the API receives is the reference's.
        assert_eq!(
            serde_json::to_value(&expected).expect("encode"),
            original,
            "{name}: encode"
        );
        assert_eq!(
            original.get("operation").and_then(Value::as_str),
            Some(expected.name()),
            "{name}: name()"
        );
        round_trip(&expected);
    }
}

#[test]
fn start_and_stop_carry_no_options() {
    // O1: `{"operation":"start"}` both ways, no `options` key at all.
    let start = serde_json::to_string(&PostgresqlOperation::Start).expect("encode");
    assert_eq!(start, r#"{"operation":"start"}"#);
    let decoded: PostgresqlOperation =
        serde_json::from_str(r#"{"operation":"stop"}"#).expect("decode");
    assert_eq!(decoded, PostgresqlOperation::Stop);
}

#[test]
fn start_and_stop_read_null_or_empty_options_as_none() {
    // O1: no options. `null` and `{}` (the reference's generic body always carries `options`)
    // read as "no options", as the validators tolerate them; options with content are refused.
    let null: PostgresqlOperation =
        serde_json::from_str(r#"{"operation":"start","options":null}"#).expect("null options");
    assert_eq!(null, PostgresqlOperation::Start);
    let empty: PostgresqlOperation =
        serde_json::from_str(r#"{"operation":"stop","options":{}}"#).expect("empty options");
    assert_eq!(empty, PostgresqlOperation::Stop);
    assert_eq!(
        serde_json::to_string(&empty).unwrap(),
        r#"{"operation":"stop"}"#
    );
    assert!(serde_json::from_str::<PostgresqlOperation>(
        r#"{"operation":"stop","options":{"sizing":"2cpu4gb"}}"#
    )
    .is_err());
    // And an operation that needs options refuses to go without them.
    let err =
        serde_json::from_str::<PostgresqlOperation>(r#"{"operation":"resize"}"#).expect_err("O2");
    assert!(err.to_string().contains("options"), "{err}");
}

#[test]
fn operation_names_list_every_variant_once() {
    let names: Vec<&str> = reference_operations()
        .iter()
        .map(|(_, op)| op.name())
        .collect();
    let mut unique = names.clone();
    unique.dedup();
    assert_eq!(
        unique,
        PostgresqlOperation::NAMES,
        "NAMES must follow the reference order"
    );
    assert!(PostgresqlOperation::Stop.is_irreversible());
    assert!(PostgresqlOperation::Resize(ResizeOptions {
        sizing: "2cpu2gb".into()
    })
    .is_irreversible());
    assert!(!PostgresqlOperation::Start.is_irreversible());
}

#[test]
fn generic_patch_body_is_not_an_operation() {
    // O8: the reference's generic body uses `"operation": "text"`; it is refused by name.
    let err = serde_json::from_str::<PostgresqlOperation>(&fixture("patch_generic.json"))
        .expect_err("O8");
    assert!(err.to_string().contains("text"), "{err}");
}

#[test]
fn restore_stop_is_closed() {
    let body = json!({"operation": "restore", "options": {"sourceId": 1, "stop": "DURING", "timestamp": "x"}});
    assert!(serde_json::from_value::<PostgresqlOperation>(body).is_err());
    assert_eq!(RestoreStop::After.as_str(), "AFTER");
    assert_eq!(
        serde_json::to_value(RestoreStop::Before).expect("encode"),
        json!("BEFORE")
    );
}

#[test]
fn install_extension_key_stays_snake_case() {
    let op = PostgresqlOperation::InstallExtension(InstallExtensionOptions {
        dbname: "db".into(),
        extensions_list: vec![ExtensionRef {
            name: "postgis".into(),
        }],
    });
    let encoded = serde_json::to_value(&op).expect("encode");
    assert_eq!(
        encoded["options"]["extensions_list"],
        json!([{"name": "postgis"}])
    );
    assert!(encoded["options"].get("extensionsList").is_none());
}

#[test]
fn optional_operation_options_are_left_out() {
    let op = PostgresqlOperation::Upgrade(UpgradeOptions {
        target_version: "16".into(),
        change_reference: None,
    });
    assert_eq!(
        serde_json::to_value(&op).expect("encode"),
        json!({"operation": "upgrade", "options": {"targetVersion": "16"}})
    );
}

// ---------------------------------------------------------------- lenient decode

#[test]
fn unknown_fields_and_values_are_kept_or_ignored() {
    let mut inst = fixture_value("instance_get.json");
    let obj = inst.as_object_mut().expect("object");
    obj.insert("status".into(), json!("PAUSED"));
    obj.insert("topology".into(), json!("SHARDED"));
    obj.insert("supportLevel".into(), json!("GOLD_24_7"));
    obj.insert("aFieldFromTheFuture".into(), json!({"x": [1, 2]}));
    let decoded: PostgresqlInstance = serde_json::from_value(inst).expect("lenient decode");
    assert_eq!(decoded.status.as_deref(), Some("PAUSED"));
    assert_eq!(decoded.topology.as_deref(), Some("SHARDED"));
    assert_eq!(
        decoded.support_level,
        Some(SupportLevel::Unknown("GOLD_24_7".into()))
    );
    let encoded = serde_json::to_value(&decoded).expect("encode");
    assert_eq!(
        encoded["supportLevel"],
        json!("GOLD_24_7"),
        "unknown value written back unchanged"
    );
    assert!(encoded.get("aFieldFromTheFuture").is_none());
    round_trip(&decoded);

    let node: Node =
        serde_json::from_value(json!({"supportLevel": "PLATINUM", "extra": 1})).expect("decode");
    assert_eq!(
        node.support_level,
        Some(SupportLevel::Unknown("PLATINUM".into()))
    );

    let action: Action =
        serde_json::from_value(json!({"id": 7, "status": "PAUSED", "new": true})).expect("decode");
    assert_eq!(action.status, Some(ActionStatus::Unknown("PAUSED".into())));
    assert!(
        !action.is_terminal(),
        "an unknown status keeps the waiter polling"
    );
    round_trip(&action);

    // Topology in a create request keeps an unknown value too (the validators report C6).
    let mut create = fixture_value("create_short.json");
    create["topology"] = json!("SHARDED");
    let body: CreatePostgresql = serde_json::from_value(create).expect("decode");
    assert_eq!(body.topology, Topology::Unknown("SHARDED".into()));
    assert_eq!(
        serde_json::to_value(&body).expect("encode")["topology"],
        json!("SHARDED")
    );
}

#[test]
fn missing_fields_decode_to_empty() {
    fn empty<T: DeserializeOwned + Default + PartialEq + std::fmt::Debug + Serialize>() {
        let decoded: T = serde_json::from_str("{}").expect("{} decodes");
        assert_eq!(decoded, T::default());
        round_trip(&decoded);
    }
    empty::<PostgresqlInstance>();
    empty::<Node>();
    empty::<Network>();
    empty::<Database>();
    empty::<Extension>();
    empty::<Action>();
    empty::<ApiErrorBody>();
    empty::<BackupPolicyDetails>();
    empty::<Area>();
    empty::<Region>();
    empty::<StorageInformation>();
    empty::<Product>();
    empty::<PageSort>();
    empty::<Page<Node>>();

    let node: Node =
        serde_json::from_value(json!({"id": 3, "network": {}, "area": {}})).expect("decode");
    assert_eq!(node.id, Some(3));
    assert!(node.loadbalancers.is_empty());
    assert!(node.ntp_servers.is_empty());
    assert_eq!(node.network.as_ref().map(|n| n.dns.len()), Some(0));
    assert_eq!(
        node.area.as_ref().map(|a| a.availability_zones.len()),
        Some(0)
    );
}

#[test]
fn null_fields_decode_as_absent() {
    let inst: PostgresqlInstance = serde_json::from_value(
        json!({"id": null, "supportLevel": null, "network": null, "name": "pg1"}),
    )
    .expect("decode");
    assert_eq!(inst.id, None);
    assert_eq!(inst.support_level, None);
    assert_eq!(inst.name.as_deref(), Some("pg1"));
}

#[test]
fn decimal_measures_decode() {
    let net: Network = serde_json::from_value(json!({"usedPercent": 37.5})).expect("decode");
    assert_eq!(net.used_percent, Some(37.5));
    let node: Node = serde_json::from_value(
        json!({"storageInformation": {"fileSystems": [{"free": 12.25, "sizeOf": 40}], "totalSizeDisks": 40.5}}),
    )
    .expect("decode");
    let info = node.storage_information.expect("storageInformation");
    assert_eq!(info.file_systems[0].free, Some(12.25));
    assert_eq!(info.total_size_disks, Some(40.5));
}

// ---------------------------------------------------------------- string enums

#[test]
fn string_enums_map_wire_values_both_ways() {
    for (wire, status) in [
        ("SUCCESS", ActionStatus::Success),
        ("IN_PROGRESS", ActionStatus::InProgress),
        ("ERROR", ActionStatus::Error),
    ] {
        assert_eq!(ActionStatus::from_wire(wire), status);
        assert_eq!(status.as_str(), wire);
        assert_eq!(status.to_string(), wire);
        assert_eq!(serde_json::to_value(&status).expect("encode"), json!(wire));
        assert_eq!(
            serde_json::from_value::<ActionStatus>(json!(wire)).expect("decode"),
            status
        );
        assert!(status.is_known());
    }
    assert_eq!(ActionStatus::KNOWN, ["SUCCESS", "IN_PROGRESS", "ERROR"]);
    assert_eq!(Topology::KNOWN, ["STANDALONE", "HA"]);
    assert_eq!("HA".parse::<Topology>(), Ok(Topology::Ha));
    // Exact match: the API's values are upper case.
    assert_eq!(Topology::from("ha"), Topology::Unknown("ha".into()));
    assert!(!Topology::from(String::from("ha")).is_known());
    assert_eq!(
        Topology::from(String::from("STANDALONE")),
        Topology::Standalone
    );
    // Not a string at all is still an error.
    assert!(serde_json::from_value::<Topology>(json!(1)).is_err());
}

// ---------------------------------------------------------------- action helpers

#[test]
fn action_status_helpers() {
    let with = |status: Option<ActionStatus>| Action {
        status,
        ..Action::default()
    };
    let done = with(Some(ActionStatus::Success));
    assert!(done.is_done() && !done.is_failed() && done.is_terminal());
    let failed = with(Some(ActionStatus::Error));
    assert!(!failed.is_done() && failed.is_failed() && failed.is_terminal());
    let running = with(Some(ActionStatus::InProgress));
    assert!(!running.is_done() && !running.is_failed() && !running.is_terminal());
    assert!(!with(None).is_terminal());
}

#[test]
fn action_a2_shape_decodes() {
    let action: Action = serde_json::from_value(json!({
        "id": 42, "internalId": 4242, "family": "DATABASE", "process": "CREATE_POSTGRESQL",
        "message": "disk full", "resourceName": "pg1", "resourceType": "POSTGRESQL", "status": "ERROR",
        "lastUpdatedAt": "2025-10-31T05:09:20.855Z", "submittedAt": "2025-10-31T05:00:00.000Z",
        "submittedBy": "jdoe", "completedAt": "2025-10-31T05:09:20.855Z"
    }))
    .expect("decode");
    assert!(action.is_failed());
    assert_eq!(action.message.as_deref(), Some("disk full"));
    assert_eq!(action.submitted_by.as_deref(), Some("jdoe"));
    assert_eq!(
        action.completed_at.as_deref(),
        Some("2025-10-31T05:09:20.855Z")
    );
    round_trip(&action);
}

#[test]
fn api_error_body_t6() {
    let body: ApiErrorBody = serde_json::from_value(json!({
        "status": "BAD_REQUEST", "errorCode": "INVALID_FIELD_VALUE", "errorDesc": "name",
        "errorMessage": "Error on field 'name'"
    }))
    .expect("decode");
    assert_eq!(body.status.as_deref(), Some("BAD_REQUEST"));
    assert_eq!(body.error_code.as_deref(), Some("INVALID_FIELD_VALUE"));
    assert_eq!(body.error_desc.as_deref(), Some("name"));
    assert_eq!(body.error_message.as_deref(), Some("Error on field 'name'"));
    round_trip(&body);
}

// ---------------------------------------------------------------- pages (T7, L1)

#[test]
fn list_or_page_decodes_a_spring_page() {
    let page: ListOrPage<PostgresqlInstance> = serde_json::from_value(json!({
        "content": [{"id": 1, "name": "pg1"}, {"id": 2, "name": "pg2"}],
        "pageable": {"pageNumber": 0},
        "totalElements": 5, "totalPages": 3, "size": 2, "number": 0, "numberOfElements": 2,
        "first": true, "last": false, "empty": false,
        "sort": {"sorted": false, "unsorted": true, "empty": true}
    }))
    .expect("decode page");
    let inner = page.page().expect("a page");
    assert_eq!(inner.total_pages, Some(3));
    assert_eq!(
        inner.sort,
        Some(PageSort {
            sorted: Some(false),
            unsorted: Some(true),
            empty: Some(true)
        })
    );
    assert_eq!(page.total_elements(), Some(5));
    assert_eq!(page.items().len(), 2);
    round_trip(&page);
    let items = page.into_items();
    assert_eq!(items[1].name.as_deref(), Some("pg2"));
}

#[test]
fn list_or_page_decodes_a_bare_array() {
    let list: ListOrPage<Node> = decode("nodes.json");
    assert!(list.page().is_none());
    assert_eq!(list.total_elements(), Some(1));
    assert_eq!(list.items()[0].is_member_of_load_balancer, Some(true));
    round_trip(&list);
    let empty: ListOrPage<Node> = serde_json::from_str("[]").expect("decode");
    assert_eq!(empty, ListOrPage::List(vec![]));
    let no_content: ListOrPage<Node> =
        serde_json::from_str(r#"{"totalElements": 0}"#).expect("decode");
    assert!(no_content.items().is_empty());
}

#[test]
fn list_or_page_refuses_other_shapes() {
    for bad in ["null", "\"text\"", "3"] {
        let err = serde_json::from_str::<ListOrPage<Node>>(bad).expect_err(bad);
        assert!(err.to_string().contains("Spring page"), "{err}");
    }
    // An item that does not decode is reported, not skipped.
    assert!(serde_json::from_str::<ListOrPage<Node>>(r#"[{"id": "not a number"}]"#).is_err());
}
