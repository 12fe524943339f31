//! Strings returned to C: NUL-terminated, with their length, freed by `yinsi_string_free`.
//!
//! The bytes are stored after a hidden length header, so the free function knows the allocation
//! even when a value holds a NUL, and wipes the bytes (they may be personal data) before freeing.

use std::ffi::c_char;

use zeroize::Zeroize;

use crate::guard::{FfiResult, Out};

const HEADER: usize = size_of::<usize>();

/// Copies `s` into a new C string; returns the pointer to its first byte.
pub(crate) fn c_string(s: &str) -> *mut c_char {
    c_bytes(s.as_bytes())
}

/// Copies `s` (any bytes) into a new NUL-terminated block; returns the pointer to its first byte.
pub(crate) fn c_bytes(s: &[u8]) -> *mut c_char {
    let mut block = Vec::with_capacity(HEADER + s.len() + 1);
    block.extend_from_slice(&s.len().to_ne_bytes());
    block.extend_from_slice(s);
    block.push(0);
    let block = Box::into_raw(block.into_boxed_slice()).cast::<u8>();
    // SAFETY: the block is HEADER + len + 1 bytes long.
    unsafe { block.add(HEADER) }.cast()
}

/// Writes an owned string to the caller's out-pointers (the length one is optional).
pub(crate) fn write_string(out: Out<*mut c_char>, out_len: Option<Out<usize>>, mut s: String) {
    out.write(c_string(&s));
    if let Some(l) = out_len {
        l.write(s.len());
    }
    s.zeroize();
}

/// Checks the out-pointers of a string-returning call before any work is done.
pub(crate) fn string_outs(
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> FfiResult<(Out<*mut c_char>, Option<Out<usize>>)> {
    Ok((Out::new(out, "out")?, Out::optional(out_len)))
}

/// Frees a string returned by yinsi (a token, value, mask or pseudonym), wiping its bytes first.
/// NULL is a no-op. Free each string at most once, and only strings that yinsi returned through a
/// `char **out` argument (never one from `yinsi_version`, `yinsi_error_message`, a batch item, ...).
#[no_mangle]
pub unsafe extern "C" fn yinsi_string_free(s: *mut c_char) {
    crate::guard::value((), || {
        if s.is_null() {
            return;
        }
        // SAFETY: `s` came from `c_string`: HEADER bytes of length lie before it, then len + 1 bytes.
        unsafe {
            let block = s.cast::<u8>().sub(HEADER);
            let len = usize::from_ne_bytes(block.cast::<[u8; HEADER]>().read_unaligned());
            let mut boxed = Box::from_raw(std::ptr::slice_from_raw_parts_mut(block, HEADER + len + 1));
            boxed.zeroize();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_with_nul_inside() {
        let p = c_string("a\0b");
        // SAFETY: p is a fresh C string of 3 bytes + NUL.
        unsafe {
            assert_eq!(std::slice::from_raw_parts(p.cast::<u8>(), 4), b"a\0b\0");
            yinsi_string_free(p);
            yinsi_string_free(std::ptr::null_mut());
        }
    }
}
