// The compound layout of the call log.
#include "models/call_log.hpp"

#include <cstddef>

namespace cxsim::models {

std::span<const sim::h5::Field> call_record_fields() {
  using sim::h5::FieldType;
  static const sim::h5::Field fields[] = {
      {"call_id", offsetof(CallRecord, call_id), FieldType::U64},
      {"first_call_id", offsetof(CallRecord, first_call_id), FieldType::U64},
      {"customer", offsetof(CallRecord, customer), FieldType::I64},
      {"arrival_s", offsetof(CallRecord, arrival_s), FieldType::F64},
      {"offer_s", offsetof(CallRecord, offer_s), FieldType::F64},
      {"wait_s", offsetof(CallRecord, wait_s), FieldType::F64},
      {"handle_s", offsetof(CallRecord, handle_s), FieldType::F64},
      {"end_s", offsetof(CallRecord, end_s), FieldType::F64},
      {"compression", offsetof(CallRecord, compression), FieldType::F64},
      {"agent", offsetof(CallRecord, agent), FieldType::I32},
      {"attempt", offsetof(CallRecord, attempt), FieldType::U16},
      {"call_type", offsetof(CallRecord, call_type), FieldType::U8},
      {"outcome", offsetof(CallRecord, outcome), FieldType::U8},
      {"misrouted", offsetof(CallRecord, misrouted), FieldType::U8},
      {"zero_out", offsetof(CallRecord, zero_out), FieldType::U8},
      {"contact", offsetof(CallRecord, contact), FieldType::U8},
      {"resolved", offsetof(CallRecord, resolved), FieldType::U8},
      {"csat", offsetof(CallRecord, csat), FieldType::U8},
      {"frustration", offsetof(CallRecord, frustration), FieldType::F32},
  };
  return fields;
}

}  // namespace cxsim::models
