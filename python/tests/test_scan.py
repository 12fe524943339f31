"""yinsi.Scanner, yinsi.Redactor and yinsi.redact: text in, spans or scrubbed text out."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import yinsi

LINE = "收件人：张三，电话 138 1234 5678，订单号 20261129102133"


def test_scan_gives_str_indices() -> None:
    spans = yinsi.Scanner().scan(LINE)
    assert [(LINE[s.start:s.end], s.kind) for s in spans] == [("张三", "cn_name"), ("138 1234 5678", "cn_mobile")]
    assert all(0 < s.confidence <= 1 for s in spans)
    assert "张三" not in repr(spans) and "1234" not in repr(spans)


def test_scan_bytes_gives_byte_offsets_and_skips_invalid_utf8() -> None:
    raw = b"\xff\xfe phone 13812345678 \xc3"
    spans = yinsi.Scanner().scan(raw)
    assert [(raw[s.start:s.end], s.kind) for s in spans] == [(b"13812345678", "cn_mobile")]
    with pytest.raises(TypeError):
        yinsi.Scanner().scan(123)  # type: ignore[arg-type]


def test_scanner_kinds_and_json() -> None:
    only_ids = yinsi.Scanner(["cn_id"])
    assert only_ids.kinds == ["cn_id"] and only_ids.scan("13812345678") == []
    line = '{"phone": "13812345678", "note": "ok"}'
    assert [s.kind for s in yinsi.Scanner().scan(line)] == ["cn_mobile"]
    with pytest.raises(yinsi.InvalidOptionError):
        yinsi.Scanner(["passport"])


def test_redact_default_masks_without_a_key() -> None:
    assert yinsi.redact(LINE) == "收件人：张*，电话 138 **** 5678，订单号 20261129102133"
    assert yinsi.redact(LINE, "redact") == "收件人：[CN_NAME]，电话 [CN_MOBILE]，订单号 20261129102133"
    assert yinsi.redact(LINE, {"cn_mobile": "keep", "default": "redact"}) == (
        "收件人：[CN_NAME]，电话 138 1234 5678，订单号 20261129102133"
    )
    with pytest.raises(yinsi.KeyUnavailableError):
        yinsi.Redactor("tokenize")
    with pytest.raises(yinsi.InvalidOptionError):
        yinsi.Redactor("shred")


def test_tokenize_with_marker_round_trips(tk: yinsi.Tokenizer) -> None:
    r = yinsi.Redactor("tokenize", tokenizer=tk, marker=True, context="logs")
    line = '{"phone":"13812345678","msg":"ok"}'
    scrubbed = r.redact(line)
    assert scrubbed.startswith('{"phone":"⟦yt:cn_mobile:1:') and "13812345678" not in scrubbed
    assert r.unmask(scrubbed) == line
    other = yinsi.Redactor("tokenize", tokenizer=tk, marker=True, context="elsewhere")
    assert other.unmask(scrubbed) == scrubbed  # the tag does not verify under another context
    assert r.redact_many([line, LINE]) == [r.redact(line), r.redact(LINE)]


def test_redactor_is_shared_across_threads(tk: yinsi.Tokenizer) -> None:
    r = yinsi.Redactor({"cn_mobile": "tokenize", "default": "mask"}, tokenizer=tk)
    lines = [f"电话 1381234{i:04d}，收件人：张三" for i in range(200)]
    want = [r.redact(x) for x in lines]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(r.redact, lines)) == want
    assert all(w.endswith("收件人：张*") for w in want)
