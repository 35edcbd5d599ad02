//! Where each version of a document lives in the repository.

use chrono::Datelike;

use crate::calendar::date;
use crate::model::{Doc, Register, slug};
use crate::themes::short_title;

/// The folders documents are kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folders {
    /// `risks/`, `mitigations/` and `reviews/`, the final layout.
    Final,
    /// `<kind>/<system>/<year>-q<n>/`.
    Sharded,
    /// `<kind>/domain-<nn>/`, about [`DOMAIN_SIZE`] documents in each.
    Domain,
}

/// About how many documents a domain folder holds.
const DOMAIN_SIZE: usize = 1000;

/// Where a version of a document lives, relative to its final path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Its final name and folder.
    Final,
    /// Named by its ID alone: `risks/R-00042.yaml`.
    Bare,
    /// Named after its older title (a risk before its title gained its scope qualifier).
    OldSlug,
    /// In the other kind's folder: a mitigation filed under `risks/`, or the reverse.
    Misfiled,
    /// Under `risks/archive/` (retired risks).
    Archive,
}

impl Register {
    /// The path of document `n` in the repository, at a place, in one of the layouts.
    pub fn path(&self, n: usize, place: Place, folders: Folders, prefix: &str) -> String {
        // Risks and mitigations are spread over their domains in turn.
        let domain = |index: usize, count: usize| index % count.div_ceil(DOMAIN_SIZE).max(1);
        let (folder, other, id, slug, anchor) = match self.doc(n) {
            Doc::Risk(r) => {
                let risk = &self.risks[r];
                let slug = match place {
                    Place::OldSlug => slug(short_title(&risk.title).unwrap_or(&risk.title)),
                    _ => risk.slug.clone(),
                };
                ("risks", "mitigations", &risk.id, Some(slug), Some(risk))
            }
            Doc::Mitigation(m) => {
                let m = &self.mitigations[m];
                let anchor = &self.risks[m.risks[0]];
                let slug = Some(m.slug.clone());
                ("mitigations", "risks", &m.id, slug, Some(anchor))
            }
            Doc::Review(v) => ("reviews", "reviews", &self.reviews[v].id, None, None),
        };
        let folder = match place {
            Place::Misfiled => other,
            Place::Archive => "risks/archive",
            _ => folder,
        };
        let name = match slug {
            Some(slug) if place != Place::Bare => format!("{id}-{slug}.yaml"),
            _ => format!("{id}.yaml"),
        };
        let domain = match self.doc(n) {
            Doc::Risk(r) => Some(domain(r, self.risks.len())),
            Doc::Mitigation(m) => Some(domain(m, self.mitigations.len())),
            Doc::Review(_) => None,
        };
        match (anchor, domain) {
            (Some(_), Some(domain)) if folders == Folders::Domain && place != Place::Archive => {
                format!("{prefix}{folder}/domain-{:02}/{name}", domain + 1)
            }
            (Some(risk), _) if folders == Folders::Sharded && place != Place::Archive => {
                let when = date(risk.identified);
                let quarter = when.month0() / 3 + 1;
                let system = risk.systems[0];
                format!(
                    "{prefix}{folder}/{system}/{}-q{quarter}/{name}",
                    when.year()
                )
            }
            _ => format!("{prefix}{folder}/{name}"),
        }
    }
}
