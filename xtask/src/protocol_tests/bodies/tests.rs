use super::bodies::*;

fn xml_same(actual: &str, expected: &str) -> bool {
    xml_equivalent(actual.as_bytes(), expected).is_ok()
}

fn form_same(actual: &str, expected: &str) -> bool {
    form_equivalent(actual.as_bytes(), expected).is_ok()
}

// restXml `XmlMaps`: the case writes foo before baz; a `HashMap` may send either first.
const XML_MAPS: &str = "<XmlMapsRequest>
    <myMap>
        <entry>
            <key>foo</key>
            <value>
                <hi>there</hi>
            </value>
        </entry>
        <entry>
            <key>baz</key>
            <value>
                <hi>bye</hi>
            </value>
        </entry>
    </myMap>
</XmlMapsRequest>
";

#[test]
fn xml_layout_declaration_and_comments_do_not_count() {
    let sent = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMapsRequest><myMap><entry><key>foo</key>\
                <value><hi>there</hi></value></entry><entry><key>baz</key><value><hi>bye</hi>\
                </value></entry></myMap><!-- c --></XmlMapsRequest>";
    assert!(xml_same(sent, XML_MAPS));
}

#[test]
fn xml_map_entries_and_flattened_maps_match_in_any_order() {
    let swapped = "<XmlMapsRequest><myMap><entry><key>baz</key><value><hi>bye</hi></value></entry>\
                   <entry><key>foo</key><value><hi>there</hi></value></entry></myMap></XmlMapsRequest>";
    assert!(xml_same(swapped, XML_MAPS));
    let changed = swapped.replace("bye", "hello");
    assert!(!xml_same(&changed, XML_MAPS));
    // restXml `FlattenedXmlMap`.
    let flat = "<FlattenedXmlMapRequest>
        <myMap><key>foo</key><value>Foo</value></myMap>
        <myMap><key>baz</key><value>Baz</value></myMap>
    </FlattenedXmlMapRequest>";
    let flat_swapped = "<FlattenedXmlMapRequest><myMap><key>baz</key><value>Baz</value></myMap>\
                        <myMap><key>foo</key><value>Foo</value></myMap></FlattenedXmlMapRequest>";
    assert!(xml_same(flat_swapped, flat));
    // An entry's key and value stay together.
    let crossed = "<FlattenedXmlMapRequest><myMap><key>baz</key><value>Foo</value></myMap>\
                   <myMap><key>foo</key><value>Baz</value></myMap></FlattenedXmlMapRequest>";
    assert!(!xml_same(crossed, flat));
}

#[test]
fn xml_list_items_keep_their_order_and_members_do_not() {
    // restXml `XmlLists` (part).
    let expected = "<XmlListsRequest>
        <stringList><member>foo</member><member>bar</member></stringList>
        <integerList><member>1</member><member>2</member></integerList>
        <flattenedList>hi</flattenedList>
        <flattenedList>bye</flattenedList>
    </XmlListsRequest>";
    let members_moved = "<XmlListsRequest><flattenedList>hi</flattenedList>\
        <integerList><member>1</member><member>2</member></integerList>\
        <flattenedList>bye</flattenedList>\
        <stringList><member>foo</member><member>bar</member></stringList></XmlListsRequest>";
    assert!(xml_same(members_moved, expected));
    let list_reversed = expected.replace(
        "<member>foo</member><member>bar</member>",
        "<member>bar</member><member>foo</member>",
    );
    assert!(!xml_same(&list_reversed, expected));
    let flat_reversed = "<XmlListsRequest>
        <stringList><member>foo</member><member>bar</member></stringList>
        <integerList><member>1</member><member>2</member></integerList>
        <flattenedList>bye</flattenedList>
        <flattenedList>hi</flattenedList>
    </XmlListsRequest>";
    assert!(!xml_same(flat_reversed, expected));
    let missing = "<XmlListsRequest><stringList><member>foo</member><member>bar</member>\
        </stringList><integerList><member>1</member><member>2</member></integerList>\
        <flattenedList>hi</flattenedList></XmlListsRequest>";
    assert!(!xml_same(missing, expected));
}

