"""The scenario schema: every key, its type, unit, default, allowed range, description and
where it goes in the engine.

This table is the one place scenario keys are defined. Validation (``cxsim.scenario``),
``cxsim validate``, ``docs/scenarios.md`` (``cxsim schema --markdown``) and the engine's spec
structs all come from it: ``cmake/gen_spec.py`` emits the C++ structs (one per section, a field
per key with the same name, type and default) when the engine is built, so adding a key here is
all it takes to reach the engine. Keys of an array of tables are written with ``[]``:
``call_types[].share``. This module imports only the standard library (the build runs it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import groupby
from typing import Any

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DURATION_DISTS = ("exponential", "lognormal", "gamma", "deterministic", "empirical")
CRITERIA = ("csat", "fcr", "aht", "surprise")

# The engine's enum for each choice key (its values are the choices, in this order).
ENUMS: dict[str, tuple[str, ...]] = {
    "Weekday": WEEKDAYS,
    "DistKind": ("none",) + DURATION_DISTS + ("survival",),
    "Criterion": CRITERIA,
}
# The engine's struct for each section (and array of tables); "" is the whole scenario.
STRUCTS: dict[str, str] = {
    "": "ScenarioSpec",
    "simulation": "SimulationSpec",
    "arrivals": "ArrivalsSpec",
    "ivr": "IvrSpec",
    "callers": "CallersSpec",
    "service": "ServiceSpec",
    "agents": "AgentsSpec",
    "agents.shifts": "ShiftSpec",
    "workforce": "WorkforceSpec",
    "planning": "PlanningSpec",
    "intraday": "IntradaySpec",
    "customers": "CustomersSpec",
    "customers.segments": "SegmentSpec",
    "frustration": "FrustrationSpec",
    "callback": "CallbackSpec",
    "satisfaction": "SatisfactionSpec",
    "recognition": "RecognitionSpec",
    "money": "MoneySpec",
    "policy": "PolicySpec",
    "call_types": "CallTypeSpec",
}


class _Required:
    def __repr__(self) -> str:
        return "required"


REQUIRED: Any = _Required()  # the key must be given
UNSET: Any = None  # optional, with no default: absent unless given


@dataclass(frozen=True)
class Param:
    """One scenario key.

    ``kind`` is one of: int, float, bool, str, choice, time (``"HH:MM"``), currency (an ISO 4217
    code: three capital letters), float_list,
    matrix (a list of equal-length lists of floats), weekdays (a list of weekday names).
    In the engine a key is the field of the same name in its section's struct (``STRUCTS``):
    a choice is a value of the enum ``enum`` (``ENUMS``), a time is seconds after midnight,
    weekdays are a bit mask (bit d: weekday d, Monday 0), and a key with no default is
    optional. ``engine=False`` marks the keys that describe the file and stay in Python.
    ``typical`` is the range a value usually takes in practice or in the evidence (for the
    model's coefficients, a judgment around the default): a value outside it runs, with a
    warning, since it is more often a slip (seconds for minutes, a share for a percentage) than
    a centre.
    """

    key: str
    kind: str
    default: Any
    unit: str
    description: str
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    choices: tuple[str, ...] = ()
    enum: str | None = None
    engine: bool = True
    typical: tuple[float, float] | None = None

    def allowed(self) -> str:
        """The allowed values, in words."""
        if self.kind == "choice":
            return "one of " + ", ".join(f'"{c}"' for c in self.choices)
        if self.kind == "weekdays":
            return "a list of " + ", ".join(f'"{d}"' for d in WEEKDAYS)
        if self.kind == "time":
            return 'a time of day "HH:MM"'
        if self.kind == "currency":
            return 'an ISO 4217 currency code: three capital letters, such as "USD" or "EUR"'
        if self.kind in ("str", "bool"):
            return "a string" if self.kind == "str" else "true or false"
        parts = []
        if self.minimum is not None:
            parts.append(f"{'>' if self.exclusive_minimum else '>='} {_num(self.minimum)}")
        if self.maximum is not None:
            parts.append(f"{'<' if self.exclusive_maximum else '<='} {_num(self.maximum)}")
        what = {"int": "an integer", "float": "a number", "float_list": "a list of numbers",
                "matrix": "a list of lists of numbers"}[self.kind]
        if self.kind in ("float_list", "matrix"):
            return what + (" each " + " and ".join(parts) if parts else "")
        return what + (" " + " and ".join(parts) if parts else "")

    def atypical(self, value: Any) -> str | None:
        """For the first number in ``value`` (a number or a list of them) outside the typical range:
        "3.5 s is outside the typical 30–3600 s"; else None."""
        if self.typical is None or value is None:
            return None
        flat = value if isinstance(value, list) else [value]
        flat = [x for row in flat for x in (row if isinstance(row, list) else [row])]
        lo, hi = self.typical
        x = next((x for x in flat if not lo <= x <= hi), None)
        unit = f" {self.unit}" if self.unit not in ("", "1") else ""
        return None if x is None else f"{_num(x)}{unit} is outside the typical {self.typical_text()}{unit}"

    def typical_text(self) -> str:
        return "" if self.typical is None else f"{_num(self.typical[0])}–{_num(self.typical[1])}"

    def in_range(self, x: float) -> bool:
        if not math.isfinite(x):
            return False
        if self.minimum is not None and (x < self.minimum or (self.exclusive_minimum and x == self.minimum)):
            return False
        if self.maximum is not None and (x > self.maximum or (self.exclusive_maximum and x == self.maximum)):
            return False
        return True


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _duration(prefix: str, what: str, dist: str, mean: float | None, cv: float | None, shortest: float,
              longest: float, typical: tuple[float, float], dists: tuple[str, ...] = DURATION_DISTS,
              inherit: str | None = None, survival: bool = False) -> list[Param]:
    """The four keys describing a duration distribution: ``<what>_dist``, ``mean_<what>_s``
    (from ``shortest`` to ``longest`` seconds, typically within ``typical``), ``<what>_cv`` and
    ``<what>_table_s`` (samples of an empirical distribution, up to ``longest``). A CV below 0.01
    is refused: the gamma's shape 1/CV² overflows (use the deterministic distribution). With
    ``survival``, the choice "survival" and its curve's two keys, ``<what>_survival_s`` and
    ``<what>_survival``, are added."""
    note = f" Unset: as {inherit}." if inherit else ""
    d = UNSET if inherit else dist
    name = what.replace("_", " ")
    keys = [
        Param(f"{prefix}{what}_dist", "choice", d, "",
              f"Distribution of the {name}.{note}", choices=dists + (("survival",) if survival else ()),
              enum="DistKind"),
        Param(f"{prefix}mean_{what}_s", "float", UNSET if inherit else mean, "s",
              f"Mean {name} (all distributions but empirical{' and survival' if survival else ''}).{note}",
              minimum=shortest, maximum=longest, typical=typical),
        Param(f"{prefix}{what}_cv", "float", UNSET if inherit else cv, "1",
              f"Coefficient of variation of the {name} (lognormal, gamma).{note}",
              minimum=0.01, maximum=20, typical=(0.3, 3)),
        Param(f"{prefix}{what}_table_s", "float_list", UNSET, "s",
              f"Observed {name}s for the empirical distribution, sampled by "
              f"linear interpolation of their quantiles.{note}", minimum=0, maximum=longest,
              typical=(0, 2 * typical[1])),  # a table holds the extremes too
    ]
    if survival:
        keys += [
            Param(f"{prefix}{what}_survival_s", "float_list", UNSET, "s",
                  f"Times t_i of the survival curve of the {name} (strictly increasing), for the survival "
                  f"distribution.{note}", minimum=0, exclusive_minimum=True, maximum=longest,
                  typical=(0.5, typical[1])),  # a log records to the second: 0.5 s is its shortest
            Param(f"{prefix}{what}_survival", "float_list", UNSET, "1",
                  f"Survival S(t_i): the share of callers whose {name} exceeds each of {prefix}{what}_survival_s "
                  "(non-increasing; censored data's Kaplan–Meier estimate). S is linear from S(0) = 1 through "
                  "the points; past the last, S_n·e^(−h(t − t_n)) with h = −ln(S_n)/t_n (none when "
                  f"S_n = 0).{note}", minimum=0, maximum=1, typical=(0, 1)),
        ]
    return keys


PARAMS: list[Param] = [
    Param("name", "str", UNSET, "", "Scenario name. Unset: the file's stem.", engine=False),
    Param("description", "str", "", "", "What the scenario represents.", engine=False),
    Param("extends", "str", UNSET, "",
          "Path of a scenario file this one builds on, relative to this file. Its tables are "
          "merged key by key with this file's; arrays of tables entry by entry by name (an entry "
          "named as one of the parent's changes it, `remove = true` drops it, others are added); "
          "any other value is replaced. Resolved when the file is read.", engine=False),
    # simulation
    Param("simulation.horizon_days", "int", 7, "day", "Simulated days.", minimum=1, maximum=3660, typical=(1, 3660)),
    Param("simulation.warmup_days", "float", 0.0, "day",
          "Days at the start left out of the run's summary (a whole number of intervals); "
          "they still appear in the interval and daily series.", minimum=0, maximum=3660, typical=(0, 365)),
    Param("simulation.interval_minutes", "int", 30, "min",
          "Length of a reporting interval; must divide a day.", minimum=1, maximum=1440, typical=(5, 60)),
    Param("simulation.start_weekday", "choice", "Mon", "", "Weekday of the first simulated day.",
          choices=WEEKDAYS, enum="Weekday"),
    Param("simulation.service_level_threshold_s", "float", 20.0, "s",
          "Answered within this wait counts toward the service level.", minimum=0, maximum=3600, typical=(10, 120)),
    Param("simulation.max_calls_in_system", "int", 1_000_000, "1",
          "Guard: the run stops with an error when more calls than this are in the system at once "
          "(in the IVR, waiting, in service or due back): a centre that cannot keep up.",
          minimum=1000, maximum=100_000_000, typical=(1000, 100_000_000)),
    Param("simulation.short_abandon_s", "float", 0.0, "s",
          "Abandons within this wait are also reported as short abandons (0: none).", minimum=0, maximum=3600,
          typical=(0, 10)),
    # arrivals
    Param("arrivals.calls_per_hour", "float", UNSET, "1/h",
          "Constant arrival rate around the clock. Give this or arrivals.weekly_profile.",
          minimum=0, exclusive_minimum=True, maximum=100_000, typical=(1, 30_000)),
    Param("arrivals.weekly_profile", "matrix", UNSET, "1",
          "Relative arrival weights: 7 rows (Monday first) of K slots each, K dividing the day "
          "into equal slots (24: hourly). Give this or arrivals.calls_per_hour.", minimum=0, maximum=1_000_000,
          typical=(0, 1_000_000)),
    Param("arrivals.daily_volume", "float", UNSET, "1/day",
          "Mean calls per day over the week, with arrivals.weekly_profile.",
          minimum=0, exclusive_minimum=True, maximum=1_000_000, typical=(10, 500_000)),
    Param("arrivals.daily_volume_cv", "float", 0.0, "1",
          "Day-to-day variation of the volume: each day's rates are multiplied by a gamma factor with mean 1 "
          "and this coefficient of variation (random, forecastable rates; a plan cannot know the day's factor).",
          minimum=0, maximum=2, typical=(0, 0.3)),
    # ivr
    Param("ivr.levels", "int", 0, "1", "Menu levels a caller passes (0: no IVR).",
          minimum=0, maximum=20, typical=(0, 5)),
    Param("ivr.seconds_per_level", "float", 15.0, "s", "Time spent at each menu level.", minimum=0, maximum=600,
          typical=(5, 60)),
    Param("ivr.containment_selectivity", "float", 0.0, "1",
          "How much self-service takes the simpler issues: a call whose talk time would be below its type's "
          "median is contained with chance containment x (1 + s), above it x (1 - s) (capped at 1).",
          minimum=0, maximum=1, typical=(0, 1)),
    Param("ivr.containment_profile", "matrix", UNSET, "1",
          "Self-service by time of the week: 7 rows (Monday first) of K slots of the day, each a whole number "
          "of reporting intervals; a first attempt's chance of containment is its type's containment × the factor "
          "of the slot it arrives in (capped at 1; ivr.containment_selectivity then applies). Unset: 1.",
          minimum=0, maximum=100, typical=(0, 10)),
    Param("ivr.misroute_probability", "float", 0.0, "1",
          "Chance that the menu routes a call wrongly; the agent then transfers it.",
          minimum=0, maximum=1, typical=(0, 0.3)),
    Param("ivr.transfer_time_s", "float", 60.0, "s",
          "Handle time a misrouted call adds to the agent's work.", minimum=0, maximum=3600, typical=(10, 300)),
    Param("ivr.zero_out_probability", "float", 0.0, "1",
          "Chance, at each level, that the caller presses 0 for an agent, skipping the rest "
          "of the menu and self-service.", minimum=0, maximum=1, exclusive_maximum=True, typical=(0, 0.5)),
    # callers
    *_duration("callers.", "patience", "exponential", 345.0, 1.0, 1, 86_400, (20, 3600),
               dists=("none",) + DURATION_DISTS, survival=True),
    Param("callers.hostile_probability", "float", 0.10, "1",
          "Chance a caller is hostile to the agent (acts when the workforce is on).", minimum=0, maximum=1,
          typical=(0, 0.3)),
    Param("callers.redial_probability", "float", 0.0, "1",
          "Chance that a caller who abandons calls again.", minimum=0, maximum=1, typical=(0, 0.9)),
    *_duration("callers.", "redial_delay", "exponential", 600.0, 1.0, 1, 604_800, (10, 86_400)),
    # service
    *_duration("service.", "handle_time", "lognormal", 180.0, 1.2, 1, 28_800, (30, 3600)),
    Param("service.handle_time_profile", "matrix", UNSET, "1",
          "Talk time by time of the week: 7 rows (Monday first) of K slots of the day, each a whole number of "
          "reporting intervals; a call's talk time is its type's draw × the factor of the slot it arrives in "
          "(self-service compares it with the type's median × the same factor). Unset: 1.",
          minimum=0, exclusive_minimum=True, maximum=10, typical=(0.3, 3)),
    Param("service.after_call_work_s", "float", 0.0, "s",
          "After-call work following each call, part of handle time.", minimum=0, maximum=3600, typical=(0, 600)),
    Param("service.load_compression", "float", 0.0, "1",
          "Work pressure: the most talk time agents cut when callers queue, reached as the queue grows "
          "well beyond the agents on the phone.", minimum=0, maximum=0.9, typical=(0, 0.5)),
    # agents
    Param("agents.count", "int", UNSET, "1",
          "Agents on duty around the clock. Give one of agents.count, [[agents.shifts]], agents.staffing "
          "or planning.enabled.", minimum=0, maximum=100_000, typical=(1, 5000)),
    Param("agents.staffing", "matrix", UNSET, "1",
          "Agents wanted on the phone in each slot of the day (K slots of 24/K hours), one row per weekday "
          "from Monday; tours of agents.tour_min_hours to agents.tour_max_hours cover it each day.",
          minimum=0, maximum=100_000, typical=(0, 5000)),
    Param("agents.off_phone_share", "float", 0.0, "1",
          "Share of agents on duty who are off the phone (breaks, training, coaching, meetings) at any time.",
          minimum=0, maximum=0.9, typical=(0, 0.4)),
    Param("agents.tour_min_hours", "float", 4.0, "h",
          "Shortest tour when agents.staffing or planning sets the staffing (except where the day ends).",
          minimum=0.25, maximum=24, typical=(0.5, 8)),
    Param("agents.tour_max_hours", "float", 9.0, "h",
          "Longest tour when agents.staffing or planning sets the staffing.",
          minimum=0.25, maximum=24, typical=(4, 12)),
    Param("agents.shifts[].name", "str", "", "", "Label of the shift."),
    Param("agents.shifts[].start", "time", REQUIRED, "", "Start time of day."),
    Param("agents.shifts[].length_hours", "float", 8.0, "h", "Shift length.",
          minimum=0.25, maximum=24, typical=(2, 12)),
    Param("agents.shifts[].days", "weekdays", list(WEEKDAYS), "", "Weekdays the shift works."),
    Param("agents.shifts[].count", "int", REQUIRED, "1", "Agents on the shift.", minimum=0, maximum=100_000,
          typical=(0, 5000)),
    # workforce
    Param("workforce.enabled", "bool", False, "",
          "Model agents as employees: skill spread, learning curve, absence, quits and hiring. "
          "Off: every seat always holds an identical, fully trained agent."),
    Param("workforce.handle_time_spread_cv", "float", 0.2, "1",
          "Spread of agents' own speed: CV of a lognormal talk-time multiplier with mean 1.",
          minimum=0, maximum=2, typical=(0, 0.5)),
    Param("workforce.new_hire_handle_time_factor", "float", 1.6, "1",
          "Talk-time multiplier of a new agent on the first call, decaying to 1 with experience.",
          minimum=1, maximum=5, typical=(1, 2.5)),
    Param("workforce.learning_time_days", "float", 76.0, "day",
          "E-folding time of the learning curve (2.5 months).", minimum=0, exclusive_minimum=True, maximum=1_000_000,
          typical=(10, 365)),
    Param("workforce.quit_rate_monthly", "float", 0.03, "1/month",
          "Quit hazard of a tenured agent, per month of 30.44 days.", minimum=0, maximum=5, typical=(0, 0.1)),
    Param("workforce.early_quit_multiplier", "float", 2.0, "1",
          "Quit hazard multiplier during the first workforce.early_tenure_days.", minimum=1, maximum=20,
          typical=(1, 5)),
    Param("workforce.early_tenure_days", "float", 90.0, "day",
          "How long the higher early quit hazard lasts.", minimum=0, maximum=3650, typical=(0, 365)),
    Param("workforce.absence_probability", "float", 0.06, "1",
          "Chance an active agent is absent on a given day.", minimum=0, maximum=0.5, typical=(0, 0.15)),
    Param("workforce.contract_hours_week", "float", 37.5, "h",
          "Contracted hours per employee per week; rostered hours beyond them are overtime.",
          minimum=1, maximum=168, typical=(15, 48)),
    Param("workforce.contract_days_week", "int", 5, "day",
          "Days an employee works in a week when the staffing is rostered (agents.staffing or planning).",
          minimum=1, maximum=7, typical=(3, 6)),
    Param("workforce.exhaustion_per_overtime_hour", "float", 0.02, "1",
          "Exhaustion added per hour of overtime (fatigue).", minimum=0, maximum=1, typical=(0, 0.1)),
    Param("workforce.hiring_delay_days", "float", 21.0, "day",
          "From a quit to the replacement's first day (of training).", minimum=0, maximum=730, typical=(0, 120)),
    Param("workforce.training_days", "float", 29.0, "day",
          "Classroom training, during which a new hire takes no calls (4.2 weeks).", minimum=0, maximum=365,
          typical=(0, 90)),
    Param("workforce.initial_mean_tenure_days", "float", UNSET, "day",
          "Set: the staff at the start all work, with exponential tenures of this mean (a new centre: "
          "a tiny value). Unset: the steady state of the hire and quit process (tenures from its "
          "renewal equilibrium, some seats vacant or in training).",
          minimum=0, exclusive_minimum=True, maximum=18_250, typical=(30, 3650)),
    Param("workforce.exhaustion_recovery_days", "float", 3.0, "day",
          "Time constant of recovery from exhaustion (between shifts and on days off).",
          minimum=0, exclusive_minimum=True, maximum=365, typical=(1, 14)),
    Param("workforce.exhaustion_per_call", "float", 0.0027, "1",
          "Exhaustion added by each call handled (calibrated so a typical agent sits near 1).", minimum=0, maximum=1,
          typical=(0, 0.01)),
    Param("workforce.exhaustion_per_hostile_call", "float", 0.008, "1",
          "Exhaustion added by each hostile caller (3 × a call).", minimum=0, maximum=1, typical=(0, 0.03)),
    Param("workforce.exhaustion_per_excess_occupancy", "float", 0.5, "1",
          "Exhaustion added per day per unit of occupancy above workforce.occupancy_threshold.",
          minimum=0, maximum=100, typical=(0, 2)),
    Param("workforce.occupancy_threshold", "float", 0.85, "1", "Occupancy above which work becomes exhausting.",
          minimum=0, maximum=1, typical=(0.7, 0.95)),
    Param("workforce.exhaustion_per_compression", "float", 0.006, "1",
          "Exhaustion added per call fully compressed to meet an AHT target (pro rata).", minimum=0, maximum=1,
          typical=(0, 0.03)),
    Param("workforce.engagement_decay_days", "float", 30.0, "day",
          "Time constant of engagement's return to its baseline.", minimum=0, exclusive_minimum=True, maximum=3650,
          typical=(7, 180)),
    Param("workforce.engagement_exhaustion_loss", "float", 0.02, "1/day",
          "Engagement lost per day per unit of exhaustion above 1.", minimum=0, maximum=10, typical=(0, 0.1)),
    Param("workforce.engagement_pressure_loss", "float", 0.1, "1/day",
          "Engagement lost per day per unit of mean compression (pressure felt as unfair).", minimum=0, maximum=10,
          typical=(0, 0.5)),
    Param("workforce.absence_exhaustion_effect", "float", 0.3, "1",
          "Absence chance × exp(effect × (exhaustion − 1)).", minimum=0, maximum=5, typical=(0, 1)),
    Param("workforce.quit_exhaustion_effect", "float", 0.45, "1",
          "Quit hazard × exp(effect × (exhaustion − 1)).", minimum=0, maximum=5, typical=(0, 1.5)),
    Param("workforce.quit_engagement_effect", "float", 0.25, "1",
          "Quit hazard × exp(−effect × engagement).", minimum=0, maximum=5, typical=(0, 1)),
    # customers
    Param("customers.enabled", "bool", False, "",
          "Calls come from simulated customers with issues that are resolved or not, and customers "
          "churn. Off: calls come from nowhere and nobody churns."),
    Param("customers.count", "int", 100000, "1", "Initial customer base.", minimum=1, maximum=50_000_000,
          typical=(1000, 20_000_000)),
    Param("customers.issues_per_month", "float", UNSET, "1/month",
          "Issues per active customer per month (30.44 days); the volume then follows the active base "
          "and arrivals.* gives only the shape over the week. Unset: the volume is arrivals.*'s and each "
          "call's customer is drawn from the base.", minimum=0, exclusive_minimum=True, maximum=100, typical=(0.01, 2)),
    Param("customers.value_monthly", "float", 30.0, "currency/month", "Mean monthly revenue per customer.",
          minimum=0, maximum=1_000_000, typical=(1, 1000)),
    Param("customers.value_cv", "float", 1.0, "1", "Spread of customer value (lognormal CV).", minimum=0, maximum=10,
          typical=(0, 3)),
    Param("customers.initial_mean_tenure_days", "float", 1460.0, "day",
          "Mean tenure of the initial customers at the start (exponentially distributed); only reported, as the "
          "customer summary's tenure_days.", minimum=1, maximum=36_500, typical=(180, 7300)),
    Param("customers.fcr", "float", 0.72, "1",
          "Chance that an answered contact resolves the issue (tenured agent, no transfer).", minimum=0, maximum=1,
          typical=(0.4, 0.95)),
    Param("customers.new_hire_fcr_penalty", "float", 0.10, "1",
          "Lower resolution chance of a brand-new agent, decaying like the learning curve (needs the workforce).",
          minimum=0, maximum=1, typical=(0, 0.3)),
    Param("customers.transfer_fcr_penalty", "float", 0.10, "1",
          "Lower resolution chance of a misrouted (transferred) call.", minimum=0, maximum=1, typical=(0, 0.3)),
    Param("customers.resolution_exhaustion_effect", "float", 0.15, "1",
          "Logit resolution − effect × (agent's exhaustion − 1).", minimum=0, maximum=5, typical=(0, 0.5)),
    Param("customers.resolution_engagement_effect", "float", 0.06, "1",
          "Logit resolution + effect × agent's engagement.", minimum=0, maximum=5, typical=(0, 0.2)),
    Param("customers.resolution_hostile_effect", "float", 0.3, "1",
          "Logit resolution − effect when the caller is hostile.", minimum=0, maximum=5, typical=(0, 0.6)),
    Param("customers.recontact_probability", "float", 0.8, "1",
          "Chance that an unresolved issue (not resolved by the agent, or abandoned without redial) comes "
          "back as a repeat contact; otherwise the customer gives up unresolved.", minimum=0, maximum=1,
          typical=(0.3, 1)),
    *_duration("customers.", "recontact_delay", "exponential", 2 * 86400.0, 1.0, 60, 31_536_000,
               (3600, 1_209_600)),
    Param("customers.repeat_handle_factor", "float", 1.4, "1", "Talk time of a repeat contact relative to the first.",
          minimum=0.1, maximum=10, typical=(1, 2)),
    Param("customers.churn_first_contact", "float", 0.05, "1",
          "Stated intent to defect after an issue resolved on the first contact.", minimum=0, maximum=1,
          typical=(0, 0.15)),
    Param("customers.churn_resolved_later", "float", 0.09, "1",
          "Stated intent to defect after an issue resolved after repeat contacts.", minimum=0, maximum=1,
          typical=(0, 0.25)),
    Param("customers.churn_unresolved", "float", 0.25, "1",
          "Stated intent to defect after an issue the customer gave up on.", minimum=0, maximum=1, typical=(0.05, 0.5)),
    Param("customers.intent_conversion", "float", 0.4, "1",
          "Share of stated intent to defect that becomes actual churn (intention-behaviour gap).",
          minimum=0, maximum=1, typical=(0.1, 0.8)),
    Param("customers.churn_effort_coefficient", "float", 0.5, "1/effort",
          "Churn chances are multiplied by exp(coefficient × (effort − customers.effort_reference)), capped at 1.",
          minimum=0, maximum=5, typical=(0, 1.5)),
    Param("customers.effort_reference", "float", 1.0, "effort", "The effort at which churn chances are as stated.",
          minimum=0, maximum=100, typical=(0.2, 5)),
    Param("customers.effort_wait_unit_s", "float", 300.0, "s",
          "Waiting this long adds one unit of effort (an abandon, a transfer and a repeat contact add one each).",
          minimum=1, maximum=86_400, typical=(60, 1800)),
    Param("customers.effort_per_ivr_level", "float", 0.2, "effort", "Effort of each menu level passed.",
          minimum=0, maximum=100, typical=(0, 0.6)),
    Param("customers.effort_failed_self_service", "float", 0.2, "effort",
          "Effort of a self-service attempt that failed (the call type offers self-service, the caller did not "
          "zero out, and still needs an agent).", minimum=0, maximum=100, typical=(0, 0.6)),
    Param("customers.baseline_churn_monthly", "float", 0.01, "1/month",
          "Churn hazard unrelated to service.", minimum=0, maximum=1, typical=(0.001, 0.03)),
    Param("customers.acquisition_monthly", "float", 0.015, "1/month",
          "New customers per month before word of mouth, as a share of customers.count.", minimum=0, maximum=10,
          typical=(0, 0.05)),
    Param("customers.wom_tell_resolved", "float", 0.41, "1", "Chance a customer whose issue was resolved tells others.",
          minimum=0, maximum=1, typical=(0, 1)),
    Param("customers.wom_audience_resolved", "float", 1.0, "1", "Mean number of people told after a resolved issue.",
          minimum=0, maximum=1000, typical=(0, 10)),
    Param("customers.wom_tell_unresolved", "float", 0.74, "1", "Chance a customer who gave up unresolved tells others.",
          minimum=0, maximum=1, typical=(0, 1)),
    Param("customers.wom_audience_unresolved", "float", 5.0, "1",
          "Mean number of people told after an unresolved issue.",
          minimum=0, maximum=1000, typical=(0, 20)),
    Param("customers.wom_conversion", "float", 0.02, "1", "New customers per positive mention.", minimum=0, maximum=1,
          typical=(0, 0.1)),
    Param("customers.wom_deterrence", "float", 0.02, "1", "Acquisitions lost per negative mention.",
          minimum=0, maximum=1, typical=(0, 0.1)),
    Param("customers.segments[].name", "str", REQUIRED, "", "Unique name of the segment."),
    Param("customers.segments[].share", "float", 1.0, "1",
          "Relative share of customers in the segment, initially and among new customers (normalised over "
          "segments).", minimum=0, exclusive_minimum=True, maximum=1_000_000, typical=(0.001, 1_000_000)),
    Param("customers.segments[].value_monthly", "float", UNSET, "currency/month",
          "Mean monthly revenue of the segment's customers. Unset: customers.value_monthly.",
          minimum=0, maximum=1_000_000, typical=(1, 10_000)),
    Param("customers.segments[].issue_multiplier", "float", 1.0, "1",
          "Issue rate relative to the other segments: callers are drawn in proportion to it.", minimum=0, maximum=100,
          typical=(0.1, 10)),
    Param("customers.segments[].churn_multiplier", "float", 1.0, "1",
          "Multiplies the segment's churn chances after an issue (capped at 1) and its churn hazard unrelated "
          "to service.", minimum=0, maximum=100, typical=(0.1, 10)),
    # frustration (with customers on)
    Param("frustration.per_ivr_level", "float", 0.15, "1", "Frustration from each menu level passed.",
          minimum=0, maximum=100, typical=(0, 0.5)),
    Param("frustration.failed_self_service", "float", 0.15, "1",
          "Frustration from a failed self-service attempt (see customers.effort_failed_self_service).",
          minimum=0, maximum=100, typical=(0, 0.5)),
    Param("frustration.misroute", "float", 0.3, "1", "Frustration from being misrouted (a transfer ahead).",
          minimum=0, maximum=100, typical=(0, 1)),
    Param("frustration.per_abandon", "float", 0.3, "1", "Frustration per earlier abandoned attempt (a redial).",
          minimum=0, maximum=100, typical=(0, 1)),
    Param("frustration.per_repeat", "float", 0.5, "1", "Frustration per earlier contact about the same issue.",
          minimum=0, maximum=100, typical=(0, 1.5)),
    Param("frustration.per_wait_unit", "float", 0.2, "1",
          "Frustration per customers.effort_wait_unit_s of waiting, until answered.", minimum=0, maximum=100,
          typical=(0, 0.6)),
    Param("frustration.patience_effect", "float", 0.4, "1",
          "Patience time × exp(−effect × frustration on reaching the queue) (for exponential patience, "
          "the hazard × exp(effect × frustration)).", minimum=0, maximum=5, typical=(0, 1.2)),
    Param("frustration.hostile_effect", "float", 0.8, "1",
          "Logit of hostility + effect × frustration when answered.", minimum=0, maximum=10, typical=(0, 2.4)),
    Param("frustration.satisfaction_effect", "float", 0.5, "1",
          "Latent satisfaction − effect × frustration when answered.", minimum=0, maximum=10, typical=(0, 1.5)),
    Param("frustration.exhaustion_per_unit", "float", 0.003, "1",
          "The agent's exhaustion + this × the caller's frustration (contagion).", minimum=0, maximum=1,
          typical=(0, 0.01)),
    # callback (virtual hold)
    Param("callback.enabled", "bool", False, "", "Offer a callback when the expected wait is long."),
    Param("callback.threshold_s", "float", 120.0, "s", "Expected wait above which a callback is offered.",
          minimum=0, maximum=86_400, typical=(30, 900)),
    Param("callback.acceptance", "float", 0.6, "1", "Chance a caller accepts the offer.", minimum=0, maximum=1,
          typical=(0.2, 0.9)),
    Param("callback.wait_weight", "float", 0.25, "1",
          "Share of a callback caller's wait that frustrates and counts as effort.", minimum=0, maximum=1,
          typical=(0, 1)),
    # satisfaction (with customers on)
    Param("satisfaction.resolution_effect", "float", 1.5, "1",
          "Latent satisfaction gained when the contact resolved the issue (ordered logit).", minimum=0, maximum=10,
          typical=(0.5, 3)),
    Param("satisfaction.repeat_effect", "float", 0.7, "1",
          "Latent satisfaction lost per earlier contact about the issue.",
          minimum=0, maximum=10, typical=(0, 2)),
    Param("satisfaction.wait_effect", "float", 0.3, "1",
          "Latent satisfaction lost per customers.effort_wait_unit_s of waiting.", minimum=0, maximum=10,
          typical=(0, 1)),
    Param("satisfaction.transfer_effect", "float", 0.5, "1", "Latent satisfaction lost by a transfer.",
          minimum=0, maximum=10, typical=(0, 1.5)),
    Param("satisfaction.engagement_effect", "float", 0.15, "1",
          "Latent satisfaction per SD of the agent's engagement (warmth).", minimum=0, maximum=10, typical=(0, 0.5)),
    Param("satisfaction.exhaustion_effect", "float", 0.2, "1",
          "Latent satisfaction lost per unit of the agent's exhaustion above 1 (incivility).", minimum=0, maximum=10,
          typical=(0, 0.6)),
    Param("satisfaction.hostile_effect", "float", 0.5, "1", "Latent satisfaction lost when the caller is hostile.",
          minimum=0, maximum=10, typical=(0, 1.5)),
    Param("satisfaction.cutpoints", "float_list", [-2.5, -1.2, -0.2, 0.88], "1",
          "Four increasing cutpoints of the latent score (plus logistic noise) into scores 1 to 5.",
          minimum=-100, maximum=100, typical=(-5, 5)),
    Param("satisfaction.praise_probability", "float", 0.01, "1",
          "Chance a top-box caller praises the agent unsolicited.", minimum=0, maximum=1, typical=(0, 0.05)),
    Param("satisfaction.complaint_probability", "float", 0.1, "1", "Chance a caller scoring 1 or 2 complains.",
          minimum=0, maximum=1, typical=(0, 0.3)),
    # recognition (with the workforce on)
    Param("recognition.award_gain", "float", 0.2, "SD", "Engagement gained from one manager award.",
          minimum=0, maximum=5, typical=(0, 0.6)),
    Param("recognition.praise_gain_factor", "float", 1.5, "1", "Forwarded customer praise, relative to an award.",
          minimum=0, maximum=5, typical=(0.5, 3)),
    Param("recognition.peer_gain_factor", "float", 0.5, "1", "A peer award, relative to a manager award.",
          minimum=0, maximum=5, typical=(0, 1.5)),
    Param("recognition.saturation", "float", 3.0, "1",
          "Diminishing returns: a recognition's gain is divided by 1 + recent/saturation.", minimum=0,
          exclusive_minimum=True, maximum=1000, typical=(1, 10)),
    Param("recognition.memory_days", "float", 30.0, "day", "How long recognitions count as recent (time constant).",
          minimum=0, exclusive_minimum=True, maximum=3650, typical=(7, 120)),
    Param("recognition.manager_cadence_days", "float", UNSET, "day",
          "Days between manager recognition rounds. Unset: no manager recognition.", minimum=1, maximum=365,
          typical=(7, 92)),
    Param("recognition.manager_awards", "int", 5, "1", "Awards per manager round.", minimum=1, maximum=100_000,
          typical=(1, 500)),
    Param("recognition.criterion", "choice", "csat", "",
          "Who is recognised: the agents with the best mean CSAT, resolution rate, lowest AHT, or a surprise draw.",
          choices=CRITERIA, enum="Criterion"),
    Param("recognition.spillover", "float", 0.05, "SD",
          "Engagement the non-recipients gain from an exclusive (unannounced) round.", minimum=0, maximum=1,
          typical=(0, 0.15)),
    Param("recognition.announced_tangible", "bool", False, "",
          "Rewards are announced in advance and tangible: they crowd out intrinsic motivation."),
    Param("recognition.tangible_gain_factor", "float", 0.0, "1",
          "What remains of an award's gain when rewards are announced and tangible.", minimum=0, maximum=1,
          typical=(0, 1)),
    Param("recognition.crowding_out", "float", 0.3, "SD",
          "Engagement baseline lost when rewards are announced and tangible.", minimum=0, maximum=3, typical=(0, 1)),
    Param("recognition.peer_awards_monthly", "float", 0.0, "1/month", "Peer awards each agent receives per month.",
          minimum=0, maximum=30, typical=(0, 4)),
    Param("recognition.praise_solicitation", "float", 1.0, "1",
          "A praise programme that asks callers for praise captures this many times the unsolicited praise.",
          minimum=1, maximum=50, typical=(1, 5)),
    Param("recognition.praise_forwarded_share", "float", 0.0, "1", "Share of captured praise passed on to the agent.",
          minimum=0, maximum=1, typical=(0, 1)),
    Param("recognition.aht_chasing", "float", 0.3, "1",
          "With criterion aht, agents chase the award by cutting this share of their calls' excess over the "
          "mean handle time.", minimum=0, maximum=1, typical=(0, 1)),
    # money
    Param("money.currency", "currency", "USD", "",
          "The currency every amount of the scenario is in (wages, prices, customer value), and so the results' "
          "money; the results carry its code beside their units."),
    Param("money.wage_per_hour", "float", 25.0, "currency/h",
          "Fully loaded cost of an agent-hour on the floor.", minimum=0, maximum=10_000, typical=(5, 100)),
    Param("money.cost_per_hire", "float", 7000.0, "currency",
          "Recruiting and training one new agent.", minimum=0, maximum=10_000_000, typical=(500, 20_000)),
    Param("money.cost_per_ivr_minute", "float", 0.02, "currency/min", "Telephony cost of a minute in the IVR.",
          minimum=0, maximum=1000, typical=(0, 0.2)),
    Param("money.cost_per_queue_minute", "float", 0.03, "currency/min", "Telephony cost of a minute waiting.",
          minimum=0, maximum=1000, typical=(0, 0.3)),
    Param("money.overtime_premium", "float", 1.5, "1", "Pay for an overtime hour, as a multiple of the wage.",
          minimum=1, maximum=5, typical=(1, 2)),
    Param("money.cost_per_award", "float", 50.0, "currency", "Cost of one manager or peer award.",
          minimum=0, maximum=1_000_000, typical=(0, 1000)),
    Param("money.customer_lifetime_months", "float", 36.0, "month",
          "Expected remaining lifetime of a customer, for the lifetime value lost at churn.", minimum=0, maximum=1200,
          typical=(6, 240)),
    # planning: staffing to a service-level target, hiring to plan
    Param("planning.enabled", "bool", False, "",
          "Staff each interval to a service-level target (Erlang A on the forecast), re-planned every "
          "planning.period_days from what was observed, and hire to the planned headcount."),
    Param("planning.service_level_target", "float", 0.8, "1",
          "Share answered within simulation.service_level_threshold_s the plan aims for.",
          minimum=0, exclusive_minimum=True, maximum=0.999, typical=(0.5, 0.95)),
    Param("planning.max_occupancy", "float", 0.85, "1", "Highest occupancy the plan accepts.",
          minimum=0.2, maximum=1, typical=(0.7, 0.95)),
    Param("planning.period_days", "float", 7.0, "day", "Time between re-plans (and hiring reviews).",
          minimum=1, maximum=365, typical=(7, 31)),
    Param("planning.lag_days", "float", 7.0, "day", "From a re-plan to the day its staffing is worked.",
          minimum=0, maximum=365, typical=(0, 28)),
    Param("planning.forecast_weight", "float", 0.5, "1",
          "Weight of the newest period in the forecast (exponential smoothing).", minimum=0, exclusive_minimum=True,
          maximum=1, typical=(0.1, 0.9)),
    Param("planning.max_headcount_factor", "float", 1.5, "1",
          "Seats for hiring, as a multiple of the first plan's headcount.", minimum=1, maximum=10, typical=(1, 3)),
    # intraday: the same-day response
    Param("intraday.enabled", "bool", False, "",
          "React within the day: overtime and cancelled off-phone work when the service level falls, "
          "voluntary time off when agents sit idle."),
    Param("intraday.trigger_service_level", "float", 0.7, "1",
          "Service level of the last interval below which overtime is offered and off-phone work cancelled.",
          minimum=0, maximum=1, typical=(0.5, 0.9)),
    Param("intraday.overtime_uptake", "float", 0.5, "1", "Chance an agent accepts an overtime offer.",
          minimum=0, maximum=1, typical=(0.1, 1)),
    Param("intraday.overtime_block_hours", "float", 1.0, "h", "Overtime added to a tour per accepted offer.",
          minimum=0.25, maximum=12, typical=(0.5, 4)),
    Param("intraday.overtime_max_hours_week", "float", 6.0, "h",
          "Most overtime an agent works in a week (offered in the roster or within the day).", minimum=0, maximum=80,
          typical=(0, 20)),
    Param("intraday.vto_occupancy", "float", 0.6, "1",
          "Occupancy of the last interval below which idle agents above plan are offered voluntary time off.",
          minimum=0, maximum=1, typical=(0.3, 0.8)),
    Param("intraday.vto_uptake", "float", 0.5, "1", "Chance an agent accepts voluntary time off.",
          minimum=0, maximum=1, typical=(0.1, 1)),
    # policy: AHT target
    Param("policy.aht_target_s", "float", UNSET, "s",
          "Average-handle-time target. Unset: no target. Agents shorten calls whose needed talk time exceeds it.",
          minimum=30, maximum=28_800, typical=(60, 1800)),
    Param("policy.start_day", "int", 0, "day",
          "Day the policy starts: the [policy] target and the [recognition] programmes act from then on.",
          minimum=0, maximum=3660, typical=(0, 3660)),
    Param("policy.aht_target_erosion_days", "float", UNSET, "day",
          "Goal erosion: time constant with which the target in force drifts toward the observed mean talk "
          "time. Unset: the target holds.", minimum=0, exclusive_minimum=True, maximum=3650, typical=(14, 730)),
    Param("policy.aht_compression", "float", 0.5, "1",
          "How strongly agents comply: the share of a call's excess over the target they cut.", minimum=0, maximum=1,
          typical=(0, 1)),
    Param("policy.compression_resolution_effect", "float", 2.5, "1",
          "Loss of resolution on the logit scale per unit of compression (the share of needed talk cut). "
          "Evidence is thin: sweep 0 to 5.", minimum=0, maximum=20, typical=(0, 5)),
    Param("policy.aht_pressure_quit_multiplier", "float", 1.2, "1",
          "Quit hazard multiplier while an AHT target is enforced (needs the workforce).", minimum=1, maximum=5,
          typical=(1, 2)),
    # call types
    Param("call_types[].name", "str", REQUIRED, "", "Unique name of the call type."),
    Param("call_types[].share", "float", 1.0, "1",
          "Relative share of arrivals (normalised over types).", minimum=0, exclusive_minimum=True, maximum=1_000_000,
          typical=(0.001, 1_000_000)),
    Param("call_types[].priority", "int", 0, "1", "Queue priority class; 0 is served first.",
          minimum=0, maximum=9, typical=(0, 9)),
    Param("call_types[].containment", "float", 0.0, "1",
          "Chance a call of this type is completed in IVR self-service (needs ivr.levels > 0).",
          minimum=0, maximum=1, typical=(0, 0.8)),
    *_duration("call_types[].", "handle_time", "", None, None, 1, 28_800, (30, 3600), inherit="service.*"),
    *_duration("call_types[].", "patience", "", None, None, 1, 86_400, (20, 3600), dists=("none",) + DURATION_DISTS,
               inherit="callers.*", survival=True),
    # calibration: where a calibrated scenario came from (cxsim calibrate writes it)
    Param("calibration.log", "str", UNSET, "",
          "The call log the scenario was calibrated from (written by cxsim calibrate).", engine=False),
    Param("calibration.train", "str", UNSET, "",
          "The training window, START:END (dates, inclusive); cxsim backtest's naive prediction reads it.",
          engine=False),
]

BY_KEY: dict[str, Param] = {p.key: p for p in PARAMS}
ARRAYS = tuple(dict.fromkeys(p.key.split("[]")[0] for p in PARAMS if "[]" in p.key))  # arrays of tables
# The keys of each array's entries, by their name within the entry.
ENTRY_PARAMS: dict[str, dict[str, Param]] = {
    array: {p.key.split("[].")[1]: p for p in PARAMS if p.key.startswith(array + "[].")} for array in ARRAYS}


def markdown() -> str:
    """docs/scenarios.md, generated from this table."""
    lines = [
        "# Scenario reference",
        "",
        "<!-- Generated by `cxsim schema --markdown` from python/cxsim/schema.py; do not edit. -->",
        "",
        "A scenario is a TOML file. Every key is optional unless marked required; an unknown",
        "key, a wrong type or a value out of range is refused with the file, the key, the value",
        "and what is allowed. `cxsim run --set key=value` overrides any key; array entries are",
        "addressed by name or index (`call_types.billing.share=0.3`, `agents.shifts.0.count=12`).",
        "",
        "Durations are described by a distribution and its parameters: `exponential` (mean),",
        "`lognormal` and `gamma` (mean and coefficient of variation), `deterministic` (mean),",
        "`empirical` (a table of observed values) and, for patience, `none` (never abandons) and",
        "`survival` (a survival curve, such as the Kaplan–Meier estimate from censored waits).",
        "",
        "A number outside its *typical* range (of practice and evidence; for the model's",
        "coefficients a judgment around the default) runs, with a warning naming the key.",
        "",
    ]
    for section, params in groupby(PARAMS, key=lambda p: p.key.split(".")[0] if "." in p.key else "top level"):
        lines += [f"## {section}", "", "| key | type | unit | default | allowed | typical | description |",
                  "|---|---|---|---|---|---|---|"]
        for p in params:
            default = "required" if p.default is REQUIRED else ("unset" if p.default is None else repr(p.default))
            default = default.replace("'", '"').replace("|", "\\|")
            lines.append(f"| `{p.key}` | {p.kind} | {p.unit or '-'} | {default} | {p.allowed()} | "
                         f"{p.typical_text() or '-'} | {p.description} |")
        lines.append("")
    return "\n".join(lines)
