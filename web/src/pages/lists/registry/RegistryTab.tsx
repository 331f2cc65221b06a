import { Space } from 'antd';
import { FormsCard } from './FormsCard.tsx';
import { MeetingsCard } from './MeetingsCard.tsx';

/** 报表与会议 (减负): the forms registry and the registered meetings that require community staff. */
export function RegistryTab() {
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <FormsCard />
      <MeetingsCard />
    </Space>
  );
}
