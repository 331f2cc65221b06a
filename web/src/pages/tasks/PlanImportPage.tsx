import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Progress,
  Result,
  Segmented,
  Space,
  Steps,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadJson } from '../../api/client.ts';
import { taskKeys } from '../../api/task-queries.ts';
import type { ImportResult, ParsedPlan } from '../../api/task-types.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

const MATCH_COLOR: Record<string, string> = {
  exact: 'green',
  alias: 'green',
  mapped: 'green',
  group: 'blue',
  fuzzy: 'gold',
  ignored: 'default',
  unmatched: 'red',
};

/**
 * 导入任务分解方案: paste the plan's text → preview (tasks as parsed, every unit name and how it
 * matched, the parser's warnings) → import with progress → the board, or the names left to map.
 */
export default function PlanImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [cadence, setCadence] = useState<'month' | 'quarter'>('month');
  const [dueSoonDays, setDueSoonDays] = useState(7);
  const [progress, setProgress] = useState(0);
  const preview = useMutation({
    mutationFn: (body: string) =>
      api<ParsedPlan>('/api/task-plans/parse', { method: 'POST', body: { text: body } }),
  });
  const run = useMutation({
    mutationFn: () =>
      uploadJson<ImportResult>(
        '/api/task-plans',
        JSON.stringify({ text, reportCadence: cadence, dueSoonDays }),
        (f) => setProgress(Math.round(f * 90)),
      ),
    onMutate: () => setProgress(0),
    onSuccess: () => {
      setProgress(100);
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
  const step = run.isSuccess ? 3 : run.isPending ? 2 : preview.data ? 1 : 0;
  const unmatched = (preview.data?.units ?? []).filter((u) => u.units.length === 0);

  return (
    <>
      <PageHeader
        title={t('planImport.title')}
        extra={<LinkButton to="/tasks">{t('planImport.back')}</LinkButton>}
      />
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { title: t('planImport.steps.paste') },
          { title: t('planImport.steps.preview') },
          { title: t('planImport.steps.import') },
          { title: t('planImport.steps.done') },
        ]}
      />
      {run.isSuccess ? (
        <div data-testid="import-result">
          <Result
            status="success"
            title={t('planImport.imported', { title: run.data.title })}
            subTitle={t('planImport.importedCounts', { tasks: run.data.tasks, links: run.data.links })}
            extra={[
              <LinkButton
                key="board"
                type="primary"
                to={`/tasks/plans/${run.data.planId}`}
                data-testid="open-board"
              >
                {t('planImport.openBoard')}
              </LinkButton>,
              run.data.unmatched.length > 0 ? (
                <LinkButton key="names" to="/tasks/unit-names">
                  {t('planImport.mapNames', { count: run.data.unmatched.length })}
                </LinkButton>
              ) : null,
            ]}
          />
        </div>
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title={t('planImport.paste')}>
            <Form layout="vertical">
              <Form.Item label={t('planImport.text')} extra={t('planImport.textHint')}>
                <Input.TextArea
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    preview.reset();
                  }}
                  autoSize={{ minRows: 8, maxRows: 20 }}
                  data-testid="plan-text"
                  aria-label={t('planImport.text')}
                />
              </Form.Item>
              <Space wrap align="start" style={{ display: 'flex' }}>
                <Form.Item label={t('planImport.cadence')}>
                  <Segmented<'month' | 'quarter'>
                    value={cadence}
                    onChange={setCadence}
                    options={[
                      { value: 'month', label: t('planImport.month') },
                      { value: 'quarter', label: t('planImport.quarter') },
                    ]}
                  />
                </Form.Item>
                <Form.Item label={t('planImport.dueSoonDays')}>
                  <InputNumber
                    min={0}
                    max={90}
                    value={dueSoonDays}
                    onChange={(v) => setDueSoonDays(v ?? 7)}
                  />
                </Form.Item>
              </Space>
              <Space style={{ display: 'flex' }}>
                <Button
                  onClick={() => preview.mutate(text)}
                  loading={preview.isPending}
                  disabled={!text.trim()}
                  data-testid="preview-plan"
                >
                  {t('planImport.preview')}
                </Button>
                <Button
                  type="primary"
                  onClick={() => run.mutate()}
                  loading={run.isPending}
                  disabled={!preview.data || preview.data.tasks.length === 0}
                  data-testid="run-import"
                >
                  {t('planImport.import')}
                </Button>
              </Space>
            </Form>
            {run.isPending ? (
              <div style={{ marginTop: 12 }} data-testid="import-progress">
                <Progress percent={progress} status="active" />
                <span className="jd-muted">
                  {progress < 90 ? t('planImport.uploading') : t('planImport.writing')}
                </span>
              </div>
            ) : null}
          </Card>
          {preview.data ? (
            <Card
              size="small"
              title={t('planImport.previewTitle', { title: preview.data.title ?? t('planImport.untitled') })}
              data-testid="plan-preview"
            >
              {preview.data.warnings.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t('planImport.warnings')}
                  description={
                    <ul style={{ margin: 0 }}>
                      {preview.data.warnings.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  }
                />
              ) : null}
              {unmatched.length > 0 ? (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t('planImport.unmatched', { names: unmatched.map((u) => u.name).join('、') })}
                />
              ) : null}
              <Table
                rowKey="no"
                size="small"
                pagination={false}
                scroll={{ x: 800 }}
                dataSource={preview.data.tasks}
                columns={[
                  { title: t('tasks.no'), dataIndex: 'no', width: 56 },
                  { title: t('tasks.section'), dataIndex: 'section', width: 160 },
                  { title: t('tasks.content'), dataIndex: 'content' },
                  {
                    title: t('tasks.lead'),
                    dataIndex: 'lead',
                    width: 180,
                    render: (v: string[]) => v.join('、'),
                  },
                  {
                    title: t('tasks.co'),
                    dataIndex: 'co',
                    width: 200,
                    render: (v: string[]) => v.join('、'),
                  },
                  {
                    title: t('tasks.deadline'),
                    dataIndex: 'deadline',
                    width: 110,
                    render: (v: string | null) => v ?? '—',
                  },
                ]}
              />
              <Table
                style={{ marginTop: 12 }}
                rowKey="name"
                size="small"
                pagination={false}
                dataSource={preview.data.units}
                data-testid="unit-matches"
                columns={[
                  { title: t('planImport.writtenName'), dataIndex: 'name', width: 220 },
                  {
                    title: t('planImport.match'),
                    dataIndex: 'match',
                    width: 110,
                    render: (m: string) => (
                      <Tag color={MATCH_COLOR[m] ?? 'default'}>
                        {t(`planImport.matches.${m}`, { defaultValue: m })}
                      </Tag>
                    ),
                  },
                  {
                    title: t('planImport.units'),
                    dataIndex: 'units',
                    render: (u: { name: string }[], r) =>
                      u.length > 0
                        ? u.map((x) => x.name).join('、')
                        : r.suggestions.length > 0
                          ? t('planImport.suggest', { names: r.suggestions.map((x) => x.name).join('、') })
                          : '—',
                  },
                ]}
              />
            </Card>
          ) : null}
        </Space>
      )}
    </>
  );
}
