//! The live preview of the whole report as it will print, also the content that prints.

use crate::core::export::html::render_article;
use crate::ui::after_pause::after_pause;
use crate::ui::state::ctx;
use leptos::prelude::*;
use std::time::Duration;

/// Delay after the last change before the preview is rebuilt, so typing is never held up.
const PREVIEW_DELAY: Duration = Duration::from_millis(250);

/// The preview panel.
#[component]
pub fn Preview() -> impl IntoView {
    let ctx = ctx();
    let render = move || {
        ctx.draft
            .with_untracked(|d| ctx.template.with_value(|t| render_article(d, t)))
    };
    let html = after_pause(ctx, PREVIEW_DELAY, render);
    // `render_article` escapes every piece of user text, so the markup is ours alone.
    view! {
        <section class="preview-column" aria-label="打印预览">
            <h2 class="panel-title">"预览（按公文格式）"</h2>
            <div class="preview" data-testid="preview" inner_html=move || html.get()></div>
        </section>
    }
}
