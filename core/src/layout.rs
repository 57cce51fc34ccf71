//! The printed report laid out on the GB/T 9704 grid: blocks to lines to pages.
//!
//! One deterministic page model feeds the exported HTML, the paged preview and print, so all
//! three show the same page breaks. Widths are counted in half cells of the 28 × 22 grid: a
//! full-width character takes one cell (2 half cells), a Latin letter or digit half a cell.
//! The browser then only has to draw each line on its own, justified to the 156 mm measure.

use crate::checks::in_gb2312;
use crate::export::{blocks, Block};
use crate::model::Draft;
use crate::template::Template;

/// Grid lines on a page.
pub const LINES_PER_PAGE: usize = 22;
/// Half cells on a body line: 28 characters at 16 pt.
pub const BODY_HALVES: u32 = 56;
/// Half cells on a title line: 156 mm holds 20 characters at 22 pt (442 pt / 22 pt).
pub const TITLE_HALVES: u32 = 40;
/// First-line indent of paragraphs and headings: two characters.
const INDENT: u32 = 4;

/// The typeface of a line, by the element it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    /// 小标宋, 22 pt, centred.
    Title,
    /// 黑体: level-1 headings.
    Hei,
    /// 楷体: level-2 headings.
    Kai,
    /// 仿宋: body text, points and the signature.
    Fang,
}

/// A stretch of one line in one weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Run-in headings of points (1.) print bold.
    pub bold: bool,
    /// The characters of the run.
    pub text: String,
}

/// One grid line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The typeface role the line prints in.
    pub face: Face,
    /// Blank half cells before the text (the 2-character indent, the signature's place).
    pub lead: u32,
    /// The text in runs of the same weight.
    pub runs: Vec<Run>,
    /// A full line: stretched to the 156 mm measure. The last line of a paragraph is not.
    pub justify: bool,
    /// Width of the text in half cells, lead excluded.
    pub width: u32,
}

impl Line {
    fn blank() -> Self {
        Line {
            face: Face::Fang,
            lead: 0,
            runs: Vec::new(),
            justify: false,
            width: 0,
        }
    }

    /// The text of the line, runs joined.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// One A4 page: at most [`LINES_PER_PAGE`] lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The lines from the top of the page.
    pub lines: Vec<Line>,
}

/// Width of a character in half cells.
///
/// Latin text is set in a Times-metric face (Times New Roman on Windows, Liberation Serif on
/// Linux) whose digits and most lower-case letters are half an em wide; the wide ones count as
/// a full cell so that a line never overflows (justification absorbs the difference).
pub fn halves(c: char) -> u32 {
    if c.is_ascii() {
        if c.is_ascii_uppercase() || "mw%@&<>=+~".contains(c) {
            2
        } else {
            1
        }
    } else {
        2
    }
}

/// Characters that never begin a line (GB/T 15834 and the usual 禁则).
fn no_start(c: char) -> bool {
    "，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%".contains(c)
}

/// Characters that never end a line.
fn no_end(c: char) -> bool {
    "（《「『【〔〈“‘([{".contains(c)
}

/// Part of a Latin word or number, which is not broken inside.
fn wordish(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_whitespace()
}

fn can_break(prev: char, next: char) -> bool {
    !(no_start(next)
        || no_end(prev)
        || (wordish(prev) && wordish(next))
        || (prev == next && (prev == '…' || prev == '—')))
}

/// A character with its weight.
#[derive(Clone, Copy)]
struct Glyph {
    c: char,
    bold: bool,
}

/// Breaks a paragraph into lines of at most `cap` half cells.
/// Returns the ranges of each line in `text`.
fn break_lines(text: &[Glyph], first_lead: u32, cap: u32) -> Vec<(usize, usize)> {
    let n = text.len();
    let mut out = Vec::new();
    let mut start = 0;
    let mut lead = first_lead;
    while start < n {
        let mut w = lead;
        let mut i = start;
        while i < n && w + halves(text[i].c) <= cap {
            w += halves(text[i].c);
            i += 1;
        }
        if i >= n {
            out.push((start, n));
            break;
        }
        // Always make progress, even on a measure narrower than one character.
        let mut end = i.max(start + 1);
        if end < n && !can_break(text[end - 1].c, text[end].c) {
            // The previous character comes down with the mark rather than letting the mark
            // hang: a hanging mark would stick out of the 156 mm type area, and Chromium
            // shrinks the whole printout to fit anything wider than the page area.
            let mut e = end - 1;
            while e > start && !can_break(text[e - 1].c, text[e].c) {
                e -= 1;
            }
            if e > start {
                end = e;
            }
        }
        out.push((start, end));
        start = end;
        // A space at a break is the break itself.
        while start < n && text[start].c == ' ' {
            start += 1;
        }
        lead = 0;
    }
    out
}

