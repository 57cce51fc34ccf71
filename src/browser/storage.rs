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
use crate::core::room::{self, Evict, Freed};
use crate::core::snapshots::{self, Snapshot};
use crate::core::sort;
use gloo_storage::{LocalStorage, Storage};
use js_sys::JsString;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use wasm_bindgen::prelude::wasm_bindgen;
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
pub use crate::core::room::TRASH_KEEP_MS;

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

#[wasm_bindgen]
extern "C" {
    /// `localStorage` with values that stay browser strings.
    #[wasm_bindgen(extends = js_sys::Object)]
    type JsStorage;
    /// `setItem` with a string already in the browser.
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_js(this: &JsStorage, key: &str, value: &JsString) -> Result<(), JsValue>;
    /// `getItem` leaving the value in the browser.
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &JsStorage, key: &str) -> Result<Option<JsString>, JsValue>;
}

/// Writes a raw value and reads it back to prove it landed. The value crosses into the
/// browser once and is compared there: copying a 100,000-character draft back into wasm to
/// compare it was a good part of every autosave while typing.
pub fn write_raw(key: &str, value: &str) -> Result<(), StorageError> {
    let storage = local_storage()?;
    let js = storage.unchecked_ref::<JsStorage>();
    let value = JsString::from(value);
    if let Err(e) = js.set_item_js(key, &value).map_err(classify) {
        if e == StorageError::QuotaExceeded {
            // What is stored when the browser refuses is the best measure of its quota.
            let used = stored_units(&storage);
            MEASURED_QUOTA.with(|q| q.set(Some(q.get().unwrap_or(0).max(used))));
        }
        return Err(e);
    }
    match js.get_item_js(key).map_err(classify)? {
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

/// How much of the browser's storage this site uses, in UTF-16 code units (the quota's unit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// nianbao's own keys and values.
    pub nianbao: usize,
    /// Every key and value of this site, nianbao's included.
    pub total: usize,
    /// The quota: measured when the browser last refused a write, else the usual 5 Mi units.
    pub quota: usize,
    /// Whether `quota` was measured in this page rather than assumed.
    pub measured: bool,
}

impl Usage {
    /// Share of the quota in use, in whole percent (rounded). Integers: formatting an `f64`
    /// would bring the float printing code into the program for this alone.
    pub fn percent(&self) -> usize {
        let quota = self.quota.max(1);
        (self.total * 100 + quota / 2) / quota
    }
}

/// What most engines give one site (5 MiB of UTF-16 code units in Chromium and Firefox).
const USUAL_QUOTA: usize = 5 * 1024 * 1024;

thread_local! {
    /// The quota as measured at the last refused write: what was stored at that moment.
    static MEASURED_QUOTA: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

fn stored_units(s: &web_sys::Storage) -> usize {
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .map(|k| utf16_len(&k) + s.get_item(&k).ok().flatten().map_or(0, |v| utf16_len(&v)))
        .sum()
}

/// Reads how much is stored, without writing anything.
pub fn usage() -> Result<Usage, StorageError> {
    let s = local_storage()?;
    let n = s.length().map_err(classify)?;
    let mut out = Usage::default();
    for k in (0..n).filter_map(|i| s.key(i).ok().flatten()) {
        let units = utf16_len(&k) + s.get_item(&k).ok().flatten().map_or(0, |v| utf16_len(&v));
        out.total += units;
        if k.starts_with("nianbao.") || k == LEGACY_KEY {
            out.nianbao += units;
        }
    }
    let measured = MEASURED_QUOTA.with(std::cell::Cell::get);
    out.measured = measured.is_some();
    out.quota = measured.unwrap_or(USUAL_QUOTA).max(out.total);
    Ok(out)
}

/// Everything in storage, as the draft list needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scan {
    /// Readable drafts with the size of their stored value, newest save first.
    pub drafts: Vec<(Stored, usize)>,
    pub damaged: Vec<Damaged>,
    pub trash: Vec<Trashed>,
    pub usage: Usage,
}

/// Tidies storage: migrates the schema-1 draft, moves unreadable draft values to quarantine
/// (copy verified before the original goes) and purges trash past its 7 days with its
/// snapshots. Run at start-up and on request, never while rendering. Returns the problems met,
/// for the user to read.
pub fn housekeeping(now_ms: f64) -> Result<Vec<String>, StorageError> {
    let mut problems = Vec::new();
    if let Some(raw) = read_raw(LEGACY_KEY)? {
        match format::decode(&raw) {
            Ok(stored) => {
                put(&stored)?;
                remove(LEGACY_KEY)?;
            }
            Err(e) => match quarantine(&raw, now_ms) {
                Ok(key) => {
                    remove(LEGACY_KEY)?;
                    problems.push(format!("旧版草稿无法读取（{e}），已原样保留为 {key}"));
                }
                Err(_) => problems.push(format!(
                    "旧版草稿无法读取（{e}），已原样保留在 {LEGACY_KEY}"
                )),
            },
        }
    }
    for key in keys()? {
        let Some(raw) = read_raw(&key)? else { continue };
        if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
            let Some(error) = draft_error(id, &raw) else {
                continue;
            };
            match quarantine(&raw, now_ms) {
                Ok(qkey) => {
                    remove(&key)?;
                    problems.push(format!("一份草稿无法读取（{error}），已原样保留为 {qkey}"));
                }
                // No room to copy it: it stays where it is, untouched, and no new draft ever
                // takes its key (the listing shows it as damaged).
                Err(_) => problems.push(format!("一份草稿无法读取（{error}），已原样保留在 {key}")),
            }
        } else if let Some(id) = key.strip_prefix(TRASH_PREFIX) {
            if let Ok(t) = serde_json::from_str::<TrashEntry>(&raw) {
                if now_ms - t.deleted_at > TRASH_KEEP_MS {
                    remove(&key)?;
                    remove(&format!("{SNAP_PREFIX}{id}"))?;
                }
            }
        }
    }
    Ok(problems)
}

