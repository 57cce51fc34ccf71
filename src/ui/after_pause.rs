//! Values derived from the draft that are rebuilt only once typing pauses, so that costly
//! work (the preview, the checks) never holds up a keystroke, nor the first paint.

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
    let value = RwSignal::new(T::default());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let schedule = move |delay: Duration| {
        // `try_` because a panel that was closed meanwhile has dropped its timer.
        if let Some(t) = timer.try_get_value().flatten() {
            t.clear();
        }
        let handle = set_timeout_with_handle(move || value.set(compute()), delay).ok();
        timer.try_set_value(handle);
    };
    // A timeout queued from an animation frame runs after that frame has been painted.
    request_animation_frame(move || schedule(Duration::ZERO));
    Effect::new(move |first: Option<()>| {
        ctx.draft.track();
        if first.is_some() {
            schedule(delay);
        }
    });
    value
}
