//! The free-text scanner: one pass over the bytes, candidates checked by the kinds' validators.
//!
//! The loop looks at one byte class at a time: ASCII letters start a word that is skipped whole
//! (digits glued to letters are never a candidate) and may be an ASCII label; digits and the
//! prefixes `+`, `(`, `（`, `＋` start a number run; `@` starts an e-mail; a Han character may end
//! a label word or start an address. Everything else is skipped.

use std::sync::OnceLock;

use super::bytes::{digits_end, host_end, plain_end, short_digit_run, word_end};
use super::{Hit, Parsed, Scanner};
use crate::gazetteer::skip_blanks;
use crate::kinds::{self, is_bmp_han, is_han, valid_positions};
use crate::layout::{Positions, WordSet};
use crate::{gazetteer, Kind};

pub(crate) const CONF_CHECKED: f32 = 0.99;
const CONF_NUMBER: f32 = 0.95;
const CONF_LANDLINE: f32 = 0.9;
const CONF_LABEL: f32 = 0.85;
const CONF_GAZETTEER: f32 = 0.8;

/// A number run holds at most this many space-separated units; a longer run is cut there.
const MAX_UNITS: usize = 12;
/// Fewest digits a number value has (a landline with a 3-digit area code).
pub(crate) const MIN_DIGITS: usize = 10;
/// Most digits a number value has (a bank card).
const MAX_DIGITS: usize = 19;
/// Most bytes a number run may span; a longer run ends there (no value is that long).
const MAX_RUN_BYTES: usize = 1 << 16;
/// Most bytes an address may span (200 characters of 3 bytes).
const MAX_ADDRESS_BYTES: usize = 600;

/// Words that end a name or an address when they follow it directly.
const FIELD_WORDS: [&str; 24] = [
    "电话", "手机", "地址", "姓名", "信息", "邮箱", "座机", "身份", "证件", "号码", "联系", "电邮", "单位", "公司",
    "备注", "性别", "年龄", "卡号", "房号", "收件", "寄件", "运单", "订单", "邮编",
];

/// Decodes the 3-byte UTF-8 sequence at `i` (the caller saw a lead byte E0..EF).
#[inline]
fn decode3(b: &[u8], i: usize) -> Option<char> {
    if i + 2 >= b.len() {
        return None;
    }
    let c = ((b[i] as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F);
    char::from_u32(c)
}

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

#[inline]
fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{ff10}'..='\u{ff19}' => Some((c as u32 - 0xff10) as u8),
        _ => None,
    }
}

/// Whether a full-width digit (U+FF10..U+FF19, `EF BC 90..99`) starts at `i`.
#[inline]
fn full_width_digit_at(b: &[u8], i: usize) -> bool {
    matches!(b.get(i..i + 3), Some([0xEF, 0xBC, 0x90..=0x99]))
}

/// Whether an ASCII or full-width digit starts at byte `i`.
#[inline]
fn digit_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(c) if c.is_ascii_digit() => true,
        Some(0xEF) => full_width_digit_at(b, i),
        _ => false,
    }
}

/// Whether a word character starts at byte `i` (`false` at the end): an ASCII letter, digit or
/// `_`, or a full-width digit or Latin letter.
#[inline]
fn wordish_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric() || c == b'_',
        // U+FF10..FF19, U+FF21..FF3A (`EF BC 90..BA`) and U+FF41..FF5A (`EF BD 81..9A`).
        Some(0xEF) => matches!(b.get(i + 1..i + 3), Some([0xBC, 0x90..=0x99 | 0xA1..=0xBA] | [0xBD, 0x81..=0x9A])),
        _ => false,
    }
}

/// Scans `text` (at byte offset `base` of the caller's buffer) and appends its hits to `out`,
/// resolving overlaps among them.
///
/// Plain ASCII (everything but digits, `@ + ( = :` and a few rare bytes, see
/// [`is_stop`](super::bytes::is_stop)) is passed over eight bytes at a time. Runs of
/// non-ASCII characters are read one character at a time. `resumed` is where the last reader
/// handed back: letters from there on belong to words the scanner passed over, so a digit after
/// such a letter is inside a word (never a candidate), and a label word before `=`/`:` is read
/// back from the separator. A short run of digits that nothing continues (`00:03:22.700`) is
/// passed over here, with the byte after it when that byte starts nothing (see
/// [`short_run_end`]).
pub(crate) fn find(sc: &Scanner, text: &str, base: usize, out: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let first = out.len();
    let heads = heads();
    let mut i = 0;
    let mut resumed = 0;
    loop {
        i = plain_end(b, i);
        let Some(&c) = b.get(i) else { break };
        match c {
            0x80.. => i = non_ascii(sc, heads, text, i, base, out, &mut resumed),
            b'0'..=b'9' if i > resumed && is_word_letter(b[i - 1]) => {
                // Inside a word (`uid_5115023`, a hex trace id): skip the rest of it.
                i = word_end(b, i);
            }
            b'0'..=b'9' => {
                let (at, next) = match short_run_end(b, i) {
                    Some(ends) => ends,
                    None => {
                        let at = ascii_digits(sc, text, i, base, out);
                        (at, at)
                    }
                };
                resumed = at;
                i = next;
            }
            b'+' | b'(' => {
                i = numbers(sc, text, i, base, out);
                resumed = i;
            }
            b'@' => {
                i = email(sc, text, i, base, out);
                resumed = i;
            }
            // Most separators follow a digit or a word that is no label key: two bytes tell.
            b'=' | b':' if may_end_label_at(b, resumed, i) => {
                let next = label_word(sc, text, resumed, i, 1, base, out);
                if next > i + 1 {
                    resumed = next;
                }
                i = next;
            }
            // A separator after no label key, or a rare stop that starts nothing (see `is_stop`).
            _ => i += 1,
        }
    }
    resolve(out, first);
}

/// [`find`] of a text that is one number run from its first byte to its end (a JSON value under
/// a phone, ID or card key: `13812345678`, `+86 138 1234 5678`, `(0571)87654321`), without the
/// loop: the run's reader is called as `find`'s loop calls it at byte 0 (where `plain_end` stops
/// at once, as a digit, `+` and `(` are stops, and no word stands before), and when it reads to
/// the end, where that loop stops, its hit (if any) is `find`'s. A short run the loop passes over
/// ([`short_run_end`]) is read by [`ascii_digits`] to the same end with no hit. Returns `false`
/// (with `out` as it was) for any other text: the caller calls `find`. A test compares the two.
pub(crate) fn find_number(sc: &Scanner, text: &str, base: usize, out: &mut Vec<Hit>) -> bool {
    let b = text.as_bytes();
    let first = out.len();
    let end = match b.first() {
        Some(b'0'..=b'9') => ascii_digits(sc, text, 0, base, out),
        Some(b'+' | b'(') => numbers(sc, text, 0, base, out),
        _ => return false,
    };
    // Several hits (rare for one run) are left to `find`, which resolves their overlaps: no
    // second call of `resolve`, which `find` inlines.
    if end != b.len() || out.len() > first + 1 {
        out.truncate(first);
        return false;
    }
    true
}

/// What the byte after a run of ASCII digits tells [`short_run_end`]: the run may go on (ask the
/// number reader), it ends and the byte starts something ([`RUN_STOP`]), it ends and the byte
/// is plain text or a separator no label key stands before ([`RUN_PASS`]), or a dash or blank
/// ends it unless a digit follows ([`RUN_BLANK`]). [`RUN_STOP`] and [`RUN_PASS`] are also how
/// many bytes after the run scanning goes on (`at + 0`, `at + 1`): one addition, no branch.
const RUN_STOP: u8 = 0;
const RUN_PASS: u8 = 1;
const RUN_BLANK: u8 = 2;
const RUN_MAYBE: u8 = 3;

/// [`RUN_MAYBE`] and the others by byte, as [`run_continues`] reads the byte after a run: `X x`
/// and the lead bytes of `－ 转 U+3000`, full-width digits and `Ｘ ｘ` may continue it.
static RUN_END: [u8; 256] = {
    let mut t = [RUN_PASS; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'X' | b'x' | b'0'..=b'9' | 0xE3 | 0xE8 | 0xEF => RUN_MAYBE,
            b'-' | b' ' => RUN_BLANK,
            // A `=` or `:` after a digit is no label's (see `may_end_label_at`): passed over.
            b'+' | b'(' | b'@' | 0x80.. => RUN_STOP,
            _ => RUN_PASS,
        };
        c += 1;
    }
    t
};

// A run read by `short_run_end` (at most seven digits) holds no value.
const _: () = assert!(MIN_DIGITS > 7);

/// The run of ASCII digits at `i` (not inside a word) when it is shorter than any value and
/// nothing continues it (times, dates, IPs, amounts): `(end, next)`, where the run ends and
/// where scanning goes on (after the byte that ends it when that byte is plain text, or `=`/`:`
/// after a digit). [`ascii_digits`] reads such a run to the same end and finds nothing in it; a
/// test compares the two. `None`: the run is left to [`ascii_digits`].
#[inline]
fn short_run_end(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let (k, rest) = short_digit_run(b, i)?;
    let at = i + k;
    match RUN_END[rest as u8 as usize] {
        // RUN_STOP or RUN_PASS.
        t @ ..=RUN_PASS => Some((at, at + t as usize)),
        // A dash or blank continues the run before a digit (ASCII, or full-width: lead byte EF).
        RUN_BLANK if k < 7 => {
            let after = (rest >> 8) as u8;
            (!after.is_ascii_digit() && after != 0xEF).then_some((at, at + 1))
        }
        _ => None,
    }
}

/// What byte `c` before a separator says of a label key ending there ([`may_end_label_at`]):
/// [`LABEL_NO`], [`LABEL_MAYBE`] (a blank, a quote, the last byte of U+3000: [`label_word`] reads
/// back over them), or for the last letter of `name`, `address` or `addr` (any case) the letter
/// before it, in lower case.
static LABEL_END: [u8; 256] = {
    let mut t = [LABEL_NO; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match (c as u8).to_ascii_lowercase() {
            b'e' => b'm',
            b's' => b's',
            b'r' => b'd',
            b' ' | b'\t' | b'"' | b'\'' | 0x80 => LABEL_MAYBE,
            _ => LABEL_NO,
        };
        c += 1;
    }
    t
};

const LABEL_NO: u8 = 0;
const LABEL_MAYBE: u8 = 1;

/// Whether a label key may end right before the separator at `i`, read from `resumed` on (as
/// [`label_word`] reads it): the byte before the separator is a blank, a quote or the last byte
/// of U+3000 (the key may stand before them), or it and the letter before it end `name`,
/// `address` or `addr` (`me`, `ss`, `dr`, any case) in a word long enough for one. Most keys
/// before `=` or `:` fail here (`user=`, `trace=`, `status=`) without a call to [`label_word`];
/// a test compares the scanner's loop with one that calls it after any `e`, `s` or `r`.
#[inline]
fn may_end_label_at(b: &[u8], resumed: usize, i: usize) -> bool {
    if i <= resumed {
        return false;
    }
    // `| 0x20` folds a letter's case and moves no other byte onto a letter.
    match LABEL_END[b[i - 1] as usize] {
        LABEL_NO => false,
        LABEL_MAYBE => true,
        before => i >= resumed + 4 && b[i - 2] | 0x20 == before,
    }
}

/// Whether ASCII byte `c` continues a word but cannot start a number: a letter or `_`.
#[inline]
fn is_word_letter(c: u8) -> bool {
    WORD_LETTER[c as usize]
}

/// [`is_word_letter`] by byte: one load where the two tests cost five operations.
static WORD_LETTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphabetic() || c as u8 == b'_';
        c += 1;
    }
    t
};

/// Reads non-ASCII characters from `i` up to the next ASCII byte (or a reader's end); returns where
/// scanning goes on.
#[allow(clippy::too_many_arguments)]
fn non_ascii(
    sc: &Scanner,
    heads: &Heads,
    text: &str,
    mut i: usize,
    base: usize,
    out: &mut Vec<Hit>,
    resumed: &mut usize,
) -> usize {
    let b = text.as_bytes();
    let stops = &*heads.stops;
    loop {
        // `b[i..]` first: no test that `i + 3` overflows.
        let Some(&[c, c1, c2]) = b.get(i..).and_then(<[u8]>::first_chunk) else {
            // Fewer than three bytes left: ASCII, or a character that starts nothing.
            return match b.get(i) {
                Some(&c) if c < 0x80 => i,
                _ => b.len(),
            };
        };
        // Most characters of Chinese text start nothing: one bit test (see `Heads::stops`), with
        // no test of the lead byte first.
        if stops[(c as usize) << 6 | (c1 as usize & 0x3F)] >> (c2 & 0x3F) & 1 == 0 {
            i += 3;
            continue;
        }
        // The code point of a three-byte character is row << 6 | c2 & 63: the row and bit index
        // the BMP bitmaps directly. Any other lead byte gives a row out of range: the ASCII byte
        // that ends the run is told apart only then (marked three-byte chars are more common).
        let row = ((c as usize) << 6 | (c1 as usize & 0x3F)).wrapping_sub(0xE0 << 6);
        if row >= 1024 {
            if c < 0x80 {
                break;
            }
            // Two- and four-byte characters start nothing (nor do stray continuation bytes).
            i += match c {
                0xC2..=0xDF => 2,
                0xF0..=0xF4 => 4,
                _ => 1,
            };
            continue;
        }
        i = interesting_char(sc, heads, text, i, row, c2, base, out, resumed);
        // A reader may stop on an ASCII byte: the caller goes on from there.
    }
    i
}

/// Reads the three-byte character at `i` that [`Heads::stops`] marks (`row` and its last byte
/// `c2` index the BMP bitmaps, as in [`non_ascii`]) with the reader it may start; returns where
/// scanning goes on, and sets `resumed` there when a reader ran.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn interesting_char(
    sc: &Scanner,
    heads: &Heads,
    text: &str,
    i: usize,
    row: usize,
    c2: u8,
    base: usize,
    out: &mut Vec<Hit>,
    resumed: &mut usize,
) -> usize {
    let b = text.as_bytes();
    let cp = (row as u32) << 6 | (c2 as u32 & 0x3F);
    // A char that can only start an address: test the pair filter here, not after the
    // dispatch (a fifth of the chars of Chinese text start some region name, and few pairs do).
    // (A rotation, not a shift: the test of a shifted-in mask would be hoisted into the loop.)
    if heads.always[row].rotate_right(c2 as u32) & 1 == 0 && !heads.may_pair(b, i) {
        return i + 3;
    }
    // The code point is matched as a number: text is valid UTF-8, so `cp` is a char (no
    // surrogate), and no conversion is needed.
    const OPEN: u32 = '（' as u32;
    const PLUS: u32 = '＋' as u32;
    const COLON: u32 = '：' as u32;
    let next = match cp {
        0xFF10..=0xFF19 | OPEN | PLUS => numbers(sc, text, i, base, out),
        COLON if may_end_label_at(b, *resumed, i) => label_word(sc, text, *resumed, i, 3, base, out),
        COLON => i + 3,
        // Every other char `stops` marks is Han, `名` `人` `址` or the first char of a region
        // name (a test checks): no `is_han` test.
        _ => han(sc, heads, text, i, cp, base, out),
    };
    *resumed = next;
    next
}

/// Applies the overlap rule to `out[first..]`: leftmost, then longest, then kind order.
fn resolve(out: &mut Vec<Hit>, first: usize) {
    let hits = &mut out[first..];
    if hits.len() < 2 {
        return;
    }
    if !hits.windows(2).all(|w| w[0].end <= w[1].start) {
        hits.sort_by(|a, b| {
            a.start.cmp(&b.start).then((b.end - b.start).cmp(&(a.end - a.start))).then(a.kind.cmp(&b.kind))
        });
        let mut keep = first;
        let mut end = 0;
        for k in first..out.len() {
            if k == first || out[k].start >= end {
                end = out[k].end;
                out.swap(keep, k);
                keep += 1;
            }
        }
        out.truncate(keep);
    }
}

