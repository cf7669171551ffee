//! Deterministic synthetic bars: a seeded geometric random walk with volatility regimes.
//!
//! The generator owns its random number generator (SplitMix64) so the same seed gives the same
//! bars on every machine and every build.

use super::codec::BarRow;

/// Parameters of a generated series.
#[derive(Debug, Clone)]
pub struct WalkParams {
    pub seed: u64,
    /// Close time of the first bar, Unix ns.
    pub start_ns: i64,
    pub step_ns: i64,
    pub bars: usize,
    pub start_price: f64,
    /// Annualised volatility of the calm regime (e.g. 0.5 = 50%).
    pub annual_volatility: f64,
    /// Annualised drift.
    pub annual_drift: f64,
    pub price_precision: u8,
    pub size_precision: u8,
}

/// The three regimes: calm, normal and stressed, as multiples of the base volatility.
const REGIME_VOL: [f64; 3] = [0.6, 1.0, 2.2];
/// Chance per bar of leaving the current regime.
const REGIME_SWITCH: f64 = 0.0005;
/// Price steps simulated inside each bar to shape its high and low.
const SUB_STEPS: usize = 4;

struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box-Muller).
    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// Generates the bars.
#[must_use]
pub fn random_walk(p: &WalkParams) -> Vec<BarRow> {
    let mut rng = SplitMix64(p.seed ^ 0x005E_ED0F_BA25);
    let year_ns = 365.25 * 86_400.0 * 1e9;
    let dt = p.step_ns as f64 / year_ns / SUB_STEPS as f64;
    let scale = 10f64.powi(i32::from(p.price_precision));
    let size_scale = 10f64.powi(i32::from(p.size_precision));
    let tick = 1.0 / scale;
    let mut regime = 1usize;
    let mut price = p.start_price;
    let mut rows = Vec::with_capacity(p.bars);
    for i in 0..p.bars {
        if rng.uniform() < REGIME_SWITCH {
            regime = (regime + 1 + (rng.next_u64() % 2) as usize) % 3;
        }
        let sigma = p.annual_volatility * REGIME_VOL[regime];
        let open = price;
        let (mut high, mut low) = (open, open);
        for _ in 0..SUB_STEPS {
            let shock = sigma * dt.sqrt() * rng.normal();
            price *= ((p.annual_drift - 0.5 * sigma * sigma) * dt + shock).exp();
            price = price.max(tick);
            high = high.max(price);
            low = low.min(price);
        }
        let to_m = |x: f64| ((x * scale).round() as i64).max(1);
        let (o, c) = (to_m(open), to_m(price));
        let volume =
            (REGIME_VOL[regime] * (1.0 + rng.normal().abs()) * 10.0 * size_scale).round() as i64;
        rows.push(BarRow {
            ts: p.start_ns + i as i64 * p.step_ns,
            open: o,
            high: to_m(high).max(o.max(c)),
            low: to_m(low).min(o.min(c)),
            close: c,
            volume,
        });
        price = c as f64 / scale;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(seed: u64) -> WalkParams {
        WalkParams {
            seed,
            start_ns: 1_704_067_260_000_000_000,
            step_ns: 60_000_000_000,
            bars: 10_000,
            start_price: 42_000.0,
            annual_volatility: 0.5,
            annual_drift: 0.0,
            price_precision: 2,
            size_precision: 5,
        }
    }

    #[test]
    fn same_seed_same_bars() {
        assert_eq!(random_walk(&params(7)), random_walk(&params(7)));
        assert_ne!(random_walk(&params(7)), random_walk(&params(8)));
    }

    #[test]
    fn bars_are_consistent() {
        for b in random_walk(&params(1)) {
            assert!(b.high >= b.open.max(b.close) && b.low <= b.open.min(b.close) && b.low > 0);
        }
    }
}
