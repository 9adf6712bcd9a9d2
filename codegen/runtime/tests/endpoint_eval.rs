//! The interpreter on small hand-written rule sets, as the generator would emit them.

use super::*;
use lib::{Partition, PartitionOutputs, Partitions, Re, ReClass};

const AWS: PartitionOutputs = PartitionOutputs {
    name: "aws",
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
    supports_fips: true,
    supports_dual_stack: true,
    implicit_global_region: "us-east-1",
};
const PARTITIONS: Partitions = Partitions {
    regions: &[("us-east-1", &AWS)],
    partitions: &[Partition {
        id: "aws",
        outputs: AWS,
        region_regex: &[
            Re::Start,
            Re::Lit("us-"),
            Re::Repeat(&Re::Class(ReClass::Word), 1, u32::MAX),
            Re::End,
        ],
    }],
};

// Slots: 0 Region, 1 UseFIPS, 2 Endpoint, 3 PartitionResult, 4 url.
const REGION: Expr = Expr::Ref(0);
const FIPS: Expr = Expr::Ref(1);
const PR: Expr = Expr::Ref(3);

static RULES: &[Rule] = &[
    Rule::Tree(
        &[
            Cond {
                expr: Expr::Call(Fn::IsSet, &[Expr::Ref(2)]),
                assign: None,
            },
            Cond {
                expr: Expr::Call(Fn::ParseUrl, &[Expr::Ref(2)]),
                assign: Some(4),
            },
        ],
        &[
            Rule::Error(
                &[Cond {
                    expr: Expr::Call(Fn::BooleanEquals, &[FIPS, Expr::Bool(true)]),
                    assign: None,
                }],
                Expr::Lit("Invalid Configuration: FIPS and custom endpoint are not supported"),
            ),
            Rule::Endpoint(
                &[],
                &EndpointTemplate {
                    url: Expr::Template(&[
                        Expr::Attr(&Expr::Ref(4), &[Step::Key("scheme")]),
                        Expr::Lit("://"),
                        Expr::Attr(&Expr::Ref(4), &[Step::Key("authority")]),
                        Expr::Attr(&Expr::Ref(4), &[Step::Key("path")]),
                    ]),
                    headers: &[(
                        "x-custom",
                        &[Expr::Lit("a"), Expr::Template(&[Expr::Ref(0)])],
                    )],
                    properties: &[],
                },
            ),
        ],
    ),
    Rule::Tree(
        &[
            Cond {
                expr: Expr::Call(Fn::IsSet, &[REGION]),
                assign: None,
            },
            Cond {
                expr: Expr::Call(Fn::Partition, &[REGION]),
                assign: Some(3),
            },
        ],
        &[
            Rule::Endpoint(
                &[
                    Cond {
                        expr: Expr::Call(Fn::BooleanEquals, &[FIPS, Expr::Bool(true)]),
                        assign: None,
                    },
                    Cond {
                        expr: Expr::Call(
                            Fn::BooleanEquals,
                            &[
                                Expr::Attr(&PR, &[Step::Key("supportsFIPS")]),
                                Expr::Bool(true),
                            ],
                        ),
                        assign: None,
                    },
                ],
                &EndpointTemplate {
                    url: Expr::Template(&[
                        Expr::Lit("https://svc-fips."),
                        REGION,
                        Expr::Lit("."),
                        Expr::Attr(&PR, &[Step::Key("dnsSuffix")]),
                    ]),
                    headers: &[],
                    properties: &[(
                        "authSchemes",
                        Prop::Array(&[Prop::Object(&[
                            ("name", Prop::Value(Expr::Lit("sigv4"))),
                            ("signingRegion", Prop::Value(Expr::Template(&[REGION]))),
                            ("disableDoubleEncoding", Prop::Value(Expr::Bool(true))),
                        ])]),
                    )],
                },
            ),
            Rule::Endpoint(
                &[],
                &EndpointTemplate {
                    url: Expr::Template(&[
                        Expr::Lit("https://svc."),
                        REGION,
                        Expr::Lit("."),
                        Expr::Attr(&PR, &[Step::Key("dnsSuffix")]),
                    ]),
                    headers: &[],
                    properties: &[],
                },
            ),
        ],
    ),
    Rule::Error(&[], Expr::Lit("Invalid Configuration: Missing Region")),
];

static PROGRAM: Program = Program {
    rules: RULES,
    partitions: PARTITIONS,
};

fn run(
    region: Option<&str>,
    fips: bool,
    endpoint: Option<&str>,
) -> Result<serde_json::Value, String> {
    let mut slots = [
        Value::str(region),
        Value::Bool(fips),
        Value::str(endpoint),
        Value::None,
        Value::None,
    ];
    resolve(&PROGRAM, &mut slots)
        .map(|e| serde_json::to_value(&e).unwrap())
        .map_err(|e| e.to_string())
}

