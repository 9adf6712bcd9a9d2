//! Tests of `modeled_errors.rs`, compiled as its `tests` module. (Its macros need a
//! generated crate's `$crate::rt`; the generated crates' tests exercise them.)

use super::*;

#[test]
fn message_builder_sets_clears_and_builds_through_from() {
    #[derive(Debug, Clone, PartialEq)]
    struct Oops(Option<String>);
    impl From<MessageBuilder<Oops>> for Oops {
        fn from(b: MessageBuilder<Oops>) -> Self {
            Oops(b.message)
        }
    }
    assert_eq!(MessageBuilder::<Oops>::new().build(), Oops(None));
    let b = MessageBuilder::<Oops>::new().message("no such game");
    assert_eq!(b.clone().build(), Oops(Some("no such game".into())));
    assert_eq!(b.set_message(None).build(), Oops(None));
}
