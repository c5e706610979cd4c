import { z } from 'zod';
import type { WeighState } from './stable-weight';
import { STATION_SCALE_KINDS } from './station-scale-settings';

/**
 * What the packing screen shows of the station's own scale while the packer weighs: the weight
 * now, the weighing state in words and colour, and the last thing that went wrong at the scale.
 * `grams` is the load the scale reports in any state that has one (moving, settling, stable,
 * below zero); only `stable` is a weight the station would take — and the station decides again
 * when Enter is pressed.
 */
export const LIVE_SCALE_STATES = [
  'waiting',
  'unplugged',
  'in_motion',
  'settling',
  'zero',
  'negative',
  'over_range',
  'stable',
] as const;
export type LiveScaleState = (typeof LIVE_SCALE_STATES)[number];

/** What went wrong at the scale (the drivers' fault events, src/main/scales/scale.ts). */
export const SCALE_FAULT_CODES = [
  'no_answer', // a command got no answer in time
  'unreadable', // a line or report that is not the protocol
  'scale_error', // the scale refused a command (MT-SICS ES/ET/EL) or reports a fault status
  'needs_calibration',
  'needs_rezero',
] as const;

/**
 * What the packer can ask of the scale from the keyboard: zero it (empty platter) or take the load
 * on it as tare. Only serial scales take these commands; a HID POS scale is zeroed with its button.
 */
export const SCALE_COMMANDS = ['zero', 'tare'] as const;
export type ScaleCommand = (typeof SCALE_COMMANDS)[number];
export const isScaleCommand = (value: string): value is ScaleCommand =>
  (SCALE_COMMANDS as readonly string[]).includes(value);

export const liveScaleReadingSchema = z.object({
  /** False when the station has no scale ('none'): the screen asks for a typed weight. */
  configured: z.boolean(),
  kind: z.enum(STATION_SCALE_KINDS),
  state: z.enum(LIVE_SCALE_STATES),
  grams: z.number().int().nullable(),
  stable: z.boolean(),
  lastFault: z.object({ code: z.enum(SCALE_FAULT_CODES), at: z.number().int() }).nullable(),
  /** The commands the connected scale takes (none while it is unplugged). */
  commands: z.array(z.enum(SCALE_COMMANDS)),
});

/** What a zero or tare did: the tare the scale now subtracts (0 after a zero). */
export const scaleCommandResultSchema = z.object({
  command: z.enum(SCALE_COMMANDS),
  tareGrams: z.number().int(),
});
export type ScaleCommandResult = z.infer<typeof scaleCommandResultSchema>;
export type LiveScaleReading = z.infer<typeof liveScaleReadingSchema>;

/**
 * The weighing state as the screen shows it: `jumped` is settling again (the run restarted from
 * the new weight), and `grams` is the load in every state that has one.
 */
export function liveStateOf(state: WeighState): Pick<LiveScaleReading, 'state' | 'grams' | 'stable'> {
  switch (state.kind) {
    case 'stable':
      return { state: 'stable', grams: state.grams, stable: true };
    case 'in_motion':
    case 'settling':
    case 'negative':
      return { state: state.kind, grams: state.grams, stable: false };
    case 'jumped':
      return { state: 'settling', grams: state.toGrams, stable: false };
    case 'zero':
      return { state: 'zero', grams: 0, stable: false };
    default:
      return { state: state.kind, grams: null, stable: false };
  }
}
