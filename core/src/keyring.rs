//! Master keys, their versions, and the subkeys derived from them.
//!
//! A [`Keyring`] holds numbered 32-byte master keys and names one of them
//! active. Every key that touches data is derived from a master key with
//! HKDF-SHA256; the `info` string separates domains by algorithm, kind, key
//! version and (where the design needs it) context, so no two uses ever share a
//! key. Derived cipher states are cached in the keyring, so the hot path does
//! not run HKDF again.
//!
//! # Key text
//!
//! A single key is 64 hex digits or the base64 (standard or URL-safe, padded or
//! not) of 32 bytes; it becomes version 1. A keyring file holds several:
//!
//! ```text
//! # yinsi keyring: keep this file secret
//! active = 2
//! key 1 = 3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
//! key 2 = 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
//! ```
//!
//! Master keys live in heap boxes that are zeroized on drop, and the text they
//! were parsed from is zeroized too. `Debug` shows the versions only.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, RwLock};

use aes_gcm_siv::Aes256GcmSiv;
use base64::Engine;
use hkdf::Hkdf;
use hmac::{Hmac, KeyInit};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use crate::ff1::Ff1;
use crate::{Error, Result};

/// Length of a master key in bytes.
pub const MASTER_KEY_LEN: usize = 32;

/// Derived-state caches keep at most this many entries each; when full they are cleared.
const CACHE_LIMIT: usize = 4096;

type MasterKey = Box<Zeroizing<[u8; MASTER_KEY_LEN]>>;
pub(crate) type HmacSha256 = Hmac<Sha256>;

#[derive(Default)]
struct Caches {
    /// Few entries (kinds x versions): a linear scan beats hashing an owned key.
    ff1: RwLock<Vec<(u32, String, u32, Ff1)>>,
    siv: RwLock<HashMap<Vec<u8>, Arc<Aes256GcmSiv>>>,
    hmac: RwLock<HashMap<Vec<u8>, Arc<HmacSha256>>>,
}

/// Numbered master keys with one active version.
///
/// Thread-safe; wrap it in an `Arc` (a [`crate::Tokenizer`] does) to share.
///
/// ```
/// use yinsi::Keyring;
/// let ring = Keyring::from_hex(&"00".repeat(32)).unwrap();
/// assert_eq!(ring.active_version(), 1);
/// assert_eq!(format!("{ring:?}"), "Keyring { versions: [1], active: 1 }");
/// ```
pub struct Keyring {
    keys: BTreeMap<u32, MasterKey>,
    active: u32,
    caches: Caches,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring").field("versions", &self.versions()).field("active", &self.active).finish()
    }
}

fn key_from_slice(bytes: &[u8]) -> Result<MasterKey> {
    if bytes.len() != MASTER_KEY_LEN {
        return Err(Error::InvalidKeyLength { len: bytes.len() });
    }
    let mut key: MasterKey = Box::default();
    key.copy_from_slice(bytes);
    Ok(key)
}

/// Decodes one key written as hex or base64; `line` is for the error.
fn decode_key_text(text: &str, line: usize) -> Result<MasterKey> {
    let text = text.trim();
    let mut buf = Zeroizing::new(Vec::with_capacity(48));
    if text.len() == 2 * MASTER_KEY_LEN && text.bytes().all(|c| c.is_ascii_hexdigit()) {
        for pair in text.as_bytes().chunks(2) {
            buf.push((hex_val(pair[0]) << 4) | hex_val(pair[1]));
        }
    } else {
        let trimmed = text.trim_end_matches('=');
        let engine = if trimmed.contains(['-', '_']) {
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
        } else {
            &base64::engine::general_purpose::STANDARD_NO_PAD
        };
        engine
            .decode_vec(trimmed, &mut buf)
            .map_err(|_| Error::InvalidKeyText { line, reason: "not 64 hex digits or base64 of 32 bytes" })?;
    }
    if buf.len() != MASTER_KEY_LEN {
        return Err(Error::InvalidKeyText { line, reason: "a master key must be 32 bytes" });
    }
    key_from_slice(&buf)
}

