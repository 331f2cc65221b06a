import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Result,
  Space,
  Tag,
  Timeline,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { type PublicTrack, SATISFACTION } from '../api/demand-types.ts';
import { errorText, isNotFound } from '../api/errors.ts';
import { formatTime } from '../components/format.ts';
import { STATUS_COLOR } from '../pages/demands/labels.tsx';
import { savedSubmissions, secretFor } from './saved.ts';

const CODE = /^JD\d{6}[0-9A-Z]{6}$/;

interface RateForm {
  secret: string;
  resolved: boolean;
  satisfaction: string;
  note?: string;
}

function RatingCard({ code, onRated }: { code: string; onRated: (statusName: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RateForm>();
  const rate = useMutation({
    mutationFn: (v: RateForm) =>
      api<{ closed: boolean; status: string }>(`/api/public/demands/${code}/rating`, {
        method: 'POST',
        body: {
          secret: v.secret.trim(),
          resolved: v.resolved,
          satisfaction: v.satisfaction,
          note: v.note || null,
        },
      }),
    meta: { silent: true },
    onSuccess: (r) => onRated(t(`demandStatus.${r.status}`)),
  });
  return (
    <Card size="small" title={t('portal.rateTitle')} data-testid="portal-rate">
      {rate.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={errorText(t, rate.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form<RateForm>
        form={form}
        layout="vertical"
        initialValues={{ secret: secretFor(code) ?? '' }}
        onFinish={(v) => rate.mutate(v)}
      >
        <Form.Item
          name="secret"
          label={t('portal.secret')}
          extra={t('portal.secretHint')}
          rules={[{ required: true, message: t('portal.secretRule') }]}
        >
          <Input autoComplete="off" autoCapitalize="characters" />
        </Form.Item>
        <Form.Item
          name="resolved"
          label={t('portal.resolvedQ')}
          rules={[{ required: true, message: t('actions.pickOne') }]}
        >
          <Radio.Group
            options={[
              { value: true, label: t('timeline.resolved') },
              { value: false, label: t('timeline.unresolved') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="satisfaction"
          label={t('portal.satisfiedQ')}
          rules={[{ required: true, message: t('actions.pickOne') }]}
        >
          <Radio.Group options={SATISFACTION.map((s) => ({ value: s, label: t(`satisfaction.${s}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('portal.rateNote')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={rate.isPending}
          block
          data-testid="portal-rate-submit"
        >
          {t('portal.rateSend')}
        </Button>
      </Form>
    </Card>
  );
}

/** 进度查询: a demand by its tracking code — status, steps and deadline, no personal data — and rating. */
export default function PortalTrackPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [input, setInput] = useState(code ?? '');
  // the thank-you stays after the refetch shows the new status (the form is gone by then)
  const [rated, setRated] = useState<{ code: string; statusName: string } | null>(null);
  const valid = Boolean(code && CODE.test(code));
  const q = useQuery({
    queryKey: ['portal-track', code],
    queryFn: () => api<PublicTrack>(`/api/public/demands/${code}`),
    enabled: valid,
    retry: false,
  });
  useEffect(() => {
    document.title = `${t('portal.trackTitle')} · ${t('portal.brand')}`;
  }, [t]);
  const saved = savedSubmissions();
  const go = (v: string) => {
    const c = v.trim().toUpperCase();
    if (c) void navigate(`/portal/track/${c}`);
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card className="jd-portal-card" title={<h1 className="jd-portal-title">{t('portal.trackTitle')}</h1>}>
        <Input.Search
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onSearch={go}
          enterButton={t('portal.query')}
          placeholder="JD…"
          aria-label={t('portal.code')}
          size="large"
          data-testid="portal-code-input"
        />
        {code && !valid ? (
          <Alert type="error" showIcon message={t('portal.badCode')} style={{ marginTop: 12 }} />
        ) : null}
      </Card>
      {valid && q.isError ? (
        <Card className="jd-portal-card">
          <Result
            status={isNotFound(q.error) ? '404' : 'error'}
            title={isNotFound(q.error) ? t('portal.notFound') : errorText(t, q.error)}
          />
        </Card>
      ) : null}
      {valid && q.data ? (
        <Card className="jd-portal-card" data-testid="portal-track">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('portal.code')}>{q.data.code}</Descriptions.Item>
            <Descriptions.Item label={t('demands.status')}>
              <Tag
                color={STATUS_COLOR[q.data.status] ?? 'default'}
                data-testid="status-tag"
                data-status={q.data.status}
              >
                {q.data.status === 'replied'
                  ? t('portal.awaitingRating')
                  : t(`demandStatus.${q.data.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('demands.type')}>{q.data.type}</Descriptions.Item>
            <Descriptions.Item label={t('demands.category')}>{q.data.category ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('demands.createdAt')}>
              {formatTime(q.data.createdAt)}
            </Descriptions.Item>
            {q.data.dueAt ? (
              <Descriptions.Item label={t('portal.dueAt')}>{formatTime(q.data.dueAt)}</Descriptions.Item>
            ) : null}
            {q.data.closedAt ? (
              <Descriptions.Item label={t('demandDetail.closedAt')}>
                {formatTime(q.data.closedAt)}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Timeline
            style={{ marginTop: 16 }}
            data-testid="portal-steps"
            items={q.data.steps.map((s, i) => ({
              key: `${s.type}-${i}`,
              children: (
                <span data-testid="portal-step" data-type={s.type}>
                  <strong>{t(`publicSteps.${s.type}`, { defaultValue: t(`events.${s.type}`) })}</strong>
                  <span className="jd-muted" style={{ marginInlineStart: 8 }}>
                    {formatTime(s.at)}
                  </span>
                </span>
              ),
            }))}
          />
          {rated?.code === q.data.code ? (
            <div data-testid="portal-rated">
              <Result status="success" title={t('portal.rated')} subTitle={rated.statusName} />
            </div>
          ) : q.data.status === 'replied' ? (
            <RatingCard
              code={q.data.code}
              onRated={(statusName) => {
                setRated({ code: q.data.code, statusName });
                void queryClient.invalidateQueries({ queryKey: ['portal-track', code] });
              }}
            />
          ) : null}
        </Card>
      ) : null}
      <Card className="jd-portal-card" size="small" title={t('portal.mine')}>
        {saved.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.mineEmpty')} />
        ) : (
          <List
            size="small"
            dataSource={saved}
            renderItem={(s) => (
              <List.Item>
                <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                  <Link to={`/portal/track/${s.code}`}>{s.code}</Link>
                  <span className="jd-muted">
                    {formatTime(s.at)} · {s.summary}
                  </span>
                </Space>
                <Tag>{t('portal.secretSaved')}</Tag>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
