//! The copies of the app that index.html carries (scripts/prerender.mjs): the home, and `#/review`'s first
//! card, which index.html's script shows for a fresh profile or fills in from the card kept for now
//! (`at_hand`) and marks with `data-early-card`. The app takes the page over from them in the task that
//! draws its own: at mount, or for an early card once the review shows its card (or anything else).

use crate::page::focus_without_scroll;
use leptos::prelude::document;
use leptos::wasm_bindgen::JsCast;

const EARLY_CARD: &str = "data-early-card";
/// Set by index.html's script when the learner asked for the answer before the app ran.
const REVEAL_ASKED: &str = "data-reveal-asked";

/// Whether index.html's script is showing a first card the review page will take over.
pub fn early_card() -> bool {
    document().document_element().is_some_and(|root| root.has_attribute(EARLY_CARD))
}

/// Removes the copies; whether the learner asked for the answer on the early card meanwhile (once). The focus,
/// if it was in a copy (or nowhere, as a page entered behind the copy could not take it), goes to the page's
/// heading, where entering a page puts it.
pub fn take_over() -> bool {
    let document = document();
    let Some(root) = document.document_element() else { return false };
    if document.query_selector(".prerendered").ok().flatten().is_none() {
        return false;
    }
    let focus_lost =
        document.active_element().is_none_or(|e| e.closest(".prerendered").ok().flatten().is_some() || e.tag_name() == "BODY");
    while let Some(copy) = document.query_selector(".prerendered").ok().flatten() {
        copy.remove();
    }
    let asked = root.has_attribute(REVEAL_ASKED);
    let _ = root.remove_attribute(EARLY_CARD);
    let _ = root.remove_attribute(REVEAL_ASKED);
    if focus_lost {
        if let Some(heading) =
            document.query_selector("#main h1").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            focus_without_scroll(&heading);
        }
    }
    asked
}
