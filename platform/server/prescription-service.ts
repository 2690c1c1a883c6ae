// The seam to the e-prescription service. In production the professional's certified prescribing
// software registers each ordonnance with the Assurance Maladie service, which answers its unique
// identifier (printed as a QR code and in clear). The reference platform has no such service: its test
// service hands out identifiers that say plainly they are test identifiers, never a "real"-looking one.
import type { Clock } from '../../contract/clock';
import { ok, type Result } from '../../contract/result';

/** What the prescription service is told of an ordonnance to identify (no patient data beyond this). */
export interface PrescriptionRequest {
  /** The prescriber's RPPS number. */
  readonly rpps: string;
  /** Number of lines of the ordonnance. */
  readonly lines: number;
}

/** The identifier of one e-prescription, as it is printed. */
export interface PrescriptionIdentity {
  readonly identifier: string;
}

/** Gives each ordonnance its unique e-prescription identifier, or why it could not. */
export interface PrescriptionService {
  /** Registers one ordonnance and answers its identifier (`prescription.unavailable` when the service fails). */
  identify(request: PrescriptionRequest): Promise<Result<PrescriptionIdentity>>;
}

/**
 * The reference platform's prescription service: identifiers `TEST-ORDO-<year>-<6-digit counter>`, unique
 * for the life of the platform, that no pharmacy can take for real ones.
 */
export class TestPrescriptionService implements PrescriptionService {
  #count = 0;

  /** Numbers from 1, dated by `clock`'s year. */
  constructor(private readonly clock: Clock) {}

  /** Answers the next test identifier. */
  identify(_request: PrescriptionRequest): Promise<Result<PrescriptionIdentity>> {
    this.#count += 1;
    const year = new Date(this.clock.now()).getUTCFullYear();
    return Promise.resolve(ok({ identifier: `TEST-ORDO-${year}-${String(this.#count).padStart(6, '0')}` }));
  }
}
