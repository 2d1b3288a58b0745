//! Paginated lists: the Spring page (T7) and "a page or a bare array" (L1).

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Spring page (T7): `{"content": [...], "totalElements", "totalPages", "size", "number",
/// "numberOfElements", "first", "last", "empty", "sort": {...}}`. Every field but `content`
/// is optional; a missing `content` decodes as empty.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// Items of this page.
    #[serde(default = "Vec::<T>::new")]
    pub content: Vec<T>,
    /// Number of items over all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub total_elements: Option<i64>,
    /// Number of pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub total_pages: Option<i64>,
    /// Requested page size (`size` query parameter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub size: Option<i64>,
    /// Page number, from 0 (`page` query parameter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub number: Option<i64>,
    /// Number of items on this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub number_of_elements: Option<i64>,
    /// Whether this is the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub first: Option<bool>,
    /// Whether this is the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub last: Option<bool>,
    /// Whether this page is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub empty: Option<bool>,
    /// Sort state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sort: Option<PageSort>,
}

// Hand-written: the derive would require `T: Default`.
impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            content: Vec::new(),
            total_elements: None,
            total_pages: None,
            size: None,
            number: None,
            number_of_elements: None,
            first: None,
            last: None,
            empty: None,
            sort: None,
        }
    }
}

/// Sort state of a Spring page (`sort`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageSort {
    /// Whether the content is sorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sorted: Option<bool>,
    /// Whether the content is unsorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unsorted: Option<bool>,
    /// Whether no sort is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub empty: Option<bool>,
}

/// A list answer that is either a Spring page (T7) or a bare JSON array (L1).
///
/// Decoded by hand through `serde_json::Value` (not `#[serde(untagged)]`, which is slow and
/// hides the real error): an array is a `List`, an object a `Page`, anything else an error.
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(type = "T[] | Page<T>")
)]
#[derive(Debug, Clone, PartialEq)]
pub enum ListOrPage<T> {
    /// A bare array of items.
    List(Vec<T>),
    /// A Spring page.
    Page(Page<T>),
}

impl<T> ListOrPage<T> {
    /// The items, whichever the shape.
    pub fn items(&self) -> &[T] {
        match self {
            Self::List(items) => items,
            Self::Page(page) => &page.content,
        }
    }

    /// The items, whichever the shape.
    pub fn into_items(self) -> Vec<T> {
        match self {
            Self::List(items) => items,
            Self::Page(page) => page.content,
        }
    }

    /// The page, when the server answered one.
    pub fn page(&self) -> Option<&Page<T>> {
        match self {
            Self::List(_) => None,
            Self::Page(page) => Some(page),
        }
    }

    /// Number of items over all pages: the page's `totalElements`, or the length of a bare
    /// array (which holds everything).
    pub fn total_elements(&self) -> Option<i64> {
        match self {
            Self::List(items) => i64::try_from(items.len()).ok(),
            Self::Page(page) => page.total_elements,
        }
    }
}

impl<T> Default for ListOrPage<T> {
    fn default() -> Self {
        Self::List(Vec::new())
    }
}

impl<T> From<ListOrPage<T>> for Vec<T> {
    fn from(value: ListOrPage<T>) -> Self {
        value.into_items()
    }
}

impl<T: Serialize> Serialize for ListOrPage<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::List(items) => items.serialize(serializer),
            Self::Page(page) => page.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for ListOrPage<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Off the hot path (one list answer), so going through `Value` is fine.
        let value = serde_json::Value::deserialize(deserializer)?;
        match value {
            serde_json::Value::Array(_) => Vec::<T>::deserialize(value)
                .map(Self::List)
                .map_err(D::Error::custom),
            serde_json::Value::Object(_) => Page::<T>::deserialize(value)
                .map(Self::Page)
                .map_err(D::Error::custom),
            other => Err(D::Error::custom(format_args!(
                "expected a JSON array or a Spring page object (L1, T7), got {}",
                json_kind(&other)
            ))),
        }
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
