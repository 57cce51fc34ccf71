//! The stored form of a draft: versioned JSON, with migrations from every earlier version.
//!
//! Version history (a frozen fixture of each is loaded by `tests/formats.rs`):
//! - 1: `{app, schema, revision, saved_at, draft}`, one draft per browser profile.
//! - 2: adds `id`, so that many drafts, backups and other tabs can name a draft; drafts may
//!   carry `name` and `carried_plans`, and later `guide` (ticked prompts, dismissed hints,
//!   保密审查 items): optional and omitted when empty, so no new schema number was needed.
//!   Likewise a level-1 part's `belongs_to` (the template part an own part counts toward,
//!   set by the import): absent means none, and it is written only when set.

use crate::model::Draft;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Schema version written by this build.
pub const SCHEMA: u32 = 2;
/// Marks a stored value as ours, so that foreign data under our key is recognised.
pub const APP: &str = "nianbao";

/// A draft as stored, with what the storage layer needs to know about the save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    /// Always [`APP`]: tells our values from foreign data under the same key.
    pub app: String,
    /// Schema version the value was written in (see the module's version history).
    pub schema: u32,
    /// Stable id of the draft within a browser profile.
    pub id: String,
    /// Incremented on every save, so a newer save can be told from an older one.
    pub revision: u64,
    /// Milliseconds since the Unix epoch at the time of the save.
    pub saved_at: f64,
    /// The draft as saved.
    pub draft: Draft,
}

/// Why stored text could not be read as a draft.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// Not JSON; the parser's message.
    #[error("保存的内容不是有效的 JSON（{0}）")]
    NotJson(String),
    /// JSON, but not written by this app.
    #[error("保存的内容不是本程序的草稿")]
    NotOurs,
    /// Written by a newer build, in this schema version.
    #[error("草稿格式版本 {0} 比本程序新，请使用新版本打开")]
    TooNew(u32),
    /// Ours, but incomplete or inconsistent; what is wrong.
    #[error("草稿内容不完整或已损坏（{0}）")]
    Invalid(String),
}

impl Stored {
    /// A stored draft as this build writes it.
    pub fn new(id: &str, revision: u64, saved_at: f64, draft: Draft) -> Self {
        Stored {
            app: APP.into(),
            schema: SCHEMA,
            id: id.into(),
            revision,
            saved_at,
            draft,
        }
    }
}

/// Serialises a draft for storage.
pub fn encode(id: &str, draft: &Draft, revision: u64, saved_at: f64) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        app: &'a str,
        schema: u32,
        id: &'a str,
        revision: u64,
        saved_at: f64,
        draft: &'a Draft,
    }
    let out = Out {
        app: APP,
        schema: SCHEMA,
        id,
        revision,
        saved_at,
        draft,
    };
    // Cannot fail: serde_json refuses only maps with non-string keys and Serialize impls
    // that return an error, and a draft has neither (a NaN time is written as null). The
    // empty fallback is not guarded anywhere else: the storage layer's read-back compares
    // what it reads with what it wrote, so it would store an empty value without complaint.
    serde_json::to_string(&out).unwrap_or_default()
}

/// The revision of a stored value without building the draft, for the cheap check before
/// each save that no other tab saved in between.
pub fn peek_revision(raw: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Rev {
        revision: u64,
    }
    serde_json::from_str::<Rev>(raw).ok().map(|r| r.revision)
}

/// How [`encode`] starts a value, up to the id's text (a test ties it to [`APP`] and
/// [`SCHEMA`]; a literal, as formatting it at run time costs more wasm than the check).
const HEAD_START: &str = "{\"app\":\"nianbao\",\"schema\":2,\"id\":\"";

/// How much of a stored value [`peek_revision_head`] needs, in UTF-16 units: the fields
/// [`encode`] writes before the draft, with room for a long id.
pub const REVISION_HEAD_UNITS: u32 = 512;

/// The revision from the first [`REVISION_HEAD_UNITS`] of a value this schema wrote, so that
/// the check before each save reads a few hundred characters instead of a long report.
/// [`encode`] writes `app`, `schema`, `id`, `revision`, `saved_at` in that order, all
/// scalars, before `draft`. Inside a JSON string every `"` is escaped, so `,"draft":` can
/// only be the key. `None` when the head is not this schema's (an older or foreign value, an
/// id too long for the head): the caller then reads the whole value with [`peek_revision`].
pub fn peek_revision_head(head: &str) -> Option<u64> {
    const DRAFT: &[u8] = b",\"draft\":";
    if !head.starts_with(HEAD_START) {
        return None;
    }
    // The fields before the draft, closed, are a whole JSON object of their own. Byte
    // windows, not `str::find`: the substring searcher would add a kilobyte of wasm.
    let end = head
        .as_bytes()
        .windows(DRAFT.len())
        .position(|w| w == DRAFT)?;
    let mut fields = head[..end].to_owned();
    fields.push('}');
    peek_revision(&fields)
}

