//! Batch calls: arrays of (pointer, length) in, one result block out.

use std::ffi::c_char;

use zeroize::Zeroize;

use yinsi_core::Operation;

use crate::error::{status_of, yinsi_error, yinsi_status};
use crate::guard::{self, array, bytes, handle, kind, text, FfiResult, Out};
use crate::tokenizer::yinsi_tokenizer;

/// One result of a batch call.
#[repr(C)]
pub struct yinsi_batch_item {
    /// `YINSI_STATUS_OK`, or why this item failed (the other items are unaffected).
    pub status: yinsi_status,
    /// The result, NUL-terminated UTF-8 owned by the batch; NULL when `status` is not OK.
    pub value: *const c_char,
    /// Length of `value` in bytes (without the NUL); 0 when `status` is not OK.
    pub len: usize,
}

/// The result block of a batch call: `count` items, in input order.
///
/// Owned by the caller: free it with `yinsi_batch_free`, which also frees every item's value (and
/// wipes detokenized values first), so no value pointer may be used after that. Read-only: it may be read from any thread.
#[repr(C)]
pub struct yinsi_batch {
    /// The items, `items[0]` .. `items[count - 1]`.
    pub items: *const yinsi_batch_item,
    /// The number of items (the number of inputs).
    pub count: usize,
}

/// The allocation behind a `yinsi_batch`: the public head first, so a head pointer is a block pointer.
#[repr(C)]
struct Block {
    head: yinsi_batch,
    items: Vec<yinsi_batch_item>,
    bytes: Vec<u8>,
    /// Whether the values are personal data (detokenized) and are wiped on free.
    wipe: bool,
}

impl Drop for Block {
    fn drop(&mut self) {
        if self.wipe {
            self.bytes.zeroize();
        }
    }
}

/// Packs the results into one block, in input order. `done` holds (status, length) for each input
/// that converted, in order; `bytes` their values one after another, each followed by a NUL.
fn pack(
    count: usize,
    failed: &[(usize, yinsi_status)],
    done: Vec<(yinsi_status, usize)>,
    bytes: Vec<u8>,
    wipe: bool,
) -> *mut yinsi_batch {
    let mut items = Vec::with_capacity(count);
    let mut done = done.into_iter();
    let mut failed = failed.iter().peekable();
    let base = bytes.as_ptr();
    let mut at = 0;
    for i in 0..count {
        let (status, len) = match failed.next_if(|(at, _)| *at == i) {
            Some(&(_, status)) => (status, 0),
            // The core returned too few results: a bug.
            None => done.next().unwrap_or((yinsi_status::Other, 0)),
        };
        items.push(if status == yinsi_status::Ok {
            // SAFETY: `at + len < bytes.len()` (the value and its NUL are in `bytes`), which is
            // moved into the block below and never resized.
            let value = unsafe { base.add(at) }.cast();
            at += len + 1;
            yinsi_batch_item { status, value, len }
        } else {
            yinsi_batch_item { status, value: std::ptr::null(), len: 0 }
        });
    }
    let head = yinsi_batch { items: items.as_ptr(), count: items.len() };
    Box::into_raw(Box::new(Block { head, items, bytes, wipe })).cast()
}

/// The inputs of a batch as text: the values that convert, in order, and the per-item failures
/// (index, status) of those that do not (NULL with a non-zero length, invalid UTF-8).
///
/// # Safety
/// `values` and `lens` are NULL (with `count` 0) or point to `count` items; each `values[i]` is
/// NULL or points to `lens[i]` readable bytes.
#[allow(clippy::type_complexity)]
unsafe fn inputs<'a>(
    values: *const *const u8,
    lens: *const usize,
    count: usize,
) -> FfiResult<(Vec<&'a str>, Vec<(usize, yinsi_status)>)> {
    // SAFETY: per the function contract.
    let ptrs = unsafe { array(values, count, "values") }?;
    // SAFETY: per the function contract.
    let lens = unsafe { array(lens, count, "lens") }?;
    let mut good = Vec::with_capacity(count);
    let mut failed = Vec::new();
    for (i, (&p, &n)) in ptrs.iter().zip(lens).enumerate() {
        // SAFETY: per the function contract.
        match unsafe { text(p, n, "values[i]") } {
            Ok(v) => good.push(v),
            Err(f) => failed.push((i, f.status())),
        }
    }
    Ok((good, failed))
}

enum Op {
    Tokenize,
    Detokenize,
}

