//! Markdown export: `#` title, `##` parts, `###` sections, `####` points, numbers in the headings.

use super::{blocks, Block};
use crate::model::Draft;
use crate::template::Template;
use crate::text::escape_markdown;

/// The report as Markdown that renders exactly as typed.
pub fn render(draft: &Draft, template: &Template) -> String {
    let mut out = String::new();
    for block in blocks(draft, template) {
        match block {
            Block::Title(t) => push(&mut out, &format!("# {}", escape_markdown(&t))),
            Block::Heading {
                level,
                number,
                text,
            } => {
                let hashes = "#".repeat((level + 1).min(6));
                push(
                    &mut out,
                    &format!("{hashes} {number}{}", escape_markdown(text)),
                );
            }
            Block::Paragraph(p) => push(&mut out, &escape_markdown(p)),
            Block::Signature { signer, date } => {
                // The rule keeps the signature from reading as part of the last section.
                push(&mut out, "---");
                for line in [signer, date.as_str()] {
                    if !line.is_empty() {
                        push(&mut out, &escape_markdown(line));
                    }
                }
            }
        }
    }
    out
}

fn push(out: &mut String, block: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(block);
    out.push('\n');
}
