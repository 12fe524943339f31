//! Tokenizer handles and the operations on one value.

use std::ffi::c_char;
use std::sync::Arc;

use yinsi_core::{Alphabet, CustomFormat, IdKeep, Kind, Mask, Options, Tokenizer};

use crate::error::{yinsi_error, yinsi_status};
use crate::guard::{self, bytes, handle, kind, text, FfiResult, Out};
use crate::keyring::yinsi_keyring;
use crate::output::{string_outs, write_string};

/// The kinds of personal information, by their stable codes (pass them as `uint32_t kind`).
/// The codes never change; an unknown code gives `YINSI_STATUS_INVALID_ARGUMENT`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum yinsi_kind {
    /// Resident identity card number (GB 11643-1999), 18 characters or legacy 15 digits.
    CnId = 1,
    /// Mainland mobile number, 11 digits starting `1[3-9]`.
    CnMobile = 2,
    /// Fixed-line number with area code, optionally an extension.
    CnLandline = 3,
    /// Payment card number, 16 to 19 digits with a Luhn check digit.
    BankCard = 4,
    /// E-mail address.
    Email = 5,
    /// Chinese personal name.
    CnName = 6,
    /// Chinese postal address.
    CnAddress = 7,
    /// A caller-defined value: needs `custom_name` and `custom_alphabet` in `yinsi_options`.
    Custom = 8,
}

/// Tokenizer options. A zeroed struct (`yinsi_options o = {0};`) is the default: encrypt every
/// field of an ID, keep no card digits, 20-character pseudonyms, no custom format.
///
/// The struct is read during `yinsi_tokenizer_new` only; its buffers need not outlive that call.
#[repr(C)]
pub struct yinsi_options {
    /// `cn_id` tokens keep the two-digit province code.
    pub id_keep_province: bool,
    /// `cn_id` tokens keep the six-digit region code (implies the province).
    pub id_keep_region: bool,
    /// `cn_id` tokens keep the year of birth (not together with `id_keep_region`).
    pub id_keep_birth_year: bool,
    /// `cn_id` tokens keep the gender digit's parity.
    pub id_keep_gender: bool,
    /// `bank_card` tokens also keep the last four digits.
    pub card_keep_last4: bool,
    /// Pseudonym length in characters, 16..=52; 0 means the default (20).
    pub pseudonym_len: usize,
    /// Name of the custom format (UTF-8, `custom_name_len` bytes); NULL and 0 for none. It
    /// separates the keys of different custom formats, so keep it stable.
    pub custom_name: *const u8,
    /// Length of `custom_name` in bytes.
    pub custom_name_len: usize,
    /// The characters a custom value encrypts, in order (UTF-8; 2 to 65,536 distinct characters).
    pub custom_alphabet: *const u8,
    /// Length of `custom_alphabet` in bytes.
    pub custom_alphabet_len: usize,
    /// Alphabet characters of a custom value kept in clear at the start.
    pub custom_keep_first: usize,
    /// Alphabet characters of a custom value kept in clear at the end.
    pub custom_keep_last: usize,
}

impl yinsi_options {
    /// The core options these C options stand for.
    fn to_core(&self) -> FfiResult<Options> {
        let defaults = Options::default();
        // SAFETY: the caller passes readable buffers of the stated lengths (or NULL and 0).
        let name = unsafe { text(self.custom_name, self.custom_name_len, "options.custom_name") }?;
        // SAFETY: as above.
        let alphabet = unsafe { text(self.custom_alphabet, self.custom_alphabet_len, "options.custom_alphabet") }?;
        let custom = if self.custom_name.is_null() && self.custom_alphabet.is_null() {
            None
        } else {
            Some(CustomFormat {
                name: name.to_owned(),
                alphabet: Alphabet::new(alphabet)?,
                keep_first: self.custom_keep_first,
                keep_last: self.custom_keep_last,
            })
        };
        Ok(Options {
            id_keep: IdKeep {
                province: self.id_keep_province,
                region: self.id_keep_region,
                birth_year: self.id_keep_birth_year,
                gender: self.id_keep_gender,
            },
            card_keep_last4: self.card_keep_last4,
            pseudonym_len: if self.pseudonym_len == 0 { defaults.pseudonym_len } else { self.pseudonym_len },
            custom,
        })
    }
}