#[cfg(test)]
pub(crate) fn resolve_for_test(hits: &mut Vec<Hit>) {
    resolve(hits, 0);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// A space-separated unit of a number run: `start..end` relative to the start of the run, its
/// digit count. `u32` (a run is at most [`MAX_RUN_BYTES`] long): twelve units fit in 144 bytes,
/// set up with a few stores for every number run.
#[derive(Clone, Copy, Default)]
struct Unit {
    start: u32,
    end: u32,
    digits: u32,
}

impl Unit {
    fn at(offset: usize) -> Unit {
        Unit { start: offset as u32, end: offset as u32, digits: 0 }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of a unit.
    Start,
    /// After a digit.
    Digit,
    /// After a dash or `转` (a digit must follow).
    Dash,
    /// After a country prefix `+86` / `(+86)`.
    Country,
    /// After a parenthesised area code.
    Close,
}

/// Reads the prefix forms at `i`: returns (bytes consumed, country prefix?) or `None`.
fn run_prefix(s: &str, i: usize) -> Option<(usize, bool)> {
    let rest = &s.as_bytes()[i..];
    let c = char_at(s, i)?;
    match c {
        '+' | '＋' => {
            let n = c.len_utf8();
            (rest.get(n..n + 2) == Some(b"86")).then_some((n + 2, true))
        }
        '(' | '（' => {
            let n = c.len_utf8();
            let inner = &s[i + n..];
            let close = |t: &str| -> Option<usize> {
                let c = t.chars().next()?;
                matches!(c, ')' | '）').then_some(c.len_utf8())
            };
            if let Some(t) = inner.strip_prefix("+86").or_else(|| inner.strip_prefix("＋86")) {
                let used = inner.len() - t.len();
                return close(t).map(|k| (n + used + k, true));
            }
            let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
            if (3..=4).contains(&digits) && inner.starts_with('0') {
                return close(&inner[digits..]).map(|k| (n + digits + k, false));
            }
            None
        }
        _ => Some((0, false)),
    }
}

/// The number run that starts with the ASCII digit at `i`. Most runs are ASCII digits that
/// nothing continues (times, amounts, ids, and most values): one unit, read here, in the
/// scanner's loop; a run that goes on is read by [`dashed_unit`].
#[inline(always)]
fn ascii_digits(sc: &Scanner, s: &str, i: usize, base: usize, out: &mut Vec<Hit>) -> usize {
    let bytes = s.as_bytes();
    let at = digits_end(bytes, i + 1);
    if run_continues(bytes, at) {
        // The date of a log line's time stamp (`2026-11-29 13:05`): a unit no value spans (see
        // `numbers`), so the run is read on from after it, without the unit machinery. Only
        // where the date ends its unit: at a space (a new unit) or where no run goes on.
        if at - i == 4 && bytes.get(i..i + 10).is_some_and(is_iso_date) {
            let next = i + 10;
            if bytes.get(next) == Some(&b' ') || !(digit_at(bytes, next) || run_continues(bytes, next)) {
                return next;
            }
        }
        return dashed_unit(sc, s, i, at - i, at, false, base, out);
    }
    if (MIN_DIGITS..=MAX_DIGITS).contains(&(at - i)) && !glued_before(s, i) && !glued_after(s, at) {
        if let Some((kind, positions)) = classify(sc, &s[i..at], at - i, false, false) {
            out.push(Hit { parsed: number_parsed(positions), ..Hit::new(base + i, base + at, kind, confidence(kind)) });
        }
    }
    at
}

/// The number run at `i` whose ASCII digits `i..at` something continues. Most such runs are
/// ASCII digit groups joined by single dashes, blanks or `转`, maybe ending in `X`
/// (`138-1234-5678`, `010-62345678`, `138 1234 5678`, `6222 0212 3456 7890`, an ID with its `X`,
/// `0571-87654321转801`): read here, once, without the unit machinery of [`numbers`], which
/// reads the others (a full-width form in the run) from `i` again. The run is read as `numbers`
/// reads it: a dash or `转` continues a unit before a digit, a blank starts a new one, an `X`
/// ends the run (taken when no word character follows), and a run longer than
/// [`MAX_RUN_BYTES`] holds no value. A run of several units
/// whose whole is a value (the usual case) is reported here; `numbers` reads the rest again (a
/// unit that is a date, a glued run, more than `MAX_UNITS - 1` units, or a value inside the
/// run but not the whole). A test compares the two readings.
///
/// The run starts at `i`; its first unit, read up to `at`, holds `digits` digits: ASCII digits
/// right after `i`, after an ASCII country prefix (`+86`, `+86 `, `+86-`) when `country`, whose
/// `86` is no digit of the value, or after an area code in parentheses (see [`area_code`]),
/// whose digits are.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn dashed_unit(
    sc: &Scanner,
    s: &str,
    i: usize,
    mut digits: usize,
    mut at: usize,
    country: bool,
    base: usize,
    out: &mut Vec<Hit>,
) -> usize {
    let bytes = s.as_bytes();
    let mut has_x = false;
    // Space-separated units so far, and where the last one starts.
    let mut units = 1;
    let mut unit_start = i;
    loop {
        if at - i > MAX_RUN_BYTES {
            if units > 1 || country {
                return numbers_read(sc, s, i, base, out);
            }
            // One giant run of digits holds no value.
            return at;
        }
        match bytes.get(at) {
            Some(&c @ (b'-' | b' ')) if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => {
                if c == b' ' {
                    if units == MAX_UNITS - 1 || is_date_unit(&bytes[unit_start..at]) {
                        return numbers_read(sc, s, i, base, out);
                    }
                    units += 1;
                    unit_start = at + 1;
                }
                let next = digits_end(bytes, at + 2);
                digits += next - at - 1;
                at = next;
            }
            // `转` continues a unit as a dash does (a landline's extension).
            Some(0xE8)
                if bytes.get(at..at + 3) == Some("转".as_bytes())
                    && bytes.get(at + 3).is_some_and(u8::is_ascii_digit) =>
            {
                let next = digits_end(bytes, at + 4);
                digits += next - at - 3;
                at = next;
            }
            Some(b'X' | b'x') => {
                if !wordish_at(bytes, at + 1) {
                    at += 1;
                    has_x = true;
                }
                break;
            }
            _ if run_continues(bytes, at) => return numbers_read(sc, s, i, base, out),
            _ => break,
        }
    }
    if units > 1 {
        return grouped_units(sc, s, i, at, digits, has_x, country, unit_start, base, out);
    }
    if (MIN_DIGITS..=MAX_DIGITS).contains(&digits) && !glued_before(s, i) && !glued_after(s, at) {
        // A run with a dash, `转`, an `X` or a prefix in it is no plain one: straight to
        // `classify_written`, as `classify` would send it (its digit count is checked here).
        let slice = &s[i..at];
        let read = if has_x || slice.len() != digits {
            classify_written(sc, slice, digits, has_x, country)
        } else {
            classify(sc, slice, digits, has_x, country)
        };
        if let Some((kind, positions)) = read {
            out.push(Hit { parsed: number_parsed(positions), ..Hit::new(base + i, base + at, kind, confidence(kind)) });
        }
    }
    at
}

/// [`dashed_unit`] for a run `i..at` of several units (the last from `last`), read to its end,
/// with `digits` digits, an `X` when `has_x` and a country prefix when `country`: the run's
/// whole as [`numbers`] tries it first; any other case goes to [`numbers_read`].
#[allow(clippy::too_many_arguments)]
fn grouped_units(
    sc: &Scanner,
    s: &str,
    i: usize,
    at: usize,
    digits: usize,
    has_x: bool,
    country: bool,
    last: usize,
    base: usize,
    out: &mut Vec<Hit>,
) -> usize {
    if digits < MIN_DIGITS {
        // No value of any kind has fewer digits (see `classify`).
        return at;
    }
    if digits <= MAX_DIGITS && !is_date_unit(&s.as_bytes()[last..at]) && !glued_before(s, i) && !glued_after(s, at) {
        // A blank in it: no plain run, so `classify` would send it to `classify_written`.
        if let Some((kind, positions)) = classify_written(sc, &s[i..at], digits, has_x, country) {
            out.push(Hit { parsed: number_parsed(positions), ..Hit::new(base + i, base + at, kind, confidence(kind)) });
            return at;
        }
    }
    numbers_read(sc, s, i, base, out)
}

/// Whether a unit of a number run (ASCII digits and dashes) is an ISO date, which no value spans
/// (see [`numbers`]).
#[inline]
fn is_date_unit(unit: &[u8]) -> bool {
    unit.len() == 10 && is_iso_date(unit)
}

/// Reads the number run at `i` and reports the values in it; returns where scanning goes on.
/// A run that starts with an ASCII digit comes here through [`ascii_digits`]. A run after an
/// ASCII country prefix (`+8613812345678`, `+86 138 1234 5678`, `(+86)13812345678`) is read by
/// [`dashed_unit`] when an ASCII digit follows the prefix, and so is one after an area code in parentheses
/// (`(0571)87654321`, see [`area_code`]); a run of full-width digits that nothing continues by
/// [`wide_digits`]; the others by [`numbers_read`].
fn numbers(sc: &Scanner, s: &str, i: usize, base: usize, out: &mut Vec<Hit>) -> usize {
    let bytes = s.as_bytes();
    // An ASCII country prefix, `+86` or `(+86)`: its bytes.
    let prefix = match bytes.get(i..i + 5) {
        Some(b"(+86)") => 5,
        _ => 3 * (bytes[i] == b'+' && bytes.get(i + 1..i + 3) == Some(b"86")) as usize,
    };
    if prefix > 0 {
        // As `numbers_read` reads it: a blank or dash after the prefix continues the run's first
        // unit before a digit.
        let first = i + prefix + matches!(bytes.get(i + prefix), Some(b' ' | b'-')) as usize;
        if bytes.get(first).is_some_and(u8::is_ascii_digit) {
            let at = digits_end(bytes, first + 1);
            return dashed_unit(sc, s, i, at - first, at, true, base, out);
        }
    }
    if let Some((area, first)) = area_code(bytes, i) {
        let at = digits_end(bytes, first + 1);
        return dashed_unit(sc, s, i, area + at - first, at, false, base, out);
    }
    if let Some(at) = wide_digits(sc, s, i, base, out) {
        return at;
    }
    numbers_read(sc, s, i, base, out)
}

/// The area code in parentheses at `i` (`(0571)`, `（010）`: `(` or `（`, three or four ASCII
/// digits from `0`, `)` or `）`) when an ASCII digit follows it: its digits and where that digit
/// is. [`numbers_read`] reads such a prefix (see [`run_prefix`]) as the start of the run's first
/// unit, then reads on as after a digit, as [`dashed_unit`] does; `None` for any other start.
#[inline]
fn area_code(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let open = match b.get(i..)? {
        [b'(', ..] => i + 1,
        [0xEF, 0xBC, 0x88, ..] => i + 3,
        _ => return None,
    };
    if b.get(open) != Some(&b'0') {
        return None;
    }
    let close = digits_end(b, open + 1);
    let first = match b.get(close..)? {
        [b')', ..] => close + 1,
        [0xEF, 0xBC, 0x89, ..] => close + 3,
        _ => return None,
    };
    let area = close - open;
    ((3..=4).contains(&area) && b.get(first).is_some_and(u8::is_ascii_digit)).then_some((area, first))
}

/// The number run at `i` when it is full-width digits alone (`１３８１２３４５６７８`) that
/// nothing continues: one unit, read here with its values, where [`numbers_read`] spent some
/// forty instructions a character. `None` (nothing read) for any other run: one that does not
/// start with a full-width digit, goes on (an ASCII digit, or what [`run_continues`] tells), or
/// is longer than any value plus one; `numbers_read` reads those. A test compares the two.
fn wide_digits(sc: &Scanner, s: &str, i: usize, base: usize, out: &mut Vec<Hit>) -> Option<usize> {
    let b = s.as_bytes();
    let mut v = [0u8; MAX_DIGITS + 1];
    let mut n = 0;
    let mut at = i;
    while let Some(&[0xEF, 0xBC, c @ 0x90..=0x99]) = b.get(at..at + 3) {
        *v.get_mut(n)? = c - 0x90;
        n += 1;
        at += 3;
    }
    if n == 0 || b.get(at).is_some_and(u8::is_ascii_digit) || run_continues(b, at) {
        return None;
    }
    if (MIN_DIGITS..=MAX_DIGITS).contains(&n) && !glued_before(s, i) && !glued_after(s, at) {
        if let Some((kind, positions)) = classify_plain::<true>(sc, &s[i..at], &v[..n], false) {
            out.push(Hit { parsed: number_parsed(positions), ..Hit::new(base + i, base + at, kind, confidence(kind)) });
        }
    }
    Some(at)
}

/// [`numbers`] for any written form: reads the run at `i` unit by unit and tries the values in
/// it, longest first.
fn numbers_read(sc: &Scanner, s: &str, i: usize, base: usize, out: &mut Vec<Hit>) -> usize {
    let bytes = s.as_bytes();
    let (skip, pre, country) = if bytes[i].is_ascii_digit() {
        (i + 1, 0, false)
    } else {
        let skip = i + char_at(s, i).map_or(1, char::len_utf8);
        let Some((pre, country)) = run_prefix(s, i) else {
            return skip;
        };
        (skip, pre, country)
    };
    let mut units = [Unit::default(); MAX_UNITS];
    let mut n = 0;
    let mut unit = Unit::at(0);
    let mut prev = if pre == 0 {
        Prev::Start
    } else if country {
        Prev::Country
    } else {
        Prev::Close
    };
    if pre > 0 && !country {
        unit.digits = s[i..i + pre].bytes().filter(u8::is_ascii_digit).count() as u32;
    }
    let mut at = i + pre;
    let mut has_x = false;
    loop {
        // Fast path: ASCII digits.
        let run_end = digits_end(bytes, at);
        if run_end - i > MAX_RUN_BYTES {
            if n == 0 {
                // One giant run of digits holds no value.
                return run_end;
            }
            // End the run before it: the units so far are complete.
            break;
        }
        if run_end > at {
            unit.digits += (run_end - at) as u32;
            at = run_end;
            prev = Prev::Digit;
        }
        // Only `X x - space`, full-width digits, `Ｘ ｘ －`, `转` and U+3000 continue a run. Read
        // on bytes: the run loop runs for every date and time of a log line.
        let (c, len) = match bytes.get(at) {
            Some(&c @ (b'X' | b'x' | b'-' | b' ')) => (c as char, 1),
            Some(0xE3 | 0xE8 | 0xEF) => match decode3(bytes, at) {
                Some(c) => (c, 3),
                None => break,
            },
            _ => break,
        };
        if matches!(c, '\u{ff10}'..='\u{ff19}') {
            at += len;
            unit.digits += 1;
            prev = Prev::Digit;
            continue;
        }
        let next_digit = digit_at(bytes, at + len);
        match c {
            'X' | 'x' | 'Ｘ' | 'ｘ' if prev == Prev::Digit => {
                if !wordish_at(bytes, at + len) {
                    at += len;
                    has_x = true;
                }
                break;
            }
            '-' | '－' if next_digit && matches!(prev, Prev::Digit | Prev::Close | Prev::Country) => {
                at += len;
                prev = Prev::Dash;
            }
            '转' if next_digit && prev == Prev::Digit => {
                at += len;
                prev = Prev::Dash;
            }
            ' ' | '\u{3000}' if next_digit && prev == Prev::Country => {
                at += len;
                prev = Prev::Dash;
            }
            ' ' | '\u{3000}' if next_digit && matches!(prev, Prev::Digit | Prev::Close) => {
                unit.end = (at - i) as u32;
                units[n] = unit;
                n += 1;
                at += len;
                unit = Unit::at(at - i);
                prev = Prev::Start;
                if n == MAX_UNITS - 1 {
                    break;
                }
            }
            _ => break,
        }
    }
    if unit.digits > 0 {
        unit.end = (at - i) as u32;
        units[n] = unit;
        n += 1;
    }
    if n == 0 {
        return skip;
    }
    let end = i + units[n - 1].end as usize;
    if (units[..n].iter().map(|u| u.digits).sum::<u32>() as usize) < MIN_DIGITS {
        // No value of any kind has fewer digits (see `classify`).
        return end.max(skip);
    }
    let glued_before = glued_before(s, i);
    let glued_after = glued_after(s, end);
    // Units that are dates (`2026-11-29 13812345678`, `1990-01-01 123`): no value spans them.
    let dates = units[..n]
        .iter()
        .enumerate()
        .filter(|(_, u)| u.digits == 8 && u.end - u.start == 10)
        .filter(|(_, u)| is_iso_date(&bytes[i + u.start as usize..i + u.end as usize]))
        .fold(0u32, |m, (k, _)| m | 1 << k);
    // A run of four-digit groups and a last group of at most four (`6222 0212 3456 7890 128`,
    // `1101 0519 4912 3100 2X`) is one number, grouped the way card numbers are: its value is the
    // whole run, or a tail of four groups or more (a card after another number: `1707 6222 0212
    // 3456 7890`), never a shorter piece (`0519 4912 3100` inside it is no landline).
    let grouped =
        n >= 4 && units[..n - 1].iter().all(|u| u.digits == 4 && u.end - u.start == 4) && units[n - 1].digits <= 4;
    let (last_start, first_end) = if grouped { (n - 3, n) } else { (n, 1) };
    let mut a = 0;
    while a < n {
        if a > 0 && a >= last_start {
            break;
        }
        let mut found = None;
        if !(a == 0 && glued_before) {
            let mut b = n;
            while b > a && b >= first_end {
                // Units a..b as bits (b <= MAX_UNITS).
                let range = ((1u32 << b) - 1) & !((1u32 << a) - 1);
                let spans_date = dates & range != 0;
                if !(spans_date || b == n && glued_after) {
                    let digits = units[a..b].iter().map(|u| u.digits).sum::<u32>() as usize;
                    if digits <= 20 {
                        let slice = &s[i + units[a].start as usize..i + units[b - 1].end as usize];
                        let x = has_x && b == n;
                        if let Some(read) = classify(sc, slice, digits, x, country && a == 0) {
                            found = Some((b, read));
                            break;
                        }
                    }
                }
                b -= 1;
            }
        }
        match found {
            Some((b, (kind, positions))) => {
                let (start, end) = (base + i + units[a].start as usize, base + i + units[b - 1].end as usize);
                out.push(Hit { parsed: number_parsed(positions), ..Hit::new(start, end, kind, confidence(kind)) });
                a = b;
            }
            None => a += 1,
        }
    }
    end.max(skip)
}

/// What a number hit keeps of its reading (see [`Parsed`]).
fn number_parsed(positions: Option<Positions>) -> Parsed {
    positions.map_or(Parsed::Nothing, Parsed::Number)
}

/// Whether the number run reading ASCII digits up to `at` goes on there (see the loop in
/// [`numbers`]): `X`, a full-width digit, or a dash, blank or `转` before a digit.
#[inline(always)]
fn run_continues(b: &[u8], at: usize) -> bool {
    match b.get(at) {
        Some(b'X' | b'x') => true,
        Some(b'-' | b' ') => digit_at(b, at + 1),
        Some(0xE3 | 0xE8 | 0xEF) => match decode3(b, at) {
            Some('\u{ff10}'..='\u{ff19}' | 'Ｘ' | 'ｘ') => true,
            Some('－' | '转' | '\u{3000}') => digit_at(b, at + 3),
            _ => false,
        },
        _ => false,
    }
}

/// Whether `b` is exactly an ISO date `YYYY-MM-DD` (years 1900-2099): a unit of a number run
/// that no phone, card or ID number is written like.
pub(crate) fn is_iso_date(b: &[u8]) -> bool {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else { return false };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
    if !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |hi: u8, lo: u8| (hi - b'0') * 10 + (lo - b'0');
    matches!(n(y0, y1), 19 | 20) && (1..=12).contains(&n(m0, m1)) && (1..=31).contains(&n(d0, d1))
}

/// The confidence of a number value of `kind`.
fn confidence(kind: Kind) -> f32 {
    match kind {
        Kind::CnId => CONF_CHECKED,
        Kind::CnLandline => CONF_LANDLINE,
        _ => CONF_NUMBER,
    }
}

/// Whether the number run starting at `i` is glued to what stands before it: a word character
/// (see [`wordish_at`]), or `.` `-` `/` `#` `%` after one (`v1.13812345678`). Read on bytes;
/// inlined, as every candidate run asks it (some 48,000 on the slice).
#[inline(always)]
fn glued_before(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    match i.checked_sub(1).map(|j| b[j]) {
        Some(b'.' | b'-' | b'/' | b'#' | b'%') => wordish_before(b, i - 1),
        Some(_) => wordish_before(b, i),
        None => false,
    }
}

/// Whether the number run ending at `end` is glued to what follows: a word character, `@`, or
/// `.` `:` `/` `-` `%` before an ASCII digit (`13812345678.5`, times, ratios). Read on bytes.
fn glued_after(s: &str, end: usize) -> bool {
    let b = s.as_bytes();
    match b.get(end) {
        Some(b'@') => true,
        Some(b'.' | b':' | b'/' | b'-' | b'%') => b.get(end + 1).is_some_and(u8::is_ascii_digit),
        _ => wordish_at(b, end),
    }
}

/// [`wordish_at`] for the char that ends at byte `i` of UTF-8 text (`false` at the start). The
/// non-ASCII word characters are three bytes with lead byte `EF`; in UTF-8 a lead byte `EF` at
/// `i - 3` starts the char that ends at `i`.
#[inline]
fn wordish_before(b: &[u8], i: usize) -> bool {
    match i.checked_sub(1).map(|j| b[j]) {
        None => false,
        Some(c) if c < 0x80 => c.is_ascii_alphanumeric() || c == b'_',
        Some(_) => i >= 3 && b[i - 3] == 0xEF && wordish_at(b, i - 3),
    }
}

/// The kind of a number candidate, checked with the kind's own reader, and where the reader
/// found its significant characters. A candidate of ASCII digits alone (most of them) is
/// checked on its digit values by [`classify_plain`], one of ASCII digit groups by
/// [`classify_grouped`], any other by [`classify_read`] (see [`classify_written`]).
fn classify(sc: &Scanner, slice: &str, digits: usize, has_x: bool, country: bool) -> Option<(Kind, Option<Positions>)> {
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
        return None;
    }
    if !has_x && slice.len() == digits {
        let mut v = [0u8; 24];
        if ascii_digit_values(slice.as_bytes(), &mut v) {
            return classify_plain::<false>(sc, slice, &v[..digits], country);
        }
    }
    classify_written(sc, slice, digits, has_x, country)
}

