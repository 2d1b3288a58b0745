//! Waiter efficiency for `make bench` (issue 7): polls and detection delay of our waiter policy
//! against a fixed 2-s poller (Azure's default) and AWS's waiter schedule, for actions of 2 s,
//! 30 s and 5 min, in simulated time (no sleeping). Prints one JSON object per line.
//!
//! `cargo run --quiet --example waiter_bench [-- SEEDS]`
//!
//! Model (the one of `simulate_waiter`): every strategy polls at once, a poll at time `t` sees
//! the action done iff `t >= duration`, requests take no time. Randomised strategies run with
//! SEEDS seeds (default 1000); the figures are the mean and the worst case.

use itcare_postgresql::client::{simulate_fixed_poller, simulate_waiter, SplitMix64, WaitPolicy};

/// AWS SDK waiters (`@smithy/util-waiter`, also botocore's schedule): first poll at once, then
/// `delay = random(min, min * 2^(attempt-1))`, capped at `max` once the exponent passes
/// `log2(max / min) + 1`. Defaults used by AWS waiters: min 2 s, max 120 s.
fn simulate_aws(min_ms: u64, max_ms: u64, duration_ms: u64, seed: u64) -> (u32, u64) {
    let mut rng = SplitMix64::new(seed);
    let ceiling = ((max_ms as f64 / min_ms as f64).log2() + 1.0).floor() as u32;
    let (mut now, mut polls, mut attempt) = (0u64, 0u32, 0u32);
    loop {
        polls += 1;
        if now >= duration_ms {
            return (polls, now - duration_ms);
        }
        attempt += 1;
        let delay = if attempt > ceiling {
            max_ms
        } else {
            let upper = (min_ms as f64 * 2f64.powi(attempt as i32 - 1)).min(max_ms as f64);
            (min_ms as f64 + rng.next_f64() * (upper - min_ms as f64)).round() as u64
        };
        now += delay;
    }
}

/// Mean and worst polls, mean and worst detection delay (ms).
type Stats = (f64, u32, f64, u64);

/// [`Stats`] over `seeds` runs of `run`.
fn stats(seeds: u64, mut run: impl FnMut(u64) -> (u32, u64)) -> Stats {
    let (mut polls_sum, mut polls_max, mut delay_sum, mut delay_max) = (0u64, 0u32, 0u64, 0u64);
    for seed in 0..seeds {
        let (polls, delay) = run(seed);
        polls_sum += u64::from(polls);
        polls_max = polls_max.max(polls);
        delay_sum = delay_sum.saturating_add(delay);
        delay_max = delay_max.max(delay);
    }
    (
        polls_sum as f64 / seeds as f64,
        polls_max,
        delay_sum as f64 / seeds as f64,
        delay_max,
    )
}

fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000)
        .max(1);
    let ours = WaitPolicy::default();
    for duration_ms in [2_000u64, 30_000, 300_000] {
        let rows: [(&str, Stats); 3] = [
            (
                "ours (default WaitPolicy)",
                stats(seeds, |seed| simulate_waiter(&ours, duration_ms, seed)),
            ),
            (
                "fixed 2 s (Azure default)",
                stats(1, |_| simulate_fixed_poller(2_000, duration_ms)),
            ),
            (
                "AWS waiter (2 s..120 s, jittered exponential)",
                stats(seeds, |seed| {
                    simulate_aws(2_000, 120_000, duration_ms, seed)
                }),
            ),
        ];
        for (strategy, (polls_mean, polls_max, delay_mean, delay_max)) in rows {
            println!(
                "{{\"durationMs\":{duration_ms},\"strategy\":\"{strategy}\",\"pollsMean\":{polls_mean:.2},\"pollsMax\":{polls_max},\"delayMeanMs\":{delay_mean:.0},\"delayMaxMs\":{delay_max},\"seeds\":{seeds}}}"
            );
        }
    }
}