#[test]
fn xml_attributes_match_in_any_order_with_entities_decoded() {
    // restXml `XmlAttributesWithEscaping`.
    let expected = "<XmlAttributesRequest test=\"&lt;test&amp;mock&gt;\">\n    <foo>hi</foo>\n</XmlAttributesRequest>\n";
    assert!(xml_same(
        "<XmlAttributesRequest test='&lt;test&#38;mock>'><foo>hi</foo></XmlAttributesRequest>",
        expected
    ));
    assert!(!xml_same(
        "<XmlAttributesRequest test=\"test\"><foo>hi</foo></XmlAttributesRequest>",
        expected
    ));
    assert!(xml_same("<a y=\"2\" x=\"1\"/>", "<a x=\"1\" y=\"2\"></a>"));
    assert!(!xml_same("<a x=\"1\"/>", "<a x=\"1\" y=\"2\"/>"));
}

#[test]
fn xml_namespace_declarations_are_compared_as_attributes() {
    // restXml `RestXmlXmlMapWithXmlNamespace` (part).
    let expected = "<XmlMapWithXmlNamespaceRequest>
        <KVP xmlns=\"https://the-member.example.com\">
            <entry>
                <K xmlns=\"https://the-key.example.com\">a</K>
                <V xmlns=\"https://the-value.example.com\">A</V>
            </entry>
        </KVP>
    </XmlMapWithXmlNamespaceRequest>";
    let same = "<XmlMapWithXmlNamespaceRequest><KVP xmlns=\"https://the-member.example.com\">\
        <entry><V xmlns=\"https://the-value.example.com\">A</V>\
        <K xmlns=\"https://the-key.example.com\">a</K></entry></KVP></XmlMapWithXmlNamespaceRequest>";
    assert!(xml_same(same, expected));
    let without = same.replace(" xmlns=\"https://the-member.example.com\"", "");
    assert!(!xml_same(&without, expected));
    assert!(!xml_same(
        "<a xmlns:x=\"urn:one\"><x:b/></a>",
        "<a xmlns:x=\"urn:two\"><x:b/></a>"
    ));
}

#[test]
fn xml_text_is_decoded_and_a_leafs_text_kept_exactly() {
    // restXml `SimpleScalarPropertiesWithEscapedCharacter`.
    let expected = "<SimpleScalarPropertiesRequest>\n    <stringValue>&lt;string&gt;</stringValue>\n</SimpleScalarPropertiesRequest>\n";
    for sent in [
        "<SimpleScalarPropertiesRequest><stringValue>&lt;string></stringValue></SimpleScalarPropertiesRequest>",
        "<SimpleScalarPropertiesRequest><stringValue><![CDATA[<string>]]></stringValue></SimpleScalarPropertiesRequest>",
        "<SimpleScalarPropertiesRequest><stringValue>&#60;string&#x3E;</stringValue></SimpleScalarPropertiesRequest>",
    ] {
        assert!(xml_same(sent, expected), "{sent}");
    }
    assert!(!xml_same(
        "<SimpleScalarPropertiesRequest><stringValue> &lt;string&gt;</stringValue></SimpleScalarPropertiesRequest>",
        expected
    ));
    assert!(xml_same("<a>x\r\ny</a>", "<a>x\ny</a>"));
    assert!(!xml_same("<a>x&#xD;y</a>", "<a>x\ny</a>"));
    assert!(xml_same("<a><b/></a>", "<a><b></b></a>"));
    assert!(xml_same("<a><b/></a>", "<a><b>\n    </b></a>"));
}

#[test]
fn xml_that_does_not_parse_is_a_difference_with_its_reason() {
    let err = xml_equivalent(b"", "<a/>").unwrap_err();
    assert!(
        err.contains("the body is not XML: no root element"),
        "{err}"
    );
    let err = xml_equivalent(b"<a><b></a>", "<a/>").unwrap_err();
    assert!(err.contains("<b> closed by </a>"), "{err}");
    let err = xml_equivalent(b"<a>&nbsp;</a>", "<a/>").unwrap_err();
    assert!(err.contains("unknown entity &nbsp;"), "{err}");
    assert!(xml_equivalent(b"<a/><b/>", "<a/>").is_err());
    assert!(xml_equivalent(b"<a/>", "not xml").is_err());
}

