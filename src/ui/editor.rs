//! The editor of the open entry: heading, body and the structural actions.

use crate::core::edit::Edit;
use crate::core::model::{count_chars, SectionId, MAX_LEVEL};
use crate::core::open::{new_section_edit, open_info};
use crate::core::text::splice_utf16;
use crate::ui::after_pause::now_and_after_pause;
use crate::ui::outline::RECOUNT_DELAY;
use crate::ui::state::ctx;
use js_sys::JsString;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlTextAreaElement;

/// Element id of the heading field, for the shortcuts that move the focus into it.
pub const HEADING_ID: &str = "section-heading";
/// Element id of the body textarea (the skip link's target).
pub const BODY_ID: &str = "section-body";

/// The editing pane.
#[component]
pub fn Editor() -> impl IntoView {
    let ctx = ctx();
    let d = ctx.draft;
    let info = Memo::new(move |_| d.with(|d| ctx.template.with_value(|t| open_info(d, t))));
    let id = move || info.with(|i| i.id);
    let level = move || info.with(|i| i.level);
    let heading = move || {
        d.with(|d| {
            d.section(id())
                .map(|s| s.heading.clone())
                .unwrap_or_default()
        })
    };
    // The textarea is written only when what it shows differs from the open body (another
    // section opened, a fix, another tab's save): echoing every keystroke back into a long
    // textarea would copy and compare its whole text once more per key.
    let body_ref = NodeRef::<leptos::html::Textarea>::new();
    // With the draft's change count at which the textarea was known to show the open body
    // (see `Ctx::changes`): while the count holds, the comparison below, a pass over the
    // whole body on every key, is skipped.
    let shown = StoredValue::new(None::<(SectionId, String, u64)>);
    // The browser's own string of the value `shown` holds, kept in the browser: the next key
    // is applied to `shown` from the few characters that changed (see `typed`).
    let seen = StoredValue::new_local(None::<JsString>);
    Effect::new(move |_| {
        let open = id();
        ctx.track_all();
        // Compared in place: cloning a long body on every keystroke is what this avoids. An
        // unchanged count (the textarea's own key) needs no comparison at all.
        let changed = d.with_untracked(|d| {
            let text = d.body_of(open).unwrap_or_default();
            let same = shown.with_value(|s| {
                s.as_ref()
                    .is_some_and(|(i, v, n)| *i == open && (*n == ctx.changes() || v == text))
            });
            (!same).then(|| text.to_string())
        });
        if let (Some(text), Some(el)) = (changed, body_ref.get()) {
            el.set_value(&text);
            shown.set_value(Some((open, text, ctx.changes())));
            seen.set_value(None);
        }
    });
    let opened = move || (ctx.draft_id.get(), id());
    let body_chars = now_and_after_pause(ctx, RECOUNT_DELAY, opened, move || {
        let open = info.with_untracked(|i| i.id);
        d.with_untracked(|d| d.body_of(open).map(count_chars).unwrap_or(0))
    });
    let (confirm_remove, set_confirm_remove) = signal(false);
    // Leaving the entry cancels a half-made removal.
    Effect::new(move |_| {
        id();
        set_confirm_remove.set(false);
    });

    let level_name = move || match level() {
        0 => "开头语（可选，写在第一部分之前）".to_string(),
        1 => "一级标题（部分）".to_string(),
        2 => "二级标题（小节）".to_string(),
        3 => "三级标题（要点）".to_string(),
        _ => "四级标题".to_string(),
    };
    let add_section = move |_| {
        if let Some(edit) = d.with_untracked(new_section_edit) {
            ctx.dispatch(edit);
        }
    };
    let add_point = move |_| {
        let i = info.get_untracked();
        let edit = if i.level >= 3 {
            Edit::AddSibling { after: i.id }
        } else {
            Edit::AddChild { parent: i.id }
        };
        ctx.dispatch(edit);
    };
    let add_part = move |_| {
        ctx.dispatch(Edit::AddPart {
            after: info.get_untracked().part,
        });
    };
    let remove = move |_| {
        if confirm_remove.get_untracked() {
            set_confirm_remove.set(false);
            ctx.dispatch(Edit::Remove(id()));
        } else {
            set_confirm_remove.set(true);
        }
    };

    view! {
        <section class="editor" aria-label="正在编辑" data-testid="editor">
            <div class="editor-head">
                <span class="level">{level_name}</span>
                <span class="chars">{move || format!("正文 {} 字", body_chars.get())}</span>
            </div>
            <Show when=move || { level() > 0 }>
                <label class="heading-field">
                    <span class="num" data-testid="section-number">{move || info.with(|i| i.number.clone())}</span>
                    <input type="text" id=HEADING_ID data-testid="section-title" aria-label="标题" placeholder="输入标题（编号自动生成，不要手动输入）"
                        prop:value=heading
                        on:input:target=move |ev| { ctx.dispatch(Edit::SetHeading(id(), ev.target().value())); }/>
                </label>
            </Show>
            <textarea data-testid="section-body" id=BODY_ID aria-label="正文" spellcheck="false"
                placeholder="在此输入正文。每行一段，段首不必空格，打印时自动缩进两字。"
                node_ref=body_ref
                on:input:target=move |ev| {
                    let el = ev.target();
                    let open = id();
                    let now = js_value(&el);
                    let value = now
                        .as_ref()
                        .and_then(|now| {
                            let old = seen.with_value(|s| s.clone())?;
                            shown.with_value(|s| match s {
                                Some((i, text, _)) if *i == open => typed(&old, text, now, &el),
                                _ => None,
                            })
                        })
                        .unwrap_or_else(|| el.value());
                    seen.set_value(now);
                    let copy = value.clone();
                    ctx.dispatch(Edit::SetBody(open, value));
                    shown.set_value(Some((open, copy, ctx.changes())));
                }>
            </textarea>
            <div class="actions" role="toolbar" aria-label="结构操作">
                <button type="button" data-testid="add-section" disabled=move || level() == 0
                    title="在本部分中新增一个（一）级小节" on:click=add_section>"＋ 小节（一）"</button>
                <button type="button" data-testid="add-point" disabled=move || !(2..MAX_LEVEL).contains(&level())
                    title="在本小节中新增一个 1. 级要点" on:click=add_point>"＋ 要点 1."</button>
                <button type="button" data-testid="add-part"
                    title="在本部分之后新增一个一级部分" on:click=add_part>"＋ 部分 一、"</button>
                <span class="spacer"></span>
                <button type="button" data-testid="move-up" disabled=move || level() == 0
                    title="上移" on:click=move |_| { ctx.dispatch(Edit::MoveUp(id())); }>"上移"</button>
                <button type="button" data-testid="move-down" disabled=move || level() == 0
                    title="下移" on:click=move |_| { ctx.dispatch(Edit::MoveDown(id())); }>"下移"</button>
                <button type="button" data-testid="remove-section" class="danger"
                    disabled=move || level() == 0 || info.with(|i| i.required)
                    title=move || if info.with(|i| i.required) { "必须报告的部分不能删除" } else { "删除本节及其下所有内容" }
                    on:click=remove>
                    {move || if confirm_remove.get() { "确认删除？" } else { "删除" }}
                </button>
            </div>
        </section>
    }
}

