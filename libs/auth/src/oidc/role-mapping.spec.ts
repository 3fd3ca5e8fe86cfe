import { claimAt, mapRoles, parseRoleMap, RoleMapError } from './role-mapping';

describe('parseRoleMap', () => {
  it('reads provider names to one or several of our roles', () => {
    const map = parseRoleMap(
      '{"cert-auditor":"AUDITOR","cert-office":["REGISTRY_OFFICER","INTAKE_OFFICER"]}',
    );
    expect([...map.entries()]).toEqual([
      ['cert-auditor', ['AUDITOR']],
      ['cert-office', ['REGISTRY_OFFICER', 'INTAKE_OFFICER']],
    ]);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '["AUDITOR"]'],
    ['a target that is not ours', '{"x":"WIZARD"}'],
    ['SYSTEM as a target', '{"timer":"SYSTEM"}'],
    ['SYSTEM among targets', '{"ops":["ADMIN","SYSTEM"]}'],
    ['an empty target list', '{"x":[]}'],
    ['a target that is not a string', '{"x":42}'],
  ])('refuses %s', (_case, json) => {
    expect(() => parseRoleMap(json)).toThrow(RoleMapError);
  });
});

describe('claimAt', () => {
  const claims = { roles: ['A'], realm_access: { roles: ['B'] }, resource_access: { api: { roles: ['C'] } } };

  it('follows a dotted path', () => {
    expect(claimAt(claims, 'roles')).toEqual(['A']);
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['B']);
    expect(claimAt(claims, 'resource_access.api.roles')).toEqual(['C']);
  });

  it('finds nothing on a missing path, through arrays, or in the prototype', () => {
    expect(claimAt(claims, 'groups')).toBeUndefined();
    expect(claimAt(claims, 'roles.0')).toBeUndefined();
    expect(claimAt(claims, '__proto__')).toBeUndefined();
    expect(claimAt(claims, 'realm_access.constructor')).toBeUndefined();
  });
});

describe('mapRoles', () => {
  it('without a map: takes names equal to our roles, in order, without duplicates', () => {
    expect(mapRoles(['DECISION_MAKER', 'offline_access', 'AUDITOR', 'DECISION_MAKER'], undefined)).toEqual([
      'DECISION_MAKER',
      'AUDITOR',
    ]);
  });

  it('never accepts SYSTEM, with or without a map', () => {
    expect(mapRoles(['SYSTEM', 'ADMIN'], undefined)).toEqual(['ADMIN']);
    expect(mapRoles(['SYSTEM'], parseRoleMap('{"ops":"ADMIN"}'))).toEqual([]);
  });

  it('with a map: only mapped names count, unknown ones are dropped', () => {
    const map = parseRoleMap('{"cert-auditor":"AUDITOR","cert-office":["REGISTRY_OFFICER","AUDITOR"]}');
    expect(mapRoles(['ADMIN', 'cert-office', 'uma_authorization', 'cert-auditor'], map)).toEqual([
      'REGISTRY_OFFICER',
      'AUDITOR',
    ]);
  });

  it('reads a space-separated string claim, and nothing from other shapes', () => {
    expect(mapRoles('AUDITOR  REGULATOR', undefined)).toEqual(['AUDITOR', 'REGULATOR']);
    expect(mapRoles(undefined, undefined)).toEqual([]);
    expect(mapRoles({ AUDITOR: true }, undefined)).toEqual([]);
    expect(mapRoles([42, null, 'AUDITOR'], undefined)).toEqual(['AUDITOR']);
  });

  it('is not fooled by names of Object.prototype in the map', () => {
    expect(mapRoles(['constructor', 'toString', '__proto__'], parseRoleMap('{"x":"AUDITOR"}'))).toEqual([]);
  });
});
