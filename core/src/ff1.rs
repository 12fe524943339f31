//! FF1 format-preserving encryption (NIST SP 800-38G), with AES as the block cipher.
//!
//! [`Ff1`] is the raw primitive, exposed for interoperability: numerals in,
//! numerals out, byte-for-byte the algorithm of the standard (it passes the nine
//! NIST samples, see `tests/vectors/ff1_nist.json`). The kinds build on it.
//!
//! # Arithmetic and limits
//!
//! No floating point and no bignum: the two halves of the input are held as
//! `u128` integers, and `b` (the byte length of `NUM(B)`) is computed exactly as
//! the byte length of `radix^v - 1`. A length `n` is supported when
//! `radix^ceil(n/2) <= 2^120`, so that every intermediate value fits. This gives
//! the maximum length per radix returned by [`Ff1::max_len_for`], e.g.
//!
//! | radix | shortest (radix^n >= 10^6) | longest |
//! |---:|---:|---:|
//! | 2 | 20 | 240 |
//! | 10 | 6 | 72 |
//! | 16 | 5 | 60 |
//! | 26 | 5 | 50 |
//! | 36 | 4 | 46 |
//! | 62 | 4 | 40 |
//! | 256 | 3 | 30 |
//! | 65536 | 2 | 14 |
//!
//! # Speed
//!
//! The numeral halves stay integers through all ten rounds, the encrypted
//! block `P` is cached per (length, tweak length), the constant blocks of `Q`
//! (all but its last) are encrypted once per call, and each round costs one
//! AES block encryption (two when `b > 12`). The batch calls run eight values side by side so the
//! AES pipeline stays full.
//!
//! FF1 is the subject of a patent disclosure to NIST (see the README).

use std::fmt;
use std::sync::OnceLock;

use aes::cipher::consts::U16;
use aes::cipher::{BlockCipherEncBackend, BlockCipherEncClosure, BlockCipherEncrypt, BlockSizeUser, KeyInit};
use aes::{Aes128, Aes192, Aes256, Block};

use crate::{Error, Result};

/// NIST's minimum domain size: `radix^len` must be at least this.
pub const MIN_DOMAIN: u128 = 1_000_000;

/// Values encrypted side by side in the batch calls.
const LANES: usize = 8;

/// Largest `radix^v` (`v = ceil(n/2)`) that the fixed-width arithmetic supports.
const MAX_HALF_DOMAIN_BITS: u32 = 120;

enum Cipher {
    A128(Aes128),
    A192(Aes192),
    A256(Aes256),
}

impl Cipher {
    #[inline]
    fn encrypt_blocks(&self, blocks: &mut [Block]) {
        match self {
            Cipher::A128(c) => c.encrypt_blocks(blocks),
            Cipher::A192(c) => c.encrypt_blocks(blocks),
            Cipher::A256(c) => c.encrypt_blocks(blocks),
        }
    }

    #[inline]
    fn encrypt_block(&self, block: &mut [u8; 16]) {
        let mut b = Block::from(*block);
        self.encrypt_one(&mut b);
        block.copy_from_slice(&b);
    }

    #[inline]
    fn encrypt_one(&self, block: &mut Block) {
        match self {
            Cipher::A128(c) => c.encrypt_block(block),
            Cipher::A192(c) => c.encrypt_block(block),
            Cipher::A256(c) => c.encrypt_block(block),
        }
    }
}

/// An FF1 cipher: an AES key and a radix.
///
/// Thread-safe (`Send + Sync`); share one instance. The AES round keys are
/// zeroized when it is dropped, and so are the cached encryptions of `P`. `Debug` shows the
/// radix only.
///
/// ```
/// use yinsi::ff1::Ff1;
/// let key = [0x2bu8; 32];
/// let ff1 = Ff1::new(&key, 10).unwrap();
/// let ct = ff1.encrypt(b"context", &[1, 3, 8, 0, 0, 1, 3, 8, 0, 0, 0]).unwrap();
/// assert_eq!(ct.len(), 11);
/// assert_eq!(ff1.decrypt(b"context", &ct).unwrap(), [1, 3, 8, 0, 0, 1, 3, 8, 0, 0, 0]);
/// ```
pub struct Ff1 {
    cipher: Cipher,
    radix: u32,
    max_len: usize,
    /// Shapes computed so far, by length (index `n`, up to `max_len`).
    shapes: Box<[OnceLock<ShapeSlot>]>,
}

