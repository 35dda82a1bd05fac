import { inject } from 'vitest';
import type { TemplateDatabases } from './template-databases';

/**
 * The run's template databases, or null outside a Vitest worker (the benchmarks import the same
 * helpers under tsx) or when the run made none: callers then start from an empty database.
 */
export function providedTemplates(): TemplateDatabases | null {
  // Vitest sets VITEST in its workers; elsewhere inject() has no run to ask.
  if (!process.env.VITEST) return null;
  return inject('templateDatabases') ?? null;
}
