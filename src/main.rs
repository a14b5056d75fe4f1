use interview_trainer::marks::{mark, APP_MOUNTED, WASM_INSTANTIATED};

fn main() {
    mark(WASM_INSTANTIATED);
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(interview_trainer::app::App);
    mark(APP_MOUNTED);
}
