//! The clean-ups that pasted text needs: web page furniture, watermarks, spaces around digits.
//!
//! Each stage records every change it finds, and applies it only when the user has not
//! chosen to skip that kind, so that the user sees what was (or would be) changed.

use super::chars::{excerpt, has_sentence_punct, is_cjk, is_han, is_space, tail, trim};
use super::{Cleanup, CleanupKind};
use std::collections::HashMap;

/// One line of the input with its 1-based line number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
    /// A line a clean-up recognised but the user chose to keep: it stays a line of its own.
    pub apart: bool,
}

/// Longest line that can be page furniture; a longer one is report text.
const MAX_FURNITURE: usize = 80;

/// Whether a line is part of a web page around the report rather than the report: the
/// site's name, 来源/发布时间/字号/浏览次数 lines, 今天是… greetings, date lines, breadcrumbs,
/// and rows of page buttons (打印 关闭 分享 …).
pub fn is_furniture(line: &str) -> bool {
    let t = trim(line);
    if t.is_empty() || t.chars().count() > MAX_FURNITURE || t.contains('。') {
        return false;
    }
    const STARTS: [&str; 31] = [
        "来源：",
        "来源:",
        "信息来源",
        "文章来源",
        "发布时间",
        "发布日期",
        "发布机构",
        "发文机关",
        "作者：",
        "作者:",
        "责任编辑",
        "编辑：",
        "索引号",
        "当前位置",
        "您当前的位置",
        "您的位置",
        "您现在的位置",
        "所在位置",
        "分享到",
        "字号",
        "字体：",
        "【字体",
        "【打印",
        "【关闭",
        "[打印",
        "扫一扫",
        "今天是",
        "点击：",
        "阅读：",
        "浏览：",
        "时间：",
    ];
    const CONTAINS: [&str; 13] = [
        "浏览次数",
        "阅读次数",
        "访问次数",
        "点击数",
        "点击量",
        "点击率",
        "浏览量",
        "访问量",
        "无障碍",
        "打印本页",
        "关闭窗口",
        "分享到",
        "返回顶部",
    ];
    const SITE_ENDS: [&str; 4] = ["门户网站", "政府网站", "人民政府网", "政府网"];
    STARTS.iter().any(|p| t.starts_with(p))
        || CONTAINS.iter().any(|p| t.contains(p))
        || (t.contains("简体") && t.contains("繁体"))
        || buttons_only(t)
        || date_only(t)
        // A 成文日期 alone is no furniture; a date before a 来源 or 浏览次数 is.
        || after_date(t).is_some_and(|rest| !rest.is_empty() && is_furniture(rest))
        || breadcrumb(t)
        || (t.chars().count() <= 30
            && !has_sentence_punct(t)
            && SITE_ENDS.iter().any(|p| t.ends_with(p)))
}

/// Words of page buttons and font-size switches; a line of nothing else is furniture.
const BUTTONS: [&str; 22] = [
    "打印",
    "关闭",
    "收藏",
    "分享",
    "微信",
    "微博",
    "QQ空间",
    "返回",
    "顶部",
    "大",
    "中",
    "小",
    "默认",
    "字号",
    "字体",
    "打印本页",
    "关闭本页",
    "关闭窗口",
    "上一篇",
    "下一篇",
    "纠错",
    "手机版",
];

