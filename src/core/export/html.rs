//! Print-ready HTML export: one self-contained file in the GB/T 9704 layout, no script.

use super::{blocks, Block};
use crate::core::model::Draft;
use crate::core::template::Template;
use crate::core::text::escape_html;

/// Layout of the printed report, shared with the in-app preview and print.
pub const REPORT_CSS: &str = include_str!("../../../style/report.css");

/// The exported file forbids everything but its own inline styles.
pub const EXPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// The report body as an `<article>`, all user text escaped.
pub fn render_article(draft: &Draft, template: &Template) -> String {
    let mut out = String::from("<article class=\"nb-doc\">\n");
    let mut blocks = blocks(draft, template).into_iter().peekable();
    while let Some(block) = blocks.next() {
        match block {
            Block::Title(t) => line(&mut out, "h1", "nb-title", &escape_html(&t)),
            Block::Heading {
                level,
                number,
                text,
            } if level >= 3 => {
                // Points are run-in headings: the first paragraph continues on the same line.
                let mut inner = format!(
                    "<span class=\"nb-runin\">{number}{}</span>",
                    escape_html(&with_stop(text))
                );
                if let Some(Block::Paragraph(p)) = blocks.peek() {
                    inner.push_str(&escape_html(p));
                    blocks.next();
                }
                line(&mut out, "p", &format!("nb-l{level}"), &inner);
            }
            Block::Heading {
                level,
                number,
                text,
            } => line(
                &mut out,
                "h2",
                &format!("nb-l{level}"),
                &format!("{number}{}", escape_html(text)),
            ),
            Block::Paragraph(p) => line(&mut out, "p", "nb-p", &escape_html(p)),
            Block::Signature { signer, date } => {
                out.push_str("<div class=\"nb-sign\"><div class=\"nb-sign-inner\">");
                out.push_str(&format!(
                    "<p class=\"nb-signer\">{}</p>",
                    escape_html(signer)
                ));
                out.push_str(&format!("<p class=\"nb-date\">{}</p>", escape_html(&date)));
                out.push_str("</div></div>\n");
            }
        }
    }
    out.push_str("</article>\n");
    out
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

/// A run-in heading ends with a full stop unless it already ends in punctuation.
fn with_stop(heading: &str) -> String {
    let ends_punct = heading
        .chars()
        .last()
        .is_none_or(|c| "。！？；：，、.!?;:".contains(c));
    if ends_punct {
        heading.to_string()
    } else {
        format!("{heading}。")
    }
}

fn line(out: &mut String, tag: &str, class: &str, inner: &str) {
    out.push_str(&format!("<{tag} class=\"{class}\">{inner}</{tag}>\n"));
}
