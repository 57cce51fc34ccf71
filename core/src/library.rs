//! Many drafts side by side: ids, list summaries, copies, and next year's report from this one.

use crate::format::Stored;
use crate::model::{count_chars, CarriedPlans, Draft};
use crate::template::Template;

/// What the draft list shows of one draft.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Summary {
    /// The draft's storage id.
    pub id: String,
    /// Name shown in the list: the user's name for the draft, else its title.
    pub name: String,
    /// The 单位名称.
    pub unit: String,
    /// The report year.
    pub year: i32,
    /// The title as it will print.
    pub title: String,
    /// Milliseconds since the epoch, as an integer so that summaries can be compared.
    pub saved_at: u64,
    /// The stored revision (counts saves).
    pub revision: u64,
    /// Size of the stored value in UTF-16 code units, the unit of the storage quota.
    pub stored_units: usize,
    /// Characters written, white space excluded.
    pub chars: usize,
}

/// A new draft id from the time and a random number, unique enough for one browser profile.
pub fn new_id(now_ms: f64, random: u32) -> String {
    format!("{}-{:08x}", radix36(now_ms.max(0.0) as u64), random)
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The summary of a stored draft.
pub fn summarize(stored: &Stored, stored_units: usize, template: &Template) -> Summary {
    let d = &stored.draft;
    let title = d.effective_title(template);
    Summary {
        id: stored.id.clone(),
        name: d
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| title.clone()),
        unit: d.unit.clone(),
        year: d.year,
        title,
        saved_at: stored.saved_at.max(0.0) as u64,
        revision: stored.revision,
        stored_units,
        chars: d.char_count(),
    }
}

/// Length of a string in UTF-16 code units, as localStorage counts it.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

impl Draft {
    /// A copy of this draft for another id, named so that the list tells them apart.
    pub fn copy_named(&self, suffix: &str, template: &Template) -> Draft {
        let mut d = self.clone();
        let base = d
            .name
            .clone()
            .unwrap_or_else(|| self.effective_title(template));
        d.name = Some(format!("{base}{suffix}"));
        d
    }

    /// Next year's report from this one: same unit and outline, headings moved on a year
    /// where the template made them, bodies empty, and this year's plans carried along.
    pub fn next_year(&self, template: &Template) -> Draft {
        let mut d = self.clone();
        let year = self.year + 1;
        d.move_part_headings(template, self.year, year);
        d.each_section_mut(|s| s.body.clear());
        d.intro.clear();
        d.year = year;
        d.date = None;
        d.name = None;
        // A typed title usually names the year; leaving it would print last year's.
        d.title = None;
        // Ticks and the 保密审查 were about last year's text.
        d.guide = Default::default();
        d.open = d.parts.first().map(|p| p.id);
        d.carried_plans = self.plans_items(template).map(|items| CarriedPlans {
            from_year: self.year,
            items,
        });
        d
    }

    /// The text of the part with the template's plans role, flattened to numbered lines.
    fn plans_items(&self, template: &Template) -> Option<Vec<String>> {
        let key = template.by_role(crate::template::role::PLANS)?.key.as_str();
        let plans = self.parts.iter().find(|p| p.part.as_deref() == Some(key))?;
        let mut out: Vec<String> = plans.paragraphs().map(str::to_string).collect();
        for v in plans.below(1) {
            let heading = v.section.heading.trim();
            if !heading.is_empty() {
                out.push(format!("{}{heading}", v.number()));
            }
            out.extend(v.section.paragraphs().map(str::to_string));
        }
        (!out.is_empty() && count_chars(&out.concat()) > 0).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;

    #[test]
    fn ids_differ_by_time_and_random() {
        assert_ne!(new_id(1.0, 1), new_id(1.0, 2));
        assert_ne!(new_id(1.0, 1), new_id(2.0, 1));
        assert_eq!(new_id(36.0, 255), "10-000000ff");
    }

    #[test]
    fn next_year_keeps_outline_and_carries_plans() {
        let t = Template::builtin();
        let mut d = Draft::from_template(&t, "县科技局", 2023, None);
        let p1 = d.parts[0].id;
        let s = d.apply(Edit::AddChild { parent: p1 }, &t).unwrap().unwrap();
        d.apply(Edit::SetHeading(s, "强化组织领导".into()), &t)
            .unwrap();
        d.apply(Edit::SetBody(s, "去年的正文".into()), &t).unwrap();
        let plans = d.parts[3].id;
        let a = d
            .apply(Edit::AddChild { parent: plans }, &t)
            .unwrap()
            .unwrap();
        d.apply(Edit::SetHeading(a, "加强理论学习".into()), &t)
            .unwrap();
        d.apply(Edit::SetBody(a, "全年组织学法不少于12次。".into()), &t)
            .unwrap();
        d.apply(Edit::SetTitle(Some("2023年自定标题".into())), &t)
            .unwrap();

        let n = d.next_year(&t);
        assert_eq!(n.year, 2024);
        assert_eq!(n.unit, "县科技局");
        assert_eq!(n.parts[0].heading, "2024年推进法治政府建设的主要举措和成效");
        assert_eq!(n.parts[3].heading, "2025年推进法治政府建设的主要安排");
        assert_eq!(n.section(s).unwrap().heading, "强化组织领导");
        assert_eq!(n.section(s).unwrap().body, "");
        assert_eq!(n.title, None);
        let carried = n.carried_plans.unwrap();
        assert_eq!(carried.from_year, 2023);
        assert_eq!(
            carried.items,
            ["（一）加强理论学习", "全年组织学法不少于12次。"]
        );
    }
}
