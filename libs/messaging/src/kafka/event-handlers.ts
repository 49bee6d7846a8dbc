import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { PARAM_ARGS_METADATA, PATTERN_HANDLER_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import type { EventEnvelope } from '@civic/contracts';
import type { EventContext } from './event-context';

/** An `@EventPattern` method bound to its controller, called with the envelope and the event's context. */
export type EventHandlerCall = (envelope: EventEnvelope, context: EventContext) => unknown;

/** Enhancers a handler may declare for itself or its controller; one of them sends its events through Nest. */
const ENHANCERS = [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA];

/** Payload types the global ValidationPipe hands on as they are (an interface or union type is `Object`). */
const UNCHECKED_TYPES: unknown[] = [undefined, Object];

interface ParamArg {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/**
 * The application's event handlers by event type, for the types whose every handler can be called directly: a
 * static controller's method taking only `@Payload()` (an interface type) and `@Ctx()`, with no guards,
 * interceptors, pipes or filters of its own or its controller's. Nest's proxy would run the application's global
 * enhancers around each call, which do nothing for an event (the access guard lets every non-HTTP call through, the
 * validation pipe hands on an interface-typed payload, the error filter rethrows), at the price of about twenty
 * promises per event; the consumer checks the payload against its contract itself. Types left out (any handler that
 * declares more) keep going through Nest.
 */
export function directEventHandlers(modules: ModulesContainer): Map<string, EventHandlerCall[]> {
  const direct = new Map<string, EventHandlerCall[]>();
  const throughNest = new Set<string>();
  const scanner = new MetadataScanner();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      const proto = Object.getPrototypeOf(instance);
      for (const name of scanner.getAllMethodNames(proto)) {
        const method = proto[name] as (...args: unknown[]) => unknown;
        const patterns: unknown[] | undefined = Reflect.getMetadata(PATTERN_METADATA, method);
        if (!patterns || Reflect.getMetadata(PATTERN_HANDLER_METADATA, method) !== PatternHandler.EVENT) continue;
        const call = wrapper.isDependencyTreeStatic() ? directCall(instance, name, method) : undefined;
        for (const pattern of patterns) {
          if (typeof pattern !== 'string') continue;
          if (!call) throughNest.add(pattern);
          else direct.set(pattern, [...(direct.get(pattern) ?? []), call]);
        }
      }
    }
  }
  for (const pattern of throughNest) direct.delete(pattern);
  return direct;
}

/** The method bound to its instance with its arguments in place, or undefined when Nest must call it. */
function directCall(instance: object, name: string, method: (...args: unknown[]) => unknown): EventHandlerCall | undefined {
  if (ENHANCERS.some((key) => hasEnhancers(key, method) || hasEnhancers(key, instance.constructor))) return undefined;
  const params: Record<string, ParamArg> = Reflect.getMetadata(PARAM_ARGS_METADATA, instance.constructor, name) ?? {};
  const types: unknown[] = Reflect.getMetadata('design:paramtypes', instance, name) ?? [];
  let payloadAt = -1;
  let contextAt = -1;
  for (const [key, param] of Object.entries(params)) {
    const type = Number(key.split(':')[0]);
    if (param.data !== undefined || param.pipes?.length) return undefined;
    if (type === RpcParamtype.PAYLOAD && UNCHECKED_TYPES.includes(types[param.index])) payloadAt = param.index;
    else if (type === RpcParamtype.CONTEXT) contextAt = param.index;
    else return undefined;
  }
  if (payloadAt === 0 && contextAt === 1) return (envelope, context) => method.call(instance, envelope, context);
  if (payloadAt === 0 && contextAt === -1) return (envelope) => method.call(instance, envelope);
  return undefined;
}

function hasEnhancers(key: string, target: object): boolean {
  const list: unknown[] | undefined = Reflect.getMetadata(key, target);
  return !!list?.length;
}
