//! Import of plain text and Markdown: the sample report, pasted web and PDF text, each
//! clean-up kind, the Markdown round trip, robustness on generated input and linear time.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

mod common;
use common::Rng;
use nianbao_core::date::DocDate;
use nianbao_core::edit::Edit;
use nianbao_core::export::markdown;
use nianbao_core::import::{import, CleanupKind, ImportOptions, Imported};
use nianbao_core::model::{Draft, Section, SectionId, INTRO};
use nianbao_core::template::Template;
use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("../../tests/fixtures/yueyang-keji-2023.txt");
const SAMPLE_MD: &str = include_str!("../../tests/golden/yueyang-keji-2023.md");
const WEB: &str = include_str!("../../tests/fixtures/import/web-shichang-2023.txt");
const PDF: &str = include_str!("../../tests/fixtures/import/pdf-sifa-2023.txt");

fn options(skip: &[CleanupKind]) -> ImportOptions {
    ImportOptions {
        skip: skip.to_vec(),
        fallback_year: 2023,
    }
}

fn run(text: &str) -> Imported {
    import(text, &Template::builtin(), &options(&[]))
}

fn run_skipping(text: &str, kind: CleanupKind) -> Imported {
    import(text, &Template::builtin(), &options(&[kind]))
}

/// Number of children of each part, and of each of their children.
fn shape(d: &Draft) -> Vec<(usize, Vec<usize>)> {
    d.parts
        .iter()
        .map(|p| {
            (
                p.children.len(),
                p.children.iter().map(|s| s.children.len()).collect(),
            )
        })
        .collect()
}

fn of_kind(r: &Imported, kind: CleanupKind) -> Vec<(usize, String, String)> {
    r.cleanups
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| (c.line, c.before.clone(), c.after.clone()))
        .collect()
}

fn keys(r: &Imported) -> Vec<Option<&str>> {
    r.draft.parts.iter().map(|p| p.part.as_deref()).collect()
}

fn all_text(d: &Draft) -> String {
    fn walk(list: &[Section], out: &mut String) {
        for s in list {
            out.push_str(&s.heading);
            out.push('\n');
            out.push_str(&s.body);
            out.push('\n');
            walk(&s.children, out);
        }
    }
    let mut out = d.intro.clone();
    out.push('\n');
    walk(&d.parts, &mut out);
    out
}

/// Ids unique, none of them the intro's, all below `next_id`.
fn assert_ids_valid(d: &Draft) {
    fn walk(list: &[Section], ids: &mut Vec<u32>) {
        for s in list {
            ids.push(s.id.0);
            walk(&s.children, ids);
        }
    }
    let mut ids = Vec::new();
    walk(&d.parts, &mut ids);
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate section ids");
    assert!(!ids.contains(&INTRO.0));
    assert!(
        ids.iter().all(|&i| i < d.next_id),
        "next_id not above all ids"
    );
}

fn depth(list: &[Section]) -> usize {
    list.iter()
        .map(|s| 1 + depth(&s.children))
        .max()
        .unwrap_or(0)
}

#[test]
fn sample_imports_as_the_report_it_is() {
    let t = Template::builtin();
    let r = run(SAMPLE);
    assert_eq!(
        r.detected_title.as_deref(),
        Some("岳阳县科技局2023年法治建设年度报告")
    );
    assert_eq!(r.detected_unit.as_deref(), Some("岳阳县科学技术局"));
    assert_eq!(r.detected_year, Some(2023));
    let d = &r.draft;
    assert_eq!(d.unit, "岳阳县科学技术局");
    assert_eq!(d.year, 2023);
    assert_eq!(
        d.title.as_deref(),
        Some("岳阳县科技局2023年法治建设年度报告")
    );
    assert!(d.intro.starts_with("2023年，县科技局在县委县政府"));
    assert!(!d.intro.contains("岳阳县科学技术局"));
    assert_eq!(
        keys(&r),
        [
            Some("measures"),
            Some("shortcomings"),
            Some("leader"),
            Some("plans")
        ]
    );
    assert!(r.missing.is_empty());
    let matched: Vec<(SectionId, String)> = d
        .parts
        .iter()
        .map(|p| (p.id, p.part.clone().unwrap()))
        .collect();
    assert_eq!(r.matched, matched);
    assert_eq!(
        shape(d),
        vec![
            (3, vec![0, 0, 4]),
            (0, vec![]),
            (4, vec![0, 0, 0, 0]),
            (3, vec![0, 0, 0])
        ]
    );
    assert_eq!(d.parts[0].heading, "推进法治政府建设的主要举措和成效");
    assert_eq!(d.parts[0].children[2].heading, "开展法治宣传，提升法治意识");
    assert_eq!(
        d.parts[0].children[2].children[0].heading,
        "强化党内法规学习宣传"
    );
    assert!(d.parts[0].children[2].children[0]
        .body
        .starts_with("着重学习党章"));
    assert_eq!(d.parts[1].paragraphs().count(), 3);
    assert!(d.parts[1].body.starts_with("一是法治素养水平有待提升。"));
    assert!(d.parts[2]
        .body
        .starts_with("2023年县科技局主要负责人认真履行"));
    assert_eq!(d.parts[2].children[0].heading, "加强组织领导");
    assert_eq!(d.parts[3].heading, "2024年推进法治建设主要安排");
    let text = all_text(d);
    for joined in [
        "党组理论学习",
        "国家安全教育日",
        "由局主要领导担任组长",
        "新理论新要求",
        "《岳阳县科技局2023年普法工作计划》",
    ] {
        assert!(text.contains(joined), "not joined: {joined}");
    }
    assert_ids_valid(d);
    // The hand-built fixture of the exports says the same, signature aside.
    let md = markdown::render(d, &t);
    let body = |s: &str| s.split("\n---\n").next().unwrap().to_string();
    assert_eq!(body(&md), body(SAMPLE_MD));
}

