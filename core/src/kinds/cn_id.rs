//! `cn_id`: resident identity numbers (GB 11643-1999).
//!
//! # Accepted
//!
//! 18 characters: a 6-digit region code, the birth date `YYYYMMDD`, a 3-digit
//! sequence number (odd for men, even for women) and an ISO 7064 MOD 11-2 check
//! character (`0-9` or `X`; lower-case `x` and full-width forms are accepted).
//! A space or dash may separate the 6-8-4 groups. The legacy 15-digit form
//! (`RRRRRR YYMMDD SSS`, born 19YY, no check character; 6-6-3 groups) is accepted
//! too; [`normalize`](crate::Tokenizer::normalize) converts it to 18 characters.
//!
//! Validation checks the province prefix (11–15, 21–23, 31–37, 41–46, 50–54,
//! 61–65, 71, 81–83), a real calendar date from 1900-01-01 to 2099-12-31, and
//! the check character. A region code missing from the gazetteer is *not* an
//! error: the gazetteer has gaps and retired codes stay valid on old cards.
//!
//! # Tokens (mapping version 1, frozen)
//!
//! A token is itself a valid ID in the input's written layout: a valid province
//! prefix, a real birth date inside the range, a correct check character. 15-digit
//! input gives a 15-digit token. The encrypted fields are mapped to one integer
//! (region index, day index, sequence) and encrypted with FF1 (radix 2, as many
//! bits as the domain needs) with cycle-walking, so the map is a bijection on
//! each of these partitions, which a token never leaves:
//!
//! * region code in the embedded gazetteer, or not (so real codes give real codes);
//! * birth date before [`DATE_CUTOFF`] (2026-01-01), or on/after it, so a past
//!   birth date never becomes a future one; 15-digit IDs keep 1900–1999;
//! * check character `X`, or a digit (so the case of a written `x` survives and
//!   detokenizing gives back the exact input text). An `X` ID is encrypted as its
//!   region, date and first two sequence digits; the last digit is the one that
//!   makes the check `X` (cycle-walking past the 1 in 11 prefixes that have none),
//!   so neither class needs long walks.
//!
//! Each partition leaks at most a bit or two; the kept fields ([`IdKeep`]) leak
//! what they keep. The tweak is the kept fields and partitions, then the context.

use std::sync::OnceLock;

use super::{char_pos, ff1_walk, first_last, KindRules, Scope};
use crate::gazetteer;
use crate::layout::{
    digit_value, is_separator, mask_plain_into, plain_digits, plain_values, x_value, Digits, Positions, Slot,
};
use crate::mask::Mask;
use crate::tokenizer::{IdKeep, Options};
use crate::{Error, Kind, Result};

pub(crate) struct CnId;

const KIND: Kind = Kind::CnId;
const LABEL: &str = "cn_id";

/// The first birth date a token can carry (year, month, day).
pub const DATE_FIRST: (i32, u32, u32) = (1900, 1, 1);
/// Birth dates before this stay before it in tokens, those on or after stay on or after.
pub const DATE_CUTOFF: (i32, u32, u32) = (2026, 1, 1);
/// The last birth date a token can carry.
pub const DATE_LAST: (i32, u32, u32) = (2099, 12, 31);

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The ISO 7064 MOD 11-2 check value (10 = `X`) of the first 17 digits.
pub(crate) fn check_value(digits: &[u8]) -> u8 {
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(&d, w)| d as u32 * w).sum();
    ((12 - sum % 11) % 11) as u8
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number from [`days_from_civil`].
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
    (y, m, d)
}

fn day_of(date: (i32, u32, u32)) -> i64 {
    days_from_civil(date.0, date.1, date.2)
}

