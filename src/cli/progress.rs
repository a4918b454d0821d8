//! A progress bar on stderr while indexing (drawn only when stderr is a terminal), with
//! warnings printed above it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vnsearch::corpus::ReadObserver;
use vnsearch::index::BuildObserver;
use vnsearch::Error;

/// Reports indexing progress on stderr.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar on stderr, or a hidden one with `quiet`.
    pub fn new(quiet: bool) -> Progress {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        Progress { bar }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl ReadObserver for Progress {
    fn bytes_read(&self, n: u64) {
        self.bar.inc(n);
    }

    fn skipped(&self, error: &Error) {
        self.bar.suspend(|| eprintln!("vnsearch: skipped {error}"));
    }
}

impl BuildObserver for Progress {
    fn started(&self, files: usize, total_bytes: u64) {
        let style = ProgressStyle::with_template(
            "{spinner} indexing {msg} [{bar:30}] {bytes}/{total_bytes} ({eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        self.bar.set_style(style);
        self.bar.set_length(total_bytes);
        self.bar.set_message(format!("{files} files"));
    }

    fn committing(&self) {
        self.bar.set_message("committing");
    }
}
