//! Browser tests (wasm-bindgen-test, headless Chromium): the storage adapter against real
//! localStorage, and the mounted app.
#![cfg(target_arch = "wasm32")]

use nianbao::browser::storage::{self, Loaded, StorageError, DRAFT_KEY, QUARANTINE_PREFIX};
use nianbao::core::edit::Edit;
use nianbao::core::format::{self, FormatError};
use nianbao::core::model::Draft;
use nianbao::core::template::Template;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn reset() {
    local().clear().unwrap();
}

fn quarantined_keys() -> Vec<String> {
    let s = local();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect()
}

fn sample() -> Draft {
    let t = Template::builtin();
    let mut d = Draft::from_template(&t, "岳阳县科学技术局", 2023, None);
    let p = d.parts[0].id;
    d.apply(Edit::SetBody(p, "正文<script>&“引号”".into()), &t)
        .unwrap();
    d
}

#[wasm_bindgen_test]
fn empty_storage_loads_as_empty() {
    reset();
    assert_eq!(storage::load(1.0), Ok(Loaded::Empty));
}

#[wasm_bindgen_test]
fn save_then_load_gives_the_same_draft() {
    reset();
    let d = sample();
    storage::save(&d, 3, 1234.0).unwrap();
    match storage::load(2.0) {
        Ok(Loaded::Draft(s)) => {
            assert_eq!(s.draft, d);
            assert_eq!((s.revision, s.saved_at), (3, 1234.0));
        }
        other => panic!("expected a draft, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn unreadable_data_is_copied_aside_and_never_overwritten() {
    for (raw, want_too_new) in [
        ("{ this is not json", false),
        (r#"{"app":"nianbao","schema":99,"draft":{}}"#, true),
        (
            r#"{"app":"nianbao","schema":1,"revision":1,"saved_at":0,"draft":{"unit":3}}"#,
            false,
        ),
    ] {
        reset();
        local().set_item(DRAFT_KEY, raw).unwrap();
        let loaded = storage::load(42.0).unwrap();
        let Loaded::Quarantined { key, error } = loaded else {
            panic!("expected quarantine for {raw}, got {loaded:?}");
        };
        assert_eq!(
            matches!(error, FormatError::TooNew(99)),
            want_too_new,
            "{error:?}"
        );
        assert_eq!(local().get_item(&key).unwrap().as_deref(), Some(raw));
        // Loading again keeps a second copy rather than dropping the first.
        let _ = storage::load(43.0).unwrap();
        assert_eq!(quarantined_keys().len(), 2);
        assert!(quarantined_keys()
            .iter()
            .all(|k| local().get_item(k).unwrap().as_deref() == Some(raw)));
    }
    reset();
}

/// Fills localStorage until it refuses, returning the keys used.
fn fill_storage() -> Vec<String> {
    let s = local();
    let mut keys = Vec::new();
    let mut chunk = "x".repeat(1 << 20);
    let mut i = 0;
    while chunk.len() >= 16 {
        let key = format!("filler.{i}");
        if s.set_item(&key, &chunk).is_ok() {
            keys.push(key);
            i += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    keys
}

#[wasm_bindgen_test]
fn full_quota_is_reported_and_keeps_the_last_good_save() {
    reset();
    let d = sample();
    storage::save(&d, 1, 1.0).unwrap();
    let fillers = fill_storage();
    assert!(!fillers.is_empty());
    let mut bigger = d.clone();
    let t = Template::builtin();
    let p = bigger.parts[1].id;
    bigger
        .apply(Edit::SetBody(p, "长".repeat(50_000)), &t)
        .unwrap();
    assert_eq!(
        storage::save(&bigger, 2, 2.0),
        Err(StorageError::QuotaExceeded)
    );
    // The earlier save is intact.
    match storage::load(3.0) {
        Ok(Loaded::Draft(s)) => assert_eq!((s.draft, s.revision), (d, 1)),
        other => panic!("expected the earlier draft, got {other:?}"),
    }
    reset();
}

#[wasm_bindgen_test]
fn quarantine_that_cannot_be_written_blocks_saving() {
    reset();
    local().set_item(DRAFT_KEY, "garbage").unwrap();
    let _fillers = fill_storage();
    assert_eq!(storage::load(5.0), Err(StorageError::Blocked));
    assert_eq!(
        local().get_item(DRAFT_KEY).unwrap().as_deref(),
        Some("garbage")
    );
    reset();
}

#[wasm_bindgen_test]
fn write_raw_reads_back() {
    reset();
    storage::write_raw("nianbao.test", "值").unwrap();
    assert_eq!(
        storage::read_raw("nianbao.test").unwrap().as_deref(),
        Some("值")
    );
    storage::remove("nianbao.test").unwrap();
    assert_eq!(storage::read_raw("nianbao.test").unwrap(), None);
}

#[wasm_bindgen_test]
async fn mounted_app_restores_a_stored_draft_and_lists_its_outline() {
    reset();
    let d = sample();
    local()
        .set_item(DRAFT_KEY, &format::encode(&d, 9, 1.0))
        .unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), nianbao::ui::app::App);
    leptos::task::tick().await;
    let items = host
        .query_selector_all("[data-testid=outline-item]")
        .unwrap();
    assert_eq!(items.length(), 6, "intro and five parts");
    let unit: web_sys::HtmlInputElement = host
        .query_selector("[data-testid=unit-name]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(unit.value(), "岳阳县科学技术局");
    let preview = host
        .query_selector("[data-testid=preview]")
        .unwrap()
        .unwrap();
    let text = preview.text_content().unwrap_or_default();
    assert!(
        text.contains("正文<script>&“引号”"),
        "preview shows the text as typed: {text}"
    );
    assert!(preview.query_selector("script").unwrap().is_none());
    drop(handle);
    reset();
}
