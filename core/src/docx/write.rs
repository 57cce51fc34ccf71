//! The .docx export: the report's blocks as a WordprocessingML package in the GB/T 9704 page.
//!
//! The same [`blocks`] feed the print layout, the HTML export and this writer, and the match
//! below has no catch-all arm: a new kind of block does not compile until the Word file says
//! how to print it. What the layout engine decides and Word cannot (the title's balanced
//! lines, the place of 落款 and 成文日期) is taken from [`crate::layout`]; the body's line and
//! page breaks are left to the word processor, so that the file stays editable, with the
//! same rules set as properties (28 characters, 22 lines, keep-with-next, widow control).
//!
//! The grid, in twips (1/20 pt): the measure is 156 mm = 8845, the text height 12860. Lines are an
//! exact 579 (22 × 579 + 90 before the title = 12828, 23 lines do not fit). A 16 pt character is 320 wide; with
//! −5 twips of run spacing it advances 315, and 28 × 315 = 8820 fit while 29 do not. There is
//! no `w:docGrid` character grid because LibreOffice miscounts `charSpace`.

use super::wml::{write_sect_pr, Fonts, Ind, PPr, Page, RPr, Spacing};
use super::xml::{allowed, Xml};
use super::zip_write::ZipWriter;
use crate::export::{blocks, Block};
use crate::layout::{halves, signature_leads, title_lines, with_stop, BODY_HALVES};
use crate::model::Draft;
use crate::template::Template;

/// The name of the custom document property that records the seal setting (`vt:bool`); the
/// .docx reader takes it back so that a round trip keeps 加盖印章.
pub const SEAL_PROPERTY: &str = "nianbao-seal";
/// The custom document property that carries the unit (单位名称) for the importer.
pub const UNIT_PROPERTY: &str = "nianbao-unit";

/// The MIME type of a .docx download.
pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT_WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

/// Exact line height: 225 mm / 22 lines.
const LINE: u32 = 579;
/// Run spacing that makes 28 characters of 16 pt fit the 156 mm measure.
const CONDENSE: i32 = -5;
/// Two characters of 16 pt: the first-line indent.
const INDENT: (u32, u32) = (640, 200);
/// A half cell of the print grid in twips: the 156 mm measure (8845 twips) over 56.
fn half_cells(n: u32) -> u32 {
    (n * 8845 + 28) / 56
}

const LATIN: &str = "Times New Roman";
const FANG: &str = "仿宋_GB2312";
const XIAOBIAOSONG: &str = "方正小标宋简体";
const HEI: &str = "黑体";
const KAI: &str = "楷体_GB2312";
const SONG: &str = "宋体";

/// A4 with the GB/T 9704 type area measured where the ink is: left 28 mm and right 26 mm as
/// set; the first line's characters 37 mm from the top edge. An exact-height line sets its
/// glyphs low (LibreOffice 7.4 measured: a 三号 line's ink starts 3.3 mm under the line's top,
/// a 二号 title's 1.6 mm), so the top margin is 34 mm and the title gets 90 twips (1.6 mm)
/// before it. The bottom margin (36.2 mm) leaves room for 22 lines under the title and not
/// for 23 on the other pages; the footer 25 mm from the bottom edge puts the page number
/// about 7 mm under the last line.
const PAGE: Page = Page {
    size: (11906, 16838),
    margins: (TOP, 1474, 2050, 1587),
    header_footer: (851, 1417),
    line_pitch: LINE,
};
/// The top margin: 34 mm.
const TOP: u32 = 1928;
/// Space before the title, so that its ink starts where the body's would.
const TITLE_BEFORE: u32 = 90;

/// Style ids. Ids are ASCII (Word matches them byte for byte); the names are what the
/// clerk sees. `Normal` and `Title` are Word's built-in styles, shown as 正文 and 标题 by a
/// Chinese Word or WPS; the heading styles are the report's own, with outline levels.
const NORMAL: &str = "Normal";
const TITLE: &str = "Title";
const LEVELS: [&str; 4] = ["Level1", "Level2", "Level3", "Level4"];
const RUN_IN: &str = "RunIn";
/// The 落款 style: the reader of nianbao's own files takes it as the mark of the 落款.
pub const SIGNATURE: &str = "Signature";
const FOOTER: &str = "Footer";

