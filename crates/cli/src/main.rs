//! The `gilded` command: `gilded FILE [ARGS]`, `gilded -c CODE`, `gilded --dis FILE`,
//! and the REPL.

mod driver;

use std::process::ExitCode;

/// The interpreter thread's stack: deep enough that the recursion limit, not the Rust
/// stack, is what stops runaway recursion through natives (`__repr__` calling `repr`).
const INTERPRETER_STACK_BYTES: usize = 512 * 1024 * 1024;

fn usage() -> &'static str {
    "usage: gilded [option] ... [-c cmd | file | -] [arg] ...\n\
     Options:\n\
     -c cmd          program passed in as string\n\
     -i              inspect interactively after running the script\n\
     --dis FILE      print the bytecode of FILE and exit\n\
     --version       print the version and exit\n\
     -h, --help      print this help and exit\n"
}

fn real_main(args: Vec<String>) -> i32 {
    gilded_vm::signals::install_interrupt_handler();
    let mut rest = args.into_iter().skip(1);
    let Some(first) = rest.next() else {
        eprintln!("the REPL is not available yet");
        return 2;
    };
    match first.as_str() {
        "-h" | "--help" => {
            print!("{}", usage());
            0
        }
        "--version" | "-V" => {
            println!("gilded {}", env!("CARGO_PKG_VERSION"));
            0
        }
        "-c" => {
            let Some(code) = rest.next() else {
                eprintln!("Argument expected for the -c option");
                return 2;
            };
            let mut argv = vec!["-c".to_string()];
            argv.extend(rest);
            let mut vm = gilded_vm::Vm::new(argv);
            let status = driver::run_main(&mut vm, &code, "<string>", None);
            gilded_vm::io::flush_stdout(&vm);
            status
        }
        "--dis" => {
            let Some(path) = rest.next() else {
                eprintln!("--dis needs a file");
                return 2;
            };
            match std::fs::read_to_string(&path) {
                Ok(source) => match driver::compile_source(&source, &path, gilded_compiler::Mode::Module) {
                    Ok(code) => {
                        print!("{}", gilded_bytecode::dis::disassemble(&code));
                        0
                    }
                    Err(p) => {
                        eprintln!("  File \"{path}\", line {}\n{}: {}", p.line, p.class, p.msg);
                        1
                    }
                },
                Err(e) => {
                    eprintln!("gilded: can't open file '{path}': {e}");
                    2
                }
            }
        }
        path => {
            let source = match std::fs::read(path) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    let errno = e.raw_os_error().unwrap_or(0);
                    let abs = std::path::absolute(path)
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|_| path.to_string());
                    let msg = e.to_string();
                    let msg = msg.split(" (os error").next().unwrap_or("");
                    eprintln!("gilded: can't open file '{abs}': [Errno {errno}] {msg}");
                    return 2;
                }
            };
            let mut argv = vec![path.to_string()];
            argv.extend(rest);
            let mut vm = gilded_vm::Vm::new(argv);
            let status = driver::run_main(&mut vm, &source, path, Some(path));
            gilded_vm::io::flush_stdout(&vm);
            status
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let handle = std::thread::Builder::new()
        .name("gilded-main".into())
        .stack_size(INTERPRETER_STACK_BYTES)
        .spawn(move || real_main(args));
    let status = match handle {
        Ok(h) => h.join().unwrap_or(70),
        Err(_) => 71,
    };
    ExitCode::from(status.clamp(0, 255) as u8)
}