/// Whether a line holds only page buttons, in any brackets: "【打印】【关闭】", "字号：[ 大 中 小 ]".
fn buttons_only(t: &str) -> bool {
    let mut any = false;
    for w in t
        .split(|c: char| is_space(c) || "【】[]（）()|｜：:/".contains(c))
        .filter(|w| !w.is_empty())
    {
        let size = w.chars().all(|c| "大中小".contains(c)) && w.chars().count() <= 3;
        if !(BUTTONS.contains(&w) || size) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether a line is only a date and time as web pages print them: "2025-03-20",
/// "2025/03/20 09:30:00".
fn date_only(t: &str) -> bool {
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    t.chars()
        .all(|c| c.is_ascii_digit() || is_space(c) || "-/:.年月日".contains(c))
        && digits >= 6
        && t.get(..4)
            .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
        && t.get(4..5)
            .is_some_and(|s| s == "-" || s == "/" || s == ".")
}

/// The rest of a line after a leading date and time ("2025年03月20日 来源：…",
/// "2025-03-20 09:30 浏览次数：8"), if it starts with one.
fn after_date(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    let digits = |from: usize| {
        b.get(from..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    if digits(0) != 4 {
        return None;
    }
    let mut at = 4;
    for sep in [["-", "/", "年"], ["-", "/", "月"]] {
        let rest = t.get(at..)?;
        let s = sep.iter().find(|s| rest.starts_with(*s))?;
        at += s.len();
        let n = digits(at);
        if !(1..=2).contains(&n) {
            return None;
        }
        at += n;
    }
    let mut rest = t.get(at..)?;
    rest = rest.strip_prefix('日').unwrap_or(rest);
    // A time of day: 09:30 or 09:30:00.
    let rest = trim(rest);
    let time_len = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ':'))
        .map_or(rest.len(), |(i, _)| i);
    let time = rest.get(..time_len).unwrap_or_default();
    let rest = if time.contains(':') {
        rest.get(time_len..)?
    } else {
        rest
    };
    Some(trim(rest))
}

/// Whether a line is a breadcrumb: short steps joined by >, », › or /, starting at 首页 or
/// with at least three steps.
fn breadcrumb(t: &str) -> bool {
    let steps: Vec<&str> = t
        .split(['>', '＞', '»', '›', '→', '/', '／'])
        .map(trim)
        .filter(|s| !s.is_empty())
        .collect();
    let short = steps
        .iter()
        .all(|s| s.chars().count() <= 40 && !has_sentence_punct(s));
    let starts_home = steps.first().is_some_and(|s| s.ends_with("首页"));
    // A site's breadcrumb names its sections in words: markup such as "<b>x</b>" splits at
    // its > and / into "steps" too, and is text to keep, not furniture.
    let named = !t.contains('<') && steps.iter().any(|s| s.chars().any(crate::chars::is_han));
    steps.len() >= 2 && short && (starts_home || steps.len() >= 3) && !t.contains("://") && named
}

/// Drops web page furniture lines.
pub fn furniture(lines: Vec<Line>, apply: bool, log: &mut Vec<Cleanup>) -> Vec<Line> {
    drop_lines(lines, apply, log, CleanupKind::WebFurniture, is_furniture)
}

/// Drops every line that `matches`, logging each as `kind`; when the kind is not applied the
/// line stays, set apart so that no later stage joins it to its neighbours.
fn drop_lines(
    lines: Vec<Line>,
    apply: bool,
    log: &mut Vec<Cleanup>,
    kind: CleanupKind,
    matches: impl Fn(&str) -> bool,
) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if !matches(&line.text) {
            out.push(line);
            continue;
        }
        log.push(Cleanup {
            kind,
            line: line.no,
            before: trim(&line.text).to_string(),
            after: String::new(),
        });
        if !apply {
            out.push(Line {
                apart: true,
                ..line
            });
        }
    }
    out
}

/// Shortest and longest watermark, in characters.
const WATERMARK_CHARS: std::ops::RangeInclusive<usize> = 2..=20;
/// Times a string must be inserted before it counts as a watermark.
const WATERMARK_MIN: usize = 3;
/// Most watermarks removed from one text.
const MAX_WATERMARKS: usize = 8;
/// Watermark words that count even where they sit inside text with no space around them.
const WATERMARK_WORDS: [&str; 8] = [
    "内部资料",
    "注意保存",
    "仅供参考",
    "请勿外传",
    "严禁外传",
    "内部使用",
    "严禁复制",
    "禁止转载",
];

/// Whether a piece of text could be a watermark: a few Han characters, no punctuation or digits.
fn watermark_like(t: &str) -> bool {
    let n = t.chars().count();
    WATERMARK_CHARS.contains(&n)
        && t.chars().filter(|&c| is_han(c)).count() >= 2
        && t.chars().all(|c| is_han(c) || c.is_ascii_alphabetic())
}

/// Pieces of a line separated by white space, with their byte ranges.
fn tokens(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, line.len()));
    }
    out
}

