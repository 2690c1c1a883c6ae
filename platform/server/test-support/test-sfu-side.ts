// One side of an SFU call as the tests play it: a real mediasoup-client Device on its FakeHandler (no
// browser, no media) driving the platform's SFU room through `sfu.request` on a TestPeer connection.
import { Device, type types as mediasoup } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import type { SfuMethod } from '../../../contract/platform-protocol';
import type { TestPeer } from './test-peer';

/** One side of the call with its mediasoup-client Device, speaking to the platform's SFU room. */
export class SfuSide {
  readonly device = new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });
  send: mediasoup.Transport | null = null;
  recv: mediasoup.Transport | null = null;

  constructor(
    private readonly peer: TestPeer,
    private readonly sessionId: string,
  ) {}

  /** One `sfu.request`; a refusal throws. */
  call(method: SfuMethod, data: unknown): Promise<unknown> {
    return this.peer.value({ type: 'sfu.request', sessionId: this.sessionId, method, data });
  }

  async load(): Promise<void> {
    const routerRtpCapabilities = (await this.call(
      'getRouterRtpCapabilities',
      {},
    )) as mediasoup.RtpCapabilities;
    await this.device.load({ routerRtpCapabilities });
  }

  async openSend(): Promise<mediasoup.Transport> {
    const parameters = (await this.call('createTransport', {
      direction: 'send',
    })) as mediasoup.TransportOptions;
    const transport = this.#connecting(this.device.createSendTransport(parameters));
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.call('produce', { transportId: transport.id, kind, rtpParameters, appData }).then(
        (value) => callback(value as { id: string }),
        errback,
      );
    });
    this.send = transport;
    return transport;
  }

  async openRecv(): Promise<mediasoup.Transport> {
    const parameters = (await this.call('createTransport', {
      direction: 'recv',
    })) as mediasoup.TransportOptions;
    this.recv = this.#connecting(this.device.createRecvTransport(parameters));
    return this.recv;
  }

  /** Consumes what the other side publishes and resumes it; answers the received tracks' kinds and appData. */
  async consume(): Promise<{ kinds: string[]; consumerIds: string[]; appData: unknown[] }> {
    const list = (await this.call('consume', { rtpCapabilities: this.device.recvRtpCapabilities })) as {
      id: string;
      producerId: string;
      kind: 'audio' | 'video';
      rtpParameters: mediasoup.RtpParameters;
      appData?: Record<string, unknown>;
    }[];
    const kinds: string[] = [];
    for (const parameters of list) {
      const consumer = await (this.recv as mediasoup.Transport).consume(parameters);
      kinds.push(consumer.track.kind);
      await this.call('resumeConsumer', { consumerId: consumer.id });
    }
    return {
      kinds,
      consumerIds: list.map((parameters) => parameters.id),
      appData: list.map((parameters) => parameters.appData),
    };
  }

  #connecting(transport: mediasoup.Transport): mediasoup.Transport {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.call('connectTransport', { transportId: transport.id, dtlsParameters }).then(
        () => callback(),
        errback,
      );
    });
    return transport;
  }
}
