//! Checks (体检): each check against the fixture cases in tests/fixtures/checks, fixes applied
//! and checked again, the sample report, text copied from web pages and PDFs, and speed.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

mod common;

use nianbao_core::checks::{
    combined_fixes, in_gb2312, run, CheckKind, Finding, Location, Severity,
};
use nianbao_core::date::DocDate;
use nianbao_core::edit::Edit;
use nianbao_core::model::{paragraphs, Draft, Section, SectionId, INTRO};
use nianbao_core::template::Template;
use std::path::Path;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Helpers

/// Every fix of one kind at once, applied as edits in order (as the app would dispatch them);
/// returns how many edits applied.
fn fix_all(d: &mut Draft, t: &Template, kind: CheckKind) -> usize {
    combined_fixes(d, t, kind)
        .into_iter()
        .filter(|e| d.apply(e.clone(), t).is_ok())
        .count()
}

/// A draft with every part written and a date: nothing to find in it.
fn clean_draft(t: &Template) -> Draft {
    let mut d = Draft::from_template(t, "岳阳县科学技术局", 2023, DocDate::new(2024, 1, 15).ok());
    let ids: Vec<SectionId> = d.parts.iter().map(|p| p.id).collect();
    for id in ids {
        d.apply(Edit::SetBody(id, "本部分内容。".into()), t)
            .unwrap();
    }
    d
}

fn part_id(d: &Draft, key: &str) -> SectionId {
    d.parts
        .iter()
        .find(|p| p.part.as_deref() == Some(key))
        .unwrap()
        .id
}

fn of_kind(findings: &[Finding], kind: CheckKind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

fn show(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{:?} {:?} {:?} {} [{}]{}\n",
                f.kind,
                f.severity,
                f.location,
                f.message,
                f.excerpt,
                f.fix
                    .as_ref()
                    .map(|x| format!(" -> {}", x.label))
                    .unwrap_or_default()
            )
        })
        .collect()
}

/// What a finding says, without its fix (which embeds whole texts).
fn gist(findings: &[Finding]) -> Vec<(CheckKind, Location, String)> {
    findings
        .iter()
        .map(|f| (f.kind, f.location.clone(), f.message.clone()))
        .collect()
}

fn all_ids(list: &[Section], out: &mut Vec<SectionId>) {
    for s in list {
        out.push(s.id);
        all_ids(&s.children, out);
    }
}

fn body(d: &Draft, id: SectionId) -> String {
    d.body_of(id).unwrap().to_string()
}

// ---------------------------------------------------------------------------------------------
// Fixture cases

#[derive(Clone, Debug)]
enum Target {
    Body,
    Heading,
    Part(String),
}

#[derive(Debug)]
struct Case {
    line: usize,
    target: Target,
    text: String,
    bad: bool,
    fix: Option<String>,
    chars: Option<String>,
}

fn cases(name: &str) -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/checks")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut target = Target::Body;
    let mut out: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(t) = line.strip_prefix("@target ") {
            target = match t.split_once(' ') {
                Some(("part", key)) => Target::Part(key.to_string()),
                _ if t == "heading" => Target::Heading,
                _ => Target::Body,
            };
            continue;
        }
        let (tag, value) = line.split_once(": ").unwrap();
        match tag {
            "ok" | "bad" => out.push(Case {
                line: n + 1,
                target: target.clone(),
                text: value.to_string(),
                bad: tag == "bad",
                fix: None,
                chars: None,
            }),
            "fix" => out.last_mut().unwrap().fix = Some(value.to_string()),
            "chars" => out.last_mut().unwrap().chars = Some(value.to_string()),
            _ => panic!("{name}:{}: unknown tag {tag}", n + 1),
        }
    }
    assert!(out.len() >= 5, "{name} has too few cases");
    out
}

/// Reads back the text a case was put into.
type Reader = Box<dyn Fn(&Draft) -> String>;

/// A clean draft with the case's text put in place; the location findings should name, and
/// a way to read the text back.
fn place(t: &Template, case: &Case) -> (Draft, Location, Reader) {
    let mut d = clean_draft(t);
    let first = d.parts[0].id;
    match &case.target {
        Target::Body => {
            d.apply(Edit::SetBody(first, case.text.clone()), t).unwrap();
            let loc = Location::Body {
                id: first,
                paragraph: 0,
            };
            (d, loc, Box::new(move |d: &Draft| body(d, first)))
        }
        Target::Heading => {
            let id = d
                .apply(Edit::AddChild { parent: first }, t)
                .unwrap()
                .unwrap();
            d.apply(Edit::SetBody(id, "内容。".into()), t).unwrap();
            d.apply(Edit::SetHeading(id, case.text.clone()), t).unwrap();
            (
                d,
                Location::Heading(id),
                Box::new(move |d: &Draft| d.section(id).unwrap().heading.clone()),
            )
        }
        Target::Part(key) => {
            let id = part_id(&d, key);
            d.apply(Edit::SetHeading(id, case.text.clone()), t).unwrap();
            (
                d,
                Location::Heading(id),
                Box::new(move |d: &Draft| d.section(id).unwrap().heading.clone()),
            )
        }
    }
}

