//! The paged preview: the report as A4 sheets with the page breaks and numbers print will
//! have, also the content that prints.
//!
//! A redraw lays out the whole draft again (cheap, in wasm) but rewrites only the sheets whose
//! page changed: parsing and styling some 160 sheets of a 100,000-character report after every
//! pause in typing was one main-thread task of more than a second, and keys typed meanwhile
//! waited for it. Only the sheets near the visible part of the preview show their lines on
//! screen (`data-near`, see [`mark_near`]); the others are empty boxes of the sheet's size,
//! and print shows every sheet whole.

use crate::browser::timing;
use crate::core::export::html::render_page;
use crate::core::layout::{layout, Page};
use crate::ui::after_pause::after_pause_or_now;
use crate::ui::state::ctx;
use leptos::prelude::*;
use std::time::Duration;
use web_sys::Element;

/// Delay after the last change before the preview is laid out again, so typing is never held up.
const PREVIEW_DELAY: Duration = Duration::from_millis(200);

/// Sheets shown whole before and after the visible ones, so that scrolling a little finds
/// them drawn already.
const NEAR_MARGIN: usize = 2;

/// Attribute of the sheets that show their lines on screen (style/app.css).
const NEAR: &str = "data-near";

/// Element id of the preview pane, which the print shortcut brings into view and focuses.
pub const PREVIEW_ID: &str = "report-preview";

/// The preview panel.
#[component]
pub fn Preview() -> impl IntoView {
    let ctx = ctx();
    let article = NodeRef::<leptos::html::Article>::new();
    let view_ref = NodeRef::<leptos::html::Div>::new();
    // The pages the sheets in `article` show, one sheet per page in order.
    let shown = StoredValue::new(Vec::<Page>::new());
    // The sheets marked near, first and last; `None` before the first redraw.
    let near = StoredValue::new(None::<(usize, usize)>);
    // `force`: the sheets changed, so every sheet is marked again.
    let remark = move |force: bool| {
        let (Some(el), Some(view)) = (article.get_untracked(), view_ref.get_untracked()) else {
            return;
        };
        let range = near_range(&view, &el);
        if force || near.get_value() != Some(range) {
            mark_near(&el, range);
            near.set_value(Some(range));
        }
    };
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
            remark(true);
        }
        count
    };
    let (count, redraw_now) = after_pause_or_now(ctx, PREVIEW_DELAY, redraw);
    // The preview is what prints: printing (the app's button or the browser's own Ctrl+P)
    // within the pause after the last key must not print the page before it. Changes made
    // in `beforeprint` are in the printout, in Chromium and Firefox alike.
    let on_print = window_event_listener_untyped("beforeprint", move |_| redraw_now());
    // The page scrolls too when the columns stack (narrow windows, zoom).
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| remark(false));
    let on_resize = window_event_listener(leptos::ev::resize, move |_| remark(false));
    on_cleanup(move || {
        on_print.remove();
        on_scroll.remove();
        on_resize.remove();
    });
    view! {
        <section class="preview-column" aria-label="打印预览">
            <h2 class="panel-title">"预览（按公文格式）"
                <small data-testid="preview-count">{move || format!("共{}页", count.get())}</small>
            </h2>
            <div class="preview" id=PREVIEW_ID data-testid="preview" tabindex="0" role="region" aria-label="报告预览（可用方向键滚动）"
                node_ref=view_ref on:scroll=move |_| remark(false)>
                <article class="nb-doc near-only" node_ref=article></article>
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

/// The sheets of `article` within the part of `view` (the preview's scroller) that the window
/// shows, widened by [`NEAR_MARGIN`] on both sides, as first and last index. Sheets are
/// equal boxes one under the other, so their pitch is the distance of the first two. Without
/// a second sheet, or while nothing is laid out, the first few sheets count as near.
fn near_range(view: &Element, article: &Element) -> (usize, usize) {
    let fallback = (0, 2 * NEAR_MARGIN);
    let Some(first) = article.first_element_child() else {
        return fallback;
    };
    let Some(second) = first.next_element_sibling() else {
        return fallback;
    };
    let top0 = first.get_bounding_client_rect().top();
    let pitch = second.get_bounding_client_rect().top() - top0;
    if pitch.is_nan() || pitch <= 1.0 {
        return fallback;
    }
    let v = view.get_bounding_client_rect();
    let window_height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(v.bottom());
    let (top, bottom) = (v.top().max(0.0), v.bottom().min(window_height).max(v.top()));
    // Sheet indices as floats: negative above the first sheet; `as usize` saturates at 0.
    let first = ((top - top0) / pitch).floor() - NEAR_MARGIN as f64;
    let last = ((bottom - top0) / pitch).floor() + NEAR_MARGIN as f64;
    (first.max(0.0) as usize, last.max(0.0) as usize)
}

/// Marks the sheets from `first` to `last` as near and unmarks the others: a sheet that is
/// not near has its lines and page number hidden on screen (style/app.css), so the browser
/// neither styles nor lays out nor paints them, and has no per-sheet work in every frame
/// either. (`content-visibility: auto` did the first three, but its bookkeeping for 160
/// sheets cost some 3 ms in every keystroke while typing in the editor: selection and
/// frame updates scan the locked sheets.) Print ignores the mark and shows every sheet.
fn mark_near(article: &Element, (first, last): (usize, usize)) {
    let mut sheet = article.first_element_child();
    let mut i = 0;
    while let Some(el) = sheet {
        // Unchanged when already so: toggling with force to the present state is no mutation.
        let _ = el.toggle_attribute_with_force(NEAR, (first..=last).contains(&i));
        sheet = el.next_element_sibling();
        i += 1;
    }
}
