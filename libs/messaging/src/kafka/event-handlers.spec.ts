import { CanActivate, Controller, Module, UseGuards } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope } from '@civic/contracts';
import { EventContext } from './event-context';
import { directEventHandlers } from './event-handlers';

const seen: string[] = [];

class Refuse implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

/** A payload declared as a class: the global validation pipe would check and transform it, so Nest must call. */
class CheckedPayload {
  id!: string;
}

@Controller()
class FeedController {
  @EventPattern(['project.registered', 'project.updated'])
  onProject(@Payload() event: EventEnvelope, @Ctx() ctx: EventContext): void {
    seen.push(`feed ${event.type} ${ctx.topic}`);
  }

  @EventPattern('round.started')
  onRound(@Payload() event: EventEnvelope): void {
    seen.push(`feed ${event.type}`);
  }
}

@Controller()
class ReportController {
  @EventPattern('project.registered')
  async onProject(@Payload() event: EventEnvelope): Promise<void> {
    seen.push(`report ${event.type}`);
  }

  @UseGuards(Refuse)
  @EventPattern('project.updated')
  onUpdate(@Payload() event: EventEnvelope): void {
    seen.push(`guarded ${event.type}`);
  }

  @EventPattern('expert.registered')
  onExpert(@Payload() event: CheckedPayload): void {
    seen.push(`checked ${event.id}`);
  }

  @EventPattern('round.completed')
  onCompleted(@Ctx() ctx: EventContext, @Payload() event: EventEnvelope): void {
    seen.push(`swapped ${event.type} ${ctx.topic}`);
  }
}

@Module({ controllers: [FeedController, ReportController] })
class EventsModule {}

describe('directEventHandlers', () => {
  it('calls the plain handlers of a type directly, in order, and leaves to Nest every type one of whose handlers declares more', async () => {
    const app = await NestFactory.createApplicationContext(EventsModule, { logger: false });
    try {
      const direct = directEventHandlers(app.get(ModulesContainer));
      // project.updated has a guarded handler, expert.registered a class-typed payload, round.completed its
      // arguments in another order: all three stay with Nest.
      expect([...direct.keys()].sort()).toEqual(['project.registered', 'round.started']);

      const envelope = (type: string) => ({ type }) as EventEnvelope;
      const ctx = new EventContext([{} as never, envelope('project.registered'), 'projects', 0, '7']);
      seen.length = 0;
      for (const call of direct.get('project.registered')!) await call(envelope('project.registered'), ctx);
      for (const call of direct.get('round.started')!) await call(envelope('round.started'), ctx);
      expect(seen).toEqual(['feed project.registered projects', 'report project.registered', 'feed round.started']);
    } finally {
      await app.close();
    }
  });
});
