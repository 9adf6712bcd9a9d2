//! The getters of every structure and the setters of optional members in every builder and
//! fluent builder, which repeat with only the names and types changed: written once here,
//! called with one entry per member. The
//! generated crates' builder tests exercise it (`$crate::rt` exists only there). Every method is
//! `#[inline]`, so it is compiled in the crate that calls it, not with the generated crate.

/// A structure's getters. Each entry is `docs name: ReturnType, kind;` where kind says how the
/// field is reached: `borrow` (`&self.x`), `copy` (`self.x`), `deref` (`self.x.as_deref()`)
/// or `as_ref` (`self.x.as_ref()`).
#[allow(unused_macros, reason = "a crate without structures does not use it")]
macro_rules! getters {
    (@get borrow $this:ident $name:ident) => { &$this.$name };
    (@get copy $this:ident $name:ident) => { $this.$name };
    (@get deref $this:ident $name:ident) => { $this.$name.as_deref() };
    (@get as_ref $this:ident $name:ident) => { $this.$name.as_ref() };
    ($($(#[$doc:meta])* $name:ident: $ret:ty, $kind:ident;)*) => {
        $(
            $(#[$doc])*
            #[inline]
            pub fn $name(&self) -> $ret {
                $crate::rt::accessors::getters!(@get $kind self $name)
            }
        )*
    };
}
#[allow(unused_imports, reason = "a crate without structures does not use it")]
pub(crate) use getters;

/// `name(value)` and `set_name(Option<_>)` for optional members, in a builder (`field`: the
/// member is a field `Option<T>` of `Self`) or a fluent builder (`inner`: they pass the value
/// to `self.inner`'s setter). Each entry is `docs name set_name: T, mode, "Member";` where mode
/// is `into` (takes `impl Into<T>`), `copy` (numbers and booleans, taken as they are so that
/// literals infer `T`) or `boxed` (stored as `Box<T>`).
#[allow(
    unused_macros,
    reason = "a crate without optional members does not use it"
)]
macro_rules! setters {
    (@param copy $ty:ty) => { $ty };
    (@param $mode:ident $ty:ty) => { impl ::std::convert::Into<$ty> };
    (@stored boxed $ty:ty) => { ::std::boxed::Box<$ty> };
    (@stored $mode:ident $ty:ty) => { $ty };
    (@wrap copy $value:ident) => { $value };
    (@wrap boxed $value:ident) => { ::std::boxed::Box::new($value.into()) };
    (@wrap into $value:ident) => { $value.into() };
    (@one field $mode:ident [$($doc:tt)*] $name:ident $set:ident $ty:ty, $member:literal) => {
        $($doc)*
        #[inline]
        pub fn $name(mut self, value: $crate::rt::accessors::setters!(@param $mode $ty)) -> Self {
            self.$name = ::std::option::Option::Some(
                $crate::rt::accessors::setters!(@wrap $mode value),
            );
            self
        }

        #[doc = concat!("Sets or clears the `", $member, "` member.")]
        #[inline]
        pub fn $set(
            mut self,
            value: ::std::option::Option<$crate::rt::accessors::setters!(@stored $mode $ty)>,
        ) -> Self {
            self.$name = value;
            self
        }
    };
    (@one inner $mode:ident [$($doc:tt)*] $name:ident $set:ident $ty:ty, $member:literal) => {
        $($doc)*
        #[inline]
        pub fn $name(mut self, value: $crate::rt::accessors::setters!(@param $mode $ty)) -> Self {
            self.inner = self.inner.$name(value);
            self
        }

        #[doc = concat!("Sets or clears the `", $member, "` member.")]
        #[inline]
        pub fn $set(
            mut self,
            value: ::std::option::Option<$crate::rt::accessors::setters!(@stored $mode $ty)>,
        ) -> Self {
            self.inner = self.inner.$set(value);
            self
        }
    };
    ($target:ident; $($(#[$doc:meta])* $name:ident $set:ident: $ty:ty, $mode:ident, $member:literal;)*) => {
        $(
            $crate::rt::accessors::setters!(
                @one $target $mode [$(#[$doc])*] $name $set $ty, $member
            );
        )*
    };
}
#[allow(
    unused_imports,
    reason = "a crate without optional members does not use it"
)]
pub(crate) use setters;
