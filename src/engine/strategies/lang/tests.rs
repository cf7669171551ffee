//! The language's checks: every class of bad definition gets its named error (path, problem,
//! position), good ones check, and the TOML and JSON forms of a definition are one definition.

use serde_json::{Map, Value, json};

use super::{
    check::{check, compile},
    document::Definition,
    plan::{Expr, SizingSpec},
};

/// A definition from TOML (which must parse).
fn toml(text: &str) -> Definition {
    Definition::from_toml(text).unwrap_or_else(|e| panic!("{e}"))
}

/// The error of checking a TOML definition.
fn error(text: &str) -> String {
    match Definition::from_toml(text) {
        Err(e) => e.to_string(),
        Ok(def) => check(&def)
            .map(|_| panic!("expected an error for:\n{text}"))
            .unwrap_err()
            .to_string(),
    }
}

const BASE: &str = r#"
[parameters.fast]
type = "int"
default = 10
min = 1
max = 100

[indicators]
fast_ema = "ema(fast)"
"#;

fn with_rule(rule: &str) -> String {
    format!("{BASE}\n[rules]\nenter_long = \"{rule}\"\n")
}

#[test]
fn unknown_indicators_are_named_with_a_suggestion_and_the_column() {
    assert_eq!(
        error(&with_rule("close > 1 and emaa(10) > close")),
        "rules.enter_long: unknown indicator 'emaa' (did you mean 'ema'?) at column 15"
    );
    assert_eq!(
        error(&format!(
            "{BASE}\nslow = \"smaa(30)\"\n[rules]\nenter_long = \"true\"\n"
        )),
        "indicators.slow: unknown indicator 'smaa' (did you mean 'sma'?) at column 1"
    );
    assert_eq!(
        error(&with_rule("fast_emma > close")),
        "rules.enter_long: unknown name 'fast_emma' (did you mean 'fast_ema'?) at column 1"
    );
    assert!(
        error(&with_rule("rsi > 30")).contains("to use the rsi indicator, call it"),
        "{}",
        error(&with_rule("rsi > 30"))
    );
}

#[test]
fn type_errors_say_what_was_expected_and_where() {
    assert_eq!(
        error(&with_rule("rsi(14) and 3")),
        "rules.enter_long: 'and' needs a condition (true or false), got a number at column 1"
    );
    assert_eq!(
        error(&with_rule("close > 3 and 3")),
        "rules.enter_long: 'and' needs a condition (true or false), got a number at column 15"
    );
    assert_eq!(
        error(&with_rule("close + 1")),
        "rules.enter_long: a rule must be a condition (true or false), got a number at column 1"
    );
    assert_eq!(
        error(&with_rule("(close > 1) * 2 > 1")),
        "rules.enter_long: '*' needs a number, got a condition at column 1"
    );
    assert_eq!(
        error(&with_rule("position.side > 1")),
        "rules.enter_long: cannot compare a side with a number (sides compare with == and != to long, short or flat) at column 1"
    );
    assert_eq!(
        error(&with_rule("fast_ema.upper > 1")),
        "rules.enter_long: fast_ema (ema) has no output 'upper'; outputs: value at column 1"
    );
    assert_eq!(
        error(&with_rule("bb(20).uper > close")),
        "rules.enter_long: bb(20) (bb) has no output 'uper' (did you mean 'upper'?); outputs: middle, upper, lower at column 1"
    );
    assert_eq!(
        error(&with_rule("position.sidee == long")),
        "rules.enter_long: position has no field 'sidee' (did you mean 'side'?); fields: side, entry_price, bars_held, unrealized_pct, quantity at column 1"
    );
}

#[test]
fn syntax_errors_point_at_the_position() {
    assert_eq!(
        error(&with_rule("close >> 1")),
        "rules.enter_long: unexpected '>', expected a value at column 8"
    );
    assert_eq!(
        error(&with_rule("(close > 1")),
        "rules.enter_long: '(' is not closed at column 1"
    );
    assert!(error(&with_rule("")).contains("the expression is empty"));
    assert_eq!(
        error(&with_rule("close > 1)")),
        "rules.enter_long: ')' closes nothing at column 10"
    );
    assert_eq!(
        error(&with_rule("close > 1 and")),
        "rules.enter_long: unexpected end of the expression, expected a value at column 14"
    );
    assert_eq!(
        error(&with_rule("between('25:00', '10:00')")),
        "rules.enter_long: '25:00' is not a time of day HH:MM (UTC) at column 9"
    );
}

