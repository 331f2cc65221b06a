import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, uploadJson } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import type { GridImportResult } from '../../api/types.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

const MAX_BYTES = 10 * 1024 * 1024;
type Stage = 'idle' | 'read' | 'check' | 'upload' | 'apply' | 'done' | 'failed';
const STEP_INDEX: Record<Stage, number> = {
  idle: 0,
  read: 0,
  check: 1,
  upload: 2,
  apply: 3,
  done: 4,
  failed: 0,
};

interface Problem {
  feature?: number;
  message: string;
}

/** 网格导入: a GeoJSON file of grid boundaries, read, checked, uploaded and applied with progress. */
export default function GridImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>('idle');
  const [failedAt, setFailedAt] = useState(0);
  const [percent, setPercent] = useState(0);
  const [fileName, setFileName] = useState('');
  const [featureCount, setFeatureCount] = useState(0);
  const [result, setResult] = useState<GridImportResult | null>(null);
  const [error, setError] = useState<{ message: string; problems: Problem[] } | null>(null);

  const fail = (at: Stage, message: string, problems: Problem[] = []) => {
    setFailedAt(STEP_INDEX[at]);
    setStage('failed');
    setError({ message, problems });
  };

  const run = async (file: File) => {
    setResult(null);
    setError(null);
    setFileName(file.name);
    setPercent(0);
    setStage('read');
    if (file.size > MAX_BYTES) return fail('read', t('gridImport.tooLarge'));
    const text = await file.text();
    setPercent(10);
    setStage('check');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return fail('check', t('gridImport.notJson', { message: (err as Error).message }));
    }
    const features = (parsed as { type?: unknown; features?: unknown }).features;
    if ((parsed as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
      return fail('check', t('gridImport.notCollection'));
    }
    setFeatureCount(features.length);
    setPercent(20);
    setStage('upload');
    try {
      const res = await uploadJson<GridImportResult>('/api/grids/import', text, (f) => {
        setPercent(20 + Math.round(f * 60));
        if (f >= 1) setStage('apply');
      });
      setStage('apply');
      setPercent(100);
      setResult(res);
      setStage('done');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['grids'] }),
        queryClient.invalidateQueries({ queryKey: ['units'] }),
        queryClient.invalidateQueries({ queryKey: ['jurisdiction'] }),
      ]);
    } catch (err) {
      const details =
        err instanceof ApiError ? (err.details as { problems?: Problem[] } | undefined) : undefined;
      fail('apply', errorText(t, err), details?.problems ?? []);
    }
  };

  const busy = stage === 'read' || stage === 'check' || stage === 'upload' || stage === 'apply';
  const current = stage === 'failed' ? failedAt : STEP_INDEX[stage];

  return (
    <>
      <PageHeader title={t('gridImport.title')} />
      <Card size="small">
        <Typography.Paragraph>{t('gridImport.intro')}</Typography.Paragraph>
        <Upload.Dragger
          accept=".geojson,.json,application/geo+json,application/json"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void run(file);
            return false;
          }}
          data-testid="grid-import-drop"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('gridImport.drop')}</p>
          <p className="ant-upload-hint">{t('gridImport.dropHint')}</p>
        </Upload.Dragger>
        {stage !== 'idle' ? (
          <div style={{ marginTop: 16 }} aria-live="polite">
            <Typography.Text strong>{fileName}</Typography.Text>
            {featureCount > 0 ? (
              <Typography.Text type="secondary">
                {' '}
                · {t('gridImport.features', { count: featureCount })}
              </Typography.Text>
            ) : null}
            <Steps
              size="small"
              style={{ margin: '12px 0' }}
              current={current}
              status={stage === 'failed' ? 'error' : stage === 'done' ? 'finish' : 'process'}
              items={(['read', 'check', 'upload', 'apply', 'done'] as const).map((s) => ({
                title: t(`gridImport.steps.${s}`),
              }))}
            />
            <Progress
              percent={percent}
              status={stage === 'failed' ? 'exception' : stage === 'done' ? 'success' : 'active'}
              data-testid="grid-import-progress"
            />
          </div>
        ) : null}
        {result ? (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="grid-import-result"
            message={t('gridImport.result', { created: result.created, updated: result.updated })}
            description={
              result.warnings.length > 0 ? (
                <>
                  <div>{t('gridImport.warnings')}：</div>
                  {result.warnings.map((w) => (
                    <div key={w}>{w}</div>
                  ))}
                </>
              ) : undefined
            }
            action={
              <Space direction="vertical">
                <LinkButton size="small" to="/jurisdiction">
                  {t('gridImport.viewMap')}
                </LinkButton>
              </Space>
            }
          />
        ) : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 12 }}
            data-testid="grid-import-error"
            message={t('gridImport.failed')}
            description={
              <>
                <div>{error.message}</div>
                {error.problems.length > 0 ? (
                  <>
                    <div>{t('gridImport.problems')}：</div>
                    <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 240, overflow: 'auto' }}>
                      {error.problems.map((p) => (
                        <li key={`${p.feature ?? ''}-${p.message}`}>
                          {p.feature !== undefined ? `${t('gridImport.featureN', { n: p.feature })}：` : ''}
                          {p.message}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </>
            }
          />
        ) : null}
        {stage === 'done' || stage === 'failed' ? (
          <Button style={{ marginTop: 12 }} onClick={() => setStage('idle')}>
            {t('gridImport.again')}
          </Button>
        ) : null}
      </Card>
    </>
  );
}
