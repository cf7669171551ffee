//! Asking the person behind an MCP client to confirm an order: an elicitation request (the
//! client shows the order summary, the person accepts or declines) when the client declared
//! form elicitation; otherwise the operation answers with a confirmation token.

use async_trait::async_trait;
use rmcp::{
    Peer, RoleServer, ServiceError,
    model::{ElicitRequestParams, ElicitationAction, ElicitationSchema},
    service::ElicitationMode,
};

use crate::ops::confirm::{Answer, ConfirmRequest, Confirmer, TOKEN_TTL};

/// The property the person sets to confirm.
const CONFIRM: &str = "confirm";

/// Confirms through the client's elicitation support.
#[derive(Debug, Clone)]
pub struct Elicitation {
    peer: Peer<RoleServer>,
}

impl Elicitation {
    /// Asks through `peer`.
    #[must_use]
    pub fn new(peer: Peer<RoleServer>) -> Self {
        Self { peer }
    }
}

#[async_trait]
impl Confirmer for Elicitation {
    async fn ask(&self, request: &ConfirmRequest) -> Answer {
        if !self
            .peer
            .supported_elicitation_modes()
            .contains(&ElicitationMode::Form)
        {
            return Answer::Unsupported;
        }
        let message = format!(
            "{} on {} ({} mode, real money): {}. Send it?",
            request.tool,
            request.venue,
            request.mode.as_str(),
            request.summary
        );
        let schema = ElicitationSchema::builder()
            .required_bool_with(CONFIRM, |b| {
                b.title("Send this order")
                    .description("true sends it to the venue; false sends nothing")
            })
            .build_unchecked();
        let asked = self
            .peer
            .create_elicitation_with_timeout(
                ElicitRequestParams::FormElicitationParams {
                    meta: None,
                    message,
                    requested_schema: schema,
                },
                Some(TOKEN_TTL),
            )
            .await;
        match asked {
            Ok(result) => match result.action {
                ElicitationAction::Accept => {
                    let yes = result
                        .content
                        .as_ref()
                        .and_then(|c| c.get(CONFIRM))
                        .and_then(serde_json::Value::as_bool)
                        == Some(true);
                    if yes {
                        Answer::Accepted
                    } else {
                        Answer::Declined
                    }
                }
                ElicitationAction::Cancel => Answer::Cancelled,
                // Decline, and anything a newer client answers: nothing is sent.
                _ => Answer::Declined,
            },
            Err(ServiceError::Timeout { .. }) => Answer::TimedOut,
            // A client that declared the capability but fails the request: fall back to a
            // token, which the person can still confirm.
            Err(e) => {
                tracing::warn!(error = %e, "elicitation failed; answering with a confirmation token");
                Answer::Unsupported
            }
        }
    }

    fn channel(&self) -> &'static str {
        "elicitation"
    }
}
