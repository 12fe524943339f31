"""yinsi.logging.RedactingFilter with the standard logging module."""

from __future__ import annotations

import io
import logging

import pytest

import yinsi
import yinsi.logging


@pytest.fixture()
def captured() -> "tuple[logging.Logger, io.StringIO, logging.Handler]":
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(yinsi.logging.RedactingFilter())
    logger = logging.getLogger("yinsi.test.logging")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return logger, stream, handler


def test_message_and_arguments_are_scrubbed(captured) -> None:  # type: ignore[no-untyped-def]
    logger, stream, _ = captured
    logger.info("courier called %s for %s", "13812345678", "收件人：张三")
    logger.warning("order %(order)s to %(phone)s", {"order": "A-1", "phone": "139-1234-5678"})
    logger.info('{"phone":"13812345678","id_card":"11010519491231002X"}')
    out = stream.getvalue()
    assert "INFO courier called 138****5678 for 收件人：张*" in out
    assert "WARNING order A-1 to 139-****-5678" in out
    assert '"phone":"138****5678"' in out and '"id_card":"110105********002X"' in out
    for secret in ("13812345678", "1391234", "张三", "19491231"):
        assert secret not in out


def test_exceptions_are_scrubbed(captured) -> None:  # type: ignore[no-untyped-def]
    logger, stream, _ = captured
    try:
        raise ValueError("bad phone 13812345678")
    except ValueError:
        logger.exception("failed for %s", "13912345678")
    out = stream.getvalue()
    assert "failed for 139****5678" in out and "ValueError: bad phone 138****5678" in out
    assert "13812345678" not in out and "13912345678" not in out


def test_handlers_see_a_scrubbed_record_and_nothing_is_dropped(captured) -> None:  # type: ignore[no-untyped-def]
    logger, _, handler = captured
    seen = []

    class Spy(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append((record.msg, record.args, record.getMessage()))

    spy = Spy()
    spy.addFilter(yinsi.logging.RedactingFilter())
    logger.addHandler(spy)
    logger.info("a %s", "13812345678")
    logger.info("no pii here")
    assert seen == [("a 138****5678", None, "a 138****5678"), ("no pii here", None, "no pii here")]


def test_tokenizing_filter_keeps_values_recoverable(tk: yinsi.Tokenizer) -> None:
    redactor = yinsi.Redactor("tokenize", tokenizer=tk, marker=True)
    f = yinsi.logging.RedactingFilter(redactor)
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "call %s", ("13812345678",), None)
    assert f.filter(record) is True
    assert "13812345678" not in record.getMessage()
    assert redactor.unmask(record.getMessage()) == "call 13812345678"
    with pytest.raises(ValueError):
        yinsi.logging.RedactingFilter(redactor, policy="mask")