#[test]
fn parameters_are_checked_when_declared_and_when_given() {
    let def = toml(&with_rule("crosses_above(close, fast_ema)"));
    let given = |v: Value| -> String {
        compile(&def, v.as_object().unwrap())
            .map(|_| panic!("expected an error"))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        given(json!({"fast": 500})),
        "parameters.fast: must be at most 100, got 500"
    );
    assert_eq!(
        given(json!({"fast": 0})),
        "parameters.fast: must be at least 1, got 0"
    );
    assert_eq!(
        given(json!({"fast": "ten"})),
        "parameters.fast: invalid type: string \"ten\", expected an integer"
    );
    assert_eq!(
        given(json!({"slow": 3})),
        "parameters.slow: unknown parameter; valid parameters: fast"
    );
    assert_eq!(
        given(json!({"fasts": 3})),
        "parameters.fasts: unknown parameter (did you mean 'fast'?); valid parameters: fast"
    );
    assert_eq!(
        error(
            "[parameters.p]\ntype = \"int\"\ndefault = 500\nmax = 100\n[rules]\nenter_long = \"true\""
        ),
        "parameters.p.default: must be at most 100, got 500"
    );
    assert_eq!(
        error("[parameters.p]\ntype = \"int\"\n[rules]\nenter_long = \"true\""),
        "parameters.p: needs a default (or `optional = true`)"
    );
    assert_eq!(
        error("[parameters.close]\ntype = \"int\"\ndefault = 1\n[rules]\nenter_long = \"true\""),
        "parameters.close: 'close' is a word of the language; choose another name"
    );
    assert_eq!(
        error("[parameters.p]\ntype = \"choice\"\ndefault = \"a\"\n[rules]\nenter_long = \"true\""),
        "parameters.p.choices: a choice parameter needs its list of choices"
    );
    assert_eq!(
        error("[parameters.p]\ntype = \"integer\"\n[rules]\nenter_long = \"true\""),
        "parameters.p.type: unknown variant `integer`, expected one of `int`, `decimal`, `bool`, `choice`"
    );
}

#[test]
fn indicators_referencing_unknown_parameters_or_bad_arguments_are_named() {
    assert_eq!(
        error(
            "[parameters.period]\ntype = \"int\"\ndefault = 14\n[indicators]\nr = \"rsi(periodd)\"\n[rules]\nenter_long = \"r < 30\""
        ),
        "indicators.r: unknown name 'periodd' (did you mean 'period'?) at column 5"
    );
    assert_eq!(
        error("[indicators]\ns = \"sma(2000)\"\n[rules]\nenter_long = \"close > s\""),
        "indicators.s: sma period must be at most 1024, got 2000 at column 5"
    );
    assert_eq!(
        error("[indicators]\nm = \"ma(2000, 'SMA')\"\n[rules]\nenter_long = \"close > m\""),
        "indicators.m: ma: period must be at most 1024 for a Simple average, got 2000 at column 1"
    );
    assert_eq!(
        error("[indicators]\nb = \"bb(20, kk = 2)\"\n[rules]\nenter_long = \"close > b\""),
        "indicators.b: bb has no argument 'kk' (did you mean 'k'?); arguments: period, k, type at column 8"
    );
    assert_eq!(
        error("[indicators]\nm = \"macd(26, 12)\"\n[rules]\nenter_long = \"m > 0\""),
        "indicators.m: macd: slow (12) must be greater than fast (26) at column 1"
    );
    assert_eq!(
        error("[indicators]\ne = \"ema(close)\"\n[rules]\nenter_long = \"e > 0\""),
        "indicators.e: 'close' changes from bar to bar; only numbers and parameters may be used here at column 5"
    );
    assert_eq!(
        error("[indicators]\ne = \"ema\"\n[rules]\nenter_long = \"e > 0\""),
        "indicators.e: expected an indicator call such as ema(20) at column 1"
    );
    assert_eq!(
        error("[indicators]\nt = { of = \"ema(5)\", bars = \"1-FORTNIGHT-LAST\" }\n[rules]\nenter_long = \"t > 0\"")
            .split(':')
            .next()
            .unwrap(),
        "indicators.t.bars"
    );
}

