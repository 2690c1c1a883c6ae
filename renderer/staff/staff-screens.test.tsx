// @vitest-environment jsdom
// Every staff screen draws in both languages with every template filled, over the sample answers.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PROCEDURE, SAMPLE_STAFF_NOW, sampleStaffAnswers } from '../sample-staff';
import { SAMPLE_SCREENS, sampleSession, sampleView } from '../sample-screens';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { FakeMediaEnvironment } from '../test-support/fake-media-environment';
import { loginAs } from '../test-support/staff-steps';
import { TRAFFIC_POLL_MS } from './traffic-monitor';

const { open } = openViews();

const unfilled = (app: MountedApp): string[] => app.text().match(/\{\w+\}/g) ?? [];

describe('the staff screens', () => {
  for (const locale of ['fr', 'en'] as const) {
    it(`draw every tab and procedure stage in ${locale}`, async () => {
      const media = new FakeMediaEnvironment();
      media.clock.increment(SAMPLE_STAFF_NOW);
      const view = sampleView(null, {
        phase: 'maintenance',
        helpCall: { step: 'payment', since: SAMPLE_STAFF_NOW, told: ['attendant'] },
        peripherals: [
          { peripheral: 'printer', state: 'ok', notice: 'lowPaper' },
          { peripheral: 'weight', state: 'faulty', reason: 'calibration.overdue', dueAt: SAMPLE_STAFF_NOW },
          { peripheral: 'temperature', state: 'ok', notice: 'calibrationDueSoon', dueAt: SAMPLE_STAFF_NOW },
        ],
        outOfServiceMessage: 'Fermé',
      });
      const { app, transport } = await open(view, media);
      transport.staffAnswer = sampleStaffAnswers();
      await app.click('attendant-open');
      if (locale === 'en') await app.click('locale-en');
      expect(unfilled(app)).toEqual([]);
      await loginAs(app, 'technician');
      await app.click('staff-tab-devices');
      await app.click('device-bloodPressure-traffic');
      await act(() => media.clock.advance(TRAFFIC_POLL_MS));
      await app.settle();
      for (const tab of ['cabin', 'devices', 'register', 'export']) {
        await app.click(`staff-tab-${tab}`);
        expect(unfilled(app)).toEqual([]);
      }
      await app.click('staff-tab-procedure');
      await app.click('procedure-device-bloodPressure');
      await app.type('procedure-technician', 'P');
      await app.type('procedure-instrument', 'I');
      await app.type('procedure-certificate', 'C');
      await app.click('procedure-start');
      for (const prompt of SAMPLE_PROCEDURE.slice(0, -1)) {
        expect(unfilled(app)).toEqual([]);
        if (prompt.kind === 'reference') {
          await app.type('procedure-value', '1');
          await app.click('procedure-send');
        } else await app.click('procedure-continue');
      }
      expect(app.query('procedure-verdict')).not.toBeNull();
      expect(unfilled(app)).toEqual([]);
    });
  }

  it('draws the banner the patient sees in English, in the session language', async () => {
    const session = sampleSession(SAMPLE_SCREENS.payment.confirm, { locale: 'en' });
    const { app } = await open(
      sampleView(session, { staff: { onScreen: 'attendant', locks: [], pinsNeeded: false } }),
    );
    expect(app.get('staff-on-screen').textContent).toBe('A staff member has opened the service panel.');
  });

  it('draws the first-start setup in English', async () => {
    const { app } = await open(sampleView(null, { staff: { onScreen: null, locks: [], pinsNeeded: true } }));
    await app.click('locale-en');
    expect(app.text()).toContain('First start: choose the staff codes');
    await app.click('setup-save');
    expect(app.get('error-setup-attendantPin').textContent).toBe(
      'The code must have 6 to 12 digits, no letters.',
    );
    expect(unfilled(app)).toEqual([]);
  });
});
