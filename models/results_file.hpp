// The results file of a run: metadata, KPIs per interval, day and replication, summary, call log.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include "models/call_log.hpp"
#include "models/customers.hpp"
#include "models/run.hpp"
#include "sim/h5_writer.hpp"

namespace cxsim::models {

class ResultsFile {
 public:
  ResultsFile(const std::filesystem::path& path, bool call_log);

  // A sink streaming one replication's call log to /calls/replication_NNNN in chunks;
  // flush() writes what is buffered.
  class CallLogSink : public CallSink {
   public:
    CallLogSink(const sim::h5::Group& calls, std::uint32_t replication);
    void record(const CallRecord& r) override;
    void flush();

   private:
    sim::h5::Table table_;
    std::vector<CallRecord> buffer_;
  };
  std::unique_ptr<CallLogSink> call_log(std::uint32_t replication);

  // Every customer's end-of-run summary to /customers/replication_NNNN, in chunks.
  void write_customers(std::uint32_t replication, const CustomerBase& customers, double horizon_s);

  // Writes the KPIs and metadata and renames the file into place.
  void commit(const RunResult& result, const ScenarioSpec& spec, const RunOptions& options);

 private:
  sim::h5::File file_;
  std::optional<sim::h5::Group> calls_, customers_;
  std::mutex customers_mutex_;
};

}  // namespace cxsim::models
