//! Import of .docx files: the fixtures (LibreOffice's conversion of the sample, Word's
//! automatic numbering) give the sample's outline; heading styles and numbering formats;
//! what is left out and counted; every bad file refused with its typed error; 10,000
//! generated structures without a panic; linear time on growing and pathological input.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

mod common;
use common::Rng;
use nianbao_core::docx::crc32::crc32;
use nianbao_core::docx::read::{
    import_document, read_docx, to_import_text, DocxDocument, DocxError, InflateError,
};
use nianbao_core::import::{import, ImportOptions, Imported};
use nianbao_core::model::Section;
use nianbao_core::template::Template;
use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("../../tests/fixtures/yueyang-keji-2023.txt");
const LIBREOFFICE: &[u8] = include_bytes!("../../tests/fixtures/docx/libreoffice-sample.docx");
const NUMBERED: &[u8] = include_bytes!("../../tests/fixtures/docx/numbered-headings.docx");

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// ---------------------------------------------------------------------------------------
// Helpers: an inflater (the browser uses DecompressionStream), a small zip writer.

fn inflate(raw: &[u8], limit: u64) -> Result<Vec<u8>, InflateError> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
    decompress_to_vec_with_limit(raw, limit as usize).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => InflateError::TooLarge,
        _ => InflateError::Corrupt,
    })
}

fn read(bytes: &[u8]) -> Result<DocxDocument, DocxError> {
    read_docx(bytes, "test.docx", &mut inflate)
}

fn options() -> ImportOptions {
    ImportOptions {
        skip: Vec::new(),
        fallback_year: 2023,
    }
}

/// How one test entry is written.
#[derive(Clone)]
struct Opts {
    deflate: bool,
    /// Declared expanded size instead of the real one.
    size: Option<u32>,
    crc: Option<u32>,
    flags: u16,
    descriptor: bool,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            deflate: true,
            size: None,
            crc: None,
            flags: 0,
            descriptor: false,
        }
    }
}

fn zip(files: &[(&str, Vec<u8>, Opts)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for (name, data, o) in files {
        let offset = out.len() as u32;
        let body = if o.deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.clone()
        };
        let crc = o.crc.unwrap_or_else(|| crc32(data));
        let size = o.size.unwrap_or(data.len() as u32);
        let method: u16 = if o.deflate { 8 } else { 0 };
        let flags = o.flags | if o.descriptor { 8 } else { 0 };
        let header = |sig: u32, central: bool, out: &mut Vec<u8>| {
            out.extend_from_slice(&sig.to_le_bytes());
            if central {
                out.extend_from_slice(&20u16.to_le_bytes());
            }
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&flags.to_le_bytes());
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0x21, 0]);
            let local_zero = o.descriptor && !central;
            out.extend_from_slice(&(if local_zero { 0 } else { crc }).to_le_bytes());
            out.extend_from_slice(&(if local_zero { 0 } else { body.len() as u32 }).to_le_bytes());
            out.extend_from_slice(&(if local_zero { 0 } else { size }).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            if central {
                out.extend_from_slice(&[0; 10]);
                out.extend_from_slice(&offset.to_le_bytes());
            }
            out.extend_from_slice(name.as_bytes());
        };
        header(0x0403_4b50, false, &mut out);
        out.extend_from_slice(&body);
        if o.descriptor {
            out.extend_from_slice(&0x0807_4b50u32.to_le_bytes());
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
        }
        header(0x0201_4b50, true, &mut cd);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&cd);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#;
const DOC_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// The body wrapped as `word/document.xml`.
fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:x"><w:body>{body}</w:body></w:document>"#
    )
}

fn styles_xml(styles: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:styles xmlns:w="{W_NS}">{styles}</w:styles>"#)
}

fn numbering_xml(inner: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:numbering xmlns:w="{W_NS}">{inner}</w:numbering>"#)
}

/// A package of the given parts (document.xml as given, not wrapped).
fn package(document: &str, styles: &str, numbering: &str, custom: Option<&str>) -> Vec<u8> {
    package_with(document, styles, numbering, custom, true)
}

