"""Reading call logs (issue 11): the real Anonymous Bank log (shared/data, never copied) with its
quirks, the generic format with mapped columns, and one-line errors for files that do not fit."""

from collections import Counter

import pandas as pd
import pytest

from conftest import SHARED
from cxsim import ScenarioError, calllog

LOG = SHARED / "data" / "anonymous_bank" / "calls_1999-02-01_to_14.tsv"
bank = pytest.mark.skipif(not LOG.exists(), reason=f"{LOG} not present")


@pytest.fixture(scope="module")
def raw():
    return pd.read_csv(LOG, sep="\t")


@pytest.fixture(scope="module")
def log():
    return calllog.read(LOG)


@bank
def test_every_row_is_a_call_or_a_reported_drop(log, raw):
    assert len(log.calls) + log.dropped.sum() == len(raw)
    assert log.dropped["PHANTOM: not a real call"] == (raw.outcome == "PHANTOM").sum()
    counts = log.calls.outcome.value_counts()
    # No hang-up is dropped: those that reached the queue abandoned it, the others ended in the VRU.
    assert counts["abandoned"] + counts["contained"] == (raw.outcome == "HANG").sum()
    hang = raw.outcome == "HANG"
    assert counts["contained"] == (hang & (raw.q_start.str.strip() == "0:00:00")).sum()
    assert counts["served"] + log.dropped.drop("PHANTOM: not a real call").sum() == (raw.outcome == "AGENT").sum()
    assert log.calls.arrival.is_monotonic_increasing


@bank
def test_times_reproduce_the_logs_own_durations(log, raw):
    # Our handle and wait times, from the clock times (0:00:00 as "did not happen", calls across
    # midnight moved to the next day), are the log's ser_time and q_time, row for row.
    served = raw[raw.outcome == "AGENT"]
    ours = Counter(log.calls.handle_s.dropna().astype(int))
    assert not ours - Counter(served.ser_time) and sum(ours.values()) == log.calls.outcome.eq("served").sum()
    queued = raw[(raw.outcome != "PHANTOM") & (raw.q_start != "0:00:00")]
    waits = Counter(log.calls.wait_s[log.calls.queue_entry.notna()].astype(int))
    assert not waits - Counter(queued.q_time)
    crossing = log.calls[log.calls.service_end.dt.normalize() > log.calls.arrival.dt.normalize()]
    assert len(crossing) > 0 and (crossing.handle_s < 3600).all()


@bank
def test_unknown_agents_and_customers_are_missing(log):
    served = log.calls[log.calls.outcome == "served"]
    assert served.agent.notna().mean() > 0.9 and "NO_SERVER" not in set(log.calls.agent.dropna())
    assert "0" not in set(log.calls.customer.dropna())


def test_the_generic_format_maps_columns_and_outcomes(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("start,answered_at,ended_at,queued_at,left_queue_at,result,rep,kind\n"
                    "2024-03-01T09:00:00,2024-03-01T09:00:30,2024-03-01T09:04:30,2024-03-01T09:00:00,"
                    "2024-03-01T09:00:30,ANS,ann,billing\n"
                    "2024-03-01T09:01:00,,,2024-03-01T09:01:00,2024-03-01T09:02:40,ABN,,billing\n"
                    "2024-03-01T09:02:00,,,,,XFER,,sales\n")
    log = calllog.read(path, "generic", columns={"arrival": "start", "service_start": "answered_at",
                                                 "service_end": "ended_at", "queue_entry": "queued_at",
                                                 "queue_exit": "left_queue_at", "outcome": "result", "agent": "rep",
                                                 "call_type": "kind"},
                       outcomes={"ANS": "served", "ABN": "abandoned"})
    c = log.calls
    assert list(c.outcome) == ["served", "abandoned"] and list(c.wait_s) == [30.0, 100.0]
    assert c.handle_s.iloc[0] == 240.0 and pd.isna(c.handle_s.iloc[1]) and c.agent.iloc[0] == "ann"
    assert log.dropped["outcome 'XFER': not served, abandoned or contained"] == 1
    assert "left out 1 rows" in log.report()


@pytest.mark.parametrize(("text", "fmt", "message"), [
    ("a\tb\n1\t2\n", "anonymous_bank", "column 'vru+line' is missing; the anonymous_bank format needs:"),
    ("arrival,outcome\n2024-03-01T09:00,served\nyesterday,served\n", "generic",
     "row 3: arrival: 'yesterday' is not an ISO 8601 time"),
    ("when,outcome\n2024-03-01T09:00,served\n", "generic", "column 'arrival' is missing"),
    ("", "generic", "not a readable CSV table"),
])
def test_files_that_do_not_fit_are_one_line(tmp_path, text, fmt, message):
    path = tmp_path / "log.csv"
    path.write_text(text)
    with pytest.raises(ScenarioError) as e:
        calllog.read(path, fmt)
    assert message in str(e.value) and "\n" not in str(e.value) and str(path) in str(e.value)


@bank
def test_bank_rows_that_do_not_fit_name_the_row_and_column(tmp_path, raw):
    lines = LOG.read_text().splitlines()
    for column, value, message in (("vru_entry", "7:61:x", "row 3: vru_entry: '7:61:x' is not a time as h:mm:ss"),
                                   ("date", "990231", "row 3: date: '990231' is not a date as yymmdd"),
                                   ("outcome", "BUSY", "row 3: outcome: 'BUSY' is not allowed")):
        cells = lines[2].split("\t")
        cells[list(raw.columns).index(column)] = value
        path = tmp_path / "bad.tsv"
        path.write_text("\n".join([lines[0], lines[1], "\t".join(cells)]) + "\n")
        with pytest.raises(ScenarioError, match=None) as e:
            calllog.read(path)
        assert message in str(e.value), str(e.value)


def test_an_unknown_format_or_file_is_one_line(tmp_path):
    with pytest.raises(ScenarioError, match="format: 'avaya' is not allowed; allowed: anonymous_bank, generic"):
        calllog.read(tmp_path / "x.csv", "avaya")
    with pytest.raises(ScenarioError, match="no such call log"):
        calllog.read(tmp_path / "x.csv")


def test_the_docs_list_the_columns_as_the_code_declares_them():
    from conftest import ROOT

    docs = (ROOT / "docs" / "calibration.md").read_text()
    for column, meaning in calllog.COLUMNS:
        assert f"| `{column}` | {meaning} |" in docs, column
