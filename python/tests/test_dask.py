"""Beyond one machine: Dask worker processes load the key themselves and give the same tokens."""

from __future__ import annotations

import os
import pickle

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import yinsi  # noqa: E402
import yinsi.pandas  # noqa: E402
from conftest import TEST_HEX, mobiles  # noqa: E402

POLICY = {
    "phone": ("cn_mobile", "tokenize", {"context": "orders.phone"}),
    "name": ("cn_name", "tokenize", {"context": "orders.name"}),
    "phone_key": ("cn_mobile", "pseudonymize"),
}


def _worker_pid(df: "pd.DataFrame") -> "pd.DataFrame":
    return df.assign(pid=os.getpid())


def test_local_cluster_gives_the_single_process_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    # Worker processes inherit this environment: each loads the key from YINSI_KEY itself.
    monkeypatch.setenv("YINSI_KEY", TEST_HEX)
    tk = yinsi.Tokenizer(yinsi.Keyring.from_env("YINSI_KEY"))
    assert bytes.fromhex(TEST_HEX) not in pickle.dumps(tk) and TEST_HEX.encode() not in pickle.dumps(tk)

    phones = mobiles(4_000, seed=11)
    names = ["张三", "欧阳娜娜", "李四", None] * 1_000
    df = pd.DataFrame({"phone": phones, "name": names, "phone_key": phones})
    want = yinsi.pandas.apply_policy(df, POLICY, tokenizer=tk)

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        ddf = dd.from_pandas(df, npartitions=8)
        out = ddf.map_partitions(yinsi.pandas.apply_policy, POLICY, tokenizer=tk, meta=want.iloc[:0])
        got = out.compute()
        pids = set(ddf.map_partitions(_worker_pid).compute()["pid"])
        assert os.getpid() not in pids and len(pids) >= 1  # the work ran in worker processes
        assert len(client.scheduler_info()["workers"]) == 2

    pd.testing.assert_frame_equal(got.sort_index(), want, check_dtype=False)
    assert got["phone"].tolist() == want["phone"].tolist()
