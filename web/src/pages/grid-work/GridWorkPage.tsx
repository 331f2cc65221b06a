import { Result, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAssignments } from './grid-work-api.ts';
import { MineTab } from './MineTab.tsx';
import { PatrolTab } from './PatrolTab.tsx';
import { ReportTab } from './ReportTab.tsx';

const TABS = ['patrol', 'report', 'mine'] as const;
type Tab = (typeof TABS)[number];

/** The grid the person works: their own unit when it is a grid, else their 网格员 post. */
function useMyGrid(): { code: string; name: string } | null | undefined {
  const me = useMe().data;
  const assignments = useAssignments();
  if (!me) return undefined;
  if (me.user.unit.level === 'grid') return { code: me.user.unit.code, name: me.user.unit.name };
  if (assignments.isPending) return undefined;
  const post = assignments.data?.find(
    (a) => a.active && a.post === 'grid_worker' && a.person.name === me.user.displayName,
  );
  return post ? post.unit : null;
}

/**
 * 网格巡查: the grid worker's phone screen — today's patrol log, reporting a grid event with its
 * category, point and photos, and the events they reported, with verification of the disposed ones.
 */
export default function GridWorkPage() {
  const { t } = useTranslation();
  const grid = useMyGrid();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'patrol';
  const setTab = (key: string) => setParams({ tab: key }, { replace: true });

  if (grid === undefined) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (grid === null)
    return (
      <>
        <PageHeader title={t('gridWork.title')} />
        <Result status="info" title={t('gridWork.noGrid')} />
      </>
    );
  return (
    <div className="jd-grid-work" style={{ maxWidth: 640 }}>
      <PageHeader title={t('gridWork.title')} sub={t('gridWork.intro', { grid: grid.name })} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'patrol', label: t('gridWork.tabs.patrol'), children: <PatrolTab gridCode={grid.code} /> },
          {
            key: 'report',
            label: t('gridWork.tabs.report'),
            children: <ReportTab gridCode={grid.code} onReported={() => setTab('mine')} />,
          },
          { key: 'mine', label: t('gridWork.tabs.mine'), children: <MineTab /> },
        ]}
      />
    </div>
  );
}