fn package_with(
    document: &str,
    styles: &str,
    numbering: &str,
    custom: Option<&str>,
    deflate: bool,
) -> Vec<u8> {
    let o = Opts {
        deflate,
        ..Opts::default()
    };
    let mut files = vec![
        (
            "[Content_Types].xml",
            CONTENT_TYPES.as_bytes().to_vec(),
            o.clone(),
        ),
        ("_rels/.rels", RELS.as_bytes().to_vec(), o.clone()),
        ("word/document.xml", document.as_bytes().to_vec(), o.clone()),
        (
            "word/_rels/document.xml.rels",
            DOC_RELS.as_bytes().to_vec(),
            o.clone(),
        ),
        ("word/styles.xml", styles.as_bytes().to_vec(), o.clone()),
        (
            "word/numbering.xml",
            numbering.as_bytes().to_vec(),
            o.clone(),
        ),
    ];
    if let Some(c) = custom {
        files.push(("docProps/custom.xml", c.as_bytes().to_vec(), o.clone()));
    }
    zip(&files)
}

fn docx(body: &str, styles: &str, numbering: &str) -> Vec<u8> {
    package(
        &document_xml(body),
        &styles_xml(styles),
        &numbering_xml(numbering),
        None,
    )
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn p_with(ppr: &str, text: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// Headings of a draft, each with its number of children, depth first.
fn outline(r: &Imported) -> Vec<String> {
    fn walk(list: &[Section], depth: usize, out: &mut Vec<String>) {
        for s in list {
            out.push(format!("{}{}", "  ".repeat(depth), s.heading));
            walk(&s.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&r.draft.parts, 0, &mut out);
    out
}

fn texts(doc: &DocxDocument) -> Vec<&str> {
    doc.paragraphs.iter().map(|p| p.text.as_str()).collect()
}

// ---------------------------------------------------------------------------------------
// Fixtures: the sample's outline through the import

fn sample_import() -> Imported {
    import(SAMPLE, &Template::builtin(), &options())
}

#[test]
fn libreoffice_conversion_of_the_sample_gives_its_outline() {
    let doc = read(LIBREOFFICE).unwrap();
    let got = import_document(&doc, &Template::builtin(), &options());
    let want = sample_import();
    assert_eq!(outline(&got), outline(&want));
    assert_eq!(got.draft.parts.len(), 4);
    assert_eq!(got.draft.unit, want.draft.unit);
    assert_eq!(got.draft.year, 2023);
    assert_eq!(got.detected_title, want.detected_title);
    assert_eq!(got.draft.intro, want.draft.intro);
    assert_eq!(doc.ignored.summary(), None);
}

#[test]
fn word_automatic_numbering_gives_the_sample_outline() {
    let doc = read(NUMBERED).unwrap();
    // The numbers are not in the text of the file: Word generates them.
    let first = doc
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("推进法治政府建设"))
        .unwrap();
    assert_eq!(first.number.as_deref(), Some("一、"));
    let text = to_import_text(&doc);
    for line in [
        "一、推进法治政府建设的主要举措和成效",
        "（三）开展法治宣传",
        "4.扎实学习宣传",
        "四、2024 年推进法治建设主要安排",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let got = import_document(&doc, &Template::builtin(), &options());
    let want = sample_import();
    assert_eq!(outline(&got), outline(&want));
    assert_eq!(got.draft.unit, "岳阳县科学技术局");
    assert_eq!(got.detected_title, want.detected_title);
    // Left out and counted: the picture, the comment, the tracked deletion.
    assert_eq!(
        (
            doc.ignored.images,
            doc.ignored.comments,
            doc.ignored.deletions
        ),
        (1, 1, 1)
    );
    assert_eq!(
        doc.ignored.summary().as_deref(),
        Some("图片 1 张、批注 1 条、修订删除 1 处")
    );
    for absent in ["删去的旧文字", "DOCPROPERTY", "批注内容不导入"] {
        assert!(!text.contains(absent), "{absent}");
    }
    // The inserted run comes in, and the table's cells as paragraphs.
    assert!(text.contains("2023 年，县科技局在县委县政府的坚强领导下"));
    assert!(text.contains("附表：序号\n事项\n"));
}

#[test]
fn every_prefix_of_a_fixture_is_refused_without_panic() {
    for cut in (0..NUMBERED.len()).step_by(7) {
        assert!(read(&NUMBERED[..cut]).is_err(), "cut at {cut}");
    }
    for cut in (0..LIBREOFFICE.len()).step_by(11) {
        assert!(read(&LIBREOFFICE[..cut]).is_err(), "cut at {cut}");
    }
}

// ---------------------------------------------------------------------------------------
// Bad files

fn minimal_parts(document: &[u8], doc_opts: Opts) -> Vec<(&'static str, Vec<u8>, Opts)> {
    vec![
        (
            "[Content_Types].xml",
            CONTENT_TYPES.as_bytes().to_vec(),
            Opts::default(),
        ),
        ("_rels/.rels", RELS.as_bytes().to_vec(), Opts::default()),
        ("word/document.xml", document.to_vec(), doc_opts),
    ]
}

#[test]
fn bad_files_get_their_typed_error() {
    let good = document_xml(&p("正文"));
    assert_eq!(
        texts(&read(&zip(&minimal_parts(good.as_bytes(), Opts::default()))).unwrap()),
        ["正文"]
    );
    // Stored entries and data descriptors read as well.
    let stored = Opts {
        deflate: false,
        descriptor: true,
        ..Opts::default()
    };
    assert_eq!(
        texts(&read(&zip(&minimal_parts(good.as_bytes(), stored))).unwrap()),
        ["正文"]
    );

    // Old formats: .doc, .wps, encrypted OOXML (an OLE file with an EncryptedPackage stream).
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 1000));
    assert_eq!(read(&ole).unwrap_err(), DocxError::OldWord);
    assert_eq!(
        read_docx(&ole, "去年.WPS", &mut inflate).unwrap_err(),
        DocxError::Wps
    );
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read(&encrypted).unwrap_err(), DocxError::Encrypted);
    // An encrypted zip entry (flag bit 0).
    let flagged = Opts {
        flags: 1,
        ..Opts::default()
    };
    assert_eq!(
        read(&zip(&minimal_parts(good.as_bytes(), flagged))).unwrap_err(),
        DocxError::Encrypted
    );

    // Not a zip: plain text renamed, random bytes, nothing.
    assert_eq!(
        read("这是一段文字，不是 docx。".as_bytes()).unwrap_err(),
        DocxError::NotDocx
    );
    assert_eq!(read(b"").unwrap_err(), DocxError::NotDocx);
    let mut rng = Rng(7);
    let noise: Vec<u8> = (0..5000).map(|_| rng.next() as u8).collect();
    assert_eq!(read(&noise).unwrap_err(), DocxError::NotDocx);
    // A zip of another kind.
    let xlsx = zip(&[("xl/workbook.xml", b"<workbook/>".to_vec(), Opts::default())]);
    assert!(matches!(read(&xlsx).unwrap_err(), DocxError::OtherKind(k) if k.contains("Excel")));

    // Damaged: truncated, wrong CRC, broken deflate data.
    let whole = zip(&minimal_parts(good.as_bytes(), Opts::default()));
    assert!(matches!(
        read(&whole[..whole.len() - 30]).unwrap_err(),
        DocxError::Damaged(_)
    ));
    let bad_crc = Opts {
        crc: Some(12345),
        ..Opts::default()
    };
    assert_eq!(
        read(&zip(&minimal_parts(good.as_bytes(), bad_crc))).unwrap_err(),
        DocxError::Damaged("校验和不符".into())
    );
    let mut broken = whole.clone();
    let at = find(&broken, b"word/document.xml").unwrap() + 17 + 3;
    for b in &mut broken[at..at + 8] {
        *b = 0xFF;
    }
    assert!(matches!(read(&broken).unwrap_err(), DocxError::Damaged(_)));

    // Bombs: a declared size over 50 MB; a ratio over 100; an actual expansion past the
    // declared size (the inflater stops at the limit).
    let declared = Opts {
        size: Some(60 * 1024 * 1024),
        ..Opts::default()
    };
    assert_eq!(
        read(&zip(&minimal_parts(good.as_bytes(), declared))).unwrap_err(),
        DocxError::Bomb
    );
    let zeros = document_xml(&format!("<w:p>{}</w:p>", " ".repeat(2 * 1024 * 1024)));
    assert_eq!(
        read(&zip(&minimal_parts(zeros.as_bytes(), Opts::default()))).unwrap_err(),
        DocxError::Bomb
    );
    let liar = Opts {
        size: Some(1000),
        ..Opts::default()
    };
    let big = document_xml(&p(&"法".repeat(300_000)));
    assert_eq!(
        read(&zip(&minimal_parts(big.as_bytes(), liar))).unwrap_err(),
        DocxError::Bomb
    );

    // XML: a DTD, billion laughs, an external entity, 201 levels, garbage.
    let dtd = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ELEMENT a ANY>]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#;
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">{}]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#,
        (1..10)
            .map(|i| format!(
                r#"<!ENTITY lol{i} "{}">"#,
                format!(
                    "&lol{};",
                    if i == 1 {
                        String::new()
                    } else {
                        (i - 1).to_string()
                    }
                )
                .repeat(10)
            ))
            .collect::<String>()
    );
    let external = format!(
        r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document xmlns:w="{W_NS}">&xxe;</w:document>"#
    );
    let undeclared = document_xml(&p("&lol9;"));
    for xml in [dtd.to_string(), laughs, external] {
        assert_eq!(
            read(&zip(&minimal_parts(xml.as_bytes(), Opts::default()))).unwrap_err(),
            DocxError::Dtd
        );
    }
    assert!(matches!(
        read(&zip(&minimal_parts(undeclared.as_bytes(), Opts::default()))).unwrap_err(),
        DocxError::Damaged(_)
    ));
    let deep = |n: usize| {
        document_xml(&format!(
            "{}{}",
            "<w:sdt><w:sdtContent>".repeat(n / 2),
            "</w:sdtContent></w:sdt>".repeat(n / 2)
        ))
    };
    // document and body make two levels: 198 + 2 = 200 is accepted, 202 is not.
    assert!(read(&zip(&minimal_parts(deep(198).as_bytes(), Opts::default()))).is_ok());
    assert_eq!(
        read(&zip(&minimal_parts(deep(200).as_bytes(), Opts::default()))).unwrap_err(),
        DocxError::TooDeep
    );
    let nested201 = format!(
        "<w:document xmlns:w=\"{W_NS}\">{}{}</w:document>",
        "<w:x>".repeat(200),
        "</w:x>".repeat(200)
    );
    assert_eq!(
        read(&zip(&minimal_parts(nested201.as_bytes(), Opts::default()))).unwrap_err(),
        DocxError::TooDeep
    );
    for garbage in ["<w:document", "<a></b>", "\u{0}", "<?xml?>"] {
        assert!(matches!(
            read(&zip(&minimal_parts(garbage.as_bytes(), Opts::default()))).unwrap_err(),
            DocxError::Damaged(_)
        ));
    }
    // A zip without a main part.
    let empty = zip(&[("readme.txt", b"x".to_vec(), Opts::default())]);
    assert_eq!(read(&empty).unwrap_err(), DocxError::NotDocx);
    // Every message is Chinese and says what to do where it can.
    assert!(DocxError::OldWord
        .to_string()
        .contains("请在 Word 或 WPS 中另存为 .docx 后再导入"));
    assert!(DocxError::NotDocx.to_string().contains("另存为 .docx"));
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------
// Heading styles and numbering

