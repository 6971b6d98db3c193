import type { IndicatorNature, ProjectKind } from '@app/domain';

/**
 * The shape of a plan catalogue as the seed reads it: the plan, its 专栏 1
 * indicators, and 专栏 2–11 with their numbered groups and named projects.
 * Names are the plan's, character for character.
 */
export interface PlanCatalogue {
  plan: { code: string; title: string; startYear: number; endYear: number };
  /** Sub-districts (街道) the plan names as owner units; seeded as departments of kind 'subdistrict'. */
  subdistricts: CatalogueSubdistrict[];
  indicators: CatalogueIndicator[];
  columns: CatalogueColumn[];
}

export interface CatalogueSubdistrict {
  code: string;
  name: string;
}

/** A row of 专栏 1. Values are text as the table writes them ('-' included); an empty cell is null. */
export interface CatalogueIndicator {
  number: number;
  category: string;
  name: string;
  unit: string | null;
  value2025: string | null;
  target2030: string | null;
  annualOrCumulative: string | null;
  nature: IndicatorNature;
}

export interface CatalogueColumn {
  number: number;
  title: string;
  groups: CatalogueGroup[];
}

export interface CatalogueGroup {
  number: number;
  title: string;
  /** True where the plan has no numbered group and the catalogue supplies one (专栏 5). */
  synthetic?: true;
  projects: CatalogueProject[];
}

export interface CatalogueProject {
  name: string;
  /** Overrides the kind the name rules give (classifyProject); the data says why in a comment. */
  kind?: ProjectKind;
  /** Overrides the attributes the name rules give. */
  attributes?: Record<string, unknown>;
  /** Code of the sub-district (CatalogueSubdistrict) the plan names as its owner unit. */
  owner?: string;
  description?: string;
}
