//! The size of one MCP message. Clients drop a longer message and leave its request unanswered
//! (rmcp's stdio transport and its HTTP client stop at 16 MiB), so the server answers with an
//! error that says how to ask for less instead of sending what cannot arrive.

use std::io;

use serde::Serialize;
use serde_json::json;

use crate::error::{Code, OpError};

/// The longest JSON-RPC message every client accepts.
pub const MAX_MESSAGE_BYTES: usize = rmcp::transport::async_rw::DEFAULT_MAX_LINE_LENGTH;
/// Room kept for the JSON-RPC envelope around a result.
pub const ENVELOPE_BYTES: usize = 4 * 1024;

const MIB: f64 = 1024.0 * 1024.0;

/// The length of a value's JSON text, counted without building it.
#[must_use]
pub fn json_size<T: Serialize + ?Sized>(value: &T) -> usize {
    struct Count(usize);
    impl io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Serializing into a counter fails only where building the text would.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// Fails with a client error when `result` would not fit one message of `max_bytes`.
pub fn check_fits<T: Serialize + ?Sized>(
    what: &str,
    result: &T,
    max_bytes: usize,
) -> Result<(), OpError> {
    let size = json_size(result) + ENVELOPE_BYTES;
    if size <= max_bytes {
        return Ok(());
    }
    Err(OpError::new(
        Code::ResponseTooLarge,
        format!(
            "{what}: the answer is {:.1} MiB, more than the {:.0} MiB one MCP message may carry; \
             ask for less (a narrower start/end, a lower limit or a filter). Bars can also go \
             to a file (get_bars with csv) or be read page by page as CSV \
             (nautilus://bars/INSTRUMENT_ID/BAR_SPEC?format=csv, each page's _meta.next names \
             the next)",
            size as f64 / MIB,
            max_bytes as f64 / MIB
        ),
    )
    .with_details(json!({ "bytes": size, "max_bytes": max_bytes })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_limits() {
        let doc = json!({"a": "x\"y", "b": [1, 2]});
        assert_eq!(json_size(&doc), doc.to_string().len());
        assert!(check_fits("t", &doc, ENVELOPE_BYTES + 100).is_ok());
        let e = check_fits("get_bars", &doc, ENVELOPE_BYTES + 5).unwrap_err();
        assert_eq!(e.code, Code::ResponseTooLarge);
        assert!(
            e.message.starts_with("get_bars: the answer is"),
            "{}",
            e.message
        );
    }
}
