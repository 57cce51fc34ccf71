//! Save status, exports and print.

use crate::browser::{clock, download, timing};
use crate::core::docx::write::{docx, DOCX_MIME};
use crate::core::export::{html, markdown};
use crate::core::text::file_name;
use crate::ui::state::{ctx, SaveStatus};
use leptos::prelude::*;

/// Element id of the print button, which the print shortcut presses from the preview.
pub const PRINT_ID: &str = "print-button";

/// The buttons and status at the top right; `on_print` opens the check before printing.
#[component]
pub fn Toolbar(on_print: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let export = move |ext: &'static str, mime: &'static str| {
        let (title, body) = ctx.draft.with_untracked(|d| {
            ctx.template.with_value(|t| {
                let body = if ext == "md" {
                    timing::measure("nianbao:export-markdown", || markdown::render(d, t))
                } else {
                    timing::measure("nianbao:export-html", || html::render_document(d, t))
                };
                (d.effective_title(t), body)
            })
        });
        if let Err(e) = download::download(&file_name(&title, ext), mime, &body) {
            ctx.notice.set(Some(e.to_string()));
        }
    };
    let export_docx = move || {
        let (title, bytes) = ctx.draft.with_untracked(|d| {
            ctx.template.with_value(|t| {
                let bytes = timing::measure("nianbao:export-docx", || docx(d, t));
                (d.effective_title(t), bytes)
            })
        });
        if let Err(e) = download::download_bytes(&file_name(&title, "docx"), DOCX_MIME, &bytes) {
            ctx.notice.set(Some(e.to_string()));
        }
    };
    let status_text = move || match ctx.save.get() {
        SaveStatus::Idle => "尚未修改".to_string(),
        SaveStatus::Pending => "正在保存…".to_string(),
        SaveStatus::Saved(at) => format!("已保存 {}", clock::local_time(at)),
        SaveStatus::Failed(e) => format!("保存失败：{e}"),
    };
    let failed = move || matches!(ctx.save.get(), SaveStatus::Failed(_));
    view! {
        <div class="toolbar">
            <span class="save-status" class:failed=failed data-testid="save-status" role="status" aria-live="polite">
                {status_text}
            </span>
            <button type="button" data-testid="export-markdown" title="下载 Markdown 文件"
                on:click=move |_| export("md", "text/markdown;charset=utf-8")>"导出 Markdown"</button>
            <button type="button" data-testid="export-html" title="下载可直接打印的 HTML 文件"
                on:click=move |_| export("html", "text/html;charset=utf-8")>"导出 HTML"</button>
            <button type="button" data-testid="export-docx" title="下载公文格式的 Word 文件（.docx）"
                on:click=move |_| export_docx()>"导出 Word"</button>
            <button type="button" class="primary" id=PRINT_ID data-testid="print" title="按公文格式打印报告"
                on:click=move |_| on_print.run(())>"打印"</button>
        </div>
    }
}
