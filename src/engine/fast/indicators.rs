//! Indicator values as columns: each distinct indicator and arguments of the definitions in a
//! batch computed once over the bars, by the very indicator objects the evaluator runs
//! (`lang::indicators`, Nautilus's own types) fed the values the evaluator feeds them, so every
//! value is the engine's, bit for bit.

use std::{collections::HashMap, sync::Arc};

use crate::engine::strategies::lang::{indicators::BarValues, plan::IndicatorSpec};

use super::bars::Bars;

/// An indicator's outputs after each bar (NaN while it has no value).
#[derive(Debug, Clone)]
pub struct Column {
    /// One column per output, one value per bar.
    pub outputs: Vec<Vec<f64>>,
}

/// Computed columns, shared by every combination of a sweep.
#[derive(Debug, Default)]
pub struct Columns {
    map: HashMap<String, Arc<Column>>,
}

/// What identifies an indicator's values over the same bars: its name and arguments.
fn key(spec: &IndicatorSpec) -> String {
    format!("{}{:?}", spec.def.name, spec.args)
}

impl Columns {
    /// The column of `spec`, computed on first use.
    pub fn get(&mut self, spec: &IndicatorSpec, bars: &Bars) -> Arc<Column> {
        self.map
            .entry(key(spec))
            .or_insert_with(|| Arc::new(compute(spec, bars)))
            .clone()
    }

    /// The column of `spec`, if computed.
    #[must_use]
    pub fn lookup(&self, spec: &IndicatorSpec) -> Option<Arc<Column>> {
        self.map.get(&key(spec)).cloned()
    }

    /// Number of distinct indicator columns held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when none is held.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The values the evaluator feeds its indicators at bar `i`.
#[must_use]
pub fn bar_values(b: &Bars, i: usize) -> BarValues {
    BarValues {
        open: b.open_f[i],
        high: b.high_f[i],
        low: b.low_f[i],
        close: b.close_f[i],
        volume: b.volume_f[i],
        seconds: b.ts[i] as f64 / 1e9,
    }
}

/// Runs one indicator over all bars, reading every output after each.
#[must_use]
pub fn compute(spec: &IndicatorSpec, b: &Bars) -> Column {
    let n = b.len();
    let mut running = (spec.def.build)(&spec.args);
    let mut outputs = vec![Vec::with_capacity(n); spec.def.outputs.len().max(1)];
    for i in 0..n {
        running.update(&bar_values(b, i));
        for (k, col) in outputs.iter_mut().enumerate() {
            col.push(running.output(k));
        }
    }
    Column { outputs }
}
