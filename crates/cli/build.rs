//! Compiles the library modules written in gilded (`crates/vm/lib/**/*.py`) when the
//! binary is built, so that `import threading` or `import multiprocessing` reads
//! ready code instead of compiling thousands of lines on every run.
//!
//! The output, `$OUT_DIR/library.bin`, is a sequence of entries, each a 4-byte
//! little-endian length and the path relative to `lib/`, then a 4-byte length and the
//! module's code object serialized with postcard (`gilded_vm::modules::library`
//! reads it). A module that does not compile stops the build with its error.

use std::path::{Path, PathBuf};

fn main() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("../vm/lib");
    println!("cargo:rerun-if-changed={}", lib.display());
    let mut files = Vec::new();
    collect(&lib, &mut files);
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(&lib)
            .expect("a file found under lib/")
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(&path).expect("library source is UTF-8");
        let module = gilded_syntax::parse_module(&source)
            .unwrap_or_else(|e| panic!("{relative}:{}: {}", e.line, e.msg));
        let index = gilded_syntax::LineIndex::new(&source);
        // The run-time loader puts the module's `<frozen NAME>` file name in.
        let code =
            gilded_compiler::compile(&module, &index, "<frozen>", gilded_compiler::Mode::Module)
                .unwrap_or_else(|e| panic!("{relative}: {}", e.msg));
        let bytes = postcard::to_stdvec(&*code).expect("a code object serializes");
        for part in [relative.as_bytes(), &bytes] {
            out.extend_from_slice(&(part.len() as u32).to_le_bytes());
            out.extend_from_slice(part);
        }
    }
    let target = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(target.join("library.bin"), out).expect("OUT_DIR is writable");
}

/// Every `.py` file below `dir`.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}
