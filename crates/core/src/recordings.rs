//! The total size cap of recorded interview answers (kept by the browser edge in IndexedDB).

/// What recordings may take together: about an hour of speech at the usual Opus bitrates.
pub const CAP_BYTES: u64 = 50 * 1024 * 1024;

/// How many of the oldest recordings to remove so that the rest fit in `cap`; `sizes` oldest first.
pub fn oldest_over_cap(sizes: &[u64], cap: u64) -> usize {
    let mut total: u64 = sizes.iter().sum();
    sizes
        .iter()
        .take_while(|&&size| {
            let over = total > cap;
            total -= size;
            over
        })
        .count()
}
