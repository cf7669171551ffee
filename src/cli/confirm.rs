//! Asking the person at the terminal to confirm an order on a venue whose orders are confirmed
//! (live, by default): a prompt on stderr answered on stdin, or `--yes` for scripts. Without a
//! terminal and without `--yes` nothing is sent.

use std::io::{BufRead, IsTerminal, Write};

use async_trait::async_trait;

use crate::ops::confirm::{Answer, ConfirmRequest, Confirmer};

/// Confirms at the terminal, or by `--yes`.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// `--yes`: confirmed in advance.
    pub yes: bool,
}

#[async_trait]
impl Confirmer for Terminal {
    async fn ask(&self, request: &ConfirmRequest) -> Answer {
        if self.yes {
            return Answer::Accepted;
        }
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Answer::Unavailable(format!(
                "orders on {} ({} mode) need the person's confirmation and there is no terminal to ask on: pass --yes to confirm from a script",
                request.venue,
                request.mode.as_str()
            ));
        }
        let prompt = format!(
            "{} on {} ({} mode, real money):\n  {}\nSend it? [y/N] ",
            request.tool,
            request.venue,
            request.mode.as_str(),
            request.summary
        );
        let answer = tokio::task::spawn_blocking(move || {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(prompt.as_bytes());
            let _ = err.flush();
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).map(|_| line)
        })
        .await;
        match answer {
            Ok(Ok(line)) if matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes") => {
                Answer::Accepted
            }
            Ok(Ok(line)) if line.is_empty() => Answer::Cancelled,
            _ => Answer::Declined,
        }
    }

    fn channel(&self) -> &'static str {
        if self.yes { "--yes" } else { "prompt" }
    }
}
