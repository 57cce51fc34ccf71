//! The root component: reads storage, opens a draft, provides the context, lays out panels.

use crate::browser::{clock, persist, storage};
use crate::core::date::default_report_year;
use crate::core::format::Stored;
use crate::core::library::new_id;
use crate::core::model::Draft;
use crate::core::template::Template;
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
use crate::ui::session::Session;
use crate::ui::state::{Ctx, SaveStatus};
use crate::ui::toolbar::{Toolbar, PRINT_ID};
use leptos::prelude::*;

/// A new draft from the template for the usual report year, saved at once so it is listed.
pub fn fresh_draft(template: &Template) -> Stored {
    let today = clock::today();
    let year = today.map(default_report_year).unwrap_or(2024);
    let now = clock::now_ms();
    Stored::new(
        &new_id(now, clock::random_u32()),
        0,
        now,
        Draft::from_template(template, "", year, today),
    )
}

/// What start-up found: the draft to open and messages for the user.
struct Startup {
    stored: Stored,
    status: SaveStatus,
    notice: Option<String>,
}

fn startup(template: &Template) -> Startup {
    let now = clock::now_ms();
    let scan = match storage::scan(now) {
        Ok(scan) => scan,
        Err(e) => {
            return Startup {
                stored: fresh_draft(template),
                status: SaveStatus::Failed(e),
                notice: None,
            };
        }
    };
    let notice = (!scan.problems.is_empty()).then(|| {
        format!(
            "{}。这些数据没有被覆盖，可在“草稿列表”中下载。",
            scan.problems.join("；")
        )
    });
    let current = storage::current_id();
    let chosen = scan
        .drafts
        .iter()
        .find(|(s, _)| Some(&s.id) == current.as_ref())
        .or(scan.drafts.first())
        .map(|(s, _)| s.clone());
    match chosen {
        Some(stored) => {
            let status = SaveStatus::Saved(stored.saved_at);
            let _ = storage::set_current_id(&stored.id);
            Startup {
                stored,
                status,
                notice,
            }
        }
        None => {
            let stored = fresh_draft(template);
            let status =
                match storage::put(&stored).and_then(|()| storage::set_current_id(&stored.id)) {
                    Ok(()) => SaveStatus::Idle,
                    Err(e) => SaveStatus::Failed(e),
                };
            Startup {
                stored,
                status,
                notice,
            }
        }
    }
}

/// Element ids of the buttons that open the side panels: a closed panel gives the focus back
/// to its opener.
const DRAFTS_OPENER: &str = "drafts-opener";
const IMPORT_OPENER: &str = "import-opener";
const HISTORY_OPENER: &str = "history-opener";

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let template = Template::builtin();
    let start = startup(&template);
    let ctx = Ctx {
        draft: RwSignal::new(start.stored.draft.clone()),
        draft_id: RwSignal::new(start.stored.id.clone()),
        template: StoredValue::new(template),
        save: RwSignal::new(start.status),
        notice: RwSignal::new(start.notice),
        library_changed: RwSignal::new(0),
        snapshots_changed: RwSignal::new(0),
        meta: RwSignal::new(storage::meta()),
        undo: StoredValue::new(Default::default()),
        can_undo: RwSignal::new((false, false)),
        announce: RwSignal::new(String::new()),
    };
    provide_context(ctx);
    let session = Session::start(ctx, start.stored.id, start.stored.revision);
    provide_context(session);
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
                    <Guidance/>
                </section>
                <aside class="side-column" aria-label="进度、检查与预览">
                    <ProgressPanel/>
                    <PublishStep/>
                    <Checks/>
                    <Preview/>
                </aside>
            </div>
            </main>
            <footer class="app-foot">
                "草稿只保存在本机浏览器中，清除浏览器数据会删除所有草稿，请在“草稿列表”中定期下载备份。本程序不联网，不向任何地方发送数据。"
            </footer>
        </div>
    }
}