fn runs_of(text: &[Glyph]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for g in text {
        match runs.last_mut() {
            Some(r) if r.bold == g.bold => r.text.push(g.c),
            _ => runs.push(Run {
                bold: g.bold,
                text: g.c.to_string(),
            }),
        }
    }
    runs
}

/// Text as glyphs, white space collapsed to single spaces as the browser would.
fn glyphs(out: &mut Vec<Glyph>, s: &str, bold: bool) {
    for c in s.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && out.last().is_none_or(|g| g.c == ' ') {
            continue;
        }
        out.push(Glyph { c, bold });
    }
}

/// A paragraph's lines, the last one left-aligned.
fn paragraph(text: &[Glyph], face: Face, lead: u32) -> Vec<Line> {
    let ranges = break_lines(text, lead, BODY_HALVES);
    let last = ranges.len().saturating_sub(1);
    ranges
        .into_iter()
        .enumerate()
        .map(|(k, (a, b))| {
            let mut slice = &text[a..b];
            while slice.last().is_some_and(|g| g.c == ' ') {
                slice = &slice[..slice.len() - 1];
            }
            Line {
                face,
                lead: if k == 0 { lead } else { 0 },
                runs: runs_of(slice),
                justify: k != last,
                width: slice.iter().map(|g| halves(g.c)).sum(),
            }
        })
        .collect()
}

/// A long title wraps into lines of nearly equal length, each centred.
fn title(text: &str) -> Vec<Line> {
    let mut g = Vec::new();
    glyphs(&mut g, text.trim(), false);
    let total: u32 = g.iter().map(|x| halves(x.c)).sum();
    let count = total.div_ceil(TITLE_HALVES).max(1) as usize;
    let mut cap = total.div_ceil(count as u32).max(2);
    let ranges = loop {
        let r = break_lines(&g, 0, cap);
        if r.len() <= count || cap >= TITLE_HALVES {
            break r;
        }
        cap += 1;
    };
    ranges
        .into_iter()
        .map(|(a, b)| Line {
            face: Face::Title,
            lead: 0,
            runs: runs_of(&g[a..b]),
            justify: false,
            width: g[a..b].iter().map(|x| halves(x.c)).sum(),
        })
        .collect()
}

/// The title's lines as the print wraps them (balanced, each centred): the .docx writer breaks
/// its title paragraph at the same places.
pub fn title_lines(text: &str) -> Vec<Line> {
    title(text)
}

/// Where the 落款 and 成文日期 go, in half cells from the left edge of the type area.
///
/// Without a seal the name stands two characters in from the right and the date starts two
/// characters right of the name's start; a date longer than the name stands two in instead,
/// and the name moves left with it.
/// With a seal the date stands four characters in and the name is centred above it.
pub fn signature_leads(signer: u32, date: u32, seal: bool) -> (u32, u32) {
    let right = |w: u32, inset: u32| BODY_HALVES.saturating_sub(inset + w);
    if seal {
        let date_lead = right(date, 8);
        let centre = 2 * date_lead + date;
        return ((centre.saturating_sub(signer)) / 2, date_lead);
    }
    if date > signer {
        let date_lead = right(date, 4);
        return (date_lead.saturating_sub(4), date_lead);
    }
    let name = right(signer, 4);
    (name, (name + 4).min(BODY_HALVES.saturating_sub(date)))
}

/// A laid-out line with whether a page may end after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The line itself.
    pub line: Line,
    /// A page may end after this line (false keeps it with the next one).
    pub break_after: bool,
}

impl From<(Line, bool)> for Placed {
    fn from((line, break_after): (Line, bool)) -> Self {
        Placed { line, break_after }
    }
}

/// The report's lines in reading order, built block by block.
#[derive(Default)]
struct Flow {
    lines: Vec<Placed>,
}

impl Flow {
    fn push(&mut self, line: Line, break_after: bool) {
        self.lines.push(Placed { line, break_after });
    }

