//! The commits to diff, handed out in runs, in order, to whichever of the walk's two threads
//! asks: the walk diffs run after run, the builder only when it has nothing to build. So
//! the split suits every register: where diffing trees is the work (large folders) both
//! threads diff, and where reading and parsing the files is (many small folders) the
//! builder builds while the walk diffs.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Runs of positions in the commits' order, claimed in order.
pub(super) struct Runs {
    next: AtomicUsize,
    closed: AtomicBool,
    len: usize,
    run: usize,
}

/// Runs are about this share of the commits: short enough that the builder can help often
/// and both threads finish close together, long enough that a folder's versions are read
/// in long runs.
const RUNS: usize = 32;

/// The shortest and longest run.
const RUN_LENGTHS: (usize, usize) = (64, 1024);

impl Runs {
    /// Runs over positions `0..len`.
    pub(super) fn new(len: usize) -> Runs {
        Runs {
            next: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
            len,
            run: (len / RUNS).clamp(RUN_LENGTHS.0, RUN_LENGTHS.1),
        }
    }

    /// The next run nobody claimed yet (its index and positions); `None` once every run is
    /// claimed, or after [`Runs::close`].
    pub(super) fn claim(&self) -> Option<(usize, Range<usize>)> {
        if self.closed.load(Ordering::Acquire) {
            return None;
        }
        let index = self.next.fetch_add(1, Ordering::AcqRel);
        let start = index
            .checked_mul(self.run)
            .filter(|start| *start < self.len)?;
        Some((index, start..self.len.min(start + self.run)))
    }

    /// Hands out no more runs (a run failed: the ones after it are not needed).
    pub(super) fn close(&self) {
        self.closed.store(true, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_position_is_claimed_once_in_order() {
        let runs = Runs::new(200);
        assert_eq!(runs.claim(), Some((0, 0..64)));
        assert_eq!(runs.claim(), Some((1, 64..128)));
        assert_eq!(runs.claim(), Some((2, 128..192)));
        assert_eq!(runs.claim(), Some((3, 192..200)));
        assert_eq!(runs.claim(), None);
        assert_eq!(runs.claim(), None);
        assert_eq!(Runs::new(0).claim(), None);
    }

    #[test]
    fn a_closed_runs_hands_out_nothing() {
        let runs = Runs::new(5_000);
        assert_eq!(runs.claim(), Some((0, 0..156)));
        runs.close();
        assert_eq!(runs.claim(), None);
    }
}
