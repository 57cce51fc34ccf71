//! Import: plain text or Markdown turned into a draft, with the clean-ups it needed.
//!
//! Text pasted from a PDF or a web page brings along a letterhead, words cut by page
//! breaks, spaces around digits, page furniture and watermarks. Each is recorded as a
//! [`Cleanup`] so that the user sees it and may refuse a kind; the outline
//! (一、 （一） 1. （1）) becomes sections, and level-1 parts are matched to the
//! template's parts by the words of their headings. Markdown that nianbao exported comes
//! back unchanged.

mod chars;
mod cleanup;
mod markdown;
mod matching;
mod outline;

use crate::date::DocDate;
use crate::edit::YEARS;
use crate::model::{Draft, Section, SectionId, INTRO, MAX_LEVEL};
use crate::template::Template;
use chars::{ends_sentence, has_sentence_punct, head, is_space, tail, trim};
use cleanup::{is_furniture, Line};
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
}

impl CleanupKind {
    /// Every kind, in the order the import applies them.
    pub const ALL: [CleanupKind; 5] = [
        CleanupKind::WebFurniture,
        CleanupKind::Watermark,
        CleanupKind::DigitSpacing,
        CleanupKind::Letterhead,
        CleanupKind::PageBreak,
    ];

    /// The name shown to the user.
    pub fn label(&self) -> &'static str {
        match self {
            CleanupKind::Letterhead => "信头",
            CleanupKind::PageBreak => "分页断词",
            CleanupKind::DigitSpacing => "数字两侧空格",
            CleanupKind::WebFurniture => "网页杂项",
            CleanupKind::Watermark => "水印",
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
    /// Keys of required template parts that no imported part matched.
    pub missing: Vec<String>,
    /// The title line found in the text, clean-ups applied.
    pub detected_title: Option<String>,
    /// The unit found: the letterhead, else the title's start before its year. It can differ
    /// from `draft.unit` for Markdown with no signature, which nianbao writes only for no unit.
    pub detected_unit: Option<String>,
    /// The year named in the title, else in the intro.
    pub detected_year: Option<i32>,
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
    parsed.cleanups.sort_by_key(|c| c.line);
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

/// Plain text: clean-ups, front matter, page-break joins, outline.
fn parse_plain(text: &str, options: &ImportOptions) -> Parsed {
    let applies = |k: CleanupKind| !options.skip.contains(&k);
    let mut log: Vec<Cleanup> = Vec::new();

    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let t = trim(l);
            (!t.is_empty()).then(|| Line {
                no: i + 1,
                text: t.to_string(),
                apart: false,
            })
        })
        .collect();
    let lines = cleanup::furniture(lines, applies(CleanupKind::WebFurniture), &mut log);
    let lines = cleanup::watermarks(lines, applies(CleanupKind::Watermark), &mut log);
    let lines = cleanup::page_numbers(lines, applies(CleanupKind::PageBreak), &mut log);
    // Headings run together with text are split before anything looks at lines.
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
    let lines = cleanup::digit_spacing(split, applies(CleanupKind::DigitSpacing), &mut log);

    // Front matter: the title near the top, the letterhead right above it.
    let first_heading = lines
        .iter()
        .position(|l| marker_at(&l.text, true).is_some_and(|m| m.rank == 1))
        .unwrap_or(lines.len());
    let title_at = lines
        .iter()
        .take(first_heading.min(TITLE_SEARCH))
        .position(|l| {
            l.text.contains("报告")
                && l.text.chars().count() <= MAX_TITLE_LINE
                && !ends_sentence(&l.text)
                && !is_furniture(&l.text)
        });
    let letterhead_at = title_at.and_then(|t| {
        let above = lines
            .get(..t)?
            .iter()
            .rposition(|l| !is_furniture(&l.text))?;
        lines
            .get(above)
            .filter(|l| name_like(&l.text))
            .map(|_| above)
    });
    let mut parsed = Parsed::default();
    if let Some(i) = letterhead_at.and_then(|i| lines.get(i).map(|l| (i, l))) {
        log.push(Cleanup {
            kind: CleanupKind::Letterhead,
            line: i.1.no,
            before: i.1.text.clone(),
            after: String::new(),
        });
        if applies(CleanupKind::Letterhead) {
            parsed.letterhead = Some(i.1.text.clone());
        }
    }
    parsed.title = title_at.and_then(|t| lines.get(t)).map(|l| l.text.clone());