#[test]
fn a_definition_that_could_never_place_an_order_is_refused() {
    assert_eq!(
        error("[rules]\nexit_long = \"close > 1\""),
        "rules: no entry rule (enter_long or enter_short): the strategy could never place an order"
    );
    assert_eq!(
        error("[rules]\nenter_short = \"close > 1\"\n[orders]\nallow_short = false"),
        "rules.enter_short: short entries are the only entries and allow_short is false: the strategy could never place an order"
    );
}

#[test]
fn orders_and_exits_are_checked() {
    let rule = "[rules]\nenter_long = \"close > 1\"\n";
    assert_eq!(
        error(&format!(
            "{rule}[orders]\nsize = {{ risk_fraction = 0.01 }}"
        )),
        "orders.size.risk_fraction: needs exits.stop_loss: the risk is the loss at the stop"
    );
    assert_eq!(
        error(&format!(
            "{rule}[orders]\nsize = {{ fixed = 1, equity_fraction = 0.5 }}"
        )),
        "orders.size: give exactly one of fixed, equity_fraction, risk_fraction"
    );
    assert_eq!(
        error(&format!("{rule}[orders]\nsize = {{ fixed = 0 }}")),
        "orders.size.fixed: must be greater than 0, got 0"
    );
    assert_eq!(
        error(&format!("{rule}[orders]\nentry = {{ type = \"limit\" }}")),
        "orders.entry.long_price: a limit or stop entry needs its price (price, or long_price and short_price)"
    );
    assert_eq!(
        error(&format!(
            "{rule}[orders]\nentry = {{ type = \"market\", price = \"close\" }}"
        )),
        "orders.entry.price: a market entry has no price"
    );
    assert_eq!(
        error(&format!(
            "{rule}[orders]\nentry = {{ type = \"limit\", price = \"close\", time_in_force = \"GTD\" }}"
        )),
        "orders.entry.expire_after_bars: a GTD entry needs the bars after which it expires"
    );
    assert_eq!(
        error(&format!(
            "{rule}[orders]\nentry = {{ type = \"limit\", price = \"close\", time_in_force = \"DAY\" }}"
        )),
        "orders.entry.time_in_force: 'DAY' is not one of GTC, IOC, FOK, GTD"
    );
    assert_eq!(
        error(&format!("{rule}[exits]\nstop_loss = {{ fraction = 1.5 }}")),
        "exits.stop_loss.fraction: must be less than 1, got 1.5"
    );
    assert_eq!(
        error(&format!(
            "{rule}[exits]\nstop_loss = {{ fraction = 0.1, percent = 2 }}"
        )),
        "exits.stop_loss: give exactly one of fraction, percent, distance, price"
    );
    assert_eq!(
        error(&format!(
            "{rule}[exits]\ntrailing_stop = {{ distance = \"atrr(14)\" }}"
        )),
        "exits.trailing_stop.distance: unknown indicator 'atrr' (did you mean 'atr'?) at column 1"
    );
    assert_eq!(
        error(&format!("{rule}[exits]\ntime_exit_bars = 2.5")),
        "exits.time_exit_bars: must be a whole number of bars up to 1000000, got 2.5"
    );
    assert_eq!(
        error(&format!(
            "{rule}[exits]\nstop_loss = {{ fraction = 0.1 }}\nunknown = 3"
        )),
        "exits.unknown: unknown field `unknown`, expected one of `stop_loss`, `take_profit`, `trailing_stop`, `time_exit_bars`, `close_at_end`"
    );
}

#[test]
fn limits_keep_every_expression_bounded() {
    let long = vec!["close"; 400].join(" + ");
    assert!(
        error(&with_rule(&format!("{long} > 1"))).contains("characters long; the limit is 2000"),
    );
    let deep = format!("{}close{} > 1", "(".repeat(30), ")".repeat(30));
    assert_eq!(
        error(&with_rule(&deep)),
        "rules.enter_long: brackets nest more than 24 levels deep at column 25"
    );
    assert_eq!(
        error(&with_rule("close[20000] > 1")),
        "rules.enter_long: looks back 20000 bars; the limit is 10000 at column 7"
    );
    assert_eq!(
        error(&with_rule("highest(close, 0) > 1")),
        "rules.enter_long: a number of bars must be a whole number of at least 1, got 0 at column 16"
    );
    let many: String = (0..70)
        .map(|i| format!("i{i} = \"ema({})\"\n", i + 1))
        .collect();
    assert!(
        error(&format!(
            "[indicators]\n{many}[rules]\nenter_long = \"true\""
        ))
        .contains("more than 64 indicators"),
    );
    let big = format!(
        "description = \"{}\"\n[rules]\nenter_long = \"true\"",
        "x".repeat(70_000)
    );
    assert!(
        Definition::from_toml(&big)
            .unwrap_err()
            .to_string()
            .contains("the limit is 65536")
    );
    assert_eq!(
        error(&with_rule("position.entry_price[1] > 1")),
        "rules.enter_long: the position has no past values; use it only as it is now at column 1"
    );
}

