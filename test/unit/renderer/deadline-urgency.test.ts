import { describe, expect, it } from 'vitest';
import {
  DEADLINE_SOON_MS,
  deadlineUrgency,
} from '../../../src/renderer/src/features/receive/deadline-urgency';

describe('the seller deadline on the bench', () => {
  const now = Date.UTC(2026, 5, 1, 8, 0);
  it('is passed at and after the deadline, soon within a day, later beyond', () => {
    expect(deadlineUrgency(null, now)).toBe('none');
    expect(deadlineUrgency(now, now)).toBe('passed');
    expect(deadlineUrgency(now - 1, now)).toBe('passed');
    expect(deadlineUrgency(now + 1, now)).toBe('soon');
    expect(deadlineUrgency(now + DEADLINE_SOON_MS, now)).toBe('soon');
    expect(deadlineUrgency(now + DEADLINE_SOON_MS + 1, now)).toBe('later');
  });
});
