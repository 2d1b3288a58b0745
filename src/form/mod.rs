//! Form descriptions for the create request and each operation, rendered by the portal.
//!
//! The portal (`www/`) draws every form purely from these descriptions: field order, groups,
//! labels and help in English and French, input kind, limits, choices and visibility rules. A
//! rule, limit or label changed here changes the page with no edit in `www/`. Limits are read from
//! the same constants the validators use ([`crate::validate`]), never written twice.
//!
//! A field's [`FormField::name`] is the JSON path of the value in the request, the same path the
//! validators put in [`crate::validate::ValidationIssue::path`], so an issue lands on its field.

mod create;
mod operation;
pub mod status;

pub use create::describe_create_form;
/// The areas, zones and product codes the create form offers (P1, P3): the simulator's catalogue
/// is checked equal to them (`sim/core/src/catalog.rs`), so the two never drift.
pub use create::{KnownArea, AREAS as KNOWN_AREAS, PRODUCTS as KNOWN_PRODUCTS};
pub use operation::{describe_operation_form, OPERATION_FORMS};

use crate::validate::Locale;
use serde::Serialize;

/// How a field is entered in the page.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// A secret, entered masked.
    Password,
    /// An integer.
    Number,
    /// One value out of [`FormField::choices`] (or the dynamic [`FormField::choices_from`]).
    Select,
    /// A boolean.
    Checkbox,
    /// A date and time, sent as RFC 3339 (T8).
    Datetime,
    /// Several values out of the choices (a multi-select), sent as a JSON array.
    List,
}

/// The JSON type a field's value is sent as.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueType {
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
    /// A JSON boolean.
    Boolean,
    /// A JSON array of objects `{ [itemKey]: string }` (see [`FormField::item_key`]).
    ObjectList,
}

/// Where the choices of a select or list come from when they are not fixed.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChoicesSource {
    /// The instances the user can see (`GET /databases/postgresql`), value = instance id.
    Instances,
    /// The versions the instance can move to (`GET .../{id}/versions`, P5).
    Versions,
    /// The databases of the instance (`GET .../{id}/databases`).
    Databases,
    /// The extensions available on the instance (`GET .../{id}/extensions`).
    Extensions,
    /// The services of the instances the user can see, named (value = service id).
    Services,
    /// The networks of the instances the user can see, named (value = network id), limited to
    /// the chosen area (a network belongs to one area).
    Networks,
}

/// The choices of a field for one value of another field (the zones of one area).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoicesFor {
    /// The value of [`ChoicesBy::field`] these choices apply to.
    pub when: String,
    /// The choices, the default one first.
    pub choices: Vec<Choice>,
}

/// Choices that depend on the value of another field of the same form.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoicesBy {
    /// Name (JSON path) of the field whose value selects the choices.
    pub field: String,
    /// The choices for each known value; an unknown value offers none (the person types one).
    pub options: Vec<ChoicesFor>,
}

/// One fixed choice of a select.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The value sent in the request.
    pub value: String,
    /// What the user reads.
    pub label: String,
}

/// A condition on the current value of another field or on the operation context.
///
/// Exactly one of `field` and `context` is set. The condition holds when the value, converted to
/// text (`true`/`false` for booleans, decimal for numbers), equals `equals`.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// Name (JSON path) of the field of the same form whose value is tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub field: Option<String>,
    /// Name of the `OperationContext` entry whose value is tested (e.g. `nodeCount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub context: Option<String>,
    /// The text the value must equal.
    pub equals: String,
}

impl Condition {
    #[inline(never)] // one copy, not one per field (wasm size)
    fn field(name: &str, equals: &str) -> Self {
        Condition {
            field: Some(name.to_owned()),
            context: None,
            equals: equals.to_owned(),
        }
    }
    #[inline(never)] // one copy, not one per field (wasm size)
    fn context(name: &str, equals: &str) -> Self {
        Condition {
            field: None,
            context: Some(name.to_owned()),
            equals: equals.to_owned(),
        }
    }
}

/// The window a date-time must lie in, counted back from now (O3).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DateWindow {
    /// Oldest allowed point for a non-production service, in days before now.
    pub max_age_days: i64,
    /// Oldest allowed point for a production service, in days before now.
    pub production_max_age_days: i64,
}

