//! Import: plain text or Markdown turned into a draft, with the clean-ups it needed.
//!
//! Text pasted from a PDF or a web page brings along a letterhead, words cut by page
//! breaks, spaces around digits, page furniture and watermarks. Each is recorded as a
//! [`Cleanup`] so that the user sees it and may refuse a kind; the outline
//! (一、 （一） 1. （1）) becomes sections, and level-1 parts are matched to the
//! template's parts by the words of their headings; a part in the writer's own words is
//! set to count toward a template part by its words and its place (see [`matching`]).
//! Markdown that nianbao exported comes back unchanged.

mod chars;
mod cleanup;
mod markdown;
mod matching;
mod outline;

use crate::chars::number;
use crate::date::DocDate;
use crate::edit::YEARS;
use crate::model::{Draft, Section, SectionId, INTRO, MAX_LEVEL};
use crate::template::Template;
use chars::{ends_sentence, has_sentence_punct, head, is_space, tail, trim};
use cleanup::{is_furniture, Line};
pub use matching::Reason;
use outline::marker_at;

/// A kind of clean-up the import can make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CleanupKind {
    /// The sender's name printed above the title; it becomes the unit.
    Letterhead,
    /// A paragraph cut in two by a page break, joined again.
    PageBreak,
    /// Spaces between Chinese text and digits or Latin letters, removed.
    DigitSpacing,
    /// Web page lines around the report (来源, 发布时间, 打印本页 …), removed.
    WebFurniture,
    /// A short text repeated through the page, removed.
    Watermark,
    /// A title printed over two or three short lines, joined into one.
    TitleLines,
    /// A level-1 heading whose numeral was lost ("、强化党的领导"), given it back by position.
    LostNumeral,
}

impl CleanupKind {
    /// Every kind, in the order the dialog lists them.
    pub const ALL: [CleanupKind; 7] = [
        CleanupKind::WebFurniture,
        CleanupKind::Watermark,
        CleanupKind::DigitSpacing,
        CleanupKind::Letterhead,
        CleanupKind::PageBreak,
        CleanupKind::TitleLines,
        CleanupKind::LostNumeral,
    ];

    /// The name shown to the user.
    pub fn label(&self) -> &'static str {
        match self {
            CleanupKind::Letterhead => "信头",
            CleanupKind::PageBreak => "分页断词",
            CleanupKind::DigitSpacing => "数字两侧空格",
            CleanupKind::WebFurniture => "网页杂项",
            CleanupKind::Watermark => "水印",
            CleanupKind::TitleLines => "标题分行",
            CleanupKind::LostNumeral => "缺失的序号",
        }
    }
}

/// One change the import made, or would make if its kind were not skipped.
///
/// `before` and `after` are short excerpts around the change (with … where cut), not
/// whole paragraphs; a removed line has an empty `after`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleanup {
    /// Which clean-up it is.
    pub kind: CleanupKind,
    /// 1-based line in the input where the change is.
    pub line: usize,
    /// An excerpt of the text before the change.
    pub before: String,
    /// The same excerpt after it; empty for a removed line.
    pub after: String,
}

/// What the user chose for an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// Kinds of clean-up the user chose not to apply.
    pub skip: Vec<CleanupKind>,
    /// Report year when the text names none.
    pub fallback_year: i32,
}

/// The result of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The draft built from the text.
    pub draft: Draft,
    /// Every change of every kind that was found, skipped kinds included, in input order.
    pub cleanups: Vec<Cleanup>,
    /// Imported level-1 part id and the template part key it was matched to.
    pub matched: Vec<(SectionId, String)>,
    /// Keys of required template parts that no imported part stands for or counts toward.
    pub missing: Vec<String>,
    /// One entry per imported level-1 part, in order: which template part it counts toward.
    pub mapping: Vec<PartMapping>,
    /// The title line found in the text, clean-ups applied.
    pub detected_title: Option<String>,
    /// The unit found: the letterhead, else the title's start before its year. It can differ
    /// from `draft.unit` for Markdown with no signature, which nianbao writes only for no unit.
    pub detected_unit: Option<String>,
    /// The year named in the title, else in the intro.
    pub detected_year: Option<i32>,
}

