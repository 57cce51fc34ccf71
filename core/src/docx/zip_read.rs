//! Reading the zip container of a .docx: the central directory, local headers, stored and
//! deflated entries, the CRC check, and the refusals that keep a hostile file harmless
//! (encryption, zip64 past what is handled, zip bombs).
//!
//! Inflating is not done here: the browser's `DecompressionStream` does it (see
//! [`gzip_member`]), natively a test's inflater does. This module hands out the raw bytes
//! of an entry and checks what comes back.

use super::crc32;
use thiserror::Error;

/// Largest expansion accepted, per entry and for all entries read together.
pub const MAX_EXPANDED: u64 = 50 * 1024 * 1024;
/// Largest ratio of expanded to compressed size accepted.
pub const MAX_RATIO: u64 = 100;
/// Entries smaller than this are not held to [`MAX_RATIO`]: a few kilobytes of repeated
/// white space compress more than 100-fold and harm no one.
pub const RATIO_FLOOR: u64 = 64 * 1024;
/// Most entries in a central directory (a .docx has a few dozen, one per image more).
const MAX_ENTRIES: usize = 65_535;

const EOCD_SIG: u32 = 0x0605_4b50;
const CDH_SIG: u32 = 0x0201_4b50;
const LFH_SIG: u32 = 0x0403_4b50;
/// The end record is 22 bytes plus a comment of at most 65,535.
const EOCD_LEN: usize = 22;

/// Why the zip container could not be read.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-central-directory record: not a zip at all.
    #[error("不是 zip 压缩包")]
    NotZip,
    /// The structure is cut short or contradicts itself.
    #[error("压缩包已损坏：{0}")]
    Damaged(&'static str),
    /// An entry is encrypted (traditional PKWARE, strong encryption or AES).
    #[error("压缩包已加密")]
    Encrypted,
    /// A zip64 archive, which a .docx of a report never needs.
    #[error("压缩包使用了不支持的 zip64 格式")]
    Zip64,
    /// A compression method other than stored (0) and deflate (8).
    #[error("压缩包使用了不支持的压缩方式（{0}）")]
    Method(u16),
    /// Declared or actual expansion beyond [`MAX_EXPANDED`] or [`MAX_RATIO`].
    #[error("压缩包解压后过大（可能是“压缩炸弹”），已拒绝读取")]
    Bomb,
    /// The expanded bytes do not match the stored CRC-32 or size.
    #[error("压缩包已损坏：校验和不符")]
    Crc,
}

/// How an entry is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Stored as is.
    Stored,
    /// Raw deflate (RFC 1951).
    Deflated,
}

/// One entry of the central directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Name as stored (`word/document.xml`).
    pub name: String,
    /// Compression method.
    pub method: Method,
    /// CRC-32 of the expanded bytes.
    pub crc32: u32,
    /// Size of the raw data.
    pub compressed_size: u64,
    /// Size once expanded.
    pub size: u64,
    local_offset: u64,
    encrypted: bool,
    /// Method code when it is neither stored nor deflate.
    other_method: Option<u16>,
}

/// A parsed zip over borrowed bytes.
#[derive(Debug)]
pub struct Archive<'a> {
    data: &'a [u8],
    entries: Vec<Entry>,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(d: &[u8], at: usize) -> Option<u64> {
    let b = d.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Some(u64::from_le_bytes(a))
}

/// Whether `data` starts like a zip (a local header or an empty archive's end record).
pub fn looks_like_zip(data: &[u8]) -> bool {
    matches!(u32_at(data, 0), Some(LFH_SIG) | Some(EOCD_SIG))
}

/// Values of the zip64 extra field (id 1) for the fields that were saturated, in their order.
fn zip64_extra(extra: &[u8], want: usize) -> Option<Vec<u64>> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at)?;
        let len = usize::from(u16_at(extra, at + 2)?);
        if id == 1 {
            let body = extra.get(at + 4..at + 4 + len)?;
            return (0..want).map(|i| u64_at(body, i * 8)).collect();
        }
        at += 4 + len;
    }
    None
}