/// [`classify`] for a candidate that is not plain digits: by [`classify_plain`] if it is
/// full-width digits alone (`１３８１２３４５６７８`), by [`classify_grouped`] if it reads as
/// [`Grouped`], else by the kinds' readers. Apart, so that the plain path stays small.
#[inline(never)]
fn classify_written(
    sc: &Scanner,
    slice: &str,
    digits: usize,
    has_x: bool,
    country: bool,
) -> Option<(Kind, Option<Positions>)> {
    if !has_x && slice.len() == 3 * digits {
        if let Some(v) = wide_digit_values(slice.as_bytes()) {
            return classify_plain::<true>(sc, slice, &v[..digits], country);
        }
    }
    let mut g = Grouped::EMPTY;
    if g.read(slice.as_bytes(), digits, has_x, country) {
        return classify_grouped(sc, &g, digits, has_x, country);
    }
    classify_read(sc, slice, digits, has_x, country)
}

/// Writes the values of `b`, eight to [`MAX_DIGITS`] ASCII digits (a candidate has
/// [`MIN_DIGITS`] or more), to the start of `v` (what is after them stays as it was); `false`
/// (nothing written) if a byte is no digit or the length is out of that range. Written in
/// place: an `Option<[u8; 24]>` returned was copied once more on every plain candidate.
/// Three words of eight bytes (the last two may overlap), each XORed with `0x30`: a digit's
/// byte is then its value, and [`not_digit_bytes`] marks any other byte. A test compares this
/// with a loop per byte.
#[inline]
fn ascii_digit_values(b: &[u8], v: &mut [u8; 24]) -> bool {
    let n = b.len();
    if !(8..=MAX_DIGITS).contains(&n) {
        return false;
    }
    let word = |k: usize| b.get(k..k + 8).map(|w| u64::from_le_bytes(w.try_into().unwrap_or([0; 8])) ^ ZEROS);
    let (mid, last) = (8.min(n - 8), n - 8);
    let (Some(w0), Some(w1), Some(w2)) = (word(0), word(mid), word(last)) else { return false };
    if not_digit_bytes(w0) | not_digit_bytes(w1) | not_digit_bytes(w2) != 0 {
        return false;
    }
    v[..8].copy_from_slice(&w0.to_le_bytes());
    v[mid..mid + 8].copy_from_slice(&w1.to_le_bytes());
    v[last..last + 8].copy_from_slice(&w2.to_le_bytes());
    true
}

/// `0x30` in each byte: the XOR that turns an ASCII digit's byte into its value.
const ZEROS: u64 = 0x3030_3030_3030_3030;

/// Per byte of a word XORed with [`ZEROS`]: the high bit set for every byte that was no ASCII
/// digit, exactly (the value 10 and above, or the high bit; the low seven bits plus `0x76`
/// stay below `0x100`, so no byte carries into the next).
#[inline]
fn not_digit_bytes(t: u64) -> u64 {
    (((t & 0x7F7F_7F7F_7F7F_7F7F) + 0x7676_7676_7676_7676) | t) & 0x8080_8080_8080_8080
}

/// The values of `b`, at most [`MAX_DIGITS`] full-width digits (U+FF10..U+FF19, `EF BC 90..99`),
/// or `None` if a character is no such digit.
fn wide_digit_values(b: &[u8]) -> Option<[u8; 24]> {
    if b.len() % 3 != 0 || b.len() > 3 * MAX_DIGITS {
        return None;
    }
    let mut v = [0u8; 24];
    for (d, c) in v.iter_mut().zip(b.chunks_exact(3)) {
        let [0xEF, 0xBC, c @ 0x90..=0x99] = *c else { return None };
        *d = c - 0x90;
    }
    Some(v)
}

/// [`classify_read`] for a candidate `slice` written as ASCII digits alone, or as full-width
/// digits alone when `WIDE`, with their values `v`: the same tests in the same order, but an
/// ID, a card and an 11-digit mobile are checked on the values (their readers would give every
/// character as a position: every byte, or every third byte when `WIDE`); the other cases go
/// to the kinds' readers. A test compares the two on generated candidates.
fn classify_plain<const WIDE: bool>(
    sc: &Scanner,
    slice: &str,
    v: &[u8],
    country: bool,
) -> Option<(Kind, Option<Positions>)> {
    let n = v.len();
    // Bit `3k` for the character `k` of a full-width candidate (at most 19, within 64 bytes).
    const WIDE_BITS: u64 = 0x9249_2492_4924_9249;
    let plain =
        || if WIDE { Positions::from_bits(WIDE_BITS & ((1 << (3 * n)) - 1)) } else { Some(Positions::plain(n)) };
    if sc.finds(Kind::CnId) && !country && (n == 18 || n == 15) && kinds::id_digits_valid(v) {
        return Some((Kind::CnId, plain()));
    }
    if sc.finds(Kind::BankCard)
        && !country
        && (16..=19).contains(&n)
        && issuer_prefix(&[v[0], v[1], v[2], v[3]])
        && kinds::card_digits_valid(v)
    {
        return Some((Kind::BankCard, plain()));
    }
    if sc.finds(Kind::CnMobile) {
        if n == 11 {
            if kinds::mobile_digits_valid(v) {
                return Some((Kind::CnMobile, plain()));
            }
        } else if country && n == 13 || n == 15 && v[..2] == [0, 0] {
            if let Some(p) = valid_positions(Kind::CnMobile, slice) {
                return Some((Kind::CnMobile, p));
            }
        }
    }
    if sc.finds(Kind::CnLandline) && !country && (10..=18).contains(&n) && v[0] == 0 {
        if let Some(p) = valid_positions(Kind::CnLandline, slice) {
            return Some((Kind::CnLandline, p));
        }
    }
    None
}

/// A number candidate written in ASCII as digit groups joined by single blanks or dashes, maybe
/// after a country prefix (`+86`, `(+86)` and the blanks or dashes after it) and maybe ending in
/// `X`: the written forms of most candidates that are not plain digits (`138 1234 5678`,
/// `010-62345678`, `+86 138 1234 5678`, an ID's `X`). Read once, so that the candidate is
/// checked on its values as a plain one is (see [`classify_grouped`]).
struct Grouped {
    /// The values of the digits after the prefix; 10 for the `X`. Room for eight more: the
    /// reader stores eight values at a time (see [`Grouped::read`]).
    values: [u8; MAX_DIGITS + 1 + 8],
    n: usize,
    /// A bit per byte of the candidate that holds one of these values.
    bits: u64,
    /// For each separator: the values before it.
    cuts: [u8; MAX_DIGITS],
    ncuts: usize,
    /// Bit `k`: separator `k` is a dash.
    dashes: u32,
    /// A country prefix's `86` ends right before the first value (`+8613812345678`).
    glued: bool,
    /// A landline's area code in parentheses starts the candidate (`(0571)87654321`); the
    /// first cut is after it.
    paren: bool,
    /// The values before a `转` (`0571-87654321转801`), a cut that is no dash.
    ext: Option<u8>,
}

/// The eight bytes of `b` from `at` read little-endian and XORed with [`ZEROS`] (a digit's byte
/// is then its value), `0x30` (no digit's) past the end of `b`. `b` is eight bytes or longer and
/// `at` within it.
#[inline]
fn value_word(b: &[u8], at: usize) -> u64 {
    let w = match b.get(at..).and_then(<[u8]>::first_chunk) {
        Some(&w) => u64::from_le_bytes(w),
        // The last eight bytes, shifted down to `at`: zeros come in past the end.
        None => {
            let last = b.len() - 8;
            b[last..].first_chunk().map_or(0, |&w| u64::from_le_bytes(w)) >> (8 * (at - last))
        }
    };
    w ^ ZEROS
}

impl Grouped {
    /// Nothing read yet.
    const EMPTY: Grouped = Grouped {
        values: [0; MAX_DIGITS + 1 + 8],
        n: 0,
        bits: 0,
        cuts: [0; MAX_DIGITS],
        ncuts: 0,
        dashes: 0,
        glued: false,
        paren: false,
        ext: None,
    };

    /// Reads candidate `b` with `digits` digits (not counting a country prefix's) and an `X`
    /// when `has_x` into `self` (which is [`Grouped::EMPTY`]); `false` for another written
    /// form (full-width or other characters, another prefix, a separator not between two
    /// digits), fewer than eight bytes (no candidate) or more than 64. Filled in place: the
    /// caller's copy is the one read, not moved. Also read: the landline forms that only the
    /// landline reader takes, an area code of three or four digits from `0` in parentheses
    /// (ASCII or full-width, maybe a blank or dash after them) and one `转` between two digits
    /// with no separator after it; `(00..)` is left to the readers (the mobile reader takes
    /// `(0086)`).
    ///
    /// Eight bytes at a time: the values of a word (see [`value_word`]) are stored at the count
    /// whole, and counted up to the first byte that is no digit, which must be a separator (or
    /// the end: past it, and at the `X`, there is no digit). A group of four digits costs one
    /// word instead of four turns of a loop per byte; a test compares the two.
    fn read(&mut self, b: &[u8], digits: usize, has_x: bool, country: bool) -> bool {
        if !(8..=64).contains(&b.len()) {
            return false;
        }
        // The prefix as the mobile reader reads it; `classify_read` tries no other kind with it.
        let start = if country {
            match crate::layout::ascii_country_prefix(b) {
                0 => return false,
                p => p,
            }
        } else {
            0
        };
        let Some(end) = b.len().checked_sub(has_x as usize) else { return false };
        if start >= end || has_x && !matches!(b[end], b'X' | b'x') {
            return false;
        }
        let g = self;
        g.glued = country && b[start - 1].is_ascii_digit();
        // The count and place in locals: the loop runs for every group of most candidates.
        let (mut n, mut at) = (0, start);
        // The digits of an area code in parentheses, as bits (see `paren`).
        let mut area_bits = 0;
        let open = match b {
            [b'(', ..] => 1,
            [0xEF, 0xBC, 0x88, ..] => 3,
            _ => 0,
        };
        if !country && open > 0 {
            let close = digits_end(b, open);
            let area = close - open;
            let after = match b.get(close..) {
                Some([b')', ..]) => close + 1,
                Some([0xEF, 0xBC, 0x89, ..]) => close + 3,
                _ => return false,
            };
            if !(3..=4).contains(&area) || b[open] != b'0' || b[open + 1] == b'0' {
                return false;
            }
            g.values[..8].copy_from_slice(&value_word(b, open).to_le_bytes());
            (n, g.cuts[0], g.ncuts, g.paren) = (area, area as u8, 1, true);
            area_bits = ((1 << area) - 1) << open;
            at = after + matches!(b.get(after), Some(b' ' | b'-')) as usize;
        }
        // The local number (after an area code in parentheses) or the whole from `from`.
        let from = at;
        if from >= end {
            return false;
        }
        // Separators at the bits of `seps` (from byte `from`), a `转` at those of `zhuan`; the
        // digits are at the others.
        let (mut seps, mut zhuan) = (0u64, 0u64);
        while at < end {
            let t = value_word(b, at);
            // At most MAX_DIGITS + 1 values so far (checked below): eight more fit.
            g.values[n..n + 8].copy_from_slice(&t.to_le_bytes());
            let stop = not_digit_bytes(t);
            let run = if stop == 0 { 8 } else { stop.trailing_zeros() as usize / 8 };
            n += run;
            at += run;
            if n > MAX_DIGITS + 1 {
                return false;
            }
            if stop == 0 || at == end {
                continue;
            }
            let c = b[at];
            if g.ncuts == g.cuts.len() || g.ext.is_some() {
                // No separator after a `转` (the landline reader stops there).
                return false;
            }
            g.cuts[g.ncuts] = n as u8;
            if c == b' ' || c == b'-' {
                g.dashes |= ((c == b'-') as u32) << g.ncuts;
                seps |= 1 << (at - from);
                at += 1;
            } else if b.get(at..at + 3) == Some("转".as_bytes())
                && !country
                && at > from
                && b[at - 1].is_ascii_digit()
                && b.get(at + 3).is_some_and(u8::is_ascii_digit)
            {
                g.ext = Some(n as u8);
                zhuan |= 0b111 << (at - from);
                at += 3;
            } else {
                return false;
            }
            g.ncuts += 1;
        }
        // Each separator between two digits: not first, not last, never two together.
        if seps & (seps << 1 | 1 | 1 << (end - from - 1)) != 0 {
            return false;
        }
        // The bytes that are no separator are digits (`end - from` is 1 to 64).
        g.bits = (u64::MAX >> (64 - (end - from)) & !(seps | zhuan)) << from | area_bits;
        g.n = n;
        if has_x {
            if g.n > MAX_DIGITS {
                return false;
            }
            g.values[g.n] = 10;
            g.n += 1;
            g.bits |= 1 << end;
        }
        // A count that is not the caller's is left to the readers.
        g.n == digits + has_x as usize
    }

    fn values(&self) -> &[u8] {
        &self.values[..self.n]
    }

    /// The candidate's first four digits, the prefix's included (see [`classify_read`]), read
    /// with `country` as `self` was. Built where asked rather than stored by the reader for
    /// every candidate (67k instructions on the slice).
    fn lead(&self, country: bool) -> [u8; 4] {
        let v = &self.values;
        if country {
            [8, 6, v[0], v[1]]
        } else {
            [v[0], v[1], v[2], v[3]]
        }
    }

    fn cuts(&self) -> &[u8] {
        &self.cuts[..self.ncuts]
    }

    /// [`mobile_groups`] of the candidate.
    fn mobile_groups(&self, country: bool) -> bool {
        // Five groups or more are no mobile's, with a country code or not.
        if self.ncuts > 4 {
            return false;
        }
        let mut g = [0u8; 6];
        let mut len = 0;
        if country && !self.glued {
            g[0] = 2;
            len = 1;
        }
        let mut from = 0;
        for &cut in self.cuts().iter().chain([self.n as u8].iter()) {
            g[len] = cut - from;
            len += 1;
            from = cut;
        }
        if self.glued {
            g[0] += 2;
        }
        mobile_group_lengths(&g[..len], &self.lead(country))
    }
}

/// [`classify_read`] for a candidate read as [`Grouped`]: the same tests in the same order, each
/// kind's reader replaced by its checks on the values and groups (the kinds' `grouped_*` and
/// `digits_valid` functions). A test compares the two on generated candidates.
fn classify_grouped(
    sc: &Scanner,
    g: &Grouped,
    digits: usize,
    has_x: bool,
    country: bool,
) -> Option<(Kind, Option<Positions>)> {
    let v = g.values();
    let lead = &g.lead(country);
    // The positions of `n` values (one bit each): `n` is known, so the bits need no count.
    let at = |bits: u64, n: usize| Positions::from_counted_bits(bits, n);
    if g.paren || g.ext.is_some() {
        // Only the landline reader reads `(`, `（` or `转` (the others stop there), and not
        // after an `X` (a country prefix is not read with them).
        if sc.finds(Kind::CnLandline) && !has_x && (10..=18).contains(&digits) && lead[0] == 0 {
            let ext = g.ext.map(usize::from);
            if let Some((area, local)) = kinds::landline_grouped_split(v, g.cuts(), g.dashes, g.paren, ext) {
                return Some((Kind::CnLandline, at(g.bits, g.n).map(|p| p.with_groups(area, local))));
            }
        }
        return None;
    }
    if sc.finds(Kind::CnId)
        && !country
        && (if has_x { digits == 17 } else { digits == 18 || digits == 15 })
        && kinds::id_grouped_valid(v, g.cuts())
    {
        return Some((Kind::CnId, at(g.bits, g.n)));
    }
    if has_x {
        return None;
    }
    if sc.finds(Kind::BankCard)
        && !country
        && (16..=19).contains(&digits)
        && issuer_prefix(lead)
        && kinds::card_digits_valid(v)
    {
        return Some((Kind::BankCard, at(g.bits, g.n)));
    }
    if sc.finds(Kind::CnMobile)
        && (digits == 11 || country && digits == 13 || digits == 15 && lead[..2] == [0, 0])
        && g.mobile_groups(country)
    {
        // The mobile reader reads a `0086` that starts the candidate as a country prefix.
        let (v, bits) = if !country && g.cuts().first().is_none_or(|&c| c >= 4) && *lead == [0, 0, 8, 6] {
            (v.get(4..).unwrap_or_default(), g.bits & !0b1111)
        } else {
            (v, g.bits)
        };
        if kinds::mobile_digits_valid(v) {
            return Some((Kind::CnMobile, at(bits, v.len())));
        }
    }
    if sc.finds(Kind::CnLandline) && !country && (10..=18).contains(&digits) && lead[0] == 0 {
        if let Some((area, local)) = kinds::landline_grouped_split(v, g.cuts(), g.dashes, false, None) {
            return Some((Kind::CnLandline, at(g.bits, g.n).map(|p| p.with_groups(area, local))));
        }
    }
    None
}

/// [`classify`] by the kinds' own readers, for any written form of a candidate with `digits`
/// digits (10 to 19).
fn classify_read(
    sc: &Scanner,
    slice: &str,
    digits: usize,
    has_x: bool,
    country: bool,
) -> Option<(Kind, Option<Positions>)> {
    let mut lead = [0u8; 4];
    let mut k = 0;
    let b = slice.as_bytes();
    let mut i = 0;
    while i < b.len() && k < 4 {
        if b[i].is_ascii_digit() {
            lead[k] = b[i] - b'0';
            k += 1;
        } else if full_width_digit_at(b, i) {
            lead[k] = b[i + 2] - 0x90;
            k += 1;
            i += 2;
        }
        i += 1;
    }
    let read = |kind: Kind| valid_positions(kind, slice);
    if sc.finds(Kind::CnId) && !country && (if has_x { digits == 17 } else { digits == 18 || digits == 15 }) {
        if let Some(p) = read(Kind::CnId) {
            return Some((Kind::CnId, p));
        }
    }
    if has_x {
        return None;
    }
    if sc.finds(Kind::BankCard) && !country && (16..=19).contains(&digits) && issuer_prefix(&lead) {
        if let Some(p) = read(Kind::BankCard) {
            return Some((Kind::BankCard, p));
        }
    }
    if sc.finds(Kind::CnMobile)
        && (digits == 11 || country && digits == 13 || digits == 15 && lead[..2] == [0, 0])
        && (b.len() == digits || mobile_groups(b, &lead))
    {
        if let Some(p) = read(Kind::CnMobile) {
            return Some((Kind::CnMobile, p));
        }
    }
    if sc.finds(Kind::CnLandline) && !country && (10..=18).contains(&digits) && lead[0] == 0 {
        if let Some(p) = read(Kind::CnLandline) {
            return Some((Kind::CnLandline, p));
        }
    }
    None
}

