//! The one boundary to JavaScript. Everything here converts JS values to core types and back;
//! no rule or policy lives here.

mod client;
mod connect;
mod errors;
mod form;
mod validate;

// The exports are re-exported for the wasm tests (`tests/wasm_*.rs`), which call them from Rust.
pub use client::{InstanceIterator, ItcareClient};
pub use validate::{
    validate_create_postgresql, validate_create_postgresql_field, validate_postgresql_operation,
};

use js_sys::{JsString, Reflect};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::validate::Locale;

/// Talc instead of the default dlmalloc: ~2.8 KB gzip less .wasm (docs/ARCHITECTURE.md, "Size"),
/// still a real allocator (freed blocks are merged and reused, so a long-lived client does not
/// grow). wasm32 without atomics is single-threaded, which `WasmDynamicTalc` requires.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A real JS `Error` whose `name` (`ValidationError`, `ApiError`, …) and `code` callers can
/// switch on. The one way the boundary builds a thrown error.
pub(crate) fn js_error(name: &str, code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    // Setting a property on a fresh Error cannot throw; the Result only mirrors Reflect's API.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

// Why JSON.stringify + serde_json in and serde-wasm-bindgen objects out: measurements in
// docs/ARCHITECTURE.md, "How a JS value crosses the boundary".

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked Proxy (js-sys' binding does not catch).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// Longest JSON text (UTF-16 units) copied into wasm memory in one piece.
const MAX_JSON_UNITS: u32 = 1 << 20;
/// Strings longer than this are cut in the walk: no rule looks that far, every limit stays broken.
const MAX_STRING_UNITS: u32 = 1 << 16;
/// Depth and node budget of the walk (huge values end as `null` past them; a cycle back to an
/// enclosing object is `null` at once).
const MAX_DEPTH: u32 = 32;
const MAX_NODES: u32 = 2_000;

/// Any JS value as JSON, never failing: what `JSON.stringify` would give where it works
/// (`undefined`, functions and symbols dropped from objects, `NaN` → `null`, `toJSON` applied),
/// otherwise the same value read field by field by [`Walk`]. `undefined` is `null`.
pub(crate) fn to_json(value: &JsValue) -> Value {
    if value.is_object() {
        // `undefined` when it refused, or when `toJSON` returns nothing.
        if let Ok(text) = stringify_bounded(value, MAX_JSON_MEMBERS, MAX_JSON_DEPTH) {
            if let Some(text) = text.dyn_ref::<JsString>() {
                if text.length() <= MAX_JSON_UNITS {
                    if let Ok(parsed) = serde_json::from_str::<Value>(&String::from(text)) {
                        return parsed;
                    }
                }
            }
        }
    }
    Walk {
        nodes: 0,
        ancestors: Vec::new(),
    }
    .value(value, 0)
}

/// Members `JSON.stringify` may visit before it gives up (see `stringify.js`): far more than
/// any request or option object has, far fewer than a hostile value can expand to (a shared
/// structure `{a: v, b: v}` nested 40 times has 2^40 paths and no cycle).
const MAX_JSON_MEMBERS: u32 = 10_000;
/// Nesting `JSON.stringify` may reach before it gives up: serde_json's own recursion limit (128)
/// would refuse deeper text anyway, and a shallow recursion never meets the engine's stack limit.
const MAX_JSON_DEPTH: u32 = 128;

#[wasm_bindgen(module = "/src/wasm/stringify.js")]
extern "C" {
    /// `JSON.stringify` within [`MAX_JSON_MEMBERS`] and [`MAX_JSON_DEPTH`], or `undefined`. Plain
    /// JS, so the engine's recursion never re-enters wasm (the file says why that matters).
    #[wasm_bindgen(catch)]
    fn stringify_bounded(
        value: &JsValue,
        max_members: u32,
        max_depth: u32,
    ) -> Result<JsValue, JsValue>;
}

/// A bounded read of a value `JSON.stringify` refused. Members it would drop (functions,
/// symbols, `undefined`) are dropped; a member that cannot be read as JSON (a BigInt, a getter or
/// Proxy trap that throws, a cycle back to an enclosing object, past the depth or node budget) is
/// an empty object, so a rule expecting text, a number or a boolean reports `type` at its path.
/// At the top, such a value is `null` (the validators' `type` issue at `""`).
struct Walk {
    nodes: u32,
    /// The objects being read, outermost first: meeting one again is a cycle.
    ancestors: Vec<JsValue>,
}

impl Walk {
    fn value(&mut self, v: &JsValue, depth: u32) -> Value {
        self.nodes += 1;
        if let Some(s) = v.dyn_ref::<JsString>() {
            return Value::String(string(s));
        }
        if let Some(n) = v.as_f64() {
            return number(n);
        }
        if let Some(b) = v.as_bool() {
            return Value::Bool(b);
        }
        if v.is_undefined() || v.is_null() || v.is_function() || v.is_symbol() {
            return Value::Null;
        }
        // BigInt, or an object past the budget.
        if !v.is_object() || depth >= MAX_DEPTH || self.nodes > MAX_NODES {
            return unreadable(depth);
        }
        // `==` is JS `===`: identity, without running any Proxy trap.
        if self.ancestors.iter().any(|a| a == v) {
            return unreadable(depth);
        }
        self.ancestors.push(v.clone());
        let read = match is_array(v) {
            Ok(true) => self.array(v, depth),
            Ok(false) => self.object(v, depth),
            Err(_) => None,
        };
        self.ancestors.pop();
        read.unwrap_or_else(|| unreadable(depth))
    }

    fn array(&mut self, v: &JsValue, depth: u32) -> Option<Value> {
        let len = Reflect::get(v, &JsValue::from_str("length"))
            .ok()?
            .as_f64()?;
        let len = if len.is_finite() && len > 0.0 {
            len.min(MAX_NODES as f64) as u32
        } else {
            0
        };
        let mut items = Vec::new();
        for i in 0..len {
            if self.nodes > MAX_NODES {
                break;
            }
            let item = match Reflect::get_u32(v, i) {
                Ok(item) => self.value(&item, depth + 1),
                Err(_) => unreadable(depth + 1),
            };
            items.push(item);
        }
        Some(Value::Array(items))
    }

    fn object(&mut self, v: &JsValue, depth: u32) -> Option<Value> {
        let keys = Reflect::own_keys(v.unchecked_ref()).ok()?;
        let mut map = Map::new();
        for key in keys.iter() {
            if self.nodes > MAX_NODES {
                break;
            }
            // Symbol keys are skipped, as JSON.stringify does.
            let Some(name) = key.dyn_ref::<JsString>().map(string) else {
                continue;
            };
            let member = match Reflect::get(v, &key) {
                Ok(m) if m.is_undefined() || m.is_function() || m.is_symbol() => continue,
                Ok(m) => self.value(&m, depth + 1),
                Err(_) => unreadable(depth + 1),
            };
            map.insert(name, member);
        }
        Some(Value::Object(map))
    }
}

/// What stands for a value that cannot be read (see [`Walk`]).
fn unreadable(depth: u32) -> Value {
    if depth == 0 {
        Value::Null
    } else {
        Value::Object(Map::new())
    }
}

/// A JS string, cut at [`MAX_STRING_UNITS`] (lone surrogates become U+FFFD).
fn string(s: &JsString) -> String {
    if s.length() > MAX_STRING_UNITS {
        String::from(s.slice(0, MAX_STRING_UNITS))
    } else {
        String::from(s)
    }
}

/// A JS number as JSON: integral values as integers (as `JSON.stringify` + a JSON parser give
/// them), non-finite ones as `null` (as `JSON.stringify` does).
fn number(n: f64) -> Value {
    const SAFE: f64 = 9_007_199_254_740_991.0; // Number.MAX_SAFE_INTEGER
    if n.fract() == 0.0 && n.abs() <= SAFE {
        Value::from(n as i64)
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// Rust data as plain JS objects (not `Map`s, TOOLCHAIN trap 6); `null` if it cannot be built.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// The locale of an `options` argument `{ locale?: "en" | "fr" }` (a bare tag is accepted too).
/// Anything unreadable means English: options never make a call fail.
pub(crate) fn locale_option(options: &JsValue) -> Locale {
    let tag = if options.is_object() {
        Reflect::get(options, &JsValue::from_str("locale")).ok()
    } else {
        Some(options.clone())
    };
    tag.as_ref()
        .and_then(|t| t.dyn_ref::<JsString>())
        .filter(|t| t.length() <= 64)
        .map_or(Locale::En, |t| Locale::from_tag(&String::from(t)))
}
