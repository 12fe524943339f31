"""yinsi.exceptions: one hierarchy, mapped from every core error kind."""

from __future__ import annotations

import pytest

import yinsi
from yinsi import exceptions


def test_hierarchy() -> None:
    for name in exceptions.__all__:
        cls = getattr(exceptions, name)
        assert issubclass(cls, yinsi.YinsiError) and getattr(yinsi, name) is cls
    for cls in (yinsi.InvalidKeyError, yinsi.InvalidValueError, yinsi.InvalidOptionError, yinsi.InvalidTokenError,
                yinsi.UnsupportedModeError):
        assert issubclass(cls, ValueError)
    assert issubclass(yinsi.TokenAuthenticationError, yinsi.InvalidTokenError)
    assert issubclass(yinsi.MalformedTokenError, yinsi.InvalidTokenError)
    assert not issubclass(yinsi.KeyUnavailableError, ValueError)


@pytest.mark.parametrize(
    "call, cls",
    [
        (lambda tk: yinsi.Keyring.from_hex("zz"), yinsi.InvalidKeyError),
        (lambda tk: yinsi.Keyring.from_env("YINSI_SURELY_UNSET_VAR"), yinsi.KeyUnavailableError),
        (lambda tk: tk.tokenize("cn_mobile", "13812345678", version=5), yinsi.UnknownKeyVersionError),
        (lambda tk: tk.tokenize("cn_id", "123"), yinsi.InvalidValueError),
        (lambda tk: tk.mask("cn_mobile", "13812345678", "keep_surname"), yinsi.UnsupportedModeError),
        (lambda tk: tk.tokenize("nope", "1"), yinsi.InvalidOptionError),
        (lambda tk: tk.detokenize("cn_name", "yt1.1.AAAA"), yinsi.InvalidTokenError),
        (lambda tk: yinsi.Tokenizer(tk.keyring, custom=yinsi.CustomFormat("x", "aa")), yinsi.InvalidOptionError),
    ],
)
def test_each_core_error_has_its_class(tk: yinsi.Tokenizer, call, cls) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(cls) as info:
        call(tk)
    assert type(info.value).__module__ == "yinsi.exceptions"
    assert str(info.value) and info.value.row is None


def test_unknown_version_message_is_not_quoted(tk: yinsi.Tokenizer) -> None:
    with pytest.raises(KeyError) as info:
        tk.tokenize("cn_mobile", "13812345678", version=5)
    assert str(info.value) == "unknown key version 5"
