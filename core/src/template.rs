//! The report template: parts, heading patterns and guidance, read from a data file with serde.
//!
//! The built-in template is `templates/fazhi-report.json`, compiled into static data at build
//! time by `core/build.rs` (so the wasm parses no template JSON); another kind of report is
//! another data file, not new code.
//!
//! Template versions (the `version` field; absent means 1):
//! - 1: parts with `about`, `prompts` as plain strings and one `example`.
//! - 2: adds per part `label`, `asks`, `reviewers`, `prompts` as objects with a stable `id`,
//!   `mistakes` (dismissible hints) and an optional `sample` excerpt; at the top `deadlines`
//!   and the `secrecy` checklist. Version-1 files still load: a plain-string prompt gets the
//!   id `<part key>-<n>` and every new field is empty.
//!
//! Prompt, hint and secrecy ids are stored in drafts ([`crate::model::GuideState`]), so
//! they must stay stable between releases and be unique within a template.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The template of the 法治政府建设年度报告, embedded at build time.
pub const BUILTIN_JSON: &str = include_str!("../../templates/fazhi-report.json");

/// Newest template version this build reads.
pub const TEMPLATE_VERSION: u32 = 2;

fn version_one() -> u32 {
    1
}

/// A report template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Template format version, see the module documentation.
    #[serde(default = "version_one")]
    pub version: u32,
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
    /// Dates by which the report is due, counted in the year after the report year.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// What to confirm in the 保密审查 before the report is made public.
    #[serde(default)]
    pub secrecy: Vec<Item>,
}

/// A date in the year after the report year by which something must be done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// Stable id of the deadline.
    pub id: String,
    /// What is due, e.g. 报送 or 公开.
    pub label: String,
    /// Month of the due day, 1 to 12.
    pub month: u8,
    /// Day of the month of the due day.
    pub day: u8,
    /// One line on what the step means, shown under the count.
    #[serde(default)]
    pub note: String,
}

/// A checklist item or hint with a stable id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id, kept in the draft when ticked or dismissed.
    pub id: String,
    /// The text shown to the writer.
    pub text: String,
}

/// Something the writer should cover in a part, ticked when covered. In the data file an
/// object, or (version 1) a plain string that is the label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prompt {
    /// Stable id stored in drafts; empty only before [`Template::from_json`] fills it.
    pub id: String,
    /// A few words naming the topic.
    pub label: String,
    /// One line on what to report.
    pub detail: String,
}

// Written by hand: an untagged serde enum or a detour through `serde_json::Value` would
// each add more than ten kilobytes of wasm for what is one string-or-object choice.
impl<'de> Deserialize<'de> for Prompt {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Prompt;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a prompt: a string or {id, label, detail}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Prompt, E> {
                Ok(Prompt {
                    id: String::new(),
                    label: v.to_string(),
                    detail: String::new(),
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Prompt, A::Error> {
                let (mut id, mut label, mut detail) = (String::new(), None, String::new());
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => id = map.next_value()?,
                        "label" => label = Some(map.next_value()?),
                        "detail" => detail = map.next_value()?,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                let label = label.ok_or_else(|| serde::de::Error::missing_field("label"))?;
                Ok(Prompt { id, label, detail })
            }
        }
        d.deserialize_any(V)
    }
}

/// One part of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartTemplate {
    /// Stable identifier stored in drafts (`measures`, `shortcomings`, …).
    pub key: String,
    /// Heading pattern; `{year}` is the report year and `{next_year}` the one after.
    pub heading: String,
    /// Short name for lists such as the progress view; the key when absent.
    #[serde(default)]
    pub label: String,
    /// Whether the rule requires this part.
    pub required: bool,
    /// What belongs in the part.
    pub about: String,
    /// What the rule asks for.
    #[serde(default)]
    pub asks: String,
    /// What reviewers look for.
    #[serde(default)]
    pub reviewers: String,
    /// Checklist of what to cover.
    pub prompts: Vec<Prompt>,
    /// Common mistakes, shown as hints the writer may dismiss.
    #[serde(default)]
    pub mistakes: Vec<Item>,
    /// An example passage; `{year}` and `{next_year}` are filled in.
    pub example: Example,
    /// A passage quoted from a real report, its source saying so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<Example>,
    /// Words whose presence in an imported heading says the heading stands for this part;
    /// longer words weigh more, so the data file, not code, decides how headings map.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// What the part is for, so that code asks for "the plans part" by role and never by
    /// key: `measures`, `shortcomings`, `leaders`, `plans` or `other`. Empty for a part no
    /// code needs to find.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// How the import decides that an own part (a heading in the writer's own words) counts
    /// toward this part.
    #[serde(default, skip_serializing_if = "Belongs::is_empty")]
    pub belongs: Belongs,
}

