//! The one set of edit operations through which a draft changes.

use crate::date::DocDate;
use crate::model::{set_mark, Draft, Section, SectionId, INTRO, MAX_LEVEL};
use crate::template::Template;
use thiserror::Error;

/// Lowest and highest report year accepted.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The report year typed into a field, by the rule [`Edit::SetYear`] applies: a whole
/// number within [`YEARS`].
pub fn parse_year(text: &str) -> Result<i32, EditError> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or(EditError::YearOutOfRange)
}

/// A change to a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets the 单位名称.
    SetUnit(String),
    /// Renames the draft in the draft list; `None` shows the title again.
    SetName(Option<String>),
    /// Also renames every part heading that still reads as the template made it.
    SetYear(i32),
    /// `None` returns to the derived title; a blank override also prints the derived one.
    SetTitle(Option<String>),
    /// `None` returns to the unit; a blank override also prints the unit.
    SetSigner(Option<String>),
    /// Sets the 成文日期; `None` clears it.
    SetDate(Option<DocDate>),
    /// Whether the printed report is sealed (changes where 落款 and 成文日期 go).
    SetSeal(bool),
    /// Sets a section's heading (without its number, which is generated).
    SetHeading(SectionId, String),
    /// Sets a body; [`INTRO`] addresses the opening paragraphs.
    SetBody(SectionId, String),
    /// Adds an empty level-1 part after `after` (at the end when `None`) and opens it.
    AddPart {
        /// The part to insert after.
        after: Option<SectionId>,
    },
    /// Adds an empty child at the end of `parent` and opens it.
    AddChild {
        /// The section that gets the child.
        parent: SectionId,
    },
    /// Adds an empty sibling right after `after` and opens it.
    AddSibling {
        /// The section the new one follows.
        after: SectionId,
    },
    /// Re-adds a template part that the draft lacks, at its template position.
    RestorePart(String),
    /// Removes a section and everything below it. Required template parts cannot be removed.
    Remove(SectionId),
    /// Moves a section among its siblings by one place.
    MoveUp(SectionId),
    /// Moves a section among its siblings by one place towards the end.
    MoveDown(SectionId),
    /// Opens an entry in the editor ([`INTRO`] for the opening paragraphs).
    Open(SectionId),
    /// Replaces the whole content with an earlier version (restoring a snapshot).
    Restore(Box<Draft>),
    /// Ticks or unticks a guidance prompt by its template id.
    TogglePrompt(String),
    /// Hides a common-mistake hint by its template id.
    DismissHint(String),
    /// Shows every dismissed hint again.
    RestoreHints,
    /// Confirms or unconfirms an item of the 保密审查 checklist by its template id.
    ToggleSecrecy(String),
}

/// A field of the draft that one edit replaces as a whole: what typing writes into (undo
/// groups keystrokes by it) and what a check's fix rewrites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The 单位名称.
    Unit,
    /// The draft's name in the draft list.
    Name,
    /// The report year.
    Year,
    /// The typed title.
    Title,
    /// The typed 落款.
    Signer,
    /// The 成文日期.
    Date,
    /// A section's heading.
    Heading(SectionId),
    /// A body; [`INTRO`] addresses the opening paragraphs.
    Body(SectionId),
}

impl Field {
    /// The edit that sets this field to `text`; `None` for a field that does not hold text.
    pub fn set_text(self, text: String) -> Option<Edit> {
        Some(match self {
            Field::Unit => Edit::SetUnit(text),
            Field::Name => Edit::SetName(Some(text)),
            Field::Title => Edit::SetTitle(Some(text)),
            Field::Signer => Edit::SetSigner(Some(text)),
            Field::Heading(id) => Edit::SetHeading(id, text),
            Field::Body(id) => Edit::SetBody(id, text),
            Field::Year | Field::Date => return None,
        })
    }
}

