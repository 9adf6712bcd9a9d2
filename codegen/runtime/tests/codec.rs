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

/// A structure as the generator writes it: two members, one with a codec, one required.
#[derive(Debug, PartialEq)]
struct Pair {
    name: ::std::option::Option<::std::string::String>,
    when: ::std::option::Option<f64>,
    count: i32,
}

impl Serialize for Pair {
    fn serialize<S: Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        let mut w = ObjectWriter::new(s)?;
        w.opt("Name", &self.name)?;
        w.opt_with::<Float, _>("When", &self.when)?;
        w.req("Count", &self.count)?;
        w.end()
    }
}

impl<'de> Deserialize<'de> for Pair {
    fn deserialize<D: Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        read_object(d, "Pair")
    }
}

impl ReadObject for Pair {
    fn read<'de, A: MapAccess<'de>>(map: A) -> ::std::result::Result<Self, A::Error> {
        let mut name = None;
        let mut when = None;
        let mut count = None;
        Fields(map).each(|k, v| match k {
            "Name" | "name" => v.read(&mut name),
            "When" => v.read_with::<Float, _>(&mut when),
            "Count" => v.read(&mut count),
            _ => v.skip(),
        })?;
        Ok(Pair {
            name,
            when,
            count: required::<_, A::Error>(count, "Count")?,
        })
    }
}

#[test]
fn object_writer_writes_set_members_only() {
    let p = Pair {
        name: None,
        when: Some(f64::NAN),
        count: 3,
    };
    assert_eq!(
        ::serde_json::to_string(&p).unwrap(),
        r#"{"When":"NaN","Count":3}"#
    );
    let p = Pair {
        name: Some("a".into()),
        when: None,
        count: 0,
    };
    assert_eq!(
        ::serde_json::to_string(&p).unwrap(),
        r#"{"Name":"a","Count":0}"#
    );
}

#[test]
fn read_object_reads_arms_skips_unknown_and_keeps_the_last_value() {
    let p: Pair = ::serde_json::from_str(
        r#"{"x":[1,{"y":null}],"name":"first","Name":"second","When":"Infinity","Count":2}"#,
    )
    .unwrap();
    assert_eq!(p.name.as_deref(), Some("second"));
    assert_eq!(p.when, Some(f64::INFINITY));
    assert_eq!(p.count, 2);
    // `null` empties a slot that an earlier duplicate filled.
    let p: Pair = ::serde_json::from_str(r#"{"Name":"a","Name":null,"Count":1}"#).unwrap();
    assert_eq!(p.name, None);
    // Escaped keys match too.
    let p: Pair = ::serde_json::from_str(r#"{"N\u0061me":"e","Count":1}"#).unwrap();
    assert_eq!(p.name.as_deref(), Some("e"));
}

#[test]
fn read_object_errors_name_the_type_and_the_missing_member() {
    let e = ::serde_json::from_str::<Pair>("[1]")
        .unwrap_err()
        .to_string();
    assert!(e.contains("a JSON object for Pair"), "{e}");
    let e = ::serde_json::from_str::<Pair>(r#"{"Name":"a"}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing field `Count`"), "{e}");
    let e = ::serde_json::from_str::<Pair>(r#"{"When":"nan","Count":1}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("NaN"), "{e}");
}

#[test]
fn read_message_takes_any_key_and_skips_the_rest() {
    let read = |json: &str| {
        let mut de = ::serde_json::Deserializer::from_str(json);
        read_message(&mut de, "Oops", &["Message", "message"])
    };
    assert_eq!(
        read(r#"{"code":"X","message":"low","extra":{"a":[1]}}"#).unwrap(),
        Some("low".to_string())
    );
    assert_eq!(read(r#"{"Message":"up"}"#).unwrap(), Some("up".to_string()));
    assert_eq!(read(r#"{"Message":null}"#).unwrap(), None);
    assert_eq!(read("{}").unwrap(), None);
    let e = read("\"text\"").unwrap_err().to_string();
    assert!(e.contains("a JSON object for Oops"), "{e}");
    assert!(read(r#"{"Message":1}"#).is_err());
}
