//! The open draft's life in storage: autosave, snapshots, other tabs, switching drafts.
//!
//! Effects exist to sync reactive state with the outside world; here that world is
//! localStorage. A change is saved 300 ms after typing stops and at most 0.5 s after it was
//! made; when the page is hidden or left, pending changes are written at once.

use crate::browser::storage::{self, StorageError};
use crate::browser::{clock, storage::draft_key, timing};
use crate::core::format::{self, Stored};
use crate::core::library::new_id;
use crate::core::model::Draft;
use crate::core::save_timing::save_delay;
use crate::core::snapshots::{self, Snapshot};
use crate::ui::state::{Ctx, SaveStatus};
use leptos::prelude::*;
use std::time::Duration;

/// While saving fails, it is tried again this often, so the warning clears by itself.
const RETRY: Duration = Duration::from_secs(3);

/// Persistence state of the open draft, kept outside the reactive graph.
#[derive(Clone, Copy)]
pub struct Session {
    id: StoredValue<String>,
    /// The stored revision this tab's draft is based on.
    revision: StoredValue<u64>,
    /// The draft as last loaded or saved: the draft differs from it exactly when unsaved.
    baseline: StoredValue<Draft>,
    dirty_since: StoredValue<Option<f64>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// When this session took its last snapshot (one per opening at least).
    snapped: StoredValue<Option<f64>>,
}

