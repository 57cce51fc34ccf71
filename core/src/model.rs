//! The document model: a draft with its header fields and an outline of sections.
//!
//! Numbers are never stored: they follow from position (see [`crate::numbering`]).

use crate::date::DocDate;
use crate::numbering::marker;
use crate::template::Template;
use serde::{Deserialize, Serialize};

/// Identifies a section within one draft; never reused after removal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SectionId(pub u32);

/// The opening paragraphs before part 一 are addressed like a section with this id.
pub const INTRO: SectionId = SectionId(0);

/// Deepest outline level the model accepts: parts, sections, points, sub-points.
pub const MAX_LEVEL: usize = 4;

/// A heading with its body paragraphs and sub-sections.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id within the draft.
    pub id: SectionId,
    /// Key of the template part this level-1 part stands for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// Key of the template part an own level-1 part counts toward (several own parts may
    /// share one, e.g. three thematic parts that together are 主要举措和成效); set by the
    /// import, changed by the clerk in the import dialog. Absent in older drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub belongs_to: Option<String>,
    /// The heading text without its number, which follows from the position.
    pub heading: String,
    /// Paragraphs, one per line; blank lines carry no meaning.
    pub body: String,
    /// Sub-sections, one level deeper, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Section>,
}

/// One report being written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Id of the template the draft follows.
    pub template: String,
    /// 单位名称.
    pub unit: String,
    /// 报告年度: the year the report is about.
    pub year: i32,
    /// Title typed by the user; `None` means derived from unit and year.
    #[serde(default)]
    pub title: Option<String>,
    /// 落款 typed by the user; `None` means the unit.
    #[serde(default)]
    pub signer: Option<String>,
    /// 成文日期.
    #[serde(default)]
    pub date: Option<DocDate>,
    /// Opening paragraphs before part 一.
    #[serde(default)]
    pub intro: String,
    /// Level-1 parts.
    pub parts: Vec<Section>,
    /// The entry open in the editor.
    #[serde(default)]
    pub open: Option<SectionId>,
    /// Next id to hand out.
    pub next_id: u32,
    /// The user's name for the draft in the draft list; `None` shows the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Last year's plans, when this draft was started from last year's report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_plans: Option<CarriedPlans>,
    /// What the writer ticked and dismissed in the guidance; absent in older drafts.
    #[serde(default, skip_serializing_if = "GuideState::is_empty")]
    pub guide: GuideState,
    /// The printed report carries the unit's seal: 落款 and 成文日期 are placed for it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub seal: bool,
}

/// Part 4 of last year's report, shown beside parts 1 and 2 as the list of what was promised.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CarriedPlans {
    /// The year the plans were written in.
    pub from_year: i32,
    /// One line per heading or paragraph, numbered as it was printed.
    pub items: Vec<String>,
}

/// The writer's marks on the guidance, by the template's ids. Saved with the draft so a
/// reload, another tab or a backup shows the same ticks. Sorted lists rather than sets:
/// they hold a few dozen ids, and `Vec<String>` costs no extra wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideState {
    /// Prompts the writer has covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ticked: Vec<String>,
    /// Common-mistake hints the writer has dismissed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<String>,
    /// Items of the 保密审查 checklist confirmed before publishing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrecy: Vec<String>,
}

impl GuideState {
    /// Whether nothing is marked; such a state is not written out.
    pub fn is_empty(&self) -> bool {
        self.ticked.is_empty() && self.dismissed.is_empty() && self.secrecy.is_empty()
    }
}

/// Whether a sorted id list holds `id`.
pub fn marked(list: &[String], id: &str) -> bool {
    list.iter().any(|x| x == id)
}

/// Adds `id` to a sorted id list, or removes it if present (`on` = `None` toggles).
pub fn set_mark(list: &mut Vec<String>, id: String, on: Option<bool>) {
    match (list.binary_search(&id), on) {
        (Ok(i), None | Some(false)) => {
            list.remove(i);
        }
        (Err(i), None | Some(true)) => list.insert(i, id),
        _ => {}
    }
}

impl Section {
    /// A section with empty heading and body.
    pub fn new(id: SectionId) -> Self {
        Self {
            id,
            part: None,
            belongs_to: None,
            heading: String::new(),
            body: String::new(),
            children: Vec::new(),
        }
    }

    /// The template part this level-1 part stands for or counts toward, if any.
    pub fn counts_toward(&self) -> Option<&str> {
        self.part.as_deref().or(self.belongs_to.as_deref())
    }

