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
}
