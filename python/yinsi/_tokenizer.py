"""``yinsi.Tokenizer``: one value or a whole column per call.

This module only routes: a ``str`` goes to the core one value at a time, a
``list`` as one batch, and columns (pyarrow, pandas, Polars, anything with the
Arrow PyCapsule interface) as Arrow buffers without a Python object per row.
It then rebuilds the caller's kind of column. Every rule lives in the Rust core.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, TypeVar, Union, overload

from yinsi import _native
from yinsi._native import Keyring

__all__ = ["Tokenizer", "CustomFormat", "default_tokenizer", "set_default_tokenizer"]

Context = Union[str, bytes]
C = TypeVar("C")


@dataclass(frozen=True)
class CustomFormat:
    """The format of ``custom`` values: FF1 over ``alphabet``.

    Characters outside the alphabet stay in place; the first ``keep_first`` and
    last ``keep_last`` alphabet characters stay in clear. ``name`` separates the
    keys of different custom formats: keep it stable.
    """

    name: str
    alphabet: str
    keep_first: int = 0
    keep_last: int = 0


def _to_pyarrow(chunks: List[Any], like: Any, chunked: bool, check: bool) -> Any:
    import pyarrow as pa

    arrays = [pa.array(c) for c in chunks]
    if chunked:
        empty_type = pa.bool_() if check else like
        return pa.chunked_array(arrays, type=None if arrays else empty_type)
    return arrays[0]


def _from_pandas(native: Any, op: str, kind: str, s: Any, args: tuple) -> Any:
    import pandas as pd
    import pyarrow as pa

    data = pa.array(s.array if isinstance(s.dtype, pd.api.extensions.ExtensionDtype) else s, from_pandas=True)
    if isinstance(data, pa.Array) and not pa.types.is_string(data.type) and len(data) == data.null_count:
        data = data.cast(pa.string())  # an all-null object column
    chunks = native.arrow(op, kind, data, *args)
    check = op == "validate"
    out = _to_pyarrow(chunks, pa.string(), True, check)
    if check:
        array = pd.BooleanDtype().__from_arrow__(out)
        if not array.isna().any():
            array = array.to_numpy(dtype=bool)
    elif isinstance(s.dtype, pd.ArrowDtype):
        array = pd.arrays.ArrowExtensionArray(out.cast(s.dtype.pyarrow_dtype))
    elif isinstance(s.dtype, pd.api.extensions.ExtensionDtype) and hasattr(s.dtype, "__from_arrow__"):
        array = s.dtype.__from_arrow__(out)
    else:
        return pd.Series(out.to_numpy(zero_copy_only=False), index=s.index, name=s.name, dtype=object, copy=False)
    return pd.Series(array, index=s.index, name=s.name, copy=False)


def _from_polars(native: Any, op: str, kind: str, s: Any, args: tuple) -> Any:
    import polars as pl

    chunks = native.arrow(op, kind, s, *args)
    dtype = pl.Boolean if op == "validate" else pl.String
    parts = [pl.Series(c).alias(s.name) for c in chunks]
    if not parts:
        return pl.Series(s.name, [], dtype=dtype)
    out = parts[0]
    for p in parts[1:]:
        out = out.append(p)
    return out


def _apply(native: Any, op: str, kind: str, values: Any, context: Context, errors: str, version: Optional[int],
           mask: Optional[str]) -> Any:
    if isinstance(values, str):
        return native.one(op, kind, values, context, version, mask)
    args = (context, errors, version, mask)
    if isinstance(values, (list, tuple)):
        out = native.many(op, kind, list(values), *args)
        return out if isinstance(values, list) else tuple(out)
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(values, pd.Series):
        return _from_pandas(native, op, kind, values, args)
    pl = sys.modules.get("polars")
    if pl is not None and isinstance(values, pl.Series):
        return _from_polars(native, op, kind, values, args)
    pa = sys.modules.get("pyarrow")
    if pa is not None and isinstance(values, (pa.Array, pa.ChunkedArray)):
        chunks = native.arrow(op, kind, values, *args)
        return _to_pyarrow(chunks, values.type, isinstance(values, pa.ChunkedArray), op == "validate")
    if hasattr(values, "__arrow_c_stream__") or hasattr(values, "__arrow_c_array__"):
        import pyarrow

        chunks = native.arrow(op, kind, values, *args)
        return _to_pyarrow(chunks, pyarrow.string(), True, op == "validate")
    raise TypeError(
        f"expected str, list of str, or a column (pyarrow, pandas, Polars, Arrow PyCapsule), "
        f"got {type(values).__name__}"
    )


class Tokenizer:
    """Tokenizes, detokenizes, masks, pseudonymizes and validates values of every kind.

    Every method takes a kind name (``"cn_id"``, ``"cn_mobile"``, ``"cn_landline"``,
    ``"bank_card"``, ``"email"``, ``"cn_name"``, ``"cn_address"``, ``"custom"``) and
    either one value (``str``) or a column: ``list``/``tuple`` of ``str``/``None``,
    ``pyarrow.Array``/``ChunkedArray``, ``pandas.Series`` (object, ``string[pyarrow]``,
    pandas 3 ``str``), ``polars.Series``, or any object with ``__arrow_c_stream__`` /
    ``__arrow_c_array__`` (answered with a ``pyarrow.ChunkedArray``). A column comes
    back as the same kind of column; nulls stay null.

    ``errors="raise"`` (default): the first failing row raises a :class:`yinsi.YinsiError`
    whose message starts with ``row N:`` and whose ``row`` attribute is ``N``.
    ``errors="null"``: failing rows become null (``False`` for ``validate``).

    Column work runs in the Rust core with the GIL released. One tokenizer is
    safe to share between threads. It pickles if its keyring does (see
    :class:`yinsi.Keyring`): that is how Dask and Spark workers get it.
    """

    def __init__(
        self,
        keyring: Keyring,
        *,
        id_keep: Iterable[str] = (),
        card_keep_last4: bool = False,
        pseudonym_len: int = 20,
        custom: Optional[CustomFormat] = None,
    ) -> None:
        if not isinstance(keyring, Keyring):
            raise TypeError(f"keyring must be a yinsi.Keyring, got {type(keyring).__name__}")
        self._keyring = keyring
        self._options = {
            "id_keep": tuple(id_keep),
            "card_keep_last4": card_keep_last4,
            "pseudonym_len": pseudonym_len,
            "custom": custom,
        }
        self._native = _native.Tokenizer(
            keyring,
            id_keep=list(id_keep),
            card_keep_last4=card_keep_last4,
            pseudonym_len=pseudonym_len,
            custom_name=custom.name if custom else None,
            custom_alphabet=custom.alphabet if custom else None,
            custom_keep_first=custom.keep_first if custom else 0,
            custom_keep_last=custom.keep_last if custom else 0,
        )

    @property
    def keyring(self) -> Keyring:
        """The keyring."""
        return self._keyring

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self._options.items())
        return f"Tokenizer({self._keyring!r}, {opts})"

    def __reduce__(self) -> Any:
        # Pickles the keyring (a reference, or a refusal) and the options: never key bytes.
        return (_rebuild, (self._keyring, self._options))

    @overload
    def tokenize(self, kind: str, values: str, context: Context = "", *, version: Optional[int] = None,
                 errors: str = "raise") -> str: ...
    @overload
    def tokenize(self, kind: str, values: C, context: Context = "", *, version: Optional[int] = None,
                 errors: str = "raise") -> C: ...

    def tokenize(self, kind: str, values: Any, context: Context = "", *, version: Optional[int] = None,
                 errors: str = "raise") -> Any:
        """Tokens under the active key version (or ``version``), per ``context``."""
        return _apply(self._native, "tokenize", kind, values, context, errors, version, None)

    @overload
    def detokenize(self, kind: str, values: str, context: Context = "", *, version: Optional[int] = None,
                   errors: str = "raise") -> str: ...
    @overload
    def detokenize(self, kind: str, values: C, context: Context = "", *, version: Optional[int] = None,
                   errors: str = "raise") -> C: ...

    def detokenize(self, kind: str, values: Any, context: Context = "", *, version: Optional[int] = None,
                   errors: str = "raise") -> Any:
        """The values behind tokens. Format-preserving tokens are read under the active
        version (or ``version``); opaque tokens under the version they carry."""
        return _apply(self._native, "detokenize", kind, values, context, errors, version, None)

    @overload
    def rewrap(self, kind: str, values: str, context: Context = "", *, from_version: int,
               errors: str = "raise") -> str: ...
    @overload
    def rewrap(self, kind: str, values: C, context: Context = "", *, from_version: int,
               errors: str = "raise") -> C: ...

    def rewrap(self, kind: str, values: Any, context: Context = "", *, from_version: int,
               errors: str = "raise") -> Any:
        """Moves tokens made under key version ``from_version`` to the active version."""
        return _apply(self._native, "rewrap", kind, values, context, errors, from_version, None)

    @overload
    def mask(self, kind: str, values: str, preset: str = "default", *, errors: str = "raise") -> str: ...
    @overload
    def mask(self, kind: str, values: C, preset: str = "default", *, errors: str = "raise") -> C: ...

    def mask(self, kind: str, values: Any, preset: str = "default", *, errors: str = "raise") -> Any:
        """Display masks (no key is used): ``default``, ``privacy_waybill``,
        ``keep_firstN_lastM``, ``keep_area_last2``, ``keep_first1_domain``,
        ``keep_surname``, ``keep_district``."""
        return _apply(self._native, "mask", kind, values, "", errors, None, preset)

    @overload
    def pseudonymize(self, kind: str, values: str, context: Context = "", *, errors: str = "raise") -> str: ...
    @overload
    def pseudonymize(self, kind: str, values: C, context: Context = "", *, errors: str = "raise") -> C: ...

    def pseudonymize(self, kind: str, values: Any, context: Context = "", *, errors: str = "raise") -> Any:
        """Keyed one-way pseudonyms (of the normal form), for analytics joins."""
        return _apply(self._native, "pseudonymize", kind, values, context, errors, None, None)

    @overload
    def normalize(self, kind: str, values: str, *, errors: str = "raise") -> str: ...
    @overload
    def normalize(self, kind: str, values: C, *, errors: str = "raise") -> C: ...

    def normalize(self, kind: str, values: Any, *, errors: str = "raise") -> Any:
        """Canonical forms (``13812345678`` for ``+86 138-1234-5678``)."""
        return _apply(self._native, "normalize", kind, values, "", errors, None, None)

    @overload
    def redact(self, kind: str, values: str, *, errors: str = "raise") -> str: ...
    @overload
    def redact(self, kind: str, values: C, *, errors: str = "raise") -> C: ...

    def redact(self, kind: str, values: Any, *, errors: str = "raise") -> Any:
        """The kind's label (``[CN_MOBILE]``) for every non-null value."""
        return _apply(self._native, "redact", kind, values, "", errors, None, None)

    def validate(self, kind: str, values: Any, *, errors: str = "raise") -> Any:
        """Checks values.

        One value, or ``errors="raise"``: returns ``None`` or raises
        :class:`yinsi.InvalidValueError` (with the row for a column).
        ``errors="null"`` on a column: returns a boolean column, ``True`` where
        valid, ``False`` where not, null where the input is null.
        """
        out = _apply(self._native, "validate", kind, values, "", errors, None, None)
        return None if errors == "raise" else out


def _rebuild(keyring: Keyring, options: dict) -> Tokenizer:
    return Tokenizer(keyring, **options)


_default: Optional[Tokenizer] = None
_default_lock = threading.Lock()


def set_default_tokenizer(tokenizer: Optional[Tokenizer]) -> None:
    """Sets the tokenizer the pandas accessor and the logging filter use when none is given."""
    global _default
    with _default_lock:
        _default = tokenizer


def default_tokenizer() -> Tokenizer:
    """The default tokenizer: the one set with :func:`set_default_tokenizer`, else one
    whose keyring is loaded (once) from the ``YINSI_KEY`` environment variable."""
    global _default
    with _default_lock:
        if _default is None:
            if "YINSI_KEY" not in os.environ:
                from yinsi.exceptions import KeyUnavailableError

                raise KeyUnavailableError(
                    "no tokenizer given: pass tokenizer=, call yinsi.set_default_tokenizer(), or set YINSI_KEY"
                )
            _default = Tokenizer(Keyring.from_env("YINSI_KEY"))
        return _default
