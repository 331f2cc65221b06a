import {
  LogoutOutlined,
  MenuOutlined,
  SafetyCertificateOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Space, Spin, Tag } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { ClampedText } from '../components/ClampedText.tsx';
import { type Language, setLanguage } from '../i18n/index.ts';
import { MODULES } from './modules.tsx';
import { hasAnyRole, sessionHint, useMe } from './session.ts';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: brand, the person and their unit, the role's menu, the page. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const modules = useMemo(() => MODULES.filter((m) => m.menu !== false && hasAnyRole(me, m.roles)), [me]);
  const selected = modules
    .filter((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.key;
  const items: MenuProps['items'] = modules.map((m) => ({ key: m.key, icon: m.icon, label: t(m.label) }));
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    const m = modules.find((x) => x.key === key);
    if (m) void navigate(m.path);
    setDrawerOpen(false);
  };

  const logout = useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      sessionHint.clear();
      queryClient.clear();
      queryClient.setQueryData(['me'], null);
      void message.success(t('login.loggedOut'));
      void navigate('/login', { replace: true });
    },
  });

  if (!me) return null;
  const roleNames = me.roles.map((r) => t(`roles.${r.code}`)).join('、');
  const otherLang: Language = i18n.language === 'en-US' ? 'zh-CN' : 'en-US';
  const langLabel = otherLang === 'en-US' ? 'English' : '中文';

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div>
            <div>{me.user.displayName}</div>
            <div className="jd-muted">
              {roleNames} · {me.user.unit.name}
            </div>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'security', icon: <SafetyCertificateOutlined />, label: t('account.menu') },
      { key: 'lang', icon: <TranslationOutlined />, label: langLabel },
      { key: 'logout', icon: <LogoutOutlined />, label: t('common.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'lang') setLanguage(otherLang);
      if (key === 'security') void navigate('/account/security');
      if (key === 'logout') logout.mutate();
    },
  };

  const menu = (
    <Menu
      mode="inline"
      theme={narrow ? 'light' : 'dark'}
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={onMenu}
      aria-label={t('nav.mainMenu')}
      data-testid="main-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <Header className="jd-header">
        {narrow ? (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            aria-label={t('nav.openMenu')}
            onClick={() => setDrawerOpen(true)}
            data-testid="menu-toggle"
          />
        ) : null}
        <div className="jd-brand">
          <span className="jd-brand-mark" aria-hidden>
            街
          </span>
          <span>{narrow ? t('common.appShort') : t('common.appName')}</span>
        </div>
        <div className="jd-header-spacer" />
        {narrow ? null : (
          <Space size="small">
            <Tag color="geekblue" data-testid="user-unit">
              {me.user.unit.name}
            </Tag>
            <Button
              type="text"
              style={{ color: '#fff' }}
              icon={<TranslationOutlined />}
              onClick={() => setLanguage(otherLang)}
              lang={otherLang}
            >
              {langLabel}
            </Button>
          </Space>
        )}
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <Button
            type="text"
            style={{ color: '#fff', maxWidth: narrow ? 140 : 220 }}
            icon={<UserOutlined />}
            aria-label={t('common.userMenu')}
            data-testid="user-menu"
          >
            <ClampedText rows={1} style={{ color: '#fff', maxWidth: narrow ? 90 : 170 }}>
              {me.user.displayName}
            </ClampedText>
          </Button>
        </Dropdown>
      </Header>
      <Layout>
        {narrow ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            width={260}
            title={
              <div>
                <div>{me.user.displayName}</div>
                <div className="jd-muted" data-testid="user-unit">
                  {roleNames} · {me.user.unit.name}
                </div>
              </div>
            }
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider width={208} breakpoint="lg" collapsible collapsedWidth={64}>
            {menu}
          </Sider>
        )}
        <Content id="main" className="jd-content" tabIndex={-1}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
