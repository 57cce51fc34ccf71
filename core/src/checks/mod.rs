//! Checks (体检): problems a reviewer would find in a draft, each with where it is and a fix.
//!
//! [`run`] walks the draft once, in the order the editor shows it: the header fields (单位名称,
//! 标题, 落款, 成文日期), then the opening paragraphs and the outline. Every check reads each
//! paragraph or heading once, so a long draft costs time in proportion to its length.

mod dates;
mod gb2312;
mod gb2312_table;
mod manual_numbering;
mod placeholders;
mod punctuation;
mod scan;
mod structure;
mod years;

pub use gb2312::in_gb2312;

use crate::edit::{Edit, Field};
use crate::model::{Draft, Section, SectionId, INTRO};
use crate::numbering::chinese_numeral;
use crate::template::Template;

/// What kind of problem a finding reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckKind {
    /// A required template part is absent from the draft.
    MissingPart,
    /// A part has nothing written in it or below.
    EmptyPart,
    /// A section below a part has nothing written in it or below.
    EmptySection,
    /// A year in the title or a part heading does not match the report year.
    YearMismatch,
    /// A half-width mark (, ; : ? ! or brackets) touching Chinese text.
    HalfWidthPunct,
    /// A bracket, quote or title mark without its partner.
    UnbalancedPair,
    /// A heading that starts with a number typed by hand (numbers are generated).
    ManualNumbering,
    /// Placeholder text left in: ××, XX, ○○, 【待填】, 某某 and the like.
    Placeholder,
    /// A date not written the 公文 way (2024年1月15日), or no 成文日期.
    DateFormat,
    /// A character outside GB2312, which the official fonts cannot print.
    OutsideGb2312,
}

const KINDS: usize = 10;

impl CheckKind {
    /// Every kind, in the order the UI lists them.
    pub const ALL: [CheckKind; KINDS] = [
        CheckKind::MissingPart,
        CheckKind::EmptyPart,
        CheckKind::EmptySection,
        CheckKind::YearMismatch,
        CheckKind::HalfWidthPunct,
        CheckKind::UnbalancedPair,
        CheckKind::ManualNumbering,
        CheckKind::Placeholder,
        CheckKind::DateFormat,
        CheckKind::OutsideGb2312,
    ];

    /// Short Chinese name of the kind.
    pub fn label(&self) -> &'static str {
        match self {
            CheckKind::MissingPart => "缺少必备部分",
            CheckKind::EmptyPart => "部分无内容",
            CheckKind::EmptySection => "空标题",
            CheckKind::YearMismatch => "年份不符",
            CheckKind::HalfWidthPunct => "半角标点",
            CheckKind::UnbalancedPair => "括号引号不配对",
            CheckKind::ManualNumbering => "手写编号",
            CheckKind::Placeholder => "占位符未替换",
            CheckKind::DateFormat => "日期写法",
            CheckKind::OutsideGb2312 => "GB2312外的字",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How serious a finding is: errors would print wrong or break the rule, warnings are advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Prints wrong or breaks the rule for the report.
    Error,
    /// Advice the writer may choose to ignore.
    Warning,
}

impl Severity {
    /// Chinese name of the severity.
    pub fn label(&self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        }
    }
}

/// Where a finding is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// The typed title.
    Title,
    /// The 单位名称.
    Unit,
    /// The 落款; a missing 成文日期 is reported here too, the date being part of the 落款.
    Signer,
    /// The heading of a section.
    Heading(SectionId),
    /// A paragraph of a body ([`INTRO`] for the opening), 0-based among non-blank paragraphs.
    Body {
        /// The section, or [`INTRO`].
        id: SectionId,
        /// Index among the body's non-blank paragraphs, from 0.
        paragraph: usize,
    },
    /// A template part the draft lacks, by its key.
    Part(String),
}

/// A change that removes one finding.
///
/// The edit is computed against the text as it was checked, and replaces a whole field (a
/// body, a heading, the title). After applying it, run the checks again before applying
/// another fix to the same field, or use [`combined_fixes`].
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the fix does, for its button (e.g. 改为全角标点).
    pub label: String,
    /// The edit to dispatch.
    pub edit: Edit,
}

/// One problem found in a draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The kind of problem.
    pub kind: CheckKind,
    /// How serious it is.
    pub severity: Severity,
    /// Where it is, for opening the place in the editor.
    pub location: Location,
    /// What is wrong and where, in Chinese.
    pub message: String,
    /// Up to 30 characters of the text around the problem.
    pub excerpt: String,
    /// A one-click fix, when the check knows one.
    pub fix: Option<Fix>,
}