/// Runs every case of a fixture file for one kind; returns (ok cases, bad cases).
fn check_fixture(name: &str, kind: CheckKind) -> (usize, usize) {
    let t = Template::builtin();
    let (mut oks, mut bads) = (0, 0);
    for case in cases(name) {
        let (mut d, loc, read) = place(&t, &case);
        let before = run(&d, &t);
        let found = of_kind(&before, kind);
        let at = format!("{name}:{} {:?}\n{}", case.line, case.text, show(&before));
        if !case.bad {
            assert!(found.is_empty(), "unexpected finding at {at}");
            oks += 1;
            continue;
        }
        bads += 1;
        let expected = case.chars.as_ref().map_or(1, |c| c.chars().count());
        assert_eq!(found.len(), expected, "finding count at {at}");
        for f in &found {
            assert_eq!(f.location, loc, "location at {at}");
            assert!(f.excerpt.chars().count() <= 30, "long excerpt at {at}");
            assert!(!f.message.is_empty());
        }
        if let Some(chars) = &case.chars {
            for (c, f) in chars.chars().zip(&found) {
                let named =
                    f.message.contains(c) || f.message.contains(&format!("U+{:04X}", u32::from(c)));
                assert!(named, "{c:?} not named first in order at {at}");
            }
        }
        let Some(want) = &case.fix else {
            assert!(
                found.iter().all(|f| f.fix.is_none()),
                "fix without a fix: line at {at}"
            );
            continue;
        };
        let fix = found[0]
            .fix
            .clone()
            .unwrap_or_else(|| panic!("no fix at {at}"));
        assert!(!fix.label.is_empty());
        d.apply(fix.edit, &t).unwrap();
        assert_eq!(&read(&d), want, "fixed text at {at}");
        let after = run(&d, &t);
        assert!(
            of_kind(&after, kind).is_empty(),
            "still found after fix at {at}\n{}",
            show(&after)
        );
        // The fix brought no new problem; it may settle others in the same characters, as
        // stripping "(一)" settles its half-width brackets.
        let others_before = gist(&before);
        for g in gist(&after) {
            assert!(others_before.contains(&g), "new finding {g:?} at {at}");
        }
    }
    println!("{name}: {oks} ok, {bads} bad");
    (oks, bads)
}

#[test]
fn fixture_half_width_punctuation() {
    let (ok, bad) = check_fixture("half-width.txt", CheckKind::HalfWidthPunct);
    assert!(ok >= 8 && bad >= 14);
}

#[test]
fn fixture_unbalanced_pairs() {
    let (ok, bad) = check_fixture("unbalanced.txt", CheckKind::UnbalancedPair);
    assert!(ok >= 6 && bad >= 8);
}

#[test]
fn fixture_placeholders() {
    let (ok, bad) = check_fixture("placeholders.txt", CheckKind::Placeholder);
    assert!(ok >= 6 && bad >= 13);
}

#[test]
fn fixture_dates() {
    let (ok, bad) = check_fixture("dates.txt", CheckKind::DateFormat);
    assert!(ok >= 6 && bad >= 7);
}

#[test]
fn fixture_manual_numbering() {
    let (ok, bad) = check_fixture("manual-numbering.txt", CheckKind::ManualNumbering);
    assert!(ok >= 6 && bad >= 11);
}

#[test]
fn fixture_years_in_part_headings() {
    let (ok, bad) = check_fixture("years.txt", CheckKind::YearMismatch);
    assert!(ok >= 7 && bad >= 6);
}

#[test]
fn fixture_characters_outside_gb2312() {
    let (ok, bad) = check_fixture("gb2312.txt", CheckKind::OutsideGb2312);
    assert!(ok >= 3 && bad >= 6);
}

// ---------------------------------------------------------------------------------------------
// Structure, header fields, order

#[test]
fn clean_draft_has_no_findings() {
    let t = Template::builtin();
    let d = clean_draft(&t);
    let found = run(&d, &t);
    assert!(found.is_empty(), "{}", show(&found));
}

