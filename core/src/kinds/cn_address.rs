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
///
/// Every masked address comes through here: 5 to 200 bytes are 2 to 200 characters (a
/// character has 1 to 4 bytes), so most addresses need no count, and one without a suspect byte
/// passes at once; the rest, and the errors, are [`check_slow`], out of line.
#[inline]
fn check(text: &str) -> Result<()> {
    let b = text.as_bytes();
    if (5..=200).contains(&b.len()) && !suspect(b) {
        return Ok(());
    }
    check_slow(text)
}

/// [`check`] for a value that is short, long or holds a suspect byte.
#[cold]
#[inline(never)]
fn check_slow(text: &str) -> Result<()> {
    let b = text.as_bytes();
    let (suspect, n) = if (5..=200).contains(&b.len()) { (suspect(b), 2) } else { suspect_and_chars(b) };
    if suspect {
        if let Some((at, _)) = text.char_indices().find(|(_, c)| c.is_control()) {
            return Err(Error::value(KIND, Some(char_pos(text, at)), "control character"));
        }
    }
    if !(2..=200).contains(&n) {
        return Err(Error::value(KIND, None, "an address has 2 to 200 characters"));
    }
    Ok(())
}

/// The bytes of `w` below 0x20, equal to 0x7F or to 0xC2 (see [`suspect_and_chars`]): each
/// such byte sets the high bit of its lane (other lanes may be set too; only zero means none).
#[inline]
fn suspect_word(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of some byte is set if, and only if, some byte of `w` is below `n` (n <= 0x80).
    let below = |w: u64, n: u8| w.wrapping_sub(n as u64 * ONES) & !w & HIGH;
    below(w, 0x20) | below(w ^ (0x7F * ONES), 1) | below(w ^ (0xC2 * ONES), 1)
}

/// The first half of [`suspect_and_chars`] alone, eight bytes at a time; the last word
/// overlaps the one before instead of a byte loop over the rest.
///
/// Out of line: inlined into the redactor's loop (through [`district_mask_in_place`]), its
/// vector constants were hoisted there and loaded again after every copy the loop makes, at
/// each value of every kind.
#[inline(never)]
fn suspect(b: &[u8]) -> bool {
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
    let Some(tail) = b.len().checked_sub(8).map(|at| &b[at..]) else {
        return b.iter().any(|&c| c < 0x20 || c == 0x7F || c == 0xC2);
    };
    let words = b.chunks_exact(8).fold(0, |acc, c| acc | suspect_word(word(c)));
    words | suspect_word(word(tail)) != 0
}

/// Whether `b` may hold a control character, and how many characters it holds. Control
/// characters are U+0000..U+001F, U+007F and U+0080..U+009F (`C2 80..9F`): a byte below 0x20,
/// 0x7F or a `C2` lead byte (also the start of `·`) makes the text suspect, and the caller checks
/// it char by char. Characters are the bytes that are no UTF-8 continuation byte (`10xxxxxx`).
/// Eight bytes at a time: every masked address comes through here.
fn suspect_and_chars(b: &[u8]) -> (bool, usize) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut suspect = 0u64;
    let mut continuations = 0usize;
    // Up to 255 words a block, so that each byte lane of `lanes` counts without overflow.
    for block in b.chunks(8 * 255) {
        let mut lanes = 0u64;
        let mut words = block.chunks_exact(8);
        for c in &mut words {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            suspect |= suspect_word(w);
            // Bit 7 set and bit 6 clear (`w << 1` moves each bit 6 under its own bit 7): one
            // continuation byte, counted in its lane.
            lanes += (w & !(w << 1) & HIGH) >> 7;
        }
        // The lanes summed: pairs into 16-bit lanes, whose sum (at most 2040) ends in the top one.
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) + (lanes >> 8 & 0x00FF_00FF_00FF_00FF);
        continuations += (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize;
        let rest = words.remainder();
        suspect |= rest.iter().any(|&c| c < 0x20 || c == 0x7F || c == 0xC2) as u64;
        continuations += rest.iter().filter(|&&c| c & 0xC0 == 0x80).count();
    }
    (suspect != 0, b.len() - continuations)
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

