//! The index of the seed articles' claims, `scripts/CLAIMS.md`: which teaching script
//! checks each claim, and by which `CLAIM` line; and which conformance program runs
//! each of the articles' code samples verbatim.
//!
//! The index is a Markdown document for people; the rows the tests read sit between
//! `<!-- claims:start -->` / `<!-- claims:end -->` and `<!-- samples:start -->` /
//! `<!-- samples:end -->`. A claims row is
//! `| claim | article | \`folder/script.py\` | \`prefix\` ... |`: every backticked
//! prefix in the last cell must begin a `CLAIM HELD:` line the script prints. A samples
//! row is `| sample | article | \`tests/...py\` |`.

/// One claim of the articles and where it is checked.
pub struct IndexedClaim {
    /// The claim in the article's words (the first cell).
    pub claim: String,
    /// The script that checks it, relative to `scripts/`: `threads/05_cpu_bound_no_speedup.py`.
    pub script: String,
    /// Each must begin one of the script's `CLAIM HELD:` lines (after that prefix).
    pub checked_by: Vec<String>,
}

/// One code sample of the articles and the program that runs it.
pub struct IndexedSample {
    /// What the sample is (the first cell).
    pub sample: String,
    /// The program, relative to the repository root.
    pub program: String,
}

/// The text of every backticked span in `cell`, in order.
fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The table rows (cells trimmed, separator rows left out) between two markers.
fn rows_between(text: &str, start: &str, end: &str) -> Result<Vec<Vec<String>>, String> {
    let from = text
        .find(start)
        .ok_or_else(|| format!("no {start} marker"))?;
    let to = text[from..]
        .find(end)
        .ok_or_else(|| format!("no {end} marker after {start}"))?;
    Ok(text[from..from + to]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('|') && !l.starts_with("| ---") && !l.starts_with("|---"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect())
}

/// Reads the claims rows; the first row of the table is its header.
pub fn claims(text: &str) -> Result<Vec<IndexedClaim>, String> {
    let rows = rows_between(text, "<!-- claims:start -->", "<!-- claims:end -->")?;
    let mut claims = Vec::new();
    for row in rows.iter().skip(1) {
        let [claim, _article, script, checked] = row.as_slice() else {
            return Err(format!("a claims row needs 4 cells: {row:?}"));
        };
        let script = backticked(script)
            .pop()
            .ok_or_else(|| format!("no `script` in the row of {claim:?}"))?;
        let checked_by = backticked(checked);
        if checked_by.is_empty() {
            return Err(format!("no `claim prefix` in the row of {claim:?}"));
        }
        claims.push(IndexedClaim {
            claim: claim.clone(),
            script,
            checked_by,
        });
    }
    Ok(claims)
}

/// Reads the samples rows; the first row of the table is its header.
pub fn samples(text: &str) -> Result<Vec<IndexedSample>, String> {
    let rows = rows_between(text, "<!-- samples:start -->", "<!-- samples:end -->")?;
    let mut samples = Vec::new();
    for row in rows.iter().skip(1) {
        let [sample, _article, program] = row.as_slice() else {
            return Err(format!("a samples row needs 3 cells: {row:?}"));
        };
        let program = backticked(program)
            .pop()
            .ok_or_else(|| format!("no `program` in the row of {sample:?}"))?;
        samples.push(IndexedSample {
            sample: sample.clone(),
            program,
        });
    }
    Ok(samples)
}
