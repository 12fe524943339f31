//! FF1 against the NIST samples, random round trips, an exhaustive bijection
//! check and every error path.

mod common;

use std::collections::HashSet;

use common::{hex, read_vectors, Rng};
use yinsi::ff1::Ff1;
use yinsi::{Alphabet, AlphabetFf1, Error};

fn numerals(s: &str, radix: u32) -> Vec<u16> {
    s.chars().map(|c| c.to_digit(radix).unwrap() as u16).collect()
}

fn text(x: &[u16], radix: u32) -> String {
    x.iter().map(|&d| char::from_digit(d as u32, radix).unwrap()).collect()
}

#[test]
fn nist_samples_both_directions() {
    let vectors = read_vectors("ff1_nist.json");
    let vectors = vectors.as_array().unwrap();
    assert_eq!(vectors.len(), 9);
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let radix = v["radix"].as_u64().unwrap() as u32;
        let ff1 = Ff1::new(&hex(v["key_hex"].as_str().unwrap()), radix).unwrap();
        let tweak = hex(v["tweak_hex"].as_str().unwrap());
        let pt = numerals(v["plaintext"].as_str().unwrap(), radix);
        let ct = numerals(v["ciphertext"].as_str().unwrap(), radix);
        assert_eq!(text(&ff1.encrypt(&tweak, &pt).unwrap(), radix), text(&ct, radix), "{name} encrypt");
        assert_eq!(ff1.decrypt(&tweak, &ct).unwrap(), pt, "{name} decrypt");
        // The batch path must agree with the single path.
        let batch: Vec<u16> = pt.iter().chain(&pt).chain(&pt).copied().collect();
        let out = ff1.encrypt_batch(&tweak, pt.len(), &batch).unwrap();
        assert_eq!(out, [ct.clone(), ct.clone(), ct.clone()].concat(), "{name} batch");
        assert_eq!(ff1.decrypt_batch(&tweak, pt.len(), &out).unwrap(), batch, "{name} batch decrypt");
    }
}

#[test]
fn random_round_trips() {
    let mut rng = Rng::new(0x5eed_0001);
    let radixes = [2u32, 3, 7, 10, 16, 26, 36, 62, 100, 255, 256, 1000, 4096, 50_000, 65_535, 65_536];
    let keys: Vec<Ff1> = radixes
        .iter()
        .flat_map(|&r| [16usize, 24, 32].map(|len| (r, len)))
        .map(|(r, len)| Ff1::new(&rng.bytes(len), r).unwrap())
        .collect();
    let mut cases = 0;
    let mut changed = 0;
    while cases < 100_000 {
        let ff1 = &keys[rng.below(keys.len() as u64) as usize];
        let radix = ff1.radix();
        let min = Ff1::min_len_for(radix).unwrap();
        let len = min + rng.below((ff1.max_len() - min + 1) as u64) as usize;
        let tweak_len = rng.below(40) as usize;
        let tweak = rng.bytes(tweak_len);
        let x: Vec<u16> = (0..len).map(|_| rng.below(radix as u64) as u16).collect();
        let y = ff1.encrypt(&tweak, &x).unwrap();
        assert_eq!(y.len(), len);
        assert!(y.iter().all(|&d| (d as u32) < radix));
        assert_eq!(ff1.decrypt(&tweak, &y).unwrap(), x, "radix {radix} len {len}");
        changed += (y != x) as usize;
        cases += 1;
    }
    assert!(changed > 99_000, "encryption must change almost every value: {changed}");
}

#[test]
fn six_digit_decimal_is_a_permutation() {
    let ff1 = Ff1::new(&[9u8; 32], 10).unwrap();
    let all: Vec<u16> = (0..1_000_000u32).flat_map(|v| numerals(&format!("{v:06}"), 10)).collect();
    let out = ff1.encrypt_batch(b"exhaustive", 6, &all).unwrap();
    let distinct: HashSet<&[u16]> = out.chunks(6).collect();
    assert_eq!(distinct.len(), 1_000_000);
    // Spot-check the batch against single calls.
    for v in [0usize, 1, 123_456, 999_999] {
        assert_eq!(ff1.encrypt(b"exhaustive", &all[v * 6..v * 6 + 6]).unwrap(), &out[v * 6..v * 6 + 6]);
    }
    assert_eq!(ff1.decrypt_batch(b"exhaustive", 6, &out).unwrap(), all);
}

