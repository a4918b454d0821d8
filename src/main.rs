//! The `vnsearch` binary: parses the command line and maps the outcome to an exit code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("vnsearch: {}", cli::one_line(&err));
            ExitCode::FAILURE
        }
    }
}
