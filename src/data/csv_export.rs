//! Opening a CSV file to write, with errors that name the request field.

use std::{fs::File, path::Path};

use crate::error::{OpError, OpResult};

/// A CSV writer on `path`, the value of the request field `field`. A missing directory, a
/// directory, a device or a FIFO is the caller's mistake (a client error naming the field);
/// other failures are I/O errors.
pub fn writer(field: &str, path: &Path) -> OpResult<csv::Writer<File>> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(OpError::invalid(
            field,
            format!(
                "cannot write {}: the directory {} does not exist",
                path.display(),
                dir.display()
            ),
        ));
    }
    if path.is_dir() {
        return Err(OpError::invalid(
            field,
            format!("{} is a directory; give a file name", path.display()),
        ));
    }
    Ok(csv::Writer::from_writer(super::files::create_regular(
        field, path,
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_directory_or_a_directory_names_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let err = writer("csv", &dir.path().join("no/such/t.csv")).unwrap_err();
        assert!(
            err.message.starts_with("csv: cannot write"),
            "{}",
            err.message
        );
        assert!(err.message.ends_with("does not exist"), "{}", err.message);
        let err = writer("csv", dir.path()).unwrap_err();
        assert!(err.message.contains("is a directory"), "{}", err.message);
        writer("csv", &dir.path().join("t.csv")).unwrap();
    }
}
