// The customer base: customers as arrays, their open issues, churn and acquisition.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "models/spec.hpp"
#include "sim/rng.hpp"

namespace cxsim::models {

// How an issue ended.
enum class IssueEnd : std::uint8_t { FirstContact, ResolvedLater, Unresolved };

// Structure of arrays, one entry per customer ever in the base (about 40 bytes each). Active
// customers are also kept in a dense list so one can be drawn uniformly in O(1).
class CustomerBase {
 public:
  CustomerBase(const CustomerSpec& spec, sim::Engine rng);

  std::uint32_t active() const { return static_cast<std::uint32_t>(active_ids_.size()); }
  std::uint32_t size() const { return static_cast<std::uint32_t>(state_.size()); }

  // A uniformly drawn active customer, or none (UINT32_MAX) if the base is empty.
  std::uint32_t draw_active();
  bool has_open_issue(std::uint32_t c) const { return state_[c] == kOpenIssue; }

  void open_issue(std::uint32_t c);
  // One more contact about the open issue (a repeat after the first).
  void add_contact(std::uint32_t c) { ++issue_contacts_[c]; ++contacts_[c]; }
  void add_effort(std::uint32_t c, double effort) { issue_effort_[c] += static_cast<float>(effort); }
  std::uint8_t issue_contacts(std::uint32_t c) const { return issue_contacts_[c]; }
  // Closes the issue; returns true if the customer churns because of it.
  bool close_issue(std::uint32_t c, IssueEnd end, double t);

  // Start of a day: churn unrelated to service and new customers. Returns (churned, acquired).
  std::pair<std::uint32_t, std::uint32_t> start_day(double t);

  double monthly_value_active() const { return active_value_; }
  // Monthly value of the customers who churned since the last call; restarts at zero.
  double take_churned_value() { return std::exchange(churned_value_, 0.0); }
  std::uint32_t open_issues() const { return open_issues_; }
  // Mentions since the last day start: (positive, negative).
  std::pair<double, double> mentions() const { return {positive_, negative_}; }

  // Per-customer read access for the end-of-run summary.
  bool churned(std::uint32_t c) const { return state_[c] == kChurned; }
  float churn_time_s(std::uint32_t c) const { return churn_s_[c]; }
  std::uint16_t issues(std::uint32_t c) const { return issues_[c]; }
  std::uint16_t contacts(std::uint32_t c) const { return contacts_[c]; }
  std::uint16_t unresolved(std::uint32_t c) const { return unresolved_[c]; }
  float effort(std::uint32_t c) const { return effort_total_[c]; }
  float value(std::uint32_t c) const { return value_[c]; }
  float joined_s(std::uint32_t c) const { return joined_s_[c]; }

 private:
  static constexpr std::uint8_t kIdle = 0, kOpenIssue = 1, kChurned = 2;
  void add_customer(double t);
  void churn(std::uint32_t c, double t);

  const CustomerSpec& spec_;
  sim::Engine rng_;
  std::vector<std::uint8_t> state_;
  std::vector<float> value_;          // monthly revenue
  std::vector<float> joined_s_;
  std::vector<float> churn_s_;        // NaN while active
  std::vector<std::uint8_t> issue_contacts_;
  std::vector<float> issue_effort_;
  std::vector<std::uint16_t> issues_, contacts_, unresolved_;
  std::vector<float> effort_total_;
  std::vector<std::uint32_t> active_ids_, active_pos_;
  double active_value_ = 0.0;
  double churned_value_ = 0.0;
  std::uint32_t open_issues_ = 0;
  double positive_ = 0.0, negative_ = 0.0;  // word-of-mouth mentions since the last day start
};

}  // namespace cxsim::models
