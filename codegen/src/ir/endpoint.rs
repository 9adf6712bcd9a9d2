//! The endpoint rules of a crate, ready to emit: parameters with their Rust names and sources,
//! rules whose references are slots, partition data, and the model's endpoint tests.

use super::{FieldAccess, NamedRef, TypeRef};

/// A service's endpoint rule set and what feeds it.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointRules {
    /// Parameters, in rule-set name order; parameter `i` is slot `i`.
    pub params: Vec<EndpointParam>,
    /// Slots in all: the parameters, then the variables conditions assign.
    pub slots: usize,
    /// The top-level rules.
    pub rules: Vec<Rule>,
    /// Partition data, when the rules call `aws.partition`.
    pub partitions: Vec<PartitionDef>,
    /// Client settings that feed parameters and are not among the config's own (region, FIPS,
    /// dual-stack, endpoint URL), sorted by field.
    pub settings: Vec<EndpointSetting>,
    /// The model's endpoint tests.
    pub tests: Vec<EndpointTestDef>,
}

/// The type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `Vec<String>`.
    StringArray,
}

/// A parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    StringArray(Vec<String>),
}

/// A rule-set parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointParam {
    /// The rule-set name (`UseFIPS`): test JSON keys and messages.
    pub name: String,
    /// The field and setter of `Params` (`use_fips`).
    pub field: String,
    /// The `set_` setter of the builder.
    pub option_setter: String,
    /// Its type.
    pub ty: ParamType,
    /// The value when nothing sets it.
    pub default: Option<ParamValue>,
    /// `build()` fails without a value (after the default).
    pub required: bool,
    /// Markdown docs.
    pub docs: Option<String>,
    /// The deprecation note.
    pub deprecated: Option<String>,
    /// Where a client's configuration gives it a value.
    pub source: Option<ConfigSource>,
}

/// A client configuration value that feeds a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// `AWS::Region`.
    Region,
    /// `AWS::UseFIPS`.
    UseFips,
    /// `AWS::UseDualStack`.
    UseDualStack,
    /// `SDK::Endpoint`.
    EndpointUrl,
    /// A field of the crate's endpoint settings (another built-in or a client context
    /// parameter).
    Setting(String),
}

/// A client setting beyond the config's own: a field of the endpoint settings and a
/// `ConfigBuilder` setter of the same name.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointSetting {
    /// The field and setter name.
    pub field: String,
    /// `String` or `bool`.
    pub ty: ParamType,
    /// Markdown docs.
    pub docs: String,
}

/// How an operation gives a parameter a value, most specific first when several do.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamBinding {
    /// The parameter's index (and slot).
    pub param: usize,
    /// Where the value comes from.
    pub value: BindingValue,
}

/// The value of a [`ParamBinding`].
#[derive(Debug, Clone, PartialEq)]
pub enum BindingValue {
    /// `@staticContextParams`.
    Static(ParamValue),
    /// `@contextParam` on an input member of this type (a string, boolean or list of strings,
    /// or an enum, whose string is used).
    Field {
        /// The member.
        access: FieldAccess,
        /// Its type.
        ty: TypeRef,
        /// `@required`: an unset, empty or blank value fails the call (the spec's rule).
        required: bool,
    },
    /// `@operationContextParams`.
    Path(Vec<PathStep>),
}

/// A step of a typed `@operationContextParams` path through the input. The steps before the
/// first projection reach one value (or none); from a projection on, every value found is
/// collected, and missing ones are skipped.
#[derive(Debug, Clone, PartialEq)]
pub enum PathStep {
    /// Into a structure member of this type.
    Field(FieldAccess, TypeRef),
    /// Into a union's variant, when it is the one set.
    Variant {
        /// The union.
        union: NamedRef,
        /// The variant's Rust name.
        variant: String,
        /// The variant's type.
        ty: TypeRef,
    },
    /// Each element of the list reached so far (`[*]`, and `[]` on a list).
    Each,
    /// Each value of the map reached so far.
    Values,
    /// The keys of the map reached so far, sorted.
    Keys,
    /// Each path from the value reached so far (`[a, b]`); only `[]` may follow.
    MultiSelect(Vec<Vec<PathStep>>),
}

