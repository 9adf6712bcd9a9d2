//! The serde glue behind the generated `Serialize`/`Deserialize` impls.
//!
//! The generator writes expanded impls instead of using `serde_derive`, which keeps the proc-macro
//! stack out of the user's build. Each field is written through a [`Codec`], a type-level choice
//! of wire encoding: timestamps pick their Smithy format per member, blobs are base64, floats
//! allow `"NaN"`/`"Infinity"`, and collections nest codecs for their elements.

use ::std::marker::PhantomData;

use ::serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use ::serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A wire encoding for values of type `T`.
pub(crate) trait Codec<T> {
    /// Writes `value`.
    fn ser<S: Serializer>(value: &T, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads a value.
    fn de<'de, D: Deserializer<'de>>(d: D) -> ::std::result::Result<T, D::Error>;
}

/// Serializes a borrowed `T` with codec `C`.
pub(crate) struct Ser<'a, T, C>(&'a T, PhantomData<C>);

impl<'a, T, C> Ser<'a, T, C> {
    /// Wraps `value`.
    pub(crate) fn new(value: &'a T) -> Self {
        Ser(value, PhantomData)
    }
}

impl<T, C: Codec<T>> Serialize for Ser<'_, T, C> {
    fn serialize<S: Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        C::ser(self.0, s)
    }
}

/// Deserializes a `T` with codec `C`.
pub(crate) struct De<T, C>(pub(crate) T, PhantomData<C>);

impl<'de, T, C: Codec<T>> Deserialize<'de> for De<T, C> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        C::de(d).map(|v| De(v, PhantomData))
    }
}

/// The type's own serde impls (strings, integers, booleans, generated types).
pub(crate) struct Plain;

impl<T: Serialize + for<'de> Deserialize<'de>> Codec<T> for Plain {
    fn ser<S: Serializer>(value: &T, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        value.serialize(s)
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> ::std::result::Result<T, D::Error> {
        T::deserialize(d)
    }
}

/// Floats: numbers, except that non-finite values are the strings `NaN`, `Infinity`, `-Infinity`.
pub(crate) struct Float;

macro_rules! float_codec {
    ($t:ty) => {
        impl Codec<$t> for Float {
            fn ser<S: Serializer>(value: &$t, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                if value.is_nan() {
                    s.serialize_str("NaN")
                } else if value.is_infinite() {
                    s.serialize_str(if *value > 0.0 {
                        "Infinity"
                    } else {
                        "-Infinity"
                    })
                } else {
                    value.serialize(s)
                }
            }
            fn de<'de, D: Deserializer<'de>>(d: D) -> ::std::result::Result<$t, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a number, or \"NaN\", \"Infinity\" or \"-Infinity\"")
                    }
                    fn visit_f64<E: ::serde::de::Error>(
                        self,
                        v: f64,
                    ) -> ::std::result::Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_i64<E: ::serde::de::Error>(
                        self,
                        v: i64,
                    ) -> ::std::result::Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_u64<E: ::serde::de::Error>(
                        self,
                        v: u64,
                    ) -> ::std::result::Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_str<E: ::serde::de::Error>(
                        self,
                        v: &str,
                    ) -> ::std::result::Result<$t, E> {
                        match v {
                            "NaN" => Ok(<$t>::NAN),
                            "Infinity" => Ok(<$t>::INFINITY),
                            "-Infinity" => Ok(<$t>::NEG_INFINITY),
                            _ => Err(E::invalid_value(::serde::de::Unexpected::Str(v), &self)),
                        }
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}
float_codec!(f32);
float_codec!(f64);

/// A list. Dense lists drop `null` entries they receive, as the protocol asks of clients.
pub(crate) struct List<C>(PhantomData<C>);

impl<T, C: Codec<T>> Codec<::std::vec::Vec<T>> for List<C> {
    fn ser<S: Serializer>(
        value: &::std::vec::Vec<T>,
        s: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&Ser::<T, C>::new(item))?;
        }
        seq.end()
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> ::std::result::Result<::std::vec::Vec<T>, D::Error> {
        let items = ::std::vec::Vec::<::std::option::Option<De<T, C>>>::deserialize(d)?;
        Ok(items.into_iter().flatten().map(|v| v.0).collect())
    }
}

/// A map with string-like keys. Dense maps drop `null` values they receive.
pub(crate) struct Map<C>(PhantomData<C>);

impl<K, T, C> Codec<::std::collections::HashMap<K, T>> for Map<C>
where
    K: Serialize + for<'de> Deserialize<'de> + ::std::cmp::Eq + ::std::hash::Hash,
    C: Codec<T>,
{
    fn ser<S: Serializer>(
        value: &::std::collections::HashMap<K, T>,
        s: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            map.serialize_entry(k, &Ser::<T, C>::new(v))?;
        }
        map.end()
    }
    fn de<'de, D: Deserializer<'de>>(
        d: D,
    ) -> ::std::result::Result<::std::collections::HashMap<K, T>, D::Error> {
        let entries =
            ::std::collections::HashMap::<K, ::std::option::Option<De<T, C>>>::deserialize(d)?;
        Ok(entries
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v.0)))
            .collect())
    }
}

