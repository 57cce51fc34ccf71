//! WordprocessingML properties written in the order the ECMA-376 schema fixes.
//!
//! Word drops properties that come out of sequence (a font after bold is lost), LibreOffice
//! does not, so a wrong order shows only on the clerk's machine. The order therefore lives in
//! one place per element: each struct below holds what the writer uses of `w:pPr`, `w:rPr`
//! or `w:sectPr`, and its `write` emits the fields in the schema's sequence whatever order the
//! caller filled them in. `core/tests/docx_export.rs` checks the output against the
//! sequences copied from the standard.

use super::xml::Xml;

/// Run fonts (`w:rFonts`): the Latin face and the East-Asian face, hinted East-Asian so that
/// “”—… are set in the Chinese face.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fonts<'a> {
    /// `w:ascii`, `w:hAnsi` and `w:cs`.
    pub latin: &'a str,
    /// `w:eastAsia`.
    pub east_asia: &'a str,
}

/// Run properties (`w:rPr`, ECMA-376 Part 1 §17.3.2.28), the subset the report uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RPr<'a> {
    /// `w:rStyle`: a character style id.
    pub style: Option<&'a str>,
    /// `w:rFonts`.
    pub fonts: Option<Fonts<'a>>,
    /// `w:b` and `w:bCs`.
    pub bold: bool,
    /// `w:spacing`: extra space after each character, in twips (negative condenses).
    pub spacing: Option<i32>,
    /// `w:kern`: kerning from this half-point size on; 0 switches it off.
    pub kern: Option<u32>,
    /// `w:sz` and `w:szCs`, in half points.
    pub size: Option<u32>,
    /// `w:lang`: (`w:val`, `w:eastAsia`).
    pub lang: Option<(&'a str, &'a str)>,
}

impl<'a> RPr<'a> {
    /// No property: what `Default` gives, as a constant, so that a style's properties
    /// written out in full are data in the wasm rather than code that builds them.
    pub const NONE: RPr<'a> = RPr {
        style: None,
        fonts: None,
        bold: false,
        spacing: None,
        kern: None,
        size: None,
        lang: None,
    };

    /// Writes `<w:rPr>` (nothing when empty) in the sequence rStyle, rFonts, b, bCs, …,
    /// spacing, w, kern, position, sz, szCs, …, lang.
    pub fn write(&self, x: &mut Xml) {
        if *self == RPr::NONE {
            return;
        }
        x.open("w:rPr", &[]);
        if let Some(s) = self.style {
            x.empty("w:rStyle", &[("w:val", s)]);
        }
        if let Some(f) = self.fonts {
            x.empty(
                "w:rFonts",
                &[
                    ("w:ascii", f.latin),
                    ("w:hAnsi", f.latin),
                    ("w:eastAsia", f.east_asia),
                    ("w:cs", f.latin),
                    ("w:hint", "eastAsia"),
                ],
            );
        }
        if self.bold {
            x.empty("w:b", &[]);
            x.empty("w:bCs", &[]);
        }
        if let Some(s) = self.spacing {
            x.empty("w:spacing", &[("w:val", &s.to_string())]);
        }
        if let Some(k) = self.kern {
            x.empty("w:kern", &[("w:val", &k.to_string())]);
        }
        if let Some(sz) = self.size {
            let v = sz.to_string();
            x.empty("w:sz", &[("w:val", &v)]);
            x.empty("w:szCs", &[("w:val", &v)]);
        }
        if let Some((val, east_asia)) = self.lang {
            x.empty(
                "w:lang",
                &[
                    ("w:val", val),
                    ("w:eastAsia", east_asia),
                    ("w:bidi", "ar-SA"),
                ],
            );
        }
        x.close("w:rPr");
    }
}

/// Paragraph spacing (`w:spacing` in `w:pPr`), in twips.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spacing {
    /// Space before and after the paragraph.
    pub before_after: Option<u32>,
    /// Space before only, instead of `before_after` (which then gives the space after).
    pub before: Option<u32>,
    /// An exact line height (`w:lineRule="exact"`), or `None` for single spacing.
    pub exact: Option<u32>,
}

/// Paragraph indents (`w:ind`), in twips and in hundredths of a character.
///
/// Word prefers the `…Chars` values when present, LibreOffice reads only the twips, so both
/// are written where a value is given in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ind {
    /// `w:left` (`w:start` in the strict schema) in twips.
    pub left: Option<u32>,
    /// `w:right` and `w:rightChars`.
    pub right: Option<(u32, u32)>,
    /// `w:firstLine` and `w:firstLineChars`.
    pub first_line: Option<(u32, u32)>,
}

/// Paragraph properties (`w:pPr`, ECMA-376 Part 1 §17.3.1.26), the subset the report uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PPr<'a> {
    /// `w:pStyle`: a paragraph style id.
    pub style: Option<&'a str>,
    /// `w:keepNext`: on the same page as the next paragraph.
    pub keep_next: bool,
    /// `w:keepLines`: not split across pages.
    pub keep_lines: bool,
    /// `w:widowControl`: no single first or last line on a page.
    pub widow_control: Option<bool>,
    /// `w:kinsoku`: East-Asian line breaking rules (no line starts with ，。).
    pub kinsoku: Option<bool>,
    /// `w:overflowPunct`: punctuation may extend past the line end.
    pub overflow_punct: Option<bool>,
    /// `w:autoSpaceDE` and `w:autoSpaceDN`: extra space between Chinese and Latin or digits.
    pub auto_space: Option<bool>,
    /// `w:snapToGrid`.
    pub snap_to_grid: Option<bool>,
    /// `w:spacing`.
    pub spacing: Option<Spacing>,
    /// `w:ind`.
    pub ind: Option<Ind>,
    /// `w:jc`: left, center, right, both.
    pub jc: Option<&'a str>,
    /// `w:outlineLvl`: 0 is the top level of the navigation pane.
    pub outline: Option<u8>,
}

