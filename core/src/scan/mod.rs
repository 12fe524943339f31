//! Finding and scrubbing personal data in free text and log lines (DESIGN.md §5).
//!
//! * [`Scanner`] finds `cn_id`, `cn_mobile`, `cn_landline`, `bank_card`, `email`, `cn_name` and
//!   `cn_address` values in text and reports [`Span`]s: byte offsets into the caller's text, the
//!   kind, a confidence. It reads `&str` and raw bytes (invalid UTF-8 is skipped, never a panic).
//! * [`Redactor`] applies one [`Action`] per kind: a mask preset, a token, a pseudonym, or the
//!   kind's label (`[CN_MOBILE]`). Tokens can be wrapped in a surrogate *marker* so that
//!   [`Redactor::unmask_line`] finds them later and restores the originals with the key.
//! * [`Redactor::redact_stream`], [`Scanner::scan_stream`] and [`Scanner::scan_stream_events`]
//!   filter a byte stream line by line in bounded memory.
//!
//! ```
//! use yinsi::{Kind, Scanner};
//!
//! let text = "收件人：张三，电话 138 1234 5678，订单号 20261129102133";
//! let spans = Scanner::new().scan(text);
//! let found: Vec<(&str, Kind)> = spans.iter().map(|s| (&text[s.start..s.end], s.kind)).collect();
//! assert_eq!(found, [("张三", Kind::CnName), ("138 1234 5678", Kind::CnMobile)]);
//! ```
//!
//! # What the scanner finds
//!
//! | kind | found as | checked with |
//! |---|---|---|
//! | `cn_id` | 18 characters (`X`/`x` check character, `6 8 4` groups) or 15 digits | province prefix, real birth date, ISO 7064 check character |
//! | `cn_mobile` | 11 digits in `3 4 4` or `3-4-4` groups or none; `+86`, `0086`, `(+86)` prefixes; full-width digits | `1[3-9]` network prefix |
//! | `cn_landline` | `010-62345678`, `(0755)…`, `（0755）…`, `021 5432 1098`, extensions `-801`, `转801` | area code `010`/`02x`/`0xxx`, local number 7–8 digits starting 2–8 |
//! | `bank_card` | 16–19 digits, alone or in groups | Luhn, and an issuer prefix `3`–`6` or `2221`–`2720` |
//! | `email` | `local@domain` | the `email` kind's validator |
//! | `cn_name` | 2–4 Han characters (or `·`-joined names) after a label word | the label |
//! | `cn_address` | after a label word, or where a province/city/district name starts ([`crate::gazetteer::split_address`]) | the gazetteer prefix, and a house-number suffix |
//!
//! Number candidates are *runs*: digits with single spaces or dashes between digit groups. A run
//! glued to a letter, digit or `_` on either side (`SF1234567890123`, `uid_13812345678`, hex trace
//! ids, UUIDs), or continued by `.`, `:`, `/` or `-` and a digit (amounts `13812.50`, IP addresses,
//! times) or by `@` (an e-mail local part) is not reported. A run split by spaces is tried whole
//! first, then in shorter pieces at its spaces; a piece that is an ISO date (`YYYY-MM-DD`, years
//! 1900–2099) is part of no value (`1990-01-01 123` is no mobile; `2026-11-29 13812345678` is a
//! date and a mobile). A run of four-digit groups ending in a group of at most four (the way card
//! numbers are written: `6222 0212 3456 7890 128`) is one number: its value is the whole run or a
//! tail of four groups or more (`1707 6222 0212 3456 7890 128` holds a card), never a shorter
//! piece, so `0519 4912 3100` in `1101 0519 4912 3100 2X` is no landline. (The price: a landline
//! written in fours right after another four-digit number, `1707 0571 8888 8888`, is not found.)
//!
//! Label words are `姓名` `收件人` `寄件人` `联系人` `收货人` for names and `地址` (so also `收货地址`,
//! `寄件地址`, …) and `住址` for addresses, each followed by `：` `:` `=` blanks or quotes (`"`,
//! `'`), or by nothing; and ASCII keys ending in `name`, `address` or `addr` followed by `=` or
//! `:`, with an optional `"` or `'` before the `=`/`:` and before the value (`name=`,
//! `holder name: `, `"receiver_name":"`, `{'name': '`, `SET name='`). A name label directly
//! followed by another field word (`收件人电话`) has no name after it.
//!
//! A name is 2–4 Han characters (or a `·`-joined name) that is not a placeholder: a name field
//! holding exactly one of `保密` `未填` `未填写` `未提供` `未知` `不详` `暂无` `待定` `待填写` `同上`
//! `本人` `匿名` `匿名用户` `无名氏` `某某` `见备注` `客户` `用户` `顾客` `先生` `女士` `小姐`
//! `测试` `自提` is not reported, in free text or under a JSON name key. Masked names (`张*`)
//! are not names either: one Han character is too few. In a labelled name field, a role word
//! `本人` `客户` `用户` `顾客` before a name (optionally followed by blanks) is not part of it:
//! `收件人：本人张三` and `收货人：客户 王小明` report `张三` and `王小明`.
//!
//! An address runs from its start through the last `号`/`栋`/`幢`/`单元`/`室` before the first
//! blank, punctuation mark or field word (`电话`, `订单`, …). Two extensions:
//!
//! * a bare room number, 1–5 digits directly after a final `单元`, `栋`, `幢` or `号楼`
//!   (`…9号楼4单元603`, `…3栋502门口`), belongs to the address when the digits end the address
//!   text or are followed by a Han character (not by a letter, digit, `-` or `#`); a floor of one
//!   or two digits and `楼` may come before the room number (`…4单元6楼602`);
//! * when the gazetteer prefix names two or three levels and ends right before one or two blanks
//!   followed by Han text that is neither a field word nor a word of time (`明天`, `下午`, …),
//!   the blanks do not end the address if the
//!   text after them has a house-number suffix (export style `浙江省 杭州市 西湖区 文三路1号`;
//!   the gazetteer already allows blanks between the levels themselves).
//!
//! An address found by its gazetteer prefix alone must have such a suffix, so place names such as
//! `杭州转运中心` are not reported; after a label, a gazetteer prefix without a suffix is reported
//! with the text that directly follows it (up to the first blank).
//!
//! # Overlap rule
//!
//! Candidates are ordered by start offset, then by length (longest first), then by kind in the
//! order of [`Kind::ALL`]; a candidate that overlaps one already accepted is dropped. This is the
//! *leftmost-longest* rule: the reported spans never overlap and are sorted by offset.
//!
//! # JSON log lines
//!
//! When the text is one JSON object (after optional blanks), values are read by key. A string or
//! number under a key of [`JsonKeys`] (case-insensitive; `idCard` is read as `id_card`) is reported
//! as that key's kind even when no pattern matches it, unless the free-text rules find one value
//! of another kind covering it exactly (a `tel` that holds a mobile number is a `cn_mobile`) or it
//! is a name placeholder under a name key (`"name":"保密"`, see above). Every
//! other string value is scanned as free text; numbers, booleans and nulls under other keys are
//! left alone. Spans point into the line (inside the quotes). The structure, key order, spacing
//! and escapes of the line are kept by the redactor: only the bytes of the spans change. A line
//! that is not a complete JSON object is scanned as free text.
//!
//! # Surrogate marker
//!
//! With [`Policy::marker`], a token is written as
//!
//! ```text
//! ⟦yt:<kind>:<key version>:<tag>:<token>⟧
//! ```
//!
//! for example `⟦yt:cn_mobile:1:k2v7qpxa:138 5521 0937⟧`. The brackets are U+27E6 and U+27E7,
//! which do not occur in Chinese or log text, and `<tag>` is 8 characters of a keyed MAC
//! (HMAC-SHA256 under the key version and the context, base32) over the kind, version and token.
//! [`Redactor::unmask_line`] restores a marker only when its tag verifies, so text that merely
//! looks like a marker, or a marker made under another key or context, is left as it is. A token
//! that replaced a bare JSON number (`"phone":13812345678`) is written as the string
//! `"⟦ytn:…⟧"`, and unmask writes the number back without quotes. Unmask gives back what
//! [`Tokenizer::detokenize`](crate::Tokenizer::detokenize) gives: the exact text for every kind
//! except `email`, whose tokens and values are lower case.
//!
//! # Streaming and memory
//!
//! The stream functions hold at most [`WINDOW`] bytes of input (plus [`LOOKBEHIND`] bytes of
//! context) and the output of one window (and of up to 256 KiB of lines before it, not yet
//! written), whatever the input size. Every input line yields exactly one output line, in order; a
//! last line without a newline stays without one; invalid UTF-8 bytes pass through unchanged. A
//! line longer than [`WINDOW`] is scrubbed in windows as free text (JSON key rules do not apply to
//! it): each window is cut where no reported value crosses the cut, and the next window sees the
//! [`LOOKBEHIND`] bytes before the cut as context, so a value shorter than [`MARGIN`] bytes is
//! found whole wherever it lies. [`Redactor::redact_stream`] and [`Redactor::unmask_stream`] flush
//! the writer whenever a read returns less than it asked for (no more input was ready), so a live
//! stream (`tail -f log | yinsi mask`) shows each line when it comes; a file, read in full buffers,
//! is flushed at its end. [`Scanner::scan_stream_events`] reports those moments as
//! [`StreamEvent::Idle`], for the caller to flush its own writer (`yinsi scan --format jsonl`
//! does).

