//! FF1 speed: yinsi against the `fpe` crate, measured in the same run.
//!
//! Encrypts an 11-digit decimal value with FF1-AES-256 (a single call, and a
//! batch of 4,096 values of one length and tweak). `benches/compare.sh` turns
//! the criterion estimates into the ratio table in the README.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use fpe::ff1::{FlexibleNumeralString, FF1};
use yinsi::ff1::Ff1;

const KEY: [u8; 32] = [0x2b; 32];
const TWEAK: &[u8] = b"orders.phone";
const BATCH: usize = 4096;

fn values() -> Vec<u16> {
    let mut seed = 0x1234_5678_9abc_def0u64;
    (0..BATCH * 11)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 10) as u16
        })
        .collect()
}

fn ff1(c: &mut Criterion) {
    let x: Vec<u16> = vec![1, 3, 8, 1, 2, 3, 4, 5, 6, 7, 8];
    let ours = Ff1::new(&KEY, 10).unwrap();
    let theirs = FF1::<aes::Aes256>::new(&KEY, 10).unwrap();
    assert_eq!(
        ours.encrypt(TWEAK, &x).unwrap(),
        Vec::<u16>::from(theirs.encrypt(TWEAK, &FlexibleNumeralString::from(x.clone())).unwrap()),
        "both implement the same FF1"
    );

    let mut g = c.benchmark_group("ff1_aes256_11_digits");
    g.bench_function("yinsi_single", |b| b.iter(|| ours.encrypt(black_box(TWEAK), black_box(&x)).unwrap()));
    g.bench_function("fpe_single", |b| {
        b.iter_batched(
            || FlexibleNumeralString::from(x.clone()),
            |ns| theirs.encrypt(black_box(TWEAK), &ns).unwrap(),
            BatchSize::SmallInput,
        )
    });
    let batch = values();
    g.throughput(Throughput::Elements(BATCH as u64));
    g.bench_function("yinsi_batch_4096", |b| {
        b.iter(|| ours.encrypt_batch(black_box(TWEAK), 11, black_box(&batch)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, ff1);
criterion_main!(benches);
