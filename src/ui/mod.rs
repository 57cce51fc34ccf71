//! Leptos components: they read the one draft signal and send edits through [`state::Ctx`].
//!
//! Lists (outline, checks, drafts, trash, history) are plain iterators of views, not
//! `<For>`: none needs keyed moves (each is a short list re-read as a whole), and dropping
//! the keyed diff with its hash sets from the wasm is part of the size budget of issue 14.
//! A rerun rebuilds the rows in place, position by position.

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
