//! The one module that talks to the service worker (`public/sw.js`) and to the browser's install offer. It
//! turns them into two signals the shell renders: a newer build waiting for the learner's consent, and an
//! install offer. A newer build only takes over when the learner accepts, then the page reloads into it.

use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{EventTarget, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Asks a waiting service worker to take over (see `public/sw.js`).
const ACTIVATE_UPDATE: &str = "activate-update";

#[derive(Clone, Copy)]
pub struct Pwa {
    /// The installed worker of a newer build, waiting for the learner's consent.
    update: RwSignal<Option<ServiceWorker>, LocalStorage>,
    /// The browser's deferred `beforeinstallprompt` event; it can show the install dialog once.
    install_offer: RwSignal<Option<web_sys::Event>, LocalStorage>,
}

impl Pwa {
    /// Registers the service worker and starts listening for updates and install offers (for the page's life).
    pub fn start() -> Pwa {
        let pwa = Pwa { update: RwSignal::new_local(None), install_offer: RwSignal::new_local(None) };
        let install_offer = pwa.install_offer;
        listen(&window(), "beforeinstallprompt", move |event| {
            // Keep the browser's own mini-infobar away; the header's button offers installation instead.
            event.prevent_default();
            install_offer.set(Some(event));
        });
        listen(&window(), "appinstalled", move |_| install_offer.set(None));
        if let Some(container) = service_workers() {
            wasm_bindgen_futures::spawn_local(register(container, pwa.update));
        }
        pwa
    }

    pub fn update_waiting(self) -> bool {
        self.update.with(Option::is_some)
    }

    /// The learner agreed: the waiting build takes over and the page reloads into it once it controls the page.
    pub fn accept_update(self) {
        let Some(worker) = self.update.get_untracked() else { return };
        // Accepted in another tab already: this page is controlled by the new build and only needs the reload.
        if matches!(worker.state(), ServiceWorkerState::Activating | ServiceWorkerState::Activated) {
            let _ = window().location().reload();
            return;
        }
        if let Some(container) = service_workers() {
            listen(&container, "controllerchange", |_| {
                let _ = window().location().reload();
            });
        }
        let _ = worker.post_message(&JsValue::from_str(ACTIVATE_UPDATE));
    }

    pub fn can_install(self) -> bool {
        self.install_offer.with(Option::is_some)
    }

    /// Whether the page runs as the installed app (its own window, or Safari's Home Screen app).
    pub fn installed() -> bool {
        let standalone = window().match_media("(display-mode: standalone)").ok().flatten().is_some_and(|m| m.matches());
        let home_screen = js_sys::Reflect::get(&window().navigator(), &JsValue::from_str("standalone"))
            .is_ok_and(|value| value.as_bool() == Some(true));
        standalone || home_screen
    }

    /// Shows the browser's install dialog; the offer is used up either way.
    pub fn install(self) {
        let Some(offer) = self.install_offer.get_untracked() else { return };
        self.install_offer.set(None);
        // `BeforeInstallPromptEvent` is not in web-sys: call its `prompt()` by name.
        if let Ok(prompt) = js_sys::Reflect::get(&offer, &JsValue::from_str("prompt")) {
            if let Some(prompt) = prompt.dyn_ref::<js_sys::Function>() {
                let _ = prompt.call0(&offer);
            }
        }
    }
}

/// `navigator.serviceWorker`, absent outside secure contexts (plain http to a LAN address): the app then
/// runs online only.
fn service_workers() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let present = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

async fn register(container: ServiceWorkerContainer, update: RwSignal<Option<ServiceWorker>, LocalStorage>) {
    // Relative to the page, so the worker's scope is the folder the app is served from.
    let Ok(registration) = JsFuture::from(container.register("./sw.js")).await else { return };
    // A browser that blocks workers by policy may resolve with nothing.
    let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else { return };
    // A worker installed while another controls the page is a newer build. On a first visit nothing
    // controls the page yet, and the first worker simply takes over.
    let offer = move |worker: ServiceWorker| {
        if container.controller().is_some() {
            update.set(Some(worker));
        }
    };
    let offer_when_installed = offer.clone();
    let watch = move |worker: ServiceWorker| {
        let offer = offer_when_installed.clone();
        let installing = worker.clone();
        listen(&worker, "statechange", move |_| {
            if installing.state() == ServiceWorkerState::Installed {
                offer(installing.clone());
            }
        });
    };
    if let Some(waiting) = registration.waiting() {
        offer(waiting);
    }
    // The browser may have begun installing a newer build before this page started listening.
    if let Some(installing) = registration.installing() {
        watch(installing);
    }
    let found = registration.clone();
    listen(&registration, "updatefound", move |_| {
        if let Some(installing) = found.installing() {
            watch(installing);
        }
    });
    // The browser looks for a new build on each visit; an app left open (installed, on a phone) looks again
    // whenever it comes back into view.
    listen(&document(), "visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            if let Ok(checked) = registration.update() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(checked).await; // offline: no check, no error
                });
            }
        }
    });
}

/// Calls `handler` on every `event` at `target` for the rest of the page's life.
fn listen(target: &EventTarget, event: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
    handler.forget();
}
