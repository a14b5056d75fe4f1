//! The one module that touches IndexedDB: answers recorded aloud in the mock interview, one record per answer
//! (`{at, card, blob}`, keyed by the time it was made). Audio does not belong in localStorage, whose quota
//! holds the progress, and it never leaves the device. Through the `idb` crate (IndexedDB's requests as
//! futures); only the interview page uses this module, so it lands in that page's chunk. After each save the
//! oldest recordings go until the rest fit in `CAP_BYTES`.

use idb::{Database, DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
use js_sys::Reflect;
use leptos::wasm_bindgen::{JsCast, JsValue};
use trainer_core::recordings::{oldest_over_cap, CAP_BYTES};
use web_sys::Blob;

const DATABASE: &str = "interview-trainer-recordings";
const STORE: &str = "recordings";

/// One recorded answer.
#[derive(Clone)]
pub struct Recording {
    /// When it was recorded (ms); also its key.
    pub at: f64,
    pub card: String,
    pub blob: Blob,
}

async fn open() -> Result<Database, idb::Error> {
    let mut request = Factory::new()?.open(DATABASE, Some(1))?;
    request.on_upgrade_needed(|event| {
        if let Ok(database) = event.database() {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single("at")));
            // A failure here fails the open request, which the caller reports.
            let _ = database.create_object_store(STORE, params);
        }
    });
    request.await
}

fn field(record: &JsValue, name: &str) -> JsValue {
    Reflect::get(record, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Every recording, oldest first.
pub async fn list() -> Result<Vec<Recording>, String> {
    let database = open().await.map_err(|e| e.to_string())?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadOnly).map_err(|e| e.to_string())?;
    let store = transaction.object_store(STORE).map_err(|e| e.to_string())?;
    let records = store.get_all(None, None).map_err(|e| e.to_string())?.await.map_err(|e| e.to_string())?;
    database.close();
    Ok(records
        .iter()
        .filter_map(|record| {
            Some(Recording {
                at: field(record, "at").as_f64()?,
                card: field(record, "card").as_string()?,
                blob: field(record, "blob").dyn_into().ok()?,
            })
        })
        .collect())
}

/// Stores a recording of the answer to `card`, then removes the oldest beyond the cap.
pub async fn save(at: f64, card: &str, blob: &Blob) -> Result<(), String> {
    let record = js_sys::Object::new();
    for (name, value) in [("at", JsValue::from_f64(at)), ("card", JsValue::from_str(card)), ("blob", blob.into())] {
        Reflect::set(&record, &JsValue::from_str(name), &value).map_err(|_| "a record field".to_string())?;
    }
    let database = open().await.map_err(|e| e.to_string())?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    let store = transaction.object_store(STORE).map_err(|e| e.to_string())?;
    store.put(&record, None).map_err(|e| e.to_string())?.await.map_err(|e| e.to_string())?;
    transaction.commit().map_err(|e| e.to_string())?.await.map_err(|e| e.to_string())?;
    database.close();
    let all = list().await?;
    let sizes: Vec<u64> = all.iter().map(|r| r.blob.size() as u64).collect();
    for old in &all[..oldest_over_cap(&sizes, CAP_BYTES)] {
        delete(Some(old.at)).await?;
    }
    Ok(())
}

/// Deletes the recording made at `at`, or every recording.
pub async fn delete(at: Option<f64>) -> Result<(), String> {
    let database = open().await.map_err(|e| e.to_string())?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    let store = transaction.object_store(STORE).map_err(|e| e.to_string())?;
    match at {
        Some(at) => store.delete(JsValue::from_f64(at)).map_err(|e| e.to_string())?.await.map_err(|e| e.to_string())?,
        None => store.clear().map_err(|e| e.to_string())?.await.map_err(|e| e.to_string())?,
    }
    transaction.commit().map_err(|e| e.to_string())?.await.map_err(|e| e.to_string())?;
    database.close();
    Ok(())
}