mod bytes;
mod finder;
mod json;
mod marker;
mod redact;
mod stream;

use crate::layout::Positions;
use crate::Kind;

pub use json::JsonKeys;
pub use redact::{Action, Policy, Redactor, Stats};
pub use stream::{StreamEvent, LOOKBEHIND, MARGIN, WINDOW};

/// A value found in text: byte offsets `start..end` into the text given to the scanner.
///
/// `Debug` shows the offsets and kind only, never the value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    /// Byte offset of the first byte of the value.
    pub start: usize,
    /// Byte offset just past the value.
    pub end: usize,
    /// What the value is.
    pub kind: Kind,
    /// How sure the scanner is, 0 to 1: 0.99 for values that pass a check character or Luhn
    /// check, lower for values found by a label, a JSON key or a gazetteer prefix alone.
    pub confidence: f32,
}

/// A finding with what the redactor needs besides its span.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub confidence: f32,
    /// The decoded value when the span is a JSON string with escapes (`None`: the span's bytes).
    pub decoded: Option<String>,
    /// Where the span lies in a JSON line: inside a string (replacements are escaped) or a bare
    /// number (replacements that are not all digits get quotes).
    pub json: JsonPlace,
    /// What the scanner learnt of the value while checking it, so that the mask need not read
    /// it again.
    pub parsed: Parsed,
}

