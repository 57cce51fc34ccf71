//! How far the draft has come: per template part, characters written and prompts ticked,
//! and one overall state.
//!
//! The overall state:
//! - 未开始 (`NotStarted`): nothing written yet: the opening paragraphs, every body and
//!   every sub-heading are empty (template headings do not count, the template wrote them).
//! - 可提交 (`Ready`): every required part of the template is in the draft with at least
//!   [`READY_CHARS`] characters under it, and at least half of its prompts (rounded up) are
//!   ticked as covered. It says the report is complete enough to go through 体检 and
//!   sign-off; the checks panel still lists what to correct.
//! - 撰写中 (`Writing`): anything in between.
//!
//! Characters are counted without white space, as [`crate::model::count_chars`].

use crate::model::{count_chars, Draft};
use crate::template::Template;

/// Characters a required part needs before the draft counts as ready to submit: a short
/// part 3 of a real report is around two hundred, so this only rules out a stub.
pub const READY_CHARS: usize = 100;

/// Progress of one template part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartProgress {
    /// The template part's key.
    pub key: String,
    /// Short name of the part.
    pub label: String,
    /// Whether the template requires the part.
    pub required: bool,
    /// Whether the draft has a part standing for it or counting toward it.
    pub present: bool,
    /// Characters written under the part and under every own part counting toward it
    /// (bodies and sub-headings).
    pub chars: usize,
    /// Prompts ticked, of `prompts`.
    pub covered: usize,
    /// Prompts the template lists for the part.
    pub prompts: usize,
}

impl PartProgress {
    /// Whether this part meets the bar for 可提交.
    pub fn is_done(&self) -> bool {
        self.present && self.chars >= READY_CHARS && self.covered * 2 >= self.prompts
    }
}

/// The overall state of the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overall {
    /// Nothing written yet.
    NotStarted,
    /// Some text, but not every required part is done.
    Writing,
    /// Every required part is done: ready to hand in.
    Ready,
}

impl Overall {
    /// The Chinese name shown in the progress panel.
    pub fn label(self) -> &'static str {
        match self {
            Overall::NotStarted => "未开始",
            Overall::Writing => "撰写中",
            Overall::Ready => "可提交",
        }
    }
}

/// The draft's progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// One entry per template part, in template order.
    pub parts: Vec<PartProgress>,
    /// The state of the whole draft.
    pub overall: Overall,
}

