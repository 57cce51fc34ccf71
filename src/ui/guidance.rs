//! Guidance for the open part, taken from the template data.

use crate::core::model::INTRO;
use crate::core::template::PartTemplate;
use crate::ui::state::ctx;
use leptos::prelude::*;

/// The guidance panel beside the editor.
#[component]
pub fn Guidance() -> impl IntoView {
    let ctx = ctx();
    // The template part of the level-1 part holding the open entry, if it stands for one.
    let part = Memo::new(move |_| {
        ctx.draft.with(|d| {
            let open = d.open.unwrap_or(INTRO);
            let key = d.part_of(open).and_then(|p| p.part.clone());
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
        let key = part.with(|p| p.as_ref().map(|(p, _)| p.key.clone()));
        match key.as_deref() {
            Some("measures" | "shortcomings") => ctx.draft.with(|d| d.carried_plans.clone()),
            _ => None,
        }
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
    view! {
        <h2 class="panel-title">"写作指引：" {p.heading_for(year)}</h2>
        <p class="req">{if p.required { "必备部分" } else { "可选部分，没有内容可删除" }}</p>
        <p>{p.about}</p>
        <h3>"可以写这些内容"</h3>
        <ul class="prompts">{p.prompts.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
        <h3>"示例"</h3>
        <blockquote>
            <p>{p.example.text}</p>
            <footer>{p.example.source}</footer>
        </blockquote>
    }
}
