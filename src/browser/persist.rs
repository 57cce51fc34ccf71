//! Asking the browser to keep this site's storage (only offered in a secure context).

/// Requests persistent storage where the page is a secure context; elsewhere does nothing.
/// Returns whether the request was made.
pub fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    if !window.is_secure_context() {
        return false;
    }
    // The promise's answer changes nothing we do: eviction protection is best effort.
    let _ = window.navigator().storage().persist();
    true
}
