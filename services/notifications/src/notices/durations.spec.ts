import { durationLabel, parseDurations } from './durations';

describe('reminder durations', () => {
  it('reads 48h,24h as seconds, largest first, whatever the order given', () => {
    expect(parseDurations('24h,48h')).toEqual([172_800, 86_400]);
    expect(parseDurations(' 90s, 2m ,1d')).toEqual([86_400, 120, 90]);
  });

  it('refuses what is not a positive duration with a unit, or the same time twice', () => {
    expect(() => parseDurations('48')).toThrow('48 is not a duration like 48h, 30m or 90s');
    expect(() => parseDurations('0h')).toThrow('0h is not a duration');
    expect(() => parseDurations('-1h')).toThrow('-1h is not a duration');
    expect(() => parseDurations('1h,60m')).toThrow('names the same time twice');
  });

  it('an empty list means no reminders', () => {
    expect(parseDurations('')).toEqual([]);
  });

  it('labels a step by its shortest unit', () => {
    expect([172_800, 5400, 90, 120].map(durationLabel)).toEqual(['48h', '90m', '90s', '2m']);
  });
});