impl<'a> Archive<'a> {
    /// Reads the central directory of `data`.
    pub fn parse(data: &'a [u8]) -> Result<Self, ZipError> {
        if data.len() < EOCD_LEN {
            return Err(ZipError::NotZip);
        }
        // The end record: searched backwards over at most the longest comment.
        let lowest = data.len().saturating_sub(EOCD_LEN + 0xFFFF);
        let mut at = data.len() - EOCD_LEN;
        let eocd = loop {
            if u32_at(data, at) == Some(EOCD_SIG) {
                break at;
            }
            if at == lowest {
                return Err(if looks_like_zip(data) {
                    ZipError::Damaged("找不到目录")
                } else {
                    ZipError::NotZip
                });
            }
            at -= 1;
        };
        let count = u16_at(data, eocd + 10).ok_or(ZipError::Damaged("目录结尾不完整"))?;
        let cd_size = u32_at(data, eocd + 12).ok_or(ZipError::Damaged("目录结尾不完整"))?;
        let cd_offset = u32_at(data, eocd + 16).ok_or(ZipError::Damaged("目录结尾不完整"))?;
        if count == 0xFFFF || cd_size == u32::MAX || cd_offset == u32::MAX {
            return Err(ZipError::Zip64);
        }
        let cd_start = cd_offset as usize;
        let cd_end = cd_start
            .checked_add(cd_size as usize)
            .filter(|&e| e <= eocd)
            .ok_or(ZipError::Damaged("目录位置超出文件"))?;
        let cd = data
            .get(cd_start..cd_end)
            .ok_or(ZipError::Damaged("目录位置超出文件"))?;
        let count = usize::from(count);
        if count > MAX_ENTRIES {
            return Err(ZipError::Damaged("条目过多"));
        }
        let mut entries = Vec::with_capacity(count);
        let mut p = 0usize;
        for _ in 0..count {
            let bad = ZipError::Damaged("目录条目不完整");
            if u32_at(cd, p) != Some(CDH_SIG) {
                return Err(bad);
            }
            let flags = u16_at(cd, p + 8).ok_or(bad.clone())?;
            let method = u16_at(cd, p + 10).ok_or(bad.clone())?;
            let crc = u32_at(cd, p + 16).ok_or(bad.clone())?;
            let mut csize = u64::from(u32_at(cd, p + 20).ok_or(bad.clone())?);
            let mut size = u64::from(u32_at(cd, p + 24).ok_or(bad.clone())?);
            let name_len = usize::from(u16_at(cd, p + 28).ok_or(bad.clone())?);
            let extra_len = usize::from(u16_at(cd, p + 30).ok_or(bad.clone())?);
            let comment_len = usize::from(u16_at(cd, p + 32).ok_or(bad.clone())?);
            let mut offset = u64::from(u32_at(cd, p + 42).ok_or(bad.clone())?);
            let name_at = p + 46;
            let name = cd.get(name_at..name_at + name_len).ok_or(bad.clone())?;
            let extra = cd
                .get(name_at + name_len..name_at + name_len + extra_len)
                .ok_or(bad.clone())?;
            // Saturated fields are in the zip64 extra field, in this order.
            let saturated = [size, csize, offset]
                .iter()
                .filter(|&&v| v == u64::from(u32::MAX))
                .count();
            if saturated > 0 {
                let vals = zip64_extra(extra, saturated).ok_or(ZipError::Zip64)?;
                let mut it = vals.into_iter();
                for field in [&mut size, &mut csize, &mut offset] {
                    if *field == u64::from(u32::MAX) {
                        *field = it.next().ok_or(ZipError::Zip64)?;
                    }
                }
            }
            // Bit 0: encrypted; bit 6: strong encryption; method 99: AES.
            let encrypted = flags & 0x41 != 0 || method == 99;
            let (method, other_method) = match method {
                0 => (Method::Stored, None),
                8 => (Method::Deflated, None),
                m => (Method::Stored, Some(m)),
            };
            entries.push(Entry {
                // Names are UTF-8 in every OOXML writer; one that is not can match no part
                // the reader looks for, so it is kept empty.
                name: std::str::from_utf8(name).unwrap_or_default().to_string(),
                method,
                crc32: crc,
                compressed_size: csize,
                size,
                local_offset: offset,
                encrypted,
                other_method,
            });
            p = name_at + name_len + extra_len + comment_len;
        }
        Ok(Archive { data, entries })
    }

    /// Every entry, in directory order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether any entry is encrypted.
    pub fn any_encrypted(&self) -> bool {
        self.entries.iter().any(|e| e.encrypted)
    }

    /// The entry of part `name`, matched without regard to ASCII case or a leading `/`
    /// (part names in a package are case-insensitive).
    pub fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.entries
            .iter()
            .position(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The entry at `index`.
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// Checks an entry before it is read: method, encryption, declared sizes.
    pub fn check(&self, index: usize) -> Result<&Entry, ZipError> {
        let e = self
            .entries
            .get(index)
            .ok_or(ZipError::Damaged("条目不存在"))?;
        if e.encrypted {
            return Err(ZipError::Encrypted);
        }
        if let Some(m) = e.other_method {
            return Err(ZipError::Method(m));
        }
        if e.size > MAX_EXPANDED {
            return Err(ZipError::Bomb);
        }
        if e.size > RATIO_FLOOR && e.size > e.compressed_size.saturating_mul(MAX_RATIO) {
            return Err(ZipError::Bomb);
        }
        if e.method == Method::Stored && e.size != e.compressed_size {
            return Err(ZipError::Damaged("存储条目的大小不一致"));
        }
        Ok(e)
    }

    /// The raw (possibly deflated) bytes of an entry, found through its local header.
    pub fn raw(&self, index: usize) -> Result<&'a [u8], ZipError> {
        let e = self.check(index)?;
        let bad = ZipError::Damaged("条目数据不完整");
        let at = usize::try_from(e.local_offset).map_err(|_| bad.clone())?;
        if u32_at(self.data, at) != Some(LFH_SIG) {
            return Err(ZipError::Damaged("条目头损坏"));
        }
        if u16_at(self.data, at + 6).is_some_and(|f| f & 0x41 != 0) {
            return Err(ZipError::Encrypted);
        }
        // The local name and extra field may differ in length from the central ones.
        let name_len = usize::from(u16_at(self.data, at + 26).ok_or(bad.clone())?);
        let extra_len = usize::from(u16_at(self.data, at + 28).ok_or(bad.clone())?);
        let start = at + 30 + name_len + extra_len;
        let len = usize::try_from(e.compressed_size).map_err(|_| bad.clone())?;
        // Sizes come from the central directory, so a data descriptor after the data
        // (flag bit 3, zeros in the local header) needs no special reading.
        self.data
            .get(start..start.checked_add(len).ok_or(bad.clone())?)
            .ok_or(bad)
    }

