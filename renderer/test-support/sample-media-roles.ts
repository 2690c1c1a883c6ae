// The controller's answer about a cabin's inputs, for screen tests: the patient's webcam, an otoscope
// and a dermatoscope recognised by their USB ids, and a stethoscope on a sound card's line-in named in
// the configuration (no USB id of its own).
import type { MediaRoles } from '../../contract/instrument';

/** The face camera `face`, the microphone `voice`, instruments `oto`, `derm` and `steth`. */
export const SAMPLE_MEDIA_ROLES: MediaRoles = {
  labelsHidden: false,
  faceCameraId: 'face',
  microphoneId: 'voice',
  inputs: [
    {
      deviceId: 'face',
      mediaKind: 'videoinput',
      label: 'HD Webcam (046d:0825)',
      usbId: '046d:0825',
      role: 'faceCamera',
      instrument: null,
      recognisedBy: null,
    },
    {
      deviceId: 'oto',
      mediaKind: 'videoinput',
      label: 'USB Otoscope (1234:5678)',
      usbId: '1234:5678',
      role: 'instrument',
      instrument: 'otoscope',
      recognisedBy: 'usbId',
    },
    {
      deviceId: 'derm',
      mediaKind: 'videoinput',
      label: 'Dermatoscope (1234:9999)',
      usbId: '1234:9999',
      role: 'instrument',
      instrument: 'dermatoscope',
      recognisedBy: 'usbId',
    },
    {
      deviceId: 'steth',
      mediaKind: 'audioinput',
      label: 'Line In',
      usbId: null,
      role: 'instrument',
      instrument: 'stethoscope',
      recognisedBy: 'configuredLabel',
    },
  ],
};
