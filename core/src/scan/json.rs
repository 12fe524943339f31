//! JSON log lines: a small lexer that keeps byte positions, and the keys that decide a kind.
//!
//! The line is never rebuilt: the lexer records where each value lies, and the redactor changes
//! only the bytes of the reported spans, so key order, spacing, escapes and numbers stay as they
//! were.

use super::bytes::{digits_end, json_string_end, plain_end, plain_short, short_json_run};
use super::finder::{self, CONF_CHECKED};
use super::{Hit, JsonPlace, Scanner};
use crate::kinds::{is_han, is_valid};
use crate::Kind;

/// Confidence of a value reported because of its key alone.
const CONF_KEY: f32 = 0.9;
/// Objects and arrays nested deeper than this make the line free text.
const MAX_DEPTH: usize = 32;
/// Keys longer than this never match.
const MAX_KEY: usize = 64;

/// The JSON keys whose values are personal data of a given kind.
///
/// Keys are compared after normalisation: ASCII lower case, `camelCase` split into `camel_case`,
/// `-` and spaces read as `_` (`idCard`, `ID-Card` and `id_card` are one key).
///
/// * An **exact** key (`phone`, `name`, …) makes its value that kind whatever the value looks like.
/// * A **suffix** word (`phone`, `name`, `address`, …) also matches keys that end in `_word`
///   (`receiver_phone`, `guest_name`), but only when the value looks like the kind: a valid value
///   of the kind, or for names and addresses a value with a Han character. So
///   `remote_addr: "10.0.0.1"` and `app_name: "order-svc"` stay free text.
///
/// The defaults are listed in the source of [`JsonKeys::default`]; the list (`phone`,
/// `mobile`, `tel`, `id_card`, `idcard`, `id_no`, `card_no`, `email`, `name`, `address`) is in it.
#[derive(Clone, Debug)]
pub struct JsonKeys {
    exact: Vec<(String, Kind)>,
    suffix: Vec<(String, Kind)>,
    /// Filters that reject most keys of a log line (`ts`, `level`, `msg`) before any hashing:
    /// a bit per (last byte, length) of the exact keys, a bit per last byte of the suffix words
    /// and a bit per length of the suffix words. Rebuilt with the indexes.
    filter: KeyFilter,
    /// Hash indexes of `exact` and `suffix` (rebuilt when they change): a key is looked up
    /// whole, and each word after one of its `_` on its own.
    exact_index: HashIndex,
    suffix_index: HashIndex,
}

/// The hash of a key or word for [`HashIndex`]: eight bytes at a time, the last (or only)
/// bytes read as two overlapping four-byte halves or as first, middle and last byte, which
/// with the length determine them.
#[inline]
fn hash_key(key: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |h: u64, w: u64| {
        let h = (h ^ w).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = (key.len() as u64).wrapping_mul(K);
    let mut rest = key;
    while let Some((w, tail)) = rest.split_first_chunk::<8>() {
        h = step(h, u64::from_le_bytes(*w));
        rest = tail;
    }
    let n = rest.len();
    let last = match (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        (Some(a), Some(b)) => u32::from_le_bytes(*a) as u64 | (u32::from_le_bytes(*b) as u64) << 32,
        _ if n > 0 => rest[0] as u64 | (rest[n / 2] as u64) << 8 | (rest[n - 1] as u64) << 16 | 1 << 24,
        _ => 0,
    };
    let h = step(h, last);
    h ^ (h >> 32)
}

/// An open-addressing table from a key hash to the key's position in its list.
#[derive(Clone, Debug, Default)]
struct HashIndex {
    /// `(hash, position)`; position `u32::MAX` marks an empty slot.
    slots: Box<[(u64, u32)]>,
}

impl HashIndex {
    fn new<'k>(keys: impl ExactSizeIterator<Item = &'k str>) -> HashIndex {
        let size = (keys.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![(0u64, u32::MAX); size].into_boxed_slice();
        for (pos, key) in keys.enumerate() {
            let h = hash_key(key.as_bytes());
            let mut i = h as usize & (size - 1);
            while slots[i].1 != u32::MAX {
                i = (i + 1) & (size - 1);
            }
            slots[i] = (h, pos as u32);
        }
        HashIndex { slots }
    }

    /// The position of the key with hash `h` for which `is` holds.
    #[inline]
    fn find(&self, h: u64, is: impl Fn(usize) -> bool) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = h as usize & mask;
        loop {
            let (sh, pos) = self.slots[i];
            if pos == u32::MAX {
                return None;
            }
            if sh == h && is(pos as usize) {
                return Some(pos as usize);
            }
            i = (i + 1) & mask;
        }
    }
}

impl Default for JsonKeys {
    fn default() -> JsonKeys {
        use Kind::*;
        let exact: &[(&str, Kind)] = &[
            ("phone", CnMobile),
            ("mobile", CnMobile),
            ("tel", CnMobile),
            ("telephone", CnMobile),
            ("cellphone", CnMobile),
            ("mobile_phone", CnMobile),
            ("phone_number", CnMobile),
            ("phone_no", CnMobile),
            ("mobile_no", CnMobile),
            ("landline", CnLandline),
            ("id_card", CnId),
            ("idcard", CnId),
            ("id_no", CnId),
            ("id_number", CnId),
            ("idno", CnId),
            ("id_card_no", CnId),
            ("card_no", BankCard),
            ("bank_card", BankCard),
            ("bank_card_no", BankCard),
            ("card_number", BankCard),
            ("bankcard", BankCard),
            ("email", Email),
            ("mail", Email),
            ("email_address", Email),
            ("name", CnName),
            ("real_name", CnName),
            ("full_name", CnName),
            ("address", CnAddress),
            ("addr", CnAddress),
        ];
        let suffix: &[(&str, Kind)] = &[
            ("phone", CnMobile),
            ("mobile", CnMobile),
            ("tel", CnMobile),
            ("landline", CnLandline),
            ("id_card", CnId),
            ("idcard", CnId),
            ("id_no", CnId),
            ("card_no", BankCard),
            ("bank_card", BankCard),
            ("email", Email),
            ("name", CnName),
            ("address", CnAddress),
            ("addr", CnAddress),
        ];
        let mut keys = JsonKeys::empty();
        for (k, v) in exact {
            keys.insert(k, *v);
        }
        for (k, v) in suffix {
            keys.insert_suffix(k, *v);
        }
        keys
    }
}

/// Conservative filters over the key lists (see [`JsonKeys`]'s `filter`): a clear bit proves
/// that no key or word matches; a set bit proves nothing.
#[derive(Clone, Debug, Default)]
struct KeyFilter {
    /// Bit [`exact_bit`] of each exact key's last byte and length.
    exact: [u64; 4],
    /// Bit per last byte of a suffix word.
    suffix_last: [u64; 4],
    /// Bit per last byte of an exact key or a suffix word.
    last: [u64; 4],
    /// Bit per length of a suffix word (lengths up to 63: a longer word never fits in a key of
    /// [`MAX_KEY`] bytes after a `_`).
    suffix_len: u64,
}

/// The bit of [`KeyFilter::exact`] for a key with this last byte and length.
#[inline]
fn exact_bit(last: u8, len: usize) -> usize {
    (last as usize).wrapping_add(len.wrapping_mul(29)) & 255
}

