//! Compiles `notes/*.md` into static Rust data (`$OUT_DIR/deck.rs`: the deck and its search index) so the
//! app never parses Markdown.
//! Any problem in the notes fails the build with every `file:line: message` listed.
//! `NOTES_DIR` points the build at another notes folder (the benchmark's synthetic decks).

use std::path::Path;
use trainer_core::compile::{compile, deck_to_rust, read_notes_dir, search_index_to_rust};
use trainer_core::search::SearchIndex;

fn main() {
    let dir = std::env::var("NOTES_DIR").unwrap_or_else(|_| "notes".to_string());
    println!("cargo:rerun-if-changed={dir}");
    println!("cargo:rerun-if-env-changed=NOTES_DIR");
    let files = read_notes_dir(Path::new(&dir)).unwrap_or_else(|error| fail(&[format!("{dir}: {error}")]));
    let deck = compile(&files).unwrap_or_else(|problems| fail(&problems.iter().map(ToString::to_string).collect::<Vec<_>>()));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("deck.rs");
    let source = deck_to_rust(&deck) + &search_index_to_rust(&SearchIndex::build(&deck));
    std::fs::write(&out, source).unwrap_or_else(|error| fail(&[format!("{}: {error}", out.display())]));
}

fn fail(problems: &[String]) -> ! {
    eprintln!("the notes have {} problem(s):", problems.len());
    for problem in problems {
        eprintln!("{problem}");
    }
    std::process::exit(1);
}