#[test]
fn constraints_name_their_parameter_with_its_message() {
    let text = r#"
[parameters.fast]
type = "int"
default = 10
[parameters.slow]
type = "int"
default = 30
[[constraints]]
require = "fast < slow"
parameter = "fast"
message = "must be less than slow ({slow}), got {fast}"
[rules]
enter_long = "ema(fast) > ema(slow)"
"#;
    let def = toml(text);
    let e = compile(&def, json!({"fast": 40}).as_object().unwrap()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "parameters.fast: must be less than slow (30), got 40"
    );
    assert!(compile(&def, json!({"fast": 20}).as_object().unwrap()).is_ok());
    assert_eq!(
        error(
            "[[constraints]]\nrequire = \"x > 1\"\nparameter = \"x\"\n[rules]\nenter_long = \"true\""
        ),
        "constraints[0].parameter: 'x' is not a parameter"
    );
}

#[test]
fn toml_and_json_forms_are_one_definition_with_one_hash() {
    let text = r#"
description = "d"
[parameters.n]
type = "int"
default = 3
[indicators]
m = "sma(n)"
t = { of = "ema(5)", bars = "1-HOUR-LAST" }
[rules]
enter_long = "close > m and close > t"
[exits]
trailing_stop = { percent = 1.5 }
"#;
    let from_toml = toml(text);
    let json = json!({
        "description": "d",
        "parameters": {"n": {"type": "int", "default": 3}},
        "indicators": {"t": {"of": "ema(5)", "bars": "1-HOUR-LAST"}, "m": "sma(n)"},
        "rules": {"enter_long": "close > m and close > t"},
        "exits": {"trailing_stop": {"percent": 1.5}},
    });
    let from_json = Definition::from_json(&json).unwrap();
    // TOML tables have no order; a JSON document lists the indicators in its own.
    assert_eq!(from_toml.canonical(), from_json.canonical());
    assert_eq!(from_toml.hash(), from_json.hash());
    assert_eq!(
        Definition::from_text(&json.to_string()).unwrap().hash(),
        from_toml.hash()
    );
    // The canonical form reads back as the same definition.
    assert_eq!(
        Definition::from_json(&from_toml.canonical())
            .unwrap()
            .canonical(),
        from_toml.canonical()
    );
}

#[test]
fn constants_fold_and_inline_indicators_are_shared() {
    let def = toml(
        "[parameters.k]\ntype = \"decimal\"\ndefault = 2\n[rules]\nenter_long = \"rsi(14) < 10 * k + 10 and rsi(14) > k\"\nexit_long = \"rsi(14) > 70\"",
    );
    let plan = check(&def).unwrap();
    assert_eq!(plan.indicators.len(), 1, "one RSI for three calls");
    let Some(Expr::And(a, _)) = &plan.rules.enter_long else {
        panic!("{:?}", plan.rules.enter_long)
    };
    let Expr::Compare(_, _, limit) = a.as_ref() else {
        panic!("{a:?}")
    };
    assert_eq!(**limit, Expr::Number(30.0));
    assert_eq!(plan.sizing, SizingSpec::AllIn);
}

#[test]
fn an_optional_parameter_left_unset_turns_its_exit_or_size_off() {
    let text = r#"
[parameters.size]
type = "decimal"
optional = true
[parameters.stop]
type = "decimal"
optional = true
[rules]
enter_long = "close > 1"
[orders]
size = { fixed = "size" }
[exits]
stop_loss = { fraction = "stop" }
"#;
    let def = toml(text);
    let plan = check(&def).unwrap();
    assert_eq!(plan.sizing, SizingSpec::AllIn);
    assert!(plan.exits.stop_loss.is_none());
    let given: Map<String, Value> = json!({"size": "0.5", "stop": 0.02})
        .as_object()
        .unwrap()
        .clone();
    let plan = compile(&def, &given).unwrap();
    assert_eq!(plan.sizing, SizingSpec::Fixed("0.5".parse().unwrap()));
    assert!(plan.exits.stop_loss.is_some());
    assert_eq!(
        error(
            "[parameters.s]\ntype = \"decimal\"\noptional = true\n[rules]\nenter_long = \"close > s\""
        ),
        "rules.enter_long: parameter 's' is optional and unset; it can only be used alone, as a size or an exit that is then off at column 9"
    );
}

