//! The written layout of a value: which characters carry digits, and how they are written.
//!
//! Kinds read the significant characters of a value (ASCII or full-width digits,
//! a check character `X`) and remember where each one stood and in which width,
//! so that a token can be written back in exactly the input's layout: the same
//! separators, country prefix and character widths. Detokenizing a token then
//! gives back the exact input text.

/// One significant character of the input.
#[derive(Clone, Copy, Default)]
pub(crate) struct Slot {
    /// Byte offset in the input.
    pub at: u16,
    /// Full-width form (`０`-`９`, `Ｘ`).
    pub wide: bool,
    /// Lower-case `x` / `ｘ` (only meaningful where the value is 10).
    pub lower: bool,
}

/// Most significant characters any kind reads (an ID has 18, a card 19, a landline up to 18).
/// Small on purpose: a parsed value is moved around by value.
pub(crate) const MAX_DIGITS: usize = 20;

/// The significant characters of a value and where they stand, inline (no heap).
///
/// `Debug` shows the count only: the values are personal data.
#[derive(Clone)]
pub(crate) struct Digits {
    len: usize,
    /// Digit values; 10 stands for a check character `X`.
    values: [u8; MAX_DIGITS],
    /// Where each value was written.
    slots: [Slot; MAX_DIGITS],
}

/// The value of a digit character, ASCII or full-width, with its width.
#[inline]
pub(crate) fn digit_value(c: char) -> Option<(u8, bool)> {
    match c {
        '0'..='9' => Some((c as u8 - b'0', false)),
        '\u{ff10}'..='\u{ff19}' => Some(((c as u32 - 0xff10) as u8, true)),
        _ => None,
    }
}

/// `X` in any of its written forms: `(wide, lower)`.
#[inline]
pub(crate) fn x_value(c: char) -> Option<(bool, bool)> {
    match c {
        'X' => Some((false, false)),
        'x' => Some((false, true)),
        '\u{ff38}' => Some((true, false)),
        '\u{ff58}' => Some((true, true)),
        _ => None,
    }
}

impl std::fmt::Debug for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Digits").field("len", &self.len).finish_non_exhaustive()
    }
}

impl Digits {
    pub(crate) fn new() -> Digits {
        Digits { len: 0, values: [0; MAX_DIGITS], slots: [Slot::default(); MAX_DIGITS] }
    }

    /// Digits from values and their slots, built by a parser (at most [`MAX_DIGITS`]).
    pub(crate) fn from_parts(values: &[u8], slots: &[Slot]) -> Digits {
        let mut d = Digits::new();
        let len = values.len().min(slots.len()).min(MAX_DIGITS);
        d.values[..len].copy_from_slice(&values[..len]);
        d.slots[..len].copy_from_slice(&slots[..len]);
        d.len = len;
        d
    }

    /// Appends a value; `false` (and nothing appended) when [`MAX_DIGITS`] are held already
    /// or the value is further into the text than any valid value of a kind can be.
    #[must_use]
    pub(crate) fn push(&mut self, value: u8, at: usize, wide: bool, lower: bool) -> bool {
        if self.len == MAX_DIGITS || at > u16::MAX as usize {
            return false;
        }
        self.values[self.len] = value;
        self.slots[self.len] = Slot { at: at as u16, wide, lower };
        self.len += 1;
        true
    }

    /// The number of significant characters.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The values; 10 stands for `X`.
    pub(crate) fn values(&self) -> &[u8] {
        &self.values[..self.len]
    }

    /// Where each value was written.
    pub(crate) fn slots(&self) -> &[Slot] {
        &self.slots[..self.len]
    }

    /// Whether the value is written as its significant characters alone, ASCII, upper case.
    pub(crate) fn is_plain(&self, text: &str) -> bool {
        self.len == text.len() && self.slots().iter().all(|s| !s.wide && !s.lower)
    }

    /// `text` with the significant character in slot `i` replaced by `new[i]`, in the same style.
    pub(crate) fn render(&self, text: &str, new: &[u8]) -> String {
        let mut out = String::with_capacity(text.len() + 4);
        self.render_into(text, new, &mut out);
        out
    }

