import {
  parseTypedWeight,
  typedReading,
  type TypedUnit,
  type TypedWeightParse,
} from '../../shared/scales/typed-weight';
import type { Clock } from '../clock';
import { ScaleListeners, type Scale, type ScaleEvent } from './scale';

/**
 * The keyboard as a scale: what the clerk types (and confirms with Enter) is one stable reading.
 * A typed weight the parser refuses is answered to the caller, never emitted.
 */
export class TypedScale implements Scale {
  readonly kind = 'typed' as const;
  private readonly listeners = new ScaleListeners();

  constructor(
    readonly id: string,
    private readonly clock: Clock,
    private readonly defaultUnit: TypedUnit = 'g',
  ) {}

  subscribe(listener: (event: ScaleEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Parses and, if it is a weight, emits it; answers the parse either way. */
  enter(text: string): TypedWeightParse {
    const parsed = parseTypedWeight(text, this.defaultUnit);
    if (parsed.ok) this.listeners.emit({ type: 'reading', reading: typedReading(parsed, this.clock.now()) });
    return parsed;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
