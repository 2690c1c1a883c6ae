// The seam between the cabin and whatever reads a Carte Vitale. In production the GIE SESAM-Vitale's
// licensed "API Lecture Vitale" plugs in here (see README.md); `PublicLayoutVitaleReader` is the
// development path, reading the public layout by APDU on a virtual card.
import type { CabinError, PatientIdentity, Result } from '../../contract';
import type { CardChannel } from '../../drivers/pcsc/pcsc-context';

/** Something the technician should know about one beneficiary: a code, never the value itself. */
export type BeneficiaryWarning = 'nir.invalidKey' | 'nir.missing' | 'birthDate.unreadable';

/** One beneficiary of a card: the identity the session uses, plus what only the technician sees. */
export interface VitaleBeneficiary {
  /** `source: 'card'`; `nir` is null when the card's NIR is missing or fails its key check. */
  readonly identity: PatientIdentity;
  /** Nationality as the card writes it (tag 90), or null when absent. */
  readonly nationality: string | null;
  readonly warnings: readonly BeneficiaryWarning[];
}

/** What a card holds for the cabin: its beneficiaries, in card order, and the card's validity. */
export interface VitaleCard {
  readonly beneficiaries: readonly VitaleBeneficiary[];
  /** Start of validity (tag 66/80), ISO YYYY-MM-DD, or null when the card does not say. */
  readonly validFrom: string | null;
}

/**
 * Reads the beneficiaries from a connected card. Fails with `card.removed`, `card.mute`,
 * `card.unreadable`, `reader.absent`, `pcsc.unavailable` or `card.cancelled`; never throws for a card fault.
 */
export interface VitaleReader {
  /** 'publicLayout' for the development path, 'licensed' for an adapter on the SESAM-Vitale library. */
  readonly kind: 'publicLayout' | 'licensed';
  readBeneficiaries(channel: CardChannel, signal?: AbortSignal): Promise<Result<VitaleCard, CabinError>>;
}
