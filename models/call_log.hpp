// One flat record per call attempt, emitted when the attempt ends; recorders decide what to keep.
#pragma once

#include <cstdint>
#include <iterator>
#include <span>

#include "sim/h5_writer.hpp"

namespace cxsim::models {

enum class Outcome : std::uint8_t { Answered = 0, Abandoned = 1, Contained = 2, InSystem = 3 };
// The name of each Outcome, in its order (the call log's outcome_categories).
inline constexpr const char* kOutcomeNames[] = {"answered", "abandoned", "contained", "in_system"};
static_assert(std::size(kOutcomeNames) == static_cast<std::size_t>(Outcome::InSystem) + 1);

struct CallRecord {
  std::uint64_t call_id;        // unique within a replication
  std::uint64_t first_call_id;  // the caller's first attempt (itself for a first attempt)
  std::int64_t customer;        // -1 when customers are off
  double arrival_s;             // entered the IVR
  double offer_s;               // left the IVR for an agent (NaN if never offered)
  double wait_s;                // in queue until answer or abandonment (NaN if not offered)
  double handle_s;              // talk + after-call work (NaN if not answered)
  double end_s;                 // the attempt ended (the horizon for calls still in the system)
  double compression;           // share of needed talk time cut for an AHT target (0 if none)
  std::int32_t agent;           // -1 if none
  std::uint16_t attempt;        // 1 for a first call, 2 for its first redial, ...
  std::uint8_t call_type;
  std::uint8_t outcome;  // Outcome
  std::uint8_t misrouted;
  std::uint8_t zero_out;
  std::uint8_t contact;   // 1 for an issue's first contact, 2 for the first repeat, ...
  std::uint8_t resolved;  // the answered contact resolved the customer's issue
  std::uint8_t csat;      // the caller's 1–5 score (0 if not scored)
  float frustration;      // on reaching the queue (0 when frustration is off)
};

// The HDF5 compound layout of CallRecord (and so the NumPy dtype of the call log).
std::span<const sim::h5::Field> call_record_fields();

// Where a replication sends its records.
class CallSink {
 public:
  virtual ~CallSink() = default;
  virtual void record(const CallRecord& r) = 0;
};

}  // namespace cxsim::models
