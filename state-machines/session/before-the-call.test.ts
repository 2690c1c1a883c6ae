// Scenarios of the steps before the call, told as what happens in the cabin (a card pulled out, typed
// details, a code refused, a télésoin that is not possible, a device unplugged) and checked on what the
// patient sees (`sessionViewOf`) and what the cabin did (the recorded actions).
import { describe, expect, it } from 'vitest';
import type { TelecareEligibility } from '../../contract';
import {
  bloodPressure,
  CARD_HOLDER,
  CHILD_ON_CARD,
  chooseDoctor,
  chooseProfession,
  consentAlone,
  DOCTOR,
  failure,
  identifyWithCard,
  measurementSlots,
  nirWithWrongKey,
  NO_PARCOURS_QUESTION,
  OUTSIDE_THE_PARCOURS,
  reachMeasurements,
  REFERRED_BY_REGULAR_DOCTOR,
  scenarioWalks,
  stageOf,
  TYPED_IDENTITY,
} from '../test-support';

const { walkIn, walkInTo, describeBackButton } = scenarioWalks();

/** Télésoin eligibility: the first remote session of a patient the professional has never seen. */
const NEVER_SEEN_IN_PERSON: TelecareEligibility = { physicalActNeeded: false, earlierInPersonSession: false };
/** Télésoin eligibility: a follow-up after an in-person session, with nothing to do by hand. */
const SEEN_IN_PERSON_BEFORE: TelecareEligibility = { physicalActNeeded: false, earlierInPersonSession: true };
/** Télésoin eligibility: an act that needs the professional's hands, whatever came before. */
const NEEDS_A_PHYSICAL_GESTURE: TelecareEligibility = {
  physicalActNeeded: true,
  earlierInPersonSession: true,
};

describe('identification', () => {
  it('the card is pulled out during the read: the failure is shown and a retry reads it again', () => {
    const session = walkInTo(consentAlone);
    session.cardReader.startReading();
    session.cardReader.fail('card.removed');
    expect(session.view()).toMatchObject({
      canGoBack: true,
      screen: { step: 'identification', stage: 'cardFailed', failure: 'card.removed' },
    });
    session.send({ type: 'patient.retry' });
    expect(stageOf(session)).toBe('identification/waitingForCard');
    expect(session.cardReader.starts).toHaveLength(2);
    session.cardReader.insert([CARD_HOLDER]);
    expect(session.view().screen).toMatchObject({ stage: 'confirming', identity: CARD_HOLDER });
  });

  it('a card with nobody on it is refused with its own message', () => {
    const session = walkInTo(consentAlone);
    session.cardReader.insert([]);
    expect(session.view().screen).toMatchObject({ stage: 'cardFailed', failure: 'card.noBeneficiary' });
  });

  it('"I don\'t have my card": a NIR with a wrong key is pointed at, a good one goes to confirmation', () => {
    const session = walkInTo(consentAlone);
    session.send({ type: 'patient.useManualEntry' });
    expect(stageOf(session)).toBe('identification/manualEntry');
    session.send({
      type: 'patient.submitIdentity',
      identity: { ...TYPED_IDENTITY, nir: nirWithWrongKey(TYPED_IDENTITY.nir.slice(0, 13)) },
    });
    expect(session.view().screen).toMatchObject({
      stage: 'manualEntry',
      invalidFields: [{ field: 'nir', problem: 'nirWrongKey', length: 15 }],
    });

    session.send({ type: 'patient.submitIdentity', identity: TYPED_IDENTITY });
    expect(session.view().screen).toMatchObject({
      stage: 'confirming',
      identity: { surname: "N'Diaye", nir: TYPED_IDENTITY.nir, source: 'manual' },
    });
  });

  it('without a NIR at all the typed identity is accepted, for billing in "SESAM sans Vitale"', () => {
    const session = walkInTo(consentAlone);
    session.send({ type: 'patient.useManualEntry' });
    session.send({ type: 'patient.submitIdentity', identity: { ...TYPED_IDENTITY, nir: '' } });
    expect(session.view().screen).toMatchObject({
      stage: 'confirming',
      identity: { nir: null, source: 'manual' },
    });
  });

  it('back from the confirmation of typed details returns to the form, not to "insert your card"', () => {
    const session = walkInTo(consentAlone);
    session.send({ type: 'patient.useManualEntry' });
    session.send({ type: 'patient.submitIdentity', identity: TYPED_IDENTITY });
    session.send({ type: 'patient.back' });
    expect(session.view().screen).toMatchObject({ stage: 'manualEntry', invalidFields: [], identity: null });
  });

  it('back from the confirmation of one of several beneficiaries returns to the choice', () => {
    const session = walkInTo(consentAlone);
    session.cardReader.insert([CARD_HOLDER, CHILD_ON_CARD]);
    session.send({ type: 'patient.chooseBeneficiary', index: 0 });
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('identification/choosingBeneficiary');
  });
});