    /// Non-blank paragraphs of the body, trimmed.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        paragraphs(&self.body)
    }

    /// Characters written in the body and below, white space excluded.
    pub fn char_count(&self) -> usize {
        count_chars(&self.body)
            + self
                .below(1)
                .map(|v| count_chars(&v.section.heading) + count_chars(&v.section.body))
                .sum::<usize>()
    }

    /// Every section below this one (not itself) in reading order; `level` is this
    /// section's own level, so its children come at `level + 1`.
    pub fn below(&self, level: usize) -> Walk<'_> {
        Walk::new(&self.children, level + 1, Some(self))
    }
}

/// One section met by a [`Walk`], with where it stands in the outline.
#[derive(Clone, Copy, Debug)]
pub struct Visit<'a> {
    /// The section itself.
    pub section: &'a Section,
    /// Outline level: 1 for parts, 2 for sections, …
    pub level: usize,
    /// 0-based position among its siblings.
    pub index: usize,
    /// The list the section belongs to (its siblings and itself).
    pub siblings: &'a [Section],
    /// The section whose child it is; `None` for a part (or the top of a walk below a section
    /// started without one).
    pub parent: Option<&'a Section>,
}

impl Visit<'_> {
    /// The number marker the section prints with, e.g. "（三）".
    pub fn number(&self) -> String {
        marker(self.level, self.index + 1)
    }
}

/// The sections of an outline in reading order (a section, then everything below it, then
/// its next sibling): the one traversal that numbering, exports, checks and edits share.
#[derive(Clone, Debug)]
pub struct Walk<'a> {
    /// One frame per open list: the list, the next index in it, its level and its parent.
    stack: Vec<(&'a [Section], usize, usize, Option<&'a Section>)>,
}

impl<'a> Walk<'a> {
    fn new(list: &'a [Section], level: usize, parent: Option<&'a Section>) -> Self {
        Self {
            stack: vec![(list, 0, level, parent)],
        }
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Visit<'a>;

    fn next(&mut self) -> Option<Visit<'a>> {
        loop {
            let (list, next, level, parent) = self.stack.last_mut()?;
            let (list, level, parent) = (*list, *level, *parent);
            let index = *next;
            let Some(section) = list.get(index) else {
                self.stack.pop();
                continue;
            };
            *next += 1;
            if !section.children.is_empty() {
                self.stack
                    .push((&section.children, 0, level + 1, Some(section)));
            }
            return Some(Visit {
                section,
                level,
                index,
                siblings: list,
                parent,
            });
        }
    }
}

/// Non-blank lines of a body, trimmed.
pub fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// Characters that are not white space.
///
/// Runs on every keystroke over the whole open body, so it counts UTF-8 lead bytes instead of
/// decoding every character: only lead bytes that can start a non-ASCII white-space character
/// (U+0085 … U+3000) are decoded.
pub fn count_chars(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // ASCII or a lead byte; continuation bytes belong to the character already counted.
        let starts = (b as i8) >= -0x40;
        let ascii_space = matches!(b, b'\t'..=b'\r' | b' ');
        n += usize::from(starts && !ascii_space);
        if matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
            && s.get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_whitespace)
        {
            n -= 1;
        }
    }
    n
}

impl Draft {
    /// A new draft from a template: every part present with its heading, bodies empty.
    pub fn from_template(
        template: &Template,
        unit: &str,
        year: i32,
        date: Option<DocDate>,
    ) -> Self {
        let mut draft = Draft {
            template: template.id.clone(),
            unit: unit.to_string(),
            year,
            title: None,
            signer: None,
            date,
            intro: String::new(),
            parts: Vec::new(),
            open: None,
            next_id: INTRO.0 + 1,
            name: None,
            carried_plans: None,
            guide: GuideState::default(),
            seal: false,
        };
        for part in &template.parts {
            let mut s = Section::new(draft.fresh_id());
            s.part = Some(part.key.clone());
            s.heading = part.heading_for(year);
            draft.parts.push(s);
        }
        draft.open = draft.parts.first().map(|s| s.id);
        draft
    }

    pub(crate) fn fresh_id(&mut self) -> SectionId {
        let id = SectionId(self.next_id);
        self.next_id += 1;
        id
    }

    /// The title as it will print.
    pub fn effective_title(&self, template: &Template) -> String {
        match &self.title {
            Some(t) if !t.trim().is_empty() => t.trim().to_string(),
            _ => template.title(&self.unit, self.year),
        }
    }

