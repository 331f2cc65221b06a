import { Form, Input, Modal, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { beijingToday, type Proposal, useLpAction } from '../lists-api.ts';
import { TargetSelect } from '../shared.tsx';

const useL = () => {
  const { t } = useTranslation();
  return (k: string, o?: Record<string, unknown>) => t(`listsPolicy.proposals.${k}`, o ?? {});
};

/**
 * 申请新增准入事项: the item and what moves with it — authority, staff and funds (权随事转、人随事转、
 * 费随事转). The active profile decides which of the three are required; the server says which are missing.
 */
export function ProposeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const l = useL();
  const [form] = Form.useForm();
  const level = Form.useWatch<'street' | 'community'>('targetLevel', form) ?? 'community';
  const propose = useLpAction<Record<string, unknown>>('POST', { successText: l('proposed') });
  return (
    <Modal
      open={open}
      title={l('proposeTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={l('submit')}
      confirmLoading={propose.isPending}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ targetLevel: 'community' }}
        onValuesChange={(changed: Record<string, unknown>) => {
          if ('targetLevel' in changed) form.setFieldValue('scopeCode', undefined);
        }}
        onFinish={(v: Record<string, string | undefined>) =>
          propose.mutate(
            {
              path: '/api/access-proposals',
              body: {
                targetLevel: v.targetLevel,
                ...(v.scopeCode ? { scopeCode: v.scopeCode } : {}),
                item: {
                  name: v.name,
                  ...(v.category ? { category: v.category } : {}),
                  ...(v.basis ? { basis: v.basis } : {}),
                },
                transfers: { authority: v.authority ?? '', staff: v.staff ?? '', funds: v.funds ?? '' },
              },
            },
            {
              onSuccess: () => {
                form.resetFields();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="targetLevel" label={l('targetLevel')}>
          <Segmented
            options={[
              { value: 'community', label: l('levels.community') },
              { value: 'street', label: l('levels.street') },
            ]}
          />
        </Form.Item>
        <Form.Item name="scopeCode" label={l('scope')} extra={l('scopeHint')}>
          <TargetSelect level={level === 'street' ? 'street' : undefined} placeholder={l('wholeDistrict')} />
        </Form.Item>
        <Form.Item name="name" label={l('itemName')} rules={[{ required: true, max: 200 }]}>
          <Input maxLength={200} data-testid="proposal-name" />
        </Form.Item>
        <Space wrap style={{ display: 'flex' }} align="start">
          <Form.Item name="category" label={l('category')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="basis" label={l('basis')}>
            <Input maxLength={1000} style={{ minWidth: 280 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{l('transfersHint')}</Typography.Paragraph>
        <Form.Item name="authority" label={l('authority')}>
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 3 }}
            data-testid="proposal-authority"
          />
        </Form.Item>
        <Form.Item name="staff" label={l('staff')}>
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 3 }}
            data-testid="proposal-staff"
          />
        </Form.Item>
        <Form.Item name="funds" label={l('funds')}>
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 3 }}
            data-testid="proposal-funds"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 批准 (with the approval record: body, document, date) or 驳回 (with a reason): the district admin. */
export function DecideModal({
  proposal,
  decision,
  onClose,
}: {
  proposal: Proposal | null;
  decision: 'approve' | 'reject';
  onClose: () => void;
}) {
  const l = useL();
  const [form] = Form.useForm();
  const decide = useLpAction<Record<string, unknown>>('POST', {
    successText: decision === 'approve' ? l('approved') : l('rejected'),
  });
  return (
    <Modal
      open={proposal !== null}
      title={`${decision === 'approve' ? l('approve') : l('reject')}：${proposal?.item.name ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ approvedOn: beijingToday() }}
        onFinish={(v: Record<string, string | undefined>) =>
          decide.mutate(
            {
              path: `/api/access-proposals/${proposal?.id}/${decision}`,
              body:
                decision === 'approve'
                  ? {
                      approvingBody: v.approvingBody,
                      document: v.document,
                      approvedOn: v.approvedOn,
                      ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom } : {}),
                    }
                  : { reason: v.reason ?? '' },
            },
            { onSuccess: onClose },
          )
        }
      >
        {decision === 'approve' ? (
          <>
            <Form.Item
              name="approvingBody"
              label={l('approvingBody')}
              extra={l('approvingBodyHint')}
              rules={[{ required: true }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="document" label={l('document')} rules={[{ required: true }]}>
              <Input maxLength={300} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="approvedOn" label={l('approvedOn')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="effectiveFrom" label={l('effectiveFrom')} extra={l('effectiveFromHint')}>
                <Input type="date" />
              </Form.Item>
            </Space>
          </>
        ) : (
          <Form.Item name="reason" label={l('reason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
