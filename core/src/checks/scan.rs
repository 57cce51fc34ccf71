//! Text helpers shared by the checks: paragraph ranges, excerpts, character classes, rewriting.

/// Byte range of `s` without its leading and trailing white space.
pub(super) fn trimmed(s: &str) -> (usize, usize) {
    let start = s.len() - s.trim_start().len();
    (start, start + s.trim().len())
}

/// Byte ranges of the non-blank paragraphs of a body, trimmed: the same paragraphs, in the
/// same order, as [`crate::model::paragraphs`], so indices agree with it.
pub(super) fn paragraph_spans(body: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut offset = 0;
    body.split('\n').filter_map(move |line| {
        let line_start = offset;
        offset += line.len() + 1;
        let (start, end) = trimmed(line);
        (start < end).then_some((line_start + start, line_start + end))
    })
}

/// Characters of context kept before the problem in an excerpt.
const BEFORE: usize = 10;
/// Characters kept in all; with an ellipsis on each side an excerpt stays within 30.
const KEPT: usize = 28;

/// Up to 30 characters of `text` around byte offset `at`, with "…" where it was cut.
pub(super) fn excerpt(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or_default();
    let start = head
        .char_indices()
        .rev()
        .take(BEFORE)
        .last()
        .map_or(head.len(), |(i, _)| i);
    let rest = text.get(start..).unwrap_or_default();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut taken = 0;
    for c in rest.chars().take(KEPT) {
        out.push(c);
        taken += c.len_utf8();
    }
    if taken < rest.len() {
        out.push('…');
    }
    out
}

pub(super) use crate::chars::is_cjk;

/// `full` with byte ranges replaced; `None` if a range is out of order or not on character
/// boundaries, so that a fix is never built from a mangled text.
pub(super) fn replace(full: &str, reps: &[(usize, usize, String)]) -> Option<String> {
    let mut out = String::with_capacity(full.len() + 16);
    let mut at = 0;
    for (start, end, with) in reps {
        if *start < at || end < start {
            return None;
        }
        out.push_str(full.get(at..*start)?);
        full.get(*start..*end)?;
        out.push_str(with);
        at = *end;
    }
    out.push_str(full.get(at..)?);
    Some(out)
}

/// End of the run of ASCII digits starting at byte `i`.
pub(super) fn digits_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while b.get(j).is_some_and(u8::is_ascii_digit) {
        j += 1;
    }
    j
}

/// First byte at or after `i` that is not an ASCII space.
pub(super) fn skip_spaces(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    j
}

/// Items quoted and joined for a message: “,”“(”.
pub(super) fn quoted(items: &[String]) -> String {
    items.iter().map(|s| format!("“{s}”")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::paragraphs;

    #[test]
    fn paragraph_ranges_match_the_model() {
        let body = "\u{3000}\u{3000}第一段\r\n\n  \n第二段 \n\t第三段";
        let ours: Vec<&str> = paragraph_spans(body).map(|(s, e)| &body[s..e]).collect();
        let model: Vec<&str> = paragraphs(body).collect();
        assert_eq!(ours, model);
        assert_eq!(ours, ["第一段", "第二段", "第三段"]);
        assert_eq!(paragraph_spans("").count(), 0);
    }

    #[test]
    fn excerpts_stay_short_and_mark_cuts() {
        let text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬";
        let at = text.char_indices().nth(15).unwrap().0;
        let e = excerpt(text, at);
        assert!(e.starts_with("…六"), "{e}");
        assert!(e.ends_with('…'));
        assert!(e.chars().count() <= 30);
        assert_eq!(excerpt("短句", 0), "短句");
        assert_eq!(excerpt("短句", 99), "短句");
    }

    #[test]
    fn replacing_refuses_bad_ranges() {
        let reps = vec![(0, 1, "X".to_string())];
        assert_eq!(replace("abc", &reps).as_deref(), Some("Xbc"));
        assert_eq!(replace("中文", &[(1, 2, "X".into())]), None);
        assert_eq!(
            replace("abc", &[(2, 3, "".into()), (0, 1, "".into())]),
            None
        );
    }
}
