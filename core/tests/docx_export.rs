//! The .docx export: golden parts for the sample, well-formed parts and a valid zip for every
//! hostile input in every field, and the child order of rPr, pPr and sectPr against the
//! sequences of the ECMA-376 schema.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

mod common;

use common::{assert_golden, sample_draft};
use nianbao_core::date::DocDate;
use nianbao_core::docx::write::{docx, parts, SEAL_PROPERTY};
use nianbao_core::edit::Edit;
use nianbao_core::model::{Draft, INTRO};
use nianbao_core::template::Template;
use std::path::{Path, PathBuf};
use std::process::Command;

fn part<'a>(parts: &'a [(&'static str, String)], name: &str) -> &'a str {
    parts
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, x)| x.as_str())
        .unwrap_or_else(|| panic!("no part {name}"))
}

#[test]
fn sample_parts_match_golden() {
    let t = Template::builtin();
    let ps = parts(&sample_draft(&t), &t);
    for (name, golden) in [
        ("word/document.xml", "docx/document.xml"),
        ("word/styles.xml", "docx/styles.xml"),
        ("word/footer1.xml", "docx/footer1.xml"),
        ("word/footer2.xml", "docx/footer2.xml"),
    ] {
        assert_golden(golden, part(&ps, name));
    }
}