/// What the scanner learnt of a value it checked (offsets relative to the hit's start).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Parsed {
    /// Nothing kept: the mask reads the value.
    Nothing,
    /// A `cn_address`: where its administrative prefix ends.
    AddressPrefix(u32),
    /// An `email`: where its `@` stands.
    EmailAt(u32),
    /// A number: where its significant characters stand.
    Number(Positions),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonPlace {
    None,
    String,
    Number,
}

impl Hit {
    fn new(start: usize, end: usize, kind: Kind, confidence: f32) -> Hit {
        Hit { start, end, kind, confidence, decoded: None, json: JsonPlace::None, parsed: Parsed::Nothing }
    }

    fn span(&self) -> Span {
        Span { start: self.start, end: self.end, kind: self.kind, confidence: self.confidence }
    }
}

/// Finds personal data in text. Cheap to clone, `Send + Sync`; build one and share it.
///
/// `Scanner::new()` looks for every kind it can find (all but `custom`) and reads JSON lines by
/// key with [`JsonKeys::default`].
#[derive(Clone, Debug)]
pub struct Scanner {
    kinds: u16,
    json: bool,
    keys: JsonKeys,
}

impl Default for Scanner {
    fn default() -> Scanner {
        Scanner::new()
    }
}

fn bit(kind: Kind) -> u16 {
    1 << kind.code()
}

