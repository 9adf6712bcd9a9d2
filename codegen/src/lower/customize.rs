//! Service customizations: behaviour that AWS services require but their models do not state,
//! which every AWS SDK applies by service (and the protocol compliance suites check). Keyed by
//! the `aws.api#service` sdkId, so a renamed shape or namespace still matches.

/// What a service needs beyond its model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Customizations {
    /// Headers every request carries.
    pub headers: Vec<(String, String)>,
    /// `@httpLabel` members named `accountId` default to `-` (the caller's own account), which
    /// is also sent for an empty value.
    pub account_id_dash: bool,
    /// Operations with an `@httpPayload` send the payload's SHA-256 and tree hash.
    pub glacier_checksums: bool,
    /// An operation sent to the URL one of its input members holds: (operation, member).
    pub endpoint_member: Option<(&'static str, &'static str)>,
    /// The `@httpLabel` member that starts every URI but that the endpoint rules put in the
    /// endpoint (S3's `Bucket`: virtual-hosted or path-style, the rules decide); with a rule
    /// set it is taken out of the request path.
    pub label_in_endpoint: Option<&'static str>,
}

/// The customizations of the service with this sdkId and API version.
pub(crate) fn for_service(sdk_id: &str, version: Option<&str>) -> Customizations {
    match sdk_id {
        // API Gateway answers in JSON only when asked to.
        "API Gateway" => Customizations {
            headers: vec![("Accept".into(), "application/json".into())],
            ..Customizations::default()
        },
        // Glacier checks the API version header on every call.
        "Glacier" => Customizations {
            headers: version
                .map(|v| vec![("X-Amz-Glacier-Version".into(), v.to_string())])
                .unwrap_or_default(),
            account_id_dash: true,
            glacier_checksums: true,
            ..Customizations::default()
        },
        // S3's endpoint rules address the bucket (bucket.s3… or s3…/bucket, access points,
        // Outposts, Express), so the URI's leading `{Bucket}` is not sent again.
        "S3" => Customizations {
            label_in_endpoint: Some("Bucket"),
            ..Customizations::default()
        },
        // Predict goes to the endpoint the model was deployed to, which the caller passes.
        "Machine Learning" => Customizations {
            endpoint_member: Some(("Predict", "PredictEndpoint")),
            ..Customizations::default()
        },
        _ => Customizations::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_named_services_are_customized() {
        assert_eq!(
            for_service("GameSparks", Some("2021-08-17")),
            Customizations::default()
        );
        let glacier = for_service("Glacier", Some("2012-06-01"));
        assert_eq!(
            glacier.headers,
            [(
                "X-Amz-Glacier-Version".to_string(),
                "2012-06-01".to_string()
            )]
        );
        assert!(glacier.account_id_dash && glacier.glacier_checksums);
        let apigw = for_service("API Gateway", None);
        assert_eq!(apigw.headers[0].0, "Accept");
        assert!(!apigw.account_id_dash);
        assert_eq!(for_service("S3", None).label_in_endpoint, Some("Bucket"));
    }
}
