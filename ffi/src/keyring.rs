//! Keyring handles.

use std::sync::Arc;

use yinsi_core::Keyring;

use crate::error::{yinsi_error, yinsi_status};
use crate::guard::{self, bytes, handle, text, FfiResult, Out};

/// Numbered 32-byte master keys with one active version.
///
/// Created by a `yinsi_keyring_from_*` or `yinsi_keyring_generate` call, freed with
/// `yinsi_keyring_free`. Immutable once created and thread-safe: it may be used from any number of
/// threads at once. A tokenizer made from it keeps its own reference, so the keyring may be freed
/// as soon as the tokenizers are made. Key bytes are wiped when the last reference goes.
pub struct yinsi_keyring {
    pub(crate) ring: Arc<Keyring>,
}

fn give(out: Out<*mut yinsi_keyring>, ring: Keyring) {
    out.write(Box::into_raw(Box::new(yinsi_keyring { ring: Arc::new(ring) })));
}

/// Shared body of the constructors: check `out`, build, hand over.
fn make(
    out: *mut *mut yinsi_keyring,
    error: *mut *mut yinsi_error,
    build: impl FnOnce() -> FfiResult<Keyring>,
) -> yinsi_status {
    guard::status(error, || {
        let out = Out::new(out, "out")?;
        give(out, build()?);
        Ok(())
    })
}

/// A keyring with one key, as `version`, from 32 raw bytes at `key`.
///
/// On success `*out` receives a new keyring (free it with `yinsi_keyring_free`).
/// Errors: `YINSI_STATUS_INVALID_KEY_LENGTH` unless `key_len` is 32.
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_from_bytes(
    version: u32,
    key: *const u8,
    key_len: usize,
    out: *mut *mut yinsi_keyring,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    make(out, error, || {
        // SAFETY: the caller passes `key_len` readable bytes at `key` (or NULL and 0).
        let key = unsafe { bytes(key, key_len, "key") }?;
        Ok(Keyring::from_bytes(version, key)?)
    })
}

/// A keyring with one key (version 1) from 64 hex digits (surrounding white space is ignored).
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_from_hex(
    hex: *const u8,
    hex_len: usize,
    out: *mut *mut yinsi_keyring,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    make(out, error, || {
        // SAFETY: the caller passes `hex_len` readable bytes at `hex`.
        let hex = unsafe { text(hex, hex_len, "hex") }?;
        Ok(Keyring::from_hex(hex)?)
    })
}

/// A keyring with one key (version 1) from the base64 (standard or URL-safe, padded or not) of 32
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_from_base64(
    base64: *const u8,
    base64_len: usize,
    out: *mut *mut yinsi_keyring,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    make(out, error, || {
        // SAFETY: the caller passes `base64_len` readable bytes at `base64`.
        let b64 = unsafe { text(base64, base64_len, "base64") }?;
        Ok(Keyring::from_base64(b64)?)
    })
}

/// A keyring from key text: one hex or base64 key (version 1), or keyring-file text with several
/// versions (`active = N` and `key N = ...` lines, `#` comments).
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_from_text(
    key_text: *const u8,
    key_text_len: usize,
    out: *mut *mut yinsi_keyring,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    make(out, error, || {
        // SAFETY: the caller passes `key_text_len` readable bytes at `key_text`.
        let t = unsafe { text(key_text, key_text_len, "key_text") }?;
        Ok(Keyring::from_text(t)?)
    })
}

/// A keyring from key text (as `yinsi_keyring_from_text`) held in the environment variable `name`.
///
/// Errors: `YINSI_STATUS_KEY_UNAVAILABLE` when the variable is unset or not UTF-8. Reading the
/// environment races with `setenv` in other threads, as everywhere in C.
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_from_env(
    name: *const u8,
    name_len: usize,
    out: *mut *mut yinsi_keyring,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    make(out, error, || {
        // SAFETY: the caller passes `name_len` readable bytes at `name`.
        let name = unsafe { text(name, name_len, "name") }?;
        Ok(Keyring::from_env(name)?)
    })
}

/// A keyring from key text (as `yinsi_keyring_from_text`) in the file at `path` (bytes of a file
/// name; on Unix they need not be UTF-8).
///
/// Errors: `YINSI_STATUS_KEY_UNAVAILABLE` when the file cannot be read.
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_from_file(
    path: *const u8,
    path_len: usize,
    out: *mut *mut yinsi_keyring,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    make(out, error, || {
        #[cfg(unix)]
        let path = {
            use std::os::unix::ffi::OsStrExt;
            // SAFETY: the caller passes `path_len` readable bytes at `path`.
            std::ffi::OsStr::from_bytes(unsafe { bytes(path, path_len, "path") }?)
        };
        #[cfg(not(unix))]
        // SAFETY: the caller passes `path_len` readable bytes at `path`.
        let path = unsafe { text(path, path_len, "path") }?;
        Ok(Keyring::from_file(path)?)
    })
}

/// A keyring with one fresh key (version 1) from the operating system's random source.
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_generate(
    out: *mut *mut yinsi_keyring,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    make(out, error, || Ok(Keyring::generate()?))
}

/// The active key version of a keyring (the one new tokens use), written to `*out`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_active_version(
    keyring: *const yinsi_keyring,
    out: *mut u32,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller passes NULL or a live keyring.
        let k = unsafe { handle(keyring, "keyring") }?;
        Out::new(out, "out")?.write(k.ring.active_version());
        Ok(())
    })
}

/// Frees a keyring handle. NULL is a no-op. Free each keyring at most once; tokenizers made from
/// it stay valid.
#[no_mangle]
pub unsafe extern "C" fn yinsi_keyring_free(keyring: *mut yinsi_keyring) {
    guard::value((), || {
        if !keyring.is_null() {
            // SAFETY: the pointer came from Box::into_raw here and is freed at most once.
            drop(unsafe { Box::from_raw(keyring) });
        }
    })
}
