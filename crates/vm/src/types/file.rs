//! The file payload behind `open()` and the standard streams: an OS file with its own
//! read and write buffers, so one object can both read and write (`r+`) and `tell()`
//! stays exact. Text is UTF-8; reading translates `\r\n` and `\r` to `\n` as CPython's
//! universal-newlines mode does.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

/// Bytes read from the OS at a time.
const CHUNK: usize = 8192;

/// A file on disk, opened by `open()`.
pub struct DiskFile {
    file: File,
    /// Opened with `r` or `+`.
    pub readable: bool,
    /// Opened with `w`, `a`, `x` or `+`.
    pub writable: bool,
    /// Opened with `b`: `read` returns bytes and `write` takes bytes.
    pub binary: bool,
    /// Read-ahead: bytes already taken from the OS, not yet returned.
    rbuf: Vec<u8>,
    rpos: usize,
    /// Written data not yet handed to the OS.
    wbuf: Vec<u8>,
    /// The OS reported end of file.
    eof: bool,
    /// Text mode: the previous chunk ended with `\r` (a following `\n` is dropped).
    pending_cr: bool,
}

impl DiskFile {
    /// Wraps an open OS file.
    pub fn new(file: File, readable: bool, writable: bool, binary: bool) -> DiskFile {
        DiskFile {
            file,
            readable,
            writable,
            binary,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            eof: false,
            pending_cr: false,
        }
    }

    /// Hands buffered writes to the OS.
    pub fn flush(&mut self) -> std::io::Result<()> {
        if !self.wbuf.is_empty() {
            let r = self.file.write_all(&self.wbuf);
            self.wbuf.clear();
            r?;
        }
        Ok(())
    }

    /// Buffers `data` for writing.
    pub fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        if self.rpos < self.rbuf.len() {
            // Writing after a partial read: put the OS position where the reader is.
            self.discard_read_ahead()?;
        }
        self.wbuf.extend_from_slice(data);
        if self.wbuf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn discard_read_ahead(&mut self) -> std::io::Result<()> {
        let ahead = (self.rbuf.len() - self.rpos) as i64;
        self.rbuf.clear();
        self.rpos = 0;
        self.eof = false;
        if ahead > 0 {
            self.file.seek(SeekFrom::Current(-ahead))?;
        }
        Ok(())
    }

    /// Reads one more chunk into the read buffer; false at end of file.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        self.flush()?;
        if self.rpos > 0 {
            self.rbuf.drain(..self.rpos);
            self.rpos = 0;
        }
        let mut chunk = [0u8; CHUNK];
        let n = loop {
            match self.file.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            self.eof = true;
            return Ok(false);
        }
        if self.binary {
            self.rbuf.extend_from_slice(&chunk[..n]);
        } else {
            for &b in &chunk[..n] {
                if self.pending_cr {
                    self.pending_cr = false;
                    if b == b'\n' {
                        continue;
                    }
                }
                if b == b'\r' {
                    self.pending_cr = true;
                    self.rbuf.push(b'\n');
                } else {
                    self.rbuf.push(b);
                }
            }
        }
        Ok(true)
    }

    /// Everything up to end of file.
    pub fn read_all(&mut self) -> std::io::Result<Vec<u8>> {
        while self.fill()? {}
        let out = self.rbuf[self.rpos..].to_vec();
        self.rbuf.clear();
        self.rpos = 0;
        Ok(out)
    }

    /// At most `n` bytes (binary mode).
    pub fn read_bytes(&mut self, n: usize) -> std::io::Result<Vec<u8>> {
        while self.rbuf.len() - self.rpos < n && self.fill()? {}
        let end = (self.rpos + n).min(self.rbuf.len());
        let out = self.rbuf[self.rpos..end].to_vec();
        self.rpos = end;
        Ok(out)
    }

    /// At most `n` characters (text mode), as UTF-8 bytes.
    pub fn read_chars(&mut self, n: usize) -> std::io::Result<Vec<u8>> {
        loop {
            if let Some(end) = char_boundary_after(&self.rbuf[self.rpos..], n) {
                let out = self.rbuf[self.rpos..self.rpos + end].to_vec();
                self.rpos += end;
                return Ok(out);
            }
            if !self.fill()? {
                return self.read_all();
            }
        }
    }

    /// One line including its `\n` (empty at end of file). `limit` caps the length
    /// (in bytes for binary files, characters for text).
    pub fn read_line(&mut self, limit: Option<usize>) -> std::io::Result<Vec<u8>> {
        let mut scanned = 0;
        loop {
            let avail = &self.rbuf[self.rpos..];
            if let Some(i) = avail[scanned..].iter().position(|&b| b == b'\n') {
                let end = scanned + i + 1;
                return Ok(self.take_line(end, limit));
            }
            scanned = avail.len();
            if let Some(l) = limit {
                if scanned >= l * 4 {
                    return Ok(self.take_line(scanned, limit));
                }
            }
            if !self.fill()? {
                let end = self.rbuf.len() - self.rpos;
                return Ok(self.take_line(end, limit));
            }
        }
    }

    fn take_line(&mut self, mut end: usize, limit: Option<usize>) -> Vec<u8> {
        if let Some(l) = limit {
            let cap = if self.binary {
                Some(l)
            } else {
                char_boundary_after(&self.rbuf[self.rpos..], l)
            };
            if let Some(cap) = cap {
                end = end.min(cap);
            }
        }
        let out = self.rbuf[self.rpos..self.rpos + end].to_vec();
        self.rpos += end;
        out
    }

    /// The current position in bytes.
    pub fn tell(&mut self) -> std::io::Result<u64> {
        let os = self.file.stream_position()?;
        let ahead = (self.rbuf.len() - self.rpos) as u64;
        Ok(os + self.wbuf.len() as u64 - ahead.min(os))
    }

    /// Moves to a byte position (`whence` as in `os.SEEK_*`).
    pub fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.flush()?;
        let pos = match pos {
            SeekFrom::Current(d) => {
                let here = self.tell()? as i64;
                SeekFrom::Start((here + d).max(0) as u64)
            }
            other => other,
        };
        self.rbuf.clear();
        self.rpos = 0;
        self.eof = false;
        self.pending_cr = false;
        self.file.seek(pos)
    }

    /// Cuts the file at the current position.
    pub fn truncate(&mut self, size: Option<u64>) -> std::io::Result<u64> {
        self.flush()?;
        let size = match size {
            Some(s) => s,
            None => self.tell()?,
        };
        self.file.set_len(size)?;
        Ok(size)
    }

    /// The OS file descriptor.
    pub fn fileno(&self) -> i64 {
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            self.file.as_raw_fd() as i64
        }
        #[cfg(not(unix))]
        {
            -1
        }
    }
}

