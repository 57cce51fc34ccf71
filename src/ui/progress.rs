//! The progress view: per part characters written and prompts ticked, the overall state, and
//! the days left until the report is due, all computed by the core from the one draft.

use crate::browser::clock;
use crate::core::deadlines::{due_dates, DueDate};
use crate::core::progress::{progress, Overall, PartProgress, READY_CHARS};
use crate::ui::after_pause::now_and_after_pause;
use crate::ui::outline::RECOUNT_DELAY;
use crate::ui::state::ctx;
use leptos::prelude::*;

/// The progress panel.
#[component]
pub fn ProgressPanel() -> impl IntoView {
    let ctx = ctx();
    // Counting a long report on every keystroke would slow typing; ticks and sizes are
    // brought up to date when typing pauses.
    // A tick, another draft or another set of parts shows at once.
    let shape = move || {
        let parts = ctx.draft.with(|d| {
            // What each part stands for or counts toward: both decide which row it fills.
            let keys: Vec<Option<String>> = d
                .parts
                .iter()
                .map(|p| p.counts_toward().map(str::to_string))
                .collect();
            (keys, d.guide.ticked.clone())
        });
        (ctx.draft_id.get(), parts)
    };
    let state = now_and_after_pause(ctx, RECOUNT_DELAY, shape, move || {
        ctx.draft
            .with_untracked(|d| ctx.template.with_value(|t| progress(d, t)))
    });
    let overall = Memo::new(move |_| state.with(|p| p.overall));
    let rows: Vec<(usize, String, String)> = ctx.template.with_value(|t| {
        t.parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let optional = if p.required { "" } else { "（可选）" };
                (i, p.key.clone(), format!("{}{optional}", p.short_label()))
            })
            .collect()
    });
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
            // The rows follow the template, so they are built once and only their texts
            // change: no list is rebuilt on each keystroke.
            <ul class="progress-parts">{rows.into_iter().map(|(i, key, label)| {
                let row = move |f: fn(&PartProgress) -> String| {
                    state.with(|p| p.parts.get(i).map(f).unwrap_or_default())
                };
                let flag = move |f: fn(&PartProgress) -> bool| state.with(|p| p.parts.get(i).is_some_and(f));
                view! {
                    <li data-testid="progress-part" data-part=key
                        class:done=move || flag(PartProgress::is_done) class:missing=move || !flag(|r| r.present)>
                        <span class="progress-label">{label}</span>
                        <span>{move || row(counts)}</span>
                        <progress max=move || row(|r| r.prompts.max(1).to_string()) value=move || row(|r| r.covered.to_string()) aria-hidden="true"></progress>
                    </li>
                }
            }).collect_view()}</ul>
            <p class="muted" aria-live="polite">{explain}</p>
            <Deadlines/>
        </section>
    }
}

/// The counts of one row, or why there are none.
fn counts(p: &PartProgress) -> String {
    if p.present {
        format!("{} 字 · 要点 {}/{}", p.chars, p.covered, p.prompts)
    } else {
        "报告中缺少此部分".to_string()
    }
}

/// Days left until the report is sent and made public, for the draft's report year.
#[component]
fn Deadlines() -> impl IntoView {
    let ctx = ctx();
    // The page is reopened daily at most; today's date is read once.
    let today = clock::today();
    let due = Memo::new(move |_| {
        let year = ctx.draft.with(|d| d.year);
        today
            .map(|t| ctx.template.with_value(|tp| due_dates(tp, year, t)))
            .unwrap_or_default()
    });
    let items = ctx.template.with_value(|t| t.deadlines.clone());
    view! {
        <div class="deadlines" data-testid="deadlines">
            <h3>"时间节点"</h3>
            <ul>
                {items.into_iter().map(|d| {
                    let id = StoredValue::new(d.id);
                    let find = move |f: fn(&DueDate) -> String| {
                        due.with(|v| id.with_value(|i| v.iter().find(|x| &x.id == i).map(f).unwrap_or_default()))
                    };
                    view! {
                        <li data-testid="deadline" data-deadline=id.get_value()
                            class:past=move || due.with(|v| id.with_value(|i| v.iter().any(|x| &x.id == i && x.days_left < 0)))>
                            <span>{move || find(DueDate::wording)}</span>
                            <small class="muted">{d.note}</small>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
