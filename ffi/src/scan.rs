//! Finding and scrubbing personal data in text: scanner, policy and redactor handles.

use std::ffi::c_char;

use yinsi_core::{Action, Kind, Policy, Redactor, Scanner};

use crate::error::{yinsi_error, yinsi_status};
use crate::guard::{self, array, bytes, handle, kind, text, Failure, FfiResult, Out};
use crate::output::{c_bytes, string_outs};
use crate::tokenizer::yinsi_tokenizer;

/// Finds personal data in text. Created by `yinsi_scanner_new`, freed by `yinsi_scanner_free`.
/// Immutable and thread-safe: share one.
pub struct yinsi_scanner {
    scanner: Scanner,
}

/// A value found in text: byte offsets into the caller's buffer, `text[start..end)`.
#[repr(C)]
pub struct yinsi_span {
    /// Byte offset of the value's first byte.
    pub start: usize,
    /// Byte offset just past the value.
    pub end: usize,
    /// The kind code (`YINSI_KIND_*`).
    pub kind: u32,
    /// How sure the scanner is, 0 to 1 (0.99 for values that pass a check digit or Luhn check).
    pub confidence: f32,
}

/// The spans found by `yinsi_scan`, sorted by offset, never overlapping. Owned by the caller:
/// free with `yinsi_spans_free`. The spans point into the caller's text; they hold no copy of it.
#[repr(C)]
pub struct yinsi_spans {
    /// The spans, `spans[0]` .. `spans[count - 1]`.
    pub spans: *const yinsi_span,
    /// The number of spans.
    pub count: usize,
}

#[repr(C)]
struct SpanBlock {
    head: yinsi_spans,
    spans: Vec<yinsi_span>,
}

/// A scanner for the kinds in `kinds` (`count` kind codes; NULL and 0 for every kind it can find:
/// all but custom). With `json_keys`, a line that is one JSON object is read by key (`phone`,
/// `id_card`, `address`, `name`, ...) as well as by pattern.
#[no_mangle]
pub unsafe extern "C" fn yinsi_scanner_new(
    kinds: *const u32,
    count: usize,
    json_keys: bool,
    out: *mut *mut yinsi_scanner,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        let out = Out::new(out, "out")?;
        // SAFETY: the caller passes `count` kind codes at `kinds` (or NULL and 0).
        let codes = unsafe { array(kinds, count, "kinds") }?;
        let mut scanner = if codes.is_empty() {
            Scanner::new()
        } else {
            Scanner::with_kinds(&codes.iter().map(|&c| kind(c)).collect::<FfiResult<Vec<Kind>>>()?)
        };
        scanner.set_json(json_keys);
        out.write(Box::into_raw(Box::new(yinsi_scanner { scanner })));
        Ok(())
    })
}

/// Frees a scanner. NULL is a no-op. Free each at most once; redactors made from it stay valid.
#[no_mangle]
pub unsafe extern "C" fn yinsi_scanner_free(scanner: *mut yinsi_scanner) {
    guard::value((), || {
        if !scanner.is_null() {
            // SAFETY: the pointer came from Box::into_raw here and is freed at most once.
            drop(unsafe { Box::from_raw(scanner) });
        }
    })
}

/// Finds the values in `text` (`len` bytes; need not be UTF-8: invalid bytes are never part of a
/// value). On success `*out` receives the spans (free with `yinsi_spans_free`).
#[no_mangle]
pub unsafe extern "C" fn yinsi_scan(
    scanner: *const yinsi_scanner,
    text: *const u8,
    len: usize,
    out: *mut *mut yinsi_spans,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let sc = &unsafe { handle(scanner, "scanner") }?.scanner;
        // SAFETY: as above.
        let text = unsafe { bytes(text, len, "text") }?;
        let out = Out::new(out, "out")?;
        let spans: Vec<yinsi_span> = sc
            .scan_bytes(text)
            .into_iter()
            .map(|s| yinsi_span { start: s.start, end: s.end, kind: s.kind.code(), confidence: s.confidence })
            .collect();
        let head = yinsi_spans { spans: spans.as_ptr(), count: spans.len() };
        out.write(Box::into_raw(Box::new(SpanBlock { head, spans })).cast());
        Ok(())
    })
}

