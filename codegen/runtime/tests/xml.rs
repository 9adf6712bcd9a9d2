//! Tests of `xml.rs`, compiled as its `tests` module.

use super::*;

/// The workspace's one test generator (`tests/src/rng.rs`), by a path relative to this file.
/// Each test file that uses it declares it: a golden compiles only some runtime files.
#[path = "../../../tests/src/rng.rs"]
#[allow(dead_code, clippy::duplicate_mod, reason = "one copy per test file")]
mod rng;
use rng::Rng;

fn el(name: &str, text: &str) -> XmlElement {
    XmlElement {
        name: name.into(),
        text: text.into(),
        ..XmlElement::default()
    }
}

#[test]
fn reader_strips_prefixes_and_keeps_attributes_by_local_name() {
    let root = parse(
        br#"<?xml version="1.0" encoding="UTF-8"?>
            <p:Root xmlns:p="urn:p" xmlns="urn:d" xsi:nil="true" plain='v&apos;'>
                <p:Item>one</p:Item><Item>two</Item>
            </p:Root>"#,
    )
    .unwrap();
    assert_eq!(root.name, "Root");
    assert_eq!(
        root.attrs,
        [("nil".into(), "true".into()), ("plain".into(), "v'".into())]
    );
    assert_eq!(root.children("Item").count(), 2);
    assert_eq!(root.child("Item").unwrap().text(), "one");
    assert_eq!(root.attr("missing"), None);
    assert!(root.child("missing").is_none());
}

#[test]
fn reader_keeps_text_exactly_and_drops_indentation() {
    let root = parse(b"<r>\n  <a>  x </a>\n  <b></b><c/>\n  <d>\n</d><e> <f/> </e>\n</r>").unwrap();
    let want = XmlElement {
        name: "r".into(),
        children: vec![
            el("a", "  x "),
            el("b", ""),
            el("c", ""),
            el("d", "\n"),
            XmlElement {
                children: vec![el("f", "")],
                ..el("e", "")
            },
        ],
        ..XmlElement::default()
    };
    assert_eq!(root, want);
    // Mixed content keeps all of its text.
    assert_eq!(parse(b"<m>a <b/> c</m>").unwrap().text(), "a  c");
}

#[test]
fn reader_decodes_references_cdata_and_line_ends() {
    let body = b"<r><s>escaped data: &amp;lt;&#xD;&#10;</s>\
                     <c><![CDATA[<not> &amp; markup]]> tail</c>\
                     <n>&#65;&#x42;&#x1F600;&quot;&apos;&gt;</n><l>a\r\nb\rc</l>\
                     <t a=\"x&#10;y\r\nz\tw\"/></r>";
    let root = parse(body).unwrap();
    assert_eq!(root.child("s").unwrap().text(), "escaped data: &lt;\r\n");
    assert_eq!(root.child("c").unwrap().text(), "<not> &amp; markup tail");
    assert_eq!(root.child("n").unwrap().text(), "AB😀\"'>");
    assert_eq!(root.child("l").unwrap().text(), "a\nb\nc");
    assert_eq!(root.child("t").unwrap().attr("a"), Some("x\ny z w"));
}

#[test]
fn reader_skips_preamble_comments_and_instructions() {
    let body = "\u{feff}<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n<!-- c -->\
                    <SimpleScalarPropertiesResponse>\n    <![CDATA[characters representing CDATA]]>\n\
                    <stringValue>str<!--x-->ing<?pi data?></stringValue>\n<!--xml comment-->\n\
                    </SimpleScalarPropertiesResponse>\n<!-- after -->\n";
    let root = parse(body.as_bytes()).unwrap();
    assert_eq!(root.child("stringValue").unwrap().text(), "string");
    assert!(root.text().contains("characters representing CDATA"));
}

#[test]
fn reader_rejects_malformed_documents() {
    let cases: &[&[u8]] = &[
        b"",
        b"   ",
        b"<!-- only a comment -->",
        b"<a>",
        b"<a><b></a>",
        b"<a></b>",
        b"</a>",
        b"<a/><b/>",
        b"text<a/>",
        b"<a/>text",
        b"<a>&unknown;</a>",
        b"<a>&#0;</a>",
        b"<a>&#xD800;</a>",
        b"<a>&#x110000;</a>",
        b"<a>&#xFFFF;</a>",
        b"<a>&#99999999999;</a>",
        b"<a>&#x+41;</a>",
        b"<a>&#;</a>",
        b"<a>&#X41;</a>",
        b"<a>& </a>",
        b"<a b=\"&bogus;\"/>",
        b"<a b=\"1\" b=\"2\"/>",
        b"<a b=\"unterminated/>",
        b"<a>\xff</a>",
        b"<a>\xe2\x82</a>",
        b"<a><![CDATA[open</a>",
        b"<a><!-- open</a>",
        b"<>x</>",
    ];
    for case in cases {
        let result = parse(case);
        assert!(
            result.is_err(),
            "{:?} parsed: {result:?}",
            String::from_utf8_lossy(case)
        );
    }
    let message = parse(b"<a>\xff</a>").unwrap_err().to_string();
    assert_eq!(message, "invalid XML at byte 3: not UTF-8");
}

