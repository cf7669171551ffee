//! Arguments generated from a tool's own input schema: valid ones (types, enums, required
//! fields, the words its descriptions use) and mutated ones (wrong types, missing and extra
//! fields, extreme numbers, empty, huge and unicode strings, deep nesting, invalid number
//! tokens). Everything comes from one seeded generator, so a seed replays the same calls.

use std::collections::{BTreeMap, BTreeSet};

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use serde_json::{Map, Value, json};

/// Marks a place the JSON text writer fills with raw text (an invalid number token, nesting
/// past the parser's limit): `{MARKER}index{MARKER}`.
const MARKER: char = '\u{1}';

/// Number tokens that JSON (or serde_json) cannot hold: the server must answer them with a
/// parse error, not drop the request.
const RAW_TOKENS: &[&str] = &["NaN", "Infinity", "-Infinity", "1e400", "-1e400"];

/// Values worth trying in any string field: the shapes that break parsers and limits.
fn hostile_strings() -> Vec<String> {
    vec![
        String::new(),
        " ".into(),
        "\u{0}".into(),
        "NaN".into(),
        "inf".into(),
        "-inf".into(),
        "1e400".into(),
        "-1e-400".into(),
        "1e18".into(),
        "-1".into(),
        "0".into(),
        "-0".into(),
        "9".repeat(40),
        "0.".to_string() + &"0".repeat(40) + "1",
        "1_000".into(),
        "0x10".into(),
        "Ω≈ç√∫˜µ≤≥÷".into(),
        "🚀💰📉".into(),
        "\u{202e}RTL\u{202c}".into(),
        "e\u{301}\u{301}\u{301}".into(),
        "a\nb\r\nc\t".into(),
        "%s%n%x".into(),
        "'; DROP TABLE orders; --".into(),
        "../../../../etc/passwd".into(),
        "/dev/zero".into(),
        "/dev/null".into(),
        "/proc/self/status".into(),
        "/nonexistent/dir/file.csv".into(),
        "2262-04-12T00:00:00Z".into(),
        "2262-04-11T23:47:16.854775807Z".into(),
        "1677-09-21T00:12:43Z".into(),
        "0000-01-01T00:00:00Z".into(),
        "9999-12-31T23:59:59Z".into(),
        "+275760-09-13T00:00:00Z".into(),
        "99999999999999-DAY-LAST".into(),
        "18446744073709551615-MINUTE-LAST".into(),
        "9223372036854775807-SECOND-BID".into(),
        "999999999999999999999d".into(),
        "9223372036854775807h".into(),
        "BTCUSDT.".into(),
        ".BINANCE".into(),
        "A.B.C".into(),
    ]
}

/// Domain words every trading tool understands; the schemas' descriptions add their own.
const DOMAIN: &[&str] = &[
    "BTCUSDT.BINANCE",
    "ETHUSDT.BINANCE",
    "USD/JPY.FXCM",
    "EUR/USD.FXCM",
    "NOPE.NOWHERE",
    "BINANCE",
    "FXCM",
    "SIM",
    "1-MINUTE-LAST",
    "5-MINUTE-LAST",
    "1-HOUR-LAST",
    "1-DAY-LAST",
    "1-MINUTE-BID",
    "2024-01-05T00:00:00Z",
    "2024-01-10T12:00:00Z",
    "2024-01-20",
    "2024-02-01",
    "2030-01-01T00:00:00Z",
    "MovingAverageCrossover",
    "RsiMeanReversion",
    "BollingerBreakout",
    "DonchianBreakout",
    "BuyAndHold",
    "BUY",
    "SELL",
    "GTC",
    "IOC",
    "FOK",
    "GTD",
    "DAY",
    "open",
    "closed",
    "all",
    "paper",
    "testnet",
    "live",
    "cash",
    "margin",
    "netting",
    "hedging",
    "L1_MBP",
    "L2_MBP",
    "24h",
    "1h",
    "7d",
    "1d",
    "pnl_pct",
    "sharpe_ratio",
    "long",
    "short",
    "USDT",
    "USD",
    "100000 USDT",
    "1000 BTC",
    "42100:1.5,42099.5:2",
    "42101:0.5",
];

