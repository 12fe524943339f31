//! `bank_card`: payment card numbers, 16 to 19 digits with a Luhn check digit.
//!
//! Accepted: the digits alone or in groups separated by single spaces or
//! dashes (`6222 0212 3456 7890 128`). The normal form is the digits.
//!
//! Token: the first 6 digits (the BIN) stay, the middle is FF1-encrypted
//! (radix 10; tweak = BIN, length, context) and the Luhn check digit is
//! recomputed, so a token is a valid card number of the same issuer and length.
//! With [`Options::card_keep_last4`](crate::Options) the last four stay too; one
//! middle digit then restores the Luhn check, so the encrypted part is the
//! middle less one digit, and must hold at least 10^6 values: a 16-digit card
//! is refused in that mode.

use super::{char_pos, ff1_walk, first_last, KindRules, Scope};
use crate::layout::{ascii_digit_run, ascii_text, decimal_digits, read_digit_run, AsciiDigits, Digits, Positions};
use crate::mask::Mask;
use crate::tokenizer::Options;
use crate::{Error, Kind, Result};

pub(crate) struct BankCard;

const KIND: Kind = Kind::BankCard;
const LABEL: &str = "bank_card";
/// The digits the default mask keeps: the issuer (BIN) and the last four.
const MASK_KEEP: (usize, usize) = (6, 4);

/// Whether the digit values `v` of a number written as ASCII digits alone are a valid card
/// number: what [`positions`] accepts of such a text, whose positions are then every byte. For
/// the scanner, which has read the values already.
pub(crate) fn digits_valid(v: &[u8]) -> bool {
    (16..=19).contains(&v.len()) && luhn_valid(v)
}

/// Whether the digits pass the Luhn check.
pub(crate) fn luhn_valid(d: &[u8]) -> bool {
    luhn_sum(d, false) % 10 == 0
}

/// The Luhn sum of `d`; `payload` says a check digit will follow (so the last digit is doubled).
fn luhn_sum(d: &[u8], payload: bool) -> u32 {
    // A doubled digit counts as the digit sum of its double: `2v - 9` from 5 on (the values
    // 10 to 15, which no digit has, as the loop per digit counted them; `& 15` keeps the index in
    // the table for any value).
    const DOUBLED: [u32; 16] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21];
    let mut sum = 0u32;
    // Walking from the end, every other digit is doubled: the second, or with `payload` the first.
    let d = match (payload, d.split_last()) {
        (true, Some((&v, rest))) => {
            sum += DOUBLED[v as usize & 15];
            rest
        }
        _ => d,
    };
    // The rest two digits at a time from the end: the last of each as it is, the other doubled
    // (a card is sixteen digits or more, and a loop per digit toggled a flag for each).
    let mut pairs = d.rchunks_exact(2);
    for pair in &mut pairs {
        sum += pair[1] as u32 + DOUBLED[pair[0] as usize & 15];
    }
    if let [v] = pairs.remainder() {
        sum += *v as u32;
    }
    sum
}

/// The check digit that makes `payload` (digit values) pass the Luhn check.
pub(crate) fn luhn_digit(payload: &[u8]) -> u8 {
    ((10 - luhn_sum(payload, true) % 10) % 10) as u8
}

/// Reads and validates a written card number.
pub(crate) fn parse(text: &str) -> Result<Digits> {
    let d = read_digit_run(text, 0).map_err(|(at, reason)| Error::value(KIND, Some(char_pos(text, at)), reason))?;
    if !(16..=19).contains(&d.len()) {
        return Err(Error::value(KIND, None, "a card number has 16 to 19 digits"));
    }
    if !luhn_valid(d.values()) {
        return Err(Error::value(KIND, Some(char_pos(text, d.slots()[d.len() - 1].at as usize)), "Luhn check failed"));
    }
    Ok(d)
}

/// [`parse`] for an ASCII text (the scanner's forms `6222021234567890123`,
/// `6222 0212 3456 7890 123`), on bytes: the same result and errors; `None` for a text with
/// other characters. Byte offsets are character positions in an ASCII text.
fn ascii(text: &str) -> Option<Result<AsciiDigits>> {
    if !ascii_text(text) {
        return None;
    }
    let d = match ascii_digit_run(text.as_bytes(), 0) {
        Ok(d) => d,
        Err((at, reason)) => return Some(Err(Error::value(KIND, Some(at), reason))),
    };
    if !(16..=19).contains(&d.len()) {
        return Some(Err(Error::value(KIND, None, "a card number has 16 to 19 digits")));
    }
    if !luhn_valid(d.values()) {
        return Some(Err(Error::value(KIND, Some(d.at(d.len() - 1)), "Luhn check failed")));
    }
    Some(Ok(d))
}

/// Reads and validates a written card number: where its digits stand.
fn positions(text: &str) -> Result<Option<Positions>> {
    match ascii(text) {
        Some(read) => read.map(|d| d.positions()),
        None => parse(text).map(|d| d.positions()),
    }
}