/// Tweak lengths whose encrypted `P` block is cached per input length.
const P_CACHE_TWEAK_LEN: usize = 32;

/// A [`Shape`] and the encrypted `P` blocks seen so far for it, by tweak length.
///
/// `P` depends on the radix, the length and the tweak *length* only, so one AES
/// call per (length, tweak length) serves every value and every tweak of that length.
struct ShapeSlot {
    shape: Shape,
    p_enc: Box<[OnceLock<[u8; 16]>]>,
}

impl Drop for Ff1 {
    /// The cached `CIPH(P)` blocks are key-dependent: they go with the round keys.
    fn drop(&mut self) {
        for slot in self.shapes.iter_mut().filter_map(OnceLock::get_mut) {
            for block in slot.p_enc.iter_mut().filter_map(OnceLock::get_mut) {
                zeroize::Zeroize::zeroize(block);
            }
        }
    }
}

impl fmt::Debug for Ff1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ff1").field("radix", &self.radix).field("key", &"<redacted>").finish()
    }
}

/// Reduction modulo a fixed `radix^m`.
#[derive(Clone, Copy, Debug)]
struct Modulus {
    m: u128,
    /// `u64::MAX / m` when `m` fits in 64 bits (Barrett reduction), else 0.
    inv: u64,
}

impl Modulus {
    fn new(m: u128) -> Modulus {
        // floor(2^64 / m) fits in 64 bits for every m >= 2.
        let inv = if m <= u64::MAX as u128 { ((1u128 << 64) / m) as u64 } else { 0 };
        Modulus { m, inv }
    }

    /// `(x + y) mod m` for `x < m <= 2^32` and any 64-bit `y`.
    ///
    /// `y - q*m` with the Barrett quotient `q` lies in `[0, 2m)`, so `x + y - q*m` lies in
    /// `[0, 3m)`: two conditional subtractions finish it. The sum is formed with wrapping
    /// arithmetic (its true value fits), which takes the addition of `x` off the
    /// multiplication's path.
    #[inline(always)]
    fn add_reduce(&self, x: u64, y: u64) -> u64 {
        let m = self.m as u64;
        let q = ((y as u128 * self.inv as u128) >> 64) as u64;
        let mut r = y.wrapping_add(x).wrapping_sub(q.wrapping_mul(m));
        r -= if r >= m { m } else { 0 };
        r - if r >= m { m } else { 0 }
    }

    /// `(x - y) mod m` for `x < m <= 2^32` and any 64-bit `y`: `x + 2m - (y - q*m)` lies in
    /// `(0, 3m)` (see [`Modulus::add_reduce`]).
    #[inline(always)]
    fn sub_reduce(&self, x: u64, y: u64) -> u64 {
        let m = self.m as u64;
        let q = ((y as u128 * self.inv as u128) >> 64) as u64;
        let mut r = (x + 2 * m).wrapping_sub(y).wrapping_add(q.wrapping_mul(m));
        r -= if r >= m { m } else { 0 };
        r - if r >= m { m } else { 0 }
    }
}

/// Everything about one input length that the rounds need.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shape {
    n: usize,
    u: usize,
    b: usize,
    d: usize,
    mod_u: Modulus,
    mod_v: Modulus,
}

/// The CBC-MAC state after `P` and the constant blocks of `Q` for one tweak and length.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tweaked {
    /// The CBC state XORed with the constant bytes of the last block of `Q`, as a
    /// big-endian integer: the round number and `NUM(B)` are XORed into its low bytes.
    last: u128,
}

/// Largest supported length for `radix` (see the module docs).
fn max_len_of(radix: u32) -> usize {
    let limit = 1u128 << MAX_HALF_DOMAIN_BITS;
    let mut v = 0usize;
    let mut p = 1u128;
    while let Some(next) = p.checked_mul(radix as u128).filter(|&next| next <= limit) {
        p = next;
        v += 1;
    }
    2 * v
}

fn checked_pow(radix: u32, e: usize) -> Option<u128> {
    let mut p = 1u128;
    for _ in 0..e {
        p = p.checked_mul(radix as u128)?;
    }
    Some(p)
}

/// Bit length of `x` (0 for 0).
fn bit_len(x: u128) -> u32 {
    128 - x.leading_zeros()
}

fn check_radix(radix: u32) -> Result<()> {
    if (2..=65536).contains(&radix) {
        Ok(())
    } else {
        Err(Error::InvalidRadix { radix })
    }
}

