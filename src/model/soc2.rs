//! The SOC 2 trust services criteria (AICPA 2017 TSC, revised points of focus 2022).

use std::collections::HashSet;
use std::sync::OnceLock;

/// Each series and how many criteria it has: CC1 has CC1.1 to CC1.5, and so on.
const SERIES: [(&str, u32); 20] = [
    ("CC1", 5),
    ("CC2", 3),
    ("CC3", 4),
    ("CC4", 2),
    ("CC5", 3),
    ("CC6", 8),
    ("CC7", 5),
    ("CC8", 1),
    ("CC9", 2),
    ("A1", 3),
    ("C1", 2),
    ("PI1", 5),
    ("P1", 1),
    ("P2", 1),
    ("P3", 2),
    ("P4", 3),
    ("P5", 2),
    ("P6", 7),
    ("P7", 1),
    ("P8", 1),
];

/// Every criterion ID, e.g. `CC3.2`.
pub fn criteria() -> &'static HashSet<String> {
    static CRITERIA: OnceLock<HashSet<String>> = OnceLock::new();
    CRITERIA.get_or_init(|| {
        SERIES
            .iter()
            .flat_map(|(series, count)| (1..=*count).map(move |n| format!("{series}.{n}")))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_all_61_criteria() {
        let all = criteria();
        assert_eq!(all.len(), 61);
        for id in [
            "CC1.1", "CC3.2", "CC9.2", "A1.3", "C1.2", "PI1.5", "P6.7", "P8.1",
        ] {
            assert!(all.contains(id), "{id}");
        }
        for id in ["CC9.3", "CC10.1", "A1.4", "P9.1", "cc6.1"] {
            assert!(!all.contains(id), "{id}");
        }
    }
}