/// Tokenizes, detokenizes, masks, pseudonymizes and validates values of every kind.
///
/// Created by `yinsi_tokenizer_new`, freed with `yinsi_tokenizer_free`. Thread-safe: one handle
/// may be used from any number of threads at once (share one per process); only freeing it must
/// wait until no call on it is running.
pub struct yinsi_tokenizer {
    pub(crate) tk: Tokenizer,
}

/// A tokenizer over `keyring` with `options` (NULL: the defaults).
///
/// The tokenizer holds its own reference to the keyring: the keyring may be freed afterwards.
/// Errors: `YINSI_STATUS_UNSUPPORTED_MODE` for ID modes that leave too few values,
/// `YINSI_STATUS_INVALID_OPTION` for a pseudonym length outside 16..=52 or an empty custom name,
/// `YINSI_STATUS_INVALID_RADIX` / `YINSI_STATUS_INVALID_ALPHABET` for an unusable custom alphabet.
#[no_mangle]
pub unsafe extern "C" fn yinsi_tokenizer_new(
    keyring: *const yinsi_keyring,
    options: *const yinsi_options,
    out: *mut *mut yinsi_tokenizer,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller passes a live keyring and NULL or readable options.
        let ring = unsafe { handle(keyring, "keyring") }?;
        let out = Out::new(out, "out")?;
        // SAFETY: as above.
        let options = match unsafe { options.as_ref() } {
            Some(o) => o.to_core()?,
            None => Options::default(),
        };
        let tk = Tokenizer::with_options(Arc::clone(&ring.ring), options)?;
        out.write(Box::into_raw(Box::new(yinsi_tokenizer { tk })));
        Ok(())
    })
}

/// Frees a tokenizer. NULL is a no-op. Free each at most once, after every call on it has returned.
#[no_mangle]
pub unsafe extern "C" fn yinsi_tokenizer_free(tokenizer: *mut yinsi_tokenizer) {
    guard::value((), || {
        if !tokenizer.is_null() {
            // SAFETY: the pointer came from Box::into_raw here and is freed at most once.
            drop(unsafe { Box::from_raw(tokenizer) });
        }
    })
}

/// The arguments every one-value call shares, checked.
struct Call<'a> {
    tk: &'a Tokenizer,
    kind: Kind,
    input: &'a str,
}

/// # Safety
/// `tokenizer` is NULL or live; `input` points to `input_len` readable bytes (or NULL and 0).
unsafe fn call<'a>(
    tokenizer: *const yinsi_tokenizer,
    kind_code: u32,
    input: *const u8,
    input_len: usize,
    arg: &'static str,
) -> FfiResult<Call<'a>> {
    // SAFETY: per the function contract.
    let tk = &unsafe { handle(tokenizer, "tokenizer") }?.tk;
    let kind = kind(kind_code)?;
    // SAFETY: per the function contract.
    let input = unsafe { text(input, input_len, arg) }?;
    Ok(Call { tk, kind, input })
}

/// Runs a call that returns a string: out-pointers checked first, written only on success.
fn string_call(
    error: *mut *mut yinsi_error,
    out: *mut *mut c_char,
    out_len: *mut usize,
    body: impl FnOnce() -> FfiResult<String>,
) -> yinsi_status {
    guard::status(error, || {
        let (out, out_len) = string_outs(out, out_len)?;
        write_string(out, out_len, body()?);
        Ok(())
    })
}

