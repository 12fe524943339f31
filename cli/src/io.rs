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

/// Reads lines (without `\n` and a trailing `\r`) in batches; `f(first line number, batch)`.
pub fn for_each_batch<R: Read>(
    reader: R,
    size: usize,
    mut f: impl FnMut(u64, &[String]) -> io::Result<()>,
) -> io::Result<()> {
    let mut r = io::BufReader::with_capacity(256 * 1024, reader);
    let mut batch: Vec<String> = Vec::with_capacity(size);
    let mut first = 1u64;
    let mut raw = Vec::new();
    loop {
        raw.clear();
        let n = io::BufRead::read_until(&mut r, b'\n', &mut raw)?;
        if n > 0 {
            if raw.last() == Some(&b'\n') {
                raw.pop();
            }
            if raw.last() == Some(&b'\r') {
                raw.pop();
            }
            // Invalid UTF-8 becomes an empty value, which every kind refuses with a typed error.
            batch.push(String::from_utf8(raw.clone()).unwrap_or_default());
        }
        if batch.len() == size || (n == 0 && !batch.is_empty()) {
            f(first, &batch)?;
            first += batch.len() as u64;
            batch.clear();
        }
        if n == 0 {
            return Ok(());
        }
    }
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
