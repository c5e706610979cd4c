import { useTranslation } from 'react-i18next';
import type { LabelPreview as Preview } from '../../../../shared/printing';

/**
 * A label drawn as the printer prints it (one image pixel per printer dot, black and white), from
 * a `previewLabel` / `previewPrintJob` answer. Reusable: the QC station shows the tag it printed.
 */
export function LabelPreview({
  preview,
  alt,
  maxWidthPx = 640,
}: {
  preview: Preview;
  alt: string;
  maxWidthPx?: number;
}) {
  const { t } = useTranslation();
  const mm = (dots: number): string => ((dots * 25.4) / preview.dpi).toFixed(0);
  return (
    <figure className="label-preview" data-testid="label-preview">
      <img
        className="label-preview-image"
        src={`data:image/png;base64,${preview.png}`}
        alt={alt}
        width={Math.min(preview.widthDots, maxWidthPx)}
        data-width-dots={preview.widthDots}
        data-height-dots={preview.heightDots}
      />
      <figcaption className="muted">
        {t('printers.preview.size', {
          width: mm(preview.widthDots),
          height: mm(preview.heightDots),
          dpi: preview.dpi,
        })}
      </figcaption>
    </figure>
  );
}
