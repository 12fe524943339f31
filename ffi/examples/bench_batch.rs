//! The Rust side of the batch benchmark (`benches/c/run.sh`): `Tokenizer::tokenize_batch` over the
//! same N mobile numbers as `benches/c/bench_batch.c`, best of R rounds. Prints
//! `rust N NS_PER_VALUE CHECKSUM`; the checksum must equal the C side's (same tokens).

use std::time::Instant;

use yinsi_core::{Keyring, Kind, Tokenizer};

const PREFIXES: [u32; 29] = [
    130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 180, 181, 182, 183,
    184, 185, 186, 187, 188, 189,
];

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() -> Result<(), yinsi_core::Error> {
    let n = env("YINSI_BENCH_VALUES", 200_000);
    let rounds = env("YINSI_BENCH_ROUNDS", 5);
    let values: Vec<String> = (0..n)
        .map(|i| format!("{}{:08}", PREFIXES[i % PREFIXES.len()], (i as u64 * 2_654_435_761) % 100_000_000))
        .collect();
    let tk = Tokenizer::new(Keyring::from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")?);
    let mut best = f64::MAX;
    let mut check = 0u64;
    for r in 0..=rounds {
        // Round 0 warms up.
        let t0 = Instant::now();
        let tokens = tk.tokenize_batch(Kind::CnMobile, &values, b"bench.phone");
        for t in &tokens {
            check += t.as_ref().map_or(1000, |t| u64::from(t.as_bytes()[10]));
        }
        drop(tokens);
        let dt = t0.elapsed().as_nanos() as f64;
        if r > 0 {
            best = best.min(dt);
        }
    }
    println!("rust {n} {:.1} {}", best / n as f64, check / (rounds as u64 + 1));
    Ok(())
}
