//! Files for the import dialog: the picker and drag-and-drop take .txt, .md and .docx; a
//! Word file becomes text lines for the same import as pasted text, with a note of what it
//! left out, and a bad file gives a message in the dialog and changes nothing.

use crate::browser::file_read::{self, Loaded};
use crate::core::docx::read::{carry_properties, to_import_text, Signature};
use crate::core::model::Draft;
use leptos::prelude::*;

/// What `accept` offers in the file picker.
pub const ACCEPT: &str = ".txt,.md,.docx,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// What the last Word file read said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocxNote {
    /// The file's name.
    pub name: String,
    /// "图片 2 张、批注 1 条…" when something was left out.
    pub ignored: Option<String>,
    /// The seal setting nianbao's own export carries.
    pub seal: Option<bool>,
    /// The unit's full name nianbao's own export carries.
    pub unit: Option<String>,
    /// The 落款 and 成文日期 of nianbao's own export, kept out of the text box.
    pub signature: Option<Signature>,
}

/// The dialog's state of file reading.
#[derive(Clone, Copy)]
pub struct FileState {
    /// The Word file read last, while its text is in the box.
    pub note: RwSignal<Option<DocxNote>>,
    /// Why the last file could not be read.
    pub error: RwSignal<Option<String>>,
    /// A file is being read.
    pub busy: RwSignal<bool>,
}

impl FileState {
    /// Nothing read yet.
    pub fn new() -> Self {
        FileState {
            note: RwSignal::new(None),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Reads `file` and, if it can be read, hands its text to `set_text`. On failure only
    /// the message changes: the text box, the analysis and the drafts stay as they were.
    pub fn load(self, file: web_sys::File, set_text: impl Fn(String) + 'static) {
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let name = file.name();
            match file_read::load(&file).await {
                Ok(Loaded::Text(text)) => {
                    self.error.set(None);
                    self.note.set(None);
                    set_text(text);
                }
                Ok(Loaded::Docx(doc)) => {
                    self.error.set(None);
                    self.note.set(Some(DocxNote {
                        name,
                        ignored: doc.ignored.summary(),
                        seal: doc.seal,
                        unit: doc.unit.clone(),
                        signature: doc.signature.clone(),
                    }));
                    set_text(to_import_text(&doc));
                }
                Err(message) => self.error.set(Some(format!("“{name}”：{message}"))),
            }
            self.busy.set(false);
        });
    }

    /// Gives the imported draft the seal setting and unit the Word file carried, if any.
    pub fn carry_into(self, draft: &mut Draft) {
        self.note.with_untracked(|n| {
            if let Some(n) = n {
                carry_properties(n.seal, n.unit.as_deref(), n.signature.as_ref(), draft);
            }
        });
    }
}

impl Default for FileState {
    fn default() -> Self {
        Self::new()
    }
}

/// The first file of a drop, if any. The default (the browser opening the file) is prevented.
pub fn dropped(ev: &leptos::ev::DragEvent) -> Option<web_sys::File> {
    ev.prevent_default();
    ev.data_transfer()?.files()?.get(0)
}

/// The lines under the picker: reading, the Word file's note, or the error.
#[component]
pub fn FileNotes(state: FileState) -> impl IntoView {
    view! {
        <Show when=move || state.busy.get()>
            <p class="muted" data-testid="import-file-busy">"正在读取文件…"</p>
        </Show>
        {move || state.error.get().map(|e| view! {
            <p class="warn" role="alert" data-testid="import-file-error">{e}</p>
        })}
        {move || state.note.get().map(|n| {
            let ignored = match n.ignored {
                Some(list) => format!("未导入：{list}。"),
                None => "没有需要忽略的图片、批注或修订。".to_string(),
            };
            view! {
                <p class="muted" data-testid="import-docx-note">
                    {format!("已读取 Word 文件“{}”，文字已放入左侧文本框。", n.name)}
                    <span data-testid="import-docx-ignored">{ignored}</span>
                    {n.signature.is_some().then_some("落款和成文日期按原文件导入。")}
                </p>
            }
        })}
    }
}
