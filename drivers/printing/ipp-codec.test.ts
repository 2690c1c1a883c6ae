// IPP encoding and decoding against bytes exchanged with a real cupsd 2.4 (a private scheduler of the
// printing integration tests, user `cabine`): requests it accepted, replies it sent.
import { describe, expect, it } from 'vitest';
import {
  GROUP,
  JOB_STATE,
  OPERATION,
  PRINTER_STATE,
  STATUS,
  TAG,
  decodeIpp,
  encodeIpp,
  ippValues,
  type IppAttribute,
  type IppMessage,
} from './ipp-codec';

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

const HEAD: IppAttribute[] = [
  { name: 'attributes-charset', tag: TAG.charset, values: ['utf-8'] },
  { name: 'attributes-natural-language', tag: TAG.naturalLanguage, values: ['en'] },
  { name: 'printer-uri', tag: TAG.uri, values: ['ipp://localhost/printers/cabine'] },
];
const USER: IppAttribute = { name: 'requesting-user-name', tag: TAG.name, values: ['cabine'] };
const request = (
  code: number,
  requestId: number,
  attributes: IppAttribute[],
  data?: Uint8Array,
): IppMessage => ({
  version: [1, 1],
  code,
  requestId,
  groups: [{ tag: GROUP.operation, attributes: [...HEAD, ...attributes, USER] }],
  ...(data ? { data } : {}),
});

/** Requests the cabin sends, and the bytes cupsd accepted for them. */
const REQUESTS: [string, IppMessage, string][] = [
  [
    'Print-Job with its document',
    request(
      OPERATION.printJob,
      1,
      [
        { name: 'job-name', tag: TAG.name, values: ['cabine-x'] },
        { name: 'document-format', tag: TAG.mimeMediaType, values: ['text/plain'] },
      ],
      new TextEncoder().encode('hello\n'),
    ),
    `0101 0002 00000001 01
     47 0012 617474726962757465732d63686172736574 0005 7574662d38
     48 001b 617474726962757465732d6e61747572616c2d6c616e6775616765 0002 656e
     45 000b 7072696e7465722d757269 001f 6970703a2f2f6c6f63616c686f73742f7072696e746572732f636162696e65
     42 0008 6a6f622d6e616d65 0008 636162696e652d78
     49 000f 646f63756d656e742d666f726d6174 000a 746578742f706c61696e
     42 0014 72657175657374696e672d757365722d6e616d65 0006 636162696e65
     03 68656c6c6f0a`,
  ],
  [
    'Get-Job-Attributes with two requested attributes (a 1setOf: the second value has no name)',
    request(OPERATION.getJobAttributes, 2, [
      { name: 'job-id', tag: TAG.integer, values: [1] },
      { name: 'requested-attributes', tag: TAG.keyword, values: ['job-state', 'job-state-reasons'] },
    ]),
    `0101 0009 00000002 01
     47 0012 617474726962757465732d63686172736574 0005 7574662d38
     48 001b 617474726962757465732d6e61747572616c2d6c616e6775616765 0002 656e
     45 000b 7072696e7465722d757269 001f 6970703a2f2f6c6f63616c686f73742f7072696e746572732f636162696e65
     21 0006 6a6f622d6964 0004 00000001
     44 0014 7265717565737465642d61747472696275746573 0009 6a6f622d7374617465
     44 0000 0011 6a6f622d73746174652d726561736f6e73
     42 0014 72657175657374696e672d757365722d6e616d65 0006 636162696e65
     03`,
  ],
  [
    'Cancel-Job with purge-job (a boolean)',
    request(OPERATION.cancelJob, 3, [
      { name: 'job-id', tag: TAG.integer, values: [1] },
      { name: 'purge-job', tag: TAG.boolean, values: [true] },
    ]),
    `0101 0008 00000003 01
     47 0012 617474726962757465732d63686172736574 0005 7574662d38
     48 001b 617474726962757465732d6e61747572616c2d6c616e6775616765 0002 656e
     45 000b 7072696e7465722d757269 001f 6970703a2f2f6c6f63616c686f73742f7072696e746572732f636162696e65
     21 0006 6a6f622d6964 0004 00000001
     22 0009 70757267652d6a6f62 0001 01
     42 0014 72657175657374696e672d757365722d6e616d65 0006 636162696e65
     03`,
  ],
];

const CHARSET_AND_LANGUAGE = `01
  47 0012 617474726962757465732d63686172736574 0005 7574662d38
  48 001b 617474726962757465732d6e61747572616c2d6c616e6775616765 0002 656e`;

describe('IPP encoding (RFC 8010)', () => {
  it.each(REQUESTS)('writes %s as cupsd reads it', (_, message, bytes) => {
    expect(Buffer.from(encodeIpp(message)).toString('hex')).toBe(Buffer.from(hex(bytes)).toString('hex'));
    expect(decodeIpp(hex(bytes))).toEqual({ ok: true, value: message });
  });
});

