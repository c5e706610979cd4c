import type { Clock } from '../../clock';
import type { TikTokShopConfig } from './config';
import type { DocumentType, TikTokFulfillment } from './fulfillment-client';

/**
 * Platform labels for platform-shipped packages. The platform answers a `doc_url` (valid about a
 * day, community-sourced; `docUrlTtlMinutes`) only after the ship call, and only as PDF in our
 * markets. A label is therefore fetched again right before it prints — `freshPdf` asks for a new
 * doc_url and downloads it at once, never from a URL kept since packing — and a URL found expired
 * at download is asked for again once.
 */
export interface ShippingDocument {
  packageId: string;
  type: DocumentType;
  docUrl: string;
  trackingNumber: string | null;
  fetchedAt: number;
  expiresAt: number;
}

export class ShippingLabels {
  constructor(
    private readonly fulfillment: TikTokFulfillment,
    private readonly config: TikTokShopConfig,
    private readonly clock: Clock,
  ) {}

  async document(
    packageId: string,
    signal: AbortSignal,
    type: DocumentType = 'SHIPPING_LABEL',
  ): Promise<ShippingDocument> {
    const data = await this.fulfillment.shippingDocument(
      packageId,
      { type, size: this.config.fulfilment.labelSize },
      signal,
    );
    const fetchedAt = this.clock.now();
    return {
      packageId,
      type,
      docUrl: data.doc_url,
      trackingNumber: data.tracking_number ?? null,
      fetchedAt,
      expiresAt: fetchedAt + this.config.fulfilment.docUrlTtlMinutes * 60_000,
    };
  }

  isExpired(doc: ShippingDocument, now = this.clock.now()): boolean {
    return now >= doc.expiresAt;
  }

  /** The label's PDF bytes, from a doc_url asked for now; one more ask if the host says it expired. */
  async freshPdf(
    packageId: string,
    signal: AbortSignal,
    type: DocumentType = 'SHIPPING_LABEL',
  ): Promise<{ pdf: Uint8Array; document: ShippingDocument }> {
    let document = await this.document(packageId, signal, type);
    try {
      return { pdf: await this.fulfillment.download(document.docUrl, signal), document };
    } catch (err) {
      if (!(err instanceof Error) || !/expired|gone/.test(err.message)) throw err;
      document = await this.document(packageId, signal, type);
      return { pdf: await this.fulfillment.download(document.docUrl, signal), document };
    }
  }
}
