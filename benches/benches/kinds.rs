//! Speed of the kinds: tokenize `cn_mobile` and `cn_id`, mask, batch tokenize.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use yinsi::{Keyring, Kind, Mask, Tokenizer};

fn kinds(c: &mut Criterion) {
    let tk = Tokenizer::new(Keyring::from_hex(&"2b".repeat(32)).unwrap());
    let mut g = c.benchmark_group("kinds");
    g.bench_function("tokenize_cn_mobile", |b| {
        b.iter(|| tk.tokenize(Kind::CnMobile, black_box("13812345678"), black_box(b"orders.phone")).unwrap())
    });
    g.bench_function("tokenize_cn_mobile_formatted", |b| {
        b.iter(|| tk.tokenize(Kind::CnMobile, black_box("+86 138-1234-5678"), black_box(b"orders.phone")).unwrap())
    });
    g.bench_function("detokenize_cn_mobile", |b| {
        b.iter(|| tk.detokenize(Kind::CnMobile, black_box("13863224623"), black_box(b"orders.phone")).unwrap())
    });
    // 1,000 valid IDs: real regions, dates 1950-2009, random sequence numbers (about 1 in 11 ends in X).
    let regions = yinsi::gazetteer::codes();
    let ids: Vec<String> = (0..1000u64)
        .map(|i| {
            let r = regions[(i * 7919) as usize % regions.len()];
            let body = format!("{r:06}{}{:02}{:02}{:03}", 1950 + i % 60, 1 + i % 12, 1 + i % 28, (i * 37) % 1000);
            let sum: u32 = body
                .bytes()
                .zip([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
                .map(|(b, w)| (b - b'0') as u32 * w)
                .sum();
            format!("{body}{}", "10X98765432".as_bytes()[(sum % 11) as usize] as char)
        })
        .collect();
    assert!(ids.iter().all(|v| tk.validate(Kind::CnId, v).is_ok()));
    let mut i = 0;
    g.bench_function("tokenize_cn_id", |b| {
        b.iter(|| {
            i = (i + 1) % ids.len();
            tk.tokenize(Kind::CnId, black_box(&ids[i]), black_box(b"hotel.guest_id")).unwrap()
        })
    });
    g.bench_function("mask_cn_mobile", |b| {
        b.iter(|| tk.mask(Kind::CnMobile, black_box("13812345678"), Mask::Default).unwrap())
    });
    g.bench_function("mask_cn_id", |b| {
        b.iter(|| tk.mask(Kind::CnId, black_box("11010519491231002X"), Mask::Default).unwrap())
    });
    g.bench_function("split_address", |b| {
        b.iter(|| yinsi::gazetteer::split_address(black_box("浙江省杭州市西湖区文三路100号")))
    });
    g.bench_function("split_address_none", |b| {
        b.iter(|| yinsi::gazetteer::split_address(black_box("订单已发货，请注意查收")))
    });
    let phones: Vec<String> =
        (0..4096u64).map(|i| format!("1{}{:09}", 3 + i % 7, (i * 7_919_993) % 1_000_000_000)).collect();
    g.throughput(Throughput::Elements(phones.len() as u64));
    g.bench_function("tokenize_batch_cn_mobile_4096", |b| {
        b.iter(|| tk.tokenize_batch(Kind::CnMobile, black_box(&phones), b"orders.phone"))
    });
    g.finish();
}

criterion_group!(benches, kinds);
criterion_main!(benches);
