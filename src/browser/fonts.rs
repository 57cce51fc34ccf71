//! Which of the official typefaces this computer has, found by measuring text in a canvas.
//!
//! `document.fonts.check()` cannot tell: Chromium answers `true` for every family that has no
//! web font face, installed or not (tried in Chromium 156 with a made-up family name). A family
//! is installed when text set in it, with a generic fallback behind it, measures differently
//! from text in the generic fallback alone.

use wasm_bindgen::JsCast;

/// Latin letters and digits differ in width between faces; CJK glyphs differ in their ink box.
const SAMPLE: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const CJK: &str = "永国法";

/// A canvas 2D context for measuring, if the browser gives one.
fn context() -> Option<web_sys::CanvasRenderingContext2d> {
    let canvas = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

fn metrics(ctx: &web_sys::CanvasRenderingContext2d, font: &str) -> Option<[f64; 5]> {
    ctx.set_font(font);
    let latin = ctx.measure_text(SAMPLE).ok()?;
    let cjk = ctx.measure_text(CJK).ok()?;
    Some([
        latin.width(),
        cjk.actual_bounding_box_ascent(),
        cjk.actual_bounding_box_descent(),
        cjk.actual_bounding_box_left(),
        cjk.actual_bounding_box_right(),
    ])
}

/// Whether `family` is installed. `None` when the browser cannot measure.
pub fn installed(family: &str) -> Option<bool> {
    let ctx = context()?;
    let quoted = family.replace(['"', '\\'], "");
    let mut differs = false;
    for generic in ["monospace", "serif", "sans-serif"] {
        let alone = metrics(&ctx, &format!("32px {generic}"))?;
        let with = metrics(&ctx, &format!("32px \"{quoted}\", {generic}"))?;
        differs |= alone != with;
    }
    Some(differs)
}
