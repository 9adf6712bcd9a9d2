//! Agreement between a hand-written Smithy model and the real AWS model it was written from.
//!
//! The hand model is small and written by a person, so it can drift from the service. This check
//! compares every fact that changes generated code or wire behaviour (types, members, targets,
//! traits) and ignores documentation, which the hand model words on its own.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Shapes of a JSON AST model by shape ID; a BTreeMap so that every walk is in sorted order.
type Shapes = BTreeMap<String, Value>;

const DOCUMENTATION: &str = "smithy.api#documentation";
/// Endpoint rules are large and added later, so a hand-written service may leave them out.
const OPTIONAL_SERVICE_TRAITS: &[&str] =
    &["smithy.rules#endpointRuleSet", "smithy.rules#endpointTests"];

/// What a successful check covered.
#[derive(Debug)]
pub struct AgreementReport {
    pub shapes_checked: usize,
}

/// Checks that `hand` agrees with `real` on every shape in the closure of `operation` (a shape ID like
/// "com.amazonaws.gamesparks#GetStageDeployment") plus the service shape(s) of `hand` that bind it.
pub fn check_agreement(
    hand_path: &Path,
    real_path: &Path,
    operation: &str,
) -> Result<AgreementReport> {
    let hand = load(hand_path)?;
    let real = load(real_path)?;
    if hand.get(operation).and_then(|s| s.get("type")) != Some(&Value::from("operation")) {
        bail!("{operation} is not an operation in the hand model");
    }
    let hand_closure = closure(&hand, operation, "hand")?;
    let real_closure = closure(&real, operation, "real")?;
    if hand_closure != real_closure {
        let only_real: Vec<_> = real_closure.difference(&hand_closure).collect();
        let only_hand: Vec<_> = hand_closure.difference(&real_closure).collect();
        bail!(
            "closure of {operation} differs: only in real {only_real:?}, only in hand {only_hand:?}"
        );
    }
    let services: BTreeSet<&String> = hand
        .iter()
        .filter(|(_, s)| s["type"] == "service" && targets(&s["operations"]).contains(operation))
        .map(|(id, _)| id)
        .collect();
    let checked: BTreeSet<&String> = hand_closure
        .iter()
        .chain(services.iter().copied())
        .collect();
    for id in &checked {
        let real_shape = real
            .get(*id)
            .with_context(|| format!("{id} is not in the real model"))?;
        compare_shape(id, &hand[*id], real_shape)?;
    }
    Ok(AgreementReport {
        shapes_checked: checked.len(),
    })
}

fn load(path: &Path) -> Result<Shapes> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut ast: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    match ast.get_mut("shapes").map(Value::take) {
        Some(Value::Object(shapes)) => Ok(shapes.into_iter().collect()),
        _ => bail!("{}: no \"shapes\" object", path.display()),
    }
}

/// The shape IDs reachable from `root` through input, output, errors and member targets.
/// Prelude shapes are not in a model's `shapes`, so they are not followed.
fn closure(shapes: &Shapes, root: &str, model: &str) -> Result<BTreeSet<String>> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root.to_string()];
    while let Some(id) = stack.pop() {
        if id.starts_with("smithy.api#") || seen.contains(&id) {
            continue;
        }
        let shape = shapes
            .get(&id)
            .with_context(|| format!("{id} is not in the {model} model"))?;
        for key in ["input", "output", "member", "key", "value"] {
            stack.extend(target(&shape[key]).map(str::to_string));
        }
        stack.extend(targets(&shape["errors"]));
        if let Some(members) = shape["members"].as_object() {
            stack.extend(members.values().filter_map(target).map(str::to_string));
        }
        seen.insert(id);
    }
    Ok(seen)
}

fn target(reference: &Value) -> Option<&str> {
    reference["target"].as_str()
}

/// The targets of a list of references such as `errors` or `operations`; empty when absent.
fn targets(list: &Value) -> BTreeSet<String> {
    let items = list.as_array().map(Vec::as_slice).unwrap_or_default();
    items
        .iter()
        .filter_map(target)
        .map(str::to_string)
        .collect()
}