impl Ff1 {
    /// Creates an FF1 cipher from a 16-, 24- or 32-byte AES key and a radix in 2..=65536.
    pub fn new(key: &[u8], radix: u32) -> Result<Ff1> {
        check_radix(radix)?;
        let cipher = match key.len() {
            16 => Cipher::A128(Aes128::new_from_slice(key).map_err(|_| Error::InvalidKeyLength { len: 16 })?),
            24 => Cipher::A192(Aes192::new_from_slice(key).map_err(|_| Error::InvalidKeyLength { len: 24 })?),
            32 => Cipher::A256(Aes256::new_from_slice(key).map_err(|_| Error::InvalidKeyLength { len: 32 })?),
            len => return Err(Error::InvalidKeyLength { len }),
        };
        let max_len = max_len_of(radix);
        Ok(Ff1 { cipher, radix, max_len, shapes: (0..=max_len).map(|_| OnceLock::new()).collect() })
    }

    /// The radix this cipher was created with.
    pub fn radix(&self) -> u32 {
        self.radix
    }

    /// The longest input this cipher accepts (see the module docs).
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The longest input accepted for `radix`, or an error for a radix outside 2..=65536.
    pub fn max_len_for(radix: u32) -> Result<usize> {
        check_radix(radix)?;
        Ok(max_len_of(radix))
    }

    /// The shortest input accepted for `radix`: the least `n >= 2` with `radix^n >= 1,000,000`.
    pub fn min_len_for(radix: u32) -> Result<usize> {
        check_radix(radix)?;
        let mut n = 2;
        while checked_pow(radix, n).is_some_and(|p| p < MIN_DOMAIN) {
            n += 1;
        }
        Ok(n)
    }

    /// Encrypts numerals (each below the radix) under `tweak`.
    pub fn encrypt(&self, tweak: &[u8], x: &[u16]) -> Result<Vec<u16>> {
        self.crypt_single(tweak, x, true)
    }

    /// Decrypts numerals produced by [`Ff1::encrypt`] under the same tweak.
    pub fn decrypt(&self, tweak: &[u8], x: &[u16]) -> Result<Vec<u16>> {
        self.crypt_single(tweak, x, false)
    }

    /// One value: the latency-bound path, kept free of the batch bookkeeping.
    fn crypt_single(&self, tweak: &[u8], x: &[u16], encrypt: bool) -> Result<Vec<u16>> {
        let shape = self.shape(x.len())?;
        self.check_numerals(x)?;
        let tw = self.tweaked(&shape, tweak);
        let (a, b) = self.crypt_one(&shape, &tw, (self.num(&x[..shape.u]), self.num(&x[shape.u..])), encrypt);
        let mut out = vec![0u16; x.len()];
        let (ya, yb) = out.split_at_mut(shape.u);
        write_numerals(a, self.radix, ya);
        write_numerals(b, self.radix, yb);
        Ok(out)
    }

    /// Checks that every numeral is below the radix.
    #[inline]
    fn check_numerals(&self, xs: &[u16]) -> Result<()> {
        // The maximum vectorizes; find the position only on failure.
        if xs.iter().copied().max().is_some_and(|max| max as u32 >= self.radix) {
            let position = xs.iter().position(|&d| d as u32 >= self.radix).unwrap_or(0);
            return Err(Error::InvalidNumeral { position });
        }
        Ok(())
    }

    /// Encrypts many values of one length under one tweak.
    ///
    /// `xs` holds the values one after another (`xs.len()` a multiple of
    /// `len`); the result has the same layout. Equal to calling
    /// [`Ff1::encrypt`] on each value, several times faster.
    pub fn encrypt_batch(&self, tweak: &[u8], len: usize, xs: &[u16]) -> Result<Vec<u16>> {
        self.crypt_numerals(tweak, len, xs, true)
    }

    /// Decrypts many values of one length under one tweak (see [`Ff1::encrypt_batch`]).
    pub fn decrypt_batch(&self, tweak: &[u8], len: usize, xs: &[u16]) -> Result<Vec<u16>> {
        self.crypt_numerals(tweak, len, xs, false)
    }

