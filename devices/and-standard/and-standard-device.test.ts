import { describeScaleOverMemoryLink } from '../test-support/scale-device-suite';
import { AndStandardDevice, AndStandardSimulator } from '.';

describeScaleOverMemoryLink(
  'the A&D scale over a memory link',
  (link, clock, options) => new AndStandardDevice(link, clock, options),
  (link) => new AndStandardSimulator(link),
);

describeScaleOverMemoryLink(
  'an A&D model sending WT and three decimals (`WT,+0072.350 kg`)',
  (link, clock, options) => new AndStandardDevice(link, clock, options),
  (link) => new AndStandardSimulator(link, { decimals: 3, stableHeader: 'WT' }),
);
