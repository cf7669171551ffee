//! What a face passes to a handler besides the request: progress, cancellation, caller.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::{confirm::Confirmer, registry::OpClass};
use crate::{
    caller::{Caller, Scope},
    error::{Code, OpError, OpResult},
    progress::{ProgressSink, ProgressUpdate},
};

/// The per-call environment of a handler.
#[derive(Clone)]
pub struct Call {
    progress: Option<ProgressSink>,
    /// How the face asks the person behind the call to confirm an order (none: it cannot).
    confirmer: Option<Arc<dyn Confirmer>>,
    /// Cancelled when the caller gives up (MCP `notifications/cancelled`, Ctrl-C).
    pub cancel: CancellationToken,
    /// Who calls, and the most they may do.
    pub caller: Caller,
    /// The most bytes the answer may take (an MCP message), when the face has a limit.
    answer_limit: Option<usize>,
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("caller", &self.caller)
            .finish_non_exhaustive()
    }
}

impl Default for Call {
    fn default() -> Self {
        Self {
            progress: None,
            confirmer: None,
            cancel: CancellationToken::new(),
            caller: Caller::default(),
            answer_limit: None,
        }
    }
}

impl Call {
    /// A call with a progress sink.
    #[must_use]
    pub fn with_progress(mut self, sink: ProgressSink) -> Self {
        self.progress = Some(sink);
        self
    }

    /// A call whose face asks the person behind it through `confirmer`.
    #[must_use]
    pub fn with_confirmer(mut self, confirmer: Arc<dyn Confirmer>) -> Self {
        self.confirmer = Some(confirmer);
        self
    }

    /// How to ask the person behind the call, if the face can.
    #[must_use]
    pub fn confirmer(&self) -> Option<Arc<dyn Confirmer>> {
        self.confirmer.clone()
    }

    /// A call made by `caller`, limited to its scope.
    #[must_use]
    pub fn with_caller(mut self, caller: Caller) -> Self {
        self.caller = caller;
        self
    }

    /// A call whose answer must fit `bytes` (a handler that can build a large answer checks
    /// before building it).
    #[must_use]
    pub fn with_answer_limit(mut self, bytes: usize) -> Self {
        self.answer_limit = Some(bytes);
        self
    }

    /// The most bytes the answer may take, if the face has a limit.
    #[must_use]
    pub fn answer_limit(&self) -> Option<usize> {
        self.answer_limit
    }

    /// The caller's scope.
    #[must_use]
    pub fn scope(&self) -> Scope {
        self.caller.scope
    }

    /// A call with the given cancellation token.
    #[must_use]
    pub fn with_cancel(mut self, cancel: CancellationToken) -> Self {
        self.cancel = cancel;
        self
    }

    /// Reports progress if anyone listens.
    pub fn progress(&self, done: u64, total: Option<u64>, message: Option<&str>) {
        if let Some(sink) = &self.progress {
            sink(ProgressUpdate {
                done,
                total,
                message: message.map(str::to_owned),
            });
        }
    }

    /// A cheap handle for reporting progress from another thread.
    #[must_use]
    pub fn progress_sink(&self) -> Option<ProgressSink> {
        self.progress.clone()
    }

    /// Fails with `CANCELLED` once the caller has given up.
    pub fn check_cancelled(&self) -> OpResult<()> {
        if self.cancel.is_cancelled() {
            return Err(OpError::new(
                Code::Cancelled,
                "the call was cancelled by the caller",
            ));
        }
        Ok(())
    }

    /// Fails with `PERMISSION_DENIED` naming `field` unless the caller may name files on the
    /// server's filesystem (to read or write them): only the `admin` scope may, which local
    /// callers (CLI, stdio) have. A `read` token could otherwise overwrite the token file or
    /// the store, or read any file through import errors.
    pub fn require_files(&self, field: &str) -> OpResult<()> {
        let scope = self.caller.scope;
        if scope.permits(OpClass::Admin) {
            return Ok(());
        }
        Err(OpError::new(
            Code::PermissionDenied,
            format!(
                "{field}: naming a file on the server needs the 'admin' scope; the caller has '{scope}'"
            ),
        )
        .with_details(serde_json::json!({
            "field": field,
            "needed_scope": OpClass::Admin.required_scope(),
            "caller_scope": scope,
        })))
    }

    /// Fails with `PERMISSION_DENIED` unless the caller's scope covers an operation of class
    /// `needed`. The registry checks every call against its operation's class; a handler calls
    /// this itself only when one form of a request needs more (e.g. replacing instrument
    /// definitions).
    pub fn require(&self, needed: OpClass) -> OpResult<()> {
        let scope = self.caller.scope;
        if !scope.permits(needed) {
            return Err(OpError::new(
                Code::PermissionDenied,
                format!(
                    "this is a {} operation and needs the '{}' scope; the caller has '{scope}'",
                    needed.as_str(),
                    needed.required_scope(),
                ),
            )
            .with_details(serde_json::json!({
                "needed_scope": needed.required_scope(),
                "caller_scope": scope,
            })));
        }
        Ok(())
    }
}
