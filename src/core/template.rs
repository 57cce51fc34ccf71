//! The report template: parts, heading patterns and guidance, read from a data file with serde.
//!
//! The built-in template is `templates/fazhi-report.json`, embedded at build time; another
//! kind of report is another data file, not new code.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The template of the 法治政府建设年度报告, embedded at build time.
pub const BUILTIN_JSON: &str = include_str!("../../templates/fazhi-report.json");

/// A report template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Stable identifier stored in drafts.
    pub id: String,
    /// Name of the report kind, shown in the UI.
    pub name: String,
    /// Title pattern; `{unit}` and `{year}` are filled in.
    pub title_pattern: String,
    /// One paragraph shown before any part is opened: who sends the report, to whom, by when.
    pub overview: String,
    /// Guidance for the title, 落款 and date fields.
    pub front_matter_guidance: Vec<String>,
    /// The parts, in their usual order.
    pub parts: Vec<PartTemplate>,
}

/// One part of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartTemplate {
    /// Stable identifier stored in drafts (`measures`, `shortcomings`, …).
    pub key: String,
    /// Heading pattern; `{year}` is the report year and `{next_year}` the one after.
    pub heading: String,
    /// Whether the rule requires this part.
    pub required: bool,
    /// What belongs in the part.
    pub about: String,
    /// Short checklist of what to cover.
    pub prompts: Vec<String>,
    /// An example passage.
    pub example: Example,
    /// Words whose presence in an imported heading says the heading stands for this part;
    /// longer words weigh more, so the data file, not code, decides how headings map.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// An example passage with where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub source: String,
    pub text: String,
}

/// Why a template could not be used.
#[derive(Debug, Error)]
pub enum TemplateError {
    #[error("模板文件不是有效的 JSON：{0}")]
    Json(#[from] serde_json::Error),
    #[error("模板没有任何部分")]
    NoParts,
    #[error("模板中部分标识“{0}”重复")]
    DuplicateKey(String),
}

/// Fills `{unit}`, `{year}` and `{next_year}` in a pattern.
pub fn fill(pattern: &str, unit: &str, year: i32) -> String {
    pattern
        .replace("{unit}", unit)
        .replace("{next_year}", &(year + 1).to_string())
        .replace("{year}", &year.to_string())
}

impl Template {
    /// Parses and validates a template.
    pub fn from_json(json: &str) -> Result<Self, TemplateError> {
        let t: Template = serde_json::from_str(json)?;
        if t.parts.is_empty() {
            return Err(TemplateError::NoParts);
        }
        for (i, p) in t.parts.iter().enumerate() {
            if t.parts[..i].iter().any(|q| q.key == p.key) {
                return Err(TemplateError::DuplicateKey(p.key.clone()));
            }
        }
        Ok(t)
    }

    /// The built-in template. Its validity is a test, so failure here is a build defect.
    pub fn builtin() -> Self {
        match Self::from_json(BUILTIN_JSON) {
            Ok(t) => t,
            Err(e) => panic!("built-in template is invalid: {e}"),
        }
    }

    /// The part with this key.
    pub fn part(&self, key: &str) -> Option<&PartTemplate> {
        self.parts.iter().find(|p| p.key == key)
    }

    /// The derived title for a unit and year.
    pub fn title(&self, unit: &str, year: i32) -> String {
        fill(&self.title_pattern, unit.trim(), year)
    }
}

impl PartTemplate {
    /// The heading for a report year, without its number.
    pub fn heading_for(&self, year: i32) -> String {
        fill(&self.heading, "", year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_five_parts_and_only_the_last_is_optional() {
        let t = Template::builtin();
        assert_eq!(t.parts.len(), 5);
        let required: Vec<bool> = t.parts.iter().map(|p| p.required).collect();
        assert_eq!(required, [true, true, true, true, false]);
        for p in &t.parts {
            assert!(!p.about.is_empty() && !p.prompts.is_empty() && !p.example.text.is_empty());
        }
    }

    #[test]
    fn headings_follow_the_report_year() {
        let t = Template::builtin();
        assert_eq!(
            t.parts[0].heading_for(2023),
            "2023年推进法治政府建设的主要举措和成效"
        );
        assert_eq!(
            t.parts[3].heading_for(2023),
            "2024年推进法治政府建设的主要安排"
        );
        assert_eq!(
            t.title("岳阳县科学技术局", 2023),
            "岳阳县科学技术局2023年法治政府建设年度报告"
        );
    }

    #[test]
    fn bad_templates_are_refused() {
        assert!(matches!(
            Template::from_json("{"),
            Err(TemplateError::Json(_))
        ));
        let mut t = Template::builtin();
        t.parts[1].key = t.parts[0].key.clone();
        let json = serde_json::to_string(&t).unwrap();
        assert!(matches!(
            Template::from_json(&json),
            Err(TemplateError::DuplicateKey(_))
        ));
        t.parts.clear();
        let json = serde_json::to_string(&t).unwrap();
        assert!(matches!(
            Template::from_json(&json),
            Err(TemplateError::NoParts)
        ));
    }
}
