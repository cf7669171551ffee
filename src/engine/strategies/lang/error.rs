//! Errors in a definition: the path of the part at fault, what is wrong, and where in its
//! expression, e.g. `rules.enter_long: unknown indicator 'emaa' (did you mean 'ema'?) at
//! column 14`.

use std::fmt;

use super::syntax;

/// A problem in a definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangError {
    /// Where in the document, e.g. `rules.enter_long` or `parameters.fast.min`.
    pub path: String,
    /// What is wrong, with the position in the expression when there is one.
    pub message: String,
}

impl LangError {
    /// An error about the part at `path`.
    pub fn new(path: &str, message: impl fmt::Display) -> Self {
        Self {
            path: path.to_string(),
            message: message.to_string(),
        }
    }

    /// An error at character `offset` of the expression `text` at `path`.
    pub fn at(path: &str, text: &str, offset: usize, message: impl fmt::Display) -> Self {
        Self::new(
            path,
            format!("{message} at {}", syntax::position(text, offset)),
        )
    }
}

impl fmt::Display for LangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for LangError {}

/// Result of reading or checking a definition.
pub type LangResult<T> = Result<T, LangError>;

/// ` (did you mean 'x'?)` when one of `known` is close to `name`, else nothing.
pub fn suggestion<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let wanted = name.to_ascii_lowercase();
    known
        .into_iter()
        .map(|k| {
            (
                strsim::damerau_levenshtein(&wanted, &k.to_ascii_lowercase()),
                k,
            )
        })
        .filter(|(d, k)| *d <= 2.max(k.len() / 4) && *d < k.len().max(wanted.len()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| format!(" (did you mean '{k}'?)"))
        .unwrap_or_default()
}
