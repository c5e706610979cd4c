import type { Core } from '../../../src/main/core';
import { signInSupervisor } from '../session';

/**
 * The pack bench every packing integration test starts from: the printing worker ready, a
 * supervisor signed in on `supervisor`'s client, and one 100 × 150 mm ZPL label printer at
 * `printerAddress` that prints the shipping label and the packing slip.
 */
export async function readyPackPrinter(
  core: Core,
  supervisor: { clientId: string },
  printerAddress: string,
): Promise<void> {
  await core.printing.ready();
  await signInSupervisor(core, supervisor.clientId);
  const env = await core.dispatch(
    'savePrinter',
    {
      profile: {
        id: 'pack-zebra',
        name: 'Pack-Zebra',
        language: 'zpl',
        model: 'Zebra ZD421',
        interface: printerAddress,
        media: { widthMm: 100, heightMm: 150 },
        dpi: 203,
        fonts: [{ id: '0', scripts: ['latin'] }],
        templates: ['shipping-label', 'packing-slip'],
      },
    },
    supervisor,
  );
  if (!env.ok) throw new Error(`savePrinter: ${JSON.stringify(env.error)}`);
}

/** Box S2, the one preset the packing tests weigh with. */
export async function saveSmallBox(core: Core): Promise<void> {
  await core.packing.boxes.save({
    code: 'S2',
    name: 'Small box',
    innerMm: { lengthMm: 250, widthMm: 200, heightMm: 100 },
    tareGrams: 120,
  });
}