#[test]
fn sample_cleanups_are_listed_in_input_order() {
    let r = run(SAMPLE);
    let kinds = |k: CleanupKind| r.cleanups.iter().filter(|c| c.kind == k).count();
    assert_eq!(kinds(CleanupKind::Letterhead), 1);
    assert_eq!(kinds(CleanupKind::PageBreak), 4);
    assert!(kinds(CleanupKind::DigitSpacing) >= 8);
    assert_eq!(kinds(CleanupKind::WebFurniture), 0);
    assert_eq!(kinds(CleanupKind::Watermark), 0);
    assert!(r.cleanups.windows(2).all(|w| w[0].line <= w[1].line));
    let letterhead = &r.cleanups[0];
    assert_eq!(
        (letterhead.line, letterhead.before.as_str()),
        (3, "岳阳县科学技术局")
    );
    let cut = r
        .cleanups
        .iter()
        .find(|c| c.kind == CleanupKind::PageBreak)
        .unwrap();
    assert_eq!(cut.line, 17);
    assert!(cut.before.contains("党组理\n论学习"));
    assert!(cut.after.contains("党组理论学习"));
    let labels: Vec<&str> = CleanupKind::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(
        labels,
        [
            "网页杂项",
            "水印",
            "数字两侧空格",
            "信头",
            "分页断词",
            "标题分行",
            "缺失的序号"
        ]
    );
}

#[test]
fn web_copy_with_leader_first_and_no_shortcomings() {
    let r = run(WEB);
    let d = &r.draft;
    assert_eq!(r.detected_unit.as_deref(), Some("岳阳县市场监督管理局"));
    assert_eq!(r.detected_year, Some(2023));
    // The title is the derived one, so it is not stored.
    assert_eq!(d.title, None);
    assert_eq!(d.unit, "岳阳县市场监督管理局");
    assert_eq!(d.signer, None, "signer equal to the unit");
    assert_eq!(d.date, DocDate::new(2024, 3, 15).ok());
    assert_eq!(keys(&r), [Some("leader"), Some("measures"), Some("plans")]);
    assert_eq!(r.missing, ["shortcomings"]);
    assert_eq!(
        shape(d),
        vec![(2, vec![0, 0]), (2, vec![2, 0]), (2, vec![0, 0])]
    );
    assert_eq!(d.parts[0].children[0].heading, "带头学法");
    assert_eq!(
        d.parts[0].children[0].body,
        "局党组书记、局长主持党组会学法6次，带头讲授法治课2次。"
    );
    assert_eq!(
        d.parts[1].children[0].children[0].heading,
        "深化“放管服”改革"
    );
    assert_eq!(
        d.parts[1].children[0].children[1].body,
        "落实行政执法三项制度，案卷评查合格率100%。"
    );
    assert!(d.intro.starts_with("2023年，我局坚持"));
    let text = all_text(d);
    for gone in [
        "岳阳县人民政府网",
        "来源",
        "浏览次数",
        "打印本页",
        "分享到",
        "简体",
        "字号",
        "当前位置",
    ] {
        assert!(!text.contains(gone), "left in: {gone}");
    }
    let count = |k: CleanupKind| r.cleanups.iter().filter(|c| c.kind == k).count();
    assert_eq!(count(CleanupKind::Watermark), 3);
    assert_eq!(count(CleanupKind::WebFurniture), 7);
    assert_ids_valid(d);
}