fn compare_shape(id: &str, hand: &Value, real: &Value) -> Result<()> {
    same(id, "type", &hand["type"], &real["type"])?;
    let optional = if hand["type"] == "service" {
        OPTIONAL_SERVICE_TRAITS
    } else {
        &[]
    };
    compare_traits(id, hand, real, optional)?;
    for key in ["input", "output", "version"] {
        same(id, key, &hand[key], &real[key])?;
    }
    let (hand_errors, real_errors) = (targets(&hand["errors"]), targets(&real["errors"]));
    if hand_errors != real_errors {
        bail!("{id}: errors differ: hand {hand_errors:?} vs real {real_errors:?}");
    }
    if hand["type"] == "service" {
        for key in ["operations", "resources"] {
            let extra: Vec<_> = targets(&hand[key])
                .difference(&targets(&real[key]))
                .cloned()
                .collect();
            if !extra.is_empty() {
                bail!("{id}: {key} of hand not in real: {extra:?}");
            }
        }
    }
    for key in ["member", "key", "value"] {
        if !hand[key].is_null() || !real[key].is_null() {
            compare_member(&format!("{id}${key}"), &hand[key], &real[key])?;
        }
    }
    let empty = serde_json::Map::new();
    let hand_members = hand["members"].as_object().unwrap_or(&empty);
    let real_members = real["members"].as_object().unwrap_or(&empty);
    let names: BTreeSet<&String> = hand_members.keys().chain(real_members.keys()).collect();
    for name in names {
        let member_id = format!("{id}${name}");
        match (hand_members.get(name), real_members.get(name)) {
            (Some(h), Some(r)) => compare_member(&member_id, h, r)?,
            (None, _) => bail!("{member_id}: member missing in hand"),
            (_, None) => bail!("{member_id}: member not in real"),
        }
    }
    Ok(())
}

fn compare_member(member_id: &str, hand: &Value, real: &Value) -> Result<()> {
    same(member_id, "target", &hand["target"], &real["target"])?;
    compare_traits(member_id, hand, real, &[])
}

/// Compares traits by ID and JSON value, without documentation; a missing `traits` is `{}`.
fn compare_traits(what: &str, hand: &Value, real: &Value, optional_in_hand: &[&str]) -> Result<()> {
    let empty = serde_json::Map::new();
    let hand_traits = hand["traits"].as_object().unwrap_or(&empty);
    let real_traits = real["traits"].as_object().unwrap_or(&empty);
    let ids: BTreeSet<&String> = hand_traits.keys().chain(real_traits.keys()).collect();
    for trait_id in ids.into_iter().filter(|t| *t != DOCUMENTATION) {
        let (h, r) = (hand_traits.get(trait_id), real_traits.get(trait_id));
        if h.is_none() && optional_in_hand.contains(&trait_id.as_str()) {
            continue;
        }
        if h != r {
            bail!(
                "{what}: trait {trait_id} differs: hand {} vs real {}",
                show(h),
                show(r)
            );
        }
    }
    Ok(())
}

fn same(what: &str, key: &str, hand: &Value, real: &Value) -> Result<()> {
    if hand != real {
        bail!(
            "{what}: {key} differs: hand {} vs real {}",
            show(Some(hand)),
            show(Some(real))
        );
    }
    Ok(())
}

fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(absent)".to_string(),
        Some(v) => v.to_string(),
    }
}

/// The operation the hand-written GameSparks model describes.
const AGREEMENT_MODEL: &str = "models/gamesparks-get-stage-deployment.json";
const AGREEMENT_OPERATION: &str = "com.amazonaws.gamesparks#GetStageDeployment";