/// One input of a form.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormField {
    /// JSON path of the value in the request (`name`, `options.sizing`,
    /// `options.patchParty.excluded`); the validators report issues on the same path.
    pub name: String,
    /// Id of the [`FormGroup`] the field belongs to.
    pub group: String,
    /// How the field is entered.
    pub kind: FieldKind,
    /// The JSON type the value is sent as.
    pub value_type: ValueType,
    /// Label.
    pub label: String,
    /// One sentence of help shown under the field (states the rule and its limits).
    pub help: String,
    /// Always required.
    pub required: bool,
    /// Required only while this condition holds (e.g. HA fields, C9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub required_when: Option<Condition>,
    /// Shown only while this condition holds; a hidden field is not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub visible_when: Option<Condition>,
    /// Smallest allowed number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min: Option<i64>,
    /// Largest allowed number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max: Option<i64>,
    /// Shortest allowed text, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_length: Option<i64>,
    /// Longest allowed text, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_length: Option<i64>,
    /// Unit shown after a number (`GB`, `MB`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unit: Option<String>,
    /// Example value shown in the empty input. The built-in forms set none (a grey example reads
    /// as a value already filled in): their help texts give the examples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub placeholder: Option<String>,
    /// Initial value, as text (`true`/`false` for a checkbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub default_value: Option<String>,
    /// Fixed choices of a select or list, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub choices: Vec<Choice>,
    /// Common values offered while typing in a free text field (the field accepts others).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub suggestions: Vec<String>,
    /// Where the choices come from when they depend on the instance or the user's instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub choices_from: Option<ChoicesSource>,
    /// Choices that depend on another field's value (the zones of the chosen area).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub choices_by: Option<ChoicesBy>,
    /// A select that also takes a value the person types ("Other…"): the choices are the known
    /// values, not the only valid ones.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub other_allowed: bool,
    /// For an `objectList` value: the key each selected value is put under (`{"name": ...}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub item_key: Option<String>,
    /// For a date-time: the window the value must lie in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub window: Option<DateWindow>,
    /// The value must be entered in lowercase; the page offers it lowercased without the
    /// characters C1 refuses, when C1 then accepts it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub lowercase: bool,
}

impl FormField {
    #[inline(never)] // one copy, not one per field (wasm size)
    fn new(name: &str, group: &str, kind: FieldKind, label: String, help: String) -> Self {
        let value_type = match kind {
            FieldKind::Number => ValueType::Integer,
            FieldKind::Checkbox => ValueType::Boolean,
            FieldKind::List => ValueType::ObjectList,
            _ => ValueType::String,
        };
        FormField {
            name: name.to_owned(),
            group: group.to_owned(),
            kind,
            value_type,
            label,
            help,
            required: false,
            required_when: None,
            visible_when: None,
            min: None,
            max: None,
            min_length: None,
            max_length: None,
            unit: None,
            placeholder: None,
            default_value: None,
            choices: Vec::new(),
            suggestions: Vec::new(),
            choices_from: None,
            choices_by: None,
            other_allowed: false,
            item_key: None,
            window: None,
            lowercase: false,
        }
    }
    #[inline(never)] // one copy, not one per field (wasm size)
    fn required(mut self) -> Self {
        self.required = true;
        self
    }
    #[inline(never)] // one copy, not one per field (wasm size)
    fn range(mut self, min: i64, max: i64) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self
    }
    #[inline(never)] // one copy, not one per field (wasm size)
    fn length(mut self, min: i64, max: Option<i64>) -> Self {
        self.min_length = Some(min);
        self.max_length = max;
        self
    }
}

/// A titled group of fields (a fieldset).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormGroup {
    /// Id referenced by [`FormField::group`].
    pub id: String,
    /// Legend.
    pub label: String,
}

/// How the user confirms a form before it is sent.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ConfirmKind {
    /// Tick a box acknowledging what the operation does (O1 stop: clients are disconnected until
    /// a start; O2 resize: cannot be undone).
    Acknowledge,
    /// Type the instance name (delete, restore: the data is lost).
    TypeName,
    /// Tick a box naming the chosen target version (upgrade): the label's `{version}` is replaced
    /// by the version selected in the form.
    TargetVersion,
}

