import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../api/queries.ts';
import { PostFormModal } from './PostFormModal.tsx';
import { RegistrantFields } from './shared.tsx';

/** 党员报到: the member, their home community, their unit. */
export function RegisterMemberModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  return (
    <PostFormModal
      open={open}
      title={t('participation.party.register')}
      onClose={onClose}
      initialValues={{ kind: 'in_service' }}
      toRequest={(body) => ({ path: '/party-members', body })}
    >
      <RegistrantFields />
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
    </PostFormModal>
  );
}
