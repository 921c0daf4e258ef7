// Replications in parallel, KPI aggregation into the results' layout, and the optional file.
#include "models/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <memory>
#include <stdexcept>

#include "git_revision.hpp"  // generated at build time
#include "models/contact_centre.hpp"
#include "models/kpi.hpp"
#include "models/results_file.hpp"
#include "models/workforce.hpp"
#include "sim/stats.hpp"

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

// Every metric of counters[rep] laid out [period][counter], as [metric][rep][period].
std::vector<double> derive(const std::vector<std::vector<double>>& counters, std::size_t periods, double period_s,
                           const MoneySpec& money) {
  const auto all = metrics();
  const std::size_t reps = counters.size();
  std::vector<double> out(all.size() * reps * periods, 0.0);
  for (std::size_t r = 0; r < reps; ++r)
    for (std::size_t p = 0; p < periods; ++p) {
      Counters c;
      std::copy_n(counters[r].begin() + p * kCounterCount, kCounterCount, c.begin());
      for (std::size_t m = 0; m < all.size(); ++m) out[(m * reps + r) * periods + p] = all[m].value(c, period_s, money);
    }
  return out;
}

// The per-type KPIs from per-type counters [replication][interval][type][kTypeCounters]:
// per interval, per day, and over the intervals from `first` (the run after the warm-up);
// laid out [metric][replication][period][type].
struct TypeKpis {
  std::vector<double> intervals, daily, run;
};
TypeKpis type_kpis(const std::vector<std::vector<double>>& rows, std::size_t types, std::size_t intervals,
                   std::size_t per_day, std::size_t first, double interval_s, const MoneySpec& money) {
  const auto& all = type_metrics();
  const std::size_t reps = rows.size(), days = (intervals + per_day - 1) / per_day, w = kTypeCounterCount;
  TypeKpis out{std::vector<double>(all.size() * reps * intervals * types),
               std::vector<double>(all.size() * reps * days * types), std::vector<double>(all.size() * reps * types)};
  const auto put = [&](std::vector<double>& v, std::size_t periods, std::size_t r, std::size_t p, std::size_t t,
                       const std::vector<double>& row, double seconds) {
    const Counters c = expand_type_row(row.data());
    for (std::size_t m = 0; m < all.size(); ++m)
      v[((m * reps + r) * periods + p) * types + t] = all[m].value(c, seconds, money);
  };
  for (std::size_t r = 0; r < reps; ++r)
    for (std::size_t t = 0; t < types; ++t) {
      std::vector<double> row(w), day(w, 0.0), total(w, 0.0);
      for (std::size_t i = 0; i < intervals; ++i) {
        const double* src = &rows[r][(i * types + t) * w];
        std::copy_n(src, w, row.begin());
        put(out.intervals, intervals, r, i, t, row, interval_s);
        for (std::size_t k = 0; k < w; ++k) {
          day[k] += src[k];
          if (i >= first) total[k] += src[k];
        }
        if ((i + 1) % per_day == 0 || i + 1 == intervals) {
          put(out.daily, days, r, i / per_day, t, day, kSecondsPerDay);
          std::fill(day.begin(), day.end(), 0.0);
        }
      }
      put(out.run, 1, r, 0, t, total, (intervals - first) * interval_s);
    }
  return out;
}

// Quartiles (linear interpolation) of engagement and exhaustion over the active employees
// (working or absent) of each replication and day, as variables of the daily group.
void add_quartiles(Dataset& daily, const std::vector<std::vector<float>>& panels, std::size_t seats) {
  const std::size_t fields = Workforce::kPanelFields, reps = panels.size();
  const std::size_t days = panels[0].size() / (fields * seats);
  std::vector<double> values;
  for (std::size_t which = 0; which < 2; ++which)  // the panel's fields 0 and 1
    for (std::size_t q = 0; q < 3; ++q) {
      std::vector<double> out(reps * days, std::numeric_limits<double>::quiet_NaN());
      for (std::size_t r = 0; r < reps; ++r)
        for (std::size_t d = 0; d < days; ++d) {
          values.clear();
          for (std::size_t a = 0; a < seats; ++a) {
            const float* row = &panels[r][(d * seats + a) * fields];
            const auto status = static_cast<Workforce::PanelStatus>(row[Workforce::kPanelStatusField]);
            if (status == Workforce::PanelStatus::Working || status == Workforce::PanelStatus::Absent)
              values.push_back(row[which]);
          }
          if (values.empty()) continue;
          std::sort(values.begin(), values.end());
          const double x = 0.25 * static_cast<double>(q + 1) * static_cast<double>(values.size() - 1);
          const auto i = static_cast<std::size_t>(x);
          out[r * days + d] = i + 1 < values.size() ? values[i] + (x - i) * (values[i + 1] - values[i]) : values[i];
        }
      daily.variables.push_back(Variable{std::string(kPanelLayout[which].name) + "_q" + std::to_string(25 * (q + 1)),
                                         {"replication", "day"},
                                         std::move(out),
                                         "1",
                                         "quartile over active employees"});
    }
}

}  // namespace

