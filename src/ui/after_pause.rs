//! Values derived from the draft that are rebuilt only once typing pauses, so that costly
//! work (the preview, the checks, counting the characters of a long report) never holds up a
//! keystroke, nor the first paint. The values are read-only to their users; a pending
//! rebuild is cancelled when the component that asked for it goes away. Also the two ways
//! to run work later without holding up a key or a frame: after the next paint, and in the
//! browser's next idle period.

use crate::ui::state::Ctx;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Runs `f` once the next frame has been painted: a timeout queued from an animation frame
/// runs after that frame. For start-up work the clerk need not wait for to see the editor.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, Duration::ZERO));
}

/// Runs `f` in the browser's next idle period, at the latest `timeout_ms` from now: right
/// after a frame is painted, when a key typed next is not kept waiting by it. Where the
/// browser has no `requestIdleCallback`, at once.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) {
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = {
        let f = f.clone();
        Closure::once_into_js(move || {
            if let Some(f) = f.take() {
                f();
            }
        })
    };
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(timeout_ms);
    let asked = web_sys::window().map(|w| {
        w.request_idle_callback_with_options(run.unchecked_ref(), &options)
            .is_ok()
    });
    if asked != Some(true) {
        if let Some(f) = f.take() {
            f();
        }
    }
}

/// A signal holding `compute()`, computed just after the first frame is painted and again
/// `delay` after the draft last changed. Until the first computation it holds `T::default()`:
/// a clerk reopening a long report sees the editor first, the preview a moment later.
pub fn after_pause<T>(
    ctx: Ctx,
    delay: Duration,
    compute: impl Fn() -> T + Copy + 'static,
) -> ReadSignal<T>
where
    T: Default + Send + Sync + 'static,
{
    after_pause_or_now(ctx, delay, compute).0
}

/// Like [`after_pause`], with a function that rebuilds the value at once (after an edit the
/// user expects to see reflected immediately, such as a fix from the checks).
pub fn after_pause_or_now<T>(
    ctx: Ctx,
    delay: Duration,
    compute: impl Fn() -> T + Copy + 'static,
) -> (ReadSignal<T>, impl Fn() + Copy + 'static)
where
    T: Default + Send + Sync + 'static,
{
    let (value, schedule) = rebuilt(ctx, delay, compute, T::default());
    // A timeout queued from an animation frame runs after that frame has been painted.
    request_animation_frame(move || schedule(Some(Duration::ZERO)));
    (value, move || schedule(None))
}

/// Like [`after_pause`], but computed at once whenever `key()` changes (another draft, another
/// section, a new outline): for cheap values such as sizes and progress, which must be right
/// whenever the view changes but need not be recounted on every keystroke.
pub fn now_and_after_pause<T, K>(
    ctx: Ctx,
    delay: Duration,
    key: impl Fn() -> K + 'static,
    compute: impl Fn() -> T + Copy + 'static,
) -> ReadSignal<T>
where
    T: Send + Sync + 'static,
    K: PartialEq + 'static,
{
    let (value, schedule) = rebuilt(ctx, delay, compute, compute());
    Effect::new(move |last: Option<K>| {
        let now = key();
        if last.is_some_and(|k| k != now) {
            schedule(None);
        }
        now
    });
    value
}

fn rebuilt<T>(
    ctx: Ctx,
    delay: Duration,
    compute: impl Fn() -> T + Copy + 'static,
    initial: T,
) -> (ReadSignal<T>, impl Fn(Option<Duration>) + Copy + 'static)
where
    T: Send + Sync + 'static,
{
    let (value, set_value) = signal(initial);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    // Cleanups run before the owner's values are dropped, so the timer is still there.
    on_cleanup(move || {
        if let Some(t) = timer.try_get_value().flatten() {
            t.clear();
        }
    });
    // `None`: at once.
    let schedule = move |delay: Option<Duration>| {
        // A panel that was closed meanwhile has dropped its timer: nothing to rebuild.
        let Some(previous) = timer.try_get_value() else {
            return;
        };
        if let Some(t) = previous {
            t.clear();
        }
        let handle = match delay {
            Some(delay) => set_timeout_with_handle(
                move || {
                    set_value.try_set(compute());
                },
                delay,
            )
            .ok(),
            None => {
                set_value.set(compute());
                None
            }
        };
        timer.try_set_value(handle);
    };
    Effect::new(move |first: Option<()>| {
        ctx.draft.track();
        if first.is_some() {
            schedule(Some(delay));
        }
    });
    (value, schedule)
}
