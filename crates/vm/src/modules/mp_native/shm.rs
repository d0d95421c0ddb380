//! Shared memory for `_gilded_mp`: an anonymous `memfd` mapped `MAP_SHARED`, and the
//! small file-descriptor helpers every native class here needs.
//!
//! A memfd has no name in the file system, so nothing needs unlinking and a crash
//! leaks nothing: the memory lives exactly as long as some process holds the
//! descriptor or the mapping. A child reaches the same memory by inheriting the
//! descriptor (same number) and mapping it again.

use std::io;

/// The calling thread's `errno` as an `io::Error`.
pub fn last_error() -> io::Error {
    io::Error::last_os_error()
}

/// The `errno` number of the last failed call.
pub fn last_errno() -> i32 {
    io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Fails with EBADF unless `fd` is an open descriptor (checked before an imported
/// handle is trusted).
pub fn check_open(fd: i32) -> io::Result<()> {
    // SAFETY: F_GETFD only queries the descriptor table.
    if fd < 0 || unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return Err(io::Error::from_raw_os_error(libc::EBADF));
    }
    Ok(())
}

/// A close-on-exec duplicate of `fd` (the feeder thread owns one so closing the
/// Python-side connection cannot pull the descriptor from under a write).
pub fn dup_cloexec(fd: i32) -> io::Result<i32> {
    // SAFETY: F_DUPFD_CLOEXEC creates a new descriptor or fails; no memory involved.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if new < 0 {
        Err(last_error())
    } else {
        Ok(new)
    }
}

/// Closes `fd`, ignoring errors (there is nothing useful to do about a failed close
/// of a descriptor we own, and it must not be retried: the number may be reused).
pub fn close_fd(fd: i32) {
    if fd >= 0 {
        // SAFETY: the caller owns `fd` and never uses the number again.
        unsafe {
            libc::close(fd);
        }
    }
}

/// A `MAP_SHARED` mapping of a memfd; dropping it unmaps and closes the descriptor.
pub struct Mapping {
    fd: i32,
    ptr: *mut u8,
    len: usize,
}

// SAFETY: the mapping is plain shared memory; every access goes through raw-pointer
// volatile/atomic operations whose synchronization is the caller's business (exactly
// the lesson of SharedArray), and the pointer stays valid until drop.
unsafe impl Send for Mapping {}
unsafe impl Sync for Mapping {}

impl Mapping {
    /// A new zero-filled shared mapping of `len` bytes (at least one byte is mapped,
    /// since mmap refuses length 0).
    pub fn create(name: &str, len: usize) -> io::Result<Mapping> {
        let cname = std::ffi::CString::new(name).unwrap_or_default();
        // SAFETY: cname is a valid NUL-terminated string for the duration of the call.
        let fd = unsafe { libc::memfd_create(cname.as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return Err(last_error());
        }
        let size = len.max(1);
        let Ok(off) = libc::off_t::try_from(size) else {
            close_fd(fd);
            return Err(io::Error::from_raw_os_error(libc::ENOMEM));
        };
        // SAFETY: fd is the memfd just created.
        if unsafe { libc::ftruncate(fd, off) } < 0 {
            let e = last_error();
            close_fd(fd);
            return Err(e);
        }
        Self::map(fd, size).inspect_err(|_| close_fd(fd))
    }

    /// Maps an inherited memfd of at least `len` bytes; takes ownership of `fd` only
    /// on success. The size is checked first: touching a mapping past the end of
    /// its file is SIGBUS, not an exception.
    pub fn open(fd: i32, len: usize) -> io::Result<Mapping> {
        check_open(fd)?;
        let size = len.max(1);
        // SAFETY: st is plain old data filled by fstat.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: fd is open (checked) and st is a valid out-pointer.
        if unsafe { libc::fstat(fd, &mut st) } < 0 {
            return Err(last_error());
        }
        if (st.st_size as u64) < size as u64 {
            return Err(io::Error::from_raw_os_error(libc::EINVAL));
        }
        Self::map(fd, size)
    }

    fn map(fd: i32, size: usize) -> io::Result<Mapping> {
        // SAFETY: a fresh shared mapping of an open descriptor; the kernel picks the
        // address, and failure is reported as MAP_FAILED.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(last_error());
        }
        Ok(Mapping {
            fd,
            ptr: ptr.cast(),
            len: size,
        })
    }

    /// The memfd (what a child inherits).
    pub fn fd(&self) -> i32 {
        self.fd
    }

    /// The start of the mapping (page-aligned).
    pub fn ptr(&self) -> *mut u8 {
        self.ptr
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: ptr/len are exactly what mmap returned; nothing uses them after drop.
        unsafe {
            libc::munmap(self.ptr.cast(), self.len);
        }
        close_fd(self.fd);
    }
}