#[test]
fn resolves_regions_fips_and_custom_endpoints() {
    assert_eq!(
        run(Some("us-east-1"), false, None),
        Ok(serde_json::json!({"url": "https://svc.us-east-1.amazonaws.com"}))
    );
    assert_eq!(
        run(Some("us-west-2"), true, None),
        Ok(serde_json::json!({
            "url": "https://svc-fips.us-west-2.amazonaws.com",
            "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "us-west-2", "disableDoubleEncoding": true}]}
        }))
    );
    assert_eq!(
        run(Some("eu-west-1"), false, Some("http://localhost:8080/base")),
        Ok(serde_json::json!({
            "url": "http://localhost:8080/base",
            "headers": {"x-custom": ["a", "eu-west-1"]}
        }))
    );
    assert_eq!(
        run(None, false, None),
        Err("Invalid Configuration: Missing Region".to_string())
    );
    assert_eq!(
        run(None, true, Some("https://x.com")),
        Err("Invalid Configuration: FIPS and custom endpoint are not supported".to_string())
    );
    // An endpoint that does not parse skips the first tree.
    assert_eq!(
        run(Some("us-east-1"), false, Some("not a url")),
        Ok(serde_json::json!({"url": "https://svc.us-east-1.amazonaws.com"}))
    );
}

#[test]
fn functions_on_values() {
    let list = ["a".to_string(), "b".to_string()];
    let slots = [
        Value::Str("arn:aws:s3:us-west-2:123:accesspoint/ap"),
        Value::strings(Some(&list)),
        Value::None,
    ];
    let e = |expr: &Expr| eval(&PROGRAM, expr, &slots);
    let s = |v: Value<'_>| v.as_str().map(str::to_string);
    let arn = Expr::Call(Fn::ParseArn, &[Expr::Ref(0)]);
    static ARN: Expr = Expr::Call(Fn::ParseArn, &[Expr::Ref(0)]);
    assert!(matches!(e(&arn), Value::Arn(_)));
    assert_eq!(
        s(e(&Expr::Attr(
            &ARN,
            &[Step::Key("resourceId"), Step::Index(1)]
        ))),
        Some("ap".into())
    );
    assert_eq!(
        s(e(&Expr::Attr(
            &ARN,
            &[Step::Key("resourceId"), Step::Index(-2)]
        ))),
        Some("accesspoint".into())
    );
    assert!(
        !e(&Expr::Attr(
            &ARN,
            &[Step::Key("resourceId"), Step::Index(2)]
        ))
        .is_set()
    );
    assert_eq!(
        s(e(&Expr::Attr(&Expr::Ref(1), &[Step::Index(0)]))),
        Some("a".into())
    );
    assert_eq!(
        s(e(&Expr::Call(
            Fn::Coalesce,
            &[Expr::Ref(2), Expr::Lit("d")]
        ))),
        Some("d".into())
    );
    assert_eq!(
        s(e(&Expr::Call(
            Fn::Ite,
            &[Expr::Bool(false), Expr::Lit("x"), Expr::Lit("y")]
        ))),
        Some("y".into())
    );
    assert_eq!(
        s(e(&Expr::Call(
            Fn::Substring,
            &[Expr::Ref(0), Expr::Int(0), Expr::Int(3), Expr::Bool(false)]
        ))),
        Some("arn".into())
    );
    assert_eq!(
        s(e(&Expr::Call(Fn::UriEncode, &[Expr::Lit("a/b")]))),
        Some("a%2Fb".into())
    );
    let split = e(&Expr::Call(
        Fn::Split,
        &[Expr::Lit("a--b"), Expr::Lit("--"), Expr::Int(0)],
    ));
    assert!(matches!(&split, Value::Array(items) if items.len() == 2));
    // Wrong kinds are unset or false, never a panic.
    assert!(!e(&Expr::Call(Fn::Not, &[Expr::Lit("x")])).is_set());
    assert!(matches!(
        e(&Expr::Call(
            Fn::StringEquals,
            &[Expr::Bool(true), Expr::Lit("x")]
        )),
        Value::Bool(false)
    ));
    assert!(!e(&Expr::Attr(&Expr::Ref(0), &[Step::Key("x")])).is_set());
    assert!(!e(&Expr::Ref(99)).is_set());
    assert!(!e(&Expr::Template(&[Expr::Lit("a"), Expr::Ref(2)])).is_set());
}

#[test]
fn no_rule_matches() {
    let none: &[Rule] = &[];
    let empty = Program {
        rules: none,
        partitions: Partitions {
            regions: &[],
            partitions: &[],
        },
    };
    assert!(resolve(&empty, &mut []).is_err());
}
