//! The one place where a core [`yinsi::Error`] becomes a Python exception.
//!
//! The exception classes are defined in `yinsi/exceptions.py` (so that, for
//! example, `InvalidValueError` can be both a `YinsiError` and a `ValueError`);
//! this module only chooses the class. Messages come from the core error's
//! `Display`, which never contains the value being processed or key material.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyType;

/// An error of the binding: a core error (optionally at a row of a column), or a Python error.
pub enum Error {
    /// A core error; `row` is the 0-based row of a column operation.
    Core { error: yinsi::Error, row: Option<usize> },
    /// An error raised while converting arguments or results.
    Py(PyErr),
}

/// The binding's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<yinsi::Error> for Error {
    fn from(error: yinsi::Error) -> Error {
        Error::Core { error, row: None }
    }
}

impl From<PyErr> for Error {
    fn from(err: PyErr) -> Error {
        Error::Py(err)
    }
}

impl Error {
    /// A core error found at `row` of a column.
    pub fn at_row(error: yinsi::Error, row: usize) -> Error {
        Error::Core { error, row: Some(row) }
    }

    /// A `TypeError` for an argument of the wrong type.
    pub fn type_error(message: String) -> Error {
        Error::Py(PyTypeError::new_err(message))
    }
}

/// The name of the exception class in `yinsi.exceptions` for a core error.
fn class_name(error: &yinsi::Error) -> &'static str {
    use yinsi::Error as E;
    match error {
        E::InvalidKeyLength { .. } | E::InvalidKeyText { .. } => "InvalidKeyError",
        E::KeyUnavailable { .. } => "KeyUnavailableError",
        E::UnknownKeyVersion { .. } => "UnknownKeyVersionError",
        E::InvalidValue { .. } | E::InvalidNumeral { .. } | E::DomainTooSmall { .. } | E::InputTooLong { .. } => {
            "InvalidValueError"
        }
        E::UnsupportedMode { .. } => "UnsupportedModeError",
        E::InvalidOption { .. } | E::InvalidRadix { .. } | E::InvalidAlphabet { .. } => "InvalidOptionError",
        E::MalformedToken { .. } => "MalformedTokenError",
        E::TokenAuthentication => "TokenAuthenticationError",
        E::Random => "RandomSourceError",
        _ => "YinsiError",
    }
}

impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        let (error, row) = match err {
            Error::Py(e) => return e,
            Error::Core { error, row } => (error, row),
        };
        Python::attach(|py| {
            let message = match row {
                Some(r) => format!("row {r}: {error}"),
                None => error.to_string(),
            };
            let class = py
                .import("yinsi.exceptions")
                .and_then(|m| m.getattr(class_name(&error)))
                .and_then(|c| c.cast_into::<PyType>().map_err(PyErr::from));
            let class = match class {
                Ok(c) => c,
                Err(e) => return e,
            };
            let exc = PyErr::from_type(class, message);
            if let Some(r) = row {
                if let Err(e) = exc.value(py).setattr("row", r) {
                    return e;
                }
            }
            exc
        })
    }
}
