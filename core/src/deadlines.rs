//! Days left until the report is due: for a report on year Y, the template's dates in Y+1
//! (报送 by 1 March, 公开 by 1 April), worded calmly for the clerk.
//!
//! Days are whole calendar days between two local dates, so the count does not jump with
//! the time of day: on 28 February it reads 1 day left until 1 March (2 in a leap year).

use crate::date::DocDate;
use crate::template::{Deadline, Template};

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), after H. Hinnant.
pub fn day_number(d: DocDate) -> i64 {
    let (m, day) = (i64::from(d.month), i64::from(d.day));
    let y = i64::from(d.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// One deadline of a report as of a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueDate {
    /// The template's id of the deadline.
    pub id: String,
    /// What is due, e.g. 报送 or 公开.
    pub label: String,
    /// The day it is due, in the year after the report year.
    pub date: DocDate,
    /// Days from today until the date; 0 on the day, negative once past.
    pub days_left: i64,
    /// One line on what the step means, from the template.
    pub note: String,
}

impl DueDate {
    /// The calm one-line wording, e.g. 距报送截止（2025年3月1日）还有 94 天.
    pub fn wording(&self) -> String {
        let (label, date) = (&self.label, self.date);
        match self.days_left {
            n if n > 0 => format!("距{label}截止（{date}）还有 {n} 天"),
            0 => format!("今天（{date}）是{label}截止日"),
            _ => format!("已过{label}期限（{date}）"),
        }
    }
}

/// The deadline in the year after `report_year`, if the date exists in that year.
fn due(d: &Deadline, report_year: i32, today: DocDate) -> Option<DueDate> {
    let date = DocDate::new(report_year + 1, d.month, d.day).ok()?;
    Some(DueDate {
        id: d.id.clone(),
        label: d.label.clone(),
        date,
        days_left: day_number(date) - day_number(today),
        note: d.note.clone(),
    })
}

/// Every deadline of the template for a report on `report_year`, as of `today`.
pub fn due_dates(template: &Template, report_year: i32, today: DocDate) -> Vec<DueDate> {
    template
        .deadlines
        .iter()
        .filter_map(|d| due(d, report_year, today))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> DocDate {
        DocDate::new(y, m, d).unwrap()
    }

    fn words(year: i32, today: DocDate) -> Vec<String> {
        due_dates(&Template::builtin(), year, today)
            .iter()
            .map(DueDate::wording)
            .collect()
    }

    #[test]
    fn day_numbers_match_known_dates() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(2000, 3, 1)), 11_017);
        assert_eq!(day_number(date(2024, 1, 1)), 19_723);
        // Consecutive days across month, leap-day and year ends differ by one.
        for (a, b) in [
            (date(2024, 2, 28), date(2024, 2, 29)),
            (date(2024, 2, 29), date(2024, 3, 1)),
            (date(2023, 2, 28), date(2023, 3, 1)),
            (date(2024, 12, 31), date(2025, 1, 1)),
            (date(1900, 2, 28), date(1900, 3, 1)),
        ] {
            assert_eq!(day_number(b) - day_number(a), 1, "{a} → {b}");
        }
    }

    #[test]
    fn counts_to_march_and_april_of_the_next_year() {
        assert_eq!(
            words(2024, date(2024, 11, 27)),
            [
                "距报送截止（2025年3月1日）还有 94 天",
                "距公开截止（2025年4月1日）还有 125 天"
            ]
        );
        let due = due_dates(&Template::builtin(), 2024, date(2025, 1, 15));
        assert_eq!(due[0].date, date(2025, 3, 1));
        // 15 January to 1 February is 17 days, then 28 days of February.
        assert_eq!(due[0].days_left, 17 + 28);
        assert!(!due[0].note.is_empty());
    }

    #[test]
    fn leap_years_add_the_29th_of_february() {
        // A report on 2023 is due in 2024, a leap year.
        let leap = due_dates(&Template::builtin(), 2023, date(2024, 2, 1));
        let common = due_dates(&Template::builtin(), 2024, date(2025, 2, 1));
        assert_eq!(leap[0].days_left, 29);
        assert_eq!(common[0].days_left, 28);
        assert_eq!(leap[1].days_left, 29 + 31);
        assert_eq!(
            words(2023, date(2024, 2, 29)),
            [
                "距报送截止（2024年3月1日）还有 1 天",
                "距公开截止（2024年4月1日）还有 32 天"
            ]
        );
    }

    #[test]
    fn on_the_day_and_after_it() {
        assert_eq!(
            words(2024, date(2025, 3, 1)),
            [
                "今天（2025年3月1日）是报送截止日",
                "距公开截止（2025年4月1日）还有 31 天"
            ]
        );
        assert_eq!(
            words(2024, date(2025, 4, 2)),
            [
                "已过报送期限（2025年3月1日）",
                "已过公开期限（2025年4月1日）"
            ]
        );
        // A report for a year long past is plainly late, whatever the count.
        assert_eq!(
            due_dates(&Template::builtin(), 2020, date(2025, 1, 1))[0].days_left,
            -(365 + 366 + 365 + 365) + 59
        );
    }
}
