//! `cn_mobile`: mainland mobile numbers, 11 digits `1[3-9]x xxxx xxxx`.
//!
//! Accepted written forms: `13812345678`, `138-1234-5678`, `138 1234 5678`,
//! `+86 138 1234 5678`, `+8613812345678`, `0086…`, `(+86)…`, full-width digits.
//! The normal form is the 11 ASCII digits.
//!
//! Token: the 3-digit network prefix stays; the last 8 digits are FF1-encrypted
//! (radix 10, 8 numerals, tweak = prefix || context). The token is written in
//! the input's layout (separators, country prefix, widths), and its digits
//! depend only on the normalised number, so every layout of one number gets the
//! same token digits. Detokenizing gives back the exact input text.

use super::{char_pos, first_last, KindRules, Scope};
use crate::ff1::Tweaked;
use crate::layout::{
    ascii_country_prefix, ascii_digit_run, ascii_text, country_prefix, decimal_digits, mask_plain_into, plain_digits,
    plain_values, read_digit_run, AsciiDigits, Digits, Positions,
};
use crate::mask::Mask;
use crate::tokenizer::Options;
use crate::{Error, Kind, Result};

pub(crate) struct CnMobile;

const KIND: Kind = Kind::CnMobile;
const LABEL: &str = "cn_mobile";
/// The digits the default mask keeps: the network prefix and the last four.
const MASK_KEEP: (usize, usize) = (3, 4);

/// Reads and validates a written mobile number.
pub(crate) fn parse(text: &str) -> Result<Digits> {
    let digits = match plain_digits::<11>(text, false) {
        Some(digits) => digits,
        None => read_digit_run(text, country_prefix(text))
            .map_err(|(at, reason)| Error::value(KIND, Some(char_pos(text, at)), reason))?,
    };
    if digits.len() != 11 {
        return Err(Error::value(KIND, None, "must have 11 digits"));
    }
    check_values(digits.values())
        .map_err(|(i, reason)| Error::value(KIND, Some(char_pos(text, digits.slots()[i].at as usize)), reason))?;
    Ok(digits)
}

/// The checks on the 11 digit values: on failure, the index of the digit at fault and the reason.
fn check_values(v: &[u8]) -> std::result::Result<(), (usize, &'static str)> {
    if v[0] != 1 {
        return Err((0, "must start with 1"));
    }
    if v[1] < 3 {
        return Err((1, "second digit must be 3-9"));
    }
    Ok(())
}

/// Whether the digit values `v` of a number written as ASCII digits alone are a valid mobile
/// number: what [`positions`] accepts of such a text of 11 digits, whose positions are then
/// every byte. For the scanner, which has read the values already.
pub(crate) fn digits_valid(v: &[u8]) -> bool {
    v.len() == 11 && check_values(v).is_ok()
}

/// The 11 ASCII digits of a plain written number, checked; `None` for any other written form
/// (then [`parse`] reads it). Character `i` is byte `i`, so the fault's index is its position.
fn plain(text: &str) -> Option<Result<()>> {
    let values = plain_values::<11>(text, false)?;
    Some(check_values(&values).map_err(|(i, reason)| Error::value(KIND, Some(i), reason)))
}

/// A written number in ASCII other than the plain form (`138-1234-5678`, `+86 138 1234 5678`,
/// `(+86)13812345678`), read on bytes and checked; `None` for a text with other characters
/// (then [`parse`] reads it). Call after [`plain`]: a plain text is read by that alone.
/// Byte offsets are character positions in an ASCII text, so errors are those of [`parse`].
fn ascii(text: &str) -> Option<Result<AsciiDigits>> {
    if !ascii_text(text) {
        return None;
    }
    let b = text.as_bytes();
    let d = match ascii_digit_run(b, ascii_country_prefix(b)) {
        Ok(d) => d,
        Err((at, reason)) => return Some(Err(Error::value(KIND, Some(at), reason))),
    };
    if d.len() != 11 {
        return Some(Err(Error::value(KIND, None, "must have 11 digits")));
    }
    Some(check_values(d.values()).map(|()| d).map_err(|(i, reason)| Error::value(KIND, Some(d.at(i)), reason)))
}

