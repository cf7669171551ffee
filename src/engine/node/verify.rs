//! Rebuilds the node's state from its journal alone and compares it with the stored state.
//!
//! The journal is the truth; the orders, positions and accounts tables are derived from it in
//! the same transactions. Replaying every journaled event through a fresh cache and the same
//! [`Applier`] the node uses must give back exactly the derived rows: this is how a crash, a
//! concurrent writer or a bug that left them apart is detected.

use std::{
    cell::RefCell,
    collections::{BTreeMap, BTreeSet},
    rc::Rc,
};

use nautilus_common::{
    cache::{Cache, CacheConfig},
    clock::{Clock, TestClock},
};
use nautilus_core::UnixNanos;
use nautilus_model::{
    enums::OmsType,
    events::{AccountState, OrderEventAny},
    identifiers::{InstrumentId, Venue},
    orders::{Order, OrderAny},
    position::Position,
};
use rust_decimal::Decimal;

use super::{
    apply::{Applier, PositionRecord, Recorded},
    session::node_account,
    settings::PaperSettings,
};
use crate::{
    error::{OpError, OpResult},
    store::{Db, instruments, node as db},
};

/// What a verification found.
#[derive(Debug, Default)]
pub struct Verification {
    /// Journal entries replayed.
    pub entries: u64,
    /// Last sequence number replayed.
    pub last_seq: i64,
    pub orders: usize,
    pub positions: usize,
    pub accounts: usize,
    /// Every difference between the journal's state and the stored state.
    pub mismatches: Vec<String>,
}

struct Replay {
    cache: Rc<RefCell<Cache>>,
    clock: Rc<RefCell<TestClock>>,
    applier: Applier,
    /// Venues whose next account entry is a fresh account (just connected or reset).
    fresh: BTreeSet<Venue>,
    leverage: BTreeMap<Venue, Decimal>,
    fees: BTreeMap<Venue, PaperSettings>,
    /// Real venues reconnected without a new account: their commissions carry on.
    keep_commissions: BTreeSet<Venue>,
    /// The last account state journaled for each venue.
    journaled: BTreeMap<Venue, AccountState>,
    commissions: BTreeMap<Venue, BTreeMap<String, Decimal>>,
    /// Position events the replayed fills made, and those the journal holds (summaries).
    replayed_positions: Vec<String>,
    journaled_positions: Vec<(i64, String)>,
    mismatches: Vec<String>,
}

impl Replay {
    fn new() -> Self {
        let clock = Rc::new(RefCell::new(TestClock::new()));
        let cache = Rc::new(RefCell::new(Cache::new(
            Some(CacheConfig {
                drop_instruments_on_reset: false,
                ..CacheConfig::default()
            }),
            None,
        )));
        let dyn_clock: Rc<RefCell<dyn Clock>> = clock.clone();
        Self {
            applier: Applier::new(cache.clone(), dyn_clock),
            cache,
            clock,
            fresh: BTreeSet::new(),
            keep_commissions: BTreeSet::new(),
            leverage: BTreeMap::new(),
            fees: BTreeMap::new(),
            journaled: BTreeMap::new(),
            commissions: BTreeMap::new(),
            replayed_positions: Vec::new(),
            journaled_positions: Vec::new(),
            mismatches: Vec::new(),
        }
    }

    fn instrument(&self, conn: &Db, id: InstrumentId) -> OpResult<()> {
        if self.applier.instruments.borrow().contains_key(&id) {
            return Ok(());
        }
        let mut def = instruments::require(conn, "instrument_id", &id.to_string())?.def;
        if let Some(p) = self.fees.get(&id.venue) {
            p.apply_fees(&mut def);
        }
        let instrument = def.to_nautilus()?;
        self.cache
            .borrow_mut()
            .add_instrument(instrument.clone())
            .map_err(OpError::internal)?;
        self.applier.instruments.borrow_mut().insert(id, instrument);
        Ok(())
    }

