//! Markdown and HTML exports of the sample report against golden files, and escaping of hostile text.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{assert_golden, sample_draft};
use nianbao::core::edit::Edit;
use nianbao::core::export::{html, markdown};
use nianbao::core::model::{Draft, INTRO};
use nianbao::core::template::Template;

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
