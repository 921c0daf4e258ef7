"""Reading a contact centre's call log into one table of calls (pandas), with a report of every
row left out and why.

A call log comes in a *format*: ``anonymous_bank`` (the Technion's Anonymous Bank log: TSV, a
yymmdd date, h:mm:ss times where 0:00:00 means "did not happen", calls crossing midnight) or
``generic`` (CSV, TSV or Parquet with ISO 8601 timestamps, columns named as :data:`COLUMNS` or
mapped onto them) or ``cxsim`` (the call log of a cxsim results file, to calibrate against a
simulated centre whose truth is known). Every mistake in the file is one line naming the file, the column (and the
row) and what was expected. docs/calibration.md describes the formats and the columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import ScenarioError
from .schema import WEEKDAYS

# The calls table: (column, meaning). Times are timestamps (NaT: did not happen).
COLUMNS = (
    ("arrival", "when the call reached the centre (the IVR's entry, or the queue's without an IVR)"),
    ("ivr_exit", "when the caller left the IVR"),
    ("queue_entry", "when the call joined the queue for an agent (NaT: never queued)"),
    ("queue_exit", "when it left the queue, answered or abandoned"),
    ("service_start", "when an agent answered (NaT: never answered)"),
    ("service_end", "when the agent's handling ended"),
    ("outcome", "served, abandoned or contained (ended in the IVR)"),
    ("agent", "the agent's id (missing: unknown)"),
    ("customer", "the customer's id (missing: unidentified)"),
    ("call_type", "the call type"),
    ("priority", "the call's priority class (missing: none)"),
)
OUTCOMES = ("served", "abandoned", "contained")
FORMATS = ("anonymous_bank", "generic", "cxsim")


@dataclass(frozen=True)
class CallLog:
    """A call log read: `calls` (one row per call, the columns of :data:`COLUMNS` and the
    derived ``wait_s``, ``handle_s``), and `dropped` (per reason, how many rows were left out)."""

    calls: pd.DataFrame
    dropped: pd.Series
    source: str

    def report(self) -> str:
        """What was read and what was left out, one line each."""
        lines = [f"{self.source}: {len(self.calls):,} calls from {self.calls['arrival'].min()} to "
                 f"{self.calls['arrival'].max()}"]
        lines += [f"  left out {n:,} rows: {reason}" for reason, n in self.dropped.items() if n]
        return "\n".join(lines)


def read(path: str | Path, format: str = "anonymous_bank", columns: dict[str, str] | None = None,
         outcomes: dict[str, str] | None = None) -> CallLog:
    """Read the call log at `path` in `format` (one of FORMATS). For ``generic``, `columns` maps
    our column names to the file's (where they differ) and `outcomes` the file's outcome values
    to ours (served, abandoned, contained; other values are left out and reported)."""
    path = Path(path)
    if format not in FORMATS:
        raise ScenarioError(f"{path}: format: {format!r} is not allowed; allowed: " + ", ".join(FORMATS))
    if not path.is_file():
        raise ScenarioError(f"{path}: no such call log")
    if format == "anonymous_bank":
        return _anonymous_bank(path)
    if format == "cxsim":
        return _cxsim(path)
    return _generic(path, columns or {}, outcomes or {})


# -- Anonymous Bank --------------------------------------------------------------------------

BANK_COLUMNS = ("vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry", "vru_exit",
                "q_start", "q_exit", "outcome", "ser_start", "ser_exit", "server")
BANK_OUTCOMES = {"AGENT": "served", "HANG": "abandoned"}


def _anonymous_bank(path: Path) -> CallLog:
    raw = _table(path, "\t")
    _require(raw, BANK_COLUMNS, path, "anonymous_bank")
    dropped: dict[str, int] = {}
    phantom = raw["outcome"] == "PHANTOM"
    dropped["PHANTOM: not a real call"] = int(phantom.sum())
    raw = raw[~phantom]
    unknown = ~raw["outcome"].isin(list(BANK_OUTCOMES))
    if unknown.any():
        row = unknown.idxmax()
        raise ScenarioError(f"{path}: row {row + 2}: outcome: {raw.at[row, 'outcome']!r} is not allowed; allowed: "
                            "AGENT, HANG, PHANTOM")
    date = _distinct(raw["date"], lambda u: pd.to_datetime(u, format="%y%m%d", errors="coerce"))
    _check_parsed(date, raw["date"], path, "date", "a date as yymmdd")
    arrival = date + _clock(raw, "vru_entry", path)
    out = pd.DataFrame({"arrival": arrival}, index=raw.index)
    for ours, theirs in (("ivr_exit", "vru_exit"), ("queue_entry", "q_start"), ("queue_exit", "q_exit"),
                         ("service_start", "ser_start"), ("service_end", "ser_exit")):
        t = date + _clock(raw, theirs, path)
        out[ours] = t.where(t >= arrival, t + pd.Timedelta(days=1))  # a call crossing midnight
    # A hang-up that never reached the queue ended in the VRU.
    out["outcome"] = raw["outcome"].map(BANK_OUTCOMES).where(
        (raw["outcome"] != "HANG") | out["queue_entry"].notna(), "contained")
    out["agent"] = raw["server"].where(raw["server"] != "NO_SERVER")
    out["customer"] = raw["customer_id"].where(raw["customer_id"] != "0")
    out["call_type"] = raw["type"]
    out["priority"] = pd.to_numeric(raw["priority"], errors="coerce").astype("Int64")
    return _finish(out, dropped, str(path))


def _clock(raw: pd.DataFrame, column: str, path: Path) -> pd.Series:
    """An h:mm:ss column as a time since midnight; 0:00:00 means "did not happen" (NaT)."""
    text = raw[column].str.strip()
    t = _distinct(text, lambda u: pd.to_timedelta(u, errors="coerce"))
    _check_parsed(t, text, path, column, "a time as h:mm:ss")
    return t.where(t != pd.Timedelta(0))


def _distinct(text: pd.Series, parse: Any) -> pd.Series:
    """`parse` applied to each distinct value of `text` once (a log's clock times and dates repeat:
    a day has 86,400 seconds), then spread back: six times faster on a million rows."""
    codes, uniques = pd.factorize(text)  # the text has no missing values (read with keep_default_na off)
    return pd.Series(parse(pd.Series(uniques)).to_numpy()[codes], index=text.index)


# -- generic ------------------------------------------------------------------------------

def _generic(path: Path, columns: dict[str, str], outcomes: dict[str, str]) -> CallLog:
    names = [c for c, _ in COLUMNS]
    for ours in columns:
        if ours not in names:
            raise ScenarioError(f"{path}: columns: {ours!r} is not a call-log column; allowed: " + ", ".join(names))
    if path.suffix == ".parquet":
        try:
            raw = pd.read_parquet(path)
        except ImportError:
            raise ScenarioError(f"{path}: reading Parquet needs pyarrow: pip install pyarrow") from None
        raw = raw.astype({c: str for c in raw.columns if raw[c].dtype == object})
    else:
        raw = _table(path, "\t" if path.suffix in (".tsv", ".tab") else ",")
    theirs = {ours: columns.get(ours, ours) for ours in names}
    _require(raw, [theirs[c] for c in ("arrival", "outcome")], path, "generic")
    out = pd.DataFrame(index=raw.index)
    for ours in ("arrival", "ivr_exit", "queue_entry", "queue_exit", "service_start", "service_end"):
        if theirs[ours] in raw:
            text = raw[theirs[ours]].replace("", None)
            t = pd.to_datetime(text, errors="coerce", format="ISO8601")
            _check_parsed(t, text, path, theirs[ours], "an ISO 8601 time, e.g. 2024-03-01T09:30:00")
            out[ours] = t
        else:
            out[ours] = pd.NaT
    mapping = {o: o for o in OUTCOMES} | outcomes
    out["outcome"] = raw[theirs["outcome"]].map(mapping)
    dropped = {f"outcome {v!r}: not served, abandoned or contained": int(n)
               for v, n in raw[theirs["outcome"]][out["outcome"].isna()].value_counts().items()}
    out = out[out["outcome"].notna()]
    for ours in ("agent", "customer", "call_type"):
        out[ours] = raw[theirs[ours]].replace("", None) if theirs[ours] in raw else None
    out["priority"] = (pd.to_numeric(raw[theirs["priority"]], errors="coerce").astype("Int64")
                       if theirs["priority"] in raw else pd.array([pd.NA] * len(out), dtype="Int64"))
    return _finish(out, dropped, str(path))


# -- cxsim -----------------------------------------------------------------------------------

CXSIM_OUTCOMES = {"answered": "served", "abandoned": "abandoned", "contained": "contained"}


def _cxsim(path: Path) -> CallLog:
    """Replication 0 of a results file's call log; simulation time 0 is midnight of the first
    Monday of 2024 plus the scenario's start weekday, so weekdays are the simulation's."""
    import tomllib

    from .results import open_results

    try:
        results = open_results(path)
        sim = results.calls
    except (OSError, ValueError) as e:
        raise ScenarioError(f"{path}: not a cxsim results file with a call log ({e})") from None
    start = tomllib.loads(str(results.attrs["scenario_toml"])).get("simulation", {}).get("start_weekday", "Mon")
    origin = pd.Timestamp("2024-01-01") + pd.Timedelta(days=WEEKDAYS.index(start))  # a Monday
    return simulated(sim[sim["replication"] == 0], origin, str(path))


def simulated(sim: pd.DataFrame, origin: pd.Timestamp, source: str) -> CallLog:
    """A simulated call log (:attr:`cxsim.Results.calls`, one replication) as a call log, with
    simulation time 0 at `origin`. A caller is identified by their first attempt (or their
    customer, when customers are on)."""
    def at(seconds: Any) -> pd.Series:
        return origin + pd.to_timedelta(np.asarray(seconds, dtype=float), unit="s")

    offered = sim["offer_s"].notna()
    queued = sim["wait_s"] > 0
    answered = sim["outcome"] == "answered"
    out = pd.DataFrame({
        "arrival": at(sim["arrival_s"]),
        "ivr_exit": at(sim["offer_s"].where(offered, sim["end_s"])),
        "queue_entry": at(sim["offer_s"].where(queued)),
        "queue_exit": at((sim["offer_s"] + sim["wait_s"]).where(queued)),
        "service_start": at((sim["offer_s"] + sim["wait_s"]).where(answered)),
        "service_end": at((sim["offer_s"] + sim["wait_s"] + sim["handle_s"]).where(answered)),
        "outcome": sim["outcome"].astype(str).map(CXSIM_OUTCOMES).where(~answered | sim["handle_s"].notna()),
        "agent": sim["agent"].astype(str).where(sim["agent"] >= 0),
        "customer": sim["customer"].where(sim["customer"] >= 0, sim["first_call_id"].astype("int64")).astype(str),
        "call_type": sim["call_type"].astype(str),
        "priority": pd.array([pd.NA] * len(sim), dtype="Int64"),
    }).reset_index(drop=True)
    dropped = {"still in the system (or in service) at the horizon": int(out["outcome"].isna().sum())}
    return _finish(out[out["outcome"].notna()], dropped, source)


# -- shared ---------------------------------------------------------------------------------

def _table(path: Path, sep: str) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as e:
        raise ScenarioError(f"{path}: not a readable {'TSV' if sep == chr(9) else 'CSV'} table "
                            f"({str(e).splitlines()[0]})") from None
    return raw.reset_index(drop=True)


def _require(raw: pd.DataFrame, columns: Any, path: Path, format: str) -> None:
    for c in columns:
        if c not in raw.columns:
            raise ScenarioError(f"{path}: column {c!r} is missing; the {format} format needs: " + ", ".join(columns))


def _check_parsed(parsed: pd.Series, text: pd.Series, path: Path, column: str, expected: str) -> None:
    bad = parsed.isna() & text.notna() & (text != "")
    if bad.any():
        row = bad.idxmax()
        raise ScenarioError(f"{path}: row {row + 2}: {column}: {text[row]!r} is not {expected}")


def _finish(out: pd.DataFrame, dropped: dict[str, int], source: str) -> CallLog:
    """Leave out what cannot be a call (reported), derive the wait and handle times, sort by arrival."""
    served = out["outcome"] == "served"
    rules = {
        "served, without service times": served & (out["service_start"].isna() | out["service_end"].isna()),
        "times out of order (a negative duration)": (
            (out["queue_exit"] < out["queue_entry"]) | (out["service_end"] < out["service_start"])
            | (out["ivr_exit"] < out["arrival"])),
        "no arrival time": out["arrival"].isna(),
    }
    keep = pd.Series(True, index=out.index)
    for reason, rows in rules.items():
        rows = rows & keep
        dropped[reason] = int(rows.sum())
        keep &= ~rows
    out = out[keep].copy()
    queued = out["queue_entry"].notna()
    out["wait_s"] = np.where(queued, (out["queue_exit"] - out["queue_entry"]).dt.total_seconds(), 0.0)
    out["handle_s"] = (out["service_end"] - out["service_start"]).dt.total_seconds().where(out["outcome"] == "served")
    out["outcome"] = pd.Categorical(out["outcome"], categories=OUTCOMES)
    out["call_type"] = out["call_type"].astype("category")
    out = out.sort_values("arrival", kind="stable").reset_index(drop=True)
    return CallLog(out, pd.Series(dropped, dtype=int, name="rows"), source)
