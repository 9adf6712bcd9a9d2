// A small global directory service with endpoint rules, as IAM is global: one endpoint per
// partition, signed for the partition's global region whatever region the client is in. The
// endpoint tests (tests/tests/endpoints.rs, and the crate's own tests/endpoints.rs) and the
// endpoint benchmark use it; it is generated into generated/directory.
$version: "2.0"

namespace example.directory

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsJson1_0
use smithy.rules#clientContextParams
use smithy.rules#contextParam
use smithy.rules#endpointRuleSet
use smithy.rules#endpointTests
use smithy.rules#staticContextParams

/// A directory of users, one per partition.
@service(sdkId: "Directory", endpointPrefix: "directory")
@sigv4(name: "directory")
@awsJson1_0
@clientContextParams(
    UseTenantEndpoint: { type: "boolean", documentation: "Send calls that name a tenant to the tenant's own host." }
)
@endpointRuleSet({
    version: "1.0"
    parameters: {
        Region: { builtIn: "AWS::Region", required: false, documentation: "The AWS region.", type: "String" }
        UseFIPS: { builtIn: "AWS::UseFIPS", required: true, default: false, documentation: "Use the FIPS endpoint.", type: "Boolean" }
        UseDualStack: { builtIn: "AWS::UseDualStack", required: true, default: false, documentation: "Use the dual-stack endpoint.", type: "Boolean" }
        Endpoint: { builtIn: "SDK::Endpoint", required: false, documentation: "A custom endpoint.", type: "String" }
        UseTenantEndpoint: { required: true, default: false, documentation: "Send calls that name a tenant to the tenant's host.", type: "Boolean" }
        Tenant: { required: false, documentation: "The tenant a call is about.", type: "String" }
        Admin: { required: false, documentation: "Whether the call is an administrative one.", type: "Boolean" }
    }
    rules: [
        {
            conditions: [{ fn: "isSet", argv: [{ ref: "Region" }] }, { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" }]
            type: "tree"
            rules: [
                {
                    conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }]
                    type: "tree"
                    rules: [
                        {
                            conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, true] }]
                            error: "Invalid Configuration: FIPS and custom endpoint are not supported"
                            type: "error"
                        }
                        {
                            conditions: [{ fn: "parseURL", argv: [{ ref: "Endpoint" }], assign: "url" }]
                            endpoint: {
                                url: "{url#scheme}://{url#authority}{url#path}"
                                properties: {
                                    authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "{PartitionResult#implicitGlobalRegion}" }]
                                }
                            }
                            type: "endpoint"
                        }
                        { conditions: [], error: "Invalid Configuration: the custom endpoint `{Endpoint}` is not a URL", type: "error" }
                    ]
                }
                {
                    conditions: [
                        { fn: "booleanEquals", argv: [{ ref: "UseTenantEndpoint" }, true] }
                        { fn: "isSet", argv: [{ ref: "Tenant" }] }
                    ]
                    type: "tree"
                    rules: [
                        {
                            conditions: [{ fn: "isValidHostLabel", argv: [{ ref: "Tenant" }, false] }]
                            endpoint: {
                                url: "https://{Tenant}.directory.{PartitionResult#dnsSuffix}"
                                properties: {
                                    authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "{PartitionResult#implicitGlobalRegion}" }]
                                }
                                headers: { "x-directory-tenant": ["{Tenant}"] }
                            }
                            type: "endpoint"
                        }
                        { conditions: [], error: "Invalid Configuration: tenant `{Tenant}` is not a host label", type: "error" }
                    ]
                }
                {
                    conditions: [{ fn: "booleanEquals", argv: [{ ref: "Admin" }, true] }, { fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, true] }]
                    error: "Administrative calls have no FIPS endpoint"
                    type: "error"
                }
                {
                    conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, true] }]
                    type: "tree"
                    rules: [
                        {
                            conditions: [{ fn: "booleanEquals", argv: [{ fn: "getAttr", argv: [{ ref: "PartitionResult" }, "supportsFIPS"] }, true] }]
                            endpoint: {
                                url: "https://directory-fips.{PartitionResult#dnsSuffix}"
                                properties: {
                                    authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "{PartitionResult#implicitGlobalRegion}" }]
                                }
                            }
                            type: "endpoint"
                        }
                        { conditions: [], error: "FIPS is enabled but this partition does not support FIPS", type: "error" }
                    ]
                }
                {
                    conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseDualStack" }, true] }]
                    type: "tree"
                    rules: [
                        {
                            conditions: [{ fn: "booleanEquals", argv: [{ fn: "getAttr", argv: [{ ref: "PartitionResult" }, "supportsDualStack"] }, true] }]
                            endpoint: {
                                url: "https://directory.{PartitionResult#dualStackDnsSuffix}"
                                properties: {
                                    authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "{PartitionResult#implicitGlobalRegion}" }]
                                }
                            }
                            type: "endpoint"
                        }
                        { conditions: [], error: "DualStack is enabled but this partition does not support DualStack", type: "error" }
                    ]
                }
                {
                    conditions: []
                    endpoint: {
                        url: "https://directory.{PartitionResult#dnsSuffix}"
                        properties: {
                            authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "{PartitionResult#implicitGlobalRegion}" }]
                        }
                    }
                    type: "endpoint"
                }
            ]
        }
        { conditions: [], error: "Invalid Configuration: Missing Region", type: "error" }
    ]
})
@endpointTests({
    version: "1.0"
    testCases: [
        {
            documentation: "Global endpoint, signed for us-east-1 from any region of the aws partition"
            params: { Region: "eu-west-1" }
            expect: {
                endpoint: {
                    url: "https://directory.amazonaws.com"
                    properties: { authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "us-east-1" }] }
                }
            }
            operationInputs: [{ operationName: "GetUser", operationParams: { UserName: "alice" }, builtInParams: { "AWS::Region": "eu-west-1" } }]
        }
        {
            documentation: "GovCloud signs for its own global region"
            params: { Region: "us-gov-east-1", UseFIPS: true }
            expect: {
                endpoint: {
                    url: "https://directory-fips.amazonaws.com"
                    properties: { authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "us-gov-west-1" }] }
                }
            }
            operationInputs: [{ operationName: "GetUser", operationParams: { UserName: "alice" }, builtInParams: { "AWS::Region": "us-gov-east-1", "AWS::UseFIPS": true } }]
        }
        {
            documentation: "China, dual-stack"
            params: { Region: "cn-north-1", UseDualStack: true }
            expect: {
                endpoint: {
                    url: "https://directory.api.amazonwebservices.com.cn"
                    properties: { authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "cn-northwest-1" }] }
                }
            }
        }
        {
            documentation: "ISO partitions have no dual-stack"
            params: { Region: "us-iso-east-1", UseDualStack: true }
            expect: { error: "DualStack is enabled but this partition does not support DualStack" }
        }
        {
            documentation: "A custom endpoint keeps its path and the partition's signing region"
            params: { Region: "us-west-2", Endpoint: "http://localhost:8080/base" }
            expect: {
                endpoint: {
                    url: "http://localhost:8080/base"
                    properties: { authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "us-east-1" }] }
                }
            }
            operationInputs: [{ operationName: "GetUser", operationParams: { UserName: "alice" }, builtInParams: { "AWS::Region": "us-west-2", "SDK::Endpoint": "http://localhost:8080/base" } }]
        }
        {
            documentation: "A custom endpoint that is not a URL"
            params: { Region: "us-west-2", Endpoint: "localhost:8080" }
            expect: { error: "Invalid Configuration: the custom endpoint `localhost:8080` is not a URL" }
        }
        {
            documentation: "A tenant's host, when the client asks for it"
            params: { Region: "us-east-1", UseTenantEndpoint: true, Tenant: "acme" }
            expect: {
                endpoint: {
                    url: "https://acme.directory.amazonaws.com"
                    headers: { "x-directory-tenant": ["acme"] }
                    properties: { authSchemes: [{ name: "sigv4", signingName: "directory", signingRegion: "us-east-1" }] }
                }
            }
            operationInputs: [
                { operationName: "GetUser", operationParams: { UserName: "alice", Tenant: "acme" }, builtInParams: { "AWS::Region": "us-east-1" }, clientParams: { UseTenantEndpoint: true } }
            ]
        }
        {
            documentation: "A tenant that is not a host label"
            params: { Region: "us-east-1", UseTenantEndpoint: true, Tenant: "a.b" }
            expect: { error: "Invalid Configuration: tenant `a.b` is not a host label" }
        }
        {
            documentation: "Administrative calls have no FIPS endpoint"
            params: { Region: "us-east-1", UseFIPS: true, Admin: true }
            expect: { error: "Administrative calls have no FIPS endpoint" }
            operationInputs: [{ operationName: "DeleteUser", operationParams: { UserName: "alice" }, builtInParams: { "AWS::Region": "us-east-1", "AWS::UseFIPS": true } }]
        }
        {
            documentation: "No region"
            params: {}
            expect: { error: "Invalid Configuration: Missing Region" }
        }
    ]
})
service DirectoryService {
    version: "2024-06-01"
    operations: [GetUser, DeleteUser]
}

/// Reads a user.
operation GetUser {
    input := {
        /// The user's name.
        @required
        UserName: String

        /// The tenant the user belongs to.
        @contextParam(name: "Tenant")
        Tenant: String
    }

    output := {
        /// The user's name.
        UserName: String

        /// When the user was created.
        Created: Timestamp
    }
}

/// Deletes a user (an administrative call).
@staticContextParams(Admin: { value: true })
operation DeleteUser {
    input := {
        /// The user's name.
        @required
        UserName: String
    }
}
