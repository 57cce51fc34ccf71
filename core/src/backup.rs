//! Backup files: every draft in one JSON file, and restoring one without overwriting anything.

use crate::format::{self, FormatError, Scalar, Stored, APP, SCHEMA};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

/// Marks a JSON file as a nianbao backup.
pub const KIND: &str = "backup";

/// Why a file could not be restored.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BackupError {
    /// The file is not JSON; the parser's message.
    #[error("文件不是有效的 JSON（{0}）")]
    NotJson(String),
    /// JSON, but not a backup this app wrote.
    #[error("文件不是本程序导出的备份")]
    NotBackup,
    /// A draft in the backup that cannot be read.
    #[error("备份中第 {index} 份草稿无法读取：{error}")]
    BadDraft {
        /// Its position in the backup, from 1.
        index: usize,
        /// Why it cannot be read.
        error: FormatError,
    },
    /// A backup that holds no draft.
    #[error("备份中没有草稿")]
    Empty,
}

/// A backup file holding `drafts`.
pub fn encode(drafts: &[Stored], created_at: f64) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        app: &'a str,
        kind: &'a str,
        schema: u32,
        created_at: f64,
        drafts: &'a [Stored],
    }
    let out = Out {
        app: APP,
        kind: KIND,
        schema: SCHEMA,
        created_at,
        drafts,
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// The drafts of a backup file, each migrated to the current schema. All or nothing: one
/// unreadable draft refuses the file, so a restore never half-happens.
///
/// Each draft is handed to [`format::decode`] as the text it has in the file, so drafts have
/// one reader and no JSON value tree is built (see `format::decode`).
pub fn decode(raw: &str) -> Result<Vec<Stored>, BackupError> {
    /// The envelope; drafts stay unparsed text until [`format::decode`] reads each.
    #[derive(Deserialize)]
    struct File<'a> {
        #[serde(default)]
        app: Scalar,
        #[serde(default)]
        kind: Scalar,
        #[serde(default, borrow)]
        drafts: Option<Vec<&'a RawValue>>,
    }
    // Syntax first, over the whole file, so that broken JSON is told as such wherever the
    // envelope would have stopped reading.
    serde_json::from_str::<IgnoredAny>(raw).map_err(|e| BackupError::NotJson(e.to_string()))?;
    // Valid JSON that is not an object, or an object of another shape, is not a backup (the
    // check on `{` refuses the array form serde would also accept for the envelope).
    let file = serde_json::from_str::<File>(raw)
        .ok()
        .filter(|_| raw.trim_start().starts_with('{'))
        .ok_or(BackupError::NotBackup)?;
    let ours = |s: &Scalar, want: &str| matches!(s, Scalar::Str(v) if v == want);
    if !ours(&file.app, APP) || !ours(&file.kind, KIND) {
        return Err(BackupError::NotBackup);
    }
    let list = file.drafts.ok_or(BackupError::NotBackup)?;
    if list.is_empty() {
        return Err(BackupError::Empty);
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            format::decode(v.get()).map_err(|error| BackupError::BadDraft {
                index: i + 1,
                error,
            })
        })
        .collect()
}

/// Gives every incoming draft whose id is taken (by an existing draft or an earlier incoming
/// one) a fresh id and a name that says it is a copy, so nothing is overwritten.
pub fn without_conflicts(
    existing: &[String],
    incoming: Vec<Stored>,
    mut fresh_id: impl FnMut() -> String,
    template: &crate::template::Template,
) -> Vec<Stored> {
    let mut taken: Vec<String> = existing.to_vec();
    incoming
        .into_iter()
        .map(|mut s| {
            if taken.contains(&s.id) {
                s.id = fresh_id();
                s.draft = s.draft.copy_named("（恢复的副本）", template);
            }
            taken.push(s.id.clone());
            s
        })
        .collect()
}

/// When the last backup was made, and on which days drafts were edited since.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupMeta {
    /// When the last backup was downloaded, in milliseconds since the epoch; `None` before the first.
    #[serde(default)]
    pub last_backup_at: Option<f64>,
    /// Local dates (`yyyy-mm-dd`) with at least one save since the last backup.
    #[serde(default)]
    pub edit_days: Vec<String>,
}

/// Days of editing without a backup after which the app reminds the user.
pub const REMIND_AFTER_DAYS: usize = 7;

