import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Result, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { PortalInfo, PublicSubmitted } from '../api/demand-types.ts';
import { errorText } from '../api/errors.ts';
import { LinkButton } from '../components/LinkButton.tsx';
import { randomSecret } from '../components/random-id.ts';
import { saveSubmission } from './saved.ts';

interface SubmitForm {
  type: string;
  content: string;
  address: string;
  name?: string;
  phone: string;
  website?: string;
}

/**
 * 我要反映: a resident files a demand without an account. The form carries the token it got when it
 * opened (a minimum fill time, no captcha), a hidden honeypot field, and a secret it made itself —
 * shown with the tracking code afterwards, it lets only this resident rate the result.
 */
export default function PortalSubmitPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SubmitForm>();
  const info = useQuery({
    queryKey: ['portal-info'],
    queryFn: () => api<PortalInfo>('/api/public/portal'),
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const secret = useRef(randomSecret(12));
  const [done, setDone] = useState<{ result: PublicSubmitted; secret: string } | null>(null);

  useEffect(() => {
    document.title = `${t('portal.submitTitle')} · ${t('portal.brand')}`;
  }, [t]);

  const submit = useMutation({
    mutationFn: (v: SubmitForm) =>
      api<PublicSubmitted>('/api/public/demands', {
        method: 'POST',
        body: {
          formToken: info.data?.formToken,
          website: v.website ?? '',
          secret: secret.current,
          name: v.name || null,
          phone: v.phone.trim(),
          type: v.type,
          content: v.content,
          address: v.address,
        },
      }),
    meta: { silent: true },
    onSuccess: (result, v) => {
      saveSubmission({
        code: result.code,
        secret: secret.current,
        at: result.createdAt,
        summary: v.content.slice(0, 40),
      });
      setDone({ result, secret: secret.current });
      secret.current = randomSecret(12);
      form.resetFields();
      void info.refetch();
      window.scrollTo(0, 0);
    },
  });

  if (done) {
    return (
      <Card className="jd-portal-card" data-testid="portal-submitted">
        <Result
          status="success"
          title={t('portal.submitted')}
          subTitle={t('portal.submittedHint')}
          extra={[
            <LinkButton
              key="track"
              type="primary"
              to={`/portal/track/${done.result.code}`}
              data-testid="portal-track-link"
            >
              {t('portal.trackIt')}
            </LinkButton>,
            <Button key="again" onClick={() => setDone(null)}>
              {t('portal.another')}
            </Button>,
          ]}
        >
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            <div>
              {t('portal.code')}：
              <Typography.Text copyable strong style={{ fontSize: 18 }} data-testid="portal-code">
                {done.result.code}
              </Typography.Text>
            </div>
            <div>
              {t('portal.secret')}：
              <Typography.Text copyable strong style={{ fontSize: 18 }} data-testid="portal-secret">
                {done.secret}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary">{t('portal.keepSecret')}</Typography.Text>
          </Space>
        </Result>
      </Card>
    );
  }

  return (
    <Card className="jd-portal-card" title={<h1 className="jd-portal-title">{t('portal.submitTitle')}</h1>}>
      <Typography.Paragraph type="secondary">
        {t('portal.submitIntro', { district: info.data?.district.fullName ?? '' })}
      </Typography.Paragraph>
      <Alert type="warning" showIcon message={t('portal.emergency')} style={{ marginBottom: 16 }} />
      {submit.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={errorText(t, submit.error)}
          style={{ marginBottom: 16 }}
          data-testid="portal-error"
        />
      ) : null}
      <Form<SubmitForm>
        form={form}
        layout="vertical"
        initialValues={{ type: '投诉' }}
        onFinish={(v) => submit.mutate(v)}
        disabled={!info.data}
        data-testid="portal-form"
      >
        <Form.Item name="type" label={t('portal.type')}>
          <Radio.Group
            optionType="button"
            options={(info.data?.demandTypes ?? ['投诉']).map((v) => ({
              value: v,
              label: t(`demandTypes.${v}`, { defaultValue: v }),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('portal.content')}
          rules={[{ required: true, min: 10, message: t('portal.contentRule') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={2000}
            showCount
            placeholder={t('portal.contentPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('portal.address')}
          rules={[{ required: true, min: 4, message: t('portal.addressRule') }]}
        >
          <Input maxLength={300} placeholder={t('portal.addressPlaceholder')} />
        </Form.Item>
        <Form.Item name="name" label={t('portal.name')}>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('portal.phone')}
          extra={t('portal.phoneHint')}
          rules={[
            { required: true, message: t('portal.phoneRule') },
            { pattern: /^\s*(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})\s*$/, message: t('portal.phoneRule') },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>
        {/* Honeypot: people never see or reach it; naive bots fill every field. */}
        <div className="jd-hp" aria-hidden="true">
          <Form.Item name="website" label="Website">
            <Input tabIndex={-1} autoComplete="off" />
          </Form.Item>
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('portal.privacy')}
        </Typography.Paragraph>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={submit.isPending}
          data-testid="portal-submit"
        >
          {t('portal.send')}
        </Button>
      </Form>
    </Card>
  );
}
