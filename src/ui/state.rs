//! Application state shared by the components: the draft (the one source of truth) and status.

use crate::browser::storage::StorageError;
use crate::core::edit::Edit;
use crate::core::model::{Draft, SectionId};
use crate::core::template::Template;
use leptos::prelude::*;

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

/// Handles shared through context. All are `Copy`, so closures capture them freely.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub draft: RwSignal<Draft>,
    pub template: StoredValue<Template>,
    pub save: RwSignal<SaveStatus>,
    /// A message about the last refused action, shown until the next action.
    pub notice: RwSignal<Option<String>>,
}

impl Ctx {
    /// Applies an edit to the draft; a refused edit becomes a notice and changes nothing.
    pub fn dispatch(&self, edit: Edit) -> Option<SectionId> {
        let template = self.template;
        let mut result = None;
        let mut error = None;
        // A refused edit leaves the draft as it was, so subscribers are not woken for it.
        self.draft
            .maybe_update(|d| match template.with_value(|t| d.apply(edit, t)) {
                Ok(id) => {
                    result = id;
                    true
                }
                Err(e) => {
                    error = Some(e.to_string());
                    false
                }
            });
        self.notice.set(error);
        result
    }
}

/// The context, provided by [`crate::ui::app::App`].
pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}
