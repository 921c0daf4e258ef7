// The customer base: customers as arrays, their open issues, churn and acquisition.
#pragma once

#include <algorithm>
#include <boost/random/poisson_distribution.hpp>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "models/behaviour.hpp"
#include "models/spec.hpp"
#include "sim/categorical.hpp"
#include "sim/distribution.hpp"
#include "sim/huge_pages.hpp"
#include "sim/rng.hpp"

namespace cxsim::models {

// A group of customers with its own value, issue rate and churn propensity: the scenario's
// [[customers.segments]], or one segment "all" with customers.value_monthly when it has none.
struct Segment {
  std::string name;
  double share;             // relative share of customers, initially and among new ones
  double value_monthly;     // mean monthly revenue (lognormal with customers.value_cv)
  double issue_multiplier;  // issue rate relative to the other segments
  double churn_multiplier;  // on churn after an issue and on the baseline hazard
};
std::vector<Segment> segments(const CustomersSpec& spec);

// The end-of-run totals per segment, over the whole horizon (named in kSegmentLayout, results_layout.cpp).
enum SegmentField : std::size_t {
  kSegCustomers,
  kSegAtEnd,
  kSegChurned,
  kSegChurnRate,
  kSegIssues,
  kSegContacts,
  kSegUnresolved,
  kSegEffort,
  kSegValueChurned,
  kSegmentFieldCount
};

// What each segment's customers did in a day (named in kSegmentDayLayout, results_layout.cpp).
enum SegmentDayField : std::size_t {
  kDayChurned,
  kDayChurnedService,
  kDayIssues,
  kDayContacts,
  kDayUnresolved,
  kSegmentDayFieldCount
};

// The customer base as arrays, one entry per customer ever in the base (28 bytes each). The
// fields a call touches (state, segment, the open issue, the counts) share one 16-byte record,
// so a call costs one cache line of customer state; value, join and churn times, read only at
// churn and at the end, are arrays of their own.
class CustomerBase {
 public:
  CustomerBase(const ScenarioSpec& spec, const Behaviour& behaviour, sim::Engine rng);
  CustomerBase(ScenarioSpec&&, const Behaviour&, sim::Engine) = delete;  // holds the spec by reference

  std::uint32_t active() const { return active_; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(records_.size()); }

  // A customer drawn uniformly among the candidates, their record prefetched; draw until one
  // has not churned to draw uniformly among the active (the base must have one). The
  // candidates are everyone ever in the base, without an index to read, until churn leaves
  // fewer than half of them active; from then on they are the active customers of the last
  // compaction and those who joined since, compacted again whenever fewer than half are active,
  // so a draw takes at most two tries on average however many have churned.
  std::uint32_t draw() {
    const double n = static_cast<double>(pooled_ ? pool_.size() : records_.size());
    const auto i = static_cast<std::uint32_t>(std::min(sim::uniform(rng_) * n, n - 1.0));
    const std::uint32_t c = pooled_ ? pool_[i] : i;
    __builtin_prefetch(&records_[c]);
    return c;
  }
  // Whether a drawn customer is the caller: active, and accepted in proportion to their
  // segment's issue rate (callers are drawn until one is accepted).
  bool accept_caller(std::uint32_t c) {
    const Record& r = records_[c];
    return r.state != kChurned && (equal_issue_rates_ || sim::uniform(rng_) < issue_acceptance_[r.segment]);
  }
  // Σ over active customers of their segment's issue multiplier: the base's issue rate in units
  // of one customer at multiplier 1.
  double issue_weight() const;
  // Active customers who can call (their segment's issue multiplier is above 0).
  std::uint32_t callers() const { return active_callers_; }
  bool has_open_issue(std::uint32_t c) const { return records_[c].state == kOpenIssue; }

  void open_issue(std::uint32_t c);
  // One more contact about the open issue (a repeat after the first).
  void add_contact(std::uint32_t c) {
    ++records_[c].issue_contacts;
    ++records_[c].contacts;
    ++day_[records_[c].segment * kSegmentDayFieldCount + kDayContacts];
  }
  void add_effort(std::uint32_t c, double effort) { records_[c].issue_effort += static_cast<float>(effort); }
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
  bool churned(std::uint32_t c) const { return records_[c].state == kChurned; }
  float churn_time_s(std::uint32_t c) const { return churn_s_[c]; }
  std::uint16_t issues(std::uint32_t c) const { return records_[c].issues; }
  std::uint16_t contacts(std::uint32_t c) const { return records_[c].contacts; }
  std::uint16_t unresolved(std::uint32_t c) const { return records_[c].unresolved; }
  float effort(std::uint32_t c) const { return records_[c].effort_total; }
  float value(std::uint32_t c) const { return value_[c]; }
  float joined_s(std::uint32_t c) const { return joined_s_[c]; }
  std::uint8_t segment(std::uint32_t c) const { return records_[c].segment; }
  // The SegmentField totals of each segment, [segment][field].
  std::vector<double> segment_totals() const;
  // The day's SegmentDayField counts of each segment appended to `out` ([segment][field]), and
  // a new day begun.
  void take_day(std::vector<double>& out);

 private:
  static constexpr std::uint8_t kIdle = 0, kOpenIssue = 1, kChurned = 2;
  std::vector<double> day_;  // today's SegmentDayField counts, [segment][field]
  struct Record {
    float issue_effort;  // effort on the open issue so far
    float effort_total;  // over closed issues
    std::uint16_t issues, contacts, unresolved;
    std::uint8_t issue_contacts;
    std::uint8_t state : 2;
    std::uint8_t segment : 6;  // at most 63 segments
  };
  static_assert(sizeof(Record) == 16);
  void add_customer(double t);
  void churn(std::uint32_t c, double t);
  void compact();

  const CustomersSpec& spec_;
  const Behaviour& behaviour_;
  std::vector<Segment> segments_;
  double acquisitions_per_s_ = 0.0;  // new customers before word of mouth
  double baseline_churn_per_s_ = 0.0;
  // Word-of-mouth audiences after a resolved and an unresolved issue, set up once.
  std::optional<boost::random::poisson_distribution<std::int64_t>> audience_resolved_, audience_unresolved_;
  sim::Engine rng_;
  std::vector<Record, sim::HugePageAllocator<Record>> records_;
  std::vector<float> value_;  // monthly revenue
  std::vector<float> joined_s_;
  std::vector<float> churn_s_;       // NaN while active
  bool pooled_ = false;              // draw from pool_ rather than from everyone ever
  std::vector<std::uint32_t> pool_;  // the draw's candidates once compacted
  std::uint32_t active_ = 0;
  sim::Categorical segment_of_new_customer_;
  std::vector<sim::Distribution> segment_value_;  // monthly value of a new customer, per segment
  std::vector<double> issue_acceptance_;          // a segment's issue multiplier over the largest
  bool equal_issue_rates_ = true;
  std::vector<std::uint32_t> active_by_segment_;
  std::uint32_t active_callers_ = 0;
  double active_value_ = 0.0;
  double churned_value_ = 0.0;
  std::uint32_t open_issues_ = 0;
  double positive_ = 0.0, negative_ = 0.0;  // word-of-mouth mentions since the last day start
};

}  // namespace cxsim::models
