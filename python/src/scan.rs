//! `yinsi.Scanner`, `yinsi.Span` and `yinsi.Redactor`: finding and scrubbing PII in text.
//!
//! The core reports byte offsets; for `str` input they are turned into `str`
//! indices (so `text[span.start:span.end]` is the value), for `bytes` input they
//! stay byte offsets. Everything else is the core's `Scanner` and `Redactor`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use yinsi::{Action, Kind, Policy};

use crate::error::{Error, Result};
use crate::tokenizer::Tokenizer;

/// A value found in text: `start..end`, its kind and the scanner's confidence (0 to 1).
#[pyclass(frozen, module = "yinsi", name = "Span", eq)]
#[derive(Clone, PartialEq)]
pub struct Span {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    confidence: f32,
}

#[pymethods]
impl Span {
    fn __repr__(&self) -> String {
        format!("Span(start={}, end={}, kind={:?}, confidence={:.2})", self.start, self.end, self.kind, self.confidence)
    }
}

/// Spans with byte offsets turned into character indices of `text` (spans are sorted, non-overlapping).
fn char_spans(text: &str, spans: Vec<yinsi::Span>) -> Vec<Span> {
    let mut chars = 0;
    let mut at = 0;
    let mut index = |byte: usize| {
        chars += text[at..byte].chars().count();
        at = byte;
        chars
    };
    spans
        .into_iter()
        .map(|s| {
            let start = index(s.start);
            let end = index(s.end);
            Span { start, end, kind: s.kind.name(), confidence: s.confidence }
        })
        .collect()
}

fn kinds_of(names: Option<Vec<String>>) -> Result<Vec<Kind>> {
    match names {
        None => Ok(Kind::ALL.to_vec()),
        Some(names) => Ok(names.iter().map(|n| n.parse()).collect::<yinsi::Result<Vec<Kind>>>()?),
    }
}

/// Finds personal data in text; immutable and thread-safe.
#[pyclass(frozen, module = "yinsi", name = "Scanner")]
pub struct Scanner {
    scanner: yinsi::Scanner,
}

#[pymethods]
impl Scanner {
    /// A scanner for `kinds` (default: every kind it can find); `json` reads JSON lines by key.
    #[new]
    #[pyo3(signature = (kinds = None, *, json = true))]
    fn new(kinds: Option<Vec<String>>, json: bool) -> Result<Scanner> {
        let mut scanner = yinsi::Scanner::with_kinds(&kinds_of(kinds)?);
        scanner.set_json(json);
        Ok(Scanner { scanner })
    }

    /// The kinds looked for.
    #[getter]
    fn kinds(&self) -> Vec<&'static str> {
        self.scanner.kinds().into_iter().map(Kind::name).collect()
    }

    /// The values in `text`, sorted, never overlapping. Indices are `str` indices for `str`
    /// input and byte offsets for `bytes` input (invalid UTF-8 is skipped).
    fn scan(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> Result<Vec<Span>> {
        if let Ok(s) = text.cast::<PyString>() {
            let s = s.to_cow()?;
            Ok(py.detach(|| char_spans(&s, self.scanner.scan(&s))))
        } else if let Ok(b) = text.cast::<PyBytes>() {
            let b = b.as_bytes();
            let spans = py.detach(|| self.scanner.scan_bytes(b));
            Ok(spans
                .into_iter()
                .map(|s| Span { start: s.start, end: s.end, kind: s.kind.name(), confidence: s.confidence })
                .collect())
        } else {
            Err(Error::type_error("text must be str or bytes".to_owned()))
        }
    }

    fn __repr__(&self) -> String {
        format!("Scanner(kinds={:?})", self.kinds())
    }
}

/// Applies one action per kind to what a scanner finds; immutable and thread-safe.
#[pyclass(frozen, module = "yinsi", name = "Redactor")]
pub struct Redactor {
    redactor: yinsi::Redactor,
}

#[pymethods]
impl Redactor {
    /// `policy`: one action for every kind (`"mask"`, `"mask:<preset>"`, `"tokenize"`,
    /// `"pseudonymize"`, `"redact"`, `"keep"`), or a dict `{kind: action}` whose `"default"`
    /// entry (else `"mask"`) covers the other kinds. `tokenizer` holds the key for `tokenize`
    /// and `pseudonymize`; `marker` wraps tokens so that `unmask` can restore them.
    #[new]
    #[pyo3(signature = (policy = None, *, tokenizer = None, scanner = None, marker = false, context = None))]
    fn new(
        policy: Option<&Bound<'_, PyAny>>,
        tokenizer: Option<&Bound<'_, PyAny>>,
        scanner: Option<&Scanner>,
        marker: bool,
        context: Option<&Bound<'_, PyAny>>,
    ) -> Result<Redactor> {
        let mut p = match policy {
            None => Policy::new(Action::Mask(yinsi::Mask::Default)),
            Some(obj) => {
                if let Ok(dict) = obj.cast::<PyDict>() {
                    let default = match dict.get_item("default")? {
                        Some(a) => a.extract::<String>()?.parse()?,
                        None => Action::Mask(yinsi::Mask::Default),
                    };
                    let mut p = Policy::new(default);
                    for (k, v) in dict.iter() {
                        let k: String = k.extract()?;
                        if k != "default" {
                            p.set(k.parse()?, v.extract::<String>()?.parse()?);
                        }
                    }
                    p
                } else {
                    Policy::new(obj.extract::<String>()?.parse()?)
                }
            }
        };
        p.set_marker(marker);
        if let Some(ctx) = context {
            p.set_context(&crate::tokenizer::context_bytes(ctx)?);
        }
        let tk = match tokenizer {
            None => None,
            Some(t) => {
                let native = if t.is_instance_of::<Tokenizer>() { t.clone() } else { t.getattr("_native")? };
                Some(native.cast::<Tokenizer>().map_err(PyErr::from)?.get().core().clone())
            }
        };
        let scanner = scanner.map_or_else(yinsi::Scanner::new, |s| s.scanner.clone());
        Ok(Redactor { redactor: yinsi::Redactor::new(scanner, p, tk)? })
    }

    /// `text` with every value found replaced (JSON-aware for a JSON object line).
    fn redact(&self, py: Python<'_>, text: &str) -> String {
        py.detach(|| self.redactor.redact(text))
    }

    /// Many texts, one call (the GIL is released for the whole batch).
    fn redact_many(&self, py: Python<'_>, texts: Vec<String>) -> Vec<String> {
        py.detach(|| texts.iter().map(|t| self.redactor.redact(t)).collect())
    }

    /// `text` with every marker that verifies under this key and context restored.
    fn unmask(&self, py: Python<'_>, text: &str) -> String {
        py.detach(|| self.redactor.unmask(text))
    }

    fn __repr__(&self) -> String {
        let p = self.redactor.policy();
        let actions: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| **k != Kind::Custom)
            .map(|k| format!("{}: {}", k.name(), p.action(*k)))
            .collect();
        format!("Redactor({{{}}}, marker={})", actions.join(", "), if p.marker() { "True" } else { "False" })
    }
}
