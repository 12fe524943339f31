//! Batch calls: arrays of (pointer, length) in, one result block out.

use std::ffi::c_char;

use zeroize::{Zeroize, Zeroizing};

use crate::error::{yinsi_error, yinsi_status};
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
/// Owned by the caller: free it with `yinsi_batch_free`, which also frees (and wipes) every item's
/// value, so no value pointer may be used after that. Read-only: it may be read from any thread.
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
    bytes: Zeroizing<Vec<u8>>,
}

/// Packs per-item results into one block: all values in one buffer, each NUL-terminated.
fn pack(results: Vec<Result<String, yinsi_status>>) -> *mut yinsi_batch {
    let total: usize = results.iter().map(|r| r.as_ref().map_or(0, |s| s.len() + 1)).sum();
    let mut buf = Zeroizing::new(Vec::with_capacity(total));
    let mut spans = Vec::with_capacity(results.len());
    for r in results {
        spans.push(match r {
            Ok(mut s) => {
                let at = buf.len();
                buf.extend_from_slice(s.as_bytes());
                buf.push(0);
                let len = s.len();
                s.zeroize();
                (yinsi_status::Ok, Some(at), len)
            }
            Err(status) => (status, None, 0),
        });
    }
    let base = buf.as_ptr();
    let items: Vec<yinsi_batch_item> = spans
        .into_iter()
        .map(|(status, at, len)| yinsi_batch_item {
            status,
            // SAFETY: `at` is an offset inside `buf`, which is never resized after this point.
            value: at.map_or(std::ptr::null(), |at| unsafe { base.add(at) }.cast()),
            len,
        })
        .collect();
    let head = yinsi_batch { items: items.as_ptr(), count: items.len() };
    Box::into_raw(Box::new(Block { head, items, bytes: buf })).cast()
}

/// The inputs of a batch as text, per item: NULL with a non-zero length and invalid UTF-8 are
/// per-item failures.
///
/// # Safety
/// `values` and `lens` are NULL (with `count` 0) or point to `count` items; each `values[i]` is
/// NULL or points to `lens[i]` readable bytes.
unsafe fn inputs<'a>(
    values: *const *const u8,
    lens: *const usize,
    count: usize,
) -> FfiResult<Vec<Result<&'a str, yinsi_status>>> {
    // SAFETY: per the function contract.
    let ptrs = unsafe { array(values, count, "values") }?;
    // SAFETY: per the function contract.
    let lens = unsafe { array(lens, count, "lens") }?;
    Ok(ptrs
        .iter()
        .zip(lens)
        // SAFETY: per the function contract.
        .map(|(&p, &n)| unsafe { text(p, n, "values[i]") }.map_err(|f| f.status()))
        .collect())
}

/// Runs `op` over the items that converted, and puts every result back in input order.
fn run(
    inputs: Vec<Result<&str, yinsi_status>>,
    op: impl FnOnce(&[&str]) -> Vec<yinsi_core::Result<String>>,
) -> Vec<Result<String, yinsi_status>> {
    let good: Vec<&str> = inputs.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
    let mut done = op(&good).into_iter().map(|r| r.map_err(|e| crate::error::status_of(&e)));
    inputs
        .into_iter()
        .map(|r| match r {
            Ok(_) => done.next().unwrap_or(Err(yinsi_status::Other)),
            Err(status) => Err(status),
        })
        .collect()
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
        let inputs = unsafe { inputs(values, lens, count) }?;
        let results = run(inputs, |good| match op {
            Op::Tokenize => tk.tokenize_batch_with_version(kind, good, context, version),
            Op::Detokenize => tk.detokenize_batch(kind, good, context, version),
        });
        out.write(pack(results));
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

/// Frees a result block and every value in it (wiping them first). NULL is a no-op. Free each
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
