//! The panic guard every export runs in, and the argument checks every export uses.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{status_of, yinsi_error, yinsi_status};

/// Why a call failed, before it becomes a status and a message.
pub(crate) enum Failure {
    Core(yinsi_core::Error),
    Null(&'static str),
    Utf8 { arg: &'static str, valid_up_to: usize },
    Argument { arg: &'static str, reason: &'static str },
    Panic,
}

impl From<yinsi_core::Error> for Failure {
    fn from(e: yinsi_core::Error) -> Failure {
        Failure::Core(e)
    }
}

impl Failure {
    pub(crate) fn status(&self) -> yinsi_status {
        match self {
            Failure::Core(e) => status_of(e),
            Failure::Null(_) => yinsi_status::NullParameter,
            Failure::Utf8 { .. } => yinsi_status::InvalidUtf8,
            Failure::Argument { .. } => yinsi_status::InvalidArgument,
            Failure::Panic => yinsi_status::Panic,
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Core(e) => e.to_string(),
            Failure::Null(arg) => format!("argument `{arg}` is NULL"),
            Failure::Utf8 { arg, valid_up_to } => {
                format!("argument `{arg}` is not valid UTF-8 (first invalid byte at offset {valid_up_to})")
            }
            Failure::Argument { arg, reason } => format!("argument `{arg}`: {reason}"),
            Failure::Panic => "internal error: yinsi panicked (a bug; please report it)".to_owned(),
        }
    }
}

pub(crate) type FfiResult<T> = Result<T, Failure>;

/// Runs the body of a fallible export: a panic becomes `YINSI_STATUS_PANIC`, a failure its status,
/// and when `error` is not NULL a failure also writes a new error object to `*error`.
pub(crate) fn status(error: *mut *mut yinsi_error, body: impl FnOnce() -> FfiResult<()>) -> yinsi_status {
    let failure = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return yinsi_status::Ok,
        Ok(Err(failure)) => failure,
        Err(_) => Failure::Panic,
    };
    let status = failure.status();
    if !error.is_null() {
        // Building the message allocates; keep even that inside a guard.
        if let Ok(object) = catch_unwind(AssertUnwindSafe(|| yinsi_error::new(status, failure.message()))) {
            // SAFETY: `error` is non-NULL and, by the documented contract, points to writable storage.
            unsafe { error.write(Box::into_raw(Box::new(object))) };
        }
    }
    status
}

/// Runs the body of an infallible export (getters, `_free`): a panic returns `on_panic`.
pub(crate) fn value<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

/// Checks a handle pointer: `&T` or `NULL_PARAMETER`.
///
/// # Safety
/// `p` is NULL or points to a live `T` for `'a`.
pub(crate) unsafe fn handle<'a, T>(p: *const T, arg: &'static str) -> FfiResult<&'a T> {
    // SAFETY: per the function contract.
    unsafe { p.as_ref() }.ok_or(Failure::Null(arg))
}

/// A byte slice from pointer and length: NULL is accepted only with length 0.
///
/// # Safety
/// Unless NULL, `p` points to `len` readable bytes that live for `'a`.
pub(crate) unsafe fn bytes<'a>(p: *const u8, len: usize, arg: &'static str) -> FfiResult<&'a [u8]> {
    if p.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(Failure::Null(arg)) };
    }
    if len > isize::MAX as usize {
        return Err(Failure::Argument { arg, reason: "length above PTRDIFF_MAX" });
    }
    // SAFETY: non-NULL, length bounded, readable per the function contract.
    Ok(unsafe { std::slice::from_raw_parts(p, len) })
}

/// UTF-8 text from pointer and length (see [`bytes`]).
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(p: *const u8, len: usize, arg: &'static str) -> FfiResult<&'a str> {
    // SAFETY: per the function contract.
    let b = unsafe { bytes(p, len, arg) }?;
    std::str::from_utf8(b).map_err(|e| Failure::Utf8 { arg, valid_up_to: e.valid_up_to() })
}

/// An array of `count` items: NULL is accepted only with count 0.
///
/// # Safety
/// Unless NULL, `p` points to `count` initialised, aligned `T` that live for `'a`.
pub(crate) unsafe fn array<'a, T>(p: *const T, count: usize, arg: &'static str) -> FfiResult<&'a [T]> {
    if p.is_null() {
        return if count == 0 { Ok(&[]) } else { Err(Failure::Null(arg)) };
    }
    if count.checked_mul(size_of::<T>()).is_none_or(|n| n > isize::MAX as usize) {
        return Err(Failure::Argument { arg, reason: "count too large" });
    }
    // SAFETY: non-NULL, size bounded, readable per the function contract.
    Ok(unsafe { std::slice::from_raw_parts(p, count) })
}

/// An out-pointer, checked for NULL before any work, written only on success.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    pub(crate) fn new(p: *mut T, arg: &'static str) -> FfiResult<Out<T>> {
        if p.is_null() {
            Err(Failure::Null(arg))
        } else {
            Ok(Out(p))
        }
    }

    /// An optional out-pointer (NULL: the caller does not want this output).
    pub(crate) fn optional(p: *mut T) -> Option<Out<T>> {
        (!p.is_null()).then_some(Out(p))
    }

    pub(crate) fn write(self, value: T) {
        // SAFETY: non-NULL by construction; the caller passes writable, aligned storage.
        unsafe { self.0.write(value) }
    }
}

/// A kind from its stable code.
pub(crate) fn kind(code: u32) -> FfiResult<yinsi_core::Kind> {
    yinsi_core::Kind::from_code(code).ok_or(Failure::Argument { arg: "kind", reason: "unknown kind code" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status_and_an_error_object() {
        let mut err: *mut yinsi_error = std::ptr::null_mut();
        let s = status(&mut err, || panic!("boom"));
        assert_eq!(s, yinsi_status::Panic);
        assert!(!err.is_null());
        // SAFETY: `err` is a live error object; the message is NUL-terminated and owned by it.
        unsafe {
            assert_eq!(crate::yinsi_error_status(err), yinsi_status::Panic);
            let msg = std::ffi::CStr::from_ptr(crate::yinsi_error_message(err)).to_string_lossy().into_owned();
            assert!(msg.contains("panicked"));
            assert!(!msg.contains("boom"), "panic payloads are not passed on");
            crate::yinsi_error_free(err);
        }
        assert_eq!(status(std::ptr::null_mut(), || panic!("boom")), yinsi_status::Panic);
        assert_eq!(value(7, || panic!("boom")), 7);
    }

    #[test]
    fn null_slices_only_with_length_zero() {
        // SAFETY: NULL pointers are never read.
        unsafe {
            assert!(matches!(bytes(std::ptr::null(), 0, "x"), Ok(b) if b.is_empty()));
            assert!(matches!(bytes(std::ptr::null(), 1, "x"), Err(Failure::Null("x"))));
            assert!(matches!(text(b"\xff".as_ptr(), 1, "x"), Err(Failure::Utf8 { valid_up_to: 0, .. })));
            assert!(matches!(array::<u64>(std::ptr::null(), 0, "x"), Ok(a) if a.is_empty()));
            assert!(matches!(
                array::<u64>(std::ptr::dangling::<u64>(), usize::MAX / 4, "x"),
                Err(Failure::Argument { .. })
            ));
        }
    }
}
