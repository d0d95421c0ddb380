//! Robustness: no input may panic or overflow the stack, however hostile.

use gilded_syntax::{parse_expression, parse_interactive, parse_module};

/// A tiny xorshift PRNG, so the test needs no dependency and is reproducible.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Runs `f` on a thread with the default 2 MiB stack (as spawned threads get), so a
/// deep recursion shows up as a failure here rather than passing on a big main stack.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic or stack overflow");
}

fn all_entry_points(src: &str) {
    let _ = parse_module(src);
    let _ = parse_interactive(src);
    let _ = parse_expression(src);
}

#[test]
fn no_panic_random_bytes() {
    on_small_stack(|| {
        for seed in 1..=3000u64 {
            let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let len = rng.below(64);
            let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xFF) as u8).collect();
            let src = String::from_utf8_lossy(&bytes).into_owned();
            all_entry_points(&src);
            // Mostly-ASCII variants reach deeper into the grammar.
            let ascii: String = bytes.iter().map(|&b| char::from(32 + b % 95)).collect();
            all_entry_points(&ascii);
        }
    });
}

#[test]
fn no_panic_token_soup() {
    const PIECES: &[&str] = &[
        "x",
        "y",
        "1",
        "2.5",
        "3j",
        "'s'",
        "f'{x}'",
        "f'{x!r:>{w}}'",
        "b'b'",
        "\"\"\"t\"\"\"",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        ";",
        ".",
        "...",
        "=",
        "==",
        "+",
        "-",
        "*",
        "**",
        "/",
        "//",
        "%",
        "@",
        "|",
        "&",
        "^",
        "~",
        "<",
        ">",
        "<=",
        "!=",
        "->",
        ":=",
        "+=",
        "if",
        "else",
        "elif",
        "for",
        "in",
        "while",
        "def",
        "class",
        "return",
        "yield",
        "from",
        "import",
        "as",
        "with",
        "try",
        "except",
        "finally",
        "lambda",
        "not",
        "and",
        "or",
        "is",
        "None",
        "True",
        "del",
        "global",
        "pass",
        "break",
        "raise",
        "assert",
        "async",
        "await",
        "\n",
        "\n    ",
        "\n\t",
        "\\\n",
        " ",
        "#c\n",
        "print",
        "\"unterminated",
        "'''open",
        "$",
        "é",
        "\u{201c}",
    ];
    on_small_stack(|| {
        for seed in 1..=3000u64 {
            let mut rng = XorShift(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
            let n = rng.below(40);
            let mut src = String::new();
            for _ in 0..n {
                src.push_str(PIECES[rng.below(PIECES.len())]);
                if rng.below(3) == 0 {
                    src.push(' ');
                }
            }
            all_entry_points(&src);
        }
    });
}

#[test]
fn no_panic_deep_brackets() {
    on_small_stack(|| {
        for open in ["(", "[", "{"] {
            let e = parse_module(&open.repeat(10_000)).unwrap_err();
            assert_eq!(e.msg, "too many nested parentheses");
        }
        let e = parse_expression(&"(".repeat(10_000)).unwrap_err();
        assert_eq!(e.msg, "too many nested parentheses");
        let nested = format!("x = {}1{}\n", "[".repeat(199), "]".repeat(199));
        assert!(parse_module(&nested).is_ok());
        // An f-string field counts its own implicit bracket.
        let e = parse_module(&format!("f'{{{}}}'", "(".repeat(300))).unwrap_err();
        assert!(e.msg.starts_with("f-string"), "{}", e.msg);
    });
}

#[test]
fn no_panic_long_chains() {
    on_small_stack(|| {
        let mut src = String::from("x = 1");
        for _ in 1..100_000 {
            src.push_str("+1");
        }
        src.push('\n');
        let module = parse_module(&src).expect("a long chain parses");
        drop(module);

        let src = format!("x = {}y\n", "-".repeat(10_000));
        let e = parse_module(&src).unwrap_err();
        assert!(e.msg.contains("too complex"), "{}", e.msg);
        let src = format!("x = {}y\n", "not ".repeat(10_000));
        assert!(parse_module(&src).unwrap_err().msg.contains("too complex"));
        // Within the limit it parses, and the deep tree drops without recursion.
        let src = format!("x = {}y\n", "-".repeat(1000));
        drop(parse_module(&src).expect("1000 unary minus"));

        let src = format!("x = {}1\n", "a ** ".repeat(50_000));
        drop(parse_module(&src).expect("right-leaning power chain"));
        let src = format!("x = {}1\n", "lambda: ".repeat(20_000));
        drop(parse_module(&src).expect("nested lambdas"));
        let src = format!("x = a{}\n", ".b".repeat(50_000));
        drop(parse_module(&src).expect("attribute chain"));
        let src = format!("x = a{}\n", "(1)".repeat(50_000));
        drop(parse_module(&src).expect("call chain"));
        let src = format!("x = 1{}\n", " if c else 1".repeat(30_000));
        drop(parse_module(&src).expect("conditional chain"));
    });
}

#[test]
fn no_panic_deep_blocks() {
    on_small_stack(|| {
        let mut src = String::new();
        for depth in 0..150 {
            src.push_str(&" ".repeat(depth));
            src.push_str("if x:\n");
        }
        src.push_str(&" ".repeat(150));
        src.push_str("pass\n");
        let e = parse_module(&src).unwrap_err();
        assert_eq!(e.msg, "too many levels of indentation");
    });
}