#[test]
fn pdf_text_with_page_numbers_levels_and_signature() {
    let r = run(PDF);
    let d = &r.draft;
    assert_eq!(d.unit, "岳阳县司法局");
    assert_eq!(
        d.title.as_deref(),
        Some("岳阳县司法局关于2023年度法治政府建设情况的报告")
    );
    assert_eq!(d.year, 2023);
    assert_eq!(d.date, DocDate::new(2024, 1, 20).ok());
    assert_eq!(d.signer, None);
    assert_eq!(
        keys(&r),
        [
            Some("measures"),
            Some("shortcomings"),
            Some("leader"),
            Some("plans"),
            Some("other")
        ]
    );
    assert!(r.missing.is_empty());
    assert_eq!(
        shape(d),
        vec![
            (2, vec![2, 0]),
            (0, vec![]),
            (0, vec![]),
            (2, vec![0, 0]),
            (0, vec![])
        ]
    );
    let points = &d.parts[0].children[0].children;
    assert_eq!(points[1].heading, "加强规范性文件管理");
    assert_eq!(points[1].children.len(), 2, "（1）（2） under 2.");
    assert_eq!(points[1].children[0].heading, "严格合法性审查");
    assert!(points[0].body.ends_with("做到清单之外无权力。"));
    assert!(d.parts[3].children[1]
        .body
        .ends_with("全面提升执法规范化水平。"));
    assert_eq!(
        d.parts[1].paragraphs().count(),
        1,
        "一是…二是… stays one paragraph"
    );
    assert_eq!(depth(&d.parts), 4);
    let pages: Vec<&str> = r
        .cleanups
        .iter()
        .filter(|c| c.kind == CleanupKind::PageBreak && c.after.is_empty())
        .map(|c| c.before.as_str())
        .collect();
    assert_eq!(pages, ["- 2 -", "- 3 -"]);
    assert_ids_valid(d);
}

#[test]
fn run_together_text_is_split_at_headings() {
    let text = "岳阳县科技局2023年法治建设年度报告 2023年，我局大力加强依法行政，现将有关工作总结如下：一、推进法治政府建设的主要举措和成效（一）强化组织领导。成立领导小组。（二）加强法治教育。一是学习纲要；二是参加考试。二、存在的不足和原因一是法治素养有待提升。";
    let r = run(text);
    let d = &r.draft;
    assert_eq!(d.parts.len(), 2);
    assert_eq!(d.parts[0].heading, "推进法治政府建设的主要举措和成效");
    let sections: Vec<(&str, &str)> = d.parts[0]
        .children
        .iter()
        .map(|s| (s.heading.as_str(), s.body.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            ("强化组织领导", "成立领导小组。"),
            ("加强法治教育", "一是学习纲要；二是参加考试。")
        ]
    );
    assert_eq!(d.parts[1].part.as_deref(), Some("shortcomings"));
}

// ---- one test per clean-up kind: what changes, and that skipping keeps the original ----

const LETTERHEAD: &str = "岳阳县科学技术局\n\n岳阳县科技局2023年法治建设年度报告\n\n2023年，我局依法行政。\n\n一、主要举措和成效\n\n做了很多工作。\n";

#[test]
fn cleanup_letterhead_becomes_the_unit() {
    let r = run(LETTERHEAD);
    let c: Vec<_> = r
        .cleanups
        .iter()
        .filter(|c| c.kind == CleanupKind::Letterhead)
        .collect();
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].line, c[0].before.as_str(), c[0].after.as_str()),
        (1, "岳阳县科学技术局", "")
    );
    assert_eq!(r.draft.unit, "岳阳县科学技术局");
    assert_eq!(r.draft.intro, "2023年，我局依法行政。");

    let kept = run_skipping(LETTERHEAD, CleanupKind::Letterhead);
    assert_eq!(
        of_kind(&kept, CleanupKind::Letterhead),
        of_kind(&r, CleanupKind::Letterhead),
        "skipped kinds are still listed"
    );
    assert_eq!(
        kept.draft.unit, "岳阳县科技局",
        "unit from the title instead"
    );
    assert_eq!(kept.draft.intro, "岳阳县科学技术局\n2023年，我局依法行政。");
}

const CUT: &str = "一、主要举措和成效\n\n将学习纲要作为党组理\n\n论学习中心组学习的重要内容。\n\n二、存在的不足和原因\n\n一是法治素养水平有待提升。\n";

