//! Confirmation of orders by the person behind the caller, before they are sent to a venue
//! that moves real money.
//!
//! - **Policy**: `confirm` under `[venues.<NAME>]` in the config (`always`, `above_notional`,
//!   `never`; default `always` in live mode, `never` in paper and testnet). Only the config sets
//!   it: no request field or scope turns it off.
//! - **Asking**: each face gives the call a [`Confirmer`]: the MCP server asks the client with
//!   an elicitation request (the client shows the order summary, the person accepts or
//!   declines); the CLI prompts on a terminal, or takes `--yes`.
//! - **Tokens**: a client that cannot be asked gets the preview and a single-use token bound to
//!   exactly the order's parameters and the caller, valid for [`TOKEN_TTL`]; a second call
//!   carrying it (`confirm_token`) is the confirmation.
//! - A declined, dismissed or expired confirmation sends nothing and is journaled (a node
//!   event `ConfirmationRefused`); an accepted one is journaled as `OrderConfirmed`.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use async_trait::async_trait;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{call::Call, context::Context};
use crate::{
    config::ConfirmPolicy,
    engine::node::{
        session::{NodeEvent, Session},
        settings::VenueMode,
    },
    error::{Code, OpError, OpResult},
    store::node as db,
};

/// How long a confirmation token is valid, and how long the person has to answer a question.
pub const TOKEN_TTL: Duration = Duration::from_secs(60);

/// What the person is asked to confirm.
#[derive(Debug, Clone)]
pub struct ConfirmRequest {
    /// The operation (MCP tool name), e.g. `submit_market_order`.
    pub tool: &'static str,
    /// The venue and its mode.
    pub venue: String,
    pub mode: VenueMode,
    /// What will be sent, for a person to read (the order summary from the preview).
    pub summary: String,
    /// Exactly the parameters that will be sent: a token is bound to these.
    pub subject: Value,
    /// The preview document, handed back with a token.
    pub preview: Option<Value>,
}

/// The person's answer, as a face could get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Accepted: send it.
    Accepted,
    /// Declined explicitly.
    Declined,
    /// Dismissed without a choice.
    Cancelled,
    /// Not answered in time.
    TimedOut,
    /// The client cannot be asked (no elicitation support): the token path applies.
    Unsupported,
    /// Nobody can be asked here (no terminal); the message says what to do instead.
    Unavailable(String),
}

/// How a face asks the person behind a call.
#[async_trait]
pub trait Confirmer: Send + Sync + std::fmt::Debug {
    /// Asks about `request` and waits for the answer (at most [`TOKEN_TTL`]).
    async fn ask(&self, request: &ConfirmRequest) -> Answer;
    /// How it asks (`elicitation`, `prompt`, `--yes`), for the journal.
    fn channel(&self) -> &'static str;
}

/// When a venue's orders need confirming: its policy from the config and its mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    pub policy: ConfirmPolicy,
    /// The notional above which `above_notional` asks.
    pub above: Option<Decimal>,
    pub mode: VenueMode,
}

impl Requirement {
    /// Whether an action of `notional` (unknown: `None`) needs confirming.
    #[must_use]
    pub fn applies(&self, notional: Option<Decimal>) -> bool {
        match self.policy {
            ConfirmPolicy::Always => true,
            ConfirmPolicy::Never => false,
            // An order whose value is unknown is asked about.
            ConfirmPolicy::AboveNotional => match (notional, self.above) {
                (Some(n), Some(limit)) => n > limit,
                _ => true,
            },
        }
    }
}

/// The confirmation requirement of a connected venue, or `None` when its orders are never
/// confirmed (policy `never`, or a venue that is not connected: placing there fails anyway).
pub fn requirement(ctx: &Context, venue: &str) -> OpResult<Option<Requirement>> {
    let Some(row) = db::venue(&ctx.store.conn(), venue)? else {
        return Ok(None);
    };
    let mode = VenueMode::parse(&row.mode)?;
    let cfg = ctx.settings.venue(venue);
    let policy = cfg.and_then(|c| c.confirm).unwrap_or(match mode {
        VenueMode::Live => ConfirmPolicy::Always,
        VenueMode::Paper | VenueMode::Testnet => ConfirmPolicy::Never,
    });
    if policy == ConfirmPolicy::Never {
        return Ok(None);
    }
    Ok(Some(Requirement {
        policy,
        above: cfg.and_then(|c| c.confirm_above_notional),
        mode,
    }))
}

