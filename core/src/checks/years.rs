//! Years: part headings and the title must name the year they are about.
//!
//! Parts whose template heading says `{year}` are about the report year, `{next_year}` the
//! year after; only years written as 20xx年 (or 20xx 年) count.

use super::{scan, CheckKind, Ctx, Severity, Span};
use crate::model::Section;

/// Byte ranges of the four digits of each 20xx年 in `text`, with the year.
pub(super) fn find(text: &str) -> Vec<(usize, usize, i32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rest) = b.get(i..) {
        match rest {
            [b'2', b'0', c, d, ..]
                if c.is_ascii_digit()
                    && d.is_ascii_digit()
                    && (i == 0 || !b.get(i - 1).is_some_and(u8::is_ascii_digit))
                    && !b.get(i + 4).is_some_and(u8::is_ascii_digit) =>
            {
                let after = scan::skip_spaces(b, i + 4);
                if text.get(after..).is_some_and(|r| r.starts_with('年')) {
                    let year = 2000 + i32::from(c - b'0') * 10 + i32::from(d - b'0');
                    out.push((i, i + 4, year));
                }
                i += 4;
            }
            [] => break,
            _ => i += 1,
        }
    }
    out
}

/// The year a part is about, from its template heading pattern.
fn expected(ctx: &Ctx<'_>, s: &Section) -> Option<i32> {
    let pattern = &ctx.template.part(s.part.as_deref()?)?.heading;
    if pattern.contains("{next_year}") {
        Some(ctx.draft.year + 1)
    } else if pattern.contains("{year}") {
        Some(ctx.draft.year)
    } else {
        None
    }
}

pub(super) fn part_heading(ctx: &mut Ctx<'_>, span: &Span<'_>, s: &Section) {
    let Some(want) = expected(ctx, s) else {
        return;
    };
    let text = span.text();
    let wrong: Vec<(usize, usize, i32)> = find(text)
        .into_iter()
        .filter(|(_, _, y)| *y != want)
        .collect();
    let Some(&(_, _, found)) = wrong.first() else {
        return;
    };
    let about = if want == ctx.draft.year {
        format!("报告年度{want}年的情况")
    } else {
        format!("下一年度{want}年的安排")
    };
    let message = format!("{}写的是{found}年，这一部分应写{about}", span.describe());
    wrong_years(ctx, span, &wrong, want, message);
}

/// An error for years that should read `want`, at the first of `wrong`, with the fix that
/// rewrites every one of them.
fn wrong_years(
    ctx: &mut Ctx<'_>,
    span: &Span<'_>,
    wrong: &[(usize, usize, i32)],
    want: i32,
    message: String,
) {
    let at = wrong.first().map_or(0, |w| w.0);
    let reps = wrong
        .iter()
        .map(|&(s, e, _)| (s, e, want.to_string()))
        .collect();
    let fix = ctx.text_fix(CheckKind::YearMismatch, span, reps, format!("改为{want}年"));
    ctx.push(
        CheckKind::YearMismatch,
        Severity::Error,
        span.location(),
        message,
        scan::excerpt(span.text(), at),
        fix,
    );
}

/// A typed title should name the report year; a derived one always does.
pub(super) fn title(ctx: &mut Ctx<'_>, span: &Span<'_>) {
    let want = ctx.draft.year;
    let text = span.text();
    let found = find(text);
    if found.iter().any(|(_, _, y)| *y == want) {
        return;
    }
    match found.first() {
        None => ctx.push(
            CheckKind::YearMismatch,
            Severity::Warning,
            span.location(),
            format!("标题中没有写明报告年度{want}年"),
            scan::excerpt(text, 0),
            None,
        ),
        Some(&(_, _, y)) => {
            let message = format!("标题写的是{y}年，报告年度是{want}年");
            wrong_years(ctx, span, &found, want, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_years_followed_by_nian_only() {
        let years: Vec<i32> = find("2023年、2024 年、2025年度、12024年、20231年、2026、2027  年")
            .into_iter()
            .map(|(_, _, y)| y)
            .collect();
        assert_eq!(years, [2023, 2024, 2025, 2027]);
        assert!(find("").is_empty());
        assert!(find("20").is_empty());
    }
}
