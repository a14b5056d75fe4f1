use interview_trainer::marks::{mark, APP_MOUNTED, WASM_INSTANTIATED};
use interview_trainer::prerendered;

fn main() {
    mark(WASM_INSTANTIATED);
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(interview_trainer::app::App);
    // The home that scripts/prerender.mjs wrote into index.html goes in the same task that mounted the app, so
    // no frame shows both or neither; an early review card stays until the review page draws its own.
    if !prerendered::early_card() {
        prerendered::take_over();
    }
    mark(APP_MOUNTED);
}