const Dataset& RunResult::group(const std::string& name) const {
  for (const Dataset& d : datasets)
    if (d.name == name) return d;
  throw std::out_of_range("no group " + name);
}

namespace {

RunResult run_and_write(const ScenarioSpec& spec, const RunOptions& options, sim::Progress* progress) {
  if (options.replications == 0) throw std::invalid_argument("replications must be >= 1");
  if (options.call_log && options.output.empty()) throw std::invalid_argument("the call log needs an output file");
  if (options.customer_summary && options.output.empty())
    throw std::invalid_argument("the customer summary needs an output file");
  check_holdable(spec, options.counterfactual);

  const std::string started = utc_now();
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> type_names, segment_names;
  for (const CallType& t : call_types(spec)) type_names.push_back(t.name);
  for (const Segment& s : segments(spec.customers)) segment_names.push_back(s.name);
  std::unique_ptr<ResultsFile> file;
  if (!options.output.empty())
    file = std::make_unique<ResultsFile>(options.output, options.call_log, type_names, segment_names);

  const std::uint32_t reps = options.replications;
  std::vector<std::vector<double>> counters(reps), type_counters(reps), segment_totals(reps), segment_days(reps);
  std::vector<std::vector<float>> panels(reps);
  std::vector<std::uint64_t> events(reps);
  sim::run_replications(reps, options.threads, [&](std::uint32_t r) {
    auto sink = file ? file->call_log(r) : nullptr;
    ContactCentre centre(spec, options.seed, options.first_replication + r, sink.get(), progress,
                         options.counterfactual);
    counters[r] = centre.run();
    type_counters[r] = centre.type_counters();
    events[r] = centre.events();
    if (spec.customers.enabled) {
      segment_totals[r] = centre.customers().segment_totals();
      segment_days[r] = std::move(centre.segment_days());
    }
    panels[r] = std::move(centre.agent_panel());
    if (sink) sink->flush();
    if (file && options.customer_summary) file->write_customers(r, centre.customers(), horizon_s(spec));
  });

  const double interval = interval_s(spec);
  const auto intervals = static_cast<std::uint32_t>(counters[0].size() / kCounterCount);
  const auto per_day = static_cast<std::size_t>(std::llround(kSecondsPerDay / interval));
  const auto first_reported = static_cast<std::uint32_t>(std::ceil(warmup_s(spec) / interval - 1e-9));
  std::vector<std::vector<double>> daily(reps), total(reps);
  for (std::uint32_t r = 0; r < reps; ++r) {
    daily[r] = sum_groups(counters[r], per_day);
    const Counters sum = sum_from(counters[r], first_reported);
    total[r].assign(sum.begin(), sum.end());
  }
  const auto days = static_cast<std::uint32_t>(daily[0].size() / kCounterCount);
  const double reported_s = horizon_s(spec) - first_reported * interval;
  const std::vector<double> per_run = derive(total, 1, reported_s, spec.money);

  RunResult result;
  result.replications = reps;
  Dataset root{"", {}, {}, {}};
  const Coordinate interval_dim = layout::interval(intervals, interval), day_dim = layout::day(days);
  const std::string& currency = spec.money.currency;
  Dataset by_interval =
      layout::metrics("intervals", derive(counters, intervals, interval, spec.money), reps, &interval_dim, currency);
  by_interval.attrs = {{"interval_s", interval}, {"first_reported_interval", std::int64_t{first_reported}}};
  Dataset by_day = layout::metrics("daily", derive(daily, days, kSecondsPerDay, spec.money), reps, &day_dim, currency);
  Dataset by_run = layout::metrics("replications", per_run, reps, nullptr, currency);
  by_run.attrs = {{"period", std::string("the horizon after the warm-up")}};
  std::vector<layout::Summary> summary;
  for (std::size_t m = 0; m < metrics().size(); ++m) {
    const auto s = sim::summarize(std::span<const double>(per_run.data() + m * reps, reps));
    const Metric& k = metrics()[m];  // an interval holds only values the metric can take
    summary.push_back(
        {s.mean, s.std, std::max(s.ci_low, k.lowest), std::min(s.ci_high, k.highest), static_cast<double>(s.n)});
  }
  result.datasets.push_back(std::move(root));
  result.datasets.push_back(std::move(by_interval));
  // The agent panel's seats (the same in every replication: they follow from the scenario).
  const auto seats = static_cast<std::uint32_t>(panels[0].size() / (std::size_t{days} * Workforce::kPanelFields));
  if (seats > 0) add_quartiles(by_day, panels, seats);
  result.datasets.push_back(std::move(by_day));
  result.datasets.push_back(std::move(by_run));
  const TypeKpis typed =
      type_kpis(type_counters, type_names.size(), intervals, per_day, first_reported, interval, spec.money);
  result.datasets.push_back(
      layout::call_types("call_types_intervals", typed.intervals, reps, &interval_dim, type_names, currency));
  result.datasets.push_back(layout::call_types("call_types_daily", typed.daily, reps, &day_dim, type_names, currency));
  Dataset typed_run = layout::call_types("call_types", typed.run, reps, nullptr, type_names, currency);
  typed_run.attrs = {{"period", std::string("the horizon after the warm-up")}};
  result.datasets.push_back(std::move(typed_run));
  if (seats > 0) {
    std::vector<float> panel;
    for (const auto& p : panels) panel.insert(panel.end(), p.begin(), p.end());
    result.datasets.push_back(layout::agents(panel, reps, days, seats));
  }
  if (spec.customers.enabled) {
    std::vector<double> totals;
    for (const auto& t : segment_totals) totals.insert(totals.end(), t.begin(), t.end());
    result.datasets.push_back(layout::segments(totals, reps, segment_names, currency));
    std::vector<double> by_day;
    for (const auto& d : segment_days) by_day.insert(by_day.end(), d.begin(), d.end());
    result.datasets.push_back(layout::segments_daily(by_day, reps, days, segment_names));
  }
  result.datasets.push_back(layout::summary(summary));
  for (Dataset& d : result.datasets) layout::add_time_coordinates(d, start_weekday(spec));

  std::uint64_t all_events = 0;
  for (std::uint64_t e : events) all_events += e;
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.datasets.front().attrs = {
      {"Conventions", std::string(kConventions)},
      {"title", std::string(kRunTitle)},
      {"root_seed", std::uint64_t{options.seed}},  // unsigned: 2^64 − 1 must not read back as −1
      {"replications", std::int64_t{reps}},
      {"started_utc", started},
      {"wall_time_s", wall_s},
      {"events", static_cast<std::int64_t>(all_events)},
      {"horizon_s", horizon_s(spec)},
      {"warmup_s", warmup_s(spec)},
      {"service_level_threshold_s", spec.simulation.service_level_threshold_s},
  };
  auto& attrs = result.datasets.front().attrs;
  for (const auto& [key, value] : provenance()) attrs.emplace_back(key, value);
  for (const auto& [key, value] : options.attributes) attrs.emplace_back(key, value);
  if (file) file->commit(result.datasets);
  return result;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> provenance() {
  return {{"cxsim_version", CXSIM_VERSION}, {"git_revision", CXSIM_GIT_REVISION}};
}

RunResult run(const ScenarioSpec& spec, const RunOptions& options, sim::Progress* progress) {
  try {
    return run_and_write(spec, options, progress);
  } catch (const sim::h5::Error& e) {  // from any thread: reported once, naming the file
    throw sim::h5::Error("cannot write " + options.output + ": " + e.what());
  }
}

}  // namespace cxsim::models
