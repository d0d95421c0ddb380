//! Maps byte offsets to CPython-style positions (1-based lines, 0-based character columns).

/// A precomputed table of line starts for one source text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    source: std::sync::Arc<str>,
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes `source`.
    pub fn new(source: &str) -> LineIndex {
        let mut line_starts = vec![0u32];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            source: source.into(),
            line_starts,
        }
    }

    /// The whole source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The 1-based line number containing byte `offset`.
    pub fn line_of(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// The 1-based line and 0-based character column of byte `offset`.
    pub fn position(&self, offset: u32) -> (u32, u32) {
        let line = self.line_of(offset);
        let start = self.line_starts[line as usize - 1] as usize;
        let end = (offset as usize).min(self.source.len());
        let col = self
            .source
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line, col as u32)
    }

    /// The text of 1-based `line` without its line terminator (empty if out of range).
    pub fn line_text(&self, line: u32) -> &str {
        if line == 0 || line as usize > self.line_starts.len() {
            return "";
        }
        let start = self.line_starts[line as usize - 1] as usize;
        let end = self
            .line_starts
            .get(line as usize)
            .map(|&e| e as usize)
            .unwrap_or(self.source.len());
        self.source[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The number of lines.
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let idx = LineIndex::new("a = 1\nb = 'é' + x\n");
        assert_eq!(idx.position(0), (1, 0));
        assert_eq!(idx.position(6), (2, 0));
        let x = "a = 1\nb = 'é' + x\n".find('x').unwrap() as u32;
        assert_eq!(idx.position(x), (2, 10));
        assert_eq!(idx.line_text(2), "b = 'é' + x");
        assert_eq!(idx.line_text(9), "");
    }
}
