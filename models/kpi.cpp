// The KPI definitions; docs/results.md states each in words.
#include "models/kpi.hpp"

#include <string_view>

#include <limits>

namespace cxsim::models {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double ratio(double num, double den) { return den > 0.0 ? num / den : std::numeric_limits<double>::quiet_NaN(); }

template <Counter C>
double count(const Counters& c, double, const MoneySpec&) {
  return c[C];
}

double labour(const Counters& c, const MoneySpec& m) {
  return ((c[kStaffedAgentS] + c[kOffPhoneAgentS]) + (m.overtime_premium - 1.0) * c[kOvertimeAgentS]) / 3600.0 *
         m.wage_per_hour;
}
double hiring(const Counters& c, const MoneySpec& m) { return c[kHires] * m.cost_per_hire; }
double telephony(const Counters& c, const MoneySpec& m) {
  return c[kQueueCallS] / 60.0 * m.cost_per_queue_minute + c[kIvrCallS] / 60.0 * m.cost_per_ivr_minute;
}
double recognition(const Counters& c, const MoneySpec& m) { return c[kAwards] * m.cost_per_award; }
double revenue(const Counters& c) { return c[kActiveValueS] / kSecondsPerMonth; }

// clang-format off
const Metric kMetrics[] = {
  {"arrivals", "1", "attempts entering the system", count<kArrivals>},
  {"redials", "1", "attempts that are redials", count<kRedials>},
  {"contained", "1", "calls contained in IVR self-service", count<kContained>},
  {"zero_outs", "1", "calls that zeroed out of the IVR menu", count<kZeroOuts>},
  {"offered", "1", "calls offered to agents (left the IVR)", count<kOffered>},
  {"answered", "1", "offered calls answered", count<kAnswered>},
  {"abandoned", "1", "offered calls abandoned", count<kAbandoned>},
  {"abandoned_short", "1", "calls abandoned within the short-abandon threshold", count<kAbandonedShort>},
  {"transferred", "1", "misrouted calls answered and transferred", count<kTransferred>},
  {"in_system_at_end", "1", "attempts still in the IVR or queue at the horizon",
   [](const Counters& c, double, const MoneySpec&) { return c[kInIvrAtEnd] + c[kInQueueAtEnd]; }},
  {"handled", "1", "services completed", count<kHandled>},
  {"containment_rate", "1", "contained / arrivals",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kContained], c[kArrivals]); }, 0.0, 1.0},
  {"abandon_rate", "1", "abandoned / offered",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kAbandoned], c[kOffered]); }, 0.0, 1.0},
  {"p_wait", "1", "share of offered calls that found no free agent",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kWaited], c[kOffered]); }, 0.0, 1.0},
  {"asa_s", "s", "average speed of answer: mean wait of calls answered on the line (callbacks apart)",
   [](const Counters& c, double, const MoneySpec&) {
     return ratio(c[kWaitAnsweredS] - c[kCallbackWaitS], c[kAnswered] - c[kCallbacksAnswered]);
   }},
  {"callbacks_answered", "1", "callbacks made (callers who waited off the line)", count<kCallbacksAnswered>},
  {"callback_wait_s", "s", "mean time from a callback's acceptance to the call back",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kCallbackWaitS], c[kCallbacksAnswered]); }},
  {"mean_wait_s", "s", "mean wait of answered and abandoned calls",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kWaitAllS], c[kAnswered] + c[kAbandoned]); }},
  {"service_level", "1", "answered within the threshold / offered",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kAnsweredWithinSl], c[kOffered]); }, 0.0, 1.0},
  {"service_level_g1", "1",
   "answered within the threshold / (offered - abandoned within the threshold)",
   [](const Counters& c, double, const MoneySpec&) {
     return ratio(c[kAnsweredWithinSl], c[kOffered] - c[kAbandonedWithinSl]);
   }, 0.0, 1.0},
  {"service_level_g2", "1",
   "(answered within + abandoned within the threshold) / offered",
   [](const Counters& c, double, const MoneySpec&) {
     return ratio(c[kAnsweredWithinSl] + c[kAbandonedWithinSl], c[kOffered]);
   }, 0.0, 1.0},
  {"occupancy", "1", "busy agent time / staffed agent time",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kBusyAgentS], c[kStaffedAgentS]); }, 0.0, 1.0},
  {"aht_s", "s", "average handle time (talk + after-call work) of completed services",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kHandleTimeS], c[kHandled]); }},
  {"aht_first_contact_s", "s", "average handle time of first contacts about an issue (and of all calls without customers)",
   [](const Counters& c, double, const MoneySpec&) {
     return ratio(c[kHandleTimeS] - c[kHandleTimeRepeatS], c[kHandled] - c[kHandledRepeat]);
   }},
  {"aht_repeat_s", "s", "average handle time of repeat contacts",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kHandleTimeRepeatS], c[kHandledRepeat]); }},
  {"agents_staffed", "1", "mean number of agents on shift",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kStaffedAgentS], s); }},
  {"queue_length", "1", "mean number of calls waiting",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kQueueCallS], s); }},
  {"agents_planned", "1", "mean agents the staffing table or plan wants on the phone",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kPlannedAgentS], s); }},
  {"agents_off_phone", "1", "mean agents on duty and off the phone (breaks, training, coaching)",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kOffPhoneAgentS], s); }},
  {"shrinkage", "1", "1 - (1 - absence rate) x (1 - off-phone share of agents on duty)",
   [](const Counters& c, double, const MoneySpec&) {
     return 1.0 - (1.0 - ratio(c[kAbsentAgentS], c[kActiveEmployeeS])) *
                      (1.0 - ratio(c[kOffPhoneAgentS], c[kStaffedAgentS] + c[kOffPhoneAgentS]));
   }, 0.0, 1.0},
  {"overtime_hours", "h", "agent-hours of overtime (beyond contracted hours or added intraday)",
   [](const Counters& c, double, const MoneySpec&) { return c[kOvertimeAgentS] / 3600.0; }},
  {"overtime_share", "1", "overtime / agent time on duty",
   [](const Counters& c, double, const MoneySpec&) {
     return ratio(c[kOvertimeAgentS], c[kStaffedAgentS] + c[kOffPhoneAgentS]);
   }, 0.0, 1.0},
  {"vto_hours", "h", "agent-hours of voluntary time off taken",
   [](const Counters& c, double, const MoneySpec&) { return c[kVtoAgentS] / 3600.0; }},
  {"tours_unfilled", "1", "rostered tours nobody could work", count<kToursUnfilled>},
  {"agents_quit", "1", "employees who quit", count<kQuits>},
  {"agents_hired", "1", "new hires who started", count<kHires>},
  {"headcount", "1", "mean employees (active or in training)",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kEmployedAgentS], s); }},
  {"agents_in_training", "1", "mean employees in training",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kTrainingAgentS], s); }},
  {"vacancies", "1", "mean seats without an employee",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kVacantSeatS], s); }},
  {"agents_absent", "1", "mean active employees absent for the day",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kAbsentAgentS], s); }},
  {"absence_rate", "1", "absent / active employees",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kAbsentAgentS], c[kActiveEmployeeS]); }, 0.0, 1.0},
  {"agent_attrition_rate", "1", "quits / mean headcount over the period",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kQuits], ratio(c[kEmployedAgentS], s)); }},
  {"agent_attrition_rate_annual", "1", "quits / mean headcount, per 365 days",
   [](const Counters& c, double s, const MoneySpec&) {
     return ratio(c[kQuits], ratio(c[kEmployedAgentS], s)) * 365.0 * 86400.0 / s;
   }},
  {"aht_target_s", "s", "time-average of the AHT target agents act on (0: none)",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kAhtTargetS], s); }},
  {"compression", "1", "mean share of needed talk time cut to meet the AHT target (completed services)",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kCompressionSum], c[kHandled]); }, 0.0, 1.0},
  {"issues", "1", "customer issues that led to a contact", count<kIssuesOpened>},
  {"fcr", "1", "issues resolved on the first contact / issues closed",
   [](const Counters& c, double, const MoneySpec&) {
     return ratio(c[kIssuesFirstContact],
                  c[kIssuesFirstContact] + c[kIssuesResolvedLater] + c[kIssuesUnresolved]);
   }, 0.0, 1.0},
  {"unresolved_rate", "1", "issues given up unresolved / issues closed",
   [](const Counters& c, double, const MoneySpec&) {
     return ratio(c[kIssuesUnresolved],
                  c[kIssuesFirstContact] + c[kIssuesResolvedLater] + c[kIssuesUnresolved]);
   }, 0.0, 1.0},
  {"repeat_contacts", "1", "contacts about an issue already contacted about", count<kRepeatContacts>},
  {"repeat_contact_rate", "1", "repeat contacts / all contacts (first and repeat)",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kRepeatContacts], c[kIssuesOpened] + c[kRepeatContacts]); }, 0.0, 1.0},
  {"customers_active", "1", "mean active customers",
   [](const Counters& c, double s, const MoneySpec&) { return ratio(c[kActiveCustomerS], s); }},
  {"customers_churned", "1", "customers who left (after an issue or otherwise)",
   [](const Counters& c, double, const MoneySpec&) { return c[kChurnedService] + c[kChurnedBaseline]; }},
  {"customers_churned_service", "1", "customers who left right after an issue", count<kChurnedService>},
  {"customers_acquired", "1", "new customers", count<kAcquired>},
  {"wom_positive", "1", "word-of-mouth mentions after resolved issues", count<kMentionsPositive>},
  {"wom_negative", "1", "word-of-mouth mentions after unresolved issues", count<kMentionsNegative>},
  {"issues_open_at_end", "1", "issues still open at the horizon (last interval only)", count<kIssuesOpenAtEnd>},
  {"customers_at_end", "1", "active customers at the horizon (last interval only)", count<kCustomersAtEnd>},
  {"customer_churn_rate", "1", "customers churned / mean active customers over the period",
   [](const Counters& c, double s, const MoneySpec&) {
     return ratio(c[kChurnedService] + c[kChurnedBaseline], ratio(c[kActiveCustomerS], s));
   }},
  {"customer_churn_rate_annual", "1", "customers churned / mean active customers, per 365 days",
   [](const Counters& c, double s, const MoneySpec&) {
     return ratio(c[kChurnedService] + c[kChurnedBaseline], ratio(c[kActiveCustomerS], s)) * 365.0 *
            86400.0 / s;
   }},
  {"cost_labour", "1", "agent-hours on duty x wage, overtime hours at the premium",
   [](const Counters& c, double, const MoneySpec& m) { return labour(c, m); }, 0.0, kInf, true},
  {"cost_hiring", "1", "new hires x cost per hire",
   [](const Counters& c, double, const MoneySpec& m) { return hiring(c, m); }, 0.0, kInf, true},
  {"cost_telephony", "1", "IVR and queue minutes x their prices",
   [](const Counters& c, double, const MoneySpec& m) { return telephony(c, m); }, 0.0, kInf, true},
  {"cost_recognition", "1", "manager and peer awards x cost per award",
   [](const Counters& c, double, const MoneySpec& m) { return recognition(c, m); }, 0.0, kInf, true},
  {"cost_total", "1", "labour + hiring + telephony + recognition",
   [](const Counters& c, double, const MoneySpec& m) {
     return labour(c, m) + hiring(c, m) + telephony(c, m) + recognition(c, m);
   }, 0.0, kInf, true},
  {"revenue", "1", "active customers' monthly value earned over the period",
   [](const Counters& c, double, const MoneySpec&) { return revenue(c); }, 0.0, kInf, true},
  {"revenue_lost", "1", "churned customers' value from churn to the horizon", count<kRevenueLost>, 0.0, kInf, true},
  {"lifetime_value_lost", "1", "churned customers' value over their expected remaining lifetime",
   [](const Counters& c, double, const MoneySpec& m) { return c[kValueChurned] * m.customer_lifetime_months; },
   0.0, kInf, true},
  {"net_value", "1", "revenue - cost_total",
   [](const Counters& c, double, const MoneySpec& m) {
     return revenue(c) - labour(c, m) - hiring(c, m) - telephony(c, m) - recognition(c, m);
   }, -kInf, kInf, true},
  {"csat_mean", "1", "mean satisfaction score (1-5) of answered calls",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kCsatSum], c[kCsatCount]); }, 1.0, 5.0},
  {"csat_top_box", "1", "share of answered calls scored 5",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kTopBox], c[kCsatCount]); }, 0.0, 1.0},
  {"recognitions", "1", "manager and peer awards", count<kAwards>},
  {"praise", "1", "customer praise captured, naming the agent", count<kPraise>},
  {"praise_forwarded", "1", "praise passed on to the agent", count<kPraiseForwarded>},
  {"complaints", "1", "customer complaints", count<kComplaints>},
  {"hostile_calls", "1", "completed services with a hostile caller", count<kHostileCalls>},
  {"callbacks", "1", "callers who accepted a callback instead of waiting", count<kCallbacks>},
  {"frustration_mean", "1", "mean frustration of callers when answered (completed services)",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kFrustrationSum], c[kHandled]); }},
  {"exhaustion_mean", "1", "mean exhaustion of active employees (1 is typical)",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kExhaustionSumS], c[kActiveEmployeeS]); }},
  {"engagement_mean", "1", "mean engagement of active employees (standard deviations from baseline)",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kEngagementSumS], c[kActiveEmployeeS]); }, -kInf, kInf},
  {"talk_time_multiplier", "1",
   "mean talk-time multiplier of active employees (skill spread and learning curve)",
   [](const Counters& c, double, const MoneySpec&) { return ratio(c[kMultiplierSumS], c[kActiveEmployeeS]); }},
};
// clang-format on

}  // namespace

