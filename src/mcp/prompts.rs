//! MCP prompts: the few conversations an agent starts most, with the current data embedded
//! and the tools to use named.

use std::sync::Arc;

use rmcp::{
    ErrorData,
    model::{GetPromptResult, JsonObject, Prompt, PromptArgument, PromptMessage, Role},
};
use serde_json::{Value, json};

use crate::{
    caller::{Caller, Scope},
    ops::{
        call::Call,
        context::Context,
        registry::{CallError, find_tool},
    },
};

/// The prompts for `prompts/list`.
#[must_use]
pub fn list() -> Vec<Prompt> {
    let arg = |name: &str, description: &str, required: bool| {
        PromptArgument::new(name)
            .with_description(description)
            .with_required(required)
    };
    vec![
        Prompt::new(
            "backtest_strategy_idea",
            Some(
                "Turn a trading idea into backtests on the built-in strategies and say whether it holds up",
            ),
            Some(vec![
                arg(
                    "idea",
                    "The idea in plain words, e.g. 'buy BTC when it breaks a 20-day high'",
                    true,
                ),
                arg(
                    "instrument_id",
                    "Instrument to test on, SYMBOL.VENUE (default BTCUSDT.BINANCE)",
                    false,
                ),
            ]),
        ),
        Prompt::new(
            "strategy_from_idea",
            Some(
                "Turn a trading idea in words into a strategy definition in the strategy language, check it, store it and backtest it",
            ),
            Some(vec![
                arg(
                    "idea",
                    "The idea in plain words, e.g. 'buy when the 10/50 EMA cross up while RSI(14) < 70, exit on a 3xATR trailing stop or after 48 bars'",
                    true,
                ),
                arg(
                    "instrument_id",
                    "Instrument to test on, SYMBOL.VENUE (default BTCUSDT.BINANCE)",
                    false,
                ),
            ]),
        ),
        Prompt::new(
            "review_open_risk",
            Some(
                "Review the paper account's open positions, orders and risk, and propose concrete actions",
            ),
            Some(vec![arg(
                "venue",
                "Venue, e.g. BINANCE (default: the configured default venue)",
                false,
            )]),
        ),
        Prompt::new(
            "explain_backtest",
            Some(
                "Explain a backtest's results: what the statistics say, where the PnL came from, how far to trust it",
            ),
            Some(vec![arg(
                "run_id",
                "Backtest run id (default: the newest run)",
                false,
            )]),
        ),
        Prompt::new(
            "market_snapshot",
            Some(
                "Summarise an instrument's market now: price, spread, book, recent trades and the day's range",
            ),
            Some(vec![arg(
                "instrument_id",
                "Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE",
                true,
            )]),
        ),
    ]
}

/// Runs a read-only tool: its JSON, or why it is unavailable.
async fn read_tool(ctx: &Arc<Context>, tool: &str, args: Value) -> Result<Value, String> {
    let Some(entry) = find_tool(tool) else {
        return Err(format!("{tool} is not available"));
    };
    entry
        .call_json(
            ctx.clone(),
            args,
            Call::default().with_caller(Caller::new("prompt", Scope::Read)),
        )
        .await
        .map_err(|e| match e {
            CallError::Failed(e) => format!("unavailable: {}", e.message),
            CallError::BadArguments(m) => format!("unavailable: {m}"),
        })
}

/// Runs a read-only tool and returns its JSON, or a line saying why it is unavailable.
async fn embed(ctx: &Arc<Context>, tool: &str, args: Value) -> String {
    match read_tool(ctx, tool, args).await {
        Ok(doc) => serde_json::to_string_pretty(&doc).unwrap_or_default(),
        Err(why) => format!("({why})"),
    }
}