#[inline]
fn has_bit(set: &[u64; 4], bit: usize) -> bool {
    set[(bit >> 6) & 3] & (1 << (bit & 63)) != 0
}

impl KeyFilter {
    fn new(exact: &[(String, Kind)], suffix: &[(String, Kind)]) -> KeyFilter {
        let mut f = KeyFilter::default();
        for (k, _) in exact {
            if let Some(&b) = k.as_bytes().last() {
                let bit = exact_bit(b, k.len());
                f.exact[bit >> 6] |= 1 << (bit & 63);
                f.last[b as usize >> 6] |= 1 << (b & 63);
            }
        }
        for (w, _) in suffix {
            if let Some(&b) = w.as_bytes().last() {
                f.suffix_last[b as usize >> 6] |= 1 << (b & 63);
                f.last[b as usize >> 6] |= 1 << (b & 63);
            }
            if w.len() < 64 {
                f.suffix_len |= 1 << w.len();
            }
        }
        f
    }
}

/// Per byte: 1 if normalisation changes it (`A`-`Z`, `-`, space), 2 if it is `_`.
static KEY_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_uppercase() || b == b'-' || b == b' ' {
            1
        } else if b == b'_' {
            2
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Normalises a key into `buf`; `None` if it is too long. The bytes are UTF-8: only ASCII bytes
/// are changed or inserted.
fn normalise<'b>(key: &[u8], buf: &'b mut [u8; MAX_KEY]) -> Option<&'b [u8]> {
    let mut n = 0;
    let mut prev_lower = false;
    for &c in key {
        let (out, lower) = match c {
            b'A'..=b'Z' => {
                if prev_lower {
                    *buf.get_mut(n)? = b'_';
                    n += 1;
                }
                (c.to_ascii_lowercase(), false)
            }
            b'-' | b' ' => (b'_', false),
            _ => (c, c.is_ascii_lowercase() || c.is_ascii_digit()),
        };
        *buf.get_mut(n)? = out;
        n += 1;
        prev_lower = lower;
    }
    Some(&buf[..n])
}

impl JsonKeys {
    /// No keys at all: every JSON value is free text.
    pub fn empty() -> JsonKeys {
        JsonKeys {
            exact: Vec::new(),
            suffix: Vec::new(),
            filter: KeyFilter::default(),
            exact_index: HashIndex::default(),
            suffix_index: HashIndex::default(),
        }
    }

    fn reindex(&mut self) {
        self.filter = KeyFilter::new(&self.exact, &self.suffix);
        self.exact_index = HashIndex::new(self.exact.iter().map(|(k, _)| k.as_str()));
        self.suffix_index = HashIndex::new(self.suffix.iter().map(|(k, _)| k.as_str()));
    }

    /// The normal form of a key, `None` when it is empty or longer than [`MAX_KEY`] bytes: no
    /// JSON key ever matches those.
    fn norm_owned(key: &str) -> Option<String> {
        let mut buf = [0u8; MAX_KEY];
        normalise(key.as_bytes(), &mut buf).filter(|k| !k.is_empty()).map(|k| String::from_utf8_lossy(k).into_owned())
    }

    /// Adds (or replaces) an exact key. An empty key, or one longer than 64 bytes once
    /// normalised, is left out: no JSON key would match it.
    pub fn insert(&mut self, key: &str, kind: Kind) -> &mut JsonKeys {
        let Some(key) = JsonKeys::norm_owned(key) else { return self };
        self.exact.retain(|(k, _)| *k != key);
        self.exact.push((key, kind));
        self.reindex();
        self
    }

    /// [`JsonKeys::insert`], or an [`Error::InvalidOption`](crate::Error::InvalidOption) for a
    /// key that would be left out (empty, or longer than 64 bytes once normalised), for callers
    /// that take keys from users (`yinsi --json-key`).
    pub fn try_insert(&mut self, key: &str, kind: Kind) -> crate::Result<&mut JsonKeys> {
        if JsonKeys::norm_owned(key).is_none() {
            return Err(crate::Error::InvalidOption {
                option: "json key",
                reason: "must not be empty nor longer than 64 bytes once normalised",
            });
        }
        Ok(self.insert(key, kind))
    }

    /// Adds (or replaces) a suffix word (see the type docs). An empty word, or one longer than
    /// 64 bytes once normalised, is left out.
    pub fn insert_suffix(&mut self, word: &str, kind: Kind) -> &mut JsonKeys {
        let Some(word) = JsonKeys::norm_owned(word) else { return self };
        self.suffix.retain(|(k, _)| *k != word);
        self.suffix.push((word, kind));
        self.reindex();
        self
    }

    /// Removes a key from both the exact keys and the suffix words.
    pub fn remove(&mut self, key: &str) -> &mut JsonKeys {
        let Some(key) = JsonKeys::norm_owned(key) else { return self };
        self.exact.retain(|(k, _)| *k != key);
        self.suffix.retain(|(k, _)| *k != key);
        self.reindex();
        self
    }

    /// The kind a key decides, and whether it matched exactly (`false`: by a suffix word).
    pub fn lookup(&self, key: &str) -> Option<(Kind, bool)> {
        self.lookup_bytes(key.as_bytes())
    }

    /// [`JsonKeys::lookup`] of the bytes of a key (the lexer's view of the line).
    #[inline]
    pub(crate) fn lookup_bytes(&self, raw: &[u8]) -> Option<(Kind, bool)> {
        // Normalising never shortens a key: a longer one can only come out too long.
        if raw.len() > MAX_KEY {
            return None;
        }
        // Neither an exact key nor a suffix word ends in the byte this key's normal form ends in
        // (`svc`, `msg`): nothing to read.
        if let Some(&end) = raw.last() {
            let end = match end {
                b'A'..=b'Z' => end.to_ascii_lowercase(),
                b'-' | b' ' => b'_',
                _ => end,
            };
            if !has_bit(&self.filter.last, end as usize) {
                return None;
            }
        }
        // One pass tells whether the key is already normal (`receiver_phone`, `ts`: no copy then)
        // and whether it has a `_` (else no suffix word can match).
        let class = raw.iter().fold(0u8, |a, &c| a | KEY_CLASS[c as usize]);
        if class & 1 != 0 {
            return self.lookup_changed(raw);
        }
        self.lookup_normal(raw, class & 2 != 0)
    }

    /// [`JsonKeys::lookup`] of a key that normalisation changes (`idCard`, `ID-Card`).
    #[cold]
    #[inline(never)]
    fn lookup_changed(&self, key: &[u8]) -> Option<(Kind, bool)> {
        let mut buf = [0u8; MAX_KEY];
        let key = normalise(key, &mut buf)?;
        self.lookup_normal(key, key.contains(&b'_'))
    }

    /// [`JsonKeys::lookup`] of a normalised key; `under`: whether it has a `_`.
    #[inline(always)]
    fn lookup_normal(&self, key: &[u8], under: bool) -> Option<(Kind, bool)> {
        // No key or word is empty (see `JsonKeys::insert`).
        let &end = key.last()?;
        let exact = has_bit(&self.filter.exact, exact_bit(end, key.len()));
        let suffix = under && has_bit(&self.filter.suffix_last, end as usize);
        if !exact && !suffix {
            return None;
        }
        self.lookup_hashed(key, exact, suffix)
    }