impl Edit {
    /// The field this edit replaces and whether `draft` holds that value already (applying
    /// it would change nothing); `None` for an edit that is not a field edit.
    pub fn field_change(&self, draft: &Draft) -> Option<(Field, bool)> {
        let d = draft;
        Some(match self {
            Edit::SetUnit(v) => (Field::Unit, d.unit == *v),
            Edit::SetName(v) => (Field::Name, d.name == *v),
            Edit::SetYear(v) => (Field::Year, d.year == *v),
            Edit::SetTitle(v) => (Field::Title, d.title == *v),
            Edit::SetSigner(v) => (Field::Signer, d.signer == *v),
            Edit::SetDate(v) => (Field::Date, d.date == *v),
            Edit::SetHeading(id, v) => (
                Field::Heading(*id),
                d.section(*id).is_some_and(|s| s.heading == *v),
            ),
            Edit::SetBody(id, v) => (Field::Body(*id), d.body_of(*id) == Some(v.as_str())),
            _ => return None,
        })
    }
}

/// Why an edit was refused; the draft is unchanged.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    /// The year lies outside [`YEARS`] (or is not a number).
    #[error("报告年度应在 {} 到 {} 之间", YEARS.start(), YEARS.end())]
    YearOutOfRange,
    /// No section has the id (another edit or tab removed it).
    #[error("找不到这一节，可能已被删除")]
    NoSuchSection,
    /// A child would go below the deepest level, [`MAX_LEVEL`].
    #[error("最多只能分 {MAX_LEVEL} 级标题")]
    TooDeep,
    /// The template requires the part, so it stays.
    #[error("这是必须报告的部分，不能删除")]
    RequiredPart,
    /// The template has no part with that key.
    #[error("模板中没有这一部分")]
    NoSuchPart,
    /// The part to restore is in the draft already.
    #[error("报告中已经有这一部分")]
    PartPresent,
    /// The section is first or last among its siblings already.
    #[error("已经在最前或最后，不能再移动")]
    CannotMove,
    /// The template has no guidance item of that kind with that id.
    #[error("写作指引中没有这一项，可能模板已更新")]
    NoSuchGuideItem,
}

