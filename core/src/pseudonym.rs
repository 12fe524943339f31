//! Keyed one-way pseudonyms (HMAC-SHA256), for analytics joins.
//!
//! A pseudonym is the HMAC-SHA256 of the value's normalised form under a key
//! derived per (key version, kind, context), truncated to `len` characters of
//! lower-case RFC 4648 base32 (`a-z`, `2-7`; 5 bits per character). It cannot
//! be reversed, even with the key; equal values give equal pseudonyms.
//!
//! Length: default [`DEFAULT_LEN`] characters (100 bits); at least
//! [`MIN_LEN`] (80 bits, so a billion distinct values collide with
//! probability below 10^-6), at most [`MAX_LEN`] (the whole 256-bit MAC).

use hmac::Mac;

use crate::{Error, Keyring, Result};

/// Default pseudonym length in characters.
pub const DEFAULT_LEN: usize = 20;
/// Shortest pseudonym length allowed.
pub const MIN_LEN: usize = 16;
/// Longest pseudonym length (all 256 bits of the MAC).
pub const MAX_LEN: usize = 52;

const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// Checks a pseudonym length option.
pub(crate) fn check_len(len: usize) -> Result<()> {
    if (MIN_LEN..=MAX_LEN).contains(&len) {
        Ok(())
    } else {
        Err(Error::InvalidOption { option: "pseudonym_len", reason: "must be 16..=52 characters" })
    }
}

/// The pseudonym of `value` (already normalised) under key `version`, domain `label`, `context`.
pub fn pseudonym(
    ring: &Keyring,
    version: u32,
    label: &str,
    context: &[u8],
    value: &[u8],
    len: usize,
) -> Result<String> {
    check_len(len)?;
    let mut mac = (*ring.hmac(version, label, context)?).clone();
    mac.update(value);
    let digest = mac.finalize().into_bytes();
    let mut out = String::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut bytes = digest.iter();
    while out.len() < len {
        if bits < 5 {
            // The digest holds 256 bits; MAX_LEN * 5 = 260, so pad the last group with zeros.
            acc = (acc << 8) | bytes.next().copied().unwrap_or(0) as u32;
            bits += 8;
        }
        bits -= 5;
        out.push(BASE32[((acc >> bits) & 31) as usize] as char);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_and_determinism() {
        let r = Keyring::from_hex(&"11".repeat(32)).unwrap();
        let p = pseudonym(&r, 1, "cn_mobile", b"", b"13812345678", DEFAULT_LEN).unwrap();
        assert_eq!(p.len(), 20);
        assert!(p.bytes().all(|c| BASE32.contains(&c)));
        assert_eq!(p, pseudonym(&r, 1, "cn_mobile", b"", b"13812345678", 20).unwrap());
        assert_ne!(p, pseudonym(&r, 1, "cn_mobile", b"x", b"13812345678", 20).unwrap());
        assert_ne!(p, pseudonym(&r, 1, "cn_id", b"", b"13812345678", 20).unwrap());
        let long = pseudonym(&r, 1, "cn_mobile", b"", b"13812345678", MAX_LEN).unwrap();
        assert!(long.starts_with(&p));
        assert_eq!(long.len(), 52);
        assert!(pseudonym(&r, 1, "cn_mobile", b"", b"1", 15).is_err());
        assert!(pseudonym(&r, 1, "cn_mobile", b"", b"1", 53).is_err());
    }
}
