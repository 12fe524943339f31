//! Status codes and error objects: the one mapping from `yinsi::Error` to C.

use std::ffi::{c_char, CString};

use yinsi_core::Error;

/// The result of every fallible call.
///
/// The numbers are stable and grouped; they are never renumbered and new ones are only added.
/// 0-99: the call itself; 100-199: keys; 200-299: FF1 and alphabets; 300-399: values and
/// options; 400-499: tokens.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum yinsi_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL (or a NULL buffer came with a non-zero length).
    NullParameter = 1,
    /// A bug: yinsi panicked. The call had no effect; please report it.
    Panic = 2,
    /// A text argument was not valid UTF-8.
    InvalidUtf8 = 3,
    /// An argument is out of range: an unknown kind code, an index past the end, a length above
    /// `PTRDIFF_MAX`.
    InvalidArgument = 4,
    /// An error this build of the C layer does not know. Not expected; please report it.
    Other = 5,

    /// A key had the wrong number of bytes (a master key takes 32; FF1 16, 24 or 32).
    InvalidKeyLength = 100,
    /// Key text (hex, base64 or a keyring file) could not be parsed.
    InvalidKeyText = 101,
    /// A key could not be loaded: the environment variable is unset or the file unreadable.
    KeyUnavailable = 102,
    /// A key version was asked for that the keyring does not hold.
    UnknownKeyVersion = 103,
    /// The operating system's random source failed.
    Random = 104,

    /// The FF1 radix is outside 2..=65536 (an alphabet of fewer than 2 characters).
    InvalidRadix = 200,
    /// An alphabet has a repeated character or more than 65,536 characters.
    InvalidAlphabet = 201,
    /// `radix^length` is below 1,000,000 (NIST SP 800-38G); encrypt a longer value.
    DomainTooSmall = 202,
    /// The input is longer than FF1 supports for its radix.
    InputTooLong = 203,
    /// A character is outside the alphabet.
    InvalidNumeral = 204,

    /// A value is not a valid instance of its kind (length, character, check digit, date, prefix).
    InvalidValue = 300,
    /// A tokenization mode or mask preset cannot be used for this kind or value.
    UnsupportedMode = 301,
    /// An option value is out of range, or a name (mask preset, kind) is unknown.
    InvalidOption = 302,

    /// A token is not well formed (prefix, length or encoding).
    MalformedToken = 400,
    /// A token failed authentication: altered, truncated, or from another key, kind or context.
    TokenAuthentication = 401,
}

impl yinsi_status {
    /// Every status, in number order (for tests and `yinsi_status_name`).
    pub(crate) const ALL: [yinsi_status; 21] = [
        yinsi_status::Ok,
        yinsi_status::NullParameter,
        yinsi_status::Panic,
        yinsi_status::InvalidUtf8,
        yinsi_status::InvalidArgument,
        yinsi_status::Other,
        yinsi_status::InvalidKeyLength,
        yinsi_status::InvalidKeyText,
        yinsi_status::KeyUnavailable,
        yinsi_status::UnknownKeyVersion,
        yinsi_status::Random,
        yinsi_status::InvalidRadix,
        yinsi_status::InvalidAlphabet,
        yinsi_status::DomainTooSmall,
        yinsi_status::InputTooLong,
        yinsi_status::InvalidNumeral,
        yinsi_status::InvalidValue,
        yinsi_status::UnsupportedMode,
        yinsi_status::InvalidOption,
        yinsi_status::MalformedToken,
        yinsi_status::TokenAuthentication,
    ];

