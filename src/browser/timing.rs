//! User Timing entries (`performance.measure`) around exports and saves, read by `make bench`.

/// Runs `f` and records its duration as the `performance` measure `name`, replacing the
/// previous one of that name so that a long session does not pile up entries.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    let end = format!("{name}:end");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        // Timing is diagnostics only; a browser without it changes nothing for the user.
        let _ = p.mark(&end);
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
        p.clear_marks_with_mark_name(&start);
        p.clear_marks_with_mark_name(&end);
    }
    out
}