#[test]
fn cleanup_page_break_joins_cut_words() {
    let r = run(CUT);
    let c: Vec<_> = r
        .cleanups
        .iter()
        .filter(|c| c.kind == CleanupKind::PageBreak)
        .collect();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].line, 3);
    assert_eq!(c[0].before, "将学习纲要作为党组理\n论学习中心组学习的重…");
    assert_eq!(c[0].after, "将学习纲要作为党组理论学习中心组学习的重…");
    assert_eq!(
        r.draft.parts[0].body,
        "将学习纲要作为党组理论学习中心组学习的重要内容。"
    );
    let kept = run_skipping(CUT, CleanupKind::PageBreak);
    assert_eq!(kept.cleanups, r.cleanups);
    assert_eq!(
        kept.draft.parts[0].body,
        "将学习纲要作为党组理\n论学习中心组学习的重要内容。"
    );
}

const SPACED: &str = "岳阳县科技局 2023 年法治建设年度报告\n\n一、主要举措和成效\n\n研究制定《岳阳县科技局 2023 年普法工作计划》，全年学法 10 余次。\n";

#[test]
fn cleanup_digit_spacing_tightens_numbers() {
    let r = run(SPACED);
    let c: Vec<_> = r
        .cleanups
        .iter()
        .filter(|c| c.kind == CleanupKind::DigitSpacing)
        .collect();
    assert_eq!(c.len(), 3);
    assert_eq!(c[1].line, 5);
    assert!(c[1].before.contains("《岳阳县科技局 2023 年普法"));
    assert!(c[1].after.contains("《岳阳县科技局2023年普法"));
    assert_eq!(
        r.draft.parts[0].body,
        "研究制定《岳阳县科技局2023年普法工作计划》，全年学法10余次。"
    );
    assert_eq!(
        r.draft.title.as_deref(),
        Some("岳阳县科技局2023年法治建设年度报告")
    );
    let kept = run_skipping(SPACED, CleanupKind::DigitSpacing);
    assert_eq!(kept.cleanups, r.cleanups);
    assert_eq!(
        kept.draft.parts[0].body,
        "研究制定《岳阳县科技局 2023 年普法工作计划》，全年学法 10 余次。"
    );
    assert_eq!(
        kept.detected_year,
        Some(2023),
        "the year is found despite the spaces"
    );
}

const FURNITURE: &str = "某某县人民政府门户网站\n简体 繁体\n当前位置：首页 > 政务公开\n某某县科技局2023年法治政府建设年度报告\n发布时间：2024-03-01  作者：办公室\n浏览次数：88\n2023年，我局依法行政。\n一、主要举措和成效\n做了很多工作。\n打印本页 关闭窗口\n";

