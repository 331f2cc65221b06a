import { useQueryClient } from '@tanstack/react-query';
import { Spin, Tree, type TreeDataNode } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchUnits, keys } from '../../api/queries.ts';
import type { OrgUnit } from '../../api/types.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatNumber } from '../../components/format.ts';
import { DemoTag } from './UnitDetail.tsx';

function UnitTitle({ unit }: { unit: OrgUnit }) {
  const { t } = useTranslation();
  const facts = [
    unit.households !== null ? t('jurisdiction.householdsShort', { count: unit.households }) : null,
    unit.population !== null ? t('jurisdiction.populationShort', { count: unit.population }) : null,
  ].filter(Boolean);
  return (
    <span className="jd-tree-title" data-code={unit.code}>
      <span>{unit.level === 'grid' ? unit.shortName || unit.name : unit.name}</span>
      {facts.length > 0 ? (
        <span className="jd-muted">{facts.join(' · ').replace(/\d+/g, (d) => formatNumber(Number(d)))}</span>
      ) : null}
      {unit.flags.map((f) => (
        <span key={f} className="jd-muted">
          [{t(`flags.${f}`, { defaultValue: f })}]
        </span>
      ))}
      {unit.level === 'community' ? <DemoTag unit={unit} /> : null}
    </span>
  );
}

/**
 * Streets → communities → grids, loaded a level at a time. Arrow keys move, Enter selects
 * (antd Tree's own keyboard handling).
 */
export function UnitTree({
  roots,
  selected,
  expandTo,
  onSelect,
  updated,
}: {
  roots: OrgUnit[];
  selected?: string;
  /** Codes to open (the selected unit's ancestors). */
  expandTo: string[];
  onSelect: (code: string) => void;
  /** A unit just edited: its new values replace the old in the tree. */
  updated?: OrgUnit;
}) {
  const queryClient = useQueryClient();
  const [children, setChildren] = useState<Record<string, OrgUnit[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (expandTo.length > 0) setExpanded((prev) => [...new Set([...prev, ...expandTo])]);
  }, [expandTo]);

  useEffect(() => {
    if (!updated) return;
    setChildren((prev) => {
      const next: Record<string, OrgUnit[]> = {};
      for (const [k, list] of Object.entries(prev)) {
        next[k] = list.map((u) => (u.code === updated.code ? updated : u));
      }
      return next;
    });
  }, [updated]);

  const load = useCallback(
    async (code: string) => {
      if (children[code]) return;
      try {
        const items = await queryClient.fetchQuery({
          queryKey: keys.units({ parent: code }),
          queryFn: () => fetchUnits({ parent: code }),
        });
        setChildren((prev) => ({ ...prev, [code]: items }));
      } catch (err) {
        setError(err);
      }
    },
    [children, queryClient],
  );

  const treeData = useMemo(() => {
    const build = (u: OrgUnit, rootUpdated: OrgUnit | undefined): TreeDataNode => {
      const unit = rootUpdated?.code === u.code ? rootUpdated : u;
      const kids = children[u.code];
      return {
        key: u.code,
        title: <UnitTitle unit={unit} />,
        isLeaf: u.level === 'grid',
        children: kids?.map((k) => build(k, rootUpdated)),
      };
    };
    return roots.map((r) => build(r, updated));
  }, [roots, children, updated]);

  if (error) return <ErrorResult error={error} onRetry={() => setError(null)} />;
  if (roots.length === 0) return <Spin />;
  return (
    <Tree
      treeData={treeData}
      loadData={(node) => load(String(node.key))}
      expandedKeys={expanded}
      onExpand={(keysNow) => setExpanded(keysNow.map(String))}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keysNow) => {
        const k = keysNow[0];
        if (k !== undefined) onSelect(String(k));
      }}
      height={520}
      blockNode
      data-testid="unit-tree"
    />
  );
}