/// Reads and validates a written number: where its 11 digits stand. A plain or ASCII
/// number is read on bytes (see [`plain`], [`ascii`]), any other by [`parse`].
fn positions(text: &str) -> Result<Option<Positions>> {
    if let Some(checked) = plain(text) {
        return checked.map(|()| Some(Positions::plain(11)));
    }
    match ascii(text) {
        Some(read) => read.map(|d| d.positions()),
        None => parse(text).map(|d| d.positions()),
    }
}

fn prefix_tweak(d: &Digits) -> [u8; 3] {
    [b'0' + d.values()[0], b'0' + d.values()[1], b'0' + d.values()[2]]
}

fn crypt(scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
    let d = parse(text)?;
    let x = d.number(3..11);
    let y = super::ff1_walk(scope, KIND, LABEL, 10, 8, &prefix_tweak(&d), x, encrypt, |_| true)?;
    let mut out = [0u8; 11];
    out[..3].copy_from_slice(&d.values()[..3]);
    decimal_digits(y, &mut out[3..]);
    Ok(d.render(text, &out))
}

impl KindRules for CnMobile {
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
        // The plain form (most values) is masked by slicing, without building its positions.
        if let Some(checked) = plain(value) {
            checked?;
            let (first, last) = first_last(KIND, mask, MASK_KEEP)?;
            mask_plain_into(value, first, last, out);
            return Ok(());
        }
        let read = positions(value)?;
        let (first, last) = first_last(KIND, mask, MASK_KEEP)?;
        match read {
            Some(p) => p.mask_into(value, first, last, out),
            None => parse(value)?.mask_into(value, first, last, out),
        }
        Ok(())
    }

    fn crypt_each(&self, scope: &Scope<'_>, values: &[&str], encrypt: bool, sink: &mut dyn FnMut(usize, Result<&str>)) {
        // Chunks keep the parsed values in cache; FF1 runs eight values side by side, each
        // with the tweak state of its network prefix (computed once per prefix per batch).
        const CHUNK: usize = 512;
        let mut states: Vec<Option<Tweaked>> = vec![None; 100];
        let mut parsed: Vec<Result<Digits>> = Vec::with_capacity(CHUNK);
        let mut xs: Vec<u128> = Vec::with_capacity(CHUNK);
        let mut slots: Vec<usize> = Vec::with_capacity(CHUNK);
        let mut tweak = Vec::with_capacity(3 + scope.context.len());
        let mut out = String::with_capacity(32);
        for (c, chunk) in values.chunks(CHUNK).enumerate() {
            parsed.clear();
            parsed.extend(chunk.iter().map(|v| parse(v)));
            let done = scope.ring.with_ff1(scope.version, LABEL, 10, |ff1| -> Result<()> {
                let shape = ff1.shape(8)?;
                xs.clear();
                slots.clear();
                for d in parsed.iter().flatten() {
                    let p = tweak_slot(d);
                    if states[p].is_none() {
                        tweak.clear();
                        tweak.extend_from_slice(&prefix_tweak(d));
                        tweak.extend_from_slice(scope.context);
                        states[p] = Some(ff1.tweaked(&shape, &tweak));
                    }
                    xs.push(d.number(3..11));
                    slots.push(p);
                }
                let lanes: Vec<&Tweaked> = slots.iter().filter_map(|&p| states[p].as_ref()).collect();
                ff1.crypt_ints(&shape, &lanes, &mut xs, encrypt);
                Ok(())
            });
            let mut ys = xs.iter();
            for (i, (d, text)) in parsed.iter().zip(chunk).enumerate() {
                let index = c * CHUNK + i;
                match (d, &done) {
                    (Err(e), _) | (_, Err(e)) | (_, Ok(Err(e))) => sink(index, Err(e.clone())),
                    (Ok(d), Ok(Ok(()))) => {
                        let mut digits = [0u8; 11];
                        digits[..3].copy_from_slice(&d.values()[..3]);
                        decimal_digits(ys.next().copied().unwrap_or_default(), &mut digits[3..]);
                        out.clear();
                        d.render_into(text, &digits, &mut out);
                        sink(index, Ok(&out));
                    }
                }
            }
        }
    }
}