/// Checks a draft; findings come in reading order.
pub fn run(draft: &Draft, template: &Template) -> Vec<Finding> {
    let mut ctx = Ctx::new(draft, template, None);
    ctx.walk();
    ctx.finish()
}

/// The edits that fix every finding of one kind at once: one edit per field, with all of that
/// field's fixes of this kind merged, and one per part to restore or remove. The draft is not
/// changed: apply the edits in order through the edit path (the undo history), like any fix.
pub fn combined_fixes(draft: &Draft, template: &Template, kind: CheckKind) -> Vec<Edit> {
    let mut ctx = Ctx::new(draft, template, Some(kind));
    ctx.walk();
    ctx.flush();
    ctx.combined
}

/// One paragraph or heading being checked: a trimmed range of a whole field.
#[derive(Clone, Copy)]
struct Span<'s> {
    field: Field,
    /// Where the field is, for messages: "第一部分（二）", "开头".
    place: &'s str,
    paragraph: usize,
    full: &'s str,
    start: usize,
    end: usize,
}

impl<'s> Span<'s> {
    fn text(&self) -> &'s str {
        self.full.get(self.start..self.end).unwrap_or_default()
    }

    fn location(&self) -> Location {
        match self.field {
            // Spans are made of text fields only; the draft's name and year go with the
            // title, and the date is part of the 落款.
            Field::Title | Field::Name | Field::Year => Location::Title,
            Field::Unit => Location::Unit,
            Field::Signer | Field::Date => Location::Signer,
            Field::Heading(id) => Location::Heading(id),
            Field::Body(id) => Location::Body {
                id,
                paragraph: self.paragraph,
            },
        }
    }

    /// Where the span is, in words: "标题", "第一部分（二）的标题", "开头第2段".
    fn describe(&self) -> String {
        match self.field {
            Field::Title => "标题".into(),
            Field::Name => "草稿名称".into(),
            Field::Year => "报告年度".into(),
            Field::Unit => "单位名称".into(),
            Field::Signer => "落款".into(),
            Field::Date => "成文日期".into(),
            Field::Heading(_) => format!("{}的标题", self.place),
            Field::Body(_) => format!("{}第{}段", self.place, self.paragraph + 1),
        }
    }
}

/// Replacement text fixes may hold per field and kind. A fix carries a whole new field, so
/// a long body with many fixable paragraphs would otherwise cost its length once per
/// paragraph; past this, later paragraphs get their fix on the next run.
const FIX_BYTES_PER_FIELD: usize = 256 * 1024;

struct Ctx<'a> {
    draft: &'a Draft,
    template: &'a Template,
    findings: Vec<Finding>,
    /// Bytes of fix text handed out for the current field, by kind.
    spent: [usize; KINDS],
    /// In [`combined_fixes`]: the kind whose fixes are merged into one edit per field.
    combine: Option<CheckKind>,
    combined: Vec<Edit>,
    /// The field being checked and, when combining, its pending replacements.
    current: Option<(Field, &'a str)>,
    pending: Vec<(usize, usize, String)>,
    gb: gb2312::Tally,
}

impl<'a> Ctx<'a> {
    fn new(draft: &'a Draft, template: &'a Template, combine: Option<CheckKind>) -> Self {
        Self {
            draft,
            template,
            findings: Vec::new(),
            spent: [0; KINDS],
            combine,
            combined: Vec::new(),
            current: None,
            pending: Vec::new(),
            gb: gb2312::Tally::default(),
        }
    }

    fn finish(mut self) -> Vec<Finding> {
        self.gb.finish(&mut self.findings);
        self.findings
    }

    fn push(
        &mut self,
        kind: CheckKind,
        severity: Severity,
        location: Location,
        message: String,
        excerpt: String,
        fix: Option<Fix>,
    ) {
        self.findings.push(Finding {
            kind,
            severity,
            location,
            message,
            excerpt,
            fix,
        });
    }

    /// Starts checking a new field: budgets reset, pending merged fixes go out.
    fn begin(&mut self, field: Field, full: &'a str) {
        self.flush();
        self.spent = [0; KINDS];
        self.current = Some((field, full));
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let reps = std::mem::take(&mut self.pending);
        if let Some((field, full)) = self.current {
            if let Some(edit) = scan::replace(full, &reps).and_then(|t| field.set_text(t)) {
                self.combined.push(edit);
            }
        }
    }

