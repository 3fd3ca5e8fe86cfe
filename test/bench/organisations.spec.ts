import { isValidUscc, validateAnnexA } from '@app/domain';
import { annexAFor, materialsFor, usccOf } from '../../apps/cli/src/demo/organisations';
import { organisationOf } from '../../bench/datasets/organisations';

describe("the bench's generated organisations, through the demo's forms", () => {
  const sample = [0, 1, 6, 7, 48, 2_303, 99_999];

  it.each(sample)('organisation %i fills a valid 附录A form with a valid 统一社会信用代码', (index) => {
    const organisation = organisationOf(index);

    expect(isValidUscc(usccOf(organisation))).toBe(true);
    expect(validateAnnexA(annexAFor(organisation, '2026-01-05'))).toEqual([]);
  });

  it('gives each organisation its own code and materials', () => {
    const organisations = sample.map(organisationOf);

    expect(new Set(organisations.map(usccOf)).size).toBe(sample.length);
    expect(new Set(organisations.map((o) => materialsFor(o)[0].sha256)).size).toBe(sample.length);
  });
});
