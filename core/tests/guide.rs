//! The guide state saved with a draft: old drafts load without it, marks survive a save, and
//! the progress and deadlines read a stored draft as the UI does.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

use nianbao_core::date::DocDate;
use nianbao_core::deadlines::due_dates;
use nianbao_core::edit::Edit;
use nianbao_core::format::{decode, encode};
use nianbao_core::progress::{progress, Overall};
use nianbao_core::template::Template;

const V2: &str = include_str!("../../tests/fixtures/drafts/v2.json");

#[test]
fn schema_two_drafts_load_with_an_empty_guide_and_save_unchanged() {
    let stored = decode(V2).unwrap();
    assert!(stored.draft.guide.is_empty());
    let again = encode(&stored.id, &stored.draft, stored.revision, stored.saved_at);
    assert!(
        !again.contains("guide"),
        "an empty guide is not written: {again}"
    );
    assert_eq!(decode(&again).unwrap(), stored);
}

#[test]
fn ticks_dismissals_and_secrecy_survive_a_save() {
    let t = Template::builtin();
    let mut d = decode(V2).unwrap().draft;
    let prompt = t.part("leader").unwrap().prompts[1].id.clone();
    let hint = t.part("plans").unwrap().mistakes[0].id.clone();
    let secret = t.secrecy.last().unwrap().id.clone();
    for e in [
        Edit::TogglePrompt(prompt.clone()),
        Edit::DismissHint(hint.clone()),
        Edit::ToggleSecrecy(secret.clone()),
    ] {
        d.apply(e, &t).unwrap();
    }
    let raw = encode("x", &d, 4, 1.0);
    let back = decode(&raw).unwrap().draft;
    assert_eq!(back, d);
    assert!(back.guide.ticked.contains(&prompt));
    assert!(back.guide.dismissed.contains(&hint));
    assert!(back.guide.secrecy.contains(&secret));
    // Next year's report starts with a clean guide.
    assert!(back.next_year(&t).guide.is_empty());
}

#[test]
fn the_fixture_is_being_written_and_its_deadlines_follow_its_year() {
    let t = Template::builtin();
    let d = decode(V2).unwrap().draft;
    let p = progress(&d, &t);
    assert_eq!(p.overall, Overall::Writing);
    let measures = p.parts.iter().find(|r| r.key == "measures").unwrap();
    assert_eq!(
        measures.chars,
        "全年组织学法14次。强化组织领导，提升法治能力"
            .chars()
            .count()
    );
    // The fixture has no part 五: it is listed as missing, not as empty.
    assert!(!p.parts.iter().find(|r| r.key == "other").unwrap().present);
    let due = due_dates(&t, d.year, DocDate::new(2025, 2, 20).unwrap());
    assert_eq!(due[0].wording(), "距报送截止（2025年3月1日）还有 9 天");
}
