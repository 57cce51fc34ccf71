//! Backup files: every draft in one JSON file, and restoring one without overwriting anything.

use crate::format::{self, FormatError, Stored, APP, SCHEMA};
use serde::Serialize;
use serde_json::Value;
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
pub fn decode(raw: &str) -> Result<Vec<Stored>, BackupError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| BackupError::NotJson(e.to_string()))?;
    let obj = value.as_object().ok_or(BackupError::NotBackup)?;
    if obj.get("app").and_then(Value::as_str) != Some(APP)
        || obj.get("kind").and_then(Value::as_str) != Some(KIND)
    {
        return Err(BackupError::NotBackup);
    }
    let list = obj
        .get("drafts")
        .and_then(Value::as_array)
        .ok_or(BackupError::NotBackup)?;
    if list.is_empty() {
        return Err(BackupError::Empty);
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            format::decode_value(v.clone()).map_err(|error| BackupError::BadDraft {
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
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
