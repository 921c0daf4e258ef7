// Bindings for the scenario spec structs and distributions.
#include <pybind11/stl.h>

#include "models/spec.hpp"
#include "python/bindings/register.hpp"

namespace py = pybind11;

namespace cxsim::bindings {

void register_spec(py::module_& m) {
  using sim::Distribution;
  py::class_<Distribution>(m, "Distribution")
      .def_static("none", &Distribution::none)
      .def_static("deterministic", &Distribution::deterministic, py::arg("value"))
      .def_static("exponential", &Distribution::exponential, py::arg("mean"))
      .def_static("lognormal", &Distribution::lognormal, py::arg("mean"), py::arg("cv"))
      .def_static("gamma", &Distribution::gamma, py::arg("mean"), py::arg("cv"))
      .def_static("empirical", &Distribution::empirical, py::arg("samples"))
      .def("mean", &Distribution::mean);

  using namespace models;
  py::class_<CallTypeSpec>(m, "CallTypeSpec")
      .def(py::init<>())
      .def_readwrite("name", &CallTypeSpec::name)
      .def_readwrite("share", &CallTypeSpec::share)
      .def_readwrite("priority", &CallTypeSpec::priority)
      .def_readwrite("containment", &CallTypeSpec::containment)
      .def_readwrite("handle_time", &CallTypeSpec::handle_time)
      .def_readwrite("patience", &CallTypeSpec::patience);
  py::class_<ArrivalSpec>(m, "ArrivalSpec")
      .def(py::init<>())
      .def_readwrite("rate_per_hour", &ArrivalSpec::rate_per_hour)
      .def_readwrite("slot_seconds", &ArrivalSpec::slot_seconds);
  py::class_<IvrSpec>(m, "IvrSpec")
      .def(py::init<>())
      .def_readwrite("levels", &IvrSpec::levels)
      .def_readwrite("seconds_per_level", &IvrSpec::seconds_per_level)
      .def_readwrite("misroute_probability", &IvrSpec::misroute_probability)
      .def_readwrite("transfer_time_s", &IvrSpec::transfer_time_s)
      .def_readwrite("zero_out_probability", &IvrSpec::zero_out_probability);
  py::class_<RedialSpec>(m, "RedialSpec")
      .def(py::init<>())
      .def_readwrite("probability", &RedialSpec::probability)
      .def_readwrite("delay", &RedialSpec::delay);
  py::class_<ShiftSpec>(m, "ShiftSpec")
      .def(py::init<>())
      .def_readwrite("start_s", &ShiftSpec::start_s)
      .def_readwrite("length_s", &ShiftSpec::length_s)
      .def_readwrite("weekdays", &ShiftSpec::weekdays)
      .def_readwrite("count", &ShiftSpec::count);
  py::enum_<RecognitionSpec::Criterion>(m, "Criterion")
      .value("Csat", RecognitionSpec::Criterion::Csat)
      .value("Fcr", RecognitionSpec::Criterion::Fcr)
      .value("Aht", RecognitionSpec::Criterion::Aht)
      .value("Surprise", RecognitionSpec::Criterion::Surprise);
  py::class_<RecognitionSpec>(m, "RecognitionSpec")
      .def(py::init<>())
      .def_readwrite("award_gain", &RecognitionSpec::award_gain)
      .def_readwrite("praise_gain_factor", &RecognitionSpec::praise_gain_factor)
      .def_readwrite("peer_gain_factor", &RecognitionSpec::peer_gain_factor)
      .def_readwrite("saturation", &RecognitionSpec::saturation)
      .def_readwrite("memory_s", &RecognitionSpec::memory_s)
      .def_readwrite("manager_cadence_s", &RecognitionSpec::manager_cadence_s)
      .def_readwrite("manager_awards", &RecognitionSpec::manager_awards)
      .def_readwrite("criterion", &RecognitionSpec::criterion)
      .def_readwrite("spillover", &RecognitionSpec::spillover)
      .def_readwrite("announced_tangible", &RecognitionSpec::announced_tangible)
      .def_readwrite("tangible_gain_factor", &RecognitionSpec::tangible_gain_factor)
      .def_readwrite("crowding_out", &RecognitionSpec::crowding_out)
      .def_readwrite("peer_awards_per_s", &RecognitionSpec::peer_awards_per_s);
  py::class_<SatisfactionSpec>(m, "SatisfactionSpec")
      .def(py::init<>())
      .def_readwrite("enabled", &SatisfactionSpec::enabled)
      .def_readwrite("resolution_effect", &SatisfactionSpec::resolution_effect)
      .def_readwrite("repeat_effect", &SatisfactionSpec::repeat_effect)
      .def_readwrite("wait_effect", &SatisfactionSpec::wait_effect)
      .def_readwrite("transfer_effect", &SatisfactionSpec::transfer_effect)
      .def_readwrite("engagement_effect", &SatisfactionSpec::engagement_effect)
      .def_readwrite("exhaustion_effect", &SatisfactionSpec::exhaustion_effect)
      .def_readwrite("hostile_effect", &SatisfactionSpec::hostile_effect)
      .def_property("cutpoints",
                    [](const SatisfactionSpec& s) { return std::vector<double>(s.cutpoints, s.cutpoints + 4); },
                    [](SatisfactionSpec& s, const std::vector<double>& v) {
                      if (v.size() != 4) throw std::invalid_argument("four cutpoints");
                      std::copy(v.begin(), v.end(), s.cutpoints);
                    })
      .def_readwrite("praise_probability", &SatisfactionSpec::praise_probability)
      .def_readwrite("praise_solicitation", &SatisfactionSpec::praise_solicitation)
      .def_readwrite("praise_forwarded_share", &SatisfactionSpec::praise_forwarded_share)
      .def_readwrite("complaint_probability", &SatisfactionSpec::complaint_probability);
  py::class_<WorkforceSpec>(m, "WorkforceSpec")
      .def(py::init<>())
      .def_readwrite("enabled", &WorkforceSpec::enabled)
      .def_readwrite("handle_time_spread_cv", &WorkforceSpec::handle_time_spread_cv)
      .def_readwrite("new_hire_handle_time_factor", &WorkforceSpec::new_hire_handle_time_factor)
      .def_readwrite("learning_time_s", &WorkforceSpec::learning_time_s)
      .def_readwrite("quit_rate_per_s", &WorkforceSpec::quit_rate_per_s)
      .def_readwrite("early_quit_multiplier", &WorkforceSpec::early_quit_multiplier)
      .def_readwrite("early_tenure_s", &WorkforceSpec::early_tenure_s)
      .def_readwrite("absence_probability", &WorkforceSpec::absence_probability)
      .def_readwrite("hiring_delay_s", &WorkforceSpec::hiring_delay_s)
      .def_readwrite("training_s", &WorkforceSpec::training_s)
      .def_readwrite("initial_mean_tenure_s", &WorkforceSpec::initial_mean_tenure_s)
      .def_readwrite("pressure_quit_multiplier", &WorkforceSpec::pressure_quit_multiplier)
      .def_readwrite("exhaustion_recovery_s", &WorkforceSpec::exhaustion_recovery_s)
      .def_readwrite("exhaustion_per_call", &WorkforceSpec::exhaustion_per_call)
      .def_readwrite("exhaustion_per_hostile_call", &WorkforceSpec::exhaustion_per_hostile_call)
      .def_readwrite("exhaustion_per_excess_occupancy", &WorkforceSpec::exhaustion_per_excess_occupancy)
      .def_readwrite("occupancy_threshold", &WorkforceSpec::occupancy_threshold)
      .def_readwrite("exhaustion_per_compression", &WorkforceSpec::exhaustion_per_compression)
      .def_readwrite("engagement_decay_s", &WorkforceSpec::engagement_decay_s)
      .def_readwrite("engagement_exhaustion_loss", &WorkforceSpec::engagement_exhaustion_loss)
      .def_readwrite("engagement_pressure_loss", &WorkforceSpec::engagement_pressure_loss)
      .def_readwrite("absence_exhaustion_effect", &WorkforceSpec::absence_exhaustion_effect)
      .def_readwrite("quit_exhaustion_effect", &WorkforceSpec::quit_exhaustion_effect)
      .def_readwrite("quit_engagement_effect", &WorkforceSpec::quit_engagement_effect)
      .def_readwrite("recognition", &WorkforceSpec::recognition);
  py::class_<MoneySpec>(m, "MoneySpec")
      .def(py::init<>())
      .def_readwrite("wage_per_hour", &MoneySpec::wage_per_hour)
      .def_readwrite("cost_per_hire", &MoneySpec::cost_per_hire)
      .def_readwrite("cost_per_ivr_minute", &MoneySpec::cost_per_ivr_minute)
      .def_readwrite("cost_per_queue_minute", &MoneySpec::cost_per_queue_minute)
      .def_readwrite("customer_lifetime_months", &MoneySpec::customer_lifetime_months)
      .def_readwrite("cost_per_award", &MoneySpec::cost_per_award);
  py::class_<PolicySpec>(m, "PolicySpec")
      .def(py::init<>())
      .def_readwrite("aht_target_s", &PolicySpec::aht_target_s)
      .def_readwrite("aht_compression", &PolicySpec::aht_compression)
      .def_readwrite("compression_resolution_effect", &PolicySpec::compression_resolution_effect);
  py::class_<CustomerSpec>(m, "CustomerSpec")
      .def(py::init<>())
      .def_readwrite("enabled", &CustomerSpec::enabled)
      .def_readwrite("count", &CustomerSpec::count)
      .def_readwrite("issues_per_customer_per_s", &CustomerSpec::issues_per_customer_per_s)
      .def_readwrite("value_mean", &CustomerSpec::value_mean)
      .def_readwrite("value_cv", &CustomerSpec::value_cv)
      .def_readwrite("fcr", &CustomerSpec::fcr)
      .def_readwrite("new_hire_fcr_penalty", &CustomerSpec::new_hire_fcr_penalty)
      .def_readwrite("transfer_fcr_penalty", &CustomerSpec::transfer_fcr_penalty)
      .def_readwrite("recontact_probability", &CustomerSpec::recontact_probability)
      .def_readwrite("recontact_delay", &CustomerSpec::recontact_delay)
      .def_readwrite("repeat_handle_factor", &CustomerSpec::repeat_handle_factor)
      .def_readwrite("churn_first_contact", &CustomerSpec::churn_first_contact)
      .def_readwrite("churn_resolved_later", &CustomerSpec::churn_resolved_later)
      .def_readwrite("churn_unresolved", &CustomerSpec::churn_unresolved)
      .def_readwrite("churn_effort_coefficient", &CustomerSpec::churn_effort_coefficient)
      .def_readwrite("effort_reference", &CustomerSpec::effort_reference)
      .def_readwrite("effort_wait_unit_s", &CustomerSpec::effort_wait_unit_s)
      .def_readwrite("baseline_churn_per_s", &CustomerSpec::baseline_churn_per_s)
      .def_readwrite("acquisitions_per_s", &CustomerSpec::acquisitions_per_s)
      .def_readwrite("resolution_exhaustion_effect", &CustomerSpec::resolution_exhaustion_effect)
      .def_readwrite("resolution_engagement_effect", &CustomerSpec::resolution_engagement_effect)
      .def_readwrite("resolution_hostile_effect", &CustomerSpec::resolution_hostile_effect);
  py::class_<ScenarioSpec>(m, "ScenarioSpec")
      .def(py::init<>())
      .def_readwrite("horizon_s", &ScenarioSpec::horizon_s)
      .def_readwrite("warmup_s", &ScenarioSpec::warmup_s)
      .def_readwrite("interval_s", &ScenarioSpec::interval_s)
      .def_readwrite("start_weekday", &ScenarioSpec::start_weekday)
      .def_readwrite("service_level_s", &ScenarioSpec::service_level_s)
      .def_readwrite("short_abandon_s", &ScenarioSpec::short_abandon_s)
      .def_readwrite("arrivals", &ScenarioSpec::arrivals)
      .def_readwrite("call_types", &ScenarioSpec::call_types)
      .def_readwrite("ivr", &ScenarioSpec::ivr)
      .def_readwrite("redial", &ScenarioSpec::redial)
      .def_readwrite("after_call_work_s", &ScenarioSpec::after_call_work_s)
      .def_readwrite("hostile_probability", &ScenarioSpec::hostile_probability)
      .def_readwrite("shifts", &ScenarioSpec::shifts)
      .def_readwrite("workforce", &ScenarioSpec::workforce)
      .def_readwrite("customers", &ScenarioSpec::customers)
      .def_readwrite("policy", &ScenarioSpec::policy)
      .def_readwrite("money", &ScenarioSpec::money)
      .def_readwrite("satisfaction", &ScenarioSpec::satisfaction);
}

}  // namespace cxsim::bindings
