//! The browser adapter: storage, downloads, print, font checks and the clock. Small, typed errors, no panics.

pub mod clock;
pub mod download;
pub mod file_read;
pub mod fonts;
pub mod persist;
pub mod storage;
pub mod timing;