impl Draft {
    /// Applies an edit. Returns the id of a section the edit created, if any.
    pub fn apply(
        &mut self,
        edit: Edit,
        template: &Template,
    ) -> Result<Option<SectionId>, EditError> {
        match edit {
            Edit::SetUnit(unit) => self.unit = unit,
            Edit::SetName(name) => self.name = name,
            Edit::SetYear(year) => {
                if !YEARS.contains(&year) {
                    return Err(EditError::YearOutOfRange);
                }
                self.move_part_headings(template, self.year, year);
                self.year = year;
            }
            Edit::SetTitle(t) => self.title = t,
            Edit::SetSigner(s) => self.signer = s,
            Edit::SetDate(d) => self.date = d,
            Edit::SetSeal(seal) => self.seal = seal,
            Edit::SetHeading(id, text) => {
                self.section_mut(id)
                    .ok_or(EditError::NoSuchSection)?
                    .heading = text;
            }
            Edit::SetBody(id, text) => {
                if id == INTRO {
                    self.intro = text;
                } else {
                    self.section_mut(id).ok_or(EditError::NoSuchSection)?.body = text;
                }
            }
            Edit::AddPart { after } => {
                let at = match after {
                    None => self.parts.len(),
                    Some(a) => {
                        self.parts
                            .iter()
                            .position(|p| p.id == a)
                            .ok_or(EditError::NoSuchSection)?
                            + 1
                    }
                };
                let id = self.fresh_id();
                self.parts.insert(at, Section::new(id));
                self.open = Some(id);
                return Ok(Some(id));
            }
            Edit::AddChild { parent } => {
                let (level, _) = self.position(parent).ok_or(EditError::NoSuchSection)?;
                if level >= MAX_LEVEL {
                    return Err(EditError::TooDeep);
                }
                let id = self.fresh_id();
                self.section_mut(parent)
                    .ok_or(EditError::NoSuchSection)?
                    .children
                    .push(Section::new(id));
                self.open = Some(id);
                return Ok(Some(id));
            }
            Edit::AddSibling { after } => {
                let id = SectionId(self.next_id);
                let (list, i) = self.siblings_mut(after).ok_or(EditError::NoSuchSection)?;
                list.insert(i + 1, Section::new(id));
                self.next_id += 1;
                self.open = Some(id);
                return Ok(Some(id));
            }
            Edit::RestorePart(key) => {
                let pos = template
                    .parts
                    .iter()
                    .position(|p| p.key == key)
                    .ok_or(EditError::NoSuchPart)?;
                if self
                    .parts
                    .iter()
                    .any(|p| p.part.as_deref() == Some(key.as_str()))
                {
                    return Err(EditError::PartPresent);
                }
                // Insert before the first part that the template puts after this one.
                let later: Vec<&str> = template.parts[pos + 1..]
                    .iter()
                    .map(|p| p.key.as_str())
                    .collect();
                let at = self
                    .parts
                    .iter()
                    .position(|p| p.part.as_deref().is_some_and(|k| later.contains(&k)))
                    .unwrap_or(self.parts.len());
                let id = self.fresh_id();
                let mut s = Section::new(id);
                s.heading = template.parts[pos].heading_for(self.year);
                s.part = Some(key);
                self.parts.insert(at, s);
                self.open = Some(id);
                return Ok(Some(id));
            }
            Edit::Remove(id) => {
                let required = self
                    .section(id)
                    .ok_or(EditError::NoSuchSection)?
                    .part
                    .as_deref()
                    .and_then(|k| template.part(k))
                    .is_some_and(|p| p.required);
                if required {
                    return Err(EditError::RequiredPart);
                }
                let parent_or_prev = self.neighbour_after_removal(id);
                let (list, i) = self.siblings_mut(id).ok_or(EditError::NoSuchSection)?;
                list.remove(i);
                if self
                    .open
                    .is_some_and(|o| o == id || self.section(o).is_none() && o != INTRO)
                {
                    self.open = parent_or_prev;
                }
            }
            Edit::MoveUp(id) | Edit::MoveDown(id) => {
                let up = matches!(edit, Edit::MoveUp(_));
                let (list, i) = self.siblings_mut(id).ok_or(EditError::NoSuchSection)?;
                let j = if up {
                    i.checked_sub(1)
                } else {
                    Some(i + 1).filter(|&j| j < list.len())
                };
                list.swap(i, j.ok_or(EditError::CannotMove)?);
            }
            Edit::Restore(earlier) => *self = *earlier,
            Edit::TogglePrompt(id) if template.has_prompt(&id) => {
                set_mark(&mut self.guide.ticked, id, None)
            }
            Edit::ToggleSecrecy(id) if template.has_secrecy(&id) => {
                set_mark(&mut self.guide.secrecy, id, None)
            }
            Edit::DismissHint(id) if template.has_hint(&id) => {
                set_mark(&mut self.guide.dismissed, id, Some(true))
            }
            Edit::RestoreHints => self.guide.dismissed.clear(),
            Edit::TogglePrompt(_) | Edit::ToggleSecrecy(_) | Edit::DismissHint(_) => {
                return Err(EditError::NoSuchGuideItem)
            }
            Edit::Open(id) => {
                if id != INTRO && self.section(id).is_none() {
                    return Err(EditError::NoSuchSection);
                }
                self.open = Some(id);
            }
        }
        Ok(None)
    }

    /// Renames every part heading that still reads as the template made it for year `from`
    /// to the template's heading for year `to`; headings the writer changed stay.
    pub(crate) fn move_part_headings(&mut self, template: &Template, from: i32, to: i32) {
        for part in &mut self.parts {
            let Some(pt) = part.part.as_deref().and_then(|k| template.part(k)) else {
                continue;
            };
            if part.heading == pt.heading_for(from) {
                part.heading = pt.heading_for(to);
            }
        }
    }

    /// What to open after `id` is removed: the previous sibling, else the parent, else the intro.
    fn neighbour_after_removal(&self, id: SectionId) -> Option<SectionId> {
        let v = self.find(id);
        v.and_then(|v| {
            v.index
                .checked_sub(1)
                .and_then(|i| v.siblings.get(i))
                .or(v.parent)
        })
        .map(|s| s.id)
        .or(Some(INTRO))
    }

