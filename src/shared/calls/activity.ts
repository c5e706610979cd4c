import { z } from 'zod';
import { call, noInput } from '../call-spec';

/** One reason the station counts a parcel as open: where it comes from, at which client, since when. */
export const openParcelSchema = z.object({
  /** The capability that says so: `recent-scan` today, the returns QC's open receipts when it lands. */
  source: z.string().min(1).max(64),
  /** The client (window, browser tab) holding it; null when the rule is station-wide. */
  clientId: z.string().max(200).nullable(),
  since: z.number().int(),
});
export type OpenParcel = z.infer<typeof openParcelSchema>;

export const activitySchema = z.object({
  /** Whether any client of the station has a parcel open: nothing may restart under it. */
  parcelOpen: z.boolean(),
  open: z.array(openParcelSchema),
  checkedAt: z.number().int(),
});
export type Activity = z.infer<typeof activitySchema>;

export const activityCalls = {
  getActivity: call({ input: noInput, output: activitySchema, errors: [], role: 'any', effect: 'read' }),
};
