//! Placeholders left in the text: ××, XX, ○○, *, ？？, 【待填】, 某某.

use super::{scan, CheckKind, Ctx, Severity, Span};

/// How many distinct placeholders a message names before it stops listing.
const LISTED: usize = 3;

/// Byte ranges of the placeholders in `text`.
pub(super) fn find(text: &str) -> Vec<(usize, usize)> {
    let candidate = |c: char| {
        matches!(
            c,
            '*' | '＊' | '×' | 'Ｘ' | 'ｘ' | '○' | '□' | '某' | '？' | '?' | 'x' | 'X' | '【' | '['
        )
    };
    if !text.chars().any(candidate) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(&(start, c)) = chars.get(k) {
        let run = |f: &dyn Fn(char) -> bool| {
            chars
                .get(k..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&(_, c)| f(c))
                .count()
        };
        // (length of the run at k, whether it is a placeholder); runs are skipped whole so
        // that a long run is read once.
        let (n, hit) = match c {
            '*' | '＊' => (run(&|c| c == '*' || c == '＊'), true),
            '×' | 'Ｘ' | 'ｘ' | '○' | '□' | '某' => {
                let n = run(&|d| d == c);
                (n, n >= 2)
            }
            '？' | '?' => {
                let n = run(&|c| c == '？' || c == '?');
                (n, n >= 2)
            }
            'x' | 'X' => {
                // A Latin word made only of x's: "XX局", not "XXL" or "Linux".
                let n = run(&|c| c == 'x' || c == 'X');
                let word_before = k > 0
                    && chars
                        .get(k - 1)
                        .is_some_and(|&(_, p)| p.is_ascii_alphabetic());
                let word_after = chars
                    .get(k + n)
                    .is_some_and(|&(_, a)| a.is_ascii_alphabetic());
                (n, n >= 2 && !word_before && !word_after)
            }
            '【' | '[' if chars.get(k + 1).is_some_and(|&(_, d)| d == '待') => {
                let close = if c == '【' { '】' } else { ']' };
                let n = chars
                    .get(k..)
                    .unwrap_or_default()
                    .iter()
                    .take(12)
                    .position(|&(_, d)| d == close)
                    .map_or(2, |p| p + 1);
                (n, true)
            }
            _ => (1, false),
        };
        if hit {
            out.push((start, end_of(k + n)));
        }
        k += n.max(1);
    }
    out
}

pub(super) fn check(ctx: &mut Ctx<'_>, span: &Span<'_>) {
    let text = span.text();
    let found = find(text);
    let Some(&(first, _)) = found.first() else {
        return;
    };
    let mut names: Vec<String> = Vec::new();
    for &(s, e) in &found {
        let name = text.get(s..e).unwrap_or_default().to_string();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let more = if names.len() > LISTED { "等" } else { "" };
    names.truncate(LISTED);
    ctx.push(
        CheckKind::Placeholder,
        Severity::Error,
        span.location(),
        format!(
            "{}有未替换的占位符{}{more}，请填入实际内容",
            span.describe(),
            scan::quoted(&names)
        ),
        scan::excerpt(text, first),
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            found("全年办理××件，XX局、xx人，○○次，累计*次，共**人，＊项，？？个"),
            ["××", "XX", "xx", "○○", "*", "**", "＊", "？？"]
        );
        assert_eq!(
            found("【待填】名，[待补充]项，【待定"),
            ["【待填】", "[待补充]", "【待"]
        );
        assert_eq!(found("某某同志"), ["某某"]);
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        assert!(
            found("XXL号、Linux系统、二〇〇〇年、某单位、3×4米、是否？【重要】、x轴").is_empty()
        );
    }
}
