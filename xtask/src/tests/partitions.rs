//! Tests of `partitions.rs`, compiled as its `tests` module.

use super::*;

#[test]
fn differences_are_found_and_kept_ones_explained() {
    let dir = std::env::temp_dir().join(format!("xtask-partitions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, v: Value| {
        let p = dir.join(name);
        std::fs::write(&p, v.to_string()).unwrap();
        p
    };
    let doc = |fips: bool, dual: bool, region: &str| {
        serde_json::json!({"partitions": [
            {"id": "aws", "regionRegex": "^x$", "outputs": {"supportsFIPS": fips}, "regions": {region: {"description": "d"}}},
            {"id": "aws-iso", "regionRegex": "^y$", "outputs": {"supportsDualStack": dual}, "regions": {}}
        ]})
    };
    let real = write("real.json", doc(true, true, "r-1"));
    let same = write("same.json", doc(true, false, "r-1"));
    let report = check(&same, &real).unwrap();
    assert!(
        report[1].contains("aws-iso outputs.supportsDualStack"),
        "{report:?}"
    );
    let other = write("other.json", doc(false, true, "r-2"));
    let err = check(&other, &real).unwrap_err().to_string();
    assert!(
        err.contains("aws outputs.supportsFIPS: ours false, real true"),
        "{err}"
    );
    assert!(
        err.contains("aws regions.r-1: ours (absent), real true"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
