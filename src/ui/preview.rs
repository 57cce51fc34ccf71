//! The paged preview: the report as A4 sheets with the page breaks and numbers print will
//! have, also the content that prints.

use crate::browser::timing;
use crate::core::export::html::render_pages;
use crate::core::layout::layout;
use crate::ui::after_pause::after_pause;
use crate::ui::state::ctx;
use leptos::prelude::*;
use std::time::Duration;

/// Delay after the last change before the preview is laid out again, so typing is never held up.
const PREVIEW_DELAY: Duration = Duration::from_millis(200);

/// Element id of the preview pane, which the print shortcut brings into view and focuses.
pub const PREVIEW_ID: &str = "report-preview";

/// The preview panel.
#[component]
pub fn Preview() -> impl IntoView {
    let ctx = ctx();
    let render = move || {
        let pages = ctx.draft.with_untracked(|d| {
            ctx.template
                .with_value(|t| timing::measure("nianbao:layout", || layout(d, t)))
        });
        (pages.len(), render_pages(&pages))
    };
    let laid = after_pause(ctx, PREVIEW_DELAY, render);
    // `render_pages` escapes every piece of user text, so the markup is ours alone.
    view! {
        <section class="preview-column" aria-label="打印预览">
            <h2 class="panel-title">"预览（按公文格式）"
                <small data-testid="preview-count">{move || format!("共{}页", laid.with(|l| l.0))}</small>
            </h2>
            <div class="preview" id=PREVIEW_ID data-testid="preview" tabindex="0" role="region" aria-label="报告预览（可用方向键滚动）" inner_html=move || laid.with(|l| l.1.clone())></div>
        </section>
    }
}
