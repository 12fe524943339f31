"""yinsi.Keyring: loading, what it shows, and what it refuses to pickle."""

from __future__ import annotations

import base64
import copy
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import yinsi
from conftest import TEST_HEX

TEST_B64 = base64.b64encode(bytes.fromhex(TEST_HEX)).decode()


def token(ring: yinsi.Keyring) -> str:
    return yinsi.Tokenizer(ring).tokenize("cn_mobile", "13812345678")


def test_every_loader_gives_the_same_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = token(yinsi.Keyring.from_hex(TEST_HEX))
    assert token(yinsi.Keyring.from_base64(TEST_B64)) == want
    assert token(yinsi.Keyring.from_base64(base64.urlsafe_b64encode(bytes.fromhex(TEST_HEX)).decode())) == want
    assert token(yinsi.Keyring.from_text(f"# k\nkey 1 = {TEST_HEX}\n")) == want
    monkeypatch.setenv("YINSI_KEY", TEST_HEX)
    assert token(yinsi.Keyring.from_env()) == want
    path = tmp_path / "yinsi.key"
    path.write_text(f"active = 1\nkey 1 = {TEST_B64}\n")
    ring = yinsi.Keyring.from_file(path)
    assert token(ring) == want
    assert token(yinsi.Keyring.from_file(str(path))) == want
    assert ring.source == f"file:{path}"


def test_generate_versions_and_text() -> None:
    a, b = yinsi.Keyring.generate(), yinsi.Keyring.generate()
    assert token(a) != token(b)
    assert a.versions == [1] and a.active_version == 1 and a.source is None
    again = yinsi.Keyring.from_text(a.to_text())
    assert token(again) == token(a)
    ring = yinsi.Keyring.from_text(f"active = 1\nkey 1 = {TEST_HEX}\nkey 3 = {TEST_B64}\n")
    assert ring.versions == [1, 3] and ring.active_version == 1


def test_bad_key_material_is_typed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(yinsi.InvalidKeyError, match="expected 64 hex digits"):
        yinsi.Keyring.from_hex("00")
    with pytest.raises(yinsi.InvalidKeyError):
        yinsi.Keyring.from_base64("AAAA")
    with pytest.raises(ValueError):  # InvalidKeyError is also a ValueError
        yinsi.Keyring.from_text("not a key!")
    monkeypatch.delenv("YINSI_UNSET_FOR_TEST", raising=False)
    with pytest.raises(yinsi.KeyUnavailableError, match="YINSI_UNSET_FOR_TEST is not set"):
        yinsi.Keyring.from_env("YINSI_UNSET_FOR_TEST")
    with pytest.raises(yinsi.KeyUnavailableError, match="cannot read key file"):
        yinsi.Keyring.from_file(tmp_path / "missing.key")
    with pytest.raises(yinsi.UnknownKeyVersionError):
        yinsi.Keyring.from_text(f"active = 2\nkey 1 = {TEST_HEX}\n")
    secret = "ab" * 31 + "zz"
    with pytest.raises(yinsi.InvalidKeyError) as info:
        yinsi.Keyring.from_hex(secret)
    assert secret not in str(info.value)


def test_repr_never_shows_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    ring = yinsi.Keyring.from_hex(TEST_HEX)
    assert repr(ring) == "Keyring(versions=[1], active=1)"
    monkeypatch.setenv("YINSI_KEY", TEST_HEX)
    env = yinsi.Keyring.from_env()
    assert repr(env) == 'Keyring(versions=[1], active=1, source="env:YINSI_KEY")'
    for text in (repr(ring), str(ring), repr(yinsi.Tokenizer(ring))):
        assert TEST_HEX not in text and "0001020304" not in text


def test_key_bytes_refuse_to_pickle() -> None:
    ring = yinsi.Keyring.from_hex(TEST_HEX)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="cannot be pickled"):
            pickle.dumps(ring, protocol=protocol)
    assert copy.copy(ring) is ring and copy.deepcopy(ring) is ring


def test_env_and_file_keyrings_pickle_as_references(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("YINSI_KEY", TEST_HEX)
    path = tmp_path / "k"
    path.write_text(TEST_B64)
    for ring in (yinsi.Keyring.from_env(), yinsi.Keyring.from_file(path)):
        blob = pickle.dumps(ring)
        assert TEST_HEX.encode() not in blob and TEST_B64.encode() not in blob
        assert bytes.fromhex(TEST_HEX) not in blob
        back = pickle.loads(blob)
        assert token(back) == token(ring) and back.source == ring.source


def test_a_worker_with_another_key_refuses_the_pickle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YINSI_KEY", TEST_HEX)
    blob = pickle.dumps(yinsi.Keyring.from_env())
    monkeypatch.setenv("YINSI_KEY", "11" * 32)
    with pytest.raises(yinsi.KeyUnavailableError, match="not the key that was pickled"):
        pickle.loads(blob)
    monkeypatch.delenv("YINSI_KEY")
    with pytest.raises(yinsi.KeyUnavailableError, match="not set"):
        pickle.loads(blob)


def test_unpickling_in_another_process_reloads_the_key() -> None:
    os.environ["YINSI_PICKLE_TEST_KEY"] = TEST_HEX
    try:
        blob = pickle.dumps(yinsi.Tokenizer(yinsi.Keyring.from_env("YINSI_PICKLE_TEST_KEY")))
    finally:
        del os.environ["YINSI_PICKLE_TEST_KEY"]
    code = "import pickle,sys; tk=pickle.loads(sys.stdin.buffer.read()); print(tk.tokenize('cn_mobile','13812345678'))"
    env = dict(os.environ, YINSI_PICKLE_TEST_KEY=TEST_HEX)
    out = subprocess.run([sys.executable, "-c", code], input=blob, env=env, capture_output=True, check=True)
    assert out.stdout.decode().strip() == token(yinsi.Keyring.from_hex(TEST_HEX))
