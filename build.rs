//! Compiles `notes/*.md`: the deck's outline becomes static Rust data (`$OUT_DIR/deck.rs`), and its skeleton,
//! HTML and search index become files (`deck/*`) the app fetches when a page needs them. They are written to
//! `target/<target>/<profile>/deck-data/`, which Trunk's post-build hook (`scripts/pwa-build.mjs`) copies
//! into the build. The app never parses Markdown.
//! Any problem in the notes fails the build with every `file:line: message` listed.
//! `NOTES_DIR` points the build at another notes folder (the benchmark's synthetic decks).

use std::path::Path;
use trainer_core::compile::{compile, data_files, outline_to_rust, read_notes_dir};
use trainer_core::search::SearchIndex;

fn main() {
    let dir = std::env::var("NOTES_DIR").unwrap_or_else(|_| "notes".to_string());
    println!("cargo:rerun-if-changed={dir}");
    println!("cargo:rerun-if-env-changed=NOTES_DIR");
    let files = read_notes_dir(Path::new(&dir)).unwrap_or_else(|error| fail(&[format!("{dir}: {error}")]));
    let deck = compile(&files).unwrap_or_else(|problems| fail(&problems.iter().map(ToString::to_string).collect::<Vec<_>>()));
    let data = data_files(&deck, &SearchIndex::build(&deck));
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    write(&out_dir.join("deck.rs"), (outline_to_rust(&deck.outline()) + &data.rust).as_bytes());
    // OUT_DIR is <target>/<triple>/<profile>/build/<package>-<hash>/out.
    let data_dir = out_dir.ancestors().nth(3).expect("OUT_DIR is inside the target folder").join("deck-data");
    if data_dir.exists() {
        std::fs::remove_dir_all(&data_dir).unwrap_or_else(|error| fail(&[format!("{}: {error}", data_dir.display())]));
    }
    for (name, contents) in &data.files {
        write(&data_dir.join(name), contents);
    }
}

fn write(path: &Path, contents: &[u8]) {
    let written = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(path, contents));
    written.unwrap_or_else(|error| fail(&[format!("{}: {error}", path.display())]));
}

fn fail(problems: &[String]) -> ! {
    eprintln!("the notes have {} problem(s):", problems.len());
    for problem in problems {
        eprintln!("{problem}");
    }
    std::process::exit(1);
}
