// One replication of the contact centre: callers pass the IVR, wait, abandon or redial, are
// served; customers' issues are resolved or come back; agents work their shifts.
//
// The lifecycle of a call is split by phase: contact_centre.cpp sets up, dispatches events,
// starts days and finishes the run; call_flow.cpp takes a call from arrival through the IVR
// to the queue, abandonment and follow-up attempts; service.cpp is what happens when a call
// is answered, up to the end of its service. The equations live in behaviour.hpp, the agent
// floor in floor.hpp, the books in ledger.hpp.
#pragma once

#include <cstdint>
#include <deque>
#include <stdexcept>
#include <vector>

#include "models/arrivals.hpp"
#include "models/behaviour.hpp"
#include "models/call_log.hpp"
#include "models/channels.hpp"
#include "models/customers.hpp"
#include "models/floor.hpp"
#include "models/ivr.hpp"
#include "models/kpi.hpp"
#include "models/ledger.hpp"
#include "models/planner.hpp"
#include "models/roster.hpp"
#include "models/spec.hpp"
#include "models/workforce.hpp"
#include "sim/categorical.hpp"
#include "sim/event_queue.hpp"
#include "sim/replicate.hpp"
#include "sim/rng.hpp"

namespace cxsim::models {

// Purposes of the random streams: each is drawn a fixed number of times per call, so that
// scenarios differing only in staffing or policy see the same callers.
enum Stream : std::uint32_t {
  kArrivalStream = 1,  // inter-arrival times and call types
  kIvrStream = 2,      // containment, misroute and zero-out draws
  kPatienceStream = 3,
  kHandleStream = 4,
  kRedialStream = 5,
  kWorkforceStream = 6,     // initial tenure, skill spread, quits, absences
  kCustomerStream = 7,      // who calls, churn, acquisition, customer values
  kIssueStream = 8,         // resolution, recontact decisions and delays, repeat patience
  kCallerStream = 9,        // callers' hostility
  kFeedbackStream = 10,     // satisfaction noise, praise and complaints
  kManagementStream = 11,   // overtime and voluntary-time-off offers
  kReferenceStream = 12,    // draws a held channel's reference needs that the run itself does not make
  kRecognitionStream = 13,  // peer awards and surprise rounds (so a programme leaves quits and absences alone)
};

// Thrown when more calls than simulation.max_calls_in_system are in the system at once, or when
// the simulated clock stands still (ContactCentre::kStalledEvents events within a second).
struct Overloaded : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The seats of a scenario and how many of them employees hold at the start: the shifts' seats;
// with a staffing table, the headcount it needs; when planning, the first plan's headcount,
// with room to hire up to planning.max_headcount_factor times it.
struct Seats {
  std::uint32_t seats, filled;
};
Seats seats(const ScenarioSpec& spec, const Planner& planner);

class ContactCentre {
 public:
  // `cf`: the channels held at a reference scenario's values (none by default).
  ContactCentre(const ScenarioSpec& spec, std::uint64_t seed, std::uint32_t replication, CallSink* sink,
                sim::Progress* progress, const Counterfactual& cf = kNothingHeld);
  ContactCentre(ScenarioSpec&&, std::uint64_t, std::uint32_t, CallSink*, sim::Progress*,
                const Counterfactual& = kNothingHeld) = delete;  // holds the spec by reference

  // Runs to the horizon; returns the counters per interval, [interval][counter].
  std::vector<double> run();
  // The daily agent panel, [day][seat][field] (empty when the workforce is off); after run().
  std::vector<float>& agent_panel() { return panel_; }
  const CustomerBase& customers() const { return customers_; }
  // What each segment's customers did each day, [day][segment][SegmentDayField] (empty when
  // customers are off); after run().
  std::vector<double>& segment_days() { return segment_days_; }
  // The counters per call type, [interval][type][kTypeCounters]; after run().
  std::vector<double> type_counters() { return ledger_.take_types(); }
  std::uint64_t events() const { return events_handled_; }

  // Events within one simulated second that mean the clock stands still: no centre the
  // schema allows comes near (a million calls an hour is a few thousand events a second).
  static constexpr std::uint64_t kStalledEvents = std::uint64_t{1} << 24;

