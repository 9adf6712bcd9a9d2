//! `src/config/endpoint/rules.rs`: the rule set and partition data as static tables for the
//! runtime interpreter (`rt/endpoint.rs`). Short aliases keep the tables readable.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::naming::{self, ident};

use crate::ir::endpoint::{
    AttrStep, Condition, EndpointDef, EndpointRules, Expr, Function, PartitionDef,
    PartitionOutputs, Property, RegexNode, Rule,
};

/// Conditions and endpoints each written once, as constants the rules name: real rule sets
/// repeat them (S3's 526 conditions are 95 distinct ones).
#[derive(Default)]
struct Shared {
    /// Token text → constant index, and the constants' definitions, in first-use order.
    conditions: BTreeMap<String, usize>,
    condition_defs: Vec<TokenStream>,
    endpoints: BTreeMap<String, usize>,
    endpoint_defs: Vec<TokenStream>,
}

impl Shared {
    fn condition(&mut self, c: &Condition) -> TokenStream {
        let e = expr(&c.expr);
        let assign = match c.assign {
            Some(slot) => {
                let slot = Literal::usize_unsuffixed(slot);
                quote! { Some(#slot) }
            }
            None => quote! { None },
        };
        let def = quote! { C::new(#e, #assign) };
        let next = self.conditions.len();
        let i = *self.conditions.entry(def.to_string()).or_insert(next);
        let name = ident(&naming::numbered("C", i));
        if i == next {
            self.condition_defs.push(quote! { const #name: C = #def; });
        }
        quote! { #name }
    }

    fn endpoint(&mut self, e: &EndpointDef) -> TokenStream {
        let def = endpoint(e);
        let next = self.endpoints.len();
        let i = *self.endpoints.entry(def.to_string()).or_insert(next);
        let name = ident(&naming::numbered("EP", i));
        if i == next {
            self.endpoint_defs.push(quote! { static #name: T = #def; });
        }
        quote! { &#name }
    }

    fn rule(&mut self, r: &Rule) -> TokenStream {
        match r {
            Rule::Endpoint(conds, e) => {
                let c = self.conditions(conds);
                let e = self.endpoint(e);
                quote! { R::Endpoint(#c, #e) }
            }
            Rule::Error(conds, message) => {
                let c = self.conditions(conds);
                let m = expr(message);
                quote! { R::Error(#c, #m) }
            }
            Rule::Tree(conds, rules) => {
                let c = self.conditions(conds);
                let rules: Vec<_> = rules.iter().map(|r| self.rule(r)).collect();
                quote! { R::Tree(#c, &[#(#rules),*]) }
            }
        }
    }

    fn conditions(&mut self, conds: &[Condition]) -> TokenStream {
        let items: Vec<_> = conds.iter().map(|c| self.condition(c)).collect();
        quote! { &[#(#items),*] }
    }
}

/// The file's tokens.
pub(crate) fn emit_tables(rules: &EndpointRules) -> TokenStream {
    let mut shared = Shared::default();
    let top: Vec<_> = rules.rules.iter().map(|r| shared.rule(r)).collect();
    let (partition_items, partitions) = partitions(&rules.partitions);
    let lib_use = if rules.partitions.is_empty() {
        quote! { use crate::rt::endpoint_lib::Partitions; }
    } else {
        quote! { use crate::rt::endpoint_lib::{Partition, PartitionOutputs as O, Partitions, Re, ReClass}; }
    };
    let (conditions, endpoints) = (&shared.condition_defs, &shared.endpoint_defs);
    // Only the aliases the tables use, so the file has no unused imports.
    let text: String = top
        .iter()
        .chain(conditions)
        .chain(endpoints)
        .map(ToString::to_string)
        .collect();
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
        //! The service's endpoint rule set, as tables the rules engine in `crate::rt::endpoint_eval`
        //! walks. Slots `0..` are the parameters in name order, then the variables; `C…` are
        //! its distinct conditions and `EP…` its distinct endpoints.

        use crate::rt::endpoint_eval::{Program, #(#aliases),*};
        #lib_use

        /// The rules and what their functions need.
        pub(crate) static PROGRAM: Program = Program { rules: RULES, partitions: #partitions };

        static RULES: &[R] = &[#(#top),*];

        #(#conditions)*
        #(#endpoints)*
        #partition_items
    }
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
    ident(name)
}

/// The partition constants, and the expression for `Program::partitions`: every region of
/// every partition in one sorted table (the first partition that lists a region wins), then
/// the partitions with their patterns.
fn partitions(list: &[PartitionDef]) -> (TokenStream, TokenStream) {
    let empty = quote! { Partitions { regions: &[], partitions: &[] } };
    if list.is_empty() {
        return (TokenStream::new(), empty);
    }
    let mut items = Vec::new();
    let mut entries = Vec::new();
    let mut regions: Vec<(&str, TokenStream)> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let own = ident(&naming::numbered("P", i));
        let own_outputs = outputs(&p.outputs);
        items.push(quote! { const #own: O = #own_outputs; });
        for (name, o) in &p.regions {
            if regions.iter().any(|(n, _)| n == name) {
                continue;
            }
            let value = if *o == p.outputs {
                quote! { &#own }
            } else {
                let o = outputs(o);
                quote! { &#o }
            };
            regions.push((name, value));
        }
        let regex = p.region_regex.iter().map(regex);
        let id = &p.id;
        entries.push(quote! {
            Partition { id: #id, outputs: #own, region_regex: &[#(#regex),*] }
        });
    }
    regions.sort_by(|a, b| a.0.cmp(b.0));
    let regions = regions
        .iter()
        .map(|(name, value)| quote! { (#name, #value) });
    let items = quote! {
        const PARTITIONS: Partitions = Partitions {
            regions: &[#(#regions),*],
            partitions: &[#(#entries),*],
        };
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