    /// A page may not end after the last line so far.
    fn keep_with_next(&mut self) {
        if let Some(last) = self.lines.last_mut() {
            last.break_after = false;
        }
    }

    /// The lines of one paragraph; `keep_next` keeps its last line with what follows.
    fn paragraph(&mut self, ls: Vec<Line>, keep_next: bool) {
        let n = ls.len();
        for (k, l) in ls.into_iter().enumerate() {
            // No single first line at the foot of a page, no single last line at the head.
            let orphan = n >= 2 && k == 0;
            let widow = n >= 2 && k + 2 == n;
            let last = k + 1 == n;
            self.push(l, !(orphan || widow || (last && keep_next)));
        }
    }

    /// The title, kept together, then a blank line.
    fn title(&mut self, t: &str) {
        let ls = title(t);
        let n = ls.len();
        for (k, l) in ls.into_iter().enumerate() {
            self.push(l, k + 1 == n);
        }
        self.push(Line::blank(), true);
    }

    /// A part (黑体) or section (楷体) heading on lines of its own, kept with what follows.
    fn heading(&mut self, level: usize, number: &str, text: &str) {
        let mut g = Vec::new();
        glyphs(&mut g, number, false);
        glyphs(&mut g, text, false);
        let face = if level == 1 { Face::Hei } else { Face::Kai };
        self.paragraph(paragraph(&g, face, INDENT), true);
    }

    /// A point: a bold run-in heading that the first paragraph (`run_in`) continues on the
    /// same line; without one the heading is kept with what follows.
    fn point(&mut self, number: &str, text: &str, run_in: Option<&str>) {
        let mut g = Vec::new();
        glyphs(&mut g, number, true);
        glyphs(&mut g, &with_stop(text), true);
        if let Some(p) = run_in {
            glyphs(&mut g, p, false);
        }
        self.paragraph(paragraph(&g, Face::Fang, INDENT), run_in.is_none());
    }

    fn body(&mut self, p: &str) {
        let mut g = Vec::new();
        glyphs(&mut g, p, false);
        self.paragraph(paragraph(&g, Face::Fang, INDENT), false);
    }

    /// 落款 and 成文日期 after a blank line, placed by [`signature_leads`].
    fn signature(&mut self, signer: &str, date: &str, seal: bool) {
        // The signature never stands alone on a page: keep the body's last line with it.
        self.keep_with_next();
        let cut = |s: &str| {
            let mut g = Vec::new();
            glyphs(&mut g, s.trim(), false);
            let w = g.iter().map(|x| halves(x.c)).sum::<u32>();
            (g, w.min(BODY_HALVES))
        };
        let (sg, sw) = cut(signer);
        let (dg, dw) = cut(date);
        let (sl, dl) = signature_leads(sw, dw, seal);
        self.push(Line::blank(), false);
        let date_follows = !dg.is_empty();
        for (g, width, lead, break_after) in [(sg, sw, sl, !date_follows), (dg, dw, dl, true)] {
            if g.is_empty() {
                continue;
            }
            let line = Line {
                face: Face::Fang,
                lead,
                runs: runs_of(&g),
                justify: false,
                width,
            };
            self.push(line, break_after);
        }
    }

    /// The lines, a page break allowed after the last one.
    fn finish(mut self) -> Vec<Placed> {
        if let Some(last) = self.lines.last_mut() {
            last.break_after = true;
        }
        self.lines
    }
}

/// The report's lines, each with whether a page may end after it.
fn lines(draft: &Draft, template: &Template) -> Vec<Placed> {
    let mut flow = Flow::default();
    let mut list = blocks(draft, template).into_iter().peekable();
    while let Some(block) = list.next() {
        match block {
            Block::Title(t) => flow.title(&t),
            // Points are run-in headings: the first paragraph continues on the line.
            Block::Heading {
                level,
                number,
                text,
            } if level >= 3 => {
                let run_in = match list.peek() {
                    Some(&Block::Paragraph(p)) => {
                        list.next();
                        Some(p)
                    }
                    _ => None,
                };
                flow.point(&number, text, run_in);
            }
            Block::Heading {
                level,
                number,
                text,
            } => flow.heading(level, &number, text),
            Block::Paragraph(p) => flow.body(p),
            Block::Signature { signer, date } => flow.signature(signer, &date, draft.seal),
        }
    }
    flow.finish()
}