#[test]
fn new_draft_reports_its_empty_parts_and_missing_date() {
    let t = Template::builtin();
    let mut d = Draft::from_template(&t, "岳阳县科学技术局", 2023, None);
    let found = run(&d, &t);
    println!("{}", show(&found));
    let date = &found[0];
    assert_eq!(
        (date.kind, date.severity, &date.location),
        (CheckKind::DateFormat, Severity::Warning, &Location::Signer)
    );
    assert!(date.message.contains("成文日期") && date.fix.is_none());
    let empty = of_kind(&found, CheckKind::EmptyPart);
    assert_eq!(empty.len(), 5);
    for (f, p) in empty.iter().zip(&d.parts) {
        assert_eq!(f.location, Location::Heading(p.id));
    }
    // The four required parts are errors without a fix; the optional part 五 may go.
    assert!(empty[..4]
        .iter()
        .all(|f| f.severity == Severity::Error && f.fix.is_none()));
    assert!(empty[0].message.contains("第一部分"));
    assert_eq!(empty[4].severity, Severity::Warning);
    let fix = empty[4].fix.clone().unwrap();
    assert_eq!(fix.edit, Edit::Remove(d.parts[4].id));
    d.apply(fix.edit, &t).unwrap();
    assert_eq!(d.parts.len(), 4);
    assert_eq!(of_kind(&run(&d, &t), CheckKind::EmptyPart).len(), 4);
}

#[test]
fn missing_required_part_is_reported_where_it_belongs_and_restored() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    // Only an imported or hand-edited file can lack a required part: edits refuse to remove one.
    d.parts
        .retain(|p| p.part.as_deref() != Some("shortcomings"));
    let p1 = d.parts[0].id;
    d.apply(Edit::SetBody(p1, "全年办理××件。".into()), &t)
        .unwrap();
    let p3 = part_id(&d, "leader");
    d.apply(Edit::SetBody(p3, "学法**次。".into()), &t).unwrap();
    let found = run(&d, &t);
    println!("{}", show(&found));
    let kinds: Vec<CheckKind> = found.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            CheckKind::Placeholder,
            CheckKind::MissingPart,
            CheckKind::Placeholder
        ]
    );
    let missing = &found[1];
    assert_eq!(missing.location, Location::Part("shortcomings".into()));
    assert_eq!(missing.severity, Severity::Error);
    assert!(missing
        .message
        .contains("2023年推进法治政府建设存在的不足和原因"));
    d.apply(missing.fix.clone().unwrap().edit, &t).unwrap();
    assert_eq!(d.parts[1].part.as_deref(), Some("shortcomings"));
    let after = run(&d, &t);
    assert!(of_kind(&after, CheckKind::MissingPart).is_empty());
    // Restored empty: now it asks for content.
    assert_eq!(of_kind(&after, CheckKind::EmptyPart).len(), 1);
}

#[test]
fn missing_parts_at_the_end_and_optional_parts_are_not_required() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    d.parts
        .retain(|p| !matches!(p.part.as_deref(), Some("plans" | "other")));
    let found = run(&d, &t);
    assert_eq!(found.len(), 1, "{}", show(&found));
    assert_eq!(found[0].location, Location::Part("plans".into()));
    assert!(found[0]
        .message
        .contains("2024年推进法治政府建设的主要安排"));
    assert_eq!(fix_all(&mut d, &t, CheckKind::MissingPart), 1);
    assert_eq!(d.parts.last().unwrap().part.as_deref(), Some("plans"));
}

#[test]
fn empty_sections_are_reported_once_at_the_top_and_can_be_removed() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    let p1 = d.parts[0].id;
    let a = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
    d.apply(Edit::SetHeading(a, "强化组织领导".into()), &t)
        .unwrap();
    let a1 = d.apply(Edit::AddChild { parent: a }, &t).unwrap().unwrap();
    d.apply(Edit::SetHeading(a1, "健全机制".into()), &t)
        .unwrap();
    let b = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
    let b1 = d.apply(Edit::AddChild { parent: b }, &t).unwrap().unwrap();
    d.apply(Edit::SetBody(b1, "有内容。".into()), &t).unwrap();
    let b2 = d.apply(Edit::AddChild { parent: b }, &t).unwrap().unwrap();
    let found = run(&d, &t);
    println!("{}", show(&found));
    let empty = of_kind(&found, CheckKind::EmptySection);
    // a (with its empty child a1) once, and b2; b has text below it.
    assert_eq!(empty.len(), 2);
    assert_eq!(empty[0].location, Location::Heading(a));
    assert!(empty[0].message.contains("第一部分（一）"));
    assert_eq!(empty[0].excerpt, "强化组织领导");
    assert_eq!(empty[1].location, Location::Heading(b2));
    assert!(empty[1].message.contains("第一部分（二）2."));
    assert!(empty.iter().all(|f| f.severity == Severity::Warning));
    assert_eq!(fix_all(&mut d, &t, CheckKind::EmptySection), 2);
    assert!(d.section(a).is_none() && d.section(a1).is_none() && d.section(b2).is_none());
    assert!(d.section(b1).is_some());
    assert!(run(&d, &t).is_empty());
}

