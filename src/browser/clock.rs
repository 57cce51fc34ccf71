//! Wall-clock time from the browser.

use crate::core::date::DocDate;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds on the page's monotonic clock (`performance.now()`), for waits: unlike
/// [`now_ms`] it never jumps when the system clock is set. Falls back to [`now_ms`].
pub fn monotonic_ms() -> f64 {
    thread_local! {
        static PERF: Option<web_sys::Performance> =
            web_sys::window().and_then(|w| w.performance());
    }
    PERF.with(|p| p.as_ref().map(|p| p.now()))
        .unwrap_or_else(now_ms)
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

/// A random number for ids (not for secrets).
pub fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// Today's local date as `yyyy-mm-dd`.
pub fn today_iso() -> String {
    today().map(|d| d.to_iso()).unwrap_or_default()
}

/// Local date and time as `yyyy-mm-dd HH:MM`, for lists.
pub fn local_datetime(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
