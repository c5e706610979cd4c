import type { z } from 'zod';
import type { ErrorParams } from './errors';

/**
 * The VALIDATION_FAILED parameters of a zod issue: the field a screen can point at (for an
 * unexpected key, the key itself) and the issue — a refinement of ours names its own reason
 * (e.g. `station_name_characters`), which the screens translate.
 */
export function validationParams(call: string, issue: z.core.$ZodIssue | undefined): ErrorParams {
  return { call, field: fieldOf(issue), issue: issueOf(issue) };
}

function issueOf(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid';
  const reason =
    issue.code === 'custom' ? (issue.params as { reason?: unknown } | undefined)?.reason : undefined;
  return typeof reason === 'string' ? reason : issue.code;
}

function fieldOf(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '(payload)';
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path, ...keys.slice(0, 1)].map(String).join('.');
  return path || '(payload)';
}
