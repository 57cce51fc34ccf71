//! Which template part an imported level-1 heading stands for, judged by its words, and
//! which one an own part (a heading in the writer's own words) counts toward, judged by its
//! words and its place. Every word and place comes from the template data.

use crate::template::{fill, Template};

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
    crate::sort::sort_by(&mut pairs, |a, b| {
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

/// Weight of standing where the template's position rule puts a part: more than a word of
/// two characters (问题 in "坚持问题导向" after the shortcomings is a plan), less than a
/// longer one (主体责任 among the measures is the leaders' part).
const POSITION_WEIGHT: usize = 3;

/// Why an own part counts toward a template part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Its heading names the part in the template's wording.
    Wording,
    /// Its heading holds this word of the template's `belongs` or `keywords`.
    Keyword(String),
    /// It stands where the template's position rule puts the part.
    Position,
    /// The clerk chose it in the import dialog.
    Chosen,
}

impl Reason {
    /// The reason as the import dialog states it.
    pub fn label(&self) -> String {
        match self {
            Reason::Wording => "按标题措辞".to_string(),
            Reason::Keyword(w) => format!("标题含“{w}”"),
            Reason::Position => "按所在位置".to_string(),
            Reason::Chosen => "已手动选择".to_string(),
        }
    }
}

/// For each heading not matched by wording (`direct` None), the template part it counts
/// toward and why, or `None`. `direct` holds the keys [`assign`] gave.
pub fn belongs(
    headings: &[&str],
    direct: &[Option<String>],
    template: &Template,
    year: i32,
) -> Vec<Option<(String, Reason)>> {
    let role_at = |i: usize| {
        direct
            .get(i)
            .and_then(Option::as_deref)
            .map_or("", |k| template.role_of(k))
    };
    // Index of the first directly matched part with one of the roles.
    let first_with =
        |roles: &[String]| (0..headings.len()).find(|&i| roles.iter().any(|r| r == role_at(i)));
    // Once per template part, so that many headings cost linear time.
    let anchors: Vec<(Option<usize>, Option<usize>)> = template
        .parts
        .iter()
        .map(|p| (first_with(&p.belongs.before), first_with(&p.belongs.after)))
        .collect();
    let keywords: Vec<Vec<String>> = template
        .parts
        .iter()
        .map(|p| {
            p.belongs
                .keywords
                .iter()
                .chain(&p.keywords)
                .map(|k| fill(k, "", year))
                .filter(|k| !k.is_empty())
                .collect()
        })
        .collect();
    let mut out = Vec::with_capacity(headings.len());
    for (i, heading) in headings.iter().enumerate() {
        if direct.get(i).is_some_and(Option::is_some) {
            out.push(None);
            continue;
        }
        let heading: String = heading.chars().take(HEADING_CHARS).collect();
        let mut best: Option<(usize, usize, Reason)> = None;
        for (p, part) in template.parts.iter().enumerate() {
            let mut score = 0;
            let mut word = None;
            for k in keywords.get(p).into_iter().flatten() {
                let n = k.chars().count();
                if heading.contains(k.as_str()) && n > score {
                    score = n;
                    word = Some(k.clone());
                }
            }
            let b = &part.belongs;
            let (first_before, first_after) = anchors.get(p).copied().unwrap_or_default();
            let before = !b.before.is_empty() && first_before.is_none_or(|j| i < j);
            let after = !b.after.is_empty() && first_after.is_some_and(|j| j < i);
            let placed = before || after;
            let total = score + if placed { POSITION_WEIGHT } else { 0 };
            if total == 0 {
                continue;
            }
            let reason = match word {
                Some(w) => Reason::Keyword(w),
                None => Reason::Position,
            };
            // Ties go to the part earlier in the template.
            if best.as_ref().is_none_or(|(s, _, _)| total > *s) {
                best = Some((total, p, reason));
            }
        }
        out.push(
            best.and_then(|(_, p, reason)| {
                template.parts.get(p).map(|pt| (pt.key.clone(), reason))
            }),
        );
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
    fn own_parts_count_by_words_then_place() {
        let t = Template::builtin();
        let headings = [
            "筑牢法治根基，提升依法行政水平",
            "压实主体责任，凝聚法治合力",
            "营商环境法治化水平持续提升",
            "存在的不足和原因",
            "坚持问题导向，持续发力",
            "聚焦短板，再上台阶",
        ];
        let direct = assign(&headings, &t, 2023);
        assert_eq!(direct[3].as_deref(), Some("shortcomings"));
        let got: Vec<Option<(String, Reason)>> = belongs(&headings, &direct, &t, 2023);
        let keys: Vec<Option<&str>> = got
            .iter()
            .map(|g| g.as_ref().map(|(k, _)| k.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                Some("measures"),
                Some("leader"),
                Some("measures"),
                None,
                Some("plans"),
                Some("plans")
            ]
        );
        assert_eq!(got[0].as_ref().unwrap().1, Reason::Position);
        assert_eq!(got[4].as_ref().unwrap().1, Reason::Position);
        assert_eq!(
            got[1].as_ref().unwrap().1,
            Reason::Keyword("主体责任".into())
        );
        let after = belongs(
            &["存在的问题", "持续推进法治建设"],
            &[Some("shortcomings".into()), None],
            &t,
            2023,
        );
        assert_eq!(after[1].as_ref().map(|(k, _)| k.as_str()), Some("plans"));
        let next_year = belongs(&["奋力开创2024年新局面"], &[None], &t, 2023);
        assert_eq!(
            next_year[0].as_ref().map(|(k, _)| k.as_str()),
            Some("plans")
        );
    }

    #[test]
    fn each_part_is_used_once() {
        let t = Template::builtin();
        let got = assign(&["主要举措", "主要举措和成效"], &t, 2023);
        assert_eq!(got, [None, Some("measures".to_string())]);
    }
}