impl Session {
    /// Starts watching the draft in `ctx`, which was loaded as `stored` (or is new).
    pub fn start(ctx: Ctx, id: String, revision: u64) -> Self {
        let this = Session {
            id: StoredValue::new(id),
            revision: StoredValue::new(revision),
            baseline: StoredValue::new(ctx.draft.get_untracked()),
            dirty_since: StoredValue::new(None),
            timer: StoredValue::new(None),
            snapped: StoredValue::new(None),
        };
        Effect::new(move |_| {
            let unsaved = ctx.draft.with(|d| this.baseline.with_value(|b| b != d));
            if unsaved {
                this.changed(ctx);
            }
        });
        let flush = move || this.flush(ctx);
        let on_visibility = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                flush();
            }
        });
        let on_pagehide = window_event_listener_untyped("pagehide", move |_| flush());
        let on_storage =
            window_event_listener(leptos::ev::storage, move |e| this.other_tab_saved(ctx, e));
        on_cleanup(move || {
            on_visibility.remove();
            on_pagehide.remove();
            on_storage.remove();
        });
        this
    }

    pub fn id(&self) -> String {
        self.id.get_value()
    }

    pub fn revision(&self) -> u64 {
        self.revision.get_value()
    }

    fn is_dirty(&self) -> bool {
        self.dirty_since.get_value().is_some()
    }

    fn changed(self, ctx: Ctx) {
        let now = clock::now_ms();
        let since = self.dirty_since.get_value().unwrap_or(now);
        self.dirty_since.set_value(Some(since));
        if !matches!(ctx.save.get_untracked(), SaveStatus::Failed(_)) {
            ctx.save.set(SaveStatus::Pending);
        }
        self.schedule(ctx, Duration::from_millis(save_delay(now, since) as u64));
    }

    fn schedule(self, ctx: Ctx, delay: Duration) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(move || self.flush(ctx), delay).ok();
        self.timer.set_value(handle);
    }

    /// Saves now if anything is unsaved.
    pub fn flush(self, ctx: Ctx) {
        if !self.is_dirty() {
            return;
        }
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        self.timer.set_value(None);
        let now = clock::now_ms();
        let id = self.id.get_value();
        let draft = ctx.draft.get_untracked();
        let base = self.revision.get_value();
        match timing::measure("nianbao:save", || storage::save(&id, &draft, base, now)) {
            Ok(revision) => {
                self.saved(ctx, draft, revision, now);
                self.snapshot(&id, revision, now, ctx);
            }
            Err(StorageError::Conflict { .. }) => self.fork(ctx, draft, now),
            Err(e) => {
                // The change stays unsaved; retrying clears the warning once there is room.
                ctx.save.set(SaveStatus::Failed(e));
                self.schedule(ctx, RETRY);
            }
        }
    }

    fn saved(self, ctx: Ctx, draft: Draft, revision: u64, now: f64) {
        self.revision.set_value(revision);
        self.baseline.set_value(draft);
        self.dirty_since.set_value(None);
        ctx.save.set(SaveStatus::Saved(now));
        ctx.record_edit_day();
        ctx.refresh_library();
    }

    fn snapshot(self, id: &str, revision: u64, now: f64, ctx: Ctx) {
        // Reading the stored list means decoding every kept version of the report: it is
        // read only when a snapshot may be due, not on every save while typing.
        let last = self.snapped.get_value();
        if last.is_some_and(|at| now - at < snapshots::INTERVAL_MS) {
            return;
        }
        let list = storage::snapshots(id);
        if last.is_none() || snapshots::due(&list, now) {
            let draft = self.baseline.get_value();
            // A snapshot that does not fit is no reason to alarm: the draft itself is saved.
            if storage::add_snapshot(
                id,
                Snapshot {
                    saved_at: now,
                    revision,
                    draft,
                },
            )
            .is_ok()
            {
                self.snapped.set_value(Some(now));
                ctx.snapshots_changed.update(|n| *n += 1);
            }
        }
    }

    /// Another tab saved the open draft since this tab loaded it: this tab's edits become a
    /// separate copy, and the original keeps the other tab's version.
    fn fork(self, ctx: Ctx, draft: Draft, now: f64) {
        let copy = ctx
            .template
            .with_value(|t| draft.copy_named("（冲突副本）", t));
        let id = new_id(now, clock::random_u32());
        let stored = Stored::new(&id, 1, now, copy.clone());
        match storage::put(&stored) {
            Ok(()) => {
                let name = copy.name.clone().unwrap_or_default();
                self.switch_to(ctx, stored);
                ctx.notice.set(Some(format!(
                    "另一个标签页也修改了这份草稿。为不丢失任何内容，本页的修改已另存为新草稿“{name}”，原草稿保留另一标签页的版本。"
                )));
            }
            Err(e) => ctx.save.set(SaveStatus::Failed(e)),
        }
    }

    fn other_tab_saved(self, ctx: Ctx, e: web_sys::StorageEvent) {
        let id = self.id.get_value();
        if e.key().as_deref() != Some(draft_key(&id).as_str()) {
            if e.key().is_some_and(|k| k.starts_with("nianbao.")) {
                ctx.refresh_library();
            }
            return;
        }
        if e.new_value().is_none() {
            ctx.notice.set(Some(
                "这份草稿已在另一个标签页中删除；本页内容仍在，继续编辑会重新保存。".into(),
            ));
            self.revision.set_value(0);
            return;
        }
        // What is stored now, not what the event carries: events can arrive after this tab's
        // own later write, and the store already orders the two.
        let Some(raw) = storage::read_raw(&draft_key(&id)).ok().flatten() else {
            return;
        };
        let Some(theirs) = format::peek_revision(&raw) else {
            return;
        };
        let mine = self.revision.get_value();
        if theirs < mine {
            return;
        }
        if theirs == mine {
            // Each tab reads storage through its own cache, so two tabs can both save the
            // same revision; the later write hides the earlier. If this tab's save was the
            // hidden one, its text lives only in this page: keep it as a copy.
            let overwritten = format::decode(&raw)
                .is_ok_and(|stored| self.baseline.with_value(|b| *b != stored.draft));
            if overwritten {
                self.fork(ctx, ctx.draft.get_untracked(), clock::now_ms());
            }
            return;
        }
        if self.is_dirty() {
            // Saving now meets the newer revision and turns this tab's edits into a copy.
            self.flush(ctx);
            return;
        }
        if let Ok(stored) = format::decode(&raw) {
            let at = clock::local_time(stored.saved_at);
            self.adopt(ctx, stored);
            ctx.notice
                .set(Some(format!("已载入另一个标签页在 {at} 保存的修改。")));
        }
    }

    fn adopt(self, ctx: Ctx, stored: Stored) {
        self.revision.set_value(stored.revision);
        self.baseline.set_value(stored.draft.clone());
        self.dirty_since.set_value(None);
        ctx.forget_history();
        ctx.draft.set(stored.draft);
        ctx.save.set(SaveStatus::Saved(stored.saved_at));
    }

    /// Makes `stored` the open draft (after saving the current one).
    pub fn switch_to(self, ctx: Ctx, stored: Stored) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        self.timer.set_value(None);
        self.id.set_value(stored.id.clone());
        self.snapped.set_value(None);
        ctx.draft_id.set(stored.id.clone());
        let _ = storage::set_current_id(&stored.id);
        self.adopt(ctx, stored);
        ctx.refresh_library();
    }

    /// Saves the current draft, then opens the stored draft `id`.
    pub fn open(self, ctx: Ctx, id: &str) {
        self.flush(ctx);
        match storage::load(id) {
            Ok(Some(stored)) => self.switch_to(ctx, stored),
            Ok(None) => ctx.notice.set(Some(
                "这份草稿已不存在，可能已在另一个标签页中删除。".into(),
            )),
            Err(e) => ctx.notice.set(Some(e.to_string())),
        }
    }
}
