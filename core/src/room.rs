//! Making room for the live text: which of nianbao's own stored data gives way first when
//! saving the open draft meets a full quota.
//!
//! The text a clerk is typing outranks history. The order is: the oldest snapshots of any
//! draft (never the newest snapshot of a draft), then trash entries past their keeping time,
//! then younger trash, oldest first. The adapter measures what is stored and applies the
//! order; this module only decides it, so the order is tested natively.

/// How long a deleted draft is kept in the trash (7 days, in milliseconds).
pub const TRASH_KEEP_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// One stored snapshot, as the adapter measured it.
#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotItem {
    /// Id of the draft the snapshot belongs to.
    pub draft: String,
    /// When the snapshot was taken (milliseconds since the epoch).
    pub saved_at: f64,
    /// Its size in the stored list, in UTF-16 code units.
    pub units: usize,
}

/// One trash entry, as the adapter measured it.
#[derive(Clone, Debug, PartialEq)]
pub struct TrashItem {
    /// Id of the deleted draft.
    pub id: String,
    /// When it was deleted (milliseconds since the epoch).
    pub deleted_at: f64,
    /// Size of the entry plus its draft's snapshots, in UTF-16 code units.
    pub units: usize,
}

/// One step of making room, in the order it is to be taken.
#[derive(Clone, Debug, PartialEq)]
pub enum Evict {
    /// Drop the snapshot of `draft` taken at `saved_at`.
    Snapshot {
        /// Id of the draft.
        draft: String,
        /// Which snapshot.
        saved_at: f64,
        /// Units freed.
        units: usize,
    },
    /// Drop a trash entry and its snapshots for good.
    Trash {
        /// Id of the deleted draft.
        id: String,
        /// Whether it was past its keeping time anyway.
        expired: bool,
        /// Units freed.
        units: usize,
    },
}

impl Evict {
    /// Units this step frees.
    pub fn units(&self) -> usize {
        match self {
            Evict::Snapshot { units, .. } | Evict::Trash { units, .. } => *units,
        }
    }
}

/// Everything that may give way, in the order it gives way. Snapshots of drafts in the trash
/// count as snapshots here too (their newest stays until the trash entry itself goes).
pub fn eviction_order(snapshots: &[SnapshotItem], trash: &[TrashItem], now: f64) -> Vec<Evict> {
    let mut spare: Vec<&SnapshotItem> = snapshots
        .iter()
        .filter(|s| {
            // The newest snapshot of each draft stays: it is the last version to go back to.
            snapshots
                .iter()
                .any(|o| o.draft == s.draft && o.saved_at > s.saved_at)
        })
        .collect();
    crate::sort::sort_by(&mut spare, |a, b| a.saved_at.total_cmp(&b.saved_at));
    let mut out: Vec<Evict> = spare
        .into_iter()
        .map(|s| Evict::Snapshot {
            draft: s.draft.clone(),
            saved_at: s.saved_at,
            units: s.units,
        })
        .collect();
    let mut bin: Vec<&TrashItem> = trash.iter().collect();
    crate::sort::sort_by(&mut bin, |a, b| a.deleted_at.total_cmp(&b.deleted_at));
    // Expired first, then the rest; each group oldest first (a stable partition).
    let (expired, kept): (Vec<&TrashItem>, Vec<&TrashItem>) = bin
        .into_iter()
        .partition(|t| now - t.deleted_at > TRASH_KEEP_MS);
    for (group, is_expired) in [(expired, true), (kept, false)] {
        out.extend(group.into_iter().map(|t| Evict::Trash {
            id: t.id.clone(),
            expired: is_expired,
            units: t.units,
        }));
    }
    out
}

/// The shortest prefix of `order` that frees at least `needed` units (all of it if even
/// that is not enough).
pub fn enough(order: &[Evict], needed: usize) -> &[Evict] {
    let mut freed = 0;
    for (i, e) in order.iter().enumerate() {
        if freed >= needed {
            return &order[..i];
        }
        freed += e.units();
    }
    order
}

