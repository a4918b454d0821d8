//! The `vnsearch` binary: parses the command line and maps the outcome to an exit code.

mod cli;

use std::process::ExitCode;

// Indexing allocates many small, short-lived buffers on every thread at once; glibc's allocator
// spent about a fifth of the build's CPU time there, with its arena locks contended (see
// BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