    /// [`Digits::render`], appending to `out`.
    pub(crate) fn render_into(&self, text: &str, new: &[u8], out: &mut String) {
        debug_assert_eq!(new.len(), self.len);
        if self.is_plain(text) {
            let mut bytes = [0u8; MAX_DIGITS];
            for (b, &v) in bytes.iter_mut().zip(new) {
                *b = plain_char(v, false) as u8;
            }
            out.push_str(std::str::from_utf8(&bytes[..new.len()]).unwrap_or_default());
            return;
        }
        if text.is_ascii() {
            // Every slot is one ASCII byte: overwrite them in a copy of the text.
            let mut bytes = text.as_bytes().to_vec();
            for (slot, &v) in self.slots().iter().zip(new) {
                bytes[slot.at as usize] = plain_char(v, slot.lower) as u8;
            }
            out.push_str(std::str::from_utf8(&bytes).unwrap_or(text));
            return;
        }
        let mut from = 0usize;
        for (slot, &v) in self.slots().iter().zip(new) {
            let at = slot.at as usize;
            out.push_str(&text[from..at]);
            let c = if slot.wide { wide_char(v, slot.lower) } else { plain_char(v, slot.lower) };
            out.push(c);
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        }
        out.push_str(&text[from..]);
    }

    /// The values as ASCII digits (the normal form of the number kinds).
    pub(crate) fn decimal(&self) -> String {
        self.values().iter().map(|&v| plain_char(v, false)).collect()
    }

    /// The values as an integer (decimal digits only), over `range`.
    pub(crate) fn number(&self, range: std::ops::Range<usize>) -> u128 {
        let values = &self.values()[range];
        if values.len() <= 19 {
            values.iter().fold(0u64, |acc, &d| acc * 10 + d as u64) as u128
        } else {
            values.iter().fold(0u128, |acc, &d| acc * 10 + d as u128)
        }
    }
}

fn plain_char(v: u8, lower: bool) -> char {
    match v {
        10 if lower => 'x',
        10 => 'X',
        _ => (b'0' + v) as char,
    }
}

fn wide_char(v: u8, lower: bool) -> char {
    match v {
        10 if lower => '\u{ff58}',
        10 => '\u{ff38}',
        _ => char::from_u32(0xff10 + v as u32).unwrap_or('0'),
    }
}

/// Writes `x` as exactly `out.len()` decimal digits.
pub(crate) fn decimal_digits(mut x: u128, out: &mut [u8]) {
    if x <= u64::MAX as u128 {
        // 64-bit division by a constant is a multiplication; 128-bit division is a call.
        let mut x = x as u64;
        for o in out.iter_mut().rev() {
            *o = (x % 10) as u8;
            x /= 10;
        }
        return;
    }
    for o in out.iter_mut().rev() {
        *o = (x % 10) as u8;
        x /= 10;
    }
}

/// The first six bytes of `b` as one integer: two 3-byte (CJK) characters compared in one step.
/// `b` must have at least six bytes.
#[inline]
pub(crate) const fn key6(b: &[u8]) -> u64 {
    (b[0] as u64) << 40
        | (b[1] as u64) << 32
        | (b[2] as u64) << 24
        | (b[3] as u64) << 16
        | (b[4] as u64) << 8
        | b[5] as u64
}

/// A set of two-character words (six bytes each: two 3-byte characters), built at compile time:
/// the words' [`key6`] integers in an open-addressing table of `S` slots (a power of two, at
/// least twice the number of words). Testing whether a text starts with one of the words is a
/// multiply and a probe or two, where a scan of the list compared every word.
pub(crate) struct WordSet<const S: usize> {
    slots: [u64; S],
}

impl<const S: usize> WordSet<S> {
    /// The set of `words`; a word that is not six bytes, or too many words for `S`, fail the
    /// build (this runs in a `static` initialiser).
    pub(crate) const fn new(words: &[&str]) -> Self {
        let mut k = 0;
        while k < words.len() {
            assert!(words[k].len() == 6, "a set word is two 3-byte characters");
            k += 1;
        }
        WordSet::heads(words)
    }

    /// The set of the first two characters of `words` (each at least six bytes): a filter in
    /// front of a list of longer words.
    pub(crate) const fn heads(words: &[&str]) -> Self {
        assert!(S.is_power_of_two() && words.len() * 2 <= S, "a word set needs twice its size in slots");
        let mut slots = [0u64; S];
        let mut k = 0;
        while k < words.len() {
            assert!(words[k].len() >= 6, "a set word starts with two 3-byte characters");
            let key = key6(words[k].as_bytes());
            let mut i = Self::slot(key);
            while slots[i] != 0 && slots[i] != key {
                i = (i + 1) & (S - 1);
            }
            slots[i] = key;
            k += 1;
        }
        WordSet { slots }
    }

