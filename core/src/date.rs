//! The 成文日期: a calendar date written the 公文 way (2024年1月15日, no leading zeros).

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// A validated calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocDate {
    /// Calendar year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31 (valid for the month).
    pub day: u8,
}

/// The report year a new draft starts with on `today`: reports are written from autumn to
/// February about the year that is ending or has just ended, so from September on it is this
/// year, before then last year.
pub fn default_report_year(today: DocDate) -> i32 {
    if today.month >= 9 {
        today.year
    } else {
        today.year - 1
    }
}

/// Why a date was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DateError {
    /// Not written as year-month-day.
    #[error("日期格式应为 年-月-日，例如 2024-01-15")]
    Format,
    /// No such day in that month.
    #[error("{year}年{month}月没有{day}日")]
    OutOfRange {
        /// The year given.
        year: i32,
        /// The month given.
        month: u8,
        /// The day given, which the month lacks.
        day: u8,
    },
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl DocDate {
    /// A date, if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1900..=2999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::OutOfRange { year, month, day });
        }
        Ok(Self { year, month, day })
    }

    /// Parses the `yyyy-mm-dd` value of an `<input type="date">`.
    pub fn parse_iso(s: &str) -> Result<Self, DateError> {
        let mut it = s.trim().splitn(3, '-');
        let mut next = || it.next().and_then(|p| p.parse::<u32>().ok());
        match (next(), next(), next()) {
            (Some(y), Some(m), Some(d)) if m <= 12 && d <= 31 && y <= 9999 => {
                Self::new(y as i32, m as u8, d as u8)
            }
            _ => Err(DateError::Format),
        }
    }

    /// The `yyyy-mm-dd` form an `<input type="date">` expects.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_without_leading_zeros() {
        assert_eq!(
            DocDate::new(2024, 1, 5).unwrap().to_string(),
            "2024年1月5日"
        );
    }

    #[test]
    fn iso_round_trip_and_calendar() {
        let d = DocDate::parse_iso("2024-02-29").unwrap();
        assert_eq!(d.to_iso(), "2024-02-29");
        assert!(DocDate::parse_iso("2023-02-29").is_err());
        assert_eq!(DocDate::parse_iso("2024/01/01"), Err(DateError::Format));
        assert_eq!(DocDate::parse_iso(""), Err(DateError::Format));
        assert!(DocDate::parse_iso("2024-13-01").is_err());
    }
}

#[cfg(test)]
mod report_year_tests {
    use super::{default_report_year, DocDate};

    #[test]
    fn autumn_starts_this_years_report_spring_finishes_last_years() {
        let on = |year, month, day| default_report_year(DocDate { year, month, day });
        assert_eq!(on(2026, 11, 27), 2026);
        assert_eq!(on(2026, 9, 1), 2026);
        assert_eq!(on(2026, 12, 31), 2026);
        assert_eq!(on(2027, 1, 15), 2026);
        assert_eq!(on(2027, 2, 28), 2026);
        assert_eq!(on(2027, 8, 31), 2026);
    }
}