fn hex_val(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

impl Keyring {
    fn with_keys(keys: BTreeMap<u32, MasterKey>, active: u32) -> Result<Keyring> {
        if !keys.contains_key(&active) {
            return Err(Error::UnknownKeyVersion { version: active });
        }
        Ok(Keyring { keys, active, caches: Caches::default() })
    }

    /// A keyring with one fresh key, version 1, from the operating system's random source.
    pub fn generate() -> Result<Keyring> {
        let mut key: MasterKey = Box::default();
        getrandom::fill(&mut key[..]).map_err(|_| Error::Random)?;
        Keyring::with_keys(BTreeMap::from([(1, key)]), 1)
    }

    /// A keyring with one key, as the given version, from 32 raw bytes.
    pub fn from_bytes(version: u32, key: &[u8]) -> Result<Keyring> {
        Keyring::with_keys(BTreeMap::from([(version, key_from_slice(key)?)]), version)
    }

    /// A keyring with one key (version 1) from 64 hex digits.
    pub fn from_hex(text: &str) -> Result<Keyring> {
        if text.trim().len() != 2 * MASTER_KEY_LEN || !text.trim().bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::InvalidKeyText { line: 1, reason: "expected 64 hex digits" });
        }
        Keyring::from_text(text)
    }

    /// A keyring with one key (version 1) from base64 (standard or URL-safe) of 32 bytes.
    pub fn from_base64(text: &str) -> Result<Keyring> {
        let key = decode_key_text(text, 1)?;
        Keyring::with_keys(BTreeMap::from([(1, key)]), 1)
    }

    /// Parses key text: a single hex or base64 key (version 1) or a keyring file (see the module docs).
    pub fn from_text(text: &str) -> Result<Keyring> {
        let meaningful: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
            .collect();
        if let [(line, single)] = meaningful[..] {
            if !single.contains('=') || !single.starts_with("key") && !single.starts_with("active") {
                return Keyring::with_keys(BTreeMap::from([(1, decode_key_text(single, line)?)]), 1);
            }
        }
        let mut keys = BTreeMap::new();
        let mut active = None;
        for (line, l) in meaningful {
            let (name, value) =
                l.split_once('=').ok_or(Error::InvalidKeyText { line, reason: "expected `name = value`" })?;
            let name = name.trim();
            let bad_version = Error::InvalidKeyText { line, reason: "key version must be a number" };
            if name == "active" {
                active = Some(value.trim().parse::<u32>().map_err(|_| bad_version)?);
            } else if let Some(v) = name.strip_prefix("key") {
                let version = v.trim().parse::<u32>().map_err(|_| bad_version)?;
                if keys.insert(version, decode_key_text(value, line)?).is_some() {
                    return Err(Error::InvalidKeyText { line, reason: "key version defined twice" });
                }
            } else {
                return Err(Error::InvalidKeyText { line, reason: "expected `active = N` or `key N = ...`" });
            }
        }
        let active = match active {
            Some(a) => a,
            None => *keys.keys().next_back().ok_or(Error::InvalidKeyText { line: 1, reason: "no key" })?,
        };
        Keyring::with_keys(keys, active)
    }

    /// Loads key text (see [`Keyring::from_text`]) from an environment variable.
    pub fn from_env(var: &str) -> Result<Keyring> {
        let value = Zeroizing::new(std::env::var(var).map_err(|e| Error::KeyUnavailable {
            reason: match e {
                std::env::VarError::NotPresent => format!("environment variable {var} is not set"),
                std::env::VarError::NotUnicode(_) => format!("environment variable {var} is not valid text"),
            },
        })?);
        Keyring::from_text(&value)
    }

    /// Loads key text (see [`Keyring::from_text`]) from a file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Keyring> {
        let path = path.as_ref();
        let text = std::fs::read(path).map_err(|e| Error::KeyUnavailable {
            reason: format!("cannot read key file {}: {}", path.display(), e.kind()),
        })?;
        let text = Zeroizing::new(text);
        let text = std::str::from_utf8(&text)
            .map_err(|_| Error::InvalidKeyText { line: 1, reason: "key file is not UTF-8 text" })?;
        Keyring::from_text(text)
    }

    /// Adds a key under a new version (it does not become active).
    pub fn add_key(&mut self, version: u32, key: &[u8]) -> Result<()> {
        if self.keys.contains_key(&version) {
            return Err(Error::InvalidOption { option: "version", reason: "this key version exists already" });
        }
        self.keys.insert(version, key_from_slice(key)?);
        Ok(())
    }

    /// Adds a fresh random key as the next version and makes it active; returns the version.
    pub fn rotate(&mut self) -> Result<u32> {
        let version = self.keys.keys().next_back().map_or(1, |v| v + 1);
        let mut key: MasterKey = Box::default();
        getrandom::fill(&mut key[..]).map_err(|_| Error::Random)?;
        self.keys.insert(version, key);
        self.active = version;
        Ok(version)
    }

    /// Makes a held version the active one (new tokens use it).
    pub fn set_active(&mut self, version: u32) -> Result<()> {
        if !self.keys.contains_key(&version) {
            return Err(Error::UnknownKeyVersion { version });
        }
        self.active = version;
        Ok(())
    }

    /// The active version.
    pub fn active_version(&self) -> u32 {
        self.active
    }

    /// Every version held, ascending.
    pub fn versions(&self) -> Vec<u32> {
        self.keys.keys().copied().collect()
    }

    /// Writes the keyring as keyring-file text (see the module docs). Handle the result as a secret.
    pub fn to_text(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::from("# yinsi keyring: keep this file secret\n"));
        out.push_str(&format!("active = {}\n", self.active));
        for (version, key) in &self.keys {
            out.push_str(&format!("key {version} = "));
            for byte in key.iter() {
                let mut pair = format!("{byte:02x}");
                out.push_str(&pair);
                pair.zeroize();
            }
            out.push('\n');
        }
        out
    }

    /// HKDF-SHA256 of the master key `version` with a domain-separated `info`.
    fn derive(&self, version: u32, algorithm: &str, label: &str, context: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        let master = self.keys.get(&version).ok_or(Error::UnknownKeyVersion { version })?;
        let hk = Hkdf::<Sha256>::new(Some(b"yinsi/hkdf-salt/v1"), &master[..]);
        let mut okm = Zeroizing::new([0u8; 32]);
        let info: [&[u8]; 9] = [
            b"yinsi/v1",
            &[0],
            algorithm.as_bytes(),
            &[0],
            label.as_bytes(),
            &[0],
            &version.to_be_bytes(),
            &(context.len() as u64).to_be_bytes(),
            context,
        ];
        hk.expand_multi_info(&info, &mut okm[..])
            .map_err(|_| Error::InvalidOption { option: "subkey", reason: "HKDF output length" })?;
        Ok(okm)
    }

    /// Runs `f` with the FF1 cipher for `label` (a kind or sub-field name) under `version`.
    pub(crate) fn with_ff1<R>(&self, version: u32, label: &str, radix: u32, f: impl FnOnce(&Ff1) -> R) -> Result<R> {
        {
            let found = self.caches.ff1.read().unwrap_or_else(|p| p.into_inner());
            if let Some((.., ff1)) = found.iter().find(|(v, l, r, _)| *v == version && *r == radix && l == label) {
                return Ok(f(ff1));
            }
        }
        let key = self.derive(version, "ff1-aes256", label, &radix.to_be_bytes())?;
        let ff1 = Ff1::new(&key[..], radix)?;
        let mut w = self.caches.ff1.write().unwrap_or_else(|p| p.into_inner());
        if w.len() >= CACHE_LIMIT {
            w.clear();
        }
        w.push((version, label.to_owned(), radix, ff1));
        let (.., ff1) = &w[w.len() - 1];
        Ok(f(ff1))
    }

    /// The AES-256-GCM-SIV cipher for `label` and `context` under `version`.
    pub(crate) fn siv(&self, version: u32, label: &str, context: &[u8]) -> Result<Arc<Aes256GcmSiv>> {
        cached(&self.caches.siv, cache_key(version, label, context), || {
            let key = self.derive(version, "aes256-gcm-siv", label, context)?;
            Aes256GcmSiv::new_from_slice(&key[..]).map_err(|_| Error::InvalidKeyLength { len: 32 })
        })
    }

    /// The HMAC-SHA256 state for `label` and `context` under `version`.
    pub(crate) fn hmac(&self, version: u32, label: &str, context: &[u8]) -> Result<Arc<HmacSha256>> {
        cached(&self.caches.hmac, cache_key(version, label, context), || {
            let key = self.derive(version, "hmac-sha256", label, context)?;
            <HmacSha256 as KeyInit>::new_from_slice(&key[..]).map_err(|_| Error::InvalidKeyLength { len: 32 })
        })
    }
}

