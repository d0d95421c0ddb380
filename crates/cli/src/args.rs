//! The command line: `gilded [option] ... [-c cmd | file | -] [arg] ...`, parsed the
//! way CPython parses its own (options first; the program ends the option list; every
//! word after it, even `-x` lookalikes, goes to `sys.argv`).
//!
//! Why not clap: clap can collect trailing words with `trailing_var_arg`, but CPython's
//! grammar has three details that fight it: `-c CODE` both takes a value and ends the
//! option list (so `-c code -x` gives `-x` to the program), short options cluster with
//! an attached value (`-ic 'print(1)'`, `-cprint(1)`), and errors must be CPython's
//! (`unknown option --foo`, `Unknown option: -Z`, `Argument expected for the -c option`,
//! each followed by the usage line, exit status 2) rather than clap's own format. A
//! table-driven parser of ~150 lines expresses all of that directly; a new option is one
//! entry in [`OPTIONS`] (and a field in [`Options`]), and `--help` is generated from it.

use std::fmt;

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Run (or disassemble) a program, or start the REPL.
    Run(Options),
    /// `-h` / `--help`: print the help text.
    Help,
    /// `-V` / `--version`: print the version.
    Version,
}

/// Where the program comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Program {
    /// No program named: the REPL on a terminal, else the program read from stdin.
    Default,
    /// `-`: the program read from stdin.
    Stdin,
    /// `-c CODE`.
    Command(String),
    /// A script file.
    File(String),
}

/// Everything a `Run` needs: the program, its arguments and the option settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The program to run.
    pub program: Program,
    /// The words after the program: `sys.argv[1:]`.
    pub args: Vec<String>,
    /// `-i`: start the REPL after running the program.
    pub inspect: bool,
    /// `-q`: no banner when the REPL starts.
    pub quiet: bool,
    /// `--dis`: print the program's bytecode instead of running it.
    pub dis: bool,
    /// `--switch-interval N`: instructions between GIL hand-offs (0: never).
    pub switch_interval: Option<u64>,
    /// `--gil-policy NAME`: `fair`, `greedy` or `timed`.
    pub gil_policy: Option<String>,
    /// `--gil-stats`: print the GIL statistics to stderr at exit.
    pub gil_stats: bool,
    /// `--stats-json FILE`: write the statistics as JSON at exit.
    pub stats_json: Option<String>,
    /// `--timeline`: draw the threads' timeline on stderr at exit.
    pub timeline: bool,
    /// `--trace FILE`: write a Chrome Trace Event file at exit.
    pub trace: Option<String>,
    help: bool,
    version: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            program: Program::Default,
            args: Vec::new(),
            inspect: false,
            quiet: false,
            dis: false,
            switch_interval: None,
            gil_policy: None,
            gil_stats: false,
            stats_json: None,
            timeline: false,
            trace: None,
            help: false,
            version: false,
        }
    }
}

impl Options {
    /// `sys.argv`: CPython's `''` for the REPL and stdin by default, `'-'` for `-`,
    /// `'-c'` for `-c`, else the script path; then the pass-through words.
    pub fn argv(&self) -> Vec<String> {
        let first = match &self.program {
            Program::Default => String::new(),
            Program::Stdin => "-".to_string(),
            Program::Command(_) => "-c".to_string(),
            Program::File(path) => path.clone(),
        };
        let mut argv = Vec::with_capacity(self.args.len() + 1);
        argv.push(first);
        argv.extend(self.args.iter().cloned());
        argv
    }
}

/// A command line CPython would reject (exit status 2).
#[derive(Debug, PartialEq, Eq)]
pub enum ArgError {
    /// `-Z`: an unknown short option.
    UnknownShort(char),
    /// `--foo` or `--version=3` (the whole word).
    UnknownLong(String),
    /// An option that takes a value came last: `-c`.
    MissingValue(String),
    /// An option's value was rejected (message from the option).
    BadValue(String),
}

impl fmt::Display for ArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgError::UnknownShort(c) => write!(f, "Unknown option: -{c}"),
            ArgError::UnknownLong(word) => write!(f, "unknown option {word}"),
            ArgError::MissingValue(opt) => write!(f, "Argument expected for the {opt} option"),
            ArgError::BadValue(msg) => write!(f, "{msg}"),
        }
    }
}

/// The usage line, as CPython prints it before `Try ... -h`.
pub const USAGE: &str = "usage: gilded [option] ... [-c cmd | file | -] [arg] ...";

