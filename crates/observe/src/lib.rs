//! What users see of the GIL's statistics. Every function here is pure: it takes a
//! [`gilded_gil::report::Report`] (taken by the interpreter at exit, or by
//! `gil.stats()`) and returns text, so each view can be tested on a hand-built report.

#![warn(missing_docs)]

pub mod chrome_trace;
pub mod json;
pub mod table;
pub mod timeline;
