//! Earlier versions of the open draft: preview and restore.

use crate::browser::{clock, storage};
use crate::core::export::html::render_article;
use crate::core::snapshots::Snapshot;
use crate::ui::session::Session;
use crate::ui::state::ctx;
use leptos::prelude::*;

/// The history panel.
#[component]
pub fn History(close: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let session = expect_context::<Session>();
    let list = Memo::new(move |_| {
        ctx.snapshots_changed.track();
        let id = ctx.draft_id.get();
        let mut list = storage::snapshots(&id);
        list.reverse();
        list
    });
    let (preview, set_preview) = signal(None::<Snapshot>);
    let restore = move |snap: Snapshot| {
        if session.restore_version(ctx, snap) {
            set_preview.set(None);
        }
    };
    let panel = crate::ui::keys::focused_on_open();
    view! {
        <section node_ref=panel tabindex="-1" on:keydown=crate::ui::keys::close_on_escape(close) class="panel history" role="dialog" aria-label="历史版本" data-testid="history">
            <div class="panel-head">
                <h2>"历史版本"</h2>
                <span class="muted">"每份草稿保留最近 20 个版本（编辑时约每 5 分钟一个）"</span>
                <button type="button" class="link" on:click=move |_| close.run(())>"关闭"</button>
            </div>
            <Show when=move || list.with(Vec::is_empty)>
                <p class="muted">"还没有历史版本：保存后会自动生成。"</p>
            </Show>
            <ul class="draft-items">
                {move || list.get().into_iter().map(|snap| view! {
                    <li class="draft-item" data-testid="snapshot-item">
                        <span>{format!("{} · 第 {} 次保存 · {} 字", clock::local_datetime(snap.saved_at), snap.revision, snap.draft.char_count())}</span>
                        <span class="draft-actions">
                            <button type="button" data-testid="snapshot-preview"
                                on:click={let s = snap.clone(); move |_| set_preview.set(Some(s.clone()))}>"预览"</button>
                            <button type="button" data-testid="snapshot-restore"
                                on:click={let s = snap.clone(); move |_| restore(s.clone())}>"恢复此版本"</button>
                        </span>
                    </li>
                }.into_any()).collect_view()}
            </ul>
            <Show when=move || preview.with(Option::is_some)>
                <div class="snapshot-preview preview" data-testid="snapshot-view"
                    inner_html=move || preview.with(|p| p.as_ref().map(|s| ctx.template.with_value(|t| render_article(&s.draft, t))).unwrap_or_default())>
                </div>
            </Show>
        </section>
    }
}