/// # Safety
/// As the exported batch functions.
unsafe fn batch(
    op: Op,
    tokenizer: *const yinsi_tokenizer,
    kind_code: u32,
    values: *const *const u8,
    lens: *const usize,
    count: usize,
    context: *const u8,
    context_len: usize,
    version: Option<u32>,
    out: *mut *mut yinsi_batch,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    guard::status(error, || {
        // SAFETY: the caller's pointers, per the documented contract.
        let tk = &unsafe { handle(tokenizer, "tokenizer") }?.tk;
        let kind = kind(kind_code)?;
        // SAFETY: as above.
        let context = unsafe { bytes(context, context_len, "context") }?;
        let out = Out::new(out, "out")?;
        // SAFETY: as above.
        let (good, failed) = unsafe { inputs(values, lens, count) }?;
        let (op, wipe) = match op {
            Op::Tokenize => (Operation::Tokenize { version }, false),
            Op::Detokenize => (Operation::Detokenize { version }, true),
        };
        // One core call; each result is copied straight into the block's buffer (no String per
        // value). Values are never longer than their format-preserving tokens, so a detokenized
        // batch fits the reservation and leaves no unwiped copy behind a reallocation.
        let mut bytes = Vec::with_capacity(good.iter().map(|v| v.len() + 1).sum());
        let mut done = Vec::with_capacity(good.len());
        tk.apply_with(op, kind, &good, context, &mut |_, result| match result {
            Ok(v) => {
                bytes.extend_from_slice(v.as_bytes());
                bytes.push(0);
                done.push((yinsi_status::Ok, v.len()));
            }
            Err(e) => done.push((status_of(&e), 0)),
        });
        out.write(pack(count, &failed, done, bytes, wipe));
        Ok(())
    })
}

/// Tokenizes `count` values of one kind under one context, under the active key version.
///
/// `values[i]` points to `lens[i]` bytes of UTF-8 (NULL allowed when `lens[i]` is 0); `values` and
/// `lens` may be NULL when `count` is 0. On success `*out` receives one result block with `count`
/// items in input order; an item that fails has its own status (`YINSI_STATUS_INVALID_VALUE`,
/// `YINSI_STATUS_INVALID_UTF8`, `YINSI_STATUS_NULL_PARAMETER`, ...) and does not fail the call.
/// The call itself fails only for a bad handle, kind, context or array. Faster per value than
/// `yinsi_tokenize` where the kind batches its cipher work (`cn_mobile`).
#[no_mangle]
pub unsafe extern "C" fn yinsi_tokenize_batch(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    values: *const *const u8,
    lens: *const usize,
    count: usize,
    context: *const u8,
    context_len: usize,
    out: *mut *mut yinsi_batch,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    // SAFETY: the caller's pointers, per the documented contract.
    unsafe { batch(Op::Tokenize, tokenizer, kind, values, lens, count, context, context_len, None, out, error) }
}

/// As `yinsi_tokenize_batch`, under key `version`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_tokenize_batch_with_version(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    values: *const *const u8,
    lens: *const usize,
    count: usize,
    context: *const u8,
    context_len: usize,
    version: u32,
    out: *mut *mut yinsi_batch,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    // SAFETY: the caller's pointers, per the documented contract.
    unsafe {
        batch(Op::Tokenize, tokenizer, kind, values, lens, count, context, context_len, Some(version), out, error)
    }
}

/// Detokenizes `count` tokens of one kind under one context (arguments and result as
/// `yinsi_tokenize_batch`). Format-preserving tokens are read under the active key version.
#[no_mangle]
pub unsafe extern "C" fn yinsi_detokenize_batch(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    tokens: *const *const u8,
    lens: *const usize,
    count: usize,
    context: *const u8,
    context_len: usize,
    out: *mut *mut yinsi_batch,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    // SAFETY: the caller's pointers, per the documented contract.
    unsafe { batch(Op::Detokenize, tokenizer, kind, tokens, lens, count, context, context_len, None, out, error) }
}

/// As `yinsi_detokenize_batch`, for format-preserving tokens made under key `version`.
#[no_mangle]
pub unsafe extern "C" fn yinsi_detokenize_batch_with_version(
    tokenizer: *const yinsi_tokenizer,
    kind: u32,
    tokens: *const *const u8,
    lens: *const usize,
    count: usize,
    context: *const u8,
    context_len: usize,
    version: u32,
    out: *mut *mut yinsi_batch,
    error: *mut *mut yinsi_error,
) -> yinsi_status {
    // SAFETY: the caller's pointers, per the documented contract.
    unsafe {
        batch(Op::Detokenize, tokenizer, kind, tokens, lens, count, context, context_len, Some(version), out, error)
    }
}

/// Frees a result block and every value in it (wiping detokenized values first). NULL is a no-op. Free each
/// block at most once.
#[no_mangle]
pub unsafe extern "C" fn yinsi_batch_free(batch: *mut yinsi_batch) {
    guard::value((), || {
        if !batch.is_null() {
            // SAFETY: the pointer is the head of a Block made by `pack` and is freed at most once.
            drop(unsafe { Box::from_raw(batch.cast::<Block>()) });
        }
    })
}