    /// The 落款 as it will print.
    pub fn effective_signer(&self) -> &str {
        match &self.signer {
            Some(s) if !s.trim().is_empty() => s.trim(),
            _ => self.unit.trim(),
        }
    }

    /// The section with this id.
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.find(id).map(|v| v.section)
    }

    /// Every section of the outline in reading order, with level and position.
    pub fn walk(&self) -> Walk<'_> {
        Walk::new(&self.parts, 1, None)
    }

    /// The section with this id where the walk meets it.
    pub fn find(&self, id: SectionId) -> Option<Visit<'_>> {
        self.walk().find(|v| v.section.id == id)
    }

    /// The list holding the section `id` and its index in that list.
    pub(crate) fn siblings_mut(&mut self, id: SectionId) -> Option<(&mut Vec<Section>, usize)> {
        // The walk gives the path of indices down to the section; the mutable borrow then
        // follows it, so there is no second hand-written traversal.
        let mut path = Vec::new();
        for v in self.walk() {
            path.truncate(v.level - 1);
            path.push(v.index);
            if v.section.id == id {
                break;
            }
        }
        let (&last, above) = path.split_last()?;
        let mut list = &mut self.parts;
        for &i in above {
            list = &mut list.get_mut(i)?.children;
        }
        (list.get(last)?.id == id).then_some((list, last))
    }

    pub(crate) fn section_mut(&mut self, id: SectionId) -> Option<&mut Section> {
        let (list, i) = self.siblings_mut(id)?;
        list.get_mut(i)
    }

    /// Runs `f` on every section of the outline, in reading order.
    pub(crate) fn each_section_mut(&mut self, mut f: impl FnMut(&mut Section)) {
        fn go(list: &mut [Section], f: &mut impl FnMut(&mut Section)) {
            for s in list {
                f(s);
                go(&mut s.children, f);
            }
        }
        go(&mut self.parts, &mut f);
    }

    /// Whether every section id is used once, none is the intro's and all lie below
    /// `next_id`: what [`Draft::apply`] keeps, checked again for a draft read from storage.
    pub fn ids_are_valid(&self) -> bool {
        let mut ids: Vec<u32> = self.walk().map(|v| v.section.id.0).collect();
        let n = ids.len();
        // Sorted first: `dedup` alone removes only adjacent repeats.
        crate::sort::sort(&mut ids);
        ids.dedup();
        ids.len() == n
            && ids.first() != Some(&INTRO.0)
            && ids.last().is_none_or(|&m| m < self.next_id)
    }

    /// Level (1 = part) and the number marker of a section, e.g. `(2, "（三）")`.
    pub fn position(&self, id: SectionId) -> Option<(usize, String)> {
        self.find(id).map(|v| (v.level, v.number()))
    }

    /// The level-1 part that holds a section (the section itself for a part).
    pub fn part_of(&self, id: SectionId) -> Option<&Section> {
        let mut part = None;
        for v in self.walk() {
            if v.level == 1 {
                part = Some(v.section);
            }
            if v.section.id == id {
                return part;
            }
        }
        None
    }

    /// Whether some level-1 part stands for or counts toward the template part `key`.
    pub fn covers_part(&self, key: &str) -> bool {
        self.parts.iter().any(|p| p.counts_toward() == Some(key))
    }

    /// The template parts no level-1 part stands for or counts toward, in template order:
    /// what the outline offers to add back. A part of the writer's own mapped to a template
    /// part (`belongs_to`) covers it, as it does for the structure check.
    pub fn missing_parts<'t>(
        &self,
        template: &'t Template,
    ) -> Vec<&'t crate::template::PartTemplate> {
        template
            .parts
            .iter()
            .filter(|p| !self.covers_part(&p.key))
            .collect()
    }

    /// The body text of an entry, the intro included.
    pub fn body_of(&self, id: SectionId) -> Option<&str> {
        if id == INTRO {
            Some(&self.intro)
        } else {
            self.section(id).map(|s| s.body.as_str())
        }
    }

    /// Characters written in the whole report body, white space excluded.
    pub fn char_count(&self) -> usize {
        count_chars(&self.intro)
            + self
                .walk()
                .map(|v| count_chars(&v.section.heading) + count_chars(&v.section.body))
                .sum::<usize>()
    }
}

#[cfg(test)]
mod count_tests {
    use super::count_chars;

    fn naive(s: &str) -> usize {
        s.chars().filter(|c| !c.is_whitespace()).count()
    }