    fn crypt_numerals(&self, tweak: &[u8], len: usize, xs: &[u16], encrypt: bool) -> Result<Vec<u16>> {
        let shape = self.shape(len)?;
        if xs.len() % len != 0 {
            return Err(Error::InvalidOption { option: "len", reason: "input is not a whole number of values" });
        }
        self.check_numerals(xs)?;
        let tw = self.tweaked(&shape, tweak);
        let mut out = vec![0u16; xs.len()];
        let mut lanes = [(0u128, 0u128); LANES];
        for (chunk_in, chunk_out) in xs.chunks(len * LANES).zip(out.chunks_mut(len * LANES)) {
            let count = chunk_in.len() / len;
            for (lane, x) in lanes.iter_mut().zip(chunk_in.chunks(len)) {
                *lane = (self.num(&x[..shape.u]), self.num(&x[shape.u..]));
            }
            self.crypt_lanes(&shape, &[&tw], &mut lanes[..count], encrypt);
            for (lane, y) in lanes.iter().zip(chunk_out.chunks_mut(len)) {
                let (ya, yb) = y.split_at_mut(shape.u);
                write_numerals(lane.0, self.radix, ya);
                write_numerals(lane.1, self.radix, yb);
            }
        }
        Ok(out)
    }

    /// `NUM_radix(x)` for numerals already checked to be below the radix.
    #[inline]
    fn num(&self, x: &[u16]) -> u128 {
        if x.len() <= 4 || (self.radix <= 1 << 10 && x.len() <= 6) || (self.radix <= 16 && x.len() <= 16) {
            // Fits in 64 bits: radix^len < 2^64.
            x.iter().fold(0u64, |acc, &d| acc * self.radix as u64 + d as u64) as u128
        } else {
            x.iter().fold(0u128, |acc, &d| acc * self.radix as u128 + d as u128)
        }
    }

    /// Checks a length and returns everything the rounds need for it (computed once per length).
    #[inline]
    pub(crate) fn shape(&self, n: usize) -> Result<Shape> {
        match self.shapes.get(n).and_then(OnceLock::get) {
            Some(slot) => Ok(slot.shape),
            None => self.init_shape(n),
        }
    }

    #[cold]
    fn init_shape(&self, n: usize) -> Result<Shape> {
        let shape = self.compute_shape(n)?;
        let slot = self.shapes[n]
            .get_or_init(|| ShapeSlot { shape, p_enc: (0..=P_CACHE_TWEAK_LEN).map(|_| OnceLock::new()).collect() });
        Ok(slot.shape)
    }

    /// `CIPH(P)` for a length whose shape exists and a tweak length; cached for short tweaks.
    #[inline]
    fn p_block(&self, shape: &Shape, t: usize) -> [u8; 16] {
        let compute = || {
            let mut state = [0u8; 16];
            state[..3].copy_from_slice(&[1, 2, 1]);
            state[3..6].copy_from_slice(&self.radix.to_be_bytes()[1..]);
            state[6] = 10;
            state[7] = (shape.u % 256) as u8;
            state[8..12].copy_from_slice(&(shape.n as u32).to_be_bytes());
            state[12..16].copy_from_slice(&(t as u32).to_be_bytes());
            self.cipher.encrypt_block(&mut state);
            state
        };
        match self.shapes.get(shape.n).and_then(OnceLock::get).and_then(|slot| slot.p_enc.get(t)) {
            Some(cell) => *cell.get_or_init(compute),
            None => compute(),
        }
    }

    fn compute_shape(&self, n: usize) -> Result<Shape> {
        if n < 2 || checked_pow(self.radix, n).is_some_and(|p| p < MIN_DOMAIN) {
            return Err(Error::DomainTooSmall { radix: self.radix, len: n });
        }
        if n > self.max_len {
            return Err(Error::InputTooLong { len: n, max: self.max_len });
        }
        let u = n / 2;
        let v = n - u;
        // Both powers fit: radix^v <= 2^120 by the max_len check.
        let pow_u = checked_pow(self.radix, u).unwrap_or(u128::MAX);
        let pow_v = checked_pow(self.radix, v).unwrap_or(u128::MAX);
        // b = ceil(ceil(v * log2(radix)) / 8) = byte length of radix^v - 1, exactly.
        let b = (bit_len(pow_v - 1) as usize).div_ceil(8);
        let d = 4 * b.div_ceil(4) + 4;
        Ok(Shape { n, u, b, d, mod_u: Modulus::new(pow_u), mod_v: Modulus::new(pow_v) })
    }

