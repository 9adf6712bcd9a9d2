//! Tests of `query.rs`, compiled as its `tests` module.

use super::*;

fn body(pairs: &[(&str, &str)]) -> String {
    let mut w = QueryWriter::new("SimpleInputParams", "2020-01-08");
    for (k, v) in pairs {
        w.push(k, v);
    }
    w.finish()
}

#[test]
fn simple_values_from_the_aws_query_input_tests() {
    let prefix = "Action=SimpleInputParams&Version=2020-01-08";
    assert_eq!(body(&[]), prefix);
    assert_eq!(
        body(&[("Foo", "val1"), ("Bar", "val2")]),
        format!("{prefix}&Foo=val1&Bar=val2")
    );
    assert_eq!(body(&[("Baz", "false")]), format!("{prefix}&Baz=false"));
    assert_eq!(body(&[("Bam", "10")]), format!("{prefix}&Bam=10"));
    let blob = super::super::base64::encode(b"value");
    assert_eq!(body(&[("Qux", &blob)]), format!("{prefix}&Qux=dmFsdWU%3D"));
    let floats = [
        ("Boo", super::super::protocol::float_param(10.8f64)),
        ("FloatValue", super::super::protocol::float_param(f32::NAN)),
        ("Boo", super::super::protocol::float_param(f64::INFINITY)),
        (
            "Boo",
            super::super::protocol::float_param(f64::NEG_INFINITY),
        ),
    ];
    let pairs: Vec<(&str, &str)> = floats.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        body(&pairs),
        format!("{prefix}&Boo=10.8&FloatValue=NaN&Boo=Infinity&Boo=-Infinity")
    );
    let ts = super::super::timestamp::parse_epoch_seconds("1422172800").unwrap();
    let date_time = super::super::timestamp::format_date_time(&ts);
    let epoch = super::super::timestamp::format_epoch_seconds(&ts);
    let mut w = QueryWriter::new("QueryTimestamps", "2020-01-08");
    w.push("normalFormat", &date_time);
    w.push("epochMember", &epoch);
    assert_eq!(
        w.finish(),
        "Action=QueryTimestamps&Version=2020-01-08&normalFormat=2015-01-25T08%3A00%3A00Z\
             &epochMember=1422172800"
    );
}

#[test]
fn lists_maps_and_nested_structures_from_the_input_tests() {
    let mut w = QueryWriter::new("QueryLists", "2020-01-08");
    for (i, v) in ["foo", "bar", "baz"].iter().enumerate() {
        w.push(&join(&join("ListArg", "member"), i + 1), v);
    }
    for (i, v) in ["hello", "hola"].iter().enumerate() {
        w.push(
            &join(&join(&join("ComplexListArg", "member"), i + 1), "hi"),
            v,
        );
    }
    assert_eq!(
        w.finish(),
        "Action=QueryLists&Version=2020-01-08&ListArg.member.1=foo&ListArg.member.2=bar\
             &ListArg.member.3=baz&ComplexListArg.member.1.hi=hello&ComplexListArg.member.2.hi=hola"
    );
    let mut w = QueryWriter::new("QueryLists", "2020-01-08");
    w.push(&join("", "ListArg"), "");
    assert_eq!(w.finish(), "Action=QueryLists&Version=2020-01-08&ListArg=");

    let mut w = QueryWriter::new("QueryMaps", "2020-01-08");
    for (i, (k, v)) in [("bar", "Bar"), ("foo", "Foo")].iter().enumerate() {
        let entry = join(&join("MapArg", "entry"), i + 1);
        w.push(&join(&entry, "key"), k);
        w.push(&join(&entry, "value"), v);
    }
    let nested = join(&join("", "Nested"), "RecursiveArg");
    w.push(&join(&nested, "StringArg"), "baz");
    assert_eq!(
        w.finish(),
        "Action=QueryMaps&Version=2020-01-08&MapArg.entry.1.key=bar&MapArg.entry.1.value=Bar\
             &MapArg.entry.2.key=foo&MapArg.entry.2.value=Foo&Nested.RecursiveArg.StringArg=baz"
    );
}

#[test]
fn keys_and_values_are_rfc3986_encoded() {
    let mut w = QueryWriter::new("Op", "2020-01-08");
    w.push(
        "Key With.Space",
        "a b+c*d~e-f_g.h/i?j&k=l%m:n#o'p\"q!r(s)t,u;v@w$x[y]z",
    );
    w.push("Unicode", "é😀\n\t\0");
    assert_eq!(
        w.finish(),
        "Action=Op&Version=2020-01-08&Key%20With.Space=a%20b%2Bc%2Ad~e-f_g.h%2Fi%3Fj%26k%3Dl%25m\
             %3An%23o%27p%22q%21r%28s%29t%2Cu%3Bv%40w%24x%5By%5Dz&Unicode=%C3%A9%F0%9F%98%80%0A%09%00"
    );
}

#[test]
fn join_builds_nested_keys() {
    assert_eq!(join("", "Foo"), "Foo");
    assert_eq!(join("Foo", "Bar"), "Foo.Bar");
    assert_eq!(join("Foo.member", 3), "Foo.member.3");
    assert_eq!(join(&join("Hi", 1), "K"), "Hi.1.K");
}
