//! Reading a .docx: the package (content types, relationships) to the main part, its
//! styles and numbering, then the paragraphs in order with their outline levels and the
//! numbers Word generates; and the conversion to plain text lines for the import.
//!
//! The reader is two-phase so that the browser inflates with its own `DecompressionStream`:
//! [`DocxReader::needs`] names the deflated entries it wants next, the caller expands them
//! (with the entry's size as the output limit) and hands them to [`DocxReader::provide`],
//! until `needs` returns nothing and [`DocxReader::finish`] parses the document. Images and
//! other media are never requested, so a file full of pictures costs only its XML.

use super::xml_read::{Event, Reader, Start, XmlError};
use super::zip_read::{self, Archive, Method, ZipError, MAX_EXPANDED};
use crate::date::DocDate;
use crate::import::{import, parse_date, ImportOptions, Imported};
use crate::template::Template;
use std::borrow::Cow;
use std::collections::HashMap;
use thiserror::Error;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
const CUSTOM: &str = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
/// The custom property that carries the seal setting, as nianbao's own writer sets it.
pub use super::write::{SEAL_PROPERTY, SIGNATURE, UNIT_PROPERTY};
/// The header of an OLE compound file: .doc, .wps, and encrypted OOXML.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Longest `w:basedOn` chain followed (Word allows no cycles; a hostile file may have one).
const MAX_BASED_ON: usize = 32;

/// Why a file could not be imported as a Word document. The messages are shown as they are.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum DocxError {
    /// An OLE compound file: Word 97–2003 (.doc).
    #[error(
        "这是旧版 Word 文档（.doc），无法直接导入。请在 Word 或 WPS 中另存为 .docx 后再导入。"
    )]
    OldWord,
    /// An OLE compound file named .wps: WPS 文字's own format.
    #[error("这是 WPS 文字文档（.wps），无法直接导入。请在 WPS 或 Word 中另存为 .docx 后再导入。")]
    Wps,
    /// Password-protected: OLE-wrapped encrypted OOXML, or an encrypted zip entry.
    #[error("这个文件设有打开密码（已加密），无法读取。请在 Word 或 WPS 中取消密码并另存为 .docx 后再导入。")]
    Encrypted,
    /// Not a zip at all: a renamed file of another kind.
    #[error("这个文件不是 Word 文档（.docx），可能只是改了扩展名。请在 Word 或 WPS 中打开后另存为 .docx 再导入。")]
    NotDocx,
    /// A zip, but of another kind of document.
    #[error("这是{0}，不是 Word 文档。请在 Word 或 WPS 中打开后另存为 .docx 再导入。")]
    OtherKind(&'static str),
    /// A damaged zip or XML part.
    #[error(
        "这个 Word 文件已损坏（{0}），无法读取。请在 Word 或 WPS 中打开并另存为 .docx 后再导入。"
    )]
    Damaged(String),
    /// A feature of the container that is not supported (zip64, another compression).
    #[error("这个 Word 文件使用了不支持的格式（{0}）。请在 Word 或 WPS 中另存为 .docx 后再导入。")]
    Unsupported(String),
    /// A zip bomb: declared or actual expansion over 50 MB, or a ratio over 100.
    #[error(
        "这个文件解压后过大（超过 50 MB 或压缩比超过 100 倍，可能是“压缩炸弹”），已拒绝读取。"
    )]
    Bomb,
    /// A DTD or entity declaration.
    #[error("这个文件含有 DTD 或实体声明（正常的 Word 文档没有，可能是恶意文件），已拒绝读取。")]
    Dtd,
    /// Nesting over 200 levels.
    #[error("这个文件的层级嵌套超过 200 层（可能是恶意文件），已拒绝读取。")]
    TooDeep,
}

impl From<ZipError> for DocxError {
    fn from(e: ZipError) -> Self {
        match e {
            ZipError::NotZip => DocxError::NotDocx,
            ZipError::Damaged(what) => DocxError::Damaged(what.into()),
            ZipError::Encrypted => DocxError::Encrypted,
            ZipError::Zip64 => DocxError::Unsupported("zip64".into()),
            ZipError::Method(m) => DocxError::Unsupported(format!("压缩方式 {}", u32::from(m))),
            ZipError::Bomb => DocxError::Bomb,
            ZipError::Crc => DocxError::Damaged("校验和不符".into()),
        }
    }
}

fn xml_error(part: &str, e: XmlError) -> DocxError {
    match e {
        XmlError::Dtd => DocxError::Dtd,
        XmlError::TooDeep => DocxError::TooDeep,
        XmlError::Malformed(at) => DocxError::Damaged(format!("{part} 第 {at} 字节处格式错误")),
    }
}

/// Why the caller's inflater gave up on an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The output passed the limit it was given: a bomb.
    TooLarge,
    /// The deflate data is not valid.
    Corrupt,
}

impl From<InflateError> for DocxError {
    fn from(e: InflateError) -> Self {
        match e {
            InflateError::TooLarge => DocxError::Bomb,
            InflateError::Corrupt => DocxError::Damaged("压缩数据无法解压".into()),
        }
    }
}

/// What the import left out, counted so the dialog can say so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ignored {
    /// Pictures (`w:drawing` or `w:pict` with an image).
    pub images: usize,
    /// Text boxes, shapes and charts without a picture.
    pub shapes: usize,
    /// Embedded objects (`w:object`: equations, spreadsheets).
    pub objects: usize,
    /// Comments (`w:commentReference`).
    pub comments: usize,
    /// Tracked deletions (`w:del`, `w:moveFrom`), left out.
    pub deletions: usize,
    /// Footnotes and endnotes.
    pub notes: usize,
}

impl Ignored {
    /// "图片 2 张、批注 1 条…", or `None` when nothing was left out.
    pub fn summary(&self) -> Option<String> {
        let mut out = String::new();
        for (n, what, unit) in [
            (self.images, "图片", "张"),
            (self.shapes, "文本框或图形", "个"),
            (self.objects, "嵌入对象", "个"),
            (self.comments, "批注", "条"),
            (self.deletions, "修订删除", "处"),
            (self.notes, "脚注或尾注", "条"),
        ] {
            if n > 0 {
                if !out.is_empty() {
                    out.push('、');
                }
                out.push_str(what);
                out.push(' ');
                out.push_str(&n.to_string());
                out.push(' ');
                out.push_str(unit);
            }
        }
        (!out.is_empty()).then_some(out)
    }
}

