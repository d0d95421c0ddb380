//! Build script: compiles the LALRPOP grammar at `<repo>/grammar/python.lalrpop` into
//! `$OUT_DIR/python.rs`, which `src/grammar.rs` includes.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    // The grammar lives at the repository root, two levels above this crate.
    let grammar_dir = manifest.join("../../grammar");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    println!(
        "cargo:rerun-if-changed={}",
        grammar_dir.join("python.lalrpop").display()
    );
    lalrpop::Configuration::new()
        .set_in_dir(&grammar_dir)
        .set_out_dir(&out_dir)
        .emit_rerun_directives(true)
        .process()
        .expect("failed to generate the parser from grammar/python.lalrpop");
}