const HEADING_STYLES: &str = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="a7"><w:name w:val="标题 3"/></w:style>
<w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="我的四级"/><w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MineBased"><w:name w:val="我的二级"/><w:basedOn w:val="2"/></w:style>
<w:style w:type="paragraph" w:styleId="Body9"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="loop"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="loop"/><w:basedOn w:val="Loop1"/></w:style>
<w:style w:type="paragraph" w:styleId="TitleC"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="character" w:styleId="10"><w:name w:val="标题 1 字符"/></w:style>
"#;

#[test]
fn heading_styles_give_outline_levels() {
    let ps = |id: &str, t: &str| p_with(&format!("<w:pStyle w:val=\"{id}\"/>"), t);
    let body = [
        ps("TitleC", "某局2023年法治政府建设年度报告"),
        ps("Heading1", "第一部分"),
        ps("2", "第二级"),
        ps("a7", "第三级"),
        ps("Mine", "第四级"),
        ps("MineBased", "基于二级"),
        ps("Body9", "正文九级"),
        ps("Loop1", "循环样式"),
        ps("Heading3", "未定义的样式 id"),
        p_with("<w:outlineLvl w:val=\"1\"/>", "段落自带大纲级别"),
        p("普通正文。"),
    ]
    .concat();
    let doc = read(&docx(&body, HEADING_STYLES, "")).unwrap();
    let levels: Vec<Option<u8>> = doc.paragraphs.iter().map(|p| p.outline_level).collect();
    assert_eq!(
        levels,
        [
            Some(0),
            Some(0),
            Some(1),
            Some(2),
            Some(3),
            Some(1),
            None,
            None,
            Some(2),
            Some(1),
            None
        ]
    );
    assert!(doc.paragraphs[0].centered);
    let text = to_import_text(&doc);
    assert_eq!(
        text,
        "某局2023年法治政府建设年度报告\n一、第一部分\n（一）第二级\n1.第三级\n（1）第四级\n（二）基于二级\n正文九级\n循环样式\n1.未定义的样式 id\n（三）段落自带大纲级别\n普通正文。\n"
    );
}