/// One paragraph of the document (a table cell's paragraphs are paragraphs too).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text of its runs, tabs as `\t` and line breaks as `\n`.
    pub text: String,
    /// Outline level, 0 for the top (`w:outlineLvl` or a heading style), if a heading.
    pub outline_level: Option<u8>,
    /// The number Word shows in front of it (automatic numbering), e.g. "（一）".
    pub number: Option<String>,
    /// Centred (a title rather than a heading).
    pub centered: bool,
    /// Inside a table.
    pub in_table: bool,
}

/// A Word document as the import sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocxDocument {
    /// Paragraphs in document order.
    pub paragraphs: Vec<Paragraph>,
    /// What was left out.
    pub ignored: Ignored,
    /// The seal setting nianbao's exporter wrote (custom property `nianbao-seal`).
    pub seal: Option<bool>,
    /// The unit nianbao's exporter wrote (custom property `nianbao-unit`).
    pub unit: Option<String>,
    /// The 落款 and 成文日期 of nianbao's own file (one with its custom properties), read
    /// from the paragraphs in its 落款 style and left out of `paragraphs`. `None` for a
    /// foreign file, whose 落款 the text import finds by the date under it.
    pub signature: Option<Signature>,
}

/// The 落款 of nianbao's own Word file, as its 落款 style marks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signature {
    /// The 落款 as printed (the unit, or the signer typed), empty if none.
    pub signer: String,
    /// The 成文日期, if one was printed.
    pub date: Option<DocDate>,
}

impl Signature {
    /// The 落款 from the texts of the 落款-style paragraphs: the last is the 成文日期
    /// when it reads as one, the rest is the signer.
    fn from_lines(mut lines: Vec<String>) -> Self {
        let date = lines.last().and_then(|l| parse_date(l));
        if date.is_some() {
            lines.pop();
        }
        Signature {
            signer: lines.concat(),
            date,
        }
    }
}

/// An entry the reader needs expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Index of the zip entry.
    pub index: usize,
    /// Part name, for messages.
    pub name: String,
    /// Stored CRC-32.
    pub crc32: u32,
    /// Declared expanded size: the output limit for the inflater.
    pub size: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Package,
    Main,
    Parts,
    Done,
}

/// The reader of one file; see the module documentation for the protocol.
#[derive(Debug)]
pub struct DocxReader<'a> {
    archive: Archive<'a>,
    stage: Stage,
    /// Expanded parts, by lower-case name. A list: the reader asks for seven parts at most,
    /// and a hash table of its own would cost the wasm more than it saves.
    parts: Vec<(String, Vec<u8>)>,
    /// Parts asked for (expanded, requested or found absent), by lower-case name.
    asked: Vec<String>,
    budget: u64,
    main: String,
    custom: String,
    styles: Option<String>,
    numbering: Option<String>,
}

/// Whether `bytes` contain the ASCII `needle` as UTF-16LE (names in an OLE directory are).
fn has_utf16(bytes: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && bytes.windows(needle.len() * 2).any(|w| {
            w.chunks_exact(2)
                .zip(needle)
                .all(|(unit, &b)| unit == [b, 0])
        })
}

/// The text of a part: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
fn text_of<'b>(name: &str, bytes: &'b [u8]) -> Result<Cow<'b, str>, DocxError> {
    let bad = || DocxError::Damaged(format!("{name} 的文字编码错误"));
    let utf16 = |be: bool| {
        let units = bytes.get(2..).unwrap_or_default().chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map(Cow::Owned)
            .map_err(|_| bad())
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|_| bad()),
    }
}

