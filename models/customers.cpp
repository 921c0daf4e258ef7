// Customer base dynamics: issues, churn after an issue and at a baseline hazard, acquisition.
#include "models/customers.hpp"

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <limits>

namespace cxsim::models {

namespace {
// The number of people a customer tells: Poisson with the mean audience (none when it is 0).
std::optional<boost::random::poisson_distribution<std::int64_t>> audience(double mean) {
  if (!(mean > 0.0)) return std::nullopt;
  return boost::random::poisson_distribution<std::int64_t>(mean);
}
}  // namespace

std::vector<Segment> segments(const CustomersSpec& spec) {
  if (spec.segments.empty()) return {Segment{"all", 1.0, spec.value_monthly, 1.0, 1.0}};
  std::vector<Segment> out;
  for (const SegmentSpec& s : spec.segments)
    out.push_back(
        Segment{s.name, s.share, s.value_monthly.value_or(spec.value_monthly), s.issue_multiplier, s.churn_multiplier});
  return out;
}

CustomerBase::CustomerBase(const ScenarioSpec& scenario, const Behaviour& behaviour, sim::Engine rng)
    : spec_(scenario.customers),
      behaviour_(behaviour),
      segments_(segments(scenario.customers)),
      acquisitions_per_s_(spec_.acquisition_monthly * static_cast<double>(spec_.count) / kSecondsPerMonth),
      baseline_churn_per_s_(spec_.baseline_churn_monthly / kSecondsPerMonth),
      audience_resolved_(audience(spec_.wom_audience_resolved)),
      audience_unresolved_(audience(spec_.wom_audience_unresolved)),
      rng_(std::move(rng)) {
  day_.assign(segments_.size() * kSegmentDayFieldCount, 0.0);
  if (!spec_.enabled) return;
  double max_issue = 0.0;
  std::vector<double> shares;
  for (const auto& s : segments_) {
    shares.push_back(s.share);
    max_issue = std::max(max_issue, s.issue_multiplier);
  }
  segment_of_new_customer_ = sim::Categorical(shares);
  for (const auto& s : segments_) {
    segment_value_.push_back(s.value_monthly > 0.0 && spec_.value_cv > 0.0
                                 ? sim::Distribution::lognormal(s.value_monthly, spec_.value_cv)
                                 : sim::Distribution::deterministic(s.value_monthly));
    issue_acceptance_.push_back(s.issue_multiplier / max_issue);
    equal_issue_rates_ = equal_issue_rates_ && s.issue_multiplier == max_issue;
  }
  active_by_segment_.assign(segments_.size(), 0);
  // Room for the customers expected to join (word of mouth aside), so the arrays are not
  // copied as they grow: a copy would double the peak memory of a large base.
  const auto expected =
      static_cast<std::size_t>(static_cast<double>(spec_.count) + 1.25 * acquisitions_per_s_ * horizon_s(scenario)) +
      1024;
  records_.reserve(expected);
  value_.reserve(expected);
  joined_s_.reserve(expected);
  churn_s_.reserve(expected);
  for (std::int64_t i = 0; i < spec_.count; ++i) {
    add_customer(0.0);
    joined_s_.back() =
        static_cast<float>(spec_.initial_mean_tenure_days * kSecondsPerDay * std::log1p(-sim::uniform(rng_)));
  }
}

std::vector<double> CustomerBase::segment_totals() const {
  const std::size_t n = segments_.size(), f = kSegmentFieldCount;
  std::vector<double> out(n * f, 0.0);
  for (std::uint32_t c = 0; c < records_.size(); ++c) {
    const Record& r = records_[c];
    double* row = &out[r.segment * f];
    row[kSegCustomers] += 1.0;
    row[kSegAtEnd] += r.state != kChurned;
    row[kSegChurned] += r.state == kChurned;
    row[kSegIssues] += r.issues;
    row[kSegContacts] += r.contacts;
    row[kSegUnresolved] += r.unresolved;
    row[kSegEffort] += r.effort_total;
    row[kSegValueChurned] += r.state == kChurned ? value_[c] : 0.0;
  }
  for (std::size_t s = 0; s < n; ++s) {
    double* row = &out[s * f];
    row[kSegChurnRate] =
        row[kSegCustomers] > 0 ? row[kSegChurned] / row[kSegCustomers] : std::numeric_limits<double>::quiet_NaN();
  }
  return out;
}

double CustomerBase::issue_weight() const {
  double weight = 0.0;
  for (std::size_t s = 0; s < active_by_segment_.size(); ++s)
    weight += active_by_segment_[s] * segments_[s].issue_multiplier;
  return weight;
}

void CustomerBase::add_customer(double t) {
  const auto segment = static_cast<std::uint8_t>(segment_of_new_customer_.draw(rng_));
  const double value = segment_value_[segment].sample(rng_);
  records_.push_back(Record{0.0f, 0.0f, 0, 0, 0, 0, kIdle, segment});
  value_.push_back(static_cast<float>(value));
  joined_s_.push_back(static_cast<float>(t));
  churn_s_.push_back(std::numeric_limits<float>::quiet_NaN());
  if (pooled_) pool_.push_back(static_cast<std::uint32_t>(records_.size() - 1));
  ++active_;
  ++active_by_segment_[segment];
  if (issue_acceptance_[segment] > 0.0) ++active_callers_;
  active_value_ += value_.back();
}

void CustomerBase::open_issue(std::uint32_t c) {
  Record& r = records_[c];
  r.state = kOpenIssue;
  ++open_issues_;
  r.issue_contacts = 1;
  r.issue_effort = 0.0f;
  ++r.issues;
  ++r.contacts;
  double* day = &day_[r.segment * kSegmentDayFieldCount];
  ++day[kDayIssues];
  ++day[kDayContacts];
}

void CustomerBase::take_day(std::vector<double>& out) {
  out.insert(out.end(), day_.begin(), day_.end());
  std::fill(day_.begin(), day_.end(), 0.0);
}

bool CustomerBase::close_issue(std::uint32_t c, IssueEnd end, double t) {
  Record& r = records_[c];
  r.effort_total += r.issue_effort;
  --open_issues_;
  if (end == IssueEnd::Unresolved) {
    ++r.unresolved;
    ++day_[r.segment * kSegmentDayFieldCount + kDayUnresolved];
  }
  const double u = sim::uniform(rng_);  // always drawn: keeps the stream aligned
  const bool resolved = end != IssueEnd::Unresolved;
  const double u_tell = sim::uniform(rng_);
  if (u_tell < (resolved ? spec_.wom_tell_resolved : spec_.wom_tell_unresolved)) {
    const auto& audience = resolved ? audience_resolved_ : audience_unresolved_;
    const auto told = audience ? (*audience)(rng_) : 0;
    (resolved ? positive_ : negative_) += static_cast<double>(told);
  }
  if (r.state == kChurned) return false;  // left for reasons unrelated to service meanwhile
  r.state = kIdle;
  if (u >= behaviour_.churn(end, segments_[r.segment].churn_multiplier, r.issue_effort)) return false;
  churn(c, t);
  ++day_[r.segment * kSegmentDayFieldCount + kDayChurnedService];
  return true;
}

void CustomerBase::churn(std::uint32_t c, double t) {
  records_[c].state = kChurned;
  ++day_[records_[c].segment * kSegmentDayFieldCount + kDayChurned];
  churn_s_[c] = static_cast<float>(t);
  --active_;
  --active_by_segment_[records_[c].segment];
  if (issue_acceptance_[records_[c].segment] > 0.0) --active_callers_;
  active_value_ -= value_[c];
  churned_value_ += value_[c];
  if (2 * static_cast<std::size_t>(active_) < (pooled_ ? pool_.size() : records_.size())) compact();
}

void CustomerBase::compact() {
  if (!pooled_) {  // the first time: everyone ever in the base
    pooled_ = true;
    pool_.resize(records_.size());
    for (std::uint32_t c = 0; c < records_.size(); ++c) pool_[c] = c;
  }
  std::erase_if(pool_, [&](std::uint32_t c) { return records_[c].state == kChurned; });  // order kept
}

std::pair<std::uint32_t, std::uint32_t> CustomerBase::start_day(double t) {
  if (!spec_.enabled) return {0, 0};
  std::uint32_t churned = 0;
  for (std::uint8_t s = 0; s < active_by_segment_.size(); ++s) {
    const double p = -std::expm1(-baseline_churn_per_s_ * segments_[s].churn_multiplier * kSecondsPerDay);
    if (!(p > 0.0) || active_by_segment_[s] == 0) continue;
    // How many of the segment leave today, then who: each uniform over its active customers.
    const auto n = static_cast<std::uint32_t>(
        boost::random::binomial_distribution<std::int64_t>(active_by_segment_[s], std::min(p, 1.0))(rng_));
    for (std::uint32_t i = 0; i < n; ++i, ++churned) {
      std::uint32_t c = draw();
      while (records_[c].state == kChurned || records_[c].segment != s) c = draw();
      churn(c, t);
    }
  }
  std::uint32_t acquired = 0;
  const double mean = std::max(
      0.0, acquisitions_per_s_ * kSecondsPerDay + spec_.wom_conversion * positive_ - spec_.wom_deterrence * negative_);
  positive_ = negative_ = 0.0;
  if (mean > 0.0) {
    acquired = static_cast<std::uint32_t>(boost::random::poisson_distribution<std::int64_t>(mean)(rng_));
    for (std::uint32_t i = 0; i < acquired; ++i) add_customer(t);
  }
  return {churned, acquired};
}

}  // namespace cxsim::models
