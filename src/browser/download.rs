//! Saving a file to the user's disk through a Blob URL and a download link.

use thiserror::Error;
use wasm_bindgen::JsCast;

/// Why a download could not start.
#[derive(Debug, Error)]
#[error("无法生成下载文件：{0}")]
pub struct DownloadError(String);

fn js(e: wasm_bindgen::JsValue) -> DownloadError {
    DownloadError(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Offers `contents` as a file named `file_name` with the given MIME type.
pub fn download(file_name: &str, mime: &str, contents: &str) -> Result<(), DownloadError> {
    save(
        file_name,
        mime,
        &wasm_bindgen::JsValue::from_str(contents),
        false,
    )
}

/// Offers binary `contents` (a .docx) as a file named `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, contents: &[u8]) -> Result<(), DownloadError> {
    // Copied into a JS Uint8Array: a view of wasm memory could move while the Blob reads it.
    let bytes = js_sys::Uint8Array::from(contents);
    save(file_name, mime, &bytes, true)
}

fn save(
    file_name: &str,
    mime: &str,
    part: &wasm_bindgen::JsValue,
    binary: bool,
) -> Result<(), DownloadError> {
    let window = web_sys::window().ok_or_else(|| DownloadError("没有浏览器窗口".into()))?;
    let document = window
        .document()
        .ok_or_else(|| DownloadError("没有页面文档".into()))?;
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = if binary {
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
    } else {
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
    }
    .map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
    let anchor: web_sys::HtmlAnchorElement =
        document
            .create_element("a")
            .map_err(js)?
            .dyn_into()
            .map_err(|_| DownloadError("无法创建下载链接".into()))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoking at once can cancel the download in some browsers; a later tick is safe.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Opens the browser's print dialog for the page; print CSS shows the report alone.
pub fn print() -> Result<(), DownloadError> {
    web_sys::window()
        .ok_or_else(|| DownloadError("没有浏览器窗口".into()))?
        .print()
        .map_err(js)
}