#[test]
fn cleanup_web_furniture_is_dropped() {
    let r = run(FURNITURE);
    let c: Vec<(usize, &str, &str)> = r
        .cleanups
        .iter()
        .filter(|c| c.kind == CleanupKind::WebFurniture)
        .map(|c| (c.line, c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        c,
        [
            (1, "某某县人民政府门户网站", ""),
            (2, "简体 繁体", ""),
            (3, "当前位置：首页 > 政务公开", ""),
            (5, "发布时间：2024-03-01  作者：办公室", ""),
            (6, "浏览次数：88", ""),
            (10, "打印本页 关闭窗口", ""),
        ]
    );
    assert_eq!(r.draft.intro, "2023年，我局依法行政。");
    assert_eq!(r.draft.parts[0].body, "做了很多工作。");
    assert_eq!(r.draft.unit, "某某县科技局");
    assert_eq!(r.draft.title, None);
    let kept = run_skipping(FURNITURE, CleanupKind::WebFurniture);
    assert_eq!(
        of_kind(&kept, CleanupKind::WebFurniture),
        of_kind(&r, CleanupKind::WebFurniture)
    );
    assert_eq!(
        of_kind(&kept, CleanupKind::PageBreak),
        [],
        "kept furniture stays apart"
    );
    assert!(kept.draft.intro.contains("浏览次数：88"));
    assert!(kept.draft.parts[0].body.contains("打印本页 关闭窗口"));
    assert_eq!(
        kept.detected_title, r.detected_title,
        "furniture is never the title"
    );
}

const WATERMARKED: &str = "一、主要举措和成效\n组织全体干部 内部资料 注意保存 深入学习习近平法治思想，\n内部资料 注意保存\n将学习纲要纳入学习计划。开展 内部资料 注意保存 普法活动12场。\n";

#[test]
fn cleanup_watermark_is_removed_mid_sentence_and_alone() {
    let r = run(WATERMARKED);
    let c: Vec<(usize, &str, &str)> = r
        .cleanups
        .iter()
        .filter(|c| c.kind == CleanupKind::Watermark)
        .map(|c| (c.line, c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(c.len(), 3);
    assert_eq!(c[0].0, 2);
    assert!(c[0].1.contains("全体干部 内部资料 注意保存 深入学习"));
    assert!(c[0].2.contains("全体干部深入学习"));
    assert_eq!(c[1], (3, "内部资料 注意保存", ""));
    // With the watermark line gone, the sentence it cut runs on.
    assert_eq!(
        r.draft.parts[0].body,
        "组织全体干部深入学习习近平法治思想，将学习纲要纳入学习计划。开展普法活动12场。"
    );
    let kept = run_skipping(WATERMARKED, CleanupKind::Watermark);
    assert_eq!(
        of_kind(&kept, CleanupKind::Watermark),
        of_kind(&r, CleanupKind::Watermark)
    );
    assert!(kept.draft.parts[0]
        .body
        .contains("组织全体干部 内部资料 注意保存 深入学习"));
    assert_eq!(kept.draft.parts[0].body.matches("内部资料").count(), 3);
}

// ---- the Markdown round trip ----

const ATOMS: &[&str] = &[
    "法治",
    "建设",
    "推进",
    "举措",
    "成效",
    "不足",
    "原因",
    "安排",
    "第一责任人",
    "主要负责人",
    "2023",
    "年",
    "10",
    "1.",
    "2)",
    "3、",
    "（一）",
    "一、",
    "一是",
    "*",
    "**",
    "#",
    "##",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "&",
    "\\",
    "`",
    "|",
    "~",
    "!",
    "-",
    "+",
    "=",
    ".",
    " ",
    "。",
    "，",
    "；",
    "：",
    "、",
    "“",
    "”",
    "《",
    "》",
    "a",
    "B",
    "x_y",
    "<script>",
    "---",
    "  ",
    "报告",
];

fn gen_text(rng: &mut Rng, max_atoms: usize) -> String {
    let n = rng.below(max_atoms) + 1;
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(ATOMS));
    }
    s
}

fn gen_body(rng: &mut Rng) -> String {
    let n = rng.below(4);
    let mut lines = Vec::new();
    for _ in 0..n {
        if rng.chance(15) {
            lines.push(String::new());
        }
        let mut line = gen_text(rng, 12);
        if rng.chance(20) {
            line = format!("{}{}", rng.below(30), line);
        }
        lines.push(line);
    }
    lines.join("\n")
}

const UNITS: &[&str] = &["岳阳县科学技术局", "县司法局", "某某市市场监督管理局", ""];

fn gen_section(rng: &mut Rng, d: &mut Draft, t: &Template, id: SectionId, level: usize) {
    let heading = gen_text(rng, 6);
    d.apply(Edit::SetHeading(id, heading), t).unwrap();
    if rng.chance(70) {
        d.apply(Edit::SetBody(id, gen_body(rng)), t).unwrap();
    }
    if level < 4 {
        let children = if rng.chance(50) { rng.below(4) } else { 0 };
        for _ in 0..children {
            let c = d.apply(Edit::AddChild { parent: id }, t).unwrap().unwrap();
            gen_section(rng, d, t, c, level + 1);
        }
    }
}

fn gen_draft(rng: &mut Rng, t: &Template) -> Draft {
    let unit = rng.pick(UNITS);
    let year = 2000 + rng.below(101) as i32;
    let date = if rng.chance(50) {
        DocDate::new(year + 1, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8).ok()
    } else {
        None
    };
    let mut d = Draft::from_template(t, unit, year, date);
    if rng.chance(40) {
        d.apply(Edit::SetTitle(Some(gen_text(rng, 8))), t).unwrap();
    }
    if rng.chance(30) {
        d.apply(
            Edit::SetSigner(Some(gen_text(rng, 4).replace("---", "甲"))),
            t,
        )
        .unwrap();
    }
    if rng.chance(60) {
        d.apply(Edit::SetBody(INTRO, gen_body(rng)), t).unwrap();
    }
    if rng.chance(50) {
        let other = d.parts[4].id;
        d.apply(Edit::Remove(other), t).unwrap();
    }
    for _ in 0..rng.below(3) {
        d.apply(Edit::AddPart { after: None }, t).unwrap();
    }
    let ids: Vec<SectionId> = d.parts.iter().map(|p| p.id).collect();
    for id in ids {
        if rng.chance(70) {
            gen_section(rng, &mut d, t, id, 1);
        }
    }
    d
}

#[test]
fn markdown_export_imports_back_to_the_same_report() {
    let t = Template::builtin();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut derived = 0;
    for case in 0..300 {
        let d = gen_draft(&mut rng, &t);
        let md = markdown::render(&d, &t);
        let r = import(&md, &t, &options(&[]));
        assert!(
            r.cleanups.is_empty(),
            "case {case}: Markdown is not cleaned up"
        );
        assert_ids_valid(&r.draft);
        let again = markdown::render(&r.draft, &t);
        assert_eq!(again, md, "case {case}");
        if d.title.is_none() {
            derived += 1;
            assert_eq!(r.draft.unit, d.unit, "case {case}: unit");
            assert_eq!(r.draft.year, d.year, "case {case}: year");
            assert_eq!(r.draft.title, None, "case {case}: title");
            assert_eq!(
                r.draft.effective_signer(),
                d.effective_signer(),
                "case {case}: signer"
            );
        }
        assert_eq!(r.draft.date, d.date, "case {case}: date");
    }
    assert!(derived >= 100);
}

#[test]
fn sample_markdown_imports_back() {
    let t = Template::builtin();
    let r = import(SAMPLE_MD, &t, &options(&[]));
    assert_eq!(markdown::render(&r.draft, &t), SAMPLE_MD);
    assert_eq!(r.draft.unit, "岳阳县科技局");
    assert_eq!(r.draft.signer.as_deref(), Some("岳阳县科学技术局"));
    assert_eq!(r.draft.date, DocDate::new(2024, 1, 15).ok());
    assert!(r.missing.is_empty());
}

// ---- robustness and time ----

const MARKERS: &[&str] = &[
    "一、",
    "（一）",
    "(一)",
    "1.",
    "1、",
    "1．",
    "（1）",
    "(1)",
    "十二、",
    "（九十九）",
    "99.",
    "一是",
    "。",
    "：",
    "；",
    "\n",
    "\n\n",
    "#",
    "## ",
    "---",
    "\\",
    "2023 年",
    " ",
    "　",
    "报告",
    "2024年1月15日",
    "内部资料",
    "来源：",
    "- 2 -",
];

fn gen_hostile(rng: &mut Rng) -> String {
    let mut s = String::new();
    let n = rng.below(60);
    for _ in 0..n {
        match rng.below(4) {
            0 => {
                // Any scalar value; surrogates are not chars.
                let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{FFFD}');
                s.push(c);
            }
            1 => s.push(char::from_u32(0x4E00 + rng.below(0x5200) as u32).unwrap()),
            2 => s.push(
                rng.pick(&["。", "，", "（", "）", "、", "“", "”", "!", "?", "*"])
                    .chars()
                    .next()
                    .unwrap(),
            ),
            _ => s.push_str(rng.pick(MARKERS)),
        }
    }
    s
}

fn check(text: &str, t: &Template) {
    let skip_all = options(&CleanupKind::ALL);
    for o in [options(&[]), skip_all] {
        let r = import(text, t, &o);
        assert_ids_valid(&r.draft);
        assert!(depth(&r.draft.parts) <= 4);
        let _ = markdown::render(&r.draft, t);
    }
}

#[test]
fn never_panics_on_generated_input() {
    let t = Template::builtin();
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for _ in 0..10_000 {
        let text = gen_hostile(&mut rng);
        let r = import(&text, &t, &options(&[]));
        assert_ids_valid(&r.draft);
        assert!(depth(&r.draft.parts) <= 4);
    }
    let deep: String = (0..3000)
        .map(|i| ["一、甲", "（一）乙", "1.丙", "（1）丁", "(一)戊"][i % 5])
        .collect::<Vec<_>>()
        .join("\n");
    let one_line_markers = "。（一）标题".repeat(5000);
    let megabyte = "法治建设2023 年，".repeat(1 << 20 >> 5);
    let md_deep = (1..=7)
        .map(|h| format!("{} 标题", "#".repeat(h)))
        .collect::<Vec<_>>()
        .join("\n");
    for text in [
        String::new(),
        "\n\n\n".to_string(),
        "。，；：！？、（）".repeat(200),
        "一、".repeat(3000),
        "（".repeat(5000),
        deep,
        one_line_markers,
        megabyte,
        md_deep,
        "---\n---\n---".to_string(),
        "# \n## \n### 1.\n---\n2024年2月30日".to_string(),
    ] {
        check(&text, &t);
    }
}

fn timed(text: &str, t: &Template) -> Duration {
    let start = Instant::now();
    let r = import(text, t, &options(&[]));
    let spent = start.elapsed();
    assert!(!r.draft.parts.is_empty());
    spent
}

#[test]
fn import_time_grows_linearly() {
    let t = Template::builtin();
    let per = SAMPLE.chars().count();
    let small = SAMPLE.repeat(100_000 / per + 1);
    let large = SAMPLE.repeat(400_000 / per + 1);
    // Runs alternate, so that a busy machine slows both sizes alike; the fastest run counts.
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        a = a.min(timed(&small, &t));
        b = b.min(timed(&large, &t));
    }
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-9);
    println!(
        "import of {} chars: {:?}; of {} chars: {:?}; ratio {ratio:.2}",
        small.chars().count(),
        a,
        large.chars().count(),
        b
    );
    assert!(ratio < 8.0, "ratio {ratio:.2}: import is not linear");
}

