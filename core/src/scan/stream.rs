//! The streaming line engine: lines in, pieces with their hits out, in bounded memory.

use std::io::{self, Read};

use super::{Hit, Span};

/// Bytes of input held at once: a line up to this long is handled whole (JSON-aware); a longer
/// line is handled in windows of this size as free text.
pub const WINDOW: usize = 1 << 20;
/// Bytes before a window cut that the next window sees again as context (labels before a value).
pub const LOOKBEHIND: usize = 256;
/// A window is cut at least this many bytes before its end, and never inside a reported value,
/// so any value shorter than this is seen whole by one window.
pub const MARGIN: usize = 4096;

/// What [`Scanner::scan_stream_events`](super::Scanner::scan_stream_events) reports, in input
/// order.
///
/// `Debug` shows line numbers, offsets and kinds only, never a value.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum StreamEvent {
    /// A value found in line `line` (1-based); the span's offsets are bytes within that line.
    Value {
        /// 1-based line number.
        line: u64,
        /// Where the value lies in its line, and its kind.
        span: Span,
    },
    /// Every value of the lines up to and including `line` has been reported, and the last read
    /// returned less than it asked for: no more input was ready, and the next read may wait for
    /// it. A good moment to flush a writer, so that a live stream (`tail -f log | yinsi scan
    /// --format jsonl`) shows each line's findings when the line comes, not when a buffer fills.
    ///
    /// It comes after the values of the last line that such a read completed (a read that
    /// completes no line gives none). A file, whose reads fill the buffer, gives about one, near
    /// its end; a pipe gives about one per write into it. The end of input is no event: the call
    /// returns.
    Idle {
        /// The last line reported, 1-based.
        line: u64,
    },
}

/// A piece of one line: a whole line, or one window of a long line.
pub(crate) struct Piece<'a> {
    /// 1-based line number.
    pub line: u64,
    /// Byte offset of `text` within its line.
    pub offset: usize,
    /// The bytes to write (without the newline).
    pub text: &'a [u8],
    /// `text` as a string, when it is known to be valid UTF-8 (`None`: not known).
    pub utf8: Option<&'a str>,
    /// Hits within `text`, relative to it, sorted, not overlapping.
    pub hits: &'a [Hit],
    /// The line ends after this piece with a `\n`.
    pub newline: bool,
    /// The last piece of input, a line without a newline.
    pub last: bool,
    /// The last complete line of a read that returned less than it was asked for: no more input
    /// was ready, so a writer should flush now (a live stream, `tail -f log | yinsi mask`, then
    /// shows each line when it comes, not when a buffer fills; a scan reports
    /// [`StreamEvent::Idle`]). Reads of a file fill the buffer, so this is rare there.
    pub idle: bool,
}

/// Hits of the piece buf[ctx..end]: the whole line (and the line as text when `whole` knows it
/// is UTF-8; `known` is the line as text when the caller checked it already), or a
/// continuation seen with its context.
#[allow(clippy::too_many_arguments)]
fn piece_hits<'b>(
    whole: &mut impl for<'x> FnMut(&'x [u8], Option<&'x str>, &mut Vec<Hit>) -> Option<&'x str>,
    window: &mut impl FnMut(&[u8], &mut Vec<Hit>),
    buf: &'b [u8],
    ctx: usize,
    start: usize,
    end: usize,
    cont: bool,
    known: Option<&'b str>,
    hits: &mut Vec<Hit>,
) -> Option<&'b str> {
    hits.clear();
    if cont {
        window(&buf[..end], hits);
        hits.retain(|h| h.start >= ctx);
        for h in hits.iter_mut() {
            h.start -= ctx;
            h.end -= ctx;
        }
        None
    } else {
        whole(&buf[start..end], known, hits)
    }
}

