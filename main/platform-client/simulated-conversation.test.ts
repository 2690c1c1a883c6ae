// The simulated professional of `npm start` writes like a real one: a greeting as the call connects for
// a patient who asked for the written conversation, a short answer to each of their messages, nothing
// once the call is over.
import { describe, expect, it } from 'vitest';
import type { CallFact } from '../../contract';
import { ManualClock } from '../../test/support/manual-clock';
import { SIMULATED_GREETING, SIMULATED_REPLY, SimulatedPlatformLink } from './simulated-platform-link';

const STEP_MS = 100;

function callWith(writtenConversation: boolean) {
  const clock = new ManualClock();
  const link = new SimulatedPlatformLink(
    { stepMs: STEP_MS, callMs: 10_000, reachable: () => true, callMeasurement: null },
    clock,
  );
  link.joinQueue(
    {
      sessionId: 's1',
      profession: 'doctor',
      appointmentCode: null,
      identity: {
        surname: 'MARTIN',
        firstName: 'Jeanne',
        birthDate: '1950-03-12',
        nir: null,
        source: 'manual',
      },
      measurements: [],
      locale: 'fr',
      carePath: null,
      cost: null,
      accessibility: { largeText: false, readAloud: false, writtenConversation },
    },
    () => undefined,
  );
  const facts: CallFact[] = [];
  const leave = link.joinCall('s1', (fact) => facts.push(fact));
  const written = () => facts.flatMap((fact) => (fact.type === 'call.messageReceived' ? [fact.text] : []));
  return { clock, link, written, leave };
}

describe('the simulated professional’s written conversation', () => {
  it('greets in writing the patient who asked for it, and answers each message a step later', async () => {
    const { clock, link, written } = callWith(true);
    clock.increment(STEP_MS);
    expect(written()).toEqual([SIMULATED_GREETING]);
    await expect(link.sendMessage('s1', 'Oui')).resolves.toEqual({ ok: true, value: undefined });
    expect(written()).toHaveLength(1);
    clock.increment(STEP_MS);
    expect(written()).toEqual([SIMULATED_GREETING, SIMULATED_REPLY]);
  });

  it('writes nothing first to the others, and takes no message once the call is left', async () => {
    const { clock, link, written, leave } = callWith(false);
    clock.increment(STEP_MS);
    expect(written()).toEqual([]);
    leave();
    await expect(link.sendMessage('s1', 'Allô ?')).resolves.toMatchObject({
      ok: false,
      error: { code: 'call.ended' },
    });
  });
});