    fn node_event(&mut self, row: &db::JournalRow) {
        let Ok(payload) = serde_json::from_str::<serde_json::Value>(&row.payload) else {
            self.mismatches
                .push(format!("journal #{}: unreadable node event", row.seq));
            return;
        };
        if let Some(c) = payload.get("VenueConnected") {
            let venue = Venue::from(row.venue.as_str());
            self.fresh.insert(venue);
            let real = c["mode"].as_str().is_some_and(|m| m != "paper");
            if real {
                // Balances are the venue's reports (journaled account states), netting OMS,
                // the venue's own fees: as a session sets a real venue up.
                self.applier
                    .oms
                    .borrow_mut()
                    .insert(venue, OmsType::Netting);
                self.applier.reported_balances.borrow_mut().insert(venue);
                self.leverage.remove(&venue);
                self.fees.remove(&venue);
                if c["created"] == serde_json::Value::Bool(false) {
                    self.keep_commissions.insert(venue);
                }
                return;
            }
            self.applier.reported_balances.borrow_mut().remove(&venue);
            if let Ok(settings) = serde_json::from_value::<PaperSettings>(c["settings"].clone()) {
                self.applier
                    .oms
                    .borrow_mut()
                    .insert(venue, settings.oms_type());
                if let Some(l) = settings.leverage {
                    self.leverage.insert(venue, l);
                }
                self.fees.insert(venue, settings);
            }
        }
    }

    fn account_event(&mut self, row: &db::JournalRow) {
        let venue = Venue::from(row.venue.as_str());
        let state: AccountState = match crate::data::currencies::from_stored_json(&row.payload) {
            Ok(s) => s,
            Err(e) => {
                self.mismatches.push(format!(
                    "journal #{}: unreadable account state: {e}",
                    row.seq
                ));
                return;
            }
        };
        if self.fresh.remove(&venue) {
            let account = node_account(state.clone(), self.leverage.get(&venue).copied());
            self.cache.borrow_mut().update_account(&account).ok();
            if !self.keep_commissions.remove(&venue) {
                self.commissions.insert(venue, BTreeMap::new());
            }
        } else if self.applier.reported_balances.borrow().contains(&venue) {
            // A real venue's balances are what it reported, not derived from fills.
            self.applier
                .apply_reported_account(venue, state.clone(), true);
        }
        // Later paper states are derived again by the replay; the last one journaled is
        // compared.
        self.journaled.insert(venue, state);
    }

    fn position_event(&mut self, row: &db::JournalRow) {
        match serde_json::from_str::<PositionRecord>(&row.payload) {
            Ok(p) => self.journaled_positions.push((row.seq, p.summary())),
            Err(e) => self.mismatches.push(format!(
                "journal #{}: unreadable position event: {e}",
                row.seq
            )),
        }
    }

    /// The journaled position events must be those the replayed fills make, in order. A
    /// journal begun before position events were journaled holds only the latest ones.
    fn compare_position_events(&mut self) {
        let (journaled, replayed) = (&self.journaled_positions, &self.replayed_positions);
        if journaled.len() > replayed.len() {
            self.mismatches.push(format!(
                "the journal holds {} position events, its fills make {}",
                journaled.len(),
                replayed.len()
            ));
            return;
        }
        let skipped = if journaled.is_empty() {
            0
        } else {
            replayed.len() - journaled.len()
        };
        if let Some(((seq, j), r)) = journaled
            .iter()
            .zip(&replayed[skipped..])
            .find(|((_, j), r)| j != *r)
        {
            self.mismatches.push(format!(
                "journal #{seq}: position event says {j}; its fills make {r}"
            ));
        }
    }

