//! # libyinsi: the C ABI of yinsi
//!
//! This crate builds `libyinsi.a` and `libyinsi.so`; `include/yinsi.h` is generated from it by
//! cbindgen (see `cbindgen.toml`) and checked in. It holds no business logic: every exported
//! function checks and converts its arguments, calls the core crate once, and converts the result.
//!
//! # Conventions (the header repeats them)
//!
//! * Every fallible function returns a [`yinsi_status`]; `YINSI_STATUS_OK` is 0. The numbers are
//!   stable and grouped; they are never renumbered.
//! * Every fallible function takes a last argument `yinsi_error **error`. It may be NULL. When it
//!   is not NULL and the call fails, `*error` receives a new error object (status and message) that
//!   the caller frees with `yinsi_error_free`; on success it is left untouched. Messages never
//!   contain the value being processed or key material. That is the one way to read a message.
//! * Outputs are written only on success.
//! * Text is passed as a pointer and a length in bytes (no NUL needed) and must be UTF-8; binary
//!   contexts are pointer and length too. A NULL pointer is accepted only with length 0.
//! * Every returned string is freed with `yinsi_string_free`, every handle with its own `_free`;
//!   each at most once; `_free(NULL)` does nothing. Static strings are marked "do not free".
//! * Every body runs inside a panic guard: a panic inside yinsi returns `YINSI_STATUS_PANIC` and
//!   never unwinds into C.

#![deny(clippy::unwrap_used, clippy::expect_used)]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
// C names: yinsi_keyring, yinsi_status, ...
#![allow(non_camel_case_types)]
// C signatures: pointer + length pairs, out-pointers, the error pointer.
#![allow(clippy::too_many_arguments)]
// The safety contract is the same for every export and is stated once, in the header preamble
// (valid pointers with their lengths, live handles, each free at most once).
#![allow(clippy::missing_safety_doc)]

mod batch;
mod error;
mod guard;
mod keyring;
mod output;
mod primitives;
mod scan;
mod tokenizer;

pub use batch::*;
pub use error::*;
pub use keyring::*;
pub use output::*;
pub use primitives::*;
pub use scan::*;
pub use tokenizer::*;

use std::ffi::c_char;

/// The ABI version of this header and library: raised on every incompatible change to a type or
/// function signature. Compare `yinsi_abi_version()` with it at start-up.
pub const YINSI_ABI_VERSION: u32 = 1;

/// The library version, e.g. `"yinsi 0.1.0"`. Static: do not free. Never NULL.
#[no_mangle]
pub extern "C" fn yinsi_version() -> *const c_char {
    guard::value(c"".as_ptr(), || concat!("yinsi ", env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast())
}

/// The ABI version the library was built with (`YINSI_ABI_VERSION` of its header).
#[no_mangle]
pub extern "C" fn yinsi_abi_version() -> u32 {
    guard::value(0, || YINSI_ABI_VERSION)
}