fn is_real_date(y: i32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A parsed ID: its significant characters and where they were written.
#[derive(Debug)]
pub(crate) struct Id {
    digits: Digits,
    legacy: bool,
}

impl Id {
    fn region(&self) -> u32 {
        self.digits.number(0..6) as u32
    }

    fn date(&self) -> (i32, u32, u32) {
        let n = |r| self.digits.number(r) as u32;
        if self.legacy {
            (1900 + n(6..8) as i32, n(8..10), n(10..12))
        } else {
            (n(6..10) as i32, n(10..12), n(12..14))
        }
    }

    fn seq(&self) -> u32 {
        let at = if self.legacy { 12 } else { 14 };
        self.digits.number(at..at + 3) as u32
    }

    fn has_x(&self) -> bool {
        !self.legacy && self.digits.values()[17] == 10
    }

    /// The 18-character normal form.
    fn normal(&self) -> String {
        let mut v: Vec<u8> = if self.legacy {
            let d = &self.digits.values();
            [&d[..6], &[1, 9], &d[6..15]].concat()
        } else {
            self.digits.values()[..17].to_vec()
        };
        v.push(check_value(&v));
        v.iter().map(|&d| if d == 10 { 'X' } else { (b'0' + d) as char }).collect()
    }
}

/// Reads and validates a written ID.
pub(crate) fn parse(text: &str) -> Result<Id> {
    let err = |at: usize, reason| Error::value(KIND, Some(char_pos(text, at)), reason);
    if let Some(digits) = plain_digits::<18>(text, true) {
        check(&digits, false, text)?;
        return Ok(Id { digits, legacy: false });
    }
    // Read into local arrays: the count stays in a register.
    let mut values = [0u8; 18];
    let mut slots = [Slot::default(); 18];
    let mut n = 0usize;
    let mut breaks = [usize::MAX; 2];
    let mut nbreaks = 0;
    let mut after_sep = false;
    // Characters one at a time, ASCII without decoding.
    let bytes = text.as_bytes();
    let mut next = 0usize;
    while next < bytes.len() {
        let at = next;
        let c = match bytes[at] {
            b if b.is_ascii() => b as char,
            _ => text[at..].chars().next().unwrap_or_default(),
        };
        next += c.len_utf8();
        let too_long = || err(at, "too long: an ID has 18 characters or 15 digits");
        if let Some((v, wide)) = digit_value(c) {
            if n == 18 || at > u16::MAX as usize {
                return Err(too_long());
            }
            (values[n], slots[n]) = (v, Slot { at: at as u16, wide, lower: false });
            n += 1;
            after_sep = false;
        } else if let Some((wide, lower)) = x_value(c) {
            if n != 17 {
                return Err(err(at, "X is only allowed as the check character"));
            }
            if at > u16::MAX as usize {
                return Err(too_long());
            }
            (values[n], slots[n]) = (10, Slot { at: at as u16, wide, lower });
            n += 1;
            after_sep = false;
        } else if is_separator(c) && !after_sep && matches!(n, 6 | 12 | 14) && nbreaks < 2 {
            breaks[nbreaks] = n;
            nbreaks += 1;
            after_sep = true;
        } else {
            return Err(err(at, "unexpected character"));
        }
    }
    let digits = Digits::from_parts(&values[..n], &slots[..n]);
    let legacy = match digits.len() {
        18 => false,
        15 => true,
        _ => return Err(Error::value(KIND, None, "an ID has 18 characters or 15 digits")),
    };
    if after_sep {
        return Err(Error::value(KIND, None, "ends with a separator"));
    }
    let groups: &[usize] = if legacy { &[6, 12] } else { &[6, 14] };
    if breaks[..nbreaks].iter().any(|b| !groups.contains(b)) {
        return Err(Error::value(KIND, None, "separators only between the 6-8-4 (or 6-6-3) groups"));
    }
    check(&digits, legacy, text)?;
    Ok(Id { digits, legacy })
}

/// [`check_values`] on read digits, the fault placed at its character in `text`.
fn check(digits: &Digits, legacy: bool, text: &str) -> Result<()> {
    check_values(digits.values(), legacy)
        .map_err(|(i, reason)| Error::value(KIND, Some(char_pos(text, digits.slots()[i].at as usize)), reason))
}

/// Validates an ID without recording its layout (for validation and masks, which need no
/// more): the plain 18-character form straight from its bytes, any other form by [`parse`].
fn validate(text: &str) -> Result<()> {
    positions(text).map(drop)
}

/// Reads and validates a written ID: where its 18 (or 15) characters stand. A plain ID is read
/// on bytes, any other by [`parse`].
fn positions(text: &str) -> Result<Option<Positions>> {
    match plain_values::<18>(text, true) {
        Some(values) => check_plain(&values).map(|()| Some(Positions::plain(18))),
        None => parse(text).map(|id| id.digits.positions()),
    }
}

/// Whether the digit values `v` of an ID written as ASCII digits alone (18 of them, or the
/// 15 of the legacy form) are a valid ID: what [`positions`] accepts of such a text, whose
/// positions are then every byte. For the scanner, which has read the values already.
pub(crate) fn digits_valid(v: &[u8]) -> bool {
    match v.len() {
        18 => check_values(v, false).is_ok(),
        15 => check_values(v, true).is_ok(),
        _ => false,
    }
}

/// Whether an ID written in ASCII as digit groups joined by single blanks or dashes, maybe
/// ending in `X`, is valid: what [`positions`] accepts of it, given its values `v` (10 for the
/// `X`) and the number of values before each separator (`cuts`). Separators stand only between
/// the 6-8-4 (or 6-6-3) groups. For the scanner, which has read the candidate already.
pub(crate) fn grouped_valid(v: &[u8], cuts: &[u8]) -> bool {
    let groups: [u8; 2] = match v.len() {
        18 => [6, 14],
        15 => [6, 12],
        _ => return false,
    };
    cuts.iter().all(|c| groups.contains(c)) && digits_valid(v)
}

/// The characters the default mask keeps: the region code and the last four.
const MASK_KEEP: (usize, usize) = (6, 4);

/// [`check_values`] on a plain 18-character ID, where character `i` is byte `i`.
fn check_plain(values: &[u8; 18]) -> Result<()> {
    check_values(values, false).map_err(|(i, reason)| Error::value(KIND, Some(i), reason))
}

/// Whether each two-digit number is a province prefix: one load instead of a search.
static PROVINCES: [bool; 100] = {
    let mut table = [false; 100];
    let mut i = 0;
    while i < gazetteer::PROVINCE_PREFIXES.len() {
        table[gazetteer::PROVINCE_PREFIXES[i] as usize] = true;
        i += 1;
    }
    table
};

/// The checks on an ID's digit values (18, or 15 when `legacy`) once they are read: province,
/// date, check character. On failure, the index of the character at fault and the reason.
/// Always inlined: the scanner asks [`digits_valid`] for every run of 15 or 18 digits (some
/// 10,000 on the benchmark slice), and the call (its result comes back through memory) cost
/// some fifteen instructions of the hundred and more of the checks.
#[inline(always)]
fn check_values(v: &[u8], legacy: bool) -> std::result::Result<(), (usize, &'static str)> {
    let num = |r: std::ops::Range<usize>| v[r].iter().fold(0u32, |acc, &d| acc * 10 + d as u32);
    if legacy && v.contains(&10) {
        return Err((14, "a 15-digit ID has no check character"));
    }
    if !PROVINCES.get(num(0..2) as usize).is_some_and(|&p| p) {
        return Err((0, "unknown province code"));
    }
    let (y, m, d) = if legacy {
        (1900 + num(6..8) as i32, num(8..10), num(10..12))
    } else {
        (num(6..10) as i32, num(10..12), num(12..14))
    };
    if !is_real_date(y, m, d) {
        return Err((6, "birth date is not a real date"));
    }
    if (y, m, d) < DATE_FIRST || (y, m, d) > DATE_LAST {
        return Err((6, "birth date outside 1900-01-01..=2099-12-31"));
    }
    if !legacy && check_value(&v[..17]) != v[17] {
        return Err((17, "wrong check character"));
    }
    Ok(())
}

/// Region codes with a valid province prefix that are not in the gazetteer, ascending.
fn complement() -> &'static [u32] {
    static C: OnceLock<Vec<u32>> = OnceLock::new();
    C.get_or_init(|| {
        let known = gazetteer::codes();
        gazetteer::PROVINCE_PREFIXES
            .iter()
            .flat_map(|p| (p * 10_000)..(p + 1) * 10_000)
            .filter(|c| known.binary_search(c).is_err())
            .collect()
    })
}

