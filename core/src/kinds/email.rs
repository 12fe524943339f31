//! `email`: e-mail addresses, `local@domain`.
//!
//! Accepted: a local part of ASCII letters, digits and `. _ - +` (1-64
//! characters, no leading, trailing or doubled dot) and a domain of labels of
//! letters, digits and `-` with at least one dot and a top-level label of 2+
//! letters. Addresses are case-insensitive in practice, so the normal form is
//! lower case, and so are tokens and detokenized values.
//!
//! Token: the domain stays; the letters and digits of the local part are
//! FF1-encrypted over `0-9a-z` (radix 36; tweak = domain, context), and `. _ - +`
//! stay in place, so the token has the same length and shape. A local part
//! with fewer than 4 letters and digits (36^3 < 10^6) falls back to an opaque
//! local part: the opaque token of the local part with its `yt1.` prefix
//! written `YT1.` (`YT1.1.Qm9…@example.com`), which no FF1 token can start with.

use super::{char_pos, restoring, unsupported_mask, KindRules, Scope};
use crate::mask::{mask_chars_into, Mask, MASK_CHAR};
use crate::tokenizer::Options;
use crate::{opaque, Alphabet, Error, Kind, Result};

pub(crate) struct Email;

const KIND: Kind = Kind::Email;
const LABEL: &str = "email";
const OPAQUE_PREFIX: &str = "YT1.";

/// Byte classes: a letter or digit, or `. _ - +`, may stand in a local part.
const LOCAL: u8 = 1;
/// A letter, digit or `-` may stand in a domain label.
const LABEL_BYTE: u8 = 2;

/// The classes of every byte, one lookup per byte in [`parse`].
static CLASS: [u8; 256] = CLASSES;

/// [`CLASS`] as a constant, which [`LOCAL_BYTE`] is made from.
const CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'-' {
            t[b] = LOCAL | LABEL_BYTE;
        } else if matches!(c, b'.' | b'_' | b'+') {
            t[b] = LOCAL;
        }
        b += 1;
    }
    t
};

/// Whether byte `b` may stand in a local part: a letter, a digit or `. _ - +`. The scanner reads
/// a local part back from an `@` with it: one load, no mask (the bit of [`CLASS`] as a table of
/// its own).
#[inline]
pub(crate) fn is_local_byte(b: u8) -> bool {
    LOCAL_BYTE[b as usize]
}

static LOCAL_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = CLASSES[b] & LOCAL != 0;
        b += 1;
    }
    t
};

/// Byte offset of the `@` of a valid address, or a typed error.
///
/// One pass over the bytes of each part: every accepted character is ASCII, so the first
/// byte refused is where the first character refused starts.
pub(crate) fn parse(text: &str) -> Result<usize> {
    let err = |at: usize, reason| Error::value(KIND, Some(char_pos(text, at)), reason);
    let b = text.as_bytes();
    let at = b.iter().position(|&c| c == b'@').ok_or(Error::value(KIND, None, "missing @"))?;
    let (local, domain) = (&b[..at], &b[at + 1..]);
    if local.is_empty() || local.len() > 64 {
        return Err(err(0, "local part must have 1-64 characters"));
    }
    let mut after_dot = false;
    let mut double_dot = false;
    for (i, &c) in local.iter().enumerate() {
        if CLASS[c as usize] & LOCAL == 0 {
            return Err(err(i, "unexpected character in local part"));
        }
        let dot = c == b'.';
        double_dot |= dot && after_dot;
        after_dot = dot;
    }
    if local[0] == b'.' || after_dot || double_dot {
        return Err(err(0, "misplaced dot in local part"));
    }
    if domain.is_empty() || domain.len() > 253 {
        return Err(err(at + 1, "domain must have 1-253 characters"));
    }
    let mut labels = 0;
    let mut start = 0usize;
    let tld = loop {
        let mut end = start;
        let mut bad = false;
        while let Some(&c) = domain.get(end) {
            if c == b'.' {
                break;
            }
            bad |= CLASS[c as usize] & LABEL_BYTE == 0;
            end += 1;
        }
        let label = &domain[start..end];
        let ok = !bad && !label.is_empty() && label.len() <= 63 && label[0] != b'-' && label[label.len() - 1] != b'-';
        if !ok {
            return Err(err(at + 1 + start, "invalid domain label"));
        }
        labels += 1;
        if end == domain.len() {
            break label;
        }
        start = end + 1;
    };
    if labels < 2 || tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
        return Err(err(at + 1, "domain needs a dot and a top-level label of letters"));
    }
    Ok(at)
}

