//! Times `chrome_trace::render` and `json::render` on a large synthetic report
//! (200,000 spans, 50,000 lock waits; see `tests/support/big_report.rs`):
//!
//! ```text
//! cargo run --release -p gilded-observe --example render_big [-- MODE [OUT_DIR]]
//! ```
//!
//! MODE is `chrome` or `json` (7 timed runs of that writer alone: run each in its own
//! process, as one writer's leftovers in the heap change the other's timing), `both`
//! (both writers, one after the other) or `none` (only building the report, the
//! baseline for comparing peak memory under `/usr/bin/time -v`). With OUT_DIR, the
//! outputs are written there as `trace.json` and `stats.json`.

#[path = "../tests/support/big_report.rs"]
mod big_report;

use gilded_observe::{chrome_trace, json};
use std::time::{Duration, Instant};

fn time(name: &str, runs: usize, render: impl Fn() -> String) -> String {
    let mut times = Vec::new();
    let mut out = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        out = render();
        times.push(start.elapsed());
        std::hint::black_box(&out);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:>14}: {:8.1} ms min, {:8.1} ms median over {runs} runs; {:.1} MB",
        ms(times[0]),
        ms(times[times.len() / 2]),
        out.len() as f64 / 1e6
    );
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("both", String::as_str);
    let out_dir = args.get(1);
    let start = Instant::now();
    let (report, _) = big_report::big_report();
    println!(
        "built the report in {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let runs = 7;
    let mut outputs = Vec::new();
    if mode == "both" || mode == "chrome" {
        let text = time("chrome_trace", runs, || chrome_trace::render(&report));
        outputs.push(("trace.json", text));
    }
    if mode == "both" || mode == "json" {
        let text = time("json::render", runs, || json::render(&report));
        outputs.push(("stats.json", text));
    }
    if let Some(dir) = out_dir {
        for (name, text) in outputs {
            std::fs::write(format!("{dir}/{name}"), text).expect("write the output");
        }
    }
}
