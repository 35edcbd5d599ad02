//! The register in memory: its documents in their final versions.

use crate::calendar::Day;

/// An impact x likelihood rating on the 5 x 5 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    /// 1 to 5.
    pub impact: u32,
    /// 1 to 5.
    pub likelihood: u32,
}

impl Rating {
    /// Impact times likelihood.
    pub fn score(self) -> u32 {
        self.impact * self.likelihood
    }

    /// The configured `treatment_target_days` of this rating's level.
    fn target_days(self) -> i32 {
        match self.score() {
            16.. => 30,
            10.. => 90,
            5.. => 180,
            _ => 365,
        }
    }
}

/// The four responses to a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Reduce it with mitigation actions.
    Mitigate,
    /// Live with it, approved and time-boxed.
    Accept,
    /// Move it to a third party.
    Transfer,
    /// Stop the activity that causes it.
    Avoid,
}

/// How a risk is treated, with what backs the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    /// Reduce the risk with mitigation actions.
    Mitigate,
    /// Live with the risk, approved and time-boxed.
    Accept {
        /// Why.
        rationale: &'static str,
        /// Index of the approving owner.
        approver: usize,
        /// When it was approved.
        approved_on: Day,
        /// When it must be renewed.
        expires: Day,
    },
    /// Move the risk to a third party.
    Transfer {
        /// Why.
        rationale: &'static str,
        /// Who carries it.
        to: &'static str,
    },
    /// Stop the activity that causes it.
    Avoid {
        /// Why.
        rationale: &'static str,
    },
}

/// A risk document.
pub struct RiskDoc {
    /// `R-00001`.
    pub id: String,
    /// The file name after the ID.
    pub slug: String,
    /// One line.
    pub title: String,
    /// Two or three lines of prose.
    pub description: Vec<String>,
    /// Index into [`OWNERS`](crate::organization::OWNERS).
    pub owner: usize,
    /// When it was identified.
    pub identified: Day,
    /// SOC 2 criteria.
    pub criteria: &'static [&'static str],
    /// Systems concerned; the first is the theme's.
    pub systems: Vec<&'static str>,
    /// Before treatment.
    pub inherent: Rating,
    /// After treatment, once re-rated.
    pub residual: Option<Rating>,
    /// The decision and its backing.
    pub treatment: Treatment,
    /// When and why it was retired.
    pub retired: Option<(Day, &'static str)>,
    /// Index into [`THEMES`](crate::themes::THEMES).
    pub theme: usize,
}

impl RiskDoc {
    /// The latest due date its mitigations may have: identified plus the target of its level.
    pub fn due_bound(&self) -> Day {
        self.identified + self.inherent.target_days()
    }
}

/// The lifecycle of a mitigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not started.
    Planned,
    /// Being worked on.
    InProgress,
    /// Stuck.
    Blocked,
    /// Done.
    Completed,
    /// Dropped.
    Cancelled,
}

impl Status {
    /// The name written in `status:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// A mitigation document.
pub struct MitigationDoc {
    /// `M-00001`.
    pub id: String,
    /// The file name after the ID.
    pub slug: String,
    /// What will be done.
    pub title: String,
    /// Optional details.
    pub description: Vec<String>,
    /// Indices of the risks it treats, primary first.
    pub risks: Vec<usize>,
    /// Index into [`OWNERS`](crate::organization::OWNERS).
    pub owner: usize,
    /// When it is due.
    pub due: Day,
    /// Where it stands.
    pub status: Status,
    /// When it was completed.
    pub completed_on: Option<Day>,
    /// What blocks it.
    pub blocker: Option<&'static str>,
    /// Links and paths proving the work.
    pub evidence: Vec<String>,
    /// Progress log.
    pub updates: Vec<(Day, &'static str)>,
}

/// A review record.
pub struct ReviewDoc {
    /// `REV-2026-Q3`.
    pub id: String,
    /// A heading.
    pub title: String,
    /// When it took place.
    pub date: Day,
    /// Who attended (indices into [`OWNERS`](crate::organization::OWNERS)); the chair is the
    /// CISO.
    pub attendees: Vec<usize>,
    /// The risks covered; `None` for all.
    pub scope: Option<Vec<usize>>,
    /// Minutes.
    pub notes: Vec<String>,
    /// Decisions per risk.
    pub outcomes: Vec<(usize, &'static str)>,
}

/// The register's documents in their final versions.
pub struct Register {
    /// Oldest first.
    pub risks: Vec<RiskDoc>,
    /// In ID order.
    pub mitigations: Vec<MitigationDoc>,
    /// Oldest first.
    pub reviews: Vec<ReviewDoc>,
}

/// A document by kind and index. The history numbers documents across kinds: risks first,
/// then mitigations, then reviews.
#[derive(Debug, Clone, Copy)]
pub enum Doc {
    /// Index into [`Register::risks`].
    Risk(usize),
    /// Index into [`Register::mitigations`].
    Mitigation(usize),
    /// Index into [`Register::reviews`].
    Review(usize),
}

impl Register {
    /// The number of documents.
    pub fn count(&self) -> usize {
        self.risks.len() + self.mitigations.len() + self.reviews.len()
    }

    /// Document number `n`.
    pub fn doc(&self, n: usize) -> Doc {
        let risks = self.risks.len();
        let mitigations = risks + self.mitigations.len();
        if n < risks {
            Doc::Risk(n)
        } else if n < mitigations {
            Doc::Mitigation(n - risks)
        } else {
            Doc::Review(n - mitigations)
        }
    }

    /// The ID of document `n`.
    pub fn id(&self, n: usize) -> &str {
        match self.doc(n) {
            Doc::Risk(r) => &self.risks[r].id,
            Doc::Mitigation(m) => &self.mitigations[m].id,
            Doc::Review(v) => &self.reviews[v].id,
        }
    }
}

/// The width of zero-padded document numbers: at least five digits.
pub fn id_width(count: usize) -> usize {
    count.to_string().len().max(5)
}

/// A file-name slug of a title: lowercase words joined by dashes, at most about 48 characters.
pub fn slug(title: &str) -> String {
    let mut slug = String::with_capacity(48);
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !slug.is_empty() && slug.len() + word.len() >= 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}
