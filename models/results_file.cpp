// Writes a run's results in the netCDF-4 layout described in docs/results.md.
#include "models/results_file.hpp"

#include <string>

#include "git_revision.hpp"  // generated at build time
#include "models/customers.hpp"
#include "models/kpi.hpp"
#include "models/workforce.hpp"

namespace cxsim::models {

namespace {
constexpr std::size_t kCallChunk = 1 << 15;

// The agent panel's fields, in Workforce::panel's order: name, units, meaning.
const char* const kPanelNames[Workforce::kPanelFields][3] = {
    {"engagement", "1", "engagement during the day (SD from baseline)"},
    {"exhaustion", "1", "exhaustion during the day (1 is typical)"},
    {"tenure_days", "day", "tenure at the end of the day (NaN: seat vacant)"},
    {"calls", "1", "calls handled during the day"},
    {"aht_s", "s", "mean handle time of the day's calls"},
    {"fcr", "1", "share of the day's calls that resolved the issue"},
    {"praise", "1", "customer praise passed on to the agent that day"},
    {"status", "1", "0 working, 1 absent, 2 in training, 3 seat vacant"},
};

std::string replication_name(std::uint32_t r) {
  std::string digits = std::to_string(r);
  return "replication_" + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

// One variable per metric over (replication, period).
void write_metrics(sim::h5::Group& g, const std::vector<double>& values, std::uint32_t reps,
                   std::size_t periods, const char* period_dim) {
  const auto all = metrics();
  for (std::size_t m = 0; m < all.size(); ++m) {
    const std::span<const double> slice(values.data() + m * reps * periods, reps * periods);
    std::vector<std::string> dims{"replication"};
    if (period_dim) dims.emplace_back(period_dim);
    g.variable(all[m].name, dims, slice, all[m].units, all[m].long_name);
  }
}

void replication_dimension(sim::h5::Group& g, std::uint32_t reps) {
  std::vector<std::int64_t> index(reps);
  for (std::uint32_t r = 0; r < reps; ++r) index[r] = r;
  g.dimension("replication", index, "1", "replication index");
}
}  // namespace

ResultsFile::ResultsFile(const std::filesystem::path& path, bool call_log) : file_(path) {
  if (call_log) {
    calls_.emplace(file_.root().subgroup("calls"));
    calls_->attribute("outcome_codes", std::string("0=answered 1=abandoned 2=contained 3=in_system"));
  }
}

ResultsFile::CallLogSink::CallLogSink(const sim::h5::Group& calls, std::uint32_t replication)
    : table_(calls, replication_name(replication), call_record_fields(), sizeof(CallRecord),
             kCallChunk) {
  buffer_.reserve(kCallChunk);
}

void ResultsFile::CallLogSink::record(const CallRecord& r) {
  buffer_.push_back(r);
  if (buffer_.size() == kCallChunk) flush();
}

void ResultsFile::CallLogSink::flush() {
  table_.append(buffer_.data(), buffer_.size());
  buffer_.clear();
}

namespace {
struct CustomerRecord {
  std::uint32_t customer;
  float value;          // monthly
  float churn_day;      // NaN if still active
  float effort;
  float tenure_days;    // at churn, or at the horizon if still active
  std::uint16_t issues, contacts, unresolved;
  std::uint8_t churned;
  std::uint8_t segment;  // index into the scenario's customers.segments
};
}  // namespace

void ResultsFile::write_customers(std::uint32_t replication, const CustomerBase& customers,
                                  double horizon_s) {
  using sim::h5::FieldType;
  static const sim::h5::Field fields[] = {
      {"customer", offsetof(CustomerRecord, customer), FieldType::U32},
      {"value_monthly", offsetof(CustomerRecord, value), FieldType::F32},
      {"churn_day", offsetof(CustomerRecord, churn_day), FieldType::F32},
      {"effort", offsetof(CustomerRecord, effort), FieldType::F32},
      {"tenure_days", offsetof(CustomerRecord, tenure_days), FieldType::F32},
      {"issues", offsetof(CustomerRecord, issues), FieldType::U16},
      {"contacts", offsetof(CustomerRecord, contacts), FieldType::U16},
      {"unresolved", offsetof(CustomerRecord, unresolved), FieldType::U16},
      {"churned", offsetof(CustomerRecord, churned), FieldType::U8},
      {"segment", offsetof(CustomerRecord, segment), FieldType::U8},
  };
  {
    std::lock_guard<std::mutex> lock(customers_mutex_);
    if (!customers_) customers_.emplace(file_.root().subgroup("customers"));
  }
  sim::h5::Table table(*customers_, replication_name(replication), fields, sizeof(CustomerRecord), kCallChunk);
  std::vector<CustomerRecord> chunk;
  chunk.reserve(kCallChunk);
  for (std::uint32_t c = 0; c < customers.size(); ++c) {
    const double end = customers.churned(c) ? customers.churn_time_s(c) : horizon_s;
    chunk.push_back(CustomerRecord{c, customers.value(c),
                                   static_cast<float>(customers.churn_time_s(c) / kSecondsPerDay),
                                   customers.effort(c),
                                   static_cast<float>((end - customers.joined_s(c)) / kSecondsPerDay),
                                   customers.issues(c), customers.contacts(c),
                                   customers.unresolved(c), static_cast<std::uint8_t>(customers.churned(c)),
                                   customers.segment(c)});
    if (chunk.size() == kCallChunk) {
      table.append(chunk.data(), chunk.size());
      chunk.clear();
    }
  }
  table.append(chunk.data(), chunk.size());
}

std::unique_ptr<ResultsFile::CallLogSink> ResultsFile::call_log(std::uint32_t replication) {
  if (!calls_) return nullptr;
  return std::make_unique<CallLogSink>(*calls_, replication);
}

void ResultsFile::commit(const RunResult& result, const ScenarioSpec& spec,
                         const RunOptions& options) {
  sim::h5::Group& root = file_.root();
  root.attribute("title", std::string("cxsim contact-centre simulation results"));
  root.attribute("cxsim_version", std::string(CXSIM_VERSION));
  root.attribute("git_revision", std::string(CXSIM_GIT_REVISION));
  root.attribute("root_seed", static_cast<std::int64_t>(options.seed));
  root.attribute("replications", static_cast<std::int64_t>(result.replications));
  root.attribute("started_utc", result.started_utc);
  root.attribute("wall_time_s", result.wall_time_s);
  root.attribute("events", static_cast<std::int64_t>(result.events));
  root.attribute("horizon_s", horizon_s(spec));
  root.attribute("warmup_s", warmup_s(spec));
  root.attribute("service_level_threshold_s", spec.simulation.service_level_threshold_s);
  for (const auto& [key, value] : options.attributes) root.attribute(key, value);

  const std::uint32_t reps = result.replications;
  {
    sim::h5::Group g = root.subgroup("intervals");
    replication_dimension(g, reps);
    std::vector<double> starts(result.intervals);
    for (std::uint32_t i = 0; i < result.intervals; ++i) starts[i] = i * result.interval_s;
    g.dimension("interval", starts, "s", "start of the interval since the simulation start");
    g.attribute("interval_s", result.interval_s);
    g.attribute("first_reported_interval", static_cast<std::int64_t>(result.first_reported_interval));
    write_metrics(g, result.interval_metrics, reps, result.intervals, "interval");
  }
  {
    sim::h5::Group g = root.subgroup("daily");
    replication_dimension(g, reps);
    std::vector<std::int64_t> days(result.days);
    for (std::uint32_t d = 0; d < result.days; ++d) days[d] = d;
    g.dimension("day", days, "day", "day since the simulation start");
    write_metrics(g, result.daily_metrics, reps, result.days, "day");
    for (std::size_t q = 0; q < 6 && !result.daily_quartiles.empty(); ++q) {
      const std::span<const double> slice(result.daily_quartiles.data() + q * reps * result.days, reps * result.days);
      g.variable(kQuartileNames[q], {"replication", "day"}, slice, "1", "quartile over active employees");
    }
  }
  {
    sim::h5::Group g = root.subgroup("replications");
    replication_dimension(g, reps);
    g.attribute("period", std::string("the horizon after the warm-up"));
    write_metrics(g, result.run_metrics, reps, 1, nullptr);
  }
  if (result.agents > 0) {
    sim::h5::Group g = root.subgroup("agents");
    replication_dimension(g, reps);
    std::vector<std::int64_t> days(result.days), seats(result.agents);
    for (std::uint32_t d = 0; d < result.days; ++d) days[d] = d;
    for (std::uint32_t a = 0; a < result.agents; ++a) seats[a] = a;
    g.dimension("day", days, "day", "day since the simulation start");
    g.dimension("agent", seats, "1", "seat index (shifts in scenario order)");
    const std::size_t fields = Workforce::kPanelFields;
    const std::size_t cells = result.agent_panel.size() / fields;
    for (std::size_t f = 0; f < fields; ++f) {
      std::vector<double> column(cells);
      for (std::size_t i = 0; i < cells; ++i) column[i] = result.agent_panel[i * fields + f];
      g.variable(kPanelNames[f][0], {"replication", "day", "agent"}, column, kPanelNames[f][1], kPanelNames[f][2]);
    }
  }
  if (!result.segments.empty()) {
    sim::h5::Group g = root.subgroup("segments");
    replication_dimension(g, reps);
    g.dimension("segment", result.segments, "customer segment");
    g.attribute("period", std::string("the whole horizon, at its end"));
    const std::size_t cells = result.segment_totals.size() / kSegmentFieldCount;
    for (std::size_t f = 0; f < kSegmentFieldCount; ++f) {
      std::vector<double> column(cells);
      for (std::size_t i = 0; i < cells; ++i) column[i] = result.segment_totals[i * kSegmentFieldCount + f];
      g.variable(kSegmentFields[f][0], {"replication", "segment"}, column, kSegmentFields[f][1], kSegmentFields[f][2]);
    }
  }
  {
    sim::h5::Group g = root.subgroup("summary");
    std::vector<std::string> names;
    for (const auto& m : metrics()) names.emplace_back(m.name);
    g.dimension("metric", names, "KPI name");
    g.attribute("confidence_level", 0.95);
    const std::size_t n = names.size();
    std::vector<double> mean(n), sd(n), lo(n), hi(n), count(n);
    for (std::size_t m = 0; m < n; ++m) {
      const auto& s = result.summary[m];
      mean[m] = s.mean;
      sd[m] = s.std;
      lo[m] = s.ci_low;
      hi[m] = s.ci_high;
      count[m] = static_cast<double>(s.n);
    }
    g.variable("mean", {"metric"}, mean, "", "mean over replications");
    g.variable("std", {"metric"}, sd, "", "standard deviation over replications");
    g.variable("ci95_low", {"metric"}, lo, "", "lower end of the 95% Student-t interval");
    g.variable("ci95_high", {"metric"}, hi, "", "upper end of the 95% Student-t interval");
    g.variable("n", {"metric"}, count, "1", "replications with a defined value");
  }
  calls_.reset();
  customers_.reset();
  file_.commit();
}

}  // namespace cxsim::models
