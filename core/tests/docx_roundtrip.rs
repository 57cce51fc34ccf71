//! Round trip of nianbao's own Word file: the .docx the exporter writes imports back to the
//! same report (title, unit, year, outline, bodies, 落款, date and the seal setting).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

mod common;

use nianbao_core::docx::read::{import_document, no_inflate, read_docx};
use nianbao_core::docx::write::docx;
use nianbao_core::export::markdown;
use nianbao_core::import::ImportOptions;
use nianbao_core::template::Template;

#[test]
fn the_exported_docx_imports_back_to_the_same_report() {
    let t = Template::builtin();
    for seal in [false, true] {
        let mut d = common::sample_draft(&t);
        d.seal = seal;
        let bytes = docx(&d, &t);
        // The writer stores its entries, so no inflater is needed.
        let doc = read_docx(&bytes, "报告.docx", &mut no_inflate).unwrap();
        let options = ImportOptions {
            skip: Vec::new(),
            fallback_year: 2000,
        };
        let r = import_document(&doc, &t, &options);
        assert_eq!(r.draft.seal, seal, "seal setting read back");
        assert_eq!(r.draft.unit, d.unit, "unit");
        assert_eq!(r.draft.year, d.year, "year");
        assert_eq!(r.draft.effective_title(&t), d.effective_title(&t), "title");
        assert!(r.missing.is_empty(), "missing parts: {:?}", r.missing);
        // Markdown shows the whole outline with its numbers, every body, 落款 and date.
        assert_eq!(markdown::render(&r.draft, &t), markdown::render(&d, &t));
    }
}
