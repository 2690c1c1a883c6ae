import { describeScaleOverMemoryLink } from '../test-support/scale-device-suite';
import { MtSicsDevice, MtSicsSimulator } from '.';

describeScaleOverMemoryLink(
  'the MT-SICS scale over a memory link',
  (link, clock, options) => new MtSicsDevice(link, clock, options),
  (link) => new MtSicsSimulator(link),
);
