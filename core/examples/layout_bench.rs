//! Times the print layout of a report of about 100,000 characters (a report, not a test):
//! `cargo run --release --example layout_bench`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

use nianbao_core::edit::Edit;
use nianbao_core::export::html::render_pages;
use nianbao_core::layout::layout;
use nianbao_core::model::{Draft, INTRO};
use nianbao_core::template::Template;
use std::time::Instant;

fn main() {
    let t = Template::builtin();
    let mut d = Draft::from_template(&t, "岳阳县科学技术局", 2023, None);
    let para = "县科技局建立健全法治政府建设工作机制，成立以局党组书记、局长为组长的领导小组，2023年共开展“谁执法谁普法”活动12次。";
    let body = vec![para; 100_000 / para.chars().count() / 5 + 1].join("\n");
    d.apply(Edit::SetBody(INTRO, body.clone()), &t).ok();
    for i in 0..4 {
        let id = d.parts[i].id;
        d.apply(Edit::SetBody(id, body.clone()), &t).ok();
    }
    println!("characters: {}", d.char_count() + d.intro.chars().count());
    let mut best = f64::MAX;
    let mut pages = 0;
    for _ in 0..20 {
        let start = Instant::now();
        pages = layout(&d, &t).len();
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    let start = Instant::now();
    let html = render_pages(&layout(&d, &t));
    let both = start.elapsed().as_secs_f64() * 1000.0;
    println!(
        "pages: {pages}; layout best of 20: {best:.2} ms; layout + HTML: {both:.2} ms ({} KB)",
        html.len() / 1024
    );
}
