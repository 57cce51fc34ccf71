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
            // White space ends a heading in text pasted as one line.
            '。' | '！' | '？' => return true,
            c if is_space(c) => return true,
            _ => {}
        }
    }
    true
}

/// Longest text after a marker that still reads as a heading before the next marker.
const MAX_RUN_TOGETHER_HEADING: usize = 40;
/// Characters a heading must have before a space or a year can end it.
const MIN_HEADING: usize = 4;

/// The state of the piece being read in [`split_run_together`].
struct Piece {
    start: usize,
    /// Rank of the marker opening the piece.
    rank: Option<usize>,
    /// Characters read in the piece.
    chars: usize,
    /// Characters since the last white space.
    since_space: usize,
    /// Characters of the word before the last white space.
    word: usize,
    /// Whether sentence punctuation ended the heading that opens the piece.
    stopped: bool,
}

impl Piece {
    fn at(start: usize, rank: Option<usize>) -> Self {
        Piece {
            start,
            rank,
            chars: 0,
            since_space: 0,
            word: 0,
            stopped: false,
        }
    }

    /// Whether the piece is still a heading that has gone on long enough to end.
    fn heading_open(&self) -> bool {
        self.rank.is_some() && !self.stopped && self.chars >= MIN_HEADING
    }
}

/// Adds the trimmed text of `line[from..to]` to `out` unless it is empty.
fn cut<'a>(out: &mut Vec<&'a str>, line: &'a str, from: usize, to: usize) {
    let p = line.get(from..to).unwrap_or_default().trim();
    if !p.is_empty() {
        out.push(p);
    }
}

/// Whether a year that starts a sentence begins here: "2023年，" or "2023年以来".
fn year_sentence(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b.get(..2) == Some(b"20")
        && b.get(..4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && s.get(4..).is_some_and(|r| {
            ["年，", "年以来", "年度，", "年是"]
                .iter()
                .any(|p| r.starts_with(p))
        })
}

/// Splits a line where headings were run together with no line break:
/// "……总结如下：一、主要举措和成效（一）强化组织领导" becomes three pieces.
///
/// A split happens only where a heading can start: before a marker that follows sentence
/// punctuation (。：；！？), white space or a short heading of a higher rank, when heading-like
/// text follows the marker; and before 一是 after a sentence end, white space or a heading.
/// A heading not ended by punctuation ends at a space between Chinese words or before a year
/// starting a sentence ("一、主要举措和成效 2023年，…"), so that a report pasted as one line
/// gets its outline back.
pub fn split_run_together(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut piece = Piece::at(0, marker_at(line, true).map(|m| m.rank));
    let mut prev: Option<char> = None;
    let mut prev_space = false;
    // Ranks whose markers were seen as an inline list in this line.
    let mut listed = [false; 5];
    for (i, c) in line.char_indices() {
        if i > piece.start && !is_space(c) {
            let rest = line.get(i..).unwrap_or_default();
            let after_stop = matches!(
                prev,
                Some('。' | '：' | '；' | '！' | '？' | ':' | ';' | '!' | '?')
            );
            let after_heading = piece.rank.is_some() && !piece.stopped;
            let mut split_as: Option<Option<usize>> = None;
            if after_stop || after_heading || prev_space {
                if let Some(m) = marker_at(rest, true) {
                    let text = rest.get(m.len..).unwrap_or_default();
                    let fits = after_stop
                        || prev_space
                        || (piece.rank.is_some_and(|r| r < m.rank)
                            && (2..=MAX_RUN_TOGETHER_HEADING).contains(&piece.chars));
                    let in_list = listed.get(m.rank).copied().unwrap_or(false);
                    let follows = heading_follows(text, m.rank);
                    if after_stop && !follows {
                        // 1.甲；2.乙；3.丙。 is a list: its later items are not headings either.
                        if let Some(l) = listed.get_mut(m.rank) {
                            *l = true;
                        }
                    }
                    if fits && follows && !in_list {
                        split_as = Some(Some(m.rank));
                    }
                }
            }
            let sentence_end = matches!(prev, Some('。' | '：' | '！' | '？' | ':' | '!' | '?'));
            if split_as.is_none()
                && rest.starts_with("一是")
                && (sentence_end || prev_space || piece.heading_open())
            {
                split_as = Some(None);
            }
            // A heading with no punctuation ends at a space between Chinese words or where
            // a sentence opens with its year.
            let han_gap = prev_space && prev.is_some_and(is_han) && is_han(c);
            if split_as.is_none()
                && piece.heading_open()
                && ((han_gap && piece.word >= MIN_HEADING) || year_sentence(rest))
            {
                split_as = Some(None);
            }
            // A title at the start of a one-line paste ends at 报告.
            let title_open = piece.start == 0
                && piece.rank.is_none()
                && !piece.stopped
                && line
                    .get(..i)
                    .is_some_and(|t| t.trim_end().ends_with("报告"));
            if split_as.is_none() && title_open && (prev_space || year_sentence(rest)) {
                split_as = Some(marker_at(rest, true).map(|m| m.rank));
            }
            if let Some(rank) = split_as {
                cut(&mut out, line, piece.start, i);
                piece = Piece::at(i, rank);
            }
        }
        if matches!(c, '。' | '；' | '：' | '！' | '？' | ';' | ':') {
            piece.stopped = true;
        }
        prev_space = is_space(c);
        if prev_space {
            if piece.since_space > 0 {
                piece.word = piece.since_space;
            }
            piece.since_space = 0;
        } else {
            piece.since_space += 1;
            piece.chars += 1;
            prev = Some(c);
        }
    }
    cut(&mut out, line, piece.start, line.len());
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
    fn one_line_reports_split_where_headings_can_start() {
        assert_eq!(
            split_run_together("报告如下： 一、主要举措和成效 （一）完善制度 修订办法2项。 二、存在的不足和原因 一是装备不足；二是人才缺乏。"),
            [
                "报告如下：",
                "一、主要举措和成效",
                "（一）完善制度",
                "修订办法2项。",
                "二、存在的不足和原因",
                "一是装备不足；二是人才缺乏。"
            ]
        );
        assert_eq!(
            split_run_together("某县2023年法治政府建设年度报告2023年，我局依法行政。"),
            ["某县2023年法治政府建设年度报告", "2023年，我局依法行政。"]
        );
        assert_eq!(
            split_run_together("一、主要举措和成效2023年，我局修订制度3项。"),
            ["一、主要举措和成效", "2023年，我局修订制度3项。"]
        );
        assert_eq!(
            split_run_together("二、存在的不足和原因一是执法力量不足。二是宣传不广。"),
            ["二、存在的不足和原因", "一是执法力量不足。二是宣传不广。"]
        );
        // Spaces next to digits, and letter-spaced words, end no heading.
        for text in [
            "四、2024 年推进法治建设主要安排",
            "一、主 要 举 措",
            "统一是前提",
        ] {
            assert_eq!(split_run_together(text), [text]);
        }
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
