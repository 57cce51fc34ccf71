//! The flat outline view of a draft that the editor lists: number, heading, fill state, size.

use crate::model::{count_chars, Draft, SectionId, INTRO};

/// One line of the outline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The entry's section, or [`INTRO`].
    pub id: SectionId,
    /// 0 for the intro, 1 for parts, 2 for sections, …
    pub level: usize,
    /// Number marker, empty for the intro.
    pub number: String,
    /// The heading text (开头语 for the intro).
    pub heading: String,
    /// Characters written in the body and below, white space excluded.
    pub chars: usize,
    /// Template part key of a level-1 part.
    pub part: Option<String>,
}

impl Entry {
    /// Nothing written in the body or below.
    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }
}

/// The outline of a draft, the intro first, in reading order.
pub fn entries(draft: &Draft) -> Vec<Entry> {
    collect(draft, true)
}

/// The outline without sizes (every `chars` is 0): what changes only with the structure, so
/// it can be rebuilt at once on every edit while sizes are recounted when typing pauses.
pub fn structure(draft: &Draft) -> Vec<Entry> {
    collect(draft, false)
}

fn collect(draft: &Draft, count: bool) -> Vec<Entry> {
    let intro = Entry {
        id: INTRO,
        level: 0,
        number: String::new(),
        heading: "开头语".to_string(),
        chars: if count { count_chars(&draft.intro) } else { 0 },
        part: None,
    };
    std::iter::once(intro)
        .chain(draft.walk().map(|v| Entry {
            id: v.section.id,
            level: v.level,
            number: v.number(),
            heading: v.section.heading.clone(),
            chars: if count { v.section.char_count() } else { 0 },
            part: v.section.part.clone(),
        }))
        .collect()
}

/// The same sum as [`Draft::char_count`], from entries already computed: the outline shows
/// both on every keystroke and need not count the long bodies twice.
pub fn total_chars(draft: &Draft, entries: &[Entry]) -> usize {
    let headings: usize = draft.parts.iter().map(|p| count_chars(&p.heading)).sum();
    headings
        + entries
            .iter()
            .filter(|e| e.level <= 1)
            .map(|e| e.chars)
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::template::Template;

    #[test]
    fn lists_numbers_levels_and_counts() {
        let t = Template::builtin();
        let mut d = Draft::from_template(&t, "县科技局", 2023, None);
        let p1 = d.parts[0].id;
        let s = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        d.apply(Edit::SetHeading(s, "强化组织领导".into()), &t)
            .unwrap();
        d.apply(Edit::SetBody(s, "成立 领导小组\n\n".into()), &t)
            .unwrap();
        let e = entries(&d);
        assert_eq!(e.len(), 7);
        assert_eq!((e[0].level, e[0].is_empty()), (0, true));
        assert_eq!((e[1].number.as_str(), e[1].chars), ("一、", 6 + 6));
        assert_eq!(
            (e[2].level, e[2].number.as_str(), e[2].chars),
            (2, "（一）", 6)
        );
        assert!(e[3].is_empty());
        assert_eq!(total_chars(&d, &e), d.char_count());
        d.apply(Edit::SetBody(crate::model::INTRO, "开头 语".into()), &t)
            .unwrap();
        d.apply(Edit::SetBody(p1, "第一部分正文".into()), &t)
            .unwrap();
        let e = entries(&d);
        assert_eq!(total_chars(&d, &e), d.char_count());
        assert!(d.char_count() > 30);
        let bare = structure(&d);
        assert!(bare.iter().all(|x| x.chars == 0));
        let sized: Vec<Entry> = e.into_iter().map(|x| Entry { chars: 0, ..x }).collect();
        assert_eq!(bare, sized);
    }
}
