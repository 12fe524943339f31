"""yinsi.Tokenizer on one value and on lists; options; threads and the GIL."""

from __future__ import annotations

import pickle
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import yinsi
from conftest import TEST_HEX, mobiles


def test_one_value_round_trip(tk: yinsi.Tokenizer) -> None:
    token = tk.tokenize("cn_mobile", "138-1234-5678", context="orders.phone")
    assert token.startswith("138-") and token != "138-1234-5678" and len(token) == 13
    assert tk.detokenize("cn_mobile", token, context="orders.phone") == "138-1234-5678"
    assert tk.tokenize("cn_mobile", "138-1234-5678", context=b"orders.phone") == token
    assert tk.tokenize("cn_mobile", "138-1234-5678", context="other") != token
    assert tk.mask("cn_mobile", "13812345678") == "138****5678"
    assert tk.mask("cn_id", "11010519491231002X", "keep_first1_last2") == "1***************2X"
    assert tk.normalize("cn_mobile", "+86 138 1234 5678") == "13812345678"
    assert tk.redact("cn_mobile", "13812345678") == "[CN_MOBILE]"
    assert tk.validate("cn_mobile", "13812345678") is None
    p = tk.pseudonymize("cn_mobile", "138-1234-5678", "x")
    assert p == tk.pseudonymize("cn_mobile", "13812345678", "x") and len(p) == 20


def test_kind_and_option_errors(tk: yinsi.Tokenizer) -> None:
    with pytest.raises(yinsi.InvalidOptionError, match="unknown kind"):
        tk.tokenize("passport", "x")
    with pytest.raises(yinsi.InvalidOptionError, match="mask"):
        tk.mask("cn_mobile", "13812345678", "keep_everything")
    with pytest.raises(yinsi.InvalidOptionError, match="errors"):
        tk.tokenize("cn_mobile", ["13812345678"], errors="ignore")
    with pytest.raises(TypeError, match="context"):
        tk.tokenize("cn_mobile", "13812345678", context=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got int"):
        tk.tokenize("cn_mobile", 13812345678)  # type: ignore[call-overload]
    with pytest.raises(yinsi.UnsupportedModeError):
        yinsi.Tokenizer(yinsi.Keyring.from_hex(TEST_HEX), id_keep=["region", "birth_year"])
    with pytest.raises(yinsi.InvalidOptionError):
        yinsi.Tokenizer(yinsi.Keyring.from_hex(TEST_HEX), id_keep=["nose"])
    with pytest.raises(yinsi.InvalidOptionError):
        yinsi.Tokenizer(yinsi.Keyring.from_hex(TEST_HEX), pseudonym_len=3)


def test_errors_never_show_the_value(tk: yinsi.Tokenizer) -> None:
    secret = "13812345678x"
    with pytest.raises(yinsi.InvalidValueError) as info:
        tk.tokenize("cn_mobile", secret)
    assert secret not in str(info.value) and "13812345678" not in repr(info.value)
    assert info.value.row is None
    with pytest.raises(yinsi.InvalidValueError) as info:
        tk.tokenize("cn_mobile", ["13912345678", None, secret])
    assert info.value.row == 2
    assert str(info.value).startswith("row 2: invalid cn_mobile")
    assert "1381234567" not in str(info.value) and "1391234567" not in str(info.value)


def test_lists_keep_nulls_and_order(tk: yinsi.Tokenizer) -> None:
    values = ["13812345678", None, "bad", "13912345678"]
    out = tk.tokenize("cn_mobile", values, "c", errors="null")
    assert out[1] is None and out[2] is None
    assert out[0] == tk.tokenize("cn_mobile", "13812345678", "c")
    assert out[3] == tk.tokenize("cn_mobile", "13912345678", "c")
    assert tk.detokenize("cn_mobile", out, "c", errors="null") == ["13812345678", None, None, "13912345678"]
    assert tk.validate("cn_mobile", values, errors="null") == [True, None, False, True]
    assert tk.validate("cn_mobile", ["13812345678", None]) is None
    assert tk.tokenize("cn_mobile", tuple(values), "c", errors="null") == tuple(out)
    assert tk.tokenize("cn_mobile", []) == []


def test_token_tampering_is_typed(tk: yinsi.Tokenizer) -> None:
    token = tk.tokenize("cn_name", "张三", "ctx")
    assert token.startswith("yt1.1.")
    assert tk.detokenize("cn_name", token, "ctx") == "张三"
    with pytest.raises(yinsi.TokenAuthenticationError):
        tk.detokenize("cn_name", token, "other")
    with pytest.raises(yinsi.MalformedTokenError):
        tk.detokenize("cn_name", "yt9.zz")
    with pytest.raises(yinsi.InvalidTokenError):
        tk.detokenize("cn_name", token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:], "ctx")