    /// The C enumerator name, e.g. `"YINSI_STATUS_INVALID_VALUE"`.
    pub(crate) const fn name(self) -> &'static std::ffi::CStr {
        match self {
            yinsi_status::Ok => c"YINSI_STATUS_OK",
            yinsi_status::NullParameter => c"YINSI_STATUS_NULL_PARAMETER",
            yinsi_status::Panic => c"YINSI_STATUS_PANIC",
            yinsi_status::InvalidUtf8 => c"YINSI_STATUS_INVALID_UTF8",
            yinsi_status::InvalidArgument => c"YINSI_STATUS_INVALID_ARGUMENT",
            yinsi_status::Other => c"YINSI_STATUS_OTHER",
            yinsi_status::InvalidKeyLength => c"YINSI_STATUS_INVALID_KEY_LENGTH",
            yinsi_status::InvalidKeyText => c"YINSI_STATUS_INVALID_KEY_TEXT",
            yinsi_status::KeyUnavailable => c"YINSI_STATUS_KEY_UNAVAILABLE",
            yinsi_status::UnknownKeyVersion => c"YINSI_STATUS_UNKNOWN_KEY_VERSION",
            yinsi_status::Random => c"YINSI_STATUS_RANDOM",
            yinsi_status::InvalidRadix => c"YINSI_STATUS_INVALID_RADIX",
            yinsi_status::InvalidAlphabet => c"YINSI_STATUS_INVALID_ALPHABET",
            yinsi_status::DomainTooSmall => c"YINSI_STATUS_DOMAIN_TOO_SMALL",
            yinsi_status::InputTooLong => c"YINSI_STATUS_INPUT_TOO_LONG",
            yinsi_status::InvalidNumeral => c"YINSI_STATUS_INVALID_NUMERAL",
            yinsi_status::InvalidValue => c"YINSI_STATUS_INVALID_VALUE",
            yinsi_status::UnsupportedMode => c"YINSI_STATUS_UNSUPPORTED_MODE",
            yinsi_status::InvalidOption => c"YINSI_STATUS_INVALID_OPTION",
            yinsi_status::MalformedToken => c"YINSI_STATUS_MALFORMED_TOKEN",
            yinsi_status::TokenAuthentication => c"YINSI_STATUS_TOKEN_AUTHENTICATION",
        }
    }
}

/// The one mapping from the core error type to a status code.
///
/// `yinsi::Error` is `#[non_exhaustive]`, so a variant added to the core later maps to
/// `Other` until it is given its own number here (a unit test lists every known variant).
pub(crate) fn status_of(error: &Error) -> yinsi_status {
    match error {
        Error::InvalidKeyLength { .. } => yinsi_status::InvalidKeyLength,
        Error::InvalidKeyText { .. } => yinsi_status::InvalidKeyText,
        Error::KeyUnavailable { .. } => yinsi_status::KeyUnavailable,
        Error::UnknownKeyVersion { .. } => yinsi_status::UnknownKeyVersion,
        Error::Random => yinsi_status::Random,
        Error::InvalidRadix { .. } => yinsi_status::InvalidRadix,
        Error::InvalidAlphabet { .. } => yinsi_status::InvalidAlphabet,
        Error::DomainTooSmall { .. } => yinsi_status::DomainTooSmall,
        Error::InputTooLong { .. } => yinsi_status::InputTooLong,
        Error::InvalidNumeral { .. } => yinsi_status::InvalidNumeral,
        Error::InvalidValue { .. } => yinsi_status::InvalidValue,
        Error::UnsupportedMode { .. } => yinsi_status::UnsupportedMode,
        Error::InvalidOption { .. } => yinsi_status::InvalidOption,
        Error::MalformedToken { .. } => yinsi_status::MalformedToken,
        Error::TokenAuthentication => yinsi_status::TokenAuthentication,
        _ => yinsi_status::Other,
    }
}

/// An error: a status and a message. Created by a failing call when the caller passed a non-NULL
/// `yinsi_error **error`; freed with `yinsi_error_free`.
///
/// The message says what went wrong and where (a character position, a line of a key file), never
/// the value or key. An error object is immutable: it may be read from any thread, and freed once.
pub struct yinsi_error {
    status: yinsi_status,
    message: CString,
}

impl yinsi_error {
    pub(crate) fn new(status: yinsi_status, message: String) -> yinsi_error {
        // Messages are built by yinsi and never hold a NUL; if one ever did, cut it there.
        let message = CString::new(message).unwrap_or_else(|e| {
            let cut = e.nul_position();
            let mut bytes = e.into_vec();
            bytes.truncate(cut);
            CString::new(bytes).unwrap_or_default()
        });
        yinsi_error { status, message }
    }
}

/// The status of an error object (`YINSI_STATUS_NULL_PARAMETER` for NULL).
#[no_mangle]
pub unsafe extern "C" fn yinsi_error_status(error: *const yinsi_error) -> yinsi_status {
    crate::guard::value(yinsi_status::Panic, || {
        // SAFETY: the caller passes NULL or an error object it has not freed.
        match unsafe { error.as_ref() } {
            Some(e) => e.status,
            None => yinsi_status::NullParameter,
        }
    })
}

