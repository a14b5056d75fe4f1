//! Answers aloud in the mock interview: the microphone is asked for only when the learner presses record;
//! the recording plays back beside the model answer and is kept on the device (`crate::recordings`); the
//! list of recordings with deletion one by one or all at once. Without a microphone or permission the
//! interview goes on as before, with a message saying so.

use crate::content::deck;
use crate::i18n::Lang;
use crate::pages::topic::{card_note_href, card_place};
use crate::recordings::{self, Recording};
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Blob, BlobEvent, MediaRecorder, MediaStream, MediaStreamConstraints, Url};

/// The recorder of the current question; `Copy` so every handler can own it.
#[derive(Clone, Copy)]
pub struct Recorder {
    active: StoredValue<Option<MediaRecorder>, LocalStorage>,
    recording: RwSignal<bool>,
    /// No microphone, no permission, or no MediaRecorder.
    unavailable: RwSignal<bool>,
    /// The current question's recording, as an object URL to play.
    playback: RwSignal<Option<String>>,
    /// Counts changes to the stored recordings, so that lists load again.
    saved: RwSignal<u32>,
    /// Counts questions: a recording that ends after its question is gone is stored but not offered.
    question: StoredValue<u32>,
}

impl Recorder {
    /// A recorder for this page: recording stops (and the microphone is released) when the page goes.
    pub fn for_page() -> Recorder {
        let recorder = Recorder {
            active: StoredValue::new_local(None),
            recording: RwSignal::new(false),
            unavailable: RwSignal::new(false),
            playback: RwSignal::new(None),
            saved: RwSignal::new(0),
            question: StoredValue::new(0),
        };
        on_cleanup(move || recorder.stop());
        recorder
    }

    /// Asks for the microphone and records until `stop`; the recording is then stored for `card`.
    fn start(self, card: &'static str) {
        if self.recording.get_untracked() {
            return;
        }
        self.forget_playback();
        leptos::task::spawn_local(async move {
            match microphone().await.and_then(|stream| self.record(stream, card)) {
                Ok(()) => self.recording.set(true),
                Err(_) => self.unavailable.set(true),
            }
        });
    }

    fn record(self, stream: MediaStream, card: &'static str) -> Result<(), JsValue> {
        let recorder = MediaRecorder::new_with_media_stream(&stream)?;
        let chunks = Rc::new(RefCell::new(Vec::<Blob>::new()));
        let collect = {
            let chunks = chunks.clone();
            Closure::<dyn FnMut(BlobEvent)>::new(move |event: BlobEvent| chunks.borrow_mut().extend(event.data()))
        };
        recorder.set_ondataavailable(Some(collect.as_ref().unchecked_ref()));
        let kind = recorder.mime_type();
        let question = self.question.get_value();
        // Runs once, after the last data: owns the data handler, so both are freed then.
        let finish = Closure::once_into_js(move || {
            drop(collect);
            stream.get_tracks().for_each(&mut |track, _, _| track.unchecked_into::<web_sys::MediaStreamTrack>().stop());
            let parts: js_sys::Array = chunks.borrow().iter().collect();
            let options = web_sys::BlobPropertyBag::new();
            options.set_type(&kind);
            let Ok(blob) = Blob::new_with_blob_sequence_and_options(&parts, &options) else { return };
            if self.question.try_get_value() == Some(question) {
                self.playback.set(Url::create_object_url_with_blob(&blob).ok());
            }
            leptos::task::spawn_local(async move {
                if recordings::save(js_sys::Date::now(), card, &blob).await.is_ok() {
                    self.saved.update(|n| *n += 1);
                }
            });
        });
        recorder.set_onstop(Some(finish.unchecked_ref()));
        recorder.start()?;
        self.active.set_value(Some(recorder));
        Ok(())
    }

    /// Stops recording, if it is; the recording is then stored and offered for playback.
    pub fn stop(&self) {
        if let Some(recorder) = self.active.try_update_value(Option::take).flatten() {
            let _ = recorder.stop();
        }
        self.recording.try_set(false);
    }

    /// A new question: the last one's recording stays stored, but is no longer offered here.
    pub fn next_question(&self) {
        self.stop();
        self.question.update_value(|n| *n += 1);
        self.forget_playback();
    }

    fn forget_playback(&self) {
        if let Some(url) = self.playback.try_update(Option::take).flatten() {
            let _ = Url::revoke_object_url(&url);
        }
    }
}

