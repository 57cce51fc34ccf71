//! Undo and redo around [`Draft::apply`]: a bounded history of whole document states.
//!
//! Whole states rather than inverse edits: every `Edit` (including `Restore` of a snapshot)
//! is undone the same way, and a restored state can never disagree with what `apply` made.
//! Typing is grouped: consecutive edits of the same field, each less than [`PAUSE_MS`] after
//! the last, are one step. A change of field or section, a pause, or any structural edit
//! starts a new step. Opening a section is not a step, but it ends the typing group.
//! Each step remembers which section was open before and after it, so undo and redo show the
//! user the place that changed.

use crate::edit::{Edit, EditError, Field};
use crate::model::{Draft, SectionId};
use crate::template::Template;
use std::collections::VecDeque;

/// A pause in typing longer than this starts a new undo step.
pub const PAUSE_MS: f64 = 1500.0;
/// Most steps kept (undo and redo together).
pub const MAX_STEPS: usize = 200;
/// Most text (bytes of every stored state) kept; the oldest steps go first.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Approximate heap size of a state, for the memory bound.
fn size(d: &Draft) -> usize {
    256 + d.unit.len()
        + d.intro.len()
        + d.title.as_ref().map_or(0, String::len)
        + d.signer.as_ref().map_or(0, String::len)
        + d.name.as_ref().map_or(0, String::len)
        + d.walk()
            .map(|v| 64 + v.section.heading.len() + v.section.body.len())
            .sum::<usize>()
}

/// One stored state: the document to go back (or forward) to, and the section to open
/// afterwards in the other direction.
#[derive(Clone, Debug)]
struct Step {
    state: Draft,
    /// Section open in the state this step leads away from, restored when it is re-done.
    other_open: Option<SectionId>,
    bytes: usize,
}

/// The undo history of one open draft.
#[derive(Clone, Debug, Default)]
pub struct Undo {
    past: VecDeque<Step>,
    future: Vec<Step>,
    /// The field being typed into and when it was last changed.
    typing: Option<(Field, f64)>,
    bytes: usize,
}

impl Undo {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether there is a step to go back to.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is an undone step to go forward to.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Steps that can be undone.
    pub fn len(&self) -> usize {
        self.past.len()
    }

    /// Whether there is nothing to undo.
    pub fn is_empty(&self) -> bool {
        self.past.is_empty()
    }

    /// Bytes held by stored states.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Forgets everything, e.g. when another draft is opened.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Applies `edit` to `draft` through [`Draft::apply`], recording a step when it changes
    /// the document. `now_ms` is any monotonic clock in milliseconds. A refused edit records
    /// nothing and ends no group.
    pub fn apply(
        &mut self,
        draft: &mut Draft,
        edit: Edit,
        template: &Template,
        now_ms: f64,
    ) -> Result<Option<SectionId>, EditError> {
        if matches!(edit, Edit::Open(_)) {
            let r = draft.apply(edit, template);
            if r.is_ok() {
                self.typing = None;
            }
            return r;
        }
        let change = edit.field_change(draft);
        if change.is_some_and(|(_, same)| same) {
            return draft.apply(edit, template);
        }
        let f = change.map(|(f, _)| f);
        let grouped = match (f, self.typing) {
            (Some(f), Some((g, at))) => f == g && now_ms - at < PAUSE_MS && now_ms >= at,
            _ => false,
        };
        if grouped {
            let r = draft.apply(edit, template)?;
            self.typing = f.map(|f| (f, now_ms));
            return Ok(r);
        }
        let before = draft.clone();
        let r = draft.apply(edit, template)?;
        self.typing = f.map(|f| (f, now_ms));
        for s in self.future.drain(..) {
            self.bytes -= s.bytes;
        }
        self.push_past(Step {
            bytes: size(&before),
            state: before,
            other_open: draft.open,
        });
        self.trim();
        Ok(r)
    }

    fn push_past(&mut self, step: Step) {
        self.bytes += step.bytes;
        self.past.push_back(step);
    }

    /// Drops the oldest steps (then the farthest redo steps) beyond the bounds; the newest
    /// undo step stays even when it alone is larger than the budget.
    fn trim(&mut self) {
        while self.past.len() + self.future.len() > MAX_STEPS || self.bytes > MAX_BYTES {
            let dropped = if self.past.len() > 1 {
                self.past.pop_front()
            } else if !self.future.is_empty() {
                Some(self.future.remove(0))
            } else {
                None
            };
            match dropped {
                Some(s) => self.bytes -= s.bytes,
                None => break,
            }
        }
    }

    /// Goes back one step; returns whether anything changed.
    pub fn undo(&mut self, draft: &mut Draft) -> bool {
        let Some(step) = self.past.pop_back() else {
            return false;
        };
        self.bytes -= step.bytes;
        let back = self.swap(draft, step);
        self.bytes += back.bytes;
        self.future.push(back);
        true
    }

