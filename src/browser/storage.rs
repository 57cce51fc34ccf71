//! The only code that touches localStorage: drafts, snapshots, trash, quarantine, settings.
//!
//! Layout: `nianbao.draft.{id}` one draft each; `nianbao.snap.{id}` its snapshots;
//! `nianbao.trash.{id}` a deleted draft kept for undo; `nianbao.quarantine.{n}` unreadable
//! values, kept byte for byte; `nianbao.current` the open draft; `nianbao.meta` backup
//! bookkeeping. Version 1 kept its single draft under `nianbao.draft`.
//!
//! Unreadable stored data is never overwritten: it is copied aside and verified first.

use crate::core::backup::BackupMeta;
use crate::core::format::{self, FormatError, Stored};
use crate::core::library::utf16_len;
use crate::core::model::Draft;
use crate::core::snapshots::{self, Snapshot};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};

pub const DRAFT_PREFIX: &str = "nianbao.draft.";
pub const SNAP_PREFIX: &str = "nianbao.snap.";
pub const TRASH_PREFIX: &str = "nianbao.trash.";
pub const QUARANTINE_PREFIX: &str = "nianbao.quarantine.";
pub const CURRENT_KEY: &str = "nianbao.current";
pub const META_KEY: &str = "nianbao.meta";
/// Where schema 1 kept its only draft.
pub const LEGACY_KEY: &str = "nianbao.draft";
/// Deleted drafts are purged from the trash after this long.
pub const TRASH_KEEP_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// Why storage failed. The messages are shown to the user as they are.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum StorageError {
    #[error("浏览器禁止了本地存储（可能是隐私模式或安全设置），草稿无法保存，请及时导出")]
    Unavailable,
    #[error("浏览器存储空间已满，最新修改没有保存")]
    QuotaExceeded,
    #[error("写入后读回的内容不一致，最新修改可能没有保存")]
    ReadBackMismatch,
    #[error("另一个标签页已保存了这份草稿的更新版本")]
    Conflict { theirs: u64 },
    #[error("草稿无法读取：{0}")]
    Unreadable(FormatError),
    #[error("存储出错：{0}")]
    Other(String),
}

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    // gloo's `raw()` throws when storage is disabled, so availability is checked first.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(StorageError::Unavailable),
    }
}

fn classify(e: JsValue) -> StorageError {
    match e.dyn_ref::<web_sys::DomException>() {
        // Code 22 is QuotaExceededError in every engine; Firefox also has its own name.
        Some(d)
            if d.code() == 22
                || d.name() == "QuotaExceededError"
                || d.name() == "NS_ERROR_DOM_QUOTA_REACHED" =>
        {
            StorageError::QuotaExceeded
        }
        Some(d) => StorageError::Other(format!("{}: {}", d.name(), d.message())),
        None => StorageError::Other(format!("{e:?}")),
    }
}

/// Reads a raw value.
pub fn read_raw(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?.get_item(key).map_err(classify)
}

/// Writes a raw value and reads it back to prove it landed.
pub fn write_raw(key: &str, value: &str) -> Result<(), StorageError> {
    let storage = local_storage()?;
    storage.set_item(key, value).map_err(classify)?;
    match storage.get_item(key).map_err(classify)? {
        Some(back) if back == value => Ok(()),
        _ => Err(StorageError::ReadBackMismatch),
    }
}

/// Removes a key.
pub fn remove(key: &str) -> Result<(), StorageError> {
    local_storage()?.remove_item(key).map_err(classify)
}

/// Every key in storage.
pub fn keys() -> Result<Vec<String>, StorageError> {
    let s = local_storage()?;
    let n = s.length().map_err(classify)?;
    Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
}

/// Copies a raw value aside under a fresh quarantine key, verified, and returns that key.
fn quarantine(raw: &str, now_ms: f64) -> Result<String, StorageError> {
    let existing = keys()?;
    let mut n = now_ms.max(0.0) as u64;
    while existing.contains(&format!("{QUARANTINE_PREFIX}{n}")) {
        n += 1;
    }
    let key = format!("{QUARANTINE_PREFIX}{n}");
    write_raw(&key, raw)?;
    Ok(key)
}

