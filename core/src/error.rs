//! The one error type of the crate.
//!
//! Every variant says *what kind* of thing went wrong, *where* (a character or
//! numeral position, a line of a key file) and *why*, and never carries the
//! value that was being processed or any key material. This is tested: see
//! `tests/no_leak.rs`.

use std::fmt;

use crate::Kind;

/// Everything that can go wrong in yinsi.
///
/// The type is `#[non_exhaustive]`: match on the variants you handle and keep
/// a wildcard arm. Positions are 0-based and count characters (Unicode scalar
/// values) of the input unless a variant says otherwise.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// A key had the wrong number of bytes.
    ///
    /// Cause: FF1 takes 16, 24 or 32 bytes (AES-128/192/256); a keyring master
    /// key takes exactly 32. Remedy: pass a key of the right length.
    InvalidKeyLength {
        /// The length that was given, in bytes.
        len: usize,
    },
    /// Key text (hex, base64 or a keyring file) could not be parsed.
    ///
    /// Cause: a malformed line or encoding. Remedy: regenerate the key with
    /// `Keyring::generate` / `yinsi keygen`. The key text itself is never shown.
    InvalidKeyText {
        /// 1-based line of the key text where the problem is (1 for single-line text).
        line: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// A key could not be loaded from its source.
    ///
    /// Cause: the environment variable is unset or the file is unreadable.
    /// Remedy: set the variable or fix the path and permissions.
    KeyUnavailable {
        /// Which source failed and why (never the key).
        reason: String,
    },
    /// A key version was asked for that the keyring does not hold.
    ///
    /// Cause: a token made under a key version that was removed, or a wrong
    /// version number. Remedy: load the keyring that holds this version.
    UnknownKeyVersion {
        /// The version asked for.
        version: u32,
    },
    /// The FF1 radix is outside 2..=65536, or an alphabet has fewer than 2 characters.
    InvalidRadix {
        /// The radix that was given.
        radix: u32,
    },
    /// An alphabet definition is unusable.
    ///
    /// Cause: a repeated character, or more than 65,536 characters.
    InvalidAlphabet {
        /// What is wrong.
        reason: &'static str,
    },
    /// The FF1 domain `radix^len` is below 1,000,000 (NIST SP 800-38G rule).
    ///
    /// Remedy: encrypt a longer value, or choose a format that keeps fewer
    /// characters in clear.
    DomainTooSmall {
        /// The radix.
        radix: u32,
        /// The number of numerals that would have been encrypted.
        len: usize,
    },
    /// The input is longer than FF1 supports for this radix with fixed-width
    /// arithmetic (see [`crate::ff1::Ff1::max_len`]).
    InputTooLong {
        /// The length that was given.
        len: usize,
        /// The largest supported length for this radix.
        max: usize,
    },
    /// A numeral was not below the radix, or a character was outside the alphabet.
    InvalidNumeral {
        /// Position of the offending numeral or character.
        position: usize,
    },
    /// A value is not a valid instance of its kind.
    ///
    /// Cause: a wrong length, character, check character, date or prefix.
    /// Remedy: validate input before tokenizing, or let the batch APIs turn
    /// such rows into nulls.
    InvalidValue {
        /// The kind the value was read as.
        kind: Kind,
        /// Character position where the problem was found, if there is one.
        position: Option<usize>,
        /// What is wrong.
        reason: &'static str,
    },
    /// A tokenization mode or option cannot be used.
    ///
    /// Cause: what is left to encrypt has fewer than 1,000,000 values, or the
    /// option does not apply to the kind. Remedy: keep fewer fields in clear.
    UnsupportedMode {
        /// The kind.
        kind: Kind,
        /// Why the mode is refused.
        reason: &'static str,
    },
    /// A token is not well formed (wrong prefix, length or encoding).
    MalformedToken {
        /// Character position of the problem, if known.
        position: Option<usize>,
        /// What is wrong.
        reason: &'static str,
    },
    /// A token failed authentication.
    ///
    /// Cause: it was altered, truncated, or made under another key, kind or
    /// context. No plaintext is returned.
    TokenAuthentication,
    /// An option value is out of range (for example a pseudonym length).
    InvalidOption {
        /// Which option.
        option: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// The operating system's random source failed.
    Random,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidKeyLength { len } => {
                write!(f, "invalid key length: {len} bytes (FF1 takes 16, 24 or 32; a master key 32)")
            }
            Error::InvalidKeyText { line, reason } => write!(f, "invalid key text at line {line}: {reason}"),
            Error::KeyUnavailable { reason } => write!(f, "key unavailable: {reason}"),
            Error::UnknownKeyVersion { version } => write!(f, "unknown key version {version}"),
            Error::InvalidRadix { radix } => write!(f, "invalid radix {radix}: must be 2..=65536"),
            Error::InvalidAlphabet { reason } => write!(f, "invalid alphabet: {reason}"),
            Error::DomainTooSmall { radix, len } => {
                write!(f, "domain too small: {radix}^{len} is below 1,000,000")
            }
            Error::InputTooLong { len, max } => write!(f, "input too long: {len} numerals, at most {max}"),
            Error::InvalidNumeral { position } => {
                write!(f, "invalid numeral at position {position}: not in the alphabet or not below the radix")
            }
            Error::InvalidValue { kind, position: Some(p), reason } => {
                write!(f, "invalid {kind} at position {p}: {reason}")
            }
            Error::InvalidValue { kind, position: None, reason } => write!(f, "invalid {kind}: {reason}"),
            Error::UnsupportedMode { kind, reason } => write!(f, "unsupported {kind} mode: {reason}"),
            Error::MalformedToken { position: Some(p), reason } => {
                write!(f, "malformed token at position {p}: {reason}")
            }
            Error::MalformedToken { position: None, reason } => write!(f, "malformed token: {reason}"),
            Error::TokenAuthentication => {
                f.write_str("token authentication failed: altered, truncated, or from another key, kind or context")
            }
            Error::InvalidOption { option, reason } => write!(f, "invalid option {option}: {reason}"),
            Error::Random => f.write_str("the operating system random source failed"),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// Shorthand for [`Error::InvalidValue`].
    pub(crate) fn value(kind: Kind, position: Option<usize>, reason: &'static str) -> Error {
        Error::InvalidValue { kind, position, reason }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
