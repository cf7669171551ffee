"""The bench_sweep grid in vectorbt, for a side-by-side figure.

MovingAverageCrossover as bench_sweep runs it: EMA(fast) against EMA(slow) of the close,
always in the market after the first crossing (long above, short below), one unit per
position, filled at the close with 0.1% fees; fast 5..24 x slow 30, 40, 60, 80, 100
(100 combinations) over the bars of a CSV file (timestamp, open, high, low, close, volume).

    python -m venv vbt && vbt/bin/pip install vectorbt==1.2.0 vectorbt-rust==1.2.0
    vbt/bin/python examples/peer/vectorbt_sweep.py BARS.csv [rust|numba]

`cargo run --release --example bench_sweep` writes one year of its generated bars as CSV
and prints the command. The time printed covers what bench_sweep's covers after the bars are
loaded: indicators, signals, the portfolio simulation of every combination and a ranking
statistic; it is the best of three runs, after a first run that compiles and warms caches.
"""

import sys
import time

import numpy as np
import pandas as pd
import vectorbt as vbt

FAST = list(range(5, 25))
SLOW = [30, 40, 60, 80, 100]


def load(path):
    df = pd.read_csv(path)
    ts = df.columns[0]
    df.index = pd.to_datetime(df[ts], utc=True, format="mixed")
    return df["close"].astype(float)


def sweep(close):
    fast_ma = vbt.MA.run(close, window=FAST, ewm=True, short_name="fast")
    slow_ma = vbt.MA.run(close, window=SLOW, ewm=True, short_name="slow")
    fast = fast_ma.ma.to_numpy()  # bars x 20
    slow = slow_ma.ma.to_numpy()  # bars x 5
    f = np.repeat(fast, len(SLOW), axis=1)  # bars x 100, fast-major
    s = np.tile(slow, (1, len(FAST)))
    above = f > s
    ready = ~(np.isnan(f) | np.isnan(s))
    prev = np.vstack([np.zeros((1, above.shape[1]), dtype=bool), above[:-1]])
    prev_ready = np.vstack([np.zeros((1, ready.shape[1]), dtype=bool), ready[:-1]])
    cross_up = above & ~prev & ready & prev_ready
    cross_down = ~above & prev & ready & prev_ready
    # Target position: +1 from a crossing up, -1 from a crossing down, 0 before the first.
    target = np.where(cross_up, 1.0, np.where(cross_down, -1.0, np.nan))
    target = pd.DataFrame(target).ffill().fillna(0.0).to_numpy()
    # Close the position on the last bar, as close_at_end does.
    target[-1, :] = 0.0
    size = np.diff(np.vstack([np.zeros((1, target.shape[1])), target]), axis=0)
    columns = pd.MultiIndex.from_product([FAST, SLOW], names=["fast", "slow"])
    pf = vbt.Portfolio.from_orders(
        close,
        size=pd.DataFrame(size, index=close.index, columns=columns),
        size_type="amount",
        fees=0.001,
        init_cash=1_000_000.0,
        freq="1min",
    )
    return pf.total_return()


def main():
    path = sys.argv[1]
    engine = sys.argv[2] if len(sys.argv) > 2 else "rust"
    vbt.settings["engine"] = engine
    close = load(path)
    sweep(close)  # compile, warm caches
    times = []
    for _ in range(3):
        t = time.perf_counter()
        ret = sweep(close)
        times.append(time.perf_counter() - t)
    best = min(times)
    n = len(FAST) * len(SLOW)
    print(
        f"vectorbt {vbt.__version__} ({engine} engine): {n} combinations x {len(close)} bars | "
        f"wall {best:.2f} s | {n / best:.1f} combinations/s | "
        f"{n * len(close) / best / 1e6:.1f} M bar-combinations/s | best {ret.idxmax()}"
    )


if __name__ == "__main__":
    main()