#[test]
fn xml_difference_shows_both_sides_as_compared() {
    let err = xml_equivalent(b"<a><b>1</b></a>", "<a><b>2</b></a>").unwrap_err();
    assert!(
        err.starts_with("the XML bodies differ: expected `b = \"2\"`, got `b = \"1\"`\n"),
        "{err}"
    );
    let short = form_equivalent(b"A=1", "A=1&B=2").unwrap_err();
    assert!(
        short.starts_with("the form bodies differ: expected `B = \"2\"`, got `(nothing)`"),
        "{short}"
    );
    assert!(
        err.contains("--- expected, as compared:\na\n  b = \"2\"\n"),
        "{err}"
    );
    assert!(
        err.contains("--- actual, as compared:\na\n  b = \"1\"\n"),
        "{err}"
    );
    assert!(err.contains("--- actual body:\n<a><b>1</b></a>"), "{err}");
}

#[test]
fn form_pairs_match_in_any_order_percent_decoded() {
    // awsQuery `QuerySimpleInputParamsStrings`, `QuerySimpleInputParamsBlob`.
    let expected = "Action=SimpleInputParams&Version=2020-01-08&Foo=val1&Bar=val2";
    assert!(form_same(
        "Bar=val2&Version=2020-01-08&Action=SimpleInputParams&Foo=val1",
        expected
    ));
    assert!(!form_same(
        "Action=SimpleInputParams&Version=2020-01-08&Foo=val1",
        expected
    ));
    assert!(!form_same(&format!("{expected}&Baz=true"), expected));
    let blob = "Action=SimpleInputParams&Version=2020-01-08&Qux=dmFsdWU%3D";
    assert!(form_same(
        "Action=SimpleInputParams&Version=2020-01-08&Qux=dmFsdWU=",
        blob
    ));
    assert!(form_same("A=a%20b", "A=a+b"));
    assert!(!form_same("A=a+b", "A=a%2Bb"));
    assert!(form_same("%41=1", "A=1"));
    // awsQuery `EmptyQueryLists`: an empty list is a key with no value.
    let empty = "Action=QueryLists&Version=2020-01-08&ListArg=";
    assert!(!form_same("Action=QueryLists&Version=2020-01-08", empty));
}

#[test]
fn form_expected_over_several_lines_is_joined_but_a_sent_newline_counts() {
    let expected = "Action=QueryLists\n&Version=2020-01-08\n&ListArg.member.1=foo\n";
    assert!(form_same(
        "Action=QueryLists&Version=2020-01-08&ListArg.member.1=foo",
        expected
    ));
    assert!(!form_same(
        "Action=QueryLists\n&Version=2020-01-08&ListArg.member.1=foo",
        expected
    ));
}

#[test]
fn form_list_items_keep_their_numbers_and_map_entries_do_not() {
    // awsQuery `QueryLists`.
    let lists = "Action=QueryLists&Version=2020-01-08&ListArg.member.1=foo&ListArg.member.2=bar\
                 &ListArg.member.3=baz&ComplexListArg.member.1.hi=hello&ComplexListArg.member.2.hi=hola";
    let reversed = lists
        .replace("member.1=foo", "member.1=baz")
        .replace("member.3=baz", "member.3=foo");
    assert!(!form_same(&reversed, lists));
    let structs_reversed = lists
        .replace("1.hi=hello", "1.hi=hola")
        .replace("2.hi=hola", "2.hi=hello");
    assert!(!form_same(&structs_reversed, lists));
    // awsQuery `QuerySimpleQueryMaps`, `QueryFlattenedQueryMapsWithXmlName`.
    let map = "Action=QueryMaps&Version=2020-01-08&MapArg.entry.1.key=bar&MapArg.entry.1.value=Bar\
               &MapArg.entry.2.key=foo&MapArg.entry.2.value=Foo";
    assert!(form_same(
        "Action=QueryMaps&Version=2020-01-08&MapArg.entry.1.key=foo&MapArg.entry.1.value=Foo\
         &MapArg.entry.2.key=bar&MapArg.entry.2.value=Bar",
        map
    ));
    assert!(!form_same(
        "Action=QueryMaps&Version=2020-01-08&MapArg.entry.1.key=foo&MapArg.entry.1.value=Bar\
         &MapArg.entry.2.key=bar&MapArg.entry.2.value=Foo",
        map
    ));
    // Numbers are still 1..=n.
    assert!(!form_same(
        "Action=QueryMaps&Version=2020-01-08&MapArg.entry.1.key=bar&MapArg.entry.1.value=Bar\
         &MapArg.entry.3.key=foo&MapArg.entry.3.value=Foo",
        map
    ));
    let flat = "Action=QueryMaps&Version=2020-01-08&Hi.1.K=bar&Hi.1.V=Bar&Hi.2.K=foo&Hi.2.V=Foo";
    assert!(form_same(
        "Action=QueryMaps&Version=2020-01-08&Hi.2.V=Bar&Hi.1.K=foo&Hi.2.K=bar&Hi.1.V=Foo",
        flat
    ));
}

