//! Tests of `xml_de.rs`, compiled as its `tests` module.

use super::*;

#[test]
fn scalars_read_trimmed_and_fail_with_a_message() {
    assert_eq!(number::<i32>(" 3\n"), Ok(3));
    assert_eq!(number::<i8>("-128"), Ok(-128));
    assert!(number::<i8>("128").unwrap_err().contains("\"128\""));
    assert_eq!(number::<f32>("5.5"), Ok(5.5));
    assert!(number::<f64>("NaN").unwrap().is_nan());
    assert_eq!(number::<f64>("Infinity"), Ok(f64::INFINITY));
    assert_eq!(number::<f32>("-Infinity"), Ok(f32::NEG_INFINITY));
    assert!(number::<i64>("").is_err());
    assert_eq!(boolean("true"), Ok(true));
    assert_eq!(boolean(" false "), Ok(false));
    assert!(boolean("TRUE").is_err());
    let decode = super::super::base64::decode;
    assert_eq!(blob("dmFsdWU=", decode), Ok(b"value".to_vec()));
    assert_eq!(blob("\n dmFs\r\n dWU= \n", decode), Ok(b"value".to_vec()));
    assert_eq!(blob("", decode), Ok(Vec::new()));
    assert!(blob("!!", decode).is_err());
    let long = "x".repeat(1000);
    assert!(number::<i32>(&long).unwrap_err().len() < 200);
    let ts = parse(
        "2014-04-29T18:30:38Z",
        super::super::timestamp::parse_date_time,
    )
    .unwrap();
    assert_eq!(ts.timestamp(), 1398796238);
    assert!(parse("yesterday", super::super::timestamp::parse_date_time).is_err());
}

#[test]
fn documents_wrappers_unions_and_entries() {
    assert_eq!(document(b"").unwrap(), EMPTY);
    assert_eq!(document(b" \n\t").unwrap(), EMPTY);
    assert!(document(b"<a>").is_err());
    let root = document(b"<R><OpResult><x>1</x></OpResult></R>").unwrap();
    assert_eq!(child_or_empty(&root, "OpResult").children.len(), 1);
    assert_eq!(child_or_empty(&root, "Other"), &EMPTY);
    let union = document(b"<u><a>1</a></u>").unwrap();
    assert_eq!(union_member(&union).unwrap().name, "a");
    assert!(union_member(&EMPTY).is_err());
    let two = document(b"<u><a>1</a><b>2</b></u>").unwrap();
    assert!(union_member(&two).unwrap_err().contains("has 2"));
    assert!(missing("Foo").contains("`Foo`"));
    let int = |e: &XmlElement| number::<i32>(e.text());
    let list_doc = document(b"<l><member>1</member><other/><member>2</member></l>").unwrap();
    assert_eq!(list(&list_doc, "member", int), Ok(vec![1, 2]));
    let bad = document(b"<l><member>x</member></l>").unwrap();
    assert!(list(&bad, "member", int).is_err());
    let map_doc = document(
            b"<m><entry><key>a</key><value>1</value></entry><entry><key>b</key><value>2</value></entry></m>",
        )
        .unwrap();
    let read = map::<String, i32>(&map_doc, "key", "value", int).unwrap();
    assert_eq!(read.len(), 2);
    assert_eq!(read["b"], 2);
    let no_value = document(b"<m><entry><key>a</key></entry></m>").unwrap();
    assert!(
        map::<String, i32>(&no_value, "key", "value", int)
            .unwrap_err()
            .contains("`value`")
    );
    assert_eq!(
        sparse_map::<String, i32>(&no_value, "key", "value", int).unwrap()["a"],
        None
    );
    let no_key = document(b"<m><entry><value>1</value></entry></m>").unwrap();
    assert!(map::<String, i32>(&no_key, "key", "value", int).is_err());
    assert!(sparse_map::<String, i32>(&no_key, "key", "value", int).is_err());
    let flat = document(b"<KVP><K>a</K><V>1</V></KVP>").unwrap();
    assert_eq!(entry(&flat, "K", "V", int), Ok(("a".to_string(), 1)));
    assert_eq!(
        sparse_entry(&flat, "K", "V", int),
        Ok(("a".to_string(), Some(1)))
    );
}
