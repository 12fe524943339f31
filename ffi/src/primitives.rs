//! The primitives under the kinds, for interoperability and for values of the caller's own:
//! FF1 over an alphabet, opaque tokens and pseudonyms under a keyring.

use std::ffi::c_char;

use yinsi_core::{opaque, pseudonym, Alphabet, AlphabetFf1};

use crate::error::{yinsi_error, yinsi_status};
use crate::guard::{self, bytes, handle, text, FfiResult, Out};
use crate::keyring::yinsi_keyring;
use crate::output::{string_outs, write_string};

/// FF1 (NIST SP 800-38G) with a raw AES key over an alphabet: strings of the alphabet's characters
/// in and out. The key is used as given (no derivation): for your own keys and for the NIST test
/// vectors. Created by `yinsi_ff1_new`, freed by `yinsi_ff1_free`; immutable and thread-safe.
pub struct yinsi_ff1 {
    ff1: AlphabetFf1,
}

/// An FF1 cipher with an AES key of 16, 24 or 32 bytes over `alphabet` (UTF-8; its characters in
/// numeral order, e.g. `"0123456789"`).
///
/// Errors: `YINSI_STATUS_INVALID_KEY_LENGTH`, `YINSI_STATUS_INVALID_RADIX` (fewer than 2
/// characters), `YINSI_STATUS_INVALID_ALPHABET` (a repeated character).
#[no_mangle]
pub unsafe extern "C" fn yinsi_ff1_new(
    key: *const u8,
    key_len: usize,
    alphabet: *const u8,
    alphabet_len: usize,
    out: *mut *mut yinsi_ff1,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let key = unsafe { bytes(key, key_len, "key") }?;
        // SAFETY: as above.
        let alphabet = unsafe { text(alphabet, alphabet_len, "alphabet") }?;
        let out = Out::new(out, "out")?;
        let ff1 = AlphabetFf1::new(key, Alphabet::new(alphabet)?)?;
        out.write(Box::into_raw(Box::new(yinsi_ff1 { ff1 })));
        Ok(())
    })
}

/// # Safety
/// As the exported FF1 calls.
unsafe fn ff1_crypt(
    ff1: *const yinsi_ff1,
    tweak: *const u8,
    tweak_len: usize,
    input: *const u8,
    input_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
    encrypt: bool,
) -> yinsi_status {
    guard::status(error, || {
        let (out, out_len) = string_outs(out, out_len)?;
        // SAFETY: the caller's pointers, per the documented contract.
        let f = &unsafe { handle(ff1, "ff1") }?.ff1;
        // SAFETY: as above.
        let tweak = unsafe { bytes(tweak, tweak_len, "tweak") }?;
        // SAFETY: as above.
        let input = unsafe { text(input, input_len, "input") }?;
        let result = if encrypt { f.encrypt(tweak, input) } else { f.decrypt(tweak, input) };
        write_string(out, out_len, result?);
        Ok(())
    })
}

/// FF1-encrypts a string of alphabet characters under `tweak` (NULL and 0 for none). The result
/// (same length, same alphabet) is freed with `yinsi_string_free`.
///
/// Errors: `YINSI_STATUS_INVALID_NUMERAL` (a character outside the alphabet),
/// `YINSI_STATUS_DOMAIN_TOO_SMALL` (radix^length below 1,000,000), `YINSI_STATUS_INPUT_TOO_LONG`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_ff1_encrypt(
    ff1: *const yinsi_ff1,
    tweak: *const u8,
    tweak_len: usize,
    plaintext: *const u8,
    plaintext_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    // SAFETY: the caller's pointers, per the documented contract.
    unsafe { ff1_crypt(ff1, tweak, tweak_len, plaintext, plaintext_len, out, out_len, error, true) }
}

/// FF1-decrypts (the inverse of `yinsi_ff1_encrypt` with the same tweak).
#[no_mangle]
pub unsafe extern "C" fn yinsi_ff1_decrypt(
    ff1: *const yinsi_ff1,
    tweak: *const u8,
    tweak_len: usize,
    ciphertext: *const u8,
    ciphertext_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    // SAFETY: the caller's pointers, per the documented contract.
    unsafe { ff1_crypt(ff1, tweak, tweak_len, ciphertext, ciphertext_len, out, out_len, error, false) }
}