impl BackupMeta {
    /// Notes a save on `day`; returns whether anything changed (so callers write only then).
    pub fn record_edit(&mut self, day: &str) -> bool {
        if self.edit_days.iter().any(|d| d == day) {
            return false;
        }
        self.edit_days.push(day.to_string());
        true
    }

    /// Notes a backup made at `now` (ms since the epoch): the days without one start again.
    pub fn record_backup(&mut self, now: f64) {
        self.last_backup_at = Some(now);
        self.edit_days.clear();
    }

    /// Whether drafts were edited on so many days since the last backup that the app should remind the user.
    pub fn reminder_due(&self) -> bool {
        self.edit_days.len() >= REMIND_AFTER_DAYS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Draft;
    use crate::template::Template;

    fn stored(id: &str, unit: &str) -> Stored {
        Stored::new(
            id,
            1,
            5.0,
            Draft::from_template(&Template::builtin(), unit, 2023, None),
        )
    }

    #[test]
    fn reminds_after_seven_days_of_editing_without_backup() {
        let mut m = BackupMeta::default();
        for day in 1..=6 {
            assert!(m.record_edit(&format!("2024-01-{day:02}")));
            assert!(!m.record_edit(&format!("2024-01-{day:02}")));
        }
        assert!(!m.reminder_due());
        m.record_edit("2024-01-09");
        assert!(m.reminder_due());
        m.record_backup(1.0);
        assert!(!m.reminder_due());
        assert_eq!(m.last_backup_at, Some(1.0));
    }

    #[test]
    fn round_trip() {
        let drafts = vec![stored("a", "甲"), stored("b", "乙")];
        assert_eq!(decode(&encode(&drafts, 9.0)), Ok(drafts));
    }

    #[test]
    fn refuses_what_is_not_a_whole_backup() {
        assert!(matches!(decode("nope"), Err(BackupError::NotJson(_))));
        assert_eq!(decode(r#"{"app":"nianbao"}"#), Err(BackupError::NotBackup));
        assert_eq!(decode(&encode(&[], 1.0)), Err(BackupError::Empty));
        let bad = encode(&[stored("a", "甲"), stored("b", "乙")], 1.0).replacen(
            "\"next_id\"",
            "\"nxt\"",
            2,
        );
        assert!(matches!(
            decode(&bad),
            Err(BackupError::BadDraft { index: 1, .. })
        ));
    }

    #[test]
    fn the_envelope_is_read_without_a_value_tree_as_it_was_with_one() {
        // Other JSON is not a backup, whatever its shape; the array form serde would read
        // into the envelope struct neither.
        for other in ["5", "[1,2]", r#"["nianbao","backup",[]]"#, r#"{"app":1}"#] {
            assert_eq!(decode(other), Err(BackupError::NotBackup), "{other}");
        }
        let drafts = vec![stored("a", "甲")];
        let good = encode(&drafts, 1.0);
        let wrong = good.replacen("\"drafts\": [", "\"drafts\": 5, \"x\": [", 1);
        assert_eq!(decode(&wrong), Err(BackupError::NotBackup));
        // Broken JSON is told as such even past where the envelope has what it needs.
        let broken = format!("{}{{", &good[..good.len() - 1]);
        assert!(matches!(decode(&broken), Err(BackupError::NotJson(_))));
        // A draft of another kind inside is that draft's error, with its position.
        let foreign = good.replacen(
            "\"app\": \"nianbao\",\n      \"schema\"",
            "\"app\": \"x\",\n      \"schema\"",
            1,
        );
        assert_ne!(foreign, good);
        assert_eq!(
            decode(&foreign),
            Err(BackupError::BadDraft {
                index: 1,
                error: FormatError::NotOurs
            })
        );
    }

    #[test]
    fn conflicts_become_named_copies() {
        let t = Template::builtin();
        let mut n = 0;
        let out = without_conflicts(
            &["a".to_string()],
            vec![stored("a", "甲"), stored("c", "丙"), stored("c", "丙")],
            || {
                n += 1;
                format!("new{n}")
            },
            &t,
        );
        let ids: Vec<&str> = out.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["new1", "c", "new2"]);
        assert_eq!(
            out[0].draft.name.as_deref(),
            Some("甲2023年法治政府建设年度报告（恢复的副本）")
        );
        assert_eq!(out[1].draft.name, None);
    }
}