fn in_province(codes: &'static [u32], province: u32) -> &'static [u32] {
    let lo = codes.partition_point(|&c| c < province * 10_000);
    let hi = codes.partition_point(|&c| c < (province + 1) * 10_000);
    &codes[lo..hi]
}

/// The set an ID is encrypted within, and the tweak bytes that name it.
struct Domain {
    regions: Regions,
    legacy: bool,
    first_day: i64,
    days: i64,
    /// `Some(parity)` when the gender is kept.
    parity: Option<u32>,
    x_class: bool,
    tweak: Vec<u8>,
}

enum Regions {
    One(u32),
    Set(&'static [u32]),
}

impl Regions {
    fn len(&self) -> u128 {
        match self {
            Regions::One(_) => 1,
            Regions::Set(s) => s.len() as u128,
        }
    }
}

impl Domain {
    fn of(id: &Id, keep: IdKeep) -> Result<Domain> {
        let region = id.region();
        let province = region / 10_000;
        let known = gazetteer::contains(region);
        let regions = if keep.region {
            Regions::One(region)
        } else {
            let all = if known { gazetteer::codes() } else { complement() };
            Regions::Set(if keep.province { in_province(all, province) } else { all })
        };
        let (y, m, d) = id.date();
        let day = days_from_civil(y, m, d);
        let cutoff = day_of(DATE_CUTOFF);
        let (first_day, last_day) = if keep.birth_year {
            (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31))
        } else if id.legacy {
            (day_of(DATE_FIRST), days_from_civil(1999, 12, 31))
        } else if day < cutoff {
            (day_of(DATE_FIRST), cutoff - 1)
        } else {
            (cutoff, day_of(DATE_LAST))
        };
        let parity = keep.gender.then_some(id.seq() % 2);
        let mut tweak = vec![
            b'I',
            1, // mapping version
            id.legacy as u8,
            keep.province as u8 | (keep.region as u8) << 1 | (keep.birth_year as u8) << 2 | (keep.gender as u8) << 3,
            known as u8,
            (first_day >= cutoff) as u8,
            id.has_x() as u8,
            parity.unwrap_or(2) as u8,
        ];
        if keep.region {
            tweak.extend_from_slice(&region.to_be_bytes());
        } else if keep.province {
            tweak.extend_from_slice(&province.to_be_bytes());
        }
        if keep.birth_year {
            tweak.extend_from_slice(&y.to_be_bytes());
        }
        let domain = Domain {
            regions,
            legacy: id.legacy,
            first_day,
            days: last_day - first_day + 1,
            parity,
            x_class: id.has_x(),
            tweak,
        };
        if domain.size() < crate::ff1::MIN_DOMAIN {
            return Err(Error::UnsupportedMode {
                kind: KIND,
                reason: "the kept fields leave fewer than 1,000,000 values for this ID",
            });
        }
        Ok(domain)
    }

    /// Values of the sequence component: the first two digits for the `X` class (the last
    /// digit is the one that makes the check character `X`), else all three (or the half
    /// with the kept parity).
    fn seqs(&self) -> u128 {
        match (self.x_class, self.parity) {
            (true, _) => 100,
            (false, Some(_)) => 500,
            (false, None) => 1000,
        }
    }

    fn size(&self) -> u128 {
        self.regions.len() * self.days as u128 * self.seqs()
    }

    fn encode(&self, id: &Id) -> u128 {
        let r = match &self.regions {
            Regions::One(_) => 0,
            Regions::Set(s) => s.binary_search(&id.region()).unwrap_or(0) as u128,
        };
        let (y, m, d) = id.date();
        let day = (days_from_civil(y, m, d) - self.first_day) as u128;
        let seq = match (self.x_class, self.parity) {
            (true, _) => id.seq() / 10,
            (false, Some(_)) => id.seq() / 2,
            (false, None) => id.seq(),
        } as u128;
        (r * self.days as u128 + day) * self.seqs() + seq
    }

    /// The digits (17 + check, or 15) of the ID at index `x`, if it lies in this
    /// domain's partition (the check class, and for the `X` class the kept parity).
    fn decode(&self, x: u128) -> Option<[u8; 18]> {
        if x >= self.size() {
            return None;
        }
        let seqs = self.seqs();
        let part = (x % seqs) as u32;
        let rest = x / seqs;
        let day = self.first_day + (rest % self.days as u128) as i64;
        let region = match &self.regions {
            Regions::One(r) => *r,
            Regions::Set(s) => s[(rest / self.days as u128) as usize],
        };
        let (y, m, d) = civil_from_days(day);
        let mut out = [0u8; 18];
        let mut at = 0;
        let mut put = |v: u32, width: u32| {
            for i in (0..width).rev() {
                out[at] = (v / 10u32.pow(i) % 10) as u8;
                at += 1;
            }
        };
        put(region, 6);
        if self.legacy {
            put((y - 1900) as u32, 2);
        } else {
            put(y as u32, 4);
        }
        put(m, 2);
        put(d, 2);
        if self.legacy {
            put(self.parity.map_or(part, |p| part * 2 + p), 3);
            return Some(out);
        }
        if self.x_class {
            put(part, 2);
            // The check is X when the weighted sum is 2 (mod 11); the last sequence digit
            // has weight 2, and 6 is the inverse of 2 mod 11.
            let s16: u32 = out[..16].iter().zip(WEIGHTS).map(|(&v, w)| v as u32 * w).sum();
            let last = ((2 + 11 - s16 % 11) * 6) % 11;
            if last == 10 || self.parity.is_some_and(|p| last % 2 != p) {
                return None;
            }
            out[16] = last as u8;
            out[17] = 10;
        } else {
            put(self.parity.map_or(part, |p| part * 2 + p), 3);
            out[17] = check_value(&out[..17]);
            if out[17] == 10 {
                return None;
            }
        }
        Some(out)
    }
}

fn crypt(scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
    let id = parse(text)?;
    let domain = Domain::of(&id, scope.options.id_keep)?;
    let bits = 128 - (domain.size() - 1).leading_zeros() as usize;
    let x = domain.encode(&id);
    let y = ff1_walk(scope, KIND, LABEL, 2, bits, &domain.tweak, x, encrypt, |y| domain.decode(y).is_some())?;
    let digits = domain.decode(y).ok_or(Error::value(KIND, None, "outside the token domain"))?;
    Ok(id.digits.render(text, &digits[..id.digits.len()]))
}

impl KindRules for CnId {
    fn validate(&self, _: &Options, value: &str) -> Result<()> {
        validate(value)
    }

    fn normalize(&self, _: &Options, value: &str) -> Result<String> {
        Ok(parse(value)?.normal())
    }

    fn crypt(&self, scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
        crypt(scope, text, encrypt)
    }

    fn positions(&self, _: &Options, value: &str) -> Result<Option<Positions>> {
        positions(value)
    }

    fn kept(&self, mask: Mask, _: &Positions) -> Option<Result<(usize, usize)>> {
        Some(first_last(KIND, mask, MASK_KEEP))
    }

    fn write_mask(&self, _: &Options, value: &str, mask: Mask, out: &mut String) -> Result<()> {
        // The plain form (most values) is masked by slicing, without building its positions.
        if let Some(values) = plain_values::<18>(value, true) {
            check_plain(&values)?;
            let (first, last) = first_last(KIND, mask, MASK_KEEP)?;
            mask_plain_into(value, first, last, out);
            return Ok(());
        }
        let read = positions(value)?;
        let (first, last) = first_last(KIND, mask, MASK_KEEP)?;
        match read {
            Some(p) => p.mask_into(value, first, last, out),
            None => parse(value)?.digits.mask_into(value, first, last, out),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for day in day_of(DATE_FIRST) - 10..=day_of(DATE_LAST) + 10 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(day_of((1970, 1, 1)), 0);
        assert!(is_real_date(2000, 2, 29));
        assert!(!is_real_date(1900, 2, 29));
        assert!(!is_real_date(2023, 2, 29));
        assert!(!is_real_date(2023, 4, 31));
        assert!(!is_real_date(2023, 13, 1));
        assert!(!is_real_date(2023, 0, 1));
        // The month-length rule agrees with the day-number round trip on every candidate.
        for y in 1899..=2101 {
            for m in 1..=12 {
                for d in 0..=32 {
                    let round_trip = d >= 1 && civil_from_days(days_from_civil(y, m, d)) == (y, m, d);
                    assert_eq!(is_real_date(y, m, d), round_trip, "{y}-{m}-{d}");
                }
            }
        }
    }

    #[test]
    fn known_check_characters() {
        // The GB 11643-1999 example and a synthetic X case.
        assert!(parse("11010519491231002X").is_ok());
        assert!(parse("11010519491231002x").is_ok());
        assert!(parse("440524188001010014").is_err()); // 1880: outside the range
        assert_eq!(parse("110105194912310021").unwrap_err(), Error::value(KIND, Some(17), "wrong check character"));
        assert_eq!(
            parse("110105194902300021").unwrap_err(),
            Error::value(KIND, Some(6), "birth date is not a real date")
        );
        assert_eq!(parse("190105194912310021").unwrap_err(), Error::value(KIND, Some(0), "unknown province code"));
        assert!(parse("110105 19491231 002X").is_ok());
        assert!(parse("110105-19491231-002X").is_ok());
        assert!(parse("1101051949 1231002X").is_err());
        assert!(parse("110105491231002").is_ok());
        assert_eq!(parse("110105491231002").unwrap().normal(), "11010519491231002X");
    }

    /// Valid plain IDs, then each with one character replaced: the fast path of validation and
    /// masks gives exactly what the general parser gives.
    #[test]
    fn plain_path_agrees_with_parse() {
        let mut ids = vec!["11010519491231002X".to_owned(), "11010519491231002x".to_owned()];
        for i in 0..400u32 {
            let body = format!(
                "{}{:04}{:04}{:02}{:02}{:03}",
                [11, 33, 44, 65, 82][i as usize % 5],
                i * 37 % 10_000,
                1896 + i % 210,
                1 + i % 13,
                i % 32,
                i * 7 % 1000
            );
            let values: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
            let check = check_value(&values);
            ids.push(format!("{body}{}", if check == 10 { 'X' } else { (b'0' + check) as char }));
        }
        let mut n = 0;
        for id in &ids {
            let bytes = id.as_bytes();
            for at in 0..bytes.len() {
                for c in ["0", "1", "5", "9", "X", "x", "Ｘ", " ", "-", "a"] {
                    let v = format!("{}{c}{}", &id[..at], &id[at + 1..]);
                    let general = parse(&v).map(drop);
                    assert_eq!(validate(&v), general, "{v}");
                    let mut out = String::new();
                    let masked = CnId.write_mask(&Options::default(), &v, Mask::Default, &mut out);
                    assert_eq!(masked, general, "{v}");
                    if general.is_ok() {
                        n += 1;
                        let mut want = String::new();
                        parse(&v).unwrap().digits.mask_into(&v, 6, 4, &mut want);
                        assert_eq!(out, want, "{v}");
                    }
                }
            }
        }
        assert!(n > 1000, "{n} valid variants");
    }

    #[test]
    fn complement_partition() {
        let c = complement();
        assert_eq!(c.len() + gazetteer::codes().len(), 35 * 10_000);
        assert!(c.windows(2).all(|w| w[0] < w[1]));
    }
}
