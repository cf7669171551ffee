//! Who may do what: which operations a token scope permits, and which operations a process
//! exposes (`--read-only`, `--toolsets`). The scope and the caller themselves are in
//! [`crate::caller`].
//!
//! Everything here follows from one fact per operation, its [`OpClass`]: the scope a caller
//! needs, whether `--read-only` keeps it, and its MCP annotations.

use std::collections::BTreeSet;

use super::registry::{Group, OpClass, OpEntry};
use crate::{
    caller::Scope,
    error::{OpError, OpResult},
};

impl Scope {
    /// Whether this scope may run an operation of `class`.
    #[must_use]
    pub fn permits(self, class: OpClass) -> bool {
        self >= class.required_scope()
    }
}

/// Which operations a process offers, on the CLI and in `tools/list` alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    /// `--read-only`: only operations a `read` scope may run, and callers capped at `read`.
    pub read_only: bool,
    /// `--toolsets`: only these groups (all when `None`).
    pub toolsets: Option<BTreeSet<Group>>,
}

impl Default for Exposure {
    fn default() -> Self {
        Self::all()
    }
}

impl Exposure {
    /// Every operation.
    #[must_use]
    pub const fn all() -> Self {
        Self {
            read_only: false,
            toolsets: None,
        }
    }

    /// From `--read-only` and a `--toolsets` list such as `backtest,market`.
    pub fn new(read_only: bool, toolsets: Option<&str>) -> OpResult<Self> {
        let toolsets = toolsets.map(parse_toolsets).transpose()?;
        Ok(Self {
            read_only,
            toolsets,
        })
    }

    /// Whether an operation is offered.
    #[must_use]
    pub fn exposes(&self, entry: &OpEntry) -> bool {
        (!self.read_only || Scope::Read.permits(entry.info.class))
            && self
                .toolsets
                .as_ref()
                .is_none_or(|t| t.contains(&entry.info.group))
    }

    /// The most a caller of this process may do.
    #[must_use]
    pub fn cap(&self, scope: Scope) -> Scope {
        if self.read_only {
            scope.min(Scope::Read)
        } else {
            scope
        }
    }

    /// Why an operation is not offered, for an error message.
    #[must_use]
    pub fn why_hidden(&self, entry: &OpEntry) -> String {
        if self.read_only && !Scope::Read.permits(entry.info.class) {
            format!(
                "`{}` ({}) is a {} operation, which --read-only removes",
                entry.cli_path(),
                entry.info.tool_name,
                entry.info.class.as_str()
            )
        } else {
            format!(
                "`{}` ({}) is in the {} toolset, which --toolsets does not include",
                entry.cli_path(),
                entry.info.tool_name,
                entry.info.group.name()
            )
        }
    }
}

/// The toolset `name` (any case), or a client error on `field` naming the valid ones.
pub fn parse_toolset(field: &str, name: &str) -> OpResult<Group> {
    Group::ALL
        .into_iter()
        .find(|g| g.name().eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            let valid: Vec<&str> = Group::ALL.iter().map(|g| g.name()).collect();
            OpError::invalid(
                field,
                format!("'{name}' is not a toolset; valid: {}", valid.join(", ")),
            )
        })
}

/// Parses `backtest,market,...` into groups, naming the valid ones on error.
pub fn parse_toolsets(text: &str) -> OpResult<BTreeSet<Group>> {
    let mut out = BTreeSet::new();
    for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        out.insert(parse_toolset("toolsets", name)?);
    }
    if out.is_empty() {
        return Err(OpError::invalid(
            "toolsets",
            "name at least one toolset, e.g. backtest,data",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::registry::registry;

    #[test]
    fn scopes_cover_classes_in_order() {
        assert!(Scope::Read.permits(OpClass::Read));
        assert!(Scope::Read.permits(OpClass::Research));
        assert!(!Scope::Read.permits(OpClass::Trade));
        assert!(Scope::Trade.permits(OpClass::Trade));
        assert!(!Scope::Trade.permits(OpClass::Admin));
        assert!(Scope::Admin.permits(OpClass::Admin));
        assert_eq!("TRADE".parse::<Scope>().unwrap(), Scope::Trade);
        assert!("root".parse::<Scope>().is_err());
    }

    #[test]
    fn read_only_keeps_reads_and_research_only() {
        let e = Exposure::new(true, None).unwrap();
        for op in registry() {
            assert_eq!(
                e.exposes(op),
                matches!(op.info.class, OpClass::Read | OpClass::Research),
                "{}",
                op.info.tool_name
            );
        }
        assert_eq!(e.cap(Scope::Admin), Scope::Read);
    }

    #[test]
    fn toolsets_select_groups() {
        let e = Exposure::new(false, Some("backtest, DATA")).unwrap();
        assert!(registry().iter().any(|op| e.exposes(op)));
        for op in registry() {
            assert_eq!(
                e.exposes(op),
                matches!(op.info.group, Group::Backtest | Group::Data)
            );
        }
        let err = Exposure::new(false, Some("backtest,orders")).unwrap_err();
        assert!(err.message.contains("'orders' is not a toolset"), "{err}");
        assert!(err.message.contains("order,"), "{err}");
    }
}
