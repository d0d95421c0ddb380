//! Debugging aid: parses a file (or stdin) and prints the AST or the syntax error.
//! `cargo run -p gilded-syntax --example parse -- [--interactive|--expr] FILE`

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args
        .iter()
        .find(|a| a.starts_with("--"))
        .cloned()
        .unwrap_or_default();
    let mut source = String::new();
    match args.iter().find(|a| !a.starts_with("--")) {
        Some(path) => source = std::fs::read_to_string(path).expect("readable file"),
        None => {
            std::io::stdin().read_to_string(&mut source).expect("stdin");
        }
    }
    let result = match mode.as_str() {
        "--interactive" => gilded_syntax::parse_interactive(&source).map(|m| format!("{m:#?}")),
        "--expr" => gilded_syntax::parse_expression(&source).map(|e| format!("{e:#?}")),
        "--errors" => {
            // One source per chunk separated by a line "====", errors only.
            for chunk in source.split("\n====\n") {
                match gilded_syntax::parse_module(chunk) {
                    Ok(_) => println!("{chunk:?} -> OK"),
                    Err(e) => println!(
                        "{chunk:?} -> {} {:?} {} {} {} {}",
                        e.kind.class_name(),
                        e.msg,
                        e.line,
                        e.col,
                        e.end_line,
                        e.end_col
                    ),
                }
            }
            return;
        }
        _ => gilded_syntax::parse_module(&source).map(|m| format!("{m:#?}")),
    };
    match result {
        Ok(text) => println!("{text}"),
        Err(e) => println!(
            "{e} (end {}:{}, incomplete {})",
            e.end_line, e.end_col, e.incomplete
        ),
    }
}
