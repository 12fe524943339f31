"""The shared vectors of tests/vectors/: the Python face gives byte-identical results to Rust."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import yinsi
from conftest import load_vectors

KINDS = load_vectors("kinds.json")


def tokenizer_for(case: Dict[str, Any]) -> yinsi.Tokenizer:
    keep = case.get("id_keep")
    return yinsi.Tokenizer(
        yinsi.Keyring.from_text(KINDS["keyring"]),
        id_keep=keep.split(",") if keep else (),
        card_keep_last4=case.get("card_keep_last4", False),
    )


def run_one(case: Dict[str, Any]) -> Any:
    tk, kind, op, value = tokenizer_for(case), case["kind"], case["op"], case["input"]
    ctx = case.get("context", "")
    if op in ("tokenize", "detokenize"):
        return getattr(tk, op)(kind, value, ctx, version=case.get("version"))
    if op == "pseudonymize":
        return tk.pseudonymize(kind, value, ctx)
    if op == "mask":
        return tk.mask(kind, value, case["preset"])
    return getattr(tk, op)(kind, value)


@pytest.mark.parametrize("case", KINDS["cases"], ids=lambda c: f"{c['kind']}-{c['op']}")
def test_kinds_one_value(case: Dict[str, Any]) -> None:
    if case["op"] == "validate" and not case["valid"]:
        with pytest.raises(yinsi.InvalidValueError) as info:
            run_one(case)
        assert str(info.value) == case["error"]  # the core's message, byte for byte
        return
    got = run_one(case)
    assert got == (None if case["op"] == "validate" else case["output"])


def test_kinds_as_columns() -> None:
    """Every vector again, grouped into columns, through list, pyarrow, pandas and Polars."""
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    groups: Dict[tuple, list] = {}
    for c in KINDS["cases"]:
        if c["op"] == "validate":
            continue
        key = (c["kind"], c["op"], c.get("context", ""), c.get("version"), c.get("preset"), c.get("id_keep"),
               c.get("card_keep_last4", False))
        groups.setdefault(key, []).append(c)
    assert len(groups) > 20
    for (kind, op, ctx, version, preset, _, _), cases in groups.items():
        tk = tokenizer_for(cases[0])
        inputs = [c["input"] for c in cases] + [None]
        want = [c["output"] for c in cases] + [None]

        def call(values: Any) -> Any:
            if op in ("tokenize", "detokenize"):
                return getattr(tk, op)(kind, values, ctx, version=version)
            if op == "pseudonymize":
                return tk.pseudonymize(kind, values, ctx)
            if op == "mask":
                return tk.mask(kind, values, preset)
            return getattr(tk, op)(kind, values)

        assert call(inputs) == want
        assert call(pa.array(inputs)).to_pylist() == want
        assert call(pa.chunked_array([inputs[:1], inputs[1:]])).to_pylist() == want
        got = call(pd.Series(inputs, dtype="string[pyarrow]"))
        assert got.tolist()[:-1] == want[:-1] and got.isna().tolist() == [w is None for w in want]
        assert call(pl.Series(inputs, dtype=pl.String)).to_list() == want


def test_validate_column_matches_vectors() -> None:
    pa = pytest.importorskip("pyarrow")
    cases = [c for c in KINDS["cases"] if c["op"] == "validate"]
    for kind in sorted({c["kind"] for c in cases}):
        mine = [c for c in cases if c["kind"] == kind]
        tk = tokenizer_for(mine[0])
        got = tk.validate(kind, pa.array([c["input"] for c in mine]), errors="null").to_pylist()
        assert got == [c["valid"] for c in mine]
        if not all(c["valid"] for c in mine):
            first_bad = next(i for i, c in enumerate(mine) if not c["valid"])
            with pytest.raises(yinsi.InvalidValueError) as info:
                tk.validate(kind, [c["input"] for c in mine])
            assert info.value.row == first_bad
            assert str(info.value) == f"row {first_bad}: {mine[first_bad]['error']}"


def test_opaque_vectors_through_cn_name() -> None:
    """Opaque tokens of `cn_name` are the core's sealed tokens under the kind's label."""
    data = load_vectors("opaque.json")
    tk = yinsi.Tokenizer(yinsi.Keyring.from_text(data["keyring"]))
    checked = 0
    for c in data["cases"]:
        if c["label"] != "cn_name":
            continue
        try:
            tk.validate("cn_name", c["value"])
        except yinsi.InvalidValueError:
            continue
        assert tk.detokenize("cn_name", c["token"], c["context"]) == c["value"]
        if c["version"] == 1:
            assert tk.tokenize("cn_name", c["value"], c["context"]) == c["token"]
        checked += 1
    assert checked >= 3


def test_pseudonym_vectors() -> None:
    """Pseudonyms of values already in normal form, under each vector's version and length."""
    data = load_vectors("pseudonyms.json")
    checked = 0
    for c in data["cases"]:
        text = data["keyring"].replace("active = 1", f"active = {c['version']}")
        tk = yinsi.Tokenizer(yinsi.Keyring.from_text(text), pseudonym_len=c["len"])
        try:
            if tk.normalize(c["label"], c["value"]) != c["value"]:
                continue
        except yinsi.YinsiError:
            continue
        assert tk.pseudonymize(c["label"], c["value"], c["context"]) == c["pseudonym"]
        checked += 1
    assert checked >= 3
