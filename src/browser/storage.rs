//! The only code that touches localStorage: loading and saving the current draft.
//!
//! Unreadable stored data is never overwritten: it is copied aside under a quarantine key
//! first, and if that copy fails, saving stays off so the original survives.

use crate::core::format::{self, FormatError, Stored};
use crate::core::model::Draft;
use gloo_storage::{LocalStorage, Storage};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};

/// Key of the current draft.
pub const DRAFT_KEY: &str = "nianbao.draft";
/// Prefix of keys holding unreadable values copied aside.
pub const QUARANTINE_PREFIX: &str = "nianbao.quarantine.";

/// Why storage failed. The messages are shown to the user as they are.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum StorageError {
    #[error("浏览器禁止了本地存储（可能是隐私模式或安全设置），草稿无法保存，请及时导出")]
    Unavailable,
    #[error("浏览器存储空间已满，最新修改没有保存。请立即导出 Markdown 或 HTML 备份")]
    QuotaExceeded,
    #[error("写入后读回的内容不一致，最新修改可能没有保存。请导出备份")]
    ReadBackMismatch,
    #[error("此前保存的草稿无法读取，且无法另存，为保护原有数据已暂停保存。请导出当前内容")]
    Blocked,
    #[error("存储出错：{0}")]
    Other(String),
}

/// What was found in storage at start-up.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    Draft(Stored),
    /// The stored value was unreadable; it now also lives under `key`, untouched.
    Quarantined {
        key: String,
        error: FormatError,
    },
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

/// Removes a key; used by tests and by explicit user requests only.
pub fn remove(key: &str) -> Result<(), StorageError> {
    local_storage()?.remove_item(key).map_err(classify)
}

/// Loads the current draft. An unreadable value is copied aside before anything else happens.
pub fn load(now_ms: f64) -> Result<Loaded, StorageError> {
    let Some(raw) = read_raw(DRAFT_KEY)? else {
        return Ok(Loaded::Empty);
    };
    match format::decode(&raw) {
        Ok(stored) => Ok(Loaded::Draft(stored)),
        Err(error) => {
            let key = format!("{QUARANTINE_PREFIX}{}", now_ms as u64);
            write_raw(&key, &raw).map_err(|_| StorageError::Blocked)?;
            Ok(Loaded::Quarantined { key, error })
        }
    }
}

/// Saves the current draft under the next revision.
pub fn save(draft: &Draft, revision: u64, now_ms: f64) -> Result<(), StorageError> {
    write_raw(DRAFT_KEY, &format::encode(draft, revision, now_ms))
}
