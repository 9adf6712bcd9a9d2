//! What every modeled error repeats, written once: the builder of errors that hold only a
//! message, and the macros that give error structures and each operation's error enum their
//! methods and trait impls.

/// The builder of every error structure that holds only a message: each one's
/// `{Error}Builder` is this type. Start one with the error's `builder()`.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a builder does nothing until `build()` is called"]
pub struct MessageBuilder<E> {
    pub(crate) message: ::std::option::Option<::std::string::String>,
    error: ::std::marker::PhantomData<E>,
}

impl<E> MessageBuilder<E> {
    pub(crate) const fn new() -> Self {
        MessageBuilder {
            message: None,
            error: ::std::marker::PhantomData,
        }
    }

    /// A description of the error.
    pub fn message(mut self, value: impl Into<::std::string::String>) -> Self {
        self.message = Some(value.into());
        self
    }

    /// Sets or clears the message.
    pub fn set_message(mut self, value: ::std::option::Option<::std::string::String>) -> Self {
        self.message = value;
        self
    }

    /// Builds the error.
    pub fn build(self) -> E
    where
        E: From<Self>,
    {
        E::from(self)
    }
}

/// The methods and trait impls of an operation's error enum, whose variants each hold the
/// modeled error of their name in `crate::types::error` (`Variant is_variant "Code"`, then the
/// code `code()` reports when it differs) besides `Unhandled(Unhandled)`: `is_*`, `code()`,
/// `message()`, `retry_kind()`, `Display` (the inner error's), `Error` (transparent: only
/// `Unhandled` can have a source), `From` each inner error, and the retry loop's `Classify`.
#[allow(unused_macros, reason = "a crate without operations does not use it")]
macro_rules! error_enum {
    (@reported $code:literal) => { $code };
    (@reported $code:literal $reported:literal) => { $reported };
    ($name:ident { $($variant:ident $is:ident $code:literal $($reported:literal)?,)* }) => {
        impl $name {
            $(
                #[doc = concat!("Whether this is a `", $code, "`.")]
                #[inline]
                pub fn $is(&self) -> bool {
                    ::std::matches!(self, Self::$variant(_))
                }
            )*

            /// Whether this is an error the model does not describe.
            #[inline]
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }

            /// The error code.
            #[inline]
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    $(Self::$variant(_) => ::std::option::Option::Some(
                        $crate::rt::modeled_errors::error_enum!(@reported $code $($reported)?),
                    ),)*
                    Self::Unhandled(e) => e.code(),
                }
            }

            /// The message, if the service sent one.
            #[inline]
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    $(Self::$variant(e) => e.message(),)*
                    Self::Unhandled(e) => e.message(),
                }
            }

            /// Whether and how the call may be retried: throttling for throttling errors and
            /// HTTP 429, transient for server faults and HTTP 500, 502, 503 and 504.
            #[inline]
            pub fn retry_kind(&self) -> ::std::option::Option<$crate::error::RetryKind> {
                match self {
                    $(Self::$variant(e) => e.retry_kind(),)*
                    Self::Unhandled(e) => e.retry_kind(),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $(Self::$variant(e) => ::std::fmt::Display::fmt(e, f),)*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        // Transparent: `Display` already prints the inner error, so `source` skips it.
        impl ::std::error::Error for $name {
            #[inline]
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Self::Unhandled(e) => ::std::error::Error::source(e),
                    #[allow(unreachable_patterns, reason = "an operation may have no modeled error")]
                    _ => ::std::option::Option::None,
                }
            }
        }

        $(
            impl ::std::convert::From<$crate::types::error::$variant> for $name {
                #[inline]
                fn from(e: $crate::types::error::$variant) -> Self {
                    Self::$variant(e)
                }
            }
        )*

        impl ::std::convert::From<$crate::error::Unhandled> for $name {
            #[inline]
            fn from(e: $crate::error::Unhandled) -> Self {
                Self::Unhandled(e)
            }
        }

        impl $crate::rt::orchestrator::Classify for $name {
            #[inline]
            fn retry_kind(&self) -> ::std::option::Option<$crate::error::RetryKind> {
                $name::retry_kind(self)
            }
        }
    };
}
#[allow(unused_imports, reason = "a crate without operations does not use it")]
pub(crate) use error_enum;

