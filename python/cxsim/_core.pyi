"""Type stubs for cxsim's C++ engine module (wiring only; use the cxsim package)."""

import numpy as np
import numpy.typing as npt

class Cancelled(Exception): ...

class Distribution:
    @staticmethod
    def none() -> Distribution: ...
    @staticmethod
    def deterministic(value: float) -> Distribution: ...
    @staticmethod
    def exponential(mean: float) -> Distribution: ...
    @staticmethod
    def lognormal(mean: float, cv: float) -> Distribution: ...
    @staticmethod
    def gamma(mean: float, cv: float) -> Distribution: ...
    @staticmethod
    def empirical(samples: list[float]) -> Distribution: ...
    def mean(self) -> float: ...

class CallTypeSpec:
    name: str
    share: float
    priority: int
    containment: float
    handle_time: Distribution
    patience: Distribution

class ArrivalSpec:
    rate_per_hour: list[float]
    slot_seconds: float

class IvrSpec:
    levels: int
    seconds_per_level: float
    misroute_probability: float
    transfer_time_s: float
    zero_out_probability: float

class RedialSpec:
    probability: float
    delay: Distribution

class ShiftSpec:
    start_s: float
    length_s: float
    weekdays: int
    count: int

class Criterion:
    Csat: Criterion
    Fcr: Criterion
    Aht: Criterion
    Surprise: Criterion
    name: str
    value: int
    def __init__(self, value: int) -> None: ...

class RecognitionSpec:
    manager_cadence_s: float
    manager_awards: int
    criterion: Criterion
    award_gain: float
    saturation: float
    memory_s: float
    spillover: float
    announced_tangible: bool
    tangible_gain_factor: float
    crowding_out: float
    peer_awards_per_s: float
    peer_gain_factor: float
    praise_gain_factor: float

class WorkforceSpec:
    enabled: bool
    handle_time_spread_cv: float
    new_hire_handle_time_factor: float
    learning_time_s: float
    quit_rate_per_s: float
    early_quit_multiplier: float
    early_tenure_s: float
    absence_probability: float
    hiring_delay_s: float
    training_s: float
    initial_mean_tenure_s: float
    pressure_quit_multiplier: float
    exhaustion_recovery_s: float
    exhaustion_per_call: float
    exhaustion_per_hostile_call: float
    exhaustion_per_excess_occupancy: float
    occupancy_threshold: float
    exhaustion_per_compression: float
    engagement_decay_s: float
    engagement_exhaustion_loss: float
    engagement_pressure_loss: float
    absence_exhaustion_effect: float
    quit_exhaustion_effect: float
    quit_engagement_effect: float
    recognition: RecognitionSpec

class MoneySpec:
    wage_per_hour: float
    cost_per_hire: float
    cost_per_ivr_minute: float
    cost_per_queue_minute: float
    customer_lifetime_months: float
    cost_per_award: float

class PolicySpec:
    aht_target_s: float
    aht_compression: float
    compression_resolution_effect: float

class SegmentSpec:
    name: str
    share: float
    value_mean: float
    issue_multiplier: float
    churn_multiplier: float

class CustomerSpec:
    enabled: bool
    count: int
    issues_per_customer_per_s: float
    segments: list[SegmentSpec]
    value_cv: float
    fcr: float
    new_hire_fcr_penalty: float
    transfer_fcr_penalty: float
    recontact_probability: float
    recontact_delay: Distribution
    repeat_handle_factor: float
    churn_first_contact: float
    churn_resolved_later: float
    churn_unresolved: float
    churn_effort_coefficient: float
    effort_reference: float
    effort_wait_unit_s: float
    effort_per_ivr_level: float
    effort_failed_self_service: float
    baseline_churn_per_s: float
    acquisitions_per_s: float
    wom_tell_resolved: float
    wom_audience_resolved: float
    wom_tell_unresolved: float
    wom_audience_unresolved: float
    wom_conversion: float
    wom_deterrence: float
    resolution_exhaustion_effect: float
    resolution_engagement_effect: float
    resolution_hostile_effect: float

class FrustrationSpec:
    enabled: bool
    per_ivr_level: float
    failed_self_service: float
    misroute: float
    per_abandon: float
    per_repeat: float
    per_wait_unit: float
    patience_effect: float
    hostile_effect: float
    satisfaction_effect: float
    exhaustion_per_unit: float

class SatisfactionSpec:
    enabled: bool
    cutpoints: list[float]
    resolution_effect: float
    repeat_effect: float
    wait_effect: float
    transfer_effect: float
    engagement_effect: float
    exhaustion_effect: float
    hostile_effect: float
    praise_probability: float
    praise_solicitation: float
    praise_forwarded_share: float
    complaint_probability: float

class CallbackSpec:
    enabled: bool
    threshold_s: float
    acceptance: float
    wait_weight: float

class ScenarioSpec:
    horizon_s: float
    warmup_s: float
    interval_s: float
    start_weekday: int
    service_level_s: float
    short_abandon_s: float
    arrivals: ArrivalSpec
    call_types: list[CallTypeSpec]
    ivr: IvrSpec
    redial: RedialSpec
    after_call_work_s: float
    hostile_probability: float
    shifts: list[ShiftSpec]
    workforce: WorkforceSpec
    customers: CustomerSpec
    policy: PolicySpec
    money: MoneySpec
    frustration: FrustrationSpec
    satisfaction: SatisfactionSpec
    callback: CallbackSpec

class Progress:
    done: int
    total: int
    def set_total(self, total: int) -> None: ...
    def cancel(self) -> None: ...

class RunResult:
    replications: int
    intervals: int
    days: int
    first_reported_interval: int
    interval_s: float
    started_utc: str
    wall_time_s: float
    events: int
    segments: list[str]
    segment_totals: npt.NDArray[np.float64]  # (replication, segment, field)
    interval_metrics: npt.NDArray[np.float64]  # (metric, replication, interval)
    daily_metrics: npt.NDArray[np.float64]     # (metric, replication, day)
    run_metrics: npt.NDArray[np.float64]       # (metric, replication)
    summary: npt.NDArray[np.float64]           # (metric, [mean, std, ci_low, ci_high, n])
    agents: int
    agent_panel: npt.NDArray[np.float32]       # (replication, day, agent, field)
    daily_quartiles: npt.NDArray[np.float64]   # (6, replication, day): see quartile_names()

def run(spec: ScenarioSpec, replications: int, seed: int, threads: int, output: str, call_log: bool,
        customer_summary: bool, attributes: dict[str, str], progress: Progress | None) -> RunResult: ...
def metrics() -> list[tuple[str, str, str]]: ...
def hdf5_version() -> str: ...
def quartile_names() -> list[str]: ...
def segment_fields() -> list[tuple[str, str, str]]: ...
