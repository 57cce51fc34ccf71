//! Every stored format version ever written loads, from frozen fixture files.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

use nianbao_core::format::{decode, encode, SCHEMA};
use nianbao_core::model::SectionId;

const V1: &str = include_str!("../../tests/fixtures/drafts/v1.json");
const V2: &str = include_str!("../../tests/fixtures/drafts/v2.json");

#[test]
fn version_1_migrates_with_a_stable_id() {
    let s = decode(V1).unwrap();
    assert_eq!(s.schema, SCHEMA);
    assert_eq!(s.id, "v1-1706000000000");
    assert_eq!(decode(V1).unwrap().id, s.id, "migration is deterministic");
    assert_eq!(
        (s.revision, s.draft.unit.as_str(), s.draft.year),
        (12, "岳阳县科学技术局", 2023)
    );
    assert_eq!(s.draft.open, Some(SectionId(6)));
    assert_eq!(
        s.draft.parts[0].children[0].children[0].body,
        "着重学习党章。"
    );
    assert_eq!(s.draft.name, None);
    assert_eq!(
        s.draft.date.map(|d| d.to_string()).as_deref(),
        Some("2024年1月15日")
    );
}

#[test]
fn version_2_loads_as_is_and_round_trips() {
    let s = decode(V2).unwrap();
    assert_eq!(s.id, "m5x0k2-0000beef");
    assert_eq!(s.draft.name.as_deref(), Some("2024年度报告（初稿）"));
    assert_eq!(s.draft.carried_plans.as_ref().unwrap().items.len(), 2);
    assert_eq!(s.draft.signer.as_deref(), Some("岳阳县科学技术局（印）"));
    let again = decode(&encode(&s.id, &s.draft, s.revision, s.saved_at)).unwrap();
    assert_eq!(again, s);
}
