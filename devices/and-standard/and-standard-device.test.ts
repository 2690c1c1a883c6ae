import { describeScaleOverMemoryLink } from '../mt-sics/scale-device-suite';
import { AndStandardDevice, AndStandardSimulator } from '.';

describeScaleOverMemoryLink(
  'the A&D scale over a memory link',
  (link, options) => new AndStandardDevice(link, options),
  (link) => new AndStandardSimulator(link),
);
