//! The one owner of drafts in storage: autosave, snapshots, other tabs, and every action that
//! writes a draft or replaces the open one (open, create, import, duplicate, next year,
//! restore a version or a backup, delete, rename).
//!
//! Effects exist to sync reactive state with the outside world; here that world is
//! localStorage. A change is saved 300 ms after typing stops and at most 0.5 s after it was
//! made, in the browser's next idle moment (at most 0.25 s later, see `save_timing`); when
//! the page is hidden or left, pending changes are written at once.
//!
//! No word is dropped: an action that would replace the open draft first saves it, and when
//! that save fails the action is refused with a message (the red banner offers the
//! downloads), except for another tab's save, which keeps this tab's edits on screen and
//! stores them as a separate copy as soon as there is room.

use crate::browser::storage::{self, StorageError};
use crate::browser::{clock, storage::draft_key, timing};
use crate::core::backup;
use crate::core::date::default_report_year;
use crate::core::format::{self, Stored};
use crate::core::library::new_id;
use crate::core::model::Draft;
use crate::core::save_timing::{save_delay, IDLE_WAIT_MS};
use crate::core::snapshots::{self, Snapshot};
use crate::core::template::Template;
use crate::ui::after_pause::{after_paint, when_idle, Deadline};
use crate::ui::state::{Ctx, Initial, SaveStatus};
use leptos::prelude::*;
use std::time::Duration;

/// While saving fails, it is tried again this often, so the warning clears by itself.
const RETRY: Duration = Duration::from_secs(3);

/// Proof of being the session: [`Ctx::replace_draft`] asks for it, and only this module can
/// make one.
pub struct SessionKey(());

/// A new draft from the template for the usual report year (not yet stored).
pub fn fresh_draft(template: &Template) -> Draft {
    let today = clock::today();
    let year = today.map(default_report_year).unwrap_or(2024);
    Draft::from_template(template, "", year, today)
}

/// Start-up: opens the last open draft straight from its key (one read, one decode), and
/// leaves the tidying of storage to [`Session::housekeep_later`], after the editor's first
/// paint: scanning storage decodes every stored draft, which with long reports costs more
/// than the rest of the start-up. When the last open draft cannot be read that way (none
/// recorded, gone, damaged, a schema-1 draft waiting to be migrated), storage is tidied first,
/// then the newest draft is opened, else a new one, stored at once so it is listed.
/// Returns the context's initial state, the stored revision of the draft it opens, and
/// whether housekeeping is still to run.
pub fn startup(template: Template) -> (Initial, u64, bool) {
    if let Some(stored) = last_open() {
        let at = stored.saved_at;
        let init = Initial {
            draft: stored.draft,
            draft_id: stored.id,
            template,
            save: SaveStatus::Saved(at),
            notice: None,
            meta: storage::meta(),
        };
        return (init, stored.revision, true);
    }
    let (init, revision) = startup_tidying(template);
    (init, revision, false)
}

/// The last open draft, when it is readable under its own key and nothing waits to be
/// migrated; `None` sends start-up the long way (tidy first, then choose).
fn last_open() -> Option<Stored> {
    if storage::read_raw(storage::LEGACY_KEY).ok()?.is_some() {
        return None;
    }
    let id = storage::current_id()?;
    storage::load(&id).ok().flatten().filter(|s| s.id == id)
}

/// Start-up the long way: tidies storage, then picks the draft to open (the last open one,
/// else the newest, else a new one, stored at once so it is listed).
fn startup_tidying(template: Template) -> (Initial, u64) {
    let now = clock::now_ms();
    let new_draft = |template: &Template| {
        Stored::new(
            &new_id(now, clock::random_u32()),
            0,
            now,
            fresh_draft(template),
        )
    };
    let housekept = storage::housekeeping(now);
    let listed = housekept.clone().and_then(|_| storage::list());
    let problems = housekept.unwrap_or_default();
    let notice = tidy_notice(&problems);
    let (stored, save) = match listed {
        Err(e) => (new_draft(&template), SaveStatus::Failed(e)),
        Ok(scan) => {
            let current = storage::current_id();
            let chosen = scan
                .drafts
                .iter()
                .find(|(s, _)| Some(&s.id) == current.as_ref())
                .or(scan.drafts.first())
                .map(|(s, _)| s.clone());
            match chosen {
                Some(stored) => {
                    let _ = storage::set_current_id(&stored.id);
                    let at = stored.saved_at;
                    (stored, SaveStatus::Saved(at))
                }
                None => {
                    let stored = new_draft(&template);
                    let save = match storage::put(&stored)
                        .and_then(|()| storage::set_current_id(&stored.id))
                    {
                        Ok(()) => SaveStatus::Idle,
                        Err(e) => SaveStatus::Failed(e),
                    };
                    (stored, save)
                }
            }
        }
    };
    let init = Initial {
        draft: stored.draft,
        draft_id: stored.id,
        template,
        save,
        notice,
        meta: storage::meta(),
    };
    (init, stored.revision)
}