/// Values that fit a field of this name on the fuzzed node (BTCUSDT around 35,000-42,000 in
/// January 2024): calls that are valid in every field reach past validation, and a mutation of
/// one field probes how that field is handled deep inside.
fn good_values(field: &str) -> Vec<Value> {
    let v: Vec<Value> = match field {
        "instrument_id" | "instruments" => vec![json!("BTCUSDT.BINANCE")],
        "venue" | "venue_name" | "venues" => vec![json!("BINANCE")],
        "quantity" | "size" | "bid_size" | "ask_size" => {
            vec![json!("0.01"), json!(0.1), json!("0.5"), json!(1)]
        }
        "price" => vec![json!(34000), json!("35000.5"), json!(36000), json!(38000)],
        "trigger_price" => vec![json!(33000), json!(39000)],
        "stop_loss" => vec![json!(30000)],
        "take_profit" => vec![json!(45000)],
        "bid" => vec![json!(35000)],
        "ask" => vec![json!(35001)],
        "last" => vec![json!("35000.5")],
        "bids" => vec![json!([[35000, 1.5], ["34999.5", 2]]), json!("35000:1.5")],
        "asks" => vec![json!([[35001, 0.5]]), json!("35001:0.5,35002:1")],
        "bar_spec" => vec![
            json!("1-MINUTE-LAST"),
            json!("1-HOUR-LAST"),
            json!("5-MINUTE-LAST"),
        ],
        "start" | "start_date" => vec![json!("2024-01-02"), json!("2024-01-10T00:00:00Z")],
        "end" | "end_date" => vec![json!("2024-01-08"), json!("2024-01-20T00:00:00Z")],
        "until" => vec![json!("2024-01-16T00:00:00Z"), json!("2024-01-20T00:00:00Z")],
        "time_in_force" => vec![json!("GTC"), json!("IOC"), json!("GTD")],
        "strategy_id" => vec![
            json!("MovingAverageCrossover"),
            json!("BuyAndHold"),
            json!("RsiMeanReversion"),
        ],
        "status" => vec![json!("open"), json!("all")],
        "window" => vec![json!("24h"), json!("1h")],
        "resolution" => vec![json!("1h"), json!("1d")],
        "rank_by" => vec![json!("pnl_pct"), json!("sharpe_ratio")],
        "threads" => vec![json!(1), json!(2)],
        "limit" => vec![json!(10), json!(100)],
        "depth" => vec![json!(5), json!(10)],
        "bars" => vec![json!(5), json!(100), json!(1000)],
        "start_price" => vec![json!(42000), json!("100.5")],
        "volatility" => vec![json!(0.6)],
        "drift" => vec![json!(0)],
        "account_type" => vec![json!("cash"), json!("margin")],
        "oms_type" => vec![json!("netting")],
        "book_type" => vec![json!("L1_MBP")],
        "mode" => vec![json!("paper")],
        "starting_balances" => vec![json!("100000 USDT")],
        "leverage" => vec![json!(1), json!(3)],
        "maker_fee" | "taker_fee" => vec![json!("0.001")],
        "data_source" => vec![json!("catalog")],
        "fee_model" => vec![json!("maker_taker")],
        "fill_model" => vec![json!("default"), json!("volume")],
        "config" | "name" => vec![json!("fz")],
        "reason" => vec![json!("fuzz")],
        "side" => vec![json!("BUY"), json!("SELL")],
        "outcome" => vec![json!("win"), json!("loss")],
        "min_pnl" => vec![json!(-100)],
        "max_pnl" => vec![json!(100)],
        "symbol_filter" => vec![json!("BTC")],
        "kind" => vec![json!("bars")],
        // Only some requests may name these.
        "position_id" | "ts" | "expire_time" | "csv" | "data_path" => vec![Value::Null],
        _ => Vec::new(),
    };
    v
}

/// Strategy parameter names and values, for the free-form parameter and grid objects.
const PARAM_NAMES: &[&str] = &[
    "fast_period",
    "slow_period",
    "trade_size",
    "period",
    "stop_loss",
    "take_profit",
    "allow_short",
    "ma_type",
    "oversold",
    "overbought",
    "std_dev",
];

const NUMBERS: &[f64] = &[
    0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 34900.0, 35000.0, 35100.5, 40000.0,
    42000.0, 50000.0, 100000.0,
];