    /// Runs `P` and the constant blocks of `Q` through the CBC-MAC for one tweak.
    pub(crate) fn tweaked(&self, shape: &Shape, tweak: &[u8]) -> Tweaked {
        let t = tweak.len();
        let mut state = self.p_block(shape, t);
        if t + shape.b < 16 {
            // Q is one block: the tweak, zeros, then the round number and NUM(B).
            for (s, &x) in state.iter_mut().zip(tweak) {
                *s ^= x;
            }
            return Tweaked { last: u128::from_be_bytes(state) };
        }

        let pad = (16 - (t + shape.b + 1) % 16) % 16;
        // Q's blocks before its last one hold tweak bytes (and zeros): run them through the
        // CBC-MAC with one backend set-up for all of them.
        let lead = t + pad + 1 + shape.b - 16;
        let mut block = Block::from(state);
        let mac = CbcMac { state: &mut block, tweak, lead };
        match &self.cipher {
            Cipher::A128(c) => c.encrypt_with_backend(mac),
            Cipher::A192(c) => c.encrypt_with_backend(mac),
            Cipher::A256(c) => c.encrypt_with_backend(mac),
        }
        // The tweak ends before the round number and NUM(B), so the rest of this block is zero.
        let mut last = tweak_block(tweak, lead);
        for (l, s) in last.iter_mut().zip(block.iter()) {
            *l ^= s;
        }
        Tweaked { last: u128::from_be_bytes(last) }
    }

    /// Runs the ten Feistel rounds on up to [`LANES`] values `(NUM(A), NUM(B))`.
    ///
    /// `tweaks` holds one entry for all lanes, or one per lane.
    pub(crate) fn crypt_lanes(&self, shape: &Shape, tweaks: &[&Tweaked], lanes: &mut [(u128, u128)], encrypt: bool) {
        if let ([lane], [tw]) = (&mut *lanes, tweaks) {
            *lane = self.crypt_one(shape, tw, *lane, encrypt);
            return;
        }
        debug_assert!(lanes.len() <= LANES);
        debug_assert!(tweaks.len() == 1 || tweaks.len() == lanes.len());
        if shape.d == 8 {
            if encrypt {
                self.crypt_lanes_u64::<true>(shape, tweaks, lanes);
            } else {
                self.crypt_lanes_u64::<false>(shape, tweaks, lanes);
            }
            return;
        }
        let count = lanes.len();
        let b = shape.b as u32;
        let mut blocks = [Block::default(); LANES];
        let mut extra = [Block::default(); LANES];
        for step in 0..10u8 {
            let i = if encrypt { step } else { 9 - step };
            let modulus = if i % 2 == 0 { &shape.mod_u } else { &shape.mod_v };
            for (k, block) in blocks[..count].iter_mut().enumerate() {
                let tw = tweaks[if tweaks.len() == 1 { 0 } else { k }];
                // The varying tail of Q: [i] || [NUM(B)]^b (NUM(A) when decrypting).
                // Built in a register: byte 15 - b holds i, the last b bytes NUM(B) (< 2^(8b)).
                let source = if encrypt { lanes[k].1 } else { lanes[k].0 };
                let q = tw.last ^ ((i as u128) << (8 * b)) ^ source;
                *block = Block::from(q.to_be_bytes());
            }
            self.cipher.encrypt_blocks(&mut blocks[..count]);
            if shape.d > 16 {
                for (e, r) in extra[..count].iter_mut().zip(&blocks[..count]) {
                    *e = *r;
                    e[15] ^= 1;
                }
                self.cipher.encrypt_blocks(&mut extra[..count]);
            }
            for k in 0..count {
                let y = reduce(shape, modulus, &blocks[k], &extra[k]);
                let m = modulus.m;
                let (a, bb) = lanes[k];
                if encrypt {
                    let mut c = a + y;
                    if c >= m {
                        c -= m;
                    }
                    lanes[k] = (bb, c);
                } else {
                    let c = if bb >= y { bb - y } else { bb + (m - y) };
                    lanes[k] = (c, a);
                }
            }
        }
    }

