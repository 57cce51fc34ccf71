//! Dates: the 公文 way is 2024年1月15日, full year, no leading zeros, no other separators.

use super::scan::{self, digits_end, skip_spaces};
use super::{CheckKind, Ctx, Severity, Span};
use crate::chars::number;
use crate::date::DocDate;

/// A date written another way: its byte range and the 公文 form.
pub(super) fn find(text: &str) -> Vec<(usize, usize, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let run = digits_end(b, i);
        // A date's year stands alone: not inside "v2024.1.15" or "9704-2012-3-1".
        let free = i == 0
            || !b
                .get(i - 1)
                .is_some_and(|p| p.is_ascii_alphanumeric() || b"-/.".contains(p));
        if run - i == 4 && free {
            if let Some((end, written)) = date_at(text, i, run) {
                out.push((i, end, written));
                i = end;
                continue;
            }
        }
        i = run;
    }
    out
}

/// The date whose four-digit year is `b[i..run]`, if it is written wrongly.
fn date_at(text: &str, i: usize, run: usize) -> Option<(usize, String)> {
    let b = text.as_bytes();
    let year = text.get(i..run).and_then(number)?;
    if !(1900..=2099).contains(&year) {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    let sep = *b.get(run)?;
    if b"-/.".contains(&sep) {
        let m_end = digits_end(b, run + 1);
        let d_start = m_end + 1;
        let d_end = digits_end(b, d_start);
        if b.get(m_end) != Some(&sep) || !(1..=2).contains(&(m_end - run - 1)) {
            return None;
        }
        if !(1..=2).contains(&(d_end - d_start)) {
            return None;
        }
        // "2024.1.15.3" is a version number; "2024-1-15a" a code.
        let after = b.get(d_end);
        let continues = after.is_some_and(|a| {
            a.is_ascii_alphabetic()
                || (b"-/.".contains(a) && b.get(d_end + 1).is_some_and(u8::is_ascii_digit))
        });
        if continues {
            return None;
        }
        let month = u8::try_from(text.get(run + 1..m_end).and_then(number)?).ok()?;
        let day = u8::try_from(text.get(d_start..d_end).and_then(number)?).ok()?;
        let date = DocDate::new(year, month, day).ok()?;
        return Some((d_end, date.to_string()));
    }
    // 2024年01月05日: only leading zeros are wrong here.
    let after_year = skip_spaces(b, run);
    text.get(after_year..)?.strip_prefix('年')?;
    let m_start = skip_spaces(b, after_year + '年'.len_utf8());
    let m_end = digits_end(b, m_start);
    let month = text
        .get(m_start..m_end)
        .and_then(number)
        .filter(|m| (1..=12).contains(m) && m_end - m_start <= 2)?;
    let yue = skip_spaces(b, m_end);
    text.get(yue..)?.strip_prefix('月')?;
    let after_month = yue + '月'.len_utf8();
    let mut end = after_month;
    let mut zero = m_end - m_start == 2 && b.get(m_start) == Some(&b'0');
    let mut written = format!("{year}年{month}月");
    let d_start = skip_spaces(b, after_month);
    let d_end = digits_end(b, d_start);
    let ri = skip_spaces(b, d_end);
    if (1..=2).contains(&(d_end - d_start)) && text.get(ri..).is_some_and(|r| r.starts_with('日'))
    {
        let day = u8::try_from(text.get(d_start..d_end).and_then(number)?).ok()?;
        let month = u8::try_from(month).ok()?;
        let date = DocDate::new(year, month, day).ok()?;
        zero |= d_end - d_start == 2 && b.get(d_start) == Some(&b'0');
        written = date.to_string();
        end = ri + '日'.len_utf8();
    }
    zero.then_some((end, written))
}

pub(super) fn check(ctx: &mut Ctx<'_>, span: &Span<'_>) {
    let text = span.text();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let found = find(text);
    let Some((first, first_end, first_written)) = found.first().cloned() else {
        return;
    };
    let typed = text.get(first..first_end).unwrap_or_default();
    let more = if found.len() > 1 {
        format!("等{}处", found.len())
    } else {
        String::new()
    };
    let label = if found.len() == 1 {
        format!("改为“{first_written}”")
    } else {
        "改为“年月日”写法".to_string()
    };
    let message = format!(
        "{}的日期“{typed}”{more}应写作“{first_written}”（年份写全，不加0，不用“-”“/”“.”）",
        span.describe()
    );
    let fix = ctx.text_fix(CheckKind::DateFormat, span, found, label);
    ctx.push(
        CheckKind::DateFormat,
        Severity::Warning,
        span.location(),
        message,
        scan::excerpt(text, first),
        fix,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|(s, e, w)| (&text[s..e], w))
            .collect()
    }

    #[test]
    fn other_forms_are_rewritten() {
        let got = fixed("于2024-01-15、2024/1/5、2024.1.15和2024年01月05日召开，2023年09月印发");
        let want = [
            ("2024-01-15", "2024年1月15日"),
            ("2024/1/5", "2024年1月5日"),
            ("2024.1.15", "2024年1月15日"),
            ("2024年01月05日", "2024年1月5日"),
            ("2023年09月", "2023年9月"),
        ];
        assert_eq!(got.len(), want.len());
        for ((typed, written), (t, w)) in got.iter().zip(want) {
            assert_eq!((*typed, written.as_str()), (t, w));
        }
        assert_eq!(fixed("2024 年 01 月 5 日")[0].1, "2024年1月5日");
    }

    #[test]
    fn correct_and_foreign_numbers_are_left_alone() {
        for text in [
            "2024年1月15日",
            "2024 年 1 月 15 日",
            "GB/T 9704-2012",
            "2023-2024学年",
            "v2024.1.15",
            "2024.1.15.3",
            "ISO 9001:2015",
            "2024-02-30",
            "2024年13月",
            "12024-1-1",
            "3.5",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }
}
