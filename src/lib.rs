//! nianbao (年报): a browser-only editor for the 法治政府建设年度报告.
//!
//! - [`core`]: the pure document model, template, draft format and exporters (native tests).
//! - [`browser`]: the small adapter to localStorage, downloads, print and the clock.
//! - [`ui`]: thin Leptos components that read the draft and send edits.

pub mod browser;
pub mod ui;

/// The pure core, a crate of its own (`core/`), re-exported under its old path.
pub use nianbao_core as core;

/// Mounts the app on the page body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::app::App);
}
