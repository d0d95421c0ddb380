//! Shared by the integration tests that need it (not a test of its own).

pub mod big_report;
