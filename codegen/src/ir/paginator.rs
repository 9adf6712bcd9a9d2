//! Paginators, resolved against an operation's input and output.

use super::TypeRef;

/// Whether and how an operation pages.
#[derive(Debug, Clone, PartialEq)]
pub enum Pagination {
    /// Not `@paginated`.
    None,
    /// A paginator is generated.
    Paginator(Box<PaginatorDef>),
    /// `@paginated`, but no paginator is generated; the reason goes into the docs.
    Skipped(String),
}

/// A paginator: the facts the emitter needs, with Rust names and types resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct PaginatorDef {
    /// The page paginator's builder, returned by `into_paginator()` (`ListXPaginator`).
    pub name: String,
    /// The page stream, returned by its `send()` (`ListXPages`).
    pub pages: String,
    /// The input field that carries the token.
    pub input_token: FieldAccess,
    /// Where the output's token is.
    pub output_token: MemberPath,
    /// The token's type, without `Option` (the same in the input and the output).
    pub token_ty: TypeRef,
    /// Whether the token type has an empty value (`String`, blob, list, map) that ends paging.
    pub token_can_be_empty: bool,
    /// The page-size input field, if any.
    pub page_size: Option<PageSizeDef>,
    /// The items the item paginator flattens, if the trait names them.
    pub items: Option<ItemsDef>,
}

/// A field of a structure with what is needed to read or write it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldAccess {
    /// The Smithy member name, for docs.
    pub member: String,
    /// The Rust field name.
    pub field: String,
    /// Whether it is stored as `Option<T>`.
    pub optional: bool,
    /// Whether the value is a `Box<T>` (a recursive member).
    pub boxed: bool,
}

/// A path of members from an output structure down to a value (`Result.NextToken`).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberPath {
    /// The path as written in the trait, for docs.
    pub text: String,
    /// Each step, from the output structure down.
    pub steps: Vec<FieldAccess>,
}

/// The page-size input member.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSizeDef {
    /// The field.
    pub field: FieldAccess,
    /// Its type (an integer type), without `Option`.
    pub ty: TypeRef,
}

/// The items an item paginator yields.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemsDef {
    /// The item paginator's builder (`ListXPaginatorItems`).
    pub name: String,
    /// The item stream (`ListXItems`).
    pub stream: String,
    /// Where the list or map is in the output.
    pub path: MemberPath,
    /// The collection type: a [`TypeRef::List`] (items are its elements) or a [`TypeRef::Map`]
    /// (items are `(key, value)` pairs).
    pub collection: TypeRef,
}
