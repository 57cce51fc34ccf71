//! The root component: starts the session, provides the context, lays out panels.

use crate::browser::persist;
use crate::core::template::Template;
use crate::ui::after_pause::after_paint;
use crate::ui::banners::Banners;
use crate::ui::checks::Checks;
use crate::ui::drafts::DraftList;
use crate::ui::editor::{Editor, BODY_ID};
use crate::ui::guidance::Guidance;
use crate::ui::header::Header;
use crate::ui::help::Help;
use crate::ui::history::History;
use crate::ui::import::ImportDialog;
use crate::ui::keys::{self, focus_later};
use crate::ui::outline::Outline;
use crate::ui::preview::Preview;
use crate::ui::print_dialog::PrintCheck;
use crate::ui::progress::ProgressPanel;
use crate::ui::publish::PublishStep;
use crate::ui::session::{self, Session};
use crate::ui::state::Ctx;
use crate::ui::toolbar::{Toolbar, PRINT_ID};
use leptos::prelude::*;

/// Element ids of the buttons that open the side panels: a closed panel gives the focus back
/// to its opener.
const DRAFTS_OPENER: &str = "drafts-opener";
const IMPORT_OPENER: &str = "import-opener";
const HISTORY_OPENER: &str = "history-opener";

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let (init, revision, housekeep) = session::startup(Template::builtin());
    let id = init.draft_id.clone();
    let ctx = Ctx::new(init);
    provide_context(ctx);
    let session = Session::start(ctx, id, revision);
    provide_context(session);
    if housekeep {
        session.housekeep_later(ctx);
    }
    // The first frame shows the bar, the outline and the editor with the open text; the
    // guidance and the side column (progress, checks, preview) are built in the task after
    // that frame is painted, so that a long report is on screen and editable sooner.
    let painted = RwSignal::new(false);
    after_paint(move || painted.set(true));
    persist::request_persistence();
    let (drafts_open, set_drafts_open) = signal(false);
    let (history_open, set_history_open) = signal(false);
    let (import_open, set_import_open) = signal(false);
    let help_open = RwSignal::new(false);
    keys::install(ctx, session, help_open);
    // A closed panel gives focus back to the button that opened it.
    let closer = move |set: WriteSignal<bool>, opener: &'static str| {
        Callback::new(move |()| {
            set.set(false);
            if let Some(el) = keys::by_id(opener) {
                let _ = el.focus();
            }
        })
    };
    let can = move |redo: bool| {
        let (u, r) = ctx.can_undo.get();
        if redo {
            r
        } else {
            u
        }
    };
    let (print_open, set_print_open) = signal(false);

    view! {
        <div class="app">
            <a class="skip-link" href=format!("#{BODY_ID}") data-testid="skip-link"
                on:click=move |ev| { ev.prevent_default(); focus_later(BODY_ID); }>"跳到正文编辑"</a>
            <header class="app-bar">
                <h1 class="brand">
                    <span class="brand-mark">"年报"</span>
                    <span class="brand-name">"法治政府建设年度报告 · 编写助手"</span>
                </h1>
                <div class="bar-actions">
                    <button type="button" id=DRAFTS_OPENER data-testid="drafts-open" aria-expanded=move || drafts_open.get().to_string()
                        on:click=move |_| set_drafts_open.update(|o| *o = !*o)>"草稿列表"</button>
                    <button type="button" id=IMPORT_OPENER data-testid="import-open" aria-expanded=move || import_open.get().to_string()
                        on:click=move |_| set_import_open.update(|o| *o = !*o)>"导入"</button>
                    <button type="button" id=HISTORY_OPENER data-testid="history-open" aria-expanded=move || history_open.get().to_string()
                        on:click=move |_| set_history_open.update(|o| *o = !*o)>"历史版本"</button>
                    <span class="bar-group" role="group" aria-label="撤销与重做">
                        <button type="button" data-testid="undo" title="撤销（Ctrl+Z）" aria-keyshortcuts="Control+Z"
                            disabled=move || !can(false) on:click=move |_| ctx.undo()>"撤销"</button>
                        <button type="button" data-testid="redo" title="重做（Ctrl+Y）" aria-keyshortcuts="Control+Y"
                            disabled=move || !can(true) on:click=move |_| ctx.redo()>"重做"</button>
                    </span>
                    <Toolbar on_print=Callback::new(move |()| set_print_open.set(true))/>
                    <button type="button" data-testid="help-open" title="键盘快捷键（F1）" aria-keyshortcuts="F1"
                        aria-haspopup="dialog" on:click=move |_| help_open.set(true)>"快捷键"</button>
                </div>
            </header>
            <Help open=help_open/>
            <div class="sr-only" role="status" aria-live="polite" data-testid="announce">{move || ctx.announce.get()}</div>
            <main class="main" id="main">
            <Banners/>
            <Show when=move || drafts_open.get()>
                <DraftList close=closer(set_drafts_open, DRAFTS_OPENER)/>
            </Show>
            <Show when=move || import_open.get()>
                <ImportDialog close=closer(set_import_open, IMPORT_OPENER)/>
            </Show>
            <Show when=move || print_open.get()>
                <PrintCheck close=closer(set_print_open, PRINT_ID)/>
            </Show>
            <Show when=move || history_open.get()>
                <History close=closer(set_history_open, HISTORY_OPENER)/>
            </Show>
            <Header/>
            <div class="workspace">
                <Outline/>
                <section class="editor-column" aria-label="编辑">
                    <Editor/>
                    <Show when=move || painted.get()><Guidance/></Show>
                </section>
                <aside class="side-column" aria-label="进度、检查与预览">
                    <Show when=move || painted.get()>
                        <ProgressPanel/>
                        <PublishStep/>
                        <Checks/>
                        <Preview/>
                    </Show>
                </aside>
            </div>
            </main>
            <footer class="app-foot">
                "草稿只保存在本机浏览器中，清除浏览器数据会删除所有草稿，请在“草稿列表”中定期下载备份。本程序不联网，不向任何地方发送数据。"
            </footer>
        </div>
    }
}
