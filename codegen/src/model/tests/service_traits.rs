//! `aws.api#service` and `aws.auth#sigv4`: well-formed values are read, malformed ones are
//! errors naming the shape and the trait.

use serde_json::{Value, json};

use super::*;
use crate::model::{ShapeId, Traits};

fn traits(pairs: &[(&str, Value)]) -> (ShapeId, Traits) {
    let id = ShapeId::parse("ex#Svc").unwrap();
    let traits = pairs
        .iter()
        .map(|(k, v)| (ShapeId::parse(k).unwrap(), v.clone()))
        .collect();
    (id, traits)
}

#[test]
fn well_formed_values_are_read() {
    let (id, t) = traits(&[
        (
            ids::AWS_SERVICE,
            json!({"sdkId": "Game Sparks", "endpointPrefix": "gamesparks", "arnNamespace": "x"}),
        ),
        (ids::SIGV4, json!({"name": "gs"})),
    ]);
    let view = TraitView::new(&id, &t);
    assert_eq!(
        view.aws_service().unwrap(),
        Some(AwsServiceTrait {
            sdk_id: Some("Game Sparks".into()),
            endpoint_prefix: Some("gamesparks".into()),
        })
    );
    assert_eq!(view.sigv4_name().unwrap(), Some("gs"));
}

#[test]
fn absent_traits_and_fields_are_none() {
    let (id, t) = traits(&[]);
    let view = TraitView::new(&id, &t);
    assert_eq!(view.aws_service().unwrap(), None);
    assert_eq!(view.sigv4_name().unwrap(), None);
    let (id, t) = traits(&[(ids::AWS_SERVICE, json!({}))]);
    assert_eq!(
        TraitView::new(&id, &t).aws_service().unwrap(),
        Some(AwsServiceTrait::default())
    );
}

#[test]
fn bad_sdk_ids_name_the_shape() {
    for (bad, found) in [
        (json!(42), "found a number"),
        (json!(""), "found an empty string"),
        (json!(["A"]), "found an array"),
        (json!(null), "found null"),
    ] {
        let (id, t) = traits(&[(ids::AWS_SERVICE, json!({ "sdkId": bad }))]);
        let err = TraitView::new(&id, &t)
            .aws_service()
            .unwrap_err()
            .to_string();
        for needle in ["ex#Svc", "aws.api#service", "`sdkId`", found] {
            assert!(err.contains(needle), "{bad}: `{err}` lacks `{needle}`");
        }
    }
    let (id, t) = traits(&[(ids::AWS_SERVICE, json!({"endpointPrefix": 7}))]);
    let err = TraitView::new(&id, &t)
        .aws_service()
        .unwrap_err()
        .to_string();
    assert!(err.contains("`endpointPrefix`"), "{err}");
    let (id, t) = traits(&[(ids::AWS_SERVICE, json!("Svc"))]);
    assert!(TraitView::new(&id, &t).aws_service().is_err());
}

#[test]
fn bad_sigv4_names_are_errors() {
    for (bad, needle) in [
        (json!({"name": 3}), "found a number"),
        (json!({"name": ""}), "found an empty string"),
        (json!({}), "`name` is required"),
        (json!("gs"), "expected an object"),
    ] {
        let (id, t) = traits(&[(ids::SIGV4, bad.clone())]);
        let err = TraitView::new(&id, &t)
            .sigv4_name()
            .unwrap_err()
            .to_string();
        for needle in ["ex#Svc", "aws.auth#sigv4", needle] {
            assert!(err.contains(needle), "{bad}: `{err}` lacks `{needle}`");
        }
    }
}