    fn order_event(&mut self, conn: &Db, row: &db::JournalRow) -> OpResult<()> {
        let event: OrderEventAny =
            match crate::data::currencies::from_stored_json_fast(&row.payload) {
                Ok(e) => e,
                Err(e) => {
                    self.mismatches
                        .push(format!("journal #{}: unreadable order event: {e}", row.seq));
                    return Ok(());
                }
            };
        self.instrument(conn, event.instrument_id())?;
        self.clock
            .borrow()
            .set_time(UnixNanos::from(row.ts.max(0) as u64));
        let id = event.client_order_id();
        if let OrderEventAny::Initialized(init) = event {
            if self.cache.borrow().order(&id).is_some() {
                self.mismatches.push(format!(
                    "journal #{}: order {id} is initialized a second time",
                    row.seq
                ));
                return Ok(());
            }
            let order = OrderAny::from_events(vec![OrderEventAny::Initialized(init)])
                .map_err(OpError::internal)?;
            self.cache
                .borrow_mut()
                .add_order(order, None, None, false)
                .map_err(OpError::internal)?;
        } else if !self.applier.apply(event) {
            self.mismatches.push(format!(
                "journal #{}: an event of order {id} does not apply to it",
                row.seq
            ));
        }
        let changes = std::mem::take(&mut *self.applier.changes.borrow_mut());
        for (_, recorded) in &changes.entries {
            if let Recorded::Position(p) = recorded {
                self.replayed_positions.push(p.summary());
            }
        }
        for ((venue, ccy), amount) in changes.commissions {
            *self
                .commissions
                .entry(venue)
                .or_default()
                .entry(ccy)
                .or_default() += amount;
        }
        Ok(())
    }
}

/// A short, comparable description of an order's state.
fn order_summary(o: &OrderAny) -> String {
    format!(
        "{} {} qty {} filled {} avg {:?} px {:?} trigger {:?} events {}",
        o.status(),
        o.order_side(),
        o.quantity(),
        o.filled_qty(),
        o.avg_px(),
        o.price(),
        o.trigger_price(),
        o.event_count()
    )
}

fn position_summary(p: &Position) -> String {
    format!(
        "{} qty {} avg_open {} realized {:?} open {}",
        p.side,
        p.quantity,
        p.avg_px_open,
        p.realized_pnl,
        p.is_open()
    )
}

fn balances_summary(state: &AccountState) -> BTreeMap<String, String> {
    state
        .balances
        .iter()
        .map(|b| {
            (
                b.currency.code.to_string(),
                format!(
                    "total {} locked {} free {}",
                    b.total.as_decimal().normalize(),
                    b.locked.as_decimal().normalize(),
                    b.free.as_decimal().normalize()
                ),
            )
        })
        .collect()
}

