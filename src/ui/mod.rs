//! Leptos components: they read the one draft signal and send edits through [`state::Ctx`].

pub mod app;
pub mod autosave;
pub mod editor;
pub mod guidance;
pub mod header;
pub mod outline;
pub mod preview;
pub mod state;
pub mod toolbar;
