//! The progress signal the components read and the one way they change it: `Store::change` applies an
//! edit in place and writes what it changed through `storage` at once, so every grade is saved the moment
//! it is given, at a cost that does not grow with the history.

use crate::storage::{self, Persistence, StorageProblem};
use leptos::prelude::*;
use trainer_core::progress::{Progress, ProgressError};
use trainer_core::review::Clock;
use trainer_core::storage_layout::{Layout, PREFIX, QUOTA_BYTES, WARN_SHARE};

#[derive(Clone, Copy)]
pub struct Store {
    pub progress: RwSignal<Progress>,
    /// The stored value that could not be read, kept under a backup key.
    pub unreadable: RwSignal<Option<(ProgressError, String, String)>>,
    /// Progress lives in memory only (storage unavailable, or a write failed).
    pub memory_only: RwSignal<bool>,
    /// Whether the browser promised not to evict the data.
    pub persisted: RwSignal<Persistence>,
    /// UTF-16 units this origin's localStorage holds, of `QUOTA_BYTES`.
    pub used_bytes: RwSignal<usize>,
    /// What the stored layout holds, to compare each change with.
    layout: StoredValue<Layout>,
    /// Units of keys that are not our progress (language, theme, backups), counted at start.
    other_bytes: StoredValue<usize>,
    /// Storage is unusable, or holds a value that could not be read nor copied aside: never write.
    read_only: bool,
}

impl Store {
    /// Loads progress, listens for other tabs' writes and asks for persistent storage.
    pub fn start() -> Store {
        let loaded = storage::load(now());
        let store = Store {
            read_only: loaded.problem == Some(StorageProblem::Unavailable),
            used_bytes: RwSignal::new(0),
            progress: RwSignal::new(loaded.progress),
            unreadable: RwSignal::new(None),
            memory_only: RwSignal::new(false),
            persisted: RwSignal::new(Persistence::Asking),
            layout: StoredValue::new(loaded.layout),
            other_bytes: StoredValue::new(storage::other_bytes()),
        };
        match loaded.problem {
            Some(StorageProblem::Unreadable { reason, backup_key, raw }) => store.unreadable.set(Some((reason, backup_key, raw))),
            Some(StorageProblem::Unavailable | StorageProblem::WriteFailed) => store.memory_only.set(true),
            None => {}
        }
        store.count_usage();
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            let Some(key) = event.key() else { return };
            if key.starts_with(PREFIX) {
                store.take_in(&key, event.new_value().as_deref());
            }
        });
        on_cleanup(move || listener.remove());
        leptos::task::spawn_local(async move { store.persisted.set(storage::request_persistence().await) });
        store
    }

    fn count_usage(&self) {
        self.used_bytes.set(self.layout.with_value(Layout::used_bytes) + self.other_bytes.get_value());
    }

    /// Whether the store is fuller than the share at which the app warns.
    pub fn nearly_full(&self) -> bool {
        self.used_bytes.get() as f64 > QUOTA_BYTES as f64 * WARN_SHARE
    }

    /// Another tab wrote `key`: parse that key alone, or everything when it does not fit what this tab knows.
    fn take_in(&self, key: &str, value: Option<&str>) {
        let applied = self.layout.try_update_value(|layout| {
            self.progress.try_update(|progress| layout.apply(key, value, progress).is_ok()).unwrap_or(false)
        });
        if applied != Some(true) {
            self.catch_up();
        }
        self.count_usage();
    }

    /// Takes in everything stored now, keeping this tab's unsaved changes when writes have been failing.
    fn catch_up(&self) {
        let Some((layout, mut stored)) = storage::reload() else { return };
        if self.layout.with_value(Layout::has_pending) {
            self.progress.with_untracked(|mine| stored.merge(mine));
        }
        self.layout.set_value(layout);
        self.progress.set(stored);
    }

    /// The change count of the stored progress, when it holds everything in memory.
    pub fn saved_seq(&self) -> Option<u64> {
        let saved = !self.read_only && !self.layout.with_value(Layout::has_pending);
        saved.then(|| self.layout.with_value(Layout::seq))
    }

    /// Applies `edit` to the freshest progress and writes what it changed at once.
    pub fn change<R>(&self, edit: impl FnOnce(&mut Progress) -> R) -> R {
        // Storage events may not have arrived yet for another tab's last write.
        if storage::stored_seq().is_some_and(|seq| seq != self.layout.with_value(Layout::seq)) {
            self.catch_up();
        }
        let mut failed = false;
        let result = self
            .progress
            .try_update(|progress| {
                let result = edit(progress);
                failed = self.read_only
                    || self.layout.try_update_value(|layout| storage::save_changes(layout, progress).is_err()).unwrap_or(true);
                result
            })
            .expect("the progress signal lives as long as the app");
        if failed {
            self.memory_only.set(true);
        } else if self.memory_only.get_untracked() && !self.layout.with_value(Layout::has_pending) {
            self.memory_only.set(false);
        }
        self.count_usage();
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
