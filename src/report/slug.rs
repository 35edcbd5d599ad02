//! Heading anchors as GitHub makes them (its `github-slugger`): the heading's text
//! lowercased, every character but letters, digits, `-`, `_` and spaces dropped, spaces
//! made `-`; a heading whose anchor is taken already gets `-1`, `-2`, ... appended.
//!
//! github-slugger drops characters by Unicode category; this keeps what Rust calls
//! alphanumeric, which is the same for everything riskreg writes in a heading (document IDs
//! are ASCII; a risk's heading keeps of its title only letters, digits, spaces and ASCII
//! punctuation). The test suite compares the two on the report when github-slugger is
//! installed.

use std::collections::HashMap;

/// The anchor of one heading text, on its own.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Unique anchors for the headings of one document, in order.
#[derive(Debug, Default)]
pub struct Slugger {
    /// For each anchor handed out, how many times its text's plain anchor was asked for
    /// after the first.
    occurrences: HashMap<String, usize>,
}

impl Slugger {
    /// The anchor of the next heading: its [`slug`], with `-N` appended while that is taken.
    pub fn slug(&mut self, text: &str) -> String {
        let original = slug(text);
        let mut result = original.clone();
        while self.occurrences.contains_key(&result) {
            let count = self.occurrences.entry(original.clone()).or_default();
            *count += 1;
            result = format!("{original}-{count}");
        }
        self.occurrences.insert(result.clone(), 0);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_as_github_does() {
        assert_eq!(slug("Risk R-001"), "risk-r-001");
        assert_eq!(slug("Risk R-1.2_b"), "risk-r-12_b");
        assert_eq!(slug("Heat maps: Ärger & more!"), "heat-maps-ärger--more");
    }

    #[test]
    fn repeated_headings_get_numbered() {
        let mut slugger = Slugger::default();
        let anchors: Vec<String> = ["Risk R-1", "Risk R-1", "Risk R-1-1", "Risk R-1"]
            .iter()
            .map(|text| slugger.slug(text))
            .collect();
        assert_eq!(
            anchors,
            ["risk-r-1", "risk-r-1-1", "risk-r-1-1-1", "risk-r-1-2"]
        );
    }
}
