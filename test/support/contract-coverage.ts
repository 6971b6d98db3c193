/**
 * The contract coverage of a test run: the operations of the OpenAPI document that at least one e2e test called
 * (and whose response matched the document), added up from the per-file lists test/support/contract.ts writes.
 * globalTeardown prints it; the run's directory is removed afterwards.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { contractRunDir } from './contract';

export interface ContractCoverage {
  covered: string[];
  uncovered: string[];
  total: number;
}

export function readContractCoverage(dir = contractRunDir()): ContractCoverage | undefined {
  const operationsFile = join(dir, 'operations.json');
  if (!existsSync(operationsFile)) return undefined;
  const operations: string[] = JSON.parse(readFileSync(operationsFile, 'utf8'));
  const exercised = new Set(
    readdirSync(dir)
      .filter((name) => name.startsWith('covered-'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
      .filter((line) => line !== ''),
  );
  return {
    covered: operations.filter((operation) => exercised.has(operation)),
    uncovered: operations.filter((operation) => !exercised.has(operation)),
    total: operations.length,
  };
}

export function reportContractCoverage(dir = contractRunDir()): void {
  const coverage = readContractCoverage(dir);
  if (coverage) {
    const lines = [`contract: ${coverage.covered.length} of ${coverage.total} operations covered`];
    if (coverage.uncovered.length > 0 && coverage.uncovered.length <= 40) lines.push(...coverage.uncovered.map((operation) => `  not covered: ${operation}`));
    console.log(lines.join('\n'));
  }
  rmSync(dir, { recursive: true, force: true });
}