    /// A fix replacing ranges of the span's text (offsets relative to the span).
    fn text_fix(
        &mut self,
        kind: CheckKind,
        span: &Span<'_>,
        reps: Vec<(usize, usize, String)>,
        label: String,
    ) -> Option<Fix> {
        let reps: Vec<(usize, usize, String)> = reps
            .into_iter()
            .map(|(s, e, r)| (span.start + s, span.start + e, r))
            .collect();
        if self.combine.is_some() {
            if self.combine == Some(kind) {
                self.pending.extend(reps);
            }
            return None;
        }
        let grown: usize = reps.iter().map(|(_, _, r)| r.len()).sum();
        let size = span.full.len() + grown;
        let spent = &mut self.spent[kind.index()];
        if *spent > 0 && *spent + size > FIX_BYTES_PER_FIELD {
            return None;
        }
        *spent += size;
        let text = scan::replace(span.full, &reps)?;
        Some(Fix {
            label,
            edit: span.field.set_text(text)?,
        })
    }

    /// A fix that is an edit of its own (restore or remove a part).
    fn edit_fix(&mut self, kind: CheckKind, edit: Edit, label: &str) -> Option<Fix> {
        match self.combine {
            Some(k) if k == kind => {
                self.combined.push(edit);
                None
            }
            Some(_) => None,
            None => Some(Fix {
                label: label.to_string(),
                edit,
            }),
        }
    }

    fn walk(&mut self) {
        let draft = self.draft;
        if !draft.unit.trim().is_empty() {
            self.field(Field::Unit, "", &draft.unit);
        }
        if let Some(title) = draft.title.as_deref().filter(|t| !t.trim().is_empty()) {
            self.begin(Field::Title, title);
            let span = whole(Field::Title, "", title);
            years::title(self, &span);
            self.text(&span);
        }
        if let Some(signer) = draft.signer.as_deref().filter(|t| !t.trim().is_empty()) {
            self.field(Field::Signer, "", signer);
        }
        if draft.date.is_none() {
            self.push(
                CheckKind::DateFormat,
                Severity::Warning,
                Location::Signer,
                "还没有填写成文日期".into(),
                String::new(),
                None,
            );
        }
        self.body(INTRO, "开头", &draft.intro);

        let missing = structure::missing(draft, self.template);
        let mut next_missing = missing.iter().peekable();
        // Per level of the path to the current section: its place ("第一部分（二）") and
        // whether it or an ancestor was reported empty (then its empty children are not).
        let mut path: Vec<(String, bool)> = Vec::new();
        for v in draft.walk() {
            path.truncate(v.level - 1);
            let (place, quiet) = match path.last() {
                Some((above, quiet)) => (format!("{above}{}", v.number()), *quiet),
                None => {
                    while let Some((_, pt)) = next_missing.next_if(|(at, _)| *at <= v.index) {
                        structure::report_missing(self, pt);
                    }
                    (format!("第{}部分", chinese_numeral(v.index + 1)), false)
                }
            };
            let reported = self.section(v.section, v.level, &place, quiet);
            path.push((place, quiet || reported));
        }
        for (_, pt) in next_missing {
            structure::report_missing(self, pt);
        }
        self.flush();
    }

    /// Checks a single-line field as one span.
    fn field(&mut self, field: Field, place: &str, text: &'a str) {
        self.begin(field, text);
        self.text(&whole(field, place, text));
    }

    fn body(&mut self, id: SectionId, place: &str, body: &'a str) {
        self.begin(Field::Body(id), body);
        for (paragraph, (start, end)) in scan::paragraph_spans(body).enumerate() {
            self.text(&Span {
                field: Field::Body(id),
                place,
                paragraph,
                full: body,
                start,
                end,
            });
        }
    }

    /// Checks a section's heading and body; `quiet` once an ancestor was reported empty.
    /// Returns whether the section was reported empty.
    fn section(&mut self, s: &'a Section, level: usize, place: &str, quiet: bool) -> bool {
        let field = Field::Heading(s.id);
        self.begin(field, &s.heading);
        let mut heading = whole(field, place, &s.heading);
        heading.start += manual_numbering::check(self, &heading);
        if level == 1 {
            years::part_heading(self, &heading, s);
        }
        self.text(&heading);
        let reported = !quiet && structure::empty(self, s, level, place);
        self.body(s.id, place, &s.body);
        reported
    }

    /// The checks that apply to any text: punctuation, pairs, placeholders, dates, charset.
    fn text(&mut self, span: &Span<'_>) {
        if span.start >= span.end {
            return;
        }
        punctuation::half_width(self, span);
        punctuation::unbalanced(self, span);
        placeholders::check(self, span);
        dates::check(self, span);
        gb2312::check(self, span);
    }
}

/// A whole field as one span, trimmed.
fn whole<'s>(field: Field, place: &'s str, full: &'s str) -> Span<'s> {
    let (start, end) = scan::trimmed(full);
    Span {
        field,
        place,
        paragraph: 0,
        full,
        start,
        end,
    }
}
