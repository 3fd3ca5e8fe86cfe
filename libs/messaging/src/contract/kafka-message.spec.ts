import { Kafka, type CloudEventV1 } from 'cloudevents';
import { cancelStory, fullStory } from './contract-story.fixtures';
import { toKafkaMessage } from './kafka-message';
import { toStatusEvent } from './status-event.mapping';
import type { CertificateStatusEvent } from './status-event.types';

const events = [...fullStory(), ...cancelStory()]
  .map((event) => toStatusEvent(event, 'Holder', 'VALID'))
  .filter((event): event is CertificateStatusEvent => event !== null);

describe('toKafkaMessage (CloudEvents Kafka binding, binary mode)', () => {
  it.each(events.map((event) => [event.type, event] as const))(
    '%s decodes with the cloudevents SDK',
    (_type, event) => {
      const message = toKafkaMessage(event);
      expect(message.key).toBe(event.subject);
      expect(message.headers['content-type']).toBe('application/json');
      // As a consumer would: KafkaJS hands over Buffers for key, value and header values.
      const received = {
        key: Buffer.from(message.key),
        value: Buffer.from(message.value),
        headers: Object.fromEntries(
          Object.entries(message.headers).map(([k, v]) => [k, Buffer.from(v).toString()]),
        ),
        body: Buffer.from(message.value),
      };
      expect(Kafka.isEvent(received)).toBe(true);
      const decoded = Kafka.toEvent(received) as CloudEventV1<unknown>;
      expect(decoded).toMatchObject({
        specversion: '1.0',
        id: event.id,
        type: event.type,
        source: event.source,
        subject: event.subject,
        time: new Date(event.time).toISOString(),
        datacontenttype: 'application/json',
      });
      expect(decoded.data).toEqual(event.data);
    },
  );
});
