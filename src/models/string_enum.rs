//! One mechanism for "a string enum that keeps unknown values" (A1, and the lenient decode of
//! every response): known values become variants, anything else becomes `Unknown(String)` and
//! is written back unchanged, so a new server value never fails a decode nor gets lost.
//!
//! On wasm32 the TypeScript type is the union of the known literals plus `(string & {})`
//! (any string, while editors still offer the known ones). tsify's derive cannot express that
//! for a hand-written serde impl, so the declaration goes through
//! `#[wasm_bindgen(typescript_custom_section)]`; tsify-derived structs refer to it by name.

/// Defines a string enum with an `Unknown(String)` catch-all, its serde impls (as a plain JSON
/// string), `as_str`, `from_wire`, `KNOWN`, `is_known`, `Display`, `FromStr`, `From<&str>` /
/// `From<String>`, and on wasm32 its TypeScript declaration.
macro_rules! string_enum {
    (
        $(#[doc = $doc:literal])*
        $vis:vis enum $name:ident {
            $(
                $(#[doc = $vdoc:literal])*
                $variant:ident = $wire:literal,
            )+
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        $vis enum $name {
            $(
                $(#[doc = $vdoc])*
                $variant,
            )+
            /// A value this version does not know, kept exactly as the server sent it.
            Unknown(String),
        }

        impl $name {
            /// The known wire values, in documentation order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            /// The value as the API spells it (an unknown value is returned unchanged).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(other) => other.as_str(),
                }
            }

            /// Maps a wire value to its variant; anything else becomes `Unknown`.
            /// Matching is exact (case-sensitive), as the API's values are.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
                }
            }

            /// Whether this is one of the known values (not `Unknown`).
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from_wire(value))
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::from_wire(value)
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match Self::from_wire(&value) {
                    // Reuse the allocation rather than copying the unknown value again.
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct WireVisitor;
                impl ::serde::de::Visitor<'_> for WireVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("a string (", stringify!($name), ")"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<$name, E> {
                        Ok($name::from_wire(value))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, value: String) -> Result<$name, E> {
                        Ok($name::from(value))
                    }
                }
                deserializer.deserialize_str(WireVisitor)
            }
        }

        // Any string (unknown values are kept); the known ones are listed for readers and tools.
        #[cfg(feature = "openapi")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "string",
                    "description": concat!(
                        $($doc, "\n",)*
                        "\nKnown values: ", $("`", $wire, "` ",)+
                        "(any other string is kept as sent)."
                    ),
                    "examples": [$($wire),+],
                })
            }
        }

        #[cfg(target_arch = "wasm32")]
        const _: () = {
            use wasm_bindgen::prelude::*;
            #[wasm_bindgen(typescript_custom_section)]
            const TS_DECL: &'static str = concat!(
                "/**\n", $(" *", $doc, "\n",)* " */\nexport type ", stringify!($name), " = ",
                $("\"", $wire, "\" | ",)+ "(string & {});"
            );
        };
    };
}