/// Which template part one imported level-1 part stands for or counts toward, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartMapping {
    /// The imported part.
    pub id: SectionId,
    /// The template part key, `None` for a part counting toward nothing.
    pub key: Option<String>,
    /// Why; `None` when `key` is.
    pub reason: Option<Reason>,
    /// The key its heading's wording matched, if any: choosing it again makes the part stand
    /// for the template part itself rather than count toward it.
    pub wording: Option<String>,
}

/// One piece of outline: a heading (with run-in body text) or a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    Heading {
        /// Outline rank as written; only the order of ranks matters.
        rank: usize,
        text: String,
        body: Option<String>,
        /// The line as written, kept as a paragraph if the outline is already too deep.
        original: String,
    },
    Para(String),
}

/// The pieces of a report found in the text, before they become a draft.
#[derive(Debug, Default)]
struct Parsed {
    markdown: bool,
    letterhead: Option<String>,
    title: Option<String>,
    items: Vec<Item>,
    signer: Option<String>,
    date: Option<DocDate>,
    cleanups: Vec<Cleanup>,
}

/// Imports plain text or Markdown as a draft following `template`. Never panics.
pub fn import(text: &str, template: &Template, options: &ImportOptions) -> Imported {
    let mut parsed = if markdown::looks_like_markdown(text) {
        markdown::parse(text)
    } else {
        parse_plain(text, options)
    };
    crate::sort::sort_by_key(&mut parsed.cleanups, |c| c.line);
    assemble(parsed, template, options)
}

/// Joins lines of one paragraph: Chinese needs no space where a line was wrapped, Latin does.
fn join_wrapped(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        push_joined(&mut out, l);
    }
    out
}

fn push_joined(out: &mut String, next: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(out.chars().last()) && latin(next.chars().next()) {
        out.push(' ');
    }
    out.push_str(next);
}

/// Lines of a number of characters this short or shorter may be a letterhead or signer.
const MAX_NAME_LINE: usize = 40;
/// Longest title line.
const MAX_TITLE_LINE: usize = 80;
/// Lines at the top searched for the title.
const TITLE_SEARCH: usize = 8;

/// Whether a line can be a unit's name: short, no sentence, no heading, no date.
fn name_like(line: &str) -> bool {
    let t = trim(line);
    !t.is_empty()
        && t.chars().count() <= MAX_NAME_LINE
        && !has_sentence_punct(t)
        && !t.contains(['：', ':'])
        && marker_at(t, true).is_none()
        && parse_date(t).is_none()
        && !is_furniture(t)
}

/// The run-in split of a heading of rank 2–4: the heading up to the first 。, the rest body.
fn run_in(rest: &str) -> (String, Option<String>) {
    if let Some((h, b)) = rest.split_once('。') {
        let b = trim(b);
        if !b.is_empty() {
            return (trim(h).to_string(), Some(b.to_string()));
        }
    }
    (trim(rest).trim_end_matches('。').to_string(), None)
}

/// Whether a line leaves its sentence open, so that the next line continues it.
fn leaves_open(line: &str) -> bool {
    if ends_sentence(line) {
        return false;
    }
    match marker_at(line, true) {
        None => true,
        Some(m) if m.rank == 1 => false,
        Some(m) => run_in(line.get(m.len..).unwrap_or_default()).1.is_some(),
    }
}

/// Plain text: clean-ups, front matter, signature, page-break joins, outline.
fn parse_plain(text: &str, options: &ImportOptions) -> Parsed {
    let mut log: Vec<Cleanup> = Vec::new();
    let lines = clean_lines(input_lines(text), options, &mut log);
    let front = front_matter(&lines, options, &mut log);
    let mut parsed = Parsed {
        letterhead: front.letterhead.clone(),
        title: front.title.clone(),
        ..Parsed::default()
    };
    let end = signature(&lines, front.title_end, &mut parsed);
    let logical = join_page_breaks(
        lines.get(..end).unwrap_or_default(),
        &front,
        options,
        &mut log,
    );
    parsed.items = logical.into_iter().map(|(_, l)| outline_item(l)).collect();
    parsed.cleanups = log;
    parsed
}

/// Whether the user left a kind of clean-up on.
fn applies(options: &ImportOptions, kind: CleanupKind) -> bool {
    !options.skip.contains(&kind)
}

/// The non-blank lines of the input, trimmed, with their 1-based numbers.
fn input_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let t = trim(l);
            (!t.is_empty()).then(|| Line {
                no: i + 1,
                text: t.to_string(),
                apart: false,
            })
        })
        .collect()
}