#[test]
fn title_names_the_report_year() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    // A derived title always fits.
    assert!(run(&d, &t).is_empty());

    d.apply(
        Edit::SetTitle(Some("岳阳县科技局2022年法治建设年度报告".into())),
        &t,
    )
    .unwrap();
    let found = run(&d, &t);
    assert_eq!(found.len(), 1, "{}", show(&found));
    let f = &found[0];
    assert_eq!(
        (f.kind, f.severity, &f.location),
        (CheckKind::YearMismatch, Severity::Error, &Location::Title)
    );
    assert!(f.message.contains("2022") && f.message.contains("2023"));
    d.apply(f.fix.clone().unwrap().edit, &t).unwrap();
    assert_eq!(
        d.title.as_deref(),
        Some("岳阳县科技局2023年法治建设年度报告")
    );
    assert!(run(&d, &t).is_empty());

    d.apply(Edit::SetTitle(Some("法治政府建设年度报告".into())), &t)
        .unwrap();
    let found = run(&d, &t);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0].fix.is_none());

    d.apply(
        Edit::SetTitle(Some(
            "县科技局2023年法治建设工作总结和2024年工作计划".into(),
        )),
        &t,
    )
    .unwrap();
    assert!(run(&d, &t).is_empty());
}

#[test]
fn header_fields_are_checked_in_editor_order() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    d.apply(Edit::SetUnit("XX县科学技术局".into()), &t).unwrap();
    d.apply(
        Edit::SetTitle(Some("XX县科技局2023年法治建设年度报告(初稿)".into())),
        &t,
    )
    .unwrap();
    d.apply(Edit::SetSigner(Some("岳阳县科学技术局(盖章)".into())), &t)
        .unwrap();
    d.apply(Edit::SetDate(None), &t).unwrap();
    d.apply(Edit::SetBody(INTRO, "2023年,县科技局……".into()), &t)
        .unwrap();
    let found = run(&d, &t);
    println!("{}", show(&found));
    let got: Vec<(CheckKind, Location)> =
        found.iter().map(|f| (f.kind, f.location.clone())).collect();
    let intro = Location::Body {
        id: INTRO,
        paragraph: 0,
    };
    assert_eq!(
        got,
        [
            (CheckKind::Placeholder, Location::Unit),
            (CheckKind::HalfWidthPunct, Location::Title),
            (CheckKind::Placeholder, Location::Title),
            (CheckKind::HalfWidthPunct, Location::Signer),
            (CheckKind::DateFormat, Location::Signer),
            (CheckKind::HalfWidthPunct, intro),
        ]
    );
    assert!(found[0].message.starts_with("单位名称"));
    assert!(found[5].message.starts_with("开头第1段"));
    // Fixes go to the field they were found in.
    assert_eq!(
        found[3].fix.as_ref().unwrap().edit,
        Edit::SetSigner(Some("岳阳县科学技术局（盖章）".into()))
    );
    assert_eq!(
        found[1].fix.as_ref().unwrap().edit,
        Edit::SetTitle(Some("XX县科技局2023年法治建设年度报告（初稿）".into()))
    );
}

#[test]
fn findings_follow_the_outline_in_reading_order() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    let p1 = d.parts[0].id;
    let p4 = part_id(&d, "plans");
    d.apply(Edit::SetHeading(p1, "一、2022年主要举措和成效".into()), &t)
        .unwrap();
    d.apply(
        Edit::SetBody(
            p1,
            "第一段没有问题。\n\n第二段有××处。\n第三段,半角。".into(),
        ),
        &t,
    )
    .unwrap();
    let c = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
    d.apply(Edit::SetHeading(c, "(一)强化组织领导,提升能力".into()), &t)
        .unwrap();
    d.apply(Edit::SetBody(c, "于2023-03-01召开会议。".into()), &t)
        .unwrap();
    d.apply(Edit::SetHeading(p4, "2023年工作安排".into()), &t)
        .unwrap();
    let found = run(&d, &t);
    println!("{}", show(&found));
    let got: Vec<(CheckKind, Location)> =
        found.iter().map(|f| (f.kind, f.location.clone())).collect();
    let para = |id, paragraph| Location::Body { id, paragraph };
    assert_eq!(
        got,
        [
            (CheckKind::ManualNumbering, Location::Heading(p1)),
            (CheckKind::YearMismatch, Location::Heading(p1)),
            (CheckKind::Placeholder, para(p1, 1)),
            (CheckKind::HalfWidthPunct, para(p1, 2)),
            (CheckKind::ManualNumbering, Location::Heading(c)),
            (CheckKind::HalfWidthPunct, Location::Heading(c)),
            (CheckKind::DateFormat, para(c, 0)),
            (CheckKind::YearMismatch, Location::Heading(p4)),
        ]
    );
    assert!(found[2].message.starts_with("第一部分第2段"));
    assert!(found[4].message.starts_with("第一部分（一）的标题"));
    // The brackets of the typed number go with it; only the comma is left to convert.
    assert!(
        found[5].message.contains("有1处半角标点“,”"),
        "{}",
        found[5].message
    );
    assert!(found[7].message.contains("2024"));
}

