//! The entry open in the editor: where it stands in the outline, and the edit that adds a
//! section beside it (the editor's "＋ 小节" button and Alt+N).

use crate::edit::Edit;
use crate::model::{Draft, SectionId, INTRO};
use crate::template::Template;

/// What the editor needs to know about the open entry.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenInfo {
    /// The open entry; [`INTRO`] when nothing (or a removed section) is open.
    pub id: SectionId,
    /// Outline level: 0 for the intro, 1 for a part, …
    pub level: usize,
    /// Number marker as printed, empty for the intro.
    pub number: String,
    /// A required template part: the editor does not offer to remove it.
    pub required: bool,
    /// Nearest level-2 ancestor (or itself), where new level-2 sections go after.
    pub section: Option<SectionId>,
    /// The level-1 part holding the entry (or itself).
    pub part: Option<SectionId>,
}

/// Where the open entry of `d` stands; required parts are those `template` marks so.
pub fn open_info(d: &Draft, template: &Template) -> OpenInfo {
    locate(d, |k| template.part(k).is_some_and(|p| p.required))
}

fn locate(d: &Draft, required: impl Fn(&str) -> bool) -> OpenInfo {
    let id = d
        .open
        .filter(|&o| o == INTRO || d.section(o).is_some())
        .unwrap_or(INTRO);
    let Some((level, number)) = d.position(id) else {
        return OpenInfo {
            id: INTRO,
            level: 0,
            number: String::new(),
            required: false,
            section: None,
            part: None,
        };
    };
    let part = d.part_of(id);
    let section = part.and_then(|p| {
        p.children
            .iter()
            .find(|s| d.is_within(id, s.id))
            .map(|s| s.id)
    });
    OpenInfo {
        id,
        level,
        number,
        required: level == 1 && part.and_then(|p| p.part.as_deref()).is_some_and(required),
        section,
        part: part.map(|p| p.id),
    }
}

/// The edit that adds a level-2 section after the open one (or at the end of the open part);
/// `None` while the intro is open.
pub fn new_section_edit(d: &Draft) -> Option<Edit> {
    let i = locate(d, |_| false);
    match (i.section, i.part) {
        (Some(s), _) => Some(Edit::AddSibling { after: s }),
        (None, Some(p)) => Some(Edit::AddChild { parent: p }),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_the_open_entry_and_where_a_new_section_goes() {
        let t = Template::builtin();
        let mut d = Draft::from_template(&t, "县科技局", 2023, None);
        let (p1, p5) = (d.parts[0].id, d.parts[4].id);

        let i = open_info(&d, &t);
        assert_eq!((i.id, i.level, i.number.as_str()), (p1, 1, "一、"));
        assert!(i.required);
        assert_eq!((i.section, i.part), (None, Some(p1)));
        assert_eq!(new_section_edit(&d), Some(Edit::AddChild { parent: p1 }));

        let a = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        let point = d.apply(Edit::AddChild { parent: a }, &t).unwrap().unwrap();
        let i = open_info(&d, &t);
        assert_eq!((i.id, i.level, i.number.as_str()), (point, 3, "1."));
        assert!(!i.required);
        assert_eq!((i.section, i.part), (Some(a), Some(p1)));
        assert_eq!(new_section_edit(&d), Some(Edit::AddSibling { after: a }));

        d.apply(Edit::Open(p5), &t).unwrap();
        assert!(!open_info(&d, &t).required, "part 5 is optional");

        d.apply(Edit::Open(INTRO), &t).unwrap();
        assert_eq!(open_info(&d, &t).level, 0);
        assert_eq!(new_section_edit(&d), None);

        // A stale open id (another tab removed the section) reads as the intro.
        d.open = Some(SectionId(999));
        let i = open_info(&d, &t);
        assert_eq!((i.id, i.level, i.part), (INTRO, 0, None));
        assert_eq!(new_section_edit(&d), None);
    }
}
