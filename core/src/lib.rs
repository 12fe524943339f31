//! # yinsi (隐私): keyed, reversible stand-ins for personal data
//!
//! yinsi turns personal information (resident ID numbers, mobile numbers,
//! names, addresses, bank cards, e-mail addresses) into safe stand-ins inside
//! the program that holds it, and back again for whoever holds the key. There
//! is no service, no network and no token database: a token is computed from
//! the value, a key and a *context*.
//!
//! * **Format-preserving tokens** ([`ff1::Ff1`], NIST SP 800-38G FF1 with
//!   AES-256): a phone token is still an 11-digit mobile number.
//! * **Opaque tokens** (AES-256-GCM-SIV) for values with no format to keep,
//!   versioned and authenticated ([`opaque`]).
//! * **Pseudonyms** (HMAC-SHA256), one-way, for analytics joins ([`pseudonym`]).
//!
//! ```
//! use yinsi::ff1::Ff1;
//!
//! // The raw primitive: numerals in, numerals out.
//! let ff1 = Ff1::new(&[0x2b; 32], 10).unwrap();
//! let token = ff1.encrypt(b"tenant-a/orders.phone", &[1, 2, 3, 4, 5, 6, 7, 8]).unwrap();
//! assert_eq!(ff1.decrypt(b"tenant-a/orders.phone", &token).unwrap(), [1, 2, 3, 4, 5, 6, 7, 8]);
//! ```
//!
//! # Security
//!
//! * A token is deterministic per key and context: equal values give equal
//!   tokens. That is what makes joins and lookups work, and it is also what a
//!   token leaks (equality, and for format-preserving tokens the length and the
//!   characters kept in clear). Use a distinct context per column or tenant
//!   where cross-column linkage is not wanted.
//! * Keys: 32-byte master keys from the OS random source, held in a
//!   [`Keyring`] in zeroize-on-drop memory, never printed by `Debug`. Every key
//!   used on data is derived with HKDF-SHA256 and domain separation.
//! * Errors never contain the value being processed or key material.
//! * FF1 is the subject of a patent disclosure to NIST; see the README.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod alphabet;
mod error;
pub mod ff1;
pub mod gazetteer;
pub mod keyring;
mod kind;
mod kinds;
mod layout;
pub mod mask;
pub mod opaque;
pub mod pseudonym;
pub mod scan;
mod tokenizer;

pub use alphabet::{Alphabet, AlphabetFf1};
pub use error::{Error, Result};
pub use keyring::Keyring;
pub use kind::Kind;
pub use kinds::{DATE_CUTOFF, DATE_FIRST, DATE_LAST};
pub use mask::Mask;
pub use scan::{Action, JsonKeys, Policy, Redactor, Scanner, Span, Stats, StreamEvent};
pub use tokenizer::{CustomFormat, IdKeep, Operation, Options, Tokenizer};

#[cfg(test)]
pub(crate) mod testing {
    /// A seeded xorshift64 generator for the unit tests' generated inputs: each call gives a
    /// number below `n` (`n > 0`). One seed gives the same inputs on every run.
    pub(crate) fn picker(mut state: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        }
    }
}