fn crypt(scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
    let d = parse(text)?;
    let n = d.len();
    let keep_last4 = scope.options.card_keep_last4;
    // Encrypted digits: 6..n-1 (check digit recomputed), or 6..n-5 (one digit fixes Luhn).
    let end = if keep_last4 { n - 5 } else { n - 1 };
    if end - 6 < 6 {
        return Err(Error::UnsupportedMode {
            kind: KIND,
            reason: "keeping the last 4 digits of a 16-digit card leaves fewer than 1,000,000 values",
        });
    }
    let mut fixed = vec![b'B', n as u8, keep_last4 as u8];
    fixed.extend(d.values()[..6].iter().map(|v| b'0' + v));
    if keep_last4 {
        fixed.extend(d.values()[n - 4..].iter().map(|v| b'0' + v));
    }
    let y = ff1_walk(scope, KIND, LABEL, 10, end - 6, &fixed, d.number(6..end), encrypt, |_| true)?;
    let mut out = d.values().to_vec();
    decimal_digits(y, &mut out[6..end]);
    if keep_last4 {
        // The one digit at `end` that makes the whole number pass Luhn.
        out[end] = (0..10)
            .find(|&v| {
                out[end] = v;
                luhn_valid(&out)
            })
            .unwrap_or(0);
    } else {
        out[n - 1] = luhn_digit(&out[..n - 1]);
    }
    Ok(d.render(text, &out))
}

impl KindRules for BankCard {
    fn validate(&self, _: &Options, value: &str) -> Result<()> {
        positions(value).map(drop)
    }

    fn positions(&self, _: &Options, value: &str) -> Result<Option<Positions>> {
        positions(value)
    }

    fn kept(&self, mask: Mask, _: &Positions) -> Option<Result<(usize, usize)>> {
        Some(first_last(KIND, mask, MASK_KEEP))
    }

    fn normalize(&self, _: &Options, value: &str) -> Result<String> {
        Ok(parse(value)?.decimal())
    }

    fn crypt(&self, scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
        crypt(scope, text, encrypt)
    }

    fn write_mask(&self, _: &Options, value: &str, mask: Mask, out: &mut String) -> Result<()> {
        let read = positions(value)?;
        let (first, last) = first_last(KIND, mask, MASK_KEEP)?;
        match read {
            Some(p) => p.mask_into(value, first, last, out),
            None => parse(value)?.mask_into(value, first, last, out),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_valid(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        assert!(!luhn_valid(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]));
        assert_eq!(luhn_digit(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1]), 3);
        assert!(parse("4111111111111111").is_ok());
        assert!(parse("4111-1111-1111-1111").is_ok());
        assert_eq!(parse("4111111111111112").unwrap_err(), Error::value(KIND, Some(15), "Luhn check failed"));
        assert!(parse("411111111111111").is_err());
    }

    /// The general path of [`KindRules::write_mask`]: [`parse`], then the layout's mask.
    fn mask_reference(value: &str, mask: Mask) -> Result<String> {
        let d = parse(value)?;
        let (first, last) = first_last(KIND, mask, (6, 4))?;
        let mut out = String::new();
        d.mask_into(value, first, last, &mut out);
        Ok(out)
    }

    /// The Luhn sum as it was written before (the reference for the loop).
    fn luhn_sum_reference(d: &[u8], payload: bool) -> u32 {
        d.iter()
            .rev()
            .enumerate()
            .map(|(i, &v)| {
                let v = v as u32;
                if (i % 2 == 1) != payload {
                    let x = v * 2;
                    if x > 9 {
                        x - 9
                    } else {
                        x
                    }
                } else {
                    v
                }
            })
            .sum()
    }

    /// Written forms the scanner sees and mutations of them (valid and not): validation and
    /// masks on the byte path give exactly what the general parser gives.
    #[test]
    fn ascii_path_agrees_with_parse() {
        use crate::kinds::tests::{paths_agree, variants, Rng};
        let mut rng = Rng(0x6361_7264);
        let mut bases: Vec<String> =
            ["6212263040192766841", "6222 0212 3456 7890 123", "6222-0212-3456-7890", "4111111111111111"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        // Every length from none to more than a card has, either way round.
        for n in 0..=24 {
            for _ in 0..20 {
                let d: Vec<u8> = (0..n).map(|_| rng.below(10) as u8).collect();
                assert_eq!(luhn_sum(&d, false), luhn_sum_reference(&d, false), "{d:?}");
                assert_eq!(luhn_sum(&d, true), luhn_sum_reference(&d, true), "{d:?}");
            }
        }
        for _ in 0..300 {
            let n = 15 + rng.below(6);
            let mut d: Vec<u8> = (0..n - 1).map(|_| rng.below(10) as u8).collect();
            d.push(luhn_digit(&d));
            assert_eq!(luhn_sum(&d, false), luhn_sum_reference(&d, false));
            assert_eq!(luhn_sum(&d[..n - 1], true), luhn_sum_reference(&d[..n - 1], true));
            let sep = rng.pick(&["", " ", "-", "  "]);
            let mut s = String::new();
            for (i, v) in d.iter().enumerate() {
                if i > 0 && i % 4 == 0 {
                    s.push_str(sep);
                }
                s.push((b'0' + v) as char);
            }
            bases.push(s);
        }
        let alphabet = ["0", "1", "5", "9", " ", "-", "a", "+", "６", "－", "\u{3000}"];
        let (n, ok) = paths_agree(
            &variants(&bases, &alphabet, 30, &mut rng),
            |v| BankCard.validate(&Options::default(), v),
            |v| parse(v).map(drop),
            |v, m| BankCard.mask(&Options::default(), v, m),
            mask_reference,
        );
        assert!(n > 100_000 && ok > 5_000, "{n} {ok}");
    }
}