/// A value that could not be read, kept aside.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Damaged {
    pub key: String,
    pub units: usize,
    pub error: String,
}

/// A deleted draft, restorable from the trash.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Trashed {
    pub id: String,
    pub name: String,
    pub deleted_at: u64,
}

#[derive(Serialize, Deserialize)]
struct TrashEntry {
    deleted_at: f64,
    stored: String,
}

/// Everything in storage, as the draft list needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scan {
    /// Readable drafts with the size of their stored value, newest save first.
    pub drafts: Vec<(Stored, usize)>,
    pub damaged: Vec<Damaged>,
    pub trash: Vec<Trashed>,
    /// Problems met on the way that did not stop the scan, for the user to read.
    pub problems: Vec<String>,
}

/// Reads every draft. On the way it migrates the schema-1 draft, moves unreadable draft
/// values to quarantine (copy verified before the original goes) and purges old trash.
pub fn scan(now_ms: f64) -> Result<Scan, StorageError> {
    let mut out = Scan::default();
    if let Some(raw) = read_raw(LEGACY_KEY)? {
        match format::decode(&raw) {
            Ok(stored) => {
                write_raw(
                    &draft_key(&stored.id),
                    &format::encode(&stored.id, &stored.draft, stored.revision, stored.saved_at),
                )?;
                remove(LEGACY_KEY)?;
            }
            Err(e) => match quarantine(&raw, now_ms) {
                Ok(key) => {
                    remove(LEGACY_KEY)?;
                    out.problems
                        .push(format!("旧版草稿无法读取（{e}），已原样保留为 {key}"));
                }
                Err(_) => {
                    out.problems.push(format!(
                        "旧版草稿无法读取（{e}），已原样保留在 {LEGACY_KEY}"
                    ));
                    out.damaged.push(Damaged {
                        units: utf16_len(&raw),
                        key: LEGACY_KEY.into(),
                        error: e.to_string(),
                    });
                }
            },
        }
    }
    for key in keys()? {
        let Some(raw) = read_raw(&key)? else { continue };
        if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
            match format::decode(&raw) {
                Ok(stored) if stored.id == id => out.drafts.push((stored, utf16_len(&raw))),
                result => {
                    let error = match result {
                        Err(e) => e.to_string(),
                        Ok(_) => "草稿编号与存储位置不符".to_string(),
                    };
                    match quarantine(&raw, now_ms) {
                        Ok(qkey) => {
                            remove(&key)?;
                            out.problems
                                .push(format!("一份草稿无法读取（{error}），已原样保留为 {qkey}"));
                        }
                        // No room to copy it: it stays where it is, untouched, and no new
                        // draft ever takes its key.
                        Err(_) => {
                            out.problems
                                .push(format!("一份草稿无法读取（{error}），已原样保留在 {key}"));
                            out.damaged.push(Damaged {
                                units: utf16_len(&raw),
                                key: key.clone(),
                                error,
                            });
                        }
                    }
                }
            }
        } else if let Some(id) = key.strip_prefix(TRASH_PREFIX) {
            match serde_json::from_str::<TrashEntry>(&raw) {
                Ok(t) if now_ms - t.deleted_at > TRASH_KEEP_MS => remove(&key)?,
                Ok(t) => {
                    let name = format::decode(&t.stored)
                        .map(|s| s.draft.name.clone().unwrap_or_else(|| s.draft.unit.clone()))
                        .unwrap_or_default();
                    out.trash.push(Trashed {
                        id: id.to_string(),
                        name,
                        deleted_at: t.deleted_at as u64,
                    });
                }
                Err(_) => {}
            }
        }
    }
    // Quarantined values are listed after the moves above, so new ones are included.
    for key in keys()? {
        if key.starts_with(QUARANTINE_PREFIX) {
            let raw = read_raw(&key)?.unwrap_or_default();
            let error = format::decode(&raw)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_else(|| "已隔离".into());
            out.damaged.push(Damaged {
                units: utf16_len(&raw),
                key,
                error,
            });
        }
    }
    out.drafts
        .sort_by(|a, b| b.0.saved_at.total_cmp(&a.0.saved_at));
    out.damaged.sort_by(|a, b| a.key.cmp(&b.key));
    out.trash.sort_by_key(|t| std::cmp::Reverse(t.deleted_at));
    Ok(out)
}

