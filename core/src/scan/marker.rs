//! The surrogate marker around tokens in text: `⟦yt:<kind>:<version>:<tag>:<token>⟧`.
//!
//! A token that replaced a bare JSON number is written as the JSON string `"⟦ytn:…⟧"` (the same
//! fields); unmask writes the number back without the quotes.
//!
//! `<tag>` is the first [`TAG_LEN`] characters of a keyed pseudonym (HMAC-SHA256, base32) of
//! `kind NUL version NUL token` under the key version, the domain [`TAG_LABEL`] and the context.
//! It makes a marker unforgeable without the key: text that looks like a marker but was not made
//! under this key and context is never "restored" into a wrong value.

use subtle::ConstantTimeEq;

use super::Hit;
use crate::{pseudonym, Kind, Result, Tokenizer};

/// Opens every marker (of a value that was not a bare JSON number).
pub(crate) const OPEN: &str = "⟦yt:";
/// Opens the marker of a value that was a bare JSON number.
pub(crate) const OPEN_NUMBER: &str = "⟦ytn:";
/// What both openings start with.
const OPEN_ANY: &str = "⟦yt";
/// Closes every marker.
pub(crate) const CLOSE: char = '⟧';
/// Characters of the keyed tag.
pub(crate) const TAG_LEN: usize = 8;
/// Key-derivation domain of the tag.
const TAG_LABEL: &str = "scan-marker";
/// The longest marker [`find`] looks for, in bytes.
pub(crate) const MAX_MARKER: usize = 2048;

fn tag(tk: &Tokenizer, kind: Kind, version: u32, number: bool, token: &str, context: &[u8]) -> Result<String> {
    let open = if number { OPEN_NUMBER } else { OPEN };
    let msg = [open.as_bytes(), kind.name().as_bytes(), b"\0", version.to_string().as_bytes(), b"\0", token.as_bytes()]
        .concat();
    let mut t = pseudonym::pseudonym(tk.keyring(), version, TAG_LABEL, context, &msg, pseudonym::MIN_LEN)?;
    t.truncate(TAG_LEN);
    Ok(t)
}

/// The marker around `token` (made under `version`); `number`: it replaces a bare JSON number.
pub(crate) fn wrap(
    tk: &Tokenizer,
    kind: Kind,
    version: u32,
    number: bool,
    token: &str,
    context: &[u8],
) -> Result<String> {
    let tag = tag(tk, kind, version, number, token, context)?;
    let open = if number { OPEN_NUMBER } else { OPEN };
    Ok(format!("{open}{}:{version}:{tag}:{token}{CLOSE}", kind.name()))
}

/// Appends the spans of every well-formed marker in `bytes` (kind = the marker's kind).
pub(crate) fn find(bytes: &[u8], out: &mut Vec<Hit>) {
    let finder = memchr::memmem::Finder::new(OPEN_ANY.as_bytes());
    let mut from = 0;
    while let Some(k) = finder.find(&bytes[from..]) {
        let start = from + k;
        let body = &bytes[start + OPEN_ANY.len()..bytes.len().min(start + MAX_MARKER)];
        let close = CLOSE.to_string();
        match memchr::memmem::find(body, close.as_bytes()) {
            Some(n) => {
                let end = start + OPEN_ANY.len() + n + close.len();
                if let Some((kind, ..)) = std::str::from_utf8(&bytes[start..end]).ok().and_then(parse) {
                    out.push(Hit::new(start, end, kind, 1.0));
                    from = end;
                    continue;
                }
                from = start + OPEN_ANY.len();
            }
            None => from = start + OPEN_ANY.len(),
        }
    }
}

/// The parts of a marker: kind, version, number flag, tag, token.
pub(crate) fn parse(marker: &str) -> Option<(Kind, u32, bool, &str, &str)> {
    let (number, rest) = match marker.strip_prefix(OPEN) {
        Some(rest) => (false, rest),
        None => (true, marker.strip_prefix(OPEN_NUMBER)?),
    };
    let body = rest.strip_suffix(CLOSE)?;
    let mut parts = body.splitn(4, ':');
    let kind: Kind = parts.next()?.parse().ok()?;
    let version: u32 = parts.next()?.parse().ok()?;
    let tag = parts.next()?;
    let token = parts.next()?;
    (tag.len() == TAG_LEN && !token.is_empty()).then_some((kind, version, number, tag, token))
}

/// The original value behind a marker and whether it was a bare JSON number, or `None` if the tag
/// does not verify or the token does not detokenize under this key and context.
pub(crate) fn restore(tk: &Tokenizer, marker: &str, context: &[u8]) -> Option<(String, bool)> {
    let (kind, version, number, got, token) = parse(marker)?;
    let want = tag(tk, kind, version, number, token, context).ok()?;
    if !bool::from(want.as_bytes().ct_eq(got.as_bytes())) {
        return None;
    }
    tk.detokenize_with_version(kind, token, context, version).ok().map(|v| (v, number))
}