 private:
  enum Kind : std::uint32_t {
    kTick,
    kTourStart,
    kTourEnd,
    kServiceEnd,
    kWrapEnd,
    kAbandon,
    kArrival,
    kIvrDone,
    kRedial,
    kRecontact
  };
  // Event priorities at equal times: bookkeeping first, then agents leaving and freeing up,
  // then agents arriving, then callers giving up, then new calls.
  static constexpr std::uint8_t kTickPriority = 0, kTourEndPriority = 1, kServicePriority = 2, kTourStartPriority = 3,
                                kAbandonPriority = 4, kCallPriority = 5;
  enum class CallState : std::uint8_t { Free, InIvr, Waiting, InService, RedialPending, RecontactPending };

  struct Call {
    std::uint64_t id;
    std::uint64_t first_id;
    double arrival_s;
    double offer_s;
    double patience_s;
    double answer_s;
    double talk_s;                 // talk time, without the transfer of a misrouted call
    double compression;            // share of the needed talk time cut to meet an AHT target
    double reference_compression;  // ... as the reference's target would have it (held channels)
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
    bool callback;               // accepted a callback instead of waiting on the line
    std::uint8_t ivr_levels;     // menu levels passed on this attempt
    float frustration;           // on reaching the queue
    float frustration_answered;  // when answered, the wait included
    float u_hostile;             // the caller's hostility draw, compared with a frustration-dependent chance
  };
  struct QueueEntry {
    std::uint32_t slot;
    std::uint64_t id;
  };

  // contact_centre.cpp: events, days, the end of the run.
  void handle(const sim::Event& e);
  // Throws Overloaded once kStalledEvents events have passed within one simulated second.
  void check_clock(double t);
  void on_tick(double t);
  void start_day(std::uint64_t day);
  void start_policy_day(std::uint64_t day, double t);
  void agents_joined(double t);

  // management.cpp: staffing, hiring and the intraday response.
  // Today's tours: each shift's seats on its weekdays (agents.count: one tour from time 0), or
  // the plan's tours, rostered.
  void schedule_tours(std::uint64_t day, std::uint32_t weekday, double day_start);
  void tour(std::uint32_t agent, double start_s, double length_s);
  // Each day: the plan observes the calls of the day before yesterday and, every planning
  // period, is re-made (and hiring reviewed).
  void review_plan(std::uint64_t day, double t);
  // Each planning review: positions opened so that the headcount meets the newest plan's, with
  // the quits expected over the recruiting and training lead time.
  void hire_to_plan(double t);
  // At each interval's start: the closed interval observed for the plan, the plan's agents
  // booked, and the intraday response (off-phone work, overtime, voluntary time off).
  void manage_interval(double t);
  double arrival_scale() const;
  // The interval of the week (Monday 00:00 is 0) of a simulated interval.
  std::uint32_t week_interval(std::uint32_t interval) const;
  // The volume changes from day to day (it follows the customer base, or varies at random).
  bool volume_rescaled_daily() const {
    return (spec_.customers.enabled && spec_.customers.issues_per_month) || spec_.arrivals.daily_volume_cv > 0.0;
  }
  void finish(double t);
  void emit(const Call& c, Outcome outcome, double wait_s, double handle_s, double end_s, std::int32_t agent,
            bool resolved = false, std::uint8_t csat = 0);
  std::uint32_t new_call();
  void free_call(std::uint32_t slot) {
    calls_[slot].state = CallState::Free;
    free_calls_.push_back(slot);
  }

  // call_flow.cpp: arrival, IVR, queue, abandonment, follow-up attempts, issues closing.
  void schedule_arrival(double t);
  void on_arrival(double t);
  void enter_ivr(std::uint32_t slot, double t, bool first_attempt);
  void on_ivr_done(std::uint32_t slot, double t);
  void offer(std::uint32_t slot, double t);
  void on_abandon(std::uint32_t slot, double t);
  // A later attempt of the same caller: a redial after an abandon, or a repeat contact about
  // an issue the contact did not resolve.
  void follow_up(const Call& from, bool repeat, double t);
  void on_follow_up(std::uint32_t slot, double t, bool repeat);
  // The contact ended without resolving the customer's issue: it comes back, or they give up.
  void unresolved_contact(const Call& c, double t);
  void close_issue(std::uint32_t customer, IssueEnd end, double t);
  void book_churn_value(double t);
  bool pop_waiting(std::uint32_t& slot);
  float hostility_draw(sim::Engine& rng);

