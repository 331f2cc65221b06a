import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { beijingToday, gridKeys, usePatrolEntries } from './grid-work-api.ts';

interface PatrolForm {
  hours: number;
  householdsVisited: number;
  findings: string;
}

/** 今日巡查: one patrol-log entry for today on the worker's grid. */
export function PatrolTab({ gridCode }: { gridCode: string }) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const queryClient = useQueryClient();
  const entries = usePatrolEntries();
  const today = beijingToday();
  const [form] = Form.useForm<PatrolForm>();
  const save = useMutation({
    mutationFn: (v: PatrolForm) =>
      api('/api/patrol-entries', { method: 'POST', body: { ...v, gridCode, date: today } }),
    onSuccess: async () => {
      void message.success(t('gridWork.saved'));
      await queryClient.invalidateQueries({ queryKey: gridKeys.patrol });
    },
    onError: (err) => notification.error({ message: t('gridWork.failed'), description: errorText(t, err) }),
  });
  if (entries.isError) return <ErrorResult error={entries.error} onRetry={() => void entries.refetch()} />;
  if (entries.isPending) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  const mine = entries.data.filter((e) => e.gridCode === gridCode);
  const done = mine.find((e) => e.date === today);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small" title={t('gridWork.patrol.today', { date: today })} data-testid="patrol-today">
        {done ? (
          <div data-testid="patrol-done">
            <Tag color="green">{t('gridWork.patrol.done')}</Tag>
            <div style={{ marginTop: 8 }}>
              {t('gridWork.patrol.hours')}：{done.hours} · {t('gridWork.patrol.households')}：
              {done.householdsVisited}
            </div>
            <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0 }}>
              {done.findings}
            </Typography.Paragraph>
          </div>
        ) : (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ hours: 2, householdsVisited: 0, findings: '' }}
            onFinish={(v) => save.mutate(v)}
            data-testid="patrol-form"
          >
            <Alert type="info" showIcon message={t('gridWork.patrol.none')} style={{ marginBottom: 12 }} />
            <Flex gap={12}>
              <Form.Item name="hours" label={t('gridWork.patrol.hours')} rules={[{ required: true }]}>
                <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} inputMode="decimal" />
              </Form.Item>
              <Form.Item name="householdsVisited" label={t('gridWork.patrol.households')}>
                <InputNumber min={0} max={1000} step={1} style={{ width: '100%' }} inputMode="numeric" />
              </Form.Item>
            </Flex>
            <Form.Item
              name="findings"
              label={t('gridWork.patrol.findings')}
              rules={[{ required: true, min: 2, message: t('gridWork.patrol.findings') }]}
            >
              <Input.TextArea rows={3} placeholder={t('gridWork.patrol.findingsHint')} />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={save.isPending}
              data-testid="patrol-submit"
            >
              {t('gridWork.patrol.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Typography.Text type="secondary">{t('gridWork.patrol.month', { count: mine.length })}</Typography.Text>
    </Space>
  );
}
