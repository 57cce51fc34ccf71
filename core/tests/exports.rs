//! Markdown and HTML exports of the sample report against golden files, and escaping of hostile text.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

mod common;

use common::{assert_golden, sample_draft};
use nianbao_core::edit::Edit;
use nianbao_core::export::{html, markdown};
use nianbao_core::model::{Draft, INTRO};
use nianbao_core::template::Template;

#[test]
fn sample_structure_is_what_the_text_says() {
    let t = Template::builtin();
    let d = sample_draft(&t);
    assert_eq!(d.unit, "岳阳县科学技术局");
    assert_eq!(d.effective_title(&t), "岳阳县科技局2023年法治建设年度报告");
    let shape: Vec<(usize, Vec<usize>)> = d
        .parts
        .iter()
        .map(|p| {
            (
                p.children.len(),
                p.children.iter().map(|s| s.children.len()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (3, vec![0, 0, 4]),
            (0, vec![]),
            (4, vec![0, 0, 0, 0]),
            (3, vec![0, 0, 0])
        ]
    );
    let all = markdown::render(&d, &t);
    for joined in [
        "党组理论学习",
        "国家安全教育日",
        "由局主要领导担任组长",
        "新理论新要求",
    ] {
        assert!(all.contains(joined), "page-break cut not joined: {joined}");
    }
}

#[test]
fn sample_markdown_matches_golden() {
    let t = Template::builtin();
    assert_golden(
        "yueyang-keji-2023.md",
        &markdown::render(&sample_draft(&t), &t),
    );
}

#[test]
fn sample_html_matches_golden() {
    let t = Template::builtin();
    assert_golden(
        "yueyang-keji-2023.html",
        &html::render_document(&sample_draft(&t), &t),
    );
}

fn hostile_draft(t: &Template, text: &str) -> Draft {
    let mut d = Draft::from_template(t, text, 2023, None);
    let p = d.parts[0].id;
    d.apply(Edit::SetHeading(p, text.to_string()), t).unwrap();
    d.apply(Edit::SetBody(p, text.to_string()), t).unwrap();
    d.apply(Edit::SetBody(INTRO, text.to_string()), t).unwrap();
    let s = d.apply(Edit::AddChild { parent: p }, t).unwrap().unwrap();
    let pt = d.apply(Edit::AddChild { parent: s }, t).unwrap().unwrap();
    d.apply(Edit::SetHeading(pt, text.to_string()), t).unwrap();
    d.apply(Edit::SetBody(pt, text.to_string()), t).unwrap();
    d.apply(Edit::SetSigner(Some(text.to_string())), t).unwrap();
    d
}

#[test]
fn html_export_escapes_every_field() {
    let t = Template::builtin();
    let evil = r#"<script>alert(1)</script><img src=x onerror="alert(2)"> & <a href='javascript:alert(3)'>x</a>"#;
    let out = html::render_document(&hostile_draft(&t, evil), &t);
    assert!(!out.contains("<script"), "script tag survived");
    assert!(!out.contains("<img"), "img tag survived");
    assert!(!out.contains("<a "), "link survived");
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(out.contains("&amp; &lt;a href=&#39;javascript:alert(3)&#39;&gt;"));
    // Title, heading, intro, body, point heading, point body and signer: every place it went.
    assert!(out.matches("&lt;script&gt;").count() >= 7);
    assert!(out.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    for external in ["http:", "https:", "<link", "<iframe", "@import", "url("] {
        assert!(
            !out.contains(external),
            "external reference {external} in export"
        );
    }
}

#[test]
fn markdown_export_keeps_special_characters_as_text() {
    let t = Template::builtin();
    let out = markdown::render(
        &hostile_draft(&t, "# *重点* & <script>x</script> [a](javascript:b)"),
        &t,
    );
    assert!(out.contains("\\# \\*重点\\* \\& \\<script\\>x\\</script\\> \\[a\\](javascript:b)"));
    assert!(!out.contains("<script>"));
    assert!(
        out.starts_with("# \\# \\*重点\\*"),
        "title is escaped too: {out}"
    );
}

#[test]
fn markdown_has_headings_by_level_and_signature_last() {
    let t = Template::builtin();
    let d = sample_draft(&t);
    let md = markdown::render(&d, &t);
    assert!(md.starts_with("# 岳阳县科技局2023年法治建设年度报告\n\n"));
    assert!(md.contains("\n## 一、推进法治政府建设的主要举措和成效\n"));
    assert!(md.contains("\n### （三）开展法治宣传，提升法治意识\n"));
    assert!(md.contains("\n#### 4.扎实学习宣传安全稳定相关法律法规\n\n坚持总体国家安全观"));
    assert!(md.ends_with("---\n\n岳阳县科学技术局\n\n2024年1月15日\n"));
}

use nianbao_core::layout::{layout, outside_gb2312, Face, Line, Page, BODY_HALVES, LINES_PER_PAGE};

/// The sample with every body written `times` over: a long report of varied paragraphs.
fn long_report(t: &Template, times: usize) -> Draft {
    fn ids(list: &[nianbao_core::model::Section], out: &mut Vec<nianbao_core::model::SectionId>) {
        for s in list {
            out.push(s.id);
            ids(&s.children, out);
        }
    }
    let mut d = sample_draft(t);
    let mut all = vec![INTRO];
    ids(&d.parts, &mut all);
    for id in all {
        let body = d.body_of(id).unwrap_or_default().to_string();
        if !body.is_empty() {
            d.apply(Edit::SetBody(id, vec![body; times].join("\n")), t)
                .unwrap();
        }
    }
    d
}

fn is_heading(l: &Line) -> bool {
    matches!(l.face, Face::Hei | Face::Kai)
}

/// Grid and keep rules every laid-out report must follow.
fn assert_paged_well(pages: &[Page]) {
    for (i, p) in pages.iter().enumerate() {
        let n = i + 1;
        assert!(!p.lines.is_empty(), "page {n} is empty");
        assert!(
            p.lines.len() <= LINES_PER_PAGE,
            "page {n} has {} lines",
            p.lines.len()
        );
        for l in &p.lines {
            assert!(
                l.lead + l.width <= BODY_HALVES,
                "line wider than the type area: {l:?}"
            );
        }
        assert!(
            !p.lines[0].runs.is_empty(),
            "page {n} starts with a blank line"
        );
        if i + 1 == pages.len() {
            continue;
        }
        let last = p.lines.last().unwrap();
        assert!(
            !is_heading(last),
            "page {n} ends with a heading: {}",
            last.text()
        );
        // A paragraph's first line (indented, full) alone at the foot of a page.
        assert!(
            !(last.lead == 4 && last.justify),
            "page {n} ends with a paragraph's single first line: {}",
            last.text()
        );
        // A paragraph's last line (not indented, not full) alone at the head of the next page.
        let first = &pages[i + 1].lines[0];
        let widow = first.lead == 0 && !first.justify && first.face == Face::Fang;
        assert!(
            !widow || first.runs.is_empty(),
            "page {} starts with a paragraph's single last line: {}",
            n + 1,
            first.text()
        );
    }
}

#[test]
fn the_sample_pages_on_the_grid_and_keeps_headings_with_their_text() {
    let t = Template::builtin();
    let pages = layout(&sample_draft(&t), &t);
    assert_paged_well(&pages);
    assert!(pages.len() >= 4, "{} pages", pages.len());
    // The title is centred on line 1, the body starts on line 3 after a blank grid line.
    assert_eq!(pages[0].lines[0].face, Face::Title);
    assert!(pages[0].lines[1].runs.is_empty());
    assert!(pages[0].lines[2].text().starts_with("2023年，县科技局"));
    // Full lines hold exactly 28 cells of text: 2 of indent and 26 characters on a first line.
    let full: Vec<&Line> = pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| l.justify)
        .collect();
    assert!(full.len() > 50);
    assert!(full.iter().all(|l| l.lead + l.width <= BODY_HALVES));
    assert!(
        full.iter()
            .filter(|l| l.lead + l.width == BODY_HALVES)
            .count()
            * 2
            > full.len()
    );
    // Every character of the report is printed once, in order.
    let printed: String = pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(Line::text)
        .collect();
    let md = markdown::render(&sample_draft(&t), &t);
    for probe in [
        "党组理论学习中心组",
        "增强国家安全意识和风险防控能力。",
        "岳阳县科学技术局",
    ] {
        assert_eq!(
            printed.matches(probe).count(),
            md.matches(probe).count(),
            "{probe}"
        );
    }
}

#[test]
fn a_thirty_page_report_keeps_the_rules_on_every_page() {
    let t = Template::builtin();
    let pages = layout(&long_report(&t, 8), &t);
    assert!(pages.len() >= 30, "{} pages", pages.len());
    assert_paged_well(&pages);
    // Most pages are full: breaks move at most a few lines.
    let full = pages
        .iter()
        .filter(|p| p.lines.len() >= LINES_PER_PAGE - 3)
        .count();
    assert!(
        full * 10 >= pages.len() * 9,
        "{full} of {} pages nearly full",
        pages.len()
    );
}

#[test]
fn the_signature_stays_with_the_body_and_moves_for_a_seal() {
    let t = Template::builtin();
    let mut d = sample_draft(&t);
    let sign = |d: &Draft| {
        let pages = layout(d, &t);
        let last = pages.last().unwrap().lines.clone();
        let n = last.len();
        assert!(n >= 4, "the signature is not alone on its page");
        assert!(
            last[n - 3].runs.is_empty(),
            "one blank line before the signature"
        );
        (last[n - 2].clone(), last[n - 1].clone())
    };
    let (name, date) = sign(&d);
    assert_eq!(name.text(), "岳阳县科学技术局");
    assert_eq!(date.text(), "2024年1月15日");
    // Without a seal: the name 2 characters in from the right, the date 2 right of the name.
    assert_eq!(name.lead + name.width + 4, BODY_HALVES);
    assert_eq!(date.lead, name.lead + 4);
    d.apply(Edit::SetSeal(true), &t).unwrap();
    let (name, date) = sign(&d);
    // With a seal: the date 4 characters in, the name centred over it.
    assert_eq!(date.lead + date.width + 8, BODY_HALVES);
    assert!((2 * name.lead + name.width).abs_diff(2 * date.lead + date.width) <= 1);
    // Stored drafts without the field load as unsealed.
    let json = serde_json::to_string(&sample_draft(&t)).unwrap();
    assert!(!json.contains("seal"));
    let back: Draft = serde_json::from_str(&json).unwrap();
    assert!(!back.seal);
}

#[test]
fn characters_outside_gb2312_are_listed_with_their_sections() {
    let t = Template::builtin();
    let mut d = sample_draft(&t);
    let p = d.parts[1].id;
    let body = format!(
        "{}\n王镕同志负责，朱镕基。",
        d.body_of(p).unwrap_or_default()
    );
    d.apply(Edit::SetBody(p, body), &t).unwrap();
    d.apply(Edit::SetSigner(Some("岳阳县科学技术局（堃）".into())), &t)
        .unwrap();
    let found = outside_gb2312(&d, &t);
    let chars: Vec<char> = found.iter().map(|r| r.c).collect();
    assert_eq!(chars, vec!['镕', '堃']);
    assert_eq!(found[0].count, 2);
    assert_eq!(
        found[0].places,
        vec!["二、推进法治建设存在的不足和原因".to_string()]
    );
    assert_eq!(found[1].places, vec!["落款".to_string()]);
    assert!(outside_gb2312(&sample_draft(&t), &t).is_empty());
}

#[test]
fn html_pages_follow_the_layout() {
    let t = Template::builtin();
    let d = long_report(&t, 6);
    let pages = layout(&d, &t);
    let out = html::render_document(&d, &t);
    assert_eq!(
        out.matches("<section class=\"nb-page\"").count(),
        pages.len()
    );
    let lines: usize = pages.iter().map(|p| p.lines.len()).sum();
    assert_eq!(out.matches("<div class=\"nb-l").count(), lines);
}
