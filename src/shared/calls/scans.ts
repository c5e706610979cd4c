import { z } from 'zod';
import { call } from '../call-spec';
import { SCAN_SOURCES, scanHistoryItemSchema, scanResultSchema } from '../domain';

export const scanCalls = {
  recordScan: call({
    // Raw text as typed: length and characters are judged by normaliseScan to give a precise error.
    input: z
      .object({
        code: z.string().max(8192),
        source: z.enum(SCAN_SOURCES),
        // Made by the screen once per scan and sent again with every retry: recorded once.
        clientScanId: z
          .string()
          .regex(/^[A-Za-z0-9_-]{8,64}$/)
          .optional(),
      })
      .strict(),
    output: scanResultSchema,
    errors: ['SCAN_EMPTY', 'SCAN_TOO_LONG', 'SCAN_BAD_CHARACTERS', 'SCAN_NOT_ASCII', 'SCAN_IS_BADGE'],
    role: 'any',
    idempotencyKey: 'clientScanId',
  }),
  recentScans: call({
    input: z.object({ limit: z.number().int().min(1).max(200) }).strict(),
    output: z.array(scanHistoryItemSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
};
