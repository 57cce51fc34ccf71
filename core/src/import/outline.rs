//! Recognising 公文 outline markers (一、 （一） 1. （1）) and splitting run-together headings.

use super::chars::{is_cn_numeral, is_digit, is_han, is_space};

/// A number marker at the start of a line: its outline rank (1 = 一、) and byte length,
/// white space after it included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    pub rank: usize,
    pub len: usize,
}

/// Longest run of numeral characters a marker may have (二十三 is three).
const MAX_NUMERAL: usize = 4;
/// Longest run of digits a marker may have: 99 points is already no outline.
const MAX_DIGITS: usize = 2;

/// Counts leading characters matching `pred`, up to `max + 1`, returning the byte length.
fn run(s: &str, max: usize, pred: impl Fn(char) -> bool) -> (usize, usize) {
    let mut n = 0;
    let mut bytes = 0;
    for c in s.chars() {
        if !pred(c) || n > max {
            break;
        }
        n += 1;
        bytes += c.len_utf8();
    }
    (n, bytes)
}

/// Byte length of the white space (and a stray 、) after a marker.
fn gap(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !(is_space(c) || c == '、'))
        .map_or(s.len(), |(i, _)| i)
}

/// The marker at the start of `s`, if any.
///
/// Read strictly, the white space (and a stray 、) after the marker counts as part of it.
/// `strict` refuses look-alikes that are really text: 三、四月份 (a range of numerals) and
/// 1.5倍 (a decimal). Markdown headings written by nianbao carry their marker for certain,
/// so they are read with `strict` off.
pub fn marker_at(s: &str, strict: bool) -> Option<Marker> {
    let first = s.chars().next()?;
    if is_cn_numeral(first) {
        let (n, b) = run(s, MAX_NUMERAL, is_cn_numeral);
        let rest = s.get(b..)?;
        if n > MAX_NUMERAL || !rest.starts_with('、') {
            return None;
        }
        let after = rest.get('、'.len_utf8()..)?;
        if strict && after.chars().next().is_some_and(is_cn_numeral) {
            return None;
        }
        let skip = after.len() - after.trim_start_matches(is_space).len();
        return Some(Marker {
            rank: 1,
            len: b + '、'.len_utf8() + if strict { skip } else { 0 },
        });
    }
    if first == '（' || first == '(' {
        let inner = s.get(first.len_utf8()..)?;
        let (rank, (n, b)) = match inner.chars().next() {
            Some(c) if is_cn_numeral(c) => (2, run(inner, MAX_NUMERAL, is_cn_numeral)),
            Some(c) if is_digit(c) => (4, run(inner, MAX_DIGITS, is_digit)),
            _ => return None,
        };
        if n > if rank == 2 { MAX_NUMERAL } else { MAX_DIGITS } {
            return None;
        }
        let close = inner.get(b..)?.chars().next()?;
        if close != '）' && close != ')' {
            return None;
        }
        let used = first.len_utf8() + b + close.len_utf8();
        let skip = if strict { gap(s.get(used..)?) } else { 0 };
        return Some(Marker {
            rank,
            len: used + skip,
        });
    }
    if is_digit(first) {
        let (n, b) = run(s, MAX_DIGITS, is_digit);
        if n > MAX_DIGITS {
            return None;
        }
        let stop = s.get(b..)?.chars().next()?;
        if !matches!(stop, '.' | '．' | '、') {
            return None;
        }
        let used = b + stop.len_utf8();
        let after = s.get(used..)?;
        if strict && after.chars().next().is_some_and(is_digit) {
            return None;
        }
        let skip = after.len() - after.trim_start_matches(is_space).len();
        return Some(Marker {
            rank: 3,
            len: used + if strict { skip } else { 0 },
        });
    }
    None
}

/// Characters looked at after a marker in running text to judge whether a heading follows.
const LOOKAHEAD: usize = 30;

/// Whether the text after a marker found inside running text reads as a heading: it starts
/// with a word and does not run into a semicolon first (that is an inline list: 1.甲；2.乙).
fn heading_follows(s: &str, rank: usize) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let wordy = |c: char| is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '《' | '"');
    if !wordy(first) || (rank >= 3 && is_digit(first)) {
        return false;
    }
    if !chars.next().is_some_and(|c| wordy(c) || is_digit(c)) {
        return false;
    }
    for c in s.chars().take(LOOKAHEAD) {
        match c {
            '；' | ';' => return false,
            '。' | '！' | '？' => return true,
            _ => {}
        }
    }
    true
}

/// Longest text after a marker that still reads as a heading before the next marker.
const MAX_RUN_TOGETHER_HEADING: usize = 40;

