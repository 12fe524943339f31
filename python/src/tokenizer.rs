//! `yinsi._native.Tokenizer`: one value, a list, or Arrow columns in; one core call per operation.
//!
//! The public `yinsi.Tokenizer` (python/yinsi/_tokenizer.py) only chooses which
//! of [`Tokenizer::one`], [`Tokenizer::many`] and [`Tokenizer::arrow`] to call and
//! rebuilds the caller's kind of column.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use pyo3::IntoPyObjectExt;
use yinsi::{CustomFormat, IdKeep, Kind, Mask, Operation, Options};

use crate::column::{self, ArrowChunk};
use crate::error::{Error, Result};
use crate::keyring::Keyring;

/// What a call does to each value.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    Tokenize(Option<u32>),
    Detokenize(Option<u32>),
    Rewrap(u32),
    Mask(Mask),
    Pseudonymize,
    Normalize,
    Redact,
    Validate,
}

/// What a call does with a row that fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OnError {
    Raise,
    Null,
}

fn invalid_option(option: &'static str, reason: &'static str) -> Error {
    yinsi::Error::InvalidOption { option, reason }.into()
}

impl Op {
    fn parse(name: &str, version: Option<u32>, mask: Option<&str>) -> Result<Op> {
        Ok(match name {
            "tokenize" => Op::Tokenize(version),
            "detokenize" => Op::Detokenize(version),
            "rewrap" => Op::Rewrap(version.ok_or_else(|| invalid_option("version", "rewrap needs the old version"))?),
            "mask" => Op::Mask(mask.unwrap_or("default").parse()?),
            "pseudonymize" => Op::Pseudonymize,
            "normalize" => Op::Normalize,
            "redact" => Op::Redact,
            "validate" => Op::Validate,
            _ => return Err(invalid_option("op", "unknown operation")),
        })
    }
}

impl OnError {
    fn parse(name: &str) -> Result<OnError> {
        match name {
            "raise" => Ok(OnError::Raise),
            "null" => Ok(OnError::Null),
            _ => Err(invalid_option("errors", "expected 'raise' or 'null'")),
        }
    }
}

/// The outcome of one operation over many values, in order.
pub(crate) enum Outcome {
    Text(Vec<yinsi::Result<String>>),
    Check(Vec<yinsi::Result<()>>),
}

/// A kind, an operation and a context, ready to run without the GIL.
#[derive(Clone)]
pub(crate) struct Call {
    pub tk: yinsi::Tokenizer,
    pub kind: Kind,
    pub op: Op,
    pub context: Vec<u8>,
    pub on_error: OnError,
}

impl Call {
    /// Runs the operation over `values` with one core call.
    pub(crate) fn run(&self, values: &[&str]) -> Outcome {
        let op = match self.op {
            Op::Tokenize(version) => Operation::Tokenize { version },
            Op::Detokenize(version) => Operation::Detokenize { version },
            Op::Rewrap(from) => Operation::Rewrap { from },
            Op::Mask(mask) => Operation::Mask(mask),
            Op::Pseudonymize => Operation::Pseudonymize,
            Op::Normalize => Operation::Normalize,
            Op::Redact => Operation::Redact,
            Op::Validate => Operation::Validate,
        };
        let results = self.tk.apply(op, self.kind, values, &self.context);
        match self.op {
            Op::Validate => Outcome::Check(results.into_iter().map(|r| r.map(drop)).collect()),
            _ => Outcome::Text(results),
        }
    }
}

/// A value for `context`: `str` (UTF-8) or `bytes`.
pub(crate) fn context_bytes(context: &Bound<'_, PyAny>) -> Result<Vec<u8>> {
    if let Ok(s) = context.cast::<PyString>() {
        Ok(s.to_cow()?.as_bytes().to_vec())
    } else if let Ok(b) = context.cast::<PyBytes>() {
        Ok(b.as_bytes().to_vec())
    } else {
        Err(Error::type_error("context must be str or bytes".to_owned()))
    }
}

fn parse_id_keep(names: Vec<String>) -> Result<IdKeep> {
    let mut keep = IdKeep::default();
    for name in names {
        match name.as_str() {
            "province" => keep.province = true,
            "region" => keep.region = true,
            "birth_year" => keep.birth_year = true,
            "gender" => keep.gender = true,
            _ => return Err(invalid_option("id_keep", "expected province, region, birth_year or gender")),
        }
    }
    Ok(keep)
}

/// The native tokenizer; see `yinsi.Tokenizer` for the public API.
#[pyclass(frozen, module = "yinsi._native", name = "Tokenizer")]
pub struct Tokenizer {
    tk: yinsi::Tokenizer,
}

impl Tokenizer {
    /// The core tokenizer.
    pub(crate) fn core(&self) -> &yinsi::Tokenizer {
        &self.tk
    }