    /// [`Ff1::crypt_lanes`] for `d = 8` (`radix^v <= 2^32`): halves, sums and the varying
    /// half of each block on 64-bit registers (see [`rounds_u64`]).
    fn crypt_lanes_u64<const ENCRYPT: bool>(&self, shape: &Shape, tweaks: &[&Tweaked], lanes: &mut [(u128, u128)]) {
        let count = lanes.len();
        let shift = 8 * shape.b as u32;
        let mut ab = [(0u64, 0u64); LANES];
        for (x, lane) in ab.iter_mut().zip(lanes.iter()) {
            *x = (lane.0 as u64, lane.1 as u64);
        }
        let mut blocks = [Block::default(); LANES];
        for (k, block) in blocks[..count].iter_mut().enumerate() {
            let tw = tweaks[if tweaks.len() == 1 { 0 } else { k }];
            block[..8].copy_from_slice(&((tw.last >> 64) as u64).to_be_bytes());
        }
        for step in 0..10u8 {
            let i = if ENCRYPT { step } else { 9 - step };
            let modulus = if i % 2 == 0 { &shape.mod_u } else { &shape.mod_v };
            for (k, block) in blocks[..count].iter_mut().enumerate() {
                let low = tweaks[if tweaks.len() == 1 { 0 } else { k }].last as u64;
                let source = if ENCRYPT { ab[k].1 } else { ab[k].0 };
                block[8..].copy_from_slice(&(low ^ ((i as u64) << shift) ^ source).to_be_bytes());
            }
            self.cipher.encrypt_blocks(&mut blocks[..count]);
            for (x, block) in ab[..count].iter_mut().zip(&mut blocks[..count]) {
                let mut s = [0u8; 8];
                s.copy_from_slice(&block[..8]);
                let s = u64::from_be_bytes(s);
                *x = if ENCRYPT { (x.1, modulus.add_reduce(x.0, s)) } else { (modulus.sub_reduce(x.1, s), x.0) };
            }
            // The next round's blocks start from the tweak state again.
            if step < 9 {
                for (k, block) in blocks[..count].iter_mut().enumerate() {
                    let tw = tweaks[if tweaks.len() == 1 { 0 } else { k }];
                    block[..8].copy_from_slice(&((tw.last >> 64) as u64).to_be_bytes());
                }
            }
        }
        for (lane, x) in lanes.iter_mut().zip(ab.iter()) {
            *lane = (x.0 as u128, x.1 as u128);
        }
    }

    /// The ten rounds on one value: the latency-bound path of a single call. It runs inside
    /// the cipher's backend closure, so the round keys are loaded and the CPU features
    /// checked once, not once per round (out of line, so the eight-lane loop stays compact).
    #[inline(never)]
    fn crypt_one(&self, shape: &Shape, tw: &Tweaked, ab: (u128, u128), encrypt: bool) -> (u128, u128) {
        let mut out = ab;
        let rounds = OneValue { shape, tw, ab, encrypt, out: &mut out };
        match &self.cipher {
            Cipher::A128(c) => c.encrypt_with_backend(rounds),
            Cipher::A192(c) => c.encrypt_with_backend(rounds),
            Cipher::A256(c) => c.encrypt_with_backend(rounds),
        }
        out
    }

    /// Encrypts or decrypts an integer `x < radix^n` as the `n`-numeral string it spells.
    ///
    /// The caller ensures `radix^n` fits a `u128`.
    pub(crate) fn crypt_int(&self, shape: &Shape, tw: &Tweaked, x: u128, encrypt: bool) -> u128 {
        let pow_v = shape.mod_v.m;
        let mut lane = [split(x, pow_v)];
        self.crypt_lanes(shape, &[tw], &mut lane, encrypt);
        lane[0].0 * pow_v + lane[0].1
    }

    /// [`Ff1::crypt_int`] on many integers in place, each with its own tweak state.
    pub(crate) fn crypt_ints(&self, shape: &Shape, tweaks: &[&Tweaked], xs: &mut [u128], encrypt: bool) {
        debug_assert!(tweaks.len() == 1 || tweaks.len() == xs.len());
        let pow_v = shape.mod_v.m;
        let mut lanes = [(0u128, 0u128); LANES];
        for (c, chunk) in xs.chunks_mut(LANES).enumerate() {
            let n = chunk.len();
            for (lane, &x) in lanes.iter_mut().zip(chunk.iter()) {
                *lane = split(x, pow_v);
            }
            let tw: &[&Tweaked] = if tweaks.len() == 1 { tweaks } else { &tweaks[c * LANES..c * LANES + n] };
            self.crypt_lanes(shape, tw, &mut lanes[..n], encrypt);
            for (x, lane) in chunk.iter_mut().zip(lanes.iter()) {
                *x = lane.0 * pow_v + lane.1;
            }
        }
    }
}

/// The 16 bytes of `tweak` from offset `k`, zero past its end.
#[inline]
fn tweak_block(tweak: &[u8], k: usize) -> [u8; 16] {
    let mut block = [0u8; 16];
    let from = k.min(tweak.len());
    let to = (k + 16).min(tweak.len());
    block[..to - from].copy_from_slice(&tweak[from..to]);
    block
}