    /// Goes forward one undone step; returns whether anything changed.
    pub fn redo(&mut self, draft: &mut Draft) -> bool {
        let Some(step) = self.future.pop() else {
            return false;
        };
        self.bytes -= step.bytes;
        let back = self.swap(draft, step);
        self.push_past(back);
        true
    }

    /// Puts the step's state in place and returns the step leading back to the current one,
    /// opened where the change is to be seen.
    fn swap(&mut self, draft: &mut Draft, step: Step) -> Step {
        self.typing = None;
        let mut current = std::mem::replace(draft, step.state);
        let shown_after = draft.open;
        current.open = step.other_open;
        Step {
            bytes: size(&current),
            state: current,
            other_open: shown_after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::INTRO;

    fn setup() -> (Template, Draft, Undo) {
        let t = Template::builtin();
        let d = Draft::from_template(&t, "县科技局", 2023, None);
        (t, d, Undo::new())
    }

    /// Types `text` one character at a time, `gap` ms apart, starting at `start`.
    fn type_into(
        u: &mut Undo,
        d: &mut Draft,
        t: &Template,
        id: SectionId,
        text: &str,
        start: f64,
        gap: f64,
    ) -> f64 {
        let mut now = start;
        let mut body = d.body_of(id).unwrap_or_default().to_string();
        for c in text.chars() {
            body.push(c);
            u.apply(d, Edit::SetBody(id, body.clone()), t, now).unwrap();
            now += gap;
        }
        now
    }

    #[test]
    fn typing_a_sentence_is_one_step_and_a_pause_splits() {
        let (t, mut d, mut u) = setup();
        let p1 = d.parts[0].id;
        u.apply(&mut d, Edit::Open(p1), &t, 0.0).unwrap();
        let now = type_into(&mut u, &mut d, &t, p1, "加强依法行政。", 10.0, 100.0);
        assert_eq!(u.len(), 1);
        type_into(&mut u, &mut d, &t, p1, "成效显著。", now + PAUSE_MS, 100.0);
        assert_eq!(u.len(), 2);
        assert!(u.undo(&mut d));
        assert_eq!(d.body_of(p1), Some("加强依法行政。"));
        assert!(u.undo(&mut d));
        assert_eq!(d.body_of(p1), Some(""));
        assert!(!u.undo(&mut d));
        assert!(u.redo(&mut d) && u.redo(&mut d));
        assert_eq!(d.body_of(p1), Some("加强依法行政。成效显著。"));
        assert!(!u.redo(&mut d));
    }

    #[test]
    fn a_change_of_field_or_section_starts_a_new_step() {
        let (t, mut d, mut u) = setup();
        let (p1, p2) = (d.parts[0].id, d.parts[1].id);
        type_into(&mut u, &mut d, &t, p1, "一", 0.0, 10.0);
        u.apply(&mut d, Edit::SetUnit("县科技局办公室".into()), &t, 20.0)
            .unwrap();
        type_into(&mut u, &mut d, &t, p1, "二", 30.0, 10.0);
        // Opening another section ends the group even if typing resumes in the same body.
        u.apply(&mut d, Edit::Open(p2), &t, 40.0).unwrap();
        u.apply(&mut d, Edit::Open(p1), &t, 41.0).unwrap();
        type_into(&mut u, &mut d, &t, p1, "三", 42.0, 10.0);
        assert_eq!(u.len(), 4);
        u.undo(&mut d);
        assert_eq!(d.body_of(p1), Some("一二"));
        u.undo(&mut d);
        assert_eq!(d.body_of(p1), Some("一"));
        u.undo(&mut d);
        assert_eq!(d.unit, "县科技局");
    }

    #[test]
    fn structural_edits_are_single_steps_and_undo_reopens_the_changed_section() {
        let (t, mut d, mut u) = setup();
        let p1 = d.parts[0].id;
        u.apply(&mut d, Edit::Open(p1), &t, 0.0).unwrap();
        let a = u
            .apply(&mut d, Edit::AddChild { parent: p1 }, &t, 1.0)
            .unwrap()
            .unwrap();
        u.apply(&mut d, Edit::SetHeading(a, "强化组织领导".into()), &t, 2.0)
            .unwrap();
        type_into(&mut u, &mut d, &t, a, "成立领导小组。", 3.0, 10.0);
        let b = u
            .apply(&mut d, Edit::AddSibling { after: a }, &t, 200.0)
            .unwrap()
            .unwrap();
        u.apply(&mut d, Edit::MoveUp(b), &t, 201.0).unwrap();
        u.apply(&mut d, Edit::Open(a), &t, 202.0).unwrap();
        u.apply(&mut d, Edit::Remove(a), &t, 203.0).unwrap();
        assert!(d.section(a).is_none());
        assert_eq!(u.len(), 6);

        // The user wanders off to the intro; undoing the removal brings the section back
        // and opens it.
        u.apply(&mut d, Edit::Open(INTRO), &t, 300.0).unwrap();
        u.undo(&mut d);
        assert_eq!(
            d.section(a).map(|s| s.body.as_str()),
            Some("成立领导小组。")
        );
        assert_eq!(d.open, Some(a));
        u.undo(&mut d);
        assert_eq!(d.parts[0].children[0].id, a, "move undone");
        u.undo(&mut d);
        assert!(d.section(b).is_none(), "add undone");
        assert_eq!(d.open, Some(a));
        // Redo the add: the new section is open again.
        u.redo(&mut d);
        assert!(d.section(b).is_some());
        assert_eq!(d.open, Some(b));
    }

    #[test]
    fn undo_across_a_change_of_section() {
        let (t, mut d, mut u) = setup();
        let (p1, p2) = (d.parts[0].id, d.parts[1].id);
        u.apply(&mut d, Edit::Open(p1), &t, 0.0).unwrap();
        type_into(&mut u, &mut d, &t, p1, "第一部分正文", 1.0, 10.0);
        u.apply(&mut d, Edit::Open(p2), &t, 100.0).unwrap();
        type_into(&mut u, &mut d, &t, p2, "第二部分正文", 101.0, 10.0);
        u.undo(&mut d);
        assert_eq!(d.body_of(p2), Some(""));
        assert_eq!(d.open, Some(p2));
        u.undo(&mut d);
        assert_eq!(d.body_of(p1), Some(""));
        assert_eq!(d.open, Some(p1), "undo shows the section it changed");
        u.redo(&mut d);
        assert_eq!(d.body_of(p1), Some("第一部分正文"));
        assert_eq!(d.open, Some(p1));
        u.redo(&mut d);
        assert_eq!(d.body_of(p2), Some("第二部分正文"));
        assert_eq!(d.open, Some(p2));
    }

    #[test]
    fn a_new_edit_clears_redo_and_refused_or_empty_edits_record_nothing() {
        let (t, mut d, mut u) = setup();
        let p1 = d.parts[0].id;
        u.apply(&mut d, Edit::SetUnit("甲".into()), &t, 0.0)
            .unwrap();
        u.apply(&mut d, Edit::AddChild { parent: p1 }, &t, 1.0)
            .unwrap();
        u.undo(&mut d);
        assert!(u.can_redo());
        u.apply(&mut d, Edit::SetUnit("乙".into()), &t, 5000.0)
            .unwrap();
        assert!(!u.can_redo());
        assert!(!u.redo(&mut d));
        assert_eq!(d.unit, "乙");

        let steps = u.len();
        assert!(u.apply(&mut d, Edit::Remove(p1), &t, 9000.0).is_err());
        assert!(u.apply(&mut d, Edit::SetYear(1900), &t, 9001.0).is_err());
        u.apply(&mut d, Edit::SetUnit("乙".into()), &t, 9002.0)
            .unwrap();
        assert_eq!(u.len(), steps);
    }

    #[test]
    fn restoring_a_snapshot_is_one_undoable_step() {
        let (t, mut d, mut u) = setup();
        let earlier = d.clone();
        type_into(&mut u, &mut d, &t, INTRO, "开头语", 0.0, 10.0);
        let typed = d.clone();
        u.apply(&mut d, Edit::Restore(Box::new(earlier.clone())), &t, 5000.0)
            .unwrap();
        assert_eq!(d, earlier);
        u.undo(&mut d);
        assert_eq!(d, typed);
    }

    #[test]
    fn history_stays_within_its_bounds() {
        let (t, mut d, mut u) = setup();
        for i in 0..(MAX_STEPS + 50) {
            u.apply(
                &mut d,
                Edit::SetUnit(format!("单位{i}")),
                &t,
                i as f64 * 10_000.0,
            )
            .unwrap();
        }
        assert_eq!(u.len(), MAX_STEPS);
        // The oldest went first: undoing everything ends at the 50th state, not the first.
        while u.undo(&mut d) {}
        assert_eq!(d.unit, "单位49");

        // A large body: the byte budget caps the number of states kept.
        let (t, mut d, mut u) = setup();
        let p1 = d.parts[0].id;
        let big = "法".repeat(1 << 20); // 3 MiB of UTF-8
        for i in 0..20 {
            let text = format!("{big}{i}");
            u.apply(&mut d, Edit::SetBody(p1, text), &t, i as f64 * 10_000.0)
                .unwrap();
        }
        assert!(u.bytes() <= MAX_BYTES, "{} bytes kept", u.bytes());
        assert!(u.len() >= 2 && u.len() < 20, "{} steps kept", u.len());
        let kept = u.len();
        while u.undo(&mut d) {}
        assert!(u.bytes() <= MAX_BYTES + 4 * (1 << 20));
        assert_eq!(u.future.len(), kept);
    }
}
