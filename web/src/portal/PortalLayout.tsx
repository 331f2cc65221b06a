import { TranslationOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { setLanguage } from '../i18n/index.ts';

/**
 * The residents' portal frame (no log-in, outside the staff layout): brand, three tabs — 我要反映,
 * 进度查询, 公开统计 — and the language switch; one narrow column that works on a phone.
 */
export default function PortalLayout() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const otherLang = i18n.language === 'en-US' ? 'zh-CN' : 'en-US';
  const key = location.pathname.startsWith('/portal/track')
    ? 'track'
    : location.pathname.startsWith('/portal/stats')
      ? 'stats'
      : 'submit';
  return (
    <Layout style={{ minHeight: '100vh', background: '#f3f6fb' }}>
      <a className="skip-link" href="#portal-main">
        {t('common.skipToContent')}
      </a>
      <Layout.Header className="jd-header jd-portal-header">
        <div className="jd-brand">
          <span className="jd-brand-mark" aria-hidden>
            街
          </span>
          <span>{t('portal.brand')}</span>
        </div>
        <div className="jd-header-spacer" />
        <Button
          type="text"
          style={{ color: '#fff' }}
          icon={<TranslationOutlined />}
          onClick={() => setLanguage(otherLang)}
          lang={otherLang}
        >
          {otherLang === 'en-US' ? 'EN' : '中文'}
        </Button>
      </Layout.Header>
      <nav aria-label={t('portal.nav')} className="jd-portal-nav">
        <Menu
          mode="horizontal"
          selectedKeys={[key]}
          onClick={({ key: k }) => void navigate(k === 'submit' ? '/portal' : `/portal/${k}`)}
          items={[
            { key: 'submit', label: t('portal.submitTab') },
            { key: 'track', label: t('portal.trackTab') },
            { key: 'stats', label: t('portal.statsTab') },
          ]}
          style={{ justifyContent: 'center' }}
          data-testid="portal-nav"
        />
      </nav>
      <main id="portal-main" className="jd-portal-main" tabIndex={-1}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="jd-portal-footer">
        <span>{t('portal.footer')}</span> · <Link to="/login">{t('portal.staffLogin')}</Link>
      </footer>
    </Layout>
  );
}