mod fuzz {
    //! Random and mutated definitions: checking never panics, and whatever checks runs on
    //! bars without panicking (bounded work per bar by construction).

    use std::sync::Arc;

    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use serde_json::{Map, Value, json};

    use super::super::{check::compile, document::Definition};
    use crate::engine::strategies::eval::{
        Account, AllIn, Evaluator, InstrumentFacts, Permit, PositionView, Setup,
    };

    const TOKENS: &[&str] = &[
        "close",
        "open",
        "high",
        "low",
        "volume",
        "fast",
        "k",
        "x",
        "rsi(14)",
        "ema(",
        "sma(3)",
        "bb(20, 2).upper",
        "macd(12, 26, 9).signal",
        "atr(14)",
        "dc(5).lower",
        "stoch(14, 3).k",
        "vwap()",
        "obv()",
        "aroon(10).up",
        "kc(10)",
        "crosses_above(",
        "crosses_below(",
        "highest(",
        "lowest(",
        "abs(",
        "min(",
        "max(",
        "ready(",
        "between('09:00', '17:00')",
        "position.side",
        "position.entry_price",
        "position.bars_held",
        "long",
        "short",
        "flat",
        "hour",
        "weekday",
        "bar_index",
        "and",
        "or",
        "not",
        "+",
        "-",
        "*",
        "/",
        "<",
        ">",
        "<=",
        ">=",
        "==",
        "!=",
        "(",
        ")",
        "[",
        "]",
        "[1]",
        "[3]",
        ",",
        "0",
        "1",
        "2.5",
        "100",
        "1e3",
        "true",
        "false",
        "'EMA'",
        ".",
        "=",
        "input = high",
        "ma(5, 'SMA')",
        "hma(9)",
        "linreg(10).slope",
        "ichimoku().span_a",
        "swings(5).changed",
        "amat().long_run",
    ];

    const NUMBERS: &[&str] = &[
        "close",
        "open[2]",
        "high",
        "low",
        "volume",
        "x",
        "x[5]",
        "rsi(7)",
        "sma(4)",
        "wma(6)",
        "hma(5)",
        "dema(3)",
        "rma(4)",
        "ama(5)",
        "vidya(5)",
        "vwap()",
        "linreg(5).cfo",
        "macd(3, 6, 2).histogram",
        "bb(5, 1.5).lower",
        "aroon(5).value",
        "bias(4)",
        "cci(5)",
        "cmo(5)",
        "dm(5).pos",
        "ichimoku(3, 5, 8, 2).span_b",
        "kvo(3, 6, 2)",
        "obv(5)",
        "pressure(4).cumulative",
        "psl(5)",
        "roc(3)",
        "stoch(5, 3).d",
        "swings(3).since_high",
        "vhf(5)",
        "er(5)",
        "atr(5)",
        "dc(5).upper",
        "kc(5, 1.5).middle",
        "kp(5)",
        "rvi(5)",
        "vr(3, 6)",
        "fuzzy(5).size",
        "highest(close, 7)",
        "lowest(low, 3)[1]",
        "abs(close - open)",
        "min(high, x, 5)",
        "max(close[1], x)",
        "position.unrealized_pct",
        "position.bars_held",
        "hour",
        "minute",
        "weekday",
        "bar_index",
        "1",
        "50",
        "0.5",
        "x / (close - close)",
    ];

    /// Mostly well-formed rules: comparisons of numbers joined by and/or, some negated.
    fn rule() -> impl Strategy<Value = String> {
        let cmp = prop::sample::select(&["<", ">", "<=", ">=", "==", "!="][..]);
        let term = (
            prop::sample::select(NUMBERS),
            cmp,
            prop::sample::select(NUMBERS),
            any::<bool>(),
        )
            .prop_map(|(a, c, b, not)| {
                let t = format!("{a} {c} {b}");
                if not { format!("not ({t})") } else { t }
            });
        prop::collection::vec((term, any::<bool>()), 1..5).prop_map(|terms| {
            terms
                .iter()
                .enumerate()
                .map(|(i, (t, or))| {
                    if i == 0 {
                        t.clone()
                    } else if *or {
                        format!(" or {t}")
                    } else {
                        format!(" and {t}")
                    }
                })
                .collect()
        })
    }