/// The line clean-ups, in order: furniture, watermarks and page numbers go first, so that
/// what they cut runs on; then run-together headings are split, lost numerals restored and
/// the spaces around digits taken out.
fn clean_lines(lines: Vec<Line>, options: &ImportOptions, log: &mut Vec<Cleanup>) -> Vec<Line> {
    let on = |k| applies(options, k);
    let lines = cleanup::furniture(lines, on(CleanupKind::WebFurniture), log);
    let lines = cleanup::watermarks(lines, on(CleanupKind::Watermark), log);
    let lines = cleanup::page_numbers(lines, on(CleanupKind::PageBreak), log);
    let lines = split_lines(lines);
    let lines = restore_numerals(lines, on(CleanupKind::LostNumeral), log);
    cleanup::digit_spacing(lines, on(CleanupKind::DigitSpacing), log)
}

/// Headings run together with text are split before anything looks at lines.
fn split_lines(lines: Vec<Line>) -> Vec<Line> {
    let mut split: Vec<Line> = Vec::with_capacity(lines.len());
    for line in &lines {
        for piece in outline::split_run_together(&line.text) {
            split.push(Line {
                no: line.no,
                text: piece.to_string(),
                apart: line.apart,
            });
        }
    }
    split
}

/// Longest heading text, in characters, after a restored 、.
const MAX_RESTORED_HEADING: usize = 60;

/// Gives a level-1 heading that lost its numeral ("、强化党的领导，…" at a line start after a
/// paragraph) the numeral its position calls for: one more than the level-1 headings before.
fn restore_numerals(lines: Vec<Line>, apply: bool, log: &mut Vec<Cleanup>) -> Vec<Line> {
    let mut parts = 0usize;
    let mut after_text = false;
    let mut out = Vec::with_capacity(lines.len());
    for mut line in lines {
        let rank = marker_at(&line.text, true).map(|m| m.rank);
        if rank == Some(1) {
            parts += 1;
        }
        let heading = line.text.strip_prefix('、').map(trim).filter(|rest| {
            rest.chars().next().is_some_and(chars::is_han)
                && rest
                    .split('。')
                    .next()
                    .is_some_and(|h| h.chars().count() <= MAX_RESTORED_HEADING)
        });
        if let (true, Some(rest), false) = (after_text, heading, line.apart) {
            parts += 1;
            let restored = format!("{}{rest}", crate::numbering::marker(1, parts));
            log.push(Cleanup {
                kind: CleanupKind::LostNumeral,
                line: line.no,
                before: format!("{}…", head(&line.text, 12)),
                after: format!("{}…", head(&restored, 13)),
            });
            if apply {
                line.text = restored;
            }
            after_text = false;
        } else {
            after_text = rank.is_none_or(|r| r > 1);
        }
        out.push(line);
    }
    out
}

/// Title, letterhead and repeated title found at the top.
#[derive(Debug, Default)]
struct Front {
    title: Option<String>,
    letterhead: Option<String>,
    /// Index of the title's last line, if there is a title.
    title_end: Option<usize>,
    /// Indices of lines used up by the front matter, sorted: they are no part of the body.
    used: Vec<usize>,
}

/// Lines at most this long may be pieces of a title printed over several lines.
const MAX_TITLE_PIECE: usize = 30;
/// Lines after the title searched for the title printed again.
const REPEAT_SEARCH: usize = 12;

/// Whether a line can hold the title, or its last piece.
fn title_like(line: &str) -> bool {
    line.contains("报告")
        && line.chars().count() <= MAX_TITLE_LINE
        && !ends_sentence(line)
        && !is_furniture(line)
}

