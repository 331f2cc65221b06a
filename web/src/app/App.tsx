import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin, theme } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiError } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import i18n from '../i18n/index.ts';
import LoginPage from '../pages/LoginPage.tsx';
import NotFoundPage from '../pages/NotFoundPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { RequireAuth, RequireRole } from './guards.tsx';
import { MODULES } from './modules.tsx';
import { notifier } from './notify.ts';

const PortalLayout = lazy(() => import('../portal/PortalLayout.tsx'));
const PortalSubmitPage = lazy(() => import('../portal/PortalSubmitPage.tsx'));
const PortalTrackPage = lazy(() => import('../portal/PortalTrackPage.tsx'));
const PortalStatsPage = lazy(() => import('../portal/PortalStatsPage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; a dropped connection might.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400),
    },
  },
  // Every failed action tells the person why (queries show their error where the data would be).
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (mutation.meta?.silent) return;
      const requestId = error instanceof ApiError ? error.requestId : null;
      notifier.error(
        errorText(i18n.t, error),
        requestId ? i18n.t('common.requestId', { id: requestId }) : undefined,
      );
    },
  }),
});

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The residents' portal: no log-in, its own frame outside the staff layout.
  {
    path: '/portal',
    element: (
      <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
        <PortalLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <PortalSubmitPage /> },
      { path: 'track', element: <PortalTrackPage /> },
      { path: 'track/:code', element: <PortalTrackPage /> },
      { path: 'stats', element: <PortalStatsPage /> },
    ],
  },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/workbench" replace /> },
      ...MODULES.flatMap((m) =>
        [m.path, ...(m.extraPaths ?? [])].map((path) => ({
          path,
          element: <RequireRole roles={m.roles}>{m.element}</RequireRole>,
        })),
      ),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

function NotifierBridge() {
  const { notification } = AntApp.useApp();
  useEffect(() => {
    notifier.bind(notification);
    return () => notifier.bind(null);
  }, [notification]);
  return null;
}

/** Providers (data cache, antd theme and locale, i18n) around the router. */
export function App() {
  const { i18n: i18nInstance } = useTranslation();
  const lang = i18nInstance.language;
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={lang === 'en-US' ? enUS : zhCN}
        theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }}
      >
        <AntApp>
          <NotifierBridge />
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { silent?: boolean };
  }
}
