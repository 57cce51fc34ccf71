//! Exporters: the draft flattened into printable blocks, rendered as Markdown or HTML.

pub mod html;
pub mod markdown;

use crate::model::{paragraphs, Draft};
use crate::template::Template;

/// One printable block of a report, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    /// The title as it prints.
    Title(String),
    /// A numbered heading; `level` 1 is 一、.
    Heading {
        /// Outline level, 1 for a part.
        level: usize,
        /// The number marker, e.g. 一、 or （二）.
        number: String,
        /// The heading text, trimmed.
        text: &'a str,
    },
    /// One non-blank body paragraph, trimmed.
    Paragraph(&'a str),
    /// 落款 and 成文日期; either may be empty.
    Signature {
        /// The 落款 as it prints.
        signer: &'a str,
        /// The 成文日期 written the 公文 way.
        date: String,
    },
}

/// The report as a sequence of blocks.
pub fn blocks<'a>(draft: &'a Draft, template: &Template) -> Vec<Block<'a>> {
    let mut out = vec![Block::Title(draft.effective_title(template))];
    out.extend(paragraphs(&draft.intro).map(Block::Paragraph));
    for v in draft.walk() {
        out.push(Block::Heading {
            level: v.level,
            number: v.number(),
            text: v.section.heading.trim(),
        });
        out.extend(v.section.paragraphs().map(Block::Paragraph));
    }
    let signer = draft.effective_signer();
    let date = draft.date.map(|d| d.to_string()).unwrap_or_default();
    if !signer.is_empty() || !date.is_empty() {
        out.push(Block::Signature { signer, date });
    }
    out
}