/// The token of a value under the active key version.
///
/// `value`: UTF-8, `value_len` bytes. `context`: any bytes (the tweak; e.g.
/// `"tenant-a/orders.phone"`), NULL and 0 for none. On success `*out` receives a new NUL-terminated
/// string (free with `yinsi_string_free`) and, if `out_len` is not NULL, `*out_len` its length in
/// bytes. Format-preserving tokens (every kind but names and addresses) do not carry their key
/// version: store it beside them if you rotate keys.
#[no_mangle]
pub unsafe extern "C" fn yinsi_tokenize(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    value: *const u8,
    value_len: usize,
    context: *const u8,
    context_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    string_call(error, out, out_len, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, value, value_len, "value") }?;
        // SAFETY: as above.
        let context = unsafe { bytes(context, context_len, "context") }?;
        Ok(c.tk.tokenize(c.kind, c.input, context)?)
    })
}

/// As `yinsi_tokenize`, under key `version` of the keyring.
#[no_mangle]
pub unsafe extern "C" fn yinsi_tokenize_with_version(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    value: *const u8,
    value_len: usize,
    context: *const u8,
    context_len: usize,
    version: u32,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    string_call(error, out, out_len, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, value, value_len, "value") }?;
        // SAFETY: as above.
        let context = unsafe { bytes(context, context_len, "context") }?;
        Ok(c.tk.tokenize_with_version(c.kind, c.input, context, version)?)
    })
}

/// The value behind a token (same kind and context as when it was made). Format-preserving tokens
/// are read under the active key version; opaque tokens under the version they carry.
///
/// The result is personal data: `yinsi_string_free` wipes it.
#[no_mangle]
pub unsafe extern "C" fn yinsi_detokenize(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    token: *const u8,
    token_len: usize,
    context: *const u8,
    context_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    string_call(error, out, out_len, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, token, token_len, "token") }?;
        // SAFETY: as above.
        let context = unsafe { bytes(context, context_len, "context") }?;
        Ok(c.tk.detokenize(c.kind, c.input, context)?)
    })
}

/// As `yinsi_detokenize`, for a format-preserving token made under key `version`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_detokenize_with_version(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    token: *const u8,
    token_len: usize,
    context: *const u8,
    context_len: usize,
    version: u32,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    string_call(error, out, out_len, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, token, token_len, "token") }?;
        // SAFETY: as above.
        let context = unsafe { bytes(context, context_len, "context") }?;
        Ok(c.tk.detokenize_with_version(c.kind, c.input, context, version)?)
    })
}

/// Moves a token made under key version `from_version` to the active version.
#[no_mangle]
pub unsafe extern "C" fn yinsi_rewrap(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    token: *const u8,
    token_len: usize,
    context: *const u8,
    context_len: usize,
    from_version: u32,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    string_call(error, out, out_len, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, token, token_len, "token") }?;
        // SAFETY: as above.
        let context = unsafe { bytes(context, context_len, "context") }?;
        Ok(c.tk.rewrap(c.kind, c.input, context, from_version)?)
    })
}

/// The display mask of a value (no key is used), e.g. `138****5678`, `张*`,
/// `浙江省杭州市西湖区****`.
///
/// `preset` names a mask preset (UTF-8): `default`, `privacy_waybill`, `keep_firstN_lastM`,
/// `keep_area_last2`, `keep_first1_domain`, `keep_surname`, `keep_district`; NULL and 0 (or
/// `""`) mean `default`. Errors: `YINSI_STATUS_INVALID_OPTION` for an unknown preset,
/// `YINSI_STATUS_UNSUPPORTED_MODE` for a preset that does not apply to the kind.
#[no_mangle]
pub unsafe extern "C" fn yinsi_mask(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    value: *const u8,
    value_len: usize,
    preset: *const u8,
    preset_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    string_call(error, out, out_len, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, value, value_len, "value") }?;
        // SAFETY: as above.
        let preset: Mask = unsafe { text(preset, preset_len, "preset") }?.parse()?;
        Ok(c.tk.mask(c.kind, c.input, preset)?)
    })
}