impl Scanner {
    /// A scanner for every kind, with JSON lines read by key.
    pub fn new() -> Scanner {
        Scanner::with_kinds(&Kind::ALL)
    }

    /// A scanner for the given kinds only (`custom` is ignored: it has no pattern to find).
    pub fn with_kinds(kinds: &[Kind]) -> Scanner {
        let kinds = kinds.iter().filter(|k| **k != Kind::Custom).fold(0, |acc, k| acc | bit(*k));
        Scanner { kinds, json: true, keys: JsonKeys::default() }
    }

    /// Whether the scanner looks for `kind`.
    pub fn finds(&self, kind: Kind) -> bool {
        self.kinds & bit(kind) != 0
    }

    /// The kinds the scanner looks for, in the order of [`Kind::ALL`].
    pub fn kinds(&self) -> Vec<Kind> {
        Kind::ALL.into_iter().filter(|k| self.finds(*k)).collect()
    }

    /// Turns the reading of JSON lines by key on (the default) or off.
    pub fn set_json(&mut self, on: bool) -> &mut Scanner {
        self.json = on;
        self
    }

    /// The JSON keys that decide a value's kind, to change them.
    pub fn json_keys_mut(&mut self) -> &mut JsonKeys {
        &mut self.keys
    }

    /// The JSON keys that decide a value's kind.
    pub fn json_keys(&self) -> &JsonKeys {
        &self.keys
    }

    /// The values in `text`, sorted by offset, never overlapping (see the module docs).
    pub fn scan(&self, text: &str) -> Vec<Span> {
        self.scan_bytes(text.as_bytes())
    }

    /// The values in raw bytes. Invalid UTF-8 is skipped: no value contains it, and it ends any
    /// value before it.
    pub fn scan_bytes(&self, bytes: &[u8]) -> Vec<Span> {
        let mut hits = Vec::new();
        self.line_hits(bytes, &mut hits);
        hits.iter().map(Hit::span).collect()
    }

    /// Calls `f(line, span)` for every value in every line of `reader` (`line` is 1-based, the
    /// span's offsets are bytes within that line); returns the number of lines. Memory is bounded
    /// as described in the module docs. To also learn when no more input is ready (to flush a
    /// writer on a live stream), use [`Scanner::scan_stream_events`].
    pub fn scan_stream<R: std::io::Read>(
        &self,
        reader: R,
        mut f: impl FnMut(u64, Span) -> std::io::Result<()>,
    ) -> std::io::Result<u64> {
        self.scan_stream_events(reader, |event| match event {
            StreamEvent::Value { line, span } => f(line, span),
            StreamEvent::Idle { .. } => Ok(()),
        })
    }