/// A token waiting for its second call.
#[derive(Debug, Clone)]
struct Pending {
    caller: String,
    tool: &'static str,
    subject: Value,
    issued: Instant,
    /// The client order id the preview showed (when the caller gave none): the confirmed call
    /// places the order under it.
    client_order_id: Option<String>,
}

/// Why a token was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenRefusal {
    Unknown,
    Expired,
    OtherCaller,
    OtherOperation(String),
    OtherParameters(Vec<String>),
}

impl TokenRefusal {
    fn message(&self) -> String {
        match self {
            Self::Unknown => {
                "confirm_token: unknown or already used (a token confirms one call, once)".into()
            }
            Self::Expired => format!(
                "confirm_token: expired (tokens are valid for {} s); nothing was sent: call again without it for a new preview and token",
                TOKEN_TTL.as_secs()
            ),
            Self::OtherCaller => "confirm_token: it was issued to another caller".into(),
            Self::OtherOperation(tool) => {
                format!("confirm_token: it confirms a call of {tool}, not this one")
            }
            Self::OtherParameters(keys) => format!(
                "confirm_token: it confirms other parameters (differing: {}); nothing was sent",
                keys.join(", ")
            ),
        }
    }

    fn outcome(&self) -> &'static str {
        match self {
            Self::Expired => "expired",
            _ => "invalid_token",
        }
    }
}

/// The confirmation tokens a process has issued (memory only: a restarted server knows none,
/// so old tokens are refused).
#[derive(Default)]
pub struct ConfirmTokens {
    pending: Mutex<HashMap<String, Pending>>,
}

impl std::fmt::Debug for ConfirmTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfirmTokens").finish_non_exhaustive()
    }
}

impl ConfirmTokens {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Pending>> {
        self.pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Issues a token for `caller` to confirm `request` once, within [`TOKEN_TTL`] of `now`.
    pub fn issue(
        &self,
        caller: &str,
        request: &ConfirmRequest,
        client_order_id: Option<String>,
        now: Instant,
    ) -> String {
        use rand::Rng;
        let bytes: [u8; 16] = rand::rng().random();
        let token = format!("confirm_{}", hex::encode(bytes));
        let mut pending = self.lock();
        pending.retain(|_, p| now.duration_since(p.issued) <= TOKEN_TTL);
        pending.insert(
            token.clone(),
            Pending {
                caller: caller.to_string(),
                tool: request.tool,
                subject: request.subject.clone(),
                issued: now,
                client_order_id,
            },
        );
        token
    }

