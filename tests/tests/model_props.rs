//! Bounded property test for the model loader: thousands of mutated models each give `Ok` or
//! a clean `Err` naming the file, never a panic. (The fuzz target `model_loader` explores the
//! same surface without a bound; see `fuzz/README.md`.)

use std::path::Path;

use codegen::Options;
use tests::rng::Rng;

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "0",
    "-1",
    "1e999",
    "\"type\"",
    "\"structure\"",
    "\"string\"",
    "\"list\"",
    "\"map\"",
    "\"union\"",
    "\"enum\"",
    "\"intEnum\"",
    "\"members\"",
    "\"member\"",
    "\"target\"",
    "\"smithy.api#String\"",
    "\"smithy.api#Unit\"",
    "\"traits\"",
    "\"smithy.api#required\"",
    "\"smithy.api#default\"",
    "\"mixins\"",
    "\"apply\"",
    "\"smithy.api#enum\"",
    "\"smithy.api#enumValue\"",
    "\"smithy.api#http\"",
    "\"#\"",
    "\"$\"",
    "\"a#B\"",
    "\"operation\"",
    "\"service\"",
    "\"resource\"",
    "\"smithy.api#timestampFormat\"",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut s = text.to_string();
    for _ in 0..=rng.below(3) {
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(4) {
            0 => s.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            1 => {
                let mut end = (at + 1 + rng.below(40)).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end, "");
            }
            2 => s.truncate(at),
            _ => {
                // Swap a token for another one of the same kind elsewhere in the text.
                let from = TOKENS[rng.below(TOKENS.len())];
                if let Some(i) = s.find(from) {
                    s.replace_range(i..i + from.len(), TOKENS[rng.below(TOKENS.len())]);
                }
            }
        }
    }
    s
}

#[test]
fn mutated_models_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let seeds: Vec<String> = [
        "models/enums.json",
        "models/recursion.json",
        "models/defaults.json",
        "bad/name_collision.json",
    ]
    .iter()
    .map(|p| std::fs::read_to_string(dir.join(p)).unwrap())
    .collect();
    let opts = Options {
        crate_name: "props".into(),
        model_file: "props.json".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    let mut rng = Rng::new(0x5EED_CAFE_F00D_BEEF);
    let (mut ok, mut err) = (0, 0);
    for case in 0..3000 {
        let seed = &seeds[case % seeds.len()];
        let text = mutate(&mut rng, seed);
        match codegen::generate(&text, &opts) {
            Ok(files) => {
                ok += 1;
                assert!(files.0.contains_key("src/lib.rs"), "case {case}");
            }
            Err(e) => {
                err += 1;
                assert!(
                    e.to_string().starts_with("props.json: "),
                    "case {case}: {e}"
                );
            }
        }
    }
    assert!(
        ok > 0 && err > 0,
        "the mutations should both keep and break models ({ok} ok, {err} err)"
    );
}
