//! Inputs, outputs, errors and the progress bar.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Stdout, Write};
use std::time::{Duration, Instant};

/// Why the command stops.
pub enum Failure {
    /// Stdout was closed (`| head`): stop quietly with status 0.
    Quiet,
    /// A message for stderr (never a value or a key), status 1.
    Message(String),
}

impl Failure {
    pub fn msg(m: &str) -> Failure {
        Failure::Message(m.to_string())
    }

    pub fn core(e: yinsi::Error) -> Failure {
        Failure::Message(e.to_string())
    }

    pub fn io(what: &str, e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::Quiet
        } else {
            Failure::Message(format!("{what}: {e}"))
        }
    }
}

/// One input: its name for messages and a reader (with a progress bar when that makes sense).
pub struct Input {
    pub name: String,
    pub reader: Box<dyn Read>,
}

/// Inputs are shown a progress bar when stderr is a terminal and they are at least this long.
const PROGRESS_MIN: u64 = 64 << 20;

/// The named files in order, or stdin for none or `-`.
pub fn open_inputs(files: &[String]) -> Result<Vec<Input>, Failure> {
    let names: Vec<String> = if files.is_empty() { vec!["-".to_string()] } else { files.to_vec() };
    let tty = io::stderr().is_terminal();
    let mut inputs = Vec::with_capacity(names.len());
    for name in names {
        let (reader, size): (Box<dyn Read>, Option<u64>) = if name == "-" {
            let size = None;
            (Box::new(io::stdin().lock()), size)
        } else {
            let f = File::open(&name).map_err(|e| Failure::io(&name, e))?;
            let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            (Box::new(f), size)
        };
        let reader: Box<dyn Read> = match size {
            Some(total) if tty && total >= PROGRESS_MIN => Box::new(Progress::new(reader, total, &name)),
            _ => reader,
        };
        let label = if name == "-" { "stdin".to_string() } else { name };
        inputs.push(Input { name: label, reader });
    }
    Ok(inputs)
}

/// Buffered stdout.
pub fn stdout_writer() -> BufWriter<Stdout> {
    BufWriter::with_capacity(256 * 1024, io::stdout())
}

/// Bytes asked of the reader at a time (more while a line is longer).
const READ: usize = 256 * 1024;