#[test]
fn reader_rejects_dtds_and_entity_expansion() {
    let laughs = b"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">\
                       <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\
                       <lolz>&lol2;</lolz>";
    let err = parse(laughs).unwrap_err();
    assert!(err.to_string().contains("DTD"), "{err}");
    assert!(parse(b"<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a>&x;</a>").is_err());
    assert!(parse(b"<a>&lol;</a>").is_err());
}

#[test]
fn reader_limits_depth_without_recursing() {
    let deep = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
    assert!(parse(deep(MAX_DEPTH).as_bytes()).is_ok());
    let err = parse(deep(MAX_DEPTH + 1).as_bytes()).unwrap_err();
    assert!(err.to_string().contains("nested too deeply"), "{err}");
    assert!(parse(deep(100_000).as_bytes()).is_err());
    assert!(parse("<a>".repeat(100_000).as_bytes()).is_err());
    let empty_at_limit = format!(
        "{}<b/>{}",
        "<a>".repeat(MAX_DEPTH),
        "</a>".repeat(MAX_DEPTH)
    );
    assert!(parse(empty_at_limit.as_bytes()).is_err());
}

#[test]
fn reader_limits_the_number_of_nodes() {
    let limited = |doc: &str| parse_limited(doc.as_bytes(), MAX_DEPTH, 5);
    assert!(limited("<r><a/><a/><a/><a/></r>").is_ok());
    assert!(limited("<r><a/><a/><a/><a/><a/></r>").is_err());
    assert!(limited("<r a='' b='' c=''><a/></r>").is_ok());
    let err = limited("<r a='' b='' c='' d=''><a/></r>").unwrap_err();
    assert!(err.to_string().contains("too many"), "{err}");
    // Many attributes on one tag stay linear (quick-xml's duplicate check hashes past 32).
    let attrs: String = (0..40_000).map(|i| format!(" a{i}=''")).collect();
    assert_eq!(
        parse(format!("<r{attrs}/>").as_bytes())
            .unwrap()
            .attrs
            .len(),
        40_000
    );
}

#[test]
fn reader_never_panics_on_random_or_mutated_input() {
    const PIECES: &[&str] = &[
        "<",
        ">",
        "/",
        "</",
        "/>",
        "<a>",
        "</a>",
        "<b x='1'>",
        "</b>",
        "&",
        ";",
        "&amp;",
        "&#",
        "&#x",
        "1F",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<?",
        "?>",
        "<!DOCTYPE",
        "=",
        "\"",
        "'",
        " ",
        "\n",
        "\r",
        "p:",
        "xmlns",
        "\u{e9}",
        "\u{feff}",
        "\0",
    ];
    let seed_doc = "<?xml version=\"1.0\"?><p:r xmlns:p=\"u\" a=\"&lt;\"><c><![CDATA[x]]>&#x41;\
                        </c><!--c--><d/></p:r>";
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let mut parsed = 0;
    for i in 0..4000 {
        let input: Vec<u8> = match i % 3 {
            0 => (0..rng.next_u64() % 64)
                .map(|_| rng.next_u64() as u8)
                .collect(),
            1 => (0..rng.next_u64() % 24)
                .flat_map(|_| {
                    let piece = PIECES[(rng.next_u64() % PIECES.len() as u64) as usize];
                    piece.bytes()
                })
                .collect(),
            _ => {
                let mut doc = seed_doc.as_bytes().to_vec();
                for _ in 0..1 + rng.next_u64() % 3 {
                    let at = (rng.next_u64() % doc.len() as u64) as usize;
                    match rng.next_u64() % 3 {
                        0 => doc[at] = rng.next_u64() as u8,
                        1 => doc.truncate(at),
                        _ => doc.insert(at, b"<&>\"'/;"[(rng.next_u64() % 7) as usize]),
                    }
                    if doc.is_empty() {
                        break;
                    }
                }
                doc
            }
        };
        if parse(&input).is_ok() {
            parsed += 1;
        }
    }
    assert!(
        parsed > 0,
        "the mutated documents include some that still parse"
    );
}

#[test]
fn truncated_documents_are_errors() {
    let doc = b"<r a=\"1\"><b>x</b><c><![CDATA[y]]></c></r>";
    for len in 0..doc.len() {
        assert!(parse(&doc[..len]).is_err(), "{len}");
    }
    assert!(parse(doc).is_ok());
}