/// A modeled error structure's facts and traits, `Name, "Code", client|server, retry None|
/// Throttling|Transient[, status 404]`: `CODE`, `http_status()`, `is_server_fault()`,
/// `retry_kind()`, `Display` (the code, then `: message`, from its `message()`) and `Error`.
#[allow(unused_macros, reason = "a crate without errors does not use it")]
macro_rules! modeled_error {
    (@status) => { ::std::option::Option::None };
    (@status $status:literal) => { ::std::option::Option::Some($status) };
    (@retry None) => { ::std::option::Option::None };
    (@retry $kind:ident) => { ::std::option::Option::Some($crate::error::RetryKind::$kind) };
    (@server client) => { false };
    (@server server) => { true };
    ($name:ident, $code:literal, $fault:ident, retry $retry:ident $(, status $status:literal)?) => {
        impl $name {
            /// The error code, as the service sends it.
            pub const CODE: &'static str = $code;

            /// The HTTP status the model gives this error, if any.
            pub const fn http_status() -> ::std::option::Option<u16> {
                $crate::rt::modeled_errors::modeled_error!(@status $($status)?)
            }

            #[doc = concat!(
                "Whether this is a server fault. This error is a ",
                stringify!($fault),
                " fault."
            )]
            pub const fn is_server_fault() -> bool {
                $crate::rt::modeled_errors::modeled_error!(@server $fault)
            }

            /// Whether and how a call that failed with this error may be retried.
            #[inline]
            pub fn retry_kind(&self) -> ::std::option::Option<$crate::error::RetryKind> {
                $crate::rt::modeled_errors::modeled_error!(@retry $retry)
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::rt::error::display_error(f, Self::CODE, self.message())
            }
        }

        impl ::std::error::Error for $name {}
    };
}
#[allow(unused_imports, reason = "a crate without errors does not use it")]
pub(crate) use modeled_error;

/// Everything of an error structure whose only member is its optional `message` string:
/// `modeled_error!`'s items (the same arguments come first), then after `key "Key" | "alias"`
/// (written under the first key, read from any) `builder()`, `message()`, the serde impls and
/// its `From` the shared [`MessageBuilder`] (`types::error::builders::Builder<Name>`).
#[allow(unused_macros, reason = "a crate without such errors does not use it")]
macro_rules! message_error {
    (
        $name:ident, $code:literal, $fault:ident, retry $retry:ident $(, status $status:literal)?,
        key $key:literal $(| $alias:literal)*
    ) => {
        $crate::rt::modeled_errors::modeled_error!($name, $code, $fault, retry $retry $(, status $status)?);

        impl $name {
            #[doc = concat!("Starts a builder for [`", stringify!($name), "`].")]
            #[inline]
            pub fn builder() -> $crate::rt::modeled_errors::MessageBuilder<$name> {
                $crate::rt::modeled_errors::MessageBuilder::new()
            }

            /// The message the service sent, if any.
            #[inline]
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.message.as_deref()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                let mut w = $crate::rt::codec::ObjectWriter::new(s)?;
                w.opt($key, &self.message)?;
                w.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let message = $crate::rt::codec::read_message(d, stringify!($name), &[$key $(, $alias)*])?;
                ::std::result::Result::Ok(Self { message })
            }
        }

        impl ::std::convert::From<$crate::rt::modeled_errors::MessageBuilder<$name>> for $name {
            #[inline]
            fn from(b: $crate::rt::modeled_errors::MessageBuilder<$name>) -> Self {
                Self { message: b.message }
            }
        }
    };
}
#[allow(unused_imports, reason = "a crate without such errors does not use it")]
pub(crate) use message_error;

#[cfg(test)]
#[path = "tests/modeled_errors.rs"]
mod tests;