    fn expression() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(TOKENS), 0..24).prop_map(|t| t.join(" "))
    }

    struct Flat;

    impl Account for Flat {
        fn net_quantity(&self) -> Decimal {
            Decimal::ZERO
        }
        fn equity(&self) -> Option<Decimal> {
            Some(Decimal::from(100_000))
        }
        fn position(&self) -> Option<PositionView> {
            None
        }
    }

    /// Runs a definition that checks on a few hundred bars.
    fn run(def: &Definition, given: &Map<String, Value>) {
        let Ok(plan) = compile(def, given) else {
            return;
        };
        let spec = crate::data::parse_bar_spec("bars", "1-MINUTE-LAST").unwrap();
        let id = nautilus_model::identifiers::InstrumentId::from("BTCUSDT.BINANCE");
        let Ok(mut ev) = Evaluator::new(
            Arc::new(plan),
            Setup {
                facts: InstrumentFacts {
                    instrument_id: id,
                    price_increment: nautilus_model::types::Price::from("0.01"),
                    size_increment: nautilus_model::types::Quantity::from("0.001"),
                    min_quantity: None,
                    multiplier: Decimal::ONE,
                },
                all_in: AllIn::Budget(Decimal::from(100_000)),
                hedging: false,
                bar_step_ns: 60_000_000_000,
                bar_spec: spec,
            },
        ) else {
            return;
        };
        let bar_type = crate::data::bar_type(id, spec);
        for i in 0..240_i64 {
            let c = 4_000_000 + (i * 7919) % 5_000 - 2_500;
            let row = crate::data::codec::BarRow {
                ts: 1_704_067_200_000_000_000 + (i + 1) * 60_000_000_000,
                open: c - 30,
                high: c + 120,
                low: c - 150,
                close: c,
                volume: 1_000 + i % 13,
            };
            let bar = crate::data::nautilus::bar(bar_type, &row, 2, 3);
            let _ = ev.on_bar(&bar, &Flat, Permit::All);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn random_rules_never_panic(rule in expression(), exit in expression()) {
            let doc = json!({
                "parameters": {"fast": {"type": "int", "default": 5}, "k": {"type": "decimal", "default": 2}},
                "indicators": {"x": "ema(fast)"},
                "rules": {"enter_long": rule, "exit_long": exit},
                "exits": {"trailing_stop": {"distance": "2 * atr(14)"}, "time_exit_bars": 5},
            });
            if let Ok(def) = Definition::from_json(&doc) {
                run(&def, &Map::new());
            }
        }

        #[test]
        fn random_indicator_calls_and_prices_never_panic(call in expression(), price in expression(), n in -5i64..2_000_000) {
            let doc = json!({
                "parameters": {"fast": {"type": "int", "default": 5}, "k": {"type": "decimal", "default": 2}},
                "indicators": {"x": call},
                "rules": {"enter_long": "crosses_above(close, x)", "enter_short": "crosses_below(close, x)"},
                "orders": {"entry": {"type": "limit", "price": price, "time_in_force": "GTD", "expire_after_bars": 2}},
                "exits": {"stop_loss": {"distance": price}},
            });
            if let Ok(def) = Definition::from_json(&doc) {
                let given: Map<String, Value> = json!({"fast": n}).as_object().unwrap().clone();
                run(&def, &given);
            }
        }

        #[test]
        fn well_formed_rules_check_and_run(long in rule(), short in rule(), exit in rule(), hedging in any::<bool>()) {
            let doc = json!({
                "parameters": {"fast": {"type": "int", "default": 5}},
                "indicators": {"x": "ema(fast)", "h": {"of": "rsi(3)", "bars": "5-MINUTE-LAST"}},
                "rules": {"enter_long": long, "enter_short": short, "exit_long": exit, "exit_short": "h > 50"},
                "orders": {"size": {"equity_fraction": 0.5}, "allow_short": hedging},
                "exits": {"stop_loss": {"percent": 1}, "trailing_stop": {"basis_points": 40}, "time_exit_bars": 7},
            });
            let def = Definition::from_json(&doc).unwrap();
            prop_assert!(compile(&def, &Map::new()).is_ok(), "{:?}", compile(&def, &Map::new()).err());
            run(&def, &Map::new());
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let _ = Definition::from_text(&text);
            let _ = super::super::syntax::parse("rules.enter_long", &text);
        }
    }
}
