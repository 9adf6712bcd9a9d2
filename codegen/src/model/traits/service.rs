//! The AWS service traits: `aws.api#service` and `aws.auth#sigv4`.

use serde_json::Value;

use super::{TraitView, ids, kind};
use crate::error::Result;

/// The parts of `aws.api#service` the generator reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AwsServiceTrait {
    /// `sdkId`: the service's name in SDKs (non-empty).
    pub sdk_id: Option<String>,
    /// `endpointPrefix` (non-empty).
    pub endpoint_prefix: Option<String>,
}

impl<'a> TraitView<'a> {
    /// `aws.api#service` on a service. `sdkId` and `endpointPrefix`, when given, must be
    /// non-empty strings: a service named by a number or by nothing is a model error.
    pub fn aws_service(&self) -> Result<Option<AwsServiceTrait>> {
        let Some(o) = self.object(ids::AWS_SERVICE)? else {
            return Ok(None);
        };
        let text = |key: &str| -> Result<Option<String>> {
            match o.get(key) {
                None => Ok(None),
                Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
                Some(Value::String(_)) => Err(self.invalid(
                    ids::AWS_SERVICE,
                    format!("`{key}` must be a non-empty string, found an empty string"),
                )),
                Some(other) => Err(self.invalid(
                    ids::AWS_SERVICE,
                    format!("`{key}` must be a non-empty string, found {}", kind(other)),
                )),
            }
        };
        Ok(Some(AwsServiceTrait {
            sdk_id: text("sdkId")?,
            endpoint_prefix: text("endpointPrefix")?,
        }))
    }

    /// `aws.auth#sigv4` on a service: the signing name, which the trait requires.
    pub fn sigv4_name(&self) -> Result<Option<&'a str>> {
        let Some(o) = self.object(ids::SIGV4)? else {
            return Ok(None);
        };
        match o.get("name") {
            Some(Value::String(s)) if !s.is_empty() => Ok(Some(s)),
            Some(Value::String(_)) => Err(self.invalid(
                ids::SIGV4,
                "`name` must be a non-empty string, found an empty string",
            )),
            Some(other) => Err(self.invalid(
                ids::SIGV4,
                format!("`name` must be a non-empty string, found {}", kind(other)),
            )),
            None => Err(self.invalid(ids::SIGV4, "`name` is required")),
        }
    }
}

#[cfg(test)]
#[path = "../tests/service_traits.rs"]
mod tests;