/// Replays the whole journal on the calling thread and compares the result with the stored
/// orders, positions and accounts. `conn` should be inside a read transaction so that both
/// sides are one snapshot.
pub fn verify(conn: &Db) -> OpResult<Verification> {
    let mut r = Replay::new();
    let mut out = Verification::default();
    let mut expected_seq = None;
    db::for_each_journal_entry(conn, |row| {
        if let Some(expected) = expected_seq
            && row.seq != expected
        {
            r.mismatches.push(format!(
                "journal sequence jumps from {} to {}",
                expected - 1,
                row.seq
            ));
        }
        expected_seq = Some(row.seq + 1);
        out.entries += 1;
        out.last_seq = row.seq;
        match row.kind.as_str() {
            "node" => r.node_event(&row),
            "account" => r.account_event(&row),
            "order" => r.order_event(conn, &row)?,
            "position" => r.position_event(&row),
            _ => {}
        }
        Ok(())
    })?;

    r.compare_position_events();

    // Orders.
    let stored = db::all_orders(conn)?;
    let mut seen = BTreeSet::new();
    for row in &stored {
        seen.insert(row.client_order_id.clone());
        let body: OrderAny = match crate::data::currencies::from_stored_json_fast(&row.body) {
            Ok(o) => o,
            Err(e) => {
                r.mismatches.push(format!(
                    "order {}: stored body is unreadable: {e}",
                    row.client_order_id
                ));
                continue;
            }
        };
        match r.cache.borrow().order(&body.client_order_id()) {
            None => r.mismatches.push(format!(
                "order {} is stored but absent from the journal",
                row.client_order_id
            )),
            Some(rebuilt) => {
                let (a, b) = (order_summary(&rebuilt), order_summary(&body));
                if a != b || row.status != body.status().to_string() {
                    r.mismatches.push(format!(
                        "order {}: journal says {a}; stored {b} (status column {})",
                        row.client_order_id, row.status
                    ));
                }
            }
        }
    }
    for o in r.cache.borrow().orders(None, None, None, None, None) {
        if !seen.contains(o.client_order_id().as_str()) {
            r.mismatches.push(format!(
                "order {} is in the journal but not stored",
                o.client_order_id()
            ));
        }
    }
    out.orders = stored.len();

    // Positions.
    let stored = db::positions(conn, None, false)?;
    let mut seen = BTreeSet::new();
    for row in &stored {
        seen.insert(row.position_id.clone());
        let body: Position = match crate::data::currencies::from_stored_json_fast(&row.body) {
            Ok(p) => p,
            Err(e) => {
                r.mismatches.push(format!(
                    "position {}: stored body is unreadable: {e}",
                    row.position_id
                ));
                continue;
            }
        };
        match r.cache.borrow().position(&body.id) {
            None => r.mismatches.push(format!(
                "position {} is stored but not rebuilt from the journal",
                row.position_id
            )),
            Some(rebuilt) => {
                let (a, b) = (position_summary(&rebuilt), position_summary(&body));
                if a != b {
                    r.mismatches.push(format!(
                        "position {}: journal says {a}; stored {b}",
                        row.position_id
                    ));
                }
            }
        }
    }
    for p in r.cache.borrow().positions(None, None, None, None, None) {
        if !seen.contains(p.id.as_str()) {
            r.mismatches.push(format!(
                "position {} is rebuilt from the journal but not stored",
                p.id
            ));
        }
    }
    out.positions = stored.len();

    // Accounts.
    for venue in db::venues(conn)? {
        let v = Venue::from(venue.name.as_str());
        let Some(row) = db::account(conn, &venue.name)? else {
            r.mismatches
                .push(format!("venue {} has no stored account", venue.name));
            continue;
        };
        out.accounts += 1;
        let stored: AccountState = match crate::data::currencies::from_stored_json(&row.state) {
            Ok(s) => s,
            Err(e) => {
                r.mismatches.push(format!(
                    "account of {}: stored state is unreadable: {e}",
                    venue.name
                ));
                continue;
            }
        };
        let rebuilt = r
            .cache
            .borrow()
            .account(&stored.account_id)
            .and_then(|a| a.last_event());
        let stored_balances = balances_summary(&stored);
        match rebuilt {
            None => r.mismatches.push(format!(
                "account of {} is not rebuilt from the journal",
                venue.name
            )),
            Some(state) if balances_summary(&state) != stored_balances => {
                r.mismatches.push(format!(
                    "account of {}: journal replay gives {:?}; stored {:?}",
                    venue.name,
                    balances_summary(&state),
                    stored_balances
                ));
            }
            Some(_) => {}
        }
        if let Some(last) = r.journaled.get(&v)
            && balances_summary(last) != stored_balances
        {
            r.mismatches.push(format!(
                "account of {}: last journaled state {:?}; stored {:?}",
                venue.name,
                balances_summary(last),
                stored_balances
            ));
        }
        let stored_commissions: BTreeMap<String, Decimal> =
            serde_json::from_str(&row.commissions).unwrap_or_default();
        let replayed = r.commissions.get(&v).cloned().unwrap_or_default();
        let norm = |m: &BTreeMap<String, Decimal>| -> BTreeMap<String, Decimal> {
            m.iter()
                .filter(|(_, v)| !v.is_zero())
                .map(|(k, v)| (k.clone(), v.normalize()))
                .collect()
        };
        if norm(&stored_commissions) != norm(&replayed) {
            r.mismatches.push(format!(
                "commissions of {}: journal replay gives {:?}; stored {:?}",
                venue.name, replayed, stored_commissions
            ));
        }
    }
    out.mismatches = r.mismatches;
    Ok(out)
}
