//! The one module that touches localStorage. Progress lives in layout 3 (`trainer_core::storage_layout`):
//! many small keys, of which a change rewrites only those it touched. Nothing is ever lost silently: a value
//! that cannot be read is copied to a backup key before anything is written; a version-2 document (one
//! JSON value under `interview-trainer.progress`) is migrated once and removed only after the new layout
//! has been written and read back equal; when storage is unavailable or full the session goes on in memory
//! and the UI says so. (gloo-storage's `raw()` panics where localStorage is unavailable, so web-sys is used
//! directly.)

use trainer_core::progress::{Progress, ProgressError};
use trainer_core::storage_layout::{meta_key, Layout, Op, PREFIX};
use web_sys::Storage;

/// Where versions up to 2 kept the whole document.
pub const LEGACY_KEY: &str = "interview-trainer.progress";
/// Also read by the inline script in `index.html`, which picks the prerendered home in that language.
const LANG_KEY: &str = "interview-trainer.lang";
const AT_HAND_KEY: &str = "interview-trainer.at-hand";
/// Also read by the inline script in `index.html`, which applies the theme before the first paint.
const THEME_KEY: &str = "interview-trainer.theme";
const BACKUP_PREFIX: &str = "interview-trainer.progress.backup.";
/// In sessionStorage (a quota of its own): the version-2 document while a migration that had to free its
/// room first is under way; the next load restores it if the tab died before the new layout was verified.
const MIGRATION_BACKUP: &str = "interview-trainer.progress.migrating";

/// Why the stored progress is not being used or written as usual; shown in a banner.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageProblem {
    /// The stored value could not be read; it was kept under `backup_key`.
    Unreadable { reason: ProgressError, backup_key: String, raw: String },
    /// localStorage cannot be used at all (blocked, private mode); progress is kept in memory only.
    Unavailable,
    /// A write failed (quota); the last changes are in memory only.
    WriteFailed,
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(storage: &Storage, key: &str) -> Option<String> {
    storage.get_item(key).ok().flatten()
}

fn keys(storage: &Storage) -> Vec<String> {
    (0..storage.length().unwrap_or(0)).filter_map(|i| storage.key(i).ok().flatten()).collect()
}

/// What `load` found.
pub struct Loaded {
    pub progress: Progress,
    pub layout: Layout,
    pub problem: Option<StorageProblem>,
}

