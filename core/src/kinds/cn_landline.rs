//! `cn_landline`: fixed-line numbers with an area code, optionally an extension.
//!
//! Accepted: area code `010`, `02x` or `0xxx` (second digit 3-9), written as
//! `010-62345678`, `(0755)23456789`, `（0755）…`, `021 5432 1098`; a local number
//! of 8 digits (7 or 8 after a 4-digit area code) starting with 2-8; an
//! extension of 1-6 digits after `-` or `转` (`0571-87654321-801`,
//! `0571-87654321转801`). The normal form is `area-local[-ext]`.
//!
//! Token: area code and extension stay; the local number is FF1-encrypted
//! (radix 10, cycle-walked so it still starts with 2-8; tweak = area code,
//! length, context) and written back in the input's layout.

use super::{char_pos, ff1_walk, unsupported_mask, KindRules, Scope};
use crate::layout::{ascii_text, digit_value, is_separator, AsciiDigits, Digits, Positions, MAX_DIGITS};
use crate::mask::Mask;
use crate::tokenizer::Options;
use crate::{Error, Kind, Result};

pub(crate) struct CnLandline;

const KIND: Kind = Kind::CnLandline;
const LABEL: &str = "cn_landline";

/// A parsed landline: all digits (area, local, extension) and the group lengths.
pub(crate) struct Landline {
    digits: Digits,
    area: usize,
    local: usize,
}

/// Reads and validates a written landline number.
pub(crate) fn parse(text: &str) -> Result<Landline> {
    let err = |at: usize, reason| Error::value(KIND, Some(char_pos(text, at)), reason);
    let mut chars = text.char_indices().peekable();
    let open = matches!(chars.peek(), Some((_, '(' | '（')));
    if open {
        chars.next();
    }
    let mut digits = Digits::new();
    // Area code: its length follows from its second digit.
    let mut area = 0usize;
    while let Some(&(at, c)) = chars.peek() {
        let Some((v, wide)) = digit_value(c) else { break };
        if !digits.push(v, at, wide, false) {
            return Err(err(at, "too many digits"));
        }
        chars.next();
        if digits.len() == 2 {
            area = match digits.values()[..2] {
                [0, 1] | [0, 2] => 3,
                [0, 3..=9] => 4,
                _ => return Err(err(digits.slots()[0].at as usize, "area code must be 010, 02x or 0xxx")),
            };
        }
        if area != 0 && digits.len() == area {
            break;
        }
    }
    if area == 0 || digits.len() != area {
        return Err(Error::value(KIND, Some(0), "missing area code"));
    }
    if area == 3 && digits.values()[1] == 1 && digits.values()[2] != 0 {
        return Err(err(digits.slots()[2].at as usize, "area code must be 010, 02x or 0xxx"));
    }
    if open {
        match chars.next() {
            Some((_, ')' | '）')) => {}
            Some((at, _)) => return Err(err(at, "expected a closing parenthesis")),
            None => return Err(Error::value(KIND, None, "expected a closing parenthesis")),
        }
    }
    if let Some(&(_, c)) = chars.peek() {
        if is_separator(c) {
            chars.next();
        }
    }
    // Local number and extension: digit groups with one separator between them.
    // At most one separator between two digits, so fewer breaks than digits (no heap).
    let mut breaks = [(0usize, false); crate::layout::MAX_DIGITS];
    let mut nbreaks = 0usize;
    let mut after_sep = true;
    let mut ext_at: Option<usize> = None;
    for (at, c) in chars {
        if let Some((v, wide)) = digit_value(c) {
            if !digits.push(v, at, wide, false) {
                return Err(err(at, "too many digits"));
            }
            after_sep = false;
        } else if (is_separator(c) || c == '转') && !after_sep && ext_at.is_none() {
            if nbreaks == breaks.len() {
                return Err(err(at, "too many separators"));
            }
            breaks[nbreaks] = (digits.len() - area, c == '-');
            nbreaks += 1;
            if c == '转' {
                ext_at = Some(digits.len() - area);
            }
            after_sep = true;
        } else {
            return Err(err(at, "unexpected character"));
        }
    }
    if after_sep {
        return Err(Error::value(KIND, None, "missing local number"));
    }
    let total = digits.len() - area;
    let first_local = (digits.values()[area], digits.slots()[area].at as usize);
    let local = split_local(area, total, ext_at, &breaks[..nbreaks], first_local, err)?;
    Ok(Landline { digits, area, local })
}

/// A landline read from an ASCII text: [`Landline`] with byte positions.
struct AsciiLandline {
    digits: AsciiDigits,
    area: usize,
    local: usize,
}

