import { AppError } from '../../../shared/errors';
import type { LabelTemplate } from '../layout/model';
import { destructionBatch } from './destruction-batch';
import { licensePlate } from './license-plate';
import { packingSlip } from './packing-slip';
import { parcelRelabel } from './parcel-relabel';
import { platformShippingLabel } from './platform-shipping-label';
import { qcCommandSheet } from './qc-command-sheet';
import { qcTag } from './qc-tag';
import { refurbishWorkOrder } from './refurbish-work-order';
import { restockLabel } from './restock-label';
import { shiftSummary } from './shift-summary';
import { shippingLabel } from './shipping-label';

/** Every label the station prints, by name. */
export const TEMPLATES: readonly LabelTemplate[] = [
  qcTag,
  restockLabel,
  refurbishWorkOrder,
  destructionBatch,
  licensePlate,
  parcelRelabel,
  shiftSummary,
  qcCommandSheet,
  shippingLabel,
  packingSlip,
  platformShippingLabel,
] as unknown as readonly LabelTemplate[];

export function templateNamed(name: string): LabelTemplate {
  const template = TEMPLATES.find((t) => t.name === name);
  if (!template) throw new AppError('PRINT_TEMPLATE_UNKNOWN', { template: name });
  return template;
}
