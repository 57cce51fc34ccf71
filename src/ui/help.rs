//! The help panel: every keyboard shortcut, read from the one table in [`crate::ui::keys`].
//!
//! A modal `<dialog>`: the browser keeps focus inside it and makes the page behind inert;
//! Escape or the close button closes it and focus goes back to where it was.

use crate::ui::keys::SHORTCUTS;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The help dialog, shown while `open` is true.
#[component]
pub fn Help(open: RwSignal<bool>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let want = open.get();
        let Some(d) = dialog.get() else { return };
        if want && !d.open() {
            opener.set_value(
                document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            );
            if d.show_modal().is_err() {
                open.set(false);
            }
        } else if !want && d.open() {
            d.close();
        }
    });
    // Closing by any path (Escape, the button) lands here.
    let closed = move |_| {
        open.set(false);
        if let Some(el) = opener.get_value() {
            let _ = el.focus();
        }
    };
    let rows = SHORTCUTS
        .iter()
        .map(|s| view! { <tr><td><kbd>{s.keys}</kbd></td><td>{s.what}</td></tr> })
        .collect_view();
    view! {
        <dialog class="help" node_ref=dialog data-testid="help-panel" aria-labelledby="help-title" on:close=closed>
            <h2 id="help-title">"键盘快捷键"</h2>
            <p>"所有操作都可以只用键盘完成：Tab 键在按钮和输入框之间移动，Enter 或空格键按下按钮，Esc 关闭面板。"</p>
            <table class="keys">
                <thead><tr><th scope="col">"按键"</th><th scope="col">"作用"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="muted">"撤销和重做包括打字、修改标题、新增、删除、移动小节和恢复历史版本；切换小节后仍可撤销。输入法正在输入时快捷键不起作用。"</p>
            <div class="panel-foot">
                <button type="button" data-testid="help-close" autofocus on:click=move |_| open.set(false)>"关闭（Esc）"</button>
            </div>
        </dialog>
    }
}