/// The index of a number's network prefix `1[3-9]x` among 100 slots.
fn tweak_slot(d: &Digits) -> usize {
    d.values()[1] as usize * 10 + d.values()[2] as usize
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The written forms of one number (138 1234 5678) that parse; the kinds' shared tests use
    /// them too.
    pub(crate) const WRITTEN_FORMS: [&str; 9] = [
        "13812345678",
        "138-1234-5678",
        "138 1234 5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086 13812345678",
        "(+86)13812345678",
        "（+86）138-1234-5678",
        "１３８１２３４５６７８",
    ];

    #[test]
    fn written_forms() {
        for s in WRITTEN_FORMS {
            let d = parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(d.number(0..11), 13812345678, "{s}");
        }
        assert_eq!(parse("12812345678").unwrap_err(), Error::value(KIND, Some(1), "second digit must be 3-9"));
        assert_eq!(parse("1381234567").unwrap_err(), Error::value(KIND, None, "must have 11 digits"));
        assert_eq!(parse("138a1234567").unwrap_err(), Error::value(KIND, Some(3), "unexpected character"));
        assert_eq!(parse("138--12345678").unwrap_err(), Error::value(KIND, Some(4), "unexpected character"));
        assert!(parse("").is_err());
        assert!(parse("+86").is_err());
    }

    /// Every 11-character string over a few characters at each position: the plain path of
    /// validation and masks gives exactly what the general parser gives.
    #[test]
    fn plain_path_agrees_with_parse() {
        let base = "13812345678";
        let mut n = 0;
        for at in 0..base.len() {
            for c in ["0", "1", "2", "3", "9", "a", "-", " ", "１"] {
                let v = format!("{}{c}{}", &base[..at], &base[at + 1..]);
                let general = parse(&v).map(drop);
                assert_eq!(plain(&v).unwrap_or_else(|| parse(&v).map(drop)), general, "{v}");
                let mut out = String::new();
                assert_eq!(CnMobile.write_mask(&Options::default(), &v, Mask::Default, &mut out), general, "{v}");
                if general.is_ok() {
                    n += 1;
                    let mut want = String::new();
                    parse(&v).unwrap().mask_into(&v, 3, 4, &mut want);
                    assert_eq!(out, want, "{v}");
                }
            }
        }
        assert!(n > 40, "{n}");
    }

    /// The general path of [`KindRules::write_mask`]: [`parse`], then the layout's mask.
    fn mask_reference(value: &str, mask: Mask) -> Result<String> {
        let d = parse(value)?;
        let (first, last) = first_last(KIND, mask, (3, 4))?;
        let mut out = String::new();
        d.mask_into(value, first, last, &mut out);
        Ok(out)
    }

    /// Written forms the scanner sees and mutations of them (valid and not): validation and
    /// masks on the byte path give exactly what the general parser gives.
    #[test]
    fn ascii_path_agrees_with_parse() {
        use crate::kinds::tests::{paths_agree, variants, Rng};
        let mut rng = Rng(0x6d6f_6269_6c65);
        let mut bases: Vec<String> = [
            "130 2820 8772",
            "138-1234-5678",
            "+8617047024395",
            "(+86)17100482709",
            "008614753644606",
            "+86 138 1234 5678",
            "+86-138-1234-5678",
            "0086 13812345678",
            "(0086) 13812345678",
            "(+86) - 13812345678",
            "+86",
            "+86 ",
            "(+86)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let seps = ["", " ", "-", "  ", "- "];
        let prefixes = ["", "+86", "+86 ", "0086", "0086-", "(+86)", "(+86) ", "(0086)", "(86)", "+8", "+87"];
        for _ in 0..300 {
            let digits: String =
                (0..11).map(|i| if i == 0 { '1' } else { (b'0' + rng.below(10) as u8) as char }).collect();
            let (a, b) = (rng.pick(&seps), rng.pick(&seps));
            bases.push(format!("{}{}{a}{}{b}{}", rng.pick(&prefixes), &digits[..3], &digits[3..7], &digits[7..]));
        }
        let alphabet = ["0", "1", "3", "8", "6", " ", "-", "+", "(", ")", "a", "１", "（", "－", "\u{3000}"];
        let (n, ok) = paths_agree(
            &variants(&bases, &alphabet, 30, &mut rng),
            |v| CnMobile.validate(&Options::default(), v),
            |v| parse(v).map(drop),
            |v, m| CnMobile.mask(&Options::default(), v, m),
            mask_reference,
        );
        assert!(n > 100_000 && ok > 5_000, "{n} {ok}");
    }
}