/// The CBC-MAC over the first `lead` bytes of `Q` (whole blocks), from `state`.
struct CbcMac<'a> {
    state: &'a mut Block,
    tweak: &'a [u8],
    lead: usize,
}

impl BlockSizeUser for CbcMac<'_> {
    type BlockSize = U16;
}

impl BlockCipherEncClosure for CbcMac<'_> {
    #[inline(always)]
    fn call<B: BlockCipherEncBackend<BlockSize = U16>>(self, backend: &B) {
        for k in (0..self.lead).step_by(16) {
            for (s, q) in self.state.iter_mut().zip(tweak_block(self.tweak, k)) {
                *s ^= q;
            }
            backend.encrypt_block((&mut *self.state).into());
        }
    }
}

/// The rounds of [`Ff1::crypt_one`], run with a block cipher backend.
struct OneValue<'a> {
    shape: &'a Shape,
    tw: &'a Tweaked,
    ab: (u128, u128),
    encrypt: bool,
    out: &'a mut (u128, u128),
}

impl BlockSizeUser for OneValue<'_> {
    type BlockSize = U16;
}

impl BlockCipherEncClosure for OneValue<'_> {
    #[inline(always)]
    fn call<B: BlockCipherEncBackend<BlockSize = U16>>(self, backend: &B) {
        let OneValue { shape, tw, ab: (mut a, mut b), encrypt, out } = self;
        let shift = 8 * shape.b as u32;
        if shape.d == 8 {
            // b <= 4: both moduli are at most 2^32, so the halves and their sums fit 64 bits, and
            // only the low 8 bytes of the block change from round to round.
            *out = rounds_u64(backend, shape, tw, (a as u64, b as u64), encrypt);
            return;
        }
        for step in 0..10u8 {
            let i = if encrypt { step } else { 9 - step };
            let modulus = if i % 2 == 0 { &shape.mod_u } else { &shape.mod_v };
            let source = if encrypt { b } else { a };
            let mut block = Block::from((tw.last ^ ((i as u128) << shift) ^ source).to_be_bytes());
            backend.encrypt_block((&mut block).into());
            let mut extra = Block::default();
            if shape.d > 16 {
                extra = block;
                extra[15] ^= 1;
                backend.encrypt_block((&mut extra).into());
            }
            let y = reduce(shape, modulus, &block, &extra);
            let m = modulus.m;
            if encrypt {
                let c = a + y;
                (a, b) = (b, if c >= m { c - m } else { c });
            } else {
                let c = if b >= y { b - y } else { b + (m - y) };
                (a, b) = (c, a);
            }
        }
        *out = (a, b);
    }
}

/// The ten rounds of [`OneValue`] for `d = 8` (`radix^v <= 2^32`), on 64-bit registers.
#[inline(always)]
fn rounds_u64<B: BlockCipherEncBackend<BlockSize = U16>>(
    backend: &B,
    shape: &Shape,
    tw: &Tweaked,
    ab: (u64, u64),
    encrypt: bool,
) -> (u128, u128) {
    let (a, b) = if encrypt {
        rounds_u64_dir::<B, true>(backend, shape, tw, ab)
    } else {
        rounds_u64_dir::<B, false>(backend, shape, tw, ab)
    };
    (a as u128, b as u128)
}

/// [`rounds_u64`] for one direction, so that the ten rounds unroll with the round number,
/// the modulus and the direction known at each step.
#[inline(always)]
fn rounds_u64_dir<B: BlockCipherEncBackend<BlockSize = U16>, const ENCRYPT: bool>(
    backend: &B,
    shape: &Shape,
    tw: &Tweaked,
    (mut a, mut b): (u64, u64),
) -> (u64, u64) {
    let shift = 8 * shape.b as u32;
    let high = ((tw.last >> 64) as u64).to_be_bytes();
    let low = tw.last as u64;
    for step in 0..10u8 {
        let i = if ENCRYPT { step } else { 9 - step };
        let modulus = if i % 2 == 0 { &shape.mod_u } else { &shape.mod_v };
        let source = if ENCRYPT { b } else { a };
        let mut block = Block::default();
        block[..8].copy_from_slice(&high);
        block[8..].copy_from_slice(&(low ^ ((i as u64) << shift) ^ source).to_be_bytes());
        backend.encrypt_block((&mut block).into());
        let mut s = [0u8; 8];
        s.copy_from_slice(&block[..8]);
        let s = u64::from_be_bytes(s);
        if ENCRYPT {
            (a, b) = (b, modulus.add_reduce(a, s));
        } else {
            (a, b) = (modulus.sub_reduce(b, s), a);
        }
    }
    (a, b)
}

