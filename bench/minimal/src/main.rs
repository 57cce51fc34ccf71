//! One textarea holding the text stored under `bench.text`: the cold-start baseline.
use leptos::prelude::*;

fn main() {
    let text = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("bench.text").ok().flatten())
        .unwrap_or_default();
    let (value, set_value) = signal(text);
    mount_to_body(move || {
        view! {
            <textarea
                data-testid="section-body"
                prop:value=value
                on:input=move |ev| set_value.set(event_target_value(&ev))
            ></textarea>
        }
    });
}
