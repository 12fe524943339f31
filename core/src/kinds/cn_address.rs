//! `cn_address`: Chinese postal addresses.
//!
//! Accepted: 2 to 200 characters without control characters. The
//! administrative prefix (province, city, district) is found with the embedded
//! gazetteer ([`crate::gazetteer::split_address`]); an address without one is
//! still valid, its prefix is empty.
//!
//! Token: the prefix stays readable, the rest becomes an opaque token whose
//! context binds the prefix, e.g. `浙江省杭州市西湖区yt1.1.Vb3…`; detokenizing
//! gives back the exact input text. Mask `keep_district` (default):
//! `浙江省杭州市西湖区****`, or `****` when no prefix is recognised.

use super::{char_pos, restoring, unsupported_mask, KindRules, Scope};
use crate::mask::{mask_chars_into, Mask};
use crate::tokenizer::Options;
use crate::{gazetteer, opaque, Error, Kind, Result};

pub(crate) struct CnAddress;

const KIND: Kind = Kind::CnAddress;
const LABEL: &str = "cn_address";

/// Validates an address; returns the byte length of its administrative prefix.
pub(crate) fn parse(text: &str) -> Result<usize> {
    check(text)?;
    Ok(gazetteer::split_address(text).map_or(0, |s| s.district_end))
}

/// The checks of [`parse`] without the gazetteer lookup.
fn check(text: &str) -> Result<()> {
    let b = text.as_bytes();
    // Control characters are U+0000..U+001F, U+007F and U+0080..U+009F (`C2 80..9F`): a byte
    // below 0x20, 0x7F or a `C2` lead byte (also the start of `·`) sends the text to the
    // char-by-char check. Both passes over the bytes have no early exit, so they vectorise:
    // every masked address comes through here.
    let suspect = b.iter().fold(false, |acc, &c| acc | (c < 0x20) | (c == 0x7F) | (c == 0xC2));
    if suspect {
        if let Some((at, _)) = text.char_indices().find(|(_, c)| c.is_control()) {
            return Err(Error::value(KIND, Some(char_pos(text, at)), "control character"));
        }
    }
    let n = b.iter().filter(|&&c| c & 0xC0 != 0x80).count();
    if !(2..=200).contains(&n) {
        return Err(Error::value(KIND, None, "an address has 2 to 200 characters"));
    }
    Ok(())
}

/// The mask of an address whose administrative prefix is known to end at byte `cut` (the
/// scanner has split it already; this saves a second gazetteer lookup). The tests compare it
/// with the kind's mask; the scanner appends with [`mask_at_into`].
#[cfg(test)]
pub(crate) fn mask_at(value: &str, cut: usize, mask: Mask) -> Result<String> {
    let mut out = String::with_capacity(value.len() + 4);
    write_mask_at(value, cut, mask, &mut out)?;
    Ok(out)
}

/// [`mask_at`], appending to `out`; on error `out` is left as it was.
pub(crate) fn mask_at_into(value: &str, cut: usize, mask: Mask, out: &mut String) -> Result<()> {
    restoring(out, |out| write_mask_at(value, cut, mask, out))
}

fn write_mask_at(value: &str, cut: usize, mask: Mask, out: &mut String) -> Result<()> {
    check(value)?;
    if !value.is_char_boundary(cut) {
        return Err(Error::value(KIND, None, "prefix end inside a character"));
    }
    match mask {
        Mask::Default | Mask::PrivacyWaybill | Mask::KeepDistrict => {
            out.push_str(&value[..cut]);
            out.push_str("****");
        }
        Mask::FirstLast { first, last } => mask_chars_into(value, first as usize, last as usize, |_| true, out),
        _ => return Err(unsupported_mask(KIND)),
    }
    Ok(())
}

fn context(prefix: &str, context: &[u8]) -> Vec<u8> {
    [prefix.as_bytes(), b"\0", context].concat()
}

/// The token of a valid value.
fn seal(scope: &Scope<'_>, value: &str) -> Result<String> {
    let cut = parse(value)?;
    let (prefix, rest) = value.split_at(cut);
    let token = opaque::seal(scope.ring, scope.version, LABEL, &context(prefix, scope.context), rest.as_bytes())?;
    Ok(format!("{prefix}{token}"))
}

/// The value behind a token.
fn open(scope: &Scope<'_>, token: &str) -> Result<String> {
    let cut = token
        .rfind(opaque::PREFIX)
        .ok_or(Error::MalformedToken { position: None, reason: "no opaque part in the address token" })?;
    let (prefix, sealed) = token.split_at(cut);
    let rest = opaque::open(scope.ring, LABEL, &context(prefix, scope.context), sealed)?;
    let rest = std::str::from_utf8(&rest).map_err(|_| Error::TokenAuthentication)?;
    Ok(format!("{prefix}{rest}"))
}

impl KindRules for CnAddress {
    fn validate(&self, _: &Options, value: &str) -> Result<()> {
        parse(value).map(drop)
    }

    fn normalize(&self, _: &Options, value: &str) -> Result<String> {
        parse(value)?;
        Ok(value.to_owned())
    }

    fn crypt(&self, scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
        if encrypt {
            seal(scope, text)
        } else {
            open(scope, text)
        }
    }

    fn write_mask(&self, _: &Options, value: &str, mask: Mask, out: &mut String) -> Result<()> {
        write_mask_at(value, parse(value)?, mask, out)
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn check_counts_chars_and_finds_every_control_character() {
        assert!(check("浙江省杭州市西湖区文三路·1号").is_ok());
        assert!(check("ab").is_ok());
        assert!(check("a").is_err());
        assert!(check(&"路".repeat(200)).is_ok());
        assert!(check(&"路".repeat(201)).is_err());
        assert!(check(&"x".repeat(201)).is_err());
        for c in ('\0'..='\u{1f}').chain('\u{7f}'..='\u{9f}') {
            let text = format!("杭州{c}西湖");
            let err = check(&text).unwrap_err().to_string();
            assert_eq!(err, "invalid cn_address at position 2: control character", "U+{:04X}", c as u32);
        }
        for c in ['\u{a0}', '·', 'é', '\u{2028}'] {
            assert!(check(&format!("杭州{c}西湖")).is_ok(), "U+{:04X}", c as u32);
        }
    }
}
