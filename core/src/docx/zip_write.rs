//! The zip container of a .docx, written with stored (uncompressed) entries.
//!
//! Stored entries need no deflate code in the wasm: a report's package is some 100 KB stored
//! against some 20 KB deflated, a difference nobody notices on a disk or an intranet, while a
//! Rust deflater would cost every user its code on every load. Word, WPS and LibreOffice
//! read stored entries (the zip format's method 0). Every entry carries its CRC-32 and sizes
//! in the local header (no data descriptor), and a central directory ends the file.

use super::crc32::crc32;

/// DOS date of every entry: 1980-01-01, the zip epoch. A fixed date keeps the output a pure
/// function of the report (golden files, reproducible downloads); Word shows no entry dates.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Version 2.0: the version that introduced stored and deflated entries with these headers.
const VERSION: u16 = 20;

/// An entry as the central directory describes it.
struct Entry {
    name: String,
    crc: u32,
    size: u32,
    offset: u32,
}

/// A zip archive written entry by entry into memory.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    entries: Vec<Entry>,
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Sizes and offsets as the 32-bit zip fields hold them. A report is far below 4 GB, and the
/// writer has no zip64; saturating keeps a corrupt value out of reach instead of panicking.
fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn u16_of(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

impl ZipWriter {
    /// An empty archive.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a stored entry. `name` is an ASCII part name such as `word/document.xml`.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let entry = Entry {
            name: name.to_string(),
            crc: crc32(data),
            size: u32_of(data.len()),
            offset: u32_of(self.out.len()),
        };
        let o = &mut self.out;
        u32le(o, 0x0403_4b50);
        u16le(o, VERSION);
        u16le(o, 0); // flags: no encryption, no data descriptor
        u16le(o, 0); // method 0: stored
        u16le(o, 0); // time 00:00
        u16le(o, DOS_DATE);
        u32le(o, entry.crc);
        u32le(o, entry.size); // compressed size
        u32le(o, entry.size); // uncompressed size
        u16le(o, u16_of(name.len()));
        u16le(o, 0); // no extra field
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(data);
        self.entries.push(entry);
    }

    /// The archive: the entries, then the central directory and its end record.
    pub fn finish(mut self) -> Vec<u8> {
        let start = self.out.len();
        let o = &mut self.out;
        for e in &self.entries {
            u32le(o, 0x0201_4b50);
            u16le(o, VERSION); // made by: MS-DOS attributes, version 2.0
            u16le(o, VERSION);
            u16le(o, 0);
            u16le(o, 0);
            u16le(o, 0);
            u16le(o, DOS_DATE);
            u32le(o, e.crc);
            u32le(o, e.size);
            u32le(o, e.size);
            u16le(o, u16_of(e.name.len()));
            u16le(o, 0); // extra field
            u16le(o, 0); // comment
            u16le(o, 0); // disk number
            u16le(o, 0); // internal attributes
            u32le(o, 0); // external attributes
            u32le(o, e.offset);
            o.extend_from_slice(e.name.as_bytes());
        }
        let size = o.len() - start;
        u32le(o, 0x0605_4b50);
        u16le(o, 0); // this disk
        u16le(o, 0); // disk of the central directory
        u16le(o, u16_of(self.entries.len()));
        u16le(o, u16_of(self.entries.len()));
        u32le(o, u32_of(size));
        u32le(o, u32_of(start));
        u16le(o, 0); // no comment
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_stored_entry_has_matching_headers() {
        let mut z = ZipWriter::new();
        z.add("a.txt", b"hello");
        let bytes = z.finish();
        // Local header, name, data.
        assert_eq!(&bytes[0..4], b"PK\x03\x04");
        assert_eq!(&bytes[14..18], &crc32(b"hello").to_le_bytes());
        assert_eq!(&bytes[30..35], b"a.txt");
        assert_eq!(&bytes[35..40], b"hello");
        // Central directory right after, end record last, pointing back at it.
        assert_eq!(&bytes[40..44], b"PK\x01\x02");
        let end = bytes.len() - 22;
        assert_eq!(&bytes[end..end + 4], b"PK\x05\x06");
        assert_eq!(&bytes[end + 16..end + 20], &40u32.to_le_bytes());
        assert_eq!(&bytes[end + 10..end + 12], &1u16.to_le_bytes());
    }
}