    #[inline]
    const fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & (S - 1)
    }

    /// Whether `b` starts with one of the words.
    #[inline]
    pub(crate) fn starts(&self, b: &[u8]) -> bool {
        // One 8-byte load when eight bytes are there (its top six bytes are `key6`), else six.
        let key = match b.first_chunk::<8>() {
            Some(w) => u64::from_be_bytes(*w) >> 16,
            None if b.len() >= 6 => key6(b),
            None => return false,
        };
        let mut i = Self::slot(key);
        loop {
            match self.slots[i] {
                0 => return false,
                k if k == key => return true,
                _ => i = (i + 1) & (S - 1),
            }
        }
    }
}

/// Separators accepted between the digit groups of phone, card and ID numbers.
#[inline]
pub(crate) fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{3000}' | '\u{ff0d}')
}

/// As many mask characters as a value has significant characters, at most.
const STARS: &str = "********************";
const _: () = assert!(STARS.len() == MAX_DIGITS && crate::mask::MASK_CHAR == '*');

/// Appends `n` mask characters to `out`.
fn push_stars(out: &mut String, mut n: usize) {
    while n > 0 {
        let k = n.min(STARS.len());
        out.push_str(&STARS[..k]);
        n -= k;
    }
}

/// Appends `text`, a value whose every byte is a significant character, with every byte
/// outside the first `first` and last `last` replaced by `*` (all of them where `first + last`
/// covers the value). The kept bytes are copied as written, so a lower-case `x` stays lower case.
pub(crate) fn mask_plain_into(text: &str, first: usize, last: usize, out: &mut String) {
    let n = text.len();
    let (first, last) = if first + last >= n { (0, 0) } else { (first, last) };
    out.push_str(&text[..first]);
    push_stars(out, n - first - last);
    out.push_str(&text[n - last..]);
}

/// Appends `text`, whose `n` significant characters start at the byte offsets `at` (in order),
/// with every one outside the first `first` and last `last` replaced by `*` (all of them where
/// `first + last` covers the value); separators and other characters stay as written. The one
/// layout mask of the digit readers and of [`Positions`].
fn mask_positions_into(
    text: &str,
    n: usize,
    at: impl Iterator<Item = usize>,
    first: usize,
    last: usize,
    out: &mut String,
) {
    if n == text.len() {
        // As many significant characters as bytes: every byte is one (ASCII, no layout).
        mask_plain_into(text, first, last, out);
        return;
    }
    let (first, last) = if first + last >= n { (0, 0) } else { (first, last) };
    let b = text.as_bytes();
    // A masked character of several bytes (a full-width digit) becomes one `*`.
    let mut from = 0usize;
    for at in at.skip(first).take(n - first - last) {
        out.push_str(&text[from..at]);
        out.push(crate::mask::MASK_CHAR);
        from = at + utf8_len(b[at]);
    }
    out.push_str(&text[from..]);
}

/// The byte length of the UTF-8 character that starts with `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

impl Digits {
    /// Appends `text` with every significant character outside the first `first` and
    /// last `last` replaced by `*` (all of them where `first + last` covers the value).
    pub(crate) fn mask_into(&self, text: &str, first: usize, last: usize, out: &mut String) {
        mask_positions_into(text, self.len, self.slots().iter().map(|s| s.at as usize), first, last, out);
    }

    /// Where the significant characters stand, if they fit a [`Positions`].
    pub(crate) fn positions(&self) -> Option<Positions> {
        Positions::new(self.slots().iter().map(|s| s.at as usize))
    }
}

/// Where the significant characters of a valid number stand: bit `i` of `bits` for byte
/// `base + i` (they must lie within 64 bytes of the first). What the scanner keeps of a number
/// it has read and checked, so that the number's mask need not read it again; the same layout
/// as the kind's reader gives, so the same mask (the kinds' tests compare the two).
///
/// `Debug` shows the count only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Positions {
    base: u16,
    n: u8,
    /// For a landline: the digits of the area code and of the local number (0 for other kinds).
    pub area: u8,
    pub local: u8,
    bits: u64,
}

impl std::fmt::Debug for Positions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Positions").field("n", &self.n).finish_non_exhaustive()
    }
}

impl Positions {
    /// The positions `at` (increasing); `None` if they spread over more than 64 bytes, stand
    /// beyond `u16::MAX`, or are more than [`MAX_DIGITS`].
    fn new(mut at: impl Iterator<Item = usize>) -> Option<Positions> {
        let base = at.next()?;
        let mut p = Positions { base: u16::try_from(base).ok()?, n: 1, area: 0, local: 0, bits: 1 };
        for a in at {
            let d = a.checked_sub(base).filter(|&d| d < 64)?;
            p.bits |= 1 << d;
            p.n += 1;
        }
        (p.n as usize <= MAX_DIGITS).then_some(p)
    }

