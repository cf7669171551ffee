//! `--watch [SECONDS]`: the node's and the market's live views. The operation is called again
//! every interval and its view redrawn in place (the terminal's alternate screen, each line
//! overwritten and cleared to its end, so nothing flickers) until Ctrl-C, which leaves the
//! last frame on the normal screen. On a pipe each frame is printed after the last, under its
//! heading.

use std::{
    io::{IsTerminal, Write},
    sync::Arc,
    time::Duration,
};

use clap::{Arg, ArgMatches, value_parser};
use crossterm::{cursor, execute, queue, terminal};

use crate::{
    caller::Caller,
    error::{OpError, OpResult},
    ops::{call::Call, context::Context, registry::OpEntry},
    output,
};

use super::GlobalArgs;

/// The operations with a live view (by MCP tool name).
pub const WATCHABLE: &[&str] = &[
    "get_node_status",
    "list_orders",
    "get_positions",
    "get_account_info",
    "get_order_book",
    "get_ticker",
    "get_trades",
];

/// The interval when `--watch` is given without one.
const DEFAULT_SECONDS: &str = "2";

/// The `--watch` flag added to each watchable operation's command.
#[must_use]
pub fn arg() -> Arg {
    Arg::new("watch")
        .long("watch")
        .value_name("SECONDS")
        .num_args(0..=1)
        .default_missing_value(DEFAULT_SECONDS)
        .value_parser(value_parser!(f64))
        .help(
            "Redraw this view in place every SECONDS (default 2) until Ctrl-C, following the \
             paper market or the venue",
        )
}

/// The interval `--watch` asked for, if it was given.
pub fn interval(matches: &ArgMatches) -> OpResult<Option<Duration>> {
    let Some(Some(seconds)) = matches.try_get_one::<f64>("watch").ok() else {
        return Ok(None);
    };
    if !seconds.is_finite() || *seconds < 0.05 || *seconds > 86_400.0 {
        return Err(OpError::invalid(
            "watch",
            format!("{seconds} is not an interval between 0.05 and 86400 seconds"),
        ));
    }
    Ok(Some(Duration::from_secs_f64(*seconds)))
}

/// Calls the operation every `every` and redraws its view until Ctrl-C.
pub async fn run(
    entry: &OpEntry,
    ctx: Arc<Context>,
    matches: &ArgMatches,
    caller: Caller,
    global: &GlobalArgs,
    every: Duration,
) -> OpResult<()> {
    let opts = global.render_options();
    if opts.format != output::OutputFormat::Table {
        return Err(OpError::invalid(
            "watch",
            "--watch draws the table view; drop -o/--json (call the command in a loop for \
             documents)",
        ));
    }
    let command = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--watch"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut screen = Screen::open(std::io::stdout().is_terminal());
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    let mut last: String;
    loop {
        let call = Call::default().with_caller(caller.clone());
        let answer = match entry.call_matches(ctx.clone(), matches, call) {
            Ok(fut) => fut.await,
            Err(e) => Err(OpError::invalid("arguments", e.to_string())),
        };
        let body = match answer {
            Ok(doc) => output::render(entry.info.tool_name, &doc, &opts),
            Err(err) => output::render_error(&err),
        };
        let heading = format!(
            "Every {:.1}s: nautilus-mcp {command}    {}",
            every.as_secs_f64(),
            chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC")
        );
        last = format!(
            "{}\n\n{body}",
            output::format::wrap(&heading, opts.width, 4)
        );
        screen.draw(&last);
        tokio::select! {
            _ = &mut stop => break,
            () = tokio::time::sleep(every) => {}
        }
    }
    screen.close(&last);
    Ok(())
}

/// Where frames are drawn: the alternate screen of a terminal, or a pipe.
struct Screen {
    terminal: bool,
}

impl Screen {
    fn open(terminal: bool) -> Self {
        if terminal {
            let _ = execute!(
                std::io::stdout(),
                terminal::EnterAlternateScreen,
                cursor::Hide
            );
        }
        Screen { terminal }
    }

    /// Draws `frame` over the last one: from the top, each line cleared to its end, then
    /// everything below the frame cleared.
    fn draw(&mut self, frame: &str) {
        let mut out = std::io::stdout().lock();
        if self.terminal {
            let _ = queue!(out, cursor::MoveTo(0, 0));
            for line in frame.lines() {
                let _ = write!(out, "{line}");
                let _ = queue!(out, terminal::Clear(terminal::ClearType::UntilNewLine));
                let _ = write!(out, "\r\n");
            }
            let _ = queue!(out, terminal::Clear(terminal::ClearType::FromCursorDown));
        } else {
            let _ = writeln!(out, "{frame}\n");
        }
        let _ = out.flush();
    }

    /// Leaves the alternate screen and prints the last frame where the command was typed.
    fn close(self, last: &str) {
        if self.terminal {
            let mut out = std::io::stdout().lock();
            let _ = execute!(out, cursor::Show, terminal::LeaveAlternateScreen);
            let _ = writeln!(out, "{last}");
        }
    }
}