async fn microphone() -> Result<MediaStream, JsValue> {
    let devices = window().navigator().media_devices()?;
    let constraints = MediaStreamConstraints::new();
    constraints.set_audio(&JsValue::TRUE);
    let stream = wasm_bindgen_futures::JsFuture::from(devices.get_user_media_with_constraints(&constraints)?).await?;
    stream.dyn_into()
}

/// Record / stop, the recording state, and the message when there is no microphone.
#[component]
pub fn RecordButton(recorder: Recorder, card: &'static str, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    view! {
        <p class="actions record">
            {move || if recorder.recording.get() {
                view! { <button type="button" id="record-stop" on:click=move |_| recorder.stop()>{s.record_stop}</button> }.into_any()
            } else {
                view! {
                    <button type="button" id="record-start" disabled=move || recorder.unavailable.get()
                        on:click=move |_| recorder.start(card)>{s.record_start}</button>
                }.into_any()
            }}
        </p>
        <p role="status" id="record-status">{move || recorder.recording.get().then_some(s.recording_now)}</p>
        {move || recorder.unavailable.get().then(|| view! { <p class="error" role="alert" id="record-unavailable">{s.record_denied}</p> })}
    }
}

/// The current question's recording, to play beside the model answer.
#[component]
pub fn Playback(recorder: Recorder, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    move || {
        recorder.playback.get().map(|url| {
            view! {
                <figure class="playback">
                    <figcaption id="playback-title">{s.your_recording}</figcaption>
                    <audio controls src=url aria-labelledby="playback-title" id="playback"></audio>
                </figure>
            }
        })
    }
}

/// Every stored recording, newest first, each playable and deletable; deleting all at once; the size cap.
#[component]
pub fn RecordingsList(recorder: Recorder, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let items = RwSignal::new(Vec::<(f64, String, String)>::new());
    let revoke = move || {
        items.try_with_untracked(|list| {
            for (_, _, url) in list {
                let _ = Url::revoke_object_url(url);
            }
        });
    };
    Effect::new(move |_| {
        recorder.saved.track();
        leptos::task::spawn_local(async move {
            let list = recordings::list().await.unwrap_or_default();
            revoke();
            items.try_set(list.iter().rev().filter_map(entry).collect());
        });
    });
    on_cleanup(revoke);
    let remove = move |at: Option<f64>| {
        leptos::task::spawn_local(async move {
            if recordings::delete(at).await.is_ok() {
                recorder.saved.update(|n| *n += 1);
            }
        })
    };
    let date = move |at: f64| {
        js_sys::Date::new(&JsValue::from_f64(at))
            .to_locale_string(s.html_lang, &JsValue::UNDEFINED)
            .as_string()
            .unwrap_or_default()
    };
    view! {
        <section class="recordings" aria-labelledby="recordings-title">
            <h2 id="recordings-title">{s.recordings_title}</h2>
            <p class="hint">{s.recordings_note}</p>
            {move || {
                let list = items.get();
                if list.is_empty() {
                    return view! { <p id="no-recordings">{s.no_recordings}</p> }.into_any();
                }
                let rows = list.into_iter().map(|(at, card, url)| {
                    let found = deck().cards.iter().find(|c| c.id == card);
                    let place = found.map(card_place);
                    let label = format!("{} — {}", place.clone().unwrap_or(card), date(at));
                    view! {
                        <li class="recording">
                            {found.map(|c| view! { <a href=card_note_href(c)>{place.clone()}</a> })}
                            " "<span>{date(at)}</span>
                            <audio controls src=url aria-label=label.clone()></audio>
                            <button type="button" class="danger" aria-label=format!("{} — {label}", s.delete_recording)
                                on:click=move |_| remove(Some(at))>{s.delete_recording}</button>
                        </li>
                    }
                }).collect_view();
                view! {
                    <ul class="recording-list" id="recording-list">{rows}</ul>
                    <p><button type="button" class="danger" id="delete-all-recordings" on:click=move |_| remove(None)>{s.delete_all_recordings}</button></p>
                }.into_any()
            }}
        </section>
    }
}

/// A stored recording as the list shows it: its time, its card id, a URL to play.
fn entry(recording: &Recording) -> Option<(f64, String, String)> {
    Some((recording.at, recording.card.clone(), Url::create_object_url_with_blob(&recording.blob).ok()?))
}
