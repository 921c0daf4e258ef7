// Replications in parallel, KPI aggregation, and the optional results file.
#include "models/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <memory>
#include <stdexcept>

#include "models/contact_centre.hpp"
#include "models/kpi.hpp"
#include "models/results_file.hpp"
#include "models/workforce.hpp"

namespace cxsim::models {

namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// Fills out[metric][rep][period] from counters[rep] laid out [period][counter].
void derive(const std::vector<std::vector<double>>& counters, std::size_t periods, double period_s,
            const MoneySpec& money, std::vector<double>& out) {
  const auto all = metrics();
  const std::size_t reps = counters.size();
  out.assign(all.size() * reps * periods, 0.0);
  for (std::size_t r = 0; r < reps; ++r)
    for (std::size_t p = 0; p < periods; ++p) {
      Counters c;
      std::copy_n(counters[r].begin() + p * kCounterCount, kCounterCount, c.begin());
      for (std::size_t m = 0; m < all.size(); ++m)
        out[(m * reps + r) * periods + p] = all[m].value(c, period_s, money);
    }
}

// Quartiles (linear interpolation) of engagement and exhaustion over the active employees
// (working or absent) of each replication and day.
void quartiles(RunResult& result, const std::vector<std::vector<float>>& panels) {
  if (result.agents == 0) return;
  const std::size_t fields = Workforce::kPanelFields, agents = result.agents, reps = panels.size();
  const std::size_t days = panels[0].size() / (fields * agents);
  result.daily_quartiles.assign(6 * reps * days, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> values;
  for (std::size_t r = 0; r < reps; ++r)
    for (std::size_t d = 0; d < days; ++d)
      for (std::size_t which = 0; which < 2; ++which) {  // 0 engagement, 1 exhaustion
        values.clear();
        for (std::size_t a = 0; a < agents; ++a) {
          const float* row = &panels[r][(d * agents + a) * fields];
          if (row[7] <= 1.0f) values.push_back(row[which]);  // status 0 working or 1 absent
        }
        if (values.empty()) continue;
        std::sort(values.begin(), values.end());
        for (std::size_t q = 0; q < 3; ++q) {
          const double x = 0.25 * static_cast<double>(q + 1) * static_cast<double>(values.size() - 1);
          const auto i = static_cast<std::size_t>(x);
          const double v = i + 1 < values.size() ? values[i] + (x - i) * (values[i + 1] - values[i]) : values[i];
          result.daily_quartiles[((which * 3 + q) * reps + r) * days + d] = v;
        }
      }
}

}  // namespace

RunResult run(const ScenarioSpec& spec, const RunOptions& options, sim::Progress* progress) {
  if (options.replications == 0) throw std::invalid_argument("replications must be >= 1");
  if (options.call_log && options.output.empty())
    throw std::invalid_argument("the call log needs an output file");
  if (options.customer_summary && options.output.empty())
    throw std::invalid_argument("the customer summary needs an output file");

  RunResult result;
  result.started_utc = utc_now();
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<ResultsFile> file;
  if (!options.output.empty()) file = std::make_unique<ResultsFile>(options.output, options.call_log);

  const std::uint32_t reps = options.replications;
  std::vector<std::vector<double>> counters(reps);
  std::vector<std::vector<float>> panels(reps);
  std::vector<std::uint64_t> events(reps);
  std::vector<std::vector<double>> segment_totals(reps);
  sim::run_replications(reps, options.threads, [&](std::uint32_t r) {
    auto sink = file ? file->call_log(r) : nullptr;
    ContactCentre centre(spec, options.seed, r, sink.get(), progress);
    counters[r] = centre.run();
    events[r] = centre.events();
    if (spec.customers.enabled) segment_totals[r] = centre.customers().segment_totals();
    panels[r] = std::move(centre.agent_panel());
    if (sink) sink->flush();
    if (file && options.customer_summary) file->write_customers(r, centre.customers(), horizon_s(spec));
  });
  if (spec.workforce.enabled) {
    result.agents = seat_count(spec);
    for (auto& p : panels) result.agent_panel.insert(result.agent_panel.end(), p.begin(), p.end());
  }
  quartiles(result, panels);

  result.replications = reps;
  if (spec.customers.enabled) {
    for (const auto& s : segments(spec.customers)) result.segments.push_back(s.name);
    for (auto& t : segment_totals) result.segment_totals.insert(result.segment_totals.end(), t.begin(), t.end());
  }
  for (std::uint64_t e : events) result.events += e;
  result.interval_s = interval_s(spec);
  result.intervals = static_cast<std::uint32_t>(counters[0].size() / kCounterCount);
  const auto per_day = static_cast<std::size_t>(std::llround(kSecondsPerDay / result.interval_s));
  result.first_reported_interval =
      static_cast<std::uint32_t>(std::ceil(warmup_s(spec) / result.interval_s - 1e-9));
  derive(counters, result.intervals, result.interval_s, spec.money, result.interval_metrics);

  std::vector<std::vector<double>> daily(reps), total(reps);
  for (std::uint32_t r = 0; r < reps; ++r) {
    daily[r] = sum_groups(counters[r], per_day);
    const Counters sum = sum_from(counters[r], result.first_reported_interval);
    total[r].assign(sum.begin(), sum.end());
  }
  result.days = static_cast<std::uint32_t>(daily[0].size() / kCounterCount);
  derive(daily, result.days, kSecondsPerDay, spec.money, result.daily_metrics);
  derive(total, 1, horizon_s(spec) - result.first_reported_interval * result.interval_s, spec.money,
         result.run_metrics);
  for (std::size_t m = 0; m < metrics().size(); ++m)
    result.summary.push_back(sim::summarize(
        std::span<const double>(result.run_metrics.data() + m * reps, reps)));

  result.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (file) file->commit(result, spec, options);
  return result;
}

}  // namespace cxsim::models
