//! Numbers typed into headings: the app numbers headings itself, so "一、" typed by hand
//! would print as "一、一、".

use super::scan;
use super::{CheckKind, Ctx, Severity, Span};

const CN_DIGITS: &str = "一二三四五六七八九十百零〇";

fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Circled, bracketed and full-stop numerals (①, ⑴, ⒈, ㈠) and Roman numerals (Ⅰ).
fn is_numeral_sign(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{249B}' | '\u{3220}'..='\u{3229}' | '\u{2160}'..='\u{216B}')
}

/// Byte length of the number a heading starts with, with the spaces after it.
pub(super) fn marker_len(heading: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = heading.char_indices().take(12).collect();
    let c = |k: usize| chars.get(k).map(|&(_, c)| c);
    let run =
        |from: usize, f: fn(char) -> bool| (from..).take_while(|&k| c(k).is_some_and(f)).count();
    let first = c(0)?;
    // Index of the first character after the marker.
    let end: usize = if is_numeral_sign(first) {
        1 + usize::from(c(1).is_some_and(|s| "、.．，,".contains(s)))
    } else if first == '（' || first == '(' {
        let n = run(1, is_cn_digit).max(run(1, is_digit));
        if n == 0 || !c(1 + n).is_some_and(|s| s == '）' || s == ')') {
            return None;
        }
        2 + n + usize::from(c(2 + n).is_some_and(|s| "、.．".contains(s)))
    } else if first == '第' {
        let n = run(1, is_cn_digit);
        if n == 0 {
            return None;
        }
        let after = heading.get(chars.get(1 + n)?.0..)?;
        if after.starts_with("部分") {
            let k = 3 + n;
            k + usize::from(c(k).is_some_and(|s| "、，,：:".contains(s)))
        } else if c(1 + n).is_some_and(|s| "、，,：:".contains(s)) {
            2 + n
        } else {
            return None;
        }
    } else if is_cn_digit(first) {
        let n = run(0, is_cn_digit);
        if !c(n).is_some_and(|s| "、，,.．".contains(s)) {
            return None;
        }
        n + 1
    } else if is_digit(first) {
        let n = run(0, is_digit);
        let sep = c(n)?;
        // "1.5倍" and "2023、2024年" are not numbers of a heading.
        let ok = n <= 2
            && ("、，,）)".contains(sep)
                || (".．".contains(sep) && !c(n + 1).is_some_and(is_digit)));
        if !ok {
            return None;
        }
        n + 1
    } else {
        return None;
    };
    let after = chars.get(end).map_or(heading.len(), |&(i, _)| i);
    let rest = heading.get(after..)?;
    Some(heading.len() - rest.trim_start().len())
}

/// Reports a typed number; returns its byte length, so that other checks skip what the
/// fix removes (the half-width brackets of "(一)" are not worth a second finding).
pub(super) fn check(ctx: &mut Ctx<'_>, span: &Span<'_>) -> usize {
    let text = span.text();
    let Some(len) = marker_len(text) else {
        return 0;
    };
    let typed = text.get(..len).unwrap_or_default().trim_end();
    let fix = ctx.text_fix(
        CheckKind::ManualNumbering,
        span,
        vec![(0, len, String::new())],
        "删除手写编号".into(),
    );
    ctx.push(
        CheckKind::ManualNumbering,
        Severity::Error,
        span.location(),
        format!(
            "{}开头手写了编号“{typed}”：编号由系统自动生成，打印时会重复",
            span.describe()
        ),
        scan::excerpt(text, 0),
        fix,
    );
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(h: &str) -> Option<&str> {
        marker_len(h).map(|n| &h[n..])
    }

    #[test]
    fn typed_numbers_are_recognised() {
        for h in [
            "一、加强领导",
            "十二、加强领导",
            "（一）加强领导",
            "(一)加强领导",
            "(一) 加强领导",
            "（1）加强领导",
            "(1)加强领导",
            "1.加强领导",
            "1. 加强领导",
            "12、加强领导",
            "１．加强领导",
            "第一，加强领导",
            "第三部分 加强领导",
            "第二、加强领导",
            "①加强领导",
            "㈠加强领导",
            "Ⅱ、加强领导",
            "一.加强领导",
        ] {
            assert_eq!(strip(h), Some("加强领导"), "{h}");
        }
    }

    #[test]
    fn ordinary_headings_are_left_alone() {
        for h in [
            "2024年推进法治政府建设的主要安排",
            "1.5倍增长",
            "2023、2024年工作",
            "一是加强领导",
            "十分重视法治",
            "第一责任人职责",
            "（ISO）认证",
            "加强领导",
            "",
        ] {
            assert_eq!(strip(h), None, "{h}");
        }
    }
}
