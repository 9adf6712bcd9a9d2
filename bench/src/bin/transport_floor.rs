//! The size floor of a binary that makes one HTTPS call with our default transport: ureq 3 with
//! rustls and its bundled roots, and nothing of ours. `cargo xtask bench` reports its stripped
//! size beside `ours_one_call` to show how much of that binary is the TLS stack.

fn main() {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "https://127.0.0.1:9/".to_string());
    let agent = ureq::Agent::new_with_defaults();
    let result = agent.get(url.as_str()).call();
    println!("{:?}", result.map(|r| r.status()));
}
