import { Space } from 'antd';
import { useState } from 'react';
import { FILE_ROLES, useCan } from '../lists-api.ts';
import { FileRequestCard } from './FileRequestCard.tsx';
import { ProposeModal } from './ProposalModals.tsx';
import { ProposalsCard } from './ProposalsCard.tsx';
import { RequestsTable } from './RequestsTable.tsx';

/** 工作请求 (减负): file a request citing the access list, see those sent and received, propose items. */
export function RequestsTab() {
  const canFile = useCan(FILE_ROLES);
  const [proposing, setProposing] = useState(false);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {canFile ? <FileRequestCard onPropose={() => setProposing(true)} /> : null}
      <RequestsTable />
      <ProposalsCard onPropose={() => setProposing(true)} />
      {canFile ? <ProposeModal open={proposing} onClose={() => setProposing(false)} /> : null}
    </Space>
  );
}
