//! The file payload behind `open()`: a text file with a read buffer.

use std::fs::File;
use std::io::{BufReader, BufWriter};

/// How a file was opened.
pub enum FileHandle {
    /// Opened for reading.
    Reader(BufReader<File>),
    /// Opened for writing or appending.
    Writer(BufWriter<File>),
    /// The process's standard input.
    Stdin,
    /// The process's standard output (buffered by the VM, see `crate::io`).
    Stdout,
    /// The process's standard error (unbuffered).
    Stderr,
    /// Closed.
    Closed,
}

/// An open (or closed) text file.
pub struct FileObj {
    /// The name passed to `open`.
    pub name: String,
    /// The mode string passed to `open`.
    pub mode: String,
    /// The OS handle.
    pub handle: FileHandle,
}