/// A piece of a paragraph.
enum Piece {
    /// Text in the paragraph's style, or in the bold run-in heading style.
    Text { run_in: bool, text: String },
    /// A line break (the title's wrapped lines).
    Break,
}

struct Para {
    ppr: PPr<'static>,
    pieces: Vec<Piece>,
}

impl Para {
    fn styled(style: &'static str, text: String) -> Self {
        Para {
            ppr: PPr {
                style: Some(style),
                ..PPr::NONE
            },
            pieces: vec![Piece::Text {
                run_in: false,
                text,
            }],
        }
    }
}

/// White space as the print shows it: each run of it one space, none at the ends; characters
/// XML cannot carry are dropped first, so that they leave no double space behind.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars().filter(|&c| allowed(c)) {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

fn width(s: &str) -> u32 {
    s.chars().map(halves).sum::<u32>().min(BODY_HALVES)
}

/// The report's paragraphs, in reading order.
fn paragraphs(draft: &Draft, template: &Template) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut list = blocks(draft, template).into_iter().peekable();
    while let Some(block) = list.next() {
        match block {
            Block::Title(t) => {
                // Broken where the print breaks it: balanced lines, each centred.
                let mut pieces = Vec::new();
                for (i, line) in title_lines(&t).iter().enumerate() {
                    if i > 0 {
                        pieces.push(Piece::Break);
                    }
                    pieces.push(Piece::Text {
                        run_in: false,
                        text: line.text(),
                    });
                }
                out.push(Para {
                    ppr: PPr {
                        style: Some(TITLE),
                        ..PPr::NONE
                    },
                    pieces,
                });
                // The blank line under the title.
                out.push(Para::styled(NORMAL, String::new()));
            }
            Block::Heading {
                level,
                number,
                text,
            } => {
                let style = LEVELS[level.clamp(1, LEVELS.len()) - 1];
                if level >= 3 {
                    // Points are run-in headings, in bold, with their first paragraph.
                    let mut p = Para {
                        ppr: PPr {
                            style: Some(style),
                            ..PPr::NONE
                        },
                        pieces: vec![Piece::Text {
                            run_in: true,
                            text: collapse(&format!("{number}{}", with_stop(text))),
                        }],
                    };
                    match list.peek() {
                        Some(Block::Paragraph(body)) => {
                            p.pieces.push(Piece::Text {
                                run_in: false,
                                text: collapse(body),
                            });
                            list.next();
                        }
                        _ => p.ppr.keep_next = true,
                    }
                    out.push(p);
                } else {
                    out.push(Para::styled(style, collapse(&format!("{number}{text}"))));
                }
            }
            Block::Paragraph(p) => out.push(Para::styled(NORMAL, collapse(p))),
            Block::Signature { signer, date } => {
                // The body's last paragraph stays on the page of the signature.
                if let Some(last) = out.last_mut() {
                    last.ppr.keep_next = true;
                }
                let (signer, date) = (collapse(signer), collapse(&date));
                let (sl, dl) = signature_leads(width(&signer), width(&date), draft.seal);
                let mut blank = Para::styled(SIGNATURE, String::new());
                blank.ppr.keep_next = true;
                out.push(blank);
                let has_date = !date.is_empty();
                for (text, lead, keep) in [(signer, sl, has_date), (date, dl, false)] {
                    if text.is_empty() {
                        continue;
                    }
                    let mut p = Para::styled(SIGNATURE, text);
                    p.ppr.keep_next = keep;
                    p.ppr.ind = Some(Ind {
                        left: Some(half_cells(lead)),
                        right: None,
                        first_line: Some((0, 0)),
                    });
                    out.push(p);
                }
            }
        }
    }
    out
}