/// A rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// An endpoint.
    Endpoint(Vec<Condition>, EndpointDef),
    /// An error with this message.
    Error(Vec<Condition>, Expr),
    /// Nested rules.
    Tree(Vec<Condition>, Vec<Rule>),
}

/// A condition, with the slot it assigns.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The expression.
    pub expr: Expr,
    /// The slot of the variable it assigns.
    pub assign: Option<usize>,
}

/// An endpoint rule's endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointDef {
    /// The URL.
    pub url: Expr,
    /// Headers and their values.
    pub headers: Vec<(String, Vec<Expr>)>,
    /// Properties.
    pub properties: Vec<(String, Property)>,
}

/// An endpoint property.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    /// A value.
    Value(Expr),
    /// A list.
    Array(Vec<Property>),
    /// An object.
    Object(Vec<(String, Property)>),
}

/// An expression whose names are slots and whose functions are known.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string without placeholders.
    Lit(String),
    /// Parts whose strings are concatenated.
    Template(Vec<Expr>),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A list.
    Array(Vec<Expr>),
    /// A slot.
    Ref(usize),
    /// A path into a value.
    Attr(Box<Expr>, Vec<AttrStep>),
    /// A function call.
    Call(Function, Vec<Expr>),
}

/// A `getAttr` step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttrStep {
    /// A key.
    Key(String),
    /// An index, from the end when negative.
    Index(i64),
}

/// The rules engine's functions (`getAttr` is [`Expr::Attr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Coalesce,
    Ite,
    Split,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

/// A partition, with its regions' outputs and its region pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionDef {
    /// `aws`, `aws-cn`, ...
    pub id: String,
    /// The partition's outputs.
    pub outputs: PartitionOutputs,
    /// Known regions, sorted, with their outputs (the partition's, or overridden).
    pub regions: Vec<(String, PartitionOutputs)>,
    /// The parsed `regionRegex`.
    pub region_regex: Vec<RegexNode>,
}

/// What `aws.partition` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct PartitionOutputs {
    pub name: String,
    pub dns_suffix: String,
    pub dual_stack_dns_suffix: String,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: String,
}

/// A node of a region pattern (see the runtime's `Re`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegexNode {
    /// `^`.
    Start,
    /// `$`.
    End,
    /// Literal text.
    Lit(String),
    /// `\w`.
    Word,
    /// `\d`.
    Digit,
    /// `.`.
    Any,
    /// `[…]`: byte ranges, negated or not.
    Set(Vec<(u8, u8)>, bool),
    /// Alternatives.
    Alt(Vec<Vec<RegexNode>>),
    /// Repetition `min..=max` (`u32::MAX` for no bound).
    Repeat(Box<RegexNode>, u32, u32),
}

/// An endpoint test, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTestDef {
    /// The test function's name.
    pub name: String,
    /// Its description.
    pub docs: Option<String>,
    /// The `params` object as JSON text.
    pub params_json: String,
    /// The operation calls that must give the same result.
    pub operations: Vec<OperationCase>,
    /// The expected result.
    pub expect: Expected,
}

/// What a test expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// An error with this message.
    Error(String),
    /// An endpoint in the JSON shape `Endpoint` serializes to, as text.
    Endpoint(String),
}

/// One operation call of an endpoint test.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationCase {
    /// The name of the generated test of this call.
    pub test_fn: String,
    /// The operation's module.
    pub module: String,
    /// The input's type name.
    pub input: String,
    /// The input's members as JSON text (its serde form).
    pub input_json: String,
    /// For an input without a serde form (it holds a stream): builder setters and their
    /// values instead.
    pub input_setters: Option<Vec<(String, crate::ir::TypeRef, serde_json::Value)>>,
    /// Config builder calls: setter and value.
    pub config: Vec<(ConfigSource, ParamValue)>,
    /// Why the case cannot run, if it cannot (an input member that cannot be set).
    pub skip: Option<String>,
}
