import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Badge, Card, Col, Empty, List, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useJurisdiction, useUnit, useUnits } from '../../api/queries.ts';
import type { Me } from '../../api/types.ts';
import { MODULES } from '../../app/modules.tsx';
import { hasAnyRole, rolesOf, scopeRootCode, useMe } from '../../app/session.ts';
import { TODO_SOURCES, type TodoItem } from '../../app/workbench-sources.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatNumber } from '../../components/format.ts';
import { GridMap } from '../../components/GridMap.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DemoTag } from '../jurisdiction/UnitDetail.tsx';

const SEVERITY_COLOR: Record<TodoItem['severity'], string> = {
  overdue: 'red',
  dueSoon: 'orange',
  normal: 'blue',
};

/** The person's to-do list, gathered from every source that fits their roles. */
function TodoCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roles = rolesOf(me);
  const sources = TODO_SOURCES.filter((s) => s.roles.some((r) => roles.includes(r)));
  const results = useQueries({
    queries: sources.map((s) => ({
      queryKey: ['todo', s.key],
      queryFn: () => s.load({ queryClient, roles }),
    })),
  });
  const pending = results.some((r) => r.isPending);
  const failed = results.find((r) => r.isError);
  const items = results.flatMap((r) => r.data ?? []);
  return (
    <Card title={t('workbench.todo')} size="small" data-testid="todo-card">
      {failed ? (
        <ErrorResult error={failed.error} onRetry={() => void failed.refetch()} />
      ) : pending ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : items.length === 0 ? (
        <Empty
          image={<CheckCircleOutlined style={{ fontSize: 48, color: '#52c41a' }} />}
          styles={{ image: { height: 56 } }}
          description={
            <>
              <div>{t('workbench.todoEmpty')}</div>
              <div className="jd-muted">{t('workbench.todoEmptyHint')}</div>
            </>
          }
          data-testid="todo-empty"
        />
      ) : (
        <List
          dataSource={items}
          renderItem={(item) => {
            const title = t(item.title.key, item.title.values);
            return (
              <List.Item
                key={item.key}
                extra={
                  <Link to={item.to} aria-label={`${t('workbench.open')}：${title}`}>
                    {t('workbench.open')} <RightOutlined />
                  </Link>
                }
              >
                <Space wrap>
                  <Tag color={SEVERITY_COLOR[item.severity]}>{t(`workbench.severity.${item.severity}`)}</Tag>
                  <Badge count={item.count} overflowCount={999} color={SEVERITY_COLOR[item.severity]} />
                  <span>{title}</span>
                </Space>
              </List.Item>
            );
          }}
          data-testid="todo-list"
        />
      )}
    </Card>
  );
}

function Shortcuts({ me }: { me: Me }) {
  const { t } = useTranslation();
  const modules = MODULES.filter((m) => m.key !== 'workbench' && m.menu !== false && hasAnyRole(me, m.roles));
  return (
    <Card title={t('workbench.shortcuts')} size="small">
      <Space wrap>
        {modules.map((m) => (
          <Link key={m.key} to={m.path}>
            <Tag icon={m.icon} style={{ padding: '4px 10px', fontSize: 14 }}>
              {t(m.label)}
            </Tag>
          </Link>
        ))}
      </Space>
    </Card>
  );
}

function DistrictOverview({ rootCode }: { rootCode: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const j = useJurisdiction();
  if (j.isError) return <ErrorResult error={j.error} />;
  const c = j.data?.counts ?? {};
  const departments =
    (c.center ?? 0) + (c.department ?? 0) + (c.stationed ?? 0) + (c.company ?? 0) + (c.resident_unit ?? 0);
  return (
    <Card
      title={j.data ? `${t('workbench.overview')} · ${j.data.fullName}` : t('workbench.overview')}
      size="small"
      loading={j.isPending}
      data-testid="overview"
    >
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('workbench.streets')} value={c.street ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('workbench.communities')} value={c.community ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('workbench.grids')} value={c.grid ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('workbench.departments')} value={departments} />
        </Col>
      </Row>
      <div style={{ marginTop: 12 }}>
        <GridMap within={rootCode} height={360} onSelect={(code) => void navigate(`/jurisdiction/${code}`)} />
      </div>
    </Card>
  );
}

/** A street, community or grid person's own area: its figures and its grids on a map. */
function MyArea({ code }: { code: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unit = useUnit(code);
  const isDivision = unit.data?.tree === 'division';
  const kids = useUnits({ parent: code }, isDivision && unit.data?.level !== 'grid');
  if (unit.isError) return <ErrorResult error={unit.error} />;
  if (unit.isPending) return <Card size="small" loading />;
  const u = unit.data;
  const title =
    u.level === 'grid'
      ? t('workbench.myGrid')
      : u.level === 'community'
        ? t('workbench.myCommunity')
        : u.level === 'street'
          ? t('workbench.myStreet')
          : t('workbench.unit');
  const sum = (k: 'households' | 'population') =>
    u[k] ?? (kids.data?.some((x) => x[k] !== null) ? kids.data.reduce((a, x) => a + (x[k] ?? 0), 0) : null);
  return (
    <Card
      size="small"
      data-testid="my-area"
      title={
        <Space wrap size={4}>
          <span>{title}</span>
          <Typography.Text strong>{u.name}</Typography.Text>
          <DemoTag unit={u} />
        </Space>
      }
    >
      {isDivision ? (
        <>
          {u.ancestors.length > 1 ? (
            <div className="jd-muted" style={{ marginBottom: 8 }}>
              {u.ancestors
                .slice(1)
                .map((a) => a.name)
                .join(' / ')}
            </div>
          ) : null}
          {u.level === 'grid' && u.households === null && u.population === null ? null : (
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              <Col xs={12} md={8}>
                <Statistic title={t('workbench.households')} value={formatNumber(sum('households'))} />
              </Col>
              <Col xs={12} md={8}>
                <Statistic title={t('workbench.population')} value={formatNumber(sum('population'))} />
              </Col>
              {kids.data && kids.data.length > 0 ? (
                <Col xs={12} md={8}>
                  <Statistic
                    title={t(`levels.${kids.data[0]?.level ?? 'community'}`)}
                    value={kids.data.length}
                  />
                </Col>
              ) : null}
            </Row>
          )}
          <GridMap within={code} height={280} onSelect={(c) => void navigate(`/jurisdiction/${c}`)} />
        </>
      ) : (
        <Typography.Text>{t(`levels.${u.level}`)}</Typography.Text>
      )}
    </Card>
  );
}

/** The landing page of every role: to-do, the person's area, shortcuts to their screens. */
export default function WorkbenchPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  const rootCode = scopeRootCode(me);
  const districtWide = rootCode.endsWith('000000');
  return (
    <>
      <PageHeader
        title={t('workbench.title')}
        sub={
          <span data-testid="workbench-sub">
            {t('workbench.greeting', { name: me.user.displayName })} ·{' '}
            {me.roles.map((r) => t(`roles.${r.code}`)).join('、')} · {me.user.unit.name}
          </span>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <TodoCard me={me} />
            <Shortcuts me={me} />
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          {districtWide ? <DistrictOverview rootCode={rootCode} /> : <MyArea code={rootCode} />}
        </Col>
      </Row>
    </>
  );
}
