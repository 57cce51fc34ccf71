//! Test fixtures: the sample report turned into a draft through the public edit operations.
#![allow(dead_code)]

use nianbao_core::date::DocDate;
use nianbao_core::edit::Edit;
use nianbao_core::model::{Draft, SectionId, INTRO};
use nianbao_core::template::Template;
use std::path::{Path, PathBuf};

pub const SAMPLE: &str = include_str!("../../../tests/fixtures/yueyang-keji-2023.txt");

/// Removes the spaces that PDF extraction puts around digits ("2023 年" -> "2023年").
pub fn tighten(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let digit_side = prev.is_some_and(|p| p.is_ascii_digit())
                || next.is_some_and(|n| n.is_ascii_digit());
            let cjk_side =
                prev.is_some_and(|p| !p.is_ascii()) || next.is_some_and(|n| !n.is_ascii());
            if digit_side && cjk_side {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn level_of(line: &str) -> Option<(usize, &str)> {
    const CN: &str = "一二三四五六七八九十";
    let digits_then = |s: &str, end: char| -> Option<usize> {
        let n = s.chars().take_while(|c| CN.contains(*c)).count();
        (n > 0 && s.chars().nth(n) == Some(end)).then_some(n)
    };
    if let Some(n) = digits_then(line, '、') {
        return Some((1, &line[line.char_indices().nth(n + 1)?.0..]));
    }
    if let Some(rest) = line.strip_prefix('（') {
        if let Some(n) = digits_then(rest, '）') {
            return Some((2, &rest[rest.char_indices().nth(n + 1)?.0..]));
        }
    }
    let d = line.chars().take_while(char::is_ascii_digit).count();
    if d > 0 && line[d..].starts_with('.') {
        return Some((3, line[d + 1..].trim_start()));
    }
    None
}

/// Joins lines that a page break cut in two: a body line not ending a sentence continues
/// on the next non-blank line, unless that line is a heading.
fn logical_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if open && level_of(line).is_none() {
            if let Some(last) = out.last_mut() {
                last.push_str(line);
            }
        } else {
            out.push(line.to_string());
        }
        let last = out.last().map(String::as_str).unwrap_or_default();
        let ends = last.ends_with(['。', '：', '；', '！', '？', '”']);
        open = !ends && level_of(last).is_none_or(|(lvl, rest)| lvl >= 2 && rest.contains('。'));
    }
    out
}

/// The sample report as a draft: letterhead as unit, parts 1–4 mapped by position.
pub fn sample_draft(template: &Template) -> Draft {
    // The letterhead and the title stand alone above the body.
    let mut raw = SAMPLE.lines().map(str::trim).filter(|l| !l.is_empty());
    let unit = tighten(raw.next().unwrap_or_default());
    let title = tighten(raw.next().unwrap_or_default());
    let rest: Vec<&str> = raw.collect();
    let lines = logical_lines(&rest.join("\n"));
    let mut d = Draft::from_template(template, &unit, 2023, DocDate::new(2024, 1, 15).ok());
    let apply = |d: &mut Draft, e: Edit| d.apply(e, template).expect("fixture edit");
    apply(&mut d, Edit::SetTitle(Some(title)));
    let other = d.parts[4].id;
    apply(&mut d, Edit::Remove(other));

    let mut part_index = 0usize;
    let mut current: SectionId = INTRO;
    let mut stack: Vec<SectionId> = Vec::new();
    let mut bodies: Vec<(SectionId, String)> = Vec::new();
    for line in &lines {
        let line = tighten(line);
        match level_of(&line) {
            Some((1, heading)) => {
                current = d.parts[part_index].id;
                part_index += 1;
                apply(&mut d, Edit::SetHeading(current, heading.to_string()));
                stack = vec![current];
            }
            Some((level, rest)) => {
                stack.truncate(level - 1);
                let parent = *stack.last().expect("heading below a part");
                current = apply(&mut d, Edit::AddChild { parent }).expect("new id");
                stack.push(current);
                // Run-in headings end at the first full stop; the rest is body.
                let (heading, body) = match rest.split_once('。') {
                    Some((h, b)) if !b.is_empty() => (h.to_string(), b.to_string()),
                    _ => (rest.trim_end_matches('。').to_string(), String::new()),
                };
                apply(&mut d, Edit::SetHeading(current, heading));
                if !body.is_empty() {
                    bodies.push((current, body));
                }
            }
            None => bodies.push((current, line.clone())),
        }
    }
    let mut by_id: Vec<(SectionId, Vec<String>)> = Vec::new();
    for (id, text) in bodies {
        match by_id.iter_mut().find(|(i, _)| *i == id) {
            Some((_, v)) => v.push(text),
            None => by_id.push((id, vec![text])),
        }
    }
    for (id, paras) in by_id {
        apply(&mut d, Edit::SetBody(id, paras.join("\n")));
    }
    apply(&mut d, Edit::Open(INTRO));
    d
}

/// Compares `actual` with a golden file; `UPDATE_GOLDEN=1` rewrites it instead.
pub fn assert_golden(name: &str, actual: &str) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "missing golden file {}: {e}; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "golden mismatch in {name} at line {}\nexpected: {:?}\nactual:   {:?}\n(run with UPDATE_GOLDEN=1 to accept)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

/// xorshift64*: a tiny deterministic generator, enough for generated test inputs.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}
