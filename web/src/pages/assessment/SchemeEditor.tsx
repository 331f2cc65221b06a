import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { assessmentKeys, type Finding, pct, type SchemeView, type Validation } from './assessment-api.ts';

/** A starting point: a monthly street scheme meeting the generic profile (residents 50 %). */
const TEMPLATE = {
  name: '街道月度综合考核',
  evaluatedKind: 'street',
  period: 'month',
  nodes: [
    {
      kind: 'group',
      key: 'residents',
      name: '居民评价',
      weight: 0.5,
      evaluator: 'residents',
      children: [
        {
          kind: 'indicator',
          key: 'satisfaction',
          name: '12345满意率',
          weight: 0.4,
          source: 'demands.satisfaction_rate',
          scoring: { type: 'rate' },
        },
        {
          kind: 'indicator',
          key: 'survey',
          name: '居民满意度调查',
          weight: 0.6,
          source: 'entered.survey',
          scoring: { type: 'rate' },
        },
      ],
    },
    {
      kind: 'group',
      key: 'work',
      name: '工作实绩',
      weight: 0.5,
      evaluator: 'district',
      children: [
        {
          kind: 'indicator',
          key: 'response',
          name: '12345响应率',
          weight: 0.5,
          source: 'demands.response_rate',
          scoring: { type: 'rate' },
        },
        {
          kind: 'indicator',
          key: 'grid_close',
          name: '网格事件结案率',
          weight: 0.5,
          source: 'grid_events.close_rate',
          scoring: { type: 'rate' },
        },
      ],
    },
  ],
};

function Findings({ list, type }: { list: Finding[]; type: 'error' | 'warning' }) {
  return (
    <>
      {list.map((f) => (
        <Alert
          key={`${f.rule}${f.message}`}
          type={type}
          showIcon
          message={f.labelZh}
          description={f.message}
          style={{ marginBottom: 8 }}
        />
      ))}
    </>
  );
}

/**
 * A scheme as JSON (format in docs/assessment.md): check it against the district's active policy —
 * every rule it breaks with its source and shortfall — then save it (a new version when editing).
 */
export function SchemeEditor({ scheme, onClose }: { scheme: SchemeView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(scheme?.definition ?? TEMPLATE, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const parsed = (): unknown => {
    try {
      setParseError(null);
      return JSON.parse(text);
    } catch (err) {
      setParseError((err as Error).message);
      throw err;
    }
  };
  const check = useMutation({
    mutationFn: () => api<Validation>('/api/assessment/schemes/check', { method: 'POST', body: parsed() }),
  });
  const save = useMutation({
    mutationFn: () =>
      api<SchemeView>(scheme ? `/api/assessment/schemes/${scheme.id}` : '/api/assessment/schemes', {
        method: scheme ? 'PUT' : 'POST',
        body: parsed(),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.schemes });
      onClose();
    },
  });
  const v = check.data;
  return (
    <Drawer
      open
      width={720}
      title={scheme ? t('assessment.editScheme', { name: scheme.name }) : t('assessment.newScheme')}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('assessment.editorHint')}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('assessment.schemeJson')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 16, maxRows: 32 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
      />
      <Space style={{ margin: '12px 0' }}>
        <Button loading={check.isPending} onClick={() => check.mutate()}>
          {t('assessment.check')}
        </Button>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          {t('common.save')}
        </Button>
      </Space>
      {parseError ? (
        <Alert type="error" showIcon message={t('assessment.badJson')} description={parseError} />
      ) : null}
      {check.isError ? <Alert type="error" showIcon message={errorText(t, check.error)} /> : null}
      {save.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('assessment.refused')}
          description={errorText(t, save.error)}
          style={{ whiteSpace: 'pre-line' }}
        />
      ) : null}
      {v ? (
        <>
          {v.ok ? (
            <Alert
              type="success"
              showIcon
              message={t('assessment.checkOk', { profile: v.profileId })}
              style={{ marginBottom: 8 }}
            />
          ) : null}
          {v.issues.map((i) => (
            <Alert
              key={i.path.join('.') + i.message}
              type="error"
              showIcon
              message={i.message}
              style={{ marginBottom: 8 }}
            />
          ))}
          <Findings list={v.violations} type="error" />
          <Findings list={v.warnings} type="warning" />
          <div>
            {t('assessment.shares')}：
            {v.shares.map((s) => (
              <Tag key={s.evaluator}>
                {s.nameZh} {pct(s.share, 2)}
              </Tag>
            ))}
          </div>
        </>
      ) : null}
    </Drawer>
  );
}