// ---- real-world shapes: composed fixtures, each against a golden rendering ----

/// The import result as text: what a reader checks, one fact per line.
fn render(r: &Imported) -> String {
    fn walk(list: &[Section], level: usize, out: &mut String) {
        for (i, s) in list.iter().enumerate() {
            let pad = "  ".repeat(level);
            let marker = nianbao_core::numbering::marker(level, i + 1);
            out.push_str(&format!("{pad}{marker}{}\n", s.heading));
            for p in s.paragraphs() {
                out.push_str(&format!("{pad}  | {p}\n"));
            }
            walk(&s.children, level + 1, out);
        }
    }
    let d = &r.draft;
    let mut out = String::new();
    out.push_str(&format!("title: {:?}\n", r.detected_title));
    out.push_str(&format!("unit: {}\nyear: {}\n", d.unit, d.year));
    out.push_str(&format!("signer: {:?}\ndate: {:?}\n", d.signer, d.date));
    out.push_str(&format!("missing: {:?}\n", r.missing));
    for p in paragraphs_of(&d.intro) {
        out.push_str(&format!("intro | {p}\n"));
    }
    for (i, p) in d.parts.iter().enumerate() {
        let m = &r.mapping[i];
        out.push_str(&format!(
            "part {} → {:?} ({:?}) part={:?} belongs_to={:?}\n",
            i + 1,
            m.key,
            m.reason,
            p.part,
            p.belongs_to
        ));
    }
    walk(&d.parts, 1, &mut out);
    for c in &r.cleanups {
        out.push_str(&format!(
            "cleanup {:?} line {}: {:?} → {:?}\n",
            c.kind, c.line, c.before, c.after
        ));
    }
    out
}

