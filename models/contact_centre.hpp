// One replication of the contact centre: callers pass the IVR, wait, abandon or redial, are served.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "models/arrivals.hpp"
#include "models/call_log.hpp"
#include "models/customers.hpp"
#include "models/kpi.hpp"
#include "models/spec.hpp"
#include "models/workforce.hpp"
#include "sim/categorical.hpp"
#include "sim/event_queue.hpp"
#include "sim/replicate.hpp"
#include "sim/rng.hpp"
#include "sim/stats.hpp"

namespace cxsim::models {

// Purposes of the random streams: each is drawn a fixed number of times per call, so that
// scenarios differing only in staffing or policy see the same callers.
enum Stream : std::uint32_t {
  kArrivalStream = 1,  // inter-arrival times and call types
  kIvrStream = 2,      // containment, misroute and zero-out draws
  kPatienceStream = 3,
  kHandleStream = 4,
  kRedialStream = 5,
  kWorkforceStream = 6,  // initial tenure, skill spread, quits, absences
  kCustomerStream = 7,   // who calls, churn, acquisition, customer values
  kIssueStream = 8,      // resolution, recontact decisions and delays, repeat patience
  kCallerStream = 9,     // callers' hostility
  kFeedbackStream = 10,  // satisfaction noise, praise and complaints
};

class ContactCentre {
 public:
  ContactCentre(const ScenarioSpec& spec, std::uint64_t seed, std::uint32_t replication,
                CallSink* sink, sim::Progress* progress);

  // Runs to the horizon; returns the counters per interval, [interval][counter].
  std::vector<double> run();
  // The daily agent panel, [day][seat][field] (empty when the workforce is off); after run().
  std::vector<float>& agent_panel() { return panel_; }
  const CustomerBase& customers() const { return customers_; }
  std::uint64_t events() const { return events_handled_; }

 private:
  enum Kind : std::uint32_t {
    kTick, kShiftStart, kShiftEnd, kServiceEnd, kWrapEnd, kAbandon, kArrival, kIvrDone, kRedial,
    kRecontact
  };
  enum class CallState : std::uint8_t { Free, InIvr, Waiting, InService, RedialPending, RecontactPending };
  enum class AgentState : std::uint8_t { Off, Idle, Busy, Wrap };

  struct Call {
    std::uint64_t id;
    std::uint64_t first_id;
    double arrival_s;
    double offer_s;
    double patience_s;
    double answer_s;
    double talk_s;  // talk time, without the transfer of a misrouted call
    double compression;  // share of the needed talk time cut to meet an AHT target
    sim::EventQueue::Timer abandon;
    std::uint32_t customer;  // kNone when customers are off
    std::uint32_t arrival_interval;
    std::uint32_t offer_interval;
    std::uint16_t attempt;
    std::uint8_t contact;  // 1 for the issue's first contact, 2 for the first repeat, ...
    std::uint8_t type;
    CallState state;
    bool misrouted;
    bool zero_out;
    bool contained;
    bool self_service_failed;  // tried the IVR's self-service on this attempt and still needs an agent
    bool hostile;
    bool callback;       // accepted a callback instead of waiting on the line
    std::uint8_t ivr_levels;  // menu levels passed on this attempt
    float frustration;   // on reaching the queue
    float frustration_answered;  // when answered, the wait included
    float u_hostile;     // the caller's hostility draw, compared with a frustration-dependent chance
  };
  struct QueueEntry {
    std::uint32_t slot;
    std::uint64_t id;
  };