fn cache_key(version: u32, label: &str, context: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(6 + label.len() + context.len());
    k.extend_from_slice(&version.to_be_bytes());
    k.extend_from_slice(label.as_bytes());
    k.push(0);
    k.extend_from_slice(context);
    k
}

fn cached<T>(map: &RwLock<HashMap<Vec<u8>, Arc<T>>>, key: Vec<u8>, make: impl FnOnce() -> Result<T>) -> Result<Arc<T>> {
    if let Some(found) = map.read().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(Arc::clone(found));
    }
    let made = Arc::new(make()?);
    let mut w = map.write().unwrap_or_else(|p| p.into_inner());
    if w.len() >= CACHE_LIMIT {
        w.clear();
    }
    Ok(Arc::clone(w.entry(key).or_insert(made)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn hex_base64_and_file_forms_agree() {
        let a = Keyring::from_hex(HEX).unwrap();
        let b = Keyring::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap();
        let c = Keyring::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8").unwrap();
        for r in [&b, &c] {
            assert_eq!(r.keys[&1][..], a.keys[&1][..]);
        }
        let text = a.to_text();
        let d = Keyring::from_text(&text).unwrap();
        assert_eq!(d.keys[&1][..], a.keys[&1][..]);
        assert_eq!(d.active_version(), 1);
    }

    #[test]
    fn keyring_file_with_versions() {
        let text =
            format!("# comment\nactive = 1\nkey 1 = {HEX}\nkey 7 = AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
        let r = Keyring::from_text(&text).unwrap();
        assert_eq!(r.versions(), vec![1, 7]);
        assert_eq!(r.active_version(), 1);
        assert_eq!(format!("{r:?}"), "Keyring { versions: [1, 7], active: 1 }");
        let no_active = format!("key 3 = {HEX}\nkey 4 = {HEX}\n");
        assert_eq!(Keyring::from_text(&no_active).unwrap().active_version(), 4);
    }

    #[test]
    fn bad_key_text_is_typed() {
        assert_eq!(
            Keyring::from_hex("00").unwrap_err(),
            Error::InvalidKeyText { line: 1, reason: "expected 64 hex digits" }
        );
        assert!(matches!(Keyring::from_text("zz!"), Err(Error::InvalidKeyText { line: 1, .. })));
        assert!(matches!(
            Keyring::from_text(&format!("active = 2\nkey 1 = {HEX}\n")),
            Err(Error::UnknownKeyVersion { version: 2 })
        ));
        assert!(matches!(
            Keyring::from_text(&format!("key 1 = {HEX}\nkey 1 = {HEX}\n")),
            Err(Error::InvalidKeyText { line: 2, .. })
        ));
        assert_eq!(Keyring::from_bytes(1, &[0; 31]).unwrap_err(), Error::InvalidKeyLength { len: 31 });
        assert!(matches!(Keyring::from_env("YINSI_TEST_SURELY_UNSET"), Err(Error::KeyUnavailable { .. })));
        assert!(matches!(Keyring::from_file("/nonexistent/yinsi.key"), Err(Error::KeyUnavailable { .. })));
    }

    #[test]
    fn generated_keys_differ_and_rotate() {
        let mut a = Keyring::generate().unwrap();
        let b = Keyring::generate().unwrap();
        assert_ne!(a.keys[&1][..], b.keys[&1][..]);
        assert_eq!(a.rotate().unwrap(), 2);
        assert_eq!(a.active_version(), 2);
        a.set_active(1).unwrap();
        assert_eq!(a.set_active(9).unwrap_err(), Error::UnknownKeyVersion { version: 9 });
    }

    #[test]
    fn subkeys_are_domain_separated() {
        let r = Keyring::from_hex(HEX).unwrap();
        let k = |alg, label, ctx: &[u8], v| r.derive(v, alg, label, ctx).unwrap();
        let base = k("ff1", "cn_mobile", b"", 1);
        assert_ne!(*base, *k("ff1", "cn_id", b"", 1));
        assert_ne!(*base, *k("hmac", "cn_mobile", b"", 1));
        assert_ne!(*base, *k("ff1", "cn_mobile", b"x", 1));
        // Length prefixes keep label/context boundaries unambiguous.
        assert_ne!(*k("ff1", "ab", b"c", 1), *k("ff1", "a", b"bc", 1));
        assert!(matches!(r.derive(2, "ff1", "x", b""), Err(Error::UnknownKeyVersion { version: 2 })));
    }
}