/// A keyed one-way pseudonym of a value (of its normalised form), for analytics joins.
#[no_mangle]
pub unsafe extern "C" fn yinsi_pseudonymize(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    value: *const u8,
    value_len: usize,
    context: *const u8,
    context_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    string_call(error, out, out_len, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, value, value_len, "value") }?;
        // SAFETY: as above.
        let context = unsafe { bytes(context, context_len, "context") }?;
        Ok(c.tk.pseudonymize(c.kind, c.input, context)?)
    })
}

/// The canonical form of a value (e.g. `13812345678` for `+86 138-1234-5678`).
#[no_mangle]
pub unsafe extern "C" fn yinsi_normalize(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    value: *const u8,
    value_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    string_call(error, out, out_len, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, value, value_len, "value") }?;
        Ok(c.tk.normalize(c.kind, c.input)?)
    })
}

/// Checks that a value is a valid instance of its kind: `YINSI_STATUS_OK`, or
/// `YINSI_STATUS_INVALID_VALUE` with a message that says where and why (never the value).
#[no_mangle]
pub unsafe extern "C" fn yinsi_validate(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    value: *const u8,
    value_len: usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let c = unsafe { call(tokenizer, kind, value, value_len, "value") }?;
        Ok(c.tk.validate(c.kind, c.input)?)
    })
}

/// The stable name of a kind code, e.g. `"cn_mobile"`; NULL for an unknown code. Static: do not free.
#[no_mangle]
pub extern "C" fn yinsi_kind_name(kind: u32) -> *const c_char {
    guard::value(std::ptr::null(), || match Kind::from_code(kind) {
        Some(k) => static_c(k, false),
        None => std::ptr::null(),
    })
}

/// The redaction label of a kind code, e.g. `"[CN_MOBILE]"`; NULL for an unknown code. Static: do
/// not free.
#[no_mangle]
pub extern "C" fn yinsi_kind_label(kind: u32) -> *const c_char {
    guard::value(std::ptr::null(), || match Kind::from_code(kind) {
        Some(k) => static_c(k, true),
        None => std::ptr::null(),
    })
}

/// The kind code of a stable name (`"cn_mobile"`, case-insensitive), written to `*out`.
/// Errors: `YINSI_STATUS_INVALID_OPTION` for an unknown name.
#[no_mangle]
pub unsafe extern "C" fn yinsi_kind_from_name(
    name: *const u8,
    name_len: usize,
    out: *mut u32,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let name = unsafe { text(name, name_len, "name") }?;
        let out = Out::new(out, "out")?;
        out.write(name.parse::<Kind>()?.code());
        Ok(())
    })
}

/// NUL-terminated copies of the core's static names (`label` false) or labels, made once.
fn static_c(kind: Kind, label: bool) -> *const c_char {
    use std::ffi::CString;
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<(Kind, CString, CString)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let c = |s: &str| CString::new(s).unwrap_or_default();
        Kind::ALL.iter().map(|&k| (k, c(k.name()), c(k.label()))).collect()
    });
    match table.iter().find(|(k, ..)| *k == kind) {
        Some((_, name, _)) if !label => name.as_ptr(),
        Some((.., text)) => text.as_ptr(),
        None => std::ptr::null(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_match_the_core() {
        let c = [
            yinsi_kind::CnId,
            yinsi_kind::CnMobile,
            yinsi_kind::CnLandline,
            yinsi_kind::BankCard,
            yinsi_kind::Email,
            yinsi_kind::CnName,
            yinsi_kind::CnAddress,
            yinsi_kind::Custom,
        ];
        assert_eq!(c.len(), Kind::ALL.len());
        for (c, k) in c.iter().zip(Kind::ALL) {
            assert_eq!(*c as u32, k.code(), "{k}");
        }
    }
}