/// A run-in heading ends with a full stop unless it already ends in punctuation.
pub fn with_stop(heading: &str) -> String {
    let ends_punct = heading
        .chars()
        .last()
        .is_none_or(|c| "。！？；：，、.!?;:".contains(c));
    if ends_punct {
        heading.to_string()
    } else {
        format!("{heading}。")
    }
}

/// Cuts lines into pages: each page ends at the last line after which a break is allowed; when
/// a run of kept lines is longer than a page, it is cut where the page is full.
pub fn paginate<L: Into<Placed>>(lines: Vec<L>) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut rest = lines.into_iter().map(Into::into).peekable();
    let mut buf: Vec<Placed> = Vec::new();
    loop {
        while buf.len() < LINES_PER_PAGE {
            match rest.next() {
                Some(l) => buf.push(l),
                None => break,
            }
        }
        if buf.is_empty() {
            break;
        }
        if rest.peek().is_none() {
            pages.push(Page {
                lines: buf.drain(..).map(|p| p.line).collect(),
            });
            break;
        }
        let cut = buf
            .iter()
            .rposition(|p| p.break_after)
            .map_or(buf.len(), |i| i + 1);
        let mut page: Vec<Line> = buf.drain(..cut).map(|p| p.line).collect();
        // A blank line is never the first line of a page.
        while buf.first().is_some_and(|p| p.line.runs.is_empty()) {
            buf.remove(0);
        }
        while page.last().is_some_and(|l| l.runs.is_empty()) && page.len() > 1 {
            page.pop();
        }
        pages.push(Page { lines: page });
    }
    if pages.is_empty() {
        pages.push(Page::default());
    }
    pages
}

/// The whole report as pages.
pub fn layout(draft: &Draft, template: &Template) -> Vec<Page> {
    paginate(lines(draft, template))
}

/// The official typefaces with the fallbacks `style/report.css` names, in the same order:
/// (what prints in it, the families, the generic family that ends the list).
pub const FONT_STACKS: [(&str, &[&str], &str); 4] = [
    (
        "正文（仿宋）",
        &[
            "仿宋_GB2312",
            "FangSong_GB2312",
            "仿宋",
            "FangSong",
            "STFangsong",
        ],
        "serif",
    ),
    (
        "标题（小标宋）",
        &[
            "方正小标宋简体",
            "方正小标宋_GBK",
            "FZXiaoBiaoSong-B05S",
            "华文中宋",
            "STZhongsong",
            "SimSun",
        ],
        "serif",
    ),
    (
        "一级标题（黑体）",
        &["黑体", "SimHei", "STHeiti"],
        "sans-serif",
    ),
    (
        "二级标题（楷体）",
        &["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti"],
        "serif",
    ),
];

/// A character the GB2312 fonts cannot print, with the places it occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RareChar {
    /// The character the GB2312 fonts lack.
    pub c: char,
    /// How many times it occurs in the report.
    pub count: usize,
    /// Where it occurs: 标题, 开头, a heading's number and text, 落款, in reading order.
    pub places: Vec<String>,
}

