// Tours to employees, fewest hours this week first; overtime by offer.
#include "models/roster.hpp"

#include <algorithm>
#include <numeric>

#include "models/floor.hpp"

namespace cxsim::models {

Roster::Roster(const ScenarioSpec& spec, std::uint32_t employees)
    : spec_(spec), worked_s_(employees, 0.0), overtime_s_(employees, 0.0), order_(employees) {}

double Roster::overtime_left_s(std::uint32_t agent) const {
  return std::max(0.0, spec_.intraday.overtime_max_hours_week * 3600.0 - overtime_s_[agent]);
}

std::vector<Roster::Assignment> Roster::assign(const std::vector<Tour>& tours, double slot_s, bool week_start,
                                               const Workforce& workforce, sim::Engine& rng) {
  if (week_start) {
    std::fill(worked_s_.begin(), worked_s_.end(), 0.0);
    std::fill(overtime_s_.begin(), overtime_s_.end(), 0.0);
  }
  std::iota(order_.begin(), order_.end(), 0u);
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return worked_s_[a] < worked_s_[b]; });
  const double contract_s = spec_.workforce.contract_hours_week * 3600.0;
  std::vector<Assignment> out;
  out.reserve(tours.size());
  std::size_t next = 0;
  for (const Tour& tour : tours) {
    const double length = (tour.end - tour.start) * slot_s;
    Assignment a{kNone, 0.0};
    while (a.agent == kNone && next < order_.size()) {
      const std::uint32_t e = order_[next++];
      if (!workforce.available(e)) continue;
      const double overtime = std::max(0.0, worked_s_[e] + length - std::max(worked_s_[e], contract_s));
      if (overtime > 0.0 && !(overtime <= overtime_left_s(e) && sim::uniform(rng) < spec_.intraday.overtime_uptake))
        continue;
      a = {e, overtime};
      worked_s_[e] += length;
      overtime_s_[e] += overtime;
    }
    out.push_back(a);
  }
  return out;
}

}  // namespace cxsim::models
