"""pandas integration: the ``.yinsi`` accessor and :func:`apply_policy`.

Importing this module registers ``Series.yinsi`` and ``DataFrame.yinsi``::

    import yinsi.pandas
    df["phone"] = df["phone"].yinsi.tokenize("cn_mobile", context="orders.phone")
    df = df.yinsi.apply({"phone": ("cn_mobile", "tokenize"), "id": ("cn_id", "mask")})

Without ``tokenizer=``, the accessor uses :func:`yinsi.default_tokenizer`.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Tuple, Union

import pandas as pd

from yinsi._tokenizer import Context, Tokenizer, default_tokenizer

__all__ = ["apply_policy", "Policy", "SeriesAccessor", "DataFrameAccessor"]

#: ``{column: (kind, action)}`` or ``{column: (kind, action, {"context": ..., "preset": ..., "version": ...})}``.
#: Actions: ``tokenize``, ``detokenize``, ``mask``, ``pseudonymize``, ``normalize``, ``redact``.
Policy = Mapping[str, Union[Tuple[str, str], Tuple[str, str, Mapping[str, Any]]]]

_ACTIONS = ("tokenize", "detokenize", "mask", "pseudonymize", "normalize", "redact")


def _run(tk: Tokenizer, s: pd.Series, kind: str, action: str, options: Mapping[str, Any], context: Context,
         errors: str) -> pd.Series:
    if action not in _ACTIONS:
        raise ValueError(f"unknown action {action!r}: expected one of {', '.join(_ACTIONS)}")
    unknown = set(options) - {"context", "preset", "version"}
    if unknown:
        raise ValueError(f"unknown policy options: {', '.join(sorted(unknown))}")
    ctx = options.get("context", context)
    if action in ("tokenize", "detokenize"):
        return getattr(tk, action)(kind, s, ctx, version=options.get("version"), errors=errors)
    if action == "pseudonymize":
        return tk.pseudonymize(kind, s, ctx, errors=errors)
    if action == "mask":
        return tk.mask(kind, s, options.get("preset", "default"), errors=errors)
    return getattr(tk, action)(kind, s, errors=errors)


def apply_policy(
    df: pd.DataFrame,
    policy: Policy,
    *,
    tokenizer: Optional[Tokenizer] = None,
    context: Context = "",
    errors: str = "raise",
) -> pd.DataFrame:
    """A copy of ``df`` with each policy column replaced by ``action`` over ``kind``.

    ``context`` is the default context of every column (a per-column
    ``{"context": ...}`` option wins); other columns are left as they are.
    A row error names the column and the row.
    """
    tk = tokenizer if tokenizer is not None else default_tokenizer()
    missing = [c for c in policy if c not in df.columns]
    if missing:
        raise KeyError(f"policy columns not in the DataFrame: {', '.join(map(str, missing))}")
    out = df.copy(deep=False)
    for column, rule in policy.items():
        kind, action = rule[0], rule[1]
        options: Mapping[str, Any] = rule[2] if len(rule) > 2 else {}  # type: ignore[misc]
        try:
            out[column] = _run(tk, df[column], kind, action, options, context, errors)
        except Exception as e:
            if getattr(e, "row", None) is not None:
                e.args = (f"column {column!r}, {e.args[0]}",)
            raise
    return out


@pd.api.extensions.register_series_accessor("yinsi")
class SeriesAccessor:
    """``s.yinsi.tokenize("cn_mobile", context="orders.phone")`` and the other operations."""

    def __init__(self, series: pd.Series) -> None:
        self._s = series

    def tokenize(self, kind: str, context: Context = "", *, version: Optional[int] = None, errors: str = "raise",
                 tokenizer: Optional[Tokenizer] = None) -> pd.Series:
        """Tokens; see :meth:`yinsi.Tokenizer.tokenize`."""
        return (tokenizer or default_tokenizer()).tokenize(kind, self._s, context, version=version, errors=errors)

    def detokenize(self, kind: str, context: Context = "", *, version: Optional[int] = None, errors: str = "raise",
                   tokenizer: Optional[Tokenizer] = None) -> pd.Series:
        """Values behind tokens; see :meth:`yinsi.Tokenizer.detokenize`."""
        return (tokenizer or default_tokenizer()).detokenize(kind, self._s, context, version=version, errors=errors)

    def mask(self, kind: str, preset: str = "default", *, errors: str = "raise",
             tokenizer: Optional[Tokenizer] = None) -> pd.Series:
        """Display masks; see :meth:`yinsi.Tokenizer.mask`."""
        return (tokenizer or default_tokenizer()).mask(kind, self._s, preset, errors=errors)

    def pseudonymize(self, kind: str, context: Context = "", *, errors: str = "raise",
                     tokenizer: Optional[Tokenizer] = None) -> pd.Series:
        """Pseudonyms; see :meth:`yinsi.Tokenizer.pseudonymize`."""
        return (tokenizer or default_tokenizer()).pseudonymize(kind, self._s, context, errors=errors)

    def normalize(self, kind: str, *, errors: str = "raise", tokenizer: Optional[Tokenizer] = None) -> pd.Series:
        """Canonical forms; see :meth:`yinsi.Tokenizer.normalize`."""
        return (tokenizer or default_tokenizer()).normalize(kind, self._s, errors=errors)

    def validate(self, kind: str, *, errors: str = "raise", tokenizer: Optional[Tokenizer] = None) -> Any:
        """``None`` or raises; with ``errors="null"`` a boolean Series. See :meth:`yinsi.Tokenizer.validate`."""
        return (tokenizer or default_tokenizer()).validate(kind, self._s, errors=errors)


@pd.api.extensions.register_dataframe_accessor("yinsi")
class DataFrameAccessor:
    """``df.yinsi.apply({column: (kind, action)})``: see :func:`apply_policy`."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    def apply(self, policy: Policy, *, tokenizer: Optional[Tokenizer] = None, context: Context = "",
              errors: str = "raise") -> pd.DataFrame:
        """A copy with the policy applied; see :func:`apply_policy`."""
        return apply_policy(self._df, policy, tokenizer=tokenizer, context=context, errors=errors)

