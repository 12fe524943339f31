//! Arrow columns in and out through the Arrow PyCapsule interface.
//!
//! Import takes any object with `__arrow_c_stream__` (pyarrow `ChunkedArray`,
//! Polars `Series`, pandas) or `__arrow_c_array__` (pyarrow `Array`), of type
//! `string`, `large_string` or `string_view`, and reads the values in place: no
//! Python object is made per row. The buffers are validated (offsets, UTF-8)
//! before use, since they come from another library. Export gives one
//! [`ArrowChunk`] per input chunk, of the input's string type (`large_string`
//! where a `string` chunk's output would overflow 32-bit offsets) or `bool` for
//! `validate`. Nulls stay null.
//!
//! The `arrow` crates do the C data interface: their import checks the
//! producer's structs and buffers, handles slicing offsets and string views,
//! and their export owns the release callbacks, so this crate has only the
//! few `unsafe` lines that read a capsule's pointer.

use std::sync::Arc;

use arrow_array::builder::{LargeStringBuilder, StringBuilder, StringViewBuilder};
use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{ArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{make_array, Array, ArrayRef, BooleanArray};
use arrow_schema::{ArrowError, DataType};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::error::{Error, Result};
use crate::tokenizer::{Call, OnError, Outcome};

/// The rows of a result: text or checks, `None` where the input was null (or failed, with `errors="null"`).
pub(crate) enum Rows {
    Text(Vec<Option<String>>),
    Check(Vec<Option<bool>>),
}

/// Puts the results for the present (non-null) rows back in row order, applying the error policy.
///
/// `present` says, per row, whether it had a value; `offset` is the index of
/// the first row in the whole column (for error messages).
pub(crate) fn align(call: &Call, present: impl Iterator<Item = bool>, offset: usize, outcome: Outcome) -> Result<Rows> {
    let raise = call.on_error == OnError::Raise;
    Ok(match outcome {
        Outcome::Text(results) => {
            let mut results = results.into_iter();
            let mut rows = Vec::with_capacity(results.len());
            for (i, here) in present.enumerate() {
                rows.push(match here.then(|| results.next()).flatten() {
                    Some(Ok(s)) => Some(s),
                    Some(Err(e)) if raise => return Err(Error::at_row(e, offset + i)),
                    _ => None,
                });
            }
            Rows::Text(rows)
        }
        Outcome::Check(results) => {
            let mut results = results.into_iter();
            let mut rows = Vec::with_capacity(results.len());
            for (i, here) in present.enumerate() {
                rows.push(match here.then(|| results.next()).flatten() {
                    Some(Ok(())) => Some(true),
                    Some(Err(e)) if raise => return Err(Error::at_row(e, offset + i)),
                    Some(Err(_)) => Some(false),
                    None => None,
                });
            }
            Rows::Check(rows)
        }
    })
}

fn arrow_error(context: &str, e: ArrowError) -> Error {
    Error::Py(PyValueError::new_err(format!("{context}: {e}")))
}

/// An imported column: its chunks and their type.
pub(crate) struct Input {
    chunks: Vec<ArrayRef>,
    data_type: DataType,
}

/// Imports a column from an object with `__arrow_c_stream__` or `__arrow_c_array__`.
pub(crate) fn import(column: &Bound<'_, PyAny>) -> Result<Input> {
    let input = if column.hasattr("__arrow_c_stream__")? {
        let capsule = column.call_method1("__arrow_c_stream__", (column.py().None(),))?;
        let capsule = capsule.cast_into::<PyCapsule>().map_err(PyErr::from)?;
        let ptr = capsule.pointer_checked(Some(c"arrow_array_stream"))?;
        // SAFETY: the capsule protocol says the pointer is a valid ArrowArrayStream; `from_raw`
        // moves it out and leaves a released stream for the capsule's destructor.
        let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr().cast()) };
        let reader = ArrayStreamReader::try_new(stream).map_err(|e| arrow_error("Arrow stream", e))?;
        let data_type = arrow_array::ArrayReader::field(&reader).data_type().clone();
        let chunks = reader.collect::<Result<Vec<_>, _>>().map_err(|e| arrow_error("Arrow stream", e))?;
        Input { chunks, data_type }
    } else if column.hasattr("__arrow_c_array__")? {
        let pair = column.call_method1("__arrow_c_array__", (column.py().None(),))?;
        let (schema, array): (Bound<'_, PyCapsule>, Bound<'_, PyCapsule>) = pair.extract()?;
        let schema_ptr = schema.pointer_checked(Some(c"arrow_schema"))?;
        let array_ptr = array.pointer_checked(Some(c"arrow_array"))?;
        // SAFETY: the capsule protocol says these are a valid ArrowSchema and ArrowArray. The
        // array is moved out (its capsule keeps a released struct); the schema is borrowed
        // while its capsule is alive.
        let data = unsafe {
            let array = FFI_ArrowArray::from_raw(array_ptr.as_ptr().cast());
            let schema = &*schema_ptr.as_ptr().cast::<FFI_ArrowSchema>();
            from_ffi(array, schema)
        }
        .map_err(|e| arrow_error("Arrow array", e))?;
        let array = make_array(data);
        Input { data_type: array.data_type().clone(), chunks: vec![array] }
    } else {
        return Err(Error::type_error(
            "expected a str, a list of str, or an Arrow-compatible column (pyarrow, pandas, Polars)".to_owned(),
        ));
    };
    if !matches!(input.data_type, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) {
        return Err(Error::Py(PyTypeError::new_err(format!(
            "expected a column of strings (string, large_string or string_view), got {}",
            input.data_type
        ))));
    }
    Ok(input)
}

