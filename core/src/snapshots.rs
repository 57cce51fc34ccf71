//! Snapshots: earlier versions of a draft kept for preview and restore, within a budget.

use crate::model::Draft;
use serde::{Deserialize, Serialize};

/// Versions kept per draft.
pub const MAX_SNAPSHOTS: usize = 20;
/// A new snapshot is taken when the newest is older than this (so there is at least one
/// for every 10 minutes of editing).
pub const INTERVAL_MS: f64 = 5.0 * 60.0 * 1000.0;
/// Budget for one draft's snapshots, in UTF-16 code units of their JSON (the quota's unit).
pub const BUDGET_UNITS: usize = 1_000_000;

/// One earlier version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// When the version was saved, in milliseconds since the epoch.
    pub saved_at: f64,
    /// The revision of the save it was taken from.
    pub revision: u64,
    /// The draft as it was.
    pub draft: Draft,
}

/// Whether a save at `now` should also be kept as a snapshot.
pub fn due(list: &[Snapshot], now: f64) -> bool {
    list.last().is_none_or(|s| now - s.saved_at >= INTERVAL_MS)
}

/// Adds a snapshot, then drops the oldest until at most [`MAX_SNAPSHOTS`] remain and the
/// encoded list fits `budget` units. The newest is always kept.
pub fn push(list: &mut Vec<Snapshot>, snap: Snapshot, budget: usize) {
    if list.last().is_some_and(|s| s.draft == snap.draft) {
        return;
    }
    list.push(snap);
    let excess = list.len().saturating_sub(MAX_SNAPSHOTS);
    list.drain(..excess);
    let mut sizes: Vec<usize> = list.iter().map(encoded_units).collect();
    let mut total: usize = sizes.iter().sum();
    while total > budget && list.len() > 1 {
        total -= sizes.remove(0);
        list.remove(0);
    }
}

/// Size of one snapshot in a stored list, in UTF-16 code units.
pub fn encoded_units(s: &Snapshot) -> usize {
    serde_json::to_string(s)
        .map(|j| crate::library::utf16_len(&j))
        .unwrap_or(0)
}

/// The stored form of a snapshot list.
pub fn encode(list: &[Snapshot]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// A stored snapshot list; unreadable snapshots are an empty history, never an error,
/// because the draft itself is stored apart.
pub fn decode(raw: &str) -> Vec<Snapshot> {
    serde_json::from_str(raw).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::template::Template;

    fn version(n: usize) -> Snapshot {
        let t = Template::builtin();
        let mut d = Draft::from_template(&t, "县科技局", 2023, None);
        let p = d.parts[0].id;
        d.apply(Edit::SetBody(p, "字".repeat(n)), &t).unwrap();
        Snapshot {
            saved_at: n as f64 * INTERVAL_MS,
            revision: n as u64,
            draft: d,
        }
    }

    #[test]
    fn keeps_the_last_twenty_and_skips_duplicates() {
        let mut list = Vec::new();
        for n in 1..=25 {
            push(&mut list, version(n), BUDGET_UNITS);
            push(&mut list, version(n), BUDGET_UNITS);
        }
        assert_eq!(list.len(), MAX_SNAPSHOTS);
        assert_eq!(list.first().unwrap().revision, 6);
        assert_eq!(list.last().unwrap().revision, 25);
    }

    #[test]
    fn budget_drops_oldest_but_keeps_newest() {
        let mut list = Vec::new();
        for n in 1..=5 {
            push(&mut list, version(n * 1000), 5_000);
        }
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].revision, 5000);
    }

    #[test]
    fn due_after_interval() {
        assert!(due(&[], 0.0));
        let list = vec![version(1)];
        assert!(!due(&list, INTERVAL_MS * 1.5));
        assert!(due(&list, INTERVAL_MS * 2.0));
    }

    #[test]
    fn decode_tolerates_garbage() {
        assert_eq!(decode("{"), Vec::<Snapshot>::new());
        let list = vec![version(3)];
        assert_eq!(decode(&encode(&list)), list);
    }
}
