//! Prints the notes statistics as JSON: `notes-stats [NOTES_DIR]` (default `notes`).

use std::path::PathBuf;
use std::process::ExitCode;
use trainer_core::compile::{compile, read_notes_dir, stats_json};

fn main() -> ExitCode {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("notes"), PathBuf::from);
    let files = match read_notes_dir(&dir) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("{}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    match compile(&files) {
        Ok(deck) => {
            println!("{}", serde_json::to_string_pretty(&stats_json(&deck)).expect("JSON values always serialise"));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            problems.iter().for_each(|p| eprintln!("{p}"));
            ExitCode::FAILURE
        }
    }
}