/// Numbers at and past every limit a field may have.
fn extreme_numbers() -> Vec<Value> {
    vec![
        json!(0),
        json!(-1),
        json!(-0.0),
        json!(1e-300),
        json!(5e-324),
        json!(0.1 + 0.2),
        json!(1e15),
        json!(1e18),
        json!(1.5e19),
        json!(1e300),
        json!(-1e300),
        json!(f64::MAX),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(u32::MAX),
        json!(u32::MAX as u64 + 1),
        json!(2_000_000_000_000u64),
        json!(123.456_789_012_345_68),
    ]
}

/// The generator: a seeded random source and the words it draws strings from.
pub struct Generator {
    pub rng: StdRng,
    /// Strings the server answered with, by field name (order ids, run ids...): calls that
    /// name them reach past "not found".
    pub seen: BTreeMap<String, BTreeSet<String>>,
    /// Absolute paths of real files worth importing.
    pub files: Vec<String>,
    /// Raw texts waiting for [`Generator::text`] to put them in place of their markers, and
    /// whether JSON parsers refuse them.
    raw: Vec<(String, bool)>,
    /// A credential value that must never come back in an answer or a log.
    pub secret: String,
}

/// How a call's arguments were made, for the failure message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Valid,
    Mutated,
    /// The text holds something JSON parsers refuse.
    Unparsable,
}

