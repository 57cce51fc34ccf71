//! Autosave: effects exist to sync reactive state with the outside world, here localStorage.
//!
//! A change is saved 300 ms after typing stops and at most 1 s after it was made; when the
//! page is hidden or left, pending changes are written at once.

use crate::browser::{clock, storage};
use crate::core::save_timing::save_delay;
use crate::ui::state::{Ctx, SaveStatus};
use leptos::prelude::*;
use std::time::Duration;

/// Saving state kept outside the reactive graph.
#[derive(Clone, Copy)]
pub struct Autosave {
    revision: StoredValue<u64>,
    dirty_since: StoredValue<Option<f64>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Set when stored data could not be protected: saving would destroy it.
    blocked: StoredValue<bool>,
}

impl Autosave {
    /// Starts watching the draft. `revision` is the revision of the loaded draft.
    pub fn start(ctx: Ctx, revision: u64, blocked: bool) -> Self {
        let this = Autosave {
            revision: StoredValue::new(revision),
            dirty_since: StoredValue::new(None),
            timer: StoredValue::new(None),
            blocked: StoredValue::new(blocked),
        };
        Effect::new(move |first: Option<()>| {
            ctx.draft.track();
            // The first run only subscribes: the draft just loaded needs no save.
            if first.is_some() {
                this.changed(ctx);
            }
        });
        let flush = move || this.flush(ctx);
        let on_visibility = window_event_listener_untyped("visibilitychange", move |_| {
            let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
            if hidden {
                flush();
            }
        });
        let on_pagehide = window_event_listener_untyped("pagehide", move |_| flush());
        on_cleanup(move || {
            on_visibility.remove();
            on_pagehide.remove();
        });
        this
    }

    fn changed(self, ctx: Ctx) {
        let now = clock::now_ms();
        let since = self.dirty_since.get_value().unwrap_or(now);
        self.dirty_since.set_value(Some(since));
        if !self.blocked.get_value() {
            ctx.save.set(SaveStatus::Pending);
        }
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let delay = Duration::from_millis(save_delay(now, since) as u64);
        let handle = set_timeout_with_handle(move || self.flush(ctx), delay).ok();
        self.timer.set_value(handle);
    }

    /// Saves now if anything is unsaved.
    pub fn flush(self, ctx: Ctx) {
        if self.dirty_since.get_value().is_none() {
            return;
        }
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        self.timer.set_value(None);
        if self.blocked.get_value() {
            ctx.save
                .set(SaveStatus::Failed(storage::StorageError::Blocked));
            return;
        }
        let revision = self.revision.get_value() + 1;
        let now = clock::now_ms();
        let result = ctx
            .draft
            .with_untracked(|d| storage::save(d, revision, now));
        match result {
            Ok(()) => {
                self.revision.set_value(revision);
                self.dirty_since.set_value(None);
                ctx.save.set(SaveStatus::Saved(now));
            }
            // The change stays dirty: the next edit or page hide tries again.
            Err(e) => ctx.save.set(SaveStatus::Failed(e)),
        }
    }
}
