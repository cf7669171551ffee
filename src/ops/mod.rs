//! The shared command layer: one module per tool group, each operation defined once.

pub mod access;
pub mod account;
pub mod assign;
pub mod backtest;
pub mod call;
pub mod context;
pub mod data;
pub mod index;
pub mod market;
pub mod node;
pub mod order;
pub mod params;
pub mod position;
pub mod registry;
pub mod strategy;
pub mod venue;

use registry::{OpEntry, entry};

/// Every operation; the registry sorts them by group.
pub(crate) fn all_operations() -> Vec<OpEntry> {
    vec![
        entry::<node::InitNode>(),
        entry::<node::GetNodeStatus>(),
        entry::<node::AdvanceMarket>(),
        entry::<node::VerifyNode>(),
        entry::<node::HaltTrading>(),
        entry::<node::ResumeTrading>(),
        entry::<venue::ConnectVenue>(),
        entry::<order::SubmitMarket>(),
        entry::<order::SubmitLimit>(),
        entry::<order::SubmitStop>(),
        entry::<order::CancelOrder>(),
        entry::<order::ModifyOrder>(),
        entry::<order::CancelAll>(),
        entry::<order::GetOrderStatus>(),
        entry::<order::ListOrders>(),
        entry::<account::GetAccountInfo>(),
        entry::<position::GetPositions>(),
        entry::<position::GetPositionRisk>(),
        entry::<market::GetInstruments>(),
        entry::<market::GetOrderBook>(),
        entry::<market::GetTicker>(),
        entry::<market::GetTrades>(),
        entry::<market::GetBars>(),
        entry::<market::PushMarketData>(),
        entry::<strategy::DefineStrategy>(),
        entry::<strategy::GetStrategy>(),
        entry::<strategy::ValidateStrategy>(),
        entry::<strategy::DeleteStrategy>(),
        entry::<strategy::ConfigureStrategy>(),
        entry::<strategy::StepStrategies>(),
        entry::<strategy::StopStrategy>(),
        entry::<strategy::ListStrategies>(),
        entry::<backtest::ConfigureBacktest>(),
        entry::<backtest::AddInstruments>(),
        entry::<backtest::SetDateRange>(),
        entry::<backtest::RunBacktest>(),
        entry::<backtest::GetBacktestResults>(),
        entry::<backtest::AnalyzeTrades>(),
        entry::<backtest::ListBacktests>(),
        entry::<backtest::SweepBacktest>(),
        entry::<backtest::WalkForward>(),
        entry::<backtest::MonteCarlo>(),
        entry::<backtest::GetStudy>(),
        entry::<data::ImportData>(),
        entry::<data::ListData>(),
        entry::<data::GenerateData>(),
    ]
}
