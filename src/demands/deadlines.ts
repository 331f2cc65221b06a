import type { TimeLimitSpec, WorkCalendar } from '../core/calendar/index.ts';

/** The demand time limits of a policy profile (rule `demands.timeLimits`). */
export interface DemandTimeLimits {
  urgent: ProfileLimit;
  utilities: ProfileLimit;
  general: ProfileLimit;
  complex: ProfileLimit;
  signFor: ProfileLimit;
  contact: ProfileLimit;
}
interface ProfileLimit {
  amount: number;
  unit: 'hours' | 'working_days' | 'working_hours' | 'calendar_days';
}

/** Profile units → calendar units ("hours" in a profile are clock hours). */
export function toSpec(limit: ProfileLimit): TimeLimitSpec {
  return { unit: limit.unit === 'hours' ? 'calendar_hours' : limit.unit, amount: limit.amount };
}

export interface DeadlineInput {
  from: Date;
  urgent: boolean;
  /** The owner works around the clock (water, power, gas, heat): hours count on the clock. */
  roundTheClock: boolean;
  complexity: 'general' | 'complex';
}

export interface Deadlines {
  dueAt: Date;
  signDueAt: Date;
  contactDueAt: Date;
  timeLimit: TimeLimitSpec & { basis: 'urgent' | 'utilities' | 'general' | 'complex' };
  warnings: string[];
  /** The handle-by deadline crosses a year without official holiday data (Mon–Fri assumed). */
  provisional: boolean;
}

/**
 * The deadlines written on a work order at dispatch: handle-by (category/urgency limit), sign-for and
 * contact-the-caller. Round-the-clock owners and urgent demands never wait for office hours.
 */
export function computeDeadlines(
  calendar: WorkCalendar,
  limits: DemandTimeLimits,
  input: DeadlineInput,
): Deadlines {
  const basis = input.urgent ? 'urgent' : input.roundTheClock ? 'utilities' : input.complexity;
  const spec = toSpec(limits[basis]);
  const handle = calendar.computeDeadline(input.from, spec);
  let signSpec = toSpec(limits.signFor);
  if ((input.urgent || input.roundTheClock) && signSpec.unit === 'working_hours') {
    signSpec = { unit: 'calendar_hours', amount: signSpec.amount };
  }
  const sign = calendar.computeDeadline(input.from, signSpec);
  const contact = calendar.computeDeadline(input.from, toSpec(limits.contact));
  // Signing and contacting can never be due after the demand itself (urgent: 2 h for everything).
  const cap = (d: Date) => (d.getTime() > handle.due.getTime() ? handle.due : d);
  return {
    dueAt: handle.due,
    signDueAt: cap(sign.due),
    contactDueAt: cap(contact.due),
    timeLimit: { ...spec, basis },
    warnings: [...new Set([...handle.coverage.warnings, ...sign.coverage.warnings])],
    provisional: !handle.coverage.complete || !sign.coverage.complete,
  };
}