#[test]
fn heading_levels_are_ranked_and_existing_numbers_kept() {
    // A document whose top headings are Heading 2 (Heading 1 being unused), one of them
    // with its number typed.
    let styles = r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>"#;
    let h = |id: &str, t: &str| p_with(&format!("<w:pStyle w:val=\"{id}\"/>"), t);
    let body = [
        h("Heading2", "一、已有编号"),
        h("Heading3", "小节"),
        h("Heading3", "小节二"),
        h("Heading2", "第二部分"),
        h("Heading3", "又一小节"),
    ]
    .concat();
    let text = to_import_text(&read(&docx(&body, styles, "")).unwrap());
    assert_eq!(
        text,
        "一、已有编号\n（一）小节\n（二）小节二\n二、第二部分\n（一）又一小节\n"
    );
}

fn abstract_num(id: u32, levels: &[(&str, &str, u32)]) -> String {
    let lvls: String = levels
        .iter()
        .enumerate()
        .map(|(i, (fmt, text, start))| {
            format!(r#"<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#)
        })
        .collect();
    format!(r#"<w:abstractNum w:abstractNumId="{id}">{lvls}</w:abstractNum>"#)
}

fn num(id: u32, abs: u32, overrides: &str) -> String {
    format!(r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{abs}"/>{overrides}</w:num>"#)
}

fn numbered(num_id: u32, ilvl: u8, text: &str) -> String {
    p_with(
        &format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>"#),
        text,
    )
}

#[test]
fn automatic_numbering_is_computed_as_word_shows_it() {
    let numbering = [
        abstract_num(
            0,
            &[
                ("chineseCounting", "%1、", 1),
                ("chineseCountingThousand", "（%2）", 1),
                ("decimal", "%3.", 1),
                ("decimal", "（%4）", 1),
                ("decimal", "%1.%2.%3.%4.%5", 1),
            ],
        ),
        abstract_num(1, &[("ideographTraditional", "%1、", 1)]),
        abstract_num(2, &[("bullet", "●", 1)]),
        abstract_num(3, &[("decimal", "%1.", 1), ("lowerLetter", "%1.%2)", 1)]),
        num(1, 0, ""),
        num(2, 1, ""),
        num(3, 2, ""),
        num(
            4,
            0,
            r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride>"#,
        ),
        num(
            5,
            3,
            r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>"#,
        ),
        num(6, 3, ""),
    ]
    .concat();
    let mut body = vec![numbered(1, 0, "甲")];
    for i in 0..11 {
        body.push(numbered(1, 1, &format!("节{i}")));
    }
    body.extend([
        numbered(1, 2, "点"),
        numbered(1, 3, "小点"),
        numbered(1, 3, "小点"),
        numbered(1, 2, "点"),
        numbered(1, 3, "小点重来"),
        numbered(1, 0, "乙"),
        numbered(1, 1, "节重来"),
        numbered(2, 0, "天干"),
        numbered(2, 0, "天干"),
        numbered(3, 0, "圆点"),
        numbered(1, 9, "越界的级别"),
        numbered(99, 0, "不存在的编号"),
        p_with(
            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>"#,
            "编号零",
        ),
        numbered(4, 0, "重设起始"),
        numbered(5, 0, "五"),
        numbered(6, 0, "同一列表继续"),
        numbered(5, 1, "字母"),
    ]);
    let doc = read(&docx(&body.concat(), "", &numbering)).unwrap();
    let numbers: Vec<String> = doc
        .paragraphs
        .iter()
        .map(|p| p.number.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        numbers,
        [
            "一、",
            "（一）",
            "（二）",
            "（三）",
            "（四）",
            "（五）",
            "（六）",
            "（七）",
            "（八）",
            "（九）",
            "（十）",
            "（十一）",
            "1.",
            "（1）",
            "（2）",
            "2.",
            "（1）",
            "二、",
            "（一）",
            "甲、",
            "乙、",
            "",
            "",
            "",
            "",
            "九、",
            "5.",
            "6.",
            "6.a)"
        ]
        .map(String::from)
    );
    // Word's numbers are written out in the text for the import, bullets are not.
    let text = to_import_text(&doc);
    assert!(text.starts_with("一、甲\n（一）节0\n"));
    assert!(text.contains("\n圆点\n"));
}

#[test]
fn numbering_from_a_heading_style_and_its_linked_level() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>"#;
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="1"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="2"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let h = |id: &str, t: &str| p_with(&format!("<w:pStyle w:val=\"{id}\"/>"), t);
    let body = [
        h("1", "部分"),
        h("2", "节"),
        h("2", "节"),
        h("1", "部分"),
        h("2", "节"),
    ]
    .concat();
    let text = to_import_text(&read(&docx(&body, styles, numbering)).unwrap());
    assert_eq!(text, "一、部分\n（一）节\n（二）节\n二、部分\n（一）节\n");
}

// ---------------------------------------------------------------------------------------
// Text: what comes in, what stays out

#[test]
fn runs_tabs_breaks_and_containers_come_in_deleted_and_codes_stay_out() {
    let body = concat!(
        r#"<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>"#,
        r#"<w:p><w:hyperlink r:id="x" xmlns:r="urn:r"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:smartTag w:element="x"><w:r><w:t>标记</w:t></w:r></w:smartTag></w:p>"#,
        r#"<w:sdt><w:sdtPr><w:alias w:val="内容控件"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent><w:p><w:r><w:t>控件内</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        r#"<w:p><w:ins w:id="1"><w:r><w:t>插入</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>删除</w:delText></w:r></w:del><w:moveFrom w:id="3"><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>"#,
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" DATE "><w:r><w:t>2024年</w:t></w:r></w:fldSimple></w:p>"#,
        r#"<w:p><w:r><w:t>图</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><a:graphic><a:blip/></a:graphic></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:imagedata/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        r#"<w:p><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r><w:r><w:t>注</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:commentReference w:id="0"/></w:r><w:r><w:object><v:shape><v:imagedata/></v:shape></w:object></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:rPr><w:del w:id="9"/></w:rPr><w:pPrChange><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:rPr><w:rPrChange><w:rPr/></w:rPrChange></w:rPr><w:t>属性不算文字</w:t></w:r></w:p>"#,
        r#"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:trPr><w:del w:id="5"/></w:trPr><w:tc><w:tcPr/><w:p><w:r><w:t>单元格</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"#,
        r#"<w:p><w:r><w:t>&lt;&amp;&gt;&quot;&apos;&#x6CD5;&#27835;</w:t></w:r><w:r><w:t><![CDATA[<原样>]]></w:t></w:r><w:r><w:ruby><w:rt><w:r><w:t>fǎ</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>法</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>"#,
        r#"<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>"#,
    );
    let doc = read(&docx(body, "", "")).unwrap();
    let t = texts(&doc);
    assert_eq!(
        t[..10],
        [
            "甲\t乙\n丙",
            "链接标记",
            "控件内",
            "插入移来",
            "32024年",
            "图",
            "注",
            "属性不算文字",
            "单元格",
            "嵌套"
        ]
    );
    assert_eq!(t[10], "<&>\"'法治<原样>法");
    assert!(doc.paragraphs[8].in_table && !doc.paragraphs[7].in_table);
    assert_eq!(
        doc.paragraphs[7].outline_level, None,
        "the old pStyle in pPrChange is not the style"
    );
    let i = doc.ignored;
    assert_eq!(
        (
            i.images,
            i.shapes,
            i.objects,
            i.comments,
            i.deletions,
            i.notes
        ),
        (1, 1, 1, 1, 2, 1)
    );
    assert_eq!(
        i.summary().unwrap(),
        "图片 1 张、文本框或图形 1 个、嵌入对象 1 个、批注 1 条、修订删除 2 处、脚注或尾注 1 条"
    );
    assert_eq!(
        to_import_text(&doc).lines().take(3).collect::<Vec<_>>(),
        ["甲\t乙", "丙", "链接标记"]
    );
}

#[test]
fn seal_setting_and_strict_namespace_and_prefixes() {
    let custom = |v: &str| {
        format!(
            r#"<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="other"><vt:bool>false</vt:bool></property><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="3" name="nianbao-seal"><vt:bool>{v}</vt:bool></property></Properties>"#
        )
    };
    let doc_xml = document_xml(&p("某局2023年法治政府建设年度报告"));
    for (v, want) in [("true", Some(true)), ("0", Some(false)), ("maybe", None)] {
        let bytes = package(
            &doc_xml,
            &styles_xml(""),
            &numbering_xml(""),
            Some(&custom(v)),
        );
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.seal, want);
        let imported = import_document(&doc, &Template::builtin(), &options());
        assert_eq!(imported.draft.seal, want == Some(true));
    }
    // Another prefix for the main namespace, and the strict namespace.
    let other = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>前缀不同</x:t></x:r></x:p></x:body></x:document>"#;
    let strict = r#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>严格模式</w:t></w:r></w:p></w:body></w:document>"#;
    for (xml, want) in [(other, "前缀不同"), (strict, "严格模式")] {
        let doc = read(&zip(&minimal_parts(xml.as_bytes(), Opts::default()))).unwrap();
        assert_eq!(texts(&doc), [want]);
    }
    // No _rels/.rels at all: the usual main part name is tried.
    let bare = zip(&[(
        "word/document.xml",
        doc_xml.as_bytes().to_vec(),
        Opts::default(),
    )]);
    assert_eq!(read(&bare).unwrap().paragraphs.len(), 1);
}

// ---------------------------------------------------------------------------------------
// Generated structures and time

const ELEMENTS: &[&str] = &[
    "w:p",
    "w:r",
    "w:t",
    "w:pPr",
    "w:rPr",
    "w:hyperlink",
    "w:ins",
    "w:del",
    "w:smartTag",
    "w:sdt",
    "w:sdtContent",
    "w:tbl",
    "w:tr",
    "w:tc",
    "w:drawing",
    "w:pict",
    "mc:AlternateContent",
    "mc:Fallback",
    "mc:Choice",
    "w:fldSimple",
    "w:txbxContent",
    "w:moveFrom",
    "w:rt",
    "w:pPrChange",
    "w:numPr",
    "x:unknown",
];
const EMPTY: &[&str] = &[
    "w:tab",
    "w:br",
    "w:cr",
    "w:pStyle w:val=\"Heading1\"",
    "w:outlineLvl w:val=\"1\"",
    "w:numId w:val=\"1\"",
    "w:ilvl w:val=\"3\"",
    "w:ilvl w:val=\"200\"",
    "w:fldChar w:fldCharType=\"begin\"",
    "w:fldChar w:fldCharType=\"separate\"",
    "w:fldChar w:fldCharType=\"end\"",
    "w:commentReference",
    "a:blip",
    "w:jc w:val=\"center\"",
    "w:numId w:val=\"-1\"",
    "w:outlineLvl w:val=\"x\"",
];
const TEXTS: &[&str] = &[
    "法治",
    "&amp;",
    "&#x4E00;",
    "一、",
    "（一）",
    " ",
    "&lt;",
    "<![CDATA[&]]>",
    "1.",
    "\t",
];

/// A random well-formed body (mostly; `broken` adds a defect now and then).
fn random_body(rng: &mut Rng, size: usize) -> String {
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    for _ in 0..size {
        match rng.below(10) {
            0..=3 if open.len() < 60 => {
                let e = rng.pick(ELEMENTS);
                out.push('<');
                out.push_str(e);
                out.push('>');
                open.push(e);
            }
            4 | 5 => {
                if let Some(e) = open.pop() {
                    out.push_str("</");
                    out.push_str(e);
                    out.push('>');
                }
            }
            6 | 7 => {
                out.push('<');
                out.push_str(rng.pick(EMPTY));
                out.push_str("/>");
            }
            _ => out.push_str(rng.pick(TEXTS)),
        }
    }
    while let Some(e) = open.pop() {
        out.push_str("</");
        out.push_str(e);
        out.push('>');
    }
    out
}

#[test]
fn ten_thousand_random_structures_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let numbering = [
        abstract_num(
            0,
            &[
                ("chineseCounting", "%1、", 1),
                ("decimal", "%1.%2%3%4%5%6%7%8%9%0%", 0),
                ("upperRoman", "%2", 4_000_000_000),
            ],
        ),
        num(
            1,
            0,
            r#"<w:lvlOverride w:ilvl="7"><w:startOverride w:val="4294967295"/></w:lvlOverride>"#,
        ),
    ]
    .concat();
    let mut ok = 0;
    for i in 0..10_000 {
        let size = 1 + rng.below(120);
        let mut body = random_body(&mut rng, size);
        if i % 5 == 0 && !body.is_empty() {
            // A defect: a byte dropped, doubled or changed.
            let at = rng.below(body.len());
            if body.is_char_boundary(at) {
                match rng.below(3) {
                    0 => {
                        body.remove(at);
                    }
                    1 => body.insert(at, '<'),
                    _ => body.insert(at, '&'),
                }
            }
        }
        // Stored entries: inflating is tested elsewhere, and a debug-build deflate of
        // 10,000 packages would dominate the run.
        let bytes = package_with(
            &document_xml(&body),
            &styles_xml(HEADING_STYLES),
            &numbering_xml(&numbering),
            None,
            false,
        );
        if let Ok(doc) = read(&bytes) {
            ok += 1;
            let _ = to_import_text(&doc);
        }
        if i % 50 == 0 {
            // The zip itself mangled: a few bytes flipped anywhere.
            let mut z = bytes.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(z.len());
                z[at] = rng.next() as u8;
            }
            let _ = read(&z);
        }
    }
    assert!(ok > 5_000, "most generated documents are well-formed: {ok}");
}

