//! Full-text search over the notes, cards and quiz items (the index is built with the deck; the query logic
//! is `trainer_core::search`). Results come grouped by topic with the matched words marked; the query is
//! kept in the URL, so a search can be linked. Keys: `/` focuses the field, arrows move through the results.

use crate::content::{deck, use_content, Waiting};
use crate::i18n::Strings;
use crate::marks::{mark, SEARCH_SHOWN};
use crate::page::{enter_page, use_lang};
use crate::pages::topic::{card_anchor, quiz_anchor};
use crate::routes::Route;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use trainer_core::html::escape;
use trainer_core::search::{Hit, Results, SearchDoc, SearchIndex};

pub const FIELD_ID: &str = "search-input";
/// Hits shown at first and added by "show more", ten as a web search shows: drawing the hits costs a
/// keystroke more than finding them.
const PAGE: usize = 10;
const URL_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

#[component]
pub fn SearchPage(query: String) -> impl IntoView {
    let lang = use_lang();
    let query = RwSignal::new(query);
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        enter_page(lang.get().strings().search_title.to_string(), None);
        // After `enter_page` has focused the heading: the field takes the focus, and the page stays at its top.
        request_animation_frame(focus_field);
    });
    // The index (with the plain text the snippets come from) is fetched when the page opens, while the learner types.
    let content = use_content();
    let index = Memo::new(move |_| content.search_index());
    Effect::new(move |_| {
        if let Some(index) = index.get() {
            warm_up(&index, lang.get_untracked().strings());
        }
    });
    let results = Memo::new(move |_| match index.get() {
        Some(index) => query.with(|q| index.search(&deck(), q, shown.get())),
        None => Results::default(),
    });

    // The URL follows once typing pauses (or the field loses the focus): replacing it costs the browser
    // several milliseconds, too much for every keystroke.
    let url_update = StoredValue::new(None::<TimeoutHandle>);
    let cancel_url_update = move || {
        if let Some(pending) = url_update.try_get_value().flatten() {
            pending.clear();
        }
    };
    on_cleanup(cancel_url_update);
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        cancel_url_update();
        let typed = text.clone();
        url_update.set_value(set_timeout_with_handle(move || keep_in_url(&typed), URL_DELAY).ok());
        shown.set(PAGE);
        query.set(text);
    };
    let on_change = move |event: leptos::ev::Event| {
        cancel_url_update();
        keep_in_url(&event_target_value(&event));
    };
    let view = view! {
        <h1 tabindex="-1">{move || lang.get().strings().search_title}</h1>
        <div class="search" on:keydown=move_between_results>
            <form role="search" on:submit=|event| event.prevent_default()>
                <label for=FIELD_ID>{move || lang.get().strings().search_label}</label>
                <input id=FIELD_ID type="search" autocomplete="off" spellcheck="false" prop:value=query on:input=on_input on:change=on_change
                    aria-describedby="search-hint" />
                <p class="hint" id="search-hint">{move || lang.get().strings().search_hint}</p>
            </form>
            {move || index.with(Option::is_none).then(|| view! { <Waiting content /> })}
            <p role="status" id="search-status">
                {move || {
                    let s = lang.get().strings();
                    match (query.with(|q| q.trim().is_empty()) || index.with(Option::is_none), results.with(|r| r.total)) {
                        (true, _) => String::new(),
                        (false, 0) => s.search_nothing.to_string(),
                        (false, total) if total > shown.get() => format!("{}: {total} ({} {})", s.search_found, s.search_shown, shown.get()),
                        (false, total) => format!("{}: {total}", s.search_found),
                    }
                }}
            </p>
            // One HTML string set at once: a keystroke costs one parse by the browser rather than a call across
            // the wasm boundary for every node of every hit.
            <div class="search-results" inner_html=move || results.with(|r| results_html(r, lang.get().strings()))></div>
            // Hidden rather than removed, so the button keeps the focus while hits are added above it.
            <p hidden=move || results.with(|r| r.total) <= shown.get()>
                <button type="button" on:click=move |_| shown.update(|n| *n += PAGE)>{move || lang.get().strings().show_more}</button>
            </p>
        </div>
    };
    // Created after the view, so it is told of a keystroke after the render effects that draw its results (the
    // query is tracked too: a longer prefix can find the same results, which then change nothing).
    Effect::new(move |_| {
        query.track();
        results.track();
        mark(SEARCH_SHOWN);
    });
    view
}

