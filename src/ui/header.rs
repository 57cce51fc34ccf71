//! The header fields: unit, year, title, 落款 and date.

use crate::core::date::DocDate;
use crate::core::edit::{parse_year, Edit, YEARS};
use crate::ui::state::ctx;
use leptos::prelude::*;

/// The report's front matter.
#[component]
pub fn Header() -> impl IntoView {
    let ctx = ctx();
    let d = ctx.draft;
    let (year_error, set_year_error) = signal(None::<String>);
    let (date_error, set_date_error) = signal(None::<String>);
    // Memos, so that a keystroke in the body does not rewrite these fields.
    let derived_title =
        Memo::new(move |_| d.with(|d| ctx.template.with_value(|t| t.title(&d.unit, d.year))));
    let typed_title = Memo::new(move |_| d.with(|d| d.title.clone()));
    let unit = Memo::new(move |_| d.with(|d| d.unit.clone()));
    let year = Memo::new(move |_| d.with(|d| d.year));
    let signer = Memo::new(move |_| d.with(|d| d.signer.clone().unwrap_or_else(|| d.unit.clone())));
    let date = Memo::new(move |_| d.with(|d| d.date));

    view! {
        <section class="front" aria-label="报告基本信息">
            <label class="field unit">
                <span>"单位名称"</span>
                <input type="text" data-testid="unit-name" placeholder="例如：岳阳县科学技术局"
                    prop:value=unit
                    on:input:target=move |ev| { ctx.dispatch(Edit::SetUnit(ev.target().value())); }/>
            </label>
            <label class="field year">
                <span>"报告年度"</span>
                <input type="number" data-testid="report-year" inputmode="numeric"
                    min=*YEARS.start() max=*YEARS.end()
                    prop:value=move || year.get().to_string()
                    on:input:target=move |ev| {
                        match parse_year(&ev.target().value()) {
                            Ok(y) => {
                                set_year_error.set(None);
                                ctx.dispatch(Edit::SetYear(y));
                            }
                            Err(e) => set_year_error.set(Some(e.to_string())),
                        }
                    }/>
                <small class="field-error" role="alert">{move || year_error.get()}</small>
            </label>
            <label class="field title">
                <span>"标题"</span>
                <input type="text" data-testid="report-title"
                    prop:placeholder=derived_title
                    prop:value=move || typed_title.get().unwrap_or_else(|| derived_title.get())
                    on:input:target=move |ev| { ctx.dispatch(Edit::SetTitle(Some(ev.target().value()))); }/>
                <Show when=move || typed_title.with(Option::is_some)>
                    <button type="button" class="link" data-testid="title-auto"
                        title="按单位名称和年度自动生成标题"
                        on:click=move |_| { ctx.dispatch(Edit::SetTitle(None)); }>"恢复自动标题"</button>
                </Show>
            </label>
            <label class="field signer">
                <span>"落款"</span>
                <input type="text" data-testid="signer" placeholder="默认与单位名称相同"
                    prop:value=signer
                    on:input:target=move |ev| { ctx.dispatch(Edit::SetSigner(Some(ev.target().value()))); }/>
            </label>
            <label class="field date">
                <span>"成文日期"</span>
                <input type="date" data-testid="doc-date"
                    prop:value=move || date.get().map(DocDate::to_iso).unwrap_or_default()
                    on:input:target=move |ev| {
                        let v = ev.target().value();
                        if v.is_empty() {
                            set_date_error.set(None);
                            ctx.dispatch(Edit::SetDate(None));
                        } else {
                            match DocDate::parse_iso(&v) {
                                Ok(date) => {
                                    set_date_error.set(None);
                                    ctx.dispatch(Edit::SetDate(Some(date)));
                                }
                                Err(e) => set_date_error.set(Some(e.to_string())),
                            }
                        }
                    }/>
                <small class="field-hint">
                    {move || date.get().map(|x| format!("印为 {x}")).unwrap_or_else(|| "未填写".into())}
                </small>
                <small class="field-error" role="alert">{move || date_error.get()}</small>
            </label>
            <label class="field seal">
                <span>"印章"</span>
                <span><input type="checkbox" data-testid="seal-toggle"
                    prop:checked=move || d.with(|d| d.seal)
                    on:change:target=move |ev| { ctx.dispatch(Edit::SetSeal(ev.target().checked())); }/>
                " 加盖印章"</span>
                <small class="field-hint">"决定落款和成文日期的位置"</small>
            </label>
        </section>
    }
}