    /// Whether `id` lies inside the subtree of `ancestor` (or is it).
    pub fn is_within(&self, id: SectionId, ancestor: SectionId) -> bool {
        self.find(ancestor).is_some_and(|a| {
            a.section.id == id || a.section.below(a.level).any(|v| v.section.id == id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Template, Draft) {
        let t = Template::builtin();
        let d = Draft::from_template(&t, "县科技局", 2023, None);
        (t, d)
    }

    fn markers(d: &Draft, ids: &[SectionId]) -> Vec<String> {
        ids.iter().map(|&id| d.position(id).unwrap().1).collect()
    }

    #[test]
    fn numbers_follow_insert_delete_and_move() {
        let (t, mut d) = setup();
        let p1 = d.parts[0].id;
        let a = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        let b = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        let c = d.apply(Edit::AddSibling { after: a }, &t).unwrap().unwrap();
        assert_eq!(markers(&d, &[a, c, b]), ["（一）", "（二）", "（三）"]);
        assert_eq!(d.open, Some(c));

        d.apply(Edit::MoveUp(b), &t).unwrap();
        assert_eq!(markers(&d, &[a, b, c]), ["（一）", "（二）", "（三）"]);
        assert_eq!(d.apply(Edit::MoveUp(a), &t), Err(EditError::CannotMove));
        assert_eq!(d.apply(Edit::MoveDown(c), &t), Err(EditError::CannotMove));

        d.apply(Edit::Remove(a), &t).unwrap();
        assert_eq!(markers(&d, &[b, c]), ["（一）", "（二）"]);

        let point = d.apply(Edit::AddChild { parent: b }, &t).unwrap().unwrap();
        assert_eq!(d.position(point), Some((3, "1.".into())));
        let sub = d
            .apply(Edit::AddChild { parent: point }, &t)
            .unwrap()
            .unwrap();
        assert_eq!(d.position(sub), Some((4, "（1）".into())));
        assert_eq!(
            d.apply(Edit::AddChild { parent: sub }, &t),
            Err(EditError::TooDeep)
        );
    }

    #[test]
    fn removing_opens_a_neighbour_and_takes_the_subtree() {
        let (t, mut d) = setup();
        let p1 = d.parts[0].id;
        let a = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        let b = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        let point = d.apply(Edit::AddChild { parent: b }, &t).unwrap().unwrap();
        d.apply(Edit::Remove(b), &t).unwrap();
        assert!(d.section(point).is_none());
        assert_eq!(d.open, Some(a));
        d.apply(Edit::Remove(a), &t).unwrap();
        assert_eq!(d.open, Some(p1));
    }

    #[test]
    fn required_parts_stay_and_part_five_can_go_and_come_back() {
        let (t, mut d) = setup();
        let p1 = d.parts[0].id;
        assert_eq!(d.apply(Edit::Remove(p1), &t), Err(EditError::RequiredPart));
        let p5 = d.parts[4].id;
        d.apply(Edit::Remove(p5), &t).unwrap();
        assert_eq!(d.parts.len(), 4);
        let extra = d.apply(Edit::AddPart { after: None }, &t).unwrap().unwrap();
        let back = d
            .apply(Edit::RestorePart("other".into()), &t)
            .unwrap()
            .unwrap();
        assert_eq!(d.parts.len(), 6);
        // The template has nothing after part 5, so it goes last, after the user's own part.
        assert_eq!(d.position(back).unwrap().1, "六、");
        assert_eq!(d.position(extra).unwrap().1, "五、");
        assert_eq!(
            d.apply(Edit::RestorePart("other".into()), &t),
            Err(EditError::PartPresent)
        );
        assert_eq!(
            d.apply(Edit::RestorePart("nope".into()), &t),
            Err(EditError::NoSuchPart)
        );
    }

    #[test]
    fn year_change_renames_untouched_headings_only() {
        let (t, mut d) = setup();
        let p2 = d.parts[1].id;
        d.apply(
            Edit::SetHeading(p2, "推进法治建设存在的不足和原因".into()),
            &t,
        )
        .unwrap();
        d.apply(Edit::SetYear(2024), &t).unwrap();
        assert_eq!(d.parts[0].heading, "2024年推进法治政府建设的主要举措和成效");
        assert_eq!(d.parts[1].heading, "推进法治建设存在的不足和原因");
        assert_eq!(d.parts[3].heading, "2025年推进法治政府建设的主要安排");
        assert_eq!(
            d.apply(Edit::SetYear(1999), &t),
            Err(EditError::YearOutOfRange)
        );
        assert_eq!(d.year, 2024);
    }

    #[test]
    fn typed_years_follow_the_same_rule_as_set_year() {
        assert_eq!(parse_year(" 2023 "), Ok(2023));
        for bad in ["1999", "2101", "", "二〇二三", "2023.5"] {
            assert_eq!(parse_year(bad), Err(EditError::YearOutOfRange), "{bad:?}");
        }
        let (t, mut d) = setup();
        for y in [*YEARS.start(), *YEARS.end()] {
            assert_eq!(parse_year(&y.to_string()), Ok(y));
            assert_eq!(d.apply(Edit::SetYear(y), &t), Ok(None));
        }
    }

    #[test]
    fn title_and_signer_fall_back_when_blank() {
        let (t, mut d) = setup();
        d.apply(Edit::SetTitle(Some("自定标题".into())), &t)
            .unwrap();
        assert_eq!(d.effective_title(&t), "自定标题");
        d.apply(Edit::SetTitle(Some("  ".into())), &t).unwrap();
        assert_eq!(d.effective_title(&t), "县科技局2023年法治政府建设年度报告");
        d.apply(Edit::SetSigner(Some("岳阳县科学技术局".into())), &t)
            .unwrap();
        assert_eq!(d.effective_signer(), "岳阳县科学技术局");
        d.apply(Edit::SetSigner(None), &t).unwrap();
        assert_eq!(d.effective_signer(), "县科技局");
    }

    #[test]
    fn guide_marks_toggle_and_unknown_ids_are_refused() {
        let (t, mut d) = setup();
        let prompt = t.parts[2].prompts[0].id.clone();
        let hint = t.parts[0].mistakes[0].id.clone();
        let secret = t.secrecy[0].id.clone();
        d.apply(Edit::TogglePrompt(prompt.clone()), &t).unwrap();
        d.apply(Edit::DismissHint(hint.clone()), &t).unwrap();
        d.apply(Edit::DismissHint(hint.clone()), &t).unwrap();
        d.apply(Edit::ToggleSecrecy(secret.clone()), &t).unwrap();
        assert!(d.guide.ticked.contains(&prompt));
        assert_eq!(
            d.guide.dismissed.len(),
            1,
            "dismissing twice keeps it dismissed"
        );
        assert!(d.guide.secrecy.contains(&secret));
        d.apply(Edit::TogglePrompt(prompt.clone()), &t).unwrap();
        d.apply(Edit::ToggleSecrecy(secret), &t).unwrap();
        assert!(d.guide.ticked.is_empty() && d.guide.secrecy.is_empty());
        d.apply(Edit::RestoreHints, &t).unwrap();
        assert!(d.guide.is_empty());
        let before = d.clone();
        // Ids of one kind are not accepted as another kind.
        for e in [
            Edit::TogglePrompt(hint.clone()),
            Edit::DismissHint(prompt.clone()),
            Edit::ToggleSecrecy(prompt),
            Edit::TogglePrompt("nope".into()),
        ] {
            assert_eq!(d.apply(e, &t), Err(EditError::NoSuchGuideItem));
        }
        assert_eq!(d, before);
    }

    #[test]
    fn unknown_ids_are_refused_without_change() {
        let (t, mut d) = setup();
        let before = d.clone();
        let ghost = SectionId(999);
        for e in [
            Edit::SetBody(ghost, "x".into()),
            Edit::SetHeading(ghost, "x".into()),
            Edit::AddChild { parent: ghost },
            Edit::AddSibling { after: ghost },
            Edit::Remove(ghost),
            Edit::MoveUp(ghost),
            Edit::Open(ghost),
        ] {
            assert_eq!(d.apply(e, &t), Err(EditError::NoSuchSection));
        }
        assert_eq!(d, before);
        d.apply(Edit::SetBody(INTRO, "开头".into()), &t).unwrap();
        assert_eq!(d.body_of(INTRO), Some("开头"));
    }
}
