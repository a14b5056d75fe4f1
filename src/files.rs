//! Saving a file to the learner's disk: a Blob behind a temporary object URL and a clicked link.

use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use trainer_core::progress::Progress;

pub fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(link) = document().create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Saves the progress document as a dated JSON file, the form that import takes back.
pub fn export_progress(progress: &Progress) {
    download(&format!("interview-trainer-progress-{}.json", today()), "application/json", &progress.to_json());
}

/// Today's date as `YYYY-MM-DD`, for file names.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date())
}