/// Why the value under `nianbao.draft.{id}` cannot be opened, or `None` when it can.
fn draft_error(id: &str, raw: &str) -> Option<String> {
    match format::decode(raw) {
        Ok(stored) if stored.id == id => None,
        Ok(_) => Some("草稿编号与存储位置不符".to_string()),
        Err(e) => Some(e.to_string()),
    }
}

/// Lists every draft, damaged value and trash entry. Reads only: nothing is written, so memos
/// and the draft list may call it as often as they like.
pub fn list() -> Result<Scan, StorageError> {
    let mut out = Scan::default();
    for key in keys()? {
        let Some(raw) = read_raw(&key)? else { continue };
        if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
            match draft_error(id, &raw) {
                None => {
                    if let Ok(stored) = format::decode(&raw) {
                        out.drafts.push((stored, utf16_len(&raw)));
                    }
                }
                Some(error) => out.damaged.push(Damaged {
                    units: utf16_len(&raw),
                    key: key.clone(),
                    error,
                }),
            }
        } else if let Some(id) = key.strip_prefix(TRASH_PREFIX) {
            if let Ok(t) = serde_json::from_str::<TrashEntry>(&raw) {
                let name = format::decode(&t.stored)
                    .map(|s| s.draft.name.clone().unwrap_or_else(|| s.draft.unit.clone()))
                    .unwrap_or_default();
                out.trash.push(Trashed {
                    id: id.to_string(),
                    name,
                    deleted_at: t.deleted_at as u64,
                });
            }
        } else if key.starts_with(QUARANTINE_PREFIX) || key == LEGACY_KEY {
            let error = format::decode(&raw).err().map(|e| e.to_string());
            // A readable schema-1 draft is not damaged: housekeeping migrates it.
            if key == LEGACY_KEY && error.is_none() {
                continue;
            }
            out.damaged.push(Damaged {
                units: utf16_len(&raw),
                key,
                error: error.unwrap_or_else(|| "已隔离".into()),
            });
        }
    }
    out.usage = usage()?;
    sort::sort_by(&mut out.drafts, |a, b| {
        b.0.saved_at.total_cmp(&a.0.saved_at)
    });
    sort::sort_by(&mut out.damaged, |a, b| a.key.cmp(&b.key));
    sort::sort_by(&mut out.trash, |a, b| b.deleted_at.cmp(&a.deleted_at));
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
    if let Some(theirs) = stored_revision(&key)? {
        if theirs > base {
            return Err(StorageError::Conflict { theirs });
        }
    }
    let revision = base + 1;
    write_raw(&key, &format::encode(id, draft, revision, now_ms))?;
    Ok(revision)
}

