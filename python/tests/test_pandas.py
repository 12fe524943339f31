"""yinsi.pandas: the Series/DataFrame accessor and apply_policy."""

from __future__ import annotations

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import yinsi  # noqa: E402
import yinsi.pandas  # noqa: E402,F401  (registers the accessor)
from conftest import TEST_HEX  # noqa: E402

PHONES = ["13812345678", None, "139-1234-5678"]
IDS = ["11010519491231002X", "110105194912310021", None]


@pytest.fixture()
def frame() -> "pd.DataFrame":
    return pd.DataFrame({"phone": PHONES, "id": pd.Series(IDS, dtype="string[pyarrow]"), "n": [1, 2, 3]})


def test_series_accessor(tk: yinsi.Tokenizer, frame: "pd.DataFrame") -> None:
    out = frame["phone"].yinsi.tokenize("cn_mobile", context="orders.phone", tokenizer=tk)
    assert out.tolist()[0] == tk.tokenize("cn_mobile", PHONES[0], "orders.phone") and pd.isna(out[1])
    back = out.yinsi.detokenize("cn_mobile", context="orders.phone", tokenizer=tk)
    assert back[0] == PHONES[0] and back[2] == PHONES[2]
    assert frame["phone"].yinsi.mask("cn_mobile", tokenizer=tk).tolist()[2] == "139-****-5678"
    assert frame["phone"].yinsi.normalize("cn_mobile", tokenizer=tk).tolist()[2] == "13912345678"
    p = frame["phone"].yinsi.pseudonymize("cn_mobile", "x", tokenizer=tk)
    assert p[0] == p[0] and len(p[0]) == 20
    checks = frame["id"].yinsi.validate("cn_id", errors="null", tokenizer=tk)
    assert checks.tolist() == [True, False, pd.NA]
    with pytest.raises(yinsi.InvalidValueError) as info:
        frame["id"].yinsi.validate("cn_id", tokenizer=tk)
    assert info.value.row == 1


def test_accessor_default_tokenizer(monkeypatch: pytest.MonkeyPatch, tk: yinsi.Tokenizer) -> None:
    s = pd.Series(["13812345678"])
    yinsi.set_default_tokenizer(None)
    monkeypatch.delenv("YINSI_KEY", raising=False)
    with pytest.raises(yinsi.KeyUnavailableError, match="YINSI_KEY"):
        s.yinsi.tokenize("cn_mobile")
    monkeypatch.setenv("YINSI_KEY", TEST_HEX)
    try:
        assert s.yinsi.tokenize("cn_mobile", context="orders.phone")[0] == tk.tokenize(
            "cn_mobile", "13812345678", "orders.phone"
        )
        other = yinsi.Tokenizer(yinsi.Keyring.generate())
        yinsi.set_default_tokenizer(other)
        assert s.yinsi.tokenize("cn_mobile")[0] == other.tokenize("cn_mobile", "13812345678")
    finally:
        yinsi.set_default_tokenizer(None)


def test_apply_policy(tk: yinsi.Tokenizer, frame: "pd.DataFrame") -> None:
    policy = {
        "phone": ("cn_mobile", "tokenize", {"context": "orders.phone"}),
        "id": ("cn_id", "mask", {"preset": "keep_first1_last2"}),
    }
    out = yinsi.pandas.apply_policy(frame, policy, tokenizer=tk, errors="null")
    assert out["n"].tolist() == [1, 2, 3] and frame["phone"].tolist()[0] == PHONES[0]  # input untouched
    assert out["phone"].tolist()[0] == tk.tokenize("cn_mobile", PHONES[0], "orders.phone")
    assert out["phone"].dtype == frame["phone"].dtype and out["id"].dtype == frame["id"].dtype
    assert out["id"].tolist()[0] == "1***************2X" and out["id"].isna().tolist() == [False, True, True]
    with pytest.raises(yinsi.InvalidValueError):  # the invalid ID cannot be masked
        tk.mask("cn_id", IDS[1])
    masked = frame.yinsi.apply({"id": ("cn_id", "mask")}, tokenizer=tk, errors="null")
    assert masked["id"].tolist()[0] == "110105********002X" and pd.isna(masked["id"][1])
    both = frame.yinsi.apply({"phone": ("cn_mobile", "pseudonymize"), "id": ("cn_id", "redact")}, tokenizer=tk,
                             context="tenant-a")
    assert both["phone"][0] == tk.pseudonymize("cn_mobile", PHONES[0], "tenant-a")
    assert both["id"].tolist()[:2] == ["[CN_ID]", "[CN_ID]"]


def test_apply_policy_errors(tk: yinsi.Tokenizer, frame: "pd.DataFrame") -> None:
    with pytest.raises(yinsi.InvalidValueError, match=r"column 'id', row 1: invalid cn_id") as info:
        yinsi.pandas.apply_policy(frame, {"id": ("cn_id", "tokenize")}, tokenizer=tk)
    assert info.value.row == 1 and IDS[1] not in str(info.value)
    with pytest.raises(KeyError, match="missing"):
        yinsi.pandas.apply_policy(frame, {"missing": ("cn_id", "tokenize")}, tokenizer=tk)
    with pytest.raises(ValueError, match="unknown action"):
        yinsi.pandas.apply_policy(frame, {"id": ("cn_id", "encrypt")}, tokenizer=tk)
    with pytest.raises(ValueError, match="unknown policy options"):
        yinsi.pandas.apply_policy(frame, {"id": ("cn_id", "mask", {"prest": "x"})}, tokenizer=tk)