/// Splits a line where headings were run together with no line break:
/// "……总结如下：一、主要举措和成效（一）强化组织领导" becomes three pieces.
///
/// A split happens before a marker that follows sentence punctuation (。：；！？) or a short
/// heading of a higher rank, and only when heading-like text follows the marker.
pub fn split_run_together(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut seg_start = 0usize;
    // Rank of the marker opening the current piece, and whether it still reads as a heading.
    let mut seg_rank = marker_at(line, true).map(|m| m.rank);
    let mut seg_chars = 0usize;
    let mut seg_stopped = false;
    let mut prev: Option<char> = None;
    // Ranks whose markers were seen as an inline list in this line.
    let mut listed = [false; 5];
    for (i, c) in line.char_indices() {
        if i > seg_start {
            let after_stop = matches!(
                prev,
                Some('。' | '：' | '；' | '！' | '？' | ':' | ';' | '!' | '?')
            );
            let after_heading = seg_rank.is_some() && !seg_stopped;
            if after_stop || after_heading {
                if let Some(m) = line.get(i..).and_then(|rest| marker_at(rest, true)) {
                    let text = line.get(i + m.len..).unwrap_or_default();
                    let fits = after_stop
                        || (seg_rank.is_some_and(|r| r < m.rank)
                            && (2..=MAX_RUN_TOGETHER_HEADING).contains(&seg_chars));
                    let in_list = listed.get(m.rank).copied().unwrap_or(false);
                    let follows = heading_follows(text, m.rank);
                    if after_stop && !follows {
                        // 1.甲；2.乙；3.丙。 is a list: its later items are not headings either.
                        if let Some(l) = listed.get_mut(m.rank) {
                            *l = true;
                        }
                    }
                    if fits && follows && !in_list {
                        let piece = line.get(seg_start..i).unwrap_or_default().trim();
                        if !piece.is_empty() {
                            out.push(piece);
                        }
                        seg_start = i;
                        seg_rank = Some(m.rank);
                        seg_chars = 0;
                        seg_stopped = false;
                        prev = Some(c);
                        continue;
                    }
                }
            }
        }
        if matches!(c, '。' | '；' | '：' | '！' | '？' | ';' | ':') {
            seg_stopped = true;
        }
        seg_chars += 1;
        if !is_space(c) {
            prev = Some(c);
        }
    }
    let last = line.get(seg_start..).unwrap_or_default().trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(s: &str) -> Option<usize> {
        marker_at(s, true).map(|m| m.rank)
    }

    #[test]
    fn markers_of_each_level() {
        assert_eq!(rank("一、推进"), Some(1));
        assert_eq!(rank("十二、推进"), Some(1));
        assert_eq!(rank("（一）强化"), Some(2));
        assert_eq!(rank("(三) 强化"), Some(2));
        assert_eq!(rank("1. 强化"), Some(3));
        assert_eq!(rank("2、强化"), Some(3));
        assert_eq!(rank("3．强化"), Some(3));
        assert_eq!(rank("（1）强化"), Some(4));
        assert_eq!(rank("(12)强化"), Some(4));
        for text in [
            "一是",
            "三、四月份",
            "1.5倍",
            "2023年",
            "（2023年）",
            "第一",
            "",
            "（",
            "1",
        ] {
            assert_eq!(rank(text), None, "{text}");
        }
        assert_eq!(marker_at("1. 强化", true).map(|m| m.len), Some(3));
        assert_eq!(marker_at("1.5", false).map(|m| m.rank), Some(3));
    }

    #[test]
    fn run_together_headings_are_split() {
        assert_eq!(
            split_run_together(
                "现将有关工作总结如下：一、推进法治政府建设的主要举措和成效（一）强化组织领导，提升法治能力"
            ),
            [
                "现将有关工作总结如下：",
                "一、推进法治政府建设的主要举措和成效",
                "（一）强化组织领导，提升法治能力"
            ]
        );
        assert_eq!(
            split_run_together("（一）加强组织领导。落实责任。（二）完善制度建设。建立制度。"),
            [
                "（一）加强组织领导。落实责任。",
                "（二）完善制度建设。建立制度。"
            ]
        );
    }

    #[test]
    fn enumerations_stay_in_the_paragraph() {
        for text in [
            "一是法治素养水平有待提升。二是法治意识有待加强。",
            "主要做法：1.建立台账；2.定期通报；3.限期整改。",
            "增长了。2.5倍的增幅",
        ] {
            assert_eq!(split_run_together(text), [text]);
        }
    }
}