    /// [`JsonKeys::lookup_normal`] past the filters: `exact`, `suffix` tell which lists may
    /// match.
    #[inline(never)]
    fn lookup_hashed(&self, key: &[u8], exact: bool, suffix: bool) -> Option<(Kind, bool)> {
        if exact {
            if let Some(pos) = self.exact_index.find(hash_key(key), |p| self.exact[p].0.as_bytes() == key) {
                return Some((self.exact[pos].1, true));
            }
        }
        if !suffix {
            return None;
        }
        // Each `_` before the last byte starts a word; the first suffix word in the list wins,
        // as when the list is read in order.
        let mut best: Option<usize> = None;
        for (j, _) in key.iter().enumerate().filter(|&(_, &c)| c == b'_') {
            let word = &key[j + 1..];
            let len = word.len();
            if len == 0 || len >= 64 || self.filter.suffix_len & (1 << len) == 0 {
                continue;
            }
            if let Some(pos) = self.suffix_index.find(hash_key(word), |p| self.suffix[p].0.as_bytes() == word) {
                best = Some(best.map_or(pos, |b| b.min(pos)));
            }
        }
        best.map(|pos| (self.suffix[pos].1, false))
    }

    /// [`JsonKeys::lookup`] by a plain reading of the lists: the reference the filters and
    /// indexes must agree with.
    #[cfg(test)]
    pub(crate) fn lookup_slow(&self, key: &str) -> Option<(Kind, bool)> {
        let mut buf = [0u8; MAX_KEY];
        let key = normalise(key.as_bytes(), &mut buf)?;
        if let Some((_, kind)) = self.exact.iter().find(|(k, _)| k.as_bytes() == key) {
            return Some((*kind, true));
        }
        self.suffix
            .iter()
            .find(|(w, _)| {
                let w = w.as_bytes();
                !w.is_empty() && key.len() > w.len() && key.ends_with(w) && key[key.len() - w.len() - 1] == b'_'
            })
            .map(|(_, kind)| (*kind, false))
    }
}

/// The answers of [`JsonKeys::lookup_bytes`] for the keys a stream met lately. The lines of a
/// log repeat a few keys (`ts`, `level`, `msg`, `receiver_phone`), and a key found here costs a
/// hash and a compare of two words, where a look-up reads the key byte by byte (to normalise it)
/// and hashes each word after a `_`. Keys of 1 to 16 bytes only: such a key is its length, its
/// first eight bytes and its last eight bytes. Valid for one [`JsonKeys`]: a stream makes one for
/// its scanner.
pub(crate) struct KeyMemo {
    slots: Box<[MemoSlot; MEMO_SLOTS]>,
    /// The bits of a hash that pick a slot: `MEMO_SLOTS - 1` (the tests use fewer).
    mask: usize,
}

/// Slots of a [`KeyMemo`] (a power of two, at most 256: the index is read from the hash's top
/// byte): a log with a few dozen keys fills few of them twice.
const MEMO_SLOTS: usize = 256;

/// A key of a [`KeyMemo`] and its answer; `len` 0 marks an empty slot.
#[derive(Clone, Copy)]
struct MemoSlot {
    head: u64,
    tail: u64,
    len: u8,
    answer: Option<(Kind, bool)>,
}

impl KeyMemo {
    pub(crate) fn new() -> KeyMemo {
        KeyMemo::with_slots(MEMO_SLOTS)
    }

    /// A memo that uses `n` of its slots (a power of two from 2 to [`MEMO_SLOTS`]; the tests
    /// make every key collide).
    fn with_slots(n: usize) -> KeyMemo {
        let slots = Box::new([MemoSlot { head: 0, tail: 0, len: 0, answer: None }; MEMO_SLOTS]);
        KeyMemo { slots, mask: n.next_power_of_two().clamp(2, MEMO_SLOTS) - 1 }
    }

    /// `keys.lookup_bytes(&b[start..end])`, remembered. Inlined: a key found here costs less
    /// than a call.
    #[inline(always)]
    fn lookup(&mut self, keys: &JsonKeys, b: &[u8], start: usize, end: usize) -> Option<(Kind, bool)> {
        let n = end - start;
        // The first (up to) eight bytes, read as a word from the line: the key is followed by at
        // least its closing quote, `:` and a value, so the word is rarely past the line's end.
        let head = match b.get(start..start + 8) {
            Some(w) if (1..=16).contains(&n) => u64::from_le_bytes(w.try_into().unwrap_or([0; 8])),
            _ => return keys.lookup_bytes(&b[start..end]),
        };
        let (head, tail) = match b.get(end.wrapping_sub(8)..end) {
            Some(w) if n > 8 => (head, u64::from_le_bytes(w.try_into().unwrap_or([0; 8]))),
            _ => (head & (u64::MAX >> (64 - 8 * n.min(8))), 0),
        };
        self.answer(keys, &b[start..end], head, tail)
    }

    /// [`KeyMemo::lookup`] of a key of 1 to 7 bytes given as a word (`head`: the key's bytes,
    /// the others zero), read by the lexer with the key: no second read of the line.
    #[inline(always)]
    fn lookup_short(&mut self, keys: &JsonKeys, key: &[u8], head: u64) -> Option<(Kind, bool)> {
        self.answer(keys, key, head, 0)
    }

    /// The remembered answer for `key` (1 to 16 bytes; its first eight as `head`, its last eight
    /// as `tail` when it is longer than eight, else 0), or the look-up's, then remembered.
    #[inline(always)]
    fn answer(&mut self, keys: &JsonKeys, key: &[u8], head: u64, tail: u64) -> Option<(Kind, bool)> {
        let n = key.len();
        let h = (head ^ tail.rotate_left(32) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        // Two slots per key, so that two frequent keys with one hash do not take turns.
        let i = (h.rotate_left(8) as usize & self.mask) % MEMO_SLOTS;
        for j in [i, i ^ 1] {
            let slot = &self.slots[j];
            if slot.len as usize == n && slot.head == head && slot.tail == tail {
                return slot.answer;
            }
        }
        let j = if self.slots[i].len == 0 { i } else { i ^ 1 };
        self.slots[j].fill(keys, key, head, tail)
    }
}

impl MemoSlot {
    /// Looks `key` up and keeps the answer here.
    #[inline(never)]
    fn fill(&mut self, keys: &JsonKeys, key: &[u8], head: u64, tail: u64) -> Option<(Kind, bool)> {
        let answer = keys.lookup_bytes(key);
        *self = MemoSlot { head, tail, len: key.len() as u8, answer };
        answer
    }
}

/// Whether the first and last non-blank bytes are `{` and `}`.
pub(crate) fn looks_like_object(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    t.first() == Some(&b'{') && t.last() == Some(&b'}')
}

/// Scans a JSON object line; `false` if it is not one (the caller scans it as free text).
/// `memo`: the stream's [`KeyMemo`] for this scanner, if it keeps one.
pub(crate) fn scan(sc: &Scanner, text: &str, memo: Option<&mut KeyMemo>, out: &mut Vec<Hit>) -> bool {
    let mut lx = Lexer { s: text, b: text.as_bytes(), i: 0, sc, memo, out };
    lx.ws();
    if lx.peek() != Some(b'{') || lx.value(None, 0).is_err() {
        return false;
    }
    lx.ws();
    lx.i == lx.b.len()
}

struct Lexer<'a, 'o> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    sc: &'a Scanner,
    memo: Option<&'o mut KeyMemo>,
    out: &'o mut Vec<Hit>,
}