/// Whether the digit groups of a mobile candidate are written as mobiles are: one group, or
/// `3 4 4` (blanks or dashes) after an optional `86`/`0086`, alone or glued to the first group
/// (`+86 138 1234 5678`, `+86138 1234 5678`). `13 812 345 678` is a run of small numbers, not a
/// mobile. `lead` is the candidate's first four digits (see [`classify_read`]).
fn mobile_groups(b: &[u8], lead: &[u8; 4]) -> bool {
    // Lengths of the digit groups (ASCII or full-width digits).
    let mut groups = [0u8; MAX_UNITS + 4];
    let mut n = 0;
    let mut i = 0;
    while i < b.len() && n < groups.len() {
        if b[i].is_ascii_digit() {
            groups[n] += 1;
        } else if full_width_digit_at(b, i) {
            groups[n] += 1;
            i += 2;
        } else if groups[n] > 0 {
            n += 1;
        }
        i += 1;
    }
    let len = n + (n < groups.len() && groups[n] > 0) as usize;
    mobile_group_lengths(&groups[..len], lead)
}

/// [`mobile_groups`] on the lengths `g` of the candidate's digit groups.
fn mobile_group_lengths(g: &[u8], lead: &[u8; 4]) -> bool {
    let Some((&first, rest)) = g.split_first() else { return false };
    // The country code: its own group, or the start of the first (so within the first group).
    let country = match lead {
        [8, 6, ..] if first >= 2 => 2,
        [0, 0, 8, 6] if first >= 4 => 4,
        _ => 0,
    };
    if country > 0 && !rest.is_empty() && first == country {
        return matches!(rest, [_] | [3, 4, 4]);
    }
    let first = if country > 0 && first == country + 3 { 3 } else { first };
    matches!((first, rest), (_, []) | (3, [4, 4]))
}

/// A card issuer prefix: 3 (JCB, Amex, Diners), 4 (Visa), 5 (Mastercard, Maestro), 6 (UnionPay,
/// Discover), or 2221-2720 (Mastercard). Order ids that start with a date (`2026…`) are not cards.
fn issuer_prefix(lead: &[u8; 4]) -> bool {
    match lead[0] {
        3..=6 => true,
        2 => {
            let p = lead.iter().fold(0u32, |acc, &d| acc * 10 + d as u32);
            (2221..=2720).contains(&p)
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// E-mail

/// Whether byte `b` may stand in the local part of an e-mail address that the scanner reads back
/// from an `@`: an ASCII letter or digit, `.`, `_`, `+` or `-` (the e-mail check's byte classes).
#[inline]
fn is_local(b: u8) -> bool {
    kinds::is_local_byte(b)
}

fn email(sc: &Scanner, s: &str, at: usize, base: usize, out: &mut Vec<Hit>) -> usize {
    if !sc.finds(Kind::Email) {
        return at + 1;
    }
    let b = s.as_bytes();
    let mut start = at;
    while start > 0 && is_local(b[start - 1]) && at - start < 64 {
        start -= 1;
    }
    while start < at && !(b[start].is_ascii_alphanumeric() || b[start] == b'_') {
        start += 1;
    }
    // A domain has at most 253 bytes: the read stops there.
    let mut end = host_end(&b[..b.len().min(at + 254)], at + 1);
    while end > at + 1 && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    if start == at || end == at + 1 {
        return at + 1;
    }
    // The bytes were bounded above: `valid_bounded` checks the rest of `parse`'s rules.
    if crate::kinds::email_valid_bounded(&s[start..end], at - start) {
        // The mask keeps the domain: it is told where the `@` stands.
        out.push(Hit {
            parsed: Parsed::EmailAt((at - start) as u32),
            ..Hit::new(base + start, base + end, Kind::Email, CONF_CHECKED)
        });
        return end;
    }
    at + 1
}

// ---------------------------------------------------------------------------------------------
// Words and labels

/// At a separator (`=`, `:` or `：`, `sep_len` bytes at `at`): if a label key (a word ending in
/// `name`, `address` or `addr`, any case) stands before it, optionally quoted and followed by
/// blanks, reads the value after it. `resumed` is where the word may start at the earliest.
/// Returns where scanning goes on.
fn label_word(
    sc: &Scanner,
    s: &str,
    resumed: usize,
    at: usize,
    sep_len: usize,
    base: usize,
    out: &mut Vec<Hit>,
) -> usize {
    let b = s.as_bytes();
    let next = at + sep_len;
    // Back over blanks and one quote: `name = `, `"name":`.
    let mut j = at;
    loop {
        if j > resumed && matches!(b[j - 1], b' ' | b'\t') {
            j -= 1;
        } else if j >= resumed + 3 && b[j - 3..j] == [0xE3, 0x80, 0x80] {
            j -= 3;
        } else {
            break;
        }
    }
    if j > resumed && matches!(b[j - 1], b'"' | b'\'') {
        j -= 1;
    }
    let Some(kind) = label_key_kind(&b[resumed..j]) else { return next };
    if !sc.finds(kind) {
        return next;
    }
    // blanks quote?, where a quote is `"` or `'`
    let mut j = skip_blanks(s, next);
    if matches!(b.get(j), Some(b'"' | b'\'')) {
        j += 1;
    }
    label_value(s, kind, j, base, out).unwrap_or(next)
}

/// The kind of the values of label key `w`: [`Kind::CnName`] if it ends in `name`,
/// [`Kind::CnAddress`] if in `address` or `addr` (any case), else `None`.
#[inline]
fn label_key_kind(w: &[u8]) -> Option<Kind> {
    // The word's last four bytes as one integer, with `| 0x20` on each: that folds a letter's
    // case and moves no other byte onto a letter (only `N` and `n` become `n`), so one compare
    // is a case-blind compare with a suffix of letters.
    let tail = u32::from_le_bytes(*w.last_chunk::<4>()?) | 0x2020_2020;
    if tail == u32::from_le_bytes(*b"name") {
        Some(Kind::CnName)
    } else if tail == u32::from_le_bytes(*b"addr")
        || tail == u32::from_le_bytes(*b"ress")
            && w.len() >= 7
            && w[w.len() - 7..w.len() - 4].eq_ignore_ascii_case(b"add")
    {
        Some(Kind::CnAddress)
    } else {
        None
    }
}

/// Handles the Han character of code point `cp` at `i` (three bytes): the end of a label word,
/// or the start of an address.
fn han(sc: &Scanner, heads: &Heads, s: &str, i: usize, cp: u32, base: usize, out: &mut Vec<Hit>) -> usize {
    const MING: u32 = '名' as u32;
    const REN: u32 = '人' as u32;
    const ZHI: u32 = '址' as u32;
    let next = i + 3;
    let label = match cp {
        MING => ends_with_any(s, i, &["姓"]).then_some(Kind::CnName),
        REN => ends_with_any(s, i, &["收件", "寄件", "联系", "收货"]).then_some(Kind::CnName),
        ZHI => ends_with_any(s, i, &["地", "住"]).then_some(Kind::CnAddress),
        _ => None,
    };
    if let Some(kind) = label {
        if sc.finds(kind) {
            let Some(mut j) = label_seps_end(s.as_bytes(), next) else { return next };
            if kind == Kind::CnAddress {
                for verb in ["改为", "为", "是", "在"] {
                    if let Some(rest) = s[j..].strip_prefix(verb) {
                        j = skip_blanks(s, s.len() - rest.len());
                        let rest = &s[j..];
                        if let Some(r) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) {
                            j = skip_blanks(s, s.len() - r.len());
                        }
                        break;
                    }
                }
            }
            return label_value(s, kind, j, base, out).unwrap_or(next);
        }
        return next;
    }
    // The main loop has passed the pair through [`Heads::may_pair`]: only the exact test is left.
    if sc.finds(Kind::CnAddress) && heads.starts_pair(cp, s.as_bytes(), next) {
        if let Some((end, prefix)) = address(s, i, false) {
            let h = Hit::new(base + i, base + end, Kind::CnAddress, CONF_GAZETTEER);
            out.push(Hit { parsed: Parsed::AddressPrefix(prefix as u32), ..h });
            return end;
        }
    }
    next
}

/// Where the separators after a Han label word (`：`, `:`, `=`, blanks, quotes) that start at
/// `j` end, or `None` if there are more than four. Read on the bytes: each separator is one
/// ASCII byte or one of two three-byte characters (`：` is `EF BC 9A`, U+3000 `E3 80 80`).
#[inline]
fn label_seps_end(b: &[u8], mut j: usize) -> Option<usize> {
    let mut seps = 0;
    loop {
        j += match b.get(j..) {
            Some([b':' | b'=' | b' ' | b'\t' | b'"' | b'\'', ..]) => 1,
            Some([0xEF, 0xBC, 0x9A, ..] | [0xE3, 0x80, 0x80, ..]) => 3,
            _ => return Some(j),
        };
        seps += 1;
        if seps > 4 {
            return None;
        }
    }
}

fn ends_with_any(s: &str, i: usize, words: &[&str]) -> bool {
    let before = &s[..i];
    words.iter().any(|w| before.ends_with(w))
}

/// The value after a label, from byte `j`; returns where scanning goes on. Inlined into its two
/// callers ([`han`], [`label_word`]): a call of its own saved and restored the callee-saved
/// registers for what is, for a name, a look-up and a push (about 290k instructions on the
/// benchmark slice).
#[inline(always)]
fn label_value(s: &str, kind: Kind, j: usize, base: usize, out: &mut Vec<Hit>) -> Option<usize> {
    match kind {
        Kind::CnName => {
            let (start, end) = labelled_name(s, j)?;
            out.push(Hit::new(base + start, base + end, Kind::CnName, CONF_LABEL));
            Some(end)
        }
        _ => {
            let (end, prefix) = address(s, j, true)?;
            let h = Hit::new(base + j, base + end, Kind::CnAddress, CONF_LABEL);
            out.push(Hit { parsed: Parsed::AddressPrefix(prefix as u32), ..h });
            Some(end)
        }
    }
}

static FIELD_SET: WordSet<64> = WordSet::new(&FIELD_WORDS);

/// Words of time that follow a region name in a sentence (`杭州市西湖区 明天3号到`): what
/// follows the blank after a region prefix is then no address body, even with a `号`.
const TIME_WORDS: [&str; 30] = [
    "今天", "明天", "后天", "昨天", "前天", "今日", "明日", "今年", "明年", "去年", "本周", "下周", "上周", "本月",
    "下月", "上月", "月底", "月初", "星期", "礼拜", "周末", "上午", "下午", "中午", "晚上", "早上", "凌晨", "今晚",
    "明早", "傍晚",
];

static TIME_SET: WordSet<64> = WordSet::new(&TIME_WORDS);

fn starts_time_word(rest: &str) -> bool {
    TIME_SET.starts(rest.as_bytes())
}

#[inline]
fn starts_field_word(rest: &str) -> bool {
    FIELD_SET.starts(rest.as_bytes())
}

/// Words that stand in for a name in a name field (`姓名：保密`, `收件人：同上`); a name
/// candidate that is exactly one of them is not reported. Single characters (`无`, `空`) and
/// masked names (`张*`) are never names anyway (a name has at least two Han characters).
pub(crate) const NAME_PLACEHOLDERS: [&str; 24] = [
    "保密",
    "未填",
    "未填写",
    "未提供",
    "未知",
    "不详",
    "暂无",
    "待定",
    "待填写",
    "同上",
    "本人",
    "匿名",
    "匿名用户",
    "无名氏",
    "某某",
    "见备注",
    "客户",
    "用户",
    "顾客",
    "先生",
    "女士",
    "小姐",
    "测试",
    "自提",
];

/// The first two characters of each of [`NAME_PLACEHOLDERS`]: most names start with none.
static PLACEHOLDER_HEADS: WordSet<64> = WordSet::heads(&NAME_PLACEHOLDERS);

/// Whether `value` is one of [`NAME_PLACEHOLDERS`].
pub(crate) fn is_name_placeholder(value: &str) -> bool {
    (6..=12).contains(&value.len()) && PLACEHOLDER_HEADS.starts(value.as_bytes()) && NAME_PLACEHOLDERS.contains(&value)
}

/// Words for the person a name field is about that may stand before the name itself
/// (`收件人：本人张三`, `收货人：客户 王小明`): the name is what follows them.
const ROLE_WORDS: [&str; 4] = ["本人", "客户", "用户", "顾客"];

/// The name in a name field's value at `j`: after a role word and blanks if a name follows them
/// (`本人张三` gives `张三`; `客户` alone is a placeholder), else [`name_at`] `j`. The role words
/// are six bytes each and differ, so at most one starts the value: one set look-up tells, made
/// only when [`NAME_LISTS`] (looked up once for [`name_at`] too) has the value's first six bytes.
/// Inlined into [`label_value`], as that is into its callers (about 540k instructions on the
/// benchmark slice: the call's register saves and restores).
#[inline(always)]
fn labelled_name(s: &str, j: usize) -> Option<(usize, usize)> {
    let rest = s.get(j..)?;
    let listed = NAME_LISTS.starts(rest.as_bytes());
    if listed && ROLE_SET.starts(rest.as_bytes()) {
        if let Some(found) = name_after_role(s, j) {
            return Some(found);
        }
    }
    name_at(s, j, listed).map(|end| (j, end))
}

/// The name after the role word at `j` and blanks, for [`labelled_name`]. Rare: kept out of line
/// so that [`labelled_name`]'s callers hold one copy of [`name_at`], not two.
#[inline(never)]
fn name_after_role(s: &str, j: usize) -> Option<(usize, usize)> {
    let k = skip_blanks(s, j + 6);
    name_at(s, k, NAME_LISTS.starts(&s.as_bytes()[k..])).map(|end| (k, end))
}

static ROLE_SET: WordSet<8> = WordSet::new(&ROLE_WORDS);

/// The words a name field's value may start with that [`labelled_name`] and [`name_at`] test
/// for: [`ROLE_WORDS`], [`FIELD_WORDS`] and [`NAME_PLACEHOLDERS`].
const NAME_WORDS: [&str; 52] = {
    let mut all = [""; 52];
    let mut k = 0;
    while k < 52 {
        all[k] = match k {
            0..4 => ROLE_WORDS[k],
            4..28 => FIELD_WORDS[k - 4],
            _ => NAME_PLACEHOLDERS[k - 28],
        };
        k += 1;
    }
    all
};

/// The first two characters of [`NAME_WORDS`]: most names start with none of them, and then one
/// look-up answers for the three lists (the caller passes the answer to [`name_at`] as `listed`).
/// Twice the slots the set needs: a miss, the common answer, then ends at an empty slot sooner.
static NAME_LISTS: WordSet<256> = WordSet::heads(&NAME_WORDS);

/// A name at `j`: 2-4 Han characters (up to 20 with a middle dot) followed by a non-Han character,
/// and not a placeholder. `listed` is whether the first two characters at `j` are those of one of
/// [`NAME_WORDS`] ([`NAME_LISTS`]): if not, the value starts with no field word and is no
/// placeholder, and neither is looked up.
///
/// Most name characters are BMP Han, three bytes each: a three-byte lead is tested on the bytes
/// ([`is_bmp_han`]), with no decoding, and an ASCII byte (most names end at a quote, a comma or a
/// blank) ends the name; any other character (a `·`, a four-byte Han character, the end of the
/// name) is decoded. A three-byte character that is not Han ends the name (`·` is two bytes). A
/// test compares this with the character loop it replaced. Inlined (into
/// [`labelled_name`]'s callers and [`name_after_role`]): about 300k instructions on the benchmark
/// slice, the call's register saves and restores.
#[inline(always)]
fn name_at(s: &str, j: usize, listed: bool) -> Option<usize> {
    let rest = s.get(j..)?;
    if listed && starts_field_word(rest) {
        return None;
    }
    let b = s.as_bytes();
    let mut han = 0;
    let mut dots = 0;
    let mut end = j;
    loop {
        // `b[end..]` first: no test that `end + 3` overflows.
        let (len, dot) = match b.get(end..).and_then(<[u8]>::first_chunk::<3>) {
            Some(c) if c[0] & 0xF0 == 0xE0 => match is_bmp_han(c) {
                true => (3, false),
                false => break,
            },
            // An ASCII byte (a quote, a comma, a blank) ends the name: no decoding.
            Some(c) if c[0] < 0x80 => break,
            _ => match char_at(s, end) {
                Some(c) if is_han(c) => (c.len_utf8(), false),
                Some('·') if han > 0 => (2, true),
                _ => break,
            },
        };
        if dot {
            dots += 1;
        } else {
            if han >= 2 && FIELD_SET.starts(&b[end..]) {
                break;
            }
            han += 1;
        }
        end += len;
        if han + dots > 20 {
            return None;
        }
    }
    let ok = if dots > 0 { han >= 2 && !b[..end].ends_with("·".as_bytes()) } else { (2..=4).contains(&han) };
    (ok && !(listed && is_name_placeholder(&s[j..end]))).then_some(end)
}

/// Characters an address body may hold after its administrative prefix.
fn address_char(c: char) -> bool {
    is_han(c)
        || c.is_ascii_alphanumeric()
        || matches!(c, '-' | '#' | '·' | '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '－' | '＃')
}

/// Blanks that may separate the administrative prefix from the rest of an address.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// The end of an address that starts at `j` and the length of its administrative prefix, or `None`.
///
/// `labelled`: after a label word, an address without a gazetteer prefix is accepted if it has a
/// house-number suffix, and one with a prefix even without a suffix.
fn address(s: &str, j: usize, labelled: bool) -> Option<(usize, usize)> {
    let mut cap = (j + MAX_ADDRESS_BYTES).min(s.len());
    while !s.is_char_boundary(cap) {
        cap -= 1;
    }
    let window = &s[j..cap];
    let split = gazetteer::split_address(window);
    let prefix = split.map(|a| a.district_end);
    if prefix.is_none() && !labelled {
        return None;
    }
    let from = prefix.unwrap_or(0);
    // An export-style address (`浙江省 杭州市 西湖区 文三路1号`): a prefix of two or three
    // levels, one or two blanks, then Han text that is not a field word. Only tried when the
    // prefix ends right before a blank, and kept only when that body has a house-number suffix.
    // `b' '`, `b'\t'` or the lead byte of `\u{3000}`: a byte test before the char one.
    let blank_next = matches!(window.as_bytes().get(from), Some(b' ' | b'\t' | 0xE3));
    if from > 0 && blank_next && window[from..].starts_with(is_blank) && split.is_some_and(|a| levels(&a) >= 2) {
        let rest = window[from..].trim_start_matches(is_blank);
        let blanks = window[from..].len() - rest.len();
        let gap = window[from..from + blanks].chars().count();
        if gap <= 2 && rest.starts_with(is_han) && !starts_field_word(rest) && !starts_time_word(rest) {
            if let (Some(end), _) = address_body(window, from + blanks) {
                return Some((j + end, from));
            }
        }
    }
    match (address_body(window, from), prefix) {
        ((Some(end), _), p) => Some((j + end, p.unwrap_or(0))),
        ((None, body_end), Some(p)) if labelled && p > 0 => Some((j + body_end, p)),
        _ => None,
    }
}

/// How many administrative levels (province, city, county) a prefix names.
fn levels(a: &gazetteer::AddressSplit) -> u8 {
    (a.province_end > 0) as u8 + (a.city_end > a.province_end) as u8 + (a.district_end > a.city_end) as u8
}

/// Whether `c` may start a field word: `false` for the body characters `室 栋 幢 元 楼`, which
/// start none and would otherwise be looked up in [`FIELD_SET`] at every house number.
#[inline]
fn may_start_field_word(c: char) -> bool {
    !matches!(c, '室' | '栋' | '幢' | '元' | '楼')
}

/// Whether the Han character `c` at byte `at` of `b` starts a field word: `号` and `单` start
/// only `号码` and `单位`, so at a house number a byte compare of the next character's last
/// byte (`码` and `位` differ there from most characters) skips the set.
#[inline]
fn body_field_word_at(b: &[u8], at: usize, c: char) -> bool {
    let last = b.get(at + 5).copied();
    match c {
        '号' if last != Some(0x81) => false,
        '单' if last != Some(0x8D) => false,
        _ => may_start_field_word(c) && FIELD_SET.starts(&b[at..]),
    }
}

/// The bytes of the three-byte char `c` as [`body_word_at`] reads them.
const fn utf8_word(c: char) -> u32 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf);
    u32::from_le_bytes(buf)
}

/// The three bytes at `at` of `b` as one integer (zero past the end), to match the characters
/// `号 室 栋 幢 元 单 楼` as [`utf8_word`]s: the Han characters [`BODY_PLAIN`] leaves out for the
/// rules of [`Body::step`] (not for a field word), read by [`address_body`] without decoding.
#[inline]
fn body_word_at(b: &[u8], at: usize) -> u32 {
    // `get(at..)` and then three bytes, not `get(at..at + 3)`, which also tests `at + 3` for
    // overflow: asked wherever a run of the body stops, this is measurably cheaper.
    match b.get(at..).and_then(|r| r.first_chunk::<3>()) {
        Some(&[c0, c1, c2]) => u32::from_le_bytes([c0, c1, c2, 0]),
        None => 0,
    }
}

/// Reads an address body from `from` in `window`: returns where the address ends by the suffix
/// rule (`None` without a suffix) and where the body stops.
///
/// The address ends after its last `号`/`栋`/`幢`/`室`/`单元`. A bare room number of 1-5 digits
/// directly after `单元`/`栋`/`幢`/`号楼` (`4单元603`, `9号楼603`, also after a floor:
/// `4单元6楼602`) belongs to it when the digits are followed by a Han character or end the body
/// (not by a letter, `-` or `#`).
///
/// The rules are [`Body::step`], one character at a time; this reader passes over the runs that
/// change nothing in one go, and takes `号 室 栋 幢 元 单 楼` by their bytes without the tests
/// that tell a body character (a test checks it against stepping through every character).
fn address_body(window: &str, from: usize) -> (Option<usize>, usize) {
    let b = window.as_bytes();
    let mut body = Body::default();
    let mut at = from;
    loop {
        // `prev` matters only when it is `单` or `号`: a run passed over here ends in neither.
        match body.room {
            None => {
                let start = at;
                at = body_plain_end(b, at);
                if at > start {
                    body.prev = '\0';
                }
            }
            Some(n) => {
                // The digits of a room number, counted a run at a time: past five the number is
                // no room number and the body reads on without it.
                let end = digits_end(b, at);
                if end > at {
                    let digits = n + (end - at);
                    body.room = (digits <= 5).then_some(digits);
                    at = end;
                    body.prev = '\0';
                    continue;
                }
            }
        }
        let Some(&lead) = b.get(at) else { break };
        // The characters that end a body or start a room number, most of what the runs stop at,
        // are told by their bytes and read without decoding.
        if lead & 0xF0 == 0xE0 {
            const HAO: u32 = utf8_word('号');
            const SHI: u32 = utf8_word('室');
            const DONG: u32 = utf8_word('栋');
            const ZHUANG: u32 = utf8_word('幢');
            const YUAN: u32 = utf8_word('元');
            const DAN: u32 = utf8_word('单');
            const LOU: u32 = utf8_word('楼');
            // Each arm with its char as a constant, so that the rules fold to its case.
            macro_rules! take {
                ($c:literal) => {{
                    body.advance(b, at, $c, true);
                    true
                }};
            }
            let taken = match body_word_at(b, at) {
                HAO if at > 0 && body_field_word_at(b, at, '号') => break,
                DAN if at > 0 && body_field_word_at(b, at, '单') => break,
                HAO => take!('号'),
                SHI => take!('室'),
                DONG => take!('栋'),
                ZHUANG => take!('幢'),
                YUAN => take!('元'),
                DAN => take!('单'),
                LOU => take!('楼'),
                _ => false,
            };
            if taken {
                at += 3;
                continue;
            }
        }
        // ASCII and three-byte characters are decoded here, others by `char_at`. Outside a room
        // number, the run above stopped at an ASCII byte only if it is no body character.
        let c = match lead {
            0..0x80 if body.room.is_none() => break,
            0..0x80 => Some(lead as char),
            0xE0..0xF0 => decode3(b, at),
            _ => char_at(window, at),
        };
        let Some(c) = c else { break };
        if !body.step(b, at, c) {
            break;
        }
        at += c.len_utf8();
    }
    body.end(at)
}

/// The state of an address body read one character at a time (see [`address_body`]).
#[derive(Clone, Copy, Default)]
struct Body {
    /// Where the address ends by the suffix rule so far.
    last: Option<usize>,
    /// After `单元`/`栋`/`幢`/`号楼`: how many digits have followed (`None`: not in that state).
    room: Option<usize>,
    /// The character before; only `单` and `号` matter.
    prev: char,
}

impl Body {
    /// Reads the char `c` at byte `at` of `b` (the body's window): `false` if the body stops
    /// before it (not an [`address_char`], or the start of a field word).
    #[inline]
    fn step(&mut self, b: &[u8], at: usize, c: char) -> bool {
        let han = is_han(c);
        if !(han || address_char(c)) || (han && at > 0 && body_field_word_at(b, at, c)) {
            return false;
        }
        self.advance(b, at, c, han);
        true
    }

    /// [`Body::step`] past its stop test: takes the body char `c` at byte `at`, Han if `han`.
    #[inline(always)]
    fn advance(&mut self, b: &[u8], at: usize, c: char, han: bool) {
        let after = at + c.len_utf8();
        let prev = std::mem::replace(&mut self.prev, c);
        if let Some(n) = self.room {
            if digit_value(c).is_some() {
                self.room = (n < 5).then_some(n + 1);
                return;
            }
            // A floor before the room number (`4单元6楼602`): one or two digits, `楼`, digits.
            if (1..=2).contains(&n) && c == '楼' && digit_at(b, after) {
                self.room = Some(0);
                return;
            }
            if n > 0 && han {
                self.last = Some(at);
            }
            self.room = None;
        }
        match c {
            '号' | '室' => self.last = Some(after),
            '栋' | '幢' => {
                self.last = Some(after);
                self.room = Some(0);
            }
            '元' if prev == '单' => {
                self.last = Some(after);
                self.room = Some(0);
            }
            '楼' if prev == '号' => self.room = Some(0),
            _ => {}
        }
    }

    /// Where the address ends and where the body stops, the body stopping at `at`: a room
    /// number that ends the body belongs to the address.
    fn end(self, at: usize) -> (Option<usize>, usize) {
        let last = if self.room.is_some_and(|n| n > 0) { Some(at) } else { self.last };
        (last, at)
    }
}

/// ASCII bytes an address body passes over without a second look outside a room number: the
/// ASCII [`address_char`]s (letters, digits, `-`, `#`).
static BODY_ASCII: [bool; 128] = {
    let mut t = [false; 128];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c as u8 == b'-' || c as u8 == b'#';
        c += 1;
    }
    t
};

