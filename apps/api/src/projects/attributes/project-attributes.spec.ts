import { validateProjectAttributes } from './project-attributes';

describe('validateProjectAttributes', () => {
  it('accepts a 220 kV substation with its capacity as an exact decimal string', () => {
    expect(validateProjectAttributes('substation', { voltageKv: 220, capacityMva: '480' })).toEqual({
      ok: true,
      attributes: { voltageKv: 220, capacityMva: '480' },
    });
  });

  it('requires a substation voltage from the grid classes and names the field', () => {
    for (const attributes of [{}, { voltageKv: 221 }, { voltageKv: '220' }]) {
      const check = validateProjectAttributes('substation', attributes);
      expect(check).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ field: 'attributes.voltageKv' })]) });
    }
  });

  it('refuses an attribute key the kind does not have', () => {
    const check = validateProjectAttributes('substation', { voltageKv: 110, places: 100 });
    expect(check).toEqual({
      ok: false,
      errors: [{ field: 'attributes.places', reason: 'places is not an attribute of kind substation' }],
    });
  });

  it('checks a school type and a non-negative whole number of places (学位)', () => {
    expect(validateProjectAttributes('school', { schoolType: 'nine_year', places: 1620 })).toMatchObject({ ok: true });
    expect(validateProjectAttributes('school', { schoolType: 'university' })).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'attributes.schoolType' })]),
    });
    expect(validateProjectAttributes('school', { schoolType: 'primary', places: 12.5 })).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'attributes.places' })]),
    });
    expect(validateProjectAttributes('school', { schoolType: 'primary', places: -1 })).toMatchObject({ ok: false });
  });

  it('keeps decimal quantities as strings and refuses numbers for them', () => {
    expect(validateProjectAttributes('pipe_network', { medium: 'heating', lengthKm: '12.35' })).toEqual({
      ok: true,
      attributes: { medium: 'heating', lengthKm: '12.35' },
    });
    expect(validateProjectAttributes('pipe_network', { medium: 'heating', lengthKm: 12.35 })).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'attributes.lengthKm' })]),
    });
    expect(validateProjectAttributes('ecology', { areaM2: '-5' })).toMatchObject({ ok: false });
  });

  it('checks the resettlement housing counts (户, 套) and floor area', () => {
    expect(
      validateProjectAttributes('resettlement_housing', { households: 1280, units: 1536, floorAreaM2: '186000.5' }),
    ).toMatchObject({ ok: true });
    expect(validateProjectAttributes('resettlement_housing', { households: '1280' })).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'attributes.households' })]),
    });
  });

  it('checks beds for hospitals and elderly care, lanes for roads', () => {
    expect(validateProjectAttributes('hospital', { beds: 500 })).toMatchObject({ ok: true });
    expect(validateProjectAttributes('elderly_care', { beds: 'many' })).toMatchObject({ ok: false });
    expect(validateProjectAttributes('road', { lengthKm: '3.2', widthM: '40', lanes: 6 })).toMatchObject({ ok: true });
    expect(validateProjectAttributes('road', { lanes: 0 })).toMatchObject({ ok: false });
  });

  it('drops optional attributes given as null', () => {
    expect(validateProjectAttributes('hospital', { beds: null })).toEqual({ ok: true, attributes: {} });
  });

  it('gives kinds without attributes none, and refuses any key for them', () => {
    expect(validateProjectAttributes('other', {})).toEqual({ ok: true, attributes: {} });
    expect(validateProjectAttributes('industrial_park', { voltageKv: 220 })).toEqual({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'attributes.voltageKv' })]),
    });
  });

  it('refuses attributes that are not an object', () => {
    for (const value of [null, [], 'x', 3]) {
      expect(validateProjectAttributes('road', value)).toEqual({
        ok: false,
        errors: [{ field: 'attributes', reason: 'attributes must be an object' }],
      });
    }
  });
});
