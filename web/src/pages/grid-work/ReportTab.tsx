import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { type Attachment, type GridEvent, gridKeys, useCategories } from './grid-work-api.ts';
import { PhotoPicker } from './PhotoPicker.tsx';
import { type Point, PointPicker } from './PointPicker.tsx';

interface ReportForm {
  categoryCode: string;
  description: string;
  address?: string;
}

/** 上报事件: category with its time limit, description, place, a tapped point and photos. */
export function ReportTab({ gridCode, onReported }: { gridCode: string; onReported: () => void }) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const [form] = Form.useForm<ReportForm>();
  const [point, setPoint] = useState<Point | null>(null);
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);

  const options = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const c of categories.data ?? []) {
      if (c.code === c.classCode) continue;
      const key = `${c.kind}-${c.classCode}`;
      const [kindName] = c.path.split('/');
      if (!groups.has(key)) groups.set(key, { label: `${kindName} · ${c.className}`, options: [] });
      groups.get(key)?.options.push({ value: c.code, label: `${c.name}（${c.className}）` });
    }
    return [...groups.values()];
  }, [categories.data]);
  const categoryCode = Form.useWatch('categoryCode', form);
  const picked = categories.data?.find((c) => c.code === categoryCode);

  const report = useMutation({
    mutationFn: (v: ReportForm) =>
      api<GridEvent>('/api/grid-events', {
        method: 'POST',
        body: { ...v, gridCode, point, photos: photos.map((p) => p.id) },
      }),
    onSuccess: async (created) => {
      void message.success(t('gridWork.report.created', { code: created.code }));
      form.resetFields();
      setPhotos([]);
      setPoint(null);
      await queryClient.invalidateQueries({ queryKey: gridKeys.mine });
      onReported();
    },
    onError: (err) => notification.error({ message: t('gridWork.failed'), description: errorText(t, err) }),
  });

  if (categories.isError)
    return <ErrorResult error={categories.error} onRetry={() => void categories.refetch()} />;
  return (
    <Form form={form} layout="vertical" onFinish={(v) => report.mutate(v)} data-testid="report-form">
      <Form.Item
        name="categoryCode"
        label={t('gridWork.report.category')}
        rules={[{ required: true, message: t('gridWork.report.category') }]}
        extra={
          picked
            ? t(picked.limit.unit === 'hours' ? 'gridWork.report.limitHours' : 'gridWork.report.limitDays', {
                amount: picked.limit.amount,
              })
            : undefined
        }
      >
        <Select
          showSearch
          loading={categories.isPending}
          optionFilterProp="label"
          placeholder={t('gridWork.report.categoryHint')}
          options={options}
          data-testid="report-category"
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('gridWork.report.description')}
        rules={[{ required: true, min: 5, message: t('gridWork.report.descriptionHint') }]}
      >
        <Input.TextArea rows={3} placeholder={t('gridWork.report.descriptionHint')} />
      </Form.Item>
      <Form.Item name="address" label={t('gridWork.report.address')}>
        <Input placeholder={t('gridWork.report.addressHint')} />
      </Form.Item>
      <Form.Item label={t('gridWork.report.point')}>
        <PointPicker gridCode={gridCode} value={point} onChange={setPoint} />
      </Form.Item>
      <Form.Item label={t('gridWork.report.photo')}>
        <PhotoPicker value={photos} onChange={setPhotos} onUploading={setUploading} testId="report-photo" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={report.isPending}
        disabled={uploading}
        data-testid="report-submit"
      >
        {t('gridWork.report.submit')}
      </Button>
    </Form>
  );
}
