//! Getting a program's text: reading a script file or stdin, with CPython's messages
//! when the file cannot be opened, and decoding the bytes (UTF-8 with an optional BOM,
//! or Latin-1 when a `coding:` comment says so).

use std::io::Read;

/// Why a script could not be read: the line printed after `gilded: ` (exit status 2,
/// or 1 for a directory, as in CPython).
pub struct OpenError {
    /// The message, e.g. `can't open file '/abs/x.py': [Errno 2] No such file or directory`.
    pub message: String,
    /// The exit status CPython uses for it.
    pub status: i32,
}

/// `path` made absolute the way CPython reports it: joined to the working directory,
/// with no normalization (`../x.py` stays `/cwd/../x.py`).
fn absolute(path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => format!("{}/{path}", cwd.display()),
        Err(_) => path.to_string(),
    }
}

/// Reads a script file's bytes.
pub fn read_file(path: &str) -> Result<Vec<u8>, OpenError> {
    if std::fs::metadata(path).map(|m| m.is_dir()).unwrap_or(false) {
        return Err(OpenError {
            message: format!("can't find '__main__' module in '{}'", absolute(path)),
            status: 1,
        });
    }
    std::fs::read(path).map_err(|e| {
        let errno = e.raw_os_error().unwrap_or(0);
        let text = e.to_string();
        // Rust appends " (os error N)" to the strerror text CPython prints alone.
        let text = text.split(" (os error").next().unwrap_or("");
        OpenError {
            message: format!(
                "can't open file '{}': [Errno {errno}] {text}",
                absolute(path)
            ),
            status: 2,
        }
    })
}

/// Reads all of stdin (a program piped in, or `gilded -`). A read error ends the
/// program text where it happened, as an early end of file would.
pub fn read_stdin() -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = std::io::stdin().lock().read_to_end(&mut bytes);
    bytes
}

/// The encoding named by a PEP 263 `coding:` comment on one of the first two lines.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    for line in bytes.split(|&b| b == b'\n').take(2) {
        let line = String::from_utf8_lossy(line);
        let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
        if !trimmed.starts_with('#') {
            // Only a comment line can declare; a code line on line 1 ends the search.
            return None;
        }
        for marker in ["coding:", "coding="] {
            if let Some(at) = trimmed.find(marker) {
                let rest = trimmed[at + marker.len()..].trim_start_matches([' ', '\t']);
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    .collect();
                if !name.is_empty() {
                    return Some(name.to_ascii_lowercase().replace('_', "-"));
                }
            }
        }
    }
    None
}

/// Decodes program bytes. The error is the message of the SyntaxError CPython raises
/// for bytes that are not valid UTF-8 in a file without an encoding declaration.
pub fn decode(bytes: Vec<u8>, filename: &str) -> Result<String, String> {
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if let Some(name) = declared_encoding(&bytes) {
        if matches!(
            name.as_str(),
            "latin-1" | "iso-8859-1" | "iso8859-1" | "latin1" | "l1"
        ) {
            return Ok(bytes.iter().map(|&b| b as char).collect());
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        let byte = bytes.get(valid).copied().unwrap_or(0);
        format!(
            "Non-UTF-8 code starting with '\\x{byte:02x}' in file {filename} on line {line}, \
             but no encoding declared; see https://peps.python.org/pep-0263/ for details"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode(b"x = 1\n".to_vec(), "f").as_deref(), Ok("x = 1\n"));
        assert_eq!(
            decode(b"\xef\xbb\xbfx\n".to_vec(), "f").as_deref(),
            Ok("x\n")
        );
    }

    #[test]
    fn invalid_utf8_message() {
        let err = decode(b"x = 1\n\xff\n".to_vec(), "/t/nu.py").unwrap_err();
        assert_eq!(
            err,
            "Non-UTF-8 code starting with '\\xff' in file /t/nu.py on line 2, but no encoding \
             declared; see https://peps.python.org/pep-0263/ for details"
        );
    }

    #[test]
    fn latin1_declaration() {
        let src = b"# -*- coding: latin-1 -*-\nprint('\xe9')\n".to_vec();
        assert_eq!(
            decode(src, "f").as_deref(),
            Ok("# -*- coding: latin-1 -*-\nprint('\u{e9}')\n")
        );
        assert_eq!(declared_encoding(b"x = 1\n# coding: latin-1\n"), None);
        assert_eq!(
            declared_encoding(b"#!/bin/sh\n# vim: set fileencoding=utf-8 :\n").as_deref(),
            Some("utf-8")
        );
        assert_eq!(
            declared_encoding(b"#!/x\n# coding=ISO_8859_1\n").as_deref(),
            Some("iso-8859-1")
        );
    }

    #[test]
    fn absolute_paths_are_joined_not_normalized() {
        assert_eq!(absolute("/a/../b.py"), "/a/../b.py");
        assert!(absolute("../x.py").ends_with("/../x.py"));
    }
}