fn paragraphs_of(body: &str) -> Vec<&str> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Compares the import of `tests/fixtures/import/<name>.txt` with `<name>.golden`;
/// `UPDATE_GOLDEN=1` writes the golden file instead.
fn golden(name: &str) -> Imported {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    let r = run(&text);
    assert_ids_valid(&r.draft);
    let got = render(&r);
    let path = dir.join(format!("{name}.golden"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(got, want, "{name}: import differs from {}", path.display());
    r
}

fn mapped(r: &Imported) -> Vec<Option<&str>> {
    r.draft.parts.iter().map(|p| p.counts_toward()).collect()
}

#[test]
fn own_parts_map_by_meaning_and_position() {
    let r = golden("own-parts");
    assert_eq!(
        mapped(&r),
        [
            Some("measures"),
            Some("leader"),
            Some("measures"),
            Some("shortcomings"),
            Some("plans")
        ]
    );
    assert!(r.missing.is_empty(), "{:?}", r.missing);
    // Only the part in the statutory wording holds the template's place.
    assert_eq!(r.draft.parts[3].part.as_deref(), Some("shortcomings"));
    assert_eq!(r.draft.parts[0].part, None);
    let t = Template::builtin();
    let report = nianbao_core::checks::run(&r.draft, &t);
    assert!(
        !report
            .iter()
            .any(|c| c.kind == nianbao_core::checks::CheckKind::MissingPart),
        "three own parts are 主要举措和成效"
    );
    let p = nianbao_core::progress::progress(&r.draft, &t);
    assert!(p.parts.iter().filter(|x| x.required).all(|x| x.present));
    assert!(p.parts[0].chars > r.draft.parts[0].char_count());
}

#[test]
fn the_clerk_changes_a_mapping() {
    let t = Template::builtin();
    let mut r = golden("own-parts");
    r.remap(1, Some("measures"), &t);
    assert_eq!(r.draft.parts[1].belongs_to.as_deref(), Some("measures"));
    assert_eq!(r.missing, ["leader"]);
    assert_eq!(
        r.mapping[1].reason,
        Some(nianbao_core::import::Reason::Chosen)
    );
    r.remap(3, None, &t);
    assert_eq!(r.draft.parts[3].part, None);
    assert_eq!(r.missing, ["shortcomings", "leader"]);
    r.remap(3, Some("shortcomings"), &t);
    assert_eq!(
        r.draft.parts[3].part.as_deref(),
        Some("shortcomings"),
        "its own wording again"
    );
    assert_eq!(r.draft.parts[3].belongs_to, None);
    r.remap(1, Some("nothing"), &t);
    r.remap(99, Some("plans"), &t);
    assert_eq!(r.missing, ["leader"]);
}

#[test]
fn web_furniture_and_a_repeated_title_go() {
    let r = golden("furniture");
    let text = all_text(&r.draft);
    for gone in [
        "今天是",
        "首页",
        "2024-03-20",
        "来源",
        "点击",
        "打印",
        "微博",
        "返回顶部",
    ] {
        assert!(!text.contains(gone), "left in: {gone}");
    }
    assert_eq!(r.draft.unit, "某某市交通运输局");
    assert!(r.draft.intro.starts_with("2023年，市交通运输局"));
    assert!(r.missing.is_empty());
    let kept = run_skipping(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/import/furniture.txt"
        ))
        .unwrap(),
        CleanupKind::WebFurniture,
    );
    assert!(
        all_text(&kept.draft).contains("点击：356"),
        "kept when switched off"
    );
}