fn text_arg(args: Option<&JsonObject>, name: &str) -> Option<String> {
    args.and_then(|a| a.get(name))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn required(args: Option<&JsonObject>, prompt: &str, name: &str) -> Result<String, ErrorData> {
    text_arg(args, name).ok_or_else(|| {
        ErrorData::invalid_params(
            format!("prompt {prompt} needs the argument '{name}'"),
            Some(json!({ "prompt": prompt, "argument": name })),
        )
    })
}

/// Builds a prompt's messages.
pub async fn get(
    ctx: Arc<Context>,
    name: &str,
    args: Option<&JsonObject>,
) -> Result<GetPromptResult, ErrorData> {
    let (description, text) = match name {
        "backtest_strategy_idea" => {
            let idea = required(args, name, "idea")?;
            let instrument =
                text_arg(args, "instrument_id").unwrap_or_else(|| "BTCUSDT.BINANCE".into());
            let data = match read_tool(&ctx, "list_data", json!({})).await {
                Ok(doc) => {
                    let rows: Vec<String> = doc["series"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|s| s["instrument_id"] == instrument.as_str())
                        .map(|s| {
                            format!(
                                "- {} {}: {} rows, {} to {}",
                                s["kind"].as_str().unwrap_or_default(),
                                s["spec"].as_str().unwrap_or_default(),
                                s["rows"],
                                s["first"].as_str().unwrap_or_default(),
                                s["last"].as_str().unwrap_or_default()
                            )
                        })
                        .collect();
                    if rows.is_empty() {
                        format!(
                            "nothing yet for {instrument}: create data with `generate_data` or `import_data` first"
                        )
                    } else {
                        rows.join("\n")
                    }
                }
                Err(why) => format!("(the catalog could not be read: {why})"),
            };
            let strategies = match read_tool(&ctx, "list_strategies", json!({})).await {
                Ok(doc) => doc["strategies"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|s| {
                        format!(
                            "- {}: {}",
                            s["strategy_id"].as_str().unwrap_or_default(),
                            s["description"].as_str().unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
                Err(why) => format!("({why})"),
            };
            (
                format!("Backtest the idea on {instrument}"),
                format!(
                    "I have a trading idea and want to know whether it holds up on historical data, \
                     tested with NautilusTrader's backtest engine.\n\nIdea: {idea}\n\nInstrument: \
                     {instrument}\n\nWhat the catalog holds for it (from `list_data`):\n{data}\n\n\
                     Built-in strategies (`list_strategies` gives every parameter with its range):\n\
                     {strategies}\n\nPlease:\n\
                     1. Map the idea onto the closest built-in strategy and parameters; if none \
                     fits, write it as a definition in the strategy language (the \
                     `strategy_from_idea` prompt has the language and examples) and check it with \
                     `validate_strategy`, then store it with `define_strategy`.\n\
                     2. If data is missing, create it with `import_data` or `generate_data`; look \
                     at it with `get_bars` (e.g. 1-DAY-LAST) to know the regime you test in.\n\
                     3. Store a configuration with `configure_backtest` (instrument, date range, \
                     capital, fees and fill model), then run it with `run_backtest`.\n\
                     4. Read `get_backtest_results` and `analyze_trades`; compare with the \
                     buy-and-hold benchmark in the results.\n\
                     5. Check robustness with a small `sweep_backtest` grid around the chosen \
                     parameters and, if there is enough data, on a second date range.\n\
                     6. Conclude: is there an edge after fees, how stable is it, and what would \
                     you test next? Quote the run ids you rely on."
                ),
            )
        }
        "strategy_from_idea" => {
            let idea = required(args, name, "idea")?;
            let instrument =
                text_arg(args, "instrument_id").unwrap_or_else(|| "BTCUSDT.BINANCE".into());
            let data = embed(&ctx, "list_data", json!({})).await;
            (
                format!("Write the idea as a strategy definition and test it on {instrument}"),
                strategy_prompt(&idea, &instrument, &data),
            )
        }
        "review_open_risk" => {
            let venue = text_arg(args, "venue");
            let v = venue.clone().map_or(Value::Null, Value::from);
            let mut venue_args = serde_json::Map::new();
            if let Some(v) = &venue {
                venue_args.insert("venue".into(), v.clone().into());
            }
            let account = embed(&ctx, "get_account_info", Value::Object(venue_args.clone())).await;
            let risk = embed(&ctx, "get_position_risk", Value::Object(venue_args.clone())).await;
            let mut order_args = venue_args;
            order_args.insert("status".into(), "open".into());
            let orders = embed(&ctx, "list_orders", Value::Object(order_args)).await;
            let name = v.as_str().unwrap_or("the default venue").to_string();
            (
                format!("Review open risk on {name}"),
                format!(
                    "Review my open risk on {name} (paper trading on NautilusTrader).\n\n\
                     Account (`get_account_info`):\n{account}\n\nPositions and their risk \
                     (`get_position_risk`):\n{risk}\n\nOpen orders (`list_orders`):\n{orders}\n\n\
                     Please:\n\
                     1. Summarise exposure per instrument and in total against equity, the leverage \
                     and margin use, and the one-day VaR and expected shortfall.\n\
                     2. Flag positions without a protective stop, stops that are too far or too \
                     close (check prices with `get_ticker` and `get_order_book`), and orders that \
                     no longer make sense.\n\
                     3. Propose concrete actions with exact parameters (`submit_stop_order`, \
                     `modify_order`, `cancel_order`, `submit_market_order` with reduce_only), \
                     ranked by how much risk they remove. Do not place or change any order until \
                     I confirm."
                ),
            )
        }
        "explain_backtest" => {
            let run = text_arg(args, "run_id");
            let mut a = serde_json::Map::new();
            if let Some(r) = &run {
                a.insert("run_id".into(), r.clone().into());
            }
            a.insert("no_equity".into(), true.into());
            let results = embed(&ctx, "get_backtest_results", Value::Object(a)).await;
            let which = run.unwrap_or_else(|| "the newest run".into());
            (
                format!("Explain backtest {which}"),
                format!(
                    "Explain this NautilusTrader backtest ({which}) to me.\n\nResults \
                     (`get_backtest_results`, equity curve left out):\n{results}\n\nPlease:\n\
                     1. Say in plain words what the strategy did and how it fared against \
                     buy-and-hold of the same instrument.\n\
                     2. Explain the key statistics (PnL, Sharpe and Sortino, max drawdown, win \
                     rate, profit factor, expectancy) and what they mean together.\n\
                     3. Use `analyze_trades` on this run to find where the PnL came from: long vs \
                     short, best and worst trades, weekday and hour, streaks; and \
                     `get_backtest_results` with an equity resolution to see the drawdowns.\n\
                     4. Say how far to trust it: number of trades, fees and fill model, date range \
                     and regime, risk of overfitting if it came from a sweep.\n\
                     5. Suggest the next experiment."
                ),
            )
        }
        "market_snapshot" => {
            let id = required(args, name, "instrument_id")?;
            let ticker = embed(&ctx, "get_ticker", json!({ "instrument_id": id })).await;
            let book = embed(
                &ctx,
                "get_order_book",
                json!({ "instrument_id": id, "depth": 5 }),
            )
            .await;
            let trades = embed(
                &ctx,
                "get_trades",
                json!({ "instrument_id": id, "limit": 20 }),
            )
            .await;
            (
                format!("Market snapshot of {id}"),
                format!(
                    "Give me a short market read of {id}.\n\nTicker (`get_ticker`):\n{ticker}\n\n\
                     Order book (`get_order_book`):\n{book}\n\nRecent trades (`get_trades`):\n\
                     {trades}\n\nSay where the price is against the window's range and open, the \
                     spread and book imbalance, and what recent trades show; state each figure's \
                     source and as-of time. For more history use `get_bars` (e.g. 1-HOUR-LAST over \
                     the last days)."
                ),
            )
        }
        other => {
            return Err(ErrorData::invalid_params(
                format!(
                    "unknown prompt '{other}'; prompts: backtest_strategy_idea, strategy_from_idea, \
                     review_open_risk, explain_backtest, market_snapshot"
                ),
                Some(json!({ "prompt": other })),
            ));
        }
    };
    Ok(
        GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
            .with_description(description),
    )
}

/// The text of `strategy_from_idea`: the idea, the data, the language and two examples.
fn strategy_prompt(idea: &str, instrument: &str, data: &str) -> String {
    let guide = crate::ops::strategy::language_guide();
    format!(
        "Write this trading idea as a strategy definition in nautilus-mcp's strategy language, \
         check it, store it and backtest it on {instrument} with NautilusTrader.\n\n\
         Idea: {idea}\n\n\
         The catalog (`list_data`):\n{data}\n\n\
         # The language\n\n{reference}\n\n```text\n{grammar}```\n\n\
         # Indicators (Nautilus's, by name; arguments with their defaults -> outputs)\n\n\
         {indicators}\n\n\
         # Worked example 1: an EMA crossover with an RSI filter, a time window, risk-based sizing, \
         a 3-ATR trailing stop and a time exit (TOML, as a person writes it)\n\n\
         ```toml\n{toml_example}```\n\n\
         # Worked example 2: a pullback bought with an expiring limit order, ATR stop and target \
         (the JSON document define_strategy takes)\n\n```json\n{json_example}\n```\n\n\
         Please:\n\
         1. Write the idea as one definition (JSON). Name the parameters a sweep should vary and \
         give them ranges; say what in the idea the language cannot express, if anything.\n\
         2. Check it with `validate_strategy` (`definition` = the JSON); fix each error it names \
         (path and column) until it is valid, and read the orders its sample run placed: do they \
         match the idea?\n\
         3. Store it with `define_strategy` under a short name.\n\
         4. Backtest it with `run_backtest` (strategy_id = the name; configure the data with \
         `configure_backtest` first if needed); compare with the buy-and-hold benchmark in the \
         results and read `analyze_trades`.\n\
         5. Try a small `sweep_backtest` grid over its parameters, and conclude with the run ids.",
        reference = guide.reference,
        grammar = guide.grammar,
        indicators = guide.indicators,
        toml_example = guide.toml_example,
        json_example = guide.json_example,
    )
}
