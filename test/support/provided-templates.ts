import { inject } from 'vitest';
import type { TemplateDatabases } from './template-databases';

/**
 * The run's template databases, or null outside a Vitest run (the benchmarks import the same
 * helpers under tsx) or when the run made none: callers then start from an empty database.
 */
export function providedTemplates(): TemplateDatabases | null {
  try {
    return inject('templateDatabases') ?? null;
  } catch (err) {
    if (err instanceof Error && err.message.includes('Vitest failed to access its internal state')) return null;
    throw err;
  }
}