  void handle(const sim::Event& e);
  void on_tick(double t);
  void start_day(std::uint64_t day);
  void on_arrival(double t);
  void enter_ivr(std::uint32_t slot, double t, bool first_attempt);
  void on_ivr_done(std::uint32_t slot, double t);
  void on_redial(std::uint32_t slot, double t);
  void on_recontact(std::uint32_t slot, double t);
  // The contact ended without resolving the customer's issue: it comes back, or they give up.
  void unresolved_contact(const Call& c, double t);
  void close_issue(std::uint32_t customer, IssueEnd end, double t);
  void book_churn_value(double t);
  // The caller scores an answered contact 1–5 and may praise the agent or complain.
  std::uint8_t score(const Call& c, std::uint32_t agent, bool resolved);
  void schedule_arrival(double t);
  void offer(std::uint32_t slot, double t);
  void answer(std::uint32_t agent, std::uint32_t slot, double t);
  void on_service_end(std::uint32_t agent, double t);
  void on_abandon(std::uint32_t slot, double t);
  void agent_available(std::uint32_t agent, double t);
  void shift_start(std::uint32_t shift, double t);
  void shift_end(std::uint32_t shift, double t);
  void apply_workforce(double t);
  void leave_floor(std::uint32_t agent, double t);
  void floor_join(std::uint32_t agent, double t);
  void floor_leave(std::uint32_t agent, double t);
  void finish(double t);

  std::uint32_t new_call();
  void free_call(std::uint32_t slot) { calls_[slot].state = CallState::Free; free_calls_.push_back(slot); }
  bool pop_waiting(std::uint32_t& slot);
  void idle_push(std::uint32_t agent);
  void idle_remove(std::uint32_t agent);
  void emit(const Call& c, Outcome outcome, double wait_s, double handle_s, double end_s,
            std::int32_t agent, bool resolved = false, std::uint8_t csat = 0);
  double* counters(std::uint32_t interval) { return &counters_[interval * kCounterCount]; }

  const ScenarioSpec& spec_;
  ArrivalProcess arrivals_;
  CallSink* sink_;
  sim::Progress* progress_;
  sim::Engine arrival_rng_, ivr_rng_, patience_rng_, handle_rng_, redial_rng_;
  sim::EventQueue events_;
  std::uint64_t events_handled_ = 0;

  std::vector<double> counters_;
  std::uint32_t interval_ = 0;
  bool done_ = false;
  std::uint32_t n_intervals_;
  std::uint32_t intervals_per_day_;
  sim::Categorical call_type_;

  std::vector<Call> calls_;
  std::vector<std::uint32_t> free_calls_;
  std::uint64_t next_call_id_ = 0;
  std::vector<std::deque<QueueEntry>> queues_;  // one FIFO per priority class

  // Agents, as parallel arrays; idle agents form a doubly linked list, longest idle first.
  std::vector<AgentState> agent_state_;
  std::vector<std::uint8_t> agent_leaving_;
  std::vector<std::uint32_t> agent_call_;
  std::vector<std::uint32_t> idle_prev_, idle_next_;
  std::uint32_t idle_head_, idle_tail_;
  std::vector<std::uint32_t> shift_first_agent_;
  std::vector<std::uint32_t> agent_shift_;
  std::vector<std::uint8_t> shift_on_;
  Workforce workforce_;
  CustomerBase customers_;
  sim::Engine issue_rng_, caller_rng_, feedback_rng_;
  std::vector<double> floor_since_;
  std::vector<float> panel_;
  double mean_handle_s_ = 0.0;  // for the expected wait behind a callback offer
  double zero_out_by_last_level_ = 0.0;  // P(zero-out somewhere in the menu), constant
  double hostile_logit_ = 0.0;           // log-odds of the base hostility, constant
  // The wait that counts for frustration and effort (less for a call waiting on a callback).
  double felt_wait(const Call& c) const;
  // A caller's hostility draw, compared when answered with a chance that rises with frustration
  // (drawn only when agents can meet hostility, so the stream stays as it was otherwise).
  float hostility_draw(sim::Engine& rng);
  sim::EventQueue::Timer next_arrival_;
  std::uint32_t next_customer_ = 0;  // the next arrival's caller, drawn when it is scheduled

  sim::TimeWeighted busy_, staffed_, queued_;
  sim::TimeWeighted employed_, training_, vacant_, absent_, active_, multiplier_sum_;
  sim::TimeWeighted active_customers_, active_value_;
  sim::TimeWeighted exhaustion_sum_, engagement_sum_;
};

}  // namespace cxsim::models