/// Frees the spans of `yinsi_scan`. NULL is a no-op. Free each at most once.
#[no_mangle]
pub unsafe extern "C" fn yinsi_spans_free(spans: *mut yinsi_spans) {
    guard::value((), || {
        if !spans.is_null() {
            // SAFETY: the pointer is the head of a SpanBlock made by `yinsi_scan`, freed at most once.
            drop(unsafe { Box::from_raw(spans.cast::<SpanBlock>()) });
        }
    })
}

/// What a redactor does with each kind. Built with `yinsi_policy_new` and the `yinsi_policy_set*`
/// calls, freed by `yinsi_policy_free`. Mutable: do not change one policy from two threads at once.
/// A redactor copies it, so it may be freed once the redactor is made.
pub struct yinsi_policy {
    policy: Policy,
}

/// # Safety
/// `action` points to `len` readable bytes (or NULL and 0).
unsafe fn action(action: *const u8, len: usize) -> FfiResult<Action> {
    // SAFETY: per the function contract.
    Ok(unsafe { text(action, len, "action") }?.parse()?)
}

/// A policy with the same action for every kind. Actions: `keep`, `mask` (the kind's default
/// mask), `mask:<preset>` (see `yinsi_mask`), `tokenize`, `pseudonymize`, `redact` (the kind's
/// label, `[CN_MOBILE]`). No marker, empty context. Errors: `YINSI_STATUS_INVALID_OPTION`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_policy_new(
    default_action: *const u8,
    default_action_len: usize,
    out: *mut *mut yinsi_policy,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        let out = Out::new(out, "out")?;
        // SAFETY: the caller's pointers, per the documented contract.
        let a = unsafe { action(default_action, default_action_len) }?;
        out.write(Box::into_raw(Box::new(yinsi_policy { policy: Policy::new(a) })));
        Ok(())
    })
}

/// # Safety
/// `policy` is NULL or a live policy not used by another thread.
unsafe fn policy_mut<'a>(policy: *mut yinsi_policy) -> FfiResult<&'a mut Policy> {
    // SAFETY: per the function contract.
    unsafe { policy.as_mut() }.map(|p| &mut p.policy).ok_or(Failure::Null("policy"))
}

/// Sets the action for one kind (see `yinsi_policy_new` for the actions).
#[no_mangle]
pub unsafe extern "C" fn yinsi_policy_set(
    policy: *mut yinsi_policy,
    kind_code: u32,
    act: *const u8,
    act_len: usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let p = unsafe { policy_mut(policy) }?;
        let k = kind(kind_code)?;
        // SAFETY: as above.
        let a = unsafe { action(act, act_len) }?;
        p.set(k, a);
        Ok(())
    })
}

/// Wraps tokens in the surrogate marker `⟦yt:<kind>:<version>:<tag>:<token>⟧`, so that
/// `yinsi_unmask` can find and restore them later.
#[no_mangle]
pub unsafe extern "C" fn yinsi_policy_set_marker(
    policy: *mut yinsi_policy,
    on: bool,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        unsafe { policy_mut(policy) }?.set_marker(on);
        Ok(())
    })
}

/// Sets the tokenization context (tweak) for every value; unmasking needs the same one.
#[no_mangle]
pub unsafe extern "C" fn yinsi_policy_set_context(
    policy: *mut yinsi_policy,
    context: *const u8,
    context_len: usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let p = unsafe { policy_mut(policy) }?;
        // SAFETY: as above.
        p.set_context(unsafe { bytes(context, context_len, "context") }?);
        Ok(())
    })
}

/// Frees a policy. NULL is a no-op. Free each at most once.
#[no_mangle]
pub unsafe extern "C" fn yinsi_policy_free(policy: *mut yinsi_policy) {
    guard::value((), || {
        if !policy.is_null() {
            // SAFETY: the pointer came from Box::into_raw here and is freed at most once.
            drop(unsafe { Box::from_raw(policy) });
        }
    })
}

/// Applies a policy to what a scanner finds. Created by `yinsi_redactor_new`, freed by
/// `yinsi_redactor_free`. Immutable and thread-safe: share one.
pub struct yinsi_redactor {
    redactor: Redactor,
}