    /// The positions marked in `bits` (bit `i` for byte `i`); `None` if there are none or more
    /// than [`MAX_DIGITS`].
    pub(crate) fn from_bits(bits: u64) -> Option<Positions> {
        let (n, base) = (bits.count_ones(), bits.trailing_zeros());
        (n > 0 && n as usize <= MAX_DIGITS).then_some(Positions {
            base: base as u16,
            n: n as u8,
            area: 0,
            local: 0,
            bits: bits >> base,
        })
    }

    /// [`Positions::from_bits`] for `bits` that mark `n` positions, as a reader that counted
    /// them knows: no count of the bits (a dozen instructions without a `popcnt`).
    pub(crate) fn from_counted_bits(bits: u64, n: usize) -> Option<Positions> {
        debug_assert_eq!(bits.count_ones() as usize, n);
        let base = bits.trailing_zeros();
        (n > 0 && n <= MAX_DIGITS).then_some(Positions {
            base: base as u16,
            n: n as u8,
            area: 0,
            local: 0,
            bits: bits >> base,
        })
    }

    /// A value of `n` bytes, each a significant character.
    pub(crate) const fn plain(n: usize) -> Positions {
        assert!(n > 0 && n <= MAX_DIGITS);
        Positions { base: 0, n: n as u8, area: 0, local: 0, bits: (1 << n) - 1 }
    }

    /// These positions with a landline's `area` code and `local` number lengths (in digits: at
    /// most [`MAX_DIGITS`], so they fit a byte).
    pub(crate) fn with_groups(self, area: usize, local: usize) -> Positions {
        Positions { area: area as u8, local: local as u8, ..self }
    }

    /// The number of significant characters.
    pub(crate) fn len(&self) -> usize {
        self.n as usize
    }

    /// The byte offsets, in order.
    fn offsets(&self) -> impl Iterator<Item = usize> {
        let (mut bits, base) = (self.bits, self.base as usize);
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                base + i
            })
        })
    }

    /// [`Digits::mask_into`] for the `text` these positions were read from.
    #[inline]
    pub(crate) fn mask_into(&self, text: &str, first: usize, last: usize, out: &mut String) {
        if self.len() == text.len() {
            mask_plain_into(text, first, last, out);
        } else {
            mask_positions_into(text, self.len(), self.offsets(), first, last, out);
        }
    }

    /// [`Positions::mask_into`] in place, on the bytes `b` of the text these positions were read
    /// from, when every masked character is ASCII (most values): those bytes set to `*`, a few
    /// stores. `false` otherwise, with `b` perhaps partly masked (the caller drops it).
    ///
    /// A value whose bytes are all significant (`13812345678`) is one slice of stars, here;
    /// the others (`138 1234 5678`, `+8613812345678`) take [`Positions::mask_runs_in_place`],
    /// out of line so that the redactor's loop, into which this is inlined, stays small.
    #[inline]
    pub(crate) fn mask_ascii_in_place(&self, b: &mut [u8], first: usize, last: usize) -> bool {
        let n = self.len();
        let (first, last) = if first + last >= n { (0, 0) } else { (first, last) };
        if b.len() == n {
            // `n` characters in `n` bytes: every byte is a significant ASCII character, and the
            // masked ones are one run.
            crate::mask::fill_stars(&mut b[first..n - last]);
            return true;
        }
        self.mask_runs_in_place(b, first, n - last)
    }

    /// Masks the significant characters from the `first`-th up to (not including) the
    /// `stop`-th, a run of positions at a time, for [`Positions::mask_ascii_in_place`].
    ///
    /// A run of consecutive positions is a group of digits (`138`, `1234`): a position directly
    /// followed by another is a one-byte character (the text is UTF-8), so only the last byte
    /// of the part of a run that is masked is looked at. The walk counts the characters of the
    /// runs it passes and stops at the run that holds the `stop`-th, so it takes a step per
    /// group rather than one per kept character (as clearing the kept bits one by one did).
    #[inline(never)]
    fn mask_runs_in_place(&self, b: &mut [u8], first: usize, stop: usize) -> bool {
        let mut bits = self.bits;
        // Significant characters in the runs before the current one.
        let mut seen = 0;
        while seen < stop && bits != 0 {
            let from = bits.trailing_zeros() as usize;
            let len = (!(bits >> from)).trailing_zeros() as usize;
            // The run holds characters `seen..seen + len`; those in `first..stop` are masked.
            let (lo, hi) = (first.max(seen), stop.min(seen + len));
            if lo < hi {
                let at = self.base as usize + from + (lo - seen);
                match b.get_mut(at..at + (hi - lo)) {
                    Some(run) if run[hi - lo - 1] < 0x80 => crate::mask::fill_stars(run),
                    _ => return false,
                }
            }
            seen += len;
            // Adding the run's lowest bit carries through the run and clears it.
            bits &= bits.wrapping_add(bits & bits.wrapping_neg());
        }
        true
    }
}

