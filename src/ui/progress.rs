//! The progress view: per part characters written and prompts ticked, the overall state, and
//! the days left until the report is due, all computed by the core from the one draft.

use crate::browser::clock;
use crate::core::deadlines::due_dates;
use crate::core::progress::{progress, Overall, READY_CHARS};
use crate::ui::state::ctx;
use leptos::prelude::*;

/// The progress panel.
#[component]
pub fn ProgressPanel() -> impl IntoView {
    let ctx = ctx();
    let state = Memo::new(move |_| {
        ctx.draft
            .with(|d| ctx.template.with_value(|t| progress(d, t)))
    });
    let overall = Memo::new(move |_| state.with(|p| p.overall));
    let explain = move || match overall.get() {
        Overall::NotStarted => "还没有写入正文。".to_string(),
        Overall::Writing => {
            format!("每个必备部分写满 {READY_CHARS} 字、要点勾选过半后，即为“可提交”。")
        }
        Overall::Ready => {
            "各必备部分均已成文。提交前请再看一遍“体检”，并按程序审核签发。".to_string()
        }
    };
    view! {
        <section class="progress" aria-labelledby="progress-title" data-testid="progress">
            <h2 class="panel-title" id="progress-title">"进度"
                <small class="progress-state" data-testid="progress-state" data-state=move || format!("{:?}", overall.get())>
                    {move || overall.get().label()}
                </small>
            </h2>
            <ul class="progress-parts">
                {move || state.get().parts.into_iter().map(|p| {
                    // One markup for every row, so the view code is built once.
                    let counts = if p.present {
                        format!("{} 字 · 要点 {}/{}", p.chars, p.covered, p.prompts)
                    } else {
                        "报告中缺少此部分".to_string()
                    };
                    let done = p.is_done();
                    view! {
                        <li data-testid="progress-part" data-part=p.key class:done=done class:missing=!p.present>
                            <span class="progress-label">{p.label}{(!p.required).then_some("（可选）")}</span>
                            <span>{counts}</span>
                            <progress max=p.prompts.max(1) value=p.covered aria-hidden="true"></progress>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted" aria-live="polite">{explain}</p>
            <Deadlines/>
        </section>
    }
}

/// Days left until the report is sent and made public, for the draft's report year.
#[component]
fn Deadlines() -> impl IntoView {
    let ctx = ctx();
    // The page is reopened daily at most; today's date is read once.
    let today = clock::today();
    let rows = move || {
        let year = ctx.draft.with(|d| d.year);
        today
            .map(|t| ctx.template.with_value(|tp| due_dates(tp, year, t)))
            .unwrap_or_default()
    };
    view! {
        <div class="deadlines" data-testid="deadlines">
            <h3>"时间节点"</h3>
            <ul>
                {move || rows().into_iter().map(|d| view! {
                    <li data-testid="deadline" data-deadline=d.id.clone() class:past=d.days_left < 0>
                        <span>{d.wording()}</span>
                        <small class="muted">{d.note}</small>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}
