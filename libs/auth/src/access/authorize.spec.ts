import type { Principal } from '../roles';
import { accessRuleOf } from './access-rule';
import { decideAccess, OwnerLookup } from './authorize';

const admin: Principal = { subject: 'a', role: 'admin' };
const service: Principal = { subject: 's', role: 'service' };
const fduCoordinator: Principal = { subject: 'c', role: 'coordinator', universityId: 'fdu' };
const owners: Record<string, string> = { T000001: 'fdu', T000002: 'tongji' };
const lookup: OwnerLookup = async (_record, id) => owners[id] ?? null;
const req = (over: Partial<{ params: Record<string, unknown>; query: Record<string, unknown>; body: unknown }> = {}) => ({ params: {}, query: {}, body: undefined, ...over });

describe('decideAccess', () => {
  it('lets in the roles a rule names and refuses the others with 403', async () => {
    const rule = accessRuleOf(['admin', 'service']);
    expect(await decideAccess(rule, admin, req(), lookup)).toEqual({ allowed: true });
    expect(await decideAccess(rule, service, req(), lookup)).toEqual({ allowed: true });
    expect(await decideAccess(rule, fduCoordinator, req(), lookup)).toMatchObject({ allowed: false, status: 403 });
  });

  it("hides another university's path with a 404 that reads like an unknown university", async () => {
    const rule = accessRuleOf(['admin', { coordinator: { path: 'universityId' } }]);
    expect(await decideAccess(rule, fduCoordinator, req({ params: { universityId: 'fdu' } }), lookup)).toEqual({ allowed: true });
    expect(await decideAccess(rule, fduCoordinator, req({ params: { universityId: 'tongji' } }), lookup)).toEqual({
      allowed: false,
      status: 404,
      message: 'university tongji does not exist',
    });
    // Administrators are not bounded by a university.
    expect(await decideAccess(rule, admin, req({ params: { universityId: 'tongji' } }), lookup)).toEqual({ allowed: true });
  });

  it("narrows a list to the coordinator's university when the filter is absent, and hides another's", async () => {
    const rule = accessRuleOf(['admin', { coordinator: { query: 'universityId' } }]);
    expect(await decideAccess(rule, fduCoordinator, req({ query: { kind: 'teacher' } }), lookup)).toEqual({ allowed: true, query: { kind: 'teacher', universityId: 'fdu' } });
    expect(await decideAccess(rule, fduCoordinator, req({ query: { universityId: 'fdu' } }), lookup)).toEqual({ allowed: true });
    expect(await decideAccess(rule, fduCoordinator, req({ query: { universityId: 'tongji' } }), lookup)).toMatchObject({ allowed: false, status: 404 });
    expect(await decideAccess(rule, fduCoordinator, req({ query: { universityId: ['fdu', 'tongji'] } }), lookup)).toMatchObject({ allowed: false, status: 404 });
  });

  it("hides another university's stored record, and an unknown one, with the same 404", async () => {
    const rule = accessRuleOf(['admin', { coordinator: { record: { table: 'expert', param: 'id', column: 'university_id' }, body: 'universityId' } }]);
    expect(await decideAccess(rule, fduCoordinator, req({ params: { id: 'T000001' } }), lookup)).toEqual({ allowed: true });
    const other = await decideAccess(rule, fduCoordinator, req({ params: { id: 'T000002' } }), lookup);
    const missing = await decideAccess(rule, fduCoordinator, req({ params: { id: 'T999999' } }), lookup);
    expect(other).toEqual({ allowed: false, status: 404, message: 'expert T000002 does not exist' });
    expect(missing).toEqual({ allowed: false, status: 404, message: 'expert T999999 does not exist' });
  });

  it('refuses with 403 a body that would write for another university, and lets one without the field through', async () => {
    const rule = accessRuleOf(['admin', { coordinator: { body: 'universityId' } }]);
    expect(await decideAccess(rule, fduCoordinator, req({ body: { universityId: 'tongji' } }), lookup)).toMatchObject({ allowed: false, status: 403 });
    expect(await decideAccess(rule, fduCoordinator, req({ body: { universityId: 'fdu' } }), lookup)).toEqual({ allowed: true });
    expect(await decideAccess(rule, fduCoordinator, req({ body: { capacity: 2 } }), lookup)).toEqual({ allowed: true });
    expect(await decideAccess(rule, fduCoordinator, req({ body: 'garbage' }), lookup)).toEqual({ allowed: true });
  });

  it('checks the record before the body, so another university\'s expert stays a 404 whatever the body says', async () => {
    const rule = accessRuleOf(['admin', { coordinator: { record: { table: 'expert', param: 'id', column: 'university_id' }, body: 'universityId' } }]);
    expect(await decideAccess(rule, fduCoordinator, req({ params: { id: 'T000002' }, body: { universityId: 'fdu' } }), lookup)).toMatchObject({ status: 404 });
  });
});

describe('accessRuleOf', () => {
  it('refuses unknown roles, empty rules and ownership names that are not plain SQL identifiers', () => {
    expect(() => accessRuleOf(['root' as never])).toThrow(/unknown role/);
    expect(() => accessRuleOf([])).toThrow(/at least one role/);
    expect(() => accessRuleOf([{ coordinator: { record: { table: 'expert; drop table x', param: 'id', column: 'university_id' } } }])).toThrow(/identifiers/);
  });
});
