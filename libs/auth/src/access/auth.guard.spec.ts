import { HttpException, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Role } from '@app/domain';
import { unauthenticated } from '../auth.errors';
import type { Authentication, TokenAuthenticator } from '../tokens/token-authenticator';
import type { DirectoryUser } from '../users/user';
import { actingRole, AuthGuard, bearerTokenOf } from './auth.guard';
import type { AuthRequest } from './request-context';
import { AnyAuthenticated, Public, Roles } from './route-access';

@Roles('REGULATOR')
class FakeController {
  @Public()
  open(): void {}

  @AnyAuthenticated()
  me(): void {}

  @Roles('DECISION_MAKER', 'REGISTRY_OFFICER')
  decide(): void {}

  /** No declaration of its own: the class's @Roles('REGULATOR') applies. */
  history(): void {}
}

class UndeclaredController {
  forgotten(): void {}
}

const ALICE: DirectoryUser = {
  id: 'user-alice',
  username: 'alice',
  displayName: 'Alice',
  roles: ['AUDITOR', 'REGISTRY_OFFICER', 'DECISION_MAKER'],
  active: true,
};

const GOOD_TOKEN = 'good.token.value';

interface Fixture {
  guard: AuthGuard;
  verified: string[];
}

/**
 * The guard with a fake authenticator that accepts GOOD_TOKEN for the first user given (as the local store or
 * the provider would report them) and refuses anything else; what the authenticator checks is tested with it.
 */
const fixture = (users: DirectoryUser[] = [ALICE]): Fixture => {
  const verified: string[] = [];
  const authenticator: TokenAuthenticator = {
    authenticate: async (token: string): Promise<Authentication> => {
      verified.push(token);
      const user = users[0];
      if (token !== GOOD_TOKEN || user === undefined || !user.active) {
        throw unauthenticated('invalid or expired access token');
      }
      return {
        user: { id: user.id, username: user.username, displayName: user.displayName, roles: [...user.roles] },
        token: { source: 'local', jti: 'jti-1', sessionId: 'sid-1', expiresAt: 0 },
      };
    },
  };
  return { guard: new AuthGuard(new Reflector(), authenticator), verified };
};

const contextFor = (
  controller: new () => object,
  method: string,
  headers: AuthRequest['headers'] = {},
): { context: ExecutionContextHost; request: AuthRequest } => {
  const request: AuthRequest = { headers };
  const handler = (controller.prototype as Record<string, () => void>)[method];
  const context = new ExecutionContextHost([request, {}, () => undefined], controller, handler);
  return { context, request };
};

const bearer = (token = GOOD_TOKEN): AuthRequest['headers'] => ({ authorization: `Bearer ${token}` });

/** The HTTP body of the exception a guard call rejected with. */
const refusal = async (
  promise: Promise<boolean>,
): Promise<{ status: number; body: Record<string, unknown> }> => {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    return { status: error.getStatus(), body: error.getResponse() as Record<string, unknown> };
  }
  throw new Error('expected the guard to refuse');
};

