//! The commit graph of a history: every commit read once, and the order a history is built
//! in.

use std::collections::HashMap;
use std::sync::Arc;

use git2::{ErrorCode, Oid};

use super::tree::Trees;
use super::{Commit, GitError, Packs, Repo, convert, corrupt};

/// The commits of a history, each read once, with their register folders, in the order a
/// history is built; the tip is read first, so there is always at least one. A history that
/// continues an earlier one holds only the commits after it, and the earlier commits they
/// name as parents (its boundary), which are read but neither walked past nor diffed.
pub struct Commits {
    pub(super) nodes: Vec<GraphNode>,
    /// The object ID of each commit's register folder.
    pub(super) subtrees: Vec<Option<Oid>>,
    /// Indexes into `nodes` of the commits to diff: parents before children, oldest first.
    pub(super) order: Vec<usize>,
}

impl Repo {
    /// Every commit reachable from `rev` (default HEAD), each read once, in the order a
    /// history is built: parents before children, oldest first.
    pub fn commits(&self, rev: Option<&str>) -> Result<Commits, GitError> {
        self.commits_until(self.tip_commit(rev)?, &|_| false)
    }

    /// The commits reachable from `rev` (default HEAD) that an earlier history up to `base`
    /// does not hold (`known` says which it holds), when that history can simply be
    /// continued: `base` is on `rev`'s first-parent line and every new commit descends from
    /// it, so the new commits come after all of the earlier ones in the order a history is
    /// built, and no earlier commit lands elsewhere. `None` otherwise (a rewritten branch,
    /// a merged branch that forked before `base`, `rev` being `base`).
    pub fn commits_after(
        &self,
        rev: Option<&str>,
        base: &str,
        known: &dyn Fn(&str) -> bool,
    ) -> Result<Option<Commits>, GitError> {
        let tip = self.tip_commit(rev)?;
        // `base` must be the first commit of the earlier history on the first-parent line.
        if known(&tip.id().to_string())
            || self.first_parent_find(rev, usize::MAX, known)?.as_deref() != Some(base)
        {
            return Ok(None);
        }
        let commits = self.commits_until(tip, known)?;
        let mut descends: Vec<bool> = commits
            .nodes
            .iter()
            .map(|node| node.commit.id == base)
            .collect();
        for &index in &commits.order {
            descends[index] = commits.nodes[index]
                .parents
                .iter()
                .any(|&parent| descends[parent]);
        }
        Ok(commits
            .order
            .iter()
            .all(|&index| descends[index])
            .then_some(commits))
    }