/// Reads a written country code `+86`, `＋86`, `0086`, `(+86)`, `（+86）` and the
/// separators after it; returns the bytes consumed (0 when there is none).
pub(crate) fn country_prefix(s: &str) -> usize {
    let mut chars = s.char_indices().peekable();
    let mut expect = |want: &[char]| match chars.peek() {
        Some(&(_, c)) if want.contains(&c) => {
            chars.next();
            true
        }
        _ => false,
    };
    let open = expect(&['(', '（']);
    let plus = expect(&['+', '＋']);
    if !(plus || expect(&['0', '０']) && expect(&['0', '０'])) {
        return 0;
    }
    if !(expect(&['8', '８']) && expect(&['6', '６'])) {
        return 0;
    }
    if open && !expect(&[')', '）']) {
        return 0;
    }
    let mut end = match chars.peek() {
        Some(&(i, _)) => i,
        None => return 0,
    };
    for (i, c) in chars {
        if !is_separator(c) {
            break;
        }
        end = i + c.len_utf8();
    }
    end
}

/// Reads a value written as exactly `N` ASCII characters, all digits but, when `check_x`,
/// a last `X`/`x` (value 10): the common written form, without the state machine of the
/// general readers. `None` for anything else (the caller then takes its general path).
/// Character `i` is byte `i`, so a parser's positions need no mapping on this path.
#[inline]
pub(crate) fn plain_values<const N: usize>(text: &str, check_x: bool) -> Option<[u8; N]> {
    let bytes: &[u8; N] = text.as_bytes().try_into().ok()?;
    let mut values = [0u8; N];
    let mut bad = false;
    for (v, &b) in values.iter_mut().zip(bytes) {
        *v = b.wrapping_sub(b'0');
        bad |= *v > 9;
    }
    if bad {
        // Only a last check character may be other than a digit.
        let last = N.checked_sub(1)?;
        if !check_x || values[..last].iter().any(|&v| v > 9) || !matches!(bytes[last], b'X' | b'x') {
            return None;
        }
        values[last] = 10;
    }
    Some(values)
}

/// [`plain_values`] with the layout: slot `i` at byte `i`, narrow, a lower-case `x` marked.
#[inline]
pub(crate) fn plain_digits<const N: usize>(text: &str, check_x: bool) -> Option<Digits> {
    const { assert!(N > 0 && N <= MAX_DIGITS) };
    let values = plain_values::<N>(text, check_x)?;
    let mut d = Digits::new();
    d.values[..N].copy_from_slice(&values);
    for (i, slot) in d.slots[..N].iter_mut().enumerate() {
        slot.at = i as u16;
    }
    d.slots[N - 1].lower = text.as_bytes()[N - 1] == b'x';
    d.len = N;
    Some(d)
}

/// Reads exactly the digits of `text[start..]`, allowing one separator between
/// two digits. Returns the digits, or `(byte offset, reason)` of the first problem.
pub(crate) fn read_digit_run(text: &str, start: usize) -> Result<Digits, (usize, &'static str)> {
    let mut d = Digits::new();
    let mut after_sep = false;
    // ASCII bytes one at a time; the first other byte hands over to the character loop.
    // The count stays in a register here (pushing through `d` would store and reload it).
    let bytes = text.as_bytes();
    let mut from = start;
    let mut len = 0usize;
    while let Some(&b) = bytes.get(from) {
        match b {
            b'0'..=b'9' => {
                if len == MAX_DIGITS || from > u16::MAX as usize {
                    return Err((from, "too many digits"));
                }
                d.values[len] = b - b'0';
                d.slots[len] = Slot { at: from as u16, wide: false, lower: false };
                len += 1;
                after_sep = false;
            }
            b' ' | b'-' if len > 0 && !after_sep => after_sep = true,
            _ if b.is_ascii() => return Err((from, "unexpected character")),
            _ => break,
        }
        from += 1;
    }
    d.len = len;
    for (i, c) in text[from..].char_indices() {
        let at = from + i;
        if let Some((v, wide)) = digit_value(c) {
            if !d.push(v, at, wide, false) {
                return Err((at, "too many digits"));
            }
            after_sep = false;
        } else if is_separator(c) && d.len() > 0 && !after_sep {
            after_sep = true;
        } else {
            return Err((at, "unexpected character"));
        }
    }
    if after_sep {
        return Err((text.len(), "ends with a separator"));
    }
    Ok(d)
}

