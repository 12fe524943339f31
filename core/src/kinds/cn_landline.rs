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
use crate::layout::{digit_value, is_separator, Digits};
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
    let mut breaks = [(0usize, ' '); crate::layout::MAX_DIGITS];
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
            breaks[nbreaks] = (digits.len() - area, c);
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
    let valid_local = |n: usize| if area == 3 { n == 8 } else { n == 7 || n == 8 };
    let local = match ext_at {
        Some(n) => n,
        None if valid_local(total) => total,
        None => breaks[..nbreaks]
            .iter()
            .rev()
            .find(|&&(n, c)| c == '-' && valid_local(n) && (1..=6).contains(&(total - n)))
            .map(|&(n, _)| n)
            .unwrap_or(total),
    };
    if !valid_local(local) {
        return Err(Error::value(KIND, None, "local number must have 8 digits (7 or 8 after a 4-digit area code)"));
    }
    if total - local > 6 || (ext_at.is_some() && total == local) {
        return Err(Error::value(KIND, None, "extension must have 1-6 digits"));
    }
    if !(2..=8).contains(&digits.values()[area]) {
        return Err(err(digits.slots()[area].at as usize, "local number must start with 2-8"));
    }
    Ok(Landline { digits, area, local })
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
        parse(value).map(drop)
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
        let l = parse(value)?;
        let (first, last) = match mask {
            // Mask the local number but its last two digits; area code and extension stay.
            Mask::Default | Mask::PrivacyWaybill | Mask::KeepAreaLast2 => {
                (l.area, l.digits.len() - (l.area + l.local) + 2)
            }
            Mask::FirstLast { first, last } => (first as usize, last as usize),
            _ => return Err(unsupported_mask(KIND)),
        };
        l.digits.mask_into(value, first, last, out);
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
}
