//! The strategy language: a small declarative language in which people (TOML files) and agents
//! (the same document as JSON) write strategies. No loops, no I/O, no code: a definition is
//! data, checked once into a [`plan::Plan`] that the evaluator runs in bounded time per bar.
//!
//! # A definition
//!
//! ```toml
//! description = "EMA trend with an RSI filter, a 3×ATR trailing stop and a time exit"
//!
//! [parameters.fast]            # int | decimal | bool | choice; what runs and sweeps vary
//! type = "int"
//! default = 10
//! min = 2
//! max = 200
//!
//! [parameters.risk]
//! type = "decimal"
//! default = 0.01
//!
//! [[constraints]]              # checked before anything runs; the error names `parameter`
//! require = "fast < 50"
//! parameter = "fast"
//!
//! [indicators]                 # Nautilus indicators, named; outputs read as name.output
//! fast_ema = "ema(fast)"
//! slow_ema = "ema(50)"
//! atr = "atr(14)"
//! trend = { of = "ema(50)", bars = "1-HOUR-LAST" }   # on hourly bars built from the traded ones
//!
//! [rules]                      # conditions; at least one entry rule
//! enter_long = "crosses_above(fast_ema, slow_ema) and rsi(14) < 70 and close > trend"
//! exit_long = "crosses_below(fast_ema, slow_ema)"
//!
//! [orders]
//! entry = { type = "limit", price = "close - 0.5 * atr", time_in_force = "GTD", expire_after_bars = 3 }
//! size = { risk_fraction = "risk" }     # or fixed = 0.1, equity_fraction = 0.5; default all-in
//! allow_short = false
//!
//! [exits]                      # real reduce-only orders, placed when the position opens
//! stop_loss = { distance = "2 * atr" }      # or fraction, percent, price
//! take_profit = { percent = 3 }
//! trailing_stop = { distance = "3 * atr" }  # or percent, basis_points
//! time_exit_bars = 48
//! close_at_end = true
//! ```
//!
//! # Expressions
//!
//! Rules, prices, indicator arguments and constraints are expressions of this grammar
//! (`grammar.pest`, parsed with pest):
//!
//! ```text
//! expression  = disjunction
//! disjunction = conjunction ("or" conjunction)*
//! conjunction = negation ("and" negation)*
//! negation    = "not"* comparison
//! comparison  = sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//! sum         = product (("+" | "-") product)*
//! product     = signed (("*" | "/") signed)*
//! signed      = "-"* postfix
//! postfix     = primary ("." name | "[" sum "]")*
//! primary     = number | "'" text "'" | call | name | "(" disjunction ")"
//! call        = name "(" (argument ("," argument)*)? ")"
//! argument    = (name "=")? disjunction
//! name        = (letter | "_") (letter | digit | "_")*      -- not and, or, not
//! number      = digit+ ("." digit+)? (("e" | "E") ("+" | "-")? digit+)?
//! ```
//!
//! What names mean:
//!
//! - `open`, `high`, `low`, `close`, `volume`: the bar just closed (rules run at its close).
//! - parameters by name; indicators by name (their first output), `name.output` for others.
//! - indicator calls written inline, e.g. `rsi(14) < 30` or `bb(20, k = 2).upper`: each distinct
//!   call is one indicator instance. Arguments are constants: numbers, parameters, texts for
//!   moving average types (`'EMA'`, `'SMA'`, ...), and bar fields for `input`.
//! - `x[n]`: the value `n` bars ago (on the traded bars), for any number `x` but the position's.
//! - `crosses_above(a, b)`: `a > b` now and not at the previous bar; `crosses_below(a, b)`: `a >
//!   b` at the previous bar and not now. `highest(x, n)`, `lowest(x, n)`: over the last `n` bars
//!   including this one. `abs(x)`, `min(a, b, ...)`, `max(a, b, ...)`, `ready(x)` (x has a value).
//! - `position.side` (`== long`, `short` or `flat`): the side the strategy is on, from its
//!   decision to enter until it decides otherwise or an exit order closes the position.
//!   `position.entry_price`, `position.bars_held` (bars closed since the fill),
//!   `position.unrealized_pct` (at the close, in percent), `position.quantity`.
//! - `hour`, `minute`, `weekday` (1 = Monday … 7 = Sunday) of the bar's close time in UTC;
//!   `between('13:30', '20:00')` (a UTC window, wrapping past midnight when the end is earlier);
//!   `bar_index` (0 at the first bar).
//!
//! Scales are stated and natural: RSI, stochastics, Aroon, PSL and RVI read 0-100 whatever
//! Nautilus keeps internally; CMO reads -100 to 100.
//!
//! Undefined values: an indicator that has not seen enough bars, `x[n]` before `n` bars of
//! history, a division by zero, or a position field while flat has no value. Arithmetic on it
//! has no value; a comparison with it is unknown; `and`/`or` are false/true as soon as one side
//! decides, and `not` keeps unknown unknown. A rule fires only when it is true, so an unknown
//! rule does not fire.
//!
//! # Decisions
//!
//! Each bar, against the side held at the bar's start: flat → `enter_long`, else
//! `enter_short`; long → `enter_short` (a reversal), else `exit_long`; short → `enter_long`,
//! else `exit_short`. A short decision without `allow_short` goes flat. A position held
//! `time_exit_bars` bars goes flat first. See `engine::strategies::eval` for how decisions
//! become orders.
//!
//! # Limits
//!
//! An expression has at most 2,000 characters, 400 parts and 24 levels of brackets; a value
//! looks back at most 10,000 bars; a definition has at most 64 parameters, 64 indicators and
//! 128 values with history, and its document at most 64 KiB. Each limit has its error.

pub mod check;
pub mod document;
pub mod error;
pub mod indicators;
pub mod params;
pub mod plan;
pub mod syntax;

#[cfg(test)]
mod tests;
