//! Paginators, on the `pager` test service (models/pager.json).

use super::*;

use std::collections::{BTreeMap, BTreeSet};

use pager::error::SdkError;
use pager::operation::list_things::ListThingsError;

/// More pages than any script here has: a paginator that does not stop is caught.
const LIMIT: usize = 10;

fn pager_client(server: &Server) -> pager::Client {
    let config = pager::Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials(pager::config::Credentials::new(AKID, SECRET, None))
        .retry_config(pager::config::RetryConfig::disabled())
        .read_timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(5))
        .ignore_environment()
        .build();
    pager::Client::new(config)
}

fn things(token: Option<&str>, names: &[&str]) -> Reply {
    let things: Vec<_> = names
        .iter()
        .map(|n| serde_json::json!({ "Name": n }))
        .collect();
    let mut body = serde_json::json!({ "Things": things });
    if let Some(t) = token {
        body["NextToken"] = t.into();
    }
    Reply::json(200, &body.to_string())
}

/// The query parameters of a request, as `k=v` strings.
fn query(request: &Request) -> BTreeSet<String> {
    request
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn names(page: &pager::operation::list_things::ListThingsOutput) -> Vec<String> {
    page.things()
        .unwrap_or_default()
        .iter()
        .map(|t| t.name().to_string())
        .collect()
}

#[test]
fn pages_follow_the_token_send_the_page_size_and_stop_on_a_repeated_token() {
    let server = Server::start(vec![
        things(Some("t1"), &["a", "b"]),
        things(Some("t2"), &["c"]),
        // The token just sent comes back: a tail-style API; stop rather than loop.
        things(Some("t2"), &["d"]),
    ]);
    let client = pager_client(&server);
    let mut pages = client
        .list_things()
        .prefix("p")
        .into_paginator()
        .page_size(2)
        .send();
    let mut got = Vec::new();
    while let Some(page) = pager::http::block_on(pages.next()) {
        got.push(names(&page.expect("a page")));
        assert!(got.len() <= LIMIT, "the paginator did not stop");
    }
    assert_eq!(got, [vec!["a", "b"], vec!["c"], vec!["d"]]);
    assert!(pager::http::block_on(pages.next()).is_none());
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let q: Vec<_> = requests.iter().map(query).collect();
    let want = |extra: &[&str]| -> BTreeSet<String> {
        ["maxResults=2", "prefix=p"]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect()
    };
    assert_eq!(q[0], want(&[]));
    assert_eq!(q[1], want(&["nextToken=t1"]));
    assert_eq!(q[2], want(&["nextToken=t2"]));
    for r in &requests {
        assert_eq!((r.method.as_str(), r.path()), ("GET", "/things"));
        assert!(r.header("authorization").is_some(), "every page is signed");
    }
}

#[test]
fn an_empty_or_missing_token_ends_paging() {
    for last in [things(Some(""), &["b"]), things(None, &["b"])] {
        let server = Server::start(vec![things(Some("t1"), &["a"]), last]);
        let client = pager_client(&server);
        let mut pages = client.list_things().into_paginator().send();
        let mut got = Vec::new();
        while let Some(page) = pager::http::block_on(pages.next()) {
            got.push(names(&page.expect("a page")));
            assert!(got.len() <= LIMIT, "the paginator did not stop");
        }
        assert_eq!(got, [vec!["a"], vec!["b"]]);
        assert_eq!(server.request_count(), 2);
        // No page size set: none is sent.
        assert_eq!(query(&server.requests()[0]), BTreeSet::new());
    }
}

#[test]
fn items_flatten_the_pages_including_empty_ones() {
    let server = Server::start(vec![
        things(Some("t1"), &["a", "b"]),
        things(Some("t2"), &[]),
        things(None, &["c"]),
    ]);
    let client = pager_client(&server);
    // The page size may also come from the fluent builder's own setter.
    let mut items = client
        .list_things()
        .max_results(5)
        .into_paginator()
        .items()
        .send();
    let mut got = Vec::new();
    while let Some(item) = pager::http::block_on(items.next()) {
        got.push(item.expect("an item").name().to_string());
        assert!(got.len() <= LIMIT, "the paginator did not stop");
    }
    assert_eq!(got, ["a", "b", "c"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(query(&requests[0]).contains("maxResults=5"));
    assert!(query(&requests[2]).contains("nextToken=t2"));
}

#[test]
fn an_error_on_page_two_is_yielded_and_then_paging_ends() {
    let bad = Reply::json(400, r#"{"Message":"no"}"#).header("X-Amzn-Errortype", "BadRequest");
    let server = Server::start(vec![
        things(Some("t1"), &["a"]),
        bad.clone(),
        things(None, &["z"]),
    ]);
    let client = pager_client(&server);
    let mut pages = client.list_things().into_paginator().send();
    let first = pager::http::block_on(pages.next()).expect("page 1");
    assert_eq!(names(&first.expect("page 1 succeeds")), ["a"]);
    match pager::http::block_on(pages.next()) {
        Some(Err(SdkError::Service(e))) => {
            assert!(
                matches!(e.error, ListThingsError::BadRequest(_)),
                "{:?}",
                e.error
            );
            assert_eq!(e.status, 400);
        }
        other => panic!("expected the page-2 error, got {other:?}"),
    }
    assert!(pager::http::block_on(pages.next()).is_none());
    assert_eq!(server.request_count(), 2);

    // The item paginator yields the items before the error, then the error, then ends.
    let server = Server::start(vec![
        things(Some("t1"), &["a", "b"]),
        bad,
        things(None, &["z"]),
    ]);
    let client = pager_client(&server);
    let mut items = client.list_things().into_paginator().items().send();
    let mut got = Vec::new();
    while let Some(item) = pager::http::block_on(items.next()) {
        got.push(item.map(|t| t.name().to_string()).map_err(|e| e.status()));
        assert!(got.len() <= LIMIT, "the paginator did not stop");
    }
    assert_eq!(got, [Ok("a".into()), Ok("b".into()), Err(Some(400))]);
    assert_eq!(server.request_count(), 2);
}

#[test]
fn a_nested_output_token_feeds_a_body_input_token_and_map_items_flatten() {
    let server = Server::start(vec![
        Reply::json(
            200,
            r#"{"Result":{"NextMarker":"m1","Entries":{"a":1,"b":2}}}"#,
        ),
        Reply::json(200, r#"{"Result":{"NextMarker":"m2","Entries":{}}}"#),
        Reply::json(200, r#"{"Result":{"Entries":{"c":3}}}"#),
    ]);
    let client = pager_client(&server);
    let mut items = client
        .list_entries()
        .table("tbl")
        .into_paginator()
        .page_size(7)
        .items()
        .send();
    let mut got = BTreeMap::new();
    while let Some(item) = pager::http::block_on(items.next()) {
        let (k, v) = item.expect("an entry");
        got.insert(k, v);
        assert!(got.len() <= LIMIT, "the paginator did not stop");
    }
    assert_eq!(
        got,
        BTreeMap::from([("a".into(), 1), ("b".into(), 2), ("c".into(), 3)])
    );
    let bodies: Vec<serde_json::Value> = server
        .requests()
        .iter()
        .map(|r| {
            assert_eq!((r.method.as_str(), r.path()), ("POST", "/entries/tbl"));
            serde_json::from_slice(&r.body).expect("a JSON body")
        })
        .collect();
    assert_eq!(
        bodies,
        [
            serde_json::json!({"Limit": 7}),
            serde_json::json!({"Marker": "m1", "Limit": 7}),
            serde_json::json!({"Marker": "m2", "Limit": 7}),
        ]
    );
    // A missing `Result` is a last page with no items.
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let client = pager_client(&server);
    let mut items = client
        .list_entries()
        .table("t")
        .into_paginator()
        .items()
        .send();
    assert!(pager::http::block_on(items.next()).is_none());
    assert_eq!(server.request_count(), 1);
}