/// Reasons, kept as data, for an imported own part to count toward a template part: words
/// of its heading, and where it stands among the parts whose wording was recognised.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Belongs {
    /// Words in an own heading that point to this part (beside the part's `keywords`);
    /// `{year}` and `{next_year}` are filled in with the report year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Roles of parts this part comes before: an own part placed before the first part with
    /// one of these roles (or anywhere, when the report has none of them) counts here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<String>,
    /// Roles of parts this part comes after: an own part placed after a part with one of
    /// these roles counts here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// Words a heading of this part usually ends with (成效, 原因, 情况 …): where a level-1
    /// heading run together with its first sentence is cut.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ends: Vec<String>,
}

impl Belongs {
    /// Whether no reason is given; such a value is not written out.
    pub fn is_empty(&self) -> bool {
        self.keywords.is_empty()
            && self.before.is_empty()
            && self.after.is_empty()
            && self.ends.is_empty()
    }
}

/// Roles the application knows; a template may give its parts any of them, each at most once.
pub mod role {
    /// What was done and achieved (主要举措和成效).
    pub const MEASURES: &str = "measures";
    /// Shortcomings and their causes (不足和原因).
    pub const SHORTCOMINGS: &str = "shortcomings";
    /// The principal leaders' duties (第一责任人职责).
    pub const LEADERS: &str = "leaders";
    /// Next year's plans (下一年度安排), carried into next year's report.
    pub const PLANS: &str = "plans";
    /// Anything else to report.
    pub const OTHER: &str = "other";
}

/// An example passage with where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// Where the passage comes from, or that it is a written example, as shown above it.
    pub source: String,
    /// The passage itself.
    pub text: String,
}

/// Why a template could not be used.
#[derive(Debug, Error)]
pub enum TemplateError {
    /// The file is not valid JSON, or not of the template's shape.
    #[error("模板文件不是有效的 JSON：{0}")]
    Json(#[from] serde_json::Error),
    /// The template lists no part.
    #[error("模板没有任何部分")]
    NoParts,
    /// Two parts share a key.
    #[error("模板中部分标识“{0}”重复")]
    DuplicateKey(String),
    /// Two parts share a role.
    #[error("模板中部分角色“{0}”重复")]
    DuplicateRole(String),
    /// Two guidance items share an id.
    #[error("模板中条目标识“{0}”重复")]
    DuplicateId(String),
    /// Written for a newer build, in this version.
    #[error("模板版本 {0} 比本程序新，请使用新版本")]
    TooNew(u32),
    /// A deadline on a day that does not exist (month, day).
    #[error("模板中的截止日期 {0}月{1}日 不存在")]
    BadDeadline(u8, u8),
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
        let mut t: Template = serde_json::from_str(json)?;
        if t.version > TEMPLATE_VERSION {
            return Err(TemplateError::TooNew(t.version));
        }
        if t.parts.is_empty() {
            return Err(TemplateError::NoParts);
        }
        for (i, p) in t.parts.iter().enumerate() {
            if t.parts[..i].iter().any(|q| q.key == p.key) {
                return Err(TemplateError::DuplicateKey(p.key.clone()));
            }
            if !p.role.is_empty() && t.parts[..i].iter().any(|q| q.role == p.role) {
                return Err(TemplateError::DuplicateRole(p.role.clone()));
            }
        }
        for p in &mut t.parts {
            for (n, q) in p.prompts.iter_mut().enumerate() {
                if q.id.is_empty() {
                    q.id = format!("{}-{}", p.key, n + 1);
                }
            }
        }
        // Ids of prompts, hints and secrecy items share the draft's sets, so one namespace.
        let mut seen = std::collections::BTreeSet::new();
        let ids = t
            .parts
            .iter()
            .flat_map(|p| {
                let hints = p.mistakes.iter().map(|m| &m.id);
                p.prompts.iter().map(|q| &q.id).chain(hints)
            })
            .chain(t.secrecy.iter().map(|s| &s.id))
            .chain(t.deadlines.iter().map(|d| &d.id));
        for id in ids {
            if !seen.insert(id.as_str()) {
                return Err(TemplateError::DuplicateId(id.clone()));
            }
        }
        for d in &t.deadlines {
            // 2024 is a leap year, so 29 February passes and 30 February does not.
            if crate::date::DocDate::new(2024, d.month, d.day).is_err() {
                return Err(TemplateError::BadDeadline(d.month, d.day));
            }
        }
        Ok(t)
    }

