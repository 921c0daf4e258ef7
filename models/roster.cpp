// Tours to employees, fewest hours this week first; overtime by offer.
#include "models/roster.hpp"

#include <algorithm>
#include <numeric>

#include "models/floor.hpp"

namespace cxsim::models {

Roster::Roster(const ScenarioSpec& spec, std::uint32_t employees)
    : spec_(spec), worked_s_(employees, 0.0), overtime_s_(employees, 0.0), days_off_(employees, 0), order_(employees) {}

void Roster::start_week(const std::vector<double>& tours, const Workforce& workforce) {
  std::fill(worked_s_.begin(), worked_s_.end(), 0.0);
  std::fill(overtime_s_.begin(), overtime_s_.end(), 0.0);
  const std::uint32_t off_days = 7 - static_cast<std::uint32_t>(spec_.workforce.contract_days_week);
  const double present = spec_.workforce.enabled ? 1.0 - spec_.workforce.absence_probability : 1.0;
  std::vector<double> spare(7);  // employees working each day, less the tours grossed up for absence
  const auto employees = static_cast<std::uint32_t>(days_off_.size());
  std::uint32_t staff = 0;
  for (std::uint32_t e = 0; e < employees; ++e) staff += workforce.employed(e) ? 1 : 0;
  for (std::uint32_t d = 0; d < 7; ++d) spare[d] = staff - tours[d] / present;
  std::vector<std::uint32_t> days(7);
  for (std::uint32_t e = 0; e < employees; ++e) {
    days_off_[e] = 0;
    if (!workforce.employed(e)) continue;
    std::iota(days.begin(), days.end(), 0u);
    std::stable_sort(days.begin(), days.end(), [&](std::uint32_t a, std::uint32_t b) { return spare[a] > spare[b]; });
    for (std::uint32_t i = 0; i < off_days; ++i) {
      days_off_[e] |= static_cast<std::uint8_t>(1u << days[i]);
      spare[days[i]] -= 1.0;
    }
  }
}

double Roster::overtime_left_s(std::uint32_t agent) const {
  return std::max(0.0, spec_.intraday.overtime_max_hours_week * 3600.0 - overtime_s_[agent]);
}

std::vector<Roster::Assignment> Roster::assign(const std::vector<Tour>& tours, double slot_s, std::uint32_t day,
                                               const Workforce& workforce, sim::Engine& rng) {
  std::iota(order_.begin(), order_.end(), 0u);
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return worked_s_[a] < worked_s_[b]; });
  const double contract_s = spec_.workforce.contract_hours_week * 3600.0;
  std::vector<Assignment> out;
  out.reserve(tours.size());
  std::size_t next = 0, called = 0;
  for (const Tour& tour : tours) {
    const double length = (tour.end - tour.start) * slot_s;
    Assignment a{kNone, 0.0};
    const auto offer = [&](std::uint32_t e, bool day_off) {
      const double overtime =
          day_off ? length : std::max(0.0, worked_s_[e] + length - std::max(worked_s_[e], contract_s));
      if (overtime > 0.0 && !(overtime <= overtime_left_s(e) && sim::uniform(rng) < spec_.intraday.overtime_uptake))
        return;
      a = {e, overtime};
      worked_s_[e] += length - overtime;  // contracted hours worked
      overtime_s_[e] += overtime;
    };
    while (a.agent == kNone && next < order_.size()) {  // those working today, fewest hours first
      const std::uint32_t e = order_[next++];
      if (workforce.available(e) && !(days_off_[e] >> day & 1u)) offer(e, false);
    }
    while (a.agent == kNone && called < order_.size()) {  // then called in on a day off, as overtime
      const std::uint32_t e = order_[called++];
      if (workforce.available(e) && (days_off_[e] >> day & 1u)) offer(e, true);
    }
    out.push_back(a);
  }
  return out;
}

}  // namespace cxsim::models