/// Resolves a relationship target against the folder of the part it belongs to.
fn resolve_target(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn dir_of(part: &str) -> &str {
    part.rfind('/')
        .map_or("", |i| part.get(..i).unwrap_or_default())
}

/// The relationships part of `part` (`word/document.xml` → `word/_rels/document.xml.rels`).
fn rels_of(part: &str) -> String {
    let file = part.rfind('/').map_or(0, |i| i + 1);
    let (dir, name) = part.split_at(file);
    format!("{dir}_rels/{name}.rels")
}

/// Every relationship of a .rels part: (type, target), external ones left out.
fn relationships(name: &str, src: &str) -> Result<Vec<(String, String)>, DocxError> {
    let mut r = Reader::new(src);
    let mut out = Vec::new();
    while let Some(e) = r.next().map_err(|e| xml_error(name, e))? {
        if let Event::Start(s) = e {
            if s.is(PKG_REL, "Relationship")
                && s.attr("", "TargetMode").as_deref() != Some("External")
            {
                if let (Some(t), Some(target)) = (s.attr("", "Type"), s.attr("", "Target")) {
                    out.push((t.into_owned(), target.into_owned()));
                }
            }
        }
    }
    Ok(out)
}

impl<'a> DocxReader<'a> {
    /// Recognises the file and reads the zip directory. `file_name` only tells .wps from .doc.
    pub fn open(bytes: &'a [u8], file_name: &str) -> Result<Self, DocxError> {
        if bytes.starts_with(&OLE) {
            // Encrypted OOXML is an OLE file holding an `EncryptedPackage` stream.
            if has_utf16(bytes, b"EncryptedPackage") {
                return Err(DocxError::Encrypted);
            }
            if file_name.to_ascii_lowercase().ends_with(".wps") {
                return Err(DocxError::Wps);
            }
            return Err(DocxError::OldWord);
        }
        let archive = Archive::parse(bytes)?;
        if archive.any_encrypted() {
            return Err(DocxError::Encrypted);
        }
        Ok(DocxReader {
            archive,
            stage: Stage::Package,
            parts: Vec::new(),
            asked: Vec::new(),
            budget: 0,
            main: String::new(),
            custom: "docProps/custom.xml".into(),
            styles: None,
            numbering: None,
        })
    }

    /// Parts wanted at this stage, and whether each is required.
    fn wanted(&self) -> Vec<(String, bool)> {
        match self.stage {
            Stage::Package => vec![
                ("[Content_Types].xml".into(), false),
                ("_rels/.rels".into(), false),
            ],
            Stage::Main => vec![
                (self.main.clone(), true),
                (rels_of(&self.main), false),
                (self.custom.clone(), false),
            ],
            Stage::Parts => self
                .styles
                .iter()
                .chain(self.numbering.iter())
                .map(|n| (n.clone(), false))
                .collect(),
            Stage::Done => Vec::new(),
        }
    }

    fn part(&self, name: &str) -> Option<&[u8]> {
        let key = name.trim_start_matches('/').to_ascii_lowercase();
        self.parts
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, b)| b.as_slice())
    }

    /// Keeps an expanded part, replacing one of the same name.
    fn put(&mut self, key: String, bytes: Vec<u8>) {
        match self.parts.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = bytes,
            None => self.parts.push((key, bytes)),
        }
    }

    /// Notes that a part was asked for; false if it had been already.
    fn ask(&mut self, key: &str) -> bool {
        let new = !self.asked.iter().any(|k| k == key);
        if new {
            self.asked.push(key.to_string());
        }
        new
    }

    /// The deflated entries to expand next; empty when [`DocxReader::finish`] can run.
    pub fn needs(&mut self) -> Result<Vec<Request>, DocxError> {
        loop {
            let mut requests = Vec::new();
            for (name, required) in self.wanted() {
                let key = name.trim_start_matches('/').to_ascii_lowercase();
                if self.parts.iter().any(|(k, _)| *k == key) {
                    continue;
                }
                let Some(index) = self.archive.find(&name) else {
                    if required {
                        return Err(DocxError::Damaged(format!("缺少 {name}")));
                    }
                    self.ask(&key);
                    continue;
                };
                let entry = self.archive.check(index)?;
                let (method, crc32, size) = (entry.method, entry.crc32, entry.size);
                if self.ask(&key) {
                    self.budget += size;
                    if self.budget > MAX_EXPANDED {
                        return Err(DocxError::Bomb);
                    }
                } else if method == Method::Stored {
                    continue;
                }
                match method {
                    Method::Stored => {
                        let bytes = self.archive.stored(index)?.to_vec();
                        self.put(key, bytes);
                    }
                    Method::Deflated => requests.push(Request {
                        index,
                        name: name.clone(),
                        crc32,
                        size,
                    }),
                }
            }
            if !requests.is_empty() {
                return Ok(requests);
            }
            if self.stage == Stage::Done {
                return Ok(Vec::new());
            }
            self.advance()?;
        }
    }

    /// The raw deflate data of a requested entry.
    pub fn raw(&self, request: &Request) -> Result<&'a [u8], DocxError> {
        Ok(self.archive.raw(request.index)?)
    }

    /// A requested entry wrapped as a gzip member for `DecompressionStream('gzip')`.
    pub fn gzip(&self, request: &Request) -> Result<Vec<u8>, DocxError> {
        Ok(zip_read::gzip_member(
            self.raw(request)?,
            request.crc32,
            request.size,
        ))
    }

    /// Hands over a requested entry, expanded; its size and CRC-32 are checked.
    pub fn provide(&mut self, request: &Request, expanded: Vec<u8>) -> Result<(), DocxError> {
        self.archive.verify(request.index, &expanded)?;
        let key = request.name.trim_start_matches('/').to_ascii_lowercase();
        self.put(key, expanded);
        Ok(())
    }

    /// Moves to the next stage, reading what the finished one tells.
    fn advance(&mut self) -> Result<(), DocxError> {
        match self.stage {
            Stage::Package => {
                let rels = match self.part("_rels/.rels") {
                    Some(b) => relationships("_rels/.rels", &text_of("_rels/.rels", b)?)?,
                    None => Vec::new(),
                };
                let main = rels
                    .iter()
                    .find(|(t, _)| t.ends_with("/officeDocument"))
                    .map(|(_, target)| resolve_target("", target));
                if let Some((_, target)) =
                    rels.iter().find(|(t, _)| t.ends_with("/custom-properties"))
                {
                    self.custom = resolve_target("", target);
                }
                let main = match main {
                    Some(m) => m,
                    None if self.archive.find("word/document.xml").is_some() => {
                        "word/document.xml".into()
                    }
                    None => return Err(self.other_kind()),
                };
                if let Some(kind) = self.content_kind(&main)? {
                    return Err(DocxError::OtherKind(kind));
                }
                self.main = main;
                self.stage = Stage::Main;
            }
            Stage::Main => {
                let name = rels_of(&self.main);
                let rels = match self.part(&name) {
                    Some(b) => relationships(&name, &text_of(&name, b)?)?,
                    None => Vec::new(),
                };
                let dir = dir_of(&self.main).to_string();
                let find = |suffix: &str| {
                    rels.iter()
                        .find(|(t, _)| t.ends_with(suffix))
                        .map(|(_, target)| resolve_target(&dir, target))
                };
                self.styles = find("/styles");
                self.numbering = find("/numbering");
                self.stage = Stage::Parts;
            }
            Stage::Parts | Stage::Done => self.stage = Stage::Done,
        }
        Ok(())
    }

    /// What a zip without a Word main part is, for the message.
    fn other_kind(&self) -> DocxError {
        let has = |n: &str| self.archive.find(n).is_some();
        if has("mimetype") || has("content.xml") {
            DocxError::OtherKind("OpenDocument 文件（.odt 等）")
        } else if has("xl/workbook.xml") {
            DocxError::OtherKind("Excel 表格（.xlsx）")
        } else if has("ppt/presentation.xml") {
            DocxError::OtherKind("PowerPoint 演示文稿（.pptx）")
        } else {
            DocxError::NotDocx
        }
    }

    /// The kind of document the content types say the main part is, when not a Word one.
    fn content_kind(&self, main: &str) -> Result<Option<&'static str>, DocxError> {
        let name = "[Content_Types].xml";
        let Some(bytes) = self.part(name) else {
            return Ok(None);
        };
        let src = text_of(name, bytes)?;
        let mut r = Reader::new(&src);
        let want = main.trim_start_matches('/');
        while let Some(e) = r.next().map_err(|e| xml_error(name, e))? {
            if let Event::Start(s) = e {
                if s.is(CT, "Override")
                    && s.attr("", "PartName").is_some_and(|p| {
                        p.strip_prefix('/')
                            .is_some_and(|p| p.eq_ignore_ascii_case(want))
                    })
                {
                    let ct = s.attr("", "ContentType").unwrap_or_default();
                    return Ok(if ct.contains("spreadsheetml") || ct.contains("ms-excel") {
                        Some("Excel 表格（.xlsx）")
                    } else if ct.contains("presentationml") || ct.contains("ms-powerpoint") {
                        Some("PowerPoint 演示文稿（.pptx）")
                    } else {
                        None
                    });
                }
            }
        }
        Ok(None)
    }

    /// Parses the document once every part is in.
    pub fn finish(self) -> Result<DocxDocument, DocxError> {
        if self.stage != Stage::Done {
            return Err(DocxError::Damaged("读取未完成".into()));
        }
        let styles = match &self.styles {
            Some(n) => match self.part(n) {
                Some(b) => Styles::parse(n, &text_of(n, b)?)?,
                None => Styles::default(),
            },
            None => Styles::default(),
        };
        let mut numbering = match &self.numbering {
            Some(n) => match self.part(n) {
                Some(b) => Numbering::parse(n, &text_of(n, b)?)?,
                None => Numbering::default(),
            },
            None => Numbering::default(),
        };
        let (own, seal, unit) = match self.part(&self.custom) {
            Some(b) => read_properties(&self.custom, &text_of(&self.custom, b)?)?,
            None => (false, None, None),
        };
        let main = self
            .part(&self.main)
            .ok_or_else(|| DocxError::Damaged(format!("缺少 {}", self.main)))?;
        let mut doc = read_body(
            &self.main,
            &text_of(&self.main, main)?,
            &styles,
            &mut numbering,
            own,
        )?;
        doc.seal = seal;
        doc.unit = unit;
        Ok(doc)
    }
}

