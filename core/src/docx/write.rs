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

use super::wml::{write_sect_pr, Ind, PPr, Page, RPr};
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

/// Exact line height: 225 mm / 22 lines.
const LINE: u32 = 579;
/// A half cell of the print grid in twips: the 156 mm measure (8845 twips) over 56.
fn half_cells(n: u32) -> u32 {
    (n * 8845 + 28) / 56
}

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

/// Style ids. Ids are ASCII (Word matches them byte for byte); the names are what the
/// clerk sees. `Normal` and `Title` are Word's built-in styles, shown as 正文 and 标题 by a
/// Chinese Word or WPS; the heading styles are the report's own, with outline levels.
const NORMAL: &str = "Normal";
const TITLE: &str = "Title";
const LEVELS: [&str; 4] = ["Level1", "Level2", "Level3", "Level4"];
const RUN_IN: &str = "RunIn";
/// The 落款 style: the reader of nianbao's own files takes it as the mark of the 落款.
pub const SIGNATURE: &str = "Signature";

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

/// The parts that do not depend on the report, as files beside this module: they are data
/// in the wasm instead of code that writes them. `core/tests/docx_export.rs` holds them to the
/// schema's child order and the golden files, like the generated parts.
///
/// - `styles.xml`: document defaults (仿宋_GB2312 三号, kerning off, `w:lang` zh-CN: without
///   it LibreOffice sets “” half-width and lines come out 29 wide) and the report's styles.
///   正文 (`Normal`): the grid's exact line and the condensed measure, two characters of
///   indent, justified, widow control, kinsoku, `w:overflowPunct` on (Word's default, to the
///   standard; LibreOffice 7.4 reads it inverted and then keeps ，。 inside the measure, which
///   is the print's look) and `w:autoSpaceDE`/`DN` off (the grid counts a digit as half a
///   cell, with no extra space around it). 标题 (`Title`): 小标宋 二号, centred, kept together,
///   90 twips before it; its lines are broken in the document where the print breaks them.
///   一级标题 … 四级标题 (`Level1` … `Level4`): outline levels 0–3, 黑体 and 楷体_GB2312 for
///   the first two, kept with the next paragraph. 小标题 (`RunIn`): the bold number and heading
///   of a point (1. （1）), run in before its first paragraph. 落款 (`Signature`): no indent,
///   kept together. 页脚 (`Footer`): Word's built-in footer style, 宋体 四号 at single spacing.
/// - `footer1.xml`, `footer2.xml`: "— N —" with a PAGE field, odd pages (`default`)
///   right-aligned one 14 pt character (280 twips) in from the right edge of the type area,
///   even pages left-aligned one character in from the left.
/// - `settings.xml`: different odd and even footers, punctuation not compressed (the grid
///   gives every mark a full cell), Word 2013+ layout rules, Chinese as the East-Asian language.
/// - `fontTable.xml`: each face with the name a newer Windows has it under.
/// - `theme1.xml`: the smallest complete theme. Word needs none to open a file, but
///   validators built on the Open XML SDK require the part; its fonts are the report's.
/// - `content_types.xml`, `package.rels`, `document.xml.rels`, `app.xml`: the package.
const STATIC_PARTS: [(&str, &str); 10] = [
    (
        "[Content_Types].xml",
        include_str!("parts/content_types.xml"),
    ),
    ("_rels/.rels", include_str!("parts/package.rels")),
    (
        "word/_rels/document.xml.rels",
        include_str!("parts/document.xml.rels"),
    ),
    ("word/styles.xml", include_str!("parts/styles.xml")),
    ("word/settings.xml", include_str!("parts/settings.xml")),
    ("word/fontTable.xml", include_str!("parts/fontTable.xml")),
    ("word/theme/theme1.xml", include_str!("parts/theme1.xml")),
    ("word/footer1.xml", include_str!("parts/footer1.xml")),
    ("word/footer2.xml", include_str!("parts/footer2.xml")),
    ("docProps/app.xml", include_str!("parts/app.xml")),
];

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
    let dynamic = [
        ("word/document.xml", document(draft, template)),
        ("docProps/core.xml", core_props(draft, template)),
        ("docProps/custom.xml", custom_props(draft)),
    ];
    let mut out: Vec<(&'static str, String)> = STATIC_PARTS
        .iter()
        .map(|(name, xml)| (*name, (*xml).to_string()))
        .collect();
    // The order the package has always had: document.xml after the package relationships,
    // the document properties last.
    let [document, core, custom] = dynamic;
    out.insert(2, document);
    out.insert(10, core);
    out.push(custom);
    out
}

/// The report as a .docx file.
pub fn docx(draft: &Draft, template: &Template) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    for (name, xml) in parts(draft, template) {
        zip.add(name, xml.as_bytes());
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid's figures (see the module documentation) and the report's faces, as the
    /// static `styles.xml` must carry them.
    #[test]
    fn static_styles_carry_the_grid() {
        let styles = include_str!("parts/styles.xml");
        for want in [
            // The exact line of 正文 and 标题.
            format!("w:line=\"{LINE}\" w:lineRule=\"exact\""),
            // Run spacing that makes 28 characters of 16 pt fit the 156 mm measure.
            "<w:spacing w:val=\"-5\"/>".to_string(),
            // Two characters of 16 pt: the first-line indent.
            "w:firstLine=\"640\" w:firstLineChars=\"200\"".to_string(),
            // Space before the title, so that its ink starts where the body's would.
            "w:before=\"90\"".to_string(),
            // 四号 for the page number.
            "<w:sz w:val=\"28\"/>".to_string(),
        ] {
            assert!(styles.contains(&want), "{want}");
        }
        for face in [
            "仿宋_GB2312",
            "方正小标宋简体",
            "黑体",
            "楷体_GB2312",
            "宋体",
        ] {
            let east_asia = format!("w:eastAsia=\"{face}\"");
            assert!(styles.contains(&east_asia), "{face} in styles.xml");
            let table = include_str!("parts/fontTable.xml");
            assert!(
                table.contains(&format!("w:name=\"{face}\"")),
                "{face} in fontTable.xml"
            );
        }
        for id in [NORMAL, TITLE, RUN_IN, SIGNATURE, "Footer"]
            .iter()
            .chain(&LEVELS)
        {
            assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "{id}");
        }
    }
}
