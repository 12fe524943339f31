//! Python bindings of yinsi: the private module `yinsi._native`.
//!
//! Every function here converts its arguments, makes one call into the `yinsi`
//! core (a batch call for columns, with the GIL released) and converts the
//! result back. Rules, validation and cryptography live in the core; the
//! public Python API is the `yinsi` package in `python/yinsi/`.

mod column;
mod error;
mod keyring;
mod scan;
mod tokenizer;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<keyring::Keyring>()?;
    m.add_class::<tokenizer::Tokenizer>()?;
    m.add_class::<column::ArrowChunk>()?;
    m.add_class::<scan::Scanner>()?;
    m.add_class::<scan::Span>()?;
    m.add_class::<scan::Redactor>()?;
    Ok(())
}