/// Han characters an address body passes over without a second look: the BMP blocks of
/// `is_han` less `号 室 栋 幢 元 单 楼` (see [`address_body`]) and the first characters of the
/// field words. Built at compile time (a test checks it against `is_han` and the word lists), so
/// that reading a body asks no lazily built table.
///
/// Indexed by the low six bits of a lead byte and of the next byte (bit: the low six of the
/// third): a three-byte char `cp` (lead `E0..EF`) is in row `0x800 + (cp >> 6)`, and the rows of
/// the other leads (`C0..DF`, `F0..FF`) are empty, so the lead needs no test of its own.
static BODY_PLAIN: [u64; 4096] = {
    const THREE: usize = 0x800;
    let mut t = [0u64; 4096];
    // Whole words of 64 chars: each block starts and ends on a multiple of 64.
    let blocks = [(0x3400, 0x4dc0), (0x4e00, 0xa000), (0xf900, 0xfb00)];
    let mut i = 0;
    while i < blocks.len() {
        let mut w = blocks[i].0 >> 6;
        while w < blocks[i].1 >> 6 {
            t[THREE + w] = u64::MAX;
            w += 1;
        }
        i += 1;
    }
    /// Clears the bit of the three-byte char at the start of `b`.
    const fn clear(t: &mut [u64; 4096], b: &[u8]) {
        let c = ((b[0] as usize & 0x0F) << 12) | ((b[1] as usize & 0x3F) << 6) | (b[2] as usize & 0x3F);
        t[THREE + (c >> 6)] &= !(1 << (c & 63));
    }
    let specials = "号室栋幢元单楼".as_bytes();
    let mut at = 0;
    while at < specials.len() {
        clear(&mut t, specials.split_at(at).1);
        at += 3;
    }
    let mut w = 0;
    while w < FIELD_WORDS.len() {
        clear(&mut t, FIELD_WORDS[w].as_bytes());
        w += 1;
    }
    t
};

/// Where the run from `at` of body characters that change nothing ends: the Han characters of
/// [`BODY_PLAIN`] (neither ending a body nor starting a field word or room number) and
/// [`BODY_ASCII`], most of a body; one table look-up each.
#[inline]
fn body_plain_end(b: &[u8], mut at: usize) -> usize {
    while let Some(&c0) = b.get(at) {
        if c0 < 0x80 {
            if !BODY_ASCII[c0 as usize] {
                break;
            }
            at += 1;
        } else {
            let Some(&[c1, c2]) = b.get(at + 1..at + 3) else { break };
            // `at` is a char boundary: `c0` is a lead byte, and only those of three-byte chars
            // have rows that are not empty.
            let row = ((c0 as usize & 0x3F) << 6) | (c1 as usize & 0x3F);
            if BODY_PLAIN[row] & (1 << (c2 & 0x3F)) == 0 {
                break;
            }
            at += 3;
        }
    }
    at
}

// ---------------------------------------------------------------------------------------------
// Gazetteer prefilter

/// A bit per character of the Basic Multilingual Plane (indexed by `cp >> 6`, bit `cp & 63`): a
/// fixed size, so a row index of a three-byte character needs no bounds check.
type Bmp = [u64; 1024];

/// The first two characters of every region name, to test cheaply whether an address may start.
struct Heads {
    /// A bit per character the main loop must look at, indexed by the character's bytes as the
    /// loop reads them: row `c0 << 6 | c1 & 63`, bit `c2 & 63`. Set for a three-byte character
    /// that is the first character of a name, the last of a label word (`名` `人` `址`) or a
    /// full-width start of a number run, and for every other lead byte than E0..EF (ASCII, two-
    /// and four-byte characters, stray continuation bytes: all ones rows). So the loop tests one
    /// bit per character, with no test of the lead byte before and no bounds check (the rows of
    /// the lead bytes E0..EF are a [`Bmp`], at `0xE0 << 6`).
    stops: Box<[u64; 1 << 14]>,
    /// The label word ends and number-run starts alone: chars that are always dispatched.
    always: Box<Bmp>,
    /// A bit per hash of the two characters' six UTF-8 bytes (see [`raw_pair_bit`]): a small
    /// filter in front of `pairs`, which most pairs of Han characters never reach; the scanner's
    /// loop tests a pair with [`Heads::may_pair`] without decoding the second character.
    raw_pair_bits: Box<[u64; 1024]>,
    /// Open-addressing set of `first << 32 | second` (0 marks an empty slot).
    pairs: Box<[u64]>,
    mask: usize,
}

static HEADS: OnceLock<Heads> = OnceLock::new();

fn set_bit(bits: &mut [u64], c: char) {
    if (c as u32) < 0x10000 {
        bits[c as usize >> 6] |= 1 << (c as u32 & 63);
    }
}

/// The bit of [`Heads::raw_pair_bits`] for the eight bytes `w` (read little-endian) that start
/// with the UTF-8 bytes of two three-byte characters: `<< 16` drops the two bytes after them.
#[inline]
fn raw_pair_bit(w: u64) -> usize {
    ((w << 16).wrapping_mul(0x2545_f491_4f6c_dd1d) >> 48) as usize
}

/// The UTF-8 bytes of the BMP code point `cp` of three bytes, read little-endian.
fn utf8_3(cp: u64) -> u64 {
    (0xE0 | cp >> 12 & 0x0F) | (0x80 | cp >> 6 & 0x3F) << 8 | (0x80 | cp & 0x3F) << 16
}

/// The eight bytes of `b` from `at` read little-endian, zero past the end of `b`.
#[inline]
fn word_at(b: &[u8], at: usize) -> u64 {
    match b.get(at..).and_then(<[u8]>::first_chunk) {
        Some(&w) => u64::from_le_bytes(w),
        None => {
            let mut w = [0u8; 8];
            for (w, &c) in w.iter_mut().zip(b.get(at..).unwrap_or(&[])) {
                *w = c;
            }
            u64::from_le_bytes(w)
        }
    }
}

#[inline]
fn pair_slot(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask
}

fn heads() -> &'static Heads {
    HEADS.get_or_init(|| {
        // The first characters of the names, then with the chars dispatched always in `stops`.
        let mut first = Box::new([0u64; 1024]);
        let mut pairs = Vec::with_capacity(4096);
        for &code in gazetteer::codes() {
            let Some(region) = gazetteer::lookup(code) else { continue };
            let mut chars = region.name.chars();
            let (Some(a), Some(b)) = (chars.next(), chars.next()) else { continue };
            set_bit(&mut first[..], a);
            pairs.push((a as u64) << 32 | b as u64);
        }
        let mut stops = Box::new([u64::MAX; 1 << 14]);
        let interesting = &mut stops[0xE0 << 6..0xF0 << 6];
        interesting.copy_from_slice(&first[..]);
        let mut always = Box::new([0u64; 1024]);
        for c in ['名', '人', '址', '（', '＋', '：'].into_iter().chain('\u{ff10}'..='\u{ff19}') {
            set_bit(interesting, c);
            set_bit(&mut always[..], c);
        }
        let size = (pairs.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut table = vec![0u64; size].into_boxed_slice();
        let mut raw_pair_bits = Box::new([0u64; 1024]);
        for key in pairs {
            // Region names are BMP Han text: both characters are three bytes long (a test checks).
            let bit = raw_pair_bit(utf8_3(key >> 32) | utf8_3(key & 0xFFFF) << 24);
            raw_pair_bits[bit >> 6] |= 1 << (bit & 63);
            let mut i = pair_slot(key, mask);
            while table[i] != 0 && table[i] != key {
                i = (i + 1) & mask;
            }
            table[i] = key;
        }
        Heads { stops, always, raw_pair_bits, pairs: table, mask }
    })
}

impl Heads {
    /// Whether the three-byte char at byte `at` of `b` and the char after it may start a region
    /// name (the pair filter only: `false` is sure, `true` is checked by
    /// [`Heads::starts_pair`]). One read of eight bytes, no decoding: the two chars of a
    /// region name are three bytes each, so their six bytes set a bit; other bytes (a second
    /// char of another length, the end of the text) give a bit that is clear or a false `true`.
    #[inline]
    fn may_pair(&self, b: &[u8], at: usize) -> bool {
        let bit = raw_pair_bit(word_at(b, at));
        self.raw_pair_bits[bit >> 6] & (1 << (bit & 63)) != 0
    }