/// The full text of a usage error: the problem, the usage line and the hint.
pub fn usage_error(err: &ArgError) -> String {
    format!("{err}\n{USAGE}\nTry `gilded -h' for more information.\n")
}

/// Sets an option on [`Options`]; gets the option's value when it takes one.
type Apply = fn(&mut Options, Option<String>) -> Result<(), String>;

/// One command-line option.
struct OptionSpec {
    /// `-x` form.
    short: Option<char>,
    /// `--name` form (without the dashes).
    long: Option<&'static str>,
    /// The value's name in `--help` when the option takes a value.
    value: Option<&'static str>,
    /// The `--help` description (continuation lines already indented).
    help: &'static str,
    apply: Apply,
}

/// Every option, in `--help` order. An option that sets [`Options::program`] ends the
/// option list (as `-c` does).
const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        short: Some('c'),
        long: None,
        value: Some("cmd"),
        help: "program passed in as string (terminates option list)",
        apply: |o, v| {
            o.program = Program::Command(v.unwrap_or_default());
            Ok(())
        },
    },
    OptionSpec {
        short: Some('h'),
        long: Some("help"),
        value: None,
        help: "print this help message and exit (also --help)",
        apply: |o, _| {
            o.help = true;
            Ok(())
        },
    },
    OptionSpec {
        short: Some('i'),
        long: None,
        value: None,
        help: "inspect interactively after running script; forces a prompt even\n         \
               if stdin does not appear to be a terminal",
        apply: |o, _| {
            o.inspect = true;
            Ok(())
        },
    },
    OptionSpec {
        short: Some('q'),
        long: None,
        value: None,
        help: "don't print version and copyright messages on interactive startup",
        apply: |o, _| {
            o.quiet = true;
            Ok(())
        },
    },
    OptionSpec {
        short: Some('V'),
        long: Some("version"),
        value: None,
        help: "print the version number and exit (also --version)",
        apply: |o, _| {
            o.version = true;
            Ok(())
        },
    },
    OptionSpec {
        short: None,
        long: Some("dis"),
        value: None,
        help: "print the program's bytecode (with nested code objects) instead\n         \
               of running it",
        apply: |o, _| {
            o.dis = true;
            Ok(())
        },
    },
    OptionSpec {
        short: None,
        long: Some("switch-interval"),
        value: Some("N"),
        help: "instructions a thread runs before offering the GIL to a waiting\n         \
               thread (0: only at blocking calls; also GILDED_SWITCH_INTERVAL)",
        apply: |o, v| {
            let text = v.unwrap_or_default();
            match gilded_vm::threads::parse_switch_interval(&text) {
                Some(n) => {
                    o.switch_interval = Some(n);
                    Ok(())
                }
                None => Err(format!(
                    "--switch-interval expects a non-negative integer, not '{text}'"
                )),
            }
        },
    },
    OptionSpec {
        short: None,
        long: Some("gil-policy"),
        value: Some("P"),
        help: "how the GIL changes hands: fair (default), greedy or timed\n         \
               (also GILDED_GIL_POLICY)",
        apply: |o, v| {
            let text = v.unwrap_or_default();
            match gilded_vm::threads::parse_policy(&text) {
                Some(_) => {
                    o.gil_policy = Some(text);
                    Ok(())
                }
                None => Err(format!(
                    "--gil-policy expects fair, greedy or timed, not '{text}'"
                )),
            }
        },
    },
    OptionSpec {
        short: None,
        long: Some("gil-stats"),
        value: None,
        help: "print the GIL statistics (threads, hand-offs, contended locks)\n         \
               to stderr at exit",
        apply: |o, _| {
            o.gil_stats = true;
            Ok(())
        },
    },
    OptionSpec {
        short: None,
        long: Some("stats-json"),
        value: Some("FILE"),
        help: "write the GIL statistics as JSON to FILE at exit\n         \
               (schema: docs/stats-json.md)",
        apply: |o, v| {
            o.stats_json = Some(non_empty("--stats-json", v)?);
            Ok(())
        },
    },
    OptionSpec {
        short: None,
        long: Some("timeline"),
        value: None,
        help: "draw each thread's running / waiting / blocked timeline on\n         \
               stderr at exit (width: $COLUMNS or the terminal's)",
        apply: |o, _| {
            o.timeline = true;
            Ok(())
        },
    },
    OptionSpec {
        short: None,
        long: Some("trace"),
        value: Some("FILE"),
        help: "write a Chrome Trace Event file (Perfetto, chrome://tracing)\n         \
               to FILE at exit",
        apply: |o, v| {
            o.trace = Some(non_empty("--trace", v)?);
            Ok(())
        },
    },
];