/// Finds watermarks: short strings standing alone (as a line, or between spaces inside
/// text) at least three times, plus known watermark words repeated anywhere. A unit name
/// printed as letterhead and again as signer stands alone only twice, so it stays.
fn find_watermarks(lines: &[Line]) -> Vec<String> {
    let mut standalone: HashMap<&str, usize> = HashMap::new();
    for line in lines {
        let toks = tokens(&line.text);
        for (k, &(s, e)) in toks.iter().enumerate() {
            let Some(t) = line.text.get(s..e) else {
                continue;
            };
            if !watermark_like(t) {
                continue;
            }
            // Spaces next to digits come from PDF extraction ("科技局 2023 年"), not from a watermark.
            let prev_ascii = k
                .checked_sub(1)
                .and_then(|j| toks.get(j))
                .and_then(|&(ps, pe)| line.text.get(ps..pe))
                .and_then(|p| p.chars().last())
                .is_some_and(|c| c.is_ascii_alphanumeric());
            let next_ascii = toks
                .get(k + 1)
                .and_then(|&(ns, ne)| line.text.get(ns..ne))
                .and_then(|n| n.chars().next())
                .is_some_and(|c| c.is_ascii_alphanumeric());
            let alone = toks.len() == 1;
            if alone || (toks.len() > 1 && !prev_ascii && !next_ascii) {
                *standalone.entry(t).or_default() += 1;
            }
        }
    }
    let mut found: Vec<String> = standalone
        .iter()
        .filter(|(_, &n)| n >= WATERMARK_MIN)
        .map(|(&t, _)| t.to_string())
        .collect();
    let count = |w: &str| -> usize { lines.iter().map(|l| l.text.matches(w).count()).sum() };
    for w in WATERMARK_WORDS {
        if !found.iter().any(|f| f.contains(w)) && count(w) >= WATERMARK_MIN {
            found.push(w.to_string());
        }
    }
    for w in site_watermarks(lines) {
        if !found.iter().any(|f| f.contains(w.as_str())) {
            found.push(w);
        }
    }
    // Longest first, so that a watermark containing another is removed whole; a page has
    // one or two watermarks, and a cap keeps the removal linear on hostile input.
    crate::sort::sort_by(&mut found, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    found.truncate(MAX_WATERMARKS);
    found
}

/// Words that mark a string as a website's: a web address, or words sites use of themselves.
const SITE_WORDS: [&str; 16] = [
    "www.",
    "http",
    ".com",
    ".cn",
    ".net",
    ".org",
    "网站",
    "网址",
    "文库",
    "范文",
    "下载",
    "资料",
    "宝库",
    "公众号",
    "转载",
    "版权",
];
/// Shortest and longest site watermark, in characters.
const SITE_MARK_CHARS: std::ops::RangeInclusive<usize> = 8..=60;
/// Characters on each side of a site word that must agree for two places to be one watermark.
const SITE_CONTEXT: usize = 3;
/// Most places of site words looked at: enough for any page, a bound on hostile input.
const MAX_SITE_PLACES: usize = 4000;

/// Places (line, byte start, byte end) of a site word.
type Place = (usize, usize, usize);

/// Finds watermarks by what they are, not by which site inserted them: a string of 8 or
/// more characters holding a web address or site words, found 2 or more times, at least
/// once cutting a sentence (with text on both sides and no sentence end before it).
///
/// Every place of a site word is grouped with the places whose few characters around agree;
/// a group is widened on both sides while all its places still agree, which stops exactly
/// where the watermark meets the different text around each copy.
fn site_watermarks(lines: &[Line]) -> Vec<String> {
    let mut groups: HashMap<String, Vec<Place>> = HashMap::new();
    let mut places = 0usize;
    'lines: for (n, line) in lines.iter().enumerate() {
        for w in SITE_WORDS {
            for (i, _) in line.text.match_indices(w) {
                places += 1;
                if places > MAX_SITE_PLACES {
                    break 'lines;
                }
                let e = i + w.len();
                let left = line
                    .text
                    .get(..i)
                    .map(|l| tail(l, SITE_CONTEXT))
                    .unwrap_or_default();
                let right = line
                    .text
                    .get(e..)
                    .map(|r| super::chars::head(r, SITE_CONTEXT))
                    .unwrap_or_default();
                groups
                    .entry(format!("{left}\u{0}{w}\u{0}{right}"))
                    .or_default()
                    .push((n, i, e));
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut keys: Vec<&String> = groups.keys().collect();
    crate::sort::sort(&mut keys);
    for key in keys {
        let Some(group) = groups.get(key) else {
            continue;
        };
        if group.len() < 2 {
            continue;
        }
        let Some(mark) = widen(lines, group) else {
            continue;
        };
        if !out.iter().any(|o| o.contains(mark.as_str())) {
            out.retain(|o| !mark.contains(o.as_str()));
            out.push(mark);
        }
    }
    out
}

/// The text shared by every place of a group, widened both ways while all places agree,
/// if it is long enough and cuts a sentence somewhere.
fn widen(lines: &[Line], group: &[Place]) -> Option<String> {
    let text = |&(n, _, _): &Place| lines.get(n).map(|l| l.text.as_str());
    let mut spans: Vec<Place> = group.to_vec();
    let mut chars = {
        let (n, s, e) = *spans.first()?;
        lines.get(n)?.text.get(s..e)?.chars().count()
    };
    // Leftwards: the character before each place must be the same, and no sentence end.
    while chars < *SITE_MARK_CHARS.end() {
        let mut prev = None;
        let mut agree = true;
        for p in &spans {
            let c = text(p)?.get(..p.1)?.chars().next_back();
            match (c, prev) {
                (None, _) => agree = false,
                (Some(c), None) => prev = Some(c),
                (Some(c), Some(q)) => agree &= c == q,
            }
        }
        let Some(c) = prev.filter(|c| agree && !matches!(c, '。' | '！' | '？' | '；' | '，'))
        else {
            break;
        };
        for p in &mut spans {
            p.1 -= c.len_utf8();
        }
        chars += 1;
    }
    while chars < *SITE_MARK_CHARS.end() {
        let mut next = None;
        let mut agree = true;
        for p in &spans {
            let c = text(p)?.get(p.2..)?.chars().next();
            match (c, next) {
                (None, _) => agree = false,
                (Some(c), None) => next = Some(c),
                (Some(c), Some(q)) => agree &= c == q,
            }
        }
        let Some(c) = next.filter(|c| agree && !matches!(c, '。' | '！' | '？' | '；' | '，'))
        else {
            break;
        };
        for p in &mut spans {
            p.2 += c.len_utf8();
        }
        chars += 1;
    }
    let first = spans.first()?;
    let mark = text(first)?.get(first.1..first.2)?;
    let mark = trim(mark);
    if !SITE_MARK_CHARS.contains(&mark.chars().count()) {
        return None;
    }
    // A copy cuts a sentence when text goes on after it and what comes before ends none.
    let cuts = spans.iter().any(|p| {
        text(p).is_some_and(|t| {
            let before = t.get(..p.1).map(trim).unwrap_or_default();
            let after = t.get(p.2..).map(trim).unwrap_or_default();
            !before.is_empty()
                && !after.is_empty()
                && !before.ends_with(['。', '！', '？', '；', '：'])
        })
    });
    cuts.then(|| mark.to_string())
}

/// Byte ranges of watermark occurrences in a line, merged and in order.
fn occurrences(line: &str, marks: &[String]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for m in marks {
        ranges.extend(
            line.match_indices(m.as_str())
                .map(|(i, s)| (i, i + s.len())),
        );
    }
    crate::sort::sort(&mut ranges);
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    // Watermarks separated only by spaces ("内部资料 注意保存") go as one.
    let mut grouped: Vec<(usize, usize)> = Vec::new();
    for (s, e) in merged {
        match grouped.last_mut() {
            Some(last) if line.get(last.1..s).is_some_and(|g| g.chars().all(is_space)) => {
                last.1 = e
            }
            _ => grouped.push((s, e)),
        }
    }
    grouped
}

/// Removes watermarks from lines; a line that held only a watermark goes away.
pub fn watermarks(lines: Vec<Line>, apply: bool, log: &mut Vec<Cleanup>) -> Vec<Line> {
    let marks = find_watermarks(&lines);
    if marks.is_empty() {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let ranges = occurrences(&line.text, &marks);
        if ranges.is_empty() {
            out.push(line);
            continue;
        }
        let mut text = String::with_capacity(line.text.len());
        let mut at = 0usize;
        for &(s, e) in &ranges {
            // The spaces that set the watermark apart go with it.
            let left = line.text.get(at..s).unwrap_or_default();
            let s = s - (left.len() - left.trim_end_matches(is_space).len());
            let right = line.text.get(e..).unwrap_or_default();
            let e = e + (right.len() - right.trim_start_matches(is_space).len());
            let kept = line.text.get(at..s).unwrap_or_default();
            let next = line.text.get(e..).and_then(|r| r.chars().next());
            let last = kept.chars().last().or_else(|| text.chars().last());
            let glue = if last.is_some_and(|c| c.is_ascii_alphanumeric())
                && next.is_some_and(|c| c.is_ascii_alphanumeric())
            {
                " "
            } else {
                ""
            };
            text.push_str(kept);
            text.push_str(glue);
            let (before, after) = excerpt(&line.text, s, e, glue);
            log.push(Cleanup {
                kind: CleanupKind::Watermark,
                line: line.no,
                before: trim(&before).to_string(),
                after: trim(&after).to_string(),
            });
            at = e;
        }
        text.push_str(line.text.get(at..).unwrap_or_default());
        let only_watermark = trim(&text).is_empty();
        if !apply {
            out.push(Line {
                apart: line.apart || only_watermark,
                ..line
            });
        } else if !only_watermark {
            out.push(Line {
                no: line.no,
                text,
                apart: line.apart,
            });
        }
    }
    out
}

/// Whether a line is only a page number ("- 2 -", "— 3 —", "第 2 页"), left by a page break.
pub fn is_page_number(line: &str) -> bool {
    let t = trim(line);
    if t.is_empty() || t.chars().count() > 20 {
        return false;
    }
    let core: String = t
        .chars()
        .filter(|&c| !matches!(c, '-' | '—' | '–' | '－' | '·') && !is_space(c))
        .collect();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(&core) {
        return true;
    }
    // 第2页 or 第2页共9页 or 共9页第2页.
    let parts: Vec<&str> = core.split('页').filter(|p| !p.is_empty()).collect();
    core.ends_with('页')
        && !parts.is_empty()
        && parts.iter().all(|p| {
            p.strip_prefix('第')
                .or_else(|| p.strip_prefix('共'))
                .is_some_and(digits)
        })
}

/// Drops page-number lines, which a page break leaves inside the text.
pub fn page_numbers(lines: Vec<Line>, apply: bool, log: &mut Vec<Cleanup>) -> Vec<Line> {
    drop_lines(lines, apply, log, CleanupKind::PageBreak, is_page_number)
}

/// Removes the spaces that PDF extraction and careless typing put between Chinese text and
/// digits or Latin letters ("2023 年" becomes "2023年"), one change per spot.
pub fn digit_spacing(lines: Vec<Line>, apply: bool, log: &mut Vec<Cleanup>) -> Vec<Line> {
    lines
        .into_iter()
        .map(|line| {
            // A line the user kept against another clean-up stays exactly as it was.
            let gaps = if line.apart {
                Vec::new()
            } else {
                spacing_gaps(&line.text)
            };
            if gaps.is_empty() {
                return line;
            }
            // Gaps on both sides of one number or word make one change.
            let mut spots: Vec<(usize, usize)> = Vec::new();
            for &(s, e) in &gaps {
                match spots.last_mut() {
                    Some(last)
                        if line
                            .text
                            .get(last.1..s)
                            .is_some_and(|g| g.chars().all(|c| c.is_ascii() && !is_space(c))) =>
                    {
                        last.1 = e
                    }
                    _ => spots.push((s, e)),
                }
            }
            for &(s, e) in &spots {
                let span = line.text.get(s..e).unwrap_or_default();
                let tight: String = span.chars().filter(|&c| !is_space(c)).collect();
                let (before, after) = excerpt(&line.text, s, e, &tight);
                log.push(Cleanup {
                    kind: CleanupKind::DigitSpacing,
                    line: line.no,
                    before,
                    after,
                });
            }
            if !apply {
                return line;
            }
            let mut text = String::with_capacity(line.text.len());
            let mut at = 0;
            for &(s, e) in &gaps {
                text.push_str(line.text.get(at..s).unwrap_or_default());
                at = e;
            }
            text.push_str(line.text.get(at..).unwrap_or_default());
            Line {
                no: line.no,
                text,
                apart: line.apart,
            }
        })
        .collect()
}

/// Byte ranges of white space with Chinese text on one side and a digit or Latin letter on
/// the other.
fn spacing_gaps(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut gap_start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        if is_space(c) {
            if gap_start.is_none() {
                gap_start = Some(i);
            }
            continue;
        }
        if let (Some(s), Some(p)) = (gap_start, prev) {
            let mixed = (is_cjk(p) && c.is_ascii_alphanumeric())
                || (p.is_ascii_alphanumeric() && is_cjk(c));
            if mixed {
                out.push((s, i));
            }
        }
        gap_start = None;
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: t.to_string(),
                apart: false,
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn markup_is_no_breadcrumb() {
        assert!(breadcrumb("首页 > 政务公开 > 法治政府建设"));
        assert!(breadcrumb("政务公开 / 规划计划 / 工作报告"));
        assert!(!breadcrumb("<svg><script>alert(87)</script></svg>"));
        assert!(!breadcrumb("a / b / c"));
        assert!(!is_furniture("<b>粗</b>/<i>斜</i>"));
    }

    #[test]
    fn furniture_lines() {
        for t in [
            "来源：岳阳县人民政府",
            "发布时间：2024-03-01 10:00",
            "浏览次数：123",
            "无障碍 简体|繁体",
            "简体 繁体",
            "字号：大 中 小",
            "打印本页 关闭窗口",
            "当前位置：首页 > 政务公开 > 法治政府建设",
            "岳阳县人民政府门户网站",
            "今天是：2019年10月8日 星期二",
            "来源：某某县司法局 字号：[ ]",
            "点击：356",
            "【打印】【关闭】",
            "分享：微信 微博",
            "2025-03-20",
            "2024/03/20 09:30:00",
            "2025年03月20日 来源：某某县司法局",
            "首页 » 新闻中心 » 通知公告",
            "政务公开 / 法治政府 / 年度报告",
        ] {
            assert!(is_furniture(t), "{t}");
        }
        for t in [
            "2023年，县科技局在县委县政府的坚强领导下，大力加强依法行政。",
            "一、推进法治政府建设的主要举措和成效",
            "岳阳县科学技术局",
            "2024年3月15日",
            "2024年，我局持续推进依法行政",
            "大力推进“放管服”改革",
            "中小企业",
            "1/3",
        ] {
            assert!(!is_furniture(t), "{t}");
        }
    }

    #[test]
    fn page_numbers() {
        for t in ["- 2 -", "— 3 —", "12", "第 2 页", "第2页共9页"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2023年", "一、", "第二页", "页", "12345"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn digit_spaces_go_per_spot() {
        let mut log = Vec::new();
        let out = digit_spacing(
            lines("研究制定《岳阳县科技局 2023 年普法工作计划》，累计 10 余次。1. 强化"),
            true,
            &mut log,
        );
        assert_eq!(
            texts(&out),
            ["研究制定《岳阳县科技局2023年普法工作计划》，累计10余次。1. 强化"]
        );
        assert_eq!(log.len(), 2);
        assert!(log[0].before.contains("科技局 2023 年普法"));
        assert!(log[0].after.contains("科技局2023年普法"));
    }

    #[test]
    fn site_watermarks_are_found_by_shape() {
        let mark = "某某资料网—免费下载www.example.com";
        let text = format!("落实第一{mark}责任人职责，\n开展培训{mark}12次。\n{mark}\n宣传资料3000份，资料下载量不计。");
        let mut log = Vec::new();
        let out = watermarks(lines(&text), true, &mut log);
        assert_eq!(
            texts(&out),
            [
                "落实第一责任人职责，",
                "开展培训12次。",
                "宣传资料3000份，资料下载量不计。"
            ]
        );
        assert_eq!(log.len(), 3);
        // Twice is enough; a repeated string that never cuts a sentence is text.
        let twice = format!("甲{mark}乙。\n丙{mark}丁。");
        assert_eq!(site_watermarks(&lines(&twice)), [mark]);
        let quoted = "请访问网站www.example.com查询。\n请访问网站www.example.com查询。";
        assert!(
            site_watermarks(&lines(quoted)).is_empty(),
            "sentence-long copies"
        );
        let short = "见www.a.cn；\n见www.a.cn；";
        assert!(site_watermarks(&lines(short)).is_empty());
    }

    #[test]
    fn watermarks_between_spaces_and_alone() {
        let text = "依法行政 内部资料 注意保存 工作\n内部资料 注意保存\n加强 内部资料 注意保存 学习\n法治 ABC";
        let mut log = Vec::new();
        let out = watermarks(lines(text), true, &mut log);
        assert_eq!(texts(&out), ["依法行政工作", "加强学习", "法治 ABC"]);
        assert_eq!(log.len(), 3);
        assert_eq!(log[1].after, "");
        let mut log = Vec::new();
        let out = watermarks(lines(text), false, &mut log);
        assert_eq!(out.len(), 4);
        assert_eq!(log.len(), 3);
    }
}