#[test]
fn every_kind_has_a_chinese_label() {
    let labels: Vec<&str> = CheckKind::ALL.iter().map(|k| k.label()).collect();
    for (i, l) in labels.iter().enumerate() {
        assert!(!l.is_empty() && !l.is_ascii(), "{l}");
        assert!(!labels[..i].contains(l), "duplicate label {l}");
    }
    assert_eq!(Severity::Error.label(), "错误");
}

#[test]
fn gb2312_membership_of_known_characters() {
    for c in ['镕', '堃', '〇', '⾏', '😀'] {
        assert!(!in_gb2312(c), "{c}");
    }
    for c in "法治政府。，“”（）《》——…ABCxyz019 .,;".chars() {
        assert!(in_gb2312(c), "{c}");
    }
}

// ---------------------------------------------------------------------------------------------
// Fixes

/// A draft with fixable problems of every kind, several in the same body or heading.
fn messy_draft(t: &Template) -> Draft {
    let mut d = clean_draft(t);
    d.parts
        .retain(|p| p.part.as_deref() != Some("shortcomings"));
    let p1 = d.parts[0].id;
    let p4 = part_id(&d, "plans");
    let other = part_id(&d, "other");
    d.apply(
        Edit::SetTitle(Some("岳阳县科技局2022年法治建设年度报告".into())),
        t,
    )
    .unwrap();
    d.apply(
        Edit::SetHeading(p1, "一、2022年推进法治政府建设的主要举措和成效".into()),
        t,
    )
    .unwrap();
    d.apply(
        Edit::SetBody(
            p1,
            "2023年,我局全面推进依法行政:一是加强领导;二是完善制度。\n\
             于2023-03-01召开部署会,2023/6/1开展检查。\n\
             学法××次（含专题会议)。\n\
             2023年12月01日完成总结,成效明显!"
                .into(),
        ),
        t,
    )
    .unwrap();
    let c = d.apply(Edit::AddChild { parent: p1 }, t).unwrap().unwrap();
    d.apply(Edit::SetHeading(c, "(一)强化组织领导,提升能力".into()), t)
        .unwrap();
    d.apply(Edit::SetBody(c, "成立领导小组(组长为局长)。".into()), t)
        .unwrap();
    let e = d.apply(Edit::AddChild { parent: c }, t).unwrap().unwrap();
    d.apply(Edit::SetHeading(e, "1.健全机制".into()), t)
        .unwrap();
    d.apply(
        Edit::SetHeading(p4, "四、2023年推进法治建设主要安排".into()),
        t,
    )
    .unwrap();
    d.apply(Edit::SetBody(other, String::new()), t).unwrap();
    d
}

#[test]
fn fix_all_leaves_nothing_fixable_of_each_kind() {
    let t = Template::builtin();
    let messy = messy_draft(&t);
    let before = run(&messy, &t);
    println!("{}", show(&before));
    for kind in CheckKind::ALL {
        let mut d = messy.clone();
        let offered = of_kind(&before, kind)
            .iter()
            .filter(|f| f.fix.is_some())
            .count();
        let applied = fix_all(&mut d, &t, kind);
        assert!(applied <= offered, "{kind:?}");
        assert_eq!(applied > 0, offered > 0, "{kind:?}");
        let after = run(&d, &t);
        assert!(
            of_kind(&after, kind).iter().all(|f| f.fix.is_none()),
            "{kind:?} still fixable:\n{}",
            show(&after)
        );
    }
    // Kinds whose every finding had a fix are gone altogether.
    for kind in [
        CheckKind::HalfWidthPunct,
        CheckKind::DateFormat,
        CheckKind::ManualNumbering,
        CheckKind::YearMismatch,
        CheckKind::MissingPart,
        CheckKind::EmptySection,
    ] {
        let mut d = messy.clone();
        assert!(
            !of_kind(&before, kind).is_empty(),
            "{kind:?} not in the messy draft"
        );
        fix_all(&mut d, &t, kind);
        assert!(of_kind(&run(&d, &t), kind).is_empty(), "{kind:?}");
    }
}

