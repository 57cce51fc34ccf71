//! Escaping user text for HTML and Markdown, and making safe file names.

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes one line of user text so that Markdown renders it exactly as typed.
///
/// Inline syntax characters are escaped anywhere; characters that only matter at the
/// start of a line (headings, lists, quotes, rules) are escaped there.
pub fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    let first = out.chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=')) {
        out.insert(0, '\\');
    } else {
        // "1." or "1)" at the start would become an ordered list.
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// A file name that every common file system accepts, from a report title.
pub fn file_name(title: &str, extension: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim().trim_matches('.');
    // Windows paths stop at 260 characters; a long title still leaves room for the folder.
    let stem: String = stem.chars().take(120).collect();
    let stem = if stem.is_empty() {
        "年度报告".to_string()
    } else {
        stem
    };
    format!("{stem}.{extension}")
}

/// `old` with the text between its first `head` and its last `tail` UTF-16 code units replaced
/// by `middle`: how a long textarea's edit is applied without copying its whole value out of
/// the browser (the browser counts in UTF-16 units, Rust strings in bytes). `None` when a cut
/// falls inside a character or the two ends overlap.
pub fn splice_utf16(old: &str, head: usize, tail: usize, middle: &str) -> Option<String> {
    let total: usize = old.chars().map(char::len_utf16).sum();
    let from = byte_at_utf16(old, head)?;
    let to = byte_at_utf16(old, total.checked_sub(tail)?)?;
    if from > to {
        return None;
    }
    let mut out = String::with_capacity(old.len() - (to - from) + middle.len());
    out.push_str(&old[..from]);
    out.push_str(middle);
    out.push_str(&old[to..]);
    Some(out)
}

/// The byte offset of the character that starts `units` UTF-16 code units into `s`.
fn byte_at_utf16(s: &str, units: usize) -> Option<usize> {
    let mut seen = 0;
    for (byte, c) in s.char_indices() {
        if seen == units {
            return Some(byte);
        }
        if seen > units {
            return None;
        }
        seen += c.len_utf16();
    }
    (seen == units).then_some(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            escape_html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn markdown_escapes_inline_and_line_start_syntax() {
        assert_eq!(escape_markdown("# 标题"), "\\# 标题");
        assert_eq!(escape_markdown("*重点*"), "\\*重点\\*");
        assert_eq!(escape_markdown("1. 列表"), "1\\. 列表");
        assert_eq!(escape_markdown("2023年"), "2023年");
        assert_eq!(escape_markdown("a & b <x>"), "a \\& b \\<x\\>");
        assert_eq!(
            escape_markdown("[链接](javascript:alert(1))"),
            "\\[链接\\](javascript:alert(1))"
        );
        assert_eq!(escape_markdown("- 项"), "\\- 项");
    }

    #[test]
    fn file_names_drop_reserved_characters() {
        assert_eq!(file_name("a/b:c*?", "md"), "a_b_c__.md");
        assert_eq!(file_name("  ", "html"), "年度报告.html");
        assert_eq!(
            file_name("县科技局2023年报告", "md"),
            "县科技局2023年报告.md"
        );
    }

    #[test]
    fn splices_at_utf16_offsets() {
        // A key typed at the end, one deleted in the middle, a selection replaced.
        assert_eq!(splice_utf16("法治", 2, 0, "a").as_deref(), Some("法治a"));
        assert_eq!(splice_utf16("法治政府", 1, 2, "").as_deref(), Some("法政府"));
        assert_eq!(splice_utf16("a法b", 1, 1, "治理").as_deref(), Some("a治理b"));
        // A character outside the BMP is two units; no cut may fall between them.
        assert_eq!(splice_utf16("𠀋x", 2, 1, "y").as_deref(), Some("𠀋yx"));
        assert_eq!(splice_utf16("𠀋x", 1, 1, "y"), None);
        assert_eq!(splice_utf16("ab", 2, 1, ""), None, "overlapping ends");
        assert_eq!(splice_utf16("ab", 0, 3, ""), None, "tail longer than the text");
        assert_eq!(splice_utf16("ab", 3, 0, ""), None, "head past the end");
    }
}
