//! The examples of `README.md` that the tests replay. An example is a fenced block
//! right after a line `<!-- check: MODE -->`; its first line is the command, after
//! `$ `, and the rest is what the command prints (stdout and stderr as a terminal shows
//! them). `MODE` says how closely a run must match:
//!
//! - `exact`: the same text, line for line;
//! - `shape`: as many lines, each with the same label (see [`shape_of`]): for output
//!   with timings in it;
//! - `repl`: a REPL session (no command line: the block starts at the banner), replayed
//!   through a terminal by the REPL tests.

/// One example to replay.
pub struct Example {
    /// How closely a run must match: `exact`, `shape` or `repl`.
    pub mode: String,
    /// The line of README.md where the block's text starts (1-based), for reports.
    pub line: usize,
    /// The command after `$ `, when the block has one.
    pub command: Option<String>,
    /// What the block shows after the command line.
    pub output: String,
}

const MARKER_START: &str = "<!-- check:";
const FENCE: &str = "```";

/// Every checked example of `readme`, in order; a marker without a block after it is an
/// error.
pub fn examples(readme: &str) -> Result<Vec<Example>, String> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(rest) = lines[i].trim().strip_prefix(MARKER_START) else {
            i += 1;
            continue;
        };
        let mode = rest.trim().trim_end_matches("-->").trim().to_string();
        let fence = i + 1;
        if !lines.get(fence).is_some_and(|l| l.starts_with(FENCE)) {
            return Err(format!(
                "README.md:{}: the marker is not followed by a ``` block",
                i + 1
            ));
        }
        let end = (fence + 1..lines.len())
            .find(|&j| lines[j].starts_with(FENCE))
            .ok_or_else(|| format!("README.md:{}: the block never ends", fence + 1))?;
        let body = &lines[fence + 1..end];
        let (command, shown) = match body.first().and_then(|l| l.strip_prefix("$ ")) {
            Some(command) => (Some(command.to_string()), &body[1..]),
            None => (None, body),
        };
        found.push(Example {
            mode,
            line: fence + 2,
            command,
            output: shown.join("\n"),
        });
        i = end + 1;
    }
    Ok(found)
}

/// What `shape` compares of a line: its label, the first word, or the first two when
/// the first is in capitals (`CLAIM HELD:`, `GIL timeline:`), with every run of digits
/// written as `0`. Thread names, row and column headers and a claim's verdict count;
/// timings, counts and the pictures (a line that starts with a drawing counts as a
/// drawing), which change from run to run, do not.
pub fn shape_of(line: &str) -> Vec<String> {
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else {
        return Vec::new();
    };
    if !first.chars().any(char::is_alphanumeric) {
        // A picture's line (an axis, a bar): what it draws changes from run to run.
        return vec!["<drawing>".to_string()];
    }
    let mut label = vec![mask_digits(first)];
    let capitals = first.chars().any(char::is_alphabetic)
        && first
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    if capitals {
        label.extend(words.next().map(mask_digits));
    }
    label
}

fn mask_digits(word: &str) -> String {
    let mut out = String::new();
    let mut in_digits = false;
    for c in word.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('0');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// Why `actual` does not match `expected` under `mode`, or None when it does.
pub fn mismatch(mode: &str, expected: &str, actual: &str) -> Option<String> {
    let expected: Vec<&str> = expected.lines().map(str::trim_end).collect();
    let actual: Vec<&str> = actual.trim_end().lines().map(str::trim_end).collect();
    if expected.len() != actual.len() {
        return Some(format!(
            "README shows {} lines, the run printed {}",
            expected.len(),
            actual.len()
        ));
    }
    for (n, (e, a)) in expected.iter().zip(&actual).enumerate() {
        let same = match mode {
            "shape" => shape_of(e) == shape_of(a),
            _ => e == a,
        };
        if !same {
            return Some(format!("line {}:\n  README: {e}\n  run:    {a}", n + 1));
        }
    }
    None
}