/// An option's file name, which must not be empty.
fn non_empty(option: &str, value: Option<String>) -> Result<String, String> {
    match value {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(format!("{option} expects a file name")),
    }
}

/// The `-h` text, generated from [`OPTIONS`].
pub fn help_text() -> String {
    let mut out = format!("{USAGE}\nOptions:\n");
    for spec in OPTIONS {
        let mut name = match (spec.short, spec.long) {
            (Some(c), _) => format!("-{c}"),
            (None, Some(l)) => format!("--{l}"),
            (None, None) => continue,
        };
        if let Some(v) = spec.value {
            name.push(' ');
            name.push_str(v);
        }
        if name.len() > 7 {
            // CPython's layout for long options: the name on its own line.
            out.push_str(&format!("{name}:\n         {}\n", spec.help));
        } else {
            out.push_str(&format!("{name:<7}: {}\n", spec.help));
        }
    }
    out.push_str(
        "file   : program read from script file\n\
         -      : program read from stdin (default; interactive mode if a tty)\n\
         arg ...: arguments passed to program in sys.argv[1:]\n",
    );
    out
}

fn apply(spec: &OptionSpec, options: &mut Options, value: Option<String>) -> Result<(), ArgError> {
    (spec.apply)(options, value).map_err(ArgError::BadValue)
}