#[test]
fn a_site_watermark_cut_into_words_goes() {
    let r = golden("watermark-site");
    let text = all_text(&r.draft);
    assert!(!text.contains("范文") && !text.contains("www."), "{text}");
    assert!(r.draft.parts[0]
        .body
        .starts_with("局党组认真履行第一责任人职责"));
    assert_eq!(of_kind(&r, CleanupKind::Watermark).len(), 4);
}

#[test]
fn a_title_over_two_lines_and_a_publication_date() {
    let r = golden("title-year");
    assert_eq!(
        r.detected_title.as_deref(),
        Some("某某市自然资源和规划局2024年度法治政府建设工作报告")
    );
    assert_eq!(r.draft.unit, "某某市自然资源和规划局");
    assert_eq!(r.draft.year, 2024);
    assert!(r.draft.intro.starts_with("按照《"), "{}", r.draft.intro);
}

#[test]
fn the_year_comes_from_the_opening_not_a_range() {
    let r = golden("year-opening");
    assert_eq!(r.detected_year, Some(2024));
    assert_eq!(
        r.draft.unit, "某某县审计局",
        "unit before 法治 in a title with no year"
    );
    assert_eq!(r.draft.parts[3].part.as_deref(), Some("plans"));
}

#[test]
fn a_report_on_one_line_gets_its_outline_back() {
    let r = golden("one-line");
    assert_eq!(
        r.detected_title.as_deref(),
        Some("某某县水利局2023年法治政府建设年度报告")
    );
    assert_eq!(r.draft.unit, "某某县水利局");
    assert!(r.draft.intro.starts_with("2023年，我局坚持依法治水"));
    assert_eq!(r.draft.parts.len(), 4);
    assert!(r.missing.is_empty());
    assert_eq!(shape(&r.draft)[0], (2, vec![0, 0]));
    assert_eq!(
        r.draft.parts[1].body,
        "一是执法装备不足；二是专业人才缺乏。"
    );
}

#[test]
fn run_together_headings_and_first_sentences_come_apart() {
    let r = golden("run-together");
    let d = &r.draft;
    assert_eq!(d.unit, "某某县林业局");
    assert_eq!(d.intro, "2023年，我局全面推进依法行政。");
    assert_eq!(d.parts.len(), 4);
    assert_eq!(d.parts[0].heading, "推进法治政府建设的主要举措和成效");
    assert!(d.parts[0].body.starts_with("2023年，我局修订"));
    assert_eq!(d.parts[1].heading, "存在的不足和原因");
    assert!(d.parts[1].body.starts_with("一是执法力量不足。"));
    assert!(r.missing.is_empty());
}

#[test]
fn a_lost_numeral_is_restored_by_position() {
    let r = golden("lost-numeral");
    assert_eq!(r.draft.parts.len(), 4);
    assert_eq!(
        r.draft.parts[1].heading,
        "强化党的领导，压实法治建设主体责任"
    );
    assert_eq!(r.draft.parts[1].belongs_to.as_deref(), Some("leader"));
    assert!(r.missing.is_empty());
    let kept = run_skipping(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/import/lost-numeral.txt"
        ))
        .unwrap(),
        CleanupKind::LostNumeral,
    );
    assert_eq!(kept.draft.parts.len(), 3);
}
