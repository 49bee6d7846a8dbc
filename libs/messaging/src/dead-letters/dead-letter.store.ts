import type { DeadLetterView } from '@civic/contracts';
import type { DataSource } from 'typeorm';
import { KafkaConnection, retryTopicOf } from '../kafka/kafka-connection';
import { RETRY_HEADERS } from '../kafka/pipeline-headers';

/** What the consumer records when it dead-letters a message. */
export interface DeadLetterRecord {
  consumerGroup: string;
  origin: { topic: string; partition: number; offset: string };
  eventId?: string;
  eventType?: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  error: string;
  attempts: number;
}

interface DeadLetterRow {
  id: string;
  consumer_group: string;
  origin_topic: string;
  origin_partition: number;
  origin_offset: string;
  event_id: string | null;
  event_type: string | null;
  message_key: string | null;
  message_value: string | null;
  headers: Record<string, string>;
  error: string;
  attempts: number;
  status: 'dead' | 'replayed';
  times_dead_lettered: number;
  replays: number;
  first_failed_at: Date;
  last_failed_at: Date;
  replayed_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `dead_letter` table: one row per origin message (topic, partition, offset) and consumer group. Dead-lettering
 * the same message again (after a replay failed too) updates that row rather than adding one.
 */
export class DeadLetterStore {
  constructor(
    private readonly db: DataSource,
    private readonly kafka: KafkaConnection,
  ) {}

  /** Records a dead letter (or counts one more failure of a known one); returns its id. */
  async record(r: DeadLetterRecord): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO dead_letter (consumer_group, origin_topic, origin_partition, origin_offset, event_id, event_type, message_key, message_value, headers, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (consumer_group, origin_topic, origin_partition, origin_offset) DO UPDATE SET
         status = 'dead', error = EXCLUDED.error, attempts = EXCLUDED.attempts, last_failed_at = now(),
         times_dead_lettered = dead_letter.times_dead_lettered + 1
       RETURNING id`,
      [
        r.consumerGroup,
        r.origin.topic,
        r.origin.partition,
        r.origin.offset,
        r.eventId ?? null,
        r.eventType ?? null,
        r.key,
        r.value,
        JSON.stringify(r.headers),
        r.error.slice(0, 4000),
        r.attempts,
      ],
    );
    return row.id;
  }

  /** This service's dead letters, newest failure first. */
  /** One page of this service's dead letters (of one status when given), newest failure first. */
  async list(filter: { status?: 'dead' | 'replayed' }, at: { pageSize: number; offset: number }): Promise<DeadLetterView[]> {
    const rows: DeadLetterRow[] = await this.db.query(
      `SELECT * FROM dead_letter WHERE consumer_group = $1 AND ($2::text IS NULL OR status = $2) ORDER BY last_failed_at DESC, id LIMIT $3 OFFSET $4`,
      [this.kafka.groupId, filter.status ?? null, at.pageSize, at.offset],
    );
    return rows.map(toDeadLetter);
  }

  /** How many dead letters of this service (of one status when given) there are. */
  async count(filter: { status?: 'dead' | 'replayed' }): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM dead_letter WHERE consumer_group = $1 AND ($2::text IS NULL OR status = $2)`, [
      this.kafka.groupId,
      filter.status ?? null,
    ]);
    return n;
  }

  async find(id: string): Promise<DeadLetterView | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows: DeadLetterRow[] = await this.db.query(`SELECT * FROM dead_letter WHERE id = $1 AND consumer_group = $2`, [id, this.kafka.groupId]);
    return rows[0] && toDeadLetter(rows[0]);
  }

  /**
   * Sends the message back to this service through `<topic>.retry`, due at once and with a fresh attempt budget
   * (only this consumer group takes it; the inbox still makes it a no-op if it was applied meanwhile).
   */
  async replay(id: string): Promise<DeadLetterView | undefined> {
    const letter = await this.find(id);
    if (!letter) return undefined;
    const producer = await this.kafka.getProducer();
    try {
      await producer.send({
        topic: retryTopicOf(letter.origin.topic),
        acks: -1,
        messages: [
          {
            key: letter.key,
            value: letter.value,
            headers: {
              ...letter.headers,
              [RETRY_HEADERS.group]: letter.consumerGroup,
              [RETRY_HEADERS.attempt]: '0',
              [RETRY_HEADERS.notBefore]: String(Date.now()),
              [RETRY_HEADERS.originTopic]: letter.origin.topic,
              [RETRY_HEADERS.originPartition]: String(letter.origin.partition),
              [RETRY_HEADERS.originOffset]: letter.origin.offset,
              [RETRY_HEADERS.replayOf]: letter.id,
            },
          },
        ],
      });
    } catch (e) {
      await this.kafka.resetProducer(producer);
      throw e;
    }
    // TypeORM answers an UPDATE with [rows, count].
    const [updated]: [DeadLetterRow[], number] = await this.db.query(
      `UPDATE dead_letter SET status = 'replayed', replays = replays + 1, replayed_at = now() WHERE id = $1 RETURNING *`,
      [id],
    );
    return toDeadLetter(updated[0]);
  }
}

function toDeadLetter(r: DeadLetterRow): DeadLetterView {
  return {
    id: r.id,
    consumerGroup: r.consumer_group,
    origin: { topic: r.origin_topic, partition: r.origin_partition, offset: String(r.origin_offset) },
    eventId: r.event_id,
    eventType: r.event_type,
    key: r.message_key,
    value: r.message_value,
    headers: r.headers,
    error: r.error,
    attempts: r.attempts,
    status: r.status,
    timesDeadLettered: r.times_dead_lettered,
    replays: r.replays,
    firstFailedAt: new Date(r.first_failed_at).toISOString(),
    lastFailedAt: new Date(r.last_failed_at).toISOString(),
    replayedAt: r.replayed_at ? new Date(r.replayed_at).toISOString() : null,
  };
}
