//! Values derived from the draft that are rebuilt only once typing pauses, so that costly
//! work (the preview, the checks) never holds up a keystroke.

use crate::ui::state::Ctx;
use leptos::prelude::*;
use std::time::Duration;

/// A signal holding `compute()`, computed now and again `delay` after the draft last changed.
pub fn after_pause<T>(
    ctx: Ctx,
    delay: Duration,
    compute: impl Fn() -> T + Copy + 'static,
) -> RwSignal<T>
where
    T: Send + Sync + 'static,
{
    let value = RwSignal::new(compute());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        ctx.draft.track();
        if first.is_none() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(set_timeout_with_handle(move || value.set(compute()), delay).ok());
    });
    value
}
