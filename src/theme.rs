//! The colour theme: the system's, or light or dark as chosen in the settings. The theme in effect is set as
//! `data-theme` on `<html>`, which `public/app.css` keys its colours on; the inline script in `index.html`
//! does the same before the first paint, so a chosen dark theme never flashes light.

use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

const SYSTEM_DARK: &str = "(prefers-color-scheme: dark)";

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored form, also used in `index.html`.
    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.code() == code)
    }
}

/// The stored choice, or the system's theme.
pub fn load() -> Theme {
    crate::storage::load_theme().as_deref().and_then(Theme::from_code).unwrap_or(Theme::System)
}

/// Sets `data-theme` to the theme in effect now.
pub fn apply(theme: Theme) {
    let dark = match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => window().match_media(SYSTEM_DARK).ok().flatten().is_some_and(|query| query.matches()),
    };
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}

/// Applies `theme` whenever it changes, and follows the system's changes while it is `System`.
pub fn keep_applied(theme: RwSignal<Theme>) {
    Effect::new(move |_| apply(theme.get()));
    let Some(query) = window().match_media(SYSTEM_DARK).ok().flatten() else { return };
    let on_change = Closure::<dyn Fn()>::new(move || {
        if theme.get_untracked() == Theme::System {
            apply(Theme::System);
        }
    });
    let _ = query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // The listener lives as long as the app.
    on_change.forget();
}
