import { describeScaleOverMemoryLink } from '../test-support/scale-device-suite';
import { AndStandardDevice, AndStandardSimulator } from '.';

describeScaleOverMemoryLink(
  'the A&D scale over a memory link',
  (link, clock, options) => new AndStandardDevice(link, clock, options),
  (link) => new AndStandardSimulator(link),
);