/// [`parse`]`(text).is_ok()` with the `@` at `at`, for a text whose bytes before `at` are all
/// letters, digits or `. _ + -` and whose bytes after it are all letters, digits, `.` or `-`
/// (the scanner bounded the address so): only the rules on lengths, dots and hyphens are left.
pub(crate) fn valid_bounded(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let (local, domain) = (&b[..at.min(b.len())], b.get(at + 1..).unwrap_or_default());
    if local.is_empty() || local.len() > 64 || local[0] == b'.' || local[local.len() - 1] == b'.' {
        return false;
    }
    if domain.is_empty() || domain.len() > 253 || local.windows(2).any(|p| p == b"..") {
        return false;
    }
    let mut labels = 0;
    let mut tld: &[u8] = &[];
    for label in domain.split(|&c| c == b'.') {
        if label.is_empty() || label.len() > 63 || label[0] == b'-' || label[label.len() - 1] == b'-' {
            return false;
        }
        labels += 1;
        tld = label;
    }
    labels >= 2 && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)
}

fn alphabet() -> &'static Alphabet {
    static A: std::sync::OnceLock<Alphabet> = std::sync::OnceLock::new();
    A.get_or_init(|| Alphabet::new(Alphabet::LOWER_ALNUM).unwrap_or_else(|_| unreachable!("fixed alphabet")))
}

fn crypt_local(scope: &Scope<'_>, domain: &str, local: &str, encrypt: bool) -> Result<String> {
    let a = alphabet();
    let numerals: Vec<u16> = local.chars().filter_map(|c| a.index(c)).collect();
    let tweak = [b"E\0", domain.as_bytes(), b"\0", scope.context].concat();
    let out = scope.ring.with_ff1(scope.version, LABEL, 36, |ff1| {
        if encrypt {
            ff1.encrypt(&tweak, &numerals)
        } else {
            ff1.decrypt(&tweak, &numerals)
        }
    })??;
    let mut new = out.into_iter();
    Ok(local.chars().map(|c| if a.contains(c) { new.next().map_or(c, |i| a.char_at(i)) } else { c }).collect())
}

fn opaque_context(domain: &str, context: &[u8]) -> Vec<u8> {
    [domain.as_bytes(), b"\0", context].concat()
}

/// The token of a valid value.
fn seal(scope: &Scope<'_>, value: &str) -> Result<String> {
    let at = parse(value)?;
    let normal = zeroize::Zeroizing::new(value.to_ascii_lowercase());
    let (local, domain) = (&normal[..at], &normal[at + 1..]);
    let alnum = local.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    let new_local = if alnum >= 4 {
        crypt_local(scope, domain, local, true)?
    } else {
        let t =
            opaque::seal(scope.ring, scope.version, LABEL, &opaque_context(domain, scope.context), local.as_bytes())?;
        format!("{OPAQUE_PREFIX}{}", &t[opaque::PREFIX.len()..])
    };
    Ok(format!("{new_local}@{domain}"))
}

/// The value behind a token.
fn open(scope: &Scope<'_>, token: &str) -> Result<String> {
    let at = parse(token)?;
    let normal = token.to_ascii_lowercase();
    let domain = &normal[at + 1..];
    let local = if let Some(body) = token[..at].strip_prefix(OPAQUE_PREFIX) {
        let t = format!("{}{body}", opaque::PREFIX);
        let bytes = opaque::open(scope.ring, LABEL, &opaque_context(domain, scope.context), &t)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| Error::TokenAuthentication)?
    } else {
        crypt_local(scope, domain, &normal[..at], false)?
    };
    Ok(format!("{local}@{domain}"))
}

impl KindRules for Email {
    fn validate(&self, _: &Options, value: &str) -> Result<()> {
        parse(value).map(drop)
    }

