//! Ctrl-C: a SIGINT handler that only sets a flag; the interpreter loop turns it
//! into KeyboardInterrupt at its next periodic check, and blocking calls poll it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::sync::OnceLock;

static INTERRUPTED: OnceLock<Arc<AtomicBool>> = OnceLock::new();

fn flag() -> &'static Arc<AtomicBool> {
    INTERRUPTED.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

/// Installs the SIGINT handler (once per process).
pub fn install_interrupt_handler() {
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, flag().clone());
}

/// True (once) if Ctrl-C was pressed since the last call.
pub fn take_interrupt() -> bool {
    flag().swap(false, Ordering::SeqCst)
}

/// True if Ctrl-C is pending, without consuming it (for blocking calls that poll).
pub fn interrupt_pending() -> bool {
    flag().load(Ordering::SeqCst)
}

/// Simulates Ctrl-C (tests, and `_thread.interrupt_main` later).
pub fn raise_interrupt() {
    flag().store(true, Ordering::SeqCst);
}
