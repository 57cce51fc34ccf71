//! The clean-ups that pasted text needs: web page furniture, watermarks, spaces around digits.
//!
//! Each stage records every change it finds, and applies it only when the user has not
//! chosen to skip that kind, so that the user sees what was (or would be) changed.

use super::chars::{excerpt, has_sentence_punct, is_cjk, is_han, is_space, trim};
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

/// Whether a line is part of a web page around the report rather than the report.
pub fn is_furniture(line: &str) -> bool {
    let t = trim(line);
    if t.is_empty() || t.chars().count() > MAX_FURNITURE || t.contains('。') {
        return false;
    }
    const STARTS: [&str; 22] = [
        "来源：",
        "来源:",
        "信息来源",
        "文章来源",
        "发布时间",
        "发布日期",
        "发布机构",
        "作者：",
        "作者:",
        "责任编辑",
        "编辑：",
        "索引号",
        "当前位置",
        "您当前的位置",
        "您的位置",
        "所在位置",
        "分享到",
        "字号",
        "【打印",
        "【关闭",
        "[打印",
        "扫一扫",
    ];
    const CONTAINS: [&str; 11] = [
        "浏览次数",
        "阅读次数",
        "点击数",
        "点击量",
        "浏览量",
        "访问量",
        "无障碍",
        "打印本页",
        "关闭窗口",
        "分享到",
        "返回顶部",
    ];
    const EXACT: [&str; 6] = [
        "打印",
        "关闭",
        "收藏",
        "【大】【中】【小】",
        "大 中 小",
        "大中小",
    ];
    const SITE_ENDS: [&str; 4] = ["门户网站", "政府网站", "人民政府网", "政府网"];
    STARTS.iter().any(|p| t.starts_with(p))
        || CONTAINS.iter().any(|p| t.contains(p))
        || EXACT.contains(&t)
        || (t.contains("简体") && t.contains("繁体"))
        || (t.contains("首页") && t.contains(['>', '＞', '»', '›']))
        || (t.chars().count() <= 30
            && !has_sentence_punct(t)
            && SITE_ENDS.iter().any(|p| t.ends_with(p)))
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
    // Longest first, so that a watermark containing another is removed whole; a page has
    // one or two watermarks, and a cap keeps the removal linear on hostile input.
    found.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    found.truncate(MAX_WATERMARKS);
    found
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
    ranges.sort_unstable();
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
        ] {
            assert!(is_furniture(t), "{t}");
        }
        for t in [
            "2023年，县科技局在县委县政府的坚强领导下，大力加强依法行政。",
            "一、推进法治政府建设的主要举措和成效",
            "岳阳县科学技术局",
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