    /// Takes a token (whatever the outcome it cannot be presented again) and checks it against
    /// the caller, the operation and the exact parameters; returns the client order id it
    /// carries.
    pub fn redeem(
        &self,
        token: &str,
        caller: &str,
        request: &ConfirmRequest,
        now: Instant,
    ) -> Result<Option<String>, TokenRefusal> {
        let p = self.lock().remove(token).ok_or(TokenRefusal::Unknown)?;
        if now.duration_since(p.issued) > TOKEN_TTL {
            return Err(TokenRefusal::Expired);
        }
        if p.caller != caller {
            return Err(TokenRefusal::OtherCaller);
        }
        if p.tool != request.tool {
            return Err(TokenRefusal::OtherOperation(p.tool.to_string()));
        }
        if p.subject != request.subject {
            return Err(TokenRefusal::OtherParameters(differing_keys(
                &p.subject,
                &request.subject,
            )));
        }
        Ok(p.client_order_id)
    }
}

/// The top-level keys whose values differ between two parameter documents.
fn differing_keys(a: &Value, b: &Value) -> Vec<String> {
    let (Value::Object(a), Value::Object(b)) = (a, b) else {
        return vec!["parameters".into()];
    };
    let mut keys: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// What a confirmation decided.
#[derive(Debug, Clone, Default)]
pub struct Confirmed {
    /// The client order id a token carries (the one its preview showed).
    pub client_order_id: Option<String>,
}

/// The answer of a call that needs confirming and could not be asked: the preview and the
/// token a second call must carry.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TokenIssued {
    pub confirm_token: String,
    /// RFC 3339 time after which the token is refused.
    pub expires_at: String,
    pub summary: String,
}

/// Obtains the person's confirmation of `request`: redeems `token` if one is given, else asks
/// through the call's confirmer; a client that cannot be asked gets a
/// `CONFIRMATION_REQUIRED` error carrying the preview and a token. Every refusal is journaled
/// and nothing is sent.
pub async fn obtain(
    ctx: &Arc<Context>,
    call: &Call,
    request: ConfirmRequest,
    token: Option<&str>,
    client_order_id: Option<String>,
) -> OpResult<Confirmed> {
    let caller = call.caller.name.clone();
    if let Some(token) = token {
        return match ctx
            .confirmations
            .redeem(token, &caller, &request, Instant::now())
        {
            Ok(id) => {
                journal(ctx, &request, &caller, "token", "confirmed", None).await?;
                Ok(Confirmed {
                    client_order_id: id,
                })
            }
            Err(refusal) => {
                let message = refusal.message();
                journal(
                    ctx,
                    &request,
                    &caller,
                    "token",
                    refusal.outcome(),
                    Some(&message),
                )
                .await?;
                let code = if refusal == TokenRefusal::Expired {
                    Code::ConfirmationExpired
                } else {
                    Code::ConfirmationInvalid
                };
                Err(OpError::new(code, message).with_details(json!({ "field": "confirm_token" })))
            }
        };
    }
    let Some(confirmer) = call.confirmer() else {
        return Err(OpError::new(
            Code::ConfirmationRequired,
            format!(
                "{} on {} ({}) must be confirmed by the person, and this caller cannot ask: nothing was sent",
                request.tool,
                request.venue,
                request.mode.as_str()
            ),
        ));
    };
    let answer = match tokio::time::timeout(TOKEN_TTL, confirmer.ask(&request)).await {
        Ok(a) => a,
        Err(_) => Answer::TimedOut,
    };
    let channel = confirmer.channel();
    let refuse = async |code: Code, outcome: &'static str, message: String| {
        journal(ctx, &request, &caller, channel, outcome, Some(&message)).await?;
        Err(OpError::new(code, message))
    };
    match answer {
        Answer::Accepted => {
            journal(ctx, &request, &caller, channel, "confirmed", None).await?;
            Ok(Confirmed::default())
        }
        Answer::Declined => {
            refuse(
                Code::ConfirmationDeclined,
                "declined",
                format!("{}: the person declined; nothing was sent", request.tool),
            )
            .await
        }
        Answer::Cancelled => {
            refuse(
                Code::ConfirmationDeclined,
                "dismissed",
                format!(
                    "{}: the person dismissed the confirmation; nothing was sent",
                    request.tool
                ),
            )
            .await
        }
        Answer::TimedOut => {
            refuse(
                Code::ConfirmationExpired,
                "expired",
                format!(
                    "{}: no answer within {} s; nothing was sent",
                    request.tool,
                    TOKEN_TTL.as_secs()
                ),
            )
            .await
        }
        Answer::Unavailable(why) => Err(OpError::new(
            Code::ConfirmationRequired,
            format!("{}: {why}; nothing was sent", request.tool),
        )),
        Answer::Unsupported => {
            let now = Instant::now();
            let token = ctx
                .confirmations
                .issue(&caller, &request, client_order_id, now);
            let expires =
                chrono::Utc::now() + chrono::Duration::from_std(TOKEN_TTL).unwrap_or_default();
            let issued = TokenIssued {
                confirm_token: token,
                expires_at: expires.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                summary: request.summary.clone(),
            };
            Err(OpError::new(
                Code::ConfirmationRequired,
                format!(
                    "{} on {} ({}) must be confirmed by the person: show them the preview, and if they accept, call {} again with the same arguments and confirm_token (valid {} s, once). Nothing was sent.",
                    request.tool,
                    request.venue,
                    request.mode.as_str(),
                    request.tool,
                    TOKEN_TTL.as_secs()
                ),
            )
            .with_details(json!({
                "confirm_token": issued.confirm_token,
                "expires_at": issued.expires_at,
                "summary": issued.summary,
                "preview": request.preview,
            })))
        }
    }
}