    #[test]
    fn counts_like_decoding_every_character() {
        let sample = include_str!("../../tests/fixtures/yueyang-keji-2023.txt");
        let every_space: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for s in [
            sample,
            "",
            " \t\n\u{b}\u{c}\r",
            &every_space,
            "法治\u{3000}政府\u{a0}建设\u{2028}年度\u{85}报告",
            "「一」、。…— ＡＢ 12 ab 😀\u{1680}\u{202f}\u{205f}\u{e000}",
        ] {
            assert_eq!(count_chars(s), naive(s), "{s:?}");
        }
        assert_eq!(count_chars(&every_space), 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_draft_has_every_template_part_with_year_headings() {
        let t = Template::builtin();
        let d = Draft::from_template(&t, "岳阳县科学技术局", 2023, None);
        assert_eq!(d.parts.len(), 5);
        assert_eq!(d.parts[3].heading, "2024年推进法治政府建设的主要安排");
        assert_eq!(d.position(d.parts[4].id), Some((1, "五、".into())));
        assert_eq!(d.open, Some(d.parts[0].id));
        assert_eq!(
            d.effective_title(&t),
            "岳阳县科学技术局2023年法治政府建设年度报告"
        );
        assert_eq!(d.effective_signer(), "岳阳县科学技术局");
        assert_eq!(
            d.char_count(),
            d.parts
                .iter()
                .map(|p| count_chars(&p.heading))
                .sum::<usize>()
        );
    }

    #[test]
    fn walk_visits_in_reading_order_with_level_position_and_parent() {
        use crate::edit::Edit;
        let t = Template::builtin();
        let mut d = Draft::from_template(&t, "", 2023, None);
        let p1 = d.parts[0].id;
        let a = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        let point = d.apply(Edit::AddChild { parent: a }, &t).unwrap().unwrap();
        let b = d.apply(Edit::AddSibling { after: a }, &t).unwrap().unwrap();
        let seen: Vec<(SectionId, usize, String, Option<SectionId>)> = d
            .walk()
            .take(5)
            .map(|v| (v.section.id, v.level, v.number(), v.parent.map(|p| p.id)))
            .collect();
        assert_eq!(
            seen,
            [
                (p1, 1, "一、".to_string(), None),
                (a, 2, "（一）".to_string(), Some(p1)),
                (point, 3, "1.".to_string(), Some(a)),
                (b, 2, "（二）".to_string(), Some(p1)),
                (d.parts[1].id, 1, "二、".to_string(), None),
            ]
        );
        assert_eq!(d.walk().count(), 8);
        let below: Vec<SectionId> = d.parts[0].below(1).map(|v| v.section.id).collect();
        assert_eq!(below, [a, point, b]);
        assert_eq!(d.part_of(point).map(|p| p.id), Some(p1));
        assert!(d.is_within(point, a) && !d.is_within(b, a));
    }

    #[test]
    fn a_part_mapped_by_belongs_to_is_not_missing() {
        let t = Template::builtin();
        let mut d = Draft::from_template(&t, "", 2023, None);
        assert!(d.missing_parts(&t).is_empty());
        // The writer's own first part, mapped onto the template's first part.
        let key = t.parts[0].key.clone();
        d.parts[0].part = None;
        assert_eq!(
            d.missing_parts(&t)
                .iter()
                .map(|p| p.key.as_str())
                .collect::<Vec<_>>(),
            [key.as_str()]
        );
        d.parts[0].belongs_to = Some(key);
        assert!(d.missing_parts(&t).is_empty());
    }

    #[test]
    fn ids_are_unique() {
        let t = Template::builtin();
        let d = Draft::from_template(&t, "", 2023, None);
        let mut ids: Vec<u32> = d.parts.iter().map(|p| p.id.0).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 5);
        assert!(!ids.contains(&INTRO.0));
        assert!(d.ids_are_valid());
    }

    #[test]
    fn a_repeated_id_is_found_wherever_it_is() {
        use crate::edit::Edit;
        let t = Template::builtin();
        let mut d = Draft::from_template(&t, "", 2023, None);
        let p1 = d.parts[0].id;
        let s = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        assert!(d.ids_are_valid());
        // Not neighbours in any order: the first part, and a section under it, both repeat
        // in the last part.
        let mut far = d.clone();
        far.parts[4].id = p1;
        assert!(!far.ids_are_valid());
        let mut deep = d.clone();
        deep.parts[4].id = s;
        assert!(!deep.ids_are_valid());
        let mut intro = d.clone();
        intro.parts[2].id = INTRO;
        assert!(!intro.ids_are_valid());
        let mut beyond = d;
        beyond.next_id = s.0;
        assert!(!beyond.ids_are_valid());
    }
}