/// [`parse`] for an ASCII text (`010-62345678`, `(0755)12345678`, `021 5432 1098`), on bytes:
/// the same result and errors; `None` for a text with other characters (`转`, full-width
/// forms), which [`parse`] reads. Byte offsets are character positions in an ASCII text.
fn parse_ascii(text: &str) -> Option<Result<AsciiLandline>> {
    ascii_text(text).then(|| parse_bytes(text.as_bytes()))
}

/// The steps of [`parse`] over the bytes of an ASCII text, where the only separators are
/// ` ` and `-` and there is no `转`.
fn parse_bytes(b: &[u8]) -> Result<AsciiLandline> {
    let err = |at: usize, reason| Error::value(KIND, Some(at), reason);
    let open = b.first() == Some(&b'(');
    let mut i = open as usize;
    let mut digits = AsciiDigits::new();
    let mut area = 0usize;
    while let Some(&c) = b.get(i) {
        let v = c.wrapping_sub(b'0');
        if v > 9 {
            break;
        }
        if !digits.push(v, i) {
            return Err(err(i, "too many digits"));
        }
        i += 1;
        if digits.len() == 2 {
            area = match digits.values()[..2] {
                [0, 1] | [0, 2] => 3,
                [0, 3..=9] => 4,
                _ => return Err(err(digits.at(0), "area code must be 010, 02x or 0xxx")),
            };
        }
        if area != 0 && digits.len() == area {
            break;
        }
    }
    if area == 0 || digits.len() != area {
        return Err(Error::value(KIND, Some(0), "missing area code"));
    }
    if area == 3 && digits.values()[1] == 1 && digits.values()[2] != 0 {
        return Err(err(digits.at(2), "area code must be 010, 02x or 0xxx"));
    }
    if open {
        match b.get(i) {
            Some(b')') => i += 1,
            Some(_) => return Err(err(i, "expected a closing parenthesis")),
            None => return Err(Error::value(KIND, None, "expected a closing parenthesis")),
        }
    }
    if matches!(b.get(i), Some(b' ' | b'-')) {
        i += 1;
    }
    // Where each separator stands (digits of the local number before it) and whether it is `-`.
    let mut breaks = [(0usize, false); MAX_DIGITS];
    let mut nbreaks = 0usize;
    let mut after_sep = true;
    for (at, &c) in b.iter().enumerate().skip(i) {
        let v = c.wrapping_sub(b'0');
        if v <= 9 {
            if !digits.push(v, at) {
                return Err(err(at, "too many digits"));
            }
            after_sep = false;
        } else if (c == b' ' || c == b'-') && !after_sep {
            if nbreaks == breaks.len() {
                return Err(err(at, "too many separators"));
            }
            breaks[nbreaks] = (digits.len() - area, c == b'-');
            nbreaks += 1;
            after_sep = true;
        } else {
            return Err(err(at, "unexpected character"));
        }
    }
    if after_sep {
        return Err(Error::value(KIND, None, "missing local number"));
    }
    let total = digits.len() - area;
    let first_local = (digits.values()[area], digits.at(area));
    let local = split_local(area, total, None, &breaks[..nbreaks], first_local, err)?;
    Ok(AsciiLandline { digits, area, local })
}