/// Journals a confirmation's outcome as a node event of the venue: `OrderConfirmed`, or
/// `ConfirmationRefused` with the outcome (declined, dismissed, expired, invalid_token).
async fn journal(
    ctx: &Arc<Context>,
    request: &ConfirmRequest,
    caller: &str,
    channel: &str,
    outcome: &'static str,
    reason: Option<&str>,
) -> OpResult<()> {
    let kind = if outcome == "confirmed" {
        "OrderConfirmed"
    } else {
        "ConfirmationRefused"
    };
    let payload = json!({ kind: {
        "tool": request.tool,
        "venue": request.venue,
        "mode": request.mode.as_str(),
        "caller": caller,
        "via": channel,
        "outcome": outcome,
        "reason": reason,
        "parameters": request.subject,
    }});
    let venue = request.venue.clone();
    ctx.node()?
        .run(move |w| {
            let mut s = Session::begin(w)?;
            s.node_events.push(NodeEvent {
                venue,
                kind: "node",
                payload,
            });
            s.commit().map(|_| ())
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(subject: Value) -> ConfirmRequest {
        ConfirmRequest {
            tool: "submit_market_order",
            venue: "BINANCE".into(),
            mode: VenueMode::Live,
            summary: "BUY 0.01 BTCUSDT".into(),
            subject,
            preview: None,
        }
    }

    #[test]
    fn a_token_confirms_its_caller_and_parameters_once_within_its_lifetime() {
        let tokens = ConfirmTokens::default();
        let asked = request(json!({"side": "BUY", "quantity": "0.01"}));
        let t0 = Instant::now();
        let token = tokens.issue("stdio", &asked, Some("MCP-1".into()), t0);
        assert_eq!(
            tokens.redeem(&token, "stdio", &asked, t0 + Duration::from_secs(59)),
            Ok(Some("MCP-1".into()))
        );
        assert_eq!(
            tokens.redeem(&token, "stdio", &asked, t0),
            Err(TokenRefusal::Unknown),
            "reused"
        );

        let token = tokens.issue("stdio", &asked, None, t0);
        assert_eq!(
            tokens.redeem(&token, "token:other", &asked, t0),
            Err(TokenRefusal::OtherCaller)
        );
        let token = tokens.issue("stdio", &asked, None, t0);
        let other = request(json!({"side": "BUY", "quantity": "0.02"}));
        assert_eq!(
            tokens.redeem(&token, "stdio", &other, t0),
            Err(TokenRefusal::OtherParameters(vec!["quantity".into()]))
        );
        let token = tokens.issue("stdio", &asked, None, t0);
        assert_eq!(
            tokens.redeem(&token, "stdio", &asked, t0 + Duration::from_secs(61)),
            Err(TokenRefusal::Expired)
        );
        assert!(tokens.lock().is_empty(), "every presented token is gone");
    }

    #[test]
    fn above_notional_asks_only_above_the_threshold_or_when_the_value_is_unknown() {
        let r = Requirement {
            policy: ConfirmPolicy::AboveNotional,
            above: Some(Decimal::from(1000)),
            mode: VenueMode::Live,
        };
        assert!(!r.applies(Some(Decimal::from(1000))));
        assert!(r.applies(Some(Decimal::from(1001))));
        assert!(r.applies(None));
    }
}
