//! `cargo bench -p tests --bench endpoint`: one endpoint resolution through the rules engine,
//! generated/directory's rules (a global service) in the common case (a region, nothing
//! else), and with a custom endpoint, which the rules parse.

use criterion::{Criterion, criterion_group, criterion_main};
use directory::config::endpoint::{DefaultResolver, Params};

fn benches(c: &mut Criterion) {
    let resolver = DefaultResolver::new();
    let common = Params::builder().region("us-west-2").build().unwrap();
    c.bench_function("endpoint resolution (region only)", |b| {
        b.iter(|| std::hint::black_box(resolver.resolve_endpoint(std::hint::black_box(&common))))
    });
    let custom = Params::builder()
        .region("us-west-2")
        .endpoint("http://localhost:8080/base")
        .build()
        .unwrap();
    c.bench_function("endpoint resolution (custom endpoint)", |b| {
        b.iter(|| std::hint::black_box(resolver.resolve_endpoint(std::hint::black_box(&custom))))
    });
}

criterion_group!(endpoint, benches);
criterion_main!(endpoint);