describe('appointment and cost', () => {
  it('a self-initiated consultation outside the parcours de soins is not reimbursed: 25 € to pay', () => {
    const session = walkIn();
    chooseDoctor(session, OUTSIDE_THE_PARCOURS);
    expect(session.view().screen).toMatchObject({
      stage: 'cost',
      cost: {
        cover: { reimbursed: false, reimbursedPercent: 0, thirdPartyPayment: false },
        otherwise: null,
        amountDueTodayCents: 2500,
      },
    });
  });

  it('an urgency, EHPAD or detention outside the parcours is reimbursed, less the 2 € participation', () => {
    const session = walkIn();
    chooseDoctor(session, { ...OUTSIDE_THE_PARCOURS, exemptedSituation: 'yes' });
    expect(session.view().screen).toMatchObject({
      cost: { cover: { reimbursed: true, reimbursedPercent: 70, assuranceMaladieCents: 1550 } },
    });
  });

  it('"je ne sais pas" to the referral: the Assurance Maladie decides, the whole fee is paid in the cabin', () => {
    const session = walkIn();
    chooseDoctor(session, { ...OUTSIDE_THE_PARCOURS, referredByRegularDoctor: 'unknown' });
    expect(session.view().screen).toMatchObject({
      cost: {
        cover: { reimbursed: true, assuranceMaladieCents: 1550 },
        otherwise: { reimbursed: false, assuranceMaladieCents: 0 },
        amountDueTodayCents: 2500,
      },
    });
  });

  it('answers to questions this patient is not asked are not taken', () => {
    const session = walkIn();
    chooseProfession(session, 'doctor');
    // "Avez-vous un médecin traitant ?" — "Non" settles it: no follow-up question may be answered.
    session.send({
      type: 'patient.answerCarePath',
      answers: { ...OUTSIDE_THE_PARCOURS, hasRegularDoctor: 'no' },
    });
    expect(stageOf(session)).toBe('appointment/carePath');
  });

  it('ALD full cover is 100 % with tiers payant: nothing to pay, the payment step is skipped', () => {
    const session = walkIn();
    chooseDoctor(session, { ...REFERRED_BY_REGULAR_DOCTOR, longTermCondition: 'yes' });
    expect(session.view().screen).toMatchObject({
      cost: {
        cover: { reimbursedPercent: 100, thirdPartyPayment: true, deductionCents: 200 },
        amountDueTodayCents: 0,
      },
    });
    session.send({ type: 'patient.acceptCost' });
    for (let kind = 0; kind < 4; kind += 1) session.send({ type: 'patient.skip' });
    session.waitingRoom.assign(DOCTOR);
    session.send({ type: 'patient.startCall' });
    session.call.connect();
    session.call.end();
    expect(session.view().screen.step).toBe('goodbye');
    expect(session.paymentTerminal.requests).toEqual([]);
  });

  it.each([
    ['midwife', 1750],
    ['dentist', 1750],
  ] as const)('a %s is direct access: no médecin-traitant question, %i cents back', (profession, paid) => {
    const session = walkIn();
    chooseProfession(session, profession);
    expect(session.view().screen).toMatchObject({ stage: 'carePath', profession, ageBand: 'adult' });
    session.send({ type: 'patient.answerCarePath', answers: REFERRED_BY_REGULAR_DOCTOR });
    expect(stageOf(session)).toBe('appointment/carePath');
    session.send({ type: 'patient.answerCarePath', answers: NO_PARCOURS_QUESTION });
    expect(session.view().screen).toMatchObject({
      stage: 'cost',
      cost: { feeCents: 2500, deduction: null, cover: { assuranceMaladieCents: paid } },
    });
  });

  it('physiotherapy without an earlier in-person session is not possible remotely', () => {
    const session = walkIn();
    chooseProfession(session, 'physiotherapist');
    expect(stageOf(session)).toBe('appointment/eligibility');
    session.send({ type: 'patient.answerEligibility', answers: NEVER_SEEN_IN_PERSON });
    expect(session.view().screen).toMatchObject({ stage: 'notEligible', profession: 'physiotherapist' });
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('appointment/choosingProfession');
  });

  it('physiotherapy after an in-person session is télésoin: the cover questions, then 60 % less the franchise', () => {
    const session = walkIn();
    chooseProfession(session, 'physiotherapist');
    session.send({ type: 'patient.answerEligibility', answers: SEEN_IN_PERSON_BEFORE });
    expect(stageOf(session)).toBe('appointment/carePath');
    session.send({
      type: 'patient.answerCarePath',
      answers: { ...NO_PARCOURS_QUESTION, solidarityCover: 'yes' },
    });
    expect(session.view().screen).toMatchObject({
      stage: 'cost',
      cost: {
        feeCents: 1650,
        deduction: 'franchiseMedicale',
        cover: { reimbursed: true, reimbursedPercent: 60, deductionCents: 0, thirdPartyPayment: true },
        amountDueTodayCents: 0,
      },
    });
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('appointment/carePath');
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('appointment/eligibility');
  });

  it('a nurse cannot do remotely an act that needs a physical gesture', () => {
    const session = walkIn();
    chooseProfession(session, 'nurse');
    session.send({ type: 'patient.answerEligibility', answers: NEEDS_A_PHYSICAL_GESTURE });
    expect(stageOf(session)).toBe('appointment/notEligible');
  });

  it('an appointment code the platform refuses is shown, and the patient types it again', async () => {
    const session = walkInTo(identifyWithCard);
    session.send({ type: 'patient.haveAppointmentCode' });
    session.send({ type: 'patient.submitAppointmentCode', code: ' K7Q-42 ' });
    expect(stageOf(session)).toBe('appointment/checkingCode');
    expect(session.appointments.requests).toEqual([{ code: 'K7Q-42' }]);
    await session.appointments.answer(failure('appointment.unknownCode'));
    expect(session.view().screen).toMatchObject({
      stage: 'enteringCode',
      failure: 'appointment.unknownCode',
    });

    session.send({ type: 'patient.submitAppointmentCode', code: 'K7Q-43' });
    await session.appointments.answer({ ok: true, value: { profession: 'midwife', specialty: null } });
    expect(session.view().screen).toMatchObject({ stage: 'carePath', profession: 'midwife', failure: null });
  });

  it('the booked appointment goes to the waiting room with its code', async () => {
    const session = walkInTo(identifyWithCard);
    session.send({ type: 'patient.haveAppointmentCode' });
    session.send({ type: 'patient.submitAppointmentCode', code: 'K7Q-43' });
    await session.appointments.answer({ ok: true, value: { profession: 'doctor', specialty: null } });
    session.send({ type: 'patient.answerCarePath', answers: REFERRED_BY_REGULAR_DOCTOR });
    session.send({ type: 'patient.acceptCost' });
    for (let kind = 0; kind < 4; kind += 1) session.send({ type: 'patient.skip' });
    expect(session.waitingRoom.lastInput).toMatchObject({ appointmentCode: 'K7Q-43', profession: 'doctor' });
  });

  it('a booked ophthalmologist is direct access: nothing asked of the médecin traitant, reimbursed', async () => {
    const session = walkInTo(identifyWithCard);
    session.send({ type: 'patient.haveAppointmentCode' });
    session.send({ type: 'patient.submitAppointmentCode', code: '135790' });
    await session.appointments.answer({
      ok: true,
      value: { profession: 'doctor', specialty: 'ophthalmology' },
    });
    expect(session.view().screen).toMatchObject({ stage: 'carePath', directAccess: true });
    // Answers about the médecin traitant are not this patient's questions: refused.
    session.send({ type: 'patient.answerCarePath', answers: OUTSIDE_THE_PARCOURS });
    expect(session.view().screen).toMatchObject({ stage: 'carePath' });
    session.send({ type: 'patient.answerCarePath', answers: NO_PARCOURS_QUESTION });
    expect(session.view().screen).toMatchObject({
      stage: 'cost',
      cost: { cover: { reimbursed: true, reimbursedPercent: 70 }, otherwise: null },
    });
  });

  it('choosing the next available doctor after a booked specialist asks about the médecin traitant again', async () => {
    const session = walkInTo(identifyWithCard);
    session.send({ type: 'patient.haveAppointmentCode' });
    session.send({ type: 'patient.submitAppointmentCode', code: '135790' });
    await session.appointments.answer({
      ok: true,
      value: { profession: 'doctor', specialty: 'ophthalmology' },
    });
    session.send({ type: 'patient.back' });
    session.send({ type: 'patient.seeNextAvailable' });
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    await session.settle();
    expect(session.view().screen).toMatchObject({ directAccess: false });
  });
});

