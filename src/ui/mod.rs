//! Leptos components: they read the one draft signal and send edits through [`state::Ctx`].

pub mod after_pause;
pub mod app;
pub mod banners;
pub mod checks;
pub mod drafts;
pub mod editor;
pub mod files;
pub mod guidance;
pub mod header;
pub mod help;
pub mod history;
pub mod import;
pub mod import_file;
pub mod keys;
pub mod outline;
pub mod preview;
pub mod print_dialog;
pub mod progress;
pub mod publish;
pub mod session;
pub mod state;
pub mod toolbar;
