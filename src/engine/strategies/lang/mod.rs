#![doc = include_str!("REFERENCE.md")]
#![doc = "\n# The grammar (`grammar.pest`)\n\n```text"]
#![doc = include_str!("grammar.pest")]
#![doc = "```"]

pub mod check;
pub mod document;
pub mod error;
pub mod indicators;
pub mod params;
pub mod plan;
pub mod syntax;

#[cfg(test)]
mod tests;

/// The language reference (what the module documentation says), for agents.
pub const REFERENCE: &str = include_str!("REFERENCE.md");

/// The expression grammar, as pest reads it.
pub const GRAMMAR: &str = include_str!("grammar.pest");
