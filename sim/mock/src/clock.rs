//! The mock's virtual clock and its queue of pending events: delayed answers (a fault's
//! `latencyMs`, the core's `Reply::delay_ms`) and the virtual timers that
//! `useVirtualTimers()` puts behind the global `setTimeout`. The JS wrapper keeps only the
//! callbacks of the events, by id; when each one is due, in which order, and what time it is
//! then, is decided here.
//!
//! Time never goes back. Events due at the same time fire in the order they were scheduled.

use std::collections::{BTreeMap, HashMap};

/// The longest `setTimeout` delay hosts honour (2^31 - 1 ms); a longer one fires after 1 ms, as
/// in browsers and Node.
pub const MAX_TIMER_MS: f64 = 2_147_483_647.0;

/// The last representable time, ms since the epoch (`Date`'s limit).
const MAX_TIME_MS: f64 = 8.64e15;

/// A virtual clock with a queue of events.
#[derive(Debug, Default)]
pub struct Clock {
    now: i64,
    /// `(due, sequence)` → id: the queue, earliest first.
    queue: BTreeMap<(i64, u64), u32>,
    /// id → its key in `queue`.
    keys: HashMap<u32, (i64, u64)>,
    seq: u64,
    last_id: u32,
}

impl Clock {
    /// A clock at `now` (ms since the epoch) with nothing pending.
    pub fn new(now: i64) -> Clock {
        Clock {
            now,
            ..Clock::default()
        }
    }

    /// The virtual time, ms since the epoch.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// How many events are pending.
    pub fn pending(&self) -> usize {
        self.queue.len()
    }

    /// An event `delay_ms` from now; returns its id (never 0).
    pub fn schedule(&mut self, delay_ms: u64) -> u32 {
        let due = self
            .now
            .saturating_add(i64::try_from(delay_ms).unwrap_or(i64::MAX));
        let mut id = self.last_id;
        loop {
            id = id.wrapping_add(1);
            if id != 0 && !self.keys.contains_key(&id) {
                break;
            }
        }
        self.last_id = id;
        self.seq += 1;
        self.queue.insert((due, self.seq), id);
        self.keys.insert(id, (due, self.seq));
        id
    }

    /// A timer event: `ms` as `setTimeout` reads its delay (not a number or not positive: 0;
    /// over 2^31 - 1: 1 ms).
    pub fn schedule_timer(&mut self, ms: f64) -> u32 {
        let delay = if ms.is_nan() || ms <= 0.0 {
            0
        } else if ms > MAX_TIMER_MS {
            1
        } else {
            ms as u64
        };
        self.schedule(delay)
    }

    /// Forgets a pending event; false when it is not pending (fired, cancelled, unknown).
    pub fn cancel(&mut self, id: u32) -> bool {
        match self.keys.remove(&id) {
            Some(key) => self.queue.remove(&key).is_some(),
            None => false,
        }
    }

    /// The earliest event due at or before `limit` (ms since the epoch): removed from the queue,
    /// the clock moved to its time (never back). `None` when there is none, or `limit` is not a
    /// finite number.
    pub fn pop_due(&mut self, limit: f64) -> Option<u32> {
        if !limit.is_finite() {
            return None;
        }
        let limit = limit.min(MAX_TIME_MS) as i64;
        self.pop_where(|due| due <= limit)
    }

    /// The earliest event, whenever it is due: removed, the clock moved to its time.
    pub fn pop_next(&mut self) -> Option<u32> {
        self.pop_where(|_| true)
    }

    fn pop_where(&mut self, ok: impl Fn(i64) -> bool) -> Option<u32> {
        let (&(due, seq), &id) = self.queue.first_key_value()?;
        if !ok(due) {
            return None;
        }
        self.queue.remove(&(due, seq));
        self.keys.remove(&id);
        self.now = self.now.max(due);
        Some(id)
    }

    /// Moves the clock to `t` (ms since the epoch) without firing anything; never back, and not
    /// at all when `t` is not a finite number.
    pub fn advance_to(&mut self, t: f64) {
        if t.is_finite() {
            self.now = self.now.max(t.min(MAX_TIME_MS) as i64);
        }
    }

    /// Moves the clock forward by `ms` without firing anything (negative or non-finite: no move).
    pub fn advance(&mut self, ms: f64) {
        if ms.is_finite() && ms > 0.0 {
            self.now = self.now.saturating_add(ms.min(9.0e15) as i64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_fire_in_time_order_then_schedule_order() {
        let mut c = Clock::new(1_000);
        let late = c.schedule(500);
        let early = c.schedule(100);
        let same = c.schedule(100);
        assert_eq!(c.pending(), 3);
        assert_eq!(c.pop_due(1_099.0), None, "nothing due yet");
        assert_eq!(c.now(), 1_000);
        assert_eq!(c.pop_due(2_000.0), Some(early));
        assert_eq!(
            c.now(),
            1_100,
            "the clock is at the event's time while it fires"
        );
        assert_eq!(c.pop_next(), Some(same));
        assert_eq!(c.pop_next(), Some(late));
        assert_eq!(c.now(), 1_500);
        assert_eq!(c.pop_next(), None);
    }

    #[test]
    fn cancelled_events_never_fire_and_time_never_goes_back() {
        let mut c = Clock::new(0);
        let a = c.schedule(10);
        let b = c.schedule(20);
        assert!(c.cancel(a));
        assert!(!c.cancel(a), "already cancelled");
        assert!(!c.cancel(0));
        assert_eq!(c.pop_next(), Some(b));
        c.advance_to(5.0);
        assert_eq!(c.now(), 20);
        c.advance_to(f64::NAN);
        c.advance_to(f64::INFINITY);
        c.advance(-3.0);
        c.advance(f64::NAN);
        assert_eq!(c.now(), 20);
        assert_eq!(c.pop_due(f64::NAN), None);
        // An event scheduled "in the past" of a later `pop_due` still fires at its own time,
        // and the clock does not move back to it.
        c.advance(100.0);
        let d = c.schedule(0);
        assert_eq!(c.pop_due(120.0), Some(d));
        assert_eq!(c.now(), 120);
    }

    #[test]
    fn timer_delays_read_as_hosts_read_them() {
        let mut c = Clock::new(0);
        let ids = [
            c.schedule_timer(f64::NAN),
            c.schedule_timer(-5.0),
            c.schedule_timer(1e12),
            c.schedule_timer(2.9),
        ];
        let mut fired = Vec::new();
        while let Some(id) = c.pop_next() {
            fired.push((id, c.now()));
        }
        assert_eq!(
            fired,
            vec![(ids[0], 0), (ids[1], 0), (ids[2], 1), (ids[3], 2)]
        );
    }

    #[test]
    fn ids_are_never_zero_nor_reused_while_pending() {
        let mut c = Clock::new(0);
        c.last_id = u32::MAX - 1;
        let a = c.schedule(1);
        let b = c.schedule(1);
        assert_eq!(a, u32::MAX);
        assert_eq!(b, 1, "0 is skipped when ids wrap");
        c.last_id = 0;
        assert_eq!(c.schedule(1), 2, "1 is still pending");
    }
}