thread_local! {
    static WARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The browser compiles wasm in tiers: the first searches run unoptimised code and take several times longer.
/// A dozen throwaway searches when the index arrives (once a session) make the learner's first
/// keystrokes as quick as the later ones.
fn warm_up(index: &SearchIndex, s: &Strings) {
    if WARMED.replace(true) {
        return;
    }
    for letter in ["а", "о", "е", "и", "т", "с", "в", "н", "р", "к", "п", "д"] {
        std::hint::black_box(results_html(&index.search(&deck(), letter, PAGE), s));
    }
}

pub fn focus_field() {
    if let Some(field) = document().get_element_by_id(FIELD_ID).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = field.focus_with_options(&options);
    }
}

fn kind(doc: SearchDoc) -> usize {
    match doc {
        SearchDoc::Section { .. } => 0,
        SearchDoc::Card(_) => 1,
        SearchDoc::Quiz(_) => 2,
    }
}

/// Where a hit leads: its section, or the card or quiz item itself.
fn hit_href(hit: &Hit) -> String {
    let topic = &deck().topics[hit.topic];
    let section = &topic.sections[hit.section];
    let route = match hit.doc {
        SearchDoc::Section { .. } if section.title.is_empty() => Route::Topic { slug: topic.slug.to_string(), section: None },
        SearchDoc::Section { .. } => Route::Topic { slug: topic.slug.to_string(), section: Some(section.slug.to_string()) },
        SearchDoc::Card(card) => Route::Note { anchor: card_anchor(&deck().cards[card as usize]) },
        SearchDoc::Quiz(quiz) => Route::Note { anchor: quiz_anchor(&deck().quizzes[quiz as usize]) },
    };
    route.href()
}

/// The hits grouped by topic: a section per topic with its title, a list of links with kind, title and snippet.
fn results_html(results: &Results, s: &Strings) -> String {
    let mut html = String::new();
    for group in &results.groups {
        let topic = &deck().topics[group.topic];
        let (slug, title) = (escape(topic.slug), escape(topic.title));
        html += &format!(
            r#"<section class="result-group" aria-labelledby="results-{slug}"><h2 id="results-{slug}">{title}</h2><ol class="results">"#
        );
        for hit in &group.hits {
            html += &format!(
                r#"<li><a class="hit" href="{}"><span class="hit-kind">{}</span> <span class="hit-title">{}</span></a><p class="snippet">{}</p></li>"#,
                escape(&hit_href(hit)),
                s.doc_kinds[kind(hit.doc)],
                hit.title.to_html(),
                hit.snippet.to_html()
            );
        }
        html += "</ol></section>";
    }
    html
}

/// Replaces the URL with one holding `query` without a navigation (the field keeps its focus and the back
/// button skips the keystrokes).
fn keep_in_url(query: &str) {
    let location = window().location();
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        Route::Search { query: query.to_string() }.href()
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Up and down arrows move between the field and the result links; Enter follows a link as usual.
fn move_between_results(event: leptos::ev::KeyboardEvent) {
    let step: i32 = match event.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Ok(links) = document().query_selector_all(&format!("#{FIELD_ID}, a.hit")) else { return };
    let elements: Vec<web_sys::HtmlElement> =
        (0..links.length()).filter_map(|i| links.item(i)).filter_map(|node| node.dyn_into().ok()).collect();
    let active: Option<leptos::wasm_bindgen::JsValue> = document().active_element().map(Into::into);
    let Some(current) = elements.iter().position(|e| active.as_ref() == Some(e.as_ref())) else { return };
    let next = (current as i32 + step).clamp(0, elements.len() as i32 - 1) as usize;
    event.prevent_default();
    let _ = elements[next].focus();
}