/// A `@sparse` list: `null` entries are kept as `None`.
pub(crate) struct SparseList<C>(PhantomData<C>);

impl<T, C: Codec<T>> Codec<::std::vec::Vec<::std::option::Option<T>>> for SparseList<C> {
    fn ser<S: Serializer>(
        value: &::std::vec::Vec<::std::option::Option<T>>,
        s: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&item.as_ref().map(Ser::<T, C>::new))?;
        }
        seq.end()
    }
    fn de<'de, D: Deserializer<'de>>(
        d: D,
    ) -> ::std::result::Result<::std::vec::Vec<::std::option::Option<T>>, D::Error> {
        let items = ::std::vec::Vec::<::std::option::Option<De<T, C>>>::deserialize(d)?;
        Ok(items.into_iter().map(|v| v.map(|v| v.0)).collect())
    }
}

/// A `@sparse` map: `null` values are kept as `None`.
pub(crate) struct SparseMap<C>(PhantomData<C>);

impl<K, T, C> Codec<::std::collections::HashMap<K, ::std::option::Option<T>>> for SparseMap<C>
where
    K: Serialize + for<'de> Deserialize<'de> + ::std::cmp::Eq + ::std::hash::Hash,
    C: Codec<T>,
{
    fn ser<S: Serializer>(
        value: &::std::collections::HashMap<K, ::std::option::Option<T>>,
        s: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            map.serialize_entry(k, &v.as_ref().map(Ser::<T, C>::new))?;
        }
        map.end()
    }
    fn de<'de, D: Deserializer<'de>>(
        d: D,
    ) -> ::std::result::Result<::std::collections::HashMap<K, ::std::option::Option<T>>, D::Error>
    {
        let entries =
            ::std::collections::HashMap::<K, ::std::option::Option<De<T, C>>>::deserialize(d)?;
        Ok(entries
            .into_iter()
            .map(|(k, v)| (k, v.map(|v| v.0)))
            .collect())
    }
}

/// A boxed value (recursive members).
pub(crate) struct Boxed<C>(PhantomData<C>);

