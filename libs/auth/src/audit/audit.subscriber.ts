import { Logger } from '@nestjs/common';
import type { AfterQueryEvent, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { changedRows } from '@civic/persistence';
import { AuditScope, currentAuditScope } from './audit-context';

const INSERT_AUDIT = `INSERT INTO audit_entry
  (service, actor_subject, actor_role, actor_university, token_id, action, path, target, correlation_id, client_ip)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

/**
 * Writes the audit entry of an HTTP request that changes the database, inside the transaction that makes the change:
 * it watches every query run while a request is in flight, and when one of them changed rows it adds the entry just
 * before that transaction commits (or right after a write made outside a transaction). Background work the request
 * started (a re-match, an import job) finds the entry already written: one entry per request.
 */
export class AuditSubscriber implements EntitySubscriberInterface {
  private readonly logger = new Logger('Audit');
  private readonly pending = new WeakMap<QueryRunner, AuditScope>();

  constructor(private readonly service: string) {}

  async afterQuery(event: AfterQueryEvent<unknown>): Promise<void> {
    if (!event.success || event.query === INSERT_AUDIT) return;
    const scope = currentAuditScope();
    if (!scope || scope.recorded || !changedRows(event.rawResults)) return;
    if (event.queryRunner.isTransactionActive) {
      this.pending.set(event.queryRunner, scope);
      return;
    }
    // An autocommit write is already durable: record it at once, and never fail the request for it.
    await this.record(event.queryRunner, scope).catch((e: Error) => this.logger.error(`audit entry not written for ${scope.request.method} ${scope.request.url}: ${e.message}`));
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    const scope = this.pending.get(runner);
    // Only at the outermost commit: a released savepoint can still be rolled back with its transaction.
    if (!scope || depthOf(runner) > 1) return;
    this.pending.delete(runner);
    if (!scope.recorded) await this.record(runner, scope);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (depthOf(event.queryRunner) === 0) this.pending.delete(event.queryRunner);
  }

  private async record(runner: QueryRunner, scope: AuditScope): Promise<void> {
    scope.recorded = true;
    const { request } = scope;
    const principal = request.principal;
    const route = request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : (request.originalUrl ?? request.url).split('?')[0];
    await runner.query(INSERT_AUDIT, [
      this.service,
      principal?.subject ?? 'anonymous',
      principal?.role ?? 'none',
      principal?.universityId ?? null,
      principal?.tokenId ?? null,
      `${request.method} ${route}`.slice(0, 300),
      (request.originalUrl ?? request.url).split('?')[0].slice(0, 500),
      JSON.stringify(request.params ?? {}),
      scope.correlationId(),
      request.ip ?? null,
    ]);
  }
}

function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 0;
}