/// Parses the words after the command name.
pub fn parse<I: IntoIterator<Item = String>>(words: I) -> Result<Action, ArgError> {
    let mut words = words.into_iter().peekable();
    let mut options = Options::default();
    while let Some(word) = words.peek() {
        if word == "--" {
            words.next();
            break;
        }
        if word == "-" || !word.starts_with('-') {
            break;
        }
        let word = words.next().unwrap_or_default();
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let spec = OPTIONS
                .iter()
                .find(|s| s.long == Some(name))
                .ok_or_else(|| ArgError::UnknownLong(word.clone()))?;
            let value = match (spec.value, inline) {
                (None, Some(_)) => return Err(ArgError::UnknownLong(word.clone())),
                (None, None) => None,
                (Some(_), Some(v)) => Some(v),
                (Some(_), None) => Some(
                    words
                        .next()
                        .ok_or_else(|| ArgError::MissingValue(format!("--{name}")))?,
                ),
            };
            apply(spec, &mut options, value)?;
        } else {
            // A cluster of short options: `-iq`, `-ic CODE`, `-cCODE`.
            let cluster = &word[1..];
            for (at, c) in cluster.char_indices() {
                let spec = OPTIONS
                    .iter()
                    .find(|s| s.short == Some(c))
                    .ok_or(ArgError::UnknownShort(c))?;
                if spec.value.is_some() {
                    let rest = &cluster[at + c.len_utf8()..];
                    let value = if rest.is_empty() {
                        words
                            .next()
                            .ok_or_else(|| ArgError::MissingValue(format!("-{c}")))?
                    } else {
                        rest.to_string()
                    };
                    apply(spec, &mut options, Some(value))?;
                    break;
                }
                apply(spec, &mut options, None)?;
            }
        }
        if options.program != Program::Default {
            break;
        }
    }
    if options.help {
        return Ok(Action::Help);
    }
    if options.version {
        return Ok(Action::Version);
    }
    if options.program == Program::Default {
        if let Some(word) = words.next() {
            options.program = if word == "-" {
                Program::Stdin
            } else {
                Program::File(word)
            };
        }
    }
    options.args = words.collect();
    Ok(Action::Run(options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &[&str]) -> Options {
        match parse(words.iter().map(|s| s.to_string())) {
            Ok(Action::Run(o)) => o,
            other => panic!("expected Run, got {other:?}"),
        }
    }

    fn error(words: &[&str]) -> ArgError {
        match parse(words.iter().map(|s| s.to_string())) {
            Err(e) => e,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn no_words_is_the_default_program() {
        let o = run(&[]);
        assert_eq!(o.program, Program::Default);
        assert_eq!(o.argv(), vec![String::new()]);
    }

    #[test]
    fn file_then_everything_is_argv() {
        let o = run(&["prog.py", "-x", "--foo", "-c", "a"]);
        assert_eq!(o.program, Program::File("prog.py".into()));
        assert_eq!(o.argv(), vec!["prog.py", "-x", "--foo", "-c", "a"]);
    }

    #[test]
    fn command_ends_the_options() {
        let o = run(&["-c", "print(1)", "-i", "x"]);
        assert_eq!(o.program, Program::Command("print(1)".into()));
        assert!(!o.inspect);
        assert_eq!(o.argv(), vec!["-c", "-i", "x"]);
    }

    #[test]
    fn clusters_and_attached_values() {
        let o = run(&["-ic", "x = 1"]);
        assert!(o.inspect);
        assert_eq!(o.program, Program::Command("x = 1".into()));
        let o = run(&["-qcprint(2)", "a"]);
        assert!(o.quiet);
        assert_eq!(o.program, Program::Command("print(2)".into()));
        assert_eq!(o.args, vec!["a"]);
    }

    #[test]
    fn dash_is_stdin_and_double_dash_ends_options() {
        let o = run(&["-", "a", "b"]);
        assert_eq!(o.program, Program::Stdin);
        assert_eq!(o.argv(), vec!["-", "a", "b"]);
        let o = run(&["--", "-c"]);
        assert_eq!(o.program, Program::File("-c".into()));
    }

    #[test]
    fn inspect_and_dis_flags() {
        let o = run(&["-i", "f.py"]);
        assert!(o.inspect);
        assert_eq!(o.program, Program::File("f.py".into()));
        let o = run(&["--dis", "f.py"]);
        assert!(o.dis);
        assert_eq!(o.program, Program::File("f.py".into()));
    }

    #[test]
    fn help_and_version() {
        let p = |w: &[&str]| parse(w.iter().map(|s| s.to_string()));
        assert_eq!(p(&["-h"]), Ok(Action::Help));
        assert_eq!(p(&["--help"]), Ok(Action::Help));
        assert_eq!(p(&["-V"]), Ok(Action::Version));
        assert_eq!(p(&["--version"]), Ok(Action::Version));
        // After the program, `--help` belongs to the program.
        assert!(matches!(p(&["f.py", "--help"]), Ok(Action::Run(_))));
    }

    #[test]
    fn errors_use_cpython_messages() {
        assert_eq!(error(&["--foo"]).to_string(), "unknown option --foo");
        assert_eq!(
            error(&["--version=3"]).to_string(),
            "unknown option --version=3"
        );
        assert_eq!(error(&["-Z"]).to_string(), "Unknown option: -Z");
        assert_eq!(error(&["-iZ"]).to_string(), "Unknown option: -Z");
        assert_eq!(
            error(&["-c"]).to_string(),
            "Argument expected for the -c option"
        );
        let text = usage_error(&error(&["--foo"]));
        assert!(text.starts_with("unknown option --foo\nusage: gilded "));
        assert!(text.ends_with("for more information.\n"));
    }

    #[test]
    fn help_lists_every_option() {
        let text = help_text();
        for needle in [
            "-c cmd :", "-i     :", "-q     :", "-V     :", "--dis  :", "file   :",
        ] {
            assert!(text.contains(needle), "{needle} missing from\n{text}");
        }
    }

    #[test]
    fn gil_options_parse_and_validate() {
        let o = run(&[
            "--switch-interval",
            "250",
            "--gil-policy=greedy",
            "--gil-stats",
            "--stats-json",
            "s.json",
            "--timeline",
            "--trace=t.json",
            "f.py",
        ]);
        assert_eq!(o.stats_json.as_deref(), Some("s.json"));
        assert!(o.timeline);
        assert_eq!(o.trace.as_deref(), Some("t.json"));
        assert!(matches!(
            error(&["--trace=", "f.py"]),
            ArgError::BadValue(_)
        ));
        assert_eq!(o.switch_interval, Some(250));
        assert_eq!(o.gil_policy.as_deref(), Some("greedy"));
        assert!(o.gil_stats);
        let never = run(&["--switch-interval=0", "f.py"]);
        assert_eq!(
            never.switch_interval,
            Some(gilded_vm::threads::NEVER_SWITCH)
        );
        for bad in [
            &["--switch-interval", "-3"][..],
            &["--switch-interval", "fast"][..],
            &["--gil-policy", "random"][..],
        ] {
            assert!(
                matches!(error(bad), ArgError::BadValue(_)),
                "{bad:?} was accepted"
            );
        }
        assert_eq!(
            error(&["--gil-policy"]),
            ArgError::MissingValue("--gil-policy".into())
        );
    }
}
