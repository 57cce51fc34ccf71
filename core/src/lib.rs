//! The pure core of nianbao: document model, template, draft format, exporters. No browser imports.
//!
//! Everything below this module is plain Rust so that it is tested natively (`cargo test`);
//! it is its own crate (`nianbao-core`) whose only dependencies are serde, serde_json and
//! thiserror, so the compiler refuses a browser or UI import.

#![deny(missing_docs)]

pub mod backup;
pub mod chars;
pub mod checks;
pub mod date;
pub mod deadlines;
pub mod docx;
pub mod edit;
pub mod export;
pub mod format;
pub mod import;
pub mod layout;
pub mod library;
pub mod model;
pub mod numbering;
pub mod open;
pub mod outline;
pub mod progress;
pub mod room;
pub mod save_timing;
pub mod snapshots;
pub mod sort;
pub mod template;
pub mod text;
pub mod undo;