/// Loads the stored progress: layout 3, or a version-2 document migrated on the way, setting aside (never
/// deleting) whatever cannot be read.
pub fn load(now: i64) -> Loaded {
    let fresh = |problem| Loaded { progress: Progress::default(), layout: Layout::new(), problem };
    let Some(storage) = storage() else { return fresh(Some(StorageProblem::Unavailable)) };
    recover_interrupted_migration(&storage);
    match Layout::load(&|key| get(&storage, key)) {
        Ok(Some((mut layout, mut progress))) => {
            // A tab of an older build may have written the old document after the migration: take its reviews.
            let problem = match get(&storage, LEGACY_KEY).map(|raw| (Progress::parse(&raw), raw)) {
                None => None,
                Some((Ok(legacy), _)) => {
                    progress.merge(&legacy);
                    match save(&storage, &mut layout, &mut progress) {
                        Ok(()) => storage.remove_item(LEGACY_KEY).err().map(|_| StorageProblem::WriteFailed),
                        Err(problem) => Some(problem),
                    }
                }
                Some((Err(reason), raw)) => Some(set_aside(&storage, LEGACY_KEY, raw, reason, now)),
            };
            Loaded { progress, layout, problem }
        }
        Ok(None) => {
            let Some(raw) = get(&storage, LEGACY_KEY) else { return fresh(None) };
            match Progress::parse(&raw) {
                Ok(progress) => migrate(&storage, &raw, progress),
                Err(reason) => fresh(Some(set_aside(&storage, LEGACY_KEY, raw, reason, now))),
            }
        }
        Err(reason) => {
            let ours = our_keys(&storage);
            let raw = serde_json::to_string(
                &ours
                    .iter()
                    .map(|k| (k.clone(), get(&storage, k).unwrap_or_default()))
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
            .unwrap_or_default();
            let problem = set_aside_all(&storage, &ours, raw, reason, now);
            fresh(Some(problem))
        }
    }
}

/// Copies `raw` to a backup key and only then removes `key`; without room for the copy nothing is removed
/// and the session stays in memory.
fn set_aside(storage: &Storage, key: &str, raw: String, reason: ProgressError, now: i64) -> StorageProblem {
    set_aside_all(storage, &[key.to_string()], raw, reason, now)
}

fn set_aside_all(storage: &Storage, keys: &[String], raw: String, reason: ProgressError, now: i64) -> StorageProblem {
    let backup_key = format!("{BACKUP_PREFIX}{now}");
    if storage.set_item(&backup_key, &raw).is_err() {
        return StorageProblem::Unavailable;
    }
    for key in keys {
        let _ = storage.remove_item(key);
    }
    StorageProblem::Unreadable { reason, backup_key, raw }
}

/// Writes a version-2 document as layout 3 beside it, reads it back, and removes the old value only when
/// the two are equal. Near the quota there is no room for both: the old value then waits in sessionStorage
/// while localStorage is rewritten.
fn migrate(storage: &Storage, raw: &str, document: Progress) -> Loaded {
    // The layout as read back, when it holds exactly the document.
    let written = || {
        save(storage, &mut Layout::new(), &mut document.clone()).ok()?;
        Layout::load(&|key| get(storage, key)).ok().flatten().filter(|(_, stored)| *stored == document)
    };
    if let Some((layout, progress)) = written() {
        let _ = storage.remove_item(LEGACY_KEY);
        return Loaded { progress, layout, problem: None };
    }
    remove_ours(storage);
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    let kept = session.as_ref().is_some_and(|s| s.set_item(MIGRATION_BACKUP, raw).is_ok());
    if kept && storage.remove_item(LEGACY_KEY).is_ok() {
        if let Some((layout, progress)) = written() {
            let _ = session.map(|s| s.remove_item(MIGRATION_BACKUP));
            return Loaded { progress, layout, problem: None };
        }
    }
    // Not even the smaller layout fits: the old value stays (or comes back) and this session runs in memory.
    remove_ours(storage);
    let _ = storage.set_item(LEGACY_KEY, raw);
    let _ = session.map(|s| s.remove_item(MIGRATION_BACKUP));
    Loaded { progress: document, layout: Layout::new(), problem: Some(StorageProblem::WriteFailed) }
}

/// The keys of layout 3 present now.
fn our_keys(storage: &Storage) -> Vec<String> {
    keys(storage).into_iter().filter(|k| k.starts_with(PREFIX)).collect()
}

fn remove_ours(storage: &Storage) {
    for key in our_keys(storage) {
        let _ = storage.remove_item(&key);
    }
}

/// A migration whose tab died after it removed the old document: keep the new layout if it reads back,
/// else put the old document back so that this load migrates it again.
fn recover_interrupted_migration(storage: &Storage) {
    let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else { return };
    let Some(raw) = get(&session, MIGRATION_BACKUP) else { return };
    let readable = Layout::load(&|key| get(storage, key)).ok().flatten().is_some();
    if !readable && get(storage, LEGACY_KEY).is_none() {
        remove_ours(storage);
        if storage.set_item(LEGACY_KEY, &raw).is_err() {
            return;
        }
    }
    let _ = session.remove_item(MIGRATION_BACKUP);
}

/// Writes what changed in `progress` since `layout` last wrote or read it.
pub fn save_changes(layout: &mut Layout, progress: &mut Progress) -> Result<(), StorageProblem> {
    let storage = storage().ok_or(StorageProblem::Unavailable)?;
    save(&storage, layout, progress)
}

fn save(storage: &Storage, layout: &mut Layout, progress: &mut Progress) -> Result<(), StorageProblem> {
    let ops = layout.writes(progress, &|| keys(storage));
    let succeeded = ops
        .iter()
        .take_while(|op| match op {
            Op::Set(key, value) => storage.set_item(key, value).is_ok(),
            Op::Remove(key) => storage.remove_item(key).is_ok(),
        })
        .count();
    let complete = succeeded == ops.len();
    layout.written(ops, succeeded);
    complete.then_some(()).ok_or(StorageProblem::WriteFailed)
}

/// The change count another tab may have moved on since this one last wrote or read.
pub fn stored_seq() -> Option<u64> {
    let meta: serde_json::Value = serde_json::from_str(&get(&storage()?, &meta_key())?).ok()?;
    meta.get("seq")?.as_u64()
}

/// Everything stored in layout 3 now, for a tab that fell behind.
pub fn reload() -> Option<(Layout, Progress)> {
    let storage = storage()?;
    Layout::load(&|key| get(&storage, key)).ok().flatten()
}

/// UTF-16 units that keys other than our progress take (the language, the theme, kept backups, other apps
/// of this origin): with the layout's own count, the store's usage.
pub fn other_bytes() -> usize {
    let Some(storage) = storage() else { return 0 };
    let units = |text: &str| text.encode_utf16().count();
    keys(&storage)
        .into_iter()
        .filter(|k| !k.starts_with(PREFIX))
        .map(|k| units(&k) + get(&storage, &k).as_deref().map_or(0, units))
        .sum()
}

/// The origin's usage and quota for all its storage (Cache Storage included), where the browser tells.
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let field = |name: &str| js_sys::Reflect::get(&estimate, &name.into()).ok()?.as_f64();
    Some((field("usage")?, field("quota")?))
}

/// What the browser said to `navigator.storage.persist()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// Not answered yet: Firefox asks the learner first.
    Asking,
    Granted,
    Refused,
    /// No Storage API (older Safari, WebKitGTK's MiniBrowser): the browser makes no promise either way.
    Unsupported,
}

/// Asks the browser not to evict our storage. Without the Storage API the call throws, as `estimate`'s does.
pub async fn request_persistence() -> Persistence {
    let Some(window) = web_sys::window() else { return Persistence::Unsupported };
    let Ok(asked) = window.navigator().storage().persist() else { return Persistence::Unsupported };
    match wasm_bindgen_futures::JsFuture::from(asked).await.ok().and_then(|granted| granted.as_bool()) {
        Some(true) => Persistence::Granted,
        Some(false) => Persistence::Refused,
        None => Persistence::Unsupported,
    }
}

/// The content of the cards a next review may open with (`at_hand.rs`), as that module wrote it.
pub fn load_at_hand() -> Option<String> {
    storage()?.get_item(AT_HAND_KEY).ok().flatten()
}

/// Keeps the cards' content for the next visit; only a shortcut, so a failed write (quota) is ignored.
pub fn save_at_hand(json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(AT_HAND_KEY, json);
    }
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