/// Longest text the ASCII readers take: their positions are single bytes.
pub(crate) const ASCII_MAX_LEN: usize = u8::MAX as usize;

/// The significant digits of an ASCII value and the byte each stands at: the light form of
/// [`Digits`] for the scanner's common written forms (no widths, no check character).
///
/// `Debug` shows the count only: the values are personal data.
#[derive(Clone, Copy)]
pub(crate) struct AsciiDigits {
    len: usize,
    values: [u8; MAX_DIGITS],
    at: [u8; MAX_DIGITS],
    /// A bit per byte that holds a digit, while all are in the first 64 bytes (`far` otherwise):
    /// the [`Positions`] without a pass over `at`.
    bits: u64,
    far: bool,
}

impl std::fmt::Debug for AsciiDigits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsciiDigits").field("len", &self.len).finish_non_exhaustive()
    }
}

impl AsciiDigits {
    pub(crate) const fn new() -> AsciiDigits {
        AsciiDigits { len: 0, values: [0; MAX_DIGITS], at: [0; MAX_DIGITS], bits: 0, far: false }
    }

    /// Appends the digit `value` read at byte `at`; `false` (nothing appended) when full.
    #[inline]
    #[must_use]
    pub(crate) fn push(&mut self, value: u8, at: usize) -> bool {
        if self.len == MAX_DIGITS {
            return false;
        }
        self.values[self.len] = value;
        self.at[self.len] = at as u8;
        self.len += 1;
        self.mark(at, 1);
        true
    }

    /// Records the `n` digits at bytes `at..at + n` in `bits`.
    #[inline]
    fn mark(&mut self, at: usize, n: usize) {
        if at + n <= 64 {
            self.bits |= (u64::MAX >> (64 - n)) << at;
        } else {
            self.far = true;
        }
    }

    /// The number of digits.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The digit values.
    #[inline]
    pub(crate) fn values(&self) -> &[u8] {
        &self.values[..self.len]
    }

    /// The byte offset of digit `i` (also its character position: the text is ASCII).
    #[inline]
    pub(crate) fn at(&self, i: usize) -> usize {
        self.at[i] as usize
    }

    /// Where the digits stand, if they fit a [`Positions`].
    pub(crate) fn positions(&self) -> Option<Positions> {
        if self.far || self.bits == 0 {
            return Positions::new(self.at[..self.len].iter().map(|&a| a as usize));
        }
        let base = self.bits.trailing_zeros();
        (self.len <= MAX_DIGITS).then_some(Positions {
            base: base as u16,
            n: self.len as u8,
            area: 0,
            local: 0,
            bits: self.bits >> base,
        })
    }
}

/// Whether the ASCII readers apply to `text`: ASCII and at most [`ASCII_MAX_LEN`] bytes.
#[inline]
pub(crate) fn ascii_text(text: &str) -> bool {
    text.len() <= ASCII_MAX_LEN && text.is_ascii()
}

/// [`country_prefix`] for an ASCII text.
pub(crate) fn ascii_country_prefix(b: &[u8]) -> usize {
    let mut i = 0usize;
    let open = b.first() == Some(&b'(');
    i += open as usize;
    match b.get(i) {
        Some(b'+') => i += 1,
        Some(b'0') if b.get(i + 1) == Some(&b'0') => i += 2,
        _ => return 0,
    }
    if b.get(i) != Some(&b'8') || b.get(i + 1) != Some(&b'6') {
        return 0;
    }
    i += 2;
    if open {
        if b.get(i) != Some(&b')') {
            return 0;
        }
        i += 1;
    }
    if i >= b.len() {
        return 0;
    }
    while matches!(b.get(i), Some(b' ' | b'-')) {
        i += 1;
    }
    i
}

