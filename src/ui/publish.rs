//! The public-version step: the 保密审查 checklist from the template, confirmed item by item
//! before the report is made public, and saved with the draft.

use crate::core::edit::Edit;
use crate::ui::state::ctx;
use leptos::prelude::*;

/// The button that opens the 保密审查 checklist, and the checklist.
#[component]
pub fn PublishStep() -> impl IntoView {
    let ctx = ctx();
    let (open, set_open) = signal(false);
    let items = ctx.template.with_value(|t| t.secrecy.clone());
    let items = StoredValue::new(items);
    let confirmed = move |id: &str| ctx.draft.with(|d| d.guide.secrecy.iter().any(|x| x == id));
    let left = move || items.with_value(|list| list.iter().filter(|i| !confirmed(&i.id)).count());
    view! {
        <section class="publish" aria-labelledby="publish-title">
            <h2 class="panel-title" id="publish-title">"公开版本"</h2>
            <button type="button" data-testid="publish-open" aria-controls="publish-panel"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| set_open.update(|o| *o = !*o)>"公开前保密审查"</button>
            // Always built, shown on request: six checkboxes cost less than a <Show>.
            <div id="publish-panel" class="publish-panel" data-testid="publish-panel" prop:hidden=move || !open.get()>
                <p>"报告向社会公开前，须做保密审查。请逐项确认："</p>
                <ul class="secrecy">
                    {items.get_value().into_iter().map(|item| {
                        let id = StoredValue::new(item.id);
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" data-testid="secrecy-check" data-secrecy=id.get_value()
                                        prop:checked=move || id.with_value(|i| confirmed(i))
                                        on:change=move |_| { ctx.dispatch(Edit::ToggleSecrecy(id.get_value())); }/>
                                    {item.text}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div role="status" data-testid="publish-status">
                    <p class:ok=move || left() == 0>{move || match left() {
                        0 => "保密审查各项均已确认，可按程序审批后公开。".to_string(),
                        n => format!("还有 {n} 项未确认，确认前请勿公开："),
                    }}</p>
                    // Built once; a confirmed item is hidden rather than the list rebuilt.
                    <ul class="unchecked">{items.get_value().into_iter().map(|item| {
                        let id = StoredValue::new(item.id);
                        view! { <li prop:hidden=move || id.with_value(|i| confirmed(i))>{item.text}</li> }
                    }).collect_view()}</ul>
                </div>
            </div>
        </section>
    }
}
