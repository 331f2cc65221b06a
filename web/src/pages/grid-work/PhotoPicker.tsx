import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Flex } from 'antd';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { type Attachment, uploadPhoto } from './grid-work-api.ts';

/** The most photos a grid-work record takes (src/grid-work/model.ts fileIdsSchema). */
export const MAX_PHOTOS = 9;

/**
 * 现场照片: thumbnails of the uploaded photos with a remove button, and a button that takes or
 * picks more (each uploaded at once with POST /api/files). Controlled, so it sits in a Form.Item;
 * the record is saved with the photos' ids. `testId` prefixes the test ids (`-input` on the file
 * input, one `testId` per thumbnail).
 */
export function PhotoPicker({
  value,
  onChange,
  onUploading,
  testId = 'photo',
}: {
  value?: Attachment[] | undefined;
  onChange?: ((photos: Attachment[]) => void) | undefined;
  /** Told when uploads start and finish (to hold the submit button meanwhile). */
  onUploading?: ((busy: boolean) => void) | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const photos = value ?? [];
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // the latest list while several files upload one after another
  const latest = useRef(photos);
  latest.current = photos;
  const busy = (b: boolean) => {
    setUploading(b);
    onUploading?.(b);
  };

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length === 0) return;
    busy(true);
    try {
      for (const f of files) {
        const saved = await uploadPhoto(f);
        latest.current = [...latest.current, saved].slice(0, MAX_PHOTOS);
        onChange?.(latest.current);
      }
    } catch (err) {
      notification.error({ message: t('gridWork.failed'), description: errorText(t, err) });
    } finally {
      busy(false);
    }
  };

  return (
    <Flex gap={8} wrap>
      {photos.map((p) => (
        <div key={p.id} style={{ position: 'relative' }} data-testid={testId}>
          <img
            src={`/api/files/${p.id}`}
            alt={p.name}
            style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 6, border: '1px solid #eee' }}
          />
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={p.name}
            style={{ position: 'absolute', top: 0, right: 0, background: 'rgba(255,255,255,0.8)' }}
            onClick={() => onChange?.(photos.filter((x) => x.id !== p.id))}
          />
        </div>
      ))}
      <Button
        icon={<CameraOutlined />}
        loading={uploading}
        disabled={photos.length >= MAX_PHOTOS}
        onClick={() => fileInput.current?.click()}
        style={{ height: 72 }}
      >
        {uploading ? t('gridWork.report.uploading') : t('gridWork.report.addPhoto')}
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        onChange={(e) => void onFiles(e)}
        data-testid={`${testId}-input`}
      />
    </Flex>
  );
}
