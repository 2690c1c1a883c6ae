// @vitest-environment jsdom
// The payment screen as the patient sees it: the amount they accepted, and after each failure a plain
// message with its ways forward (try again, pay at the counter, ask for help); the goodbye screen then
// says to pay at the counter.
import { describe, expect, it } from 'vitest';
import type { GoodbyeScreen, PaymentScreen } from '../../contract/cabin-view';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';

const { open } = openViews();

const failed = (failure: string, amountCents = 2500): PaymentScreen => ({
  ...SAMPLE_SCREENS.payment.failed,
  amountCents,
  failure,
});

describe('the payment screen', () => {
  it('asks for the amount the patient accepted on the cost screen', async () => {
    const screen: PaymentScreen = { ...SAMPLE_SCREENS.payment.confirm, amountCents: 750 };
    const { app } = await open(sampleSessionView(screen));
    expect(app.get('amount').textContent).toBe('7,50\u00a0€');
    expect(app.get('pay').textContent).toBe('Payer par carte bancaire');
  });

  it.each([
    ['payment.declined', 'Le paiement est refusé. Vous pouvez essayer une autre carte.'],
    ['payment.cancelled', 'Le paiement a été annulé. Vous pouvez réessayer.'],
    ['payment.cardRemoved', 'La carte a été retirée trop tôt. Vous pouvez réessayer.'],
    [
      'payment.unreachable',
      "Le terminal de paiement ne répond pas. Vous pouvez réessayer, ou payer à l'accueil.",
    ],
    [
      'payment.notApproved',
      "Le paiement n'est pas passé. Votre carte n'a pas été débitée. Vous pouvez réessayer.",
    ],
    ['payment.timeout', "Le terminal de paiement n'a pas répondu à temps. Vous pouvez réessayer."],
    ['payment.answerLost', 'Ne payez pas une deuxième fois'],
    ['payment.garbled', 'Ne payez pas une deuxième fois'],
    ['payment.notRecorded', "Vous pouvez payer à l'accueil."],
  ])(
    '%s: says it plainly, and offers to try again, to pay at the counter or to ask for help',
    async (code, text) => {
      const { app } = await open(sampleSessionView(failed(code)));
      expect(app.get('failure').textContent).toContain(text);
      expect(app.get('amount').textContent).toBe('25,00\u00a0€');
      expect(app.get('retry').textContent).toBe('Réessayer');
      expect(app.get('pay-at-counter').textContent).toBe("Payer à l'accueil");
      expect(app.query('payment-help')).not.toBeNull();
    },
  );

  it('while the attendant must check the terminal, offers the counter and help, never another card payment', async () => {
    const { app, transport } = await open(sampleSessionView(failed('payment.awaitingAttendant')));
    expect(app.get('failure').textContent).toContain("Vous pouvez partir et payer à l'accueil");
    expect(app.get('failure').textContent).toContain('Ne payez pas une deuxième fois');
    expect(app.query('retry')).toBeNull();
    expect(app.query('payment-help')).not.toBeNull();
    await app.click('pay-at-counter');
    expect(transport.actions()).toEqual([{ type: 'patient.payAtCounter' }]);
  });

  it('sends the choice of the counter, or another try', async () => {
    const { app, transport } = await open(sampleSessionView(failed('payment.declined')));
    await app.click('retry');
    await app.click('pay-at-counter');
    expect(transport.actions()).toEqual([{ type: 'patient.retry' }, { type: 'patient.payAtCounter' }]);
  });

  it('says it in English', async () => {
    const { app } = await open(sampleSessionView(failed('payment.awaitingAttendant'), { locale: 'en' }));
    expect(app.get('failure').textContent).toContain('Do not pay a second time');
    expect(app.get('pay-at-counter').textContent).toBe('Pay at the front desk');
  });
});

describe('the goodbye screen after choosing the counter', () => {
  const goodbye = (payAtCounterCents: number | null): GoodbyeScreen => ({
    ...SAMPLE_SCREENS.goodbye,
    payAtCounterCents,
  });

  it('says where to pay and how much, the documents still counted', async () => {
    const { app } = await open(sampleSessionView(goodbye(2500)));
    expect(app.get('pay-at-counter').textContent).toBe("Passez à l'accueil pour payer 25,00\u00a0€.");
    expect(app.get('documents-printed').textContent).toContain('2 documents imprimés');
  });

  it('says nothing of a counter when the card payment went through', async () => {
    const { app } = await open(sampleSessionView(goodbye(null)));
    expect(app.query('pay-at-counter')).toBeNull();
  });
});