def test_versions_and_rewrap() -> None:
    text = f"active = 2\nkey 1 = {TEST_HEX}\nkey 2 = {'20' * 32}\n"
    tk = yinsi.Tokenizer(yinsi.Keyring.from_text(text))
    old = tk.tokenize("cn_mobile", "13812345678", "c", version=1)
    new = tk.tokenize("cn_mobile", "13812345678", "c")
    assert old != new
    assert tk.rewrap("cn_mobile", old, "c", from_version=1) == new
    assert tk.rewrap("cn_mobile", [old, None], "c", from_version=1) == [new, None]
    assert tk.detokenize("cn_mobile", old, "c", version=1) == "13812345678"
    with pytest.raises(yinsi.UnknownKeyVersionError, match="unknown key version 9"):
        tk.tokenize("cn_mobile", "13812345678", version=9)


def test_options_reach_the_core(keyring: yinsi.Keyring) -> None:
    plain = yinsi.Tokenizer(keyring)
    keep = yinsi.Tokenizer(keyring, id_keep=["province"], card_keep_last4=True, pseudonym_len=32)
    assert keep.tokenize("cn_id", "11010519491231002X")[:2] == "11"
    card = "6222021234567890128"
    assert keep.tokenize("bank_card", card)[-4:] == card[-4:]
    assert plain.tokenize("bank_card", card)[:6] == card[:6]
    assert len(keep.pseudonymize("cn_mobile", "13812345678")) == 32
    custom = yinsi.CustomFormat("order_no", "0123456789", keep_first=2)
    ctk = yinsi.Tokenizer(keyring, custom=custom)
    token = ctk.tokenize("custom", "AB-12345678")
    assert token.startswith("AB-12") and ctk.detokenize("custom", token) == "AB-12345678"
    with pytest.raises(yinsi.YinsiError):
        plain.tokenize("custom", "AB-12345678")
    assert "order_no" in repr(ctk) and TEST_HEX not in repr(ctk)


def test_shared_across_a_thread_pool(tk: yinsi.Tokenizer) -> None:
    pa = pytest.importorskip("pyarrow")
    values = mobiles(20_000)
    want = tk.tokenize("cn_mobile", values, "pool")
    column = pa.array(values)

    def work(i: int) -> bool:
        if i % 3 == 0:
            return tk.tokenize("cn_mobile", column, "pool").to_pylist() == want
        if i % 3 == 1:
            return tk.tokenize("cn_mobile", values, "pool") == want
        j = i * 97 % len(values)
        return tk.tokenize("cn_mobile", values[j], "pool") == want[j]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(48)))


def test_batch_releases_the_gil(tk: yinsi.Tokenizer) -> None:
    """While one thread tokenizes a column, another thread keeps running Python code.

    If the GIL were held for the whole core call, the watcher would stall for about as
    long as the call; with the GIL released its longest pause stays a small fraction.
    """
    pa = pytest.importorskip("pyarrow")
    column = pa.array(mobiles(1_000_000))
    tk.tokenize("cn_mobile", column[:10])
    done = threading.Event()
    span = []

    def worker() -> None:
        t0 = time.perf_counter()
        tk.tokenize("cn_mobile", column, "gil")
        span.append(time.perf_counter() - t0)
        done.set()

    gaps = []
    thread = threading.Thread(target=worker)
    last = time.perf_counter()
    thread.start()
    while not done.is_set():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    thread.join()
    assert span[0] > 0.05, "the call was too short to tell"
    assert max(gaps) < span[0] / 2, (max(gaps), span[0])


def test_tokenizer_pickles_as_reference_only(monkeypatch: pytest.MonkeyPatch, keyring: yinsi.Keyring) -> None:
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(yinsi.Tokenizer(keyring))
    monkeypatch.setenv("YINSI_TEST_KEY", TEST_HEX)
    tk = yinsi.Tokenizer(yinsi.Keyring.from_env("YINSI_TEST_KEY"), card_keep_last4=True)
    blob = pickle.dumps(tk)
    assert TEST_HEX.encode() not in blob and bytes.fromhex(TEST_HEX) not in blob
    again = pickle.loads(blob)
    assert again.tokenize("bank_card", "6222021234567890128") == tk.tokenize("bank_card", "6222021234567890128")