describe('IPP decoding of cupsd replies', () => {
  it('reads the job id and state of a Print-Job reply', () => {
    const reply = decodeIpp(
      hex(`0101 0000 00000001 ${CHARSET_AND_LANGUAGE} 02
        45 0007 6a6f622d757269 0016 6970703a2f2f6c6f63616c686f73742f6a6f62732f31
        21 0006 6a6f622d6964 0004 00000001
        23 0009 6a6f622d7374617465 0004 00000003
        41 0011 6a6f622d73746174652d6d657373616765 0000
        44 0011 6a6f622d73746174652d726561736f6e73 0004 6e6f6e65 03`),
    );
    if (!reply.ok) throw new Error(reply.error.code);
    expect(reply.value.code).toBe(STATUS.successfulOk);
    expect(ippValues(reply.value, 'job-id', GROUP.job)).toEqual([1]);
    expect(ippValues(reply.value, 'job-state', GROUP.job)).toEqual([JOB_STATE.pending]);
    expect(ippValues(reply.value, 'job-uri')).toEqual(['ipp://localhost/jobs/1']);
    expect(ippValues(reply.value, 'job-state-message')).toEqual(['']);
  });

  it('reads a completed job', () => {
    const reply = decodeIpp(
      hex(`0101 0000 00000002 ${CHARSET_AND_LANGUAGE} 02
        23 0009 6a6f622d7374617465 0004 00000009
        44 0011 6a6f622d73746174652d726561736f6e73 0018 70726f63657373696e672d746f2d73746f702d706f696e74 03`),
    );
    expect(reply.ok && ippValues(reply.value, 'job-state')).toEqual([JOB_STATE.completed]);
  });

  it('reads a printer stopped for lack of paper, its reasons a 1setOf', () => {
    const reply = decodeIpp(
      hex(`0101 0000 00000002 ${CHARSET_AND_LANGUAGE} 04
        22 0019 7072696e7465722d69732d616363657074696e672d6a6f6273 0001 01
        23 000d 7072696e7465722d7374617465 0004 00000005
        44 0015 7072696e7465722d73746174652d726561736f6e73 0011 6d656469612d656d7074792d6572726f72
        44 0000 0006 706175736564 03`),
    );
    if (!reply.ok) throw new Error(reply.error.code);
    expect(ippValues(reply.value, 'printer-is-accepting-jobs', GROUP.printer)).toEqual([true]);
    expect(ippValues(reply.value, 'printer-state', GROUP.printer)).toEqual([PRINTER_STATE.stopped]);
    expect(ippValues(reply.value, 'printer-state-reasons', GROUP.printer)).toEqual([
      'media-empty-error',
      'paused',
    ]);
  });

  it.each([
    [
      'a job purged',
      `0101 0406 00000004 ${CHARSET_AND_LANGUAGE}
        41 000e 7374617475732d6d657373616765 0016 4a6f6220233120646f6573206e6f742065786973742e 03`,
      STATUS.clientErrorNotFound,
      'Job #1 does not exist.',
    ],
    [
      'a queue that refuses jobs',
      `0101 0506 00000003 ${CHARSET_AND_LANGUAGE}
        41 000e 7374617475732d6d657373616765 002b 44657374696e6174696f6e2022636162696e6522206973206e6f7420616363657074696e67206a6f62732e 03`,
      STATUS.serverErrorNotAcceptingJobs,
      'Destination "cabine" is not accepting jobs.',
    ],
  ])('reads the status of %s', (_, bytes, status, message) => {
    const reply = decodeIpp(hex(bytes));
    expect(reply.ok && reply.value.code).toBe(status);
    expect(reply.ok && ippValues(reply.value, 'status-message')).toEqual([message]);
  });

  it('reads a text with its language as its text, and keeps unknown syntaxes as bytes', () => {
    const reply = decodeIpp(
      hex(`0101 0000 00000009 01
        35 0004 6e6f7465 000b 0002 6672 0005 426f6e6a6f
        33 0005 72616e6765 0008 00000001 00000005 03`),
    );
    expect(reply.ok && ippValues(reply.value, 'note')).toEqual(['Bonjo']);
    expect(reply.ok && ippValues(reply.value, 'range')).toEqual([new Uint8Array([0, 0, 0, 1, 0, 0, 0, 5])]);
  });

  it.each([
    ['shorter than a header', '0101000000'],
    ['without the end-of-attributes tag', `0101 0000 00000001 ${CHARSET_AND_LANGUAGE}`],
    ['with a value cut short', '0101 0000 00000001 01 47 0012 6174747269'],
    ['with a value before any group', '0101 0000 00000001 47 0000 0000 03'],
  ])('refuses a message %s', (_, bytes) => {
    expect(decodeIpp(hex(bytes))).toMatchObject({ ok: false, error: { code: 'ipp.malformed' } });
  });
});
