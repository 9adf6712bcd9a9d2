$version: "1.0"
namespace a.b
@box integer I
set S { member: I }
structure T { @required a: I }
