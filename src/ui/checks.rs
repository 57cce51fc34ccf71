//! The checks panel (体检): findings as the user types, with where they are and one-click fixes.

use crate::core::checks::{run, Finding, Location, Severity};
use crate::core::edit::Edit;
use crate::ui::after_pause::after_pause_or_now;
use crate::ui::state::ctx;
use leptos::prelude::*;
use std::time::Duration;

/// Checks run this long after the last change, so typing is never held up by them.
const CHECK_DELAY: Duration = Duration::from_millis(400);

/// The checks panel.
#[component]
pub fn Checks() -> impl IntoView {
    let ctx = ctx();
    let compute = move || {
        ctx.draft
            .with_untracked(|d| ctx.template.with_value(|t| run(d, t)))
    };
    let (findings, recheck) = after_pause_or_now(ctx, CHECK_DELAY, compute);
    let apply = move |edit: Edit| {
        ctx.dispatch(edit);
        recheck();
    };
    let count = move || findings.with(Vec::len);
    view! {
        <section class="checks" aria-label="体检" data-testid="checks">
            <h2 class="panel-title">"体检"
                <small data-testid="checks-count">{move || if count() == 0 { "未发现问题".to_string() } else { format!("{} 项", count()) }}</small>
            </h2>
            <ul>
                {move || findings.get().into_iter().map(|f| view! { <CheckItem finding=f apply=Callback::new(apply)/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn CheckItem(finding: Finding, apply: Callback<Edit>) -> impl IntoView {
    let ctx = ctx();
    let target = match &finding.location {
        Location::Heading(id) | Location::Body { id, .. } => Some(*id),
        _ => None,
    };
    let fix = finding.fix.clone();
    view! {
        <li class="check-item" class:error=finding.severity == Severity::Error data-testid="check-item"
            data-kind=format!("{:?}", finding.kind)>
            <div>
                <span class="check-kind">{finding.kind.label()}</span>
                <span>{finding.message.clone()}</span>
            </div>
            {(!finding.excerpt.is_empty()).then(|| view! { <div class="muted excerpt">{finding.excerpt.clone()}</div> })}
            <div class="check-actions">
                {target.map(|id| view! {
                    <button type="button" class="link" data-testid="check-goto"
                        on:click=move |_| { ctx.dispatch(Edit::Open(id)); }>"定位"</button>
                })}
                {fix.map(|f| {
                    let edit = StoredValue::new(f.edit);
                    view! {
                        <button type="button" data-testid="check-fix" on:click=move |_| apply.run(edit.get_value())>{f.label}</button>
                    }
                })}
            </div>
        </li>
    }
}
