import { MtSicsDevice, MtSicsSimulator } from '.';
import { describeScaleOverMemoryLink } from './scale-device-suite';

describeScaleOverMemoryLink(
  'the MT-SICS scale over a memory link',
  (link, options) => new MtSicsDevice(link, options),
  (link) => new MtSicsSimulator(link),
);
