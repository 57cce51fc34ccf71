//! The root component: loads the draft, provides the context, lays out the panels.

use crate::browser::{clock, storage};
use crate::core::model::Draft;
use crate::core::template::Template;
use crate::ui::autosave::Autosave;
use crate::ui::editor::Editor;
use crate::ui::guidance::Guidance;
use crate::ui::header::Header;
use crate::ui::outline::Outline;
use crate::ui::preview::Preview;
use crate::ui::state::{Ctx, SaveStatus};
use crate::ui::toolbar::Toolbar;
use leptos::prelude::*;

/// What start-up found, turned into the first draft and messages for the user.
struct Startup {
    draft: Draft,
    revision: u64,
    blocked: bool,
    status: SaveStatus,
    notice: Option<String>,
}

fn startup(template: &Template) -> Startup {
    let today = clock::today();
    // The report is written early in the year about the year before.
    let year = today.map(|d| d.year - 1).unwrap_or(2024);
    let fresh = || Draft::from_template(template, "", year, today);
    let mut s = Startup {
        draft: fresh(),
        revision: 0,
        blocked: false,
        status: SaveStatus::Idle,
        notice: None,
    };
    match storage::load(clock::now_ms()) {
        Ok(storage::Loaded::Empty) => {}
        Ok(storage::Loaded::Draft(stored)) => {
            s.draft = stored.draft;
            s.revision = stored.revision;
            s.status = SaveStatus::Saved(stored.saved_at);
        }
        Ok(storage::Loaded::Quarantined { key, error }) => {
            s.notice = Some(format!(
                "此前保存的草稿无法读取：{error}。原内容已原样另存（存储键 {key}），没有被覆盖；现在打开的是一份新草稿。"
            ));
        }
        Err(e) => {
            s.blocked = e == storage::StorageError::Blocked;
            s.status = SaveStatus::Failed(e);
        }
    }
    s
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let template = Template::builtin();
    let start = startup(&template);
    let ctx = Ctx {
        draft: RwSignal::new(start.draft),
        template: StoredValue::new(template),
        save: RwSignal::new(start.status),
        notice: RwSignal::new(start.notice),
    };
    provide_context(ctx);
    Autosave::start(ctx, start.revision, start.blocked);

    view! {
        <div class="app">
            <header class="app-bar">
                <div class="brand">
                    <span class="brand-mark">"年报"</span>
                    <span class="brand-name">"法治政府建设年度报告 · 编写助手"</span>
                </div>
                <Toolbar/>
            </header>
            <Show when=move || ctx.notice.with(Option::is_some)>
                <div class="notice" role="alert" data-testid="notice">
                    <span>{move || ctx.notice.get().unwrap_or_default()}</span>
                    <button type="button" class="link" on:click=move |_| ctx.notice.set(None)>"知道了"</button>
                </div>
            </Show>
            <Header/>
            <main class="workspace">
                <Outline/>
                <section class="editor-column" aria-label="编辑">
                    <Editor/>
                    <Guidance/>
                </section>
                <Preview/>
            </main>
            <footer class="app-foot">
                "草稿只保存在本机浏览器中，清除浏览器数据会删除草稿，请定期导出备份。本程序不联网，不向任何地方发送数据。"
            </footer>
        </div>
    }
}
