//! Display masks: deterministic, keyless, one-way.
//!
//! | preset | name | example |
//! |---|---|---|
//! | [`Mask::Default`] | `default` | the kind's usual display form (below) |
//! | [`Mask::PrivacyWaybill`] | `privacy_waybill` | what a privacy waybill prints: `张*`, `138****5678`, `浙江省杭州市西湖区****` |
//! | [`Mask::FirstLast`] | `keep_first6_last4`, `keep_first3_last4`, `keep_first1_last2`, any `keep_firstN_lastM` | `330106********123X`, `138****5678`, `3****************X` |
//! | [`Mask::KeepAreaLast2`] | `keep_area_last2` | `0571-******21` |
//! | [`Mask::KeepFirst1Domain`] | `keep_first1_domain` | `d***@example.com` |
//! | [`Mask::KeepSurname`] | `keep_surname` | `张*`, `欧阳**` (compound surnames kept whole) |
//! | [`Mask::KeepDistrict`] | `keep_district` | `浙江省杭州市西湖区****` |
//!
//! Defaults per kind: `cn_id` keep_first6_last4; `cn_mobile` keep_first3_last4;
//! `cn_landline` keep_area_last2; `bank_card` keep_first6_last4; `email`
//! keep_first1_domain; `cn_name` keep_surname; `cn_address` keep_district;
//! `custom` keep_first1_last1. `privacy_waybill` is the default for every kind.
//!
//! `FirstLast` counts the kind's significant characters (digits for the number
//! kinds, characters for the others) and keeps separators and other layout in
//! place: `+86 138 1234 5678` masks to `+86 138 **** 5678`. Where first + last
//! would reveal the whole value, everything is masked.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// The character that hides a masked character.
pub const MASK_CHAR: char = '*';

/// A masking preset (see the module docs for examples).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mask {
    /// The kind's default display form.
    #[default]
    Default,
    /// The privacy-waybill form (the same as `Default` for every kind).
    PrivacyWaybill,
    /// Keep the first `first` and last `last` significant characters.
    FirstLast {
        /// Characters kept at the start.
        first: u16,
        /// Characters kept at the end.
        last: u16,
    },
    /// Landline: keep the area code and the last two digits of the local number.
    KeepAreaLast2,
    /// E-mail: keep the first character of the local part and the domain; three stars between.
    KeepFirst1Domain,
    /// Name: keep the surname (compound surnames whole), one star per other character.
    KeepSurname,
    /// Address: keep province, city and district; `****` for the rest.
    KeepDistrict,
}

impl Mask {
    /// Keep the first 6 and last 4 (ID and card numbers).
    pub const KEEP_FIRST6_LAST4: Mask = Mask::FirstLast { first: 6, last: 4 };
    /// Keep the first 3 and last 4 (mobile numbers).
    pub const KEEP_FIRST3_LAST4: Mask = Mask::FirstLast { first: 3, last: 4 };
    /// Keep the first 1 and last 2 (ID numbers, as Hutool's `idCardNum`).
    pub const KEEP_FIRST1_LAST2: Mask = Mask::FirstLast { first: 1, last: 2 };
}

impl fmt::Display for Mask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mask::Default => f.write_str("default"),
            Mask::PrivacyWaybill => f.write_str("privacy_waybill"),
            Mask::FirstLast { first, last } => write!(f, "keep_first{first}_last{last}"),
            Mask::KeepAreaLast2 => f.write_str("keep_area_last2"),
            Mask::KeepFirst1Domain => f.write_str("keep_first1_domain"),
            Mask::KeepSurname => f.write_str("keep_surname"),
            Mask::KeepDistrict => f.write_str("keep_district"),
        }
    }
}

impl FromStr for Mask {
    type Err = Error;

