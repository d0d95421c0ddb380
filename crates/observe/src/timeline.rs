//! (in progress: replaced by the observe-timeline branch)
use gilded_gil::report::Report;
/// Options.
pub struct TimelineOptions {
    /// Width.
    pub width: usize,
    /// Colour.
    pub color: bool,
}
/// Renders.
pub fn render(_report: &Report, _options: &TimelineOptions) -> String {
    String::new()
}