fn on_off(x: &mut Xml, name: &str, v: Option<bool>) {
    if let Some(v) = v {
        x.empty(name, &[("w:val", if v { "1" } else { "0" })]);
    }
}

impl<'a> PPr<'a> {
    /// No property, as a constant (see [`RPr::NONE`]).
    pub const NONE: PPr<'a> = PPr {
        style: None,
        keep_next: false,
        keep_lines: false,
        widow_control: None,
        kinsoku: None,
        overflow_punct: None,
        auto_space: None,
        snap_to_grid: None,
        spacing: None,
        ind: None,
        jc: None,
        outline: None,
    };

    /// Writes `<w:pPr>` (nothing when empty) in the sequence pStyle, keepNext, keepLines, …,
    /// widowControl, …, kinsoku, wordWrap, overflowPunct, topLinePunct, autoSpaceDE,
    /// autoSpaceDN, …, snapToGrid, spacing, ind, …, jc, …, outlineLvl.
    pub fn write(&self, x: &mut Xml) {
        if *self == PPr::NONE {
            return;
        }
        x.open("w:pPr", &[]);
        if let Some(s) = self.style {
            x.empty("w:pStyle", &[("w:val", s)]);
        }
        if self.keep_next {
            x.empty("w:keepNext", &[]);
        }
        if self.keep_lines {
            x.empty("w:keepLines", &[]);
        }
        on_off(x, "w:widowControl", self.widow_control);
        on_off(x, "w:kinsoku", self.kinsoku);
        on_off(x, "w:overflowPunct", self.overflow_punct);
        on_off(x, "w:autoSpaceDE", self.auto_space);
        on_off(x, "w:autoSpaceDN", self.auto_space);
        on_off(x, "w:snapToGrid", self.snap_to_grid);
        if let Some(s) = self.spacing {
            let mut attrs: Vec<(&str, String)> = Vec::new();
            if let Some(v) = s.before.or(s.before_after) {
                attrs.push(("w:before", v.to_string()));
            }
            if let Some(v) = s.before_after {
                attrs.push(("w:after", v.to_string()));
            }
            match s.exact {
                Some(line) => {
                    attrs.push(("w:line", line.to_string()));
                    attrs.push(("w:lineRule", "exact".into()));
                }
                None => {
                    attrs.push(("w:line", "240".into()));
                    attrs.push(("w:lineRule", "auto".into()));
                }
            }
            let a: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            x.empty("w:spacing", &a);
        }
        if let Some(i) = self.ind {
            let mut attrs: Vec<(&str, String)> = Vec::new();
            if let Some(l) = i.left {
                attrs.push(("w:left", l.to_string()));
            }
            if let Some((tw, ch)) = i.right {
                attrs.push(("w:right", tw.to_string()));
                attrs.push(("w:rightChars", ch.to_string()));
            }
            if let Some((tw, ch)) = i.first_line {
                attrs.push(("w:firstLine", tw.to_string()));
                attrs.push(("w:firstLineChars", ch.to_string()));
            }
            let a: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            x.empty("w:ind", &a);
        }
        if let Some(j) = self.jc {
            x.empty("w:jc", &[("w:val", j)]);
        }
        if let Some(l) = self.outline {
            x.empty("w:outlineLvl", &[("w:val", &l.to_string())]);
        }
        x.close("w:pPr");
    }
}

/// Page size and margins in twips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// `w:pgSz` width and height.
    pub size: (u32, u32),
    /// `w:pgMar` top, right, bottom, left.
    pub margins: (u32, u32, u32, u32),
    /// `w:pgMar` header and footer distances from the paper's edge.
    pub header_footer: (u32, u32),
    /// `w:docGrid w:linePitch`.
    pub line_pitch: u32,
}

/// Section properties (`w:sectPr`, ECMA-376 Part 1 §17.6.17): footer references, then pgSz,
/// pgMar, cols, docGrid in the schema's sequence. `footers` pairs a reference type
/// (`default`, `even`) with the relationship id of its part.
pub fn write_sect_pr(x: &mut Xml, footers: &[(&str, &str)], page: &Page) {
    x.open("w:sectPr", &[]);
    for (kind, rid) in footers {
        x.empty("w:footerReference", &[("w:type", kind), ("r:id", rid)]);
    }
    let n = |v: u32| v.to_string();
    x.empty(
        "w:pgSz",
        &[("w:w", &n(page.size.0)), ("w:h", &n(page.size.1))],
    );
    let (t, r, b, l) = page.margins;
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &n(t)),
            ("w:right", &n(r)),
            ("w:bottom", &n(b)),
            ("w:left", &n(l)),
            ("w:header", &n(page.header_footer.0)),
            ("w:footer", &n(page.header_footer.1)),
            ("w:gutter", "0"),
        ],
    );
    x.empty("w:cols", &[("w:space", "425")]);
    // No character grid: LibreOffice miscounts `charSpace` (see docs/domain), and the 28
    // characters come from the run spacing instead. The line pitch is recorded for Word's
    // grid settings dialog but without `w:type` it snaps nothing.
    x.empty("w:docGrid", &[("w:linePitch", &n(page.line_pitch))]);
    x.close("w:sectPr");
}