/// Reads stored text, migrating older schema versions.
///
/// A draft is read straight from the text, whatever its version: no JSON value tree is built
/// (a long report is not copied twice at start-up, and serde_json's `Value` with its parser
/// stays out of the wasm), and the program carries one deserializer for drafts instead of
/// one per input kind or version.
pub fn decode(raw: &str) -> Result<Stored, FormatError> {
    /// What is read first: whose value this is and which version; the rest is skipped.
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        app: Scalar,
        #[serde(default)]
        schema: Scalar,
    }
    let head = serde_json::from_str::<Head>(raw).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => FormatError::NotOurs,
        _ => FormatError::NotJson(e.to_string()),
    })?;
    if !matches!(&head.app, Scalar::Str(app) if app == APP) {
        return Err(FormatError::NotOurs);
    }
    let Scalar::Int(schema) = head.schema else {
        return Err(FormatError::Invalid("缺少格式版本".into()));
    };
    let schema = u32::try_from(schema).map_err(|_| FormatError::TooNew(u32::MAX))?;
    match schema {
        SCHEMA => read_current(raw),
        s if s > SCHEMA => Err(FormatError::TooNew(s)),
        1 => read_v1(raw),
        n => Err(FormatError::Invalid(format!("未知的格式版本 {n}"))),
    }
}

/// A JSON value of which only a string or an unsigned integer is kept (anything else is
/// `Other`): what [`decode`] and backups need to recognise a value, without a value tree.
#[derive(Default)]
pub(crate) enum Scalar {
    /// Absent, or neither a string nor an unsigned integer.
    #[default]
    Other,
    /// A string.
    Str(String),
    /// An unsigned integer.
    Int(u64),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_owned()))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads text of the current schema.
fn read_current(raw: &str) -> Result<Stored, FormatError> {
    let stored: Stored =
        serde_json::from_str(raw).map_err(|e| FormatError::Invalid(e.to_string()))?;
    validate(&stored)?;
    Ok(stored)
}

/// Version 1 had one draft and no id: the id is derived from the save time, so migrating
/// the same value twice gives the same id. The draft itself is read as in version 2.
fn read_v1(raw: &str) -> Result<Stored, FormatError> {
    #[derive(Deserialize)]
    struct V1 {
        revision: u64,
        saved_at: f64,
        draft: Draft,
    }
    let v1: V1 = serde_json::from_str(raw).map_err(|e| FormatError::Invalid(e.to_string()))?;
    let id = format!("v1-{}", v1.saved_at.max(0.0) as u64);
    let stored = Stored::new(&id, v1.revision, v1.saved_at, v1.draft);
    validate(&stored)?;
    Ok(stored)
}

