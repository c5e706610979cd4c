import { z } from 'zod';
import { call } from '../call-spec';
import { SCAN_SOURCES, scanHistoryItemSchema, scanResultSchema } from '../domain';

export const scanCalls = {
  recordScan: call({
    // Raw text as typed: length and characters are judged by normaliseScan to give a precise error.
    input: z.object({ code: z.string().max(8192), source: z.enum(SCAN_SOURCES) }).strict(),
    output: scanResultSchema,
    errors: ['SCAN_EMPTY', 'SCAN_TOO_LONG', 'SCAN_BAD_CHARACTERS', 'SCAN_NOT_ASCII', 'SCAN_IS_BADGE'],
    role: 'any',
  }),
  recentScans: call({
    input: z.object({ limit: z.number().int().min(1).max(200) }).strict(),
    output: z.array(scanHistoryItemSchema),
    errors: [],
    role: 'any',
  }),
};
