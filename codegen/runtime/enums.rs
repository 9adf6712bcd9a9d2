//! The impls of the generated open enums, which differ only in their value tables: written
//! once here, called with the enum's variants and values.

/// The impls of a generated string enum, `Name { Variant = "WIRE", .. }` in model order, whose
/// `Unknown(String)` variant keeps any other value: `as_str()`, `values()`, `From<&str>`,
/// `From<String>` (which keeps the string of an unknown value), `FromStr`, `AsRef<str>`,
/// `Display`, `Serialize` and `Deserialize`.
#[allow(unused_macros, reason = "a crate without string enums does not use it")]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal,)* }) => {
        impl $name {
            /// The wire value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[$($value),*]
            }
        }

        impl ::std::convert::From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(::std::string::String::from(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::rt::codec::enum_str(d, |s| Self::from(s))
            }
        }
    };
}
#[allow(
    unused_imports,
    reason = "a crate without string enums does not use it"
)]
pub(crate) use string_enum;

/// The impls of a generated int enum, `Name { Variant = 1, .. }` in model order, whose
/// `Unknown(i32)` variant keeps any other value: `as_i32()`, `values()`, `From<i32>`,
/// `Display`, `Serialize` and `Deserialize`.
#[allow(unused_macros, reason = "a crate without int enums does not use it")]
macro_rules! int_enum {
    ($name:ident { $($variant:ident = $value:literal,)* }) => {
        impl $name {
            /// The wire value.
            #[inline]
            pub fn as_i32(&self) -> i32 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => *value,
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [i32] {
                &[$($value),*]
            }
        }

        impl ::std::convert::From<i32> for $name {
            #[inline]
            fn from(value: i32) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i32(), f)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_i32(self.as_i32())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i32 as ::serde::Deserialize<'de>>::deserialize(d).map(Self::from)
            }
        }
    };
}
#[allow(unused_imports, reason = "a crate without int enums does not use it")]
pub(crate) use int_enum;
