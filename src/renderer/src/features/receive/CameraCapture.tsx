import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { MAX_PHOTO_BYTES, type PhotoMimeType } from '../../../../shared/returns/qc-codes';

/** base64 of a Blob's bytes, without the data: prefix. */
function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The station camera (getUserMedia): Enter or P takes the photo. A missing or refused camera says
 * so in words, and a photo file can be chosen instead (checked for size here, for content at the core).
 */
export function CameraCapture({ auto }: { auto: boolean }) {
  const { t } = useTranslation();
  const photo = useFeature('receive', (s) => s.photo);
  const failed = useFeature('receive', (s) => s.cameraFailed);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [live, setLive] = useState(false);
  const [unavailable, setUnavailable] = useState(false);

  useEffect(() => {
    if (!auto) return;
    let stream: MediaStream | null = null;
    let cancelled = false;
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.getUserMedia) {
      setUnavailable(true);
      failed('no_camera_api');
      return;
    }
    media
      .getUserMedia({ video: true, audio: false })
      .then((s) => {
        if (cancelled) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        if (videoRef.current) {
          videoRef.current.srcObject = s;
          void videoRef.current.play().then(() => setLive(true));
        }
      })
      .catch((err: unknown) => {
        setUnavailable(true);
        failed(err instanceof DOMException ? err.name : 'unknown');
      });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [auto, failed]);

  const capture = (): void => {
    const video = videoRef.current;
    if (!video || !live || video.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (blob) void toBase64(blob).then((b64) => photo(b64, 'image/jpeg', blob.size));
      },
      'image/jpeg',
      0.85,
    );
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!live || e.defaultPrevented) return;
      if (e.code === 'Enter' || e.code === 'NumpadEnter' || e.code === 'KeyP') {
        const target = e.target as HTMLElement | null;
        if (
          target &&
          (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') &&
          !target.hasAttribute('data-scan-field')
        )
          return;
        e.preventDefault();
        e.stopPropagation();
        capture();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  return (
    <div className="camera" data-testid="camera" data-live={live}>
      {!unavailable && <video ref={videoRef} className="camera-video" muted playsInline />}
      {unavailable && <p className="camera-missing">{t('receive.camera.unavailable')}</p>}
      <label className="btn camera-file">
        {t('receive.camera.file')}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          data-testid="photo-file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            const mime = (
              ['image/jpeg', 'image/png', 'image/webp'].includes(file.type) ? file.type : 'image/jpeg'
            ) as PhotoMimeType;
            if (file.size > MAX_PHOTO_BYTES) {
              void photo('', mime, file.size);
              return;
            }
            void toBase64(file).then((b64) => photo(b64, mime, file.size));
          }}
        />
      </label>
    </div>
  );
}
