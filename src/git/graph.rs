//! The commit graph of a history: every commit read once, and the order a history is built
//! in.

use std::collections::HashMap;
use std::sync::Arc;

use git2::Oid;

use super::Commit;

/// The commits of a history, each read once, with their register folders, in the order a
/// history is built; the tip is read first, so there is always at least one.
pub struct Commits {
    pub(super) nodes: Vec<GraphNode>,
    /// The object ID of each commit's register folder.
    pub(super) subtrees: Vec<Option<Oid>>,
    /// Indexes into `nodes`: parents before children, oldest first.
    pub(super) order: Vec<usize>,
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

    /// How many commits there are.
    pub fn len(&self) -> usize {
        self.nodes.len()
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
}

/// The graph's commits with parents before children and, among commits whose parents are
/// all listed, the oldest (by committer time) first: the order `git log --reverse
/// --topo-order` would list them in.
pub(super) fn topological_order(graph: &[GraphNode]) -> Vec<usize> {
    let mut waiting_on: Vec<usize> = graph.iter().map(|node| node.parents.len()).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); graph.len()];
    for (index, node) in graph.iter().enumerate() {
        for &parent in &node.parents {
            children[parent].push(index);
        }
    }
    let key = |index: usize| std::cmp::Reverse((graph[index].commit.time, index));
    let mut ready: std::collections::BinaryHeap<_> = (0..graph.len())
        .filter(|&index| waiting_on[index] == 0)
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
