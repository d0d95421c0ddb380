//! The hand-off latency histogram and the global counters kept under the state mutex.

use std::time::Duration;

/// Latencies in power-of-two buckets of nanoseconds.
#[derive(Clone, Debug, Default)]
pub struct Histogram {
    /// `counts[i]` counts latencies in `[2^i, 2^(i+1))` ns (bucket 0 also takes 0 ns).
    pub counts: Vec<u64>,
    /// Number of samples.
    pub total: u64,
    /// Largest sample.
    pub max: Duration,
}

impl Histogram {
    /// The bucket upper bound below which `q` (0..=1) of the samples fall.
    pub fn quantile(&self, q: f64) -> Duration {
        if self.total == 0 {
            return Duration::ZERO;
        }
        // NaN reads as 0; at least one sample is needed so q = 0 names the lowest
        // occupied bucket rather than an empty bucket 0.
        let q = if q.is_nan() { 0.0 } else { q.clamp(0.0, 1.0) };
        let target = ((q * self.total as f64).ceil() as u64).clamp(1, self.total);
        let mut seen = 0u64;
        let mut last_occupied = 0;
        for (i, &count) in self.counts.iter().enumerate() {
            seen += count;
            if count != 0 {
                last_occupied = i;
            }
            if seen >= target {
                return bucket_upper_bound(i);
            }
        }
        // Only reachable if `total` exceeds the sum of `counts` (a hand-built value).
        bucket_upper_bound(last_occupied)
    }
}

/// `2^(i+1)` ns, the exclusive upper bound of bucket `i` (computed in u128 so the
/// last bucket's 2^64 ns does not overflow).
fn bucket_upper_bound(i: usize) -> Duration {
    let nanos = 1u128 << (i + 1).min(127);
    let secs = (nanos / 1_000_000_000).min(u64::MAX as u128) as u64;
    Duration::new(secs, (nanos % 1_000_000_000) as u32)
}

/// One bucket per bit of a u64 nanosecond count.
const BUCKETS: usize = 64;

/// The live hand-off counters, kept inside the lock's state (so updated under its
/// mutex, with no atomics of their own).
#[derive(Clone)]
pub(crate) struct GlobalCounters {
    pub(crate) switches: u64,
    pub(crate) forced_switches: u64,
    pub(crate) reacquisitions: u64,
    latency: [u64; BUCKETS],
    latency_total: u64,
    latency_max: Duration,
}

impl GlobalCounters {
    pub(crate) fn new() -> GlobalCounters {
        GlobalCounters {
            switches: 0,
            forced_switches: 0,
            reacquisitions: 0,
            latency: [0; BUCKETS],
            latency_total: 0,
            latency_max: Duration::ZERO,
        }
    }

    /// Adds one hand-off latency sample.
    pub(crate) fn record_latency(&mut self, latency: Duration) {
        self.latency[bucket_of(nanos(latency))] += 1;
        self.latency_total += 1;
        self.latency_max = self.latency_max.max(latency);
    }

    /// The latency histogram as the public type.
    pub(crate) fn histogram(&self) -> Histogram {
        Histogram {
            counts: self.latency.to_vec(),
            total: self.latency_total,
            max: self.latency_max,
        }
    }
}

/// The bucket of a sample: the index of its highest set bit (0 ns goes to bucket 0).
pub(crate) fn bucket_of(ns: u64) -> usize {
    if ns == 0 {
        0
    } else {
        63 - ns.leading_zeros() as usize
    }
}

/// A duration as saturating u64 nanoseconds (585 years fit; more is not a latency).
pub(crate) fn nanos(d: Duration) -> u64 {
    d.as_nanos().min(u64::MAX as u128) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(samples: &[u64]) -> Histogram {
        let mut c = GlobalCounters::new();
        for &s in samples {
            c.record_latency(Duration::from_nanos(s));
        }
        c.histogram()
    }

    #[test]
    fn buckets_are_powers_of_two() {
        assert_eq!(bucket_of(0), 0);
        assert_eq!(bucket_of(1), 0);
        assert_eq!(bucket_of(2), 1);
        assert_eq!(bucket_of(3), 1);
        assert_eq!(bucket_of(1024), 10);
        assert_eq!(bucket_of(2047), 10);
        assert_eq!(bucket_of(u64::MAX), 63);
    }

    #[test]
    fn quantile_of_empty_is_zero() {
        assert_eq!(Histogram::default().quantile(0.5), Duration::ZERO);
        assert_eq!(hist(&[]).quantile(0.99), Duration::ZERO);
    }

    #[test]
    fn quantile_returns_bucket_upper_bounds() {
        // 90 samples in [1024, 2048) and 10 in [65536, 131072).
        let mut samples = vec![1500; 90];
        samples.extend([100_000; 10]);
        let h = hist(&samples);
        assert_eq!(h.total, 100);
        assert_eq!(h.max, Duration::from_nanos(100_000));
        assert_eq!(h.quantile(0.0), Duration::from_nanos(2048));
        assert_eq!(h.quantile(0.5), Duration::from_nanos(2048));
        assert_eq!(h.quantile(0.9), Duration::from_nanos(2048));
        assert_eq!(h.quantile(0.91), Duration::from_nanos(131_072));
        assert_eq!(h.quantile(1.0), Duration::from_nanos(131_072));
        assert_eq!(h.quantile(7.0), Duration::from_nanos(131_072));
    }

    #[test]
    fn last_bucket_bound_does_not_overflow() {
        let h = hist(&[u64::MAX]);
        assert_eq!(h.counts[63], 1);
        assert_eq!(h.quantile(0.5).as_nanos(), 1u128 << 64);
    }
}