#[test]
fn fixes_applied_one_at_a_time_converge() {
    let t = Template::builtin();
    let messy = messy_draft(&t);
    for kind in CheckKind::ALL {
        let mut d = messy.clone();
        let mut steps = 0;
        while let Some(fix) = run(&d, &t)
            .into_iter()
            .filter(|f| f.kind == kind)
            .find_map(|f| f.fix)
        {
            d.apply(fix.edit, &t).unwrap();
            steps += 1;
            assert!(steps < 50, "{kind:?} does not converge");
        }
        let mut merged = messy.clone();
        fix_all(&mut merged, &t, kind);
        // One by one or all at once, the result is the same.
        assert_eq!(
            serde_json::to_string(&d.parts).unwrap(),
            serde_json::to_string(&merged.parts).unwrap(),
            "{kind:?}"
        );
        assert_eq!(d.title, merged.title);
    }
}

#[test]
fn fixes_from_one_run_in_different_fields_apply_together() {
    let t = Template::builtin();
    let mut d = messy_draft(&t);
    let found = run(&d, &t);
    let mut fields: Vec<String> = Vec::new();
    let mut applied = 0;
    for f in found.iter().filter(|f| f.kind == CheckKind::HalfWidthPunct) {
        let field = match &f.location {
            Location::Body { id, .. } => format!("body {id:?}"),
            other => format!("{other:?}"),
        };
        if fields.contains(&field) {
            continue;
        }
        fields.push(field);
        d.apply(f.fix.clone().unwrap().edit, &t).unwrap();
        applied += 1;
    }
    assert!(applied >= 3);
    let left = of_kind(&run(&d, &t), CheckKind::HalfWidthPunct).len();
    let total = of_kind(&found, CheckKind::HalfWidthPunct).len();
    assert_eq!(left, total - applied);
}

#[test]
fn a_fix_changes_only_its_own_paragraph() {
    let t = Template::builtin();
    let d = messy_draft(&t);
    let p1 = d.parts[0].id;
    let found = run(&d, &t);
    for f in found
        .iter()
        .filter(|f| matches!(f.location, Location::Body { id, .. } if id == p1) && f.fix.is_some())
    {
        let Location::Body { paragraph, .. } = f.location else {
            unreachable!()
        };
        let mut fixed = d.clone();
        fixed.apply(f.fix.clone().unwrap().edit, &t).unwrap();
        let old: Vec<String> = paragraphs(&body(&d, p1)).map(String::from).collect();
        let new: Vec<String> = paragraphs(&body(&fixed, p1)).map(String::from).collect();
        assert_eq!(old.len(), new.len());
        for (i, (o, n)) in old.iter().zip(&new).enumerate() {
            assert_eq!(o == n, i != paragraph, "{:?} paragraph {i}", f.kind);
        }
        // Everything outside the body is untouched.
        let mut restored = fixed.clone();
        restored.apply(Edit::SetBody(p1, body(&d, p1)), &t).unwrap();
        assert_eq!(restored, d);
    }
}

// ---------------------------------------------------------------------------------------------
// The sample report and copied texts

#[test]
fn sample_report_is_clean() {
    let t = Template::builtin();
    let d = common::sample_draft(&t);
    let found = run(&d, &t);
    println!("sample report: {} findings\n{}", found.len(), show(&found));
    // Parts 一 to 三 name no year, part 四 says 2024, the next year: all fit.
    assert!(!d.parts[0].heading.contains("20"));
    assert!(d.parts[3].heading.starts_with("2024年"));
    assert!(of_kind(&found, CheckKind::YearMismatch).is_empty());
    // 100%, （办公室）, “八进”, 《…2023年普法工作计划》 are all fine; every char is in GB2312.
    assert!(found.is_empty(), "{}", show(&found));
}

#[test]
fn sample_with_typed_numbers_is_fixed_back() {
    let t = Template::builtin();
    let sample = common::sample_draft(&t);
    let mut d = sample.clone();
    let mut ids = Vec::new();
    all_ids(&sample.parts, &mut ids);
    // As pasted from the PDF: each heading keeps its number, level 3 with a space ("1. 强化").
    for &id in &ids {
        let (level, marker) = d.position(id).unwrap();
        let sep = if level == 3 { " " } else { "" };
        let heading = format!("{marker}{sep}{}", d.section(id).unwrap().heading);
        d.apply(Edit::SetHeading(id, heading), &t).unwrap();
    }
    let found = run(&d, &t);
    let numbered = of_kind(&found, CheckKind::ManualNumbering);
    assert_eq!(numbered.len(), ids.len(), "{}", show(&found));
    assert_eq!(found.len(), ids.len());
    assert!(numbered[0].message.contains("“一、”"));
    assert_eq!(fix_all(&mut d, &t, CheckKind::ManualNumbering), ids.len());
    assert_eq!(d, sample);
}

