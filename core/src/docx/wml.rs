//! WordprocessingML properties written in the order the ECMA-376 schema fixes.
//!
//! Word drops properties that come out of sequence (a font after bold is lost), LibreOffice
//! does not, so a wrong order shows only on the clerk's machine. The order therefore lives in
//! one place per element: each struct below holds what the writer uses of `w:pPr`, `w:rPr`
//! or `w:sectPr`, and its `write` emits the fields in the schema's sequence whatever order the
//! caller filled them in. `core/tests/docx_export.rs` checks the output against the
//! sequences copied from the standard.

use super::xml::Xml;

/// Run properties (`w:rPr`, ECMA-376 Part 1 §17.3.2.28), the subset the document's runs use
/// (the styles, where fonts, sizes and spacing live, are static parts, see `write.rs`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RPr<'a> {
    /// `w:rStyle`: a character style id.
    pub style: Option<&'a str>,
}

impl<'a> RPr<'a> {
    /// No property: what `Default` gives, as a constant.
    pub const NONE: RPr<'a> = RPr { style: None };

    /// Writes `<w:rPr>` (nothing when empty); rStyle comes first in its sequence.
    pub fn write(&self, x: &mut Xml) {
        if let Some(s) = self.style {
            x.open("w:rPr", &[]);
            x.empty("w:rStyle", &[("w:val", s)]);
            x.close("w:rPr");
        }
    }
}

/// Paragraph indents (`w:ind`), in twips and in hundredths of a character.
///
/// Word prefers the `…Chars` values when present, LibreOffice reads only the twips, so both
/// are written where a value is given in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ind {
    /// `w:left` (`w:start` in the strict schema) in twips.
    pub left: Option<u32>,
    /// `w:firstLine` and `w:firstLineChars`.
    pub first_line: Option<(u32, u32)>,
}

/// Paragraph properties (`w:pPr`, ECMA-376 Part 1 §17.3.1.26), the subset the document's
/// paragraphs use beside their style.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PPr<'a> {
    /// `w:pStyle`: a paragraph style id.
    pub style: Option<&'a str>,
    /// `w:keepNext`: on the same page as the next paragraph.
    pub keep_next: bool,
    /// `w:ind`.
    pub ind: Option<Ind>,
}

impl<'a> PPr<'a> {
    /// No property, as a constant.
    pub const NONE: PPr<'a> = PPr {
        style: None,
        keep_next: false,
        ind: None,
    };

    /// Writes `<w:pPr>` (nothing when empty) in the sequence pStyle, keepNext, …, ind.
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
        if let Some(i) = self.ind {
            let left = i.left.map(|l| l.to_string());
            let first = i
                .first_line
                .map(|(tw, ch)| (tw.to_string(), ch.to_string()));
            let mut attrs: Vec<(&str, &str)> = Vec::new();
            if let Some(l) = &left {
                attrs.push(("w:left", l));
            }
            if let Some((tw, ch)) = &first {
                attrs.push(("w:firstLine", tw));
                attrs.push(("w:firstLineChars", ch));
            }
            x.empty("w:ind", &attrs);
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