impl<T, C: Codec<T>> Codec<::std::boxed::Box<T>> for Boxed<C> {
    fn ser<S: Serializer>(
        value: &::std::boxed::Box<T>,
        s: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        C::ser(value, s)
    }
    fn de<'de, D: Deserializer<'de>>(
        d: D,
    ) -> ::std::result::Result<::std::boxed::Box<T>, D::Error> {
        C::de(d).map(::std::boxed::Box::new)
    }
}

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'de>(::std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: ::serde::de::Error>(
                self,
                v: &'de str,
            ) -> ::std::result::Result<Key<'de>, E> {
                Ok(Key(::std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                v: &str,
            ) -> ::std::result::Result<Key<'de>, E> {
                Ok(Key(::std::borrow::Cow::Owned(v.into())))
            }
            fn visit_string<E: ::serde::de::Error>(
                self,
                v: ::std::string::String,
            ) -> ::std::result::Result<Key<'de>, E> {
                Ok(Key(::std::borrow::Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Reads a string for an enum, borrowing when possible.
pub(crate) fn enum_str<'de, D: Deserializer<'de>, T>(
    d: D,
    parse: fn(&str) -> T,
) -> ::std::result::Result<T, D::Error> {
    let key = Key::deserialize(d)?;
    Ok(parse(key.as_str()))
}

/// The error for a required member that is missing and has no zero value (a structure).
pub(crate) fn missing<E: ::serde::de::Error>(field: &'static str) -> E {
    E::missing_field(field)
}

/// The error for JSON that is not an object where one is required.
pub(crate) fn custom<E: ::serde::de::Error>(msg: &str) -> E {
    E::custom(msg)
}

/// Writes a generated structure as a JSON object, one member per call, so that each member of
/// a generated `Serialize` impl is one line.
pub(crate) struct ObjectWriter<S: Serializer>(S::SerializeMap);

impl<S: Serializer> ObjectWriter<S> {
    /// Starts the object.
    pub(crate) fn new(s: S) -> ::std::result::Result<Self, S::Error> {
        s.serialize_map(None).map(ObjectWriter)
    }

    /// Writes a member that is always present, with its own `Serialize` impl.
    pub(crate) fn req<T: Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> ::std::result::Result<(), S::Error> {
        self.0.serialize_entry(key, value)
    }

    /// Writes an optional member with its own `Serialize` impl, or nothing when it is unset.
    pub(crate) fn opt<T: Serialize>(
        &mut self,
        key: &'static str,
        value: &::std::option::Option<T>,
    ) -> ::std::result::Result<(), S::Error> {
        match value {
            Some(v) => self.0.serialize_entry(key, v),
            None => Ok(()),
        }
    }

    /// Writes a member that is always present, with codec `C`.
    pub(crate) fn req_with<C: Codec<T>, T>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> ::std::result::Result<(), S::Error> {
        self.0.serialize_entry(key, &Ser::<T, C>::new(value))
    }

    /// Writes an optional member with codec `C`, or nothing when it is unset.
    pub(crate) fn opt_with<C: Codec<T>, T>(
        &mut self,
        key: &'static str,
        value: &::std::option::Option<T>,
    ) -> ::std::result::Result<(), S::Error> {
        match value {
            Some(v) => self.req_with::<C, T>(key, v),
            None => Ok(()),
        }
    }

    /// Ends the object.
    pub(crate) fn end(self) -> ::std::result::Result<S::Ok, S::Error> {
        self.0.end()
    }
}

/// A generated structure that reads itself from an object's members: `read` declares one slot
/// per member, passes [`Fields::each`] one match arm per member, and builds the value.
pub(crate) trait ReadObject: Sized {
    /// Reads the members from `map`.
    fn read<'de, A: MapAccess<'de>>(map: A) -> ::std::result::Result<Self, A::Error>;
}

/// Reads a `T` from a JSON object; `name` completes the message "a JSON object for ..." that
/// anything else gets.
pub(crate) fn read_object<'de, T: ReadObject, D: Deserializer<'de>>(
    d: D,
    name: &'static str,
) -> ::std::result::Result<T, D::Error> {
    struct ObjectVisitor<T>(&'static str, PhantomData<T>);
    impl<'de, T: ReadObject> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            write!(f, "a JSON object for {}", self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> ::std::result::Result<T, A::Error> {
            T::read(map)
        }
    }
    d.deserialize_map(ObjectVisitor(name, PhantomData))
}

/// An object's members, for a generated [`ReadObject::read`].
pub(crate) struct Fields<A>(pub(crate) A);

impl<A> Fields<A> {
    /// Calls `f` with each member's key (borrowed from the input when it has no escapes) and
    /// its value, which `f` reads into a slot or skips. A key seen twice is read twice: the
    /// last value wins, and `null` empties the slot.
    pub(crate) fn each<'de, F>(mut self, mut f: F) -> ::std::result::Result<(), A::Error>
    where
        A: MapAccess<'de>,
        F: FnMut(&str, Value<'_, A>) -> ::std::result::Result<(), A::Error>,
    {
        while let Some(key) = self.0.next_key::<Key<'de>>()? {
            f(key.as_str(), Value(&mut self.0))?;
        }
        Ok(())
    }
}

/// The value of one member, to read or skip.
pub(crate) struct Value<'a, A>(&'a mut A);

