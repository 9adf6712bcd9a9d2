//! Tests of `proxy.rs`, compiled as its `tests` module.

use super::*;

fn proxies(vars: &[(&str, &str)]) -> Proxies {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Proxies::from_lookup(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
}

fn target(url: &str) -> Target {
    Target::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"))
}

/// The proxy's `host:port` for `url`, `None` for a direct connection.
fn route(p: &Proxies, url: &str) -> Option<String> {
    p.for_target(&target(url))
        .unwrap_or_else(|e| panic!("{url}: {e}"))
        .map(|proxy| format!("{}:{}", proxy.host, proxy.port))
}

#[test]
fn each_scheme_has_its_proxy_and_all_proxy_fills_in() {
    let p = proxies(&[
        ("HTTPS_PROXY", "http://secure:3128"),
        ("http_proxy", "plain"),
    ]);
    assert_eq!(
        route(&p, "https://s3.amazonaws.com/").as_deref(),
        Some("secure:3128")
    );
    assert_eq!(
        route(&p, "http://s3.amazonaws.com/").as_deref(),
        Some("plain:80")
    );
    let p = proxies(&[("ALL_PROXY", "all:1"), ("HTTP_PROXY", " ")]);
    assert_eq!(route(&p, "https://a.com/").as_deref(), Some("all:1"));
    assert_eq!(route(&p, "http://a.com/").as_deref(), Some("all:1"));
    // Upper case comes first.
    let p = proxies(&[("HTTPS_PROXY", "upper:1"), ("https_proxy", "lower:1")]);
    assert_eq!(route(&p, "https://a.com/").as_deref(), Some("upper:1"));
    let p = proxies(&[]);
    assert_eq!(route(&p, "https://a.com/"), None);
}

#[test]
fn loopback_is_never_proxied() {
    let p = proxies(&[("ALL_PROXY", "proxy:8080")]);
    for url in [
        "http://localhost:1/",
        "http://127.0.0.1:1/",
        "http://127.9.9.9/",
        "http://[::1]:1/",
        "http://api.localhost/",
    ] {
        assert_eq!(route(&p, url), None, "{url}");
    }
    assert!(route(&p, "http://10.0.0.1/").is_some());
}

#[test]
fn no_proxy_entries_match_hosts_domains_ports_and_networks() {
    let p = proxies(&[
        ("HTTPS_PROXY", "proxy:8080"),
        (
            "NO_PROXY",
            " .internal.example, amazonaws.com,*.corp,10.0.0.0/8, 192.168.1.5, [fd00::]/8, svc:8443,2001:db8::5,,",
        ),
    ]);
    for direct in [
        "https://a.internal.example/",
        "https://internal.example/",
        "https://amazonaws.com/",
        "https://s3.us-east-1.amazonaws.com/",
        "https://x.corp/",
        "https://10.1.2.3/",
        "https://192.168.1.5/",
        "https://[fd12::1]/",
        "https://svc:8443/",
        "https://[2001:db8::5]/",
    ] {
        assert_eq!(route(&p, direct), None, "{direct}");
    }
    for proxied in [
        "https://notamazonaws.com/",
        "https://amazonaws.com.evil/",
        "https://11.1.2.3/",
        "https://192.168.1.6/",
        "https://svc/",
        "https://[fe80::1]/",
        "https://[2001:db8::6]/",
    ] {
        assert!(route(&p, proxied).is_some(), "{proxied}");
    }
    let p = proxies(&[("HTTPS_PROXY", "proxy:8080"), ("no_proxy", "*")]);
    assert_eq!(route(&p, "https://anything/"), None);
}

#[test]
fn credentials_become_basic_authorization() {
    let p = proxies(&[("HTTPS_PROXY", "http://us%40er:p%3Ass@proxy:3128/ignored")]);
    let proxy = p
        .for_target(&target("https://a.com/"))
        .expect("usable")
        .expect("proxied");
    // base64("us@er:p:ss")
    assert_eq!(
        proxy.authorization.as_deref(),
        Some("Basic dXNAZXI6cDpzcw==")
    );
    assert_eq!((proxy.host.as_str(), proxy.port), ("proxy", 3128));
}

#[test]
fn unusable_proxies_are_errors_not_direct_connections() {
    for value in [
        "socks5://proxy:1080",
        "https://proxy:443",
        "http://",
        "http://pro xy:1",
        "proxy:port",
    ] {
        let p = proxies(&[("HTTPS_PROXY", value)]);
        let result = p.for_target(&target("https://a.com/"));
        assert!(result.is_err(), "{value}: {result:?}");
    }
    // ...but only for the requests that would use them.
    let p = proxies(&[
        ("HTTPS_PROXY", "socks5://proxy:1080"),
        ("NO_PROXY", "a.com"),
    ]);
    assert_eq!(route(&p, "https://a.com/"), None);
}

/// The runtime's encoder, which the proxy credentials use.
fn base64(bytes: &[u8]) -> String {
    super::super::base64::encode(bytes)
}

#[test]
fn base64_matches_rfc_4648() {
    for (input, output) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(input.as_bytes()), output, "{input}");
    }
    assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
}

#[test]
fn percent_decoding_keeps_what_is_not_an_escape() {
    assert_eq!(percent_decode("a%20b%zz%4"), b"a b%zz%4");
    // `from_str_radix` alone would take `+5` for 5.
    assert_eq!(percent_decode("%+5"), b"%+5");
    assert_eq!(percent_decode("%E2%82%AC"), "€".as_bytes());
}