fn run(x: &mut Xml, rpr: &RPr, text: &str) {
    x.open("w:r", &[]);
    rpr.write(x);
    if text.starts_with(' ') || text.ends_with(' ') || text.contains("  ") {
        x.leaf("w:t", &[("xml:space", "preserve")], text);
    } else {
        x.leaf("w:t", &[], text);
    }
    x.close("w:r");
}

fn write_para(x: &mut Xml, p: &Para) {
    x.open("w:p", &[]);
    p.ppr.write(x);
    for piece in &p.pieces {
        match piece {
            Piece::Text { text, .. } if text.is_empty() => {}
            Piece::Text { run_in, text } => {
                let rpr = RPr {
                    style: run_in.then_some(RUN_IN),
                    ..RPr::NONE
                };
                run(x, &rpr, text);
            }
            Piece::Break => {
                x.open("w:r", &[]);
                x.empty("w:br", &[]);
                x.close("w:r");
            }
        }
    }
    x.close("w:p");
    x.newline();
}

/// `word/document.xml`.
fn document(draft: &Draft, template: &Template) -> String {
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    x.open("w:body", &[]);
    x.newline();
    for p in paragraphs(draft, template) {
        write_para(&mut x, &p);
    }
    write_sect_pr(
        &mut x,
        &[("default", "rIdFooterOdd"), ("even", "rIdFooterEven")],
        &PAGE,
    );
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

/// One style: `w:name`, `w:basedOn`, `w:next`, `w:qFormat`, then pPr and rPr (§17.7.4.17).
fn style(
    x: &mut Xml,
    kind: &str,
    id: &str,
    name: &str,
    based_on: Option<&str>,
    ppr: &PPr,
    rpr: &RPr,
) {
    let mut attrs = vec![("w:type", kind), ("w:styleId", id)];
    if id == NORMAL {
        attrs.insert(1, ("w:default", "1"));
    }
    x.open("w:style", &attrs);
    x.empty("w:name", &[("w:val", name)]);
    if let Some(b) = based_on {
        x.empty("w:basedOn", &[("w:val", b)]);
    }
    if kind == "paragraph" && id != FOOTER {
        x.empty("w:next", &[("w:val", NORMAL)]);
    }
    if id != FOOTER {
        x.empty("w:qFormat", &[]);
    }
    ppr.write(x);
    rpr.write(x);
    x.close("w:style");
    x.newline();
}

const fn fonts(east_asia: &'static str) -> Option<Fonts<'static>> {
    Some(Fonts {
        latin: LATIN,
        east_asia,
    })
}

/// `word/styles.xml`: document defaults and the report's styles.
fn styles() -> String {
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", W_NS)]);
    x.newline();
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    RPr {
        fonts: fonts(FANG),
        kern: Some(0),
        size: Some(32),
        // Without zh-CN LibreOffice sets “” half-width and lines come out 29 wide.
        lang: Some(("en-US", "zh-CN")),
        ..RPr::NONE
    }
    .write(&mut x);
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    PPr {
        spacing: Some(Spacing {
            before_after: Some(0),
            before: None,
            exact: None,
        }),
        ..PPr::NONE
    }
    .write(&mut x);
    x.close("w:pPrDefault");
    x.close("w:docDefaults");
    x.newline();
    let no_indent = Some(Ind {
        left: None,
        right: None,
        first_line: Some((0, 0)),
    });
    // 正文: the grid's line and measure, two characters of indent, justified.
    style(
        &mut x,
        "paragraph",
        NORMAL,
        "Normal",
        None,
        &PPr {
            widow_control: Some(true),
            kinsoku: Some(true),
            // On: Word's default, to the standard; LibreOffice 7.4 reads it inverted and
            // then keeps ，。 inside the measure, which is the print's look.
            overflow_punct: Some(true),
            // The grid counts a digit as half a cell, with no extra space around it.
            auto_space: Some(false),
            spacing: Some(Spacing {
                before_after: Some(0),
                before: None,
                exact: Some(LINE),
            }),
            ind: Some(Ind {
                left: None,
                right: None,
                first_line: Some(INDENT),
            }),
            jc: Some("both"),
            ..PPr::NONE
        },
        &RPr {
            fonts: fonts(FANG),
            spacing: Some(CONDENSE),
            size: Some(32),
            ..RPr::NONE
        },
    );
    // 标题: 小标宋 二号, centred, its lines broken where the print breaks them.
    style(
        &mut x,
        "paragraph",
        TITLE,
        "Title",
        Some(NORMAL),
        &PPr {
            keep_next: true,
            keep_lines: true,
            spacing: Some(Spacing {
                before_after: Some(0),
                before: Some(TITLE_BEFORE),
                exact: Some(LINE),
            }),
            ind: no_indent,
            jc: Some("center"),
            ..PPr::NONE
        },
        &RPr {
            fonts: fonts(XIAOBIAOSONG),
            spacing: Some(0),
            size: Some(44),
            ..RPr::NONE
        },
    );
    let headings: [(&str, Option<&'static str>, bool); 4] = [
        ("一级标题", Some(HEI), true),
        ("二级标题", Some(KAI), true),
        ("三级标题", None, false),
        ("四级标题", None, false),
    ];
    for (i, (name, face, keep)) in headings.into_iter().enumerate() {
        style(
            &mut x,
            "paragraph",
            LEVELS[i],
            name,
            Some(NORMAL),
            &PPr {
                keep_next: keep,
                outline: u8::try_from(i).ok(),
                ..PPr::NONE
            },
            &RPr {
                fonts: face.and_then(fonts),
                ..RPr::NONE
            },
        );
    }
    // The number and heading of a point (1. （1）), run in before its first paragraph.
    style(
        &mut x,
        "character",
        RUN_IN,
        "小标题",
        None,
        &PPr::NONE,
        &RPr {
            bold: true,
            ..RPr::NONE
        },
    );
    style(
        &mut x,
        "paragraph",
        SIGNATURE,
        "落款",
        Some(NORMAL),
        &PPr {
            keep_lines: true,
            ind: no_indent,
            jc: Some("left"),
            ..PPr::NONE
        },
        &RPr::NONE,
    );
    // Word's built-in footer style (页脚): 宋体 四号 at single spacing, for the page number.
    style(
        &mut x,
        "paragraph",
        FOOTER,
        "footer",
        Some(NORMAL),
        &PPr {
            spacing: Some(Spacing {
                before_after: Some(0),
                before: None,
                exact: None,
            }),
            ind: no_indent,
            ..PPr::NONE
        },
        &RPr {
            fonts: Some(Fonts {
                latin: SONG,
                east_asia: SONG,
            }),
            spacing: Some(0),
            size: Some(28),
            ..RPr::NONE
        },
    );
    x.close("w:styles");
    x.finish()
}

/// A footer with "— N —": odd pages (`default`) right-aligned one character in from the
/// right edge of the type area, even pages left-aligned one character in from the left.
fn footer(odd: bool) -> String {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    x.open("w:p", &[]);
    // One 14 pt character: 280 twips.
    let one = (280, 100);
    PPr {
        style: Some(FOOTER),
        ind: Some(Ind {
            left: (!odd).then_some(one.0),
            right: odd.then_some(one),
            first_line: Some((0, 0)),
        }),
        jc: Some(if odd { "right" } else { "left" }),
        ..PPr::NONE
    }
    .write(&mut x);
    let plain = RPr::NONE;
    run(&mut x, &plain, "— ");
    let field = |x: &mut Xml, kind: &str| {
        x.open("w:r", &[]);
        x.empty("w:fldChar", &[("w:fldCharType", kind)]);
        x.close("w:r");
    };
    field(&mut x, "begin");
    x.open("w:r", &[]);
    x.leaf("w:instrText", &[("xml:space", "preserve")], " PAGE ");
    x.close("w:r");
    field(&mut x, "separate");
    run(&mut x, &plain, if odd { "1" } else { "2" });
    field(&mut x, "end");
    run(&mut x, &plain, " —");
    x.close("w:p");
    x.close("w:ftr");
    x.finish()
}

/// `word/settings.xml`: different odd and even footers, punctuation not compressed (the grid
/// gives every mark a full cell), Word 2013+ layout rules, Chinese as the East-Asian language.
fn settings() -> String {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W_NS)]);
    x.empty("w:zoom", &[("w:percent", "100")]);
    x.empty("w:defaultTabStop", &[("w:val", "420")]);
    x.empty("w:evenAndOddHeaders", &[]);
    x.empty("w:characterSpacingControl", &[("w:val", "doNotCompress")]);
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close("w:compat");
    x.empty(
        "w:themeFontLang",
        &[("w:val", "en-US"), ("w:eastAsia", "zh-CN")],
    );
    x.close("w:settings");
    x.finish()
}

