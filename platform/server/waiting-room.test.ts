// The estimated wait: ceil(position × mean consultation minutes / connected practitioners), none with
// nobody connected.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONSULTATION_MINUTES,
  estimateWaitMinutes,
  RecentDurations,
  WaitingRooms,
} from './waiting-room';

describe('the estimated wait', () => {
  it.each([
    [1, 10, 0, null],
    [3, 10, 0, null],
    [3, 10, 1, 30],
    [3, 10, 2, 15],
    [1, 10, 3, 4],
    [2, 7.5, 2, 8],
    [1, 0, 1, 0],
    [500, 60, 1, 1440],
  ])('patient %i, %f min per consultation, %i connected: %s min', (position, mean, connected, minutes) => {
    expect(estimateWaitMinutes(position, mean, connected)).toBe(minutes);
  });
});

describe('the mean consultation length', () => {
  it('is 10 minutes before any call finished', () => {
    expect(new RecentDurations().meanMinutes()).toBe(DEFAULT_CONSULTATION_MINUTES);
  });

  it('is the configured mean before any call finished, when the operator set one', () => {
    expect(new RecentDurations(15).meanMinutes()).toBe(15);
    const rooms = new WaitingRooms<{ profession: 'dentist' }>(15);
    expect(rooms.place('dentist', 2, 1)).toEqual({
      position: 2,
      estimatedWaitMinutes: 30,
      professionalsOnline: 1,
    });
    expect(rooms.place('dentist', 2, 0)).toEqual({
      position: 2,
      estimatedWaitMinutes: null,
      professionalsOnline: 0,
    });
  });

  it('is the mean of the last 20 finished calls', () => {
    const durations = new RecentDurations();
    durations.add(60 * 60_000);
    for (let i = 0; i < 20; i += 1) durations.add(6 * 60_000);
    // The hour-long call is the 21st from the end: forgotten.
    expect(durations.meanMinutes()).toBe(6);
    durations.add(26 * 60_000);
    expect(durations.meanMinutes()).toBe(7);
  });
});