/// Progress of a draft against its template.
pub fn progress(draft: &Draft, template: &Template) -> Progress {
    // Each part is counted once: the sums below reuse these.
    let sized: Vec<(Option<&str>, usize)> = draft
        .parts
        .iter()
        .map(|s| (s.counts_toward(), s.char_count()))
        .collect();
    let parts: Vec<PartProgress> = template
        .parts
        .iter()
        .map(|pt| {
            let mine: Vec<usize> = sized
                .iter()
                .filter(|(k, _)| *k == Some(pt.key.as_str()))
                .map(|(_, n)| *n)
                .collect();
            PartProgress {
                key: pt.key.clone(),
                label: pt.short_label().to_string(),
                required: pt.required,
                present: !mine.is_empty(),
                chars: mine.iter().sum(),
                covered: pt
                    .prompts
                    .iter()
                    .filter(|q| draft.guide.ticked.contains(&q.id))
                    .count(),
                prompts: pt.prompts.len(),
            }
        })
        .collect();
    let written = count_chars(&draft.intro) + sized.iter().map(|(_, n)| n).sum::<usize>();
    let overall = if written == 0 {
        Overall::NotStarted
    } else if parts
        .iter()
        .filter(|p| p.required)
        .all(PartProgress::is_done)
    {
        Overall::Ready
    } else {
        Overall::Writing
    };
    Progress { parts, overall }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;

    fn setup() -> (Template, Draft) {
        let t = Template::builtin();
        let d = Draft::from_template(&t, "县科技局", 2024, None);
        (t, d)
    }

    /// Writes `chars` characters into every required part and ticks half its prompts.
    fn complete(d: &mut Draft, t: &Template, chars: usize) {
        for (i, pt) in t.parts.iter().enumerate().filter(|(_, p)| p.required) {
            d.apply(Edit::SetBody(d.parts[i].id, "法".repeat(chars)), t)
                .unwrap();
            for q in pt.prompts.iter().take(pt.prompts.len().div_ceil(2)) {
                d.apply(Edit::TogglePrompt(q.id.clone()), t).unwrap();
            }
        }
    }

    #[test]
    fn a_new_draft_is_not_started() {
        let (t, d) = setup();
        let p = progress(&d, &t);
        assert_eq!(p.overall, Overall::NotStarted);
        assert_eq!(p.parts.len(), 5);
        assert!(p
            .parts
            .iter()
            .all(|r| r.present && r.chars == 0 && r.covered == 0));
        assert_eq!(p.parts[0].prompts, 10);
        assert_eq!(Overall::NotStarted.label(), "未开始");
    }

    #[test]
    fn typing_anywhere_starts_the_draft_and_counts_per_part() {
        let (t, mut d) = setup();
        let p2 = d.parts[1].id;
        d.apply(Edit::SetBody(p2, "一是 问题。\n原因是……".into()), &t)
            .unwrap();
        let child = d.apply(Edit::AddChild { parent: p2 }, &t).unwrap().unwrap();
        d.apply(Edit::SetHeading(child, "（一）小标题".into()), &t)
            .unwrap();
        let p = progress(&d, &t);
        assert_eq!(p.overall, Overall::Writing);
        assert_eq!(
            p.parts[1].chars,
            count_chars("一是问题。原因是……（一）小标题")
        );
        assert_eq!(p.parts[0].chars, 0);
        let (t, mut d) = setup();
        d.apply(Edit::SetBody(crate::model::INTRO, "开头".into()), &t)
            .unwrap();
        assert_eq!(progress(&d, &t).overall, Overall::Writing);
    }

    #[test]
    fn ready_needs_text_and_half_the_prompts_in_every_required_part() {
        let (t, mut d) = setup();
        complete(&mut d, &t, READY_CHARS);
        assert_eq!(progress(&d, &t).overall, Overall::Ready);
        assert_eq!(Overall::Ready.label(), "可提交");
        // The optional part 五 plays no part.
        assert!(!progress(&d, &t).parts[4].is_done());

        let mut short = d.clone();
        let id = short.parts[2].id;
        short
            .apply(Edit::SetBody(id, "法".repeat(READY_CHARS - 1)), &t)
            .unwrap();
        assert_eq!(progress(&short, &t).overall, Overall::Writing);

        let mut unticked = d.clone();
        let first = t.parts[3].prompts[0].id.clone();
        unticked.apply(Edit::TogglePrompt(first), &t).unwrap();
        let p = progress(&unticked, &t);
        assert_eq!(p.overall, Overall::Writing);
        assert_eq!(p.parts[3].covered, p.parts[3].prompts.div_ceil(2) - 1);
    }

    #[test]
    fn a_missing_required_part_is_reported_and_blocks_ready() {
        let (t, mut d) = setup();
        complete(&mut d, &t, READY_CHARS);
        // Import may leave a part unmatched: its text is then under no key.
        d.parts[0].part = None;
        let p = progress(&d, &t);
        assert!(!p.parts[0].present);
        assert_eq!(p.parts[0].chars, 0);
        assert_eq!(p.overall, Overall::Writing);
    }

    #[test]
    fn own_parts_count_toward_the_part_they_belong_to() {
        let (t, mut d) = setup();
        complete(&mut d, &t, READY_CHARS / 2);
        d.parts[0].part = None;
        d.parts[0].belongs_to = Some("measures".into());
        let own = d.apply(Edit::AddPart { after: None }, &t).unwrap().unwrap();
        d.apply(Edit::SetBody(own, "法".repeat(READY_CHARS / 2)), &t)
            .unwrap();
        let p = progress(&d, &t);
        assert!(p.parts[0].present);
        assert_eq!(
            p.parts[0].chars,
            READY_CHARS / 2,
            "added part maps to nothing"
        );
        d.section_mut(own).unwrap().belongs_to = Some("measures".into());
        let p = progress(&d, &t);
        assert_eq!(p.parts[0].chars, READY_CHARS);
        assert!(p.parts[0].is_done());
    }
}
