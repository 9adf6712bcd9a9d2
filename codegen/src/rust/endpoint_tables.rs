//! `src/config/endpoint/rules.rs`: the rule set and partition data as static tables for the
//! runtime interpreter (`rt/endpoint.rs`). Short aliases keep the tables readable.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::endpoint::{
    AttrStep, Condition, EndpointDef, EndpointRules, Expr, Function, PartitionDef,
    PartitionOutputs, Property, RegexNode, Rule,
};

/// The file's tokens.
pub(crate) fn emit_tables(rules: &EndpointRules) -> TokenStream {
    let top: Vec<_> = rules.rules.iter().map(rule).collect();
    let (partition_items, partitions) = partitions(&rules.partitions);
    let lib_use = (!rules.partitions.is_empty()).then(|| {
        quote! { use crate::rt::endpoint_lib::{Partition, PartitionOutputs as O, Re, ReClass}; }
    });
    // Only the aliases the tables use, so the file has no unused imports.
    let text = top.iter().map(ToString::to_string).collect::<String>();
    let aliases = [
        ("C ::", quote! { Cond as C }),
        ("T {", quote! { EndpointTemplate as T }),
        ("E ::", quote! { Expr as E }),
        ("F ::", quote! { Fn as F }),
        ("P ::", quote! { Prop as P }),
        ("R ::", quote! { Rule as R }),
        ("S ::", quote! { Step as S }),
    ]
    .into_iter()
    .filter(|(used, _)| text.contains(used) || *used == "R ::")
    .map(|(_, alias)| alias);
    quote! {
        //! The service's endpoint rule set, as tables the rules engine in `crate::rt::endpoint`
        //! walks. Slots `0..` are the parameters in name order, then the variables.

        use crate::rt::endpoint::{Program, #(#aliases),*};
        #lib_use

        /// The rules and what their functions need.
        pub(crate) static PROGRAM: Program = Program { rules: RULES, partitions: #partitions };

        static RULES: &[R] = &[#(#top),*];

        #partition_items
    }
}

fn rule(r: &Rule) -> TokenStream {
    match r {
        Rule::Endpoint(conds, e) => {
            let (c, e) = (conditions(conds), endpoint(e));
            quote! { R::Endpoint(#c, &#e) }
        }
        Rule::Error(conds, message) => {
            let (c, m) = (conditions(conds), expr(message));
            quote! { R::Error(#c, #m) }
        }
        Rule::Tree(conds, rules) => {
            let c = conditions(conds);
            let rules = rules.iter().map(rule);
            quote! { R::Tree(#c, &[#(#rules),*]) }
        }
    }
}

fn conditions(conds: &[Condition]) -> TokenStream {
    let items = conds.iter().map(|c| {
        let e = expr(&c.expr);
        let assign = match c.assign {
            Some(slot) => {
                let slot = Literal::usize_unsuffixed(slot);
                quote! { Some(#slot) }
            }
            None => quote! { None },
        };
        quote! { C :: new(#e, #assign) }
    });
    quote! { &[#(#items),*] }
}

fn endpoint(e: &EndpointDef) -> TokenStream {
    let url = expr(&e.url);
    let headers = e.headers.iter().map(|(name, values)| {
        let values = values.iter().map(expr);
        quote! { (#name, &[#(#values),*]) }
    });
    let props = e.properties.iter().map(|(k, p)| {
        let p = property(p);
        quote! { (#k, #p) }
    });
    quote! { T { url: #url, headers: &[#(#headers),*], properties: &[#(#props),*] } }
}

fn property(p: &Property) -> TokenStream {
    match p {
        Property::Value(e) => {
            let e = expr(e);
            quote! { P::Value(#e) }
        }
        Property::Array(items) => {
            let items = items.iter().map(property);
            quote! { P::Array(&[#(#items),*]) }
        }
        Property::Object(fields) => {
            let fields = fields.iter().map(|(k, v)| {
                let v = property(v);
                quote! { (#k, #v) }
            });
            quote! { P::Object(&[#(#fields),*]) }
        }
    }
}

fn expr(e: &Expr) -> TokenStream {
    match e {
        Expr::Lit(s) => quote! { E::Lit(#s) },
        Expr::Template(parts) => {
            let parts = parts.iter().map(expr);
            quote! { E::Template(&[#(#parts),*]) }
        }
        Expr::Bool(b) => quote! { E::Bool(#b) },
        Expr::Int(i) => {
            let i = Literal::i64_unsuffixed(*i);
            quote! { E::Int(#i) }
        }
        Expr::Array(items) => {
            let items = items.iter().map(expr);
            quote! { E::Array(&[#(#items),*]) }
        }
        Expr::Ref(slot) => {
            let slot = Literal::usize_unsuffixed(*slot);
            quote! { E::Ref(#slot) }
        }
        Expr::Attr(target, steps) => {
            let target = expr(target);
            let steps = steps.iter().map(|s| match s {
                AttrStep::Key(k) => quote! { S::Key(#k) },
                AttrStep::Index(i) => {
                    let i = Literal::i64_unsuffixed(*i);
                    quote! { S::Index(#i) }
                }
            });
            quote! { E::Attr(&#target, &[#(#steps),*]) }
        }
        Expr::Call(f, args) => {
            let f = function(*f);
            let args = args.iter().map(expr);
            quote! { E::Call(F::#f, &[#(#args),*]) }
        }
    }
}

fn function(f: Function) -> proc_macro2::Ident {
    let name = match f {
        Function::IsSet => "IsSet",
        Function::Not => "Not",
        Function::BooleanEquals => "BooleanEquals",
        Function::StringEquals => "StringEquals",
        Function::Substring => "Substring",
        Function::UriEncode => "UriEncode",
        Function::ParseUrl => "ParseUrl",
        Function::IsValidHostLabel => "IsValidHostLabel",
        Function::Coalesce => "Coalesce",
        Function::Ite => "Ite",
        Function::Split => "Split",
        Function::Partition => "Partition",
        Function::ParseArn => "ParseArn",
        Function::IsVirtualHostableS3Bucket => "IsVirtualHostableS3Bucket",
    };
    crate::naming::ident(name)
}

/// The partition statics, and the expression for `Program::partitions`.
fn partitions(list: &[PartitionDef]) -> (TokenStream, TokenStream) {
    if list.is_empty() {
        return (TokenStream::new(), quote! { &[] });
    }
    let mut items = Vec::new();
    let mut entries = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let own = crate::naming::ident(&format!("P{i}"));
        let own_outputs = outputs(&p.outputs);
        items.push(quote! { const #own: O = #own_outputs; });
        let mut overrides = 0;
        let regions = p.regions.iter().map(|(name, o)| {
            if *o == p.outputs {
                quote! { (#name, &#own) }
            } else {
                overrides += 1;
                let o = outputs(o);
                quote! { (#name, &#o) }
            }
        });
        let regions: Vec<_> = regions.collect();
        let regex = p.region_regex.iter().map(regex);
        let id = &p.id;
        entries.push(quote! {
            Partition { id: #id, outputs: #own, regions: &[#(#regions),*], region_regex: &[#(#regex),*] }
        });
    }
    let items = quote! {
        static PARTITIONS: &[Partition] = &[#(#entries),*];
        #(#items)*
    };
    (items, quote! { PARTITIONS })
}

fn outputs(o: &PartitionOutputs) -> TokenStream {
    let PartitionOutputs {
        name,
        dns_suffix,
        dual_stack_dns_suffix,
        supports_fips,
        supports_dual_stack,
        implicit_global_region,
    } = o;
    quote! {
        O {
            name: #name,
            dns_suffix: #dns_suffix,
            dual_stack_dns_suffix: #dual_stack_dns_suffix,
            supports_fips: #supports_fips,
            supports_dual_stack: #supports_dual_stack,
            implicit_global_region: #implicit_global_region,
        }
    }
}

fn regex(n: &RegexNode) -> TokenStream {
    match n {
        RegexNode::Start => quote! { Re::Start },
        RegexNode::End => quote! { Re::End },
        RegexNode::Lit(s) => quote! { Re::Lit(#s) },
        RegexNode::Word => quote! { Re::Class(ReClass::Word) },
        RegexNode::Digit => quote! { Re::Class(ReClass::Digit) },
        RegexNode::Any => quote! { Re::Class(ReClass::Any) },
        RegexNode::Set(ranges, negated) => {
            let ranges = ranges.iter().map(|(lo, hi)| {
                let (lo, hi) = (Literal::u8_unsuffixed(*lo), Literal::u8_unsuffixed(*hi));
                quote! { (#lo, #hi) }
            });
            quote! { Re::Class(ReClass::Set { ranges: &[#(#ranges),*], negated: #negated }) }
        }
        RegexNode::Alt(branches) => {
            let branches = branches.iter().map(|b| {
                let nodes = b.iter().map(regex);
                quote! { &[#(#nodes),*] }
            });
            quote! { Re::Alt(&[#(#branches),*]) }
        }
        RegexNode::Repeat(node, min, max) => {
            let node = regex(node);
            let min = Literal::u32_unsuffixed(*min);
            let max = if *max == u32::MAX {
                quote! { u32::MAX }
            } else {
                let m = Literal::u32_unsuffixed(*max);
                quote! { #m }
            };
            quote! { Re::Repeat(&#node, #min, #max) }
        }
    }
}
