"""The type stubs match the runtime (mypy stubtest) and the public API is typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import yinsi


def test_stubtest_finds_no_difference() -> None:
    pytest.importorskip("mypy")
    config = Path(__file__).with_name("mypy.ini")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "--mypy-config-file", str(config), "yinsi"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Success" in out.stdout


def test_package_is_marked_typed_and_native_is_private() -> None:
    package = Path(yinsi.__file__).parent
    assert (package / "py.typed").exists() and (package / "_native.pyi").exists()
    assert "_native" not in yinsi.__all__
    assert yinsi.Keyring.__module__ == "yinsi"
    for name in yinsi.__all__:
        assert hasattr(yinsi, name), name