    /// Calls `f` for every value in every line of `reader`, in order, and with
    /// [`StreamEvent::Idle`] whenever no more input was ready after a line: the moment to flush
    /// output that a reader of a live stream waits for. Returns the number of lines; stops at the
    /// first error of the reader or of `f`. Memory is bounded as described in the module docs.
    ///
    /// ```
    /// use std::io::Write;
    /// use yinsi::{Scanner, StreamEvent};
    ///
    /// // A pipe from `tail -f` in a real program; `out` would be a `BufWriter<Stdout>`.
    /// let input = "电话 13812345678\n没有\n";
    /// let mut out = Vec::new();
    /// let lines = Scanner::new().scan_stream_events(input.as_bytes(), |event| match event {
    ///     StreamEvent::Value { line, span } => writeln!(out, "{line} {} {}..{}", span.kind, span.start, span.end),
    ///     StreamEvent::Idle { .. } => out.flush(),
    ///     _ => Ok(()),
    /// })?;
    /// assert_eq!(lines, 2);
    /// assert_eq!(String::from_utf8(out).unwrap(), "1 cn_mobile 7..18\n");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn scan_stream_events<R: std::io::Read>(
        &self,
        reader: R,
        mut f: impl FnMut(StreamEvent) -> std::io::Result<()>,
    ) -> std::io::Result<u64> {
        let mut memo = json::KeyMemo::new();
        stream::drive(
            reader,
            |line, known, hits| self.checked_line_hits(line, known, Some(&mut memo), hits),
            |text, hits| {
                self.text_hits(text, hits);
            },
            |piece| {
                for h in piece.hits {
                    let span = Span { start: h.start + piece.offset, end: h.end + piece.offset, ..h.span() };
                    f(StreamEvent::Value { line: piece.line, span })?;
                }
                if piece.idle {
                    f(StreamEvent::Idle { line: piece.line })?;
                }
                Ok(())
            },
        )
    }

    /// Hits of one line (JSON-aware), appended to `out`. Returns the line as text when it is
    /// valid UTF-8 (the redactor then slices values from it without validating them again).
    pub(crate) fn line_hits<'t>(&self, line: &'t [u8], out: &mut Vec<Hit>) -> Option<&'t str> {
        self.checked_line_hits(line, None, None, out)
    }

    /// [`Scanner::line_hits`] where the caller may already know the line as text (`known`; the
    /// stream checks the UTF-8 of many lines at once; `None`: not known, checked here), and may
    /// keep the answers of JSON key look-ups from line to line (`memo`, made for this scanner).
    pub(crate) fn checked_line_hits<'t>(
        &self,
        line: &'t [u8],
        known: Option<&'t str>,
        memo: Option<&mut json::KeyMemo>,
        out: &mut Vec<Hit>,
    ) -> Option<&'t str> {
        let Some(text) = known.or_else(|| utf8(line)) else {
            self.invalid_text_hits(line, out);
            return None;
        };
        if self.json && json::looks_like_object(line) {
            let first = out.len();
            if json::scan(self, text, memo, out) {
                return Some(text);
            }
            out.truncate(first);
        }
        finder::find(self, text, 0, out);
        Some(text)
    }

    /// Hits of free text in raw bytes, appended to `out`. Returns the text when it is valid UTF-8.
    pub(crate) fn text_hits<'t>(&self, bytes: &'t [u8], out: &mut Vec<Hit>) -> Option<&'t str> {
        if let Some(text) = utf8(bytes) {
            finder::find(self, text, 0, out);
            return Some(text);
        }
        self.invalid_text_hits(bytes, out);
        None
    }

    /// Hits of bytes that are not valid UTF-8: each valid stretch is scanned as text.
    fn invalid_text_hits(&self, bytes: &[u8], out: &mut Vec<Hit>) {
        let mut base = 0;
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    finder::find(self, text, base, out);
                    return;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    // Safe split: `good` bytes are valid UTF-8.
                    if let Ok(text) = std::str::from_utf8(&rest[..good]) {
                        finder::find(self, text, base, out);
                    }
                    let skip = good + e.error_len().unwrap_or(rest.len() - good);
                    base += skip;
                    rest = &rest[skip..];
                }
            }
        }
    }
}

/// `bytes` as text when they are valid UTF-8. The SIMD validator checks Chinese text many times
/// faster than `std::str::from_utf8`, which matters at 200 MB/s; a stream checks all the lines of
/// one read at once (a call per line costs more than the check). Where the text is invalid, the
/// caller asks `std` for the error position (rare).
#[inline]
pub(crate) fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests;
