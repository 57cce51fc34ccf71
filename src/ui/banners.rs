//! Banners above the editor: notices, a failing save (with downloads), the backup reminder.

use crate::ui::files;
use crate::ui::session::{display_name, Session};
use crate::ui::state::{ctx, SaveStatus};
use leptos::prelude::*;

/// All banners, each shown only while it applies.
#[component]
pub fn Banners() -> impl IntoView {
    let ctx = ctx();
    let session = expect_context::<Session>();
    let failure = move || match ctx.save.get() {
        SaveStatus::Failed(e) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <Show when=move || failure().is_some()>
            <div class="banner danger" role="alert" data-testid="quota-banner">
                <p class="banner-text">
                    <strong data-testid="quota-banner-draft">{move || ctx.draft.with(|d| ctx.template.with_value(|t| format!("“{}”没有保存：", display_name(d, t))))}</strong>
                    {move || failure().unwrap_or_default()}
                    "。您可以继续编辑，内容暂存在本页中；请立即下载，以免丢失。在腾出空间之前，打开、新建或导入其他草稿都会暂停，以免这些修改丢失。问题解决后会自动恢复保存。"
                </p>
                <span class="banner-actions">
                    <button type="button" data-testid="quota-download-draft"
                        on:click=move |_| files::download_current(ctx, session)>"下载本草稿"</button>
                    <button type="button" data-testid="quota-download-backup"
                        on:click=move |_| files::download_all(ctx, session)>"下载全部草稿备份"</button>
                </span>
            </div>
        </Show>
        <Show when=move || ctx.notice.with(Option::is_some)>
            <div class="banner" role="status" data-testid="notice">
                <span>{move || ctx.notice.get().unwrap_or_default()}</span>
                <button type="button" class="link" data-testid="notice-close" on:click=move |_| ctx.notice.set(None)>"知道了"</button>
            </div>
        </Show>
        <Show when=move || ctx.meta.with(|m| m.reminder_due())>
            <div class="banner" role="status" data-testid="backup-reminder">
                <span>"已有 7 天编辑过草稿却没有备份。清除浏览器数据会删除草稿，建议现在下载一份备份。"</span>
                <button type="button" on:click=move |_| files::download_all(ctx, session)>"下载备份"</button>
            </div>
        </Show>
    }
}