/// `cargo xtask check-agreement --real FILE [--hand FILE] [--operation ID]`.
pub(crate) fn cmd(args: &[String]) -> Result<()> {
    let flags = crate::flags::parse_flags(
        "check-agreement",
        args,
        &["--real", "--hand", "--operation"],
        &[],
    )?;
    let root = crate::project_root();
    let real = flags.required("check-agreement", "--real", "FILE")?;
    let hand = flags
        .get("--hand")
        .map_or_else(|| root.join(AGREEMENT_MODEL), std::path::PathBuf::from);
    let op = flags.get("--operation").unwrap_or(AGREEMENT_OPERATION);
    let report = check_agreement(&hand, Path::new(real), op)?;
    println!(
        "{} agrees with {real} on all {} shapes of {op}",
        crate::rel(&root, &hand),
        report.shapes_checked
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A real model with an unrelated operation, endpoint rules and an explicit empty `traits`.
    fn real() -> Value {
        json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1",
                "operations": [{"target": "ex#Get"}, {"target": "ex#Other"}],
                "traits": {"aws.protocols#restJson1": {}, "smithy.rules#endpointRuleSet": {"version": "1.0"}}},
            "ex#Get": {"type": "operation", "input": {"target": "ex#GetInput"},
                "output": {"target": "ex#GetOutput"}, "errors": [{"target": "ex#Oops"}],
                "traits": {"smithy.api#readonly": {}}},
            "ex#GetInput": {"type": "structure", "members": {
                "Name": {"target": "ex#Name", "traits": {"smithy.api#required": {}}},
                "Count": {"target": "smithy.api#Integer", "traits": {}}}},
            "ex#GetOutput": {"type": "structure", "members": {"Tags": {"target": "ex#Tags"}}},
            "ex#Tags": {"type": "list", "member": {"target": "ex#Name"}},
            "ex#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 36}}},
            "ex#Oops": {"type": "structure", "members": {"Message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "client"}},
            "ex#Other": {"type": "operation"},
        }})
    }

    /// The hand model that agrees with `real()`: one operation, no endpoint rules, no empty `traits`.
    fn hand() -> Value {
        let mut model = real();
        model["shapes"].as_object_mut().unwrap().remove("ex#Other");
        let service = &mut model["shapes"]["ex#Svc"];
        service["operations"] = json!([{"target": "ex#Get"}]);
        service["traits"] = json!({"aws.protocols#restJson1": {}});
        model["shapes"]["ex#GetInput"]["members"]["Count"] =
            json!({"target": "smithy.api#Integer"});
        model
    }

    fn check(hand: Value, real: Value) -> Result<AgreementReport> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir();
        let hand_path = dir.join(format!("agree-{}-{n}-hand.json", std::process::id()));
        let real_path = dir.join(format!("agree-{}-{n}-real.json", std::process::id()));
        std::fs::write(&hand_path, hand.to_string()).unwrap();
        std::fs::write(&real_path, real.to_string()).unwrap();
        let result = check_agreement(&hand_path, &real_path, "ex#Get");
        let _ = std::fs::remove_file(hand_path);
        let _ = std::fs::remove_file(real_path);
        result
    }

    fn error(hand: Value, real: Value) -> String {
        format!(
            "{:#}",
            check(hand, real).expect_err("models should disagree")
        )
    }

    #[test]
    fn agreeing_models_pass() {
        assert_eq!(check(hand(), real()).unwrap().shapes_checked, 7);
    }

    #[test]
    fn documentation_is_ignored() {
        let mut hand = hand();
        hand["shapes"]["ex#Name"]["traits"][DOCUMENTATION] = json!("<p>A name.</p>");
        hand["shapes"]["ex#GetInput"]["members"]["Name"]["traits"][DOCUMENTATION] =
            json!("<p>Mine.</p>");
        let mut real = real();
        real["shapes"]["ex#Get"]["traits"][DOCUMENTATION] = json!("<p>Theirs.</p>");
        assert!(check(hand, real).is_ok());
    }

    #[test]
    fn differing_trait_is_reported() {
        let mut hand = hand();
        hand["shapes"]["ex#Name"]["traits"]["smithy.api#length"]["max"] = json!(35);
        let message = error(hand, real());
        assert!(
            message.starts_with("ex#Name: trait smithy.api#length differs: hand {"),
            "{message}"
        );
        assert!(
            message.contains("35") && message.contains("36"),
            "{message}"
        );
    }

    #[test]
    fn missing_member_is_reported() {
        let mut hand = hand();
        hand["shapes"]["ex#GetInput"]["members"]
            .as_object_mut()
            .unwrap()
            .remove("Count");
        assert_eq!(
            error(hand, real()),
            "ex#GetInput$Count: member missing in hand"
        );
    }

    #[test]
    fn different_target_is_reported() {
        let mut hand = hand();
        hand["shapes"]["ex#Tags"]["member"]["target"] = json!("smithy.api#String");
        let message = error(hand, real());
        assert_eq!(
            message,
            r#"ex#Tags$member: target differs: hand "smithy.api#String" vs real "ex#Name""#
        );
    }

    #[test]
    fn extra_shape_in_real_closure_is_reported() {
        let mut real = real();
        real["shapes"]["ex#Get"]["errors"] = json!([{"target": "ex#Oops"}, {"target": "ex#Busy"}]);
        real["shapes"]["ex#Busy"] = json!({"type": "structure", "members": {}});
        let message = error(hand(), real);
        assert!(
            message.starts_with("closure of ex#Get differs: only in real [\"ex#Busy\"]"),
            "{message}"
        );
    }

    #[test]
    fn service_operations_must_be_a_subset() {
        let mut hand = hand();
        hand["shapes"]["ex#Svc"]["operations"] =
            json!([{"target": "ex#Get"}, {"target": "ex#New"}]);
        hand["shapes"]["ex#New"] = json!({"type": "operation"});
        assert_eq!(
            error(hand, real()),
            r#"ex#Svc: operations of hand not in real: ["ex#New"]"#
        );
    }
}
