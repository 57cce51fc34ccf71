//! The import dialog: pasted text or a .txt/.md/.docx file (picked or dropped) becomes a new
//! draft, with every clean-up shown before it is applied so the user can keep the original.

use crate::browser::timing;
use crate::core::import::{import, Cleanup, CleanupKind, ImportOptions, Imported};
use crate::core::template::Template;
use crate::ui::after_pause::after_paint;
use crate::ui::files::input_of;
use crate::ui::import_file::{dropped, FileNotes, FileState, ACCEPT};
use crate::ui::session::Session;
use crate::ui::state::ctx;
use leptos::prelude::*;
use std::time::Duration;

/// Pause after the last keystroke in the paste box before the text is analysed again.
const ANALYSE_DELAY: Duration = Duration::from_millis(300);
/// Rows of the structure built per task (see [`part_rows`]).
const ROWS_AT_ONCE: usize = 24;
/// Examples shown per kind of clean-up.
const EXAMPLES: usize = 4;

/// The import dialog.
#[component]
pub fn ImportDialog(close: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let session = expect_context::<Session>();
    let text = RwSignal::new(String::new());
    let analysed = RwSignal::new(String::new());
    let skip = RwSignal::new(Vec::<CleanupKind>::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let fallback_year = ctx.draft.with_untracked(|d| d.year);
    let options = move || ImportOptions {
        skip: skip.get(),
        fallback_year,
    };
    // The clerk's mapping of level-1 parts, by index, over what the import found.
    let choices = RwSignal::new(Vec::<(usize, Option<String>)>::new());
    let analyse = move |text: &str| {
        ctx.template.with_value(|t| {
            let mut r = import(text, t, &options());
            choices.with(|c| apply_choices(&mut r, c, t));
            r
        })
    };
    let result = Memo::new(move |_| {
        let text = analysed.get();
        (!text.trim().is_empty()).then(|| timing::measure("nianbao:import", || analyse(&text)))
    });
    // What the summary shows: the analysis, handed over in the next task. Analysing a pasted
    // 100,000-character report and building its summary of some 180 parts were one
    // main-thread task of over 200 ms; split, each stays well under.
    let shown = RwSignal::new(None::<Imported>);
    Effect::new(move |_| {
        let r = result.get();
        set_timeout(
            move || {
                // The dialog may have closed meanwhile: then there is nothing to show.
                shown.try_set(r);
            },
            Duration::ZERO,
        );
    });
    let set_text = move |value: String, at_once: bool| {
        // Another text has other parts: the choices made for this one no longer apply.
        choices.set(Vec::new());
        text.set(value);
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        if at_once {
            analysed.set(text.get_untracked());
        } else {
            // The dialog may be closed before the pause ends: its signals are gone then,
            // and the late analysis is dropped instead of panicking on a disposed signal.
            let analyse_later = move || {
                if let Some(t) = text.try_get_untracked() {
                    analysed.try_set(t);
                }
            };
            timer.set_value(set_timeout_with_handle(analyse_later, ANALYSE_DELAY).ok());
        }
    };
    let files = FileState::new();
    let read_file = move |ev: leptos::ev::Event| {
        let Some(input) = input_of(&ev) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        files.load(file, move |t| set_text(t, true));
    };
    let drop_file = move |ev: leptos::ev::DragEvent| {
        if let Some(file) = dropped(&ev) {
            files.load(file, move |t| set_text(t, true));
        }
    };
    // Between the click and the import the button says so, for one frame: see `confirm`.
    let importing = RwSignal::new(false);
    let confirm = move |_| {
        // Analyse what is in the box now, even if the pause has not passed yet.
        let text = text.get_untracked();
        if text.trim().is_empty() || importing.get_untracked() {
            return;
        }
        importing.set(true);
        // The import runs in the task after the next frame. Run in the click's task, it and
        // the first build of the new draft (a 100,000-character report has an outline of
        // hundreds of rows), with the layout the browser does at once after a click, were one
        // main-thread task of over 200 ms. Now the click's task is short, and the new draft's
        // layout comes in the browser's next frame, apart from building it.
        after_paint(move || {
            // Closed meanwhile (Escape, 取消): the clerk changed their mind.
            if importing.try_get_untracked() != Some(true) {
                return;
            }
            // The analysis on screen is of this text when the pause has passed: taking it
            // saves analysing 100,000 characters a second time in the task the clerk waits on.
            let same = analysed.with_untracked(|a| *a == text);
            let mut imported: Imported = match same.then(|| result.get_untracked()).flatten() {
                Some(r) => r,
                None => timing::measure("nianbao:import", || analyse(&text)),
            };
            files.carry_into(&mut imported.draft);
            if session.import(ctx, imported.draft) {
                close.run(());
            } else {
                importing.set(false);
            }
        });
    };
    let toggle = move |kind: CleanupKind| {
        skip.update(|s| {
            if let Some(i) = s.iter().position(|k| *k == kind) {
                s.remove(i);
            } else {
                s.push(kind);
            }
        });
    };

    let panel = crate::ui::keys::focused_on_open();
    view! {
        <section node_ref=panel tabindex="-1" on:keydown=crate::ui::keys::close_on_escape(close) class="panel import" role="dialog" aria-label="导入文本" data-testid="import-dialog"
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=drop_file>
            <div class="panel-head">
                <h2>"导入去年的报告或其他文本"</h2>
                <button type="button" class="link" on:click=move |_| close.run(())>"关闭"</button>
            </div>
            <p class="muted">"粘贴从 Word、WPS、PDF 或网页复制的全文，或选择（或拖入）.docx / .txt / .md 文件。导入会生成一份新草稿，不改动现有草稿。"</p>
            <div class="import-grid">
                <div class="import-input">
                    <label class="file-button">
                        "选择文件…"
                        <input type="file" accept=ACCEPT data-testid="import-file" on:change=read_file/>
                    </label>
                    <FileNotes state=files/>
                    <textarea data-testid="import-text" aria-label="要导入的文本" spellcheck="false"
                        placeholder="在此粘贴报告全文"
                        prop:value=move || text.get()
                        on:input:target=move |ev| set_text(ev.target().value(), false)></textarea>
                </div>
                <div class="import-result" data-testid="import-result">
                    {move || shown.get().map(|r| summary(r, skip.get(), toggle, choices))}
                </div>
            </div>
            <div class="panel-foot">
                <button type="button" class="primary" data-testid="import-confirm"
                    disabled=move || importing.get() || text.with(|t| t.trim().is_empty()) on:click=confirm>
                    {move || if importing.get() { "正在导入…" } else { "导入为新草稿" }}
                </button>
                <button type="button" on:click=move |_| close.run(())>"取消"</button>
            </div>
        </section>
    }
}

/// Applies the clerk's mapping choices to a fresh import result.
fn apply_choices(r: &mut Imported, choices: &[(usize, Option<String>)], template: &Template) {
    for (i, key) in choices {
        r.remap(*i, key.as_deref(), template);
    }
}

/// What a row of the structure shows for one level-1 part: text only, so that all rows are
/// made at once and their controls built in batches (see [`part_rows`]).
struct PartRow {
    heading: String,
    children: usize,
    /// The template part it counts toward, empty for none.
    key: String,
    state: String,
}

/// The rows of every level-1 part of the result.
fn part_infos(r: &Imported, template: &Template) -> Vec<PartRow> {
    let d = &r.draft;
    d.parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let map = r.mapping.get(i);
            let state = match map.and_then(|m| m.key.as_deref().zip(m.reason.as_ref())) {
                Some((k, why)) => {
                    let h = template
                        .part(k)
                        .map(|pt| pt.heading_for(d.year))
                        .unwrap_or_default();
                    format!("对应：{h}（{}）", why.label())
                }
                None => "未对应必备部分（保留为自拟部分）".to_string(),
            };
            PartRow {
                heading: format!(
                    "{}{}",
                    crate::core::numbering::marker(1, i + 1),
                    part.heading
                ),
                children: part.children.len(),
                key: map.and_then(|m| m.key.clone()).unwrap_or_default(),
                state,
            }
        })
        .collect()
}