/// `word/fontTable.xml`: each face with the name a newer Windows has it under.
fn font_table() -> String {
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", W_NS)]);
    x.newline();
    let faces: [(&str, Option<&str>, &str, &str, &str); 6] = [
        (LATIN, None, "00", "roman", "variable"),
        (FANG, Some("仿宋"), "86", "modern", "fixed"),
        (XIAOBIAOSONG, Some("华文中宋"), "86", "script", "fixed"),
        (HEI, Some("SimHei"), "86", "modern", "fixed"),
        (KAI, Some("楷体"), "86", "modern", "fixed"),
        (SONG, Some("SimSun"), "86", "auto", "variable"),
    ];
    for (name, alt, charset, family, pitch) in faces {
        x.open("w:font", &[("w:name", name)]);
        if let Some(a) = alt {
            x.empty("w:altName", &[("w:val", a)]);
        }
        x.empty("w:charset", &[("w:val", charset)]);
        x.empty("w:family", &[("w:val", family)]);
        x.empty("w:pitch", &[("w:val", pitch)]);
        x.close("w:font");
        x.newline();
    }
    x.close("w:fonts");
    x.finish()
}

/// `word/theme/theme1.xml`: the smallest complete theme. Word needs none to open a file, but
/// validators built on the Open XML SDK require the part; its fonts are the report's.
const THEME: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"nianbao\">",
    "<a:themeElements><a:clrScheme name=\"Office\">",
    "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>",
    "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>",
    "<a:dk2><a:srgbClr val=\"1F497D\"/></a:dk2><a:lt2><a:srgbClr val=\"EEECE1\"/></a:lt2>",
    "<a:accent1><a:srgbClr val=\"4F81BD\"/></a:accent1><a:accent2><a:srgbClr val=\"C0504D\"/></a:accent2>",
    "<a:accent3><a:srgbClr val=\"9BBB59\"/></a:accent3><a:accent4><a:srgbClr val=\"8064A2\"/></a:accent4>",
    "<a:accent5><a:srgbClr val=\"4BACC6\"/></a:accent5><a:accent6><a:srgbClr val=\"F79646\"/></a:accent6>",
    "<a:hlink><a:srgbClr val=\"0000FF\"/></a:hlink><a:folHlink><a:srgbClr val=\"800080\"/></a:folHlink>",
    "</a:clrScheme><a:fontScheme name=\"nianbao\">",
    "<a:majorFont><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"黑体\"/><a:cs typeface=\"\"/></a:majorFont>",
    "<a:minorFont><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"仿宋_GB2312\"/><a:cs typeface=\"\"/></a:minorFont>",
    "</a:fontScheme><a:fmtScheme name=\"Office\"><a:fillStyleLst>",
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>",
    "</a:fillStyleLst><a:lnStyleLst>",
    "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"25400\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"38100\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>",
    "</a:lnStyleLst><a:effectStyleLst>",
    "<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>",
    "</a:effectStyleLst><a:bgFillStyleLst>",
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>",
    "</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>\n",
);