/// The revision stored under `key`, if any is readable. Only the head of the value crosses
/// into wasm when it is this schema's: the whole of a long report was copied in and parsed
/// before every autosave.
fn stored_revision(key: &str) -> Result<Option<u64>, StorageError> {
    let storage = local_storage()?;
    let Some(raw) = storage
        .unchecked_ref::<JsStorage>()
        .get_item_js(key)
        .map_err(classify)?
    else {
        return Ok(None);
    };
    let head = String::from(raw.slice(0, format::REVISION_HEAD_UNITS));
    Ok(format::peek_revision_head(&head)
        .or_else(|| raw.as_string().as_deref().and_then(format::peek_revision)))
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
    let tkey = format!("{TRASH_PREFIX}{id}");
    match write_raw(&tkey, &json) {
        Ok(()) => remove(&key),
        // A full store can still take the entry once the draft's own value is gone; if not
        // even then, the draft goes back exactly as it was.
        Err(StorageError::QuotaExceeded) => {
            remove(&key)?;
            match write_raw(&tkey, &json) {
                Ok(()) => Ok(()),
                Err(e) => {
                    let _ = remove(&tkey);
                    write_raw(&key, &entry.stored)?;
                    Err(e)
                }
            }
        }
        Err(e) => Err(e),
    }
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

/// What of nianbao's own data could give way, measured, in [`room::eviction_order`].
pub fn spare(now_ms: f64) -> Result<Vec<Evict>, StorageError> {
    let mut snaps = Vec::new();
    let mut bin = Vec::new();
    for key in keys()? {
        if let Some(id) = key.strip_prefix(SNAP_PREFIX) {
            for s in snapshots(id) {
                snaps.push(room::SnapshotItem {
                    draft: id.to_string(),
                    saved_at: s.saved_at,
                    units: snapshots::encoded_units(&s),
                });
            }
        } else if let Some(id) = key.strip_prefix(TRASH_PREFIX) {
            let Some(raw) = read_raw(&key)? else { continue };
            let Ok(t) = serde_json::from_str::<TrashEntry>(&raw) else {
                continue;
            };
            let snap_units = read_raw(&format!("{SNAP_PREFIX}{id}"))?.map_or(0, |v| utf16_len(&v));
            bin.push(room::TrashItem {
                id: id.to_string(),
                deleted_at: t.deleted_at,
                units: utf16_len(&raw) + snap_units,
            });
        }
    }
    Ok(room::eviction_order(&snaps, &bin, now_ms))
}

/// Takes the steps of making room, in order. Snapshot lists are rewritten without the dropped
/// versions (removed first, so the shorter list always fits).
pub fn evict(steps: &[Evict]) -> Result<Freed, StorageError> {
    let mut freed = Freed::default();
    let mut drop_from: Vec<(&str, Vec<f64>)> = Vec::new();
    for step in steps {
        match step {
            Evict::Snapshot {
                draft, saved_at, ..
            } => match drop_from.iter_mut().find(|(d, _)| d == draft) {
                Some((_, at)) => at.push(*saved_at),
                None => drop_from.push((draft, vec![*saved_at])),
            },
            Evict::Trash { id, .. } => {
                remove(&format!("{TRASH_PREFIX}{id}"))?;
                remove(&format!("{SNAP_PREFIX}{id}"))?;
            }
        }
        freed.add(step);
    }
    for (draft, at) in drop_from {
        let key = format!("{SNAP_PREFIX}{draft}");
        let mut list = snapshots(draft);
        list.retain(|s| !at.contains(&s.saved_at));
        remove(&key)?;
        if !list.is_empty() {
            write_raw(&key, &snapshots::encode(&list))?;
        }
    }
    Ok(freed)
}

/// Saves the open draft like [`save`]; when the quota refuses it, drops what nianbao can spare
/// ([`spare`]) step by step until it fits or nothing is left. Returns what was dropped too.
pub fn save_making_room(
    id: &str,
    draft: &Draft,
    base: u64,
    now_ms: f64,
) -> (Result<u64, StorageError>, Freed) {
    let mut freed = Freed::default();
    loop {
        match save(id, draft, base, now_ms) {
            Err(StorageError::QuotaExceeded) => {}
            other => return (other, freed),
        }
        let old = read_raw(&draft_key(id))
            .ok()
            .flatten()
            .map_or(0, |v| utf16_len(&v));
        let new = utf16_len(&format::encode(id, draft, base + 1, now_ms));
        let order = match spare(now_ms) {
            Ok(order) if !order.is_empty() => order,
            _ => return (Err(StorageError::QuotaExceeded), freed),
        };
        // A little more than the difference: keys and the engine's own rounding count too.
        let steps = room::enough(&order, new.saturating_sub(old) + 1024);
        match evict(steps) {
            Ok(f) => {
                freed.snapshots += f.snapshots;
                freed.expired_trash += f.expired_trash;
                freed.trash += f.trash;
            }
            Err(e) => return (Err(e), freed),
        }
    }
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
