import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useEffectiveList, useLpAction, useTargets, type WorkRequest } from '../lists-api.ts';
import { TargetSelect } from '../shared.tsx';

interface Refusal {
  message: string;
  title: string;
  citedItemCode: string | null;
  rule: { key: string; text: string; source: string };
}

const refusalOf = (err: unknown): Refusal | null =>
  err instanceof ApiError && err.code === 'NOT_ON_ACCESS_LIST'
    ? { message: err.message, ...(err.details as Omit<Refusal, 'message'>) }
    : null;

/**
 * 发出工作请求: a department (or street, or the district) asks a street/community for work, citing
 * an item of the target's access list (picked from the list in force for it). Accepted → a numbered
 * work notice; refused → the rule and the missing item are shown, with the way to propose the item.
 */
export function FileRequestCard({ onPropose }: { onPropose: () => void }) {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.requests.${k}`, o ?? {});
  const [form] = Form.useForm();
  const targetCode = Form.useWatch<string | undefined>('targetCode', form);
  const targets = useTargets();
  const target = targets.data?.find((u) => u.code === targetCode);
  const kind = target?.level === 'street' ? 'street_access' : 'community_access';
  const list = useEffectiveList(kind, target?.code);
  const file = useLpAction<Record<string, unknown>, WorkRequest>('POST', {
    silent: true,
    successText: false,
  });
  const [accepted, setAccepted] = useState<WorkRequest | null>(null);
  const refusal = refusalOf(file.error);

  return (
    <Card size="small" title={l('fileTitle')} data-testid="file-request">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {l('fileHint')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onValuesChange={(changed: Record<string, unknown>) => {
          setAccepted(null);
          // another target has another access list: the cited item must be picked again
          if ('targetCode' in changed) form.setFieldValue('citedItemCode', undefined);
        }}
        onFinish={(v: Record<string, string | undefined>) => {
          file.reset();
          file.mutate(
            {
              path: '/api/work-requests',
              body: {
                targetCode: v.targetCode,
                title: v.title,
                content: v.content,
                ...(v.citedItemCode ? { citedItemCode: v.citedItemCode } : {}),
                ...(v.dueDate ? { dueDate: v.dueDate } : {}),
              },
            },
            {
              onSuccess: (row) => {
                setAccepted(row);
                form.resetFields(['title', 'content', 'citedItemCode', 'dueDate']);
              },
            },
          );
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="targetCode"
              label={l('target')}
              rules={[{ required: true, message: l('targetRequired') }]}
            >
              <TargetSelect testId="wr-target" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="citedItemCode"
              label={l('citedItem')}
              extra={
                list.data
                  ? l('listInForce', { title: list.data.version.title, no: list.data.version.versionNo })
                  : list.isError
                    ? errorText(t, list.error)
                    : l('pickTargetFirst')
              }
            >
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                disabled={!target}
                loading={list.isFetching}
                placeholder={l('citedItemPlaceholder')}
                options={(list.data?.items ?? []).map((i) => ({
                  value: i.itemCode,
                  label: `${i.itemCode} ${i.name}`,
                }))}
                data-testid="wr-item"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={l('title')} rules={[{ required: true, max: 100 }]}>
              <Input maxLength={100} data-testid="wr-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dueDate" label={l('dueDate')}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="content"
          label={l('content')}
          extra={l('contentHint')}
          rules={[{ required: true, max: 800 }]}
        >
          <Input.TextArea
            maxLength={800}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            data-testid="wr-content"
          />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={file.isPending} data-testid="wr-submit">
            {l('submit')}
          </Button>
        </Space>
      </Form>
      {accepted ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="wr-accepted"
          message={l('accepted', { no: accepted.noticeNo ?? '' })}
          description={l('acceptedHint', { item: accepted.citedItemCode ?? '' })}
        />
      ) : null}
      {refusal ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          role="alert"
          data-testid="wr-refused"
          message={l('refused', { title: refusal.title })}
          description={
            <Space direction="vertical" size={4}>
              <span>
                <strong>{l('missingItem')}：</strong>
                {refusal.citedItemCode
                  ? l('citedNotOnList', { code: refusal.citedItemCode })
                  : l('noItemCited', { list: t(`listsPolicy.kinds.${kind}`) })}
              </span>
              <span>
                <strong>{l('rule')}：</strong>
                {refusal.rule.text}（{refusal.rule.source}）
              </span>
              <Typography.Text type="secondary">{refusal.message}</Typography.Text>
              <Button size="small" onClick={onPropose} data-testid="wr-propose">
                {l('proposeInstead')}
              </Button>
            </Space>
          }
        />
      ) : file.error ? (
        <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorText(t, file.error)} />
      ) : null}
    </Card>
  );
}
