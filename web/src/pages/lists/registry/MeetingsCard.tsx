import { Button, Card, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Items } from '../../../api/types.ts';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import {
  beijingToday,
  FILE_ROLES,
  MEETING_READ_ROLES,
  type MeetingRegistration,
  useCan,
  useLp,
  useLpAction,
  useUnitNames,
} from '../lists-api.ts';
import { TargetSelect } from '../shared.tsx';

/**
 * 会议报备: meetings that require community staff, with the communities, how many of their staff, and
 * why the meeting cannot be merged (能并则并、能减则减). Registered by departments, streets, the district;
 * the list is read by those who read the burden report and by departments, each seeing what the API
 * lets it (a department: the meetings it registered).
 */
export function MeetingsCard() {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.meetings.${k}`, o ?? {});
  const canRegister = useCan(FILE_ROLES);
  const canRead = useCan(MEETING_READ_ROLES);
  const nameOf = useUnitNames();
  const [open, setOpen] = useState(false);
  const rows = useLp<Items<MeetingRegistration>>('/api/meetings', {}, canRead);
  return (
    <Card
      size="small"
      title={l('title')}
      extra={
        canRegister ? (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="open-register-meeting">
            {l('register')}
          </Button>
        ) : null
      }
    >
      {!canRead ? (
        <Typography.Text type="secondary">{l('registerOnly')}</Typography.Text>
      ) : rows.isError ? (
        <ErrorResult error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Table<MeetingRegistration>
          rowKey="id"
          size="small"
          loading={rows.isPending}
          dataSource={rows.data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="meetings"
          columns={[
            { title: l('heldOn'), dataIndex: 'heldOn', width: 110 },
            { title: l('organiser'), dataIndex: 'organiserName', width: 180 },
            { title: l('name'), dataIndex: 'title' },
            {
              title: l('communities'),
              dataIndex: 'communityCodes',
              render: (codes: string[]) => codes.map(nameOf).join('、'),
            },
            { title: l('attendees'), dataIndex: 'attendeesPerCommunity', width: 90 },
            { title: l('reason'), dataIndex: 'reason' },
          ]}
        />
      )}
      {canRegister ? <RegisterMeetingModal open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}

function RegisterMeetingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const l = (k: string) => t(`listsPolicy.meetings.${k}`);
  const [form] = Form.useForm();
  const register = useLpAction<Record<string, unknown>>('POST', { successText: l('registered') });
  return (
    <Modal
      open={open}
      title={l('register')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={register.isPending}
      okButtonProps={{ 'data-testid': 'meeting-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ heldOn: beijingToday(), attendeesPerCommunity: 1 }}
        onFinish={(v: Record<string, unknown>) =>
          register.mutate(
            { path: '/api/meetings', body: v },
            {
              onSuccess: () => {
                form.resetFields();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="title" label={l('name')} rules={[{ required: true, max: 200 }]}>
          <Input maxLength={200} data-testid="meeting-title" />
        </Form.Item>
        <Form.Item name="heldOn" label={l('heldOn')} rules={[{ required: true }]}>
          <Input type="date" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="communityCodes" label={l('communities')} rules={[{ required: true }]}>
          <TargetSelect level="community" multiple testId="meeting-communities" />
        </Form.Item>
        <Form.Item name="attendeesPerCommunity" label={l('attendees')} rules={[{ required: true }]}>
          <InputNumber min={1} max={50} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={l('reason')}
          extra={l('reasonHint')}
          rules={[{ required: true, max: 500 }]}
        >
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            data-testid="meeting-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
