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
/// the browser (the browser counts in UTF-16 units, Rust strings in bytes). `total` is the
/// length of `old` in UTF-16 units, as the browser gives it: each cut is found from the nearer
/// end, so a key typed near either end costs nothing however long the text. `None` when a cut
/// falls inside a character, the ends overlap or `total` cannot be the length of `old` (a
/// UTF-16 unit takes one to three UTF-8 bytes).
pub fn splice_utf16(
    old: &str,
    total: usize,
    head: usize,
    tail: usize,
    middle: &str,
) -> Option<String> {
    let cut = total.checked_sub(tail)?;
    if head > cut || total > old.len() || old.len() > 3 * total {
        return None;
    }
    let from = byte_at_utf16(old, total, head)?;
    let to = byte_at_utf16(old, total, cut)?;
    let mut out = String::with_capacity(old.len() - (to - from) + middle.len());
    out.push_str(old.get(..from)?);
    out.push_str(middle);
    out.push_str(old.get(to..)?);
    Some(out)
}

/// The byte offset in `s` (`total` UTF-16 units long) of the character boundary `units` UTF-16
/// units from its start, counted from whichever end is nearer. Works on the UTF-8 bytes: a
/// character is one unit, two when it takes four bytes.
fn byte_at_utf16(s: &str, total: usize, units: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let lead = |b: u8| b & 0xC0 != 0x80;
    let width = |b: u8| if b >= 0xF0 { 2 } else { 1 };
    if units <= total / 2 {
        let mut seen = 0;
        for (i, &b) in bytes.iter().enumerate().filter(|(_, &b)| lead(b)) {
            if seen == units {
                return Some(i);
            }
            seen += width(b);
            if seen > units {
                return None;
            }
        }
        return (seen == units).then_some(bytes.len());
    }
    let mut left = total.checked_sub(units)?;
    let mut i = bytes.len();
    while left > 0 {
        i = bytes.get(..i)?.iter().rposition(|&b| lead(b))?;
        left = left.checked_sub(width(bytes[i]))?;
    }
    Some(i)
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
        let units = |s: &str| s.encode_utf16().count();
        let splice =
            |old: &str, head, tail, middle| splice_utf16(old, units(old), head, tail, middle);
        // A key typed at the end, one deleted in the middle, a selection replaced.
        assert_eq!(splice("法治", 2, 0, "a").as_deref(), Some("法治a"));
        assert_eq!(splice("法治政府", 1, 2, "").as_deref(), Some("法政府"));
        assert_eq!(splice("a法b", 1, 1, "治理").as_deref(), Some("a治理b"));
        // A character outside the BMP is two units; no cut may fall between them.
        assert_eq!(splice("𠀋x", 2, 1, "y").as_deref(), Some("𠀋yx"));
        assert_eq!(splice("x𠀋", 1, 0, "y").as_deref(), Some("xy"));
        assert_eq!(splice("𠀋x", 1, 1, "y"), None);
        assert_eq!(splice("x𠀋", 2, 0, "y"), None);
        assert_eq!(splice("ab", 2, 1, ""), None, "overlapping ends");
        assert_eq!(splice("ab", 0, 3, ""), None, "tail longer than the text");
        assert_eq!(splice("ab", 3, 0, ""), None, "head past the end");
        assert_eq!(
            splice_utf16("ab", 5, 0, 0, "x"),
            None,
            "a length the text cannot have"
        );
        assert_eq!(
            splice_utf16("法", 0, 0, 0, "x"),
            None,
            "a length the text cannot have"
        );
        assert_eq!(splice_utf16("", 0, 0, 0, "x").as_deref(), Some("x"));
    }

    #[test]
    fn every_cut_is_found_from_either_end() {
        let s = "法a𠀋b治\n𠀋𠀋政府z";
        let total = s.encode_utf16().count();
        let units: Vec<u16> = s.encode_utf16().collect();
        for head in 0..=total {
            for tail in 0..=(total - head) {
                let want = String::from_utf16(&units[..head])
                    .and_then(|a| {
                        String::from_utf16(&units[total - tail..]).map(|b| format!("{a}-{b}"))
                    })
                    .ok();
                assert_eq!(
                    splice_utf16(s, total, head, tail, "-"),
                    want,
                    "head {head}, tail {tail}"
                );
            }
        }
    }
}