impl Generator {
    pub fn new(seed: u64, files: Vec<String>, secret: String) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            seen: BTreeMap::new(),
            files,
            secret,
            raw: Vec::new(),
        }
    }

    /// Arguments for a tool: valid for its schema, or mutated.
    pub fn arguments(&mut self, schema: &Value) -> (Value, Shape) {
        let mut args = self.valid(schema, "", 0);
        if !args.is_object() {
            args = Value::Object(Map::new());
        }
        let roll: f64 = self.rng.random();
        if roll < 0.45 {
            return (args, Shape::Valid);
        }
        for _ in 0..self.rng.random_range(1..=3) {
            self.mutate(schema, &mut args);
        }
        (args, Shape::Mutated)
    }

    /// A valid value for `schema`; `name` is the property it fills.
    fn valid(&mut self, schema: &Value, name: &str, depth: usize) -> Value {
        let good = good_values(name);
        if !good.is_empty() && self.rng.random_bool(0.75) {
            let v = good.choose(&mut self.rng).unwrap().clone();
            let wants_array = schema.get("type").is_some_and(|t| {
                t == "array"
                    || t.as_array()
                        .is_some_and(|ts| ts.len() == 1 && ts[0] == "array")
            });
            return if wants_array && !v.is_array() {
                json!([v])
            } else {
                v
            };
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array)
            && let Some(v) = values.choose(&mut self.rng)
        {
            return v.clone();
        }
        if let Some(c) = schema.get("const") {
            return c.clone();
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(options) = schema.get(key).and_then(Value::as_array)
                && let Some(option) = options.choose(&mut self.rng)
            {
                return self.valid(option, name, depth);
            }
        }
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec!["string", "number", "object"],
        };
        let non_null: Vec<&str> = types.iter().copied().filter(|t| *t != "null").collect();
        let ty = if non_null.is_empty() || (types.contains(&"null") && self.rng.random_bool(0.1)) {
            "null"
        } else {
            non_null.choose(&mut self.rng).copied().unwrap_or("null")
        };
        match ty {
            "null" => Value::Null,
            "boolean" => Value::Bool(self.rng.random()),
            "integer" => self.integer(schema),
            "number" => self.number(),
            "string" => Value::String(self.string(schema, name)),
            "array" => {
                let n = self.rng.random_range(0..=3);
                let items = schema.get("items").cloned().unwrap_or(json!({}));
                if depth > 4 {
                    return json!([]);
                }
                Value::Array(
                    (0..n)
                        .map(|_| self.valid(&items, name, depth + 1))
                        .collect(),
                )
            }
            _ => self.object(schema, name, depth),
        }
    }

    fn object(&mut self, schema: &Value, name: &str, depth: usize) -> Value {
        let mut out = Map::new();
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (key, prop) in props {
                if required.contains(key.as_str()) || self.rng.random_bool(0.25) {
                    let v = self.valid(prop, key, depth + 1);
                    out.insert(key.clone(), v);
                }
            }
        } else if depth > 0 && depth < 4 {
            // A free-form map (strategy parameters, a grid, capital, credentials, columns).
            if name == "parameters" && self.rng.random_bool(0.7) {
                out.insert("trade_size".into(), json!("0.01"));
            }
            let least = usize::from(name == "grid");
            for _ in 0..self.rng.random_range(least..=2) {
                let key = self.map_key(name);
                let v = self.map_value(name, &key);
                out.insert(key, v);
            }
        }
        Value::Object(out)
    }

    fn map_key(&mut self, map: &str) -> String {
        let pool: &[&str] = match map {
            "initial_capital" => &["USDT", "USDT", "USD", "BTC", "XYZ"],
            "credentials" => &["api_key", "secret_key", "api_secret", "secret_key"],
            "columns" => &["timestamp", "open", "high", "low", "close", "volume", "bid"],
            _ if self.rng.random_bool(0.7) => &["fast_period", "slow_period", "trade_size"],
            _ => PARAM_NAMES,
        };
        (*pool.choose(&mut self.rng).unwrap()).to_string()
    }

    fn map_value(&mut self, map: &str, key: &str) -> Value {
        match (map, key) {
            ("credentials", "secret_key" | "api_secret") => json!(self.secret.clone()),
            ("credentials", _) => json!("fuzz-api-key"),
            ("initial_capital", _) => [json!(100_000), json!("25000.5"), json!(1)]
                .choose(&mut self.rng)
                .unwrap()
                .clone(),
            ("grid", _) => {
                let n = self.rng.random_range(1..=3);
                Value::Array((0..n).map(|_| self.param_value(key)).collect())
            }
            _ => self.param_value(key),
        }
    }

    fn param_value(&mut self, key: &str) -> Value {
        match key {
            "trade_size" => json!([0.01, 0.1, 1.0].choose(&mut self.rng).unwrap()),
            "stop_loss" | "take_profit" => json!([0.01, 0.02, 0.05].choose(&mut self.rng).unwrap()),
            "allow_short" => json!(self.rng.random_bool(0.5)),
            "ma_type" => json!(["EMA", "SMA"].choose(&mut self.rng).unwrap()),
            "fast_period" => json!(self.rng.random_range(2..12)),
            "slow_period" => json!(self.rng.random_range(15..60)),
            "oversold" => json!(self.rng.random_range(10..40)),
            "overbought" => json!(self.rng.random_range(60..90)),
            "std_dev" => json!([1.5, 2.0, 2.5].choose(&mut self.rng).unwrap()),
            _ => json!(self.rng.random_range(2..60)),
        }
    }

    fn integer(&mut self, schema: &Value) -> Value {
        let min = schema.get("minimum").and_then(Value::as_i64).unwrap_or(0);
        let roll: f64 = self.rng.random();
        let v = if roll < 0.6 {
            self.rng.random_range(0..=20)
        } else if roll < 0.9 {
            self.rng.random_range(0..=1000)
        } else {
            // Log-uniform up to ten million.
            10f64.powf(self.rng.random_range(3.0..7.0)) as i64
        };
        json!(v.max(min))
    }

    fn number(&mut self) -> Value {
        if self.rng.random_bool(0.8) {
            json!(*NUMBERS.choose(&mut self.rng).unwrap())
        } else {
            json!((self.rng.random_range(0.0..100_000.0f64) * 1000.0).round() / 1000.0)
        }
    }

    fn string(&mut self, schema: &Value, name: &str) -> String {
        let roll: f64 = self.rng.random();
        let seen_key = match name {
            "order_id" => "client_order_id",
            "config" => "name",
            other => other,
        };
        if roll < 0.3
            && let Some(seen) = self.seen.get(seen_key).filter(|s| !s.is_empty())
        {
            let i = self.rng.random_range(0..seen.len());
            return seen.iter().nth(i).cloned().unwrap_or_default();
        }
        if matches!(name, "path" | "ask_path" | "data_path" | "depth_file")
            && !self.files.is_empty()
            && roll < 0.6
        {
            return self
                .files
                .choose(&mut self.rng)
                .cloned()
                .unwrap_or_default();
        }
        if name == "csv" {
            return format!("out-{}.csv", self.rng.random_range(0..5));
        }
        if roll < 0.55 {
            let words = description_words(schema);
            if let Some(w) = words.choose(&mut self.rng) {
                return w.clone();
            }
        }
        (*DOMAIN.choose(&mut self.rng).unwrap()).to_string()
    }

    /// Changes `args` in one way a caller could get wrong.
    fn mutate(&mut self, schema: &Value, args: &mut Value) {
        let props = schema
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let names: Vec<String> = props.keys().cloned().collect();
        let obj = args.as_object_mut().expect("arguments are an object");
        let field = names.choose(&mut self.rng).cloned();
        match self.rng.random_range(0..10) {
            0 => {
                // Drop a field (required ones included).
                if let Some(f) = field {
                    obj.remove(&f);
                }
            }
            1 => {
                let extra = ["extra", "__proto__", "", "venue_name ", "QUANTITY"]
                    .choose(&mut self.rng)
                    .unwrap();
                obj.insert((*extra).to_string(), json!(1));
            }
            2 | 3 => {
                if let Some(f) = field {
                    let v = self.wrong_type();
                    obj.insert(f, v);
                }
            }
            4 | 5 => {
                if let Some(f) = field {
                    let v = extreme_numbers().choose(&mut self.rng).unwrap().clone();
                    obj.insert(f, v);
                }
            }
            6 | 7 => {
                if let Some(f) = field {
                    let v = self.hostile_string();
                    obj.insert(f, Value::String(v));
                }
            }
            8 => {
                if let Some(f) = field {
                    // Nesting the parser takes, or far past its limit.
                    let depth = if self.rng.random_bool(0.8) { 40 } else { 5_000 };
                    let v = self.raw_value("[".repeat(depth) + &"]".repeat(depth), depth > 100);
                    obj.insert(f, v);
                }
            }
            _ => {
                if let Some(f) = field {
                    let token = (*RAW_TOKENS.choose(&mut self.rng).unwrap()).to_string();
                    let v = self.raw_value(token, true);
                    obj.insert(f, v);
                }
            }
        }
    }

    fn wrong_type(&mut self) -> Value {
        match self.rng.random_range(0..6) {
            0 => Value::Null,
            1 => json!(true),
            2 => json!(7),
            3 => json!("seven"),
            4 => json!([1, "two", null]),
            _ => json!({"nested": {"object": [1]}}),
        }
    }

    fn hostile_string(&mut self) -> String {
        if self.rng.random_bool(0.04) {
            // A megabyte.
            return "A".repeat(1 << 20);
        }
        hostile_strings().choose(&mut self.rng).cloned().unwrap()
    }

    /// A placeholder value that [`Generator::text`] replaces by `raw` (`unparsable` when JSON
    /// parsers refuse it).
    fn raw_value(&mut self, raw: String, unparsable: bool) -> Value {
        self.raw.push((raw, unparsable));
        Value::String(format!("{MARKER}{}{MARKER}", self.raw.len() - 1))
    }

    /// The JSON text of a message, with the raw texts in place of the markers still in it, and
    /// whether the text is no longer JSON a parser takes.
    pub fn text(&mut self, message: &Value) -> (String, bool) {
        let mut text = message.to_string();
        let mut unparsable = false;
        for (i, (raw, refused)) in self.raw.drain(..).enumerate() {
            let marker = Value::String(format!("{MARKER}{i}{MARKER}")).to_string();
            if text.contains(&marker) {
                text = text.replace(&marker, &raw);
                unparsable |= refused;
            }
        }
        (text, unparsable)
    }

    /// Remembers the strings an answer names, so later calls can name them too.
    pub fn learn(&mut self, answer: &Value) {
        match answer {
            Value::Object(map) => {
                for (k, v) in map {
                    if let Value::String(s) = v
                        && matches!(
                            k.as_str(),
                            "client_order_id" | "run_id" | "instance_id" | "name" | "position_id"
                        )
                        && s.len() < 100
                    {
                        let set = self.seen.entry(k.clone()).or_default();
                        if set.len() < 200 {
                            set.insert(s.clone());
                        }
                    }
                    self.learn(v);
                }
            }
            Value::Array(items) => items.iter().take(50).for_each(|v| self.learn(v)),
            _ => {}
        }
    }
}

/// The words a property's description uses that look like values (`BTCUSDT.BINANCE`,
/// `1-MINUTE-LAST`, `GTC`...): the schema's own vocabulary.
fn description_words(schema: &Value) -> Vec<String> {
    let Some(text) = schema.get("description").and_then(Value::as_str) else {
        return Vec::new();
    };
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '`'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .filter(|w| w.len() >= 2 && w.len() <= 40)
        .filter(|w| {
            w.chars()
                .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                || w.contains('_')
                || w.contains('-')
        })
        .map(str::to_string)
        .collect()
}
