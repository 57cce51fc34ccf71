//! The draft list: every draft in this browser, damaged data, the trash, and backups.

use crate::browser::{clock, download, storage};
use crate::core::format::Stored;
use crate::core::library::{new_id, summarize, Summary};
use crate::ui::app::fresh_draft;
use crate::ui::files;
use crate::ui::session::Session;
use crate::ui::state::{ctx, Ctx};
use leptos::prelude::*;

/// The stored draft `id`, or the open one as it is in memory.
fn stored_draft(ctx: Ctx, session: Session, id: &str) -> Option<Stored> {
    if id == session.id() {
        return Some(Stored::new(
            id,
            session.revision(),
            clock::now_ms(),
            ctx.draft.get_untracked(),
        ));
    }
    match storage::load(id) {
        Ok(found) => found,
        Err(e) => {
            ctx.notice.set(Some(e.to_string()));
            None
        }
    }
}

/// Stores `draft` under a new id and opens it.
fn add_and_open(ctx: Ctx, session: Session, draft: crate::core::model::Draft) {
    let now = clock::now_ms();
    let stored = Stored::new(&new_id(now, clock::random_u32()), 1, now, draft);
    match storage::put(&stored) {
        Ok(()) => {
            session.flush(ctx);
            session.switch_to(ctx, stored);
        }
        Err(e) => ctx.notice.set(Some(format!("无法新建草稿：{e}"))),
    }
}

/// The draft list panel.
#[component]
pub fn DraftList(close: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let session = expect_context::<Session>();
    let scan = Memo::new(move |_| {
        ctx.library_changed.track();
        storage::scan(clock::now_ms()).unwrap_or_default()
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
        let was_open = id == session.id();
        if was_open {
            session.flush(ctx);
        }
        if let Err(e) = storage::trash(&id, clock::now_ms()) {
            ctx.notice.set(Some(format!("删除失败：{e}")));
            return;
        }
        set_undo.set(Some((id, name)));
        if was_open {
            let next = storage::scan(clock::now_ms())
                .ok()
                .and_then(|s| s.drafts.into_iter().next())
                .map(|(s, _)| s);
            let next = next.unwrap_or_else(|| {
                let fresh = ctx.template.with_value(fresh_draft);
                let _ = storage::put(&fresh);
                fresh
            });
            session.switch_to(ctx, next);
        }
        ctx.refresh_library();
    };
    let untrash = move |id: String| match storage::untrash(&id) {
        Ok(()) => {
            set_undo.set(None);
            ctx.refresh_library();
        }
        Err(e) => ctx.notice.set(Some(format!("无法撤销删除：{e}"))),
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
                    on:click=move |_| add_and_open(ctx, session, ctx.template.with_value(fresh_draft).draft)>"新建草稿"</button>
                <button type="button" class="link" on:click=move |_| close.run(())>"关闭"</button>
            </div>
            <p class="warn">"草稿只保存在本机的这个浏览器中。清除浏览器数据（历史记录、Cookie 和网站数据）会删除所有草稿，请定期下载备份。"</p>
            <div class="backup-row">
                <button type="button" data-testid="backup-download" on:click=move |_| files::download_all(ctx, session)>"下载全部草稿备份"</button>
                <label class="file-button">
                    "从备份恢复…"
                    <input type="file" accept=".json,application/json" data-testid="backup-restore"
                        on:change=move |ev| { if let Some(input) = files::input_of(&ev) { files::restore_from_input(ctx, input); } }/>
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
                <For each=move || summaries.get() key=|item| item.clone() let:item>
                    <DraftItem summary=item.0 open=item.1 on_delete=Callback::new(move |(id, name)| delete(id, name))/>
                </For>
            </ul>
            <Show when=move || scan.with(|s| !s.damaged.is_empty())>
                <h3>"无法读取的数据（已原样保留）"</h3>
                <ul class="draft-items">
                    <For each=move || scan.get().damaged key=|d| d.clone() let:d>
                        <DamagedItem key_name=d.key units=d.units error=d.error/>
                    </For>
                </ul>
            </Show>
            <Show when=move || scan.with(|s| !s.trash.is_empty())>
                <h3>"最近删除（保留 7 天）"</h3>
                <ul class="draft-items">
                    <For each=move || scan.get().trash key=|t| t.clone() let:t>
                        <li class="draft-item trashed" data-testid="trash-item">
                            <span>{if t.name.is_empty() { "（未命名）".to_string() } else { t.name.clone() }}</span>
                            <span class="muted">{format!("删除于 {}", clock::local_datetime(t.deleted_at as f64))}</span>
                            <button type="button" data-testid="trash-restore"
                                on:click=move |_| untrash(t.id.clone())>"恢复"</button>
                        </li>
                    </For>
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
        let id = id.get_value();
        if id == session.id() {
            ctx.dispatch(crate::core::edit::Edit::SetName(value));
        } else if let Some(mut s) = stored_draft(ctx, session, &id) {
            s.draft.name = value;
            s.revision += 1;
            s.saved_at = clock::now_ms();
            if let Err(e) = storage::put(&s) {
                ctx.notice.set(Some(format!("重命名失败：{e}")));
            }
            ctx.refresh_library();
        }
    };
    let duplicate = move |_| {
        if let Some(s) = stored_draft(ctx, session, &id.get_value()) {
            let copy = ctx
                .template
                .with_value(|t| s.draft.copy_named("（副本）", t));
            add_and_open(ctx, session, copy);
        }
    };
    let next_year = move |_| {
        if let Some(s) = stored_draft(ctx, session, &id.get_value()) {
            let next = ctx.template.with_value(|t| s.draft.next_year(t));
            add_and_open(ctx, session, next);
        }
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
                    on:click=move |_| session.open(ctx, &id.get_value())>"打开"</button>
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
        if let Err(e) = storage::remove(&key.get_value()) {
            ctx.notice.set(Some(e.to_string()));
        }
        ctx.refresh_library();
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

/// Kilobytes with one decimal of `units` UTF-16 code units (two bytes each). In integers:
/// formatting an `f64` would bring the float printing code into the program for this alone.
fn kb(units: usize) -> String {
    let tenths = (units * 20 + 512) / 1024;
    format!("{}.{}", tenths / 10, tenths % 10)
}
