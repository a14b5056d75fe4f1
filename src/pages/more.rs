//! "More": what the phone's tab bar has no room for (statistics, progress, settings, every topic) and the
//! app's installation, which the header offers only where the browser does and the screen is wide.

use crate::page::{enter_page, use_lang};
use crate::pwa::Pwa;
use leptos::prelude::*;

#[component]
pub fn MorePage() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| enter_page(lang.get().strings().more_title.to_string(), None));
    move || {
        let s = lang.get().strings();
        view! {
            <h1 tabindex="-1">{s.more_title}</h1>
            <ul class="more-links">
                <li><a href="#/stats">{s.nav_stats}</a></li>
                <li><a href="#/progress">{s.nav_progress}</a></li>
                <li><a href="#/settings">{s.nav_settings}</a></li>
                <li><a href="#/plan">{s.plan_title}</a></li>
                <li><a href="#/">{s.all_topics}</a></li>
            </ul>
            <InstallSection />
        }
    }
}

/// Installing the app: the browser's own dialog where it offers one (Chromium's `beforeinstallprompt`), else
/// how to do it by hand: Safari and Firefox never offer it, and Safari erases the data of a site not opened
/// for seven days unless it was added to the Home Screen.
#[component]
pub fn InstallSection() -> impl IntoView {
    let lang = use_lang();
    let pwa = expect_context::<Pwa>();
    move || {
        let s = lang.get().strings();
        let body = if Pwa::installed() {
            view! { <p id="install-state">{s.install_done}</p> }.into_any()
        } else if pwa.can_install() {
            view! {
                <p id="install-state">{s.install_offer}</p>
                <p><button type="button" class="primary" on:click=move |_| pwa.install()>{s.install_app}</button></p>
            }
            .into_any()
        } else {
            view! {
                <p id="install-state">{s.install_by_hand}</p>
                <p>{s.install_safari_storage}</p>
            }
            .into_any()
        };
        view! {
            <section aria-labelledby="install-title">
                <h2 id="install-title">{s.install_title}</h2>
                {body}
            </section>
        }
    }
}
