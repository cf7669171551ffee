//! The shared command layer: one module per tool group, each operation defined once.

pub mod assign;
pub mod backtest;
pub mod call;
pub mod context;
pub mod data;
pub mod error;
pub mod params;
pub mod registry;
pub mod strategy;

use registry::{OpEntry, entry};

/// Every operation; the registry sorts them by group.
pub(crate) fn all_operations() -> Vec<OpEntry> {
    vec![
        entry::<strategy::ListStrategies>(),
        entry::<backtest::ConfigureBacktest>(),
        entry::<backtest::AddInstruments>(),
        entry::<backtest::SetDateRange>(),
        entry::<backtest::RunBacktest>(),
        entry::<backtest::GetBacktestResults>(),
        entry::<backtest::AnalyzeTrades>(),
        entry::<backtest::ListBacktests>(),
        entry::<backtest::SweepBacktest>(),
        entry::<data::ImportData>(),
        entry::<data::ListData>(),
        entry::<data::GenerateData>(),
    ]
}
