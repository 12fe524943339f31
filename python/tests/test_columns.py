"""Whole columns: pyarrow, pandas and Polars in, the same kind of column out, nulls kept."""

from __future__ import annotations

from typing import Any, List, Optional

import pytest

import yinsi
from conftest import mobiles

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

VALUES: List[Optional[str]] = ["13812345678", None, "139-1234-5678", "+86 150 0000 1111", None]


def expected(tk: yinsi.Tokenizer, values: List[Optional[str]], ctx: str = "c") -> List[Optional[str]]:
    return [None if v is None else tk.tokenize("cn_mobile", v, ctx) for v in values]


@pytest.mark.parametrize("arrow_type", ["string", "large_string", "string_view"])
def test_pyarrow_array_keeps_its_type(tk: yinsi.Tokenizer, arrow_type: str) -> None:
    t = getattr(pa, arrow_type)()
    col = pa.array(VALUES, type=t)
    out = tk.tokenize("cn_mobile", col, "c")
    assert isinstance(out, pa.Array) and out.type == t
    assert out.to_pylist() == expected(tk, VALUES)
    assert out.null_count == 2
    back = tk.detokenize("cn_mobile", out, "c")
    assert back.to_pylist() == VALUES


def test_chunked_array_keeps_its_chunks(tk: yinsi.Tokenizer) -> None:
    col = pa.chunked_array([VALUES[:2], [], VALUES[2:]], type=pa.string())
    out = tk.tokenize("cn_mobile", col, "c")
    assert isinstance(out, pa.ChunkedArray)
    assert [len(c) for c in out.chunks] == [2, 0, 3]
    assert out.to_pylist() == expected(tk, VALUES)
    empty = tk.tokenize("cn_mobile", pa.chunked_array([], type=pa.string()))
    assert len(empty) == 0 and empty.type == pa.string()


def test_sliced_arrays_are_read_at_their_offset(tk: yinsi.Tokenizer) -> None:
    col = pa.array(["13000000000"] + VALUES)[1:]
    assert tk.tokenize("cn_mobile", col, "c").to_pylist() == expected(tk, VALUES)


def test_row_errors_raise_with_the_global_row_or_become_null(tk: yinsi.Tokenizer) -> None:
    col = pa.chunked_array([["13812345678", None], ["13912345678", "1381234567x", "bad"]])
    with pytest.raises(yinsi.InvalidValueError) as info:
        tk.tokenize("cn_mobile", col, "c")
    assert info.value.row == 3 and str(info.value).startswith("row 3: invalid cn_mobile at position 10")
    assert "1381234567x" not in str(info.value)
    out = tk.tokenize("cn_mobile", col, "c", errors="null")
    assert out.to_pylist() == expected(tk, ["13812345678", None, "13912345678", None, None])
    checks = tk.validate("cn_mobile", col, errors="null")
    assert checks.type == pa.bool_() and checks.to_pylist() == [True, None, True, False, False]


def test_every_operation_on_a_column(tk: yinsi.Tokenizer) -> None:
    col = pa.array(VALUES)
    one = {
        "mask": lambda v: tk.mask("cn_mobile", v),
        "normalize": lambda v: tk.normalize("cn_mobile", v),
        "pseudonymize": lambda v: tk.pseudonymize("cn_mobile", v, "c"),
        "redact": lambda v: tk.redact("cn_mobile", v),
    }
    got = {
        "mask": tk.mask("cn_mobile", col),
        "normalize": tk.normalize("cn_mobile", col),
        "pseudonymize": tk.pseudonymize("cn_mobile", col, "c"),
        "redact": tk.redact("cn_mobile", col),
    }
    for op, f in one.items():
        assert got[op].to_pylist() == [None if v is None else f(v) for v in VALUES], op
    assert tk.validate("cn_mobile", col) is None


def test_non_string_columns_are_refused(tk: yinsi.Tokenizer) -> None:
    with pytest.raises(TypeError, match="(?i)got int64"):
        tk.tokenize("cn_mobile", pa.array([13812345678]))
    with pytest.raises(TypeError, match="(?i)got int64"):
        tk.tokenize("cn_mobile", pl.Series([13812345678]))
    with pytest.raises(TypeError, match="(?i)got int64"):
        tk.tokenize("cn_mobile", pd.Series([13812345678]))


