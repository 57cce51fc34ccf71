//! The draft list: every draft in this browser, damaged data, the trash, and backups.

use crate::browser::{clock, download, storage};
use crate::core::library::{summarize, Summary};
use crate::ui::files;
use crate::ui::session::Session;
use crate::ui::state::ctx;
use leptos::prelude::*;

/// From this share of the quota on, the list warns.
const WARN_PERCENT: usize = 80;

/// The draft list panel.
#[component]
pub fn DraftList(close: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let session = expect_context::<Session>();
    // Listing only reads: housekeeping runs at start-up and on request, never in a memo.
    let scan = Memo::new(move |_| {
        ctx.library_changed.track();
        storage::list().unwrap_or_default()
    });
    let summaries = Memo::new(move |_| {
        let current = ctx.draft_id.get();
        scan.with(|s| {
            ctx.template.with_value(|t| {
                s.drafts
                    .iter()
                    .map(|(d, units)| (summarize(d, *units, t), d.id == current))
                    .collect::<Vec<_>>()
            })
        })
    });
    let (undo, set_undo) = signal(None::<(String, String)>);

    let delete = move |id: String, name: String| {
        if session.delete(ctx, &id) {
            set_undo.set(Some((id, name)));
        }
    };
    let untrash = move |id: String| {
        if session.untrash(ctx, &id) {
            set_undo.set(None);
        }
    };
    let usage = move || scan.with(|s| s.usage);
    let usage_text = move || {
        let u = usage();
        format!(
            "本程序占用浏览器存储 {} KB；本网站共用 {} KB，约占浏览器允许的{} {} KB 的 {}%。",
            whole_kb(u.nianbao),
            whole_kb(u.total),
            if u.measured {
                "（已实测）"
            } else {
                "（估计）"
            },
            whole_kb(u.quota),
            u.percent()
        )
    };
    let last_backup = move || {
        ctx.meta.with(|m| match m.last_backup_at {
            Some(at) => format!("上次备份：{}", clock::local_datetime(at)),
            None => "还没有下载过备份".to_string(),
        })
    };

    let panel = crate::ui::keys::focused_on_open();
    view! {
        <section node_ref=panel tabindex="-1" on:keydown=crate::ui::keys::close_on_escape(close) class="panel drafts" role="dialog" aria-label="草稿列表" data-testid="draft-list">
            <div class="panel-head">
                <h2>"草稿列表"</h2>
                <button type="button" data-testid="draft-new"
                    on:click=move |_| { session.create(ctx); }>"新建草稿"</button>
                <button type="button" class="link" on:click=move |_| close.run(())>"关闭"</button>
            </div>
            <p class="warn">"草稿只保存在本机的这个浏览器中。清除浏览器数据（历史记录、Cookie 和网站数据）会删除所有草稿，请定期下载备份。"</p>
            <p class="muted" data-testid="storage-usage">{usage_text}
                <button type="button" class="link" data-testid="storage-tidy" title="迁移旧版数据、隔离无法读取的数据、清除回收站中超过 7 天的草稿"
                    on:click=move |_| session.tidy(ctx)>"整理存储"</button>
            </p>
            <Show when=move || { usage().percent() >= WARN_PERCENT }>
                <p class="warn" role="alert" data-testid="storage-warning">
                    {move || format!("浏览器存储已用约 {}%，快满了：存满后新的修改将无法保存。请先下载全部草稿备份，再删除不再需要的旧草稿。", usage().percent())}
                </p>
            </Show>
            <div class="backup-row">
                <button type="button" data-testid="backup-download" on:click=move |_| files::download_all(ctx, session)>"下载全部草稿备份"</button>
                <label class="file-button">
                    "从备份恢复…"
                    <input type="file" accept=".json,application/json" data-testid="backup-restore"
                        on:change=move |ev| { if let Some(input) = files::input_of(&ev) { files::restore_from_input(ctx, session, input); } }/>
                </label>
                <span class="muted" data-testid="last-backup">{last_backup}</span>
            </div>
            <Show when=move || undo.with(Option::is_some)>
                <div class="undo-row">
                    <span>{move || format!("已删除“{}”。", undo.get().map(|u| u.1).unwrap_or_default())}</span>
                    <button type="button" data-testid="draft-undo"
                        on:click=move |_| { if let Some((id, _)) = undo.get_untracked() { untrash(id); } }>"撤销"</button>
                </div>
            </Show>
            <ul class="draft-items">
                {move || summaries.get().into_iter().map(|(summary, open)| view! {
                    <DraftItem summary open on_delete=Callback::new(move |(id, name)| delete(id, name))/>
                }).collect_view()}
            </ul>
            <Show when=move || scan.with(|s| !s.damaged.is_empty())>
                <h3>"无法读取的数据（已原样保留）"</h3>
                <ul class="draft-items">
                    {move || scan.get().damaged.into_iter().map(|d| view! {
                        <DamagedItem key_name=d.key units=d.units error=d.error/>
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || scan.with(|s| !s.trash.is_empty())>
                <h3>"最近删除（保留 7 天）"</h3>
                <ul class="draft-items">
                    {move || scan.get().trash.into_iter().map(|t| view! {
                        <li class="draft-item trashed" data-testid="trash-item">
                            <span>{if t.name.is_empty() { "（未命名）".to_string() } else { t.name.clone() }}</span>
                            <span class="muted">{format!("删除于 {}", clock::local_datetime(t.deleted_at as f64))}</span>
                            <button type="button" data-testid="trash-restore"
                                on:click=move |_| untrash(t.id.clone())>"恢复"</button>
                        </li>
                    }.into_any()).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn DraftItem(summary: Summary, open: bool, on_delete: Callback<(String, String)>) -> impl IntoView {
    let ctx = ctx();
    let session = expect_context::<Session>();
    let (renaming, set_renaming) = signal(false);
    let (confirm, set_confirm) = signal(false);
    let id = StoredValue::new(summary.id.clone());
    let name = summary.name.clone();
    let rename = move |value: String| {
        set_renaming.set(false);
        let value = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        session.rename(ctx, &id.get_value(), value);
    };
    let duplicate = move |_| {
        session.duplicate(ctx, &id.get_value());
    };
    let next_year = move |_| {
        session.next_year(ctx, &id.get_value());
    };
    let name_for_delete = name.clone();
    view! {
        <li class="draft-item" class:current=open data-testid="draft-item" data-draft-id=summary.id.clone()>
            <div class="draft-main">
                <Show when=move || renaming.get() fallback={
                    let name = name.clone();
                    move || view! { <strong class="draft-name" data-testid="draft-name">{name.clone()}</strong> }
                }>
                    <input type="text" data-testid="draft-rename-input" aria-label="草稿名称" prop:value=name.clone()
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                rename(event_target_value(&ev));
                            } else if ev.key() == "Escape" {
                                set_renaming.set(false);
                            }
                        }
                        on:blur=move |ev| { if renaming.get_untracked() { rename(event_target_value(&ev)); } }/>
                </Show>
                {open.then(|| view! { <span class="badge">"正在编辑"</span> })}
                <div class="muted">
                    {format!("{} · {}年度 · {}", if summary.unit.is_empty() { "（未填单位）" } else { &summary.unit }, summary.year, summary.title)}
                </div>
                <div class="muted">
                    {format!("保存于 {} · {} 字 · 占用存储 {} KB", clock::local_datetime(summary.saved_at as f64), summary.chars, kb(summary.stored_units))}
                </div>
            </div>
            <div class="draft-actions">
                <button type="button" data-testid="draft-open" disabled=open
                    on:click=move |_| { session.open(ctx, &id.get_value()); }>"打开"</button>
                <button type="button" data-testid="draft-rename" on:click=move |_| set_renaming.set(true)>"重命名"</button>
                <button type="button" data-testid="draft-duplicate" on:click=duplicate>"复制"</button>
                <button type="button" data-testid="draft-next-year" title="以本报告为基础开始下一年度的报告"
                    on:click=next_year>"开始下一年度报告"</button>
                <button type="button" class="danger" data-testid="draft-delete"
                    on:click=move |_| {
                        if confirm.get_untracked() {
                            on_delete.run((id.get_value(), name_for_delete.clone()));
                        } else {
                            set_confirm.set(true);
                        }
                    }>{move || if confirm.get() { "确认删除？" } else { "删除" }}</button>
            </div>
        </li>
    }
}

#[component]
fn DamagedItem(key_name: String, units: usize, error: String) -> impl IntoView {
    let ctx = ctx();
    let session = expect_context::<Session>();
    let key = StoredValue::new(key_name.clone());
    let (confirm, set_confirm) = signal(false);
    let save_copy = move |_| {
        let key = key.get_value();
        match storage::read_raw(&key) {
            Ok(Some(raw)) => {
                if let Err(e) = download::download(
                    &format!("{key}.json"),
                    "application/json;charset=utf-8",
                    &raw,
                ) {
                    ctx.notice.set(Some(e.to_string()));
                }
            }
            _ => ctx.notice.set(Some("这项数据已不存在。".into())),
        }
    };
    let remove = move |_| {
        if !confirm.get_untracked() {
            set_confirm.set(true);
            return;
        }
        session.remove_damaged(ctx, &key.get_value());
    };
    view! {
        <li class="draft-item damaged" data-testid="damaged-item">
            <div class="draft-main">
                <strong>"已损坏的数据"</strong>
                <div class="muted">{format!("{key_name} · {} KB · {error}", kb(units))}</div>
            </div>
            <div class="draft-actions">
                <button type="button" data-testid="damaged-download" on:click=save_copy>"下载原始内容"</button>
                <button type="button" class="danger" data-testid="damaged-delete" on:click=remove>
                    {move || if confirm.get() { "确认永久删除？" } else { "删除" }}
                </button>
            </div>
        </li>
    }
}

/// Whole kilobytes (rounded) of `units` UTF-16 code units.
fn whole_kb(units: usize) -> usize {
    (units * 2 + 512) / 1024
}

/// Kilobytes with one decimal of `units` UTF-16 code units (two bytes each). In integers:
/// formatting an `f64` would bring the float printing code into the program for this alone.
fn kb(units: usize) -> String {
    let tenths = (units * 20 + 512) / 1024;
    format!("{}.{}", tenths / 10, tenths % 10)
}