/// The message of an error object: NUL-terminated UTF-8, owned by the error object and valid until
/// `yinsi_error_free(error)`. Do not free it. Returns `""` for NULL.
#[no_mangle]
pub unsafe extern "C" fn yinsi_error_message(error: *const yinsi_error) -> *const c_char {
    crate::guard::value(c"".as_ptr(), || {
        // SAFETY: the caller passes NULL or an error object it has not freed.
        match unsafe { error.as_ref() } {
            Some(e) => e.message.as_ptr(),
            None => c"".as_ptr(),
        }
    })
}

/// Frees an error object. NULL is a no-op. Free each error at most once.
#[no_mangle]
pub unsafe extern "C" fn yinsi_error_free(error: *mut yinsi_error) {
    crate::guard::value((), || {
        if !error.is_null() {
            // SAFETY: the pointer came from Box::into_raw in this crate and is freed at most once.
            drop(unsafe { Box::from_raw(error) });
        }
    })
}

/// The enumerator name of a status, e.g. `"YINSI_STATUS_INVALID_VALUE"`, for logs; `NULL` for a
/// number that is no status. Static: do not free. This names the code; the message of a particular
/// failure is read from its error object.
#[no_mangle]
pub extern "C" fn yinsi_status_name(status: u32) -> *const c_char {
    crate::guard::value(std::ptr::null(), || {
        yinsi_status::ALL.iter().find(|s| **s as u32 == status).map_or(std::ptr::null(), |s| s.name().as_ptr())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use yinsi_core::Kind;

    #[test]
    fn every_known_core_error_has_its_own_code() {
        let errors = [
            Error::InvalidKeyLength { len: 1 },
            Error::InvalidKeyText { line: 1, reason: "r" },
            Error::KeyUnavailable { reason: "r".into() },
            Error::UnknownKeyVersion { version: 3 },
            Error::Random,
            Error::InvalidRadix { radix: 1 },
            Error::InvalidAlphabet { reason: "r" },
            Error::DomainTooSmall { radix: 10, len: 2 },
            Error::InputTooLong { len: 9, max: 8 },
            Error::InvalidNumeral { position: 0 },
            Error::InvalidValue { kind: Kind::CnMobile, position: None, reason: "r" },
            Error::UnsupportedMode { kind: Kind::CnId, reason: "r" },
            Error::InvalidOption { option: "o", reason: "r" },
            Error::MalformedToken { position: None, reason: "r" },
            Error::TokenAuthentication,
        ];
        let mut seen: Vec<u32> = errors.iter().map(|e| status_of(e) as u32).collect();
        assert!(!seen.contains(&(yinsi_status::Other as u32)));
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), errors.len(), "two core errors share a code");
    }

    #[test]
    fn codes_are_frozen() {
        // Never renumber: this table is the ABI.
        assert_eq!(yinsi_status::ALL.len(), 21, "a new status needs a row below");
        let frozen: [(yinsi_status, u32); 21] = [
            (yinsi_status::Ok, 0),
            (yinsi_status::NullParameter, 1),
            (yinsi_status::Panic, 2),
            (yinsi_status::InvalidUtf8, 3),
            (yinsi_status::InvalidArgument, 4),
            (yinsi_status::Other, 5),
            (yinsi_status::InvalidKeyLength, 100),
            (yinsi_status::InvalidKeyText, 101),
            (yinsi_status::KeyUnavailable, 102),
            (yinsi_status::UnknownKeyVersion, 103),
            (yinsi_status::Random, 104),
            (yinsi_status::InvalidRadix, 200),
            (yinsi_status::InvalidAlphabet, 201),
            (yinsi_status::DomainTooSmall, 202),
            (yinsi_status::InputTooLong, 203),
            (yinsi_status::InvalidNumeral, 204),
            (yinsi_status::InvalidValue, 300),
            (yinsi_status::UnsupportedMode, 301),
            (yinsi_status::InvalidOption, 302),
            (yinsi_status::MalformedToken, 400),
            (yinsi_status::TokenAuthentication, 401),
        ];
        for (s, n) in frozen {
            assert_eq!(s as u32, n);
            let name = s.name().to_str().unwrap_or_default();
            assert!(name.starts_with("YINSI_STATUS_"));
        }
    }
}