    // Signature: a date line at the very end, with the signer right above it.
    let mut end = lines.len();
    if let Some(date) = lines.last().and_then(|l| parse_date(&l.text)) {
        if end > title_at.map_or(0, |t| t + 1) {
            parsed.date = Some(date);
            end -= 1;
            if end > title_at.map_or(0, |t| t + 1) {
                if let Some(signer) = lines.get(end - 1).filter(|l| name_like(&l.text)) {
                    parsed.signer = Some(signer.text.clone());
                    end -= 1;
                }
            }
        }
    }

    // Page breaks: a line left open continues on the next line that is not a heading.
    let mut logical: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate().take(end) {
        if Some(i) == title_at || (Some(i) == letterhead_at && parsed.letterhead.is_some()) {
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
                if applies(CleanupKind::PageBreak) {
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

    for (_, l) in logical {
        let item = match marker_at(&l, true) {
            Some(m) => {
                let rest = l.get(m.len..).unwrap_or_default();
                let (text, body) = if m.rank == 1 {
                    (trim(rest).to_string(), None)
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
            None => Item::Para(l),
        };
        parsed.items.push(item);
    }
    parsed.cleanups = log;
    parsed
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

/// The year named in text: four digits starting 20 before 年 ("2023年", "2023 年").
/// Returns the year and the byte offset where its digits start.
fn year_in(text: &str) -> Option<(i32, usize)> {
    for (i, _) in text.match_indices('年') {
        let before = text.get(..i)?.trim_end_matches(is_space);
        let digits = tail(before, 4);
        if digits.len() == 4
            && digits.chars().all(|c| c.is_ascii_digit())
            && digits.starts_with("20")
        {
            if let Ok(y) = digits.parse::<i32>() {
                return Some((y, before.len() - 4));
            }
        }
    }
    None
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

/// The unit named at the start of a title, before its year.
fn unit_from_title(title: &str) -> Option<String> {
    let (_, at) = year_in(title)?;
    let mut prefix = trim(title.get(..at)?);
    for tail_word in ["关于", "在"] {
        prefix = prefix.strip_suffix(tail_word).unwrap_or(prefix);
    }
    let prefix = trim(prefix);
    (!prefix.is_empty()).then(|| prefix.to_string())
}

/// Value of a number written in Arabic or Chinese digits (2024, 二〇二四, 十五, 二十三).
fn number(s: &str) -> Option<u32> {
    let s = trim(s);
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().filter(|_| s.len() <= 4);
    }
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|v| v as u32)
    };
    let digit = |c: char| if c == '零' { Some(0) } else { digit(c) };
    if !s.contains('十') {
        if s.chars().count() > 4 {
            return None;
        }
        return s
            .chars()
            .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?));
    }
    let (tens, ones) = s.split_once('十')?;
    let tens = if tens.is_empty() {
        1
    } else {
        digit(tens.chars().next()?)?
    };
    let ones = if ones.is_empty() {
        0
    } else {
        digit(ones.chars().next()?)?
    };
    (tens <= 9 && s.chars().count() <= 3).then_some(tens * 10 + ones)
}

/// A 成文日期 line: 2024年1月15日 or 二〇二四年一月十五日.
fn parse_date(line: &str) -> Option<DocDate> {
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
    let (intro, parts) = build_tree(items, &mut draft);

    let inverted = title.as_deref().and_then(|t| invert_title(t, template));
    let detected_year = inverted
        .as_ref()
        .map(|(_, y)| *y)
        .or_else(|| title.as_deref().and_then(year_in).map(|(y, _)| y))
        .or_else(|| year_in(&intro).map(|(y, _)| y));
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

    let headings: Vec<&str> = draft.parts.iter().map(|p| p.heading.as_str()).collect();
    let keys = matching::assign(&headings, template, year);
    let mut matched = Vec::new();
    for (part, key) in draft.parts.iter_mut().zip(keys) {
        if let Some(k) = key {
            matched.push((part.id, k.clone()));
            part.part = Some(k);
        }
    }
    let missing = template
        .parts
        .iter()
        .filter(|p| p.required && !matched.iter().any(|(_, k)| *k == p.key))
        .map(|p| p.key.clone())
        .collect();
    draft.open = draft.parts.first().map(|p| p.id).or(Some(INTRO));
    Imported {
        draft,
        cleanups,
        matched,
        missing,
        detected_title: title,
        detected_unit,
        detected_year,
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
