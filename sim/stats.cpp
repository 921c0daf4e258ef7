// Replication summaries with Student-t confidence intervals.
#include "sim/stats.hpp"

#include <boost/math/distributions/students_t.hpp>

namespace cxsim::sim {

ReplicationSummary summarize(std::span<const double> values, double level) {
  Tally tally;
  for (double v : values)
    if (!std::isnan(v)) tally.add(v);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ReplicationSummary s{tally.mean(), nan, nan, nan, tally.count()};
  if (tally.count() < 2) return s;
  s.std = std::sqrt(tally.variance());
  const boost::math::students_t t(static_cast<double>(tally.count() - 1));
  const double half =
      boost::math::quantile(t, 0.5 + 0.5 * level) * s.std / std::sqrt(static_cast<double>(tally.count()));
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
  return s;
}

}  // namespace cxsim::sim
