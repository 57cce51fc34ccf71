//! Browser tests (wasm-bindgen-test, headless Chromium): the storage adapter against real
//! localStorage, and the mounted app.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test panics on purpose

use nianbao::browser::storage::{self, StorageError, LEGACY_KEY, QUARANTINE_PREFIX};
use nianbao::core::edit::Edit;
use nianbao::core::format::{self, Stored};
use nianbao::core::model::Draft;
use nianbao::core::snapshots::Snapshot;
use nianbao::core::template::Template;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const V1: &str = include_str!("fixtures/drafts/v1.json");
const V2: &str = include_str!("fixtures/drafts/v2.json");

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn reset() {
    local().clear().unwrap();
}

fn keys_with(prefix: &str) -> Vec<String> {
    storage::keys()
        .unwrap()
        .into_iter()
        .filter(|k| k.starts_with(prefix))
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

/// Fills localStorage until it refuses, returning the keys used.
fn fill_storage() -> Vec<String> {
    let s = local();
    let mut keys = Vec::new();
    let mut chunk = "x".repeat(1 << 20);
    let mut i = 0;
    while chunk.len() >= 8 {
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
fn empty_storage_scans_empty() {
    reset();
    assert!(storage::housekeeping(1.0).unwrap().is_empty());
    let scan = storage::list().unwrap();
    assert!(scan.drafts.is_empty() && scan.damaged.is_empty() && scan.trash.is_empty());
}

#[wasm_bindgen_test]
fn save_load_and_conflicting_revisions() {
    reset();
    let d = sample();
    assert_eq!(storage::save("a", &d, 0, 10.0), Ok(1));
    assert_eq!(storage::save("a", &d, 1, 20.0), Ok(2));
    let loaded = storage::load("a").unwrap().unwrap();
    assert_eq!(
        (loaded.revision, loaded.saved_at, &loaded.draft),
        (2, 20.0, &d)
    );
    // A tab still based on revision 1 must not overwrite revision 2.
    assert_eq!(
        storage::save("a", &sample(), 1, 30.0),
        Err(StorageError::Conflict { theirs: 2 })
    );
    assert_eq!(storage::load("a").unwrap().unwrap().saved_at, 20.0);
    assert_eq!(storage::load("missing"), Ok(None));
}

#[wasm_bindgen_test]
fn a_newer_save_is_found_from_the_head_of_a_long_report_and_from_any_other_value() {
    reset();
    let t = Template::builtin();
    let mut long = sample();
    let p = long.parts[0].id;
    long.apply(Edit::SetBody(p, "长".repeat(100_000)), &t)
        .unwrap();
    // Read from the head: the report behind it is long.
    assert_eq!(storage::save("a", &long, 0, 1.0), Ok(1));
    assert_eq!(storage::save("a", &long, 1, 2.0), Ok(2));
    assert_eq!(
        storage::save("a", &sample(), 1, 3.0),
        Err(StorageError::Conflict { theirs: 2 })
    );
    // Read from the whole value: an id longer than the head.
    let id = "标".repeat(format::REVISION_HEAD_UNITS as usize);
    assert_eq!(storage::save(&id, &long, 0, 1.0), Ok(1));
    assert_eq!(storage::save(&id, &long, 1, 2.0), Ok(2));
    assert_eq!(
        storage::save(&id, &long, 1, 3.0),
        Err(StorageError::Conflict { theirs: 2 })
    );
    // An older schema's value under the key (version 1 put `revision` before any id).
    let key = storage::draft_key("b");
    let stored = format::decode(V1).unwrap();
    let v1 = V1.replacen(
        &format!("\"revision\":{}", stored.revision),
        &format!("\"revision\":{}", stored.revision + 5),
        1,
    );
    local().set_item(&key, &v1).unwrap();
    assert_eq!(
        storage::save("b", &sample(), stored.revision, 4.0),
        Err(StorageError::Conflict {
            theirs: stored.revision + 5
        })
    );
}

#[wasm_bindgen_test]
fn unreadable_values_are_moved_aside_byte_for_byte_and_listed() {
    let cases = [
        "{ this is not json",
        r#"{"app":"nianbao","schema":99,"id":"x","draft":{}}"#,
        r#"{"app":"nianbao","schema":2,"id":"x","revision":1,"saved_at":0,"draft":{"unit":3}}"#,
        "被手工改过的值",
    ];
    for raw in cases {
        reset();
        local().set_item("nianbao.draft.x", raw).unwrap();
        storage::save("good", &sample(), 0, 1.0).unwrap();
        let problems = storage::housekeeping(42.0).unwrap();
        let scan = storage::list().unwrap();
        assert_eq!(scan.drafts.len(), 1, "the readable draft is still listed");
        assert_eq!(scan.damaged.len(), 1, "{raw}");
        assert_eq!(problems.len(), 1);
        let key = &scan.damaged[0].key;
        assert!(key.starts_with(QUARANTINE_PREFIX));
        assert_eq!(local().get_item(key).unwrap().as_deref(), Some(raw));
        assert_eq!(local().get_item("nianbao.draft.x").unwrap(), None);
        // Tidying again changes nothing.
        assert!(storage::housekeeping(43.0).unwrap().is_empty());
        assert_eq!(storage::list().unwrap().damaged, scan.damaged);
    }
    reset();
}

#[wasm_bindgen_test]
fn every_old_format_version_loads() {
    reset();
    local().set_item(LEGACY_KEY, V1).unwrap();
    local()
        .set_item("nianbao.draft.m5x0k2-0000beef", V2)
        .unwrap();
    storage::housekeeping(1.0).unwrap();
    let scan = storage::list().unwrap();
    let mut ids: Vec<&str> = scan.drafts.iter().map(|(s, _)| s.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["m5x0k2-0000beef", "v1-1706000000000"]);
    assert_eq!(
        local().get_item(LEGACY_KEY).unwrap(),
        None,
        "schema 1 key migrated"
    );
    let v1 = storage::load("v1-1706000000000").unwrap().unwrap();
    assert_eq!(v1.draft, format::decode(V1).unwrap().draft);
    assert!(scan.damaged.is_empty());
    reset();
}

#[wasm_bindgen_test]
fn full_quota_is_reported_and_keeps_the_last_good_save() {
    reset();
    let d = sample();
    storage::save("a", &d, 0, 1.0).unwrap();
    let fillers = fill_storage();
    assert!(!fillers.is_empty());
    let mut bigger = d.clone();
    let t = Template::builtin();
    let p = bigger.parts[1].id;
    bigger
        .apply(Edit::SetBody(p, "长".repeat(50_000)), &t)
        .unwrap();
    assert_eq!(
        storage::save("a", &bigger, 1, 2.0),
        Err(StorageError::QuotaExceeded)
    );
    let kept = storage::load("a").unwrap().unwrap();
    assert_eq!((kept.draft, kept.revision), (d, 1));
    // Snapshots give way: one that cannot fit is refused without touching the draft.
    let snap = Snapshot {
        saved_at: 3.0,
        revision: 2,
        draft: bigger,
    };
    assert_eq!(
        storage::add_snapshot("a", snap),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(storage::load("a").unwrap().unwrap().revision, 1);
    reset();
}

#[wasm_bindgen_test]
fn unreadable_value_that_cannot_be_copied_stays_in_place() {
    reset();
    local().set_item("nianbao.draft.x", "garbage").unwrap();
    let _fillers = fill_storage();
    assert_eq!(storage::housekeeping(5.0).unwrap().len(), 1);
    let scan = storage::list().unwrap();
    assert_eq!(scan.damaged.len(), 1);
    assert_eq!(scan.damaged[0].key, "nianbao.draft.x");
    assert_eq!(
        local().get_item("nianbao.draft.x").unwrap().as_deref(),
        Some("garbage")
    );
    reset();
}

#[wasm_bindgen_test]
fn read_back_mismatch_is_a_save_failure() {
    reset();
    // A storage layer that silently alters what it stores (as a broken extension or a
    // full disk under some engines can): the read-back check must catch it.
    let patch = js_sys::Function::new_no_args(
        "const p = Storage.prototype; p.__get = p.getItem; \
         p.getItem = function (k) { const v = this.__get(k); return v === null ? v : v.slice(0, -1); };",
    );
    let unpatch = js_sys::Function::new_no_args(
        "const p = Storage.prototype; p.getItem = p.__get; delete p.__get;",
    );
    patch.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let result = storage::save("a", &sample(), 0, 1.0);
    unpatch.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    assert_eq!(result, Err(StorageError::ReadBackMismatch));
    reset();
}

#[wasm_bindgen_test]
fn trash_and_untrash_and_snapshots() {
    reset();
    let d = sample();
    storage::put(&Stored::new("a", 4, 1.0, d.clone())).unwrap();
    storage::trash("a", 100.0).unwrap();
    storage::housekeeping(200.0).unwrap();
    let scan = storage::list().unwrap();
    assert!(scan.drafts.is_empty());
    assert_eq!(scan.trash.len(), 1);
    assert_eq!(scan.trash[0].name, "岳阳县科学技术局");
    storage::untrash("a").unwrap();
    assert_eq!(storage::load("a").unwrap().unwrap().revision, 4);
    // Old trash is purged.
    storage::trash("a", 0.0).unwrap();
    storage::housekeeping(storage::TRASH_KEEP_MS + 1.0).unwrap();
    let scan = storage::list().unwrap();
    assert!(scan.trash.is_empty() && keys_with("nianbao.trash.").is_empty());

    for n in 0..25u64 {
        let mut v = d.clone();
        v.intro = n.to_string();
        storage::add_snapshot(
            "b",
            Snapshot {
                saved_at: n as f64,
                revision: n,
                draft: v,
            },
        )
        .unwrap();
    }
    let snaps = storage::snapshots("b");
    assert_eq!(snaps.len(), 20);
    assert_eq!(snaps[0].revision, 5);
    reset();
}

/// Every key and value in storage, sorted.
fn everything() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = storage::keys()
        .unwrap()
        .into_iter()
        .map(|k| {
            let v = local().get_item(&k).unwrap().unwrap_or_default();
            (k, v)
        })
        .collect();
    all.sort();
    all
}

#[wasm_bindgen_test]
fn listing_drafts_writes_nothing() {
    reset();
    // Everything housekeeping would touch: a schema-1 draft, an unreadable draft, expired
    // trash with snapshots, and ordinary drafts, trash and snapshots.
    local().set_item(LEGACY_KEY, V1).unwrap();
    local().set_item("nianbao.draft.bad", "{ kaputt").unwrap();
    storage::put(&Stored::new("a", 1, 1.0, sample())).unwrap();
    storage::put(&Stored::new("old", 1, 1.0, sample())).unwrap();
    storage::trash("old", 0.0).unwrap();
    storage::put(&Stored::new("young", 1, 1.0, sample())).unwrap();
    storage::trash("young", storage::TRASH_KEEP_MS * 3.0).unwrap();
    storage::add_snapshot("old", snap_of(1.0, 1)).unwrap();
    storage::add_snapshot("a", snap_of(2.0, 2)).unwrap();
    local()
        .set_item("nianbao.quarantine.5", "quarantined")
        .unwrap();
    let before = everything();
    let scan = storage::list().unwrap();
    let again = storage::list().unwrap();
    assert_eq!(everything(), before, "listing changed storage");
    assert_eq!(scan, again);
    assert_eq!(scan.drafts.len(), 1);
    assert_eq!(scan.trash.len(), 2);
    // The unreadable draft still in place and the quarantined value are both listed.
    let damaged: Vec<&str> = scan.damaged.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(damaged, ["nianbao.draft.bad", "nianbao.quarantine.5"]);
    assert!(scan.usage.nianbao > 0 && scan.usage.nianbao <= scan.usage.total);
    // Housekeeping is the one that writes.
    storage::housekeeping(storage::TRASH_KEEP_MS * 3.0).unwrap();
    assert_ne!(everything(), before);
    reset();
}

fn snap_of(saved_at: f64, revision: u64) -> Snapshot {
    Snapshot {
        saved_at,
        revision,
        draft: sample(),
    }
}

/// A draft whose first part holds `n` characters.
fn sized(n: usize, seed: &str) -> Draft {
    let t = Template::builtin();
    let mut d = sample();
    let p = d.parts[0].id;
    d.apply(Edit::SetBody(p, seed.repeat(n / seed.chars().count())), &t)
        .unwrap();
    d
}

#[wasm_bindgen_test]
fn full_quota_drops_old_snapshots_then_expired_trash_then_other_trash_for_the_text() {
    use nianbao::core::snapshots;
    reset();
    let now = storage::TRASH_KEEP_MS * 2.0;
    let snap = |saved_at: f64, seed: &str| Snapshot {
        saved_at,
        revision: saved_at as u64,
        draft: sized(40_000, seed),
    };
    storage::put(&Stored::new("a", 1, 1.0, sample())).unwrap();
    storage::put(&Stored::new("b", 1, 1.0, sample())).unwrap();
    let a = vec![snap(1.0, "一"), snap(5.0, "二"), snap(9.0, "三")];
    let b = vec![snap(2.0, "四"), snap(3.0, "五")];
    local()
        .set_item("nianbao.snap.a", &snapshots::encode(&a))
        .unwrap();
    local()
        .set_item("nianbao.snap.b", &snapshots::encode(&b))
        .unwrap();
    storage::put(&Stored::new("expired", 1, 1.0, sized(40_000, "六"))).unwrap();
    storage::trash("expired", 10.0).unwrap();
    storage::put(&Stored::new("young", 1, 1.0, sized(40_000, "七"))).unwrap();
    storage::trash("young", now - 10.0).unwrap();
    let times =
        |id: &str| -> Vec<f64> { storage::snapshots(id).iter().map(|s| s.saved_at).collect() };
    let _fillers = fill_storage();

    // 60,000 more characters: the two oldest snapshots (of two drafts) give way, no more.
    let (result, freed) = storage::save_making_room("a", &sized(60_000, "甲"), 1, now);
    assert_eq!(result, Ok(2));
    assert_eq!(freed.snapshots, 2);
    assert_eq!((freed.expired_trash, freed.trash), (0, 0));
    assert_eq!(times("a"), [5.0, 9.0]);
    assert_eq!(times("b"), [3.0]);
    assert_eq!(keys_with("nianbao.trash.").len(), 2);

    // 60,000 more: the last spare snapshot, then the expired trash entry; the young stays.
    let (result, freed) = storage::save_making_room("a", &sized(120_000, "甲"), 2, now);
    assert_eq!(result, Ok(3));
    assert_eq!(
        (freed.snapshots, freed.expired_trash, freed.trash),
        (1, 1, 0)
    );
    assert_eq!(times("a"), [9.0], "the newest snapshot of each draft stays");
    assert_eq!(times("b"), [3.0]);
    assert_eq!(keys_with("nianbao.trash."), ["nianbao.trash.young"]);

    // Far more than all of it: everything spare goes, the save still fails, nothing of the
    // text or the newest snapshots is touched.
    let (result, freed) = storage::save_making_room("a", &sized(2_000_000, "甲"), 3, now);
    assert_eq!(result, Err(StorageError::QuotaExceeded));
    assert_eq!(freed.trash, 1);
    assert!(keys_with("nianbao.trash.").is_empty());
    assert_eq!((times("a"), times("b")), (vec![9.0], vec![3.0]));
    assert_eq!(storage::load("a").unwrap().unwrap().revision, 3);
    assert!(storage::usage().unwrap().measured);
    reset();
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |done, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&done, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn mounted_app_opens_the_current_draft_and_lists_its_outline() {
    reset();
    storage::put(&Stored::new("cur", 9, 1.0, sample())).unwrap();
    storage::set_current_id("cur").unwrap();
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
    // The side column with the preview is built after the first paint, and the preview's
    // pages after that: neither is there before it.
    let preview_text = || {
        host.query_selector("[data-testid=preview]")
            .unwrap()
            .map(|p| p.text_content().unwrap_or_default())
            .unwrap_or_default()
    };
    let mut text = preview_text();
    for _ in 0..100 {
        if !text.is_empty() {
            break;
        }
        sleep_ms(20).await;
        text = preview_text();
    }
    let preview = host
        .query_selector("[data-testid=preview]")
        .unwrap()
        .unwrap();
    assert!(
        text.contains("正文<script>&“引号”"),
        "preview shows the text as typed: {text}"
    );
    assert!(preview.query_selector("script").unwrap().is_none());
    drop(handle);
    reset();
}

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
async fn a_deadline_moved_by_every_key_runs_once_after_the_last_move() {
    use nianbao::ui::after_pause::Deadline;
    use std::{cell::RefCell, rc::Rc, time::Duration};
    let owner = leptos::prelude::Owner::new();
    let runs = Rc::new(RefCell::new(Vec::<f64>::new()));
    let deadline = owner.with(|| {
        let d = Deadline::new();
        let runs = runs.clone();
        d.on_due(move || runs.borrow_mut().push(now_ms()));
        d
    });
    let wait = Duration::from_millis(300);
    // Six "keys" 20 ms apart: the deadline moves each time, no run in between.
    let mut last = 0.0;
    for _ in 0..6 {
        last = now_ms();
        deadline.set(wait);
        sleep_ms(20).await;
    }
    assert!(runs.borrow().is_empty(), "ran before the pause");
    sleep_ms(500).await;
    {
        let runs = runs.borrow();
        assert_eq!(runs.len(), 1, "ran once after the pause: {runs:?}");
        assert!(
            runs[0] - last >= 299.0,
            "{} ms after the last move",
            runs[0] - last
        );
    }
    // A nearer deadline than the one armed runs at its own time, not the farther one's.
    let t = now_ms();
    deadline.set(Duration::from_millis(2000));
    deadline.set(Duration::from_millis(30));
    sleep_ms(400).await;
    assert_eq!(runs.borrow().len(), 2, "the nearer deadline ran");
    assert!(runs.borrow()[1] - t < 1000.0);
    // Cancelled: nothing runs. Run now: at once, and not again later.
    deadline.set(Duration::from_millis(30));
    assert!(deadline.cancel());
    deadline.set(Duration::from_millis(30));
    deadline.run_now();
    assert_eq!(runs.borrow().len(), 3, "run_now ran at once");
    sleep_ms(150).await;
    assert_eq!(
        runs.borrow().len(),
        3,
        "nothing ran after cancel or run_now"
    );
    // Its owner gone (a panel closed), a set deadline never runs.
    deadline.set(Duration::from_millis(30));
    owner.cleanup();
    sleep_ms(150).await;
    assert_eq!(
        runs.borrow().len(),
        3,
        "nothing ran after the owner went away"
    );
    assert!(!deadline.cancel(), "the deadline went with its owner");
}

#[wasm_bindgen_test]
async fn several_deadlines_each_run_at_their_own_time() {
    use nianbao::ui::after_pause::Deadline;
    use std::{cell::RefCell, rc::Rc, time::Duration};
    let owner = leptos::prelude::Owner::new();
    let runs = Rc::new(RefCell::new(Vec::<(&str, f64)>::new()));
    let (near, far, gone) = owner.with(|| {
        let make = |name: &'static str| {
            let d = Deadline::new();
            let runs = runs.clone();
            d.on_due(move || runs.borrow_mut().push((name, now_ms())));
            d
        };
        (make("near"), make("far"), make("gone"))
    });
    // The far one set first arms the timer for itself; the near one, set after, must not
    // wait for it, and the far one must not run at the near one's time.
    let t = now_ms();
    far.set(Duration::from_millis(250));
    near.set(Duration::from_millis(60));
    // One set again from inside its own action, as a rebuild that schedules the next.
    let again = Rc::new(std::cell::Cell::new(true));
    {
        let (runs, again) = (runs.clone(), again.clone());
        near.on_due(move || {
            runs.borrow_mut().push(("near", now_ms()));
            if again.replace(false) {
                near.set(Duration::from_millis(60));
            }
        });
    }
    sleep_ms(400).await;
    let got = runs.borrow().clone();
    let names: Vec<&str> = got.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["near", "near", "far"], "{got:?}");
    // (Had the near one waited for the far one's timer, both would run in one go, the far
    // one before the near one's second run.)
    assert!(got[0].1 - t >= 59.0, "near at {}", got[0].1 - t);
    assert!(
        got[1].1 - got[0].1 >= 59.0,
        "again after {}",
        got[1].1 - got[0].1
    );
    assert!(got[2].1 - t >= 249.0, "far at {}", got[2].1 - t);
    // A deadline whose owner went away never runs, and does not hold up the others.
    let other = leptos::prelude::Owner::new();
    let kept = other.with(|| {
        let d = Deadline::new();
        let runs = runs.clone();
        d.on_due(move || runs.borrow_mut().push(("kept", now_ms())));
        d
    });
    gone.set(Duration::from_millis(30));
    kept.set(Duration::from_millis(80));
    owner.cleanup();
    sleep_ms(250).await;
    let names: Vec<&str> = runs.borrow().iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["near", "near", "far", "kept"]);
}

#[wasm_bindgen_test]
async fn deadlines_due_together_run_in_separate_tasks() {
    use nianbao::ui::after_pause::Deadline;
    use std::{cell::Cell, rc::Rc, time::Duration};
    let owner = leptos::prelude::Owner::new();
    // Set by the first action, cleared by a microtask it queues: the microtask runs when the
    // first action's task ends, so the second sees the flag still set only if it runs in the
    // same task.
    let in_first = Rc::new(Cell::new(false));
    let shared = Rc::new(Cell::new(None::<bool>));
    let (a, b) = owner.with(|| {
        let a = Deadline::new();
        let flag = in_first.clone();
        a.on_due(move || {
            flag.set(true);
            let flag = flag.clone();
            wasm_bindgen_futures::spawn_local(async move { flag.set(false) });
        });
        let b = Deadline::new();
        let (flag, shared) = (in_first.clone(), shared.clone());
        b.on_due(move || shared.set(Some(flag.get())));
        (a, b)
    });
    a.set(Duration::from_millis(20));
    b.set(Duration::from_millis(20));
    // Keep the thread busy past both moments: the one timer fires late with both due.
    let t = now_ms();
    while now_ms() - t < 80.0 {}
    sleep_ms(200).await;
    assert_eq!(
        shared.get(),
        Some(false),
        "the second ran in the first one's task"
    );
    drop(owner);
}
