//! `bigInteger` and `bigDecimal`: arbitrary-precision numbers kept as their exact decimal text.
//!
//! Neither type does arithmetic; they carry every digit between the wire and the caller, who
//! converts with `as_str()` into whatever number library they use. In JSON they are written and
//! read as the raw number text (through serde_json's `RawValue`), so no digit is lost to `f64`.
//! In headers, query strings and labels they are the same text.

/// Why a text is not a `bigInteger` or `bigDecimal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseBigNumberError {
    kind: &'static str,
}

impl ::std::fmt::Display for ParseBigNumberError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "invalid {} text", self.kind)
    }
}

impl ::std::error::Error for ParseBigNumberError {}

/// The length of the JSON integer at the start of `b` (`-?(0|[1-9][0-9]*)`), if there is one.
fn integer_len(b: &[u8]) -> ::std::option::Option<usize> {
    let sign = usize::from(b.first() == Some(&b'-'));
    let digits = b[sign..].iter().take_while(|c| c.is_ascii_digit()).count();
    match (digits, b.get(sign)) {
        (0, _) => None,
        (n, Some(b'0')) if n > 1 => None,
        (n, _) => Some(sign + n),
    }
}

/// Whether `text` is a JSON integer.
fn is_integer(text: &str) -> bool {
    integer_len(text.as_bytes()) == Some(text.len())
}

/// Whether `text` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_decimal(text: &str) -> bool {
    let b = text.as_bytes();
    let Some(mut at) = integer_len(b) else {
        return false;
    };
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    if b.get(at) == Some(&b'.') {
        let n = digits(at + 1);
        if n == 0 {
            return false;
        }
        at += 1 + n;
    }
    if matches!(b.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(b.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let n = digits(at);
        if n == 0 {
            return false;
        }
        at += n;
    }
    at == b.len()
}

/// Writes number text raw into JSON (other serializers see serde_json's raw-value wrapper).
fn serialize_number<S: ::serde::Serializer>(
    text: &str,
    s: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    let raw = ::serde_json::value::RawValue::from_string(text.to_string())
        .map_err(<S::Error as ::serde::ser::Error>::custom)?;
    ::serde::Serialize::serialize(&raw, s)
}

/// Reads the exact text of a JSON number (or of a string holding one) and checks it with `ok`.
fn deserialize_number<'de, D: ::serde::Deserializer<'de>>(
    d: D,
    kind: &'static str,
    ok: fn(&str) -> bool,
) -> ::std::result::Result<::std::string::String, D::Error> {
    let raw: ::std::boxed::Box<::serde_json::value::RawValue> =
        ::serde::Deserialize::deserialize(d)?;
    let text = raw.get();
    let text = if text.starts_with('"') {
        ::serde_json::from_str::<::std::string::String>(text)
            .map_err(<D::Error as ::serde::de::Error>::custom)?
    } else {
        text.to_string()
    };
    if ok(&text) {
        Ok(text)
    } else {
        Err(<D::Error as ::serde::de::Error>::custom(
            ParseBigNumberError { kind },
        ))
    }
}

macro_rules! big_number {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $check:ident, [$($from:ty),*]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(::std::string::String);

        impl $name {
            /// The decimal text, exactly as received or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The decimal text.
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }

            /// For text the generator has already checked (model defaults).
            pub(crate) fn from_checked(text: &str) -> Self {
                $name(text.to_string())
            }
        }

        impl ::std::default::Default for $name {
            /// Zero.
            fn default() -> Self {
                $name(::std::string::String::from("0"))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ParseBigNumberError;
            fn from_str(text: &str) -> ::std::result::Result<Self, ParseBigNumberError> {
                if $check(text) {
                    Ok($name(text.to_string()))
                } else {
                    Err(ParseBigNumberError { kind: $kind })
                }
            }
        }

        impl ::std::convert::TryFrom<::std::string::String> for $name {
            type Error = ParseBigNumberError;
            fn try_from(text: ::std::string::String) -> ::std::result::Result<Self, ParseBigNumberError> {
                if $check(&text) {
                    Ok($name(text))
                } else {
                    Err(ParseBigNumberError { kind: $kind })
                }
            }
        }

        $(
            impl ::std::convert::From<$from> for $name {
                fn from(value: $from) -> Self {
                    $name(value.to_string())
                }
            }
        )*

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                serialize_number(&self.0, s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                deserialize_number(d, $kind, $check).map($name)
            }
        }
    };
}

big_number!(
    /// A `bigInteger`: an integer of any size, kept as its decimal text (`-?(0|[1-9][0-9]*)`).
    ///
    /// Equality compares the text.
    BigInteger,
    "bigInteger",
    is_integer,
    [i8, i16, i32, i64, i128, u8, u16, u32, u64, u128]
);

big_number!(
    /// A `bigDecimal`: a decimal number of any size and precision, kept as its JSON number text
    /// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    ///
    /// Equality compares the text, so `1.0` and `1.00` differ.
    BigDecimal,
    "bigDecimal",
    is_decimal,
    [i8, i16, i32, i64, i128, u8, u16, u32, u64, u128]
);

#[cfg(test)]
#[path = "tests/big_number.rs"]
mod tests;
