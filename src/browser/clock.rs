//! Wall-clock time from the browser.

use crate::core::date::DocDate;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Local time of day as `HH:MM:SS`, for the save status.
pub fn local_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// Today's local date.
pub fn today() -> Option<DocDate> {
    let d = js_sys::Date::new_0();
    DocDate::new(
        d.get_full_year() as i32,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
    )
    .ok()
}
