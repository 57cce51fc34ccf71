//! Backups in and out: downloading one draft or all of them, and restoring a backup file.

use crate::browser::{clock, download, storage};
use crate::core::backup;
use crate::core::format::Stored;
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
    let mut drafts: Vec<Stored> = storage::list()
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
        session.backed_up(ctx, now);
    }
}

/// Reads the file chosen in an `<input type="file">` and restores it.
pub fn restore_from_input(ctx: Ctx, session: Session, input: web_sys::HtmlInputElement) {
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
        let message = match session.restore_backup(ctx, &text) {
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
