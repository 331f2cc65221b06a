import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/errors.ts';
import { useDepartments } from '../../../api/queries.ts';
import type { Items } from '../../../api/types.ts';
import { useMe } from '../../../app/session.ts';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { formatTime } from '../../../components/format.ts';
import {
  ADMIN,
  FORM_ROLES,
  type FormRegistration,
  useCan,
  useLp,
  useLpAction,
  useUnitNames,
} from '../lists-api.ts';
import { TargetSelect } from '../shared.tsx';

/**
 * 报表登记: the forms (报表/系统) departments require of communities. At most one per department and
 * community (the active profile's rule): a second is refused and the refusal is shown in the form.
 */
export function FormsCard() {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.forms.${k}`, o ?? {});
  const me = useMe().data;
  const canRegister = useCan(FORM_ROLES);
  const isAdmin = useCan(ADMIN);
  const nameOf = useUnitNames();
  const [open, setOpen] = useState(false);
  const rows = useLp<Items<FormRegistration>>('/api/forms');
  const retire = useLpAction('POST', { successText: l('retired') });
  if (rows.isError) return <ErrorResult error={rows.error} onRetry={() => void rows.refetch()} />;
  return (
    <Card
      size="small"
      title={l('title')}
      extra={
        canRegister ? (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="open-register-form">
            {l('register')}
          </Button>
        ) : null
      }
    >
      <Table<FormRegistration>
        rowKey="id"
        size="small"
        loading={rows.isPending}
        dataSource={rows.data?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="forms"
        columns={[
          { title: l('department'), dataIndex: 'departmentName', width: 160 },
          { title: l('community'), dataIndex: 'communityCode', width: 140, render: (c: string) => nameOf(c) },
          { title: l('name'), dataIndex: 'name' },
          { title: l('kind'), dataIndex: 'formKind', width: 80, render: (k: string) => l(`kinds.${k}`) },
          {
            title: l('frequency'),
            dataIndex: 'frequency',
            width: 90,
            render: (f: string | null) => f ?? '—',
          },
          {
            title: l('status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (
              <Tag color={s === 'active' ? 'blue' : 'default'}>{l(`statuses.${s}`)}</Tag>
            ),
          },
          { title: l('createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
          {
            title: '',
            width: 80,
            render: (_: unknown, f) =>
              f.status === 'active' &&
              (isAdmin || (canRegister && f.departmentCode === me?.user.unit.code)) ? (
                <Popconfirm
                  title={l('retireConfirm')}
                  onConfirm={() => retire.mutate({ path: `/api/forms/${f.id}/retire` })}
                >
                  <Button size="small" type="link" danger>
                    {l('retire')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      {canRegister ? (
        <RegisterFormModal open={open} onClose={() => setOpen(false)} isAdmin={isAdmin} />
      ) : null}
    </Card>
  );
}

function RegisterFormModal({
  open,
  onClose,
  isAdmin,
}: {
  open: boolean;
  onClose: () => void;
  isAdmin: boolean;
}) {
  const { t } = useTranslation();
  const l = (k: string) => t(`listsPolicy.forms.${k}`);
  const [form] = Form.useForm();
  const departments = useDepartments();
  const register = useLpAction<Record<string, unknown>>('POST', {
    silent: true,
    successText: l('registered'),
  });
  const close = () => {
    register.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={l('register')}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={register.isPending}
      okButtonProps={{ 'data-testid': 'form-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ formKind: 'report' }}
        onValuesChange={() => register.reset()}
        onFinish={(v: Record<string, string | undefined>) =>
          register.mutate(
            {
              path: '/api/forms',
              body: {
                communityCode: v.communityCode,
                name: v.name,
                formKind: v.formKind,
                ...(v.frequency ? { frequency: v.frequency } : {}),
                ...(v.departmentCode ? { departmentCode: v.departmentCode } : {}),
              },
            },
            {
              onSuccess: () => {
                form.resetFields();
                close();
              },
            },
          )
        }
      >
        {isAdmin ? (
          <Form.Item name="departmentCode" label={l('onBehalfOf')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={departments.isPending}
              options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="communityCode" label={l('community')} rules={[{ required: true }]}>
          <TargetSelect level="community" testId="form-community" />
        </Form.Item>
        <Form.Item name="name" label={l('name')} rules={[{ required: true, max: 200 }]}>
          <Input maxLength={200} data-testid="form-name" />
        </Form.Item>
        <Form.Item name="formKind" label={l('kind')}>
          <Segmented
            options={[
              { value: 'report', label: l('kinds.report') },
              { value: 'system', label: l('kinds.system') },
            ]}
          />
        </Form.Item>
        <Form.Item name="frequency" label={l('frequency')}>
          <Input maxLength={50} placeholder={l('frequencyPlaceholder')} />
        </Form.Item>
      </Form>
      {register.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="form-refused"
          message={errorText(t, register.error)}
        />
      ) : null}
    </Modal>
  );
}
