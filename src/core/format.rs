//! The stored form of a draft: versioned JSON, with migrations from every earlier version.

use crate::core::model::Draft;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Schema version written by this build.
pub const SCHEMA: u32 = 1;
/// Marks a stored value as ours, so that foreign data under our key is recognised.
pub const APP: &str = "nianbao";

/// A draft as stored, with what the storage layer needs to know about the save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub app: String,
    pub schema: u32,
    /// Incremented on every save, so a newer save can be told from an older one.
    pub revision: u64,
    /// Milliseconds since the Unix epoch at the time of the save.
    pub saved_at: f64,
    pub draft: Draft,
}

/// Why stored text could not be read as a draft.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum FormatError {
    #[error("保存的内容不是有效的 JSON（{0}）")]
    NotJson(String),
    #[error("保存的内容不是本程序的草稿")]
    NotOurs,
    #[error("草稿格式版本 {0} 比本程序新，请使用新版本打开")]
    TooNew(u32),
    #[error("草稿内容不完整或已损坏（{0}）")]
    Invalid(String),
}

/// Serialises a draft for storage.
pub fn encode(draft: &Draft, revision: u64, saved_at: f64) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        app: &'a str,
        schema: u32,
        revision: u64,
        saved_at: f64,
        draft: &'a Draft,
    }
    let out = Out {
        app: APP,
        schema: SCHEMA,
        revision,
        saved_at,
        draft,
    };
    // Serialising plain structs of strings and numbers cannot fail; an empty value would be
    // caught by the read-back check of the storage layer anyway.
    serde_json::to_string(&out).unwrap_or_default()
}

/// Reads stored text, migrating older schema versions.
pub fn decode(raw: &str) -> Result<Stored, FormatError> {
    let value: serde_json::Value =
        serde_json::from_str(raw).map_err(|e| FormatError::NotJson(e.to_string()))?;
    let obj = value.as_object().ok_or(FormatError::NotOurs)?;
    if obj.get("app").and_then(|a| a.as_str()) != Some(APP) {
        return Err(FormatError::NotOurs);
    }
    let schema = obj
        .get("schema")
        .and_then(|s| s.as_u64())
        .ok_or_else(|| FormatError::Invalid("缺少格式版本".into()))?;
    let schema = u32::try_from(schema).map_err(|_| FormatError::TooNew(u32::MAX))?;
    // Each future schema adds one step here, upgrading the JSON value by one version.
    match schema {
        SCHEMA => {}
        n if n > SCHEMA => return Err(FormatError::TooNew(n)),
        n => return Err(FormatError::Invalid(format!("未知的格式版本 {n}"))),
    }
    let stored: Stored =
        serde_json::from_value(value).map_err(|e| FormatError::Invalid(e.to_string()))?;
    validate(&stored.draft)?;
    Ok(stored)
}

/// Checks what serde cannot: ids unique and below `next_id`, the open entry present.
fn validate(d: &Draft) -> Result<(), FormatError> {
    use crate::core::model::{Section, INTRO};
    fn ids(list: &[Section], depth: usize, out: &mut Vec<u32>) -> Result<(), FormatError> {
        if depth > crate::core::model::MAX_LEVEL {
            return Err(FormatError::Invalid("标题层级过深".into()));
        }
        for s in list {
            out.push(s.id.0);
            ids(&s.children, depth + 1, out)?;
        }
        Ok(())
    }
    let mut all = Vec::new();
    ids(&d.parts, 1, &mut all)?;
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    if all.len() != n
        || all.first() == Some(&INTRO.0)
        || all.last().is_some_and(|&m| m >= d.next_id)
    {
        return Err(FormatError::Invalid("章节编号重复或越界".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::Template;

    fn draft() -> Draft {
        Draft::from_template(&Template::builtin(), "县科技局", 2023, None)
    }

    #[test]
    fn round_trip() {
        let d = draft();
        let raw = encode(&d, 7, 1.5e12);
        let s = decode(&raw).unwrap();
        assert_eq!((s.schema, s.revision, s.saved_at), (SCHEMA, 7, 1.5e12));
        assert_eq!(s.draft, d);
    }

    #[test]
    fn unreadable_values_are_told_apart() {
        assert!(matches!(decode("{not json"), Err(FormatError::NotJson(_))));
        assert_eq!(decode("[1,2]"), Err(FormatError::NotOurs));
        assert_eq!(
            decode(r#"{"app":"other","schema":1}"#),
            Err(FormatError::NotOurs)
        );
        let newer = encode(&draft(), 1, 0.0).replace("\"schema\":1", "\"schema\":99");
        assert_eq!(decode(&newer), Err(FormatError::TooNew(99)));
        let broken = encode(&draft(), 1, 0.0).replace("\"parts\"", "\"partz\"");
        assert!(matches!(decode(&broken), Err(FormatError::Invalid(_))));
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut d = draft();
        d.parts[1].id = d.parts[0].id;
        assert!(matches!(
            decode(&encode(&d, 1, 0.0)),
            Err(FormatError::Invalid(_))
        ));
        let mut d = draft();
        d.next_id = 2;
        assert!(matches!(
            decode(&encode(&d, 1, 0.0)),
            Err(FormatError::Invalid(_))
        ));
    }
}