/// The title near the top (joined when printed over up to three short lines), the
/// letterhead right above it, and the title printed once more under a page header.
fn front_matter(lines: &[Line], options: &ImportOptions, log: &mut Vec<Cleanup>) -> Front {
    let mut front = Front::default();
    let first_heading = lines
        .iter()
        .position(|l| marker_at(&l.text, true).is_some_and(|m| m.rank == 1))
        .unwrap_or(lines.len());
    let Some(title_at) = lines
        .iter()
        .take(first_heading.min(TITLE_SEARCH))
        .position(|l| title_like(&l.text))
    else {
        return front;
    };
    let start = title_start(lines, title_at, options, log);
    let title: String = lines
        .get(start..=title_at)
        .unwrap_or_default()
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    front.used.extend(start..=title_at);
    front.title_end = Some(title_at);
    if let Some(i) = letterhead_above(lines, start) {
        if let Some(l) = lines.get(i) {
            log.push(Cleanup {
                kind: CleanupKind::Letterhead,
                line: l.no,
                before: l.text.clone(),
                after: String::new(),
            });
            if applies(options, CleanupKind::Letterhead) {
                front.letterhead = Some(l.text.clone());
                front.used.push(i);
            }
        }
    }
    for i in repeated_title(lines, title_at + 1, &title) {
        if let Some(l) = lines.get(i) {
            log.push(Cleanup {
                kind: CleanupKind::WebFurniture,
                line: l.no,
                before: l.text.clone(),
                after: String::new(),
            });
            if applies(options, CleanupKind::WebFurniture) {
                front.used.push(i);
            }
        }
    }
    crate::sort::sort(&mut front.used);
    front.title = Some(title);
    front
}

/// Where the title starts: lines above its last piece are joined while the title still
/// names no unit before its year ("某某县市场监督管理局" over "2023年度法治政府建设工作报告").
fn title_start(
    lines: &[Line],
    title_at: usize,
    options: &ImportOptions,
    log: &mut Vec<Cleanup>,
) -> usize {
    let mut start = title_at;
    let mut title = lines
        .get(title_at)
        .map(|l| l.text.clone())
        .unwrap_or_default();
    while start > 0 && title_at - start < 2 && unit_from_title(&title).is_none() {
        let Some(above) = lines.get(start - 1) else {
            break;
        };
        let piece = above.text.as_str();
        let fits = piece.chars().count() <= MAX_TITLE_PIECE
            && name_like(piece)
            && !title.contains(piece)
            && !above.apart;
        if !fits {
            break;
        }
        title = format!("{piece}{title}");
        start -= 1;
    }
    if start == title_at {
        return start;
    }
    let pieces: Vec<&str> = lines
        .get(start..=title_at)
        .unwrap_or_default()
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    log.push(Cleanup {
        kind: CleanupKind::TitleLines,
        line: lines.get(start).map_or(0, |l| l.no),
        before: pieces.join("\n"),
        after: pieces.concat(),
    });
    if applies(options, CleanupKind::TitleLines) {
        start
    } else {
        title_at
    }
}

/// The letterhead: the nearest line above the title that is no furniture, if it reads as a name.
fn letterhead_above(lines: &[Line], start: usize) -> Option<usize> {
    let above = lines
        .get(..start)?
        .iter()
        .rposition(|l| !is_furniture(&l.text))?;
    lines
        .get(above)
        .filter(|l| name_like(&l.text))
        .map(|_| above)
}