#[test]
fn sample_reused_for_the_next_year() {
    let t = Template::builtin();
    let mut d = common::sample_draft(&t);
    d.apply(Edit::SetYear(2024), &t).unwrap();
    let found = run(&d, &t);
    println!("{}", show(&found));
    // The sample's own headings are not the template's, so they keep their years.
    let years = of_kind(&found, CheckKind::YearMismatch);
    assert_eq!(years.len(), 2);
    assert_eq!(years[0].location, Location::Title);
    assert_eq!(years[1].location, Location::Heading(d.parts[3].id));
    assert!(years[1].message.contains("2025"));
    assert_eq!(fix_all(&mut d, &t, CheckKind::YearMismatch), 2);
    assert_eq!(
        d.title.as_deref(),
        Some("岳阳县科技局2024年法治建设年度报告")
    );
    assert_eq!(d.parts[3].heading, "2025年推进法治建设主要安排");
    assert!(run(&d, &t).is_empty());
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/checks")
            .join(name),
    )
    .unwrap()
}

#[test]
fn text_copied_from_a_web_page() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    let p1 = d.parts[0].id;
    d.apply(Edit::SetBody(p1, fixture_text("web-copy.txt")), &t)
        .unwrap();
    let found = run(&d, &t);
    println!("{}", show(&found));
    let got: Vec<(CheckKind, usize)> = found
        .iter()
        .map(|f| match f.location {
            Location::Body { paragraph, .. } => (f.kind, paragraph),
            _ => panic!("unexpected {f:?}"),
        })
        .collect();
    use CheckKind::*;
    assert_eq!(
        got,
        [
            (HalfWidthPunct, 2),
            (Placeholder, 2),
            (DateFormat, 2),
            (HalfWidthPunct, 3),
            (HalfWidthPunct, 4),
            (Placeholder, 4),
            (HalfWidthPunct, 5),
            (Placeholder, 5),
            (HalfWidthPunct, 6),
            (Placeholder, 6),
            (HalfWidthPunct, 7),
            (Placeholder, 7),
        ]
    );
    assert!(
        found[3].message.contains("有6处半角标点"),
        "{}",
        found[3].message
    );
    // Two commas and a pair of brackets; "ISO 9001:2015" keeps its colon.
    assert!(found[8].message.contains("有4处"), "{}", found[8].message);
    assert!(found[11].message.contains("“xxx”"));
    fix_all(&mut d, &t, HalfWidthPunct);
    fix_all(&mut d, &t, DateFormat);
    let text = body(&d, p1);
    for want in [
        "来源：县科技局 发布时间：2024年3月20日 浏览次数：*",
        "2023年，我局深入学习",
        "《法治政府建设实施纲要（2021-2025年）》，现将有关情况报告如下：",
        "（一）强化组织领导。",
        "通过ISO 9001:2015认证",
        "联系电话：0730-1234567 邮箱：xxx@yueyang.gov.cn",
    ] {
        assert!(text.contains(want), "{want} not in\n{text}");
    }
    let left: Vec<CheckKind> = run(&d, &t).iter().map(|f| f.kind).collect();
    assert_eq!(left, [Placeholder; 5]);
}

#[test]
fn text_copied_from_a_pdf() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    let text = fixture_text("pdf-copy.txt");
    let (title, rest) = text.split_once('\n').unwrap();
    d.apply(Edit::SetTitle(Some(title.into())), &t).unwrap();
    let p1 = d.parts[0].id;
    d.apply(Edit::SetBody(p1, rest.into()), &t).unwrap();
    let found = run(&d, &t);
    println!("{}", show(&found));
    let got: Vec<(CheckKind, Location)> =
        found.iter().map(|f| (f.kind, f.location.clone())).collect();
    let para = |paragraph| Location::Body { id: p1, paragraph };
    assert_eq!(
        got,
        [
            (CheckKind::OutsideGb2312, para(0)),
            (CheckKind::DateFormat, para(2)),
            (CheckKind::OutsideGb2312, para(2)),
        ]
    );
    // PDF text extraction gives Kangxi radicals that look like 行 and 心.
    assert!(found[0].message.contains("“⾏”（U+2F8F）"));
    assert!(found[1].message.contains("2023年6月15日"));
    assert!(found[2].message.contains("“⼼”（U+2F3C）"));
    // "2023 年" with spaces fits the year and is no date problem.
    assert!(of_kind(&found, CheckKind::YearMismatch).is_empty());
}

