// Writes a run's results in the netCDF-4 layout described in docs/results.md.
#include "models/results_file.hpp"

#include <string>
#include <type_traits>
#include <variant>

namespace cxsim::models {

namespace {
constexpr std::size_t kCallChunk = 1 << 15;

void write_attributes(sim::h5::Attributes to, const Attributes& attrs) {
  for (const auto& [name, value] : attrs) std::visit([&](const auto& v) { to.set(name, v); }, value);
}

std::string replication_name(std::uint32_t r) {
  std::string digits = std::to_string(r);
  return "replication_" + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

}  // namespace

ResultsFile::ResultsFile(const std::filesystem::path& path, bool call_log, const std::vector<std::string>& call_types,
                         const std::vector<std::string>& segments)
    : file_(path), segments_(segments) {
  if (call_log) {
    calls_.emplace(file_.root().subgroup("calls"));
    write_attributes(calls_->attributes(), code_table("outcome", outcome_names()));
    write_attributes(calls_->attributes(), code_table("call_type", call_types));
  }
}

ResultsFile::CallLogSink::CallLogSink(const sim::h5::Group& calls, std::uint32_t replication)
    : table_(calls, replication_name(replication), call_record_fields(), sizeof(CallRecord), kCallChunk) {
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
  float value;      // monthly
  float churn_day;  // NaN if still active
  float effort;
  float tenure_days;  // at churn, or at the horizon if still active
  std::uint16_t issues, contacts, unresolved;
  std::uint8_t churned;
  std::uint8_t segment;  // code: see the group's segment_categories
};
}  // namespace

void ResultsFile::write_customers(std::uint32_t replication, const CustomerBase& customers, double horizon_s) {
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
    if (!customers_) {
      customers_.emplace(file_.root().subgroup("customers"));
      write_attributes(customers_->attributes(), code_table("segment", segments_));
    }
  }
  sim::h5::Table table(*customers_, replication_name(replication), fields, sizeof(CustomerRecord), kCallChunk);
  std::vector<CustomerRecord> chunk;
  chunk.reserve(kCallChunk);
  for (std::uint32_t c = 0; c < customers.size(); ++c) {
    const double end = customers.churned(c) ? customers.churn_time_s(c) : horizon_s;
    chunk.push_back(CustomerRecord{
        c, customers.value(c), static_cast<float>(customers.churn_time_s(c) / kSecondsPerDay), customers.effort(c),
        static_cast<float>((end - customers.joined_s(c)) / kSecondsPerDay), customers.issues(c), customers.contacts(c),
        customers.unresolved(c), static_cast<std::uint8_t>(customers.churned(c)), customers.segment(c)});
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

void ResultsFile::commit(const std::vector<Dataset>& datasets) {
  for (const Dataset& d : datasets) {
    std::optional<sim::h5::Group> sub;
    if (!d.name.empty()) sub.emplace(file_.root().subgroup(d.name));
    sim::h5::Group& g = sub ? *sub : file_.root();
    write_attributes(g.attributes(), d.attrs);
    for (const Coordinate& c : d.dims) {
      if (const auto* text = std::get_if<std::vector<std::string>>(&c.values))
        g.dimension(c.name, *text, c.long_name);
      else
        std::visit(
            [&](const auto& v) {
              if constexpr (!std::is_same_v<std::decay_t<decltype(v)>, std::vector<std::string>>)
                g.dimension(c.name, v, c.units, c.long_name);
            },
            c.values);
    }
    for (const Variable& v : d.variables) {
      const sim::h5::Handle variable = g.variable(v.name, v.dims, v.data, v.units, v.long_name);
      write_attributes(sim::h5::Attributes(variable.id()), v.attrs);
    }
  }
  calls_.reset();
  customers_.reset();
  file_.commit();
}

}  // namespace cxsim::models