/// The structure's rows, [`ROWS_AT_ONCE`] now and as many more in each following task: a
/// `<select>` is costly to style, and the 180 of a pasted 100,000-character text were one
/// main-thread task of some 300 ms. A report's usual handful of parts shows at once.
fn part_rows(rows: Vec<PartRow>, choices: RwSignal<Vec<(usize, Option<String>)>>) -> impl IntoView {
    let mut batches: Vec<Vec<PartRow>> = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        if i % ROWS_AT_ONCE == 0 {
            batches.push(Vec::new());
        }
        if let Some(batch) = batches.last_mut() {
            batch.push(row);
        }
    }
    let shown: Vec<RwSignal<bool>> = (0..batches.len()).map(|b| RwSignal::new(b == 0)).collect();
    fn more(shown: Vec<RwSignal<bool>>, next: usize) {
        let Some(&flag) = shown.get(next) else { return };
        set_timeout(
            move || {
                // Gone when the summary was rebuilt or the dialog closed meanwhile.
                if flag.try_set(true).is_none() {
                    more(shown, next + 1);
                }
            },
            Duration::ZERO,
        );
    }
    more(shown.clone(), 1);
    batches
        .into_iter()
        .zip(shown)
        .enumerate()
        .map(|(b, (rows, flag))| {
            move || {
                flag.get().then(|| {
                    rows.iter()
                        .enumerate()
                        .map(|(j, row)| part_row(row, b * ROWS_AT_ONCE + j, choices))
                        .collect_view()
                })
            }
        })
        .collect_view()
}

