//! Values derived from the draft that are rebuilt only once typing pauses, so that costly
//! work (the preview, the checks, counting the characters of a long report) never holds up a
//! keystroke, nor the first paint. The values are read-only to their users; a pending
//! rebuild is cancelled when the component that asked for it goes away. Also the two ways
//! to run work later without holding up a key or a frame: after the next paint, and in the
//! browser's next idle period; and [`Deadline`], a wait that each keystroke moves later
//! without a new timer.

use crate::browser::clock::monotonic_ms;
use crate::ui::state::Ctx;
use leptos::prelude::*;
use std::rc::Rc;
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
    let f = Rc::new(std::cell::Cell::new(Some(f)));
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

/// Runs a function once a moment has come, where that moment moves later on every keystroke:
/// moving it only notes the new time. All deadlines share one timer, armed for the nearest
/// moment; when it fires it runs what is due and arms itself for the next. Clearing and arming
/// a timer on every key (with a new closure each time) was a visible part of a keystroke's
/// cost, six times over; one timer per deadline, each firing early and waiting again, still
/// fired two to three times per key while typing at 4x throttling (trace-typing).
#[derive(Clone, Copy)]
pub struct Deadline {
    state: StoredValue<Wait, LocalStorage>,
}

#[derive(Default)]
struct Wait {
    /// When to run, on [`monotonic_ms`].
    due: Option<f64>,
    /// What runs when the moment comes. Boxed, so that the timer code exists once in the
    /// wasm, not once per caller.
    action: Option<Rc<dyn Fn()>>,
}

/// The one timer of all deadlines, and the deadlines it serves.
#[derive(Default)]
struct Clock {
    /// The timer armed, and the moment it was armed for.
    armed: Option<(f64, TimeoutHandle)>,
    /// Every deadline made; those whose owner has gone are dropped when the timer fires.
    all: Vec<Deadline>,
}

thread_local! {
    static CLOCK: std::cell::RefCell<Clock> = std::cell::RefCell::new(Clock::default());
}

impl Default for Deadline {
    fn default() -> Self {
        Self::new()
    }
}

impl Deadline {
    /// A deadline that is not set. It goes, and never runs, when its owner goes away.
    pub fn new() -> Self {
        let d = Deadline {
            state: StoredValue::new_local(Wait::default()),
        };
        CLOCK.with_borrow_mut(|c| c.all.push(d));
        d
    }

    /// What runs when the deadline comes.
    pub fn on_due(self, f: impl Fn() + 'static) {
        self.state.try_update_value(|w| w.action = Some(Rc::new(f)));
    }

    /// Runs the action once, `delay` from now, unless set again or cancelled first.
    pub fn set(self, delay: Duration) {
        let now = monotonic_ms();
        let at = now + delay.as_millis() as f64;
        if self.state.try_update_value(|w| w.due = Some(at)).is_some() {
            arm_for(at, now);
        }
    }

    /// Runs the action now instead of later (unless the owner has gone away).
    pub fn run_now(self) {
        if self.cancel() {
            self.run();
        }
    }

    fn run(self) {
        // Run outside the borrow of the state: the action may set the deadline again.
        if let Some(Some(f)) = self.state.try_with_value(|w| w.action.clone()) {
            f();
        }
    }

    /// Forgets the deadline: nothing runs until it is set again. `false` when its owner
    /// has gone away (a panel closed meanwhile: nothing to run for it). The shared timer
    /// stays armed for the others; firing with nothing due costs one check.
    pub fn cancel(self) -> bool {
        self.state.try_update_value(|w| w.due = None).is_some()
    }
}

/// Arms the shared timer for `at` unless it is armed for that moment or sooner (it then
/// arms itself again for the rest when it fires).
fn arm_for(at: f64, now: f64) {
    let sooner = CLOCK.with_borrow_mut(|c| match c.armed {
        Some((armed_at, _)) if armed_at <= at => false,
        Some((_, t)) => {
            t.clear();
            c.armed = None;
            true
        }
        None => true,
    });
    if sooner {
        // Whole milliseconds, rounded up: a timer never fires early by more than the slack
        // `fire` allows. (`from_secs_f64` would bring its panic messages into the wasm.)
        let wait = Duration::from_millis((at - now).max(0.0).ceil() as u64);
        let handle = set_timeout_with_handle(fire, wait).ok();
        CLOCK.with_borrow_mut(|c| c.armed = handle.map(|h| (at, h)));
    }
}

/// The shared timer: runs the first deadline that is due and arms for the nearest one left.
/// One action per task, as when each deadline had its own timer: when the timer comes late
/// and several are due (the preview, the checks, the counts after a long task), the browser
/// still paints and takes keys between them, instead of one long task of all of them.
fn fire() {
    let now = monotonic_ms();
    let mut first = None;
    let mut next: Option<f64> = None;
    CLOCK.with_borrow_mut(|c| {
        c.armed = None;
        // Deadlines whose owner has gone (`None`) leave the list. Of the others: whether it
        // runs now, or when it will be due (maybe already: then in the next task).
        c.all.retain(|&d| {
            let Some((run, later)) = d.state.try_update_value(|w| match w.due {
                // A timer may fire a fraction of a millisecond early on this clock.
                Some(at) if first.is_none() && at <= now + 1.0 => {
                    w.due = None;
                    (true, None)
                }
                later => (false, later),
            }) else {
                return false;
            };
            if run {
                first = Some(d);
            }
            if let Some(at) = later {
                next = Some(next.map_or(at, |n: f64| n.min(at)));
            }
            true
        });
    });
    if let Some(at) = next {
        arm_for(at, now);
    }
    // Run outside every borrow: the action may set deadlines, its own included.
    if let Some(d) = first {
        d.run();
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
    let (value, later) = rebuilt(ctx, delay, compute, T::default());
    // A timeout queued from an animation frame runs after that frame has been painted.
    request_animation_frame(move || later.set(Duration::ZERO));
    (value, move || later.run_now())
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
    let (value, later) = rebuilt(ctx, delay, compute, compute());
    Effect::new(move |last: Option<K>| {
        let now = key();
        if last.is_some_and(|k| k != now) {
            later.run_now();
        }
        now
    });
    value
}

/// The signal holding `compute()`, and the deadline that recomputes it, set `delay` after
/// every change of the draft.
fn rebuilt<T>(
    ctx: Ctx,
    delay: Duration,
    compute: impl Fn() -> T + 'static,
    initial: T,
) -> (ReadSignal<T>, Deadline)
where
    T: Send + Sync + 'static,
{
    let (value, set_value) = signal(initial);
    let later = Deadline::new();
    later.on_due(move || {
        set_value.try_set(compute());
    });
    after_each_change(ctx, later, delay);
    (value, later)
}

/// Sets `later` to `delay` from now whenever the draft changes. Apart from [`rebuilt`], so
/// that the effect is compiled once, not once per kind of value.
fn after_each_change(ctx: Ctx, later: Deadline, delay: Duration) {
    Effect::new(move |first: Option<()>| {
        ctx.track_all();
        if first.is_some() {
            later.set(delay);
        }
    });
}
