//! Byte-run tests eight bytes at a time (SWAR): the scanner's hot loops over digits and JSON
//! strings. A byte loop mispredicts its exit once per run, and a log line is full of short runs.

const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes from `i`, if there are eight.
#[inline]
fn word(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..i + 8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
}

/// The high bit of each byte of `w` that equals `c` (exact: no borrow between bytes).
#[inline]
fn eq_bytes(w: u64, c: u8) -> u64 {
    let t = w ^ (c as u64 * 0x0101_0101_0101_0101);
    !(((t & LOW7) + LOW7) | t) & HIGH
}

/// The offset of the first byte at or after `i` that is not an ASCII digit. Eight bytes at a
/// time: a loop per digit mispredicts its exit once per number, and log lines are full of numbers.
#[inline]
pub(crate) fn digits_end(b: &[u8], mut i: usize) -> usize {
    while let Some(w) = word(b, i) {
        let x = w & LOW7;
        // Per byte (no carries: x <= 0x7F): high bit of `above` set for x > 0x39, of `from` for
        // x >= 0x30; a byte with its own high bit set is not ASCII.
        let above = x + 0x4646_4646_4646_4646;
        let from = x + 0x5050_5050_5050_5050;
        let not_digit = (above | !from | w) & HIGH;
        if not_digit != 0 {
            return i + (not_digit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// The run of ASCII digits at `i` read in one go when it ends within the eight bytes from `i`:
/// its length `k` (below eight) and those eight bytes shifted right by `k` bytes (the byte that
/// ends the run lowest; the `k` top bytes are zero and no part of the text). `None` when fewer
/// than eight bytes are left or all eight are digits.
#[inline]
pub(crate) fn short_digit_run(b: &[u8], i: usize) -> Option<(usize, u64)> {
    let w = word(b, i)?;
    let x = w & LOW7;
    // As in `digits_end`: high bit set for a byte that is no ASCII digit.
    let not_digit = ((x + 0x4646_4646_4646_4646) | !(x + 0x5050_5050_5050_5050) | w) & HIGH;
    if not_digit == 0 {
        return None;
    }
    let k = not_digit.trailing_zeros() / 8;
    Some((k as usize, w >> (8 * k)))
}

/// The offset of the first byte at or after `i` that is not an ASCII letter, digit or `_`: where
/// an ASCII word ends.
#[inline]
pub(crate) fn word_end(b: &[u8], i: usize) -> usize {
    alnum_end(b, i, b'_', b'_')
}

/// The offset of the first byte at or after `i` that is not an ASCII letter, digit, `.` or `-`:
/// where the domain of an e-mail address may end.
#[inline]
pub(crate) fn host_end(b: &[u8], i: usize) -> usize {
    alnum_end(b, i, b'.', b'-')
}

/// The offset of the first byte at or after `i` that is not an ASCII letter, digit, `x` or `y`.
#[inline(always)]
fn alnum_end(b: &[u8], mut i: usize, x: u8, y: u8) -> usize {
    while let Some(w) = word(b, i) {
        let v = w & LOW7;
        let digit = (v + 0x5050_5050_5050_5050) & !(v + 0x4646_4646_4646_4646);
        // Letters: v | 0x20 in 0x61..=0x7A.
        let l = v | 0x2020_2020_2020_2020;
        let letter = (l + 0x1F1F_1F1F_1F1F_1F1F) & !(l + 0x0505_0505_0505_0505);
        let inside = (digit | letter | eq_bytes(w, x) | eq_bytes(w, y)) & !w & HIGH;
        let stop = !inside & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == x || b[i] == y) {
        i += 1;
    }
    i
}

/// Whether the free-text scanner stops at ASCII byte `c`, or at any byte of 0x80 and above: a
/// digit, `@`, `+`, `(`, `=` or `:`, and the rare `)`, `*`, `;`, `<`, `>`, `?` (two byte
/// ranges, `(`..=`+` and `0`..=`@`, are fewer tests than the exact set; the scanner passes over
/// these six as it does over plain text). Every other ASCII byte is plain text it passes over
/// (letters too: a label word is read back from its `=`/`:`, a digit glued to letters from the
/// byte before it).
#[inline]
pub(crate) fn is_stop(c: u8) -> bool {
    STOP[c as usize]
}

static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b >= 0x80 || matches!(b, b'('..=b'+' | b'0'..=b'@');
        c += 1;
    }
    t
};

/// The offset of the first byte at or after `i` that [`is_stop`].
#[inline]
pub(crate) fn plain_end(b: &[u8], mut i: usize) -> usize {
    // Stops often come in pairs (`00:00`, `id=12`): test the first byte alone.
    match b.get(i) {
        Some(&c) if is_stop(c) => return i,
        None => return i,
        _ => i += 1,
    }
    while let Some(w) = word(b, i) {
        let x = w & LOW7;
        // Per byte (no carries: x <= 0x7F): `(`..=`+` (0x28..=0x2B) and `0`..=`@` (0x30..=0x40).
        let open_plus = (x + 0x5858_5858_5858_5858) & !(x + 0x5454_5454_5454_5454);
        let digit_at = (x + 0x5050_5050_5050_5050) & !(x + 0x3F3F_3F3F_3F3F_3F3F);
        let stop = (w | open_plus | digit_at) & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !is_stop(b[i]) {
        i += 1;
    }
    i
}

/// The bytes of `w` that end a JSON string's plain run (`"`, `\\`, below 0x20), marked by their
/// high bits. Borrowing tests (`(x - n) & !x`): bytes above the first stop may be marked too,
/// but the lowest mark is exact, and only the lowest may be read.
#[inline(always)]
fn json_stops(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let q = w ^ (ONES * b'"' as u64);
    let s = w ^ (ONES * b'\\' as u64);
    ((w.wrapping_sub(ONES * 0x20) & !w) | (q.wrapping_sub(ONES) & !q) | (s.wrapping_sub(ONES) & !s)) & HIGH
}

/// The offset of the first `"`, `\\` or control byte (below 0x20) at or after `i`: where a
/// JSON string's plain run ends.
#[inline]
pub(crate) fn json_plain_end(b: &[u8], mut i: usize) -> usize {
    while let Some(w) = word(b, i) {
        let stop = json_stops(w);
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], b'"' | b'\\' | 0..0x20) {
        i += 1;
    }
    i
}

/// A JSON string's plain run at `i` read in one go when it ends within the eight bytes from `i`
/// (as [`json_plain_end`] reads it): its length `k` (below eight) and those eight bytes with all
/// but the run's `k` bytes zero. `None` when fewer than eight bytes are left or the run goes on.
/// A short JSON key is read so, and its bytes are then one word (see `json::KeyMemo`).
#[inline]
pub(crate) fn short_json_run(b: &[u8], i: usize) -> Option<(usize, u64)> {
    let w = word(b, i)?;
    let stop = json_stops(w);
    if stop == 0 {
        return None;
    }
    let k = stop.trailing_zeros() / 8;
    Some((k as usize, w & ((1u64 << (8 * k)) - 1)))
}

#[cfg(test)]
mod tests {
    use super::{digits_end, host_end, is_stop, json_plain_end, plain_end, short_json_run, word_end};

    fn slow(b: &[u8], mut i: usize) -> usize {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    }

    #[test]
    fn digits_end_matches_the_byte_loop() {
        // Every byte value after runs of every length up to 20, at every start offset.
        for stop in 0..=255u8 {
            for run in 0..20 {
                let mut b = vec![b'7'; run];
                b.push(stop);
                b.extend_from_slice(b"12345678");
                for start in 0..b.len() {
                    assert_eq!(digits_end(&b, start), slow(&b, start), "stop {stop} run {run} start {start}");
                }
            }
        }
        // Pseudo-random bytes, mostly digits.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2_000 {
            let b: Vec<u8> = (0..40)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    if x % 4 == 0 {
                        (x >> 8) as u8
                    } else {
                        b'0' + (x >> 8) as u8 % 10
                    }
                })
                .collect();
            for start in 0..=b.len() {
                assert_eq!(digits_end(&b, start), slow(&b, start));
            }
        }
    }

    #[test]
    fn json_plain_end_matches_the_byte_loop() {
        fn slow(b: &[u8], mut i: usize) -> usize {
            while i < b.len() && !matches!(b[i], b'"' | b'\\' | 0..0x20) {
                i += 1;
            }
            i
        }
        for stop in 0..=255u8 {
            for run in 0..20 {
                let mut b = "张三abc".repeat(4).into_bytes()[..run].to_vec();
                b.push(stop);
                b.extend_from_slice("x\"y电话".as_bytes());
                for start in 0..b.len() {
                    let end = slow(&b, start);
                    assert_eq!(json_plain_end(&b, start), end, "stop {stop} run {run} start {start}");
                    // The short run: given exactly when it ends within eight bytes of a full word.
                    let short = (end - start < 8 && start + 8 <= b.len()).then(|| {
                        let mut w = [0u8; 8];
                        w[..end - start].copy_from_slice(&b[start..end]);
                        (end - start, u64::from_le_bytes(w))
                    });
                    assert_eq!(short_json_run(&b, start), short, "stop {stop} run {run} start {start}");
                }
            }
        }
    }

    #[test]
    fn word_end_and_host_end_match_the_byte_loop() {
        fn slow(b: &[u8], mut i: usize, extra: &[u8]) -> usize {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || extra.contains(&b[i])) {
                i += 1;
            }
            i
        }
        for stop in 0..=255u8 {
            for run in 0..20 {
                let mut b = b"aZ_09.zA-9_"[..run.min(11)].to_vec();
                b.extend(std::iter::repeat_n(b'q', run.saturating_sub(11)));
                b.push(stop);
                b.extend_from_slice(b"abc_DEF9.x-");
                for start in 0..b.len() {
                    assert_eq!(word_end(&b, start), slow(&b, start, b"_"), "stop {stop} run {run} start {start}");
                    assert_eq!(host_end(&b, start), slow(&b, start, b".-"), "stop {stop} run {run} start {start}");
                }
            }
        }
    }

    #[test]
    fn plain_end_matches_the_byte_loop() {
        fn slow(b: &[u8], mut i: usize) -> usize {
            while i < b.len() && !is_stop(b[i]) {
                i += 1;
            }
            i
        }
        for stop in 0..=255u8 {
            for run in 0..20 {
                let mut b = b"ab_ -.,/\"ZYz}{*;<>?"[..run].to_vec();
                b.push(stop);
                b.extend_from_slice("x=y:电话1".as_bytes());
                for start in 0..b.len() {
                    assert_eq!(plain_end(&b, start), slow(&b, start), "stop {stop} run {run} start {start}");
                }
            }
        }
        let stops: Vec<u8> = (0..=255u8).filter(|&c| is_stop(c)).collect();
        let mut expected: Vec<u8> = b"()*+0123456789:;<=>?@".to_vec();
        expected.extend(0x80..=0xFF);
        assert_eq!(stops, expected);
    }
}