describe('AuthGuard', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('routes without a declaration', () => {
    it('denies them with 403 ROUTE_WITHOUT_ROLES and logs an error naming the route', async () => {
      const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const { guard } = fixture();
      const { context } = contextFor(UndeclaredController, 'forgotten', bearer());

      const { status, body } = await refusal(guard.canActivate(context));

      expect(status).toBe(403);
      expect(body).toMatchObject({ statusCode: 403, code: 'ROUTE_WITHOUT_ROLES' });
      expect(log).toHaveBeenCalledWith(expect.stringContaining('UndeclaredController.forgotten'));
    });
  });

  describe('@Public', () => {
    it('lets anyone through without looking at the token', async () => {
      const { guard, verified } = fixture();
      const { context, request } = contextFor(FakeController, 'open');

      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(verified).toEqual([]);
      expect(request.user).toBeUndefined();
    });
  });

  describe('401 UNAUTHENTICATED', () => {
    it.each([
      ['no Authorization header', {}],
      ['another scheme', { authorization: `Basic ${GOOD_TOKEN}` }],
      ['an empty bearer', { authorization: 'Bearer ' }],
      ['several Authorization headers', { authorization: [`Bearer ${GOOD_TOKEN}`, `Bearer ${GOOD_TOKEN}`] }],
    ])('when the request has %s', async (_case, headers: AuthRequest['headers']) => {
      const { guard } = fixture();
      const { status, body } = await refusal(
        guard.canActivate(contextFor(FakeController, 'decide', headers).context),
      );
      expect(status).toBe(401);
      expect(body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    });

    it('when the token does not verify', async () => {
      const { guard, verified } = fixture();
      const { status, body } = await refusal(
        guard.canActivate(contextFor(FakeController, 'decide', bearer('forged.token.x')).context),
      );
      expect(verified).toEqual(['forged.token.x']);
      expect(status).toBe(401);
      expect(body).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('when the user of a valid token no longer exists', async () => {
      const { guard } = fixture([]);
      const { status } = await refusal(guard.canActivate(contextFor(FakeController, 'me', bearer()).context));
      expect(status).toBe(401);
    });

    it('when the user of a valid token has been disabled', async () => {
      const { guard } = fixture([{ ...ALICE, active: false }]);
      const { status, body } = await refusal(
        guard.canActivate(contextFor(FakeController, 'me', bearer()).context),
      );
      expect(status).toBe(401);
      expect(body).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  describe('403 FORBIDDEN_ROLE', () => {
    it('when the user holds none of the allowed roles, listing them in details', async () => {
      const { guard } = fixture([{ ...ALICE, roles: ['AUDITOR'] }]);
      const { context, request } = contextFor(FakeController, 'decide', bearer());

      const { status, body } = await refusal(guard.canActivate(context));

      expect(status).toBe(403);
      expect(body).toEqual({
        statusCode: 403,
        code: 'FORBIDDEN_ROLE',
        message: expect.any(String),
        details: { allowedRoles: ['DECISION_MAKER', 'REGISTRY_OFFICER'] },
      });
      expect(request.actor).toBeUndefined();
    });

    it('takes the roles the authenticator reports', async () => {
      const { guard } = fixture([{ ...ALICE, roles: ['AUDITOR'] }]);
      const { status } = await refusal(
        guard.canActivate(contextFor(FakeController, 'history', bearer()).context),
      );
      expect(status).toBe(403);
    });
  });

  describe('allowed requests', () => {
    it('sets request.user and request.actor, acting in the first route role the user holds', async () => {
      const { guard } = fixture();
      const { context, request } = contextFor(FakeController, 'decide', bearer());

      await expect(guard.canActivate(context)).resolves.toBe(true);

      // Route order decides (DECISION_MAKER before REGISTRY_OFFICER), not the order of the user's roles.
      expect(request.actor).toEqual({ id: ALICE.id, role: 'DECISION_MAKER' });
      expect(request.user).toEqual({
        id: ALICE.id,
        username: 'alice',
        displayName: 'Alice',
        roles: ['AUDITOR', 'REGISTRY_OFFICER', 'DECISION_MAKER'],
      });
      expect(request.user).not.toHaveProperty('active');
      expect(request.token).toEqual({ source: 'local', jti: 'jti-1', sessionId: 'sid-1', expiresAt: 0 });
    });

    it('acts in the user’s first role on an @AnyAuthenticated route', async () => {
      const { guard } = fixture();
      const { context, request } = contextFor(FakeController, 'me', bearer());
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(request.actor).toEqual({ id: ALICE.id, role: 'AUDITOR' });
    });

    it('applies the controller’s declaration to a handler without its own', async () => {
      const { guard } = fixture([{ ...ALICE, roles: ['AUDITOR', 'REGULATOR'] }]);
      const { context, request } = contextFor(FakeController, 'history', bearer());
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(request.actor).toEqual({ id: ALICE.id, role: 'REGULATOR' });
    });
  });
});

describe('bearerTokenOf', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def-_ghi  ', 'abc.def-_ghi'],
  ])('reads %j', (authorization, token) => {
    expect(bearerTokenOf({ headers: { authorization } })).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer a b', 'Bearerabc'])(
    'refuses %j',
    (authorization) => {
      expect(bearerTokenOf({ headers: { authorization } })).toBeUndefined();
    },
  );
});

describe('actingRole', () => {
  const roles: Role[] = ['AUDITOR', 'DECISION_MAKER'];
  it('is the first allowed role the user holds', () => {
    expect(actingRole({ kind: 'ROLES', roles: ['REGULATOR', 'DECISION_MAKER', 'AUDITOR'] }, roles)).toBe(
      'DECISION_MAKER',
    );
  });
  it('is undefined when the user holds none', () => {
    expect(actingRole({ kind: 'ROLES', roles: ['REGULATOR'] }, roles)).toBeUndefined();
  });
  it('is the user’s first role for any authenticated user, undefined for a user without roles', () => {
    expect(actingRole({ kind: 'ANY_AUTHENTICATED' }, roles)).toBe('AUDITOR');
    expect(actingRole({ kind: 'ANY_AUTHENTICATED' }, [])).toBeUndefined();
  });
});
