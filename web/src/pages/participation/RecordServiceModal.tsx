import { Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PostFormModal } from './PostFormModal.tsx';

const SERVICE_KINDS = [
  'volunteer',
  'policy',
  'pairing',
  'environment',
  'safety',
  'consultation',
  'other',
] as const;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * A service a party member or a volunteer gave, posted to `path` (…/services; open while it is set)
 * and pending until the community confirms it. `withKind`: a party member's service has a kind.
 */
export function RecordServiceModal({
  path,
  withKind,
  onClose,
}: {
  path: string | null;
  withKind?: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <PostFormModal
      open={path !== null}
      title={t('participation.recordService')}
      onClose={onClose}
      initialValues={{ ...(withKind ? { kind: 'volunteer' } : {}), servedOn: today(), hours: 1 }}
      toRequest={(body) => ({ path: path ?? '', body })}
    >
      <Form.Item name="title" label={t('participation.serviceTitle')} rules={[{ required: true, min: 2 }]}>
        <Input maxLength={200} />
      </Form.Item>
      {withKind ? (
        <Form.Item name="kind" label={t('participation.serviceKind')}>
          <Select
            options={SERVICE_KINDS.map((k) => ({
              value: k,
              label: t(`participation.party.serviceKinds.${k}`),
            }))}
          />
        </Form.Item>
      ) : null}
      <Space wrap>
        <Form.Item
          name="servedOn"
          label={t('participation.servedOn')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="hours" label={t('participation.hours')} rules={[{ required: true }]}>
          <InputNumber min={0.5} max={24} step={0.5} />
        </Form.Item>
      </Space>
    </PostFormModal>
  );
}