/// Frees an FF1 cipher (wiping its key schedule). NULL is a no-op. Free each at most once.
#[no_mangle]
pub unsafe extern "C" fn yinsi_ff1_free(ff1: *mut yinsi_ff1) {
    guard::value((), || {
        if !ff1.is_null() {
            // SAFETY: the pointer came from Box::into_raw here and is freed at most once.
            drop(unsafe { Box::from_raw(ff1) });
        }
    })
}

/// Label, context and value of an opaque-token or pseudonym call, checked.
///
/// # Safety
/// The caller's pointers, per the documented contracts.
unsafe fn domain<'a>(
    keyring: *const yinsi_keyring,
    label: *const u8,
    label_len: usize,
    context: *const u8,
    context_len: usize,
) -> FfiResult<(&'a yinsi_keyring, &'a str, &'a [u8])> {
    // SAFETY: per the function contract.
    unsafe {
        Ok((handle(keyring, "keyring")?, text(label, label_len, "label")?, bytes(context, context_len, "context")?))
    }
}

/// Seals `value` (any bytes) into an opaque, authenticated, deterministic token `yt1.<version>.…`
/// under key `version`, domain `label` (a kind name, or a label of your own) and `context`.
/// This is what `cn_name` tokens are (label `cn_name`). Free the token with `yinsi_string_free`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_opaque_seal(
    keyring: *const yinsi_keyring,
    version: u32,
    label: *const u8,
    label_len: usize,
    context: *const u8,
    context_len: usize,
    value: *const u8,
    value_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        let (out, out_len) = string_outs(out, out_len)?;
        // SAFETY: the caller's pointers, per the documented contract.
        let (k, label, context) = unsafe { domain(keyring, label, label_len, context, context_len) }?;
        // SAFETY: as above.
        let value = unsafe { bytes(value, value_len, "value") }?;
        write_string(out, out_len, opaque::seal(&k.ring, version, label, context, value)?);
        Ok(())
    })
}

/// Opens an opaque token (under the key version it carries) made with the same label and context.
/// On success `*out` receives the value's bytes, NUL-terminated (it may itself hold NUL bytes: use
/// `*out_len`), freed with `yinsi_string_free`. Errors: `YINSI_STATUS_MALFORMED_TOKEN`,
/// `YINSI_STATUS_TOKEN_AUTHENTICATION`, `YINSI_STATUS_UNKNOWN_KEY_VERSION`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_opaque_open(
    keyring: *const yinsi_keyring,
    label: *const u8,
    label_len: usize,
    context: *const u8,
    context_len: usize,
    token: *const u8,
    token_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        let out = Out::new(out, "out")?;
        let out_len = Out::optional(out_len);
        // SAFETY: the caller's pointers, per the documented contract.
        let (k, label, context) = unsafe { domain(keyring, label, label_len, context, context_len) }?;
        // SAFETY: as above.
        let token = unsafe { text(token, token_len, "token") }?;
        let value = opaque::open(&k.ring, label, context, token)?;
        out.write(crate::output::c_bytes(&value));
        if let Some(l) = out_len {
            l.write(value.len());
        }
        Ok(())
    })
}

/// The keyed one-way pseudonym (HMAC-SHA256, `len` characters of `a-z2-7`, 16..=52) of `value`
/// (bytes, used as given: normalise first) under key `version`, domain `label` and `context`.
/// `yinsi_pseudonymize` is this over a kind's normalised value. Free with `yinsi_string_free`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_pseudonym(
    keyring: *const yinsi_keyring,
    version: u32,
    label: *const u8,
    label_len: usize,
    context: *const u8,
    context_len: usize,
    value: *const u8,
    value_len: usize,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        let (out, out_len) = string_outs(out, out_len)?;
        // SAFETY: the caller's pointers, per the documented contract.
        let (k, label, context) = unsafe { domain(keyring, label, label_len, context, context_len) }?;
        // SAFETY: as above.
        let value = unsafe { bytes(value, value_len, "value") }?;
        write_string(out, out_len, pseudonym::pseudonym(&k.ring, version, label, context, value, len)?);
        Ok(())
    })
}
