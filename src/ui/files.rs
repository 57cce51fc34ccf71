//! Backups in and out: downloading one draft or all of them, and restoring a backup file.

use crate::browser::{clock, download, storage};
use crate::core::backup;
use crate::core::format::Stored;
use crate::core::library::new_id;
use crate::core::text::file_name;
use crate::ui::session::Session;
use crate::ui::state::Ctx;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The open draft as it is in memory, saved or not.
fn current(ctx: Ctx, session: Session) -> Stored {
    Stored::new(
        &session.id(),
        session.revision(),
        clock::now_ms(),
        ctx.draft.get_untracked(),
    )
}

fn offer(ctx: Ctx, name: &str, json: &str) -> bool {
    match download::download(name, "application/json;charset=utf-8", json) {
        Ok(()) => true,
        Err(e) => {
            ctx.notice.set(Some(e.to_string()));
            false
        }
    }
}

/// Downloads the open draft alone as a backup file that `restore` accepts.
pub fn download_current(ctx: Ctx, session: Session) {
    let stored = current(ctx, session);
    let title = ctx.template.with_value(|t| stored.draft.effective_title(t));
    offer(
        ctx,
        &file_name(&format!("{title}（草稿备份）"), "json"),
        &backup::encode(&[stored], clock::now_ms()),
    );
}

/// Downloads every draft in one file; the open draft as it is in memory.
pub fn download_all(ctx: Ctx, session: Session) {
    let now = clock::now_ms();
    let open = current(ctx, session);
    let mut drafts: Vec<Stored> = storage::scan(now)
        .map(|s| {
            s.drafts
                .into_iter()
                .map(|(d, _)| d)
                .filter(|d| d.id != open.id)
                .collect()
        })
        .unwrap_or_default();
    drafts.insert(0, open);
    let day = clock::today_iso();
    if offer(
        ctx,
        &format!("年报草稿备份-{day}.json"),
        &backup::encode(&drafts, now),
    ) {
        let mut meta = ctx.meta.get_untracked();
        meta.record_backup(now);
        // Bookkeeping only: a full quota must not turn a good backup into an error.
        let _ = storage::set_meta(&meta);
        ctx.meta.set(meta);
    }
}

/// Adds the drafts of a backup file; drafts whose id is taken come in as named copies.
pub fn restore(ctx: Ctx, text: &str) -> Result<usize, String> {
    let incoming = backup::decode(text).map_err(|e| e.to_string())?;
    let existing: Vec<String> = storage::scan(clock::now_ms())
        .map_err(|e| e.to_string())?
        .drafts
        .into_iter()
        .map(|(s, _)| s.id)
        .collect();
    let fresh = || new_id(clock::now_ms(), clock::random_u32());
    let drafts = ctx
        .template
        .with_value(|t| backup::without_conflicts(&existing, incoming, fresh, t));
    let mut added = 0;
    for d in &drafts {
        storage::put(d).map_err(|e| format!("已恢复 {added} 份，其余未能写入：{e}"))?;
        added += 1;
    }
    ctx.refresh_library();
    Ok(added)
}

/// Reads the file chosen in an `<input type="file">` and restores it.
pub fn restore_from_input(ctx: Ctx, input: web_sys::HtmlInputElement) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(v) => v.as_string().unwrap_or_default(),
            Err(_) => {
                ctx.notice.set(Some("无法读取所选文件。".into()));
                return;
            }
        };
        input.set_value("");
        let message = match restore(ctx, &text) {
            Ok(n) => format!("已从备份中恢复 {n} 份草稿，原有草稿均未改动。"),
            Err(e) => format!("备份无法恢复：{e}"),
        };
        ctx.notice.set(Some(message));
    });
}

/// The `<input>` behind an event.
pub fn input_of(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target().and_then(|t| t.dyn_into().ok())
}