type Lexed<T = ()> = Result<T, ()>;

impl Lexer<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Lexed {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(())
        }
    }

    /// A value under `key` (the kind it decides, exact?).
    fn value(&mut self, key: Option<(Kind, bool)>, depth: usize) -> Lexed {
        if depth > MAX_DEPTH {
            return Err(());
        }
        self.ws();
        match self.peek().ok_or(())? {
            b'{' => self.object(depth + 1),
            b'[' => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.value(key, depth + 1)?;
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(()),
                    }
                }
            }
            b'"' => {
                self.i += 1;
                let (start, end, escaped) = self.string_body()?;
                self.string_value(key, start, end, escaped)
            }
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                self.i += 1;
                while matches!(self.peek(), Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')) {
                    self.i += 1;
                }
                self.number_value(key, start, self.i);
                Ok(())
            }
            _ => {
                for lit in [&b"true"[..], b"false", b"null"] {
                    if self.b[self.i..].starts_with(lit) {
                        self.i += lit.len();
                        return Ok(());
                    }
                }
                Err(())
            }
        }
    }

    fn object(&mut self, depth: usize) -> Lexed {
        self.expect(b'{')?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        // Whether the next member starts right at `self.i` (compact JSON, `,"key"`): then no
        // white space to skip, and one two-byte compare stands for the separator's tests.
        let mut compact = false;
        loop {
            if !compact {
                self.ws();
            }
            let key = match self.short_key() {
                Some(key) => key,
                None => self.key()?,
            };
            self.member_value(key, depth)?;
            compact = self.b.get(self.i..self.i + 2) == Some(b",\"");
            if compact {
                self.i += 1;
                continue;
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(()),
            }
        }
    }

    /// A key of 1 to 7 bytes without escapes at `self.i` (most keys of a log line: `ts`,
    /// `level`, `msg`), read with one word of the line and looked up in the memo by that word,
    /// or `None` (and nothing read) for any other key, or without a memo. The opening quote
    /// and the word after it are read as one nine-byte chunk: one bounds test for both, and
    /// the closing quote and the key's bytes are then read from the chunk with none.
    #[inline(always)]
    fn short_key(&mut self) -> Option<Option<(Kind, bool)>> {
        let c = self.b.get(self.i..).and_then(<[u8]>::first_chunk::<9>)?;
        if c[0] != b'"' {
            return None;
        }
        let memo = self.memo.as_mut()?;
        let (n, head) = short_json_run(c, 1)?;
        if n == 0 || c.get(1 + n) != Some(&b'"') {
            return None;
        }
        self.i += n + 2;
        Some(memo.lookup_short(self.sc.json_keys(), &c[1..1 + n], head))
    }

    /// A key (a string token) at `self.i`, looked up.
    #[inline(always)]
    fn key(&mut self) -> Lexed<Option<(Kind, bool)>> {
        let (start, end, escaped) = self.string()?;
        Ok(if escaped {
            let (k, _) = decode(&self.s[start..end])?;
            self.sc.json_keys().lookup(&k)
        } else {
            let keys = self.sc.json_keys();
            match &mut self.memo {
                Some(memo) => memo.lookup(keys, self.b, start, end),
                None => keys.lookup_bytes(&self.b[start..end]),
            }
        })
    }

    /// The `:` and the value of a member whose key decides `key`.
    #[inline(always)]
    fn member_value(&mut self, key: Option<(Kind, bool)>, depth: usize) -> Lexed {
        // Compact JSON with a string value (`"key":"value"`): one compare, no white space
        // to skip.
        let compact = self.b.get(self.i..self.i + 2) == Some(b":\"");
        if compact {
            self.i += 1;
        } else {
            self.ws();
            self.expect(b':')?;
            self.ws();
        }
        if compact || self.peek() == Some(b'"') {
            // Most values are strings: read here, without a call to `value`, and past the
            // opening quote both tests have seen.
            self.i += 1;
            let (start, end, escaped) = self.string_body()?;
            self.string_value(key, start, end, escaped)?;
        } else {
            self.value(key, depth)?;
        }
        Ok(())
    }

    /// A string token: the byte range inside the quotes, and whether it has escapes. Inlined:
    /// most strings are a few bytes, and a call costs as much as reading them.
    #[inline(always)]
    fn string(&mut self) -> Lexed<(usize, usize, bool)> {
        self.expect(b'"')?;
        self.string_body()
    }

    /// [`Lexer::string`] past its opening quote, for a caller that has seen the quote (a
    /// value): no second test of it.
    #[inline(always)]
    fn string_body(&mut self) -> Lexed<(usize, usize, bool)> {
        let start = self.i;
        let mut escaped = false;
        loop {
            self.i = json_string_end(self.b, self.i);
            match *self.b.get(self.i).ok_or(())? {
                b'"' => {
                    self.i += 1;
                    return Ok((start, self.i - 1, escaped));
                }
                b'\\' => {
                    escaped = true;
                    self.i += 2;
                    if self.i > self.b.len() {
                        return Err(());
                    }
                }
                _ => return Err(()),
            }
        }
    }

    #[inline(always)]
    fn string_value(&mut self, key: Option<(Kind, bool)>, start: usize, end: usize, escaped: bool) -> Lexed {
        if escaped {
            return self.escaped_value(key, start, end);
        }
        let first = self.out.len();
        // Most values have no key, and most time stamps, levels and service names hold
        // nothing: no call then (and the value is read as bytes only).
        let done = key.is_some() && forced(self.sc, &self.s[start..end], start, key, self.out)
            || self.b.get(start).is_some_and(u8::is_ascii_digit) && inert(self.b, start, end)
            || passed_over(self.b, start, end);
        if !done {
            finder::find(self.sc, &self.s[start..end], start, self.out);
        }
        for h in &mut self.out[first..] {
            h.json = JsonPlace::String;
        }
        Ok(())
    }

    /// [`Lexer::string_value`] of a string with escapes: the decoded text is scanned, and each
    /// hit mapped back to the raw bytes. Out of line: few values have escapes.
    #[cold]
    #[inline(never)]
    fn escaped_value(&mut self, key: Option<(Kind, bool)>, start: usize, end: usize) -> Lexed {
        let (value, map) = decode(&self.s[start..end])?;
        let mut hits = Vec::new();
        if !forced(self.sc, &value, 0, key, &mut hits) {
            finder::find(self.sc, &value, 0, &mut hits);
        }
        for mut h in hits {
            h.decoded = Some(value[h.start..h.end].to_owned());
            h.start = start + map[h.start];
            h.end = start + map[h.end];
            h.json = JsonPlace::String;
            self.out.push(h);
        }
        Ok(())
    }

    fn number_value(&mut self, key: Option<(Kind, bool)>, start: usize, end: usize) {
        if forced(self.sc, &self.s[start..end], start, key, self.out) {
            if let Some(h) = self.out.last_mut() {
                h.json = JsonPlace::Number;
            }
        }
    }
}

