// @vitest-environment jsdom
// Nobody of the chosen kind online, said as soon as the patient chooses, before any question: the same
// sentences as the waiting room's, with the ways out (another kind, an appointment code, leaving).
import { describe, expect, it } from 'vitest';
import { en } from '../../assets/strings/en';
import { fr } from '../../assets/strings/fr';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';

const { open } = openViews();

const nobodyOnline = SAMPLE_SCREENS.appointment.nobodyOnline;

describe('the profession choice', () => {
  it('says under each kind nobody of is online that nobody is there now, and it stays choosable', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.choosingProfession));
    expect(app.get('profession-dentist-nobody-online').textContent).toBe(fr.appointment.nobodyOnlineNow);
    expect(app.query('profession-doctor-nobody-online')).toBeNull();
    await app.click('profession-dentist');
    expect(transport.actions()).toEqual([{ type: 'patient.chooseProfession', profession: 'dentist' }]);
  });
});

describe('the profession choice with nobody of that kind online', () => {
  it('says that no dentist is online and offers the three ways out', async () => {
    const { app, transport } = await open(sampleSessionView(nobodyOnline));
    expect(app.text()).toContain(fr.waitingRoom.nobodyOnlineTitle);
    expect(app.get('nobody-online').textContent).toContain(fr.waitingRoom.nobodyOnline.dentist);
    expect(app.get('nobody-online').textContent).toContain(fr.waitingRoom.nobodyKnows);
    // No place in a queue is kept here: nothing about staying on the screen.
    expect(app.text()).not.toContain(fr.waitingRoom.stayNote);
    await app.click('choose-another-profession');
    await app.click('have-appointment-code');
    expect(transport.actions()).toEqual([
      { type: 'patient.seeNextAvailable' },
      { type: 'patient.haveAppointmentCode' },
    ]);
    await app.click('nobody-online-quit');
    await app.click('quit-confirm');
    expect(transport.actions().at(-1)).toEqual({ type: 'patient.quit' });
  });

  it('shows the cabin at work while it asks who is online', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.checkingPresence));
    expect(app.text()).toContain(fr.appointment.checkingPresenceTitle);
    expect(app.query('nobody-online')).toBeNull();
  });

  it('speaks English in an English session', async () => {
    const { app } = await open(sampleSessionView(nobodyOnline, { locale: 'en' }));
    expect(app.get('nobody-online').textContent).toContain(en.waitingRoom.nobodyOnline.dentist);
    expect(app.get('choose-another-profession').textContent).toBe(en.waitingRoom.chooseAnother);
  });
});