    /// Whether the char of code point `a` and the char at byte `at` of `b` are the first two chars
    /// of a region name: the probe of `pairs` alone, read from the bytes. Region names are BMP Han
    /// text (three bytes a char), so another second char is in no pair; the caller has applied the
    /// filter [`Heads::may_pair`] already.
    #[inline]
    fn starts_pair(&self, a: u32, b: &[u8], at: usize) -> bool {
        let Some(&[c0, c1, c2]) = b.get(at..at + 3) else { return false };
        if c0 & 0xF0 != 0xE0 {
            return false;
        }
        let second = ((c0 as u64 & 0x0F) << 12) | ((c1 as u64 & 0x3F) << 6) | (c2 as u64 & 0x3F);
        let key = (a as u64) << 32 | second;
        let mut i = pair_slot(key, self.mask);
        loop {
            match self.pairs[i] {
                0 => return false,
                k if k == key => return true,
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_wordish(c: char) -> bool {
        c.is_ascii_alphanumeric()
            || c == '_'
            || matches!(c, '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}')
    }

    /// The char-by-char reading of [`glued_before`] and [`glued_after`] (as they were written).
    fn glued_before_chars(s: &str, i: usize) -> bool {
        let before = |i: usize| s[..i].chars().next_back();
        match before(i) {
            Some(c) if is_wordish(c) => true,
            Some('.' | '-' | '/' | '#' | '%') => before(i - 1).is_some_and(is_wordish),
            _ => false,
        }
    }

    fn glued_after_chars(s: &str, end: usize) -> bool {
        let at = |i: usize| s[i..].chars().next();
        match at(end) {
            Some(c) if is_wordish(c) => true,
            Some('@') => true,
            Some('.' | ':' | '/' | '-' | '%') => at(end + 1).is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        }
    }

    /// Digits with a last digit that makes them pass the ID check (an `X` check becomes `0`).
    fn with_id_check(body: &str) -> String {
        const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = body.bytes().zip(W).map(|(c, w)| (c - b'0') as u32 * w).sum();
        let check = (12 - sum % 11) % 11;
        format!("{body}{}", if check == 10 { 0 } else { check })
    }

    /// Digits with a last digit that makes them pass the Luhn check.
    fn with_luhn(body: &str) -> String {
        let sum: u32 = body
            .bytes()
            .rev()
            .enumerate()
            .map(|(k, c)| {
                let v = (c - b'0') as u32;
                if k % 2 == 0 {
                    2 * v - if v > 4 { 9 } else { 0 }
                } else {
                    v
                }
            })
            .sum();
        format!("{body}{}", (10 - sum % 10) % 10)
    }

    /// [`numbers`] from `i` of `t` ends where [`numbers_read`] ends and finds what it finds: the
    /// number of values found.
    fn numbers_as_read(sc: &Scanner, t: &str, i: usize) -> usize {
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        let at = numbers(sc, t, i, 0, &mut fast);
        assert_eq!(at, numbers_read(sc, t, i, 0, &mut slow), "{t:?} {i}");
        let fast: Vec<_> = fast.iter().map(number_key).collect();
        assert_eq!(fast, slow.iter().map(number_key).collect::<Vec<_>>(), "{t:?} {i}");
        fast.len()
    }

    /// Texts made of each base: with every `before` and `after` around it, and `edits` times with
    /// one to three of `pieces` inserted, put in place of a char, or a char removed (the number
    /// readers' differential tests share these).
    fn edited_texts(
        bases: &[String],
        before: &[&str],
        after: &[&str],
        pieces: &[&str],
        edits: usize,
        next: &mut impl FnMut(usize) -> usize,
    ) -> Vec<String> {
        let mut texts = Vec::new();
        for base in bases {
            for b in before {
                for a in after {
                    texts.push(format!("{b}{base}{a}"));
                }
            }
            for _ in 0..edits {
                let mut t: Vec<String> = base.chars().map(String::from).collect();
                for _ in 0..1 + next(3) {
                    let at = next(t.len() + 1);
                    let piece = pieces[next(pieces.len())].to_string();
                    match next(3) {
                        0 => t.insert(at, piece),
                        1 if at < t.len() => t[at] = piece,
                        _ if at < t.len() => {
                            t.remove(at);
                        }
                        _ => {}
                    }
                }
                texts.push(t.concat());
            }
        }
        texts
    }

    /// The phone-like number candidates the classifier tests share: mobiles after country
    /// prefixes (`per_prefix` random bodies each), landlines with and without extensions, and
    /// `random` runs of 10 to 19 digits beginning with 0, 1 or 2.
    fn phone_like_bases(next: &mut impl FnMut(usize) -> usize, per_prefix: usize, random: usize) -> Vec<String> {
        let mut bases = Vec::new();
        for prefix in ["138", "199", "120", "0086138", "0086120", "0085138", "86138", "00"] {
            for _ in 0..per_prefix {
                let body: String = (0..8).map(|_| char::from(b'0' + next(10) as u8)).collect();
                bases.push(format!("{prefix}{body}"));
            }
        }
        for area in ["010", "011", "021", "0571", "0755", "0123"] {
            for local in ["62345678", "1234567", "8765432", "92345678"] {
                for ext in ["", "8", "801", "123456", "1234567"] {
                    bases.push(format!("{area}{local}{ext}"));
                }
            }
        }
        for _ in 0..random {
            let len = 10 + next(10);
            bases.push((0..len).map(|k| char::from(b'0' + next(if k < 2 { 3 } else { 10 }) as u8)).collect());
        }
        bases
    }

    /// The plain-digit classifier gives what the kinds' readers give, for every kind set, with
    /// and without a country prefix: on IDs (18 and 15 digits), cards, mobiles and landlines,
    /// valid and not, every one-digit change of them, and random runs of 10 to 19 digits.
    #[test]
    fn classify_plain_agrees_with_the_readers() {
        let mut next = crate::testing::picker(0x9e37_79b9_7f4a_7c15u64);
        let mut bases = Vec::new();
        for region in ["110105", "440304", "650102", "810000", "990101", "201234"] {
            for date in ["19900101", "20000229", "19000229", "20991231", "18991231", "20261129"] {
                for seq in ["123", "480", "007"] {
                    bases.push(with_id_check(&format!("{region}{date}{seq}")));
                    bases.push(format!("{region}{}{seq}", &date[2..]));
                }
            }
        }
        for prefix in ["622202", "4", "51", "2221", "2720", "2026", "35", "1", "0"] {
            for len in 16..=19 {
                let body: String = (prefix.len()..len - 1).map(|_| char::from(b'0' + next(10) as u8)).collect();
                bases.push(with_luhn(&format!("{prefix}{body}")));
            }
        }
        bases.extend(phone_like_bases(&mut next, 3, 300));
        let mut candidates = bases.clone();
        for base in &bases {
            for at in 0..base.len() {
                let d = char::from(b'0' + next(10) as u8);
                candidates.push(format!("{}{d}{}", &base[..at], &base[at + 1..]));
            }
        }
        let sets = [
            Scanner::new(),
            Scanner::with_kinds(&[Kind::CnMobile, Kind::CnLandline]),
            Scanner::with_kinds(&[Kind::BankCard, Kind::CnLandline]),
            Scanner::with_kinds(&[Kind::CnId]),
        ];
        let (mut found, mut wide_found) = ([0usize; 4], 0);
        for c in candidates.iter().filter(|c| (MIN_DIGITS..=MAX_DIGITS).contains(&c.len())) {
            let mut v = [0u8; 24];
            assert!(ascii_digit_values(c.as_bytes(), &mut v), "digits");
            let wide: String = c.bytes().filter_map(|d| char::from_u32(0xFF10 + (d - b'0') as u32)).collect();
            assert_eq!(wide_digit_values(wide.as_bytes()), Some(v));
            for sc in &sets {
                for country in [false, true] {
                    let fast = classify_plain::<false>(sc, c, &v[..c.len()], country);
                    assert_eq!(fast, classify_read(sc, c, c.len(), false, country), "{c} {country}");
                    assert_eq!(fast, classify(sc, c, c.len(), false, country), "{c} {country}");
                    // The same digits full-width: the readers give every third byte as a position.
                    let w = &wide;
                    let read = classify_read(sc, w, c.len(), false, country);
                    assert_eq!(classify(sc, w, c.len(), false, country), read, "{w} {country}");
                    wide_found += read.is_some() as usize;
                    if let Some((kind, _)) = fast {
                        found[[Kind::CnId, Kind::BankCard, Kind::CnMobile, Kind::CnLandline]
                            .iter()
                            .position(|&k| k == kind)
                            .expect("a number kind")] += 1;
                    }
                }
            }
        }
        let n = candidates.len();
        assert!(found.iter().all(|&f| f > 100 && f < n), "{found:?} of {n}");
        assert_eq!(wide_found, found.iter().sum::<usize>());
        assert!(!ascii_digit_values(b"1381234567x", &mut [0; 24]));
        assert!(!ascii_digit_values(&[b'1'; MAX_DIGITS + 1], &mut [0; 24]));
        assert_eq!(wide_digit_values("１３８１２３４５６７x".as_bytes()), None);
        assert_eq!(wide_digit_values("１３８１２３４５６７８".as_bytes().split_last().expect("bytes").1), None);
        assert_eq!(wide_digit_values("１".repeat(MAX_DIGITS + 1).as_bytes()), None);
    }

    /// An ID body of 17 digits with its check character, `X` for 10.
    /// [`ascii_digit_values`] gives what a loop per byte gives: every byte value at every
    /// position of digit runs of every length, and generated bytes, mostly digits.
    #[test]
    fn ascii_digit_values_reads_as_a_byte_loop() {
        fn slow(b: &[u8]) -> Option<[u8; 24]> {
            let mut v = [0u8; 24];
            for (d, &c) in v.iter_mut().zip(b) {
                *d = c.wrapping_sub(b'0');
            }
            ((8..=MAX_DIGITS).contains(&b.len()) && b.iter().all(u8::is_ascii_digit)).then_some(v)
        }
        let mut next = crate::testing::picker(0x51d3_a0c7_e98f_2b64u64);
        let mut inputs = Vec::new();
        for len in 0..=MAX_DIGITS + 2 {
            let run: Vec<u8> = (0..len).map(|_| b'0' + next(10) as u8).collect();
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut b = run.clone();
                    b[at] = c;
                    inputs.push(b);
                }
            }
            inputs.push(run);
        }
        for _ in 0..20_000 {
            let len = next(MAX_DIGITS + 3);
            inputs.push((0..len).map(|_| if next(8) == 0 { next(256) as u8 } else { b'0' + next(10) as u8 }).collect());
        }
        let mut some = 0;
        for b in &inputs {
            // Zeros in `v` first, as `slow` has them after the digits.
            let mut v = [0u8; 24];
            let fast = ascii_digit_values(b, &mut v).then_some(v);
            assert_eq!(fast, slow(b), "{b:?}");
            assert!(fast.is_some() || v == [0; 24], "{b:?}: written, but false");
            some += fast.is_some() as usize;
        }
        assert!(some > 2_000 && some < inputs.len() / 4, "{some} of {}", inputs.len());
    }

    fn with_id_x(body: &str) -> String {
        const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = body.bytes().zip(W).map(|(c, w)| (c - b'0') as u32 * w).sum();
        match (12 - sum % 11) % 11 {
            10 => format!("{body}X"),
            check => format!("{body}{check}"),
        }
    }

    /// The grouped classifier gives what the kinds' readers give, for every kind set: on IDs
    /// (with `X`), cards, mobiles (with country codes) and landlines written in groups joined by
    /// blanks or dashes, valid and not, one-digit changes of them, random groupings of random
    /// digits, and broken forms (separators doubled, first or last, other characters), which
    /// the readers must take.
    #[test]
    fn classify_grouped_agrees_with_the_readers() {
        let mut next = crate::testing::picker(0x2f0e_1bd3_6a5c_9e47u64);
        let digit = |next: &mut dyn FnMut(usize) -> usize| char::from(b'0' + next(10) as u8);
        let mut bases = Vec::new();
        for region in ["110105", "440304", "650102", "990101"] {
            for date in ["19900101", "20000229", "19000229", "18991231"] {
                for seq in 0..30 {
                    bases.push(with_id_x(&format!("{region}{date}{:03}", seq * 7)));
                }
                bases.push(format!("{region}{}123", &date[2..]));
            }
        }
        for prefix in ["622202", "4", "51", "2221", "2720", "2026", "1", "0"] {
            for len in 16..=19 {
                let body: String = (prefix.len()..len - 1).map(|_| digit(&mut next)).collect();
                bases.push(with_luhn(&format!("{prefix}{body}")));
            }
        }
        bases.extend(phone_like_bases(&mut next, 12, 200));
        let mut bodies = bases.clone();
        for base in &bases {
            for _ in 0..3 {
                let at = next(base.len());
                bodies.push(format!("{}{}{}", &base[..at], digit(&mut next), &base[at + 1..]));
            }
        }
        // Each body in the groupings its kinds are written in and in random ones, some broken.
        let mut candidates = Vec::new();
        for body in &bodies {
            let n = body.len();
            let mut cut_sets: Vec<Vec<usize>> =
                vec![vec![3, 7], vec![6, 14], vec![6, 12], vec![4, 8, 12, 16], vec![3], vec![4], vec![4, 12]];
            for _ in 0..4 {
                let mut cuts: Vec<usize> = (0..next(5)).map(|_| 1 + next(n - 1)).collect();
                cuts.sort_unstable();
                cuts.dedup();
                cut_sets.push(cuts);
            }
            for cuts in cut_sets.iter().filter(|c| c.iter().all(|&c| c < n)) {
                let mut text = String::new();
                let mut from = 0;
                for &cut in cuts {
                    text.push_str(&body[from..cut]);
                    text.push_str(if next(8) == 0 {
                        ["  ", "--", "a", "－", "转", " 转", "转-"][next(7)]
                    } else {
                        [" ", "-", " ", "-", "转"][next(5)]
                    });
                    from = cut;
                }
                text.push_str(&body[from..]);
                candidates.push((text.clone(), false));
                let prefix = ["+86", "+86 ", "+86-", "(+86)", "(+86) ", "+86  ", "＋86 ", "(+86", "+86 -"][next(9)];
                candidates.push((format!("{prefix}{text}"), true));
                match next(4) {
                    0 => candidates.push((format!("{text} "), false)),
                    1 => candidates.push((format!("-{text}"), false)),
                    2 => candidates.push((format!("{}x", &text[..text.len() - 1]), false)),
                    _ => candidates.push((format!("0086 {text}"), false)),
                }
                // The first three or four digits as an area code in parentheses (some not one).
                let area = 2 + next(4);
                if area < text.len() && text.is_char_boundary(area) {
                    let (open, close) = [("(", ")"), ("（", "）"), ("(", "）"), ("(", ") "), ("（", "）-")][next(5)];
                    candidates.push((format!("{open}{}{close}{}", &text[..area], &text[area..]), false));
                }
            }
        }
        let sets = [
            Scanner::new(),
            Scanner::with_kinds(&[Kind::CnMobile, Kind::CnLandline]),
            Scanner::with_kinds(&[Kind::BankCard, Kind::CnLandline]),
            Scanner::with_kinds(&[Kind::CnId]),
        ];
        let (mut tested, mut grouped, mut found) = (0, 0, [0usize; 4]);
        for (c, country) in &candidates {
            // The digits the scanner counts: a country prefix's are not.
            let body = if *country { &c[c.find("86").map_or(0, |k| k + 2)..] } else { &c[..] };
            let digits = body.chars().filter(|c| digit_value(*c).is_some()).count();
            let has_x = c.ends_with(['X', 'x']);
            if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
                continue;
            }
            tested += 1;
            grouped += Grouped { ..Grouped::EMPTY }.read(c.as_bytes(), digits, has_x, *country) as usize;
            for sc in &sets {
                let fast = classify(sc, c, digits, has_x, *country);
                assert_eq!(fast, classify_read(sc, c, digits, has_x, *country), "{c} {country}");
                if let Some((kind, _)) = fast {
                    found[[Kind::CnId, Kind::BankCard, Kind::CnMobile, Kind::CnLandline]
                        .iter()
                        .position(|&k| k == kind)
                        .expect("a number kind")] += 1;
                }
            }
        }
        assert!(grouped > tested / 3 && grouped < tested * 3 / 4, "{grouped} of {tested}");
        assert!(found.iter().all(|&f| f > 200 && f < tested / 10), "{found:?} of {tested}");
    }

    /// [`Grouped::read`] as a loop per byte: the reference. The fields it fills, or `None`.
    #[allow(clippy::type_complexity)]
    fn grouped_read_slow(
        b: &[u8],
        digits: usize,
        has_x: bool,
        country: bool,
    ) -> Option<(Vec<u8>, u64, Vec<u8>, u32, [u8; 4], bool, bool, Option<u8>)> {
        if b.len() > 64 || b.len() < 8 {
            return None;
        }
        let start = if country { Some(crate::layout::ascii_country_prefix(b)).filter(|&p| p > 0)? } else { 0 };
        let end = b.len().checked_sub(has_x as usize)?;
        let glued = country && b[start - 1].is_ascii_digit();
        if start >= end {
            return None;
        }
        let (mut values, mut cuts, mut dashes, mut seps) = (Vec::new(), Vec::new(), 0u32, 0u64);
        let (mut paren, mut ext, mut bits, mut k) = (false, None, 0u64, start);
        if !country && (b.starts_with(b"(") || b.starts_with("（".as_bytes())) {
            k = if b[0] == b'(' { 1 } else { 3 };
            while b.get(k).is_some_and(u8::is_ascii_digit) {
                values.push(b[k] - b'0');
                bits |= 1 << k;
                k += 1;
            }
            k += if b.get(k) == Some(&b')') {
                1
            } else if b[k..].starts_with("）".as_bytes()) {
                3
            } else {
                return None;
            };
            if !(3..=4).contains(&values.len()) || !matches!(values[..2], [0, 1..=9]) {
                return None;
            }
            paren = true;
            cuts.push(values.len() as u8);
            k += matches!(b.get(k), Some(b' ' | b'-')) as usize;
        }
        let from = k;
        if from >= end {
            return None;
        }
        while k < end {
            let c = b[k];
            if c.is_ascii_digit() {
                if values.len() == MAX_DIGITS + 1 {
                    return None;
                }
                values.push(c - b'0');
                bits |= 1 << k;
                k += 1;
                continue;
            }
            if cuts.len() == MAX_DIGITS || ext.is_some() {
                return None;
            }
            if c == b' ' || c == b'-' {
                dashes |= ((c == b'-') as u32) << cuts.len();
                seps |= 1 << (k - from);
                k += 1;
            } else if b[k..].starts_with("转".as_bytes())
                && !country
                && k > from
                && b[k - 1].is_ascii_digit()
                && b.get(k + 3).is_some_and(u8::is_ascii_digit)
            {
                ext = Some(values.len() as u8);
                k += 3;
            } else {
                return None;
            }
            cuts.push(values.len() as u8);
        }
        if seps & (seps << 1 | 1 | 1 << (end - from - 1)) != 0 {
            return None;
        }
        if has_x {
            if !matches!(b[end], b'X' | b'x') || values.len() == MAX_DIGITS + 1 {
                return None;
            }
            values.push(10);
            bits |= 1 << end;
        }
        if values.len() < 4 {
            return None;
        }
        let lead = if country { [8, 6, values[0], values[1]] } else { [values[0], values[1], values[2], values[3]] };
        (values.len() == digits + has_x as usize).then_some((values, bits, cuts, dashes, lead, glued, paren, ext))
    }