    fn call(
        &self,
        op: &str,
        kind: &str,
        context: &Bound<'_, PyAny>,
        errors: &str,
        version: Option<u32>,
        mask: Option<&str>,
    ) -> Result<Call> {
        Ok(Call {
            tk: self.tk.clone(),
            kind: kind.parse()?,
            op: Op::parse(op, version, mask)?,
            context: context_bytes(context)?,
            on_error: OnError::parse(errors)?,
        })
    }
}

#[pymethods]
impl Tokenizer {
    #[new]
    #[pyo3(signature = (
        keyring, *, id_keep = Vec::new(), card_keep_last4 = false, pseudonym_len = 20,
        custom_name = None, custom_alphabet = None, custom_keep_first = 0, custom_keep_last = 0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        keyring: &Keyring,
        id_keep: Vec<String>,
        card_keep_last4: bool,
        pseudonym_len: usize,
        custom_name: Option<String>,
        custom_alphabet: Option<&str>,
        custom_keep_first: usize,
        custom_keep_last: usize,
    ) -> Result<Tokenizer> {
        let custom = match (custom_name, custom_alphabet) {
            (Some(name), Some(alphabet)) => Some(CustomFormat {
                name,
                alphabet: yinsi::Alphabet::new(alphabet)?,
                keep_first: custom_keep_first,
                keep_last: custom_keep_last,
            }),
            (None, None) => None,
            _ => return Err(invalid_option("custom", "a custom format needs both a name and an alphabet")),
        };
        let options = Options { id_keep: parse_id_keep(id_keep)?, card_keep_last4, pseudonym_len, custom };
        Ok(Tokenizer { tk: yinsi::Tokenizer::with_options(std::sync::Arc::clone(&keyring.ring), options)? })
    }

    /// One value: `str` for text operations, `None` for `validate`.
    #[pyo3(signature = (op, kind, value, context, version = None, mask = None))]
    fn one(
        &self,
        op: &str,
        kind: &str,
        value: &str,
        context: &Bound<'_, PyAny>,
        version: Option<u32>,
        mask: Option<&str>,
    ) -> Result<Option<String>> {
        let call = self.call(op, kind, context, "raise", version, mask)?;
        let (tk, kind, ctx) = (&call.tk, call.kind, &call.context[..]);
        Ok(Some(match call.op {
            Op::Tokenize(None) => tk.tokenize(kind, value, ctx)?,
            Op::Tokenize(Some(v)) => tk.tokenize_with_version(kind, value, ctx, v)?,
            Op::Detokenize(None) => tk.detokenize(kind, value, ctx)?,
            Op::Detokenize(Some(v)) => tk.detokenize_with_version(kind, value, ctx, v)?,
            Op::Rewrap(from) => tk.rewrap(kind, value, ctx, from)?,
            Op::Mask(mask) => tk.mask(kind, value, mask)?,
            Op::Pseudonymize => tk.pseudonymize(kind, value, ctx)?,
            Op::Normalize => tk.normalize(kind, value)?,
            Op::Redact => tk.redact(kind).to_owned(),
            Op::Validate => {
                tk.validate(kind, value)?;
                return Ok(None);
            }
        }))
    }

    /// A list of `str`/`None`; returns a list (of `bool` for `validate` with `errors="null"`).
    #[pyo3(signature = (op, kind, values, context, errors = "raise", version = None, mask = None))]
    #[allow(clippy::too_many_arguments)]
    fn many<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        kind: &str,
        values: Vec<Option<String>>,
        context: &Bound<'py, PyAny>,
        errors: &str,
        version: Option<u32>,
        mask: Option<&str>,
    ) -> Result<Bound<'py, PyAny>> {
        let call = self.call(op, kind, context, errors, version, mask)?;
        let rows = py.detach(|| -> Result<column::Rows> {
            let present: Vec<&str> = values.iter().flatten().map(String::as_str).collect();
            column::align(&call, values.iter().map(Option::is_some), 0, call.run(&present))
        })?;
        Ok(match rows {
            column::Rows::Text(v) => v.into_bound_py_any(py)?,
            column::Rows::Check(v) => v.into_bound_py_any(py)?,
        })
    }

    /// An Arrow column (any object with `__arrow_c_stream__` or `__arrow_c_array__` of
    /// `string`, `large_string` or `string_view`); returns its chunks, each with `__arrow_c_array__`.
    #[pyo3(signature = (op, kind, column, context, errors = "raise", version = None, mask = None))]
    #[allow(clippy::too_many_arguments)]
    fn arrow(
        &self,
        py: Python<'_>,
        op: &str,
        kind: &str,
        column: &Bound<'_, PyAny>,
        context: &Bound<'_, PyAny>,
        errors: &str,
        version: Option<u32>,
        mask: Option<&str>,
    ) -> Result<Vec<ArrowChunk>> {
        let call = self.call(op, kind, context, errors, version, mask)?;
        let input = column::import(column)?;
        py.detach(|| column::apply(&call, input))
    }

    fn __repr__(&self) -> String {
        format!("Tokenizer({:?})", self.tk.keyring())
    }
}
