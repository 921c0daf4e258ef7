// The results file of a run: its laid-out groups, the call log and the customer summary.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "models/call_log.hpp"
#include "models/customers.hpp"
#include "models/results_layout.hpp"
#include "sim/h5_writer.hpp"

namespace cxsim::models {

class ResultsFile {
 public:
  // Opens `<path>.partial`; the call types and segments name the codes of the call log's
  // call_type and the customer summary's segment.
  ResultsFile(const std::filesystem::path& path, bool call_log, const std::vector<std::string>& call_types,
              const std::vector<std::string>& segments);

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

  // Writes the groups (the root's attributes first) and renames the file into place.
  void commit(const std::vector<Dataset>& datasets);

 private:
  sim::h5::File file_;
  std::vector<std::string> segments_;
  std::optional<sim::h5::Group> calls_, customers_;
  std::mutex customers_mutex_;
};

}  // namespace cxsim::models