impl<A> Value<'_, A> {
    /// Reads the value with its own `Deserialize` impl into `slot`; `null` empties the slot.
    pub(crate) fn read<'de, T: for<'x> Deserialize<'x>>(
        self,
        slot: &mut ::std::option::Option<T>,
    ) -> ::std::result::Result<(), A::Error>
    where
        A: MapAccess<'de>,
    {
        *slot = self.0.next_value::<::std::option::Option<T>>()?;
        Ok(())
    }

    /// Reads the value with codec `C` into `slot`; `null` empties the slot.
    pub(crate) fn read_with<'de, C: Codec<T>, T>(
        self,
        slot: &mut ::std::option::Option<T>,
    ) -> ::std::result::Result<(), A::Error>
    where
        A: MapAccess<'de>,
    {
        *slot = self.take::<C, T>()?;
        Ok(())
    }

    /// Reads the value with codec `C`; `null` is `None`.
    pub(crate) fn take<'de, C: Codec<T>, T>(
        self,
    ) -> ::std::result::Result<::std::option::Option<T>, A::Error>
    where
        A: MapAccess<'de>,
    {
        Ok(self
            .0
            .next_value::<::std::option::Option<De<T, C>>>()?
            .map(|v| v.0))
    }

    /// Skips the value of a member this type does not know.
    pub(crate) fn skip<'de>(self) -> ::std::result::Result<(), A::Error>
    where
        A: MapAccess<'de>,
    {
        self.0.next_value::<::serde::de::IgnoredAny>()?;
        Ok(())
    }
}

/// Reads an object whose only known member is a string under one of `keys` (an error
/// structure's message): the message, or `None` when it is absent or `null`. Other members
/// are skipped, as [`ReadObject`] types skip them; `name` is for the message of anything
/// that is not an object.
pub(crate) fn read_message<'de, D: Deserializer<'de>>(
    d: D,
    name: &'static str,
    keys: &'static [&'static str],
) -> ::std::result::Result<::std::option::Option<::std::string::String>, D::Error> {
    struct MessageVisitor(&'static str, &'static [&'static str]);
    impl<'de> Visitor<'de> for MessageVisitor {
        type Value = ::std::option::Option<::std::string::String>;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            write!(f, "a JSON object for {}", self.0)
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            map: A,
        ) -> ::std::result::Result<Self::Value, A::Error> {
            let mut message = None;
            Fields(map).each(|k, v| {
                if self.1.contains(&k) {
                    v.read(&mut message)
                } else {
                    v.skip()
                }
            })?;
            Ok(message)
        }
    }
    d.deserialize_map(MessageVisitor(name, keys))
}

/// `Deserialize` for a generated structure, through its `ReadObject` impl and [`read_object`].
#[allow(unused_macros, reason = "a crate without structures does not use it")]
macro_rules! deserialize_object {
    ($name:ident) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::rt::codec::read_object(d, stringify!($name))
            }
        }
    };
}
#[allow(unused_imports, reason = "a crate without structures does not use it")]
pub(crate) use deserialize_object;

/// A required member's value, or the error for one that is missing and has no zero value (a
/// structure).
pub(crate) fn required<T, E: ::serde::de::Error>(
    slot: ::std::option::Option<T>,
    field: &'static str,
) -> ::std::result::Result<T, E> {
    slot.ok_or_else(|| E::missing_field(field))
}

#[cfg(test)]
#[path = "tests/codec.rs"]
mod tests;
