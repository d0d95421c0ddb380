//! The LALRPOP-generated parser for `grammar/python.lalrpop`, which `build.rs` writes
//! into `OUT_DIR`. Generated code is exempt from the crate's lints.

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, clippy::nursery, unused, missing_docs, unreachable_pub)]
    pub(crate) python
);

pub(crate) use python::TopParser;
