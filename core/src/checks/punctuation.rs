//! Punctuation: half-width marks in Chinese text, and brackets or quotes left unpaired.
//!
//! A half-width mark is only wrong where it touches Chinese: "ISO 9001:2015", "1:1000",
//! "3.5" and URLs keep theirs. A pair of half-width brackets becomes full-width when it
//! holds Chinese, or holds no Latin letters and touches Chinese: "(一)" and "(2023)第5号"
//! change, "(ISO 9001)" does not.

use super::scan::{self, is_cjk};
use super::{CheckKind, Ctx, Severity, Span};

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// The characters of one span, with the prefix counts that make "does this bracket pair hold
/// Chinese / Latin letters" constant time.
struct Text {
    chars: Vec<(usize, char)>,
    /// Chinese characters before each position (one more entry than `chars`).
    cjk_before: Vec<usize>,
    /// ASCII letters before each position.
    latin_before: Vec<usize>,
}

impl Text {
    fn new(text: &str) -> Self {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut cjk_before = Vec::with_capacity(chars.len() + 1);
        let mut latin_before = Vec::with_capacity(chars.len() + 1);
        let (mut cjk, mut latin) = (0usize, 0usize);
        for &(_, c) in &chars {
            cjk_before.push(cjk);
            latin_before.push(latin);
            cjk += usize::from(is_cjk(c));
            latin += usize::from(c.is_ascii_alphabetic());
        }
        cjk_before.push(cjk);
        latin_before.push(latin);
        Self {
            chars,
            cjk_before,
            latin_before,
        }
    }

    fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }

    /// Whether the nearest character before position `k` that is not an ASCII space is Chinese.
    fn prev_cjk(&self, k: usize) -> bool {
        let before = self.chars.get(..k).unwrap_or_default();
        before
            .iter()
            .rev()
            .find(|(_, c)| *c != ' ')
            .is_some_and(|&(_, c)| is_cjk(c))
    }

    /// Whether the nearest character after position `k` that is not an ASCII space is Chinese.
    fn next_cjk(&self, k: usize) -> bool {
        let after = self.chars.get(k + 1..).unwrap_or_default();
        after
            .iter()
            .find(|(_, c)| *c != ' ')
            .is_some_and(|&(_, c)| is_cjk(c))
    }

    /// Whether a mark at `k` touches Chinese on either side.
    fn touches_cjk(&self, k: usize) -> bool {
        self.prev_cjk(k) || self.next_cjk(k)
    }

    /// Whether the half-width pair opened at `open` and closed at `close` is Chinese: it holds
    /// Chinese, or holds no Latin letters and touches Chinese outside.
    fn pair_is_chinese(&self, open: usize, close: usize) -> bool {
        let inside = |counts: &[usize]| {
            counts.get(close).copied().unwrap_or(0) > counts.get(open + 1).copied().unwrap_or(0)
        };
        let chinese = inside(&self.cjk_before);
        let latin = inside(&self.latin_before);
        chinese || (!latin && (self.prev_cjk(open) || self.next_cjk(close)))
    }
}

/// Which characters (by position) are half-width marks to make full-width.
fn to_convert(t: &Text) -> Vec<bool> {
    let mut convert = vec![false; t.chars.len()];
    let mut mark = |k: usize| {
        if let Some(slot) = convert.get_mut(k) {
            *slot = true;
        }
    };
    let mut open: Vec<usize> = Vec::new();
    for (k, &(_, c)) in t.chars.iter().enumerate() {
        match c {
            '(' | '（' => open.push(k),
            ')' | '）' => match open.pop() {
                Some(o) => {
                    let half_open = t.at(o) == Some('(');
                    let half_close = c == ')';
                    if half_open && half_close {
                        if t.pair_is_chinese(o, k) {
                            mark(o);
                            mark(k);
                        }
                    } else if half_open {
                        // Closed by a full-width bracket: the pair is Chinese.
                        mark(o);
                    } else if half_close {
                        mark(k);
                    }
                }
                None if c == ')' && t.touches_cjk(k) => mark(k),
                None => {}
            },
            ',' | ';' | ':' | '?' | '!' if t.touches_cjk(k) => mark(k),
            _ => {}
        }
    }
    // Brackets never closed count as single marks.
    for o in open {
        if t.at(o) == Some('(') && t.touches_cjk(o) {
            mark(o);
        }
    }
    convert
}