@pytest.mark.parametrize("dtype", [object, "string[pyarrow]", "string[python]", "str", None])
def test_pandas_series_comes_back_with_its_dtype(tk: yinsi.Tokenizer, dtype: Any) -> None:
    s = pd.Series(VALUES, dtype=dtype, name="phone", index=[10, 11, 12, 13, 14])
    out = tk.tokenize("cn_mobile", s, "c")
    assert isinstance(out, pd.Series)
    assert out.dtype == s.dtype and out.name == "phone" and list(out.index) == [10, 11, 12, 13, 14]
    assert out.isna().tolist() == s.isna().tolist()
    assert [None if pd.isna(v) else v for v in out] == expected(tk, VALUES)
    back = tk.detokenize("cn_mobile", out, "c")
    assert back.dtype == s.dtype and [None if pd.isna(v) else v for v in back] == VALUES


def test_pandas_object_column_with_nan_and_validate(tk: yinsi.Tokenizer) -> None:
    s = pd.Series(["13812345678", float("nan"), "x"], dtype=object)
    out = tk.tokenize("cn_mobile", s, errors="null")
    assert out.dtype == object and out[0] == tk.tokenize("cn_mobile", "13812345678") and out[1:].isna().all()
    checks = tk.validate("cn_mobile", s, errors="null")
    assert checks.dtype == "boolean" and checks.tolist()[0] is True and checks.tolist()[2] is False
    assert tk.validate("cn_mobile", pd.Series(["13812345678", "x"]), errors="null").dtype == bool
    empty = tk.tokenize("cn_mobile", pd.Series([], dtype="string[pyarrow]"))
    assert len(empty) == 0 and empty.dtype == "string[pyarrow]"
    allnull = tk.tokenize("cn_mobile", pd.Series([None, None], dtype=object))
    assert allnull.isna().all()


def test_pandas_arrow_dtype(tk: yinsi.Tokenizer) -> None:
    s = pd.Series(VALUES, dtype=pd.ArrowDtype(pa.large_string()))
    out = tk.tokenize("cn_mobile", s, "c")
    assert out.dtype == s.dtype and out.tolist()[0] == expected(tk, VALUES)[0]


def test_polars_series(tk: yinsi.Tokenizer) -> None:
    s = pl.Series("phone", VALUES, dtype=pl.String)
    out = tk.tokenize("cn_mobile", s, "c")
    assert isinstance(out, pl.Series) and out.name == "phone" and out.dtype == pl.String
    assert out.to_list() == expected(tk, VALUES)
    assert tk.detokenize("cn_mobile", out, "c").to_list() == VALUES
    chunked = pl.concat([s, s], rechunk=False)
    assert chunked.n_chunks() == 2
    assert tk.tokenize("cn_mobile", chunked, "c").to_list() == expected(tk, VALUES) * 2
    checks = tk.validate("cn_mobile", pl.Series(["13812345678", None, "x"]), errors="null")
    assert checks.dtype == pl.Boolean and checks.to_list() == [True, None, False]
    assert tk.tokenize("cn_mobile", pl.Series("e", [], dtype=pl.String)).len() == 0


def test_any_arrow_pycapsule_producer(tk: yinsi.Tokenizer) -> None:
    """An object that only speaks the PyCapsule protocol gets a pyarrow ChunkedArray back."""

    class Stream:
        def __init__(self, data: Any) -> None:
            self.data = data

        def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
            return self.data.__arrow_c_stream__(requested_schema)

    class Array:
        def __init__(self, data: Any) -> None:
            self.data = data

        def __arrow_c_array__(self, requested_schema: Any = None) -> Any:
            return self.data.__arrow_c_array__(requested_schema)

    want = expected(tk, VALUES)
    assert tk.tokenize("cn_mobile", Stream(pa.chunked_array([VALUES])), "c").to_pylist() == want
    assert tk.tokenize("cn_mobile", Array(pa.array(VALUES)), "c").to_pylist() == want


def test_million_rows_match_one_by_one(tk: yinsi.Tokenizer) -> None:
    values = mobiles(200_000, seed=3)
    col = tk.tokenize("cn_mobile", pa.array(values), "orders.phone")
    sample = range(0, len(values), 997)
    assert [col[i].as_py() for i in sample] == [tk.tokenize("cn_mobile", values[i], "orders.phone") for i in sample]
    assert tk.detokenize("cn_mobile", col, "orders.phone").to_pylist() == values
