import type { StepTimeLimit } from '@tukar/spec';

/** Western Indonesian Time (WIB, UTC+7): working days are counted on the regency's calendar. */
const WIB_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * When a step's time limit runs out: `amount` working days (Monday to Friday, WIB) after `start`, or
 * `amount` hours for hour limits. Public holidays are not known to the hub and count as working days.
 *
 * @example
 * ```ts
 * stepDeadline(new Date('2025-03-07T09:00:00+07:00'), { amount: 1, unit: 'working-days', seed: '1 hari' });
 * // → 2025-03-10T09:00:00+07:00 (Friday + 1 working day = Monday)
 * ```
 */
export function stepDeadline(start: Date, limit: StepTimeLimit): Date {
  if (limit.unit === 'hours') return new Date(start.getTime() + limit.amount * 3600_000);
  let local = start.getTime() + WIB_OFFSET_MS;
  let left = limit.amount;
  while (left > 0) {
    local += DAY_MS;
    const weekday = new Date(local).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(local - WIB_OFFSET_MS);
}
