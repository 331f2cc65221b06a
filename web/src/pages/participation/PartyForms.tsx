import { Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../api/queries.ts';
import { type PartyMember, usePAction } from './participation-api.ts';
import { CommunitySelect } from './shared.tsx';

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

/** 党员报到: the member, their home community, their unit. */
export function RegisterMemberModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const register = usePAction<Record<string, unknown>>();
  const [form] = Form.useForm();
  return (
    <Modal
      open={open}
      title={t('participation.party.register')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={register.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'in_service' }}
        onFinish={(v) =>
          register.mutate(
            { path: '/party-members', body: v },
            {
              onSuccess: () => {
                form.resetFields();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="communityCode" label={t('participation.community')} rules={[{ required: true }]}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="name" label={t('participation.name')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label={t('participation.phone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('participation.idNumber')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="kind" label={t('participation.party.kind')}>
          <Select
            options={['in_service', 'retired', 'other'].map((k) => ({
              value: k,
              label: t(`participation.party.kinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="unitCode" label={t('participation.party.unit')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={departments.isPending}
            options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="workUnit" label={t('participation.party.workUnit')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="skills" label={t('participation.party.skills')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A service the member gave, pending until the community confirms it. */
export function RecordServiceModal({ member, onClose }: { member: PartyMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  const record = usePAction<Record<string, unknown>>();
  const [form] = Form.useForm();
  return (
    <Modal
      open={member !== null}
      title={t('participation.recordService')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'volunteer', servedOn: today(), hours: 1 }}
        onFinish={(v) =>
          record.mutate(
            { path: `/party-members/${member?.id}/services`, body: v },
            {
              onSuccess: () => {
                form.resetFields();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="title" label={t('participation.serviceTitle')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('participation.serviceKind')}>
          <Select
            options={SERVICE_KINDS.map((k) => ({
              value: k,
              label: t(`participation.party.serviceKinds.${k}`),
            }))}
          />
        </Form.Item>
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
      </Form>
    </Modal>
  );
}
