//! A view is data: which fields of an answer a person sees, in what order, how each is written
//! and coloured, and which to drop first when the terminal is narrow.

use serde_json::Value;

use super::{format::Format, style::Role};

/// One column of a table (or one line of a field list).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Where the value is in a row: a key, or keys joined with `.` for nested objects.
    pub key: &'static str,
    /// The heading people see.
    pub header: &'static str,
    /// 0 is never dropped; higher numbers are dropped first when the table is too wide.
    pub priority: u8,
    /// How the value is written.
    pub format: Format,
    /// How the value is coloured.
    pub role: Role,
}

/// A column with a plain text value.
#[must_use]
pub const fn text(key: &'static str, header: &'static str, priority: u8) -> Column {
    Column {
        key,
        header,
        priority,
        format: Format::Text,
        role: Role::Plain,
    }
}

/// A right-aligned number as the operation gave it.
#[must_use]
pub const fn num(key: &'static str, header: &'static str, priority: u8) -> Column {
    Column {
        format: Format::Num,
        ..text(key, header, priority)
    }
}

impl Column {
    /// The same column written in `format`.
    #[must_use]
    pub const fn fmt(self, format: Format) -> Self {
        Column { format, ..self }
    }

    /// The same column coloured for `role`.
    #[must_use]
    pub const fn role(self, role: Role) -> Self {
        Column { role, ..self }
    }

    /// This column's value in `row`.
    #[must_use]
    pub fn value<'v>(&self, row: &'v Value) -> Option<&'v Value> {
        lookup(row, self.key)
    }
}

/// The value at `path` (keys joined with `.`) in `doc`; `""` is the document itself.
#[must_use]
pub fn lookup<'v>(doc: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(doc);
    }
    path.split('.')
        .try_fold(doc, |v, key| match (v, key.parse::<usize>()) {
            (Value::Array(items), Ok(i)) => items.get(i),
            _ => v.get(key),
        })
}

/// A table of the rows of one list in the answer.
#[derive(Debug, Clone, Copy)]
pub struct TableView {
    /// Its heading (empty for none).
    pub title: &'static str,
    /// Where the list is: a key path, `""` for an answer that is itself a list. An object of
    /// objects is a list too: each entry a row, its key in the row's `name` field (a
    /// definition's parameters).
    pub rows: &'static str,
    /// The columns a person needs first; `--wide` adds every other field of the rows.
    pub columns: &'static [Column],
    /// A flat object in each row whose keys become columns of their own after the first
    /// column (a sweep's varied parameters).
    pub spread: Option<&'static str>,
}

/// A one-line summary of an answer (an action's outcome), given colour on or off.
pub type Summary = fn(&Value, bool) -> Option<String>;

/// A drawing made from the answer (a chart), given the render options.
pub type Picture = fn(&Value, &super::Options) -> Option<String>;

/// The designed human view of one operation's answer.
#[derive(Debug, Clone, Copy)]
pub struct View {
    /// The answer in one line, printed first (given the whole answer).
    pub summary: Option<Summary>,
    /// Where the fields, tables and notes below are found (`""`: the answer itself).
    pub base: &'static str,
    /// Single values shown as a `field  value` list (after the summary).
    pub fields: &'static [Column],
    /// Lists shown as tables.
    pub tables: &'static [TableView],
    /// Lists of notes or warnings, shown in yellow at the end.
    pub notes: &'static [&'static str],
    /// A picture drawn after the fields (given the whole answer).
    pub picture: Option<Picture>,
}

impl View {
    /// An empty view to build from.
    pub const EMPTY: View = View {
        summary: None,
        base: "",
        fields: &[],
        tables: &[],
        notes: &[],
        picture: None,
    };
}

/// How an operation's answer is shown to a person.
#[derive(Debug, Clone, Copy)]
pub enum Design {
    /// A view designed for this answer.
    Designed(&'static View),
    /// The structural rendering (fields as a list, lists as fitted tables, nested objects as
    /// `key=value`), chosen on purpose for answers that are small or free-form.
    Structural,
    /// One of several views, chosen by the answer's `key` field (a stored study is a sweep, a
    /// walk-forward or a Monte Carlo simulation); structural for a value not listed.
    ByKind {
        /// The field naming the kind of answer.
        key: &'static str,
        /// The view of each kind.
        views: &'static [(&'static str, &'static View)],
    },
}

impl Design {
    /// The design that shows `doc`: the kind's view for [`Design::ByKind`], else itself.
    #[must_use]
    pub fn for_answer(self, doc: &Value) -> Design {
        match self {
            Design::ByKind { key, views } => {
                let kind = doc.get(key).and_then(Value::as_str);
                views
                    .iter()
                    .find(|(k, _)| Some(*k) == kind)
                    .map_or(Design::Structural, |(_, v)| Design::Designed(v))
            }
            other => other,
        }
    }
}
