import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SERVICE_CONFIG } from '@civic/platform';
import { MatchingConfig } from '../../matching.config';

/** An owner id read back: `<instance>/<pid>/<nonce>`. */
export function parseOwner(owner: string): { instance: string; pid: number; nonce: string } | undefined {
  const m = /^(.+)\/(\d+)\/([0-9a-f]+)$/.exec(owner);
  return m ? { instance: m[1], pid: Number(m[2]), nonce: m[3] } : undefined;
}

/** Whether a process with this pid exists on this machine (signal 0 only asks). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * This process as the owner of the rounds it runs: its instance (SERVICE_INSTANCE, stable across restarts, or the
 * host name), pid and a nonce, so a restarted instance can tell its previous incarnation's rounds from its own.
 */
@Injectable()
export class RoundOwner {
  readonly instance: string;
  readonly id: string;
  /** True when SERVICE_INSTANCE names the instance: the operator keeps it unique per replica. */
  private readonly named: boolean;

  constructor(@Inject(SERVICE_CONFIG) config: MatchingConfig) {
    this.named = config.SERVICE_INSTANCE !== undefined;
    this.instance = config.SERVICE_INSTANCE ?? hostname();
    this.id = `${this.instance}/${process.pid}/${randomBytes(3).toString('hex')}`;
  }

  /**
   * True when `owner` is an earlier incarnation of this instance that is certainly gone: same SERVICE_INSTANCE; or,
   * with the host name as the instance (replicas on one machine share it), a pid that no longer exists here.
   */
  isGonePredecessor(owner: string): boolean {
    const parsed = parseOwner(owner);
    if (!parsed || owner === this.id || parsed.instance !== this.instance) return false;
    return this.named || !processExists(parsed.pid);
  }
}