/// The replacements (byte ranges of the span's text) and the distinct marks replaced, in the
/// order they first appear.
fn replacements(t: &Text, convert: &[bool]) -> (Vec<(usize, usize, String)>, Vec<String>) {
    let mut reps = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (k, &(i, c)) in t.chars.iter().enumerate() {
        let Some(w) = full_width(c).filter(|_| convert.get(k) == Some(&true)) else {
            continue;
        };
        reps.push((i, i + c.len_utf8(), w.to_string()));
        if !seen.iter().any(|s| s.starts_with(c)) {
            seen.push(c.to_string());
        }
    }
    (reps, seen)
}

/// Reports the half-width marks of a span that touch Chinese, with the fix to full-width.
pub(super) fn half_width(ctx: &mut Ctx<'_>, span: &Span<'_>) {
    let text = span.text();
    if !text.bytes().any(|b| b",;:?!()".contains(&b)) {
        return;
    }
    let t = Text::new(text);
    let (reps, seen) = replacements(&t, &to_convert(&t));
    let Some(&(first, _, _)) = reps.first() else {
        return;
    };
    let message = format!(
        "{}有{}处半角标点{}，中文里应使用全角",
        span.describe(),
        reps.len(),
        scan::quoted(&seen)
    );
    let fix = ctx.text_fix(CheckKind::HalfWidthPunct, span, reps, "改为全角标点".into());
    ctx.push(
        CheckKind::HalfWidthPunct,
        Severity::Warning,
        span.location(),
        message,
        scan::excerpt(text, first),
        fix,
    );
}

const PAIRS: [(char, char, &str, &str); 4] = [
    ('“', '”', "左引号", "右引号"),
    ('《', '》', "左书名号", "右书名号"),
    ('（', '）', "左括号", "右括号"),
    ('【', '】', "左方括号", "右方括号"),
];

fn name(c: char) -> &'static str {
    PAIRS
        .iter()
        .find_map(|&(o, cl, on, cn)| {
            if c == o {
                Some(on)
            } else if c == cl {
                Some(cn)
            } else {
                None
            }
        })
        .unwrap_or("")
}

pub(super) fn unbalanced(ctx: &mut Ctx<'_>, span: &Span<'_>) {
    let text = span.text();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut problem: Option<(usize, String)> = None;
    for (i, c) in text.char_indices() {
        // Half-width brackets pair with full-width ones; converting them is the other check.
        let c = match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        };
        if PAIRS.iter().any(|p| p.0 == c) {
            stack.push((c, i));
        } else if let Some(&(open, _, _, _)) = PAIRS.iter().find(|p| p.1 == c) {
            match stack.last() {
                Some(&(o, _)) if o == open => {
                    stack.pop();
                }
                Some(&(o, _)) => {
                    problem = Some((i, format!("的{}{c}与前面的{}{o}不配对", name(c), name(o))));
                    break;
                }
                None => {
                    problem = Some((
                        i,
                        format!("的{}{c}前面没有对应的{}{open}", name(c), name(open)),
                    ));
                    break;
                }
            }
        }
    }
    if problem.is_none() {
        if let Some(&(o, i)) = stack.first() {
            let close = PAIRS.iter().find(|p| p.0 == o).map_or(' ', |p| p.1);
            problem = Some((
                i,
                format!("的{}{o}没有对应的{}{close}", name(o), name(close)),
            ));
        }
    }
    if let Some((at, what)) = problem {
        ctx.push(
            CheckKind::UnbalancedPair,
            Severity::Warning,
            span.location(),
            format!("{}{what}", span.describe()),
            scan::excerpt(text, at),
            None,
        );
    }
}
