import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Progress,
  Result,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, uploadJson } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useDepartments, useUnits } from '../../api/queries.ts';
import { beijingToday, LIST_KINDS, type ListKind, type ListVersion, LP } from './lists-api.ts';
import { type ReadFile, readListFile } from './read-list-file.ts';

interface Problem {
  row: number;
  column?: string;
  message: string;
}
const problemsOf = (err: unknown): Problem[] =>
  err instanceof ApiError && err.code === 'INVALID_LIST_FILE'
    ? ((err.details as { problems?: Problem[] } | undefined)?.problems ?? [])
    : [];

/** Which units a list kind may be issued for, besides the whole district (src/lists/model.ts SCOPE_LEVELS). */
const SCOPE_KIND: Record<ListKind, 'street' | 'division' | 'department'> = {
  street_duty: 'street',
  street_access: 'street',
  community_access: 'division',
  department_responsibility: 'department',
  service_catalog: 'division',
};

/**
 * 导入清单: an Excel or CSV file becomes a new version of a list, with its title, approving document
 * and effective date. All or nothing: every problem of the file is listed by row, in Chinese.
 */
export function ImportTab() {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.import.${k}`, o ?? {});
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const kind = Form.useWatch<ListKind>('kind', form) ?? 'community_access';
  const streets = useUnits({ level: 'street' });
  const communities = useUnits({ level: 'community' }, SCOPE_KIND[kind] === 'division');
  const departments = useDepartments();
  const [file, setFile] = useState<ReadFile | null>(null);
  const [progress, setProgress] = useState(0);
  const run = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      uploadJson<{ version: ListVersion; itemCount: number }>(
        '/api/lists/import',
        JSON.stringify(body),
        (f) => setProgress(Math.round(f * 100)),
      ),
    meta: { silent: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['lists'] });
      void queryClient.invalidateQueries({ queryKey: [LP] });
    },
  });
  const problems = problemsOf(run.error);
  const scopes =
    SCOPE_KIND[kind] === 'department'
      ? (departments.data ?? [])
      : [...(streets.data ?? []), ...(SCOPE_KIND[kind] === 'division' ? (communities.data ?? []) : [])];

  if (run.isSuccess)
    return (
      <Result
        status="success"
        data-testid="import-done"
        title={l('done', {
          title: run.data.version.title,
          no: run.data.version.versionNo,
          count: run.data.itemCount,
        })}
        subTitle={l('doneHint', { from: run.data.version.effectiveFrom })}
        extra={<Button onClick={() => run.reset()}>{l('again')}</Button>}
      />
    );
  return (
    <Card size="small" title={l('title')}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {l('hint')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'community_access', effectiveFrom: beijingToday() }}
        onValuesChange={(changed: Record<string, unknown>) => {
          run.reset();
          if ('kind' in changed) form.setFieldValue('scopeCode', undefined);
        }}
        onFinish={(v: Record<string, string | undefined>) => {
          if (!file) return;
          setProgress(0);
          run.mutate({
            kind: v.kind,
            ...(v.scopeCode ? { scopeCode: v.scopeCode } : {}),
            title: v.title,
            approvingDocument: v.approvingDocument,
            effectiveFrom: v.effectiveFrom,
            format: file.format,
            content: file.content,
            fileName: file.name,
          });
        }}
      >
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item name="kind" label={l('kind')} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 240 }}
              options={LIST_KINDS.map((k) => ({ value: k, label: t(`listsPolicy.kinds.${k}`) }))}
              data-testid="import-kind"
            />
          </Form.Item>
          <Form.Item name="scopeCode" label={l('scope')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={l('wholeDistrict')}
              style={{ minWidth: 240 }}
              options={scopes.map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={l('listTitle')} rules={[{ required: true, max: 200 }]}>
          <Input maxLength={200} data-testid="import-title" />
        </Form.Item>
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item
            name="approvingDocument"
            label={l('document')}
            rules={[{ required: true, whitespace: true, message: l('documentRequired') }]}
          >
            <Input maxLength={300} style={{ minWidth: 360 }} data-testid="import-document" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={l('effectiveFrom')} rules={[{ required: true }]}>
            <Input type="date" data-testid="import-effective" />
          </Form.Item>
        </Space>
        <Form.Item label={l('file')} required extra={l('fileHint')}>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              run.reset();
              void readListFile(f).then(setFile);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="import-file">
              {l('pickFile')}
            </Button>
          </Upload>
          {file ? <Typography.Text style={{ marginLeft: 8 }}>{file.name}</Typography.Text> : null}
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          disabled={!file}
          loading={run.isPending}
          data-testid="import-run"
        >
          {l('run')}
        </Button>
        {run.isPending ? <Progress percent={progress} status="active" style={{ maxWidth: 360 }} /> : null}
      </Form>
      {run.error ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          role="alert"
          data-testid="import-error"
          message={problems.length > 0 ? l('refused', { count: problems.length }) : errorText(t, run.error)}
          description={
            problems.length > 0 ? (
              <Table<Problem>
                rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.message}`}
                size="small"
                pagination={false}
                dataSource={problems}
                data-testid="import-problems"
                columns={[
                  {
                    title: l('row'),
                    dataIndex: 'row',
                    width: 90,
                    render: (r: number) => (r > 0 ? l('rowNo', { row: r }) : '—'),
                  },
                  { title: l('column'), dataIndex: 'column', width: 120, render: (c?: string) => c ?? '—' },
                  { title: l('problem'), dataIndex: 'message' },
                ]}
              />
            ) : null
          }
        />
      ) : null}
    </Card>
  );
}
