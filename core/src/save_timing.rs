//! When the next autosave is due: 300 ms after typing stops, and during continuous typing
//! never more than 500 ms after the first unsaved change.

/// Quiet time after the last change before saving.
pub const DEBOUNCE_MS: f64 = 300.0;
/// Longest a change may stay unsaved during continuous typing. The promise to the user is
/// 1 s; the margin covers timer lateness on a busy machine and the save itself.
pub const MAX_WAIT_MS: f64 = 500.0;

/// Milliseconds to wait from `now` before saving, given when the oldest unsaved change was made.
pub fn save_delay(now_ms: f64, dirty_since_ms: f64) -> f64 {
    let left = MAX_WAIT_MS - (now_ms - dirty_since_ms);
    DEBOUNCE_MS.min(left).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debounces_then_caps_at_max_wait() {
        assert_eq!(save_delay(0.0, 0.0), 300.0);
        assert_eq!(save_delay(350.0, 0.0), 150.0);
        assert_eq!(save_delay(900.0, 0.0), 0.0);
    }
}
