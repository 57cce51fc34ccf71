//! Exporters: the draft flattened into printable blocks, rendered as Markdown or HTML.

pub mod html;
pub mod markdown;

use crate::model::{paragraphs, Draft, Section};
use crate::numbering::marker;
use crate::template::Template;

/// One printable block of a report, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    Title(String),
    /// A numbered heading; `level` 1 is 一、.
    Heading {
        level: usize,
        number: String,
        text: &'a str,
    },
    Paragraph(&'a str),
    /// 落款 and 成文日期; either may be empty.
    Signature {
        signer: &'a str,
        date: String,
    },
}

/// The report as a sequence of blocks.
pub fn blocks<'a>(draft: &'a Draft, template: &Template) -> Vec<Block<'a>> {
    fn walk<'a>(list: &'a [Section], level: usize, out: &mut Vec<Block<'a>>) {
        for (i, s) in list.iter().enumerate() {
            out.push(Block::Heading {
                level,
                number: marker(level, i + 1),
                text: s.heading.trim(),
            });
            out.extend(s.paragraphs().map(Block::Paragraph));
            walk(&s.children, level + 1, out);
        }
    }
    let mut out = vec![Block::Title(draft.effective_title(template))];
    out.extend(paragraphs(&draft.intro).map(Block::Paragraph));
    walk(&draft.parts, 1, &mut out);
    let signer = draft.effective_signer();
    let date = draft.date.map(|d| d.to_string()).unwrap_or_default();
    if !signer.is_empty() || !date.is_empty() {
        out.push(Block::Signature { signer, date });
    }
    out
}