/// Loads one draft.
pub fn load(id: &str) -> Result<Option<Stored>, StorageError> {
    match read_raw(&draft_key(id))? {
        None => Ok(None),
        Some(raw) => format::decode(&raw)
            .map(Some)
            .map_err(StorageError::Unreadable),
    }
}

/// Saves a draft whose last known stored revision is `base`, and returns the new revision.
/// A stored revision newer than `base` means another tab saved: nothing is written.
pub fn save(id: &str, draft: &Draft, base: u64, now_ms: f64) -> Result<u64, StorageError> {
    let key = draft_key(id);
    if let Some(theirs) = read_raw(&key)?.as_deref().and_then(format::peek_revision) {
        if theirs > base {
            return Err(StorageError::Conflict { theirs });
        }
    }
    let revision = base + 1;
    write_raw(&key, &format::encode(id, draft, revision, now_ms))?;
    Ok(revision)
}

/// Writes a whole stored draft under its id (new drafts, copies, restores).
pub fn put(stored: &Stored) -> Result<(), StorageError> {
    write_raw(
        &draft_key(&stored.id),
        &format::encode(&stored.id, &stored.draft, stored.revision, stored.saved_at),
    )
}

/// Moves a draft to the trash (kept for undo), with its snapshots left in place.
pub fn trash(id: &str, now_ms: f64) -> Result<(), StorageError> {
    let key = draft_key(id);
    let raw = read_raw(&key)?.ok_or(StorageError::Other("草稿不存在".into()))?;
    let entry = TrashEntry {
        deleted_at: now_ms,
        stored: raw,
    };
    let json = serde_json::to_string(&entry).map_err(|e| StorageError::Other(e.to_string()))?;
    write_raw(&format!("{TRASH_PREFIX}{id}"), &json)?;
    remove(&key)
}

/// Brings a draft back from the trash.
pub fn untrash(id: &str) -> Result<(), StorageError> {
    let tkey = format!("{TRASH_PREFIX}{id}");
    let raw = read_raw(&tkey)?.ok_or(StorageError::Other("回收站中没有这份草稿".into()))?;
    let entry: TrashEntry =
        serde_json::from_str(&raw).map_err(|e| StorageError::Other(e.to_string()))?;
    write_raw(&draft_key(id), &entry.stored)?;
    remove(&tkey)
}

/// The snapshots of a draft, oldest first.
pub fn snapshots(id: &str) -> Vec<Snapshot> {
    read_raw(&format!("{SNAP_PREFIX}{id}"))
        .ok()
        .flatten()
        .map(|raw| snapshots::decode(&raw))
        .unwrap_or_default()
}

/// Adds a snapshot. Snapshots give way to drafts: on a full quota the oldest are dropped
/// until the list fits, and if even one does not fit, none is kept.
pub fn add_snapshot(id: &str, snap: Snapshot) -> Result<(), StorageError> {
    let key = format!("{SNAP_PREFIX}{id}");
    let mut list = snapshots(id);
    snapshots::push(&mut list, snap, snapshots::BUDGET_UNITS);
    loop {
        match write_raw(&key, &snapshots::encode(&list)) {
            Err(StorageError::QuotaExceeded) if list.len() > 1 => {
                let half = list.len() / 2;
                list.drain(..half);
            }
            other => return other,
        }
    }
}

/// Removes a draft's snapshots (after the draft itself is purged).
pub fn drop_snapshots(id: &str) -> Result<(), StorageError> {
    remove(&format!("{SNAP_PREFIX}{id}"))
}

pub fn current_id() -> Option<String> {
    read_raw(CURRENT_KEY)
        .ok()
        .flatten()
        .filter(|s| !s.is_empty())
}

pub fn set_current_id(id: &str) -> Result<(), StorageError> {
    write_raw(CURRENT_KEY, id)
}

pub fn meta() -> BackupMeta {
    read_raw(META_KEY)
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default()
}

pub fn set_meta(meta: &BackupMeta) -> Result<(), StorageError> {
    let json = serde_json::to_string(meta).map_err(|e| StorageError::Other(e.to_string()))?;
    write_raw(META_KEY, &json)
}
