//! The check before printing: characters the GB2312 fonts cannot print, and which of the
//! official typefaces are installed (with the fallback that prints otherwise).

use crate::browser::{download, fonts};
use crate::core::layout::{outside_gb2312, FONT_STACKS};
use crate::ui::state::ctx;
use leptos::prelude::*;

/// One typeface role with what will print it.
fn font_line(role: &str, families: &[&str], generic: &str) -> (String, bool) {
    let official = families.first().copied().unwrap_or(generic);
    match fonts::installed(official) {
        None => (format!("{role}：无法检测字体"), false),
        Some(true) => (format!("{role}：已安装“{official}”"), true),
        Some(false) => {
            let fallback = families
                .iter()
                .skip(1)
                .find(|f| fonts::installed(f) == Some(true))
                .map(|f| format!("“{f}”"))
                .unwrap_or_else(|| format!("浏览器默认字体（{generic}）"));
            (
                format!("{role}：未安装“{official}”，将使用{fallback}"),
                false,
            )
        }
    }
}

/// The print check panel; `close` hides it.
#[component]
pub fn PrintCheck(close: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let rare = ctx
        .draft
        .with_untracked(|d| ctx.template.with_value(|t| outside_gb2312(d, t)));
    let fonts: Vec<(String, bool)> = FONT_STACKS
        .iter()
        .map(|(role, fams, generic)| font_line(role, fams, generic))
        .collect();
    let rare_view = if rare.is_empty() {
        view! { <p class="muted" data-testid="print-rare-none">"没有GB2312字符集以外的字。"</p> }
            .into_any()
    } else {
        let items = rare
            .into_iter()
            .map(|r| {
                view! {
                    <li data-testid="print-rare">
                        {format!("“{}”（U+{:04X}）共{}处：{}", r.c, u32::from(r.c), r.count, r.places.join("、"))}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="warn">"以下字不在GB2312字符集中，用仿宋_GB2312等字体打印时会缺字或换用其他字体："</p>
            <ul>{items}</ul>
        }
        .into_any()
    };
    let font_items = fonts
        .into_iter()
        .map(|(text, ok)| view! { <li data-testid="print-font" class:warn=!ok>{text}</li> })
        .collect_view();
    view! {
        <section class="panel print-check" role="dialog" aria-label="打印前检查" data-testid="print-check">
            <div class="panel-head">
                <h2>"打印前检查"</h2>
                <button type="button" data-testid="print-cancel" on:click=move |_| close.run(())>"取消"</button>
            </div>
            <h3>"生僻字"</h3>
            {rare_view}
            <h3>"字体"</h3>
            <ul>{font_items}</ul>
            <h3>"打印设置"</h3>
            // Each page is a whole A4 sheet with its margins and page number inside and
            // `@page { margin: 0 }`: only scale and paper still matter, per engine below.
            <ul data-testid="print-advice">
                <li>"Chrome、Edge、360 安全浏览器（极速模式）等：纸张尺寸选 A4，“更多设置”中缩放选“默认”（100%），边距选“默认”。页眉和页脚无需关闭：页面没有边距，浏览器不会在上面打印网址和日期。"</li>
                <li>"Firefox：纸张尺寸选 A4，缩放选 100%（不要选“适合页面宽度”），边距选“默认”，并取消勾选“打印页眉和页脚”（Firefox 会把网址和日期印在纸张边缘）。"</li>
            </ul>
            <p class="muted">"页码“— N —”由本程序排在每页版心下方，不需要浏览器添加。"</p>
            <div class="panel-foot">
                <button type="button" class="primary" data-testid="print-confirm"
                    on:click=move |_| {
                        close.run(());
                        if let Err(e) = download::print() {
                            ctx.notice.set(Some(e.to_string()));
                        }
                    }>"确认打印"</button>
            </div>
        </section>
    }
}
