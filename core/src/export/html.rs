//! Print-ready HTML export: one self-contained file in the GB/T 9704 layout, no script.
//!
//! The report is rendered from the page model of [`crate::layout`]: one element per
//! page and one per grid line, so the browser only draws what the layout decided and the
//! export, the preview and print all break pages at the same lines. Each page element is a
//! whole A4 sheet (style/report.css): its margins are its padding and its "— N —" is drawn
//! from its `data-n`, so no engine needs `@page` margin boxes to number the pages.

use crate::layout::{layout, Face, Line, Page};
use crate::model::Draft;
use crate::template::Template;
use crate::text::escape_html;

/// Layout of the printed report, shared with the in-app preview and print.
pub const REPORT_CSS: &str = include_str!("../../../style/report.css");

/// The exported file forbids everything but its own inline styles.
pub const EXPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// The report body as an `<article>` of pages, all user text escaped.
pub fn render_article(draft: &Draft, template: &Template) -> String {
    render_pages(&layout(draft, template))
}

/// Pages as HTML. Lines are not separated by white space, so the text content of a
/// paragraph reads as typed across line and page breaks.
pub fn render_pages(pages: &[Page]) -> String {
    let mut out = String::from("<article class=\"nb-doc\">\n");
    for (i, page) in pages.iter().enumerate() {
        render_page(&mut out, i, page);
        out.push('\n');
    }
    out.push_str("</article>\n");
    out
}

/// Appends one page, the `index`-th from 0, as the `<section>` sheet [`render_pages`] writes
/// for it: the preview redraws only the sheets whose page changed.
pub fn render_page(out: &mut String, index: usize, page: &Page) {
    out.push_str("<section class=\"nb-page\" data-testid=\"preview-page\" data-n=\"");
    out.push_str(&(index + 1).to_string());
    out.push_str("\">");
    for line in &page.lines {
        render_line(out, line);
    }
    out.push_str("</section>");
}

fn render_line(out: &mut String, line: &Line) {
    let face = match line.face {
        Face::Title => "nb-l nb-title",
        Face::Hei => "nb-l nb-hei",
        Face::Kai => "nb-l nb-kai",
        Face::Fang => "nb-l",
    };
    out.push_str("<div class=\"");
    out.push_str(face);
    if line.justify {
        out.push_str(" nb-j");
    }
    let indent = line.lead == 4 && line.face != Face::Title;
    if indent {
        out.push_str(" nb-i");
    } else if line.lead > 0 {
        out.push_str(" nb-pre");
    }
    out.push_str("\">");
    if !indent && line.lead > 0 {
        // The signature's place on the grid: full-width spaces, one per cell.
        for _ in 0..line.lead / 2 {
            out.push('\u{3000}');
        }
        if line.lead % 2 == 1 {
            // An en space is half an em in every face, unlike the ASCII space.
            out.push('\u{2002}');
        }
    }
    for run in &line.runs {
        if run.bold {
            out.push_str("<b>");
        }
        latin_spans(out, &run.text);
        if run.bold {
            out.push_str("</b>");
        }
    }
    out.push_str("</div>");
}

/// Escapes `text`, setting Latin letters and digits in the Times-metric face the grid counts.
fn latin_spans(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        let cut = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
        if cut > 0 {
            out.push_str("<span class=\"nb-a\">");
            out.push_str(&escape_html(&rest[..cut]));
            out.push_str("</span>");
            rest = &rest[cut..];
        }
        let other = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
        out.push_str(&escape_html(&rest[..other]));
        rest = &rest[other..];
    }
}

/// The whole exported file.
pub fn render_document(draft: &Draft, template: &Template) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{EXPORT_CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"nianbao\">\n\
         <title>{}</title>\n<style>\n{REPORT_CSS}</style>\n</head>\n<body class=\"nb-export\">\n{}</body>\n</html>\n",
        escape_html(&draft.effective_title(template)),
        render_article(draft, template)
    )
}