/// Replaces `value`, which `out` holds from byte `at` on, by its district mask
/// (`浙江省杭州市西湖区****`) when its prefix ends at byte `cut`: what [`mask_at_into`] gives for
/// [`Mask::KeepDistrict`], without a `String` in between and without copying the prefix again.
/// `false`, with `out` as it was, when the value fails the same checks (the caller takes the
/// general path, which reports).
///
/// Inlined into the redactor's loop, which calls it for most addresses; the word scan of
/// [`check`] stays out of line (see [`suspect`]).
#[inline(always)]
pub(crate) fn district_mask_in_place(value: &str, cut: usize, out: &mut Vec<u8>, at: usize) -> bool {
    if check(value).is_err() || !value.is_char_boundary(cut) {
        return false;
    }
    out.truncate(at + cut);
    out.extend_from_slice(b"****");
    true
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
    use super::{check, check_slow, district_mask_in_place, mask_at, suspect, suspect_and_chars};
    use crate::mask::Mask;

    /// The word-at-a-time test gives what a byte loop gives, for every byte value at every
    /// position of texts of 0 to 24 bytes and of a few around the 2040-byte block.
    #[test]
    fn suspect_and_chars_matches_the_byte_loop() {
        let slow = |b: &[u8]| {
            let suspect = b.iter().any(|&c| c < 0x20 || c == 0x7F || c == 0xC2);
            (suspect, b.iter().filter(|&&c| c & 0xC0 != 0x80).count())
        };
        let fill = "杭州市西湖区文三路1号".repeat(200);
        for len in (0..=24).chain([199, 200, 201, 2040, 2047, 2048, 2049, 5000]) {
            // Long texts: a byte in each of a few words and at the end.
            for at in (0..len).filter(|&at| len <= 201 || at % 331 == 0 || at + 9 >= len) {
                for byte in 0..=255u8 {
                    let mut b = fill.as_bytes()[..len].to_vec();
                    b[at] = byte;
                    assert_eq!(suspect_and_chars(&b), slow(&b), "{len} bytes, {byte:#x} at {at}");
                    assert_eq!(suspect(&b), slow(&b).0, "{len} bytes, {byte:#x} at {at}");
                }
            }
        }
    }

    /// `check`, which counts characters only outside 5 to 200 bytes, and its out-of-line
    /// `check_slow` alone (which `check` skips for most texts) agree with their rule read
    /// plainly, on texts of 0 to 210 characters of one to four bytes, half of them with a
    /// control character somewhere.
    #[test]
    fn check_agrees_with_the_plain_rule() {
        let plain = ['a', '1', '路', '·', 'é', '𠀀', '\u{a0}', ' ', '号'];
        let control = ['\0', '\t', '\n', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}'];
        let mut next = crate::testing::picker(0x9e37_79b9_7f4a_7c15);
        let (mut ok, mut failed) = (0, 0);
        for _ in 0..20_000 {
            let n = next(211);
            let mut chars: Vec<char> = (0..n).map(|_| plain[next(plain.len())]).collect();
            if n > 0 && next(2) == 0 {
                let at = next(n);
                chars[at] = control[next(control.len())];
            }
            let text: String = chars.iter().collect();
            let rule = (2..=200).contains(&n) && !chars.iter().any(|c| c.is_control());
            assert_eq!(check(&text).is_ok(), rule, "{n} chars, {} bytes", text.len());
            assert_eq!(check_slow(&text).is_ok(), rule, "{n} chars, {} bytes", text.len());
            if rule {
                ok += 1;
            } else {
                failed += 1;
            }
        }
        assert!(ok > 5_000 && failed > 5_000, "{ok} {failed}");
    }

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

    /// The byte fast path gives what `mask_at` gives for `keep_district`, or declines (and
    /// leaves `out` as it was) exactly where `mask_at` fails: ASCII, quotes, `·`, four-byte and control
    /// characters, 1 to 201 characters, every cut.
    #[test]
    fn district_bytes_agree_with_mask_at() {
        let bodies = [
            "浙江省杭州市西湖区文三路1号",
            "ab",
            "a",
            "北京市朝阳区\"A\\座\"",
            "杭州·西湖𠀀路",
            "杭州\u{85}西湖",
            "杭州\n",
        ];
        let mut values: Vec<String> = bodies.iter().map(|b| b.to_string()).collect();
        values.push("路".repeat(200));
        values.push("路".repeat(201));
        values.push(format!("{}x", "a".repeat(199)));
        for v in &values {
            for cut in 0..=v.len() + 1 {
                let general = mask_at(v, cut, Mask::KeepDistrict).ok();
                let mut out = [b"x", v.as_bytes()].concat();
                if district_mask_in_place(v, cut, &mut out, 1) {
                    assert_eq!(Some(&out[1..]), general.as_ref().map(|g| g.as_bytes()), "{cut}");
                } else {
                    assert_eq!(&out[1..], v.as_bytes());
                    assert_eq!(general, None, "{cut} declined");
                }
            }
        }
    }
}