describe('measurements', () => {
  it('an implausible blood pressure (systolic 300) asks to measure again, and is not shared', () => {
    const session = walkInTo(reachMeasurements);
    session.send({ type: 'patient.startMeasurement' });
    session.device.complete(bloodPressure(300, 90));
    expect(session.view().screen).toMatchObject({
      stage: 'failed',
      failure: 'measurement.implausible',
      result: null,
    });
    session.send({ type: 'patient.retry' });
    expect(stageOf(session)).toBe('measurements/measuring');
    session.device.complete(bloodPressure(131, 84));
    session.send({ type: 'patient.next' });
    expect(session.recorded.sharedMeasurements).toEqual([bloodPressure(131, 84)]);
  });

  it('the tensiometer is unplugged mid-measurement: failed, and skip goes to the thermometer', () => {
    const session = walkInTo(reachMeasurements);
    session.send({ type: 'patient.startMeasurement' });
    session.device.progress({ stage: 'inflating', cuffPressureMmHg: 90 });
    session.device.fail('device.unplugged');
    expect(session.view().screen).toMatchObject({
      stage: 'failed',
      failure: 'device.unplugged',
      progress: null,
    });
    session.send({ type: 'patient.skip' });
    expect(session.view().screen).toMatchObject({
      stage: 'instructions',
      current: 'temperature',
      slots: measurementSlots({ bloodPressure: 'skipped' }),
    });
  });

  it('every measurement skipped still reaches the waiting room, with nothing shared', () => {
    const session = walkInTo(reachMeasurements);
    for (let kind = 0; kind < 4; kind += 1) session.send({ type: 'patient.skip' });
    expect(stageOf(session)).toBe('waitingRoom/joining');
    expect(session.recorded.sharedMeasurements).toEqual([]);
    expect(session.waitingRoom.lastInput?.measurements).toEqual([]);
  });

  it('with only a scale in the cabin, the other measurements are shown unavailable', () => {
    const session = walkIn({ availableKinds: ['weight'] });
    reachMeasurements(session);
    expect(session.view().screen).toMatchObject({
      current: 'weight',
      slots: measurementSlots({ weight: 'pending' }, 'unavailable'),
    });
  });

  it('with no device present, accepting the cost goes straight to the waiting room', () => {
    const session = walkIn({ availableKinds: [] });
    reachMeasurements(session);
    expect(session.snapshot().context.slots.every((slot) => slot.status === 'unavailable')).toBe(true);
    expect(stageOf(session)).toBe('waitingRoom/joining');
    expect(session.device.starts).toEqual([]);
  });
});

// Runs last: it checks the screens that the scenarios above reached.
describeBackButton(25);
