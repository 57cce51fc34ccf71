//! Keyboard shortcuts: one table of keys and commands (also shown in the help panel) and one
//! window listener that runs them.
//!
//! Keys avoid what Chromium, Windows and Chinese input methods already use: Alt+↑/↓ and Alt+N
//! are free in Chromium on Windows (Alt+←/→ are back/forward), and Ctrl+S, Ctrl+P and F1 are
//! taken over on purpose (save page, print page, browser help would all be wrong here).
//! Ctrl+Z/Ctrl+Y are handled by the app even inside the body textarea: the browser's own
//! undo would know only the textarea and lose its history whenever another section opens,
//! while ours also covers headings, structure and every field, in one order.

use crate::core::edit::Edit;
use crate::core::model::INTRO;
use crate::core::open::new_section_edit;
use crate::core::outline::entries;
use crate::ui::editor::HEADING_ID;
use crate::ui::files;
use crate::ui::preview::PREVIEW_ID;
use crate::ui::session::Session;
use crate::ui::state::Ctx;
use crate::ui::toolbar::PRINT_ID;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Something a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    NextSection,
    PreviousSection,
    NewSection,
    Backup,
    Preview,
    Help,
}

/// One key combination. `code` is the physical key (`KeyboardEvent.code`), so a shortcut
/// works whatever the input method or layout makes of the letter.
pub struct Shortcut {
    /// As shown to the user.
    pub keys: &'static str,
    pub code: &'static str,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
    /// Also while typing in a text field (otherwise the key types a character there).
    pub in_text: bool,
    pub command: Command,
    pub what: &'static str,
}

const fn key(
    keys: &'static str,
    code: &'static str,
    (ctrl, alt, shift): (bool, bool, bool),
    in_text: bool,
    command: Command,
    what: &'static str,
) -> Shortcut {
    Shortcut {
        keys,
        code,
        ctrl,
        alt,
        shift,
        in_text,
        command,
        what,
    }
}

const CTRL: (bool, bool, bool) = (true, false, false);
const CTRL_SHIFT: (bool, bool, bool) = (true, false, true);
const ALT: (bool, bool, bool) = (false, true, false);
const NONE: (bool, bool, bool) = (false, false, false);
const SHIFT: (bool, bool, bool) = (false, false, true);

/// Every shortcut, in the order the help panel lists them.
pub const SHORTCUTS: &[Shortcut] = &[
    key(
        "Alt + ↓",
        "ArrowDown",
        ALT,
        true,
        Command::NextSection,
        "打开下一节",
    ),
    key(
        "Alt + ↑",
        "ArrowUp",
        ALT,
        true,
        Command::PreviousSection,
        "打开上一节",
    ),
    key(
        "Alt + N",
        "KeyN",
        ALT,
        true,
        Command::NewSection,
        "在当前小节之后新增小节，光标移到新小节标题",
    ),
    key(
        "Ctrl + Z",
        "KeyZ",
        CTRL,
        true,
        Command::Undo,
        "撤销（打字、标题、增删移动小节、恢复历史版本）",
    ),
    key("Ctrl + Y", "KeyY", CTRL, true, Command::Redo, "重做"),
    key(
        "Ctrl + Shift + Z",
        "KeyZ",
        CTRL_SHIFT,
        true,
        Command::Redo,
        "重做",
    ),
    key(
        "Ctrl + S",
        "KeyS",
        CTRL,
        true,
        Command::Backup,
        "下载全部草稿备份（草稿本身随时自动保存）",
    ),
    key(
        "Ctrl + P",
        "KeyP",
        CTRL,
        true,
        Command::Preview,
        "转到打印预览；在预览中再按一次开始打印",
    ),
    key("F1", "F1", NONE, true, Command::Help, "打开本快捷键说明"),
    key(
        "Shift + ?",
        "Slash",
        SHIFT,
        false,
        Command::Help,
        "打开本快捷键说明（不在输入框中时）",
    ),
];