#[test]
fn repeated_rare_characters_are_listed_once_with_a_count() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    let p1 = d.parts[0].id;
    let p2 = d.parts[1].id;
    d.apply(Edit::SetBody(p1, "王堃同志。\n张堃同志。".into()), &t)
        .unwrap();
    d.apply(Edit::SetBody(p2, "李堃、朱镕基".into()), &t)
        .unwrap();
    let found = run(&d, &t);
    assert_eq!(found.len(), 2, "{}", show(&found));
    assert!(found[0].message.contains("堃") && found[0].message.ends_with("共3处"));
    assert_eq!(
        found[0].location,
        Location::Body {
            id: p1,
            paragraph: 0
        }
    );
    assert!(found[1].message.contains("镕") && !found[1].message.contains("共"));
    assert_eq!(
        found[1].location,
        Location::Body {
            id: p2,
            paragraph: 0
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Speed

/// The sample with every body repeated until the report holds about `chars` characters.
fn long_sample(t: &Template, chars: usize) -> Draft {
    let mut d = common::sample_draft(t);
    let mut ids = vec![INTRO];
    all_ids(&d.parts, &mut ids);
    let in_bodies: usize = ids
        .iter()
        .map(|&id| body(&d, id).chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    let times = chars / in_bodies + 1;
    for id in ids {
        let b = body(&d, id);
        if !b.is_empty() {
            let long = vec![b; times].join("\n");
            d.apply(Edit::SetBody(id, long), t).unwrap();
        }
    }
    d
}

#[test]
fn hundred_thousand_characters_check_quickly() {
    let t = Template::builtin();
    let d = long_sample(&t, 100_000);
    assert!(d.char_count() >= 100_000, "{}", d.char_count());
    let start = Instant::now();
    let found = run(&d, &t);
    let clean = start.elapsed();
    assert!(found.is_empty());

    // The same length full of problems: a half-width comma, a placeholder, a date, a rare
    // character in every paragraph.
    let mut bad = d.clone();
    let mut ids = vec![INTRO];
    all_ids(&bad.parts, &mut ids);
    for id in ids {
        let b = body(&bad, id);
        let messy: Vec<String> = paragraphs(&b)
            .map(|p| format!("{p}其中,××件于2023-1-5由王堃办理。"))
            .collect();
        bad.apply(Edit::SetBody(id, messy.join("\n")), &t).unwrap();
    }
    let start = Instant::now();
    let found = run(&bad, &t);
    let messy = start.elapsed();
    println!(
        "run on {} chars: clean {:?}, every paragraph faulty {:?} ({} findings)",
        bad.char_count(),
        clean,
        messy,
        found.len()
    );
    assert!(found.len() > 500);
    // Generous bounds, as comrak's pathological tests have: an unoptimised build on a busy
    // 2-core machine takes about 0.4 s and 1 s here, a check gone quadratic takes minutes.
    let bound = Duration::from_secs(10);
    assert!(
        clean < bound,
        "a clean 100,000-character draft took {clean:?}"
    );
    assert!(
        messy < bound,
        "a faulty 100,000-character draft took {messy:?}"
    );
}

#[test]
fn one_huge_body_keeps_fixes_bounded() {
    let t = Template::builtin();
    let mut d = clean_draft(&t);
    // 100,000 characters pasted into the opening, every paragraph with a half-width comma.
    let para = "县科技局坚持依法行政,全面推进法治政府建设，取得明显成效。".repeat(3);
    let n = 100_000 / para.chars().count() + 1;
    let text = vec![para.as_str(); n].join("\n");
    d.apply(Edit::SetBody(INTRO, text), &t).unwrap();
    let start = Instant::now();
    let found = run(&d, &t);
    let elapsed = start.elapsed();
    let fix_bytes: usize = found
        .iter()
        .filter_map(|f| match &f.fix.as_ref()?.edit {
            Edit::SetBody(_, b) => Some(b.len()),
            _ => None,
        })
        .sum();
    println!(
        "one body of {} chars: {:?}, {} findings, {} KB of fix text",
        d.char_count(),
        elapsed,
        found.len(),
        fix_bytes / 1024
    );
    assert_eq!(found.len(), n);
    // Without a bound this would be n copies of the whole body (over 300 MB).
    assert!(fix_bytes < 1024 * 1024, "{fix_bytes}");
    assert!(found[0].fix.is_some());
    let start = Instant::now();
    assert_eq!(fix_all(&mut d, &t, CheckKind::HalfWidthPunct), 1);
    println!("fix_all on it: {:?}", start.elapsed());
    assert!(run(&d, &t).is_empty());
}