#[test]
fn tweak_changes_the_output() {
    let ff1 = Ff1::new(&[3u8; 32], 10).unwrap();
    let x = numerals("13812345678", 10);
    let a = ff1.encrypt(b"tenant-a/orders.phone", &x).unwrap();
    let b = ff1.encrypt(b"tenant-b/orders.phone", &x).unwrap();
    assert_ne!(a, b);
    // Tweaks that span several blocks of Q.
    let long = vec![0xa5u8; 100];
    let c = ff1.encrypt(&long, &x).unwrap();
    assert_eq!(ff1.decrypt(&long, &c).unwrap(), x);
}

#[test]
fn typed_errors() {
    assert_eq!(Ff1::new(&[0u8; 15], 10).unwrap_err(), Error::InvalidKeyLength { len: 15 });
    assert_eq!(Ff1::new(&[0u8; 33], 10).unwrap_err(), Error::InvalidKeyLength { len: 33 });
    assert_eq!(Ff1::new(&[0u8; 16], 1).unwrap_err(), Error::InvalidRadix { radix: 1 });
    assert_eq!(Ff1::new(&[0u8; 16], 65_537).unwrap_err(), Error::InvalidRadix { radix: 65_537 });
    let ff1 = Ff1::new(&[0u8; 32], 10).unwrap();
    assert_eq!(ff1.encrypt(b"", &[1; 5]).unwrap_err(), Error::DomainTooSmall { radix: 10, len: 5 });
    assert_eq!(ff1.encrypt(b"", &[]).unwrap_err(), Error::DomainTooSmall { radix: 10, len: 0 });
    assert_eq!(ff1.encrypt(b"", &[1; 73]).unwrap_err(), Error::InputTooLong { len: 73, max: 72 });
    assert!(ff1.encrypt(b"", &[1; 72]).is_ok());
    assert_eq!(ff1.encrypt(b"", &[1, 2, 3, 10, 5, 6]).unwrap_err(), Error::InvalidNumeral { position: 3 });
    assert_eq!(ff1.decrypt(b"", &[1, 2, 3, 4, 5, 60]).unwrap_err(), Error::InvalidNumeral { position: 5 });
    assert!(matches!(ff1.encrypt_batch(b"", 6, &[1; 13]), Err(Error::InvalidOption { .. })));
    let big = Ff1::new(&[0u8; 32], 65_536).unwrap();
    assert_eq!(big.encrypt(b"", &[65_535; 1]).unwrap_err(), Error::DomainTooSmall { radix: 65_536, len: 1 });
    assert!(big.encrypt(b"", &[65_535; 2]).is_ok());
    assert_eq!(format!("{ff1:?}"), "Ff1 { radix: 10, key: \"<redacted>\" }");
}

#[test]
fn alphabet_layer_matches_numeral_layer() {
    let key = [5u8; 32];
    let fpe = AlphabetFf1::new(&key, Alphabet::new(Alphabet::LOWER_ALNUM).unwrap()).unwrap();
    let ff1 = Ff1::new(&key, 36).unwrap();
    let t = fpe.encrypt(b"tw", "0123456789abcdefghi").unwrap();
    assert_eq!(t, text(&ff1.encrypt(b"tw", &numerals("0123456789abcdefghi", 36)).unwrap(), 36));
    // The NIST sample #9 through the alphabet layer.
    let nist = AlphabetFf1::new(
        &hex("2b7e151628aed2a6abf7158809cf4f3cef4359d8d580aa4f7f036d6f04fc6a94"),
        Alphabet::new(Alphabet::LOWER_ALNUM).unwrap(),
    )
    .unwrap();
    assert_eq!(nist.encrypt(&hex("3737373770717273373737"), "0123456789abcdefghi").unwrap(), "xs8a0azh2avyalyzuwd");
}
