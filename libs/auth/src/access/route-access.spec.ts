import { Reflector } from '@nestjs/core';
import type { Role } from '@app/domain';
import { AnyAuthenticated, getRouteAccess, Public, Roles } from './route-access';

describe('route access decorators', () => {
  const reflector = new Reflector();

  @AnyAuthenticated()
  class Declared {
    @Public()
    open(): void {}

    @Roles('DECISION_MAKER', 'REGISTRY_OFFICER', 'DECISION_MAKER')
    decide(): void {}

    inherited(): void {}
  }

  class Bare {
    nothing(): void {}
  }

  const accessOf = (controller: new () => object, method: string) =>
    getRouteAccess(reflector, (controller.prototype as Record<string, () => void>)[method], controller);

  it('reads the handler’s own declaration first', () => {
    expect(accessOf(Declared, 'open')).toEqual({ kind: 'PUBLIC' });
    expect(accessOf(Declared, 'decide')).toEqual({
      kind: 'ROLES',
      roles: ['DECISION_MAKER', 'REGISTRY_OFFICER'],
    });
  });

  it('falls back to the controller’s declaration', () => {
    expect(accessOf(Declared, 'inherited')).toEqual({ kind: 'ANY_AUTHENTICATED' });
  });

  it('is undefined when neither handler nor controller declares anything', () => {
    expect(accessOf(Bare, 'nothing')).toBeUndefined();
  });

  it('refuses @Roles() without roles, and unknown roles', () => {
    expect(() => Roles()).toThrow('at least one role');
    expect(() => Roles('WIZARD' as Role)).toThrow('unknown role');
  });

  it('refuses two declarations on the same handler', () => {
    expect(() => {
      class Conflicting {
        @Public()
        @Roles('ADMIN')
        both(): void {}
      }
      return Conflicting;
    }).toThrow('more than one access declaration');
  });

  it('refuses two declarations on the same controller', () => {
    expect(() => {
      @Roles('ADMIN')
      @AnyAuthenticated()
      class Conflicting {}
      return Conflicting;
    }).toThrow('Conflicting has more than one access declaration');
  });
});
