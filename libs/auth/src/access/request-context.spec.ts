import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { ExecutionContext } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { CurrentActor, CurrentUser, type AuthRequest } from './request-context';

type ParamFactory = (data: unknown, context: ExecutionContext) => unknown;

/** The factory Nest calls for a param decorator, found the way the router finds it. */
const factoryOf = (decorator: () => ParameterDecorator): ParamFactory => {
  class Probe {
    handler(@decorator() _value: unknown): void {}
  }
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'handler') as Record<
    string,
    { factory: ParamFactory }
  >;
  return Object.values(args)[0].factory;
};

const contextOf = (request: AuthRequest): ExecutionContext =>
  new ExecutionContextHost([request, {}, undefined]);

describe('@CurrentUser and @CurrentActor', () => {
  const user = { id: 'u1', username: 'alice', displayName: 'Alice', roles: ['AUDITOR' as const] };
  const actor = { id: 'u1', role: 'AUDITOR' as const };

  it('resolve to what the guard put on the request', () => {
    const request: AuthRequest = { headers: {}, user, actor };
    expect(factoryOf(CurrentUser)(undefined, contextOf(request))).toBe(user);
    expect(factoryOf(CurrentActor)(undefined, contextOf(request))).toBe(actor);
  });

  it('answer 401 UNAUTHENTICATED (never a 500) when the guard set nothing', () => {
    const request: AuthRequest = { headers: {} };
    for (const decorator of [CurrentUser, CurrentActor]) {
      expect(() => factoryOf(decorator)(undefined, contextOf(request))).toThrow(
        expect.objectContaining({ response: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
      );
    }
  });
});
