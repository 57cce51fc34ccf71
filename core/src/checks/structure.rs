//! Structure: required parts missing, parts with nothing written, sections left empty.

use super::{scan, CheckKind, Ctx, Location, Severity};
use crate::edit::Edit;
use crate::model::{Draft, Section};
use crate::template::{PartTemplate, Template};

/// Required template parts the draft lacks (no part stands for or counts toward them), each with the index of the draft part it would
/// be restored before (the same place [`Edit::RestorePart`] puts it), in that order.
pub(super) fn missing<'t>(draft: &Draft, template: &'t Template) -> Vec<(usize, &'t PartTemplate)> {
    // An own part counting toward a required part supplies it: three thematic parts can
    // together be 主要举措和成效.
    let has = |key: &str| draft.covers_part(key);
    let mut out: Vec<(usize, &PartTemplate)> = template
        .parts
        .iter()
        .enumerate()
        .filter(|(_, pt)| pt.required && !has(&pt.key))
        .map(|(pos, pt)| {
            let later = template.parts.get(pos + 1..).unwrap_or_default();
            let at = draft
                .parts
                .iter()
                .position(|p| {
                    p.part
                        .as_deref()
                        .is_some_and(|k| later.iter().any(|l| l.key == k))
                })
                .unwrap_or(draft.parts.len());
            (at, pt)
        })
        .collect();
    // Stable: parts restored before the same draft part keep their template order.
    crate::sort::sort_by_key(&mut out, |(at, _)| *at);
    out
}

pub(super) fn report_missing(ctx: &mut Ctx<'_>, pt: &PartTemplate) {
    let heading = pt.heading_for(ctx.draft.year);
    let fix = ctx.edit_fix(
        CheckKind::MissingPart,
        Edit::RestorePart(pt.key.clone()),
        "补上这一部分",
    );
    ctx.push(
        CheckKind::MissingPart,
        Severity::Error,
        Location::Part(pt.key.clone()),
        format!("缺少必须报告的部分“{heading}”"),
        scan::excerpt(&heading, 0),
        fix,
    );
}

/// Whether any body below and including `s` has text.
fn has_text(s: &Section) -> bool {
    std::iter::once(s)
        .chain(s.below(1).map(|v| v.section))
        .any(|s| !s.body.trim().is_empty())
}

/// Reports `s` if nothing is written in it or below; returns whether it did, so that its
/// empty sub-sections are not reported once more.
pub(super) fn empty(ctx: &mut Ctx<'_>, s: &Section, level: usize, place: &str) -> bool {
    if has_text(s) {
        return false;
    }
    // Only the part holding the template's place is required to have text; an own part
    // counting toward it is one of several and may be removed instead.
    let required = s
        .part
        .as_deref()
        .and_then(|k| ctx.template.part(k))
        .is_some_and(|p| p.required);
    let excerpt = scan::excerpt(s.heading.trim(), 0);
    if level == 1 {
        let (severity, message, fix) = if required {
            (
                Severity::Error,
                format!("{place}还没有写内容，这是必须报告的部分"),
                None,
            )
        } else {
            let fix = ctx.edit_fix(CheckKind::EmptyPart, Edit::Remove(s.id), "删除这一部分");
            (
                Severity::Warning,
                format!("{place}没有内容，打印出来只有标题：请补写或删除"),
                fix,
            )
        };
        ctx.push(
            CheckKind::EmptyPart,
            severity,
            Location::Heading(s.id),
            message,
            excerpt,
            fix,
        );
    } else {
        let fix = ctx.edit_fix(CheckKind::EmptySection, Edit::Remove(s.id), "删除这一节");
        ctx.push(
            CheckKind::EmptySection,
            Severity::Warning,
            Location::Heading(s.id),
            format!("{place}下面没有内容，打印出来只有标题：请补写或删除"),
            excerpt,
            fix,
        );
    }
    true
}