/// One level-1 part of the result: its heading, what it maps onto and why, and a choice of
/// the template part it counts toward.
fn part_row(
    row: &PartRow,
    i: usize,
    choices: RwSignal<Vec<(usize, Option<String>)>>,
) -> impl IntoView {
    let ctx = ctx();
    let key = row.key.clone();
    let options: Vec<(String, String)> = ctx.template.with_value(|t| {
        t.parts
            .iter()
            .map(|p| (p.key.clone(), format!("计入：{}", p.short_label())))
            .collect()
    });
    let choose = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let key = (!v.is_empty()).then_some(v);
        choices.update(|c| {
            c.retain(|(j, _)| *j != i);
            c.push((i, key));
        });
    };
    view! {
        <li data-testid="import-part">
            <strong>{row.heading.clone()}</strong>
            <span class="muted">{format!(" · {} 个小节 · {}", row.children, row.state)}</span>
            <label class="import-map">
                <span class="sr-only">{format!("第 {} 部分计入", i + 1)}</span>
                <select data-testid=format!("import-map-{}", i + 1) on:change=choose>
                    <option value="" selected=key.is_empty()>"自拟部分，不计入必备部分"</option>
                    {options.into_iter().map(|(k, label)| {
                        let selected = k == key;
                        view! { <option value=k selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
        </li>
    }
}

fn summary(
    r: Imported,
    skip: Vec<CleanupKind>,
    toggle: impl Fn(CleanupKind) + Copy + 'static,
    choices: RwSignal<Vec<(usize, Option<String>)>>,
) -> impl IntoView {
    let ctx = ctx();
    let d = &r.draft;
    let title = ctx.template.with_value(|t| d.effective_title(t));
    let rows = ctx.template.with_value(|t| part_infos(&r, t));
    let missing: Vec<String> = r
        .missing
        .iter()
        .filter_map(|k| {
            ctx.template
                .with_value(|t| t.part(k).map(|p| p.heading_for(d.year)))
        })
        .collect();
    let kinds: Vec<(CleanupKind, Vec<Cleanup>)> = CleanupKind::ALL
        .iter()
        .map(|&k| {
            (
                k,
                r.cleanups
                    .iter()
                    .filter(|c| c.kind == k)
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, list)| !list.is_empty())
        .collect();
    view! {
        <h3>"识别结果"</h3>
        <dl class="detected">
            <dt>"标题"</dt><dd data-testid="import-title">{title}</dd>
            <dt>"单位"</dt><dd data-testid="import-unit">{if d.unit.is_empty() { "（未识别）".to_string() } else { d.unit.clone() }}</dd>
            <dt>"年度"</dt><dd data-testid="import-year">{d.year}</dd>
        </dl>
        <h3>"结构"</h3>
        <ul class="import-parts">{part_rows(rows, choices)}</ul>
        {(!missing.is_empty()).then(|| view! {
            <p class="warn" data-testid="import-missing">{format!("没有找到这些必备部分，导入后请补写：{}", missing.join("；"))}</p>
        })}
        <h3>"清理"</h3>
        {if kinds.is_empty() { Some(view! { <p class="muted">"文本无需清理。"</p> }) } else { None }}
        <ul class="cleanups">
            {kinds.into_iter().map(|(kind, list)| {
                let applied = !skip.contains(&kind);
                let count = list.len();
                view! {
                    <li class="cleanup-kind" data-testid="import-cleanup" data-kind=format!("{kind:?}")>
                        <label>
                            <input type="checkbox" data-testid="import-cleanup-toggle" prop:checked=applied
                                on:change=move |_| toggle(kind)/>
                            {format!("{}（{} 处）", kind.label(), count)}
                            {if applied { "：将清理" } else { "：保留原文" }}
                        </label>
                        <ul class="examples">
                            {list.into_iter().take(EXAMPLES).map(|c| view! {
                                <li>
                                    <span class="muted">{format!("第 {} 行 ", c.line)}</span>
                                    <del>{c.before}</del>" → "
                                    <ins>{if c.after.is_empty() { "（删除）".to_string() } else { c.after }}</ins>
                                </li>
                            }).collect_view()}
                        </ul>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
