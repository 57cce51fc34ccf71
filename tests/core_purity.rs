//! The core must stay plain Rust: no UI or browser crate may be named under `src/core`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/core") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_imports_no_browser_or_ui_crate() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core"),
        &mut files,
    );
    assert!(
        files.len() >= 8,
        "expected the core modules, found {}",
        files.len()
    );
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read file");
        for forbidden in [
            "leptos",
            "web_sys",
            "gloo",
            "wasm_bindgen",
            "js_sys",
            "crate::ui",
            "crate::browser",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} names `{forbidden}`; the core must stay pure",
                file.display()
            );
        }
    }
}
