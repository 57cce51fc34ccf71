//! Application state shared by the components: the draft (the one source of truth) and status.

use crate::browser::clock;
use crate::browser::storage::StorageError;
use crate::core::backup::BackupMeta;
use crate::core::edit::Edit;
use crate::core::model::{Draft, SectionId, INTRO};
use crate::core::template::Template;
use crate::core::undo::Undo;
use leptos::prelude::*;
use std::cell::Cell;

use crate::ui::session::SessionKey;

/// What the save indicator shows.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since the page opened.
    Idle,
    /// Changes wait for the next save.
    Pending,
    /// Saved at this time (milliseconds since the epoch).
    Saved(f64),
    Failed(StorageError),
}

thread_local! {
    /// See [`Ctx::changes`].
    static CHANGES: Cell<u64> = const { Cell::new(0) };
}

/// Handles shared through context. All are `Copy`, so closures capture them freely.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The open draft, read-only: edits go through [`Ctx::dispatch`], and only the session
    /// replaces the whole draft (see [`Ctx::replace_draft`]).
    pub draft: ReadSignal<Draft>,
    /// The writer of `draft`, private so no component can set the draft around `dispatch`.
    write: WriteSignal<Draft>,
    /// Notified instead of `draft` when typing changes a body ([`Edit::SetBody`]). Of the
    /// draft's twenty-odd subscribers (header fields, outline, guidance, …) none shows a
    /// body, yet each ran on every keystroke; the few that do read bodies (the textarea,
    /// saving, the values rebuilt after a pause) track both, see [`Ctx::track_all`]. A
    /// counter bumped per change: a plain signal, which costs less wasm than a `Trigger`.
    text: RwSignal<u32>,
    /// Id of the open draft in storage.
    pub draft_id: RwSignal<String>,
    pub template: StoredValue<Template>,
    pub save: RwSignal<SaveStatus>,
    /// A message about the last refused action or event, shown until dismissed.
    pub notice: RwSignal<Option<String>>,
    /// Bumped whenever stored drafts change, so the draft list reads storage again.
    pub library_changed: RwSignal<u32>,
    /// Bumped when a snapshot is added.
    pub snapshots_changed: RwSignal<u32>,
    pub meta: RwSignal<BackupMeta>,
    /// Undo history of the open draft; every dispatched edit goes through it.
    pub undo: StoredValue<Undo>,
    /// Whether undo and redo are possible now, for the buttons.
    pub can_undo: RwSignal<(bool, bool)>,
    /// Read out by screen readers (a polite live region): what undo or redo just did.
    pub announce: RwSignal<String>,
}

/// What the context starts with (see [`crate::ui::session::startup`]).
pub struct Initial {
    pub draft: Draft,
    pub draft_id: String,
    pub template: Template,
    pub save: SaveStatus,
    pub notice: Option<String>,
    pub meta: BackupMeta,
}

impl Ctx {
    /// The context for a freshly started app.
    pub fn new(init: Initial) -> Self {
        let (draft, write) = signal(init.draft);
        Ctx {
            draft,
            write,
            text: RwSignal::new(0),
            draft_id: RwSignal::new(init.draft_id),
            template: StoredValue::new(init.template),
            save: RwSignal::new(init.save),
            notice: RwSignal::new(init.notice),
            library_changed: RwSignal::new(0),
            snapshots_changed: RwSignal::new(0),
            meta: RwSignal::new(init.meta),
            undo: StoredValue::new(Default::default()),
            can_undo: RwSignal::new((false, false)),
            announce: RwSignal::new(String::new()),
        }
    }

    /// How many changes drafts have had (edits, undo and redo, replacements): a reader that
    /// noted the count after its own change knows, while it holds, that nothing else changed
    /// the draft since. One count for the page in a plain cell, not a field: no reactive
    /// storage is needed for it, and none is paid for in wasm.
    pub fn changes(&self) -> u64 {
        CHANGES.with(Cell::get)
    }

    fn changed(&self) {
        CHANGES.with(|n| n.set(n.get().wrapping_add(1)));
    }

    /// Replaces the whole draft (another draft opened, another tab's version taken). Only the
    /// session holds a [`SessionKey`], so only it can do this.
    pub fn replace_draft(&self, _key: &SessionKey, draft: Draft) {
        self.forget_history();
        self.changed();
        self.write.set(draft);
    }

    /// Subscribes the running effect or memo to every change of the draft, typing in a body
    /// included (which `draft` alone does not notify, see `text`).
    pub fn track_all(&self) {
        self.draft.track();
        self.text.track();
    }

    /// Applies an edit to the draft; a refused edit becomes a notice and changes nothing.
    pub fn dispatch(&self, edit: Edit) -> Option<SectionId> {
        let template = self.template;
        let mut result = None;
        let mut error = None;
        let now = clock::now_ms();
        let typing = matches!(edit, Edit::SetBody(..));
        // A refused edit leaves the draft as it was, so subscribers are not woken for it.
        let apply = |d: &mut Draft| match self
            .undo
            .try_update_value(|u| template.with_value(|t| u.apply(d, edit, t, now)))
            .unwrap_or(Ok(None))
        {
            Ok(id) => {
                result = id;
                true
            }
            Err(e) => {
                error = Some(e.to_string());
                false
            }
        };
        if self.write.try_update_untracked(apply) == Some(true) {
            self.changed();
            if typing {
                self.text.update(|n| *n = n.wrapping_add(1));
            } else {
                self.write.notify();
            }
        }
        self.sync_undo();
        if let Some(e) = error {
            self.notice.set(Some(e));
        }
        result
    }

    /// Goes back one step of the undo history.
    pub fn undo(&self) {
        self.step(true);
    }

    /// Goes forward again one undone step.
    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        let mut done = false;
        self.write.maybe_update(|d| {
            done = self
                .undo
                .try_update_value(|u| if back { u.undo(d) } else { u.redo(d) })
                .unwrap_or(false);
            done
        });
        if done {
            self.changed();
        }
        self.sync_undo();
        // The place is part of the message, so two undos in a row are both read out.
        let place = self.draft.with_untracked(|d| {
            let id = d.open.unwrap_or(INTRO);
            match d.position(id) {
                Some((level, number)) if level > 0 => {
                    let heading = d.section(id).map(|s| s.heading.as_str()).unwrap_or("");
                    format!("{number}{}", heading.chars().take(20).collect::<String>())
                }
                _ => "开头语".to_string(),
            }
        });
        self.announce.set(match (done, back) {
            (true, true) => format!("已撤销，当前在：{place}"),
            (true, false) => format!("已重做，当前在：{place}"),
            (false, true) => "没有可以撤销的操作".to_string(),
            (false, false) => "没有可以重做的操作".to_string(),
        });
    }

    /// Forgets the undo history: another draft (or another tab's version) replaced this one.
    pub fn forget_history(&self) {
        self.undo.update_value(Undo::clear);
        self.sync_undo();
    }

    fn sync_undo(&self) {
        let now = self.undo.with_value(|u| (u.can_undo(), u.can_redo()));
        if self.can_undo.get_untracked() != now {
            self.can_undo.set(now);
        }
    }

    pub fn refresh_library(&self) {
        self.library_changed.update(|n| *n += 1);
    }
}

/// The context, provided by [`crate::ui::app::App`].
pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}
