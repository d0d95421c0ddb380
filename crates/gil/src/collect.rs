//! Taking a [`Report`] of the lock: its counters, every thread's, the lock profiles,
//! the trace when one is recorded, and the children's reports.

use crate::lock::InterpreterLock;
use crate::policy::NEVER_SWITCH;
use crate::report::{
    BlockReason, GlobalReport, Latency, LockReport, LockWaiter, Report, ThreadReport,
    REPORT_VERSION,
};
use crate::stats::Histogram;
use std::time::{Duration, Instant};

impl InterpreterLock {
    /// Everything counted since the lock was made or last reset, as data.
    pub fn report(&self) -> Report {
        // Lock order everywhere: state, then records.
        let st = self.state.lock();
        let now = Instant::now();
        let records = self.records.lock();
        let since = st.reset_at;
        let mut threads = Vec::with_capacity(records.len());
        for r in records.iter() {
            let holding = if st.held_by(r.key) {
                now.saturating_duration_since(st.held_since)
            } else {
                Duration::ZERO
            };
            let c = r.snapshot(holding);
            let blocked_by = BlockReason::ALL
                .iter()
                .map(|&reason| (reason, c.blocked_by[reason.index()].as_secs_f64()))
                .collect();
            threads.push(ThreadReport {
                ident: c.ident,
                name: c.name,
                alive: c.alive,
                started_ns: self.clock.ns(r.started_at().max(since)),
                ended_ns: c.ended_at.map(|at| self.clock.ns(at.max(since))),
                instructions: c.instructions,
                acquisitions: c.acquisitions,
                held_s: c.held.as_secs_f64(),
                waiting_s: c.waiting.as_secs_f64(),
                blocked_s: c.blocked_by.iter().sum::<Duration>().as_secs_f64(),
                blocked_by,
                longest_hold_s: c.longest_hold.as_secs_f64(),
                longest_wait_s: c.longest_wait.as_secs_f64(),
            });
        }
        let index_of = |key: u64| records.iter().position(|r| r.key == key);
        let (locks, lock_position) = self.lock_reports(&index_of);
        let trace = st.trace.as_ref().map(|log| {
            log.to_trace(&self.clock, index_of, |key| {
                match records.iter().find(|r| r.key == key) {
                    Some(r) => (r.ended_at().unwrap_or(now), r.instructions()),
                    None => (now, 0),
                }
            })
        });
        let trace = trace.map(|mut t| {
            for wait in &mut t.lock_waits {
                wait.lock = lock_position.get(wait.lock).copied().unwrap_or(wait.lock);
            }
            t
        });
        let config = self.settings.config();
        let global = GlobalReport {
            acquisitions: threads.iter().map(|t| t.acquisitions).sum(),
            switches: st.counters.switches,
            forced_switches: st.counters.forced_switches,
            reacquisitions: st.counters.reacquisitions,
            handoff_latency: latency(&st.counters.histogram()),
            longest_hold_s: threads.iter().map(|t| t.longest_hold_s).fold(0.0, f64::max),
            longest_wait_s: threads.iter().map(|t| t.longest_wait_s).fold(0.0, f64::max),
        };
        Report {
            version: REPORT_VERSION,
            pid: std::process::id(),
            policy: config.policy.name().to_string(),
            switch_interval: if config.switch_interval == NEVER_SWITCH {
                0
            } else {
                config.switch_interval
            },
            switch_seconds: config.switch_seconds,
            started_ns: self.clock.ns(since),
            ended_ns: self.clock.ns(now),
            global,
            threads,
            locks,
            trace,
            children: self.children.lock().clone(),
        }
    }

    /// The lock profiles, most waited-for first (then in creation order), and where
    /// each profile (by creation index) landed in that order.
    fn lock_reports(
        &self,
        index_of: &impl Fn(u64) -> Option<usize>,
    ) -> (Vec<LockReport>, Vec<usize>) {
        let mut locks: Vec<(usize, LockReport)> = self
            .profiles
            .all()
            .iter()
            .map(|p| {
                let c = p.counts();
                let mut waiters: Vec<LockWaiter> = c
                    .waiters
                    .iter()
                    .filter_map(|w| {
                        Some(LockWaiter {
                            thread: index_of(w.key)?,
                            waits: w.waits,
                            wait_s: Duration::from_nanos(w.wait_ns).as_secs_f64(),
                        })
                    })
                    .collect();
                waiters.sort_by(|a, b| b.wait_s.total_cmp(&a.wait_s));
                let report = LockReport {
                    kind: p.kind.clone(),
                    site: p.site.clone(),
                    objects: c.objects,
                    acquisitions: c.acquisitions,
                    contended: c.contended,
                    wait_s: c.wait.as_secs_f64(),
                    longest_wait_s: c.longest_wait.as_secs_f64(),
                    longest_hold_s: c.longest_hold.as_secs_f64(),
                    waiters,
                };
                (p.index, report)
            })
            .collect();
        locks.sort_by(|(ia, a), (ib, b)| b.wait_s.total_cmp(&a.wait_s).then(ia.cmp(ib)));
        let mut position = vec![0; locks.len()];
        for (place, (created, _)) in locks.iter().enumerate() {
            if let Some(slot) = position.get_mut(*created) {
                *slot = place;
            }
        }
        (locks.into_iter().map(|(_, l)| l).collect(), position)
    }
}

impl InterpreterLock {
    /// The hand-off latency histogram itself (the report keeps only its quantiles).
    pub fn handoff_histogram(&self) -> Histogram {
        self.state.lock().counters.histogram()
    }
}

/// The histogram's quantiles (bucket upper bounds, never above the exact maximum).
fn latency(h: &Histogram) -> Latency {
    let quantile = |q: f64| h.quantile(q).min(h.max).as_secs_f64();
    Latency {
        count: h.total,
        p50_s: quantile(0.5),
        p90_s: quantile(0.9),
        p99_s: quantile(0.99),
        max_s: h.max.as_secs_f64(),
    }
}