  // service.cpp: an answered call, to the end of its service.
  void agent_available(std::uint32_t agent, double t);
  void answer(std::uint32_t agent, std::uint32_t slot, double t);
  void on_service_end(std::uint32_t agent, double t);
  // The caller scores an answered contact 1–5 and may praise the agent or complain.
  std::uint8_t score(const Contact& contact, std::uint32_t agent, bool resolved);
  // The wait that counts for frustration and effort (less for a call waiting on a callback).
  double felt_wait(const Call& c) const;
  // The callback offer callers meet: the reference's with the callback channel held.
  const CallbackSpec& callback_offer() const {
    return cf_.holds(Channel::Callback) ? cf_.reference->callback : spec_.callback;
  }

  const ScenarioSpec& spec_;
  const Counterfactual cf_;
  const std::vector<CallType> types_;
  const Behaviour behaviour_;
  // The policy: on from policy.start_day; the AHT target in force (eroding toward the observed
  // talk time when set to), the usual talk time (the previous day's mean, what agents chasing
  // an award by AHT try to beat), the talk observed since the day started, and the pressure
  // agents act on, worked out each day.
  bool policy_on_ = false;
  double target_s_, usual_talk_s_;
  double talk_s_today_ = 0.0, talks_today_ = 0.0;
  AhtPressure pressure_;
  // The same for the reference scenario, when channels are held at its values.
  bool reference_policy_on_ = false;
  double reference_target_s_;
  AhtPressure reference_pressure_;
  const double horizon_s_, interval_s_;
  ArrivalProcess arrivals_;
  CallSink* sink_;
  sim::Progress* progress_;
  sim::Engine arrival_rng_, ivr_rng_, patience_rng_, handle_rng_, redial_rng_;
  sim::Engine issue_rng_, caller_rng_, feedback_rng_, reference_rng_;
  sim::EventQueue events_;
  std::uint64_t events_handled_ = 0;
  double clock_checked_s_ = 0.0;          // the time of the last check that the clock advances
  std::uint64_t events_since_check_ = 0;  // events handled since then
  bool done_ = false;
  std::uint32_t n_intervals_;
  std::uint32_t intervals_per_day_;
  // The factors of service.handle_time_profile by interval of the week.
  const std::vector<double> talk_factor_;
  // The scenario's IVR, and the reference's (the scenario's own without one).
  const Ivr ivr_, reference_ivr_;
  const bool ivr_held_;  // the menu, self-service or misroute channel held
  sim::Categorical call_type_;
  sim::Distribution redial_delay_, volume_factor_, recontact_delay_;

  Ledger ledger_;
  CustomerBase customers_;
  Planner planner_;
  const Seats seats_;
  Roster roster_;
  Workforce workforce_;
  Floor floor_;
  sim::Engine management_rng_;
  double quits_since_review_ = 0.0, employee_days_since_review_ = 0.0;
  double attrition_monthly_;  // forecast attrition, updated from the quits observed at each review
  const std::vector<Shift> shifts_;
  // Per agent: the next tour's length, and when the current tour ends (a stale end event, for
  // a tour ended early or extended, is ignored).
  std::vector<double> tour_length_s_, tour_end_s_;
  std::vector<std::uint32_t> joined_;  // agents who just came on the floor, to be offered work
  std::vector<float> panel_;
  std::vector<double> segment_days_;

  std::vector<Call> calls_;
  std::vector<std::uint32_t> free_calls_;
  std::uint64_t next_call_id_ = 0;
  std::vector<std::deque<QueueEntry>> queues_;  // one FIFO per priority class

  double mean_handle_s_ = 0.0;  // for the expected wait behind a callback offer
  sim::EventQueue::Timer next_arrival_;
  std::uint32_t next_customer_ = 0;  // the next arrival's caller, drawn when it is scheduled
};

}  // namespace cxsim::models
