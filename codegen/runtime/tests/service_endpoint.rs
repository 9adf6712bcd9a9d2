//! Tests of `service_endpoint.rs`, compiled as its `tests` module.

use super::super::config::{Config, ConfigBuilder};
use super::*;

const META: ServiceMeta = ServiceMeta {
    endpoint_prefix: "gamesparks",
    signing_name: "gamesparks",
    headers: &[],
};

fn config(b: ConfigBuilder) -> Config {
    b.ignore_environment().build()
}

#[test]
fn endpoints() {
    let c = config(Config::builder().region("us-west-2"));
    assert_eq!(
        resolve_endpoint(&c, &META).unwrap(),
        "https://gamesparks.us-west-2.amazonaws.com"
    );
    let c = config(
        Config::builder()
            .region("us-east-1")
            .use_fips(true)
            .use_dual_stack(true),
    );
    assert_eq!(
        resolve_endpoint(&c, &META).unwrap(),
        "https://gamesparks-fips.us-east-1.api.aws"
    );
    let c = config(Config::builder().region("cn-north-1"));
    assert_eq!(
        resolve_endpoint(&c, &META).unwrap(),
        "https://gamesparks.cn-north-1.amazonaws.com.cn"
    );
    let c = config(
        Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9/"),
    );
    assert_eq!(resolve_endpoint(&c, &META).unwrap(), "http://127.0.0.1:9");
    assert!(resolve_endpoint(&config(Config::builder()), &META).is_err());
    assert!(resolve_endpoint(&config(Config::builder().region("us east")), &META).is_err());
    assert!(resolve_endpoint(&config(Config::builder().endpoint_url("ftp://x")), &META).is_err());
}

#[test]
fn regions_are_one_host_label() {
    for good in [
        "us-east-1",
        "cn-north-1",
        "us-gov-west-1",
        "aws-global",
        "local",
        "a",
    ] {
        assert_eq!(check_region(good), Ok(()), "{good}");
    }
    let long = "a".repeat(64);
    for bad in [
        "",
        "a/b c",
        "us-east-1.",
        "-us",
        "us-",
        "üs-east-1",
        "us_east_1",
        "a.b",
        &long,
    ] {
        let e = check_region(bad).unwrap_err();
        assert!(e.starts_with("invalid region"), "{bad}: {e}");
    }
    // The region is quoted with its control characters escaped.
    assert!(check_region("x\ny").unwrap_err().contains(r#""x\ny""#));
}