/// Reads `reader` to its end and calls `f` for every piece, in order. `whole` finds the hits of a
/// complete line (and returns the line as text if it knows it is UTF-8; it is handed the line as
/// text when the lines of a read were all valid UTF-8, checked at once), `window` those of free
/// text (for windows of long lines). Returns the number of lines. Holds `WINDOW + LOOKBEHIND`
/// bytes of input and two hit vectors.
pub(crate) fn drive<R: Read>(
    mut reader: R,
    mut whole: impl for<'x> FnMut(&'x [u8], Option<&'x str>, &mut Vec<Hit>) -> Option<&'x str>,
    mut window: impl FnMut(&[u8], &mut Vec<Hit>),
    mut f: impl FnMut(Piece<'_>) -> io::Result<()>,
) -> io::Result<u64> {
    let cap = WINDOW + LOOKBEHIND;
    let mut buf = vec![0u8; cap];
    let mut len = 0usize;
    // buf[..ctx] is context already written (only while `offset > 0`: inside a long line).
    let mut ctx = 0usize;
    let mut offset = 0usize;
    let mut line = 1u64;
    let mut hits: Vec<Hit> = Vec::new();
    let mut shifted: Vec<Hit> = Vec::new();
    let mut eof = false;
    let mut short = false;

    loop {
        if !eof {
            match reader.read(&mut buf[len..]) {
                Ok(0) => eof = true,
                Ok(n) => {
                    short = n < cap - len;
                    len += n;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
        let mut start = ctx;
        // The complete lines of the buffer as one text, if they are all valid UTF-8: one check
        // instead of one per line.
        let last_nl = memchr::memrchr(b'\n', &buf[start..len]).map(|p| start + p);
        let lines = last_nl.and_then(|nl| super::utf8(&buf[start..nl]));
        let first = start;
        while let Some(p) = memchr::memchr(b'\n', &buf[start..len]) {
            let nl = start + p;
            let cont = offset > 0 && start == ctx;
            let known = lines.and_then(|t| t.get(start - first..nl - first));
            let utf8 = piece_hits(&mut whole, &mut window, &buf, ctx, start, nl, cont, known, &mut hits);
            let idle = short && Some(nl) == last_nl;
            f(Piece { line, offset, text: &buf[start..nl], utf8, hits: &hits, newline: true, last: false, idle })?;
            line += 1;
            offset = 0;
            start = nl + 1;
        }
        if start > ctx {
            // Lines were completed: what is left starts a fresh line.
            buf.copy_within(start..len, 0);
            len -= start;
            ctx = 0;
            start = 0;
        }
        if eof {
            if start < len {
                let cont = offset > 0;
                let utf8 = piece_hits(&mut whole, &mut window, &buf, ctx, start, len, cont, None, &mut hits);
                let text = &buf[start..len];
                f(Piece { line, offset, text, utf8, hits: &hits, newline: false, last: true, idle: false })?;
                return Ok(line);
            }
            return Ok(if offset > 0 { line } else { line - 1 });
        }
        if len < cap {
            continue;
        }
        // A full buffer and no newline: write one window of a long line.
        piece_hits(&mut whole, &mut window, &buf, 0, 0, len, true, None, &mut hits);
        let mut cut = len - MARGIN;
        while cut > ctx && buf[cut] & 0xC0 == 0x80 {
            cut -= 1;
        }
        if let Some(h) = hits.iter().find(|h| h.end > cut) {
            if h.start < cut && h.start > ctx {
                cut = h.start;
            }
        }
        shifted.clear();
        shifted.extend(hits.iter().filter(|h| h.start >= ctx && h.end <= cut).cloned().map(|mut h| {
            h.start -= ctx;
            h.end -= ctx;
            h
        }));
        let text = &buf[ctx..cut];
        f(Piece { line, offset, text, utf8: None, hits: &shifted, newline: false, last: false, idle: false })?;
        offset += cut - ctx;
        let mut keep = cut.saturating_sub(LOOKBEHIND);
        while keep < cut && buf[keep] & 0xC0 == 0x80 {
            keep += 1;
        }
        buf.copy_within(keep..len, 0);
        len -= keep;
        ctx = cut - keep;
    }
}
