//! The progress signal the components read and the one way they change it: `Store::change` applies an
//! edit and writes it through `storage` at once, so every grade is saved the moment it is given.

use crate::storage::{self, StorageProblem, Stored};
use leptos::prelude::*;
use trainer_core::progress::{Progress, ProgressError};
use trainer_core::review::Clock;

#[derive(Clone, Copy)]
pub struct Store {
    pub progress: RwSignal<Progress>,
    /// The stored value that could not be read, kept under a backup key.
    pub unreadable: RwSignal<Option<(ProgressError, String, String)>>,
    /// Progress lives in memory only (storage unavailable, or a write failed).
    pub memory_only: RwSignal<bool>,
    /// Whether the browser granted persistent storage (`None`: not known yet).
    pub persisted: RwSignal<Option<bool>>,
}

impl Store {
    /// Loads progress, listens for other tabs' writes and asks for persistent storage.
    pub fn start() -> Store {
        let (progress, problem) = storage::load(now());
        let store = Store {
            progress: RwSignal::new(progress),
            unreadable: RwSignal::new(None),
            memory_only: RwSignal::new(false),
            persisted: RwSignal::new(None),
        };
        match problem {
            Some(StorageProblem::Unreadable { reason, backup_key, raw }) => store.unreadable.set(Some((reason, backup_key, raw))),
            Some(StorageProblem::Unavailable | StorageProblem::WriteFailed) => store.memory_only.set(true),
            None => {}
        }
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() == Some(storage::KEY) {
                store.progress.set(store.latest(&storage::read()));
            }
        });
        on_cleanup(move || listener.remove());
        leptos::task::spawn_local(async move { store.persisted.set(storage::request_persistence().await) });
        store
    }

    /// The freshest progress given what is stored now (`found`): the stored value itself (every change is
    /// written at once, so it holds all of this tab's work and any other tab's), or memory plus storage when
    /// writes have been failing.
    fn latest(&self, found: &Stored) -> Progress {
        let mut progress = self.progress.get_untracked();
        match found {
            Stored::Readable(stored) if !self.memory_only.get_untracked() => stored.clone(),
            Stored::Readable(stored) => {
                progress.merge(stored);
                progress
            }
            Stored::Nothing | Stored::Unreadable => progress,
        }
    }

    /// Applies `edit` to the freshest progress and writes the result at once.
    pub fn change<R>(&self, edit: impl FnOnce(&mut Progress) -> R) -> R {
        let found = storage::read();
        let mut progress = self.latest(&found);
        let result = edit(&mut progress);
        if storage::save(&progress, &found).is_err() {
            self.memory_only.set(true);
        }
        self.progress.set(progress);
        result
    }
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}

pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// The learner's clock: now and the local UTC offset, which decides where "today" ends.
pub fn clock() -> Clock {
    let offset_west = js_sys::Date::new_0().get_timezone_offset();
    Clock { now: now(), utc_offset_minutes: -(offset_west as i32) }
}

/// The learner's UTC offset (minutes east) in force at `ms`: past reviews keep the local day they were given
/// on, across daylight-saving changes.
pub fn offset_at(ms: i64) -> i32 {
    -(js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_f64(ms as f64)).get_timezone_offset() as i32)
}
