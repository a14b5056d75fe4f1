//! The one module that touches localStorage. Progress lives under one key as a versioned JSON document.
//! Nothing is ever lost silently: a value that cannot be read is copied to a backup key before anything is
//! written; every change starts from the value stored now, so a grade made in another tab is kept; when
//! storage is unavailable or full the session goes on in memory and the UI says so.
//! (gloo-storage's `raw()` panics where localStorage is unavailable, so web-sys is used directly.)

use trainer_core::progress::{Progress, ProgressError};
use web_sys::Storage;

pub const KEY: &str = "interview-trainer.progress";
const LANG_KEY: &str = "interview-trainer.lang";
/// Also read by the inline script in `index.html`, which applies the theme before the first paint.
const THEME_KEY: &str = "interview-trainer.theme";
const BACKUP_PREFIX: &str = "interview-trainer.progress.backup.";

/// Why the stored progress is not being used or written as usual; shown in a banner.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageProblem {
    /// The stored value could not be read; it was kept under `backup_key`.
    Unreadable { reason: ProgressError, backup_key: String, raw: String },
    /// localStorage cannot be used at all (blocked, private mode); progress is kept in memory only.
    Unavailable,
    /// A write failed (quota); the last grades are in memory only.
    WriteFailed,
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Loads the stored progress, setting aside (never deleting) a value that cannot be read.
pub fn load(now: i64) -> (Progress, Option<StorageProblem>) {
    let Some(storage) = storage() else {
        return (Progress::default(), Some(StorageProblem::Unavailable));
    };
    let Ok(Some(raw)) = storage.get_item(KEY) else {
        return (Progress::default(), None);
    };
    match Progress::parse(&raw) {
        Ok(progress) => (progress, None),
        Err(reason) => {
            let backup_key = format!("{BACKUP_PREFIX}{now}");
            if storage.set_item(&backup_key, &raw).is_err() {
                // Without a backup the original must stay untouched: keep this session in memory.
                return (Progress::default(), Some(StorageProblem::Unavailable));
            }
            let _ = storage.remove_item(KEY);
            (Progress::default(), Some(StorageProblem::Unreadable { reason, backup_key, raw }))
        }
    }
}

/// What is stored under the progress key now (another tab may have written since we loaded).
pub enum Stored {
    Nothing,
    Readable(Progress),
    /// A value this app cannot read and could not back up: it must never be overwritten.
    Unreadable,
}

pub fn read() -> Stored {
    match storage().and_then(|storage| storage.get_item(KEY).ok().flatten()) {
        None => Stored::Nothing,
        Some(raw) => Progress::parse(&raw).map_or(Stored::Unreadable, Stored::Readable),
    }
}

/// Writes `progress` over `found`, the value `read()` just returned, unless that value is unreadable.
pub fn save(progress: &Progress, found: &Stored) -> Result<(), StorageProblem> {
    let storage = storage().ok_or(StorageProblem::Unavailable)?;
    if matches!(found, Stored::Unreadable) {
        return Err(StorageProblem::WriteFailed);
    }
    storage.set_item(KEY, &progress.to_json()).map_err(|_| StorageProblem::WriteFailed)
}

/// Asks the browser not to evict our storage; resolves to whether it agreed.
pub async fn request_persistence() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    let granted = wasm_bindgen_futures::JsFuture::from(manager.persist().ok()?).await.ok()?;
    granted.as_bool()
}

/// The UI language chosen earlier (`"ru"` or `"en"`), if any.
pub fn load_lang() -> Option<String> {
    storage()?.get_item(LANG_KEY).ok().flatten()
}

/// Remembers the UI language; without storage the choice lasts for this visit only.
pub fn save_lang(code: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANG_KEY, code);
    }
}

/// The theme chosen in the settings (`"system"`, `"light"` or `"dark"`), if any.
pub fn load_theme() -> Option<String> {
    storage()?.get_item(THEME_KEY).ok().flatten()
}

/// Remembers the theme; without storage the choice lasts for this visit only.
pub fn save_theme(code: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(THEME_KEY, code);
    }
}
