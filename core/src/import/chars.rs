//! Character classes and small text helpers shared by the import stages.

pub use crate::chars::{is_cjk, is_han};

/// Chinese numerals as used in 一、 and （一） markers.
pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '〇'
            | '零'
            | '两'
    )
}

/// ASCII or full-width decimal digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// White space, including the ideographic space that indents Chinese paragraphs.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}'
}

/// Trims white space of every kind, the ideographic space included.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Whether a line ends a sentence, so that the next line starts a new paragraph.
pub fn ends_sentence(s: &str) -> bool {
    let mut rev = s.chars().rev().filter(|c| !is_space(*c));
    match rev.next() {
        Some('。' | '！' | '？' | '；' | '：' | '…' | '.' | '!' | '?' | ';' | ':') => true,
        // A quotation or bracket closes a sentence only when a full stop sits inside it.
        Some('”' | '’' | '」' | '）' | ')' | '】' | '"') => {
            matches!(rev.next(), Some('。' | '！' | '？' | '…' | '.' | '!' | '?'))
        }
        _ => false,
    }
}

/// Sentence punctuation that a title, letterhead or signer line does not contain.
pub fn has_sentence_punct(s: &str) -> bool {
    s.contains(['。', '，', '；', '！', '？', ',', ';'])
}

/// The last `n` characters of a string.
pub fn tail(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i);
    match start {
        Some(i) if n > 0 => s.get(i..).unwrap_or(s),
        _ if n == 0 => "",
        _ => s,
    }
}

/// The first `n` characters of a string.
pub fn head(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// Characters of context kept on each side of a change shown to the user.
const CONTEXT: usize = 10;

/// A short view of `text[from..to]` with some context: what the user needs to judge a change.
pub fn excerpt(text: &str, from: usize, to: usize, replacement: &str) -> (String, String) {
    let (Some(left), Some(mid), Some(right)) =
        (text.get(..from), text.get(from..to), text.get(to..))
    else {
        return (text.to_string(), replacement.to_string());
    };
    let l = tail(left, CONTEXT);
    let r = head(right, CONTEXT);
    let lm = if l.len() < left.len() { "…" } else { "" };
    let rm = if r.len() < right.len() { "…" } else { "" };
    (
        format!("{lm}{l}{mid}{r}{rm}"),
        format!("{lm}{l}{replacement}{r}{rm}"),
    )
}

/// Unescapes Markdown backslash escapes: `\` before ASCII punctuation stands for that character.
pub fn unescape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(&n) = it.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    it.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_tails_count_characters() {
        assert_eq!(tail("党组理论学习", 2), "学习");
        assert_eq!(tail("ab", 5), "ab");
        assert_eq!(tail("ab", 0), "");
        assert_eq!(head("党组理论学习", 2), "党组");
        assert_eq!(head("", 2), "");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("如下："));
        assert!(ends_sentence("“关键少数。”"));
        assert!(!ends_sentence("“八进”"));
        assert!(!ends_sentence("党组理"));
        assert!(!ends_sentence(""));
    }

    #[test]
    fn excerpts_mark_cut_context() {
        let (b, a) = excerpt("县科技局 2023 年法治建设年度报告", 12, 13, "");
        assert_eq!(b, "县科技局 2023 年法治建设…");
        assert_eq!(a, "县科技局2023 年法治建设…");
        assert_eq!(excerpt("ab", 5, 9, "x"), ("ab".into(), "x".into()));
    }

    #[test]
    fn markdown_unescape() {
        assert_eq!(unescape_markdown(r"\# \*a\* \\ 1\. \好"), r"# *a* \ 1. \好");
    }
}