    /// The built-in template, compiled from its data file by `core/build.rs` (no JSON is
    /// parsed at start-up). That it is valid and equals `from_json(BUILTIN_JSON)` is a test.
    pub fn builtin() -> Self {
        builtin::BUILTIN.to_template()
    }

    /// The part with this key.
    pub fn part(&self, key: &str) -> Option<&PartTemplate> {
        self.parts.iter().find(|p| p.key == key)
    }

    /// The part with this role (see [`role`]).
    pub fn by_role(&self, role: &str) -> Option<&PartTemplate> {
        self.parts
            .iter()
            .find(|p| !role.is_empty() && p.role == role)
    }

    /// The role of the part with this key; empty when the part has none or is unknown.
    pub fn role_of(&self, key: &str) -> &str {
        self.part(key).map_or("", |p| p.role.as_str())
    }

    /// Whether `id` names a prompt of any part.
    pub fn has_prompt(&self, id: &str) -> bool {
        self.parts
            .iter()
            .any(|p| p.prompts.iter().any(|q| q.id == id))
    }

    /// Whether `id` names a common-mistake hint of any part.
    pub fn has_hint(&self, id: &str) -> bool {
        self.parts
            .iter()
            .any(|p| p.mistakes.iter().any(|m| m.id == id))
    }

    /// Whether `id` names an item of the secrecy checklist.
    pub fn has_secrecy(&self, id: &str) -> bool {
        self.secrecy.iter().any(|s| s.id == id)
    }

    /// The derived title for a unit and year.
    pub fn title(&self, unit: &str, year: i32) -> String {
        fill(&self.title_pattern, unit.trim(), year)
    }
}

/// The built-in template as static data, written by `core/build.rs`: tuples in field order
/// keep the generated file short; only [`Template::builtin`] turns it into a [`Template`].
mod builtin {
    use super::{Belongs, Deadline, Example, Item, PartTemplate, Prompt, Template};

