//! An indicatif progress bar on stderr, shown only when stderr is a terminal.

use std::{io::IsTerminal, sync::Arc, time::Duration};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::ProgressSink;

/// A progress bar that an operation drives through its progress sink.
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar on stderr, or `None` when stderr is not a terminal. It stays hidden until the
    /// operation first reports progress, so quick operations draw nothing.
    pub fn for_stderr(label: &str) -> Option<Self> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(
                "{prefix} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_prefix(label.to_string());
        Some(Self { bar })
    }

    /// The sink an operation reports into.
    pub fn sink(&self) -> ProgressSink {
        let bar = self.bar.clone();
        Arc::new(move |u| {
            if bar.is_hidden() {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                bar.enable_steady_tick(Duration::from_millis(200));
            }
            if let Some(total) = u.total {
                bar.set_length(total);
            }
            bar.set_position(u.done);
            if let Some(m) = u.message {
                bar.set_message(m);
            }
        })
    }

    /// Clears the bar.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}
