import { useQueryClient } from '@tanstack/react-query';
import { App, Result, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { onSessionEnded } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { LinkButton } from '../components/LinkButton.tsx';
import { hasAnyRole, ME_KEY, sessionHint, useMe } from './session.ts';

/** Only signed-in people get past; a session that ends anywhere sends them back to log in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();

  useEffect(
    () =>
      onSessionEnded(() => {
        sessionHint.clear();
        queryClient.setQueryData(ME_KEY, null);
        void message.warning(t('login.sessionExpired'));
        void navigate('/login', { replace: true, state: { from: location.pathname } });
      }),
    [navigate, queryClient, message, t, location.pathname],
  );

  if (me.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" tip={t('common.loading')}>
          <div style={{ width: 80, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (me.isError) {
    // the listener above handles 401; anything else (server down) is shown with a retry
    return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

/** Shows a friendly 403 instead of a screen the person's role cannot use. */
export function RequireRole({ roles, children }: { roles: readonly Role[] | 'all'; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  if (hasAnyRole(me.data, roles)) return children;
  const names = (me.data?.roles ?? []).map((r) => t(`roles.${r.code}`)).join('、');
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.roleForbidden', { roles: names })}
      extra={
        <LinkButton type="primary" to="/workbench">
          {t('common.backToWorkbench')}
        </LinkButton>
      }
    />
  );
}