/// Best of three timings of `f`.
fn time(f: impl Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Doubling the input at most triples the time (a generous bound: linear with noise, where
/// quadratic would quadruple), checked from a size where timing is meaningful.
fn assert_linear(name: &str, make: impl Fn(usize) -> Vec<u8>, n: usize) {
    let small = make(n);
    let large = make(2 * n);
    let ts = time(|| {
        let _ = read(&small);
    });
    let tl = time(|| {
        let _ = read(&large);
    });
    assert!(
        tl <= ts * 3 + Duration::from_millis(20),
        "{name}: {} bytes in {ts:?}, {} bytes in {tl:?}",
        small.len(),
        large.len()
    );
}

#[test]
fn reading_takes_linear_time() {
    let styles = HEADING_STYLES;
    let numbering = [
        abstract_num(
            0,
            &[
                ("chineseCounting", "%1、", 1),
                ("chineseCounting", "（%2）", 1),
            ],
        ),
        num(1, 0, ""),
    ]
    .concat();
    // An ordinary long report.
    assert_linear(
        "report",
        |n| {
            let mut body = String::new();
            for i in 0..n {
                body.push_str(&numbered(1, (i % 2) as u8, "标题"));
                body.push_str(&p("正文正文正文，&amp;正文正文正文。"));
            }
            docx(&body, styles, &numbering)
        },
        4_000,
    );
    // Pathological shapes: deep nesting repeated, many attributes, many namespace
    // declarations in scope, many entities, long unclosed-looking text, many empty fields.
    let wrap = |inner: String| {
        package(
            &document_xml(&inner),
            &styles_xml(styles),
            &numbering_xml(&numbering),
            None,
        )
    };
    assert_linear(
        "deep",
        |n| {
            wrap(
                "<w:sdt><w:sdtContent>".repeat(95)
                    + &p("x").repeat(n)
                    + &"</w:sdtContent></w:sdt>".repeat(95),
            )
        },
        20_000,
    );
    assert_linear(
        "nesting repeated",
        |n| wrap(format!("{}{}", "<w:ins>".repeat(150), "</w:ins>".repeat(150)).repeat(n)),
        200,
    );
    assert_linear(
        "attributes",
        |n| {
            wrap(
                format!(
                    "<w:p {}/>",
                    (0..500)
                        .map(|i| format!("a{i}=\"&amp;\" "))
                        .collect::<String>()
                )
                .repeat(n),
            )
        },
        100,
    );
    assert_linear(
        "namespaces",
        |n| {
            let decls: String = (0..200)
                .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
                .collect();
            let doc = format!(
                "<w:document xmlns:w=\"{W_NS}\"{decls}><w:body>{}</w:body></w:document>",
                "<p0:x p199:a=\"1\"/><w:p/>".repeat(n)
            );
            package(&doc, &styles_xml(""), &numbering_xml(""), None)
        },
        20_000,
    );
    assert_linear(
        "entities",
        |n| wrap(p(&"&#x6CD5;&amp;&lt;".repeat(n))),
        50_000,
    );
    assert_linear(
        "fields",
        |n| wrap(r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>"#.repeat(n)),
        20_000,
    );
    assert_linear(
        "based-on chains",
        |n| {
            let chain: String = (0..40).map(|i| format!(r#"<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{}"/></w:style>"#, i + 1)).collect();
            package(
                &document_xml(&p_with("<w:pStyle w:val=\"s0\"/>", "x").repeat(n)),
                &styles_xml(&chain),
                &numbering_xml(""),
                None,
            )
        },
        5_000,
    );
}

#[test]
fn a_large_document_reads_quickly() {
    // About 4 MB of document.xml: far more text than any report.
    // Varied text: a real report compresses some 10-fold, a repeated sentence 200-fold,
    // which the ratio rule would refuse as a bomb.
    let mut rng = Rng(42);
    let han: Vec<char> = "县科技局建立健全法治政府建设工作机制成立以党组书记为组长的领导小组围绕平台打造创新主体培育人才引进".chars().collect();
    let mut body = String::new();
    for _ in 0..20_000 {
        let text: String = (0..36).map(|_| han[rng.below(han.len())]).collect();
        body.push_str(&p(&text));
    }
    let bytes = docx(&body, HEADING_STYLES, "");
    let t = Instant::now();
    let doc = read(&bytes).unwrap();
    let text = to_import_text(&doc);
    let elapsed = t.elapsed();
    assert_eq!(doc.paragraphs.len(), 20_000);
    assert!(text.len() > 2_000_000);
    // A debug build on a shared machine: generous, but it fails if anything is quadratic.
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}
