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

/// The walk, one bar at a time: a long series is generated and stored in chunks without
/// holding it all in memory.
pub struct Walk {
    p: WalkParams,
    rng: SplitMix64,
    regime: usize,
    price: f64,
    i: usize,
    dt: f64,
    scale: f64,
    size_scale: f64,
    tick: f64,
}

impl Walk {
    /// The walk of `p`, before its first bar.
    #[must_use]
    pub fn new(p: &WalkParams) -> Self {
        let year_ns = 365.25 * 86_400.0 * 1e9;
        let scale = 10f64.powi(i32::from(p.price_precision));
        Self {
            rng: SplitMix64(p.seed ^ 0x005E_ED0F_BA25),
            regime: 1,
            price: p.start_price,
            i: 0,
            dt: p.step_ns as f64 / year_ns / SUB_STEPS as f64,
            scale,
            size_scale: 10f64.powi(i32::from(p.size_precision)),
            tick: 1.0 / scale,
            p: p.clone(),
        }
    }
}

impl Iterator for Walk {
    type Item = BarRow;

    fn next(&mut self) -> Option<BarRow> {
        if self.i >= self.p.bars {
            return None;
        }
        let rng = &mut self.rng;
        if rng.uniform() < REGIME_SWITCH {
            self.regime = (self.regime + 1 + (rng.next_u64() % 2) as usize) % 3;
        }
        let sigma = self.p.annual_volatility * REGIME_VOL[self.regime];
        let open = self.price;
        let (mut high, mut low) = (open, open);
        for _ in 0..SUB_STEPS {
            let shock = sigma * self.dt.sqrt() * rng.normal();
            self.price *= ((self.p.annual_drift - 0.5 * sigma * sigma) * self.dt + shock).exp();
            self.price = self.price.max(self.tick);
            high = high.max(self.price);
            low = low.min(self.price);
        }
        let scale = self.scale;
        let to_m = |x: f64| ((x * scale).round() as i64).max(1);
        let (o, c) = (to_m(open), to_m(self.price));
        let volume = (REGIME_VOL[self.regime] * (1.0 + rng.normal().abs()) * 10.0 * self.size_scale)
            .round() as i64;
        let row = BarRow {
            ts: self.p.start_ns + self.i as i64 * self.p.step_ns,
            open: o,
            high: to_m(high).max(o.max(c)),
            low: to_m(low).min(o.min(c)),
            close: c,
            volume,
        };
        self.price = c as f64 / scale;
        self.i += 1;
        Some(row)
    }
}

/// Generates the bars.
#[must_use]
pub fn random_walk(p: &WalkParams) -> Vec<BarRow> {
    Walk::new(p).collect()
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