/// Where the local number ends (its digit count), given the `total` digits after the area code,
/// where `转` stands (`ext_at`) and where each separator stands (`breaks`: local digits before
/// it, and whether it is `-`); checks the local number and the extension. `first_local` is the
/// first local digit and its position; both readers share this so their errors stay the same.
#[inline(always)]
fn split_local(
    area: usize,
    total: usize,
    ext_at: Option<usize>,
    breaks: &[(usize, bool)],
    first_local: (u8, usize),
    err: impl Fn(usize, &'static str) -> Error,
) -> Result<usize> {
    let valid_local = |n: usize| local_length(area, n);
    let local = match ext_at {
        Some(n) => n,
        None if valid_local(total) => total,
        None => breaks
            .iter()
            .rev()
            .find(|&&(n, dash)| dash && valid_local(n) && (1..=6).contains(&(total - n)))
            .map_or(total, |&(n, _)| n),
    };
    if !valid_local(local) {
        return Err(Error::value(KIND, None, "local number must have 8 digits (7 or 8 after a 4-digit area code)"));
    }
    if total - local > 6 || (ext_at.is_some() && total == local) {
        return Err(Error::value(KIND, None, "extension must have 1-6 digits"));
    }
    if !(2..=8).contains(&first_local.0) {
        return Err(err(first_local.1, "local number must start with 2-8"));
    }
    Ok(local)
}

/// Whether `n` digits are a local number after an area code of `area` digits: 8, or 7 after
/// four.
fn local_length(area: usize, n: usize) -> bool {
    if area == 3 {
        n == 8
    } else {
        n == 7 || n == 8
    }
}

/// The area code and local number lengths of a landline written in ASCII as digit groups
/// joined by single blanks or dashes: what [`positions`] finds of it (`None` where it fails),
/// given its values `v`, the number of values before each separator (`cuts`) and which
/// separators are dashes (bit `k` of `dashes` for separator `k`). With `paren`, the first
/// group is in parentheses (the first cut is the closing one, with the blank or dash after
/// it); with `ext`, the values before a `转`, which is one of the cuts (no separator follows
/// it). For the scanner, which has read the candidate already: the steps of [`parse_bytes`]
/// (and of [`parse`] for `（` or `转`) on the groups.
pub(crate) fn grouped_split(
    v: &[u8],
    cuts: &[u8],
    dashes: u32,
    paren: bool,
    ext: Option<usize>,
) -> Option<(usize, usize)> {
    // The area code is the start of the first group; a separator right after it is no break.
    let first = cuts.first().map_or(v.len(), |&c| c as usize);
    let area = match v.get(..2)? {
        [0, 1] | [0, 2] => 3,
        [0, 3..=9] => 4,
        _ => return None,
    };
    // In parentheses the area code is the whole first group; a `转` follows a local digit.
    if first < area || paren && first != area || ext.is_some_and(|e| e <= area) || area == 3 && v[1] == 1 && v[2] != 0 {
        return None;
    }
    let err = |at: usize, reason| Error::value(KIND, Some(at), reason);
    let total = v.len() - area;
    let first_local = (*v.get(area)?, 0);
    let ext_at = ext.map(|e| e - area);
    // `split_local` reads no break when a `转` or the count of the digits after the area code
    // tells where the local number ends (most landlines): then they are not set up (nor is
    // their room zeroed). One call of `split_local` for both cases, inlined here (a closure
    // called from two places was not, and cost some 60 instructions a call).
    let mut room;
    let breaks: &[(usize, bool)] = if ext_at.is_some() || local_length(area, total) {
        &[]
    } else {
        room = [(0usize, false); MAX_DIGITS];
        let mut nbreaks = 0;
        for (k, &c) in cuts.iter().enumerate().skip((first == area) as usize) {
            *room.get_mut(nbreaks)? = (c as usize - area, dashes >> k & 1 == 1);
            nbreaks += 1;
        }
        &room[..nbreaks]
    };
    split_local(area, total, ext_at, breaks, first_local, err).ok().map(|local| (area, local))
}

/// Reads and validates a written number: where its digits stand, with its area code and local
/// number lengths. An ASCII number is read on bytes ([`parse_ascii`]), any other by [`parse`].
fn positions(text: &str) -> Result<Option<Positions>> {
    let (p, area, local) = match parse_ascii(text) {
        Some(read) => read.map(|l| (l.digits.positions(), l.area, l.local))?,
        None => parse(text).map(|l| (l.digits.positions(), l.area, l.local))?,
    };
    Ok(p.map(|p| p.with_groups(area, local)))
}

/// The first and last digits a mask keeps, for a number with `area`, `local` and `total` digits.
fn mask_keep(mask: Mask, area: usize, local: usize, total: usize) -> Result<(usize, usize)> {
    match mask {
        // Mask the local number but its last two digits; area code and extension stay.
        Mask::Default | Mask::PrivacyWaybill | Mask::KeepAreaLast2 => Ok((area, total - (area + local) + 2)),
        Mask::FirstLast { first, last } => Ok((first as usize, last as usize)),
        _ => Err(unsupported_mask(KIND)),
    }
}

fn crypt(scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
    let l = parse(text)?;
    let (a, n) = (l.area, l.local);
    let high = 10u128.pow(n as u32 - 1);
    let local = l.digits.number(a..a + n);
    let x = (local / high - 2) * high + local % high;
    let mut fixed = vec![b'L', n as u8];
    fixed.extend(l.digits.values()[..a].iter().map(|d| b'0' + d));
    let y = ff1_walk(scope, KIND, LABEL, 10, n, &fixed, x, encrypt, |y| y < 7 * high)?;
    let y = (y / high + 2) * high + y % high;
    let mut out = l.digits.values().to_vec();
    crate::layout::decimal_digits(y, &mut out[a..a + n]);
    Ok(l.digits.render(text, &out))
}

impl KindRules for CnLandline {
    fn validate(&self, _: &Options, value: &str) -> Result<()> {
        positions(value).map(drop)
    }

    fn positions(&self, _: &Options, value: &str) -> Result<Option<Positions>> {
        positions(value)
    }

    fn kept(&self, mask: Mask, p: &Positions) -> Option<Result<(usize, usize)>> {
        Some(mask_keep(mask, p.area as usize, p.local as usize, p.len()))
    }

    fn normalize(&self, _: &Options, value: &str) -> Result<String> {
        let l = parse(value)?;
        let s =
            |r: std::ops::Range<usize>| l.digits.values()[r].iter().map(|&d| (b'0' + d) as char).collect::<String>();
        let total = l.digits.len();
        let mut out = format!("{}-{}", s(0..l.area), s(l.area..l.area + l.local));
        if total > l.area + l.local {
            out.push('-');
            out.push_str(&s(l.area + l.local..total));
        }
        Ok(out)
    }

    fn crypt(&self, scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
        crypt(scope, text, encrypt)
    }

    fn write_mask(&self, _: &Options, value: &str, mask: Mask, out: &mut String) -> Result<()> {
        match positions(value)? {
            Some(p) => {
                let (first, last) = mask_keep(mask, p.area as usize, p.local as usize, p.len())?;
                p.mask_into(value, first, last, out);
            }
            None => {
                let l = parse(value)?;
                let (first, last) = mask_keep(mask, l.area, l.local, l.digits.len())?;
                l.digits.mask_into(value, first, last, out);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(s: &str) -> (usize, usize, usize) {
        let l = parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        (l.area, l.local, l.digits.len() - l.area - l.local)
    }

    #[test]
    fn written_forms() {
        assert_eq!(groups("010-62345678"), (3, 8, 0));
        assert_eq!(groups("0571-87654321"), (4, 8, 0));
        assert_eq!(groups("0571-8765432"), (4, 7, 0));
        assert_eq!(groups("(0755)23456789"), (4, 8, 0));
        assert_eq!(groups("（0755）23456789"), (4, 8, 0));
        assert_eq!(groups("021 5432 1098"), (3, 8, 0));
        assert_eq!(groups("010-62345678-801"), (3, 8, 3));
        assert_eq!(groups("0571-8765432-801"), (4, 7, 3));
        assert_eq!(groups("0571-87654321转801"), (4, 8, 3));
        assert_eq!(groups("01062345678"), (3, 8, 0));
        for bad in [
            "011-62345678",
            "010-12345678",
            "010-6234567",
            "0571-876543",
            "62345678",
            "010-62345678-",
            "010-62345678-1234567",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    /// The general path of [`KindRules::write_mask`] as it was written: [`parse`], then the mask.
    fn mask_reference(value: &str, mask: Mask) -> Result<String> {
        let l = parse(value)?;
        let (first, last) = match mask {
            Mask::Default | Mask::PrivacyWaybill | Mask::KeepAreaLast2 => {
                (l.area, l.digits.len() - (l.area + l.local) + 2)
            }
            Mask::FirstLast { first, last } => (first as usize, last as usize),
            _ => return Err(unsupported_mask(KIND)),
        };
        let mut out = String::new();
        l.digits.mask_into(value, first, last, &mut out);
        Ok(out)
    }

    /// Written forms the scanner sees and mutations of them (valid and not): validation and
    /// masks on the byte path give exactly what the general parser gives.
    #[test]
    fn ascii_path_agrees_with_parse() {
        use crate::kinds::tests::{paths_agree, variants, Rng};
        let mut rng = Rng(0x6c61_6e64);
        let mut bases: Vec<String> = [
            "010-62345678",
            "(0755)12345678",
            "0571-88886666-801",
            "021 5432 1098",
            "400-850-8107",
            "0571-8765432-801",
            "01062345678",
            "(010) 62345678",
            "0571-87654321转801",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..400 {
            let area = rng.pick(&["010", "021", "020", "0571", "0755", "0898", "011", "0123", "400", "800"]);
            let local: String = (0..7 + rng.below(2)).map(|_| (b'0' + rng.below(10) as u8) as char).collect();
            let ext: String = (0..rng.below(8)).map(|_| (b'0' + rng.below(10) as u8) as char).collect();
            let open = rng.below(4) == 0;
            let sep = rng.pick(&["", "-", " ", "--"]);
            let mut s = if open { format!("({area})") } else { area.to_string() };
            s.push_str(sep);
            if rng.below(3) == 0 {
                s.push_str(&local[..4]);
                s.push_str(rng.pick(&[" ", "-"]));
                s.push_str(&local[4..]);
            } else {
                s.push_str(&local);
            }
            if !ext.is_empty() {
                s.push_str(rng.pick(&["-", " ", "转"]));
                s.push_str(&ext);
            }
            bases.push(s);
        }
        let alphabet = ["0", "1", "2", "5", "9", " ", "-", "(", ")", "a", "转", "７", "（", "）", "－"];
        let (n, ok) = paths_agree(
            &variants(&bases, &alphabet, 30, &mut rng),
            |v| CnLandline.validate(&Options::default(), v),
            |v| parse(v).map(drop),
            |v, m| CnLandline.mask(&Options::default(), v, m),
            mask_reference,
        );
        assert!(n > 100_000 && ok > 5_000, "{n} {ok}");
    }
}