/// The textarea's value as the browser's string, not copied into wasm.
fn js_value(el: &HtmlTextAreaElement) -> Option<JsString> {
    js_sys::Reflect::get(el, &JsValue::from_str("value"))
        .ok()?
        .dyn_into()
        .ok()
}

/// The textarea's new value `now`, from `text` (whose browser string is `old`) and the part
/// of `now` before the caret that differs: copying a 100,000-character body out of the browser
/// on every key cost more than the rest of the keystroke's work. The unchanged ends are
/// compared in the browser, so the result is `now` exactly or `None` (then the caller copies).
fn typed(old: &JsString, text: &str, now: &JsString, el: &HtmlTextAreaElement) -> Option<String> {
    let (old_len, now_len) = (old.length(), now.length());
    let caret = el.selection_end().ok()??.min(now_len);
    let tail = now_len - caret;
    if tail > old_len || now.slice(caret, now_len) != old.slice(old_len - tail, old_len) {
        return None;
    }
    let head = caret.min(old_len - tail);
    if now.slice(0, head) != old.slice(0, head) {
        return None;
    }
    // `splice_utf16` refuses a cut inside a surrogate pair.
    let middle = String::from(now.slice(head, caret));
    splice_utf16(
        text,
        old_len as usize,
        head as usize,
        tail as usize,
        &middle,
    )
}
