//! Reading a file the user picked or dropped: text for .txt/.md, bytes for a Word file, and
//! the inflating of .docx entries with the browser's own `DecompressionStream`.
//!
//! The core parses the zip and the XML; this adapter only expands the entries the core
//! asks for, each wrapped as a gzip member (`DecompressionStream('gzip')` is in every
//! browser the app runs in, `'deflate-raw'` only from Chromium 103 / Firefox 113), and stops
//! reading an entry as soon as its output passes the size the zip declared (the bomb rule).

use crate::core::docx::read::{DocxDocument, DocxError, DocxReader, InflateError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `DecompressionStream`, bound here because web-sys marks it unstable.
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    /// The few members of `Blob`, `ReadableStream` and its reader this needs.
    type StreamBlob;
    #[wasm_bindgen(method)]
    fn stream(this: &StreamBlob) -> Stream;

    type Stream;
    #[wasm_bindgen(method, catch, js_name = pipeThrough)]
    fn pipe_through(this: &Stream, pair: &DecompressionStream) -> Result<Stream, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getReader)]
    fn get_reader(this: &Stream) -> Result<StreamReader, JsValue>;

    type StreamReader;
    #[wasm_bindgen(method)]
    fn read(this: &StreamReader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &StreamReader) -> js_sys::Promise;
}

/// What a picked or dropped file held.
pub enum Loaded {
    /// A .txt or .md file, as text.
    Text(String),
    /// A Word file, read.
    Docx(DocxDocument),
}

/// Reads a text file or a Word file; the error is a message for the user.
pub async fn load(file: &web_sys::File) -> Result<Loaded, String> {
    let name = file.name();
    // ASCII is enough for extensions, and keeps Unicode case tables out of the wasm.
    let lower = name.to_ascii_lowercase();
    let is_text = [".txt", ".md", ".markdown", ".text"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    if is_text {
        return match JsFuture::from(file.text()).await {
            Ok(v) => Ok(Loaded::Text(v.as_string().unwrap_or_default())),
            Err(_) => Err("无法读取所选文件，请确认是 .txt 或 .md 文本文件。".into()),
        };
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "无法读取所选文件，请重新选择。".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    read_docx(&bytes, &name)
        .await
        .map(Loaded::Docx)
        .map_err(|e| e.to_string())
}

/// Drives the core's two-phase reader, inflating what it asks for.
pub async fn read_docx(bytes: &[u8], name: &str) -> Result<DocxDocument, DocxError> {
    let mut reader = DocxReader::open(bytes, name)?;
    loop {
        let requests = reader.needs()?;
        if requests.is_empty() {
            return reader.finish();
        }
        for r in requests {
            let expanded = inflate(&reader.gzip(&r)?, r.size).await?;
            reader.provide(&r, expanded)?;
        }
    }
}

/// Expands one gzip member, giving up as soon as the output passes `limit` bytes.
pub async fn inflate(gzip: &[u8], limit: u64) -> Result<Vec<u8>, InflateError> {
    let corrupt = |_| InflateError::Corrupt;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(gzip));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(corrupt)?;
    let stream = blob
        .unchecked_into::<StreamBlob>()
        .stream()
        .pipe_through(&DecompressionStream::new("gzip").map_err(corrupt)?)
        .map_err(corrupt)?;
    let reader = stream.get_reader().map_err(corrupt)?;
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(corrupt)?;
        let done = js_sys::Reflect::get(&step, &"done".into()).map_err(corrupt)?;
        if done.is_truthy() {
            return Ok(out);
        }
        let chunk: js_sys::Uint8Array = js_sys::Reflect::get(&step, &"value".into())
            .map_err(corrupt)?
            .dyn_into()
            .map_err(corrupt)?;
        if out.len() as u64 + u64::from(chunk.length()) > limit {
            // Stop the stream: the rest is never expanded.
            let _ = reader.cancel();
            return Err(InflateError::TooLarge);
        }
        let at = out.len();
        out.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut out[at..]);
    }
}
