import { describe, expect, it } from 'vitest';
import { formatHeadroom } from '../../src/planners/capacity.js';
import { withMargin } from '../../src/planners/scenarios/scale.js';

describe('margins and headroom are computed, not worded', () => {
  it('reserves the load plus 30% (4,000 concurrent executions → 5,200, not 10,000)', () => {
    expect(withMargin(4000)).toBe(5200);
    expect(withMargin(1000)).toBe(1300);
    expect(withMargin(133.33)).toBe(180);
  });

  it('prints headroom as the share left free or as a multiple of the limit, never "-2400%"', () => {
    expect(formatHeadroom({ loadAtFactor: 1000, capacity: 40, headroom: 1 - 1000 / 40 })).toBe(
      '25× the limit',
    );
    expect(formatHeadroom({ loadAtFactor: 1000, capacity: 200, headroom: -4 })).toBe('5.0× the limit');
    expect(formatHeadroom({ loadAtFactor: 700, capacity: 1000, headroom: 0.3 })).toBe('30% free');
    expect(formatHeadroom({ loadAtFactor: 10, capacity: null, headroom: null })).toBe('?');
  });
});