/// Reads lines (without `\n` and a trailing `\r`) and hands them over in order as
/// `f(first line number, batch, idle)`, in batches of at most `size` lines.
///
/// `idle` says that the last read returned less than it asked for: no more input was ready, and
/// the next read may wait for it. The batch then holds every complete line read so far that was
/// not yet handed over, and may be empty (when the lines were all handed over in full batches
/// since the last idle call); the caller writes its results and flushes, so that a live stream
/// (`tail -f values.txt | yinsi tokenize …`) gets each line out when it comes. Reads of a file
/// fill the buffer, so a file gives full batches and about one idle call, near its end. A line
/// still without its `\n` waits for the rest. The end of input is no idle call of its own: the
/// lines not yet handed over then come with `idle` false, and the function returns.
pub fn for_each_batch<R: Read>(
    mut reader: R,
    size: usize,
    mut f: impl FnMut(u64, &[String], bool) -> io::Result<()>,
) -> io::Result<()> {
    let mut buf = vec![0u8; READ];
    // buf[..len] is the start of a line that has no `\n` yet; buf[..searched] holds none.
    let mut len = 0usize;
    let mut searched = 0usize;
    let mut batch: Vec<String> = Vec::with_capacity(size);
    let mut first = 1u64;
    // Lines were handed over since the last idle call (their output may sit in a buffer).
    let mut unflushed = false;
    loop {
        if len == buf.len() {
            // A line longer than the buffer: make room for the rest of it.
            buf.resize(buf.len() * 2, 0);
        }
        let n = match reader.read(&mut buf[len..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            if len > 0 {
                batch.push(line(&buf[..len]));
            }
            if !batch.is_empty() {
                f(first, &batch, false)?;
            }
            return Ok(());
        }
        let short = n < buf.len() - len;
        len += n;
        let mut start = 0usize;
        while let Some(p) = buf[searched..len].iter().position(|&b| b == b'\n') {
            let nl = searched + p;
            batch.push(line(&buf[start..nl]));
            start = nl + 1;
            searched = start;
            if batch.len() == size {
                f(first, &batch, false)?;
                first += batch.len() as u64;
                batch.clear();
                unflushed = true;
            }
        }
        buf.copy_within(start..len, 0);
        len -= start;
        searched = len;
        if short && (unflushed || !batch.is_empty()) {
            f(first, &batch, true)?;
            first += batch.len() as u64;
            batch.clear();
            unflushed = false;
        }
    }
}

/// One line without its `\n` and a trailing `\r`. Invalid UTF-8 becomes an empty value, which
/// every kind refuses with a typed error.
fn line(raw: &[u8]) -> String {
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    std::str::from_utf8(raw).map(str::to_owned).unwrap_or_default()
}

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A reader that draws a progress bar on stderr (only used when stderr is a terminal).
struct Progress {
    inner: Box<dyn Read>,
    total: u64,
    done: u64,
    name: String,
    started: Instant,
    drawn: Instant,
}

impl Progress {
    fn new(inner: Box<dyn Read>, total: u64, name: &str) -> Progress {
        let now = Instant::now();
        Progress { inner, total, done: 0, name: name.to_string(), started: now, drawn: now }
    }

    fn draw(&self, end: bool) {
        let frac = (self.done as f64 / self.total.max(1) as f64).min(1.0);
        let width = 30;
        let filled = (frac * width as f64) as usize;
        let secs = self.started.elapsed().as_secs_f64().max(1e-6);
        let mut err = io::stderr().lock();
        let _ = write!(
            err,
            "\r{} [{}{}] {:>3.0}% {:.0}/{:.0} MB {:.0} MB/s",
            self.name,
            "#".repeat(filled),
            "-".repeat(width - filled),
            frac * 100.0,
            self.done as f64 / 1e6,
            self.total as f64 / 1e6,
            self.done as f64 / 1e6 / secs
        );
        if end {
            let _ = writeln!(err);
        }
    }
}

impl Read for Progress {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        if n == 0 {
            self.draw(true);
        } else if self.drawn.elapsed() >= Duration::from_millis(200) {
            self.drawn = Instant::now();
            self.draw(false);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// Hands out one part per read (`None`: an interrupted read), then the end of input.
    struct Parts(VecDeque<Option<Vec<u8>>>);

    impl Read for Parts {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.pop_front() {
                None => Ok(0),
                Some(None) => Err(io::ErrorKind::Interrupted.into()),
                Some(Some(part)) => {
                    assert!(part.len() <= buf.len());
                    buf[..part.len()].copy_from_slice(&part);
                    Ok(part.len())
                }
            }
        }
    }

    fn parts(list: &[Option<&[u8]>]) -> Parts {
        Parts(list.iter().map(|p| p.map(<[u8]>::to_vec)).collect())
    }

    /// Every call of `f` as (first line, lines, idle).
    fn calls(reader: impl Read, size: usize) -> Vec<(u64, Vec<String>, bool)> {
        let mut got = Vec::new();
        for_each_batch(reader, size, |first, batch, idle| {
            got.push((first, batch.to_vec(), idle));
            Ok(())
        })
        .unwrap();
        got
    }

    fn call(first: u64, lines: &[&str], idle: bool) -> (u64, Vec<String>, bool) {
        (first, lines.iter().map(|l| l.to_string()).collect(), idle)
    }

    #[test]
    fn each_short_read_hands_over_its_complete_lines() {
        let input = parts(&[Some(b"a\nb\r\nc"), None, Some(b"d\n"), Some(b"\xff\n\nlast")]);
        assert_eq!(
            calls(input, 4096),
            [call(1, &["a", "b"], true), call(3, &["cd"], true), call(4, &["", ""], true), call(6, &["last"], false)]
        );
    }

    #[test]
    fn full_batches_go_at_once_and_an_idle_read_flushes_them() {
        assert_eq!(
            calls(parts(&[Some(b"1\n2\n3\n4\n5\n")]), 2),
            [call(1, &["1", "2"], false), call(3, &["3", "4"], false), call(5, &["5"], true)]
        );
        // The second batch filled at the read's end: the idle call has no lines, only says flush.
        // A read that completes no line and follows an idle call makes no call.
        assert_eq!(
            calls(parts(&[Some(b"1\n2\n"), Some(b"3"), Some(b"\n")]), 2),
            [call(1, &["1", "2"], false), call(3, &[], true), call(3, &["3"], true)]
        );
        assert_eq!(calls(parts(&[]), 2), []);
    }

    #[test]
    fn a_file_gives_full_batches_and_a_line_longer_than_the_buffer_stays_whole() {
        let mut input = "x".repeat(READ * 2 + 10).into_bytes();
        input.extend_from_slice(b"\ny\nz");
        let got = calls(io::Cursor::new(input), 4096);
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].0, got[0].1.len(), got[0].2), (1, 2, true));
        assert!(got[0].1[0].len() == READ * 2 + 10 && got[0].1[0].bytes().all(|b| b == b'x'));
        assert_eq!(got[0].1[1], "y");
        assert_eq!(got[1], call(3, &["z"], false));

        let lines: String = (0..10_000).map(|i| format!("{i}\n")).collect();
        let got = calls(io::Cursor::new(lines.into_bytes()), 4096);
        let sizes: Vec<_> = got.iter().map(|(first, b, idle)| (*first, b.len(), *idle)).collect();
        assert_eq!(sizes, [(1, 4096, false), (4097, 4096, false), (8193, 1808, true)]);
        assert_eq!(got[2].1.last().unwrap(), "9999");
    }
}