/// A synchronous inflater: raw deflate data and the output limit in, the bytes out.
pub type Inflater<'f> = dyn FnMut(&[u8], u64) -> Result<Vec<u8>, InflateError> + 'f;

/// Reads a .docx with a synchronous inflater (`inflate(raw, limit)` must stop past `limit`
/// bytes of output). The browser drives [`DocxReader`] itself, asynchronously.
pub fn read_docx(
    bytes: &[u8],
    file_name: &str,
    inflate: &mut Inflater,
) -> Result<DocxDocument, DocxError> {
    let mut reader = DocxReader::open(bytes, file_name)?;
    loop {
        let requests = reader.needs()?;
        if requests.is_empty() {
            return reader.finish();
        }
        for r in requests {
            let expanded = inflate(reader.raw(&r)?, r.size)?;
            reader.provide(&r, expanded)?;
        }
    }
}

/// An inflater that refuses every deflated entry, for packages written store-only.
pub fn no_inflate(_: &[u8], _: u64) -> Result<Vec<u8>, InflateError> {
    Err(InflateError::Corrupt)
}

// ---------------------------------------------------------------------------------------
// Styles and numbering

/// Whether the element is in the WordprocessingML namespace (transitional or strict).
fn is_w(s: &Start) -> bool {
    s.ns == W || s.ns == W_STRICT
}

/// `w:val` (or another attribute) of a WordprocessingML element.
fn wattr<'s>(s: &Start<'s, '_>, local: &str) -> Option<Cow<'s, str>> {
    s.attr(W, local).or_else(|| s.attr(W_STRICT, local))
}

/// A number attribute of a WordprocessingML element (one parser for every width, so that
/// the wasm holds one copy of it).
fn wnum(s: &Start, local: &str) -> Option<u32> {
    wattr(s, local)?.parse().ok()
}

/// A small number attribute: a level or an index.
fn wsmall(s: &Start, local: &str) -> Option<u8> {
    wnum(s, local).and_then(|n| u8::try_from(n).ok())
}

/// The paragraph properties the reader uses, in a style or on a paragraph.
#[derive(Clone, Debug, Default)]
struct Props {
    outline: Option<u8>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    centered: Option<bool>,
}

impl Props {
    /// Takes what a child of `w:pPr` tells.
    fn read(&mut self, s: &Start) {
        match s.local {
            "outlineLvl" => self.outline = wsmall(s, "val"),
            "numId" => self.num_id = wnum(s, "val"),
            "ilvl" => self.ilvl = wsmall(s, "val"),
            "jc" => self.centered = Some(wattr(s, "val").as_deref() == Some("center")),
            _ => {}
        }
    }
}

/// On/off properties: absent `w:val` means on.
fn on(s: &Start) -> bool {
    !matches!(wattr(s, "val").as_deref(), Some("0" | "false" | "off"))
}

#[derive(Clone, Debug, Default)]
struct Style {
    /// The level its name implies ("heading 2", "标题 2"), worked out once.
    name_level: Option<u8>,
    has_name: bool,
    based_on: Option<String>,
    props: Props,
}