/// A redactor from a scanner and a policy (both copied: they may be freed afterwards) and a
/// tokenizer (its key; NULL when no action needs one, otherwise `YINSI_STATUS_KEY_UNAVAILABLE`).
#[no_mangle]
pub unsafe extern "C" fn yinsi_redactor_new(
    scanner: *const yinsi_scanner,
    policy: *const yinsi_policy,
    tokenizer: *const yinsi_tokenizer,
    out: *mut *mut yinsi_redactor,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let sc = &unsafe { handle(scanner, "scanner") }?.scanner;
        // SAFETY: as above.
        let p = &unsafe { handle(policy, "policy") }?.policy;
        // SAFETY: as above (NULL is allowed).
        let tk = unsafe { tokenizer.as_ref() }.map(|t| t.tk.clone());
        let out = Out::new(out, "out")?;
        let redactor = Redactor::new(sc.clone(), p.clone(), tk)?;
        out.write(Box::into_raw(Box::new(yinsi_redactor { redactor })));
        Ok(())
    })
}

/// Frees a redactor. NULL is a no-op. Free each at most once, after every call on it has returned.
#[no_mangle]
pub unsafe extern "C" fn yinsi_redactor_free(redactor: *mut yinsi_redactor) {
    guard::value((), || {
        if !redactor.is_null() {
            // SAFETY: the pointer came from Box::into_raw here and is freed at most once.
            drop(unsafe { Box::from_raw(redactor) });
        }
    })
}

/// # Safety
/// As the exported redact and unmask calls.
unsafe fn scrub(
    redactor: *const yinsi_redactor,
    input: *const u8,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
    unmask: bool,
) -> yinsi_status {
    guard::status(error, || {
        let (out, out_len) = string_outs(out, out_len)?;
        // SAFETY: the caller's pointers, per the documented contract.
        let r = &unsafe { handle(redactor, "redactor") }?.redactor;
        // SAFETY: as above.
        let input = unsafe { bytes(input, len, "text") }?;
        let mut scrubbed = zeroize::Zeroizing::new(Vec::with_capacity(input.len() + 64));
        let done = if unmask { r.unmask_stream(input, &mut *scrubbed) } else { r.redact_stream(input, &mut *scrubbed) };
        // Reading a slice and writing a Vec cannot fail; keep the error path anyway.
        done.map_err(|_| Failure::Argument { arg: "text", reason: "could not be read as lines" })?;
        out.write(c_bytes(&scrubbed));
        if let Some(l) = out_len {
            l.write(scrubbed.len());
        }
        Ok(())
    })
}

/// `text` (`len` bytes, one or more lines) with every value found replaced as the policy says.
/// Every line gives one line, in order; invalid UTF-8 passes through unchanged; a line that is one
/// JSON object keeps its structure. On success `*out` receives the scrubbed text, NUL-terminated
/// (free with `yinsi_string_free`) and `*out_len` (if not NULL) its length in bytes.
#[no_mangle]
pub unsafe extern "C" fn yinsi_redact(
    redactor: *const yinsi_redactor,
    text: *const u8,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    // SAFETY: the caller's pointers, per the documented contract.
    unsafe { scrub(redactor, text, len, out, out_len, error, false) }
}

/// `text` with every surrogate marker that verifies under this redactor's key and context replaced
/// by the value it stands for (other text, and markers that do not verify, are left as they are).
/// Output as `yinsi_redact`; the result holds personal data, and `yinsi_string_free` wipes it.
#[no_mangle]
pub unsafe extern "C" fn yinsi_unmask(
    redactor: *const yinsi_redactor,
    text: *const u8,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    // SAFETY: the caller's pointers, per the documented contract.
    unsafe { scrub(redactor, text, len, out, out_len, error, true) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send_sync<T: Send + Sync>() {}

    #[test]
    fn handles_are_thread_safe() {
        send_sync::<yinsi_scanner>();
        send_sync::<yinsi_redactor>();
        send_sync::<crate::yinsi_tokenizer>();
        send_sync::<crate::yinsi_keyring>();
        send_sync::<crate::yinsi_ff1>();
    }
}
