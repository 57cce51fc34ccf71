//! Which template part an imported level-1 heading stands for, judged by its words.

use crate::template::Template;

/// Characters of a heading looked at: a heading longer than this is text run into it.
const HEADING_CHARS: usize = 200;
/// Weight of naming the next year ("2024年…安排" in a 2023 report), a sign of the plans part.
const NEXT_YEAR_BONUS: usize = 3;

/// How strongly a heading speaks of a template part: the summed length of its keywords found.
fn score(heading: &str, keywords: &[String], next_year: Option<&str>) -> usize {
    let mut s = 0;
    for k in keywords {
        if !k.is_empty() && heading.contains(k.as_str()) {
            s += k.chars().count();
        }
    }
    if s > 0 {
        if let Some(y) = next_year {
            if heading.contains(y) {
                s += NEXT_YEAR_BONUS;
            }
        }
    }
    s
}

/// Assigns template part keys to headings: best scores first, each template part at most
/// once, a heading with no keyword left unmatched. Returns one entry per heading.
pub fn assign(headings: &[&str], template: &Template, year: i32) -> Vec<Option<String>> {
    let next_year = format!("{}年", year.saturating_add(1));
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (h, heading) in headings.iter().enumerate() {
        let end = heading
            .char_indices()
            .nth(HEADING_CHARS)
            .map_or(heading.len(), |(i, _)| i);
        let heading = heading.get(..end).unwrap_or_default();
        for (p, part) in template.parts.iter().enumerate() {
            let bonus_year = (part.heading.contains("{next_year}")).then_some(next_year.as_str());
            let s = score(heading, &part.keywords, bonus_year);
            if s > 0 {
                pairs.push((s, h, p));
            }
        }
    }
    // Ties go to the pairing closest to the template order, then to the earlier heading.
    pairs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.abs_diff(a.2).cmp(&b.1.abs_diff(b.2)))
            .then(a.1.cmp(&b.1))
    });
    let mut out: Vec<Option<String>> = vec![None; headings.len()];
    let mut taken = vec![false; template.parts.len()];
    for (_, h, p) in pairs {
        let free = taken.get(p).is_some_and(|t| !t);
        if free && out.get(h).is_some_and(Option::is_none) {
            if let (Some(slot), Some(part)) = (out.get_mut(h), template.parts.get(p)) {
                *slot = Some(part.key.clone());
            }
            if let Some(t) = taken.get_mut(p) {
                *t = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_map_by_meaning_not_position() {
        let t = Template::builtin();
        let got = assign(
            &[
                "党政主要负责人履行推进法治建设第一责任人职责情况",
                "2023年法治政府建设主要举措和成效",
                "存在的问题和原因",
                "2024年工作打算",
                "坚持党的领导",
            ],
            &t,
            2023,
        );
        let keys: Vec<Option<&str>> = got.iter().map(|k| k.as_deref()).collect();
        assert_eq!(
            keys,
            [
                Some("leader"),
                Some("measures"),
                Some("shortcomings"),
                Some("plans"),
                None
            ]
        );
    }

    #[test]
    fn each_part_is_used_once() {
        let t = Template::builtin();
        let got = assign(&["主要举措", "主要举措和成效"], &t, 2023);
        assert_eq!(got, [None, Some("measures".to_string())]);
    }
}
