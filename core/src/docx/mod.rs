//! Word files (.docx): the writer (export in the GB/T 9704 layout) and the reader (import).
//!
//! Both are plain Rust over bytes: the zip container, the XML and WordprocessingML. The
//! browser adapter only reads the chosen file and hands the written bytes to a download.

pub mod crc32;
pub mod read;
pub mod wml;
pub mod write;
pub mod xml;
pub mod xml_read;
pub mod zip_read;
pub mod zip_write;