#[test]
fn the_page_is_the_gb9704_grid() {
    let t = Template::builtin();
    let ps = parts(&sample_draft(&t), &t);
    let doc = part(&ps, "word/document.xml");
    let styles = part(&ps, "word/styles.xml");
    // A4, the type area 34 (ink at 37) / 26 / 36.2 / 28 mm, footers for odd and even pages.
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(
        doc.contains("<w:pgMar w:top=\"1928\" w:right=\"1474\" w:bottom=\"2050\" w:left=\"1587\"")
    );
    assert!(doc.contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>"));
    assert!(doc.contains("<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>"));
    assert!(part(&ps, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    // 22 lines: exact 579 twips; 28 characters: −5 twips of run spacing, no character grid.
    assert!(styles
        .contains("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/>"));
    assert!(styles.contains("<w:spacing w:val=\"-5\"/>"));
    assert!(!doc.contains("linesAndChars") && !doc.contains("charSpace"));
    assert!(styles.contains("w:eastAsia=\"zh-CN\""));
    // Faces with the East-Asian hint; sizes 三号 (32) and 二号 (44) in half points.
    for face in [
        "仿宋_GB2312",
        "方正小标宋简体",
        "黑体",
        "楷体_GB2312",
        "宋体",
    ] {
        assert!(
            styles.contains(&format!("w:eastAsia=\"{face}\" w:cs=\"")) || face == "宋体",
            "{face}"
        );
    }
    assert!(styles.contains("w:hint=\"eastAsia\""));
    assert!(styles.contains("<w:sz w:val=\"32\"/>") && styles.contains("<w:sz w:val=\"44\"/>"));
    assert!(styles.contains("<w:ind w:firstLine=\"640\" w:firstLineChars=\"200\"/>"));
    // Styles with outline levels; numbers are text, never list numbering.
    for (name, level) in [
        ("一级标题", 0),
        ("二级标题", 1),
        ("三级标题", 2),
        ("四级标题", 3),
    ] {
        let at = styles
            .find(&format!("<w:name w:val=\"{name}\"/>"))
            .expect(name);
        let end = at + styles[at..].find("</w:style>").unwrap();
        assert!(
            styles[at..end].contains(&format!("<w:outlineLvl w:val=\"{level}\"/>")),
            "{name}"
        );
    }
    assert!(styles.contains("<w:name w:val=\"落款\"/>"));
    assert!(!doc.contains("w:numPr"));
    assert!(doc.contains("<w:t>一、推进法治政府建设的主要举措和成效</w:t>"));
    assert!(doc.contains("<w:t>（三）开展法治宣传，提升法治意识</w:t>"));
    // Run-in point headings in the bold character style, then their first paragraph.
    assert!(doc.contains(
        "<w:rPr><w:rStyle w:val=\"RunIn\"/></w:rPr><w:t>4.扎实学习宣传安全稳定相关法律法规。</w:t></w:r><w:r><w:t>坚持总体国家安全观"
    ));
    // The fonts table names the newer faces.
    let fonts = part(&ps, "word/fontTable.xml");
    assert!(fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"));
    assert!(fonts.contains("<w:font w:name=\"楷体_GB2312\"><w:altName w:val=\"楷体\"/>"));
}

#[test]
fn footers_carry_a_page_field_odd_right_even_left() {
    let t = Template::builtin();
    let ps = parts(&sample_draft(&t), &t);
    for (name, jc) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let f = part(&ps, name);
        assert!(f.contains(&format!("<w:jc w:val=\"{jc}\"/>")), "{name}");
        assert!(f.contains("<w:t xml:space=\"preserve\">— </w:t>"));
        assert!(f.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
        assert!(f.contains("<w:t xml:space=\"preserve\"> —</w:t>"));
        let order: Vec<&str> = ["begin", "separate", "end"]
            .iter()
            .map(|k| &f[f.find(&format!("w:fldCharType=\"{k}\"")).unwrap()..])
            .collect();
        assert!(order[0].len() > order[1].len() && order[1].len() > order[2].len());
    }
    let styles = part(&ps, "word/styles.xml");
    assert!(styles.contains(
        "<w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\" w:cs=\"宋体\" w:hint=\"eastAsia\"/><w:spacing w:val=\"0\"/><w:sz w:val=\"28\"/>"
    ));
}

/// The `w:ind w:left` of the paragraph holding `text`.
fn left_of(doc: &str, text: &str) -> u32 {
    let at = doc.find(&format!("<w:t>{text}</w:t>")).expect(text);
    let p = doc[..at].rfind("<w:p>").unwrap();
    let ind = &doc[p..at];
    let v = ind.split("w:left=\"").nth(1).expect("an indent");
    v[..v.find('"').unwrap()].parse().unwrap()
}

#[test]
fn signature_is_placed_as_the_print_places_it() {
    let t = Template::builtin();
    let mut d = sample_draft(&t);
    // 8845 twips over 56 half cells.
    let half = |n: u32| (n * 8845 + 28) / 56;
    let doc = part(&parts(&d, &t), "word/document.xml").to_string();
    // Without a seal: the name (7 characters) two in from the right, the date two right of it.
    assert_eq!(left_of(&doc, "岳阳县科学技术局"), half(56 - 4 - 16));
    assert_eq!(left_of(&doc, "2024年1月15日"), half(56 - 4 - 16 + 4));
    assert!(
        part(&parts(&d, &t), "docProps/custom.xml").contains(&format!(
            "name=\"{SEAL_PROPERTY}\"><vt:bool>false</vt:bool>"
        ))
    );
    // With a seal: the date four in from the right, the name centred over it.
    d.seal = true;
    let ps = parts(&d, &t);
    let doc = part(&ps, "word/document.xml");
    let date_w = 3 * 2 + 7; // 2024年1月15日: 3 characters and 7 digits
    let date_lead = 56 - 8 - date_w;
    assert_eq!(left_of(doc, "2024年1月15日"), half(date_lead));
    assert_eq!(
        left_of(doc, "岳阳县科学技术局"),
        half((2 * date_lead + date_w - 16) / 2)
    );
    assert!(part(&ps, "docProps/custom.xml").contains("<vt:bool>true</vt:bool>"));
}

#[test]
fn a_long_title_breaks_where_the_print_breaks_it() {
    let t = Template::builtin();
    let mut d = sample_draft(&t);
    let title = "岳阳县科学技术局关于二〇二三年度法治政府建设情况的报告";
    d.apply(Edit::SetTitle(Some(title.into())), &t).unwrap();
    let doc = part(&parts(&d, &t), "word/document.xml").to_string();
    let lines = nianbao_core::layout::title_lines(title);
    assert_eq!(lines.len(), 2);
    let expected = format!(
        "<w:r><w:t>{}</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>{}</w:t></w:r>",
        lines[0].text(),
        lines[1].text()
    );
    assert!(doc.contains(&expected), "title runs: {expected}");
}

// --- The schema's child order -------------------------------------------------------------

/// ECMA-376 Part 1 (5th ed., transitional) §17.3.1.26 `pPr` (CT_PPrBase then rPr, sectPr,
/// pPrChange): the sequence of its children.
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// §17.3.2.28 `rPr` (EG_RPrBase, then rPrChange).
const RPR: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

/// §17.6.17 `sectPr`: header and footer references (any order among themselves), then the
/// section properties in sequence.
const SECT_PR: &[&str] = &[
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

/// §17.7.4.17 `style`.
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

/// The children (local names) of every element named `parent`, by a scan of the tags: enough
/// for the writer's own output, which has no comments, CDATA or `>` inside attributes.
fn children_of(xml: &str, parent: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut stack: Vec<(String, Option<usize>)> = Vec::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let gt = rest[lt..].find('>').unwrap() + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let (open, _) = stack.pop().unwrap();
            assert_eq!(open, name, "tags out of balance");
            continue;
        }
        let name = tag.split([' ', '/']).next().unwrap().to_string();
        let local = name.rsplit(':').next().unwrap().to_string();
        if let Some((_, Some(i))) = stack.last() {
            let i: usize = *i;
            let list: &mut Vec<String> = &mut found[i];
            list.push(local.clone());
        }
        if !tag.ends_with('/') {
            let slot = (local == parent).then(|| {
                found.push(Vec::new());
                found.len() - 1
            });
            stack.push((name, slot));
        } else if local == parent {
            found.push(Vec::new());
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    found
}

fn assert_in_sequence(xml: &str, parent: &str, sequence: &[&str]) -> usize {
    let all = children_of(xml, parent);
    for children in &all {
        let mut last: Option<usize> = None;
        for c in children {
            let i = sequence
                .iter()
                .position(|s| s == c)
                .unwrap_or_else(|| panic!("<{c}> is not a child of <{parent}>"));
            if let Some(l) = last {
                assert!(i >= l, "<{parent}> children out of order: {children:?}");
                // Only footer references may repeat; any other child appears at most once.
                assert!(
                    i > l || c == "footerReference",
                    "{c} repeated in <{parent}>"
                );
            }
            last = Some(i);
        }
    }
    all.len()
}

#[test]
fn properties_follow_the_schema_sequences() {
    let t = Template::builtin();
    let mut d = sample_draft(&t);
    d.seal = true;
    let ps = parts(&d, &t);
    let mut counts = (0, 0, 0, 0);
    for (name, xml) in &ps {
        if !name.starts_with("word/") || name.ends_with(".rels") {
            continue;
        }
        counts.0 += assert_in_sequence(xml, "pPr", PPR);
        counts.1 += assert_in_sequence(xml, "rPr", RPR);
        counts.2 += assert_in_sequence(xml, "sectPr", SECT_PR);
        counts.3 += assert_in_sequence(xml, "style", STYLE);
    }
    // Every kind was seen: the checks did check something.
    assert!(
        counts.0 > 40 && counts.1 > 10 && counts.2 == 1 && counts.3 >= 9,
        "{counts:?}"
    );
}

#[test]
fn the_order_check_catches_a_misplaced_font() {
    let bad = "<w:rPr><w:b/><w:rFonts w:eastAsia=\"仿宋\"/></w:rPr>";
    assert!(std::panic::catch_unwind(|| assert_in_sequence(bad, "rPr", RPR)).is_err());
    let twice = "<w:pPr><w:pStyle w:val=\"a\"/><w:pStyle w:val=\"b\"/></w:pPr>";
    assert!(std::panic::catch_unwind(|| assert_in_sequence(twice, "pPr", PPR)).is_err());
    let good = "<w:pPr><w:pStyle w:val=\"a\"/><w:keepNext/><w:jc w:val=\"both\"/></w:pPr>";
    assert_eq!(assert_in_sequence(good, "pPr", PPR), 1);
}

// --- Hostile input ---------------------------------------------------------------------------

/// The e2e suite's hostile one-liners (tests/e2e/hostile.mjs), read through node, with the
/// lone surrogates as a Rust string receives them from the browser (replacement characters).
fn hostile_inputs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new("node")
        .current_dir(&root)
        .args([
            "--input-type=module",
            "-e",
            "const m = await import('./tests/e2e/hostile.mjs'); \
             console.log(JSON.stringify([...m.hostileInputs(), m.LONE_SURROGATES].map(s => s.toWellFormed())));",
        ])
        .output()
        .expect("node (installed by scripts/setup.sh) reads tests/e2e/hostile.mjs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut list: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list.len() >= 200, "{} hostile inputs", list.len());
    // What is hostile to XML in particular.
    list.extend(
        [
            "]]><![CDATA[x",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"e\">]>&e;",
            "</w:t></w:r></w:p><w:p><w:r><w:t>注入",
            "\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}\u{7F}\u{FFFE}\u{FFFF}控制字符",
            "\"'&amp;&#0;&#x1;",
            "𠀀𪚥\u{1F600}扩展区",
            "  多个   空格\t制表\r\n换行  ",
        ]
        .map(String::from),
    );
    list
}

fn hostile_draft(t: &Template, text: &str) -> Draft {
    let mut d = Draft::from_template(t, text, 2023, DocDate::new(2024, 1, 15).ok());
    let p = d.parts[0].id;
    d.apply(Edit::SetTitle(Some(text.to_string())), t).unwrap();
    d.apply(Edit::SetHeading(p, text.to_string()), t).unwrap();
    d.apply(Edit::SetBody(p, text.to_string()), t).unwrap();
    d.apply(Edit::SetBody(INTRO, text.to_string()), t).unwrap();
    let s = d.apply(Edit::AddChild { parent: p }, t).unwrap().unwrap();
    d.apply(Edit::SetHeading(s, text.to_string()), t).unwrap();
    let pt = d.apply(Edit::AddChild { parent: s }, t).unwrap().unwrap();
    d.apply(Edit::SetHeading(pt, text.to_string()), t).unwrap();
    d.apply(Edit::SetBody(pt, text.to_string()), t).unwrap();
    let sub = d.apply(Edit::AddChild { parent: pt }, t).unwrap().unwrap();
    d.apply(Edit::SetHeading(sub, text.to_string()), t).unwrap();
    d.apply(Edit::SetSigner(Some(text.to_string())), t).unwrap();
    d.seal = text.len().is_multiple_of(2);
    d
}

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Python's zipfile (CRCs, central directory) and expat (well-formedness) over every file in
/// `dir`; for each `N.docx` the text of `word/document.xml` must contain the line of `N.txt`
/// as the writer is meant to keep it (white space collapsed, forbidden characters dropped).
const CHECK_PY: &str = r#"
import sys, zipfile, pathlib, re
import xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
ok = 0
for f in sorted(pathlib.Path(sys.argv[1]).glob('*.docx')):
    z = zipfile.ZipFile(f)
    bad = z.testzip()
    assert bad is None, f'{f}: bad CRC in {bad}'
    names = z.namelist()
    assert names[0] == '[Content_Types].xml', names
    for n in names:
        ET.fromstring(z.read(n))
    doc = ET.fromstring(z.read('word/document.xml'))
    text = ''.join(t.text or '' for t in doc.iter(W + 't'))
    want = f.with_suffix('.txt').read_text(encoding='utf-8')
    want = ''.join(c for c in want if c in '\t\n\r' or ('\x20' <= c <= '\ud7ff') or ('\ue000' <= c <= '\ufffd') or c >= '\U00010000')
    want = re.sub(r'\s+', ' ', want).strip()
    assert want in text, f'{f}: {want!r} not in the text'
    ok += 1
print(ok)
"#;

fn python_check(dir: &Path) -> usize {
    let out = Command::new("python3")
        .args(["-c", CHECK_PY])
        .arg(dir)
        .output()
        .expect("python3 (installed by scripts/setup.sh)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

#[test]
fn every_hostile_input_in_every_field_gives_a_well_formed_package() {
    let t = Template::builtin();
    let dir = out_dir("docx-hostile");
    let inputs = hostile_inputs();
    for (i, text) in inputs.iter().enumerate() {
        let d = hostile_draft(&t, text);
        let ps = parts(&d, &t);
        let doc = part(&ps, "word/document.xml");
        // Markup in the text never becomes markup in the part.
        assert!(
            !doc.contains("<w:t>注入") && !doc.contains("<script"),
            "{text}"
        );
        assert!(
            !doc.contains("<!DOCTYPE") && !doc.contains("<![CDATA["),
            "{text}"
        );
        for (_, xml) in &ps {
            assert!(xml.chars().all(nianbao_core::docx::xml::allowed), "{text}");
        }
        std::fs::write(dir.join(format!("{i:03}.docx")), docx(&d, &t)).unwrap();
        std::fs::write(dir.join(format!("{i:03}.txt")), text).unwrap();
    }
    assert_eq!(python_check(&dir), inputs.len());
}

#[test]
fn the_sample_package_is_a_valid_zip() {
    let t = Template::builtin();
    let dir = out_dir("docx-sample");
    let d = sample_draft(&t);
    std::fs::write(dir.join("sample.docx"), docx(&d, &t)).unwrap();
    std::fs::write(dir.join("sample.txt"), "2024年1月15日").unwrap();
    assert_eq!(python_check(&dir), 1);
    // The same report gives the same bytes (no dates, no random ids).
    assert_eq!(docx(&d, &t), docx(&d, &t));
}