/// The confirmation asked before sending.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confirmation {
    /// Kind of confirmation.
    pub kind: ConfirmKind,
    /// Label of the checkbox or of the name input.
    pub label: String,
}

/// A whole form: the create request, an operation (PATCH) or the delete.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormDescription {
    /// `create`, `delete` or the PATCH `operation` value (`start`, `resize`, ...).
    pub id: String,
    /// Title of the page or dialog.
    pub title: String,
    /// What the form does, in one or two sentences.
    pub description: String,
    /// Label of the submit button.
    pub submit_label: String,
    /// Short label of the menu entry or button that opens the form.
    pub menu_label: String,
    /// The effect cannot be undone.
    pub irreversible: bool,
    /// Confirmation asked before sending, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub confirm: Option<Confirmation>,
    /// Instance statuses the operation may start from (empty: any status). In any other status
    /// the page does not offer it and shows [`FormDescription::unavailable_reason`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allowed_statuses: Vec<String>,
    /// Why the operation is not offered when the status is not one of `allowedStatuses`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unavailable_reason: Option<String>,
    /// What the instance is doing while the operation runs (`Stopping`), shown in place of a
    /// status the API leaves unchanged until the action ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub busy_label: Option<String>,
    /// Field groups, in display order.
    pub groups: Vec<FormGroup>,
    /// Fields, in display order.
    pub fields: Vec<FormField>,
}

/// Picks the English or the French text.
#[inline(never)] // one copy, not one per field (wasm size)
fn tr(locale: Locale, en: &str, fr: &str) -> String {
    match locale {
        Locale::Fr => fr.to_owned(),
        _ => en.to_owned(),
    }
}

#[inline(never)] // one copy, not one per field (wasm size)
fn group(id: &str, label: String) -> FormGroup {
    FormGroup {
        id: id.to_owned(),
        label,
    }
}

/// Every form description as one JSON text, `{"en": {"create": …, "start": …, …, "delete": …},
/// "fr": {…}}` (fields in declaration order, as `serde_json::to_string` writes them).
///
/// The wasm ships this text (`forms.json`, kept equal to this function's output by a test)
/// instead of the builders above: 20 KB of JSON compress to ~4 KB, where the code building the
/// same objects cost ~30 KB of wasm. The builders stay the one source of truth.
pub fn forms_json() -> String {
    let mut out = String::from("{");
    for (i, locale) in [Locale::En, Locale::Fr].into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("\"{}\":{{", locale_key(locale)));
        let create = std::iter::once(("create", Some(describe_create_form(locale))));
        let operations = OPERATION_FORMS
            .iter()
            .map(|name| (*name, describe_operation_form(name, locale)));
        for (j, (id, form)) in create.chain(operations).enumerate() {
            if j > 0 {
                out.push(',');
            }
            let text = form.map_or_else(String::new, |f| {
                serde_json::to_string(&f).unwrap_or_default()
            });
            out.push_str(&format!("\"{id}\":{text}"));
        }
        out.push('}');
    }
    out.push('}');
    out
}

/// The key of a locale in [`forms_json`].
pub fn locale_key(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "fr",
        _ => "en",
    }
}

#[cfg(test)]
mod tests {
    /// `forms.json` (what the wasm ships) is exactly what the builders give. After changing a
    /// form, regenerate it with `ITCARE_UPDATE_FORMS=1 cargo test --lib form::`.
    #[test]
    fn shipped_forms_json_matches_the_builders() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/form/forms.json");
        let built = super::forms_json();
        if std::env::var_os("ITCARE_UPDATE_FORMS").is_some() {
            std::fs::write(path, &built).unwrap();
        }
        let shipped = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            shipped == built,
            "src/form/forms.json is stale: run ITCARE_UPDATE_FORMS=1 cargo test --lib form::"
        );
        // Every form of both locales is in it.
        let v: serde_json::Value = serde_json::from_str(&shipped).unwrap();
        for locale in ["en", "fr"] {
            assert!(v[locale]["create"]["fields"].is_array());
            for name in super::OPERATION_FORMS {
                assert_eq!(v[locale][name]["id"], *name, "{locale} {name}");
            }
        }
    }
}
