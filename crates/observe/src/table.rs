//! (in progress: replaced by the observe-timeline branch)
use gilded_gil::report::Report;
/// Renders.
pub fn render(_report: &Report) -> String {
    String::new()
}
