//! Files a request names on the server. Only regular files are read or written: a device
//! (`/dev/zero`) never ends and a FIFO blocks for ever, so both are refused before a byte is
//! read; reads are bounded in size. These are blocking calls: run them off the async workers.

use std::{
    fs::{File, OpenOptions},
    io::Read,
    os::unix::fs::OpenOptionsExt,
    path::Path,
};

use crate::error::{OpError, OpResult};

/// Largest CSV file an import reads (about twenty years of 1-minute bars).
pub const MAX_CSV_BYTES: u64 = 2 << 30;
/// Largest JSON document a request names (instrument definitions, a depth snapshot).
pub const MAX_JSON_BYTES: u64 = 64 << 20;

/// Opens `path`, the value of the request field `field`, for reading: a regular file, or a
/// client error naming the field. Opening never blocks (a FIFO without a writer would).
pub fn open_regular(field: &str, path: &Path) -> OpResult<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| OpError::invalid(field, format!("cannot read {}: {e}", path.display())))?;
    check_regular(field, path, &file)?;
    Ok(file)
}

/// Reads `path` as text, refusing anything but a regular file of at most `max_bytes`.
pub fn read_text(field: &str, path: &Path, max_bytes: u64) -> OpResult<String> {
    let file = open_regular(field, path)?;
    let mut text = String::new();
    file.take(max_bytes + 1)
        .read_to_string(&mut text)
        .map_err(|e| OpError::invalid(field, format!("cannot read {}: {e}", path.display())))?;
    if text.len() as u64 > max_bytes {
        return Err(too_large(field, path, max_bytes));
    }
    Ok(text)
}

/// Refuses a file larger than `max_bytes`.
pub fn check_size(field: &str, path: &Path, file: &File, max_bytes: u64) -> OpResult<()> {
    let len = file
        .metadata()
        .map_err(|e| OpError::io(format!("reading {}", path.display()), e))?
        .len();
    if len > max_bytes {
        return Err(too_large(field, path, max_bytes));
    }
    Ok(())
}

/// Creates (or truncates) `path` for writing: a new file or an existing regular file, never a
/// device or a FIFO. Opening never blocks.
pub fn create_regular(field: &str, path: &Path) -> OpResult<File> {
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(not_regular(field, path));
    }
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| OpError::io(format!("writing {}", path.display()), e))?;
    check_regular(field, path, &file)?;
    Ok(file)
}

fn check_regular(field: &str, path: &Path, file: &File) -> OpResult<()> {
    let meta = file
        .metadata()
        .map_err(|e| OpError::io(format!("reading {}", path.display()), e))?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(not_regular(field, path))
    }
}

fn not_regular(field: &str, path: &Path) -> OpError {
    OpError::invalid(
        field,
        format!(
            "{} is not a regular file (a directory, device or FIFO)",
            path.display()
        ),
    )
}

fn too_large(field: &str, path: &Path, max_bytes: u64) -> OpError {
    let most = if max_bytes >= 1 << 20 {
        format!("{} MiB", max_bytes >> 20)
    } else {
        format!("{max_bytes} bytes")
    };
    OpError::invalid(
        field,
        format!(
            "{} is larger than {most}, the most this field takes",
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_fifos_and_large_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text("depth_file", Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(
            e.message
                .starts_with("depth_file: /dev/zero is not a regular file"),
            "{e}"
        );
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid path string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_text("depth_file", &fifo, 1 << 20).unwrap_err();
        assert!(e.message.contains("not a regular file"), "{e}");
        let e = create_regular("csv", &fifo).unwrap_err();
        assert!(e.message.contains("not a regular file"), "{e}");
        let big = dir.path().join("big.json");
        std::fs::write(&big, vec![b' '; 2048]).unwrap();
        let e = read_text("depth_file", &big, 1024).unwrap_err();
        assert!(e.message.contains("larger than"), "{e}");
        assert_eq!(read_text("depth_file", &big, 4096).unwrap().len(), 2048);
        create_regular("csv", &dir.path().join("out.csv")).unwrap();
    }
}