/// Pushes the hit a key forces on `value` (at byte `base` of the caller's text) to `out` and
/// returns `true`; `false` (and `out` as it was): scan the value as text.
fn forced(sc: &Scanner, value: &str, base: usize, key: Option<(Kind, bool)>, out: &mut Vec<Hit>) -> bool {
    let Some((kind, exact)) = key else { return false };
    if !sc.finds(kind) {
        return false;
    }
    let (s, e) = trim_bounds(value);
    let trimmed = &value[s..e];
    if trimmed.is_empty() || kind == Kind::CnName && finder::is_name_placeholder(trimmed) {
        return false;
    }
    let first = out.len();
    // A number kind's value is most often one number run: read by its reader alone.
    let number = matches!(kind, Kind::CnId | Kind::CnMobile | Kind::CnLandline | Kind::BankCard);
    if !(number && finder::find_number(sc, trimmed, base + s, out)) {
        finder::find(sc, trimmed, base + s, out);
    }
    // The free-text hit keeps what it learnt (`Parsed`: an address's prefix end, an e-mail's
    // `@`, a number's positions), so the mask need not read the value again.
    if let [h] = &mut out[first..] {
        if h.start == base + s && h.end == base + e {
            h.confidence = h.confidence.max(CONF_KEY);
            return true;
        }
    }
    out.truncate(first);
    let looks = match kind {
        Kind::CnName | Kind::CnAddress => trimmed.chars().any(is_han),
        _ => is_valid(kind, trimmed),
    };
    if exact || looks {
        out.push(Hit::new(base + s, base + e, kind, if looks { CONF_CHECKED.min(0.95) } else { CONF_KEY }));
    }
    exact || looks
}

/// Whether the free-text scanner finds nothing in the string value `b[start..end]` whatever its
/// rules, proven from the bytes alone: ASCII with no `@` (no e-mail; names and addresses need Han
/// text), where no stretch of bytes a number run may span holds [`finder::MIN_DIGITS`] digits.
/// A run spans digits, `X x - + ( )` and the space; read more widely here (every byte from the
/// space to `9`, and `X x`), which only makes fewer values inert. Log time stamps
/// (`2026-11-29T00:02:53.477Z`), levels and service names are such values: the scanner would read
/// each digit group of a time stamp as a number run.
///
/// A log time stamp of the one common shape ([`is_log_time`]) is inert, and a value that starts
/// with [`finder::MIN_DIGITS`] digits (an order number, an id) is not, without the general
/// reading ([`inert_words`]).
///
/// Inlined, with the rest of the reading out of line ([`inert_digits`]): the lexer asks this of
/// every value that starts with a digit, most are time stamps, and the call cost about as much
/// as their test.
#[inline(always)]
fn inert(b: &[u8], start: usize, end: usize) -> bool {
    b.get(start..end).is_some_and(is_log_time) || inert_digits(b, start, end)
}

/// [`inert`] of a value that is no log time stamp of the common shape.
#[inline(never)]
fn inert_digits(b: &[u8], start: usize, end: usize) -> bool {
    if digits_end(&b[..end], start) - start >= finder::MIN_DIGITS {
        return false;
    }
    inert_words(b, start, end)
}

/// [`inert`] read eight bytes at a time: a stretch inside one word has fewer than eight digits,
/// so only the digits of the stretch that runs on from word to word (`carry`) are counted.
fn inert_words(b: &[u8], start: usize, end: usize) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // The number of marked bytes (high bits) of a mask: a multiply, as the build has no `popcnt`.
    let count = |m: u64| ((m >> 7).wrapping_mul(ONES) >> 56) as usize;
    let mut carry = 0;
    let mut i = start;
    while i < end {
        let n = end - i;
        let mut w = match b.get(i..i + 8) {
            Some(c) => u64::from_le_bytes(c.try_into().unwrap_or([0; 8])),
            None => {
                let mut buf = [0u8; 8];
                buf[..n].copy_from_slice(&b[i..end]);
                u64::from_le_bytes(buf)
            }
        };
        if n < 8 {
            // Bytes past the value read as 0: a byte no stretch spans.
            w &= (1 << (8 * n)) - 1;
        }
        let at = w ^ (ONES * b'@' as u64);
        if (w | (at.wrapping_sub(ONES) & !at)) & HIGH != 0 {
            return false;
        }
        // Per byte (all ASCII, so no carries): at least 0x30, 0x20, 0x3A; `X x`.
        let (from_digit, from_space, above_digit) = (w + ONES * 0x50, w + ONES * 0x60, w + ONES * 0x46);
        let x = (w | (ONES * 0x20)) ^ (ONES * b'x' as u64);
        let digit = from_digit & !above_digit & HIGH;
        let stretch = (from_space & !above_digit | (x.wrapping_sub(ONES) & !x)) & HIGH;
        let breaks = !stretch & HIGH;
        if breaks == 0 {
            carry += count(digit);
        } else {
            carry += count(digit & ((breaks & breaks.wrapping_neg()) - 1));
            if carry >= finder::MIN_DIGITS {
                return false;
            }
            // The digits after the last break run on into the next word.
            let last = 63 - breaks.leading_zeros();
            carry = count(digit & (!0u64 << last << 1));
        }
        if carry >= finder::MIN_DIGITS {
            return false;
        }
        i += 8;
    }
    true
}

/// The shape of the time stamps of most JSON logs (`2026-11-29T00:02:53.477Z`): `0` stands
/// for any ASCII digit, every other byte for itself.
const LOG_TIME: &[u8; 24] = b"0000-00-00T00:00:00.000Z";

/// Per word of [`LOG_TIME`]: its bytes, and `0x01` at each digit place (else 0).
const LOG_TIME_WORDS: [(u64, u64); 3] = {
    let mut words = [(0u64, 0u64); 3];
    let mut k = 0;
    while k < 24 {
        let c = LOG_TIME[k];
        words[k / 8].0 |= (c as u64) << (8 * (k % 8));
        if c == b'0' {
            words[k / 8].1 |= 1 << (8 * (k % 8));
        }
        k += 1;
    }
    words
};

/// Whether `v` has the shape of [`LOG_TIME`]: such a value is [`inert`] (digit groups of at
/// most eight digits, the date's, between bytes that end every stretch: `T`, `:`, `Z`), and
/// three words tell it, where the general reading of `inert` counts digits word by word.
///
/// Per word, `t = word ^ template` is 0 at each literal place and the digit's value at each
/// digit place: no bit outside the low nibble of a digit place, and none of those nibbles above
/// 9 (plus 6, only a nibble above 9 reaches 0x10). Where a bit lies outside, the word is bad
/// whatever the sum gives; else the sum carries into no other byte.
#[inline]
fn is_log_time(v: &[u8]) -> bool {
    if v.len() != 24 {
        return false;
    }
    let mut bad = 0;
    for (k, &(template, ones)) in LOG_TIME_WORDS.iter().enumerate() {
        let w = u64::from_le_bytes(v[8 * k..8 * k + 8].try_into().unwrap_or([0xFF; 8]));
        let t = w ^ template;
        bad |= t & !(ones * 0x0F) | t.wrapping_add(ones * 6) & ones << 4;
    }
    bad == 0
}