    /// [`Grouped::read`], a word at a time, fills what the loop per byte reads, on grouped
    /// candidates of every length up to 64 bytes (digit groups of 1 to 12 joined by one or
    /// two blanks or dashes, `转`, some other bytes, maybe a country prefix, an area code in
    /// parentheses or an `X`), each read with its own digit count and with others.
    #[test]
    fn grouped_read_agrees_with_a_loop_per_byte() {
        let mut next = crate::testing::picker(0x51d7_a3e9_0c42_b86fu64);
        let (mut tested, mut read, mut paren, mut ext) = (0, 0, 0, 0);
        for round in 0..60_000 {
            let mut c = String::new();
            let country = round % 5 == 0;
            if country {
                c.push_str(["+86", "+86 ", "+86-", "(+86)", "(+86) ", "+86  ", "+8", "(+86"][next(8)]);
            } else if next(4) == 0 {
                // An area code in parentheses, some not one.
                c.push(['(', '（'][next(2)]);
                c.push_str(["0571", "010", "021", "0086", "05710", "01", "1571", "0"][next(8)]);
                c.push_str([")", "）", ") ", ")-", "）-", ")  ", "", ")转"][next(8)]);
            }
            for group in 0..1 + next(6) {
                if group > 0 {
                    let sep = match next(30) {
                        0 => "  ",
                        1 => "a",
                        2 => "--",
                        3 => "\u{ff0d}",
                        4 => "",
                        5..=8 => "转",
                        9 => " 转",
                        k => [" ", "-"][k % 2],
                    };
                    c.push_str(sep);
                }
                let most = if next(4) == 0 { 12 } else { 5 };
                for _ in 0..1 + next(most) {
                    c.push(char::from(b'0' + next(10) as u8));
                }
            }
            match next(8) {
                0 => c.push('X'),
                1 => c.push('x'),
                2 => c.push(['-', ' ', '8', 'Y'][next(4)]),
                3 => c.insert(0, [' ', '-', '1'][next(3)]),
                _ => {}
            }
            let b = c.as_bytes();
            let has_x = c.ends_with(['X', 'x']) && next(8) != 0;
            let own = b.iter().filter(|c| c.is_ascii_digit()).count().saturating_sub(if country { 2 } else { 0 });
            for digits in [own, own.saturating_sub(1), own + 1, next(22)] {
                if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
                    continue;
                }
                tested += 1;
                let mut g = Grouped::EMPTY;
                let fast = g.read(b, digits, has_x, country).then(|| {
                    (g.values().to_vec(), g.bits, g.cuts().to_vec(), g.dashes, g.lead(country), g.glued, g.paren, g.ext)
                });
                read += fast.is_some() as usize;
                paren += fast.as_ref().is_some_and(|f| f.6) as usize;
                ext += fast.as_ref().is_some_and(|f| f.7.is_some()) as usize;
                assert_eq!(fast, grouped_read_slow(b, digits, has_x, country), "{c:?} {digits} {has_x} {country}");
            }
        }
        assert!(tested > 40_000 && read > tested / 20 && read < tested / 2, "{read} of {tested}");
        assert!(paren > 200 && ext > 200, "{paren} {ext} of {read}");
    }

    /// [`mobile_groups`] as it was written, reading the lead digits itself: the reference. Whether the digit groups of a mobile candidate are written as mobiles are: one group, or
    /// `3 4 4` (blanks or dashes) after an optional `86`/`0086`, alone or glued to the first group
    /// (`+86 138 1234 5678`, `+86138 1234 5678`). `13 812 345 678` is a run of small numbers, not a
    /// mobile.
    fn mobile_groups_slow(b: &[u8]) -> bool {
        // Lengths of the digit groups (ASCII or full-width digits) and the first four digits.
        let mut groups = [0u8; MAX_UNITS + 4];
        let mut lead = [0u8; 4];
        let mut n = 0;
        let mut i = 0;
        while i < b.len() && n < groups.len() {
            let digit = if b[i].is_ascii_digit() {
                Some(b[i] - b'0')
            } else if full_width_digit_at(b, i) {
                i += 2;
                Some(b[i] - 0x90)
            } else {
                None
            };
            match digit {
                Some(d) => {
                    if n == 0 && (groups[0] as usize) < lead.len() {
                        lead[groups[0] as usize] = d;
                    }
                    groups[n] += 1;
                }
                None if groups[n] > 0 => n += 1,
                None => {}
            }
            i += 1;
        }
        let mut g = groups;
        let len = n + (n < g.len() && g[n] > 0) as usize;
        // The country code: its own group, or the start of the first.
        let country = match lead {
            [8, 6, ..] => 2,
            [0, 0, 8, 6] => 4,
            _ => 0,
        };
        let g = if country > 0 && len > 1 && g[0] == country {
            &g[1..len]
        } else {
            if country > 0 && g[0] == country + 3 {
                g[0] = 3;
            }
            &g[..len]
        };
        matches!(g, [_] | [3, 4, 4])
    }

    /// The first four digits of `b`, as [`classify_read`] reads them.
    fn lead_digits(b: &[u8]) -> [u8; 4] {
        let mut lead = [0u8; 4];
        let mut k = 0;
        for (i, &c) in b.iter().enumerate() {
            if k < 4 && c.is_ascii_digit() {
                lead[k] = c - b'0';
                k += 1;
            } else if k < 4 && full_width_digit_at(b, i) {
                lead[k] = b[i + 2] - 0x90;
                k += 1;
            }
        }
        lead
    }

    /// [`mobile_groups`] with the candidate's lead digits answers as the reference on grouped
    /// numbers with and without country codes, their edits and random texts of digit groups.
    #[test]
    fn mobile_groups_agrees_with_the_reference() {
        let mut next = crate::testing::picker(0x5851_f42d_4c95_7f2du64);
        let bases = [
            "138 1234 5678",
            "138-1234-5678",
            "+86 138 1234 5678",
            "+86138 1234 5678",
            "0086 138 1234 5678",
            "0086138 1234 5678",
            "86 138 1234 5678",
            "(+86)138 1234 5678",
            "１３８ １２３４ ５６７８",
            "13 812 345 678",
            "8 6138 1234 5678",
            "008 6138 1234 5678",
            "+86 13812345678",
        ];
        let pieces = ["1", "8", "6", "0", "3", " ", "-", "８", "６", "０", "+", "("];
        let mut texts: Vec<String> = bases.iter().map(|b| b.to_string()).collect();
        for base in bases {
            for _ in 0..400 {
                let mut t: Vec<&str> = base.char_indices().map(|(i, c)| &base[i..i + c.len_utf8()]).collect();
                for _ in 0..1 + next(3) {
                    let at = next(t.len() + 1);
                    match next(3) {
                        0 => t.insert(at, pieces[next(pieces.len())]),
                        1 if at < t.len() => t[at] = pieces[next(pieces.len())],
                        _ if at < t.len() => {
                            t.remove(at);
                        }
                        _ => {}
                    }
                }
                texts.push(t.concat());
            }
        }
        let mut yes = 0;
        for t in &texts {
            let b = t.as_bytes();
            let want = mobile_groups_slow(b);
            assert_eq!(mobile_groups(b, &lead_digits(b)), want, "{t:?}");
            yes += want as usize;
        }
        assert!(yes > texts.len() / 10 && yes < texts.len() / 2, "{yes} of {}", texts.len());
    }

    /// What a hit says of a number: span, kind and positions.
    fn number_key(h: &Hit) -> (usize, usize, Kind, Option<Positions>) {
        let p = match h.parsed {
            Parsed::Number(p) => Some(p),
            _ => None,
        };
        (h.start, h.end, h.kind, p)
    }

    /// The scanner loop's reading of a run of ASCII digits, and [`numbers`]' reading of a run
    /// after `+` or `(`, give what [`numbers_read`] gives from the same start: values joined by
    /// dashes or blanks, ending in `X`, glued to words, continued by full-width forms or `转`,
    /// after a country prefix (`+86`, `(+86)`), in texts built from such pieces and their edits.
    #[test]
    fn ascii_digits_reads_runs_as_numbers_does() {
        let mut next = crate::testing::picker(0x2545_f491_4f6c_dd1du64);
        let id = with_id_check("11010519900307123");
        let id_x = (0..1000)
            .map(|k| format!("1101051990030{}", 7000 + k))
            .find(|b| with_id_check(b).ends_with('0') && with_id_check(b) != format!("{b}0"))
            .map_or_else(|| "11010519900307123X".to_string(), |b| format!("{b}X"));
        let bases = [
            "13812345678".to_string(),
            "138-1234-5678".to_string(),
            "010-62345678".to_string(),
            "0571-8765432-801".to_string(),
            "0571-87654321转801".to_string(),
            "010-62345678转12 345".to_string(),
            "0755 2345 6789转8".to_string(),
            "0755-2345678转8-9".to_string(),
            "6222-0212-3456-7890-128".to_string(),
            with_luhn("622202123456789012"),
            id.clone(),
            id_x.to_lowercase(),
            format!("{} {}", &id_x[..6], &id_x[6..]),
            id_x,
            format!("{}-{}-{}", &id[..6], &id[6..14], &id[14..]),
            "2026-11-29 13812345678".to_string(),
            "1990-01-01".to_string(),
            "138 1234 5678".to_string(),
            "13 812 345 678".to_string(),
            "010 6234 5678".to_string(),
            "010-6234 5678".to_string(),
            "6222 0212 3456 7890 128".to_string(),
            "1707 6222 0212 3456 7890".to_string(),
            format!("{} {} {} {}", &id[..6], &id[6..10], &id[10..14], &id[14..]),
            format!("{} {}", &id[..6], &id[6..]),
            "1990-01-01 138 1234 5678".to_string(),
            "138 1234 5678 1990-01-01".to_string(),
            "1 2 3 4 5 6 7 8 9 0 1 2 3".to_string(),
            // A card in more units than a run holds: the run is cut after `MAX_UNITS - 1`.
            with_luhn("622202123456789").chars().map(String::from).collect::<Vec<_>>().join(" "),
            "12 34 56 78 90 12 34 56 78 90 12".to_string(),
            // Country prefixes: `numbers` reads the ASCII ones through `dashed_unit`.
            "+8613812345678".to_string(),
            "+86 138 1234 5678".to_string(),
            "+86-138-1234-5678".to_string(),
            "+86 13812345678 6222 0212 3456 7890".to_string(),
            "+86 6222 0212 3456 7890".to_string(),
            "+86  138 1234 5678".to_string(),
            "(+86)13812345678".to_string(),
            "(+86) 138 1234 5678".to_string(),
            "(+86)-138-1234-5678".to_string(),
            "(+86)6222 0212 3456 7890".to_string(),
        ];
        let pieces = [
            "1", "3", "0", "8", "-", "-", "X", "x", " ", " ", "a", ".", "０", "－", "Ｘ", "转", "中", "@", "\u{3000}",
            "+", "(", ")",
        ];
        let texts = edited_texts(
            &bases,
            &["", "a", " ", "v1.", "中"],
            &["", " ", "a", "中", ".5", "X", "-", "-1", "０"],
            &pieces,
            300,
            &mut next,
        );
        let sc = Scanner::new();
        let (mut runs, mut hits) = (0, 0);
        for t in &texts {
            let b = t.as_bytes();
            for i in (0..b.len()).filter(|&i| b[i].is_ascii_digit() || b[i] == b'+' || b[i] == b'(') {
                if b.get(i..i + 10).is_some_and(is_iso_date) {
                    // The time stamp's date is skipped without `numbers` (see `ascii_digits`).
                    continue;
                }
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                let at = if b[i].is_ascii_digit() {
                    ascii_digits(&sc, t, i, 0, &mut fast)
                } else {
                    numbers(&sc, t, i, 0, &mut fast)
                };
                assert_eq!(at, numbers_read(&sc, t, i, 0, &mut slow), "{t:?} {i}");
                let fast: Vec<_> = fast.iter().map(number_key).collect();
                assert_eq!(fast, slow.iter().map(number_key).collect::<Vec<_>>(), "{t:?} {i}");
                runs += 1;
                hits += fast.len();
            }
        }
        assert!(hits > runs / 100 && hits < runs / 2, "{hits} of {runs}");
    }

    /// [`numbers`]' reading of a run that starts with a full-width digit (or a prefix) gives what
    /// [`numbers_read`] gives from the same start: values in full-width digits alone, mixed with
    /// ASCII ones, continued, glued to words, longer than any value, in texts built from such
    /// pieces and their edits.
    #[test]
    fn wide_digits_read_runs_as_numbers_read_does() {
        let mut next = crate::testing::picker(0x7c3a_91e5_0d24_b86fu64);
        let wide = |t: &str| -> String {
            t.chars().map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0xFF10 + d).unwrap_or(c))).collect()
        };
        let id = with_id_check("11010519900307123");
        let mut bases: Vec<String> = [
            "13812345678",
            "138123456789",
            "1381234567",
            "010623456789",
            "0086138123456789",
            "12345678901234567890",
            "123456789012345678901",
            "138",
        ]
        .iter()
        .map(|b| wide(b))
        .collect();
        bases.push(wide(&id));
        bases.push(wide(&with_luhn("622202123456789012")));
        bases.push(wide(&with_luhn("6222021234567890")));
        bases.extend(phone_like_bases(&mut next, 2, 40).iter().map(|b| wide(b)));
        bases.push(format!("{}X", wide(&id[..17])));
        bases.push(format!("{}1234", wide("1381234")));
        bases.push("（０１０）６２３４５６７８".to_string());
        bases.push("＋８６１３８１２３４５６７８".to_string());
        let pieces = [
            "１", "３", "０", "8", "-", "－", "X", "Ｘ", "ｘ", " ", "\u{3000}", "a", "ａ", ".", "转", "中", "@", "（",
            "）",
        ];
        let mut texts = edited_texts(
            &bases,
            &["", "a", "ａ", " ", "v1.", "中", "1", "#"],
            &["", " ", "a", "Ａ", "中", ".5", "X", "ｘ", "-", "-1", "－１", "1", "\u{3000}２", "转1", "@"],
            &pieces,
            200,
            &mut next,
        );
        // A run longer than `MAX_RUN_BYTES`: `numbers_read` cuts it there.
        texts.push("１".repeat(MAX_RUN_BYTES / 3 + 5));
        let sc = Scanner::new();
        let (mut runs, mut wide_runs, mut wide_hits) = (0, 0, 0);
        for t in &texts {
            let b = t.as_bytes();
            // Where a run starts, as the scanner calls `numbers`: not after a digit.
            let after_digit = |i: usize| i > 0 && b[i - 1].is_ascii_digit() || i >= 3 && digit_at(b, i - 3);
            let starts = (0..b.len()).filter(|&i| {
                (digit_at(b, i) || ["（", "＋", "+", "("].iter().any(|p| b[i..].starts_with(p.as_bytes())))
                    && !after_digit(i)
            });
            for i in starts.filter(|&i| !b[i].is_ascii_digit()).take(if t.len() > 1000 { 1 } else { usize::MAX }) {
                let found = numbers_as_read(&sc, t, i);
                runs += 1;
                if wide_digits(&sc, t, i, 0, &mut Vec::new()).is_some() {
                    wide_runs += 1;
                    wide_hits += found;
                }
            }
        }
        assert!(wide_runs > runs / 2 && wide_runs < runs * 9 / 10, "{wide_runs} of {runs}");
        assert!(wide_hits > 1000 && wide_hits < wide_runs / 10, "{wide_hits} of {wide_runs}");
    }

    /// [`numbers`]' reading of a run that starts with an area code in parentheses (`(0571)`,
    /// `（010）`) gives what [`numbers_read`] gives from the same start: landlines whole, in
    /// units, with dashes and extensions, other values after the code, glued to words, continued
    /// in full-width forms, longer than any value, in texts built from such pieces and their edits.
    #[test]
    fn area_code_runs_read_as_numbers_read_does() {
        let mut next = crate::testing::picker(0x51d0_27c4_9ab3_e168u64);
        let mut bodies: Vec<String> = [
            "87654321",
            "8765 4321",
            "8765-4321",
            "6234-5678转801",
            "87654321-8",
            "1234567",
            "138 1234 5678",
            "6222 0212 3456 7890",
            "2026-11-29 1234",
            "12345678901234567890123",
            "1",
        ]
        .iter()
        .map(|b| b.to_string())
        .collect();
        bodies.extend(phone_like_bases(&mut next, 1, 20));
        bodies.push(with_luhn("622202123456789012"));
        let mut bases = Vec::new();
        for body in &bodies {
            for (open, area, close) in
                [("(", "0571", ")"), ("（", "010", "）"), ("(", "021", "）"), ("（", "0755", ")")]
            {
                bases.push(format!("{open}{area}{close}{body}"));
            }
        }
        let pieces = [
            "1", "0", "8", "-", "－", "X", "Ｘ", " ", "\u{3000}", "a", ".", "转", "中", "@", "(", ")", "（", "）", "１",
        ];
        let mut texts = edited_texts(
            &bases,
            &["", "a", "ａ", " ", "v1.", "中", "#"],
            &["", " ", "a", "中", ".5", "X", "ｘ", "-", "-1", "－１", "1", "\u{3000}２", "转1", "@"],
            &pieces,
            60,
            &mut next,
        );
        // A run longer than `MAX_RUN_BYTES`: `numbers_read` cuts it there.
        texts.push(format!("(0571){}", "1".repeat(MAX_RUN_BYTES + 5)));
        texts.push(format!("(0571)1 {}", "1".repeat(MAX_RUN_BYTES + 5)));
        let sc = Scanner::new();
        let (mut runs, mut area_runs, mut area_hits) = (0, 0, 0);
        for t in &texts {
            let b = t.as_bytes();
            for i in (0..b.len()).filter(|&i| b[i] == b'(' || b[i..].starts_with("（".as_bytes())) {
                let found = numbers_as_read(&sc, t, i);
                runs += 1;
                if area_code(b, i).is_some() {
                    area_runs += 1;
                    area_hits += found;
                }
            }
        }
        assert!(area_runs > runs / 2 && area_runs < runs * 19 / 20, "{area_runs} of {runs}");
        assert!(area_hits > 1000 && area_hits < area_runs / 10, "{area_hits} of {area_runs}");
    }

    /// The scanner's loop as it was written, before its fast paths: every digit run goes to
    /// [`ascii_digits`], every stop byte to the dispatch.
    fn find_reference(sc: &Scanner, text: &str, out: &mut Vec<Hit>) {
        let b = text.as_bytes();
        let first = out.len();
        let heads = heads();
        let mut i = 0;
        let mut resumed = 0;
        loop {
            while i < b.len() && !(b[i] >= 0x80 || b[i].is_ascii_digit() || b"@+(=:".contains(&b[i])) {
                i += 1;
            }
            let Some(&c) = b.get(i) else { break };
            if c >= 0x80 {
                i = non_ascii_reference(sc, heads, text, i, out, &mut resumed);
                continue;
            }
            let from = i;
            i = match c {
                b'0'..=b'9' if i > resumed && is_word_letter(b[i - 1]) => {
                    i = word_end(b, i);
                    continue;
                }
                b'0'..=b'9' => ascii_digits(sc, text, i, 0, out),
                b'+' | b'(' => numbers(sc, text, i, 0, out),
                b'@' => email(sc, text, i, 0, out),
                _ if i > resumed && may_end_label(b[i - 1]) => label_word(sc, text, resumed, i, 1, 0, out),
                _ => i + 1,
            };
            if i > from + 1 || c != b'=' && c != b':' {
                resumed = i;
            }
        }
        resolve(out, first);
    }

    /// The one-byte test the scanner's loop made before a label word, as it was written.
    fn may_end_label(c: u8) -> bool {
        matches!(c, b'e' | b'E' | b's' | b'S' | b'r' | b'R' | b' ' | b'\t' | b'"' | b'\'' | 0x80)
    }

    /// [`Heads::stops`] marks every char of another length than three bytes (every byte of
    /// another lead byte than E0..EF), and of the three-byte chars exactly those that start a
    /// region name, end a label word or start a number run; those are Han but for the full-width
    /// ones that start a number run or end a label key.
    #[test]
    fn stops_are_the_chars_the_loop_reads() {
        let heads = heads();
        let always = ['名', '人', '址', '（', '＋', '：'].into_iter().chain('\u{ff10}'..='\u{ff19}');
        let firsts: std::collections::HashSet<char> = gazetteer::codes()
            .iter()
            .filter_map(|&code| {
                // A name of one character starts no address (`starts_pair` needs a pair).
                let mut chars = gazetteer::lookup(code)?.name.chars();
                chars.next().filter(|_| chars.next().is_some())
            })
            .chain(always)
            .collect();
        let mut marked = 0;
        for c0 in 0..=255u8 {
            for c1 in 0x80..0xC0u8 {
                for c2 in 0x80..0xC0u8 {
                    let bit = heads.stops[(c0 as usize) << 6 | (c1 as usize & 0x3F)] >> (c2 & 0x3F) & 1 == 1;
                    let want = match std::str::from_utf8(&[c0, c1, c2]).ok().and_then(|s| s.chars().next()) {
                        Some(c) => firsts.contains(&c),
                        None => !(0xE0..0xF0).contains(&c0),
                    };
                    assert_eq!(bit, want, "{c0:02X} {c1:02X} {c2:02X}");
                    marked += (bit && (0xE0..0xF0).contains(&c0)) as usize;
                    // `interesting_char` hands every marked three-byte char but the full-width
                    // ones that start a number run or end a label key to `han`, untested.
                    if let Some(c) = std::str::from_utf8(&[c0, c1, c2]).ok().and_then(|s| s.chars().next()) {
                        let wide = matches!(c, '\u{ff10}'..='\u{ff19}' | '（' | '＋' | '：');
                        assert!(!bit || wide || is_han(c), "{c}");
                    }
                }
            }
        }
        assert!(marked > 500 && marked < 5_000, "{marked}");
    }

    /// [`Heads::may_pair`] passes every pair of characters that may start an address, on texts of
    /// region names, their first characters and others, and rejects most other pairs.
    #[test]
    fn may_pair_passes_every_region_start() {
        let heads = heads();
        let mut names: Vec<String> = Vec::new();
        for &code in gazetteer::codes() {
            let Some(region) = gazetteer::lookup(code) else { continue };
            let mut chars = region.name.chars();
            if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
                // The filter's keys are the six bytes of two three-byte chars.
                assert!(a.len_utf8() == 3 && b.len_utf8() == 3, "{a}{b}");
                names.push(format!("{a}{b}"));
                names.push(a.to_string());
            }
        }
        names.extend(["中", "的", "a", "1", "é", "😀", "：", " ", "号"].map(String::from));
        let mut next = crate::testing::picker(0x5851_f42d_4c95_7f2d);
        let (mut starts, mut passed, mut n) = (0, 0, 0);
        for _ in 0..20_000 {
            let text: String = (0..1 + next(5)).map(|_| names[next(names.len())].as_str()).collect();
            for (i, a) in text.char_indices().filter(|&(_, a)| a.len_utf8() == 3) {
                let pass = heads.may_pair(text.as_bytes(), i);
                let start = heads.starts_pair(a as u32, text.as_bytes(), i + 3);
                assert!(pass || !start, "{text:?} {i}");
                starts += start as usize;
                passed += pass as usize;
                n += 1;
            }
        }
        assert!(starts > n / 10 && passed < starts + (n - starts) / 5, "{starts} {passed} {n}");
    }

    #[test]
    fn is_local_is_a_letter_digit_or_local_sign() {
        for c in 0..=255u8 {
            assert_eq!(is_local(c), c.is_ascii_alphanumeric() || b"._+-".contains(&c), "{c}");
        }
    }

    #[test]
    fn is_word_letter_is_a_letter_or_underscore() {
        for c in 0..=255u8 {
            assert_eq!(is_word_letter(c), c.is_ascii_alphabetic() || c == b'_', "{c}");
        }
    }

    /// [`non_ascii`] as it was written, one character at a time.
    fn non_ascii_reference(
        sc: &Scanner,
        heads: &Heads,
        text: &str,
        mut i: usize,
        out: &mut Vec<Hit>,
        resumed: &mut usize,
    ) -> usize {
        let base = 0;
        let b = text.as_bytes();
        while let Some(&c) = b.get(i) {
            if c < 0x80 {
                break;
            }
            if c & 0xF0 != 0xE0 {
                // Two- and four-byte characters start nothing (nor do stray continuation bytes).
                i += match c {
                    0xC2..=0xDF => 2,
                    0xF0..=0xF4 => 4,
                    _ => 1,
                };
                continue;
            }
            let Some(&[_, c1, c2]) = b.get(i..i + 3) else { return b.len() };
            // The code point is row << 6 | c2 & 63: the row and bit index the BMP bitmaps directly.
            let row = ((c as usize & 0x0F) << 6) | (c1 as usize & 0x3F);
            let bit = 1u64 << (c2 & 0x3F);
            // Most characters of Chinese text start nothing: one bit test (see `Heads::stops`).
            if heads.stops[(0xE0 << 6) + row] & bit == 0 {
                i += 3;
                continue;
            }
            // The character's readers are the production ones: this oracle checks the skipping.
            i = interesting_char(sc, heads, text, i, row, c2, base, out, resumed);
        }
        i
    }

    /// Texts of the pieces the scanner's loop treats apart: digit runs of every length, what
    /// ends or continues them, labels and separators, e-mail and number starts, Han text.
    fn loop_texts(seed: u64, n: usize) -> Vec<String> {
        // `|`-separated: the pieces, blanks among them.
        let pieces: Vec<&str> = concat!(
            "0|7|12|123|2026|0571|13812345678|6222021234567890128|00:03:22.700|10.22.94.42|2026-11-29 |",
            ":|:|=|=|.|-|-| | |X|x|a|Z|_|e|name|addr| name|\"|'|\t|@|qq.com|+|+86|(|0755)|)|/|,|%|;|?|>|*|",
            "NAME|Addr|address|ADDRESS|user|time|s|m|d|ME|dR|ss|Es|",
            "中|张三|姓名|：|地址|收件人|浙江省杭州市|西湖区|文三路1号|号|０|１３８|－|转|\u{3000}|Ｘ|（|＋|é|😀|ms|\u{80}",
        )
        .split('|')
        .collect();
        let mut next = crate::testing::picker(seed);
        (0..n).map(|_| (0..1 + next(16)).map(|_| pieces[next(pieces.len())]).collect()).collect()
    }

    /// The scanner's loop finds what its reference finds, with every kind on and with some off;
    /// its short digit runs end where [`ascii_digits`] ends them, with nothing found.
    #[test]
    fn find_agrees_with_the_reference_loop() {
        let sets = [Scanner::new(), Scanner::with_kinds(&[Kind::CnMobile, Kind::Email, Kind::CnName])];
        let (mut short, mut hits) = (0, 0);
        for text in loop_texts(0x6a09_e667_f3bc_c908, 30_000) {
            for sc in &sets {
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                find(sc, &text, 0, &mut fast);
                find_reference(sc, &text, &mut slow);
                let show = |h: &Vec<Hit>| h.iter().map(|h| format!("{h:?}")).collect::<Vec<_>>();
                assert_eq!(show(&fast), show(&slow), "{text:?}");
                hits += fast.len();
            }
            let b = text.as_bytes();
            for i in (0..b.len()).filter(|&i| b[i].is_ascii_digit()) {
                if let Some((end, next)) = short_run_end(b, i) {
                    let mut out = Vec::new();
                    assert_eq!(ascii_digits(&sets[0], &text, i, 0, &mut out), end, "{text:?} {i}");
                    assert!(out.is_empty() && (next == end || next == end + 1), "{text:?} {i}");
                    short += 1;
                }
            }
        }
        assert!(short > 50_000 && hits > 3_000, "{short} {hits}");
    }

    /// [`Heads::starts_pair`] reads the bytes as the pairs of the names' first two chars: at
    /// every char of generated text of name starts, other Han chars, ASCII and chars of two,
    /// three (not Han) and four bytes, it agrees with a set of the chars of every region name.
    #[test]
    fn starts_pair_agrees_with_the_names() {
        let names: Vec<&str> =
            crate::gazetteer::codes().iter().filter_map(|&c| crate::gazetteer::lookup(c)).map(|r| r.name).collect();
        let set: std::collections::HashSet<(char, char)> = names
            .iter()
            .filter_map(|n| {
                let mut c = n.chars();
                Some((c.next()?, c.next()?))
            })
            .collect();
        let mut pieces: Vec<String> = names.iter().step_by(7).map(|n| n.chars().take(2).collect()).collect();
        pieces.extend(["中", "的", "省", "市", "a", "1", " ", "é", "，", "😀", "𠀀"].map(String::from));
        let mut next = crate::testing::picker(0x0bad_cafe_1234_5678u64);
        let heads = heads();
        let (mut yes, mut n) = (0, 0);
        for _ in 0..20_000 {
            let text: String = (0..1 + next(4)).map(|_| pieces[next(pieces.len())].as_str()).collect();
            for (i, a) in text.char_indices() {
                let after = i + a.len_utf8();
                let want = char_at(&text, after).is_some_and(|b| set.contains(&(a, b)));
                assert_eq!(heads.starts_pair(a as u32, text.as_bytes(), after), want, "{text:?} {i}");
                yes += want as usize;
                n += 1;
            }
        }
        assert!(yes > n / 10 && yes < n * 3 / 4, "{yes} of {n}");
    }

    /// [`address_body`] read one character at a time, without its runs: [`Body::step`] at every
    /// character.
    fn address_body_chars(window: &str, from: usize) -> (Option<usize>, usize) {
        let mut body = Body::default();
        let mut at = from;
        while let Some(c) = char_at(window, at) {
            if !body.step(window.as_bytes(), at, c) {
                break;
            }
            at += c.len_utf8();
        }
        body.end(at)
    }

    /// The runs [`address_body`] passes over change nothing: it agrees with the reading one
    /// character at a time on generated bodies of the characters it treats apart, from every
    /// start offset.
    #[test]
    fn address_body_runs_read_as_chars() {
        let pieces = [
            "号", "室", "栋", "幢", "元", "单", "楼", "位", "码", "电", "话", "路", "中", "a", "Z", "0", "7", "12",
            "603", "2004", "98765", "-", "#", "_", " ", "，", "·", "０", "Ｂ", "－", "＃", "é", "😀", "𠀀",
        ];
        let mut next = crate::testing::picker(0x9e37_79b9_7f4a_7c15u64);
        let (mut with_suffix, mut n) = (0, 0);
        for _ in 0..20_000 {
            let len = next(14);
            let body: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            for (from, _) in body.char_indices() {
                let want = address_body_chars(&body, from);
                assert_eq!(address_body(&body, from), want, "{body:?} {from}");
                with_suffix += want.0.is_some() as usize;
                n += 1;
            }
        }
        assert!(with_suffix > n / 10 && with_suffix < n * 9 / 10, "{with_suffix} of {n}");
        // The body characters read without a field-word look-up start no field word.
        assert!(FIELD_WORDS.iter().filter_map(|w| w.chars().next()).all(may_start_field_word));
    }

    /// The field-word test of a body agrees with the set at every Han character of generated
    /// text of field words, their first characters and characters sharing the last byte of
    /// `码` (`丁`) or `位` (`不`).
    #[test]
    fn body_field_word_at_is_the_set() {
        let pieces =
            ["号", "码", "单", "位", "丁", "不", "元", "电", "话", "中", "号码", "单位", "电话", "a", "，", "é", "😀"];
        let mut next = crate::testing::picker(0x2545_f491_4f6c_dd1du64);
        let (mut hits, mut n) = (0, 0);
        for _ in 0..20_000 {
            let len = next(6);
            let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            for (at, c) in text.char_indices().filter(|&(_, c)| is_han(c)) {
                let want = may_start_field_word(c) && FIELD_SET.starts(&text.as_bytes()[at..]);
                assert_eq!(body_field_word_at(text.as_bytes(), at, c), want, "{text:?} {at}");
                hits += want as usize;
                n += 1;
            }
        }
        assert!(hits > n / 20 && hits < n / 2, "{hits} of {n}");
        // `号` and `单` start no other field word.
        for w in FIELD_WORDS.iter().filter(|w| w.starts_with(['号', '单'])) {
            assert!(["号码", "单位"].contains(w), "{w}");
        }
    }

    /// An address body passes over exactly the BMP Han characters (by `is_han`) that neither end
    /// a body nor start a field word: [`BODY_PLAIN`] read as [`body_plain_end`] reads it, from the
    /// UTF-8 bytes of every char (one, two, three and four bytes long).
    #[test]
    fn body_plain_is_han_less_the_body_words() {
        let special = |c: char| "号室栋幢元单楼".contains(c) || FIELD_WORDS.iter().any(|w| w.starts_with(c));
        let mut plain = 0;
        for c in (0..0x11_0000).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let row = ((b[0] as usize & 0x3F) << 6) | (b[1] as usize & 0x3F);
            let bit = BODY_PLAIN[row] & (1 << (b.get(2).unwrap_or(&0) & 0x3F)) != 0;
            assert_eq!(bit, c.len_utf8() == 3 && is_han(c) && !special(c), "U+{:04X}", c as u32);
            // The run reader takes the char (followed by a stop) exactly when the table does.
            let text = format!("{c}，");
            assert_eq!(body_plain_end(text.as_bytes(), 0) == c.len_utf8(), bit, "U+{:04X}", c as u32);
            plain += bit as usize;
        }
        assert!(plain > 20_000, "{plain}");
    }

    /// The byte readers agree with the char reading for every pair of characters on each side
    /// of a number: ASCII, full-width forms in and out of the word ranges (`＠`, `｛`, `ｸ` share
    /// the lead byte), two-, three- and four-byte characters, the glue punctuation.
    #[test]
    fn glued_reads_bytes_as_chars() {
        let pieces = [
            "", "a", "Z", "_", "9", "０", "９", "Ａ", "ｚ", "＠", "｛", "ｸ", "é", "中", "😀", ".", "-", "/", "#", "%",
            "@", ":", " ",
        ];
        let (mut glued, mut n) = (0, 0);
        for p in pieces.iter().flat_map(|a| pieces.iter().map(move |b| format!("{a}{b}"))) {
            for q in pieces.iter().flat_map(|a| pieces.iter().map(move |b| format!("{a}{b}"))) {
                let s = format!("{p}138{q}");
                let (i, end) = (p.len(), p.len() + 3);
                assert_eq!(glued_before(&s, i), glued_before_chars(&s, i), "{s:?}");
                assert_eq!(glued_after(&s, end), glued_after_chars(&s, end), "{s:?}");
                glued += glued_before(&s, i) as usize + glued_after(&s, end) as usize;
                n += 2;
            }
        }
        assert!(glued > n / 4 && glued < n * 3 / 4, "{glued} of {n}");
    }

    /// [`name_at`] as it was written: one decoded character at a time.
    fn name_at_chars(s: &str, j: usize) -> Option<usize> {
        let rest = s.get(j..)?;
        if starts_field_word(rest) {
            return None;
        }
        let mut han = 0;
        let mut dots = 0;
        let mut end = j;
        for (k, c) in rest.char_indices() {
            if is_han(c) {
                if han >= 2 && starts_field_word(&rest[k..]) {
                    break;
                }
                han += 1;
            } else if c == '·' && han > 0 {
                dots += 1;
            } else {
                break;
            }
            end = j + k + c.len_utf8();
            if han + dots > 20 {
                return None;
            }
        }
        let ok = if dots > 0 { han >= 2 && !s[..end].ends_with('·') } else { (2..=4).contains(&han) };
        (ok && !is_name_placeholder(&s[j..end])).then_some(end)
    }

    /// [`labelled_name`] as it was written: each role word compared in turn, then [`name_at_chars`].
    fn labelled_name_chars(s: &str, j: usize) -> Option<(usize, usize)> {
        let rest = s.get(j..)?;
        for word in ROLE_WORDS {
            if rest.starts_with(word) {
                let k = skip_blanks(s, j + word.len());
                if let Some(end) = name_at_chars(s, k) {
                    return Some((k, end));
                }
            }
        }
        name_at_chars(s, j).map(|end| (j, end))
    }

    /// The byte reading of a name agrees with the character loop at every byte of generated
    /// name-field values: Han characters of every block and the characters just outside each
    /// (three and four bytes), `·`, field, role and placeholder words, blanks, punctuation, ASCII
    /// and two-byte characters, names of 0 to 24 characters.
    #[test]
    fn name_at_reads_bytes_as_chars() {
        let pieces: Vec<&str> = concat!(
            "张|三|欧阳|娜|丰|龙|鑫|\u{3400}|\u{4DBF}|\u{4E00}|\u{9FFF}|\u{F900}|\u{FAFF}|𠀀|\u{3134F}|",
            "\u{33FF}|\u{4DC0}|\u{A000}|\u{F8FF}|\u{FB00}|\u{31350}|\u{1F600}|·|·|·|",
            "电话|手机|地址|证件|性别|本人|客户|用户|顾客|保密|未填写|匿名用户|无名氏|同上|",
            " |\u{3000}|，|：|。|\"|a|1|é|\u{80}|＊|*",
        )
        .split('|')
        .collect();
        let mut next = crate::testing::picker(0x3c6e_f372_fe94_f82b);
        let (mut names, mut roles, mut n) = (0, 0, 0);
        for _ in 0..40_000 {
            // Mostly Han pieces, so that long names and the 20-character cap are reached.
            let text: String =
                (0..next(14)).map(|_| pieces[if next(3) == 0 { next(pieces.len()) } else { next(6) }]).collect();
            for j in 0..=text.len() + 1 {
                let fast = name_at(&text, j, text.get(j..).is_some_and(|r| NAME_LISTS.starts(r.as_bytes())));
                assert_eq!(fast, name_at_chars(&text, j), "{text:?} {j}");
                // Not `listed` only skips look-ups that would not match.
                assert_eq!(name_at(&text, j, true), fast, "{text:?} {j}");
                let labelled = labelled_name(&text, j);
                assert_eq!(labelled, labelled_name_chars(&text, j), "{text:?} {j}");
                names += fast.is_some() as usize;
                roles += labelled.is_some_and(|(k, _)| k != j) as usize;
                n += 1;
            }
        }
        assert!(names > n / 20 && names < n / 2 && roles > 100, "{names} {roles} of {n}");
    }

    /// [`label_key_kind`] gives what the suffix compares it replaced give, on generated words of
    /// the keys' letters in both cases, other ASCII bytes and non-ASCII bytes, 0 to 10 bytes
    /// long, half of them with a key (or a part of one) glued on in random case.
    #[test]
    fn label_key_kind_is_a_case_blind_suffix() {
        let by_suffix = |w: &[u8]| {
            let ends =
                |suffix: &[u8]| w.len() >= suffix.len() && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix);
            if ends(b"name") {
                Some(Kind::CnName)
            } else if ends(b"address") || ends(b"addr") {
                Some(Kind::CnAddress)
            } else {
                None
            }
        };
        let letters = b"nameadrsNAMEADRS@^!$-ESR_ 1\xc5\xe1\xf2";
        let mut next = crate::testing::picker(0xa54f_f53a_5f1d_36f1);
        let (mut names, mut addresses, mut n) = (0, 0, 0);
        for _ in 0..200_000 {
            let mut w: Vec<u8> = (0..next(11)).map(|_| letters[next(letters.len())]).collect();
            // Glue a key, in random case, to some words.
            if next(2) == 0 {
                let key = [&b"name"[..], b"addr", b"address", b"ress", b"dress"][next(5)];
                w.extend(key.iter().map(|&c| if next(2) == 0 { c.to_ascii_uppercase() } else { c }));
            }
            let kind = label_key_kind(&w);
            assert_eq!(kind, by_suffix(&w), "{w:?}");
            names += (kind == Some(Kind::CnName)) as usize;
            addresses += (kind == Some(Kind::CnAddress)) as usize;
            n += 1;
        }
        assert!(names > n / 20 && addresses > n / 20, "{names} {addresses} of {n}");
    }

    /// [`label_seps_end`] ends where the character loop it replaced ends, on generated texts of
    /// the separators, the characters that share their lead bytes (`；`, `＋`, U+3001), other
    /// characters, 0 to 7 pieces, from every byte.
    #[test]
    fn label_seps_end_reads_bytes_as_chars() {
        let by_chars = |s: &str, mut j: usize| {
            let mut seps = 0;
            while let Some(c @ ('：' | ':' | '=' | ' ' | '\t' | '\u{3000}' | '"' | '\'')) = char_at(s, j) {
                j += c.len_utf8();
                seps += 1;
                if seps > 4 {
                    return None;
                }
            }
            Some(j)
        };
        let pieces =
            ["：", ":", "=", " ", "\t", "\u{3000}", "\"", "'", "；", "＋", "\u{3001}", "张", "a", "1", "é", "😀", ";"];
        let mut next = crate::testing::picker(0x510e_527f_ade6_82d1);
        let (mut cut, mut n) = (0, 0);
        for _ in 0..30_000 {
            let text: String =
                (0..next(8)).map(|_| pieces[if next(2) == 0 { next(8) } else { next(pieces.len()) }]).collect();
            for j in (0..=text.len()).filter(|&j| text.is_char_boundary(j)) {
                let fast = label_seps_end(text.as_bytes(), j);
                assert_eq!(fast, by_chars(&text, j), "{text:?} {j}");
                cut += fast.is_none() as usize;
                n += 1;
            }
        }
        assert!(cut > n / 50 && cut < n / 2, "{cut} of {n}");
    }
}
