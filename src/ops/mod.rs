//! The shared command layer: one module per tool group, each operation defined once.

pub mod assign;
pub mod call;
pub mod context;
pub mod data;
pub mod error;
pub mod params;
pub mod registry;

use registry::{OpEntry, entry};

/// Every operation; the registry sorts them by group.
pub(crate) fn all_operations() -> Vec<OpEntry> {
    vec![
        entry::<data::ImportData>(),
        entry::<data::ListData>(),
        entry::<data::GenerateData>(),
    ]
}