fn relationships(rels: &[(&str, &str, &str)]) -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    for (id, kind, target) in rels {
        // The core properties' type is the package's own, not an officeDocument one.
        let kind = if kind.starts_with("http") {
            kind.to_string()
        } else {
            format!("{REL}{kind}")
        };
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", &kind), ("Target", target)],
        );
    }
    x.close("Relationships");
    x.finish()
}

fn content_types() -> String {
    let mut x = Xml::new();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    let overrides = [
        ("/word/document.xml", format!("{CT_WML}document.main+xml")),
        ("/word/styles.xml", format!("{CT_WML}styles+xml")),
        ("/word/settings.xml", format!("{CT_WML}settings+xml")),
        ("/word/fontTable.xml", format!("{CT_WML}fontTable+xml")),
        (
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
        ("/word/footer1.xml", format!("{CT_WML}footer+xml")),
        ("/word/footer2.xml", format!("{CT_WML}footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
        (
            "/docProps/custom.xml",
            "application/vnd.openxmlformats-officedocument.custom-properties+xml".into(),
        ),
    ];
    for (part, ct) in &overrides {
        x.empty("Override", &[("PartName", part), ("ContentType", ct)]);
    }
    x.close("Types");
    x.finish()
}

/// `docProps/core.xml`: the title and the unit as author. No dates: the core has no clock,
/// and the file is a pure function of the report.
fn core_props(draft: &Draft, template: &Template) -> String {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ],
    );
    x.leaf("dc:title", &[], &collapse(&draft.effective_title(template)));
    x.leaf("dc:creator", &[], &collapse(&draft.unit));
    x.leaf("dc:language", &[], "zh-CN");
    x.close("cp:coreProperties");
    x.finish()
}

fn app_props() -> String {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    x.leaf("Application", &[], "nianbao");
    x.close("Properties");
    x.finish()
}

/// `docProps/custom.xml`: the seal setting, which the page itself does not record.
fn custom_props(draft: &Draft) -> String {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    // The format id every custom property of Office documents carries; pids start at 2.
    x.open(
        "property",
        &[
            ("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"),
            ("pid", "2"),
            ("name", SEAL_PROPERTY),
        ],
    );
    x.leaf("vt:bool", &[], if draft.seal { "true" } else { "false" });
    x.close("property");
    // The unit's full name: the text shows it only through the title, often shortened.
    x.open(
        "property",
        &[
            ("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"),
            ("pid", "3"),
            ("name", UNIT_PROPERTY),
        ],
    );
    x.leaf("vt:lpwstr", &[], &draft.unit);
    x.close("property");
    x.close("Properties");
    x.finish()
}

/// Every part of the package with its name, `[Content_Types].xml` first.
pub fn parts(draft: &Draft, template: &Template) -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", content_types()),
        (
            "_rels/.rels",
            relationships(&[
                ("rIdDocument", "officeDocument", "word/document.xml"),
                (
                    "rIdCore",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml",
                ),
                ("rIdApp", "extended-properties", "docProps/app.xml"),
                ("rIdCustom", "custom-properties", "docProps/custom.xml"),
            ]),
        ),
        ("word/document.xml", document(draft, template)),
        (
            "word/_rels/document.xml.rels",
            relationships(&[
                ("rIdStyles", "styles", "styles.xml"),
                ("rIdSettings", "settings", "settings.xml"),
                ("rIdFonts", "fontTable", "fontTable.xml"),
                ("rIdTheme", "theme", "theme/theme1.xml"),
                ("rIdFooterOdd", "footer", "footer1.xml"),
                ("rIdFooterEven", "footer", "footer2.xml"),
            ]),
        ),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/theme/theme1.xml", THEME.to_string()),
        ("word/footer1.xml", footer(true)),
        ("word/footer2.xml", footer(false)),
        ("docProps/core.xml", core_props(draft, template)),
        ("docProps/app.xml", app_props()),
        ("docProps/custom.xml", custom_props(draft)),
    ]
}

/// The report as a .docx file.
pub fn docx(draft: &Draft, template: &Template) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    for (name, xml) in parts(draft, template) {
        zip.add(name, xml.as_bytes());
    }
    zip.finish()
}