impl Drop for DiskFile {
    fn drop(&mut self) {
        // An unclosed file still gets its data written, as CPython's finalizer does.
        let _ = self.flush();
    }
}

/// The byte length of the first `n` characters of UTF-8 `bytes`, or None if fewer
/// than `n` characters are complete.
fn char_boundary_after(bytes: &[u8], n: usize) -> Option<usize> {
    if n == 0 {
        return Some(0);
    }
    let mut chars = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // A byte that is not a continuation byte starts a character.
        if b & 0xC0 != 0x80 {
            if chars == n {
                return Some(i);
            }
            chars += 1;
        }
    }
    if chars == n {
        // The last character must be complete.
        let last_start = bytes.iter().rposition(|&b| b & 0xC0 != 0x80)?;
        let need = match bytes[last_start] {
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        };
        if bytes.len() - last_start >= need {
            return Some(bytes.len());
        }
    }
    None
}

/// What a file object is connected to.
pub enum FileHandle {
    /// A file opened by `open()`.
    Disk(SharedDisk),
    /// The process's standard input.
    Stdin,
    /// The process's standard output (buffered by the VM, see `crate::io`).
    Stdout,
    /// The process's standard error (unbuffered).
    Stderr,
    /// Closed.
    Closed,
}

/// A disk file as a file object holds it: the mode flags, readable without waiting,
/// and the file itself behind a mutex, because reads and writes run with the GIL
/// released (another thread using the same file object waits on the mutex, as on
/// CPython's buffered-I/O lock).
pub struct SharedDisk {
    /// Opened with `r` or `+`.
    pub readable: bool,
    /// Opened with `w`, `a`, `x` or `+`.
    pub writable: bool,
    /// Opened with `b`.
    pub binary: bool,
    /// The OS file descriptor.
    pub fd: i64,
    /// The file and its buffers.
    pub file: std::sync::Arc<std::sync::Mutex<DiskFile>>,
}

impl SharedDisk {
    /// Shares `disk`.
    pub fn new(disk: DiskFile) -> SharedDisk {
        SharedDisk {
            readable: disk.readable,
            writable: disk.writable,
            binary: disk.binary,
            fd: disk.fileno(),
            file: std::sync::Arc::new(std::sync::Mutex::new(disk)),
        }
    }
}

/// An open (or closed) file object.
pub struct FileObj {
    /// The name passed to `open`.
    pub name: String,
    /// The mode string passed to `open`.
    pub mode: String,
    /// The OS handle.
    pub handle: FileHandle,
}

#[cfg(test)]
mod tests {
    use super::char_boundary_after;

    #[test]
    fn char_boundaries() {
        assert_eq!(char_boundary_after(b"abc", 2), Some(2));
        assert_eq!(char_boundary_after(b"abc", 3), Some(3));
        assert_eq!(char_boundary_after(b"abc", 4), None);
        let s = "é€x".as_bytes();
        assert_eq!(char_boundary_after(s, 1), Some(2));
        assert_eq!(char_boundary_after(s, 2), Some(5));
        assert_eq!(char_boundary_after(&s[..4], 2), None);
    }
}
