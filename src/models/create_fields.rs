//! The 27 fields of the create request (`POST /databases/postgresql`, rules C1–C11 of
//! `docs/spec/API.md`), declared once.
//!
//! Every other list of them derives from [`CreateField::ALL`]: the validators
//! (`src/validate/create.rs`, one check per field in this order), the request body
//! (`src/client/body.rs`, only these keys are sent), the fast boundary's argument layout
//! (`src/validate/fast.rs`, read by `src/wasm/validate.rs`) and its JS twin in
//! `pkg-template/fast.js` (generated from this table; a test fails when it is stale). The model
//! [`CreatePostgresql`](super::CreatePostgresql) keeps its serde derive; a test ties its keys,
//! types and required fields to this table.

/// The JSON type of a create field, as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// A text whose content a rule checks (C1, C2, C4, C6, C7, C9, C10).
    Text,
    /// A text whose content no rule checks: any text passes (C11).
    FreeText,
    /// An integer (a JS number without fraction).
    Integer,
    /// A boolean.
    Boolean,
    /// An object, carried through as given (C11 `product`).
    Object,
}

/// When a create field must be present (absent or `null` otherwise gives `required`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Always (C1–C8, C10).
    Required,
    /// When `topology` is `"HA"` (C9).
    RequiredForHa,
    /// Never (C11).
    Optional,
}

/// Declares [`CreateField`] and its table from one list: variant, JSON name, type, presence and
/// the rule that governs the field.
macro_rules! create_fields {
    ($($variant:ident $json:literal $ty:ident $presence:ident $rule:literal,)*) => {
        /// A field of the create request. [`CreateField::ALL`] lists them in the order issues are
        /// reported (rule order, then the order of the rule's text); `az` sits with C9 (required
        /// for HA) and also carries C10.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CreateField {
            $(
                #[doc = concat!("`", $json, "` (", $rule, ").")]
                $variant,
            )*
        }

        impl CreateField {
            /// Every field, in report order (`f as usize` is its index here).
            pub const ALL: &'static [CreateField] = &[$(CreateField::$variant,)*];

            /// The JSON name, which is also the path of its issues.
            pub const fn name(self) -> &'static str {
                match self { $(CreateField::$variant => $json,)* }
            }

            /// The field with this JSON name.
            pub fn from_name(name: &str) -> Option<CreateField> {
                match name { $($json => Some(CreateField::$variant),)* _ => None }
            }

            /// Its JSON type.
            pub const fn ty(self) -> FieldType {
                match self { $(CreateField::$variant => FieldType::$ty,)* }
            }

            /// When it must be present.
            pub const fn presence(self) -> Presence {
                match self { $(CreateField::$variant => Presence::$presence,)* }
            }

            /// The rule of `docs/spec/API.md` that governs it (`az`: C9 when required for HA,
            /// C10 otherwise).
            pub const fn rule(self) -> &'static str {
                match self { $(CreateField::$variant => $rule,)* }
            }
        }
    };
}

create_fields! {
    Name                    "name"                    Text     Required      "C1",
    NodeSizing              "nodeSizing"              Text     Required      "C2",
    DiskSize                "diskSize"                Integer  Required      "C3",
    AdmPassword             "admPassword"             Text     Required      "C4",
    ServiceId               "serviceId"               Integer  Required      "C5",
    NetworkId               "networkId"               Integer  Required      "C5",
    Topology                "topology"                Text     Required      "C6",
    Trigram                 "trigram"                 Text     Required      "C7",
    AllowedReplicationLag   "allowedReplicationLag"   Integer  Required      "C8",
    NodePrefix              "nodePrefix"              Text     RequiredForHa "C9",
    Az                      "az"                      Text     RequiredForHa "C9",
    Tls                     "tls"                     Boolean  RequiredForHa "C9",
    Area                    "area"                    Text     Required      "C10",
    ProductCode             "productCode"             Text     Required      "C10",
    BackupEnabled           "backupEnabled"           Boolean  Optional      "C11",
    CloudId                 "cloudId"                 Integer  Optional      "C11",
    DbBackupPolicyId        "dbBackupPolicyId"        FreeText Optional      "C11",
    NoBackupProdReason      "noBackupProdReason"      FreeText Optional      "C11",
    NoMonitoringProdReason  "noMonitoringProdReason"  FreeText Optional      "C11",
    NoReplicationProdReason "noReplicationProdReason" FreeText Optional      "C11",
    Prefix                  "prefix"                  FreeText Optional      "C11",
    Product                 "product"                 Object   Optional      "C11",
    Region                  "region"                  FreeText Optional      "C11",
    Regulation              "regulation"              FreeText Optional      "C11",
    ReplicationEnabled      "replicationEnabled"      Boolean  Optional      "C11",
    ServerBackupPolicyId    "serverBackupPolicyId"    FreeText Optional      "C11",
    SupportLevel            "supportLevel"            FreeText Optional      "C11",
}

/// Number of create fields.
pub const CREATE_FIELD_COUNT: usize = CreateField::ALL.len();

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::CreatePostgresql;
    use serde_json::Value;

    fn full_request() -> Value {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/create_full.json"
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn names_round_trip_and_index_is_report_order() {
        for (i, &f) in CreateField::ALL.iter().enumerate() {
            assert_eq!(CreateField::from_name(f.name()), Some(f));
            assert_eq!(f as usize, i);
        }
        assert_eq!(CreateField::from_name("nope"), None);
        assert_eq!(CREATE_FIELD_COUNT, 27);
    }

    /// The model's serde fields are the table's: same keys (a fully populated model writes every
    /// key), each of the table's JSON type, and exactly the `Required` ones are needed to decode.
    #[test]
    fn the_model_has_the_tables_fields() {
        let full = full_request();
        let model: CreatePostgresql = serde_json::from_value(full.clone()).unwrap();
        let written = serde_json::to_value(&model).unwrap();
        let written = written.as_object().unwrap();
        let mut keys: Vec<&str> = written.keys().map(String::as_str).collect();
        let mut names: Vec<&str> = CreateField::ALL.iter().map(|f| f.name()).collect();
        keys.sort_unstable();
        names.sort_unstable();
        assert_eq!(
            keys, names,
            "CreatePostgresql's serde keys differ from CreateField::ALL"
        );
        for &f in CreateField::ALL {
            let v = &written[f.name()];
            let ok = match f.ty() {
                FieldType::Text | FieldType::FreeText => v.is_string(),
                FieldType::Integer => v.is_i64(),
                FieldType::Boolean => v.is_boolean(),
                FieldType::Object => v.is_object(),
            };
            assert!(ok, "{}: {v} is not {:?}", f.name(), f.ty());
            let mut without = full.clone();
            without.as_object_mut().unwrap().remove(f.name());
            let decoded = serde_json::from_value::<CreatePostgresql>(without);
            assert_eq!(
                decoded.is_err(),
                f.presence() == Presence::Required,
                "{}: the model's Option-ness differs from the table",
                f.name()
            );
        }
    }
}
