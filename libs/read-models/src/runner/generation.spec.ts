import { buildGeneration, parseGeneration, rebuildChoices, rebuildGeneration } from './generation';

describe('generation names', () => {
  it('formats and parses builds and rebuilds', () => {
    expect(buildGeneration(3)).toBe('v3');
    expect(rebuildGeneration(3, 2)).toBe('v3.r2');
    expect(parseGeneration('v3')).toEqual({ version: 3, rebuild: 0 });
    expect(parseGeneration('v3.r12')).toEqual({ version: 3, rebuild: 12 });
    expect(parseGeneration('v3.r')).toBeNull();
    expect(parseGeneration('main')).toBeNull();
  });

  it('chooses the first rebuild after a plain build', () => {
    expect(rebuildChoices(1, 'v1', ['v1'])).toEqual({ resumable: null, fresh: 'v1.r1' });
    expect(rebuildChoices(1, null, [])).toEqual({ resumable: null, fresh: 'v1.r1' });
  });

  it('offers an interrupted rebuild newer than the active generation for resumption', () => {
    expect(rebuildChoices(1, 'v1', ['v1', 'v1.r1'])).toEqual({ resumable: 'v1.r1', fresh: 'v1.r2' });
    expect(rebuildChoices(1, 'v1.r2', ['v1.r2', 'v1.r3'])).toEqual({ resumable: 'v1.r3', fresh: 'v1.r4' });
  });

  it('never resumes the active generation or generations of another version', () => {
    expect(rebuildChoices(1, 'v1.r2', ['v1.r2'])).toEqual({ resumable: null, fresh: 'v1.r3' });
    expect(rebuildChoices(2, 'v1.r5', ['v1.r5', 'v2.r1'])).toEqual({ resumable: 'v2.r1', fresh: 'v2.r2' });
    expect(rebuildChoices(2, 'v2', ['v2', 'v1.r7', 'custom'])).toEqual({ resumable: null, fresh: 'v2.r1' });
  });
});
