// A small compute service that speaks ec2Query: the service of the ec2Query loopback tests
// (tests/tests/loopback.rs), generated into generated/compute.
$version: "2.0"

namespace example.compute

use aws.api#service
use aws.auth#sigv4
use aws.protocols#ec2Query
use aws.protocols#ec2QueryName

/// Starts and describes instances.
@service(sdkId: "Compute", endpointPrefix: "compute")
@sigv4(name: "compute")
@ec2Query
@xmlNamespace(uri: "https://compute.example/doc/2024-01-01/")
service ComputeService {
    version: "2024-01-01"
    operations: [StartInstances]
}

/// Starts instances.
operation StartInstances {
    input := {
        /// The instances to start.
        @required
        @ec2QueryName("InstanceId")
        InstanceIds: InstanceIdList

        /// Check permissions without starting anything.
        DryRun: Boolean
    }

    output := {
        /// The instances whose state changed.
        @xmlName("instancesSet")
        StartingInstances: InstanceStateChangeList
    }
}

list InstanceIdList {
    member: String
}

list InstanceStateChangeList {
    @xmlName("item")
    member: InstanceStateChange
}

/// An instance's state before and after.
structure InstanceStateChange {
    @xmlName("instanceId")
    InstanceId: String

    @xmlName("currentState")
    CurrentState: String

    @xmlName("previousState")
    PreviousState: String
}