/// `(x / d, x % d)`, on 64-bit registers when both fit.
#[inline]
fn split(x: u128, d: u128) -> (u128, u128) {
    if x <= u64::MAX as u128 && d <= u64::MAX as u128 {
        let (x, d) = (x as u64, d as u64);
        ((x / d) as u128, (x % d) as u128)
    } else {
        (x / d, x % d)
    }
}

/// `NUM(S) mod radix^m`, where `S` is the first `d` bytes of `R || CIPH(R xor 1)`.
#[inline]
fn reduce(shape: &Shape, modulus: &Modulus, r: &Block, extra: &Block) -> u128 {
    match shape.d {
        // d = 8 never comes here (both round paths run it on 64-bit halves); this arm is right
        // for it all the same.
        ..=16 => {
            let mut y = [0u8; 16];
            y[16 - shape.d..].copy_from_slice(&r[..shape.d]);
            u128::from_be_bytes(y) % modulus.m
        }
        _ => {
            // d = 20: 160 bits. The modulus is at most 2^120, so r * 256 + byte fits.
            let mut y = [0u8; 16];
            y.copy_from_slice(&r[..]);
            let mut acc = u128::from_be_bytes(y) % modulus.m;
            for &byte in &extra[..shape.d - 16] {
                acc = ((acc << 8) | byte as u128) % modulus.m;
            }
            acc
        }
    }
}

/// `STR_radix(x)` into `out` (most significant numeral first).
pub(crate) fn write_numerals(mut x: u128, radix: u32, out: &mut [u16]) {
    if radix == 10 && x <= u64::MAX as u128 {
        let mut x = x as u64;
        for o in out.iter_mut().rev() {
            *o = (x % 10) as u16;
            x /= 10;
        }
        return;
    }
    for o in out.iter_mut().rev() {
        let (q, r) = split(x, radix as u128);
        *o = r as u16;
        x = q;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_table_in_docs_is_right() {
        let table = [
            (2, 20, 240),
            (10, 6, 72),
            (16, 5, 60),
            (26, 5, 50),
            (36, 4, 46),
            (62, 4, 40),
            (256, 3, 30),
            (65536, 2, 14),
        ];
        for (radix, min, max) in table {
            assert_eq!(Ff1::min_len_for(radix).unwrap(), min, "min for radix {radix}");
            assert_eq!(Ff1::max_len_for(radix).unwrap(), max, "max for radix {radix}");
        }
    }

    #[test]
    fn b_is_exact_at_powers_of_two() {
        // radix 2, v = 32: radix^v - 1 = 2^32 - 1 needs exactly 4 bytes (32 bits).
        let ff1 = Ff1::new(&[0u8; 16], 2).unwrap();
        let s = ff1.shape(64).unwrap();
        assert_eq!((s.b, s.d), (4, 8));
        let s = ff1.shape(66).unwrap();
        assert_eq!((s.b, s.d), (5, 12));
        let ff1 = Ff1::new(&[0u8; 16], 10).unwrap();
        assert_eq!(ff1.shape(11).unwrap().b, 3);
        assert_eq!(ff1.shape(72).unwrap().b, 15);
        assert_eq!(ff1.shape(72).unwrap().d, 20);
    }

    #[test]
    fn fused_add_and_sub_reductions_match() {
        let mut seed = 0x2545f4914f6cdd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for m in [2u64, 3, 10, 100_000, 1_000_000, 999_983, (1 << 32) - 1, 1 << 32] {
            let md = Modulus::new(m as u128);
            for _ in 0..20_000 {
                let (x, y) = (next() % m, next());
                let y = if y % 7 == 0 { u64::MAX - y % 3 } else { y };
                let want_add = ((x as u128 + y as u128) % m as u128) as u64;
                let want_sub = ((x as u128 + m as u128 - (y % m) as u128) % m as u128) as u64;
                assert_eq!(md.add_reduce(x, y), want_add, "add m={m}");
                assert_eq!(md.sub_reduce(x, y), want_sub, "sub m={m}");
            }
            assert_eq!(
                md.add_reduce(m - 1, u64::MAX),
                ((m - 1) as u128 + u64::MAX as u128).rem_euclid(m as u128) as u64
            );
        }
    }
}