/// [`read_digit_run`] for an ASCII text of at most [`ASCII_MAX_LEN`] bytes (see [`ascii_text`]):
/// the same digits, and the same byte offset and reason of the first problem. One step per
/// byte: the scanner's candidates are short groups (`138 1234 5678`), where reading eight
/// bytes at a time paid for its test at every byte less than it saved.
pub(crate) fn ascii_digit_run(b: &[u8], start: usize) -> Result<AsciiDigits, (usize, &'static str)> {
    debug_assert!(b.len() <= ASCII_MAX_LEN && b.is_ascii());
    let mut d = AsciiDigits::new();
    let mut len = 0usize;
    let mut after_sep = false;
    // A bit per digit byte (see `AsciiDigits::bits`); past byte 64 the bits wrap and `far`
    // says so: a valid run ends with a digit, so it has one past byte 64 if the text is longer.
    let mut bits = 0u64;
    for (from, &c) in b.iter().enumerate().skip(start) {
        let v = c.wrapping_sub(b'0');
        if v <= 9 {
            if len == MAX_DIGITS {
                return Err((from, "too many digits"));
            }
            d.values[len] = v;
            d.at[len] = from as u8;
            bits |= 1 << (from & 63);
            len += 1;
            after_sep = false;
        } else if (c == b' ' || c == b'-') && len > 0 && !after_sep {
            after_sep = true;
        } else {
            return Err((from, "unexpected character"));
        }
    }
    if after_sep {
        return Err((b.len(), "ends with a separator"));
    }
    d.len = len;
    d.bits = bits;
    d.far = b.len() > 64;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word set answers as a scan of its list does: every word, with text after it or not, and
    /// every pair of two-character words' halves, which share bytes with the words but are none.
    #[test]
    fn word_set_agrees_with_its_list() {
        const WORDS: [&str; 6] = ["电话", "手机", "地址", "欧阳", "司马", "今天"];
        static SET: WordSet<16> = WordSet::new(&WORDS);
        let chars: Vec<char> = WORDS.iter().flat_map(|w| w.chars()).chain(['中', 'a']).collect();
        for &a in &chars {
            for &b in &chars {
                let text = format!("{a}{b}号");
                let listed = WORDS.iter().any(|w| text.starts_with(w));
                assert_eq!(SET.starts(text.as_bytes()), listed, "{text}");
                assert_eq!(SET.starts(&text.as_bytes()[..text.len() - 3]), listed, "{a}{b}");
            }
        }
        for short in ["", "电", "电话"] {
            let b = short.as_bytes();
            assert!(!SET.starts(&b[..b.len().saturating_sub(1)]), "{short}");
        }
        // The all-zero key marks an empty slot; it is never in a set.
        assert!(!SET.starts(&[0; 6]));
    }

    /// The 8-byte load and the 6-byte read answer alike: generated byte strings of 0-12 bytes
    /// drawn from the words' bytes (so many start with a word), tested whole and cut short.
    #[test]
    fn word_set_fast_load_agrees_with_its_list() {
        const WORDS: [&str; 6] = ["电话", "手机", "地址", "欧阳", "司马", "今天"];
        static SET: WordSet<16> = WordSet::new(&WORDS);
        let mut next = crate::testing::picker(0x2545_f491_4f6c_dd1d);
        let (mut hits, mut n) = (0, 0);
        for _ in 0..20_000 {
            let len = next(13);
            let mut text: Vec<u8> = Vec::new();
            while text.len() < len {
                if next(3) == 0 {
                    text.push(next(256) as u8);
                } else {
                    let w = WORDS[next(WORDS.len())].as_bytes();
                    text.extend_from_slice(&w[..3 * (1 + next(2))]);
                }
            }
            text.truncate(len);
            let listed = WORDS.iter().any(|w| text.starts_with(w.as_bytes()));
            assert_eq!(SET.starts(&text), listed, "{text:?}");
            hits += usize::from(listed);
            n += 1;
        }
        assert!(hits > n / 20 && hits < n / 2, "{hits} of {n}");
    }

    /// The ASCII reader gives what the general reader gives (digits, positions, the first
    /// problem) on texts of digits, blanks, dashes and other bytes, from every start.
    #[test]
    fn ascii_digit_run_reads_as_read_digit_run() {
        let alphabet = b"0123456789012345678901234567890123456789  --a(+";
        let (mut ok, mut n) = (0, 0);
        let mut next = crate::testing::picker(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let len = next(90);
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())] as char).collect();
            for start in [0, 1, 3, len / 2].into_iter().filter(|&s| s <= len) {
                let fast = ascii_digit_run(text.as_bytes(), start);
                let slow = read_digit_run(&text, start);
                match (fast, slow) {
                    (Ok(f), Ok(s)) => {
                        assert_eq!(f.values(), s.values(), "{text:?} {start}");
                        let at: Vec<usize> = s.slots().iter().map(|s| s.at as usize).collect();
                        assert_eq!((0..f.len()).map(|i| f.at(i)).collect::<Vec<_>>(), at, "{text:?} {start}");
                        assert_eq!(f.positions(), s.positions(), "{text:?} {start}");
                        ok += 1;
                    }
                    (Err(f), Err(s)) => assert_eq!(f, s, "{text:?} {start}"),
                    (f, s) => panic!("{text:?} {start}: {:?} / {:?}", f.is_ok(), s.is_ok()),
                }
                n += 1;
            }
        }
        assert!(ok > n / 20 && ok < n / 2, "{ok} of {n}");
    }

    /// The digits' bit map (kept while reading) gives the positions the offsets give, near and
    /// beyond byte 64, through the eight-digit step and the byte step.
    #[test]
    fn ascii_positions_match_the_offsets() {
        let mut n = 0;
        for pad in [0, 1, 7, 40, 50, 56, 57, 60, 63, 64, 70] {
            for body in [
                "13812345678",
                "138-1234-5678",
                "6222 0212 3456 7890 128",
                "1 2 3 4 5 6 7 8 9 0",
                "12345678901234567890",
            ] {
                let text = format!("{}{body}", " ".repeat(pad));
                let Ok(d) = ascii_digit_run(text.as_bytes(), pad) else { continue };
                let want = Positions::new(d.at[..d.len].iter().map(|&a| a as usize));
                assert_eq!(d.positions(), want, "{text}");
                n += want.is_some() as usize;
            }
        }
        assert!(n >= 40, "{n}");
    }

    /// [`Positions::mask_ascii_in_place`] as it was before the run walk: the masked bits made
    /// by clearing the kept ones one at a time, then a run of masked bits at a time.
    fn mask_ascii_in_place_reference(p: &Positions, b: &mut [u8], first: usize, last: usize) -> bool {
        let n = p.len();
        let (first, last) = if first + last >= n { (0, 0) } else { (first, last) };
        if b.len() == n {
            b[first..n - last].fill(b'*');
            return true;
        }
        let mut masked = p.bits;
        for _ in 0..first {
            masked &= masked - 1;
        }
        for _ in 0..last {
            masked &= !(1 << (63 - masked.leading_zeros()));
        }
        while masked != 0 {
            let from = masked.trailing_zeros();
            let len = (!(masked >> from)).trailing_zeros() as usize;
            let at = p.base as usize + from as usize;
            match b.get_mut(at..at + len) {
                Some(run) if run[len - 1] < 0x80 => run.fill(b'*'),
                _ => return false,
            }
            masked &= masked.wrapping_add(masked & masked.wrapping_neg());
        }
        true
    }

    /// The run walk masks what the bit-by-bit reference masks and declines where it declines,
    /// bytes written included, on generated layouts: groups of digits with separators, up to
    /// bit 63, non-ASCII bytes among them, buffers cut short, every first/last pair.
    #[test]
    fn mask_runs_agree_with_the_reference() {
        let mut next = crate::testing::picker(0x6d61_736b_5f72_756eu64);
        let (mut taken, mut declined, mut spread) = (0, 0, 0);
        for _ in 0..4_000 {
            // Positions: groups of 1 to 6 digits, gaps of 1 to 3 bytes, up to MAX_DIGITS.
            let start = next(48);
            let (mut bits, mut at, mut n) = (0u64, start, 0);
            let want = 1 + next(MAX_DIGITS);
            while n < want && at < 64 {
                for _ in 0..1 + next(6) {
                    if n < want && at < 64 {
                        bits |= 1 << at;
                        n += 1;
                        at += 1;
                    }
                }
                at += 1 + next(3) * (next(4) == 0) as usize;
            }
            let p = Positions::from_bits(bits).unwrap();
            let shifted = p.base as usize;
            let plain = next(8) == 0;
            let len = if plain { p.len() } else { (shifted + 64 - p.bits.leading_zeros() as usize) + next(4) };
            let len = if next(6) == 0 { len.saturating_sub(1 + next(4)) } else { len };
            let buf: Vec<u8> = (0..len).map(|_| if next(40) == 0 { 0xE4 } else { b'0' + next(10) as u8 }).collect();
            let (first, last) = (next(12), next(12));
            let (mut fast, mut slow) = (buf.clone(), buf.clone());
            let (f, s) = (
                p.mask_ascii_in_place(&mut fast, first, last),
                mask_ascii_in_place_reference(&p, &mut slow, first, last),
            );
            assert_eq!((f, &fast), (s, &slow), "{bits:#x} {len} {first} {last}");
            taken += f as usize;
            declined += !f as usize;
            spread += (f && len != p.len()) as usize;
        }
        assert!(taken > 1_000 && declined > 200 && spread > 1_000, "{taken} {declined} {spread}");
    }
}
