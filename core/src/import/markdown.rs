//! Reading Markdown, above all the Markdown nianbao exports, back into report pieces.
//!
//! Markdown is structured already, so no clean-up is applied to it: every heading is a `#`
//! line, every other line is text exactly as typed, with backslash escapes undone.

use super::chars::{trim, unescape_markdown};
use super::outline::marker_at;
use super::{parse_date, Item, Parsed};

/// The `#` count and text of an ATX heading line.
pub fn atx(line: &str) -> Option<(usize, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = line.get(hashes..)?;
    if rest.is_empty() {
        return Some((hashes, ""));
    }
    rest.strip_prefix(' ')
        .or_else(|| rest.strip_prefix('\t'))
        .map(|t| (hashes, t.trim()))
}

/// Whether the text is Markdown: it opens with a heading or has `##` part headings.
pub fn looks_like_markdown(text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    first.is_some_and(|l| atx(l).is_some())
        || text
            .lines()
            .any(|l| l.starts_with("## ") || l.starts_with("### "))
}

/// Heading text without its number: the marker of the heading's own level is taken off
/// as nianbao wrote it, a marker of another kind only when it cannot be text.
fn strip_number(text: &str, level: usize) -> &str {
    let m = marker_at(text, false)
        .filter(|m| m.rank == level)
        .or_else(|| marker_at(text, true));
    match m {
        Some(m) => text.get(m.len..).unwrap_or_default(),
        None => text,
    }
}

/// Parses Markdown into the pieces of a report.
pub fn parse(text: &str) -> Parsed {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    // The signature block is whatever follows the last rule, if that is a line or two.
    let mut end = lines.len();
    let mut signature: Vec<String> = Vec::new();
    if let Some(rule) = lines.iter().rposition(|l| trim(l) == "---") {
        let after: Vec<&str> = lines
            .get(rule + 1..)
            .unwrap_or_default()
            .iter()
            .map(|l| trim(l))
            .filter(|l| !l.is_empty())
            .collect();
        if after.len() <= 2 && after.iter().all(|l| atx(l).is_none()) {
            end = rule;
            signature = after.into_iter().map(unescape_markdown).collect();
        }
    }
    let body = lines.get(..end).unwrap_or_default();

    let headings: Vec<usize> = body.iter().filter_map(|l| atx(l).map(|h| h.0)).collect();
    let first_heading = body.iter().position(|l| atx(l).is_some());
    let title_line = first_heading.filter(|&i| {
        body.get(i).and_then(|l| atx(l)).is_some_and(|h| h.0 == 1)
            && headings.iter().filter(|&&h| h == 1).count() == 1
    });
    let min_outline = body
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != title_line)
        .filter_map(|(_, l)| atx(l).map(|h| h.0))
        .min()
        .unwrap_or(2);

    let mut parsed = Parsed {
        markdown: true,
        ..Parsed::default()
    };
    let mut para: Vec<String> = Vec::new();
    let flush = |para: &mut Vec<String>, items: &mut Vec<Item>| {
        if !para.is_empty() {
            items.push(Item::Para(super::join_wrapped(para)));
            para.clear();
        }
    };
    for (i, line) in body.iter().enumerate() {
        let t = trim(line);
        if Some(i) == title_line {
            flush(&mut para, &mut parsed.items);
            if let Some((_, title)) = atx(t) {
                parsed.title = Some(unescape_markdown(title).trim().to_string());
            }
            continue;
        }
        if let Some((hashes, h)) = atx(t) {
            flush(&mut para, &mut parsed.items);
            let level = hashes.saturating_sub(min_outline) + 1;
            let text = unescape_markdown(strip_number(h, level));
            parsed.items.push(Item::Heading {
                rank: level,
                text: text.trim().to_string(),
                body: None,
                original: text.trim().to_string(),
            });
        } else if t.is_empty() {
            flush(&mut para, &mut parsed.items);
        } else {
            para.push(unescape_markdown(t));
        }
    }
    flush(&mut para, &mut parsed.items);

    match signature.as_slice() {
        [one] => match parse_date(one) {
            Some(d) => parsed.date = Some(d),
            None => parsed.signer = Some(one.clone()),
        },
        [signer, date, ..] => {
            parsed.signer = Some(signer.clone());
            parsed.date = parse_date(date);
        }
        [] => {}
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atx_headings() {
        assert_eq!(atx("## 一、标题"), Some((2, "一、标题")));
        assert_eq!(atx("#"), Some((1, "")));
        assert_eq!(atx("#标签"), None);
        assert_eq!(atx("\\# 文字"), None);
        assert_eq!(atx("####### 七"), None);
    }

    #[test]
    fn numbers_come_off_once() {
        assert_eq!(strip_number("1.5倍", 3), "5倍");
        assert_eq!(strip_number("一、一、重复", 1), "一、重复");
        assert_eq!(strip_number("主要举措", 1), "主要举措");
        assert_eq!(strip_number("（一）1\\.5", 2), "1\\.5");
    }
}
