//! The outline beside the editor: every part and section with its number, fill state and size.

use crate::core::edit::Edit;
use crate::core::outline::{entries, total_chars, Entry};
use crate::ui::state::ctx;
use leptos::prelude::*;

/// The outline panel.
#[component]
pub fn Outline() -> impl IntoView {
    let ctx = ctx();
    let all = Memo::new(move |_| ctx.draft.with(entries));
    // Rows are keyed without their size, so typing updates one count in place instead of
    // rebuilding the row.
    let items = Memo::new(move |_| {
        let open = ctx.draft.with(|d| d.open);
        all.with(|list| {
            list.iter()
                .map(|e| {
                    (
                        Entry {
                            chars: 0,
                            ..e.clone()
                        },
                        open == Some(e.id),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let missing = Memo::new(move |_| {
        ctx.draft.with(|d| {
            ctx.template.with_value(|t| {
                t.parts
                    .iter()
                    .filter(|p| {
                        !d.parts
                            .iter()
                            .any(|s| s.part.as_deref() == Some(p.key.as_str()))
                    })
                    .map(|p| (p.key.clone(), p.heading_for(d.year), p.required))
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = move || ctx.draft.with(|d| all.with(|e| total_chars(d, e)));

    view! {
        <nav class="outline" aria-label="报告提纲" data-testid="outline">
            <h2 class="panel-title">"提纲"<small>{move || format!("共 {} 字", total())}</small></h2>
            <ul>
                <For each=move || items.get() key=|item| item.clone() let:item>
                    <OutlineItem entry=item.0 open=item.1 all=all/>
                </For>
            </ul>
            <Show when=move || missing.with(|m| !m.is_empty())>
                <div class="missing">
                    <p>"模板中有、报告中没有的部分："</p>
                    <For each=move || missing.get() key=|m| m.clone() let:m>
                        <div class="missing-part">
                            <span>{m.1.clone()}{if m.2 { "（必备）" } else { "（可选）" }}</span>
                            <button type="button" class="link" data-testid="restore-part"
                                on:click=move |_| { ctx.dispatch(Edit::RestorePart(m.0.clone())); }>"加回"</button>
                        </div>
                    </For>
                </div>
            </Show>
        </nav>
    }
}

#[component]
fn OutlineItem(entry: Entry, open: bool, all: Memo<Vec<Entry>>) -> impl IntoView {
    let ctx = ctx();
    let id = entry.id;
    let heading = if entry.heading.trim().is_empty() {
        "（未命名）".to_string()
    } else {
        entry.heading.clone()
    };
    let chars = Memo::new(move |_| {
        all.with(|list| list.iter().find(|e| e.id == id).map_or(0, |e| e.chars))
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
