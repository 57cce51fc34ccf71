//! Values derived from the draft that are rebuilt only once typing pauses, so that costly
//! work (the preview, the checks, counting the characters of a long report) never holds up a
//! keystroke, nor the first paint.

use crate::ui::state::Ctx;
use leptos::prelude::*;
use std::time::Duration;

/// A signal holding `compute()`, computed just after the first frame is painted and again
/// `delay` after the draft last changed. Until the first computation it holds `T::default()`:
/// a clerk reopening a long report sees the editor first, the preview a moment later.
pub fn after_pause<T>(
    ctx: Ctx,
    delay: Duration,
    compute: impl Fn() -> T + Copy + 'static,
) -> RwSignal<T>
where
    T: Default + Send + Sync + 'static,
{
    let (value, schedule) = rebuilt(ctx, delay, compute, T::default());
    // A timeout queued from an animation frame runs after that frame has been painted.
    request_animation_frame(move || schedule(Some(Duration::ZERO)));
    value
}

/// Like [`after_pause`], but computed at once whenever `key()` changes (another draft, another
/// section, a new outline): for cheap values such as sizes and progress, which must be right
/// whenever the view changes but need not be recounted on every keystroke.
pub fn now_and_after_pause<T, K>(
    ctx: Ctx,
    delay: Duration,
    key: impl Fn() -> K + 'static,
    compute: impl Fn() -> T + Copy + 'static,
) -> RwSignal<T>
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
) -> (RwSignal<T>, impl Fn(Option<Duration>) + Copy + 'static)
where
    T: Send + Sync + 'static,
{
    let value = RwSignal::new(initial);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    // `None`: at once.
    let schedule = move |delay: Option<Duration>| {
        // `try_` because a panel that was closed meanwhile has dropped its timer.
        if let Some(t) = timer.try_get_value().flatten() {
            t.clear();
        }
        let handle = match delay {
            Some(delay) => set_timeout_with_handle(move || value.set(compute()), delay).ok(),
            None => {
                value.set(compute());
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