    type Strs = &'static [&'static str];

    pub(super) struct Src {
        pub version: u32,
        pub id: &'static str,
        pub name: &'static str,
        pub title_pattern: &'static str,
        pub overview: &'static str,
        pub front_matter_guidance: Strs,
        /// (id, label, month, day, note)
        pub deadlines: &'static [(&'static str, &'static str, u8, u8, &'static str)],
        pub secrecy: &'static [(&'static str, &'static str)],
        pub parts: &'static [PartSrc],
    }

    pub(super) struct PartSrc {
        pub key: &'static str,
        pub heading: &'static str,
        pub label: &'static str,
        pub required: bool,
        pub about: &'static str,
        pub asks: &'static str,
        pub reviewers: &'static str,
        pub role: &'static str,
        /// (id, label, detail)
        pub prompts: &'static [(&'static str, &'static str, &'static str)],
        pub mistakes: &'static [(&'static str, &'static str)],
        /// (source, text)
        pub example: (&'static str, &'static str),
        pub sample: Option<(&'static str, &'static str)>,
        pub keywords: Strs,
        /// keywords, before, after, ends
        pub belongs: [Strs; 4],
    }

    include!(concat!(env!("OUT_DIR"), "/builtin_template.rs"));

    fn strings(list: Strs) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn items(list: &[(&str, &str)]) -> Vec<Item> {
        list.iter()
            .map(|(id, text)| Item {
                id: (*id).into(),
                text: (*text).into(),
            })
            .collect()
    }

    fn example((source, text): (&str, &str)) -> Example {
        Example {
            source: source.into(),
            text: text.into(),
        }
    }

    impl Src {
        pub(super) fn to_template(&self) -> Template {
            Template {
                version: self.version,
                id: self.id.into(),
                name: self.name.into(),
                title_pattern: self.title_pattern.into(),
                overview: self.overview.into(),
                front_matter_guidance: strings(self.front_matter_guidance),
                parts: self.parts.iter().map(PartSrc::to_part).collect(),
                deadlines: self
                    .deadlines
                    .iter()
                    .map(|(id, label, month, day, note)| Deadline {
                        id: (*id).into(),
                        label: (*label).into(),
                        month: *month,
                        day: *day,
                        note: (*note).into(),
                    })
                    .collect(),
                secrecy: items(self.secrecy),
            }
        }
    }

    impl PartSrc {
        fn to_part(&self) -> PartTemplate {
            let [keywords, before, after, ends] = self.belongs.map(strings);
            PartTemplate {
                key: self.key.into(),
                heading: self.heading.into(),
                label: self.label.into(),
                required: self.required,
                about: self.about.into(),
                asks: self.asks.into(),
                reviewers: self.reviewers.into(),
                prompts: self
                    .prompts
                    .iter()
                    .map(|(id, label, detail)| Prompt {
                        id: (*id).into(),
                        label: (*label).into(),
                        detail: (*detail).into(),
                    })
                    .collect(),
                mistakes: items(self.mistakes),
                example: example(self.example),
                sample: self.sample.map(example),
                keywords: strings(self.keywords),
                role: self.role.into(),
                belongs: Belongs {
                    keywords,
                    before,
                    after,
                    ends,
                },
            }
        }
    }
}

impl PartTemplate {
    /// The heading for a report year, without its number.
    pub fn heading_for(&self, year: i32) -> String {
        fill(&self.heading, "", year)
    }

