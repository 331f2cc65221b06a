import {
  LockOutlined,
  SafetyCertificateOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import type { Me } from '../api/types.ts';
import { ME_KEY, sessionHint, useMe } from '../app/session.ts';
import { setLanguage } from '../i18n/index.ts';

interface Credentials {
  username: string;
  password: string;
  /** The second factor, asked for once the server says the account has one (TOTP_REQUIRED). */
  totp?: string;
}

/** Codes after which the form shows (or keeps) the one-time code field. */
const TOTP_CODES = new Set(['TOTP_REQUIRED', 'INVALID_TOTP']);

/** Log-in: user name and password; on success back to where the person was going. */
export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const me = useMe();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/workbench';
  const [askTotp, setAskTotp] = useState(false);

  const login = useMutation({
    mutationFn: (body: Credentials) => api<Me>('/api/auth/login', { method: 'POST', body }),
    meta: { silent: true },
    onError: (error) => {
      if (error instanceof ApiError && TOTP_CODES.has(error.code)) setAskTotp(true);
    },
    onSuccess: (data) => {
      sessionHint.set();
      queryClient.setQueryData(ME_KEY, data);
      void navigate(target, { replace: true });
    },
  });

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('common.appName')}`;
  }, [t]);

  if (me.data) return <Navigate to={target} replace />;
  const otherLang = i18n.language === 'en-US' ? 'zh-CN' : 'en-US';

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #0b2a5b 0%, #1f5fbf 60%, #e8eef8 60%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <span className="jd-brand-mark" style={{ width: 44, height: 44, fontSize: 22 }} aria-hidden>
            街
          </span>
          <Typography.Title level={1} style={{ fontSize: 22, margin: '12px 0 4px' }}>
            {t('common.appName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            message={errorText(t, login.error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form<Credentials>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => login.mutate(values)}
          disabled={login.isPending}
        >
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {askTotp && (
            <Form.Item
              label={t('account.loginTotp')}
              name="totp"
              extra={t('account.loginTotpHint')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('account.codeRequired') }]}
            >
              <Input
                prefix={<SafetyCertificateOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                data-testid="login-totp"
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button
            type="link"
            icon={<TranslationOutlined />}
            onClick={() => setLanguage(otherLang)}
            lang={otherLang}
          >
            {otherLang === 'en-US' ? 'English' : '中文'}
          </Button>
        </div>
      </Card>
    </main>
  );
}
