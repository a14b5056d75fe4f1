use interview_trainer::marks::{mark, APP_MOUNTED, WASM_INSTANTIATED};

fn main() {
    mark(WASM_INSTANTIATED);
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(interview_trainer::app::App);
    // The home that scripts/prerender.mjs wrote into index.html goes in the same task that mounted the app, so
    // no frame shows both or neither.
    let document = leptos::prelude::document();
    while let Some(prerendered) = document.query_selector(".prerendered").ok().flatten() {
        prerendered.remove();
    }
    mark(APP_MOUNTED);
}
