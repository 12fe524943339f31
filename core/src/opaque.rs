//! Deterministic opaque tokens (AES-256-GCM-SIV), for values with no format to preserve.
//!
//! # Token text (frozen, format `yt1`)
//!
//! `yt1.<key version>.<base64url without padding of ciphertext || tag>`, for example
//! `yt1.1.Q2f0…`. Only `A-Z a-z 0-9 - _ .` appear, so the token is URL-safe.
//!
//! The plaintext is padded (ISO/IEC 7816-4: a `0x80` byte, then zeros) to a
//! multiple of 16 bytes before encryption, so a token reveals the length of the
//! value only to within 16 bytes. The cipher key is derived per
//! (key version, kind, context) and the nonce is fixed, which is what makes the
//! token deterministic: equal values under one key, kind and context give equal
//! tokens (so they can be joined and deduplicated), and that equality is what
//! the token leaks. GCM-SIV is misuse-resistant, so a fixed nonce reveals
//! nothing beyond that equality. Any change to a token, a truncated token, or
//! a token presented under another key, kind or context fails authentication
//! with [`Error::TokenAuthentication`]: never wrong plaintext.

use aes_gcm_siv::aead::{Aead, Payload};
use aes_gcm_siv::Nonce;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use zeroize::Zeroizing;

use crate::{Error, Keyring, Result};

/// The prefix of every opaque token of format version 1.
pub const PREFIX: &str = "yt1.";

const BLOCK: usize = 16;
const TAG: usize = 16;
const AAD: &[u8] = b"yinsi/opaque/yt1";

/// Encrypts `value` into a token under key `version`, domain `label` (a kind name, or any
/// label of yours) and `context`. The kinds call this; it is public for values of your own.
pub fn seal(ring: &Keyring, version: u32, label: &str, context: &[u8], value: &[u8]) -> Result<String> {
    let cipher = ring.siv(version, label, context)?;
    let padded_len = (value.len() / BLOCK + 1) * BLOCK;
    let mut msg = Zeroizing::new(Vec::with_capacity(padded_len));
    msg.extend_from_slice(value);
    msg.push(0x80);
    msg.resize(padded_len, 0);
    let sealed = cipher
        .encrypt(&Nonce::default(), Payload { msg: &msg, aad: AAD })
        .map_err(|_| Error::InvalidOption { option: "value", reason: "too long for an opaque token" })?;
    let mut out = String::with_capacity(PREFIX.len() + 11 + sealed.len().div_ceil(3) * 4);
    out.push_str(PREFIX);
    out.push_str(&version.to_string());
    out.push('.');
    URL_SAFE_NO_PAD.encode_string(&sealed, &mut out);
    Ok(out)
}

/// The key version a token was made under, read from its text (not authenticated on its own).
pub fn token_version(token: &str) -> Result<u32> {
    parse(token).map(|(version, _)| version)
}

fn parse(token: &str) -> Result<(u32, &str)> {
    let rest = token
        .strip_prefix(PREFIX)
        .ok_or(Error::MalformedToken { position: Some(0), reason: "does not start with `yt1.`" })?;
    let dot = rest.find('.').ok_or(Error::MalformedToken { position: None, reason: "no key version" })?;
    let digits = &rest[..dot];
    if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(Error::MalformedToken { position: Some(PREFIX.len()), reason: "key version is not a number" });
    }
    let version = digits
        .parse::<u32>()
        .map_err(|_| Error::MalformedToken { position: Some(PREFIX.len()), reason: "key version out of range" })?;
    Ok((version, &rest[dot + 1..]))
}

/// Decrypts a token made by [`seal`] with the same `label` and `context`.
pub fn open(ring: &Keyring, label: &str, context: &[u8], token: &str) -> Result<Zeroizing<Vec<u8>>> {
    let (version, body) = parse(token)?;
    let body_start = token.len() - body.len();
    let sealed = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| Error::MalformedToken { position: Some(body_start), reason: "not base64url" })?;
    if sealed.len() < BLOCK + TAG || (sealed.len() - TAG) % BLOCK != 0 {
        return Err(Error::MalformedToken { position: None, reason: "wrong length (truncated?)" });
    }
    let cipher = ring.siv(version, label, context)?;
    let mut msg = Zeroizing::new(
        cipher
            .decrypt(&Nonce::default(), Payload { msg: &sealed, aad: AAD })
            .map_err(|_| Error::TokenAuthentication)?,
    );
    // Authentic, so the padding was written by `seal`; check it anyway.
    let end = msg.iter().rposition(|&b| b != 0).filter(|&i| msg[i] == 0x80).ok_or(Error::TokenAuthentication)?;
    msg.truncate(end);
    Ok(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Keyring {
        Keyring::from_hex(&"42".repeat(32)).unwrap()
    }

    #[test]
    fn round_trip_and_determinism() {
        let r = ring();
        for v in ["", "张三", "浙江省杭州市西湖区文三路100号", &"x".repeat(1000)] {
            let t = seal(&r, 1, "cn_name", b"ctx", v.as_bytes()).unwrap();
            assert!(t.starts_with("yt1.1."));
            assert!(t.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(&c)));
            assert_eq!(seal(&r, 1, "cn_name", b"ctx", v.as_bytes()).unwrap(), t);
            assert_ne!(seal(&r, 1, "cn_name", b"ctx2", v.as_bytes()).unwrap(), t);
            assert_eq!(&open(&r, "cn_name", b"ctx", &t).unwrap()[..], v.as_bytes());
        }
    }

    #[test]
    fn length_is_bucketed() {
        let r = ring();
        let a = seal(&r, 1, "cn_name", b"", "张三".as_bytes()).unwrap();
        let b = seal(&r, 1, "cn_name", b"", "欧阳娜娜".as_bytes()).unwrap();
        assert_eq!(a.len(), b.len());
    }

    #[test]
    fn tampering_is_detected() {
        let r = ring();
        let t = seal(&r, 1, "cn_name", b"ctx", "张三".as_bytes()).unwrap();
        assert_eq!(open(&r, "cn_name", b"other", &t).unwrap_err(), Error::TokenAuthentication);
        assert_eq!(open(&r, "cn_address", b"ctx", &t).unwrap_err(), Error::TokenAuthentication);
        let other_key = Keyring::from_hex(&"43".repeat(32)).unwrap();
        assert_eq!(open(&other_key, "cn_name", b"ctx", &t).unwrap_err(), Error::TokenAuthentication);
        // Flip every bit of the body, one at a time.
        let body_start = t.rfind('.').unwrap() + 1;
        let bytes = URL_SAFE_NO_PAD.decode(&t[body_start..]).unwrap();
        for i in 0..bytes.len() * 8 {
            let mut b = bytes.clone();
            b[i / 8] ^= 1 << (i % 8);
            let forged = format!("{}{}", &t[..body_start], URL_SAFE_NO_PAD.encode(&b));
            assert_eq!(open(&r, "cn_name", b"ctx", &forged).unwrap_err(), Error::TokenAuthentication);
        }
        for cut in 1..t.len() {
            assert!(open(&r, "cn_name", b"ctx", &t[..cut]).is_err(), "truncated at {cut}");
        }
        assert_eq!(
            open(&r, "cn_name", b"ctx", &t.replacen("yt1.1.", "yt1.2.", 1)).unwrap_err(),
            Error::UnknownKeyVersion { version: 2 }
        );
        assert_eq!(token_version(&t).unwrap(), 1);
    }
}