/// Characters outside GB2312 in the printed text, in order of first occurrence.
pub fn outside_gb2312(draft: &Draft, template: &Template) -> Vec<RareChar> {
    let mut found: Vec<RareChar> = Vec::new();
    let mut place = String::from("开头");
    let mut note = |text: &str, place: &str| {
        for c in text.chars() {
            if c.is_whitespace() || in_gb2312(c) {
                continue;
            }
            let entry = match found.iter_mut().position(|r| r.c == c) {
                Some(i) => &mut found[i],
                None => {
                    found.push(RareChar {
                        c,
                        count: 0,
                        places: Vec::new(),
                    });
                    let last = found.len() - 1;
                    &mut found[last]
                }
            };
            entry.count += 1;
            if entry.places.last().is_none_or(|p| p != place) {
                entry.places.push(place.to_string());
            }
        }
    };
    for block in blocks(draft, template) {
        match block {
            Block::Title(t) => note(&t, "标题"),
            Block::Heading {
                number, text: h, ..
            } => {
                place = format!("{number}{h}");
                note(h, &place);
            }
            Block::Paragraph(p) => note(p, &place),
            Block::Signature { signer, .. } => note(signer, "落款"),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: &str) -> Vec<Glyph> {
        let mut v = Vec::new();
        glyphs(&mut v, s, false);
        v
    }

    fn texts(s: &str, lead: u32) -> Vec<String> {
        let v = g(s);
        paragraph(&v, Face::Fang, lead)
            .iter()
            .map(Line::text)
            .collect()
    }

    #[test]
    fn full_lines_hold_28_characters_after_a_2_character_indent() {
        let lines = texts(&"法".repeat(100), INDENT);
        let counts: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        assert_eq!(counts, vec![26, 28, 28, 18]);
    }

    #[test]
    fn digits_take_half_a_cell() {
        let lines = texts(&format!("{}{}", "2023".repeat(7), "法".repeat(40)), 0);
        // 28 digits fill 14 cells, then 14 characters.
        assert_eq!(lines[0], format!("{}{}", "2023".repeat(7), "法".repeat(14)));
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // 28 characters then a full stop: the 28th comes down with the stop.
        let s = format!("{}。{}", "法".repeat(28), "治".repeat(10));
        let lines = texts(&s, 0);
        assert_eq!(lines[0], "法".repeat(27));
        assert!(lines[1].starts_with("法。治"));
        // Two closing marks in a row: both follow the pulled-down character.
        let s = format!("{}。”{}", "法".repeat(28), "治".repeat(10));
        let lines = texts(&s, 0);
        assert_eq!(lines[0], "法".repeat(27));
        assert!(lines[1].starts_with("法。”"));
        for l in texts(
            &"依法行政，规范权力运行。“谁执法谁普法”（试行）；".repeat(40),
            4,
        ) {
            assert!(!l.starts_with(no_start), "line starts badly: {l}");
            assert!(!l.ends_with(no_end), "line ends badly: {l}");
        }
    }

    #[test]
    fn no_line_ends_with_an_opening_bracket() {
        let s = format!("{}《法治》{}", "法".repeat(27), "治".repeat(10));
        let lines = texts(&s, 0);
        assert_eq!(lines[0], "法".repeat(27));
        assert!(lines[1].starts_with("《法治》"));
    }

    #[test]
    fn numbers_and_words_are_not_cut() {
        let s = format!("{}2023年", "法".repeat(27));
        let lines = texts(&s, 0);
        assert_eq!(lines[0], "法".repeat(27));
        assert_eq!(lines[1], "2023年");
    }

    #[test]
    fn long_titles_wrap_into_balanced_lines() {
        let t = title("岳阳县科学技术局关于二〇二三年度法治政府建设情况的报告");
        let widths: Vec<u32> = t.iter().map(|l| l.width).collect();
        assert_eq!(widths.len(), 2);
        assert!(widths[0].abs_diff(widths[1]) <= 2, "{widths:?}");
        assert!(widths.iter().all(|&w| w <= TITLE_HALVES));
        assert_eq!(title("短标题").len(), 1);
    }

    #[test]
    fn signature_places() {
        // Without a seal: name 2 in from the right, date 2 right of the name.
        let (n, d) = signature_leads(16, 13, false);
        assert_eq!((n, d), (36, 40));
        assert_eq!(n + 16 + 4, BODY_HALVES);
        // A date longer than the name stands 2 in, pushing the name left.
        let (n, d) = signature_leads(8, 20, false);
        assert_eq!((n, d), (28, 32));
        assert_eq!(d + 20 + 4, BODY_HALVES);
        // With a seal: date 4 in, name centred over it.
        let (n, d) = signature_leads(16, 20, true);
        assert_eq!(d + 20 + 8, BODY_HALVES);
        assert_eq!(2 * n + 16, 2 * d + 20);
    }

    fn line(t: &str, brk: bool) -> (Line, bool) {
        let v = g(t);
        (
            Line {
                face: Face::Fang,
                lead: 0,
                runs: runs_of(&v),
                justify: false,
                width: 2,
            },
            brk,
        )
    }

    #[test]
    fn pages_break_only_where_allowed() {
        // 21 free lines, then a heading that must stay with the next line.
        let mut ls: Vec<(Line, bool)> = (0..21).map(|i| line(&format!("{i}"), true)).collect();
        ls.push(line("H", false));
        ls.push(line("B", true));
        let pages = paginate(ls);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].lines.len(), 21);
        assert_eq!(pages[1].lines[0].text(), "H");
        // A run longer than a page is cut where the page is full.
        let ls: Vec<(Line, bool)> = (0..30).map(|i| line(&format!("{i}"), false)).collect();
        let pages = paginate(ls);
        assert_eq!(pages[0].lines.len(), LINES_PER_PAGE);
    }
}
