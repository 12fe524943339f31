//! The hardware floor for FF1: latency of one AES-256 block (dependent chain) and the
//! throughput of eight independent blocks, with the same `aes` crate FF1 uses.

use std::hint::black_box;

use aes::cipher::{BlockCipherEncrypt, KeyInit};
use aes::{Aes256, Block};
use criterion::{criterion_group, criterion_main, Criterion};

fn floor(c: &mut Criterion) {
    let aes = Aes256::new_from_slice(&[7u8; 32]).unwrap();
    let mut g = c.benchmark_group("aes256");
    g.bench_function("11_dependent_blocks", |b| {
        b.iter(|| {
            let mut block = Block::default();
            for _ in 0..11 {
                aes.encrypt_block(black_box(&mut block));
            }
            block
        })
    });
    g.bench_function("8_parallel_blocks", |b| {
        b.iter(|| {
            let mut blocks = [Block::default(); 8];
            aes.encrypt_blocks(black_box(&mut blocks));
            blocks
        })
    });
    g.finish();
}

criterion_group!(benches, floor);
criterion_main!(benches);