std::span<const Metric> metrics() { return kMetrics; }

Counters expand_type_row(const double* row) {
  Counters c{};
  for (std::size_t i = 0; i < kTypeCounterCount; ++i) c[kTypeCounters[i]] = row[i];
  return c;
}

const std::vector<Metric>& type_metrics() {
  static const std::vector<Metric> out = [] {
    constexpr const char* kNames[] = {
        "arrivals", "contained",           "offered",      "answered",    "abandoned",          "transferred",
        "handled",  "containment_rate",    "abandon_rate", "asa_s",       "mean_wait_s",        "service_level",
        "aht_s",    "aht_first_contact_s", "aht_repeat_s", "compression", "callbacks_answered", "callback_wait_s"};
    std::vector<Metric> v;
    for (const char* name : kNames)
      for (const Metric& m : metrics())
        if (std::string_view(m.name) == name) v.push_back(m);
    return v;
  }();
  return out;
}

std::vector<double> sum_groups(std::span<const double> intervals, std::size_t group) {
  const std::size_t n = intervals.size() / kCounterCount;
  const std::size_t groups = (n + group - 1) / group;
  std::vector<double> out(groups * kCounterCount, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < kCounterCount; ++k)
      out[(i / group) * kCounterCount + k] += intervals[i * kCounterCount + k];
  return out;
}

Counters sum_from(std::span<const double> intervals, std::size_t first) {
  Counters total{};
  const std::size_t n = intervals.size() / kCounterCount;
  for (std::size_t i = first; i < n; ++i)
    for (std::size_t k = 0; k < kCounterCount; ++k) total[k] += intervals[i * kCounterCount + k];
  return total;
}

}  // namespace cxsim::models