/// Lines soon after the title that print it again, alone or over two or three lines.
fn repeated_title(lines: &[Line], from: usize, title: &str) -> Vec<usize> {
    let tight = |s: &str| -> String { s.chars().filter(|c| !is_space(*c)).collect() };
    let want = tight(title);
    let mut out = Vec::new();
    let until = lines.len().min(from + REPEAT_SEARCH);
    let mut i = from;
    while i < until {
        let mut joined = String::new();
        let mut hit = None;
        for k in 0..3 {
            let Some(l) = lines.get(i + k) else { break };
            joined.push_str(&tight(&l.text));
            if joined == want {
                hit = Some(k + 1);
                break;
            }
            if !want.starts_with(&joined) {
                break;
            }
        }
        match hit {
            Some(n) => {
                out.extend(i..i + n);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Signature: a date line at the very end, with the signer right above it. Returns where
/// the body ends.
fn signature(lines: &[Line], title_end: Option<usize>, parsed: &mut Parsed) -> usize {
    let body_from = title_end.map_or(0, |t| t + 1);
    let mut end = lines.len();
    if let Some(date) = lines.last().and_then(|l| parse_date(&l.text)) {
        if end > body_from {
            parsed.date = Some(date);
            end -= 1;
            if end > body_from {
                if let Some(signer) = lines.get(end - 1).filter(|l| name_like(&l.text)) {
                    parsed.signer = Some(signer.text.clone());
                    end -= 1;
                }
            }
        }
    }
    end
}

/// Page breaks: a line left open continues on the next line that is not a heading.
fn join_page_breaks(
    lines: &[Line],
    front: &Front,
    options: &ImportOptions,
    log: &mut Vec<Cleanup>,
) -> Vec<(usize, String)> {
    let apply = applies(options, CleanupKind::PageBreak);
    let mut logical: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if front.used.binary_search(&i).is_ok() {
            open = false;
            continue;
        }
        if line.apart {
            open = false;
            logical.push((line.no, line.text.clone()));
            continue;
        }
        let continues = open && marker_at(&line.text, true).is_none();
        match logical.last_mut() {
            Some((last_no, prev)) if continues => {
                let (before, after) = cut_excerpt(prev, &line.text);
                log.push(Cleanup {
                    kind: CleanupKind::PageBreak,
                    line: *last_no,
                    before,
                    after,
                });
                if apply {
                    push_joined(prev, &line.text);
                    *last_no = line.no;
                    // Still body text, so only its end matters; re-reading it all would be quadratic.
                    open = !ends_sentence(prev);
                    continue;
                }
            }
            _ => {}
        }
        open = leaves_open(&line.text);
        logical.push((line.no, line.text.clone()));
    }
    logical
}

/// Longest level-1 heading cut off at its first 。: a longer piece is a sentence.
const MAX_HEADING_SENTENCE: usize = 40;

/// One logical line as an outline item.
fn outline_item(l: String) -> Item {
    let Some(m) = marker_at(&l, true) else {
        return Item::Para(l);
    };
    let rest = l.get(m.len..).unwrap_or_default();
    let (text, body) = if m.rank == 1 {
        // A level-1 heading ends at its first 。 when that comes soon; otherwise the line
        // is the heading, commas and all.
        match run_in(rest) {
            (h, Some(b)) if h.chars().count() <= MAX_HEADING_SENTENCE => (h, Some(b)),
            _ => (trim(rest).to_string(), None),
        }
    } else {
        run_in(rest)
    };
    Item::Heading {
        rank: m.rank,
        text,
        body,
        original: l,
    }
}

/// Context shown on each side of a page-break cut.
const CUT_CONTEXT: usize = 10;

/// Before and after excerpts of a page-break join, from the two ends only (no copying of
/// whole paragraphs, which would make long chains of cuts quadratic).
fn cut_excerpt(prev: &str, next: &str) -> (String, String) {
    let l = tail(prev, CUT_CONTEXT);
    let r = head(next, CUT_CONTEXT);
    let lm = if l.len() < prev.len() { "…" } else { "" };
    let rm = if r.len() < next.len() { "…" } else { "" };
    let mut after = format!("{lm}{l}");
    push_joined(&mut after, r);
    (format!("{lm}{l}\n{r}{rm}"), format!("{after}{rm}"))
}

/// Builds sections from outline items; returns the intro and the level-1 parts.
fn build_tree(items: Vec<Item>, draft: &mut Draft) -> (String, Vec<Section>) {
    fn push_para(body: &mut String, p: &str) {
        let p = trim(p);
        if p.is_empty() {
            return;
        }
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(p);
    }
    fn close(stack: &mut Vec<(usize, Section)>, parts: &mut Vec<Section>) {
        if let Some((_, s)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(s),
                None => parts.push(s),
            }
        }
    }
    let top_rank = items
        .iter()
        .filter_map(|i| match i {
            Item::Heading { rank, .. } => Some(*rank),
            Item::Para(_) => None,
        })
        .min();
    let mut intro = String::new();
    let mut parts: Vec<Section> = Vec::new();
    let mut stack: Vec<(usize, Section)> = Vec::new();
    for item in items {
        match item {
            Item::Heading {
                rank,
                text,
                body,
                original,
            } => {
                // Lower-rank headings before the first part are the intro's own list.
                if stack.is_empty() && top_rank.is_some_and(|t| rank > t) {
                    push_para(&mut intro, &original);
                    continue;
                }
                while stack.last().is_some_and(|(r, _)| *r >= rank) {
                    close(&mut stack, &mut parts);
                }
                if stack.len() >= MAX_LEVEL {
                    if let Some((_, s)) = stack.last_mut() {
                        push_para(&mut s.body, &original);
                    }
                    continue;
                }
                let mut s = Section::new(draft.fresh_id());
                s.heading = text;
                if let Some(b) = body {
                    push_para(&mut s.body, &b);
                }
                stack.push((rank, s));
            }
            Item::Para(p) => match stack.last_mut() {
                Some((_, s)) => push_para(&mut s.body, &p),
                None => push_para(&mut intro, &p),
            },
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut parts);
    }
    (intro, parts)
}

/// Years named in text: four digits starting 20 before 年 ("2023年", "2023 年"), with the
/// byte offset where the digits start. A date (2025年3月20日) names a day, not the year a
/// text is about, and the end of a range (2021—2025年) is no year of its own: both are left out.
fn years(text: &str) -> impl Iterator<Item = (i32, usize)> + '_ {
    text.match_indices('年').filter_map(move |(i, _)| {
        let before = text.get(..i)?.trim_end_matches(is_space);
        let digits = tail(before, 4);
        let at = before.len().checked_sub(4)?;
        if digits.len() != 4
            || !digits.starts_with("20")
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let prev = text.get(..at)?.chars().next_back();
        if prev.is_some_and(|c| {
            c.is_ascii_digit() || matches!(c, '—' | '-' | '－' | '–' | '～' | '~' | '至')
        }) {
            return None;
        }
        let after = text
            .get(i + '年'.len_utf8()..)?
            .trim_start_matches(is_space);
        // Only the next few characters: a month follows at once or not at all.
        let near = head(after, 4);
        let month = near
            .find('月')
            .and_then(|m| near.get(..m))
            .is_some_and(|m| {
                let m = m.trim_matches(is_space);
                (1..=2).contains(&m.len()) && m.bytes().all(|b| b.is_ascii_digit())
            });
        if month {
            return None;
        }
        digits.parse::<i32>().ok().map(|y| (y, at))
    })
}

/// The first year named in text, see [`years`].
fn year_in(text: &str) -> Option<(i32, usize)> {
    years(text).next()
}

/// Characters of the opening looked at for the report year.
const OPENING_CHARS: usize = 300;

/// The report year named in the opening sentences: a year starting a sentence
/// ("2024年，我局……") first, else the year named most often, the first of equals.
fn year_of_opening(intro: &str) -> Option<i32> {
    let end = intro
        .char_indices()
        .nth(OPENING_CHARS)
        .map_or(intro.len(), |(i, _)| i);
    let opening = intro.get(..end)?;
    let starts = |at: usize| {
        opening
            .get(..at)
            .map(|b| b.trim_end_matches(is_space))
            .is_some_and(|b| b.is_empty() || b.ends_with(['。', '！', '？', '\n']))
    };
    let found: Vec<(i32, usize)> = years(opening).collect();
    if let Some(&(y, _)) = found.iter().find(|(_, at)| starts(*at)) {
        return Some(y);
    }
    let count = |y: i32| found.iter().filter(|(x, _)| *x == y).count();
    found
        .iter()
        .map(|&(y, _)| y)
        .fold(None, |best: Option<i32>, y| match best {
            Some(b) if count(b) >= count(y) => Some(b),
            _ => Some(y),
        })
}

/// Characters a level-1 heading keeps at least, and its cut-off text has at least.
const MIN_CUT: usize = 4;

/// A level-1 heading run together with its first sentence ("党政主要负责人履行……职责情况
/// 主要负责人带头学法5次") is cut after the last word a heading of the template usually ends
/// with; the rest opens the body. A heading that ends with such a word is left whole.
fn cut_heading(part: &mut Section, template: &Template) {
    let ends: Vec<&str> = template
        .parts
        .iter()
        .flat_map(|p| p.belongs.ends.iter().map(String::as_str))
        .filter(|e| !e.is_empty())
        .collect();
    let h = part.heading.as_str();
    if ends.iter().any(|e| h.ends_with(e)) {
        return;
    }
    let cut = ends
        .iter()
        .filter_map(|e| h.rfind(e).map(|i| i + e.len()))
        .max()
        .filter(|&at| {
            let long = |s: Option<&str>| s.is_some_and(|s| s.chars().count() >= MIN_CUT);
            long(h.get(..at)) && long(h.get(at..))
        });
    if let Some((head, rest)) = cut.and_then(|at| Some((h.get(..at)?, h.get(at..)?))) {
        let head = head.to_string();
        let mut body = trim(rest).to_string();
        if !part.body.is_empty() {
            body.push('\n');
            body.push_str(&part.body);
        }
        part.heading = head;
        part.body = body;
    }
}

/// Unit and year read back from a title made by the template's title pattern.
fn invert_title(title: &str, template: &Template) -> Option<(String, i32)> {
    let suffix = template.title_pattern.strip_prefix("{unit}{year}")?;
    if suffix.contains('{') {
        return None;
    }
    let before = title.strip_suffix(suffix)?;
    let digits = tail(before, 4);
    let year: i32 = digits
        .chars()
        .all(|c| c.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()?;
    if digits.len() != 4 || !YEARS.contains(&year) {
        return None;
    }
    Some((before.get(..before.len() - 4)?.to_string(), year))
}

/// Words that start the subject of a title naming no year: the unit comes before them.
const SUBJECT_STARTS: [&str; 2] = ["关于", "法治"];

/// The unit named at the start of a title, before its year (or, in a title naming no
/// year, before 关于 or 法治).
fn unit_from_title(title: &str) -> Option<String> {
    let at = match year_in(title) {
        Some((_, at)) => at,
        None => SUBJECT_STARTS.iter().filter_map(|w| title.find(w)).min()?,
    };
    let mut prefix = trim(title.get(..at)?);
    for tail_word in ["关于", "在"] {
        prefix = prefix.strip_suffix(tail_word).unwrap_or(prefix);
    }
    let prefix = trim(prefix);
    (!prefix.is_empty()).then(|| prefix.to_string())
}

/// A 成文日期 line: 2024年1月15日 or 二〇二四年一月十五日.
pub(crate) fn parse_date(line: &str) -> Option<DocDate> {
    let t: String = line.chars().filter(|c| !is_space(*c)).collect();
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let year = i32::try_from(number(y)?).ok()?;
    let month = u8::try_from(number(m)?).ok()?;
    let day = u8::try_from(number(d)?).ok()?;
    DocDate::new(year, month, day).ok()
}

/// Turns the parsed pieces into a draft, matching parts to the template.
fn assemble(parsed: Parsed, template: &Template, options: &ImportOptions) -> Imported {
    let Parsed {
        markdown,
        letterhead,
        title,
        items,
        signer,
        date,
        cleanups,
    } = parsed;
    let mut draft = Draft::from_template(template, "", options.fallback_year, date);
    draft.parts.clear();
    draft.next_id = INTRO.0 + 1;
    let (intro, mut parts) = build_tree(items, &mut draft);
    if !markdown {
        for p in &mut parts {
            cut_heading(p, template);
        }
    }

    let inverted = title.as_deref().and_then(|t| invert_title(t, template));
    let detected_year = inverted
        .as_ref()
        .map(|(_, y)| *y)
        .or_else(|| title.as_deref().and_then(year_in).map(|(y, _)| y))
        .or_else(|| year_of_opening(&intro));
    let year = detected_year.unwrap_or(options.fallback_year);
    let mut unit = letterhead
        .clone()
        .or_else(|| {
            inverted
                .as_ref()
                .map(|(u, _)| u.clone())
                .filter(|u| !u.is_empty())
        })
        .or_else(|| title.as_deref().and_then(unit_from_title));
    let detected_unit = unit.clone();
    let mut signer = signer
        .map(|s| trim(&s).to_string())
        .filter(|s| !s.is_empty());
    if markdown && signer.is_none() {
        // nianbao prints the unit under the rule whenever there is one, so none printed means none.
        unit = None;
    }
    let unit = unit.unwrap_or_default();
    if signer.as_deref() == Some(unit.as_str()) {
        signer = None;
    }

    draft.unit = unit;
    draft.year = year;
    draft.signer = signer;
    draft.intro = intro;
    draft.title = title
        .clone()
        .filter(|t| *t != template.title(&draft.unit, year));
    draft.parts = parts;

    let (matched, mapping) = map_parts(&mut draft, template, year);
    let missing = missing_parts(&draft, template);
    draft.open = draft.parts.first().map(|p| p.id).or(Some(INTRO));
    Imported {
        draft,
        cleanups,
        matched,
        missing,
        mapping,
        detected_title: title,
        detected_unit,
        detected_year,
    }
}

/// Matches each level-1 part to the template: by wording it stands for a template part
/// (each at most once), else by its words and place it counts toward one. Returns the
/// wording matches and the mapping of every part.
fn map_parts(
    draft: &mut Draft,
    template: &Template,
    year: i32,
) -> (Vec<(SectionId, String)>, Vec<PartMapping>) {
    let headings: Vec<&str> = draft.parts.iter().map(|p| p.heading.as_str()).collect();
    let direct = matching::assign(&headings, template, year);
    let belongs = matching::belongs(&headings, &direct, template, year);
    let mut matched = Vec::new();
    let mut mapping = Vec::with_capacity(draft.parts.len());
    for ((part, key), own) in draft.parts.iter_mut().zip(direct).zip(belongs) {
        let (key, reason) = match (&key, own) {
            (Some(k), _) => {
                matched.push((part.id, k.clone()));
                part.part = Some(k.clone());
                (Some(k.clone()), Some(Reason::Wording))
            }
            (None, Some((k, why))) => {
                part.belongs_to = Some(k.clone());
                (Some(k), Some(why))
            }
            (None, None) => (None, None),
        };
        mapping.push(PartMapping {
            id: part.id,
            key,
            reason,
            wording: part.part.clone(),
        });
    }
    (matched, mapping)
}

/// Keys of the template's required parts that no part stands for or counts toward.
fn missing_parts(draft: &Draft, template: &Template) -> Vec<String> {
    template
        .parts
        .iter()
        .filter(|p| p.required && !draft.covers_part(&p.key))
        .map(|p| p.key.clone())
        .collect()
}

impl Imported {
    /// The clerk's choice in the import dialog: level-1 part `index` counts toward the
    /// template part `key`, or toward nothing. Choosing the part its wording matched makes
    /// it stand for that part again; any other choice makes it an own part counting toward
    /// `key`. Unknown keys and indices change nothing.
    pub fn remap(&mut self, index: usize, key: Option<&str>, template: &Template) {
        if key.is_some_and(|k| template.part(k).is_none()) {
            return;
        }
        let (Some(part), Some(map)) =
            (self.draft.parts.get_mut(index), self.mapping.get_mut(index))
        else {
            return;
        };
        let own = key.is_none() || map.wording.as_deref() != key;
        part.part = if own { None } else { key.map(str::to_string) };
        part.belongs_to = if own { key.map(str::to_string) } else { None };
        map.key = key.map(str::to_string);
        map.reason = key.map(|_| if own { Reason::Chosen } else { Reason::Wording });
        self.matched = self
            .draft
            .parts
            .iter()
            .filter_map(|p| p.part.clone().map(|k| (p.id, k)))
            .collect();
        self.missing = missing_parts(&self.draft, template);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_digit_kinds() {
        assert_eq!(parse_date("2024年1月15日"), DocDate::new(2024, 1, 15).ok());
        assert_eq!(
            parse_date("2024 年 1 月 15 日"),
            DocDate::new(2024, 1, 15).ok()
        );
        assert_eq!(
            parse_date("二〇二四年一月十五日"),
            DocDate::new(2024, 1, 15).ok()
        );
        assert_eq!(
            parse_date("二〇二四年十二月二十三日"),
            DocDate::new(2024, 12, 23).ok()
        );
        assert_eq!(parse_date("2024年2月30日"), None);
        assert_eq!(parse_date("2024年工作"), None);
    }

    #[test]
    fn years_and_units_from_titles() {
        let t = Template::builtin();
        assert_eq!(
            year_in("岳阳县科技局2023年法治建设年度报告"),
            Some((2023, 18))
        );
        assert_eq!(year_in("关于1999年"), None);
        assert_eq!(
            unit_from_title("岳阳县科学技术局关于2023年法治政府建设情况的报告"),
            Some("岳阳县科学技术局".into())
        );
        assert_eq!(
            invert_title("甲2020年乙2023年法治政府建设年度报告", &t),
            Some(("甲2020年乙".into(), 2023))
        );
        assert_eq!(
            invert_title("2023年法治政府建设年度报告", &t),
            Some((String::new(), 2023))
        );
        assert_eq!(invert_title("报告", &t), None);
    }

    #[test]
    fn run_in_headings() {
        assert_eq!(
            run_in("加强组织领导。落实责任。"),
            ("加强组织领导".into(), Some("落实责任。".into()))
        );
        assert_eq!(run_in("强化组织领导。"), ("强化组织领导".into(), None));
    }
}