    /// The short name, falling back to the key.
    pub fn short_label(&self) -> &str {
        if self.label.is_empty() {
            &self.key
        } else {
            &self.label
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_builtin_is_exactly_the_data_file_read_with_serde() {
        // core/build.rs writes the built-in template as static data; reading the same file
        // at run time must give the same template, and a valid one.
        let read = Template::from_json(BUILTIN_JSON).unwrap();
        assert_eq!(Template::builtin(), read);
        assert!(read
            .parts
            .iter()
            .all(|p| p.prompts.iter().all(|q| !q.id.is_empty())));
    }

    #[test]
    fn builtin_has_five_parts_and_only_the_last_is_optional() {
        let t = Template::builtin();
        assert_eq!(t.parts.len(), 5);
        let required: Vec<bool> = t.parts.iter().map(|p| p.required).collect();
        assert_eq!(required, [true, true, true, true, false]);
        for p in &t.parts {
            assert!(!p.about.is_empty() && !p.prompts.is_empty() && !p.example.text.is_empty());
            assert!(!p.asks.is_empty() && !p.reviewers.is_empty() && !p.mistakes.is_empty());
            assert!(!p.label.is_empty());
            // Our own examples say so; quotations say they are quoted.
            assert!(p.example.source.contains("非引用"), "{}", p.example.source);
            if let Some(s) = &p.sample {
                assert!(s.source.starts_with("节选自样例"), "{}", s.source);
            }
        }
        assert_eq!(t.version, TEMPLATE_VERSION);
    }

    #[test]
    fn part_one_lists_the_nine_task_areas_and_own_duties() {
        let t = Template::builtin();
        let labels: Vec<&str> = t.parts[0]
            .prompts
            .iter()
            .map(|p| p.label.as_str())
            .collect();
        for area in [
            "职能",
            "制度体系",
            "决策",
            "执法",
            "突发事件",
            "纠纷",
            "制约和监督",
            "数字",
            "组织领导",
            "本单位",
        ] {
            assert!(
                labels.iter().any(|l| l.contains(area)),
                "{area} in {labels:?}"
            );
        }
        assert_eq!(labels.len(), 10);
        for p in t.parts.iter().flat_map(|p| &p.prompts) {
            assert!(!p.id.is_empty() && !p.detail.is_empty(), "{p:?}");
        }
        let leader = t.part("leader").unwrap();
        for word in ["主持", "学法", "述法", "带头遵守", "部署"] {
            assert!(
                leader
                    .prompts
                    .iter()
                    .any(|p| p.label.contains(word) || p.detail.contains(word)),
                "{word}"
            );
        }
    }

    #[test]
    fn parts_are_found_by_role() {
        let t = Template::builtin();
        let roles: Vec<&str> = t.parts.iter().map(|p| p.role.as_str()).collect();
        assert_eq!(
            roles,
            [
                role::MEASURES,
                role::SHORTCOMINGS,
                role::LEADERS,
                role::PLANS,
                role::OTHER
            ]
        );
        assert_eq!(
            t.by_role(role::PLANS).map(|p| p.key.as_str()),
            Some("plans")
        );
        assert_eq!(t.by_role(""), None);
        assert_eq!(t.role_of("leader"), role::LEADERS);
        assert_eq!(t.role_of("nothing"), "");
        // Every role the import positions by is a role of the template.
        for p in &t.parts {
            for r in p.belongs.before.iter().chain(&p.belongs.after) {
                assert!(t.by_role(r).is_some(), "{r}");
            }
        }
        let mut dup = Template::builtin();
        dup.parts[1].role = dup.parts[0].role.clone();
        let json = serde_json::to_string(&dup).unwrap();
        assert!(matches!(
            Template::from_json(&json),
            Err(TemplateError::DuplicateRole(_))
        ));
    }

    #[test]
    fn deadlines_and_secrecy_are_data() {
        let t = Template::builtin();
        let due: Vec<(u8, u8)> = t.deadlines.iter().map(|d| (d.month, d.day)).collect();
        assert_eq!(due, [(3, 1), (4, 1)]);
        assert!(t.secrecy.len() >= 4);
        assert!(t.has_secrecy(&t.secrecy[0].id) && !t.has_secrecy("m-rules"));
        assert!(t.has_prompt("m-rules") && !t.has_prompt("h-no-numbers"));
        assert!(t.has_hint("h-no-numbers") && !t.has_hint("m-rules"));
    }

    #[test]
    fn version_one_templates_still_load() {
        let json = r#"{"id":"x","name":"x","title_pattern":"{unit}","overview":"",
            "front_matter_guidance":[],
            "parts":[{"key":"a","heading":"h","required":true,"about":"b",
                "prompts":["甲","乙"],"example":{"source":"s","text":"t"}}]}"#;
        let t = Template::from_json(json).unwrap();
        assert_eq!(t.version, 1);
        let ids: Vec<&str> = t.parts[0].prompts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a-2"]);
        assert_eq!(t.parts[0].prompts[1].label, "乙");
        assert_eq!(t.parts[0].short_label(), "a");
        assert!(t.deadlines.is_empty() && t.secrecy.is_empty() && t.parts[0].mistakes.is_empty());
        let no_label = json.replace(r#""甲""#, r#"{"id":"x"}"#);
        assert!(matches!(
            Template::from_json(&no_label),
            Err(TemplateError::Json(_))
        ));
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
        let mut dup = Template::builtin();
        dup.secrecy[0].id = dup.parts[0].prompts[0].id.clone();
        let json = serde_json::to_string(&dup).unwrap();
        assert!(matches!(
            Template::from_json(&json),
            Err(TemplateError::DuplicateId(_))
        ));
        let mut newer = Template::builtin();
        newer.version = TEMPLATE_VERSION + 1;
        let json = serde_json::to_string(&newer).unwrap();
        assert!(matches!(
            Template::from_json(&json),
            Err(TemplateError::TooNew(_))
        ));
        let mut bad = Template::builtin();
        bad.deadlines[0].day = 30;
        bad.deadlines[0].month = 2;
        let json = serde_json::to_string(&bad).unwrap();
        assert!(matches!(
            Template::from_json(&json),
            Err(TemplateError::BadDeadline(2, 30))
        ));
        t.parts.clear();
        let json = serde_json::to_string(&t).unwrap();
        assert!(matches!(
            Template::from_json(&json),
            Err(TemplateError::NoParts)
        ));
    }
}
