import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, QRCode, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';

interface TotpStatus {
  enabled: boolean;
  pending: boolean;
}
interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

const TOTP_KEY = ['auth', 'totp'];
const codeRules = (message: string) => [{ required: true, pattern: /^\d{6}$/, message }];

/** The signed-in person's own second factor: set up (QR code), confirm with a first code, disable. */
export default function SecurityPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: TOTP_KEY, queryFn: () => api<TotpStatus>('/api/auth/totp') });
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const done = (text: string) => {
    setSetup(null);
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: TOTP_KEY });
  };
  const start = useMutation({
    mutationFn: () => api<TotpSetup>('/api/auth/totp/setup', { method: 'POST' }),
    onSuccess: setSetup,
  });
  const enable = useMutation({
    mutationFn: (code: string) => api<void>('/api/auth/totp/enable', { method: 'POST', body: { code } }),
    meta: { silent: true },
    onSuccess: () => done(t('account.enabledOk')),
  });
  const disable = useMutation({
    mutationFn: (code: string) => api<void>('/api/auth/totp/disable', { method: 'POST', body: { code } }),
    meta: { silent: true },
    onSuccess: () => done(t('account.disabledOk')),
  });
  const enabled = status.data?.enabled ?? false;

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('account.totpTitle')}
          {status.data && (
            <Tag color={enabled ? 'green' : 'default'} data-testid="totp-status">
              {enabled ? t('account.enabled') : t('account.disabled')}
            </Tag>
          )}
        </Space>
      }
      style={{ maxWidth: 640 }}
    >
      <Typography.Paragraph type="secondary">{t('account.totpIntro')}</Typography.Paragraph>
      {!enabled && !setup && (
        <Button
          type="primary"
          onClick={() => start.mutate()}
          loading={start.isPending}
          data-testid="totp-start"
        >
          {t('account.start')}
        </Button>
      )}
      {!enabled && setup && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text strong>{t('account.scan')}</Typography.Text>
          <QRCode value={setup.otpauthUri} size={180} />
          <Typography.Text>
            {t('account.secret')}：
            <Typography.Text code copyable data-testid="totp-secret">
              {setup.secret}
            </Typography.Text>
          </Typography.Text>
          <Alert type="warning" showIcon message={t('account.secretOnce')} />
          <Typography.Text strong>{t('account.confirm')}</Typography.Text>
          <CodeForm
            submit={t('account.enable')}
            pending={enable.isPending}
            error={enable.isError ? errorText(t, enable.error) : null}
            onCode={(code) => enable.mutate(code)}
          />
        </Space>
      )}
      {enabled && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text>{t('account.disableIntro')}</Typography.Text>
          <CodeForm
            submit={t('account.disable')}
            danger
            pending={disable.isPending}
            error={disable.isError ? errorText(t, disable.error) : null}
            onCode={(code) => disable.mutate(code)}
          />
        </Space>
      )}
    </Card>
  );
}

function CodeForm(props: {
  submit: string;
  pending: boolean;
  error: string | null;
  danger?: boolean;
  onCode: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Form<{ code: string }> layout="inline" onFinish={({ code }) => props.onCode(code)}>
      <Form.Item name="code" rules={codeRules(t('account.codeRequired'))}>
        <Input
          placeholder={t('account.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          style={{ width: 140 }}
          data-testid="totp-code"
        />
      </Form.Item>
      <Button htmlType="submit" type="primary" danger={props.danger} loading={props.pending}>
        {props.submit}
      </Button>
      {props.error && (
        <Alert
          type="error"
          showIcon
          message={props.error}
          style={{ marginTop: 8, width: '100%' }}
          role="alert"
        />
      )}
    </Form>
  );
}
