use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An impact x likelihood rating on the config's scale (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Rating {
    /// How bad it would be, from 1 to the size of `scale.impact`.
    #[schemars(range(min = 1))]
    pub impact: u32,
    /// How likely it is, from 1 to the size of `scale.likelihood`.
    #[schemars(range(min = 1))]
    pub likelihood: u32,
}

impl Rating {
    /// The score: impact times likelihood.
    pub fn score(&self) -> u32 {
        self.impact * self.likelihood
    }
}

impl std::fmt::Display for Rating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.impact, self.likelihood)
    }
}