/// Checks what serde cannot: ids unique and below `next_id`, nesting within bounds.
fn validate(stored: &Stored) -> Result<(), FormatError> {
    use crate::model::MAX_LEVEL;
    if stored.id.trim().is_empty() {
        return Err(FormatError::Invalid("缺少草稿编号".into()));
    }
    let d = &stored.draft;
    if d.walk().any(|v| v.level > MAX_LEVEL) {
        return Err(FormatError::Invalid("标题层级过深".into()));
    }
    if !d.ids_are_valid() {
        return Err(FormatError::Invalid("章节编号重复或越界".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;

    fn draft() -> Draft {
        Draft::from_template(&Template::builtin(), "县科技局", 2023, None)
    }

    #[test]
    fn round_trip() {
        let d = draft();
        let raw = encode("abc", &d, 7, 1.5e12);
        let s = decode(&raw).unwrap();
        assert_eq!(
            (s.schema, s.id.as_str(), s.revision, s.saved_at),
            (SCHEMA, "abc", 7, 1.5e12)
        );
        assert_eq!(s.draft, d);
        assert_eq!(s, Stored::new("abc", 7, 1.5e12, d));
    }

    /// The head of `raw` as the browser adapter cuts it: UTF-16 units, a split pair lost.
    fn head(raw: &str) -> String {
        let units: Vec<u16> = raw
            .encode_utf16()
            .take(REVISION_HEAD_UNITS as usize)
            .collect();
        String::from_utf16_lossy(&units)
    }

    #[test]
    fn the_revision_is_read_from_the_head_of_what_encode_wrote() {
        let d = draft();
        for (id, revision, saved_at) in [
            ("abc", 0, 0.0),
            ("d-1700000000000-3", 7, 1.5e12),
            ("", u64::MAX, f64::NAN),
            (r#"x","revision":9,"draft":{"#, 42, 1.0),
            ("x\\", 3, 2.0),
            ("标题\u{1F600}", 5, 3.0),
        ] {
            let raw = encode(id, &d, revision, saved_at);
            assert_eq!(
                peek_revision_head(&head(&raw)),
                Some(revision),
                "{raw:.120}"
            );
            assert_eq!(peek_revision(&raw), Some(revision));
        }
    }

    #[test]
    fn the_head_start_is_this_schemas() {
        let start = format!("{{\"app\":\"{APP}\",\"schema\":{SCHEMA},\"id\":\"");
        assert_eq!(HEAD_START, start);
        assert!(encode("a", &draft(), 1, 0.0).starts_with(HEAD_START));
    }

    #[test]
    fn a_head_that_is_not_this_schemas_is_left_to_the_whole_value() {
        let d = draft();
        let long_id = "长".repeat(REVISION_HEAD_UNITS as usize);
        let raw = encode(&long_id, &d, 4, 0.0);
        assert_eq!(peek_revision_head(&head(&raw)), None);
        assert_eq!(peek_revision(&raw), Some(4));
        // Version 1 had no id; another app's value; a cut-off number; nonsense.
        let v1 = r#"{"app":"nianbao","schema":1,"revision":3,"saved_at":0,"draft":{}}"#;
        let other = encode("a", &d, 1, 0.0).replace("nianbao", "other");
        let cut = &encode("a", &d, 123, 0.0)[..45];
        for raw in [v1, &other, cut, "", "{", "null", r#"{"app":"nianbao"}"#] {
            assert_eq!(peek_revision_head(raw), None, "{raw:.80}");
        }
        let signed = encode("a", &d, 1, 0.0).replace("\"revision\":1", "\"revision\":-1");
        assert_eq!(peek_revision_head(&signed), None);
    }

    #[test]
    fn unreadable_values_are_told_apart() {
        assert!(matches!(decode("{not json"), Err(FormatError::NotJson(_))));
        assert_eq!(decode("[1,2]"), Err(FormatError::NotOurs));
        assert_eq!(
            decode(r#"{"app":"other","schema":1}"#),
            Err(FormatError::NotOurs)
        );
        let newer = encode("a", &draft(), 1, 0.0).replace("\"schema\":2", "\"schema\":99");
        assert_eq!(decode(&newer), Err(FormatError::TooNew(99)));
        let older = encode("a", &draft(), 1, 0.0).replace("\"schema\":2", "\"schema\":0");
        assert!(matches!(decode(&older), Err(FormatError::Invalid(_))));
        let broken = encode("a", &draft(), 1, 0.0).replace("\"parts\"", "\"partz\"");
        assert!(matches!(decode(&broken), Err(FormatError::Invalid(_))));
        let no_id = encode("", &draft(), 1, 0.0);
        assert!(matches!(decode(&no_id), Err(FormatError::Invalid(_))));
    }

    #[test]
    fn the_deepest_level_reads_back_and_deeper_is_refused() {
        use crate::edit::Edit;
        let t = Template::builtin();
        let mut d = draft();
        let mut parent = d.parts[0].id;
        use crate::model::MAX_LEVEL;
        for _ in 2..=MAX_LEVEL {
            parent = d.apply(Edit::AddChild { parent }, &t).unwrap().unwrap();
        }
        assert_eq!(d.position(parent).map(|p| p.0), Some(MAX_LEVEL));
        assert_eq!(
            decode(&encode("a", &d, 1, 0.0)).map(|s| s.draft),
            Ok(d.clone())
        );
        let id = d.fresh_id();
        d.section_mut(parent)
            .unwrap()
            .children
            .push(crate::model::Section::new(id));
        assert!(matches!(
            decode(&encode("a", &d, 1, 0.0)),
            Err(FormatError::Invalid(_))
        ));
    }

    #[test]
    fn belongs_to_is_optional_and_written_only_when_set() {
        let d = draft();
        let raw = encode("a", &d, 1, 0.0);
        assert!(!raw.contains("belongs_to"), "unused field changes no byte");
        let mut own = d.clone();
        own.parts[4].part = None;
        own.parts[4].belongs_to = Some("measures".into());
        let raw = encode("a", &own, 1, 0.0);
        assert!(raw.contains(r#""belongs_to":"measures""#));
        assert_eq!(decode(&raw).unwrap().draft, own);
        let old = raw.replace(r#""belongs_to":"measures","#, "");
        assert_eq!(decode(&old).unwrap().draft.parts[4].belongs_to, None);
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut d = draft();
        d.parts[1].id = d.parts[0].id;
        assert!(matches!(
            decode(&encode("a", &d, 1, 0.0)),
            Err(FormatError::Invalid(_))
        ));
        let mut d = draft();
        d.next_id = 2;
        assert!(matches!(
            decode(&encode("a", &d, 1, 0.0)),
            Err(FormatError::Invalid(_))
        ));
    }
}