/// What the user reads about the problems housekeeping met, if any.
fn tidy_notice(problems: &[String]) -> Option<String> {
    (!problems.is_empty()).then(|| {
        format!(
            "{}。这些数据没有被覆盖，可在“草稿列表”中下载。",
            problems.join("；")
        )
    })
}

/// Persistence state of the open draft, kept outside the reactive graph.
#[derive(Clone, Copy)]
pub struct Session {
    id: StoredValue<String>,
    /// The stored revision this tab's draft is based on.
    revision: StoredValue<u64>,
    /// The draft as last loaded or saved: the draft differs from it exactly when unsaved.
    baseline: StoredValue<Draft>,
    dirty_since: StoredValue<Option<f64>>,
    /// When the next save is due (moved later by every keystroke until the pause).
    due: Deadline,
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
            due: Deadline::new(),
            snapped: StoredValue::new(None),
        };
        this.due.on_due(move || {
            when_idle(IDLE_WAIT_MS, move || {
                // Saved meanwhile (page hidden, another draft opened): nothing is dirty.
                let _ = this.flush(ctx);
            })
        });
        Effect::new(move |_| {
            ctx.track_all();
            // Once a change waits to be saved, a further key only moves the save: comparing
            // a long report with the saved one was a full pass over it on every key.
            let unsaved = this.is_dirty()
                || ctx
                    .draft
                    .with_untracked(|d| this.baseline.with_value(|b| b != d));
            if unsaved {
                this.changed(ctx);
            }
        });
        let flush = move || {
            let _ = this.flush(ctx);
        };
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
        // Set once, not on every key: each set repaints the status.
        if !matches!(
            ctx.save.get_untracked(),
            SaveStatus::Failed(_) | SaveStatus::Pending
        ) {
            ctx.save.set(SaveStatus::Pending);
        }
        self.due
            .set(Duration::from_millis(save_delay(now, since) as u64));
    }

    /// Saves now if anything is unsaved. `Ok` means the open draft's text is stored (under
    /// its own id, or as a copy when another tab saved it meanwhile); on an error the text
    /// stays in the page, the banner says why, and saving is retried.
    pub fn flush(self, ctx: Ctx) -> Result<(), StorageError> {
        if !self.is_dirty() {
            return Ok(());
        }
        self.due.cancel();
        let now = clock::now_ms();
        let id = self.id.get_value();
        let draft = ctx.draft.get_untracked();
        let base = self.revision.get_value();
        let (result, freed) = timing::measure("nianbao:save", || {
            storage::save_making_room(&id, &draft, base, now)
        });
        if let Some(notice) = freed.notice() {
            ctx.notice.set(Some(notice));
            ctx.snapshots_changed.update(|n| *n += 1);
            ctx.refresh_library();
        }
        match result {
            Ok(revision) => {
                self.saved(ctx, draft, revision, now);
                self.snapshot(&id, revision, now, ctx);
                Ok(())
            }
            Err(StorageError::Conflict { .. }) => self.fork(ctx, draft),
            Err(e) => Err(self.failed(ctx, e)),
        }
    }

    fn failed(self, ctx: Ctx, e: StorageError) -> StorageError {
        // The change stays unsaved; retrying clears the warning once there is room.
        ctx.save.set(SaveStatus::Failed(e.clone()));
        self.due.set(RETRY);
        e
    }

    fn saved(self, ctx: Ctx, draft: Draft, revision: u64, now: f64) {
        self.revision.set_value(revision);
        self.baseline.set_value(draft);
        self.dirty_since.set_value(None);
        ctx.save.set(SaveStatus::Saved(now));
        self.record_edit_day(ctx);
        ctx.refresh_library();
    }

    /// Notes that drafts were edited today, for the backup reminder.
    fn record_edit_day(self, ctx: Ctx) {
        let day = clock::today_iso();
        let mut meta = ctx.meta.get_untracked();
        if meta.record_edit(&day) {
            let _ = storage::set_meta(&meta);
            ctx.meta.set(meta);
        }
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
    /// separate copy, and the original keeps the other tab's version. When the copy cannot be
    /// stored, the edits stay on screen and the copy is tried again until it fits.
    fn fork(self, ctx: Ctx, draft: Draft) -> Result<(), StorageError> {
        let copy = ctx
            .template
            .with_value(|t| draft.copy_named("（冲突副本）", t));
        let name = copy.name.clone().unwrap_or_default();
        match self.store_new(ctx, copy) {
            Ok(()) => {
                ctx.notice.set(Some(format!(
                    "另一个标签页也修改了这份草稿。为不丢失任何内容，本页的修改已另存为新草稿“{name}”，原草稿保留另一标签页的版本。"
                )));
                Ok(())
            }
            Err(e) => Err(self.failed(ctx, e)),
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
                let _ = self.fork(ctx, ctx.draft.get_untracked());
            }
            return;
        }
        if self.is_dirty() {
            // Saving now meets the newer revision and turns this tab's edits into a copy
            // (kept on screen and retried while there is no room for it).
            let _ = self.flush(ctx);
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
        ctx.replace_draft(&SessionKey(()), stored.draft);
        ctx.save.set(SaveStatus::Saved(stored.saved_at));
    }

    /// Makes `stored` the open draft. Callers have saved the current one first.
    fn switch_to(self, ctx: Ctx, stored: Stored) {
        self.due.cancel();
        self.id.set_value(stored.id.clone());
        self.snapped.set_value(None);
        ctx.draft_id.set(stored.id.clone());
        let _ = storage::set_current_id(&stored.id);
        self.adopt(ctx, stored);
        ctx.refresh_library();
    }

    /// Saves the open draft before it is replaced. On failure the action is refused: the
    /// message says which draft is unsaved and why, and the red banner offers its download.
    fn keep_open_draft(self, ctx: Ctx, action: &str) -> Result<(), String> {
        self.flush(ctx).map_err(|e| {
            let name = ctx
                .draft
                .with_untracked(|d| ctx.template.with_value(|t| display_name(d, t)));
            format!(
                "“{name}”的最新修改还没能保存（{e}），为免丢失，暂不{action}。请先用红色提示中的按钮下载本草稿或全部草稿备份，或删除不用的草稿、清理浏览器存储后再试。"
            )
        })
    }

    /// The one way a new draft comes to be: stored under a fresh id, then opened. Callers
    /// have saved the open draft (or are turning its edits into this copy).
    fn store_new(self, ctx: Ctx, draft: Draft) -> Result<(), StorageError> {
        let now = clock::now_ms();
        let stored = Stored::new(&new_id(now, clock::random_u32()), 1, now, draft);
        storage::put(&stored)?;
        self.switch_to(ctx, stored);
        Ok(())
    }

    /// A new draft (new, import, copy, next year): the open draft is saved first, or the
    /// action is refused.
    fn add_and_open(self, ctx: Ctx, draft: Draft, action: &str) -> Result<(), String> {
        self.keep_open_draft(ctx, action)?;
        self.store_new(ctx, draft)
            .map_err(|e| format!("无法{action}：{e}"))
    }

    /// Shows the outcome of an action: a refusal or failure as a notice.
    fn report(ctx: Ctx, result: Result<(), String>) -> bool {
        match result {
            Ok(()) => true,
            Err(message) => {
                ctx.notice.set(Some(message));
                false
            }
        }
    }

    /// The stored draft `id`, or the open one as it is in memory.
    fn draft_of(self, ctx: Ctx, id: &str) -> Result<Draft, String> {
        if id == self.id() {
            return Ok(ctx.draft.get_untracked());
        }
        match storage::load(id) {
            Ok(Some(stored)) => Ok(stored.draft),
            Ok(None) => Err("这份草稿已不存在，可能已在另一个标签页中删除。".into()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Saves the open draft, then opens the stored draft `id`.
    pub fn open(self, ctx: Ctx, id: &str) -> bool {
        let result =
            self.keep_open_draft(ctx, "打开其他草稿")
                .and_then(|()| match storage::load(id) {
                    Ok(Some(stored)) => {
                        self.switch_to(ctx, stored);
                        Ok(())
                    }
                    Ok(None) => Err("这份草稿已不存在，可能已在另一个标签页中删除。".into()),
                    Err(e) => Err(e.to_string()),
                });
        Self::report(ctx, result)
    }

    /// A new draft from the template.
    pub fn create(self, ctx: Ctx) -> bool {
        let draft = ctx.template.with_value(fresh_draft);
        Self::report(ctx, self.add_and_open(ctx, draft, "新建草稿"))
    }

    /// An imported draft, opened; says so in a notice.
    pub fn import(self, ctx: Ctx, draft: Draft) -> bool {
        let title = ctx.template.with_value(|t| draft.effective_title(t));
        let ok = Self::report(ctx, self.add_and_open(ctx, draft, "导入为新草稿"));
        if ok {
            ctx.notice
                .set(Some(format!("已导入为新草稿“{title}”，原有草稿均未改动。")));
        }
        ok
    }

    /// A named copy of draft `id`, opened.
    pub fn duplicate(self, ctx: Ctx, id: &str) -> bool {
        let result = self.draft_of(ctx, id).and_then(|d| {
            let copy = ctx.template.with_value(|t| d.copy_named("（副本）", t));
            self.add_and_open(ctx, copy, "复制草稿")
        });
        Self::report(ctx, result)
    }

    /// Next year's report from draft `id`, opened.
    pub fn next_year(self, ctx: Ctx, id: &str) -> bool {
        let result = self.draft_of(ctx, id).and_then(|d| {
            let next = ctx.template.with_value(|t| d.next_year(t));
            self.add_and_open(ctx, next, "开始下一年度报告")
        });
        Self::report(ctx, result)
    }

    /// Replaces the open draft's content by an earlier version, as an undoable edit. The
    /// replaced version is saved first and kept as a snapshot; the notice says whether that
    /// snapshot could be stored.
    pub fn restore_version(self, ctx: Ctx, snap: Snapshot) -> bool {
        if !Self::report(ctx, self.keep_open_draft(ctx, "恢复历史版本")) {
            return false;
        }
        let current = Snapshot {
            saved_at: clock::now_ms(),
            revision: self.revision(),
            draft: ctx.draft.get_untracked(),
        };
        let kept = storage::add_snapshot(&self.id(), current);
        ctx.dispatch(crate::core::edit::Edit::Restore(Box::new(snap.draft)));
        ctx.snapshots_changed.update(|n| *n += 1);
        let at = clock::local_datetime(snap.saved_at);
        ctx.notice.set(Some(match kept {
            Ok(()) => format!("已恢复到 {at} 的版本；恢复前的内容也已存为历史版本。"),
            Err(e) => format!(
                "已恢复到 {at} 的版本。恢复前的内容没能存为历史版本（{e}），但仍可用“撤销”（Ctrl+Z）找回。"
            ),
        }));
        true
    }

    /// Adds the drafts of a backup file without overwriting any; drafts whose id is taken
    /// come in as named copies. Returns how many were added.
    pub fn restore_backup(self, ctx: Ctx, text: &str) -> Result<usize, String> {
        let incoming = backup::decode(text).map_err(|e| e.to_string())?;
        // The restored drafts take room the open draft's edits may need: those go first.
        self.keep_open_draft(ctx, "从备份恢复")?;
        let existing: Vec<String> = storage::list()
            .map_err(|e| e.to_string())?
            .drafts
            .into_iter()
            .map(|(s, _)| s.id)
            .collect();
        let fresh = || new_id(clock::now_ms(), clock::random_u32());
        let drafts = ctx
            .template
            .with_value(|t| backup::without_conflicts(&existing, incoming, fresh, t));
        let mut added = 0;
        let mut result = Ok(());
        for d in &drafts {
            if let Err(e) = storage::put(d) {
                result = Err(format!("已恢复 {added} 份，其余未能写入：{e}"));
                break;
            }
            added += 1;
        }
        ctx.refresh_library();
        result.map(|()| added)
    }

    /// Moves draft `id` to the trash. Deleting the open draft saves its edits first (refused
    /// when that fails) and then opens the newest other draft, or a new one.
    pub fn delete(self, ctx: Ctx, id: &str) -> bool {
        let was_open = id == self.id();
        let result = (|| {
            if was_open {
                self.keep_open_draft(ctx, "删除这份草稿")?;
            }
            storage::trash(id, clock::now_ms()).map_err(|e| format!("删除失败：{e}"))?;
            if was_open {
                let next = storage::list()
                    .ok()
                    .and_then(|s| s.drafts.into_iter().next())
                    .map(|(s, _)| s);
                match next {
                    Some(next) => self.switch_to(ctx, next),
                    None => {
                        let draft = ctx.template.with_value(fresh_draft);
                        // A new empty draft that cannot be stored yet loses nothing: it is
                        // opened anyway and saved with its first edit.
                        if self.store_new(ctx, draft.clone()).is_err() {
                            self.switch_to(
                                ctx,
                                Stored::new(
                                    &new_id(clock::now_ms(), clock::random_u32()),
                                    0,
                                    0.0,
                                    draft,
                                ),
                            );
                        }
                    }
                }
            }
            ctx.refresh_library();
            Ok(())
        })();
        Self::report(ctx, result)
    }

    /// Brings draft `id` back from the trash.
    pub fn untrash(self, ctx: Ctx, id: &str) -> bool {
        let result = storage::untrash(id).map_err(|e| format!("无法撤销删除：{e}"));
        ctx.refresh_library();
        Self::report(ctx, result)
    }

    /// Renames draft `id` (the open one through an edit, so it is undoable and autosaved).
    pub fn rename(self, ctx: Ctx, id: &str, name: Option<String>) {
        if id == self.id() {
            ctx.dispatch(crate::core::edit::Edit::SetName(name));
            return;
        }
        let result = match storage::load(id) {
            Ok(Some(mut s)) => {
                s.draft.name = name;
                s.revision += 1;
                s.saved_at = clock::now_ms();
                storage::put(&s).map_err(|e| format!("重命名失败：{e}"))
            }
            Ok(None) => Err("这份草稿已不存在，可能已在另一个标签页中删除。".into()),
            Err(e) => Err(e.to_string()),
        };
        ctx.refresh_library();
        Self::report(ctx, result);
    }

    /// Deletes a damaged value for good (the user asked twice).
    pub fn remove_damaged(self, ctx: Ctx, key: &str) {
        let result = storage::remove(key).map_err(|e| e.to_string());
        ctx.refresh_library();
        Self::report(ctx, result);
    }

    /// Notes a downloaded backup, for the reminder.
    pub fn backed_up(self, ctx: Ctx, now: f64) {
        let mut meta = ctx.meta.get_untracked();
        meta.record_backup(now);
        // Bookkeeping only: a full quota must not turn a good backup into an error.
        let _ = storage::set_meta(&meta);
        ctx.meta.set(meta);
    }

    /// The start-up housekeeping (migrate, quarantine, purge) that [`startup`] left for
    /// later: run once the editor has been painted. It never touches the open draft, which
    /// was just read whole from its key; what it finds is shown as a notice.
    pub fn housekeep_later(self, ctx: Ctx) {
        after_paint(move || {
            let problems = storage::housekeeping(clock::now_ms()).unwrap_or_default();
            if let Some(notice) = tidy_notice(&problems) {
                ctx.notice.set(Some(notice));
                ctx.refresh_library();
            }
        });
    }

    /// Housekeeping on request (the draft list's 整理存储): migrate, quarantine, purge.
    pub fn tidy(self, ctx: Ctx) {
        let message = match storage::housekeeping(clock::now_ms()) {
            Ok(p) if p.is_empty() => "存储已整理，没有发现问题。".to_string(),
            Ok(p) => format!(
                "{}。这些数据没有被覆盖，可在“草稿列表”中下载。",
                p.join("；")
            ),
            Err(e) => e.to_string(),
        };
        ctx.refresh_library();
        ctx.notice.set(Some(message));
    }
}

/// What the user calls a draft: its name, else its title.
pub fn display_name(d: &Draft, t: &Template) -> String {
    d.name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| d.effective_title(t))
}
