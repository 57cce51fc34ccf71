//! Guidance for the open part, taken from the template data: what the rule asks, what
//! reviewers look for, a checklist the writer ticks, common mistakes as dismissible hints,
//! and examples. Ticks and dismissals are edits, so they are saved with the draft.

use crate::core::edit::Edit;
use crate::core::model::{marked, INTRO};
use crate::core::template::{fill, role, Example, Item, PartTemplate, Prompt};
use crate::ui::state::{ctx, Ctx};
use leptos::prelude::*;

/// The guidance panel beside the editor.
#[component]
pub fn Guidance() -> impl IntoView {
    let ctx = ctx();
    // The template part of the level-1 part holding the open entry, if it stands for one.
    let part = Memo::new(move |_| {
        ctx.draft.with(|d| {
            let open = d.open.unwrap_or(INTRO);
            // An own part counting toward a template part gets that part's guidance.
            let key = d
                .part_of(open)
                .and_then(|p| p.counts_toward().map(str::to_string));
            let year = d.year;
            key.and_then(|k| ctx.template.with_value(|t| t.part(&k).cloned()))
                .map(|p| (p, year))
        })
    });
    let overview = ctx
        .template
        .with_value(|t| (t.overview.clone(), t.front_matter_guidance.clone()));
    // Last year's part 4 is this year's checklist for what was done (part 1) and not (part 2).
    let carried = Memo::new(move |_| {
        let checked = part.with(|p| {
            p.as_ref().is_some_and(|(p, _)| {
                [role::MEASURES, role::SHORTCOMINGS].contains(&p.role.as_str())
            })
        });
        checked
            .then(|| ctx.draft.with(|d| d.carried_plans.clone()))
            .flatten()
    });

    view! {
        <aside class="guidance" aria-label="写作指引" data-testid="guidance">
            {move || match part.get() {
                Some((p, year)) => part_view(p, year).into_any(),
                None => {
                    let (text, notes) = overview.clone();
                    view! {
                        <h2 class="panel-title">"写作指引"</h2>
                        <p>{text}</p>
                        <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    }.into_any()
                }
            }}
            {move || carried.get().map(|c| view! {
                <div class="carried" data-testid="carried-plans">
                    <h3>{format!("{}年报告中承诺的{}年安排（逐项对照）", c.from_year, c.from_year + 1)}</h3>
                    <ol>{c.items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ol>
                </div>
            })}
        </aside>
    }
}

fn part_view(p: PartTemplate, year: i32) -> impl IntoView {
    let ctx = ctx();
    let ids: Vec<String> = p.prompts.iter().map(|q| q.id.clone()).collect();
    let total = ids.len();
    // Memos: only a tick changes these, not the typing that wakes the draft.
    let ticked = Memo::new(move |_| {
        ctx.draft
            .with(|d| ids.iter().filter(|i| marked(&d.guide.ticked, i)).count())
    });
    let hint_ids = StoredValue::new(p.mistakes.iter().map(|m| m.id.clone()).collect::<Vec<_>>());
    let hidden = Memo::new(move |_| {
        ctx.draft.with(|d| {
            hint_ids.with_value(|ids| ids.iter().filter(|i| marked(&d.guide.dismissed, i)).count())
        })
    });
    let heading = p.heading_for(year);
    let example = Example {
        text: fill(&p.example.text, "", year),
        ..p.example
    };
    view! {
        <h2 class="panel-title">"写作指引：" {heading}</h2>
        <p class="req">{if p.required { "必备部分" } else { "可选部分，没有内容可删除" }}</p>
        {note("规定要求", "guide-asks", p.asks)}
        {note("审阅者关注", "guide-reviewers", p.reviewers)}
        <h3>"怎么写"</h3>
        <p>{p.about}</p>
        <h3 id="guide-prompts-title">"逐项对照（写到了就勾选）"
            <small data-testid="prompt-count">{move || format!("已勾选 {} / {}", ticked.get(), total)}</small>
        </h3>
        <ul class="prompts" aria-labelledby="guide-prompts-title">
            {p.prompts.into_iter().map(|q| prompt_view(ctx, q)).collect_view()}
        </ul>
        {(!p.mistakes.is_empty()).then(|| view! {
            <h3>"常见问题"</h3>
            <ul class="hints">{p.mistakes.into_iter().map(|m| hint_view(ctx, m)).collect_view()}</ul>
            <button type="button" class="link" data-testid="hints-restore" prop:hidden=move || hidden.get() == 0
                on:click=move |_| { ctx.dispatch(Edit::RestoreHints); }>
                {move || format!("重新显示已关闭的提示（{}）", hidden.get())}
            </button>
        })}
        <h3>"示例"</h3>
        {example_view(example)}
        {p.sample.map(example_view)}
    }
}

fn prompt_view(ctx: Ctx, q: Prompt) -> impl IntoView {
    let id = StoredValue::new(q.id);
    let checked = move || {
        ctx.draft
            .with(|d| id.with_value(|i| marked(&d.guide.ticked, i)))
    };
    view! {
        <li class="prompt" class:done=checked>
            <label>
                <input type="checkbox" data-testid="prompt-check" data-prompt=id.get_value()
                    prop:checked=checked
                    on:change=move |_| { ctx.dispatch(Edit::TogglePrompt(id.get_value())); }/>
                <strong>{q.label}</strong>
                <span class="prompt-detail">{q.detail}</span>
            </label>
        </li>
    }
}

/// A hint is hidden rather than removed when dismissed, so the list is built once.
fn hint_view(ctx: Ctx, m: Item) -> impl IntoView {
    let id = StoredValue::new(m.id);
    let dismissed = move || {
        ctx.draft
            .with(|d| id.with_value(|i| marked(&d.guide.dismissed, i)))
    };
    view! {
        <li class="hint" data-testid="hint" data-hint=id.get_value() prop:hidden=dismissed>
            <span>{m.text.clone()}</span>
            <button type="button" class="link" data-testid="hint-dismiss" aria-label=format!("知道了，不再提示：{}", m.text)
                on:click=move |_| { ctx.dispatch(Edit::DismissHint(id.get_value())); }>"知道了"</button>
        </li>
    }
}

/// A titled paragraph, left out when the template has no text for it (version 1).
fn note(title: &'static str, testid: &'static str, text: String) -> Option<impl IntoView> {
    (!text.is_empty()).then(|| view! { <h3>{title}</h3><p data-testid=testid>{text}</p> })
}

fn example_view(e: Example) -> impl IntoView {
    view! {
        <blockquote data-testid="guide-example">
            <p>{e.text}</p>
            <footer>{e.source}</footer>
        </blockquote>
    }
}