/// What making room dropped, for the notice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Freed {
    /// Snapshots dropped.
    pub snapshots: usize,
    /// Trash entries past their 7 days dropped.
    pub expired_trash: usize,
    /// Younger trash entries dropped.
    pub trash: usize,
}

impl Freed {
    /// Counts one step.
    pub fn add(&mut self, e: &Evict) {
        match e {
            Evict::Snapshot { .. } => self.snapshots += 1,
            Evict::Trash { expired: true, .. } => self.expired_trash += 1,
            Evict::Trash { expired: false, .. } => self.trash += 1,
        }
    }

    /// Whether anything was dropped.
    pub fn is_empty(&self) -> bool {
        *self == Freed::default()
    }

    /// The notice telling the user what was dropped, or `None` when nothing was.
    pub fn notice(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.snapshots > 0 {
            parts.push(format!("{} 个较早的历史版本", self.snapshots));
        }
        if self.expired_trash > 0 {
            parts.push(format!("回收站中 {} 份已过 7 天的草稿", self.expired_trash));
        }
        if self.trash > 0 {
            parts.push(format!("回收站中 {} 份最近删除的草稿", self.trash));
        }
        (!parts.is_empty()).then(|| {
            format!(
                "浏览器存储空间已满。为保存正文，已删除 {}；每份草稿最新的历史版本都还在。",
                parts.join("、")
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(draft: &str, saved_at: f64) -> SnapshotItem {
        SnapshotItem {
            draft: draft.into(),
            saved_at,
            units: 10,
        }
    }

    fn bin(id: &str, deleted_at: f64) -> TrashItem {
        TrashItem {
            id: id.into(),
            deleted_at,
            units: 100,
        }
    }

    fn names(order: &[Evict]) -> Vec<String> {
        order
            .iter()
            .map(|e| match e {
                Evict::Snapshot {
                    draft, saved_at, ..
                } => format!("{draft}@{saved_at}"),
                Evict::Trash { id, expired, .. } => format!("trash {id} {expired}"),
            })
            .collect()
    }

    #[test]
    fn oldest_snapshots_of_any_draft_then_expired_trash_then_other_trash() {
        let now = TRASH_KEEP_MS + 1000.0;
        let snaps = [
            snap("a", 5.0),
            snap("a", 1.0),
            snap("b", 3.0),
            snap("b", 2.0),
            snap("a", 9.0),
            snap("c", 0.5),
        ];
        let trash = [
            bin("young", now - 10.0),
            bin("old", 10.0),
            bin("older", 5.0),
        ];
        assert_eq!(
            names(&eviction_order(&snaps, &trash, now)),
            [
                "a@1",
                "b@2",
                "a@5",
                "trash older true",
                "trash old true",
                "trash young false"
            ]
        );
    }

    #[test]
    fn the_newest_snapshot_of_each_draft_never_gives_way() {
        let order = eviction_order(&[snap("a", 1.0), snap("b", 2.0)], &[], 0.0);
        assert!(order.is_empty());
    }

    #[test]
    fn enough_stops_once_the_need_is_met() {
        let order = eviction_order(
            &[
                snap("a", 1.0),
                snap("a", 2.0),
                snap("a", 3.0),
                snap("a", 4.0),
            ],
            &[],
            0.0,
        );
        assert_eq!(enough(&order, 0).len(), 0);
        assert_eq!(enough(&order, 15).len(), 2);
        assert_eq!(enough(&order, 20).len(), 2);
        assert_eq!(enough(&order, 1000).len(), 3);
    }

    #[test]
    fn notice_names_what_was_dropped() {
        let mut f = Freed::default();
        assert_eq!(f.notice(), None);
        f.add(&Evict::Snapshot {
            draft: "a".into(),
            saved_at: 1.0,
            units: 1,
        });
        f.add(&Evict::Snapshot {
            draft: "a".into(),
            saved_at: 2.0,
            units: 1,
        });
        let n = f.notice().unwrap();
        assert!(n.contains("为保存正文，已删除 2 个较早的历史版本"), "{n}");
        f.add(&Evict::Trash {
            id: "t".into(),
            expired: true,
            units: 1,
        });
        assert!(f.notice().unwrap().contains("回收站中 1 份已过 7 天的草稿"));
    }
}