    /// Parses a preset name as listed in the module docs.
    fn from_str(s: &str) -> Result<Mask, Error> {
        let bad = Error::InvalidOption { option: "mask", reason: "unknown mask preset" };
        Ok(match s.trim() {
            "" | "default" => Mask::Default,
            "privacy_waybill" => Mask::PrivacyWaybill,
            "keep_area_last2" => Mask::KeepAreaLast2,
            "keep_first1_domain" => Mask::KeepFirst1Domain,
            "keep_surname" => Mask::KeepSurname,
            "keep_district" => Mask::KeepDistrict,
            other => {
                let rest = other.strip_prefix("keep_first").ok_or(bad.clone())?;
                let (first, last) = rest.split_once("_last").ok_or(bad.clone())?;
                Mask::FirstLast {
                    first: first.parse().map_err(|_| bad.clone())?,
                    last: last.parse().map_err(|_| bad.clone())?,
                }
            }
        })
    }
}

/// Sets every byte of `b` to [`MASK_CHAR`]. Runs of up to 16 bytes (every masked number, most
/// names) take two overlapping stores at most instead of a call to `memset`, which costs more
/// than the stores on a run this short.
#[inline]
pub(crate) fn fill_stars(b: &mut [u8]) {
    const S: [u8; 8] = [MASK_CHAR as u8; 8];
    match b.len() {
        0 => {}
        k @ 1..=3 => {
            b[0] = S[0];
            b[k / 2] = S[0];
            b[k - 1] = S[0];
        }
        k @ 4..=8 => {
            b[..4].copy_from_slice(&S[..4]);
            b[k - 4..].copy_from_slice(&S[..4]);
        }
        k @ 9..=16 => {
            b[..8].copy_from_slice(&S);
            b[k - 8..].copy_from_slice(&S);
        }
        _ => b.fill(S[0]),
    }
}

/// `text` with every `significant` character outside the first `first` and last `last` of
/// them replaced by [`MASK_CHAR`] (all of them where `first + last` covers them all); other
/// characters stay.
pub(crate) fn mask_chars(text: &str, first: usize, last: usize, significant: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    mask_chars_into(text, first, last, significant, &mut out);
    out
}

/// [`mask_chars`], appending to `out`.
pub(crate) fn mask_chars_into(
    text: &str,
    first: usize,
    last: usize,
    significant: impl Fn(char) -> bool,
    out: &mut String,
) {
    let count = text.chars().filter(|&c| significant(c)).count();
    let (first, last) = if first + last >= count { (0, 0) } else { (first, last) };
    let mut i = 0usize;
    for c in text.chars() {
        if significant(c) {
            out.push(if i < first || i >= count - last { c } else { MASK_CHAR });
            i += 1;
        } else {
            out.push(c);
        }
    }
}

/// The generic first/last mask over every character of a value (for `custom`).
pub fn mask_first_last(value: &str, first: usize, last: usize) -> String {
    mask_chars(value, first, last, |_| true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short-run stores set exactly the bytes `fill` sets, for every length up to 70 and
    /// every offset in a larger buffer.
    #[test]
    fn fill_stars_fills_exactly_the_run() {
        for len in 0..=70 {
            for at in 0..4 {
                let mut fast: Vec<u8> = (0..len + 8).map(|i| i as u8).collect();
                let mut slow = fast.clone();
                fill_stars(&mut fast[at..at + len]);
                slow[at..at + len].fill(b'*');
                assert_eq!(fast, slow, "{len} at {at}");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for m in [
            Mask::Default,
            Mask::PrivacyWaybill,
            Mask::KEEP_FIRST6_LAST4,
            Mask::KEEP_FIRST1_LAST2,
            Mask::KeepAreaLast2,
            Mask::KeepFirst1Domain,
            Mask::KeepSurname,
            Mask::KeepDistrict,
        ] {
            assert_eq!(m.to_string().parse::<Mask>().unwrap(), m);
        }
        assert_eq!("keep_first3_last4".parse::<Mask>().unwrap(), Mask::KEEP_FIRST3_LAST4);
        assert!("keep_first3".parse::<Mask>().is_err());
        assert!("nope".parse::<Mask>().is_err());
    }

    #[test]
    fn first_last() {
        assert_eq!(mask_first_last("abcdefgh", 2, 3), "ab***fgh");
        assert_eq!(mask_first_last("abc", 2, 3), "***");
        assert_eq!(mask_chars("138-1234-5678", 3, 4, |c| c.is_ascii_digit()), "138-****-5678");
    }
}