/// Whether the free-text scanner passes over the string value `b[start..end]` and finds
/// nothing in it: it holds no byte the scanner stops at ([`super::bytes::is_stop`]: it is ASCII
/// without a digit, `@`, `+`, `(`, `=` or `:`), as levels (`INFO`), service names (`order-svc`)
/// and many messages. Short values in a word or two ([`plain_short`]); inlined, as then it
/// costs less than a call.
#[inline(always)]
fn passed_over(b: &[u8], start: usize, end: usize) -> bool {
    plain_short(b, start, end).unwrap_or_else(|| plain_end(&b[..end], start) == end)
}

/// Where `value.trim()` starts and ends. Most values neither start nor end with a character
/// that could be white space: an ASCII byte other than white space, or a lead byte of a
/// multi-byte character (Unicode white space starts with `C2`, `E1`, `E2` or `E3`); at the end, an
/// ASCII byte other than white space, or a character of three bytes led by `E4`..=`EF` (Han).
/// The byte tests are one load each ([`TRIM_BYTE`]).
#[inline]
fn trim_bounds(value: &str) -> (usize, usize) {
    let b = value.as_bytes();
    let n = b.len();
    let plain_end = |c: u8| TRIM_BYTE[c as usize] & TRIM_END != 0 || n >= 3 && (0xE4..=0xEF).contains(&b[n - 3]);
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if TRIM_BYTE[f as usize] & TRIM_START != 0 && plain_end(l) => (0, n),
        _ => {
            let s = n - value.trim_start().len();
            (s, s + value.trim().len())
        }
    }
}

/// Bits of [`TRIM_BYTE`]: no white space starts with the byte; it is ASCII and no white space.
const TRIM_START: u8 = 1;
const TRIM_END: u8 = 2;

/// [`TRIM_START`] and [`TRIM_END`] by byte, as [`trim_bounds`] reads a value's first and last byte.
static TRIM_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let blank = matches!(c as u8, b'\t'..=b'\r' | b' ');
        if !blank && !matches!(c as u8, 0xC2 | 0xE1..=0xE3) {
            t[c] |= TRIM_START;
        }
        if !blank && c < 0x80 {
            t[c] |= TRIM_END;
        }
        c += 1;
    }
    t
};

/// Decodes a JSON string body; returns the text and, for each decoded byte offset (and the end),
/// the raw byte offset it came from.
fn decode(raw: &str) -> Lexed<(String, Vec<usize>)> {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut map = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < b.len() {
        let from = i;
        let c = if b[i] == b'\\' {
            let e = *b.get(i + 1).ok_or(())?;
            i += 2;
            match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let hi = hex4(b, i)?;
                    i += 4;
                    if (0xD800..0xDC00).contains(&hi) {
                        if b.get(i..i + 2) != Some(b"\\u") {
                            return Err(());
                        }
                        let lo = hex4(b, i + 2)?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return Err(());
                        }
                        i += 6;
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)).ok_or(())?
                    } else {
                        char::from_u32(hi).ok_or(())?
                    }
                }
                _ => return Err(()),
            }
        } else {
            let c = raw[i..].chars().next().ok_or(())?;
            i += c.len_utf8();
            c
        };
        for _ in 0..c.len_utf8() {
            map.push(from);
        }
        out.push(c);
    }
    map.push(b.len());
    Ok((out, map))
}

