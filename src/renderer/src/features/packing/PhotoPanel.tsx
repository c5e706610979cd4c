import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import type { BenchCamera } from './packing-store';

/** A camera frame is evidence of what went in the box, not a picture to print: 1280 px is plenty. */
const MAX_WIDTH = 1280;
const JPEG_QUALITY = 0.85;

function problemOf(err: unknown): BenchCamera['problem'] {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no_camera';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  return 'failed';
}

/** One frame of the preview as a JPEG, base64 without the data: prefix. */
async function grabJpeg(video: HTMLVideoElement): Promise<string> {
  const scale = Math.min(1, MAX_WIDTH / Math.max(1, video.videoWidth));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(video.videoWidth * scale));
  canvas.height = Math.max(1, Math.round(video.videoHeight * scale));
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  g.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY),
  );
  if (!blob) throw new Error('the frame could not be encoded');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * The photo before sealing: the bench camera's live picture while the parcel is open; C takes the
 * frame (the store uploads it). The device is opened here, only while this view shows, and closed
 * when the parcel is sealed or put aside.
 */
export function PhotoPanel() {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const setCamera = useFeature('packing', (s) => s.setCamera);
  const camera = useFeature('packing', (s) => s.camera);
  const photo = useFeature('packing', (s) => s.session?.photo ?? null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    setCamera({ status: 'starting', problem: null }, null);
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCamera({ status: 'unavailable', problem: 'no_camera' }, null);
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
      } catch (err) {
        if (!stopped) setCamera({ status: 'unavailable', problem: problemOf(err) }, null);
        return;
      }
      const el = video.current;
      if (stopped || !el) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      el.srcObject = stream;
      try {
        await el.play();
      } catch {
        // Autoplay of a muted camera preview is allowed; a refusal still shows the first frame.
      }
      setCamera({ status: 'on', problem: null }, () => grabJpeg(el));
    };
    void start();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
      setCamera({ status: 'off', problem: null }, null);
    };
  }, [setCamera]);

  return (
    <aside
      className="pack-photo"
      data-testid="pack-photo"
      data-camera={camera.status}
      data-taken={photo !== null}
    >
      <h3 className="pack-side-title">{t('packing.photo.title')}</h3>
      <video ref={video} className="pack-photo-preview" data-testid="pack-photo-preview" muted playsInline />
      {camera.status === 'unavailable' && camera.problem && (
        <p className="pack-photo-problem" role="alert" data-testid="pack-photo-problem">
          {t(`packing.photo.problem.${camera.problem}`)}
        </p>
      )}
      {(photo !== null || camera.status !== 'unavailable') && (
        <p className="pack-photo-state" data-testid="pack-photo-state">
          {photo
            ? t('packing.photo.taken', { width: photo.width, height: photo.height })
            : t('packing.photo.notYet')}
        </p>
      )}
    </aside>
  );
}
