//! Round trip of nianbao's own Word file: the .docx the exporter writes imports back to the
//! same report (title, unit, year, outline, bodies, 落款, date and the seal setting).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

mod common;

use nianbao_core::date::DocDate;
use nianbao_core::docx::read::{import_document, no_inflate, read_docx, to_import_text};
use nianbao_core::docx::write::{docx, parts};
use nianbao_core::docx::zip_write::ZipWriter;
use nianbao_core::export::markdown;
use nianbao_core::import::ImportOptions;
use nianbao_core::model::Draft;
use nianbao_core::template::Template;

#[test]
fn the_exported_docx_imports_back_to_the_same_report() {
    let t = Template::builtin();
    let dated = DocDate::new(2024, 1, 15).ok();
    // With and without a seal, a 成文日期 and a 落款 of its own: the 落款 style marks the
    // 落款 in nianbao's own file, so one without a date under it is no body text.
    for seal in [false, true] {
        for date in [dated, None] {
            for signer in [None, Some("岳阳县科技局办公室")] {
                let mut d = common::sample_draft(&t);
                d.seal = seal;
                d.date = date;
                d.signer = signer.map(String::from);
                let bytes = docx(&d, &t);
                // The writer stores its entries, so no inflater is needed.
                let doc = read_docx(&bytes, "报告.docx", &mut no_inflate).unwrap();
                let options = ImportOptions {
                    skip: Vec::new(),
                    fallback_year: 2000,
                };
                let r = import_document(&doc, &t, &options);
                let case = format!("seal {seal}, date {date:?}, signer {signer:?}");
                assert_eq!(r.draft.seal, seal, "seal setting read back: {case}");
                assert_eq!(r.draft.unit, d.unit, "unit: {case}");
                assert_eq!(r.draft.year, d.year, "year: {case}");
                assert_eq!(r.draft.date, d.date, "date: {case}");
                assert_eq!(r.draft.signer, d.signer, "signer: {case}");
                assert_eq!(
                    r.draft.effective_title(&t),
                    d.effective_title(&t),
                    "title: {case}"
                );
                assert!(r.missing.is_empty(), "missing parts: {:?}", r.missing);
                // Markdown shows the whole outline with its numbers, every body, 落款 and date.
                assert_eq!(
                    markdown::render(&r.draft, &t),
                    markdown::render(&d, &t),
                    "{case}"
                );
            }
        }
    }
}

#[test]
fn a_foreign_file_keeps_the_rule_of_the_date_under_the_name() {
    // Without nianbao's custom properties the 落款 style proves nothing: a lone name line
    // at the end is body text, as in pasted text; with the date under it, it is the 落款.
    let t = Template::builtin();
    let mut d = common::sample_draft(&t);
    for (date, signed) in [(None, false), (DocDate::new(2024, 1, 15).ok(), true)] {
        d.date = date;
        let bytes = without_custom_properties(&d, &t);
        let doc = read_docx(&bytes, "报告.docx", &mut no_inflate).unwrap();
        assert_eq!(doc.signature, None, "not nianbao's own file");
        let text = to_import_text(&doc);
        let last = text.lines().last().unwrap();
        if signed {
            assert_eq!(last, "2024年1月15日");
        } else {
            assert_eq!(last, d.unit);
        }
    }
}

/// The package without `docProps/custom.xml`: the file of another program.
fn without_custom_properties(d: &Draft, t: &Template) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    for (name, xml) in parts(d, t) {
        if name != "docProps/custom.xml" {
            zip.add(name, xml.as_bytes());
        }
    }
    zip.finish()
}