    fn normalize(&self, _: &Options, value: &str) -> Result<String> {
        parse(value)?;
        Ok(value.to_ascii_lowercase())
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

/// The mask of an address the scanner has read and checked, whose `@` stands at byte `at`
/// (this saves a second read); appended to `out`, which is left as it was on error. The tests
/// compare it with the kind's mask.
pub(crate) fn mask_at_into(value: &str, at: usize, mask: Mask, out: &mut String) -> Result<()> {
    if value.as_bytes().get(at) != Some(&b'@') {
        return Err(Error::value(KIND, None, "no @ at the given offset"));
    }
    restoring(out, |out| write_mask_at(value, at, mask, out))
}

/// Appends the `keep_first1_domain` mask (`d***@example.com`) of an address whose `@` stands at
/// byte `at` to `out`: what [`mask_at_into`] gives for that preset, without a `String` in
/// between. `false`, with nothing appended, when there is no `@` at `at` or the first byte is not
/// ASCII (never so in a valid address; the general path keeps its own answer for it).
///
/// Inlined into the redactor's loop: out of line, the call and its saved registers cost more
/// than the few stores it makes.
#[inline(always)]
pub(crate) fn first1_mask_bytes_into(value: &str, at: usize, out: &mut Vec<u8>) -> bool {
    let b = value.as_bytes();
    if b.get(at) != Some(&b'@') || !b[0].is_ascii() {
        return false;
    }
    out.push(if at > 0 { b[0] } else { MASK_CHAR as u8 });
    out.extend_from_slice(&[MASK_CHAR as u8; 3]);
    out.extend_from_slice(&b[at..]);
    true
}

/// Replaces the address that `out` holds from byte `at` on, whose `@` stands at byte `sign` of
/// it, by its `keep_first1_domain` mask: what [`first1_mask_bytes_into`] appends, made where the
/// address lies, so that the domain, already in `out`, moves left instead of being copied again.
/// `false`, with `out` as it was, when there is no `@` at `sign`, the first byte is not ASCII or
/// the local part has fewer than four bytes (the mask would not fit before the domain): the
/// caller takes [`first1_mask_bytes_into`].
///
/// Inlined into the redactor's loop, as [`first1_mask_bytes_into`] is.
#[inline(always)]
pub(crate) fn first1_mask_in_place(out: &mut Vec<u8>, at: usize, sign: usize) -> bool {
    let Some(b) = out.get_mut(at..) else { return false };
    if sign < 4 || b.get(sign) != Some(&b'@') || !b[0].is_ascii() {
        return false;
    }
    // The first byte stays; three stars, then the domain from the `@` on.
    b[1..4].copy_from_slice(&[MASK_CHAR as u8; 3]);
    b.copy_within(sign.., 4);
    let len = at + b.len() - (sign - 4);
    out.truncate(len);
    true
}

/// The mask of a valid address whose `@` stands at byte `at`.
fn write_mask_at(value: &str, at: usize, mask: Mask, out: &mut String) -> Result<()> {
    let (local, domain) = (&value[..at], &value[at..]);
    match mask {
        Mask::Default | Mask::PrivacyWaybill | Mask::KeepFirst1Domain => {
            // A valid local part is ASCII and not empty: its first character is its first byte.
            out.push(local.as_bytes().first().map_or(MASK_CHAR, |&c| c as char));
            out.extend([MASK_CHAR; 3]);
        }
        Mask::FirstLast { first, last } => mask_chars_into(local, first as usize, last as usize, |_| true, out),
        _ => return Err(unsupported_mask(KIND)),
    }
    out.push_str(domain);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser as it was before the one-pass [`parse`]: the reference the tests compare with.
    fn parse_reference(text: &str) -> Result<usize> {
        let err = |at: usize, reason| Error::value(KIND, Some(char_pos(text, at)), reason);
        let at = text.find('@').ok_or(Error::value(KIND, None, "missing @"))?;
        let (local, domain) = (&text[..at], &text[at + 1..]);
        if local.is_empty() || local.len() > 64 {
            return Err(err(0, "local part must have 1-64 characters"));
        }
        for (i, c) in local.char_indices() {
            if !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')) {
                return Err(err(i, "unexpected character in local part"));
            }
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(err(0, "misplaced dot in local part"));
        }
        if domain.is_empty() || domain.len() > 253 {
            return Err(err(at + 1, "domain must have 1-253 characters"));
        }
        let mut labels = 0;
        let mut offset = at + 1;
        for label in domain.split('.') {
            let ok = !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
            if !ok {
                return Err(err(offset, "invalid domain label"));
            }
            offset += label.len() + 1;
            labels += 1;
        }
        let tld = domain.rsplit('.').next().unwrap_or("");
        if labels < 2 || tld.len() < 2 || !tld.bytes().all(|c| c.is_ascii_alphabetic()) {
            return Err(err(at + 1, "domain needs a dot and a top-level label of letters"));
        }
        Ok(at)
    }

    /// The mask as it was written before, over [`parse_reference`].
    fn mask_reference(value: &str, mask: Mask) -> Result<String> {
        let at = parse_reference(value)?;
        let (local, domain) = (&value[..at], &value[at..]);
        let mut out = String::new();
        match mask {
            Mask::Default | Mask::PrivacyWaybill | Mask::KeepFirst1Domain => {
                out.push(local.chars().next().unwrap_or(MASK_CHAR));
                out.extend([MASK_CHAR; 3]);
            }
            Mask::FirstLast { first, last } => {
                mask_chars_into(local, first as usize, last as usize, |_| true, &mut out)
            }
            _ => return Err(unsupported_mask(KIND)),
        }
        out.push_str(domain);
        Ok(out)
    }

    #[test]
    fn accepted_and_refused() {
        for ok in ["a@b.cn", "zhang.san+tag@mail.example.com", "li_si-1@qq.com"] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a", "@b.cn", "a@", "a@b", "a..b@c.cn", ".a@c.cn", "a@-b.cn", "a@b.c1", "a b@c.cn", "张@c.cn"]
        {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    /// Addresses the scanner sees and mutations of them (valid and not): the one-pass parser and
    /// the mask give exactly what the former parser and mask give.
    #[test]
    fn one_pass_parse_agrees_with_reference() {
        use crate::kinds::tests::{paths_agree, variants, Rng};
        let mut rng = Rng(0x0065_6d61_696c);
        let mut bases: Vec<String> = [
            "feng.na31@126.com",
            "zhang.san+tag@mail.example.com",
            "li_si-1@qq.com",
            "a@b.cn",
            "x@a-b.c-d.org",
            "ab@c.d.e.f.g.h.com",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let local_chars = ["a", "z", "0", "9", ".", "_", "-", "+", "Q"];
        let domain_chars = ["a", "b", "1", "-", ".", "X"];
        for _ in 0..300 {
            let local: String = (0..1 + rng.below(12)).map(|_| rng.pick(&local_chars)).collect();
            let domain: String = (0..1 + rng.below(14)).map(|_| rng.pick(&domain_chars)).collect();
            let tld = rng.pick(&["com", "cn", "c", "c1", "org", ""]);
            bases.push(format!("{local}@{domain}.{tld}"));
        }
        bases.push(format!("{}@b.cn", "a".repeat(64)));
        bases.push(format!("{}@b.cn", "a".repeat(65)));
        bases.push(format!("a@{}.cn", "b".repeat(63)));
        bases.push(format!("a@{}.cn", "b".repeat(64)));
        bases.push(format!("a@{}.cn", "b.".repeat(125)));
        bases.push(format!("a@{}.cn", "b.".repeat(126)));
        let alphabet = ["a", "0", ".", "-", "_", "+", "@", " ", "张", "ａ", "..", "é"];
        let (n, ok) = paths_agree(
            &variants(&bases, &alphabet, 20, &mut rng),
            parse,
            parse_reference,
            |v, m| Email.mask(&Options::default(), v, m),
            mask_reference,
        );
        assert!(n > 50_000 && ok > 2_000, "{n} {ok}");
    }

    /// [`valid_bounded`] answers as [`parse`] does on texts the scanner bounds: local bytes of
    /// letters, digits and `. _ + -`, domain bytes of letters, digits, `.` and `-`, any lengths.
    #[test]
    fn valid_bounded_agrees_with_parse() {
        let mut next = crate::testing::picker(0x0065_6d61_696c_0062);
        let local_chars = ["a", "z", "0", "9", ".", "_", "-", "+", "Q", "ab", "c1", ".."];
        let domain_chars = ["a", "b", "1", "-", ".", "X", "qq", "mail", "..", "-."];
        let (mut ok, mut n) = (0, 0);
        for _ in 0..50_000 {
            let long = next(10) == 0;
            let local: String =
                (0..next(if long { 70 } else { 12 })).map(|_| local_chars[next(local_chars.len())]).collect();
            let domain: String =
                (0..next(if long { 160 } else { 14 })).map(|_| domain_chars[next(domain_chars.len())]).collect();
            let tld = ["com", "cn", "c", "c1", "org", "", "-", "a-", "b.cn"][next(9)];
            let sep = if next(4) == 0 { "" } else { "." };
            let text = format!("{local}@{domain}{sep}{tld}");
            let slow = parse(&text);
            assert_eq!(valid_bounded(&text, local.len()), slow == Ok(local.len()), "{text}");
            ok += usize::from(slow.is_ok());
            n += 1;
        }
        assert!(ok > n / 50 && ok < n / 2, "{ok} of {n}");
    }

    /// The byte fast path gives what `mask_at_into` gives for `keep_first1_domain`, at every
    /// offset, or declines (and appends nothing) exactly where it fails.
    #[test]
    fn first1_bytes_agree_with_mask_at_into() {
        for v in ["dev@example.com", "a@b.cn", "@b.cn", "a.b+c@mail.qq.com", "x@", "", "ab", "张@例子.中国"] {
            for at in 0..=v.len() + 1 {
                let mut general = String::new();
                let general = mask_at_into(v, at, Mask::KeepFirst1Domain, &mut general).ok().map(|_| general);
                let mut out = b"x".to_vec();
                if first1_mask_bytes_into(v, at, &mut out) {
                    assert_eq!(Some(&out[1..]), general.as_ref().map(|g| g.as_bytes()), "{v} {at}");
                } else {
                    assert_eq!(out, b"x");
                    // Declined although the general path answers: only for a non-ASCII first byte.
                    assert!(general.is_none() || !v.as_bytes()[0].is_ascii(), "{v} {at}");
                }
            }
        }
    }

    /// The in-place mask gives, after the bytes before it, what [`first1_mask_bytes_into`]
    /// appends, at every offset of generated addresses (short and long local parts, several or
    /// no `@`, non-ASCII bytes), or declines and leaves `out` as it was: only where
    /// [`first1_mask_bytes_into`] declines too or the local part is shorter than four bytes.
    #[test]
    fn first1_in_place_agrees_with_first1_bytes_into() {
        let mut next = crate::testing::picker(0x0066_6972_7374_0031);
        let chars = ["a", "Z", "0", ".", "+", "@", "张", "é", "-", "b.cn", "例子.中国"];
        let (mut taken, mut n) = (0, 0);
        for _ in 0..10_000 {
            let v: String = (0..next(14)).map(|_| chars[next(chars.len())]).collect();
            let prefix: Vec<u8> = (0..next(5)).map(|_| b"x{\"\xE5"[next(4)]).collect();
            for sign in 0..=v.len() + 1 {
                n += 1;
                let mut general = prefix.clone();
                let answered = first1_mask_bytes_into(&v, sign, &mut general);
                let mut out = [&prefix[..], v.as_bytes()].concat();
                if first1_mask_in_place(&mut out, prefix.len(), sign) {
                    taken += 1;
                    assert!(answered, "{v} {sign}");
                    assert_eq!(out, general, "{v} {sign}");
                } else {
                    assert_eq!(out, [&prefix[..], v.as_bytes()].concat(), "{v} {sign}");
                    assert!(!answered || sign < 4, "{v} {sign} declined");
                }
            }
        }
        assert!(taken > 1000 && taken < n / 2, "{taken} of {n}");
    }
}
