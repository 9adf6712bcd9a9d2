//! Tests of `codec.rs`, compiled as its `tests` module.

use super::*;

fn roundtrip<T, C: Codec<T>>(json: &str) -> ::std::string::String
where
    T: ::std::fmt::Debug,
{
    let v: De<T, C> = ::serde_json::from_str(json).unwrap();
    ::serde_json::to_string(&Ser::<T, C>::new(&v.0)).unwrap()
}

#[test]
fn floats_allow_non_finite_strings() {
    assert_eq!(roundtrip::<f64, Float>("\"NaN\""), "\"NaN\"");
    assert_eq!(roundtrip::<f64, Float>("\"-Infinity\""), "\"-Infinity\"");
    assert_eq!(roundtrip::<f32, Float>("1.5"), "1.5");
    assert!(::serde_json::from_str::<De<f64, Float>>("\"nan\"").is_err());
}

#[test]
fn dense_collections_drop_nulls_sparse_keep_them() {
    assert_eq!(roundtrip::<Vec<i32>, List<Plain>>("[1,null,2]"), "[1,2]");
    assert_eq!(
        roundtrip::<Vec<Option<i32>>, SparseList<Plain>>("[1,null,2]"),
        "[1,null,2]"
    );
    let m: De<::std::collections::HashMap<String, i32>, Map<Plain>> =
        ::serde_json::from_str(r#"{"a":1,"b":null}"#).unwrap();
    assert_eq!(m.0.len(), 1);
}

#[test]
fn keys_borrow_without_escapes() {
    let k: Key<'_> = ::serde_json::from_str("\"plain\"").unwrap();
    assert!(matches!(k.0, ::std::borrow::Cow::Borrowed("plain")));
    let k: Key<'_> = ::serde_json::from_str("\"es\\u0063aped\"").unwrap();
    assert_eq!(k.as_str(), "escaped");
}