fn hex4(b: &[u8], i: usize) -> Lexed<u32> {
    let h = b.get(i..i + 4).ok_or(())?;
    let s = std::str::from_utf8(h).map_err(|_| ())?;
    u32::from_str_radix(s, 16).map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::{finder, inert, inert_words, is_log_time, passed_over, trim_bounds, JsonKeys, KeyMemo, LOG_TIME};
    use crate::{Kind, Scanner};

    /// A [`KeyMemo`] answers what a plain reading of the lists answers, for keys read again and
    /// again, in lines where any bytes or none follow the key (the memo reads the line eight
    /// bytes at a time), with more keys than it has slots (answers replaced and read again),
    /// and keys that share their first or last eight bytes and length with others.
    #[test]
    fn key_memo_agrees_with_the_lookup() {
        let pieces = [
            "phone", "Phone", "name", "id", "no", "card", "tel", "mail", "e", "x", "addr", "_", "-", " ", "ts",
            "level", "电话", "q", "_name", "_no",
        ];
        let mut next = crate::testing::picker(0x9e37_79b9_7f4a_7c15);
        // Runs of one letter have equal first and last eight bytes at many lengths.
        let mut pool: Vec<String> = (0..=17).map(|n| "k".repeat(n)).collect();
        pool.extend(["receiver_address".into(), "email".into()]);
        while pool.len() < 400 {
            let key: String = (0..1 + next(4)).map(|_| pieces[next(pieces.len())]).collect();
            pool.push(key);
        }
        // Each ASCII key of 1 to 16 bytes also with one byte changed (at each place in turn):
        // a memo that missed a byte would answer for the other key.
        for k in 0..pool.len() {
            let key = pool[k].clone();
            if (1..=16).contains(&key.len()) && key.is_ascii() {
                for (at, to) in [(0, "q"), (key.len() / 2, "_"), (key.len() - 1, "e"), (next(key.len()), "Q")] {
                    pool.push(format!("{}{to}{}", &key[..at], &key[at + 1..]));
                }
            }
        }
        let mut custom = JsonKeys::default();
        custom.insert_suffix("e", Kind::Email).insert("Level", Kind::CnName).remove("tel");
        custom.insert(&"k".repeat(11), Kind::BankCard);
        let after = ["", "\"", "\":1}", "\":\"12345678\"}", "x\u{1}yz", "电"];
        for (keys, slots) in [(JsonKeys::default(), 256), (custom.clone(), 256), (JsonKeys::default(), 2), (custom, 2)]
        {
            let mut memo = KeyMemo::with_slots(slots);
            let mut matched = 0;
            for round in 0..100_000 {
                // Most keys are read from a few dozen, as in a log; the rest from all.
                let key = &pool[next(if round % 4 == 0 { pool.len() } else { 40 })];
                // Keys and their changed copies one after the other.
                let key = if round % 3 == 0 { &pool[400 + next(pool.len() - 400)] } else { key };
                let pre = " ".repeat(next(3));
                let line = format!("{pre}{key}{}", after[next(after.len())]);
                let got = memo.lookup(&keys, line.as_bytes(), pre.len(), pre.len() + key.len());
                assert_eq!(got, keys.lookup_slow(key), "{line:?}");
                matched += got.is_some() as usize;
            }
            assert!(matched > 5_000, "{matched}");
        }
    }

    /// A value [`inert`] passes has no hit in the free-text scanner: checked on values built of
    /// the pieces numbers, e-mails and labels are made of. Most values near the digit limit are
    /// not inert, and some have hits: the generator reaches both sides.
    #[test]
    fn inert_values_have_no_hits() {
        let pieces: Vec<&str> = "0|1|3|8|9|13812345678|2026-11-29|0755|x|X|-|+|(|)| |T|:|.|/|_|a|Z|@|name=|addr:|\
                                  address: |+86|(0755)|(+86)|\t|=|\"|e|1101051949"
            .split('|')
            .collect();
        let sc = Scanner::new();
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let (mut passed, mut hits) = (0, 0);
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = 1 + (x % 12) as usize;
            let mut v = String::new();
            let mut y = x;
            for _ in 0..n {
                y = y.wrapping_mul(0x2545_f491_4f6c_dd1d).wrapping_add(1);
                v.push_str(pieces[(y >> 33) as usize % pieces.len()]);
            }
            let mut out = Vec::new();
            finder::find(&sc, &v, 0, &mut out);
            hits += !out.is_empty() as usize;
            // Alone, and inside a line whose bytes after the value could join a stretch.
            let line = format!("\"{v}\"12345678901234567890");
            let alone = inert(v.as_bytes(), 0, v.len());
            assert_eq!(alone, inert_words(v.as_bytes(), 0, v.len()), "{v:?}");
            assert_eq!(inert(line.as_bytes(), 1, v.len() + 1), alone, "{v:?}");
            if alone {
                passed += 1;
                assert!(out.is_empty(), "{v:?}");
            }
        }
        assert!(passed > 50_000 && hits > 5_000, "{passed} {hits}");
        for v in ["2026-11-29T00:02:53.477Z", "INFO", "order-svc", "1795911061", "a1234567890"] {
            let mut out = Vec::new();
            finder::find(&sc, v, 0, &mut out);
            assert!(out.is_empty() || !inert(v.as_bytes(), 0, v.len()), "{v:?}");
        }
        let inert = |v: &str| inert(v.as_bytes(), 0, v.len());
        assert!(inert("2026-11-29T00:02:53.477Z") && !inert("1795911061") && !inert("张三"));
    }

    /// [`is_log_time`] agrees with a byte reading of [`LOG_TIME`] on time stamps with bytes
    /// changed (to digits, the shape's own bytes, and bytes around the digits), cut or lengthened,
    /// and each value it passes has no hit in the free-text scanner and passes the general
    /// reading of [`inert`] too.
    #[test]
    fn log_times_are_read_as_their_shape() {
        let shape = |v: &[u8]| {
            v.len() == 24 && v.iter().zip(LOG_TIME).all(|(&c, &t)| if t == b'0' { c.is_ascii_digit() } else { c == t })
        };
        let swaps: Vec<u8> = b"0123456789-T:.Z/ @xX+ztA\x7f".iter().copied().chain([0x80, 0xE4, 0xFF, 0]).collect();
        let sc = Scanner::new();
        let mut next = crate::testing::picker(0x3c6e_f372_fe94_f82b);
        let mut passed = 0;
        for round in 0..100_000 {
            let mut v: Vec<u8> = LOG_TIME.iter().map(|&t| if t == b'0' { b'0' + next(10) as u8 } else { t }).collect();
            for _ in 0..next(3) {
                let at = next(v.len());
                v[at] = swaps[next(swaps.len())];
            }
            match round % 16 {
                0 => v.truncate(next(25)),
                1 => v.push(b'0' + next(10) as u8),
                _ => {}
            }
            let fast = is_log_time(&v);
            assert_eq!(fast, shape(&v), "{v:?}");
            if fast {
                passed += 1;
                let text = std::str::from_utf8(&v).unwrap_or_default();
                let mut out = Vec::new();
                finder::find(&sc, text, 0, &mut out);
                assert!(out.is_empty(), "{text}");
                // The general reading: past the shape test, with one more byte that adds no digit.
                assert!(inert(format!("{text}-").as_bytes(), 0, 25), "{text}");
            }
        }
        assert!(passed > 20_000 && passed < 80_000, "{passed}");
    }

    /// A value [`passed_over`] passes has no hit in the free-text scanner: checked on values
    /// built of words, separators, label keys and the bytes the scanner stops at. Both sides are
    /// reached: many values pass, and many that do not have hits.
    #[test]
    fn passed_over_values_have_no_hits() {
        let pieces: Vec<&str> = "INFO|order-svc|a|Z|x|_|-|.|,|/|\"|'| |\t|name|address|addr|e|s|r|R|=|:|@|+|(|)|1|\
                                 13812345678|foo@bar.com|name=|addr:|张三|地址：|é|\u{3000}|[|]|{|}"
            .split('|')
            .collect();
        let sc = Scanner::new();
        let mut next = crate::testing::picker(0x2545_f491_4f6c_dd1d);
        let (mut passed, mut hits) = (0, 0);
        for _ in 0..100_000 {
            let v: String = (0..1 + next(8)).map(|_| pieces[next(pieces.len())]).collect();
            let mut out = Vec::new();
            finder::find(&sc, &v, 0, &mut out);
            hits += !out.is_empty() as usize;
            // Inside a line: the bytes after the value (a stop among them) are not read.
            let line = format!("\"{v}\":13812345678");
            let pass = passed_over(line.as_bytes(), 1, v.len() + 1);
            assert_eq!(pass, passed_over(v.as_bytes(), 0, v.len()), "{v:?}");
            if pass {
                passed += 1;
                assert!(out.is_empty(), "{v:?}");
            }
        }
        assert!(passed > 10_000 && hits > 10_000, "{passed} {hits}");
        assert!(passed_over(b"INFO", 0, 4) && !passed_over("张三".as_bytes(), 0, 6) && !passed_over(b"a1", 0, 2));
    }

    /// A compact line (`"key":"value","key"`, read without skipping white space) gives the hits
    /// that the same line spaced out around its colons or commas gives (read by the general
    /// path): members of every kind of value, nested, with keys that force a kind and keys that
    /// do not.
    #[test]
    fn compact_members_read_as_spaced_ones() {
        let keys = ["phone", "name", "msg", "ts", "receiver_address", "id_no", "email", "x", "user"];
        let values = [
            "\"13812345678\"",
            "\"张三\"",
            "\"北京市朝阳区建国路88号\"",
            "\"call 13912345678 now\"",
            "\"a@b.cn\"",
            "\"2026-11-29T00:02:53.477Z\"",
            "\"INFO\"",
            "\"\"",
            "\"\\u5f20\\\"x\"",
            "13812345678",
            "-1.5e3",
            "true",
            "null",
            "[\"110105194912310025\",1]",
            "{}",
        ];
        let sc = Scanner::new();
        let mut next = crate::testing::picker(0x6a09_e667_f3bc_c908);
        let mut found = 0;
        for _ in 0..5_000 {
            let members: Vec<(&str, String)> = (0..1 + next(4))
                .map(|_| {
                    let v = if next(6) == 0 {
                        format!("{{\"{}\":{}}}", keys[next(keys.len())], values[next(values.len())])
                    } else {
                        values[next(values.len())].to_string()
                    };
                    (keys[next(keys.len())], v)
                })
                .collect();
            let line = |sep: &str, comma: &str| {
                let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\"{sep}{v}")).collect();
                format!("{{{}}}", body.join(comma))
            };
            let seen = |text: &str| {
                let mut out = Vec::new();
                let ok = super::scan(&sc, text, None, &mut out);
                let hits: Vec<String> = out
                    .iter()
                    .map(|h| {
                        let span = &text[h.start..h.end];
                        format!("{:?}", (h.kind, span, h.confidence, &h.decoded, h.json, h.parsed))
                    })
                    .collect();
                (ok, hits)
            };
            let compact = seen(&line(":", ","));
            assert!(compact.0, "{}", line(":", ","));
            found += compact.1.len();
            for (sep, comma) in
                [(" :", ","), (": ", ", "), (" : ", " ,"), (":\t", ",\t"), ("\n:  ", " , "), (":", "\n,")]
            {
                assert_eq!(seen(&line(sep, comma)), compact, "{}", line(sep, comma));
            }
        }
        assert!(found > 5_000, "{found}");
    }

    /// A line read with a [`KeyMemo`] (short keys by one word of the line, see
    /// `Lexer::short_key`) gives the hits it gives read without one (each key looked up whole):
    /// keys of every length around the eight-byte word, with escapes, upper case, blanks, odd
    /// bytes, at the end of a line, and lines cut short (not JSON then).
    #[test]
    fn keys_read_with_the_memo_as_without() {
        let keys: Vec<&str> = "ts|tel|name|phone|mobile|idCard|email|addr|a|x\\u0041|na\\\"me|id_no|card_no|Tel|\
                               m\\u0061il||ph one|电话|receiver_phone|guest_name|remote_addr"
            .split('|')
            .collect();
        let values = ["\"13812345678\"", "\"张三\"", "\"a@b.cn\"", "\"INFO\"", "13812345678", "\"110105194912310025\""];
        let sc = Scanner::new();
        let mut next = crate::testing::picker(0xbb67_ae85_84ca_a73b);
        let (mut found, mut lines) = (0, 0);
        let mut memo = KeyMemo::with_slots(4);
        for _ in 0..20_000 {
            let body: Vec<String> = (0..1 + next(5))
                .map(|_| {
                    let sep = [":", " : ", ":"][next(3)];
                    format!("\"{}\"{sep}{}", keys[next(keys.len())], values[next(values.len())])
                })
                .collect();
            let mut line = format!("{{{}}}", body.join(","));
            if next(8) == 0 {
                // Cut short: the key's quote, or the word after a key, past the end.
                line.truncate(line.char_indices().map(|(k, _)| k).nth(next(line.chars().count())).unwrap_or(0));
            }
            let (mut with, mut without) = (Vec::new(), Vec::new());
            let ok = super::scan(&sc, &line, Some(&mut memo), &mut with);
            assert_eq!(ok, super::scan(&sc, &line, None, &mut without), "{line}");
            assert_eq!(format!("{with:?}"), format!("{without:?}"), "{line}");
            found += with.len();
            lines += ok as usize;
        }
        assert!(found > 10_000 && lines > 10_000, "{found} {lines}");
    }

    /// [`finder::find_number`] gives `find`'s hits whenever it reads a value alone, and leaves
    /// `out` as it was when it does not: values of the number kinds as a key forces them (plain,
    /// grouped by blanks or dashes, with `+86`, `(+86)`, an area code in parentheses, an `X`, an
    /// extension), with checks that pass and fail, and with bytes after or inside the run that
    /// make it something else (a letter, `@`, a date, full-width forms, a second run). Both sides
    /// are reached: many values read alone with a hit, many left to `find`, and some read alone
    /// without one.
    #[test]
    fn number_values_read_alone_as_find_reads_them() {
        let starts = ["", "", "", "+86", "+86 ", "+86-", "(+86)", "(0571)", "(010)", "（0755）", "+", "(", "0086 "];
        let seps = ["", "", " ", "-", "  ", "--", "转", "－", "\u{3000}", "."];
        // Mostly nothing after the run; else what makes it another kind, a longer run or two.
        let ends: Vec<&str> =
            "||||||||X|x|@qq.com|a|号|.5|-801|转801| 12|2026-11-29|１| 13912345678|-6222021234567890128"
                .split('|')
                .collect();
        // A last digit that passes the Luhn check (cards), and the check character of an ID, as
        // the kinds compute them (from ASCII digits).
        let values = |body: &[u8]| body.iter().map(|c| c - b'0').collect::<Vec<u8>>();
        let luhn = |body: &[u8]| b'0' + crate::kinds::card_luhn_digit(&values(body));
        let id_check = |body: &[u8]| b"0123456789X"[crate::kinds::id_check_value(&values(body)) as usize];
        let sc = Scanner::new();
        let mut next = crate::testing::picker(0x3c6e_f372_fe94_f82b);
        let (mut alone, mut hits, mut left) = (0, 0, 0);
        for _ in 0..200_000 {
            // Runs of digits of the values' shapes (a mobile, a card of 16 to 19 digits with its
            // Luhn digit, an ID with its check, a landline's local number) or of any length.
            let any = |next: &mut dyn FnMut(usize) -> usize, n: usize| -> Vec<u8> {
                (0..n).map(|_| b'0' + next(10) as u8).collect()
            };
            let mut digits = match next(5) {
                0 => [&b"13"[..], &any(&mut next, 9)].concat(),
                1 => {
                    let n = 13 + next(4);
                    let mut d = [&b"62"[..], &any(&mut next, n)].concat();
                    d.push(luhn(&d));
                    d
                }
                2 => {
                    let mut d = [&b"110105198"[..], &any(&mut next, 1), b"0612", &any(&mut next, 3)].concat();
                    d.push(id_check(&d));
                    d
                }
                3 => {
                    let n = 7 + next(2);
                    any(&mut next, n)
                }
                _ => {
                    let n = 1 + next(20);
                    any(&mut next, n)
                }
            };
            if digits.len() == 11 {
                digits[1] = b'3' + next(7) as u8;
            }
            let digits = String::from_utf8(digits).unwrap_or_default();
            let mut v = starts[next(starts.len())].to_string();
            // No separator, one after every group, or any at random.
            let (mode, sep) = (next(3), seps[next(seps.len())]);
            let mut k = 0;
            while k < digits.len() {
                let step = 3 + next(2);
                v.push_str(&digits[k..digits.len().min(k + step)]);
                k += step;
                if k < digits.len() && mode > 0 {
                    v.push_str(if mode == 1 {
                        sep
                    } else if next(3) == 0 {
                        seps[next(seps.len())]
                    } else {
                        ""
                    });
                }
            }
            v.push_str(ends[next(ends.len())]);
            let base = next(100);
            let mut got = Vec::new();
            let read = finder::find_number(&sc, &v, base, &mut got);
            let mut want = Vec::new();
            finder::find(&sc, &v, base, &mut want);
            if read {
                assert_eq!(format!("{got:?}"), format!("{want:?}"), "{v:?}");
                alone += 1;
                hits += !got.is_empty() as usize;
            } else {
                assert!(got.is_empty(), "{v:?}");
                left += 1;
            }
        }
        assert!(alone > 50_000 && hits > 10_000 && alone - hits > 5_000 && left > 20_000, "{alone} {hits} {left}");
    }

    /// The fast bounds agree with `str::trim` for every character alone, and around, before and
    /// after a plain ASCII or Han body.
    #[test]
    fn trim_bounds_agrees_with_trim() {
        let check = |v: &str| {
            let s = v.len() - v.trim_start().len();
            assert_eq!(trim_bounds(v), (s, s + v.trim().len()), "{:?}", v.escape_unicode().to_string());
        };
        check("");
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for body in ["", "x", "张"] {
                check(&format!("{c}{body}"));
                check(&format!("{body}{c}"));
                check(&format!("{c}{body}{c}"));
            }
        }
    }
}
