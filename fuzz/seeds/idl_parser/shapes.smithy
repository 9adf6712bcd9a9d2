$version: "2.0"
$operationInputSuffix: "Request"
metadata tags = ["a", {b: 1.5e3, c: null, d: true}]
namespace ex.ample
use smithy.api#String

/// Docs.
@mixin
structure Base {
    @required id: String = "x"
}

structure S for R with [Base] { $id, @length(min: 1) name: String }

resource R { identifiers: { id: String }, properties: { name: String }, read: Op }

@readonly
operation Op {
    input := @sensitive with [Base] {
        other: Integer = 0
    }
    output := {}
    errors: [E]
}

@error("client") structure E { message: String }
enum En {
    A = "a"
    B
}
intEnum Ie {
    ONE = 1
}
list L { member: S }
map M { key: String, value: L }
service Svc { version: "1", operations: [Op], resources: [R], rename: {"ex.ample#S": "T"} }
apply S$name @documentation("""
    Text \u00e9 \uD83D\uDE00
      block
    """)
apply En { @deprecated @tags(["x"]) }
