//! The paged preview: the report as A4 sheets with the page breaks and numbers print will
//! have, also the content that prints.
//!
//! A redraw lays out the whole draft again (cheap, in wasm) but rewrites only the sheets whose
//! page changed: parsing and styling some 160 sheets of a 100,000-character report after every
//! pause in typing was one main-thread task of more than a second, and keys typed meanwhile
//! waited for it. Off-screen sheets are not laid out or painted at all (`content-visibility`
//! in style/app.css).

use crate::browser::timing;
use crate::core::export::html::render_page;
use crate::core::layout::{layout, Page};
use crate::ui::after_pause::after_pause;
use crate::ui::state::ctx;
use leptos::prelude::*;
use std::time::Duration;
use web_sys::Element;

/// Delay after the last change before the preview is laid out again, so typing is never held up.
const PREVIEW_DELAY: Duration = Duration::from_millis(200);

/// Element id of the preview pane, which the print shortcut brings into view and focuses.
pub const PREVIEW_ID: &str = "report-preview";

/// The preview panel.
#[component]
pub fn Preview() -> impl IntoView {
    let ctx = ctx();
    let article = NodeRef::<leptos::html::Article>::new();
    // The pages the sheets in `article` show, one sheet per page in order.
    let shown = StoredValue::new(Vec::<Page>::new());
    let redraw = move || {
        let pages = ctx.draft.with_untracked(|d| {
            ctx.template
                .with_value(|t| timing::measure("nianbao:layout", || layout(d, t)))
        });
        let count = pages.len();
        if let Some(el) = article.get_untracked() {
            shown.update_value(|old| {
                timing::measure("nianbao:preview", || patch(&el, old, &pages));
                *old = pages;
            });
        }
        count
    };
    let count = after_pause(ctx, PREVIEW_DELAY, redraw);
    view! {
        <section class="preview-column" aria-label="打印预览">
            <h2 class="panel-title">"预览（按公文格式）"
                <small data-testid="preview-count">{move || format!("共{}页", count.get())}</small>
            </h2>
            <div class="preview" id=PREVIEW_ID data-testid="preview" tabindex="0" role="region" aria-label="报告预览（可用方向键滚动）">
                <article class="nb-doc" node_ref=article></article>
            </div>
        </section>
    }
}

/// Brings the sheets of `article`, which show `old`, to show `new`: each run of changed pages
/// is parsed in one go in place of its sheets, unchanged sheets are left alone. Typing inside
/// a paragraph changes only its page until the paragraph gains a line; then every later page
/// changes too, and those are the sheets rewritten.
fn patch(article: &Element, old: &[Page], new: &[Page]) {
    // `render_page` escapes every piece of user text, so the markup is ours alone.
    let mut html = String::new();
    let mut sheet = article.first_element_child();
    let mut i = 0;
    while i < new.len() {
        let same = old.get(i) == Some(&new[i]);
        match sheet.clone() {
            Some(el) if same => {
                sheet = el.next_element_sibling();
                i += 1;
            }
            _ => {
                // A run of changed pages (up to the end when the sheets run out) in one go.
                html.clear();
                while i < new.len() && (sheet.is_none() || old.get(i) != Some(&new[i])) {
                    render_page(&mut html, i, &new[i]);
                    if let Some(el) = sheet.take() {
                        sheet = el.next_element_sibling();
                        el.remove();
                    }
                    i += 1;
                }
                // Our own markup always parses; were it refused, the next redraw would retry.
                let _ = match &sheet {
                    Some(next) => next.insert_adjacent_html("beforebegin", &html),
                    None => article.insert_adjacent_html("beforeend", &html),
                };
            }
        }
    }
    // Pages the report no longer has.
    while let Some(el) = sheet {
        sheet = el.next_element_sibling();
        el.remove();
    }
}