#[test]
fn form_map_of_lists_matches_entries_in_any_order_and_list_items_in_theirs() {
    // awsQuery `QueryQueryMapOfLists`.
    let expected = "Action=QueryMaps&Version=2020-01-08\
        &MapOfLists.entry.1.key=bar&MapOfLists.entry.1.value.member.1=C&MapOfLists.entry.1.value.member.2=D\
        &MapOfLists.entry.2.key=foo&MapOfLists.entry.2.value.member.1=A&MapOfLists.entry.2.value.member.2=B";
    let swapped = "Action=QueryMaps&Version=2020-01-08\
        &MapOfLists.entry.1.key=foo&MapOfLists.entry.1.value.member.1=A&MapOfLists.entry.1.value.member.2=B\
        &MapOfLists.entry.2.key=bar&MapOfLists.entry.2.value.member.1=C&MapOfLists.entry.2.value.member.2=D";
    assert!(form_same(swapped, expected));
    let inner_reversed = swapped
        .replace("member.1=A", "member.1=B")
        .replace("member.2=B", "member.2=A");
    assert!(!form_same(&inner_reversed, expected));
}

#[test]
fn other_bodies_match_byte_for_byte() {
    assert!(bytes_equivalent(b"blobby blob blob", "blobby blob blob").is_ok());
    let err = bytes_equivalent(b"blobby blob blob\n", "blobby blob blob").unwrap_err();
    assert!(err.contains("\"blobby blob blob\\n\""), "{err}");
    assert!(bytes_equivalent(&[0xff], "\u{fffd}").is_err());
}

#[test]
fn the_asserts_panic_with_the_difference() {
    assert_xml_body(b"<a/>", "<a></a>");
    assert_form_body(b"B=2&A=1", "A=1&B=2");
    assert_bytes_body(b"x", "x");
    let panics = |f: fn()| {
        std::panic::catch_unwind(f)
            .unwrap_err()
            .downcast::<String>()
            .map(|s| *s)
            .unwrap_or_default()
    };
    assert!(panics(|| assert_xml_body(b"<a/>", "<b/>")).contains("the XML bodies differ"));
    assert!(panics(|| assert_form_body(b"A=1", "A=2")).contains("the form bodies differ"));
    assert!(panics(|| assert_bytes_body(b"x", "y")).contains("the bodies differ"));
}

#[test]
fn the_file_can_be_written_into_a_test_file() {
    // It lands in the middle of `tests/protocol_tests.rs`: no inner docs or attributes, no
    // `use` (names could clash), no test module of its own.
    let text = include_str!("../bodies.rs");
    for line in text.lines() {
        assert!(
            !line.starts_with("//!") && !line.starts_with("#!"),
            "{line}"
        );
        assert!(
            !line.starts_with("use ") && !line.contains("mod tests"),
            "{line}"
        );
    }
}

#[test]
fn the_test_file_carries_the_comparisons_before_the_tests() {
    let tests = [("case_a".to_string(), "assert!(true);\n".to_string())];
    let (text, ranges) = super::harness::test_file("ex", &tests);
    let at = text
        .find("pub fn assert_xml_body")
        .expect("the comparisons are in the file");
    assert!(at < text.find("fn case_a").unwrap());
    let lines: Vec<&str> = text.lines().collect();
    let (start, end) = ranges[0];
    assert_eq!(lines[start - 1], "#[test]");
    assert_eq!(lines[end - 1], "}");
}