    /// The nearest commit before `rev` (default HEAD) on its first-parent line that `found`
    /// accepts, looking at most `limit` commits back.
    pub fn first_parent_find(
        &self,
        rev: Option<&str>,
        limit: usize,
        found: &dyn Fn(&str) -> bool,
    ) -> Result<Option<String>, GitError> {
        let mut at = self.tip_commit(rev)?;
        for _ in 0..limit {
            at = match at.parent(0) {
                Ok(parent) => parent,
                Err(error) if error.code() == ErrorCode::NotFound => return Ok(None),
                Err(error) => return Err(corrupt(&error)),
            };
            let id = at.id().to_string();
            if found(&id) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// The commits reachable from `tip`, read up to the ones `known` holds (the boundary).
    fn commits_until(
        &self,
        tip: git2::Commit<'_>,
        known: &dyn Fn(&str) -> bool,
    ) -> Result<Commits, GitError> {
        let nodes = self.graph(tip, known)?;
        let odb = self.objects(Packs::Shared)?;
        let mut trees = Trees::new(&odb, &self.large_trees);
        let mut subtrees: Vec<Option<Oid>> = Vec::with_capacity(nodes.len());
        for node in &nodes {
            subtrees.push(self.subtree(&mut trees, node.tree)?);
        }
        let order = topological_order(&nodes);
        Ok(Commits {
            nodes,
            subtrees,
            order,
        })
    }

    /// Every commit reachable from `tip`, each read once, with its parents as indexes; a
    /// commit `known` holds is a boundary node, whose parents are not read.
    fn graph(
        &self,
        tip: git2::Commit<'_>,
        known: &dyn Fn(&str) -> bool,
    ) -> Result<Vec<GraphNode>, GitError> {
        let mut nodes: Vec<GraphNode> = Vec::new();
        let mut parent_ids: Vec<Vec<Oid>> = Vec::new();
        let mut index_of: HashMap<Oid, usize> = HashMap::new();
        let mut pending = vec![tip];
        while let Some(commit) = pending.pop() {
            if index_of.contains_key(&commit.id()) {
                continue;
            }
            index_of.insert(commit.id(), nodes.len());
            let converted = convert(&commit);
            let boundary = known(&converted.id);
            let parents: Vec<Oid> = if boundary {
                Vec::new()
            } else {
                commit.parent_ids().collect()
            };
            for parent in &parents {
                if !index_of.contains_key(parent) {
                    pending.push(
                        self.repo
                            .find_commit(*parent)
                            .map_err(|error| corrupt(&error))?,
                    );
                }
            }
            nodes.push(GraphNode {
                commit: Arc::new(converted),
                tree: commit.tree_id(),
                parents: Vec::new(),
                boundary,
            });
            parent_ids.push(parents);
        }
        for (node, parents) in nodes.iter_mut().zip(parent_ids) {
            node.parents = parents.iter().map(|parent| index_of[parent]).collect();
        }
        Ok(nodes)
    }
}

impl Commits {
    /// The commit the history was read from.
    pub fn tip(&self) -> Arc<Commit> {
        Arc::clone(&self.nodes[0].commit)
    }

    /// The register folder of the commit at `index` of the nodes and of its parent (none for
    /// a root commit), when it has to be diffed: not for a merge commit, nor when the
    /// folder is the same object on both sides.
    pub(super) fn folders(&self, index: usize) -> Option<(Option<Oid>, Option<Oid>)> {
        let parent = match self.nodes[index].parents[..] {
            [] => None,
            [parent] => self.subtrees[parent],
            _ => return None,
        };
        let folder = self.subtrees[index];
        (parent != folder).then_some((parent, folder))
    }

    /// How many commits there are to diff.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// The tip's first-parent line, oldest first, and for every commit the position on that
    /// line of the first commit that has it as an ancestor (or is it): where it landed, a
    /// merged branch's commits at their merge. "The history up to line commit `k`" is
    /// every commit that landed at `k` or earlier.
    pub fn first_parent_line(&self) -> Landing {
        let mut line = Vec::new();
        let mut at = Some(0);
        while let Some(index) = at {
            line.push(index);
            at = self.nodes[index].parents.first().copied();
        }
        line.reverse();
        let mut landed: Vec<Option<usize>> = vec![None; self.nodes.len()];
        for (position, &index) in line.iter().enumerate() {
            let mut pending = vec![index];
            while let Some(next) = pending.pop() {
                if landed[next].is_some() {
                    continue;
                }
                landed[next] = Some(position);
                pending.extend(self.nodes[next].parents.iter().copied());
            }
        }
        Landing {
            line: line
                .iter()
                .map(|&index| Arc::clone(&self.nodes[index].commit))
                .collect(),
            landed: self
                .nodes
                .iter()
                .zip(landed)
                .map(|(node, position)| (node.commit.id.clone(), position.unwrap_or(0)))
                .collect(),
        }
    }

    /// Where each commit landed, for a history that continues `earlier` (see
    /// [`Repo::commits_after`]): the earlier line, then this one's after the boundary commit
    /// it starts from; the earlier commits where they landed, the new ones after them.
    pub fn continued_landing(&self, earlier: Landing) -> Landing {
        let own = self.first_parent_line();
        let offset = earlier.line.len().saturating_sub(1);
        let Landing {
            mut line,
            mut landed,
        } = earlier;
        for node in self.nodes.iter().filter(|node| !node.boundary) {
            if let Some(&position) = own.landed.get(&node.commit.id) {
                landed.insert(node.commit.id.clone(), position + offset);
            }
        }
        line.extend(own.line.into_iter().skip(1));
        Landing { line, landed }
    }
}

/// Where each commit of a history landed on the tip's first-parent line.
#[derive(Debug, Clone, Default)]
pub struct Landing {
    /// The first-parent line, oldest first.
    pub line: Vec<Arc<Commit>>,
    /// Each commit's landing position on the line, by commit ID.
    pub landed: HashMap<String, usize>,
}

/// A commit of the history graph.
pub(super) struct GraphNode {
    pub(super) commit: Arc<Commit>,
    pub(super) tree: Oid,
    /// Indexes of the parents in the graph.
    pub(super) parents: Vec<usize>,
    /// A commit of the earlier history this one continues: read as a parent, not ordered.
    pub(super) boundary: bool,
}

/// The graph's commits with parents before children and, among commits whose parents are
/// all listed, the oldest (by committer time) first: the order `git log --reverse
/// --topo-order` would list them in. Boundary commits are listed already, as they were in
/// the earlier history.
pub(super) fn topological_order(graph: &[GraphNode]) -> Vec<usize> {
    let mut waiting_on: Vec<usize> = graph
        .iter()
        .map(|node| {
            node.parents
                .iter()
                .filter(|&&parent| !graph[parent].boundary)
                .count()
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); graph.len()];
    for (index, node) in graph.iter().enumerate() {
        for &parent in &node.parents {
            children[parent].push(index);
        }
    }
    let key = |index: usize| std::cmp::Reverse((graph[index].commit.time, index));
    let mut ready: std::collections::BinaryHeap<_> = (0..graph.len())
        .filter(|&index| waiting_on[index] == 0 && !graph[index].boundary)
        .map(key)
        .collect();
    let mut order = Vec::with_capacity(graph.len());
    while let Some(std::cmp::Reverse((_, index))) = ready.pop() {
        order.push(index);
        for &child in &children[index] {
            waiting_on[child] -= 1;
            if waiting_on[child] == 0 {
                ready.push(key(child));
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_parents_first_then_oldest_first() {
        let node = |time: i64, parents: Vec<usize>| GraphNode {
            commit: Arc::new(Commit {
                id: String::new(),
                time,
                offset_minutes: 0,
                author: String::new(),
                email: String::new(),
                summary: String::new(),
            }),
            tree: Oid::ZERO_SHA1,
            parents,
            boundary: false,
        };
        // As read from the tip: a merge of two branches, each one commit off the root; the
        // branch committed first is listed first, and a child dated before its parent still
        // comes after it.
        let graph = vec![
            node(6, vec![1, 2]),
            node(5, vec![3]),
            node(3, vec![3]),
            node(1, vec![]),
            node(0, vec![0]),
        ];
        assert_eq!(topological_order(&graph), [3, 2, 1, 0, 4]);
    }
}
