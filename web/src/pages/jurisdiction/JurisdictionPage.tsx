import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useJurisdiction, useUnit, useUnits } from '../../api/queries.ts';
import type { OrgUnit } from '../../api/types.ts';
import { hasAnyRole, scopeRootCode, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { GridMap } from '../../components/GridMap.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitDetail } from './UnitDetail.tsx';
import { UnitTree } from './UnitTree.tsx';

/**
 * Which grids the map shows for a selected unit (from its code, so the map does not wait for the
 * unit): a street's or community's own grids, a grid's community; else the whole jurisdiction.
 */
function mapScope(code: string | undefined, rootCode: string): string {
  if (!code || !/^\d+$/.test(code)) return rootCode;
  const candidate = code.length === 15 ? code.slice(0, 12) : code;
  return isWithin(candidate, rootCode) ? candidate : rootCode;
}

/** Division codes: district xxxxxx000000, street xxxxxxxxx000, community 12 digits, grid 15 digits. */
function isWithin(code: string, rootCode: string): boolean {
  if (rootCode.endsWith('000000')) return code.startsWith(rootCode.slice(0, 6));
  if (rootCode.length === 12 && rootCode.endsWith('000')) return code.startsWith(rootCode.slice(0, 9));
  return code.startsWith(rootCode);
}

/** 辖区: the tree of streets → communities → grids, the grid map and the selected unit's details. */
export default function JurisdictionPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const navigate = useNavigate();
  const me = useMe().data;
  const jurisdiction = useJurisdiction();
  const rootCode = me ? scopeRootCode(me) : '';
  const rootIsDistrict = rootCode.endsWith('000000');
  const streets = useUnits({ level: 'street' }, rootIsDistrict);
  const rootUnit = useUnit(rootIsDistrict ? undefined : rootCode);
  const selectedUnit = useUnit(code);
  const [updated, setUpdated] = useState<OrgUnit>();

  const roots: OrgUnit[] = rootIsDistrict ? (streets.data ?? []) : rootUnit.data ? [rootUnit.data] : [];
  const scopeDepth = rootCode ? (me?.scopePath.split('/').filter(Boolean).length ?? 1) : 1;
  const expandTo = useMemo(
    () => (selectedUnit.data?.ancestors ?? []).slice(Math.max(scopeDepth - 1, 1)).map((a) => a.code),
    [selectedUnit.data, scopeDepth],
  );
  const select = (c: string) => void navigate(`/jurisdiction/${c}`);
  const j = jurisdiction.data;
  const treeError = streets.error ?? rootUnit.error;

  return (
    <>
      <PageHeader
        title={t('jurisdiction.title')}
        sub={
          j
            ? `${j.fullName} · ${t('jurisdiction.summary', {
                streets: j.counts.street ?? 0,
                communities: j.counts.community ?? 0,
                grids: j.counts.grid ?? 0,
              })}`
            : undefined
        }
        extra={
          hasAnyRole(me, ['district_admin']) ? (
            <LinkButton icon={<CloudUploadOutlined />} to="/grids/import">
              {t('jurisdiction.importGrids')}
            </LinkButton>
          ) : null
        }
      />
      {j?.geometryIsSynthetic ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${t('common.syntheticGeometry')}：${t('common.syntheticGeometryHint')}`}
        />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={9} xl={8}>
          <Card title={t('jurisdiction.tree')} size="small">
            {treeError ? (
              <ErrorResult error={treeError} />
            ) : roots.length === 0 ? (
              <Spin style={{ display: 'block', margin: '32px auto' }} />
            ) : (
              <UnitTree
                roots={roots}
                selected={code}
                expandTo={expandTo}
                onSelect={select}
                updated={updated}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <Row gutter={[12, 12]}>
            <Col span={24}>
              <UnitDetail code={code} onUpdated={setUpdated} />
            </Col>
            <Col span={24}>
              <Card title={t('jurisdiction.map')} size="small">
                {rootCode ? (
                  <GridMap
                    within={selectedUnit.isError ? rootCode : mapScope(code, rootCode)}
                    selected={code}
                    onSelect={select}
                  />
                ) : null}
              </Card>
            </Col>
          </Row>
        </Col>
      </Row>
    </>
  );
}