#[derive(Debug, Default)]
struct Styles {
    map: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

/// The outline level a heading style's name implies: "heading 2", "标题 2", "Heading2".
fn heading_name_level(name: &str) -> Option<u8> {
    if name.len() > 40 {
        return None;
    }
    // ASCII is enough ("Heading", "标题"): Unicode case tables would cost the wasm kilobytes.
    let lower = name.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?
        .trim_start();
    let n: u8 = rest.parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

impl Styles {
    fn parse(name: &str, src: &str) -> Result<Self, DocxError> {
        let mut r = Reader::new(src);
        let mut styles = Styles::default();
        let mut cur: Option<(String, Style)> = None;
        let mut in_ppr = false;
        while let Some(e) = r.next().map_err(|e| xml_error(name, e))? {
            match e {
                Event::Start(s) if is_w(&s) => match s.local {
                    "style" => {
                        let paragraph = wattr(&s, "type").is_none_or(|t| t == "paragraph");
                        let id = wattr(&s, "styleId").unwrap_or_default().into_owned();
                        if paragraph
                            && wattr(&s, "default").is_some_and(|v| v == "1" || v == "true")
                        {
                            styles.default_paragraph = Some(id.clone());
                        }
                        cur = paragraph.then(|| (id, Style::default()));
                    }
                    "name" => {
                        if let Some((_, st)) = cur.as_mut() {
                            let name = wattr(&s, "val").unwrap_or_default();
                            st.has_name = !name.is_empty();
                            st.name_level = heading_name_level(&name);
                        }
                    }
                    "basedOn" => {
                        if let Some((_, st)) = cur.as_mut() {
                            st.based_on = wattr(&s, "val").map(Cow::into_owned);
                        }
                    }
                    "pPr" => in_ppr = cur.is_some(),
                    "rPr" | "tblPr" | "trPr" | "tcPr" | "tblStylePr" => in_ppr = false,
                    _ if in_ppr => {
                        if let Some((_, st)) = cur.as_mut() {
                            st.props.read(&s);
                        }
                    }
                    _ => {}
                },
                Event::End { local: "style", .. } => {
                    if let Some((id, st)) = cur.take() {
                        styles.map.insert(id, st);
                    }
                    in_ppr = false;
                }
                Event::End { local: "pPr", .. } => in_ppr = false,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// What a paragraph style gives through its `w:basedOn` chain, nearest first: the
    /// outline level (`w:outlineLvl` or a heading name; level 9 is body text) and the
    /// numbering, level and alignment. One walk serves all four.
    fn resolve(&self, id: Option<&str>) -> (Option<u8>, Props) {
        let mut props = Props::default();
        let mut outline: Option<Option<u8>> = None;
        let mut next = id.or(self.default_paragraph.as_deref());
        let mut depth = 0;
        while let Some(sid) = next {
            if depth >= MAX_BASED_ON {
                break;
            }
            let Some(st) = self.map.get(sid) else { break };
            depth += 1;
            if outline.is_none() {
                outline = match (st.props.outline, st.name_level) {
                    (Some(l), _) => Some((l < 9).then_some(l)),
                    (None, Some(l)) => Some(Some(l)),
                    // An id without a name says what it is: "Heading1", or Chinese Word's "1".
                    (None, None) if !st.has_name => heading_id_level(sid).map(Some),
                    _ => None,
                };
            }
            props.num_id = props.num_id.or(st.props.num_id);
            props.ilvl = props.ilvl.or(st.props.ilvl);
            props.centered = props.centered.or(st.props.centered);
            next = st.based_on.as_deref();
        }
        if depth == 0 {
            // A style id with no definition: "Heading1", or "1" as Chinese Word writes it.
            return (id.and_then(heading_id_level), props);
        }
        (outline.flatten(), props)
    }
}

/// Heading levels from style ids alone: `Heading1`, or `1`…`9` (Chinese Word's ids).
fn heading_id_level(id: &str) -> Option<u8> {
    if let Some(l) = heading_name_level(id) {
        return Some(l);
    }
    let n: u8 = id.parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    pstyle: Option<String>,
    legal: bool,
}

/// The nine levels of an abstract numbering.
type Levels = [Option<Level>; 9];
/// Start overrides of a `w:num`, by level.
type Overrides = Vec<(u8, u32)>;

/// An abstract numbering: its levels and where its counters stand.
#[derive(Debug)]
struct Abstract {
    levels: Levels,
    /// Counters by level (`None`: not started).
    counters: [Option<u32>; 9],
}

/// A `w:num`: the abstract numbering it uses and its start overrides.
#[derive(Debug)]
struct Num {
    abstract_id: u32,
    overrides: Overrides,
    /// Whether a paragraph used it already (the overrides apply once).
    seen: bool,
}

/// The numbering part. The ids map to positions in the lists, so that both tables share one
/// hash table type (each type of table is its own copy of code in the wasm); a later
/// definition of an id wins, as Word reads it.
#[derive(Debug, Default)]
struct Numbering {
    abstract_ids: HashMap<u32, usize>,
    abstracts: Vec<Abstract>,
    num_ids: HashMap<u32, usize>,
    nums: Vec<Num>,
}

impl Numbering {
    fn parse(name: &str, src: &str) -> Result<Self, DocxError> {
        let mut r = Reader::new(src);
        let mut n = Numbering::default();
        let mut abs: Option<(u32, Levels)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut num: Option<(u32, u32, Overrides)> = None;
        let mut override_lvl: Option<u8> = None;
        while let Some(e) = r.next().map_err(|e| xml_error(name, e))? {
            match e {
                Event::Start(s) if is_w(&s) => {
                    let val = wattr(&s, "val");
                    match s.local {
                        "abstractNum" => {
                            abs = wnum(&s, "abstractNumId").map(|id| (id, Default::default()));
                        }
                        "lvl" if abs.is_some() => {
                            let i = wsmall(&s, "ilvl").map(usize::from);
                            lvl = i.filter(|&i| i < 9).map(|i| {
                                (
                                    i,
                                    Level {
                                        start: 1,
                                        fmt: "decimal".into(),
                                        ..Level::default()
                                    },
                                )
                            });
                        }
                        "start" | "numFmt" | "lvlText" | "pStyle" | "isLgl" if lvl.is_some() => {
                            if let Some((_, l)) = lvl.as_mut() {
                                match s.local {
                                    "start" => l.start = wnum(&s, "val").unwrap_or(1),
                                    "numFmt" => l.fmt = val.unwrap_or_default().into_owned(),
                                    "lvlText" => l.text = val.unwrap_or_default().into_owned(),
                                    "pStyle" => l.pstyle = val.map(Cow::into_owned),
                                    _ => l.legal = on(&s),
                                }
                            }
                        }
                        "num" => {
                            num = wnum(&s, "numId").map(|id| (id, u32::MAX, Vec::new()));
                        }
                        "abstractNumId" => {
                            if let Some(nm) = num.as_mut() {
                                nm.1 = wnum(&s, "val").unwrap_or(u32::MAX);
                            }
                        }
                        "lvlOverride" => {
                            override_lvl = wsmall(&s, "ilvl");
                        }
                        "startOverride" => {
                            if let (Some(nm), Some(l), Some(v)) =
                                (num.as_mut(), override_lvl, wnum(&s, "val"))
                            {
                                // One per level at most: a hostile list of overrides cannot
                                // make every numbered paragraph slow.
                                if l < 9 && !nm.2.iter().any(|(k, _)| *k == l) {
                                    nm.2.push((l, v));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::End { local: "lvl", .. } => {
                    if let (Some((_, levels)), Some((i, l))) = (abs.as_mut(), lvl.take()) {
                        if let Some(slot) = levels.get_mut(i) {
                            *slot = Some(l);
                        }
                    }
                }
                Event::End {
                    local: "abstractNum",
                    ..
                } => {
                    if let Some((id, levels)) = abs.take() {
                        n.abstract_ids.insert(id, n.abstracts.len());
                        n.abstracts.push(Abstract {
                            levels,
                            counters: [None; 9],
                        });
                    }
                }
                Event::End { local: "num", .. } => {
                    if let Some((id, abstract_id, overrides)) = num.take() {
                        n.num_ids.insert(id, n.nums.len());
                        n.nums.push(Num {
                            abstract_id,
                            overrides,
                            seen: false,
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// The level a heading style is linked to in the numbering of `num_id`.
    fn level_of_style(&self, num_id: u32, style: &str) -> Option<u8> {
        let num = self.nums.get(*self.num_ids.get(&num_id)?)?;
        let levels = &self
            .abstracts
            .get(*self.abstract_ids.get(&num.abstract_id)?)?
            .levels;
        levels
            .iter()
            .position(|l| {
                l.as_ref()
                    .is_some_and(|l| l.pstyle.as_deref() == Some(style))
            })
            .and_then(|i| u8::try_from(i).ok())
    }

    /// Advances the counter of `num_id` at `ilvl` and returns the number text Word shows.
    fn next(&mut self, num_id: u32, ilvl: u8) -> Option<String> {
        let num = self.nums.get_mut(*self.num_ids.get(&num_id)?)?;
        let abs = self
            .abstracts
            .get_mut(*self.abstract_ids.get(&num.abstract_id)?)?;
        let (levels, counters) = (&abs.levels, &mut abs.counters);
        let i = usize::from(ilvl).min(8);
        let level = levels.get(i)?.as_ref()?;
        let mut starts: [u32; 9] = [1; 9];
        for (k, l) in levels.iter().enumerate() {
            if let (Some(l), Some(s)) = (l, starts.get_mut(k)) {
                *s = l.start;
            }
        }
        if !num.seen {
            num.seen = true;
            for (l, v) in &num.overrides {
                let l = usize::from(*l);
                if let (Some(c), Some(s)) = (counters.get_mut(l), starts.get_mut(l)) {
                    *c = None;
                    *s = *v;
                }
            }
        }
        let value = counters
            .get(i)
            .copied()
            .flatten()
            .map_or(starts.get(i).copied().unwrap_or(1), |c| c.saturating_add(1));
        if let Some(c) = counters.get_mut(i) {
            *c = Some(value);
        }
        for c in counters.iter_mut().skip(i + 1) {
            *c = None;
        }
        if matches!(level.fmt.as_str(), "bullet" | "none") {
            return None;
        }
        // `%1`…`%9` stand for the levels' numbers; any other `%` is text.
        let mut pieces = level.text.split('%');
        let mut out = pieces.next().unwrap_or_default().to_string();
        for piece in pieces {
            let digit = piece.bytes().next().filter(u8::is_ascii_digit);
            if let Some(d) = digit {
                let k = usize::from(d - b'0').saturating_sub(1).min(8);
                let v = counters
                    .get(k)
                    .copied()
                    .flatten()
                    .unwrap_or(starts.get(k).copied().unwrap_or(1));
                let fmt = if level.legal && k < i {
                    "decimal"
                } else {
                    levels
                        .get(k)
                        .and_then(|l| l.as_ref())
                        .map_or("decimal", |l| l.fmt.as_str())
                };
                out.push_str(&format_number(v, fmt));
                out.push_str(piece.get(1..).unwrap_or_default());
            } else {
                out.push('%');
                out.push_str(piece);
            }
        }
        Some(out)
    }
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Chinese counting with 百 and 千 (`chineseCountingThousand`): 一百零一, 一千二百.
fn cn_thousand(n: u32, digits: &[char; 10], units: [char; 3], zero: char) -> String {
    if n >= 10_000 {
        return n.to_string();
    }
    let ds = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let unit = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut out = String::new();
    let mut pending_zero = false;
    for (k, &d) in ds.iter().enumerate() {
        if d == 0 {
            pending_zero |= !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        // 十一, not 一十一, when the tens lead.
        if !(k == 2 && d == 1 && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        if let Some(u) = unit[k] {
            out.push(u);
        }
    }
    if out.is_empty() {
        out.push(digits[0]);
    }
    out
}

/// A number in one of Word's number formats (`w:numFmt`).
pub fn format_number(n: u32, fmt: &str) -> String {
    let circled = |base: u32| {
        if (1..=20).contains(&n) {
            char::from_u32(base + n - 1).map_or_else(|| n.to_string(), String::from)
        } else {
            n.to_string()
        }
    };
    let cycle = |set: &[char]| {
        let len = set.len() as u32;
        set.get(((n.max(1) - 1) % len) as usize)
            .map_or_else(String::new, |c| c.to_string())
    };
    match fmt {
        "chineseCounting" | "japaneseCounting" | "taiwaneseCounting" | "koreanCounting" => {
            if n < 100 {
                cn_thousand(n, &CN_DIGITS, ['十', '百', '千'], '零')
            } else {
                // Past 99 these formats spell the digits: 一〇一.
                n.to_string()
                    .bytes()
                    .map(|b| CN_DIGITS[usize::from(b - b'0')])
                    .collect()
            }
        }
        "chineseCountingThousand" | "japaneseDigitalTenThousand" | "taiwaneseCountingThousand" => {
            cn_thousand(n, &CN_DIGITS, ['十', '百', '千'], '零')
        }
        "chineseLegalSimplified" => cn_thousand(
            n,
            &['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
            ['拾', '佰', '仟'],
            '零',
        ),
        "ideographTraditional" => {
            cycle(&['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'])
        }
        "ideographZodiac" => cycle(&[
            '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
        ]),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => circled(0x2460),
        "decimalEnclosedParen" => circled(0x2474),
        "decimalEnclosedFullstop" => circled(0x2488),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" | "lowerLetter" => {
            let i = (n.max(1) - 1) % 26;
            let base = if fmt == "lowerLetter" { b'a' } else { b'A' };
            let c = char::from(base + i as u8);
            let mut s = String::new();
            for _ in 0..=(n.max(1) - 1) / 26 {
                s.push(c);
            }
            s
        }
        "upperRoman" | "lowerRoman" => {
            let s = roman(n);
            if fmt == "lowerRoman" {
                s.to_ascii_lowercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in T {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// What nianbao's own custom properties (`nianbao-seal`, `nianbao-unit`) hold: whether
/// either is there at all (the file is nianbao's own), the seal and the unit.
type Properties = (bool, Option<bool>, Option<String>);

/// nianbao's own custom properties, where present.
fn read_properties(name: &str, src: &str) -> Result<Properties, DocxError> {
    let mut r = Reader::new(src);
    let mut prop: Option<&str> = None;
    let mut in_value = false;
    let mut value = String::new();
    let (mut own, mut seal, mut unit) = (false, None, None);
    while let Some(e) = r.next().map_err(|e| xml_error(name, e))? {
        match e {
            Event::Start(s) if s.is(CUSTOM, "property") => {
                let n = s.attr("", "name");
                prop = [SEAL_PROPERTY, UNIT_PROPERTY]
                    .into_iter()
                    .find(|p| n.as_deref() == Some(*p));
                own |= prop.is_some();
            }
            Event::Start(s) if prop.is_some() && matches!(s.local, "bool" | "lpwstr") => {
                in_value = true;
                value.clear();
            }
            Event::Text(t) if in_value => value.push_str(&t.decode()),
            Event::End { local, .. } if in_value && matches!(local, "bool" | "lpwstr") => {
                in_value = false;
                match prop {
                    Some(SEAL_PROPERTY) => {
                        seal = match value.trim() {
                            "true" | "1" => Some(true),
                            "false" | "0" => Some(false),
                            _ => None,
                        }
                    }
                    Some(UNIT_PROPERTY) if !value.trim().is_empty() => {
                        unit = Some(value.trim().to_string())
                    }
                    _ => {}
                }
            }
            Event::End {
                local: "property", ..
            } => prop = None,
            _ => {}
        }
    }
    Ok((own, seal, unit))
}

// ---------------------------------------------------------------------------------------
// The body

/// The paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    props: Props,
}

/// Elements whose whole content is left out: properties, deleted and field-code text,
/// ruby annotations, the fallback copy of alternate content.
fn skipped(local: &str) -> bool {
    const SKIPPED: [&str; 15] = [
        "rPr",
        "trPr",
        "tcPr",
        "tblPr",
        "tblPrEx",
        "tblGrid",
        "sectPr",
        "sdtPr",
        "sdtEndPr",
        "delText",
        "instrText",
        "delInstrText",
        "rt",
        "footnotePr",
        "endnotePr",
    ];
    SKIPPED.contains(&local) || local.ends_with("Change")
}

/// A drawing, picture or object being skipped, and whether it holds an image.
struct Object {
    depth: usize,
    kind: &'static str,
    image: bool,
}

/// The body's paragraphs. In nianbao's own file (`own`) the paragraphs in its 落款 style
/// are the 落款, whatever their text: a 落款 without a 成文日期 under it is still one.
fn read_body(
    name: &str,
    src: &str,
    styles: &Styles,
    numbering: &mut Numbering,
    own: bool,
) -> Result<DocxDocument, DocxError> {
    let mut r = Reader::new(src);
    let mut doc = DocxDocument::default();
    let mut signature: Vec<String> = Vec::new();
    let mut para: Option<Para> = None;
    let mut ppr_depth: Option<usize> = None;
    let mut skip_depth: Option<usize> = None;
    let mut object: Option<Object> = None;
    let mut in_t = false;
    // Fields open around this point: whether each is past its `separate` (showing its
    // result), and how many are not: text shows only when none is in its code. A count,
    // so that unclosed fields cannot make each element cost their number.
    let mut fields: Vec<bool> = Vec::new();
    let mut in_code = 0usize;
    let mut tables = 0usize;
    let mut finish =
        |p: Para, doc: &mut DocxDocument, numbering: &mut Numbering, in_table: bool| {
            let style = p.style.as_deref();
            if own && style == Some(SIGNATURE) {
                let text = p.text.trim();
                if !text.is_empty() {
                    signature.push(text.to_string());
                }
                return;
            }
            let (style_outline, sp) = styles.resolve(style);
            let outline = match p.props.outline {
                Some(l) => (l < 9).then_some(l),
                None => style_outline,
            };
            let num_id = p.props.num_id.or(sp.num_id).filter(|&n| n != 0);
            let number = num_id.and_then(|n| {
                let ilvl = p
                    .props
                    .ilvl
                    .or(sp.ilvl)
                    .or_else(|| style.and_then(|s| numbering.level_of_style(n, s)))
                    .unwrap_or(0);
                numbering.next(n, ilvl)
            });
            doc.paragraphs.push(Paragraph {
                text: p.text,
                outline_level: outline,
                number,
                centered: p.props.centered.or(sp.centered).unwrap_or(false),
                in_table,
            });
        };
    loop {
        let depth_before = r.depth();
        let Some(e) = r.next().map_err(|e| xml_error(name, e))? else {
            break;
        };
        match e {
            Event::Start(s) => {
                let depth = depth_before + 1;
                if skip_depth.is_some() {
                    continue;
                }
                if let Some(o) = object.as_mut() {
                    if s.local == "blip" || s.local == "imagedata" {
                        o.image = true;
                    }
                    continue;
                }
                if s.ns == MC && s.local == "Fallback" {
                    skip_depth = Some(depth);
                    continue;
                }
                if !is_w(&s) {
                    continue;
                }
                if ppr_depth.is_some() {
                    if skipped(s.local) {
                        skip_depth = Some(depth);
                    } else if let Some(p) = para.as_mut() {
                        if s.local == "pStyle" {
                            p.style = wattr(&s, "val").map(Cow::into_owned);
                        } else {
                            p.props.read(&s);
                        }
                    }
                    continue;
                }
                let text_shown = in_code == 0;
                match s.local {
                    _ if skipped(s.local) => skip_depth = Some(depth),
                    "p" => {
                        if let Some(p) = para.take() {
                            finish(p, &mut doc, numbering, tables > 0);
                        }
                        para = Some(Para::default());
                    }
                    "pPr" if para.is_some() => ppr_depth = Some(depth),
                    "tbl" => tables += 1,
                    "del" | "moveFrom" => {
                        doc.ignored.deletions += 1;
                        skip_depth = Some(depth);
                    }
                    "drawing" | "pict" | "object" => {
                        object = Some(Object {
                            depth,
                            kind: if s.local == "object" {
                                "object"
                            } else {
                                "drawing"
                            },
                            image: false,
                        })
                    }
                    "commentReference" => doc.ignored.comments += 1,
                    "footnoteReference" | "endnoteReference" => doc.ignored.notes += 1,
                    "fldChar" => match wattr(&s, "fldCharType").as_deref() {
                        Some("begin") => {
                            fields.push(false);
                            in_code += 1;
                        }
                        Some("separate") => {
                            if let Some(f) = fields.last_mut().filter(|f| !**f) {
                                *f = true;
                                in_code -= 1;
                            }
                        }
                        Some("end") => in_code -= usize::from(fields.pop() == Some(false)),
                        _ => {}
                    },
                    "t" if text_shown => in_t = para.is_some(),
                    "tab" | "ptab" if text_shown => {
                        if let Some(p) = para.as_mut() {
                            p.text.push('\t');
                        }
                    }
                    "br" | "cr" if text_shown => {
                        if let Some(p) = para.as_mut() {
                            p.text.push('\n');
                        }
                    }
                    "noBreakHyphen" if text_shown => {
                        if let Some(p) = para.as_mut() {
                            p.text.push('-');
                        }
                    }
                    _ => {}
                }
            }
            Event::End { ns, local } => {
                let depth = depth_before;
                if let Some(d) = skip_depth {
                    if depth == d {
                        skip_depth = None;
                    }
                    continue;
                }
                if let Some(o) = object.as_ref() {
                    if depth == o.depth {
                        match (o.kind, o.image) {
                            ("object", _) => doc.ignored.objects += 1,
                            (_, true) => doc.ignored.images += 1,
                            _ => doc.ignored.shapes += 1,
                        }
                        object = None;
                    }
                    continue;
                }
                if ppr_depth == Some(depth) {
                    ppr_depth = None;
                    continue;
                }
                if ns != W && ns != W_STRICT {
                    continue;
                }
                match local {
                    "t" => in_t = false,
                    "p" => {
                        if let Some(p) = para.take() {
                            finish(p, &mut doc, numbering, tables > 0);
                        }
                        in_t = false;
                    }
                    "tbl" => tables = tables.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(t) => {
                if in_t && skip_depth.is_none() && object.is_none() {
                    if let Some(p) = para.as_mut() {
                        p.text.push_str(&t.decode());
                    }
                }
            }
        }
    }
    doc.signature = own.then(|| Signature::from_lines(signature));
    Ok(doc)
}

// ---------------------------------------------------------------------------------------
// To the import

/// Whether `text` already starts with an outline number (一、 （一） 1. （1） and look-alikes).
fn has_marker(text: &str) -> bool {
    let is_cn = |c: char| "〇一二三四五六七八九十百零".contains(c);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if is_cn(c) => {
            let rest = chars.find(|&c| !is_cn(c));
            matches!(rest, Some('、' | '．' | '.'))
        }
        Some('（' | '(') => {
            let mut n = 0;
            for c in chars {
                if is_cn(c) || c.is_ascii_digit() {
                    n += 1;
                } else {
                    return n > 0 && (c == '）' || c == ')');
                }
            }
            false
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = chars.find(|c| !c.is_ascii_digit());
            matches!(rest, Some('.' | '．' | '、'))
        }
        _ => false,
    }
}

/// The document as plain text lines for the import: one line a paragraph (a line break
/// inside a paragraph starts a new line), Word's automatic numbers written out, and for a
/// heading that has an outline level but no number in its text, the number synthesised
/// (一、 （一） 1. （1）, by the rank of its level among the levels used), so that the
/// import recognises the outline. Centred headings are titles and get no number.
pub fn to_import_text(doc: &DocxDocument) -> String {
    let heading = |p: &Paragraph| !p.centered && !p.text.trim().is_empty() && p.number.is_none();
    // Which levels are used, by level: a table rather than a sorted list (no sort in the wasm).
    let mut used = [false; 256];
    for l in doc
        .paragraphs
        .iter()
        .filter(|p| heading(p))
        .filter_map(|p| p.outline_level)
    {
        used[usize::from(l)] = true;
    }
    let rank_of = |l: u8| used[..usize::from(l)].iter().filter(|&&u| u).count();
    let mut counters = [0usize; 4];
    let mut out = String::new();
    for p in &doc.paragraphs {
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        let mut line = String::new();
        if let Some(n) = &p.number {
            line.push_str(n);
        } else if let Some(rank) = p
            .outline_level
            .filter(|_| heading(p))
            .map(rank_of)
            .filter(|&r| r < counters.len())
        {
            if let Some(c) = counters.get_mut(rank) {
                *c += 1;
            }
            for c in counters.iter_mut().skip(rank + 1) {
                *c = 0;
            }
            if !has_marker(text) {
                let n = counters.get(rank).copied().unwrap_or(1);
                line.push_str(&crate::numbering::marker(rank + 1, n));
            }
        }
        line.push_str(text);
        for piece in line.split('\n') {
            let piece = piece.trim_end();
            if !piece.trim().is_empty() {
                out.push_str(piece);
                out.push('\n');
            }
        }
    }
    out
}

/// A .docx through the same import as pasted text, with the seal setting it carries.
pub fn import_document(
    doc: &DocxDocument,
    template: &Template,
    options: &ImportOptions,
) -> Imported {
    let mut imported = import(&to_import_text(doc), template, options);
    carry_properties(
        doc.seal,
        doc.unit.as_deref(),
        doc.signature.as_ref(),
        &mut imported.draft,
    );
    imported
}

/// Gives an imported draft what nianbao's own export carries beside the text: the seal,
/// the unit's full name (the text names the unit only through the title, which is often
/// shortened), and the 落款 and 成文日期 its 落款 style marked (a 落款 that is the unit is
/// no 落款 of its own, as in the editor).
pub fn carry_properties(
    seal: Option<bool>,
    unit: Option<&str>,
    signature: Option<&Signature>,
    draft: &mut crate::model::Draft,
) {
    if let Some(seal) = seal {
        draft.seal = seal;
    }
    if let Some(unit) = unit {
        draft.unit = unit.to_string();
    }
    if let Some(s) = signature {
        let signer = s.signer.trim();
        draft.signer = (!signer.is_empty() && signer != draft.unit.trim()).then(|| signer.into());
        draft.date = s.date;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn number_formats() {
        let f = |n, fmt| format_number(n, fmt);
        assert_eq!(f(1, "chineseCounting"), "一");
        assert_eq!(f(10, "chineseCounting"), "十");
        assert_eq!(f(11, "chineseCounting"), "十一");
        assert_eq!(f(20, "chineseCounting"), "二十");
        assert_eq!(f(23, "chineseCountingThousand"), "二十三");
        assert_eq!(f(101, "chineseCountingThousand"), "一百零一");
        assert_eq!(f(110, "chineseCountingThousand"), "一百一十");
        assert_eq!(f(1200, "chineseCountingThousand"), "一千二百");
        assert_eq!(f(101, "chineseCounting"), "一〇一");
        assert_eq!(f(3, "ideographTraditional"), "丙");
        assert_eq!(f(12, "decimal"), "12");
        assert_eq!(f(3, "decimalEnclosedCircle"), "③");
        assert_eq!(f(2, "decimalFullWidth"), "２");
        assert_eq!(f(4, "lowerRoman"), "iv");
        assert_eq!(f(28, "upperLetter"), "BB");
        assert_eq!(f(12, "chineseLegalSimplified"), "拾贰");
    }

    #[test]
    fn markers_and_headings() {
        for t in ["一、推进", "（一）加强", "(2)x", "1.强化", "12、x"] {
            assert!(has_marker(t), "{t}");
        }
        for t in ["推进", "一是", "2023年", "（注）"] {
            assert!(!has_marker(t), "{t}");
        }
        assert_eq!(heading_name_level("heading 1"), Some(0));
        assert_eq!(heading_name_level("标题 3"), Some(2));
        assert_eq!(heading_name_level("Heading4"), Some(3));
        assert_eq!(heading_name_level("Title"), None);
        assert_eq!(heading_id_level("2"), Some(1));
        assert_eq!(heading_id_level("a1"), None);
        assert_eq!(
            resolve_target("word", "../customXml/a.xml"),
            "customXml/a.xml"
        );
        assert_eq!(
            resolve_target("word", "/word/styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
    }
}
