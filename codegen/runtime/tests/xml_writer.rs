//! Tests of `xml_writer.rs`, compiled as its `tests` module.

use super::super::xml::{XmlElement, parse};
use super::*;

#[test]
fn writer_builds_nested_documents_with_attributes_and_namespaces() {
    let mut w = XmlWriter::new();
    w.start("XmlNamespacesRequest")
        .xmlns(None, "http://foo.com");
    w.start("nested");
    w.start("foo")
        .xmlns(Some("baz"), "http://baz.com")
        .text("Foo");
    w.end();
    w.start("values").attr("n", "2");
    w.leaf("member", "Bar")
        .leaf("member", "")
        .start("empty")
        .end();
    w.end();
    let xml = w.finish();
    assert_eq!(
        xml,
        "<XmlNamespacesRequest xmlns=\"http://foo.com\"><nested>\
             <foo xmlns:baz=\"http://baz.com\">Foo</foo><values n=\"2\">\
             <member>Bar</member><member></member><empty/></values></nested></XmlNamespacesRequest>"
    );
    let root = parse(xml.as_bytes()).unwrap();
    assert!(
        root.attrs.is_empty(),
        "namespace declarations are not attributes"
    );
    let nested = root.child("nested").unwrap();
    assert_eq!(nested.child("foo").unwrap().text(), "Foo");
    let values = nested.child("values").unwrap();
    assert_eq!(values.attr("n"), Some("2"));
    let members: Vec<&str> = values.children("member").map(XmlElement::text).collect();
    assert_eq!(members, ["Bar", ""]);
}

#[test]
fn writer_escapes_text_and_attributes() {
    let mut w = XmlWriter::new();
    w.start("XmlAttributesRequest")
        .attr("test", "<test&mock>\"'");
    w.leaf(
        "foo",
        "a<b>&c \"q\" ]]> \t\r\n\u{1}\u{7f}\u{85}\0\u{FFFF}é😀",
    );
    assert_eq!(
        w.finish(),
        "<XmlAttributesRequest test=\"&lt;test&amp;mock&gt;&quot;'\">\
             <foo>a&lt;b&gt;&amp;c \"q\" ]]&gt; &#x9;&#xD;&#xA;&#x1;&#x7F;&#x85;\u{FFFD}\u{FFFD}é😀</foo>\
             </XmlAttributesRequest>"
    );
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "invalid XML name")]
fn writer_asserts_on_invalid_names_in_debug_builds() {
    // Names come from the model through the generator, which checks them; release builds
    // trust them.
    XmlWriter::new().start("a").attr("x y", "1");
}

#[test]
fn writer_round_trips_every_kind_of_character() {
    let nasty = " lead\ttab\r\nCRLF\rCR\nLF &amp; &#10; <![CDATA[x]]> ]]> \u{1}\u{1f}\u{7f}\u{9f} \
                     é\u{2028}\u{10FFFF}\u{FFFD} trail ";
    let mut w = XmlWriter::new();
    w.start("a")
        .attr("v", nasty)
        .leaf("b", nasty)
        .leaf("c", "  ");
    let root = parse(w.finish().as_bytes()).unwrap();
    assert_eq!(root.attr("v"), Some(nasty));
    assert_eq!(root.child("b").unwrap().text(), nasty);
    assert_eq!(root.child("c").unwrap().text(), "  ");
    assert_eq!(root.text(), "");
}

#[test]
fn writer_cannot_be_misused_into_malformed_xml() {
    let mut w = XmlWriter::new();
    w.start("a").start("b").text("x");
    assert_eq!(w.finish(), "<a><b>x</b></a>", "finish closes open elements");
    assert_eq!(XmlWriter::new().finish(), "");
    // Generator bugs: a debug build asserts before touching the document, a release build
    // ignores the call; either way the document stays well-formed.
    let misuse = |w: &mut XmlWriter<'static>, f: fn(&mut XmlWriter<'static>)| {
        let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| f(w)));
        assert_eq!(result.is_err(), cfg!(debug_assertions));
    };
    let mut w = XmlWriter::new();
    misuse(&mut w, |w| {
        w.text("stray");
    });
    misuse(&mut w, |w| {
        w.end();
    });
    w.start("a").text("x");
    misuse(&mut w, |w| {
        w.attr("late", "1");
    });
    w.end();
    misuse(&mut w, |w| {
        w.start("second");
    });
    misuse(&mut w, |w| {
        w.text("after");
    });
    assert_eq!(w.finish(), "<a>x</a>");
}
