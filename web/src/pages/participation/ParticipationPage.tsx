import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ConsultationTab } from './ConsultationTab.tsx';
import MeetingPage from './MeetingPage.tsx';
import { PartyTab } from './PartyTab.tsx';
import ProjectPage from './ProjectPage.tsx';
import { ProjectsTab } from './ProjectsTab.tsx';
import { VolunteersTab } from './VolunteersTab.tsx';

const TABS = ['consultation', 'projects', 'party', 'volunteers'] as const;

/**
 * 居民参与: one screen with a tab per concept (议事协商, 民意立项, 党员双报到, 志愿者), and the meeting and
 * project detail pages under it. Lists rather than wide tables, so community staff can work on a phone.
 */
export default function ParticipationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab, id } = useParams();
  if (tab === 'meetings' && id) return <MeetingPage />;
  if (tab === 'projects' && id) return <ProjectPage />;
  const active = (TABS as readonly string[]).includes(tab ?? '')
    ? (tab as (typeof TABS)[number])
    : 'consultation';
  const panes = {
    consultation: <ConsultationTab />,
    projects: <ProjectsTab />,
    party: <PartyTab />,
    volunteers: <VolunteersTab />,
  };
  return (
    <>
      <PageHeader title={t('participation.title')} sub={t('participation.intro')} />
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`/participation/${key}`)}
        destroyOnHidden
        items={TABS.map((key) => ({ key, label: t(`participation.tabs.${key}`), children: panes[key] }))}
      />
    </>
  );
}
