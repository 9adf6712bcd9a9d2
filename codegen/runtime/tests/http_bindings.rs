//! Tests of `http_bindings.rs`, compiled as its `tests` module.

use super::super::http::HttpResponse;
use super::*;

#[test]
fn label_escaping_vector() {
    assert_eq!(
        percent_encode(" %:/?#[]@!$&'()*+,;=😹", false),
        "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
    );
    assert_eq!(percent_encode("a/b c", true), "a/b%20c");
    assert_eq!(percent_encode("AZaz09-._~", false), "AZaz09-._~");
}

#[test]
fn labels_refuse_dot_segments_and_empty_values() {
    let push = |value: &str, greedy: bool| {
        let mut path = ::std::string::String::from("/x/");
        push_label(&mut path, "Key", value, greedy).map(|()| path)
    };
    for bad in [".", "..", ""] {
        assert!(push(bad, false).is_err(), "{bad:?}");
        assert!(push(bad, true).is_err(), "{bad:?} greedy");
    }
    for bad in ["a/../b", "./a", "a/.", "../"] {
        assert!(push(bad, true).is_err(), "{bad:?}");
    }
    // Not dot segments: kept, and in a plain label `/` is encoded so no segment appears.
    assert_eq!(push("...", false).as_deref(), Ok("/x/..."));
    assert_eq!(push(".a", false).as_deref(), Ok("/x/.a"));
    assert_eq!(push("a/../b", false).as_deref(), Ok("/x/a%2F..%2Fb"));
    assert_eq!(push("a/.b/c", true).as_deref(), Ok("/x/a/.b/c"));
    let err = push("..", false).unwrap_err();
    assert!(err.contains("`Key`") && err.contains("`..`"), "{err}");
}

#[test]
fn repeated_header_lines_join() {
    let r = HttpResponse::new(200, "")
        .with_header("X-List", "a, b")
        .with_header("other", "x")
        .with_header("x-list", "c");
    assert_eq!(header_joined(&r, "X-LIST").as_deref(), Some("a, b, c"));
    assert_eq!(header_joined(&r, "missing"), None);
}

#[test]
fn http_date_lists_split_after_every_date() {
    assert_eq!(
        split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"),
        [
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "Tue, 17 Dec 2019 23:48:18 GMT"
        ]
    );
    assert_eq!(
        split_http_date_list("\"Mon, 16 Dec 2019 23:48:18 GMT\""),
        ["Mon, 16 Dec 2019 23:48:18 GMT"]
    );
    // Not dates: left for the timestamp parser to reject.
    assert_eq!(split_http_date_list("Mon"), ["Mon"]);
    assert_eq!(split_http_date_list("x, y"), ["x", "y"]);
}

#[test]
fn header_list_items_keep_their_whitespace_and_quotes() {
    let items = vec![
        " padded ".to_string(),
        "".to_string(),
        "x".to_string(),
        "\\\"".to_string(),
    ];
    let joined = header_list(&items);
    assert_eq!(joined, "\" padded \", , x, \"\\\\\\\"\"");
    assert_eq!(split_header_list(&joined), items);
    // Lenient on what arrives: spaces around items, a quote that never closes.
    assert_eq!(split_header_list(" a ,b"), ["a", "b"]);
    assert_eq!(split_header_list("\"open, x"), ["\"open, x"]);
    assert_eq!(split_header_list("\"a\"\"b\""), ["a\"\"b"]);
}

#[test]
fn header_lists() {
    let items = vec!["a".to_string(), "b,c".to_string(), "d\"e".to_string()];
    let joined = header_list(&items);
    assert_eq!(joined, "a, \"b,c\", \"d\\\"e\"");
    assert_eq!(split_header_list(&joined), items);
}
