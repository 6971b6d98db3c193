import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { ProjectKind } from '@app/domain';
import type { FieldError } from '../../common/app-error';
import { flattenValidationErrors } from '../../common/validation.pipe';
import { ElderlyCareAttributes, HospitalAttributes } from './beds.attributes';
import { EcologyAttributes } from './ecology.attributes';
import { PipeNetworkAttributes } from './pipe-network.attributes';
import { ResettlementHousingAttributes } from './resettlement-housing.attributes';
import { RoadAttributes } from './road.attributes';
import { SchoolAttributes } from './school.attributes';
import { SubstationAttributes } from './substation.attributes';

/**
 * Which attribute class describes which project kind. Kinds not listed here
 * (industrial park, culture/tourism, agriculture, public safety, other) carry
 * no kind-specific attributes: any key given for them is refused.
 */
export const PROJECT_ATTRIBUTE_CLASSES: Partial<Record<ProjectKind, new () => object>> = {
  substation: SubstationAttributes,
  school: SchoolAttributes,
  pipe_network: PipeNetworkAttributes,
  road: RoadAttributes,
  resettlement_housing: ResettlementHousingAttributes,
  hospital: HospitalAttributes,
  elderly_care: ElderlyCareAttributes,
  ecology: EcologyAttributes,
};

export type AttributesCheck = { ok: true; attributes: Record<string, unknown> } | { ok: false; errors: FieldError[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a project's attributes against the rules of its kind: unknown keys
 * and wrong types are errors naming `attributes.<key>`. On success returns the
 * attributes to store, with null/absent optional values left out.
 */
export function validateProjectAttributes(kind: ProjectKind, attributes: unknown): AttributesCheck {
  if (!isPlainObject(attributes)) {
    return { ok: false, errors: [{ field: 'attributes', reason: 'attributes must be an object' }] };
  }
  const attributeClass = PROJECT_ATTRIBUTE_CLASSES[kind];
  if (!attributeClass) {
    const errors = Object.keys(attributes).map((key) => ({
      field: `attributes.${key}`,
      reason: `${key} is not an attribute of kind ${kind}; this kind has no kind-specific attributes`,
    }));
    return errors.length > 0 ? { ok: false, errors } : { ok: true, attributes: {} };
  }
  const instance = plainToInstance(attributeClass, attributes, { enableImplicitConversion: false });
  const failures = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (failures.length > 0) {
    const errors = flattenValidationErrors(failures, 'attributes').map((error) =>
      error.reason.includes('should not exist') ? { ...error, reason: `${error.field.slice('attributes.'.length)} is not an attribute of kind ${kind}` } : error,
    );
    return { ok: false, errors };
  }
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(instance)) {
    if (value !== null && value !== undefined) stored[key] = value;
  }
  return { ok: true, attributes: stored };
}