    /// The bytes of a stored entry, checked.
    pub fn stored(&self, index: usize) -> Result<&'a [u8], ZipError> {
        let raw = self.raw(index)?;
        self.verify(index, raw)?;
        Ok(raw)
    }

    /// Checks expanded bytes against the entry's declared size and CRC-32.
    pub fn verify(&self, index: usize, expanded: &[u8]) -> Result<(), ZipError> {
        let e = self.check(index)?;
        if expanded.len() as u64 > e.size {
            return Err(ZipError::Bomb);
        }
        if expanded.len() as u64 != e.size || crc32::crc32(expanded) != e.crc32 {
            return Err(ZipError::Crc);
        }
        Ok(())
    }
}

/// Wraps an entry's raw deflate data as a gzip member (RFC 1952: a 10-byte header, the
/// data, the CRC-32 and the size), so that `DecompressionStream('gzip')`, which browsers
/// have had far longer than `'deflate-raw'`, can expand it. The gzip decoder then checks
/// the CRC and size itself as well.
pub fn gzip_member(raw: &[u8], crc32: u32, size: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + 18);
    // Magic, deflate, no flags, no time, no extra flags, unknown OS.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    out.extend_from_slice(raw);
    out.extend_from_slice(&crc32.to_le_bytes());
    // ISIZE is the size modulo 2^32; entries read are far below that.
    out.extend_from_slice(&((size & 0xFFFF_FFFF) as u32).to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// A stored-only zip of `files`, with a data descriptor when `descriptor` is set.
    fn zip(files: &[(&str, &[u8])], descriptor: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (name, data) in files {
            let off = out.len() as u32;
            let crc = crc32::crc32(data);
            let flags: u16 = if descriptor { 8 } else { 0 };
            let (c, s) = if descriptor {
                (0, 0)
            } else {
                (crc, data.len() as u32)
            };
            out.extend_from_slice(&LFH_SIG.to_le_bytes());
            out.extend_from_slice(&[20, 0]);
            out.extend_from_slice(&flags.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&c.to_le_bytes());
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            if descriptor {
                out.extend_from_slice(&0x0807_4b50u32.to_le_bytes());
                out.extend_from_slice(&crc.to_le_bytes());
                out.extend_from_slice(&(data.len() as u32).to_le_bytes());
                out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            }
            cd.extend_from_slice(&CDH_SIG.to_le_bytes());
            cd.extend_from_slice(&[20, 0, 20, 0]);
            cd.extend_from_slice(&flags.to_le_bytes());
            cd.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
            cd.extend_from_slice(&crc.to_le_bytes());
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
            cd.extend_from_slice(&[0; 12]);
            cd.extend_from_slice(&off.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
        }
        let cd_off = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(&EOCD_SIG.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_off.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn reads_stored_entries_with_and_without_descriptor() {
        for descriptor in [false, true] {
            let z = zip(
                &[("a.xml", b"<a/>"), ("Word/B.xml", "法治".as_bytes())],
                descriptor,
            );
            let a = Archive::parse(&z).unwrap();
            assert_eq!(a.entries().len(), 2);
            assert_eq!(
                a.stored(a.find("/word/b.xml").unwrap()).unwrap(),
                "法治".as_bytes()
            );
            assert_eq!(a.stored(0).unwrap(), b"<a/>");
        }
    }

    #[test]
    fn refuses_damage() {
        let z = zip(&[("a.xml", b"<a/>")], false);
        assert_eq!(
            Archive::parse(b"hello, this is plain text ok").err(),
            Some(ZipError::NotZip)
        );
        // Cut anywhere: never a panic, always an error.
        for cut in 0..z.len() {
            assert!(Archive::parse(&z[..cut])
                .and_then(|a| a.stored(0).map(|_| ()))
                .is_err());
        }
        let mut bad = z.clone();
        bad[30 + 5] ^= 1; // a byte of the data
        let a = Archive::parse(&bad).unwrap();
        assert_eq!(a.stored(0), Err(ZipError::Crc));
    }

    #[test]
    fn gzip_member_layout() {
        let g = gzip_member(&[3, 0], 0, 0);
        assert_eq!(g.len(), 20);
        assert_eq!(&g[..3], &[0x1f, 0x8b, 8]);
    }
}
