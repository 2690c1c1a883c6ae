// The controller as its two shells (Electron and browser mode) see it.
import type { CabinEvent, CabinServer } from '../contract';

/** A running cabin controller: the CabinApi implementation plus its event stream. */
export interface Controller {
  /** The CabinApi implementation; every argument must already be validated with `parseCall`. */
  readonly server: CabinServer;
  /** Subscribes to the event channel; returns the unsubscribe function. */
  onEvent(listener: (event: CabinEvent) => void): () => void;
  /** Stops the session and the hardware, wipes patient data and closes the store. */
  stop(): Promise<void>;
}