/// The values of a string chunk, `None` for nulls.
fn values(chunk: &dyn Array) -> Vec<Option<&str>> {
    if let Some(a) = chunk.as_string_opt::<i32>() {
        a.iter().collect()
    } else if let Some(a) = chunk.as_string_opt::<i64>() {
        a.iter().collect()
    } else if let Some(a) = chunk.as_string_view_opt() {
        a.iter().collect()
    } else {
        Vec::new()
    }
}

/// Runs `call` over every chunk (without the GIL) and builds the output chunks.
pub(crate) fn apply(call: &Call, input: Input) -> Result<Vec<ArrowChunk>> {
    let mut all = Vec::with_capacity(input.chunks.len());
    let mut offset = 0;
    for chunk in &input.chunks {
        chunk.to_data().validate_full().map_err(|e| arrow_error("invalid Arrow data", e))?;
        let values = values(chunk.as_ref());
        let present: Vec<&str> = values.iter().flatten().copied().collect();
        let outcome = call.run(&present);
        all.push(align(call, values.iter().map(Option::is_some), offset, outcome)?);
        offset += chunk.len();
    }
    let overflows = |rows: &Rows| match rows {
        Rows::Text(t) => t.iter().flatten().map(String::len).sum::<usize>() > i32::MAX as usize,
        Rows::Check(_) => false,
    };
    let data_type = match input.data_type {
        DataType::Utf8 if all.iter().any(overflows) => DataType::LargeUtf8,
        t => t,
    };
    Ok(all
        .into_iter()
        .map(|rows| {
            let array: ArrayRef = match rows {
                Rows::Check(c) => Arc::new(BooleanArray::from(c)),
                Rows::Text(t) => {
                    let bytes = t.iter().flatten().map(String::len).sum();
                    match data_type {
                        DataType::LargeUtf8 => {
                            let mut b = LargeStringBuilder::with_capacity(t.len(), bytes);
                            t.iter().for_each(|v| b.append_option(v.as_deref()));
                            Arc::new(b.finish())
                        }
                        DataType::Utf8View => {
                            let mut b = StringViewBuilder::with_capacity(t.len());
                            t.iter().for_each(|v| b.append_option(v.as_deref()));
                            Arc::new(b.finish())
                        }
                        _ => {
                            let mut b = StringBuilder::with_capacity(t.len(), bytes);
                            t.iter().for_each(|v| b.append_option(v.as_deref()));
                            Arc::new(b.finish())
                        }
                    }
                }
            };
            ArrowChunk { array }
        })
        .collect())
}

/// One output chunk; hand it to `pyarrow.array()` (it has `__arrow_c_array__`).
#[pyclass(frozen, module = "yinsi._native", name = "ArrowChunk")]
pub struct ArrowChunk {
    array: ArrayRef,
}

#[pymethods]
impl ArrowChunk {
    /// Exports the chunk through the Arrow PyCapsule interface (the requested schema is ignored).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> Result<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let _ = requested_schema;
        let (array, schema) = to_ffi(&self.array.to_data()).map_err(|e| arrow_error("Arrow export", e))?;
        // Each capsule owns its struct; dropping an unconsumed one calls its release callback.
        let schema = PyCapsule::new_with_value(py, schema, c"arrow_schema")?;
        let array = PyCapsule::new_with_value(py, array, c"arrow_array")?;
        Ok((schema, array))
    }

    fn __len__(&self) -> usize {
        self.array.len()
    }
}
