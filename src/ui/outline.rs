//! The outline beside the editor: every part and section with its number, fill state and size.

use crate::core::edit::Edit;
use crate::core::outline::{entries, structure, total_chars, Entry};
use crate::ui::after_pause::now_and_after_pause;
use crate::ui::state::ctx;
use leptos::prelude::*;

/// Sizes are recounted this long after typing pauses.
pub const RECOUNT_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// The outline panel.
#[component]
pub fn Outline() -> impl IntoView {
    let ctx = ctx();
    // Rows follow the structure at once; their sizes are recounted when typing pauses, so a
    // keystroke in a long body costs no counting here.
    let items = Memo::new(move |_| {
        ctx.draft.with(|d| {
            structure(d)
                .into_iter()
                .map(|e| {
                    let open = d.open == Some(e.id);
                    (e, open)
                })
                .collect::<Vec<_>>()
        })
    });
    // Recounted at once for another draft or another outline, otherwise when typing pauses.
    let shape = move || {
        let ids: Vec<_> = items.with(|i| i.iter().map(|(e, _)| e.id).collect());
        (ctx.draft_id.get(), ids)
    };
    let all = now_and_after_pause(ctx, RECOUNT_DELAY, shape, move || {
        ctx.draft.with_untracked(|d| {
            let list = entries(d);
            let total = total_chars(d, &list);
            (list, total)
        })
    });
    let missing = Memo::new(move |_| {
        ctx.draft.with(|d| {
            ctx.template.with_value(|t| {
                d.missing_parts(t)
                    .into_iter()
                    .map(|p| (p.key.clone(), p.heading_for(d.year), p.required))
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = move || all.with(|a| a.1);

    view! {
        <nav class="outline" aria-label="报告提纲" data-testid="outline">
            <h2 class="panel-title">"提纲"<small>{move || format!("共 {} 字", total())}</small></h2>
            <ul>
                {move || items.get().into_iter().map(|(entry, open)| view! { <OutlineItem entry open all/> }).collect_view()}
            </ul>
            <Show when=move || missing.with(|m| !m.is_empty())>
                <div class="missing">
                    <p>"模板中有、报告中没有的部分："</p>
                    {move || missing.get().into_iter().map(|m| view! {
                        <div class="missing-part">
                            <span>{m.1.clone()}{if m.2 { "（必备）" } else { "（可选）" }}</span>
                            <button type="button" class="link" data-testid="restore-part"
                                on:click=move |_| { ctx.dispatch(Edit::RestorePart(m.0.clone())); }>"加回"</button>
                        </div>
                    }.into_any()).collect_view()}
                </div>
            </Show>
        </nav>
    }
}

#[component]
fn OutlineItem(entry: Entry, open: bool, all: ReadSignal<(Vec<Entry>, usize)>) -> impl IntoView {
    let ctx = ctx();
    let id = entry.id;
    let heading = if entry.heading.trim().is_empty() {
        "（未命名）".to_string()
    } else {
        entry.heading.clone()
    };
    let chars = Memo::new(move |_| {
        all.with(|(list, _)| list.iter().find(|e| e.id == id).map_or(0, |e| e.chars))
    });
    let state = move || match chars.get() {
        0 => "空".to_string(),
        n => format!("{n} 字"),
    };
    view! {
        <li class=format!("lvl{}", entry.level)>
            <button type="button" data-testid="outline-item" class:open=open class:empty=move || chars.get() == 0
                aria-current=if open { Some("true") } else { None }
                on:click=move |_| { ctx.dispatch(Edit::Open(id)); }>
                <span class="num">{entry.number.clone()}</span>
                <span class="heading">{heading}</span>
                <span class="count" data-testid="outline-count">{state}</span>
            </button>
        </li>
    }
}