/// The command for a key press, if any.
fn command_for(ev: &web_sys::KeyboardEvent, in_text: bool) -> Option<Command> {
    let ctrl = ev.ctrl_key() || ev.meta_key();
    SHORTCUTS
        .iter()
        .find(|s| {
            s.code == ev.code()
                && s.ctrl == ctrl
                && s.alt == ev.alt_key()
                && s.shift == ev.shift_key()
                && (s.in_text || !in_text)
        })
        .map(|s| s.command)
}

fn active() -> Option<web_sys::Element> {
    document().active_element()
}

fn is_text_field(el: &web_sys::Element) -> bool {
    matches!(el.tag_name().as_str(), "TEXTAREA" | "SELECT")
        || el.tag_name() == "INPUT"
            && !matches!(
                el.get_attribute("type").as_deref(),
                Some("button" | "checkbox" | "radio" | "file" | "submit")
            )
}

/// The element with this element id (the `id=` constants the components own, never a
/// `data-testid`), as an HTML element.
pub fn by_id(id: &str) -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into().ok())
}

/// Moves focus to the element with id `id` once the view has caught up with the last change.
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = by_id(id) {
            let _ = el.focus();
        }
    });
}

/// Opens the section before or after the open one, in outline order.
fn step_section(ctx: Ctx, forward: bool) {
    let target = ctx.draft.with_untracked(|d| {
        let list = entries(d);
        let open = d.open.unwrap_or(INTRO);
        let i = list.iter().position(|e| e.id == open).unwrap_or(0);
        let j = if forward {
            Some(i + 1).filter(|&j| j < list.len())
        } else {
            i.checked_sub(1)
        };
        j.map(|j| list[j].id)
    });
    if let Some(id) = target {
        ctx.dispatch(Edit::Open(id));
    }
}

/// The report preview: brought into view and focused; pressed again there, it prints.
fn preview() {
    let Some(pane) = by_id(PREVIEW_ID) else {
        return;
    };
    let inside = active().is_some_and(|a| pane.contains(Some(&a)));
    if inside {
        if let Some(print) = by_id(PRINT_ID) {
            print.click();
        }
        return;
    }
    pane.scroll_into_view();
    let _ = pane.focus();
}

fn run(ctx: Ctx, session: Session, help: RwSignal<bool>, command: Command) {
    match command {
        Command::Undo => ctx.undo(),
        Command::Redo => ctx.redo(),
        Command::NextSection => step_section(ctx, true),
        Command::PreviousSection => step_section(ctx, false),
        Command::NewSection => {
            if let Some(edit) = ctx.draft.with_untracked(new_section_edit) {
                if ctx.dispatch(edit).is_some() {
                    focus_later(HEADING_ID);
                }
            }
        }
        Command::Backup => files::download_all(ctx, session),
        Command::Preview => preview(),
        Command::Help => help.set(true),
    }
}

/// Installs the one window keydown listener for the app's lifetime.
pub fn install(ctx: Ctx, session: Session, help: RwSignal<bool>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        // Keys that compose Chinese characters belong to the input method.
        if ev.is_composing() || ev.key_code() == 229 || help.get_untracked() {
            return;
        }
        let focus = active();
        let in_text = focus.as_ref().is_some_and(is_text_field);
        let Some(command) = command_for(&ev, in_text) else {
            return;
        };
        // Text fields of the side panels (import box, draft names) are not the document:
        // their undo stays the browser's.
        let in_panel = focus
            .as_ref()
            .and_then(|f| f.closest(".panel").ok().flatten())
            .is_some();
        if in_panel && matches!(command, Command::Undo | Command::Redo) {
            return;
        }
        ev.prevent_default();
        run(ctx, session, help, command);
    });
    on_cleanup(move || handle.remove());
}

/// A reference for a side panel's `<section>` that takes the focus once the panel is shown,
/// so the keyboard continues in the panel that was just opened.
pub fn focused_on_open() -> NodeRef<leptos::html::Section> {
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let _ = el.focus();
        }
    });
    panel
}

/// Keydown handler for a side panel: Escape closes it.
pub fn close_on_escape(close: Callback<()>) -> impl Fn(web_sys::KeyboardEvent) + Copy {
    move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && !ev.is_composing() {
            ev.prevent_default();
            close.run(());
        }
    }
}
