//! `yinsi.Keyring`: master keys, loaded from text, the environment or a file.
//!
//! Pickling: a keyring that was loaded from an environment variable or a file
//! pickles as that *reference* (the variable name or path) plus a keyed check
//! value, never as key bytes; unpickling on a worker loads the key from the
//! same source there and refuses a key that gives another check value. Any
//! other keyring refuses to pickle.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::error::Result;

/// Where a keyring was loaded from, kept so that it can be pickled as a reference.
#[derive(Clone, Debug)]
enum Source {
    Env(String),
    File(PathBuf),
}

/// The context of the pickle check value; it is not used for data.
const CHECK_CONTEXT: &[u8] = b"yinsi/python/pickle-check";

/// Numbered 32-byte master keys with one active version.
#[pyclass(frozen, module = "yinsi", name = "Keyring")]
pub struct Keyring {
    pub(crate) ring: Arc<yinsi::Keyring>,
    source: Option<Source>,
}

impl Keyring {
    fn new(ring: yinsi::Keyring, source: Option<Source>) -> Keyring {
        Keyring { ring: Arc::new(ring), source }
    }

    /// A keyed one-way value that tells whether two keyrings hold the same active key.
    fn check_value(&self) -> Result<String> {
        let tk = yinsi::Tokenizer::with_options(Arc::clone(&self.ring), yinsi::Options::default())?;
        Ok(tk.pseudonymize(yinsi::Kind::CnMobile, "13800000000", CHECK_CONTEXT)?)
    }

    fn load(source: &Source) -> Result<yinsi::Keyring> {
        Ok(match source {
            Source::Env(var) => yinsi::Keyring::from_env(var)?,
            Source::File(path) => yinsi::Keyring::from_file(path)?,
        })
    }
}

#[pymethods]
impl Keyring {
    /// A keyring with one fresh random key (version 1).
    #[staticmethod]
    fn generate() -> Result<Keyring> {
        Ok(Keyring::new(yinsi::Keyring::generate()?, None))
    }

    /// A keyring with one key (version 1) from 64 hex digits.
    #[staticmethod]
    fn from_hex(text: &str) -> Result<Keyring> {
        Ok(Keyring::new(yinsi::Keyring::from_hex(text)?, None))
    }

    /// A keyring with one key (version 1) from base64 of 32 bytes.
    #[staticmethod]
    fn from_base64(text: &str) -> Result<Keyring> {
        Ok(Keyring::new(yinsi::Keyring::from_base64(text)?, None))
    }

    /// A keyring from key text: one hex/base64 key, or keyring-file text with versions.
    #[staticmethod]
    fn from_text(text: &str) -> Result<Keyring> {
        Ok(Keyring::new(yinsi::Keyring::from_text(text)?, None))
    }

    /// A keyring from the key text in an environment variable (default `YINSI_KEY`).
    #[staticmethod]
    #[pyo3(signature = (var = "YINSI_KEY"))]
    fn from_env(var: &str) -> Result<Keyring> {
        let source = Source::Env(var.to_owned());
        Ok(Keyring::new(Keyring::load(&source)?, Some(source)))
    }

    /// A keyring from a key or keyring file.
    #[staticmethod]
    fn from_file(path: PathBuf) -> Result<Keyring> {
        let source = Source::File(path);
        Ok(Keyring::new(Keyring::load(&source)?, Some(source)))
    }

    /// Reloads a pickled reference and checks that it holds the pickled key.
    #[staticmethod]
    fn _from_reference(kind: &str, name: PathBuf, check: &str) -> Result<Keyring> {
        let source = match kind {
            "env" => Source::Env(name.to_string_lossy().into_owned()),
            _ => Source::File(name),
        };
        let ring = Keyring::new(Keyring::load(&source)?, Some(source));
        if ring.check_value()? != check {
            return Err(yinsi::Error::KeyUnavailable {
                reason: format!(
                    "the key loaded from {} here is not the key that was pickled",
                    ring.source_text().unwrap_or_default()
                ),
            }
            .into());
        }
        Ok(ring)
    }

    /// The key versions held, ascending.
    #[getter]
    fn versions(&self) -> Vec<u32> {
        self.ring.versions()
    }

    /// The version new tokens use.
    #[getter]
    fn active_version(&self) -> u32 {
        self.ring.active_version()
    }

    /// Where the keyring was loaded from (`"env:NAME"`, `"file:PATH"`), or `None`.
    #[getter]
    fn source(&self) -> Option<String> {
        self.source_text()
    }

    /// The keyring as keyring-file text. This is the secret key: write it only where a key belongs.
    fn to_text(&self) -> String {
        self.ring.to_text().to_string()
    }

    fn __repr__(&self) -> String {
        let source = self.source_text().map(|s| format!(", source={s:?}")).unwrap_or_default();
        format!("Keyring(versions={:?}, active={}{source})", self.ring.versions(), self.ring.active_version())
    }

    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Result<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let this = slf.get();
        let (kind, name) = match &this.source {
            Some(Source::Env(var)) => ("env", var.clone()),
            Some(Source::File(path)) => ("file", path.to_string_lossy().into_owned()),
            None => {
                return Err(PyTypeError::new_err(
                    "a Keyring holding key bytes cannot be pickled; load it with Keyring.from_env() or \
                     Keyring.from_file() so that it pickles as that reference and each worker loads the key itself",
                )
                .into())
            }
        };
        let py = slf.py();
        let loader = slf.get_type().getattr("_from_reference")?;
        let args = PyTuple::new(py, [kind.to_owned(), name, this.check_value()?])?;
        Ok((loader, args))
    }
}

impl Keyring {
    fn source_text(&self) -> Option<String> {
        self.source.as_ref().map(|s| match s {
            Source::Env(var) => format!("env:{var}"),
            Source::File(path) => format!("file:{}", path.display()),
        })
    }
}
