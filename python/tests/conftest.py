"""Shared fixtures: the published test keyring of tests/vectors (never for real data)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Dict, List

import pytest

import yinsi

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
TEST_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"


def load_vectors(name: str) -> Dict[str, Any]:
    with open(VECTORS / name, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def keyring() -> yinsi.Keyring:
    return yinsi.Keyring.from_hex(TEST_HEX)


@pytest.fixture(scope="session")
def tk(keyring: yinsi.Keyring) -> yinsi.Tokenizer:
    return yinsi.Tokenizer(keyring)


def mobiles(n: int, seed: int = 7) -> List[str]:
    """`n` synthetic mobile numbers (valid format, random digits)."""
    rng = random.Random(seed)
    return [f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}" for _ in range(n)]
